"""Issue 16: a van that serves sites of two regions joins them. What does that do to solve time?

The model solves a day per independent part (`solver.roster.parts.independent_parts`): sites that
share nobody are solved apart, so a company of many regions stays as fast as its largest region.
A van run's seats are shared by every site it stops at, so a run joins the parts of its stops.
On the generator's x10 company (seed 2026, 10 regional clusters, with its vans) this solves five
working days three ways:

- `vans`: the company as generated, with its vans.csv;
- `no vans`: the same company without vans (`Company.vans == ()`, as before issue 16);
- `vans + a joining run`: its vans and one extra morning run whose route stops at two sites of
  two different parts of the first day: the closest pair of sites, running on all five days,
  of its two largest parts (so the join makes the largest part larger, the worst case).

Reported per variant: median and max seconds of `solve_day` (also as a ratio to a reference solve
of the example company in this same process, since other engineers share the machine), parts,
the largest part's person-site pairs, levels 1-3 summed, proven optimal at every level, and
whether the independent checker accepts every roster. One solver worker (reproducible).

    python -m bench.vans [--days 5] [--out bench/vans_results.md] [--smoke]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import math
import statistics
import sys
import tempfile
import time
import traceback
from pathlib import Path

from bench.roster import EXAMPLE, REFERENCE_DAY, ROOT, working_days
from solver.checker import check_roster
from solver.domain import Company, VanRun
from solver.generator import write_company
from solver.io.loading import load_company
from solver.roster.day import Day, build_day
from solver.roster.model import SolveOptions, solve_day
from solver.roster.parts import independent_parts

SCALE, SEED = 10, 2026
FIRST_DAY = dt.date(2026, 12, 1)
LIMIT = 30.0  # seconds per day, as bench/roster.py gives x10
EXTRA_VAN = "BX"


@dataclasses.dataclass
class Solved:
    variant: str
    date: str
    seconds: float
    parts: int
    largest_part: int  # person-site pairs of the largest part
    status: str
    levels: dict
    checker_ok: bool
    violations: tuple[str, ...] = ()
    error: str | None = None


def joining_run(company: Company, days: list[dt.date]) -> tuple[VanRun, str]:
    """One more morning run, stopping at two sites of two parts of the first day (with the
    company's vans): the closest pair of sites running on every day, taken from its two largest
    parts. Leaves with the earliest morning run serving either site, 8 seats, on weekdays."""
    first = build_day(company, days[0])
    every_day = set(first.running())
    for date in days[1:]:
        every_day &= set(build_day(company, date).running())
    parts = sorted(independent_parts(first), key=lambda p: p.size(), reverse=True)
    regions = [[s for s in p.running() if s in every_day] for p in parts]
    if sum(1 for r in regions if r) < 2:  # the vans joined everything already (x1): without them
        no_vans = build_day(dataclasses.replace(company, vans=()), days[0])
        parts = sorted(independent_parts(no_vans), key=lambda p: p.size(), reverse=True)
        regions = [[s for s in p.running() if s in every_day] for p in parts]
    parts = [p for p, r in zip(parts, regions, strict=True) if r]
    a_sites, b_sites = [r for r in regions if r][:2]
    travel = first.travel

    def minutes(a: str, b: str) -> int:
        sa, sb = company.sites[a], company.sites[b]
        return travel.minutes((sa.lat, sa.lon), (sb.lat, sb.lon))

    a, b = min(((a, b) for a in a_sites for b in b_sites), key=lambda ab: (minutes(*ab), ab))
    morning = [
        r.depart
        for r in first.runs
        if r.leg == "morning" and any(s in (a, b) for s, _arrival in r.stops)
    ]
    start = min(morning) if morning else None
    depart = dt.time(start // 60, start % 60) if start is not None else None
    leaves = f"{depart:%H:%M}" if depart else "at the shift start"
    why = (
        f"{EXTRA_VAN} {leaves}, 8 seats, route {a} → {b} "
        f"({minutes(a, b)} min apart): {a} from a part of {parts[0].size()} pairs, {b} from one "
        f"of {parts[1].size()} pairs on {days[0]}"
    )
    return VanRun(EXTRA_VAN, 8, (a, b), depart), why


def solve_one(variant: str, company: Company, date: dt.date, limit: float) -> Solved:
    day: Day = build_day(company, date)
    parts = independent_parts(day)
    largest = max((p.size() for p in parts), default=0)
    started = time.perf_counter()
    try:
        roster = solve_day(day, SolveOptions(time_limit=limit))
    except Exception as error:  # noqa: BLE001 - measured and reported, never hidden
        where = traceback.extract_tb(error.__traceback__)[-2:]
        at = " < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(where))
        text = f"{type(error).__name__} {error} (at {at})".replace("  ", " ")
        return Solved(variant, date.isoformat(), math.nan, len(parts), largest, "CRASHED", {},
                      False, error=text)  # fmt: skip
    seconds = time.perf_counter() - started
    check = check_roster(company, roster.to_json())
    return Solved(
        variant,
        date.isoformat(),
        seconds,
        roster.solver.get("parts", len(parts)),
        largest,
        roster.solver.get("status", "?"),
        check.levels,
        check.ok,
        tuple(str(v) for v in check.violations[:3]),
    )


HEADER = [
    "variant",
    "days",
    "median s",
    "max s",
    "median / ref",
    "parts (per day)",
    "largest part, pairs",
    "all levels proven",
    "L1/L2/L3 (sum, checker's)",
    "checker ok",
]


def span(values: list[int]) -> str:
    """'7' when every day has the same, else 'least–most'."""
    if not values:
        return "–"
    return str(values[0]) if values[0] == values[-1] else f"{values[0]}–{values[-1]}"


def table(rows: list[Solved], reference: float) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for variant in dict.fromkeys(r.variant for r in rows):
        every = [r for r in rows if r.variant == variant]
        rs = [r for r in every if r.error is None]
        days = (
            f"{len(every)} ({len(every) - len(rs)} crashed)"
            if len(rs) < len(every)
            else f"{len(rs)}"
        )
        secs = [r.seconds for r in rs]
        parts = sorted({r.parts for r in every})
        largest = sorted({r.largest_part for r in every})
        lines.append(
            "| "
            + " | ".join(
                [
                    variant,
                    days,
                    f"{statistics.median(secs):.2f}" if secs else "–",
                    f"{max(secs):.2f}" if secs else "–",
                    f"{statistics.median(secs) / reference:.1f}" if secs else "–",
                    span(parts),
                    span(largest),
                    f"{sum(r.status == 'OPTIMAL' for r in rs)}/{len(every)}",
                    " / ".join(str(sum(r.levels[f"level{k}"] for r in rs)) for k in (1, 2, 3))
                    if rs
                    else "–",
                    f"{sum(r.checker_ok for r in every)}/{len(every)}",
                ]
            )
            + " |"
        )
    return "\n".join(lines)


def per_day(rows: list[Solved]) -> str:
    lines = [
        "| date | variant | seconds | parts | largest part | status | L1/L2/L3 | checker |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in sorted(rows, key=lambda r: r.date):
        levels = "/".join(str(r.levels.get(f"level{k}", "–")) for k in (1, 2, 3))
        verdict = "crashed" if r.error else ("ok" if r.checker_ok else "**refused**")
        seconds = "–" if r.error else f"{r.seconds:.2f}"
        lines.append(
            f"| {r.date} | {r.variant} | {seconds} | {r.parts} | {r.largest_part} | "
            f"{r.status} | {levels} | {verdict} |"
        )
    return "\n".join(lines)


def problems(rows: list[Solved]) -> list[str]:
    lines = []
    for r in rows:
        if r.error:
            lines.append(f"- {r.variant}, {r.date}: the solver crashed: {r.error}")
        elif not r.checker_ok:
            lines.append(f"- {r.variant}, {r.date}: the checker refused: {'; '.join(r.violations)}")
    return ["", "## Crashes and refused rosters", "", *lines] if lines else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--days", type=int, default=5)
    parser.add_argument("--out", default=str(ROOT / "bench" / "vans_results.md"))
    parser.add_argument("--smoke", action="store_true", help="x1, two days, no file written")
    opts = parser.parse_args(argv)
    scale, n_days = (1, 2) if opts.smoke else (SCALE, opts.days)

    started = time.perf_counter()
    example, _ = load_company(EXAMPLE)
    solve_day(build_day(example, REFERENCE_DAY))  # warm-up: imports, caches
    t = time.perf_counter()
    solve_day(build_day(example, REFERENCE_DAY))
    reference = time.perf_counter() - t

    with tempfile.TemporaryDirectory() as tmp:
        write_company(tmp, scale=scale, seed=SEED)
        company, _ = load_company(tmp)
    days = working_days(company, FIRST_DAY, n_days)
    extra, why = joining_run(company, days)
    variants = {
        "vans": company,
        "no vans": dataclasses.replace(company, vans=()),
        "vans + a joining run": dataclasses.replace(company, vans=(*company.vans, extra)),
    }
    rows = []
    for date in days:
        for name, variant in variants.items():
            rows.append(solve_one(name, variant, date, LIMIT))
            r = rows[-1]
            said = r.error or f"{r.seconds:.2f} s {r.status}, {r.parts} parts"
            print(f"x{scale} {date} {name}: {said}", file=sys.stderr, flush=True)

    text = "\n".join(
        [
            "# Vans and solve time (issue 16)",
            "",
            f"Run {dt.datetime.now():%Y-%m-%d %H:%M} on {__import__('os').cpu_count()} cores "
            f"shared with other engineers; reference solve (example, {REFERENCE_DAY}) "
            f"{reference:.2f} s; total {time.perf_counter() - started:.0f} s; time limit "
            f"{LIMIT:.0f} s a day; one solver worker. Company: the generator's x{scale} (seed "
            f"{SEED}, {len(company.workers)} workers, {len(company.sites)} sites, "
            f"{len(company.vans)} van runs in vans.csv); {n_days} working days from {FIRST_DAY}.",
            "",
            f"The joining run: {why}.",
            "",
            table(rows, reference),
            "",
            "Seconds are `solve_day` alone (the day's facts built before). 'parts' are the "
            "independent parts the day is solved in (sites linked by a person who may work at "
            "both, or by a van run stopping at both); 'largest part' its person-site pairs. "
            "Levels are the checker's, in half days (docs/roster-rules.md).",
            "",
            "## Per day",
            "",
            per_day(rows),
            *problems(rows),
        ]
    )
    if not opts.smoke:
        Path(opts.out).write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0 if all(r.error is None and r.checker_ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
