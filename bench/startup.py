"""Issue 17, start-up: how close is a cold `enclaveplan solve` to the floor of importing CP-SAT?

A cold command cannot start faster than a Python process that imports OR-Tools' CP-SAT (which
itself imports numpy and pandas). In the same run, alternating so the machine's load (two cores
shared by several engineers) falls on both alike, this times `runs` cold processes each of

- (a) `python -c "import ortools.sat.python.cp_model"`, the floor;
- (b) `enclaveplan solve data/westlandia --date 2027-03-22` (the console script next to this
  Python, its output to /dev/null),

and reports their medians and the ratio (b)/(a) (issue 17 asks ≤ 1.5), then the imports of one
more run of (b) under `-X importtime`, the top ones by cumulative time: what a cold solve still
pays for. Wall time of the whole process, as a person at the command line waits for it.

Both run with bytecode caches, as an installed command has them: the shells of this machine set
PYTHONDONTWRITEBYTECODE=1, which makes every process compile the project's modules again, so
the processes get a cache of their own in a temporary directory (PYTHONPYCACHEPREFIX), filled by
one run of each before the timed ones. (b) is also timed without it (`no bytecode cache`).

    python -m bench.startup [--runs 10] [--out bench/startup_results.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "westlandia"
DAY = "2027-03-22"  # a Monday the example company works
FLOOR = [sys.executable, "-c", "import ortools.sat.python.cp_model"]
TOP = 15  # imports listed


def solve_command(day: str = DAY) -> list[str]:
    """`enclaveplan solve` as a person types it: the console script when it is installed next to
    this Python, else the same entry point through `python -m solver.cli`."""
    script = Path(sys.executable).with_name("enclaveplan")
    head = [str(script)] if script.exists() else [sys.executable, "-m", "solver.cli"]
    return [*head, "solve", str(EXAMPLE), "--date", day]


def cold_seconds(command: list[str], env: dict[str, str] | None = None) -> float:
    """Wall seconds of one fresh process running `command` (its output discarded)."""
    start = time.perf_counter()
    subprocess.run(
        command,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
        env=env,
    )
    return time.perf_counter() - start


def cached_env(cache: str) -> dict[str, str]:
    """This environment with bytecode written to and read from `cache`."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": cache}


def uncached_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPYCACHEPREFIX"}
    return {**env, "PYTHONDONTWRITEBYTECODE": "1"}


def import_times(command: list[str], env: dict[str, str]) -> list[tuple[int, int, int, str]]:
    """(cumulative µs, self µs, depth, module) of every import of one run of `command`, from
    Python's `-X importtime` (set through PYTHONPROFILEIMPORTTIME, so the console script runs as
    it is)."""
    env = {**env, "PYTHONPROFILEIMPORTTIME": "1"}
    done = subprocess.run(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:"):
            continue
        parts = line[len("import time:") :].split("|")
        if len(parts) != 3 or not parts[0].strip().isdigit():
            continue  # the header line
        name = parts[2].rstrip()
        depth = (len(name) - len(name.lstrip())) // 2
        rows.append((int(parts[1]), int(parts[0]), depth, name.strip()))
    return rows


def beyond_floor(imports: list, floor_imports: list) -> list[tuple[float, str]]:
    """What (b) imports that (a) does not, by self time (ms), grouped by package (`solver.*`
    by its layer): the start-up a cold solve pays beyond the floor."""
    floor = {name for *_, name in floor_imports}
    groups: dict[str, float] = {}
    for _, own, _, name in imports:
        if name in floor:
            continue
        parts = name.split(".")
        group = ".".join(parts[:2]) if parts[0] == "solver" else parts[0]
        groups[group] = groups.get(group, 0.0) + own / 1000
    return sorted(((ms, group) for group, ms in groups.items()), reverse=True)


def measure(runs: int, day: str = DAY) -> dict:
    solve = solve_command(day)
    floor, cold, uncached = [], [], []
    with tempfile.TemporaryDirectory(prefix="enclaveplan-pyc-") as cache:
        env, plain = cached_env(cache), uncached_env()
        cold_seconds(FLOOR, env)  # fill the bytecode and file caches: "cold" is a new process
        cold_seconds(solve, env)
        for _ in range(runs):  # alternating, so a busy moment falls on all alike
            floor.append(cold_seconds(FLOOR, env))
            cold.append(cold_seconds(solve, env))
            uncached.append(cold_seconds(solve, plain))
        imports = import_times(solve, env)
        floor_imports = import_times(FLOOR, env)
    return {
        "runs": runs,
        "floor": floor,
        "solve": cold,
        "uncached": uncached,
        "command": solve,
        "imports": imports,
        "beyond_floor": beyond_floor(imports, floor_imports),
        "ratio": statistics.median(cold) / statistics.median(floor),
    }


def _s(seconds: float) -> str:
    return f"{seconds:.2f}"


def table(result: dict) -> str:
    floor, cold, uncached = result["floor"], result["solve"], result["uncached"]
    words = result["command"][result["command"].index("solve") :]
    command = " ".join(["enclaveplan", *words]).replace(str(ROOT) + "/", "")
    lines = [
        "# Start-up: a cold `enclaveplan solve` against the floor of importing CP-SAT",
        "",
        f"Measured {dt.date.today().isoformat()} by `python -m bench.startup` on this machine "
        f"(2 cores shared with other work), {result['runs']} cold processes each, alternating. "
        "Wall seconds of the whole process, with bytecode caches (see the module's docstring).",
        "",
        "| process | median s | min s | max s |",
        "|---|---|---|---|",
        f'| (a) `python -c "import ortools.sat.python.cp_model"` | {_s(statistics.median(floor))}'
        f" | {_s(min(floor))} | {_s(max(floor))} |",
        f"| (b) `{command}` | {_s(statistics.median(cold))} | {_s(min(cold))} | {_s(max(cold))} |",
        f"| (b) no bytecode cache | {_s(statistics.median(uncached))} | {_s(min(uncached))}"
        f" | {_s(max(uncached))} |",
        "",
        f"**Ratio (b)/(a) of the medians: {result['ratio']:.2f}** (issue 17 asks ≤ 1.5).",
        "",
        f"## Top {TOP} imports of (b) by cumulative time (`-X importtime`, one run)",
        "",
        "Nested imports count in their parents too; depth 0 is what the program itself imports.",
        "",
        "| cumulative ms | self ms | depth | module |",
        "|---|---|---|---|",
    ]
    top = sorted(result["imports"], reverse=True)[:TOP]
    lines += [f"| {c / 1000:.1f} | {s / 1000:.1f} | {d} | `{n}` |" for c, s, d, n in top]
    extra = result["beyond_floor"]
    lines += [
        "",
        "## What (b) imports beyond (a), by package (self time, one run each)",
        "",
        f"In all {sum(ms for ms, _ in extra):.0f} ms.",
        "",
        "| self ms | package |",
        "|---|---|",
        *(f"| {ms:.1f} | `{group}` |" for ms, group in extra[:TOP]),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--date", default=DAY)
    ap.add_argument("--out", default=str(ROOT / "bench" / "startup_results.md"))
    args = ap.parse_args(argv)
    text = table(measure(args.runs, args.date))
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
