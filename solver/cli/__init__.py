"""The `enclaveplan` command: parse, call the library, print; no rule lives here.

`app` holds the parser, `main` and the roster commands (validate, show, solve, check, suggest,
generate); `scenario` and `pool` add their command groups through `COMMAND_MODULES`; `common`
holds what every command shares (exit codes, InvalidInput, reading the company and the date), so
no command module imports another. The service's commands register as entry points.
"""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    """The `enclaveplan` entry point (pyproject.toml: `solver.cli:main`)."""
    from solver.cli.app import main as run

    return run(argv)


__all__ = ["main"]
