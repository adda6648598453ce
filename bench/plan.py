"""Issue 14: the week ahead, measured.

- The example company: 10 working days planned together (`enclaveplan plan`'s own call,
  `solver.analysis.plan.plan`) from several Mondays of 2027, the absences known on each first
  day. Reported: seconds, proven optimal at every level, the continuity share (spells of two
  days or more with one replacement) against the same days each solved alone, and levels 1-3
  day by day against solving each day alone (the plan holds them: "never worse" is checked,
  not assumed). Every plan passes the independent plan checker (`solver.checker.week`).
- The generator's x10 company (seed 2026): one 5-day week, the same figures.

Seconds are also given as a ratio to a reference solve of the example company in this same
process (other engineers share the machine). One solver worker (reproducible).

    python -m bench.plan [--out bench/plan_results.md] [--smoke]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

from bench.roster import EXAMPLE, REFERENCE_DAY, ROOT
from solver.analysis.plan import continuity_of, known_on, plan
from solver.checker.week import check_plan
from solver.domain import Company
from solver.generator import write_company
from solver.io.loading import load_company
from solver.reports.plan_report import plan_json
from solver.roster.model import SolveOptions, solve
from solver.roster.week import absence_spells

EXAMPLE_STARTS = (dt.date(2027, 1, 11), dt.date(2027, 3, 22), dt.date(2027, 6, 7),
                  dt.date(2027, 10, 4))  # fmt: skip
X10_START = dt.date(2027, 3, 22)
PLAN_LIMIT = 60.0


@dataclasses.dataclass
class Measured:
    company: str
    start: str
    days: int
    seconds: float  # the whole plan: the days' model, risk, trainings, warnings
    solve_seconds: float  # the model alone (`solver.seconds`)
    proven: bool
    share_plan: float | None
    spells: int
    share_alone: float | None
    worse_days: int  # days worse than alone on some level of 1-3
    checker_ok: bool


def reference_seconds(example: Company) -> float:
    started = time.perf_counter()
    solve(example, REFERENCE_DAY, options=SolveOptions(time_limit=20.0))
    return time.perf_counter() - started


def measure(name: str, company: Company, start: dt.date, days: int) -> Measured:
    started = time.perf_counter()
    week = plan(company, start, days=days, options=SolveOptions(time_limit=PLAN_LIMIT))
    seconds = time.perf_counter() - started
    known = known_on(company, start)
    alone = [
        solve(known, dt.date.fromisoformat(r.date), options=SolveOptions(time_limit=30.0))
        for r in week.days
    ]
    worse = sum(
        any(p.levels[f"level{k}"] > a.levels[f"level{k}"] for k in (1, 2, 3))
        for p, a in zip(week.days, alone, strict=True)
    )
    dates = [dt.date.fromisoformat(r.date) for r in week.days]
    by_alone = continuity_of(known, absence_spells(known, dates), alone)
    check = check_plan(company, plan_json(company, week))
    return Measured(
        name,
        start.isoformat(),
        len(week.days),
        seconds,
        week.solver.get("seconds", seconds),
        week.solver.get("status") == "OPTIMAL",
        week.continuity["share"],
        week.continuity["spells"],
        by_alone["share"],
        worse,
        check.ok,
    )


def pct(share: float | None) -> str:
    return "–" if share is None else f"{100 * share:.1f} %"


def table(rows: list[Measured], reference: float) -> str:
    header = ["company", "from", "days", "plan s", "model s", "model s / ref", "proven", "spells",
              "one replacement: plan", "each day alone", "days worse on L1-3", "checker ok"]  # fmt: skip
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for m in rows:
        cells = [m.company, m.start, str(m.days), f"{m.seconds:.2f}", f"{m.solve_seconds:.2f}",
                 f"{m.solve_seconds / reference:.1f}",
                 "yes" if m.proven else "no", str(m.spells), pct(m.share_plan),
                 pct(m.share_alone), str(m.worse_days), "yes" if m.checker_ok else "NO"]  # fmt: skip
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "bench" / "plan_results.md"))
    parser.add_argument("--smoke", action="store_true", help="one short plan, no x10")
    args = parser.parse_args(argv)
    example, _ = load_company(EXAMPLE)
    reference = reference_seconds(example)
    rows = []
    starts = EXAMPLE_STARTS[1:2] if args.smoke else EXAMPLE_STARTS
    for start in starts:
        rows.append(measure("example", example, start, 3 if args.smoke else 10))
        print(table(rows[-1:], reference).splitlines()[-1], file=sys.stderr)
    if not args.smoke:
        with tempfile.TemporaryDirectory() as tmp:
            write_company(Path(tmp), scale=10, seed=2026)
            big, _ = load_company(tmp)
            rows.append(measure("x10", big, X10_START, 5))
    text = (
        f"# The week ahead (issue 14)\n\nReference solve (example, {REFERENCE_DAY}): "
        f"{reference:.2f} s. Plans with a {PLAN_LIMIT:.0f} s limit: the days with one solver worker, "
        f"the week's stage with two. Load average before: {os.getloadavg()[0]:.1f}.\n\n"
        + table(rows, reference)
        + "\n"
    )
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    bad = [m for m in rows if m.worse_days or not m.checker_ok]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
