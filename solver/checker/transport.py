"""Collective transport (spec: "Collective transport (only with vans.csv)"): today's van runs
and their stops' arrivals, the roster's `vans` block, who rides which run to work (and at midday
home), the seats each way, nobody on a run that left before they were told, and a rider's move
that departs and arrives with its run.

Re-read from docs/roster-rules.md on purpose: nothing here comes from `solver.roster.transport`.
Without vans.csv nobody rides a van: the roster lists no run and no move names a van.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from solver.checker.reading import Reading
from solver.checker.times import Times
from solver.checker.today import hhmm, is_number
from solver.domain import HALVES

MORNING, MIDDAY = "morning", "midday"
TO, HOME = "riders", "home"  # the keys of a run's riders to work, and (midday) home
RULE = "collective_transport"


@dataclass(frozen=True)
class Run:
    van: str
    seats: int
    depart: int  # minutes, from the depot
    leg: str  # MORNING (leaves before midday) | MIDDAY
    stops: tuple[tuple[str, int], ...]  # (site, arrival) in the route's order

    @property
    def name(self) -> str:
        return f"{self.van} leaving {hhmm(self.depart)}"

    def arrival(self, site_id: str) -> int | None:
        return next((a for s, a in self.stops if s == site_id), None)


def todays_runs(r: Reading) -> list[Run]:
    """The vans.csv rows whose days include the date's weekday; each stop's arrival follows the
    travel model from the previous stop (the first from the depot)."""
    today, settings = r.today, r.company.settings
    depot = (settings.depot.lat, settings.depot.lon)
    runs = []
    for row in r.company.vans:
        if today.weekday not in row.days:
            continue
        depart = (
            today.shift_start if row.depart is None else row.depart.hour * 60 + row.depart.minute
        )
        clock, here, stops = depart, depot, []
        for site_id in row.route:
            if site_id not in r.company.sites:  # the loader refuses it; never crash on it
                continue
            there = today.point(site_id)
            clock += today.minutes(here, there)
            here = there
            stops.append((site_id, clock))
        leg = MORNING if depart < today.midday else MIDDAY
        runs.append(Run(row.van, row.seats, depart, leg, tuple(stops)))
    return runs


def minutes_from(value: Any) -> int | None:
    """ "HH:MM" as minutes after midnight; None when it is not one."""
    if not isinstance(value, str) or len(value) != 5 or value[2] != ":":
        return None
    hours, minutes = value[:2], value[3:]
    if not (hours.isdigit() and minutes.isdigit()) or int(hours) > 23 or int(minutes) > 59:
        return None
    return int(hours) * 60 + int(minutes)


class Vans:
    """Today's runs and the rides the roster gives; reading it names every defect."""

    def __init__(self, r: Reading, timing: Times):
        self.r = r
        self.timing = timing
        self.with_vans = bool(r.company.vans)  # vans.csv given (with or without a run today)
        self.runs = todays_runs(r) if self.with_vans else []
        # worker -> TO | HOME -> [(run, path of the list it is in)]
        self.rides: dict[str, dict[str, list[tuple[Run, str]]]] = {}
        self.read()

    # -- who rides --------------------------------------------------------------------------------

    def rides_by_van(self, worker: str) -> bool:
        """With vans.csv a worker on collective transport comes by van; everyone else does not."""
        w = self.r.company.workers.get(worker)
        return self.with_vans and w is not None and w.transport == "collective"

    def halves_worked(self, worker: str, site_id: str) -> tuple[str, ...]:
        """The halves the worker works at the site: listed there and available."""
        listed = self.r.halves_of(site_id, worker)
        return tuple(h for h in listed if self.r.today.available(worker, h)) or listed

    def told(self, worker: str, site_id: str) -> int | None:
        """When the worker was told to come here: the call time for a replacement for a sudden
        absence, the re-plan's time for anyone else a re-plan moves; None (any run) for someone
        expected here or told the day before."""
        if site_id in self.r.expected_sites(worker):
            return None
        halves = self.halves_worked(worker, site_id)
        call = self.timing.calls.get((site_id, "worker", halves[0])) if halves else None
        return call if call is not None else self.timing.replan

    def may_reach(self, person: str, site_id: str) -> bool:
        """For disruption: a run takes the person to a site they are expected at (told before,
        so any run), and home at midday when they work the morning only."""
        if not self.rides_by_van(person):
            return True
        halves = tuple(h for h in HALVES if self.r.today.available(person, h))
        if not halves:
            return True
        to = MORNING if "am" in halves else MIDDAY
        legs = (to, MIDDAY) if halves == ("am",) else (to,)
        return all(
            any(run.leg == leg and run.arrival(site_id) is not None for run in self.runs)
            for leg in legs
        )

    def ride_to(self, worker: str, site_id: str) -> Run | None:
        """The one run the worker rides to the site, when the roster gives exactly one that
        stops there."""
        runs = [run for run, _ in self.rides.get(worker, {}).get(TO, [])]
        if len(runs) == 1 and runs[0].arrival(site_id) is not None:
            return runs[0]
        return None

    # -- the `vans` block -------------------------------------------------------------------------

    def read(self) -> None:
        r = self.r
        raw = r.roster.get("vans")
        if not self.with_vans:
            if raw not in (None, []):
                r.add(RULE, None, None, "vans: lists runs, but the company has no vans.csv")
            return
        if raw is None:
            if self.runs:
                r.add("shape", None, None, f"vans: missing ({len(self.runs)} run(s) today)")
            return
        if not isinstance(raw, list):
            r.add("shape", None, None, "vans: not a list")
            return
        by_key = {(run.van, run.depart): run for run in self.runs}
        seen: dict[Run, int] = {}
        for i, entry in enumerate(raw):
            path = f"vans[{i}]"
            if not isinstance(entry, dict):
                r.add("shape", None, None, f"{path}: not an object")
                continue
            depart = minutes_from(entry.get("depart"))
            if depart is None:
                r.add("shape", None, None, f"{path}.depart: {entry.get('depart')!r} is not HH:MM")
                continue
            run = by_key.get((entry.get("id"), depart))
            if run is None:
                r.add(
                    RULE,
                    None,
                    None,
                    f"{path}: {entry.get('id')!r} leaving {hhmm(depart)} is not a run of "
                    f"{r.today.date} ({r.today.weekday})",
                )
                continue
            if run in seen:
                r.add("shape", None, None, f"{path}: {run.name} again (first at vans[{seen[run]}])")
                continue
            seen[run] = i
            self.read_run(run, entry, path)
        for run in self.runs:
            if run not in seen:
                stops = ", ".join(f"{s} {hhmm(a)}" for s, a in run.stops)
                r.add(RULE, None, None, f"vans: missing {run.name} (stops {stops})")

    def read_run(self, run: Run, entry: dict, path: str) -> None:
        r = self.r
        if not is_number(entry.get("seats")) or entry["seats"] != run.seats:
            r.add(RULE, None, None, f"{path}.seats: {entry.get('seats')!r}, expected {run.seats}")
        self.read_stops(run, entry.get("stops"), path)
        legs = [TO]
        if run.leg == MIDDAY:
            legs.append(HOME)
            if HOME not in entry:
                r.add("shape", None, None, f"{path}: missing home (a midday run)")
        elif entry.get(HOME):
            r.add(
                RULE, None, None, f"{path}.home: {run.name} is a morning run: nobody rides it home"
            )
        for leg in legs:
            riders = self.read_riders(entry.get(leg, []), f"{path}.{leg}")
            for worker in riders:
                self.rides.setdefault(worker, {}).setdefault(leg, []).append((run, f"{path}.{leg}"))
            if len(riders) > run.seats:
                way = "to work" if leg == TO else "home"
                r.add(
                    RULE,
                    None,
                    None,
                    f"{path}.{leg}: {len(riders)} riders {way}, but {run.name} has "
                    f"{run.seats} seats",
                )

    def read_stops(self, run: Run, raw: Any, path: str) -> None:
        r = self.r
        want = [s for s, _ in run.stops]
        stops = raw if isinstance(raw, list) else []
        got = [s.get("enclave") if isinstance(s, dict) else None for s in stops]
        if not isinstance(raw, list) or got != want:
            r.add(
                RULE,
                None,
                None,
                f"{path}.stops: {', '.join(map(str, got)) or 'none'}, expected {', '.join(want)} "
                f"(the route of {run.name})",
            )
            return
        for k, (stop, (site_id, arrival)) in enumerate(zip(stops, run.stops, strict=True)):
            if stop.get("arrival") != hhmm(arrival):
                r.add(
                    RULE,
                    site_id,
                    None,
                    f"{path}.stops[{k}].arrival: {stop.get('arrival')!r}, expected "
                    f"{hhmm(arrival)!r}",
                )

    def read_riders(self, raw: Any, path: str) -> list[str]:
        """The known, distinct workers of one list; a coach or own-transport worker on it is a
        violation of the rule, anything else one of shape."""
        r = self.r
        if not isinstance(raw, list):
            r.add("shape", None, None, f"{path}: not a list")
            return []
        riders: list[str] = []
        for person in raw:
            if not isinstance(person, str) or not r.known(person):
                r.add("shape", None, None, f"{path}: unknown id {person!r}")
            elif person in riders:
                r.add("shape", None, person, f"{path}: {person} is listed twice")
            else:
                riders.append(person)
                if person in r.company.coaches:
                    r.add(RULE, None, person, f"{path}: {person} is a coach: coaches ride no van")
                elif r.company.workers[person].transport != "collective":
                    r.add(RULE, None, person, f"{path}: {person} has own transport: rides no van")
        return riders

    # -- the rides of each worker -----------------------------------------------------------------

    def check_rides(self) -> None:
        """Every collective worker at a site rides exactly one run to it that stops there (a
        morning run when working the morning, else a midday run), a morning-only worker exactly
        one midday run home from it; nobody rides a run that left before they were told."""
        r = self.r
        if not self.with_vans:
            return
        for worker in r.company.workers:
            rides = self.rides.get(worker, {})
            sites = r.worker_sites.get(worker, [])
            if not self.rides_by_van(worker):
                continue  # said when reading the list
            if not sites:
                for runs in rides.values():
                    for run, path in runs:
                        r.add(
                            RULE,
                            None,
                            worker,
                            f"{path}: {worker} rides {run.name}, but works at no site",
                        )
                continue
            site_id = sites[0]
            halves = self.halves_worked(worker, site_id)
            if not halves:
                continue
            to = MORNING if "am" in halves else MIDDAY
            self.check_leg(worker, site_id, TO, to, rides.get(TO, []))
            if halves == ("am",):
                self.check_leg(worker, site_id, HOME, MIDDAY, rides.get(HOME, []))
            for run, path in rides.get(HOME, []) if halves != ("am",) else []:
                r.add(
                    RULE,
                    site_id,
                    worker,
                    f"{path}: {worker} rides {run.name} home at midday, but works "
                    f"{'the afternoon' if 'pm' in halves else 'no morning'} at {site_id}",
                )
            told = self.told(worker, site_id)
            for leg in (TO, HOME):
                for run, path in rides.get(leg, []):
                    if told is not None and run.depart < told:
                        r.add(
                            RULE,
                            site_id,
                            worker,
                            f"{path}: {worker} rides {run.name}, before they were told to go "
                            f"to {site_id} at {hhmm(told)}",
                        )

    def check_leg(
        self, worker: str, site_id: str, leg: str, kind: str, runs: list[tuple[Run, str]]
    ) -> None:
        r = self.r
        way = f"to {site_id}" if leg == TO else f"home from {site_id} at midday"
        run_kind = "a morning run" if kind == MORNING else "a midday run"
        if not runs:
            r.add(
                RULE,
                site_id,
                worker,
                f"vans: {worker} works at {site_id} (collective transport) but rides no run "
                f"{way}; expected {run_kind} that stops there",
            )
            return
        if len(runs) > 1:
            names = ", ".join(run.name for run, _ in runs)
            r.add(
                RULE,
                site_id,
                worker,
                f"vans: {worker} rides {len(runs)} runs {way} ({names}), expected exactly one",
            )
        for run, path in runs:
            if run.arrival(site_id) is None:
                stops = ", ".join(s for s, _ in run.stops)
                r.add(
                    RULE,
                    site_id,
                    worker,
                    f"{path}: {worker} rides {run.name} {way}, but it does not stop there "
                    f"(stops {stops})",
                )
            elif run.leg != kind:
                r.add(
                    RULE,
                    site_id,
                    worker,
                    f"{path}: {worker} rides {run.name} {way}, expected {run_kind}",
                )

    # -- a rider's move ---------------------------------------------------------------------------

    def moves(self, found: dict[tuple[str, str], dict[str, Any]]) -> dict[tuple[str, str], dict]:
        """The moves as times.py derives them, a rider's departing and arriving with its run
        and late when that is after the roster deadline; `van` names the run's van (None for
        everyone who rides none)."""
        r = self.r
        given = {}
        for move in r.roster.get("moves", []) if isinstance(r.roster.get("moves"), list) else []:
            if isinstance(move, dict):
                given.setdefault((str(move.get("person")), str(move.get("to"))), move)
        for (person, site_id), move in found.items():
            move["van"] = None
            if not self.rides_by_van(person):
                continue
            run = self.ride_to(person, site_id)
            if run is None:  # the ride is wrong, and said so: its times cannot be read from it
                move["unchecked"] = ("depart", "arrival", "late", "van")
                move["late"] = bool(given.get((person, site_id), {}).get("late", False))
                continue
            arrival = run.arrival(site_id)
            move["depart"] = hhmm(run.depart)
            move["arrival"] = hhmm(arrival)
            move["late"] = run.leg == MORNING and arrival > r.today.deadline
            move["van"] = run.van
        return found


__all__ = ["MIDDAY", "MORNING", "Run", "Vans", "todays_runs"]
