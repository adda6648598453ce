"""The `enclaveplan` command: parse, call the library, print; no rule lives here.

`app` holds the parser, `main` and the roster commands (validate, show, solve, check, suggest,
generate); `scenario` and `pool` add their command groups through `COMMAND_MODULES`; `common`
holds what every command shares (exit codes, InvalidInput, reading the company and the date), so
no command module imports another. The service's commands register as entry points.
"""

from __future__ import annotations

import logging
import os
import sys


def main(argv: list[str] | None = None) -> int:
    """The command line as a function: its exit code (tests and `python -m` call this)."""
    from solver.cli.app import main as run

    return run(argv)


def command() -> None:
    """The `enclaveplan` process (pyproject.toml: `solver.cli:command`): `main`, then out.

    The interpreter's teardown (freeing pandas, numpy, CP-SAT and the company's objects one by
    one) took ~50 ms of a cold `solve`'s 0.5 s (issue 17), for memory the operating system takes
    back anyway. So once the command is done and its output flushed (the logs, stdout, stderr;
    files it wrote are closed by then), the process ends without it."""
    code = main()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`| head`) or stream: nothing to save
            code = code or 1
    os._exit(code or 0)


__all__ = ["command", "main"]
