"""The planner's manual rule, the baseline the model must never lose to on levels 1-3.

Everyone goes where expected; then each hole, in site order, gets the first free trained
vlinder, then the first free trained atelier worker. First come, first served: no look-ahead.
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

    for person, options in (*day.coach_options.items(), *day.worker_options.items()):
        home = next((o for o in options if o.expected), None)
        if home is None:
            continue
        if person in company.workers and count[home.site] >= day.sites[home.site].headcount:
            continue
        placed.add((person, home.site))
        busy.add(person)
        (coaches if person in company.coaches else count)[home.site] += 1

    def first_free(options_by_person, site_id, wanted):
        for person in sorted(options_by_person):
            if person in busy or not wanted(person):
                continue
            if any(o.site == site_id for o in options_by_person[person]):
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
    roster = read_roster(day, Solution(frozenset(placed), capacity))
    roster.solver = {"status": "MANUAL", "seconds": 0.0}
    return roster
