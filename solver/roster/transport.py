"""Collective transport: today's van runs, when each reaches its stops, and which run a worker
may ride to work at a site (docs/roster-rules.md, "Collective transport").

A run leaving before midday brings the workers who start in the morning and takes them home at
the end of the shift; a run leaving at or after midday takes the morning's half-day workers home
and brings the afternoon's (and takes those home at the end). A worker rides only a run that
leaves after they were told: a replacement called at 7:50 does not catch the 7:00 van.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from solver.domain import Company, works_on
from solver.domain.calendar import weekday
from solver.domain.travel import TravelTimes

MORNING, MIDDAY = "morning", "midday"
TO, HOME = "to", "home"  # a ride to the site, or (at midday) home from it


@dataclass(frozen=True)
class Run:
    id: str  # "B1@06:50": the van and when it leaves
    van: str
    seats: int
    depart: int  # minutes after midnight, from the depot
    leg: str  # MORNING | MIDDAY
    stops: tuple[tuple[str, int], ...]  # (site, arrival) in driving order

    def arrival(self, site_id: str) -> int | None:
        return next((a for s, a in self.stops if s == site_id), None)


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def todays_runs(company: Company, date: dt.date, travel: TravelTimes) -> list[Run]:
    """The runs of `date` (vans.csv rows whose days include its weekday), each stop's arrival
    following the route from the depot with the company's travel model."""
    settings = company.settings
    depot = (settings.depot.lat, settings.depot.lon)
    midday = _minutes(settings.shift.midday)
    today = weekday(date)
    runs = []
    for row in company.vans:
        if not works_on(row.days, today):
            continue
        depart = _minutes(row.depart or settings.shift.start)
        clock, here, stops = depart, depot, []
        for site_id in row.route:
            site = company.sites[site_id]
            clock += travel.minutes(here, (site.lat, site.lon))
            here = (site.lat, site.lon)
            stops.append((site_id, clock))
        leg = MORNING if depart < midday else MIDDAY
        hhmm = f"{depart // 60:02d}:{depart % 60:02d}"
        runs.append(Run(f"{row.van}@{hhmm}", row.van, row.seats, depart, leg, tuple(stops)))
    return sorted(runs, key=lambda r: (r.depart, r.van))


def runs_by_stop(runs: list[Run]) -> dict[str, list[Run]]:
    """Each site's runs, in the order of `runs`: the ones `rides_for` needs to look at."""
    found: dict[str, list[Run]] = {}
    for run in runs:
        for site_id in dict.fromkeys(s for s, _arrival in run.stops):
            found.setdefault(site_id, []).append(run)
    return found


def rides_for(
    runs: list[Run], site_id: str, halves: tuple[str, ...], told: int | None
) -> tuple[tuple[str, str], ...]:
    """The (run, TO | HOME) a worker working `halves` at `site_id` may take, told at `told`
    (None: the day before), among `runs` (all of them, or `runs_by_stop`'s for the site: the
    same answer). Empty when no run can bring them (or, working the morning only, none takes
    them home at midday)."""

    def stopping(leg: str) -> list[str]:
        return [
            r.id
            for r in runs
            if r.leg == leg
            and r.arrival(site_id) is not None
            and (told is None or r.depart >= told)
        ]

    if not halves:
        return ()
    to = stopping(MORNING if "am" in halves else MIDDAY)
    if not to:
        return ()
    rides = [(run, TO) for run in to]
    if halves == ("am",):  # home at midday; everyone else goes home on the end-of-shift run
        home = stopping(MIDDAY)
        if not home:
            return ()
        rides += [(run, HOME) for run in home]
    return tuple(rides)


__all__ = ["HOME", "MIDDAY", "MORNING", "TO", "Run", "rides_for", "runs_by_stop", "todays_runs"]
