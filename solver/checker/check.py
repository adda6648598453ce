"""The independent checker: does a roster JSON obey docs/roster-rules.md?

The CP-SAT model is large and clever; the checker is plain on purpose. It shares nothing with
`solver.roster`, `solver.reports.explain`, `solver.domain.calendar` or `solver.domain.travel`:
only the domain dataclasses. Calendar, availability per half, call times, travel, ratio units,
expected places, moves, the atelier and the six objective levels are re-derived from the
specification, so that a bug in the model's reading of the rules shows up as a disagreement
instead of being copied.

One reading of one specification, split by the doc's sections: `today` (the day, before anyone
is placed), `reading` (the roster as read, per half: the facts object every family gets),
`people` (who may go where, sharing), `figures` (ratio, capacity, status per half, `halves`),
`times` (moves, departures, arrivals, uncovered minutes), `transport` (van runs, who rides
which, a rider's move), `atelier` (who is free and where they go), `levels` (the six levels, the policy block). This module runs them in order.

Hard rules broken by a roster become `Violation`s. The soft rules (a site without a coach, a
ratio below the norm, a short team) are legal outcomes: they are not violations, but the site's
status and figures must say so honestly, and their cost appears in the recomputed `levels`.
A key issue 13 added to the JSON (`coach_shortfall`, `uncovered_minutes`, a move's `depart` and
`part`, `idle.atelier`/`home`, `temporary_unemployment`, `policy`) is checked when the roster
gives it (CONTRACT.md: extensions are optional keys); `halves` must be there exactly when the two
halves differ, and a person listed without a part is read as there all day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from solver.checker import atelier, figures, levels, people, times, transport
from solver.checker.reading import Inputs, Reading, Violation
from solver.checker.today import Today, travel_minutes
from solver.domain import Company


@dataclass
class CheckResult:
    violations: list[Violation] = field(default_factory=list)
    levels: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.violations

    def report(self) -> str:
        """Readable summary for the command line."""
        levels = " ".join(f"{k}={v}" for k, v in self.levels.items())
        head = "roster OK" if self.ok else f"{len(self.violations)} violation(s)"
        lines = [f"{head}; levels: {levels}" if levels else head]
        lines += [f"  {v}" for v in self.violations]
        return "\n".join(lines)


def _run(
    company: Company, roster: Any, inputs: Inputs, reported_at: Mapping[str, Any]
) -> CheckResult:
    if not isinstance(roster, dict):
        return CheckResult([Violation("shape", None, None, "the roster must be a JSON object")])
    try:
        date = dt.date.fromisoformat(str(roster.get("date")))
    except ValueError:
        return CheckResult(
            [Violation("shape", None, None, f"date: {roster.get('date')!r} is not YYYY-MM-DD")]
        )
    today = Today(company, date, inputs.called_in, reported_at)
    r = Reading(company, roster, today, inputs)
    company_name = roster.get("company")
    if company_name is not None and company_name != company.name:
        r.add("shape", None, None, f"company: {company_name!r} but the data is of {company.name!r}")
    r.read_enclaves()
    people.check_availability(r)
    people.check_training_and_skills(r)
    people.check_sharing(r)
    figures.check_site_figures(r)
    timing = times.Times(r)
    vans = transport.Vans(r, timing)
    vans.check_rides()
    moves = vans.moves(timing.moves())
    times.check_moves(r, moves)
    times.check_uncovered(r, timing)
    atelier.check_idle(r)
    atelier.check_unemployment(r)
    levels.check_policy(r)
    found = levels.levels(r, timing, moves, vans)
    levels.check_levels(r, found)
    return CheckResult(r.violations, found)


# --- front doors --------------------------------------------------------------------------------


def check_roster(
    company: Company,
    roster: dict,
    called_in: Iterable[str] = (),
    previous: dict[str, Any] | None = None,
    pins: dict[str, str] | None = None,
    forbids: Iterable[tuple[str, str]] = (),
    reported_at: Mapping[str, dt.time | str] | None = None,
) -> CheckResult:
    """Check one roster JSON (as a dict) against the company's data and docs/roster-rules.md.

    `called_in`: ids given as --absent (sudden absences today); `previous`: person -> site (or
    sites) of a roster published before (changes where people are expected); `pins`: person ->
    site that must hold; `forbids`: (person, site) pairs the planner ruled out; `reported_at`:
    person -> when their call came in (`--absent ID@HH:MM`, the API's `reported_at`; a
    `datetime.time` or "HH:MM"), none = the shift start.
    """
    inputs = Inputs(
        called_in=tuple(called_in),
        previous=dict(previous or {}),
        has_previous=previous is not None,
        pins=dict(pins or {}),
        forbids=frozenset(forbids),
    )
    return _run(company, roster, inputs, dict(reported_at or {}))


def previous_from_json(data: dict[str, Any]) -> dict[str, str | tuple[str, ...]]:
    """person -> site of a published roster (a shared or split coach: the tuple of its sites)."""
    placed: dict[str, list[str]] = {}
    for entry in data.get("enclaves", []) if isinstance(data, dict) else []:
        if not isinstance(entry, dict):
            continue
        for person in (*entry.get("coaches", []), *entry.get("workers", [])):
            placed.setdefault(person, []).append(entry.get("id"))
    return {p: sites[0] if len(sites) == 1 else tuple(sites) for p, sites in placed.items()}


__all__ = ["CheckResult", "Violation", "check_roster", "previous_from_json", "travel_minutes"]
