"""Vlinder training as scheduled work in the week plan (issue 14).

The hearing: vlinders are trained continuously on the floors of the enclaves. A vlinder with no
cover to give on a day (idle in that day's roster) is planned to train on a site's floor next
to its own coach: the site runs that day and its regular coach is there. A training on the
floor does not change the day's roster: the vlinder stays reachable as the day's reserve.

Which trainings are wanted is derived from the plan itself, not from pool sizing's simulated
years (too slow inside `plan`): the sites the plan's warnings name (a site-day without a coach
or below the norm), then the sites that carry expected-sickness risk (`plan_risk`), then the
sites no vlinder is trained at; for each vlinder those it is not trained at and has the skills
for. One training day per vlinder and site; at most one vlinder in training per site and day.

Facts only; `solver.reports.plan_report` renders them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from solver.domain import Company
from solver.roster.json_shape import Roster

# A site that does not run: nobody to train next to (solver.roster.reading's statuses).
NOT_RUNNING = ("closed", "not_scheduled")
# What puts a site on the wish list, first first.
WHY = ("warning", "risk", "no_vlinder")


@dataclass(frozen=True)
class Training:
    """`vlinder` trains on `enclave`'s floor on `date`, next to its coach."""

    date: dt.date
    vlinder: str
    enclave: str

    def to_json(self) -> dict:
        return {"date": self.date.isoformat(), "vlinder": self.vlinder, "enclave": self.enclave}


@dataclass(frozen=True)
class Wish:
    """A training the company lacks: `vlinder` at `enclave`, and why (a code of WHY)."""

    vlinder: str
    enclave: str
    why: str


def wishes(
    company: Company,
    warning_sites: Iterable[str] = (),
    risk_sites: dict[str, float] | None = None,
) -> list[Wish]:
    """The trainings wanted, most wanted first: per site in the order of WHY (warnings in the
    order given, risk sites by their summed chance), each vlinder not yet trained there who has
    the site's skills."""
    risk_sites = risk_sites or {}
    order: dict[str, str] = {}
    for site_id in warning_sites:
        order.setdefault(site_id, "warning")
    for site_id in sorted(risk_sites, key=lambda s: (-risk_sites[s], s)):
        order.setdefault(site_id, "risk")
    vlinders = sorted(
        (c for c in company.coaches.values() if c.role == "vlinder"), key=lambda c: c.id
    )
    for site_id in sorted(company.sites):
        if not any(v.knows(site_id) for v in vlinders):
            order.setdefault(site_id, "no_vlinder")
    found = []
    for site_id, why in order.items():
        site = company.sites.get(site_id)
        if site is None or not site.needs_coach:
            continue
        for vlinder in vlinders:
            if vlinder.knows(site_id) or not all(s in vlinder.skills for s in site.skills):
                continue
            found.append(Wish(vlinder.id, site_id, why))
    return found


def own_coach_there(company: Company, roster: Roster, site_id: str) -> bool:
    """The site runs on the roster's day and one of its own regular coaches is on its floor."""
    site = next((s for s in roster.enclaves if s.id == site_id), None)
    if site is None or site.status in NOT_RUNNING:
        return False
    for coach_id in site.coaches:
        coach = company.coaches.get(coach_id)
        if coach is not None and coach.role == "regular" and coach.home == site_id:
            return True
    return False


def schedule(company: Company, rosters: list[Roster], wanted: list[Wish]) -> list[Training]:
    """Day by day, each idle vlinder takes its most wanted training not yet scheduled whose
    site runs that day with its own coach there and has no other vlinder in training."""
    done: set[tuple[str, str]] = set()
    planned: list[Training] = []
    for roster in sorted(rosters, key=lambda r: r.date):
        day = dt.date.fromisoformat(roster.date)
        idle = set(roster.idle.get("coaches", []))
        busy_sites: set[str] = set()
        for vlinder in sorted({w.vlinder for w in wanted}):
            if vlinder not in idle or vlinder in roster.absent:
                continue
            for wish in wanted:
                key = (wish.vlinder, wish.enclave)
                if wish.vlinder != vlinder or key in done or wish.enclave in busy_sites:
                    continue
                if own_coach_there(company, roster, wish.enclave):
                    done.add(key)
                    busy_sites.add(wish.enclave)
                    planned.append(Training(day, vlinder, wish.enclave))
                    break
    return planned


__all__ = ["WHY", "Training", "Wish", "own_coach_there", "schedule", "wishes"]
