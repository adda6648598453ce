"""The x160 generated company (about 27,000 workers: Flanders' collective custom work), issue 17.

How long it takes to generate, to load (at the trusted row bound: its absences.csv has some
900,000 rows, past the service's 200,000) and to solve one working day with the product's
`solver.roster.model.solve` (60 s limit) with one and with two CP-SAT workers; whether every
level is proven optimal; and whether the independent checker accepts the roster.

    python -m bench.x160 [--scale 160] [--out bench/x160_results.md]

Measured, never asserted (STYLE: no timed tests).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

from bench.roster import ROOT, working_days
from solver.checker import check_roster
from solver.generator import write_company
from solver.io import safe_io
from solver.io.loading import load_company
from solver.roster.model import SolveOptions, solve

SEED = 2026
LIMIT = 60.0


def measure(scale: int, workers_list=(1, 2), limit: float = LIMIT) -> tuple[dict, list[dict]]:
    with tempfile.TemporaryDirectory(prefix=f"x{scale}-") as tmp:
        t = time.perf_counter()
        write_company(tmp, scale=scale, seed=SEED)
        generate = time.perf_counter() - t
        rows = {
            p.name: sum(1 for _ in p.open(encoding="utf-8")) - 1
            for p in sorted(Path(tmp).glob("*.csv"))
        }
        t = time.perf_counter()
        company, _warnings = load_company(tmp, max_rows=safe_io.MAX_ROWS_TRUSTED)
        load = time.perf_counter() - t
    date = working_days(company, dt.date(2026, 12, 1), 1)[0]
    facts = {
        "scale": scale,
        "workers": len(company.workers),
        "coaches": len(company.coaches),
        "sites": len(company.sites),
        "rows": rows,
        "generate_s": generate,
        "load_s": load,
        "date": date.isoformat(),
    }
    runs = []
    for workers in workers_list:
        t = time.perf_counter()
        roster = solve(company, date, options=SolveOptions(time_limit=limit, workers=workers))
        seconds = time.perf_counter() - t
        stages = roster.solver.get("stages", [])
        check = check_roster(company, roster.to_json())
        runs.append(
            {
                "workers": workers,
                "seconds": seconds,
                "status": roster.solver.get("status"),
                "parts": roster.solver.get("parts"),
                "proven": [s["level"] for s in stages if s["status"] == "OPTIMAL"],
                "levels": dict(check.levels),
                "checker_ok": check.ok,
                "violations": [str(x) for x in check.violations[:3]],
                "violation_count": len(check.violations),
            }
        )
        print(f"x{scale} workers={workers}: {seconds:.1f} s {runs[-1]['status']}", file=sys.stderr)
    return facts, runs


def markdown(facts: dict, runs: list[dict], limit: float) -> str:
    rows = ", ".join(f"{name} {n:,}" for name, n in facts["rows"].items())
    lines = [
        f"# The x{facts['scale']} generated company (issue 17)",
        "",
        f"Written by `python -m bench.x160` on {dt.datetime.now():%Y-%m-%d %H:%M}, "
        f"{os.cpu_count()} cores shared with other engineers; measured, not asserted.",
        "",
        f"- Company: `write_company(scale={facts['scale']}, seed={SEED})`: "
        f"{facts['workers']:,} workers, {facts['coaches']:,} coaches, {facts['sites']:,} sites; "
        f"rows: {rows}.",
        f"- Generate: {facts['generate_s']:.1f} s. Load (`load_company`, "
        f"`max_rows=safe_io.MAX_ROWS_TRUSTED`): {facts['load_s']:.1f} s.",
        f"- Solve one working day ({facts['date']}) with `solver.roster.model.solve`, "
        f"{limit:g} s limit (it covers the model build and every stage):",
        "",
        "| CP-SAT workers | seconds | status | independent parts | levels proven optimal | "
        "L1 | L2 | L3 | L4 | L5 | L6 | checker |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        levels = " | ".join(str(r["levels"].get(f"level{k}", "–")) for k in range(1, 7))
        proven = ", ".join(str(k) for k in r["proven"]) or "none"
        lines.append(
            f"| {r['workers']} | {r['seconds']:.1f} | {r['status']} | {r['parts']} | {proven} | "
            f"{levels} | {'ok' if r['checker_ok'] else 'INVALID'} |"
        )
    for r in runs:
        if not r["checker_ok"]:
            lines += ["", f"Checker, {r['workers']} worker(s): {r['violation_count']} violation(s), "
                      "first: " + "; ".join(f"`{v}`" for v in r["violations"])]  # fmt: skip
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=160)
    parser.add_argument("--limit", type=float, default=LIMIT)
    parser.add_argument("--out", default=str(ROOT / "bench" / "x160_results.md"))
    opts = parser.parse_args(argv)
    facts, runs = measure(opts.scale, limit=opts.limit)
    text = markdown(facts, runs, opts.limit)
    Path(opts.out).write_text(text, encoding="utf-8")
    print(text)
    return 0 if all(r["checker_ok"] for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
