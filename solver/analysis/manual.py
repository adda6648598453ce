"""The planner's manual rule, the baseline the model must never lose to on levels 1-3.

Everyone goes where expected; then each hole, in site order, gets the first free trained
vlinder, then the first free trained atelier worker. First come, first served: no look-ahead.
A worker on collective transport goes only with a seat on a van to the site (the first run with
one), as a planner phoning round would find.
"""

from __future__ import annotations

from solver.domain import ATELIER
from solver.roster import Roster
from solver.roster.day import Day
from solver.roster.model import Solution, read_roster


def manual_roster(day: Day) -> Roster:
    company = day.company
    placed: set[tuple[str, str]] = set()
    busy: set[str] = set()
    count = {s: 0 for s in day.sites}
    coaches = {s: 0 for s in day.sites}

    taken: dict[tuple[str, str], int] = {}
    rides: set[tuple[str, str, str]] = set()

    def seat(person: str, site_id: str) -> bool:
        """Book the first run with a seat each way the person needs one; False if none has."""
        option = next(o for o in day.worker_options.get(person, ()) if o.site == site_id)
        if not option.by_van:
            return True
        chosen = []
        for leg in ("to", "home"):
            runs = [r for r, kind in option.rides if kind == leg]
            free = [r for r in runs if taken.get((r, leg), 0) < day.run(r).seats]
            if runs and not free:
                return False
            chosen += [(free[0], leg)] if runs else []
        for run, leg in chosen:
            taken[(run, leg)] = taken.get((run, leg), 0) + 1
            rides.add((person, run, leg))
        return True

    for person, options in (*day.coach_options.items(), *day.worker_options.items()):
        home = next((o for o in options if o.expected), None)
        if home is None:
            continue
        if person in company.workers and count[home.site] >= day.sites[home.site].headcount:
            continue
        if person in company.workers and not seat(person, home.site):
            continue
        placed.add((person, home.site))
        busy.add(person)
        (coaches if person in company.coaches else count)[home.site] += 1

    def first_free(options_by_person, site_id, wanted):
        for person in sorted(options_by_person):
            if person in busy or not wanted(person):
                continue
            if not any(o.site == site_id for o in options_by_person[person]):
                continue
            if person in company.workers and not seat(person, site_id):
                continue
            return person
        return None

    is_vlinder = lambda p: company.coaches[p].role == "vlinder"  # noqa: E731
    from_atelier = lambda p: company.workers[p].home == ATELIER  # noqa: E731
    for site_id in day.running():
        today = day.sites[site_id]
        if today.needs_coach:
            while coaches[site_id] < today.site.coaches:
                vlinder = first_free(day.coach_options, site_id, is_vlinder)
                if vlinder is None:
                    break
                placed.add((vlinder, site_id))
                busy.add(vlinder)
                coaches[site_id] += 1
        while count[site_id] < today.headcount:
            substitute = first_free(day.worker_options, site_id, from_atelier)
            if substitute is None:
                break
            placed.add((substitute, site_id))
            busy.add(substitute)
            count[site_id] += 1

    capacity = {(p, s): day.units_per_coach for p, s in placed if p in company.coaches}
    roster = read_roster(day, Solution(frozenset(placed), capacity, frozenset(rides)))
    roster.solver = {"status": "MANUAL", "seconds": 0.0}
    return roster
