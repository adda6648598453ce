"""Who could fill a hole: re-solve with each candidate pinned there and compare what it costs.

CPSAT-NOTES: assumption cores do not explain an optimisation model; forcing the choice and
re-solving shows the planner the real price of each option, level by level.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from solver.domain import Company
from solver.roster.day import build_day
from solver.roster.model import SolveOptions, solve_day
from solver.roster.rules import LEVELS


@dataclass(frozen=True)
class Suggestion:
    person: str
    role: str
    note: str  # where the person is in the best roster, i.e. what sending them here takes away
    delta: tuple[int, ...]  # change of each objective level against the best roster


def suggest(
    company: Company,
    date: dt.date,
    site_id: str,
    called_in: tuple[str, ...] = (),
    limit: int = 8,
    options: SolveOptions | None = None,
    reported_at: Mapping[str, dt.time] | None = None,
) -> list[Suggestion]:
    """`reported_at`: when the calls of `called_in` came in (`build_day`'s)."""
    options = options or SolveOptions(time_limit=5.0)
    day = build_day(company, date, called_in, reported_at=reported_at)
    best = solve_day(day, options)
    best_levels = [best.levels.get(f"level{k}") or 0 for k in LEVELS]
    placed = best.assignment()
    candidates = [
        o.person
        for opts in (*day.coach_options.values(), *day.worker_options.values())
        for o in opts
        if o.site == site_id and placed.get(o.person) != site_id
    ]
    results = []
    for person in candidates:
        pinned = build_day(
            company, date, called_in, pins={person: site_id}, reported_at=reported_at
        )
        roster = solve_day(pinned, options)
        if roster.status == "infeasible":
            continue
        levels = [roster.levels.get(f"level{k}") or 0 for k in LEVELS]
        role = company.coaches[person].role if person in company.coaches else "worker"
        where = placed.get(person)
        note = where or "-"
        results.append(
            Suggestion(
                person, role, note, tuple(a - b for a, b in zip(levels, best_levels, strict=True))
            )
        )
    results.sort(key=lambda s: (s.delta, s.person))
    return results[:limit]
