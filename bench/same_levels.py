"""Did a refactoring change what the roster optimises? The example's 60 benchmark days, level by
level, against a baseline written by the code before it.

Issue 12 reshaped the code; the rosters it makes must reach the same value on every one of the
six levels (equally optimal rosters may differ in who goes where). Every roster also passes the
independent checker here.

The baseline `bench/levels_baseline.json` was first written on commit c31d615, the last commit
before the reshaping. Issues 13 and 16 then changed what the levels mean: levels 1-4 and 6
count half days (coaches are placed per half day), level 4 counts late van rides and level 5
uncovered minutes, and the example company got its vans (data/westlandia/vans.csv). Those old
figures are not comparable, so the baseline was written again by the model of issues 13/16 (on
the example as shipped, vans included); its `_note` says on which commit. From there it again
guards refactorings: a change of a level's value is a change of what the roster optimises.

    python -m bench.same_levels                     # compare with the baseline; exit 1 on a change
    python -m bench.same_levels --write-baseline F  # what the code at hand gives, into F
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from bench.roster import EXAMPLE, ROOT, working_days
from solver.checker import check_roster
from solver.io.loading import load_company
from solver.roster.day import build_day
from solver.roster.model import solve_day

BASELINE = ROOT / "bench" / "levels_baseline.json"
FIRST_DAY = dt.date(2026, 12, 1)


def levels_by_day(days: int) -> dict[str, dict]:
    """date -> the model's six stage values, its status, and whether the checker accepts it."""
    company, _ = load_company(EXAMPLE)
    out = {}
    for day in working_days(company, FIRST_DAY, days):
        roster = solve_day(build_day(company, day)).to_json()
        stages = roster["solver"]["stages"]
        out[day.isoformat()] = {
            "levels": [s["value"] for s in sorted(stages, key=lambda s: s["level"])],
            "status": roster["solver"]["status"],
            "checked": check_roster(company, roster).ok,
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write-baseline", metavar="FILE")
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--note", default="", help="why the baseline is written (--write-baseline)")
    opts = parser.parse_args(argv)
    now = levels_by_day(opts.days)
    if opts.write_baseline:
        written = {"_note": opts.note, **now} if opts.note else now
        Path(opts.write_baseline).write_text(json.dumps(written, indent=1) + "\n", encoding="utf-8")
        return 0
    before = json.loads(BASELINE.read_text(encoding="utf-8"))  # its "_note" is not a day
    changed = [d for d in now if before[d]["levels"] != now[d]["levels"]]
    unchecked = [d for d in now if not now[d]["checked"]]
    unproven = [d for d in now if now[d]["status"] != "OPTIMAL"]
    print(
        f"{len(now)} days from {FIRST_DAY}: {len(now) - len(changed)} with every level's value "
        f"as before, {len(changed)} changed {changed}; {len(now) - len(unchecked)} pass the "
        f"checker; {len(now) - len(unproven)} proven optimal"
    )
    for day in changed:
        print(f"  {day}: before {before[day]['levels']} now {now[day]['levels']}")
    return 1 if changed or unchecked else 0


if __name__ == "__main__":
    sys.exit(main())
