"""From who is where to the roster: each half's figures, the moves with their times, the atelier
and home lists, and the six levels, all read off the placements (docs/roster-rules.md).

The model's slack variables are only bounded below, which keeps the search fast; a roster cut
short by the time limit must still report its true figures, so everything here is computed from
the placements alone. The rules are the model's (`rules.py`) read the other way round; the
independent checker keeps its own reading.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from solver.domain import ATELIER, DEPOT, HALVES, role_of
from solver.roster.day import Day, Option, move_weight
from solver.roster.json_shape import Move, Roster, SiteRoster
from solver.roster.reasons import explain_codes
from solver.roster.rules import (
    BELOW_MINIMUM_WEIGHT,
    HALF_DAYS,
    INTERIM_WEIGHT,
    LATE_REPLACEMENT_WEIGHT,
    LEVELS,
    SHORT_WEIGHT,
    SHORT_WEIGHT_LINE_WORK,
)

# Worse first: the site's status is its worse half's.
STATUS_ORDER = ("no_coach", "ratio_breach", "understaffed", "short", "ok")


@dataclass(frozen=True)
class Solution:
    """The values read off the solver: who is where, and each coach's capacity share.

    `placed` holds (worker, site) pairs and (coach, site, half) triples; a (coach, site) pair
    means every half the coach works today (how the manual rule and the benchmarks' whole-day
    models say it). `capacity` is keyed the same way."""

    placed: frozenset[tuple[str, ...]]
    capacity: dict[tuple[str, ...], int]
    # (worker, run id, "to" | "home"): who rides which van run. Left empty by a solution that
    # does not decide rides (the manual rule): each rider then takes the first run with a seat.
    rides: frozenset[tuple[str, str, str]] = frozenset()


@dataclass
class Half:
    """One site in one half."""

    status: str
    coaches: list[str]
    present: list[str]
    load: int  # units
    capacity: int  # units
    shares: dict[str, float]
    shortfall: int  # units
    uncovered: int  # minutes


@dataclass
class Placements:
    """The solution in the shape the rules speak of."""

    coach_halves: dict[tuple[str, str], tuple[str, ...]]  # (coach, site) -> halves there
    capacity: dict[tuple[str, str, str], int]  # (coach, site, half) -> units, shared coaches
    workers_at: dict[str, list[str]] = field(default_factory=dict)  # site -> workers
    site_of_worker: dict[str, str] = field(default_factory=dict)
    ride_of: dict[tuple[str, str], str] = field(default_factory=dict)  # (worker, leg) -> run
    # coach_halves by site and by coach, in id order (`index`): asked per site and half, a scan
    # of every placement made reading an x160 roster take seconds.
    at_site: dict[str, list[tuple[str, tuple[str, ...]]]] = field(default_factory=dict)
    of_coach: dict[str, list[tuple[str, tuple[str, ...]]]] = field(default_factory=dict)

    def index(self) -> None:
        self.at_site.clear()
        self.of_coach.clear()
        for (c, s), hs in sorted(self.coach_halves.items()):
            self.at_site.setdefault(s, []).append((c, hs))
            self.of_coach.setdefault(c, []).append((s, hs))

    def coaches_in(self, site_id: str, half: str) -> list[str]:
        return [c for c, hs in self.at_site.get(site_id, ()) if half in hs]

    def sites_of_coach(self, coach_id: str, half: str) -> list[str]:
        return [s for s, hs in self.of_coach.get(coach_id, ()) if half in hs]


def placements(day: Day, solution: Solution) -> Placements:
    company = day.company
    halves: dict[tuple[str, str], set[str]] = {}
    capacity: dict[tuple[str, str, str], int] = {}
    found = Placements({}, capacity, {s: [] for s in day.sites}, {})
    for key in sorted(solution.placed):
        person, site_id = key[0], key[1]
        if person in company.coaches:
            given = key[2:] or day.halves(person)
            halves.setdefault((person, site_id), set()).update(given)
            for half in given:
                units = solution.capacity.get((person, site_id, half))
                if units is None:
                    units = solution.capacity.get((person, site_id))
                if units is not None:
                    capacity[(person, site_id, half)] = units
        else:
            found.workers_at[site_id].append(person)
            found.site_of_worker[person] = site_id
    found.coach_halves.update({k: tuple(h for h in HALVES if h in hs) for k, hs in halves.items()})
    found.index()
    found.ride_of.update({(w, leg): run for w, run, leg in solution.rides})
    if day.runs and not solution.rides:
        _first_free_rides(day, found)
    return found


def _first_free_rides(day: Day, found: Placements) -> None:
    """For a solution that placed people without deciding rides: each rider, in id order, takes
    the first run of their option with a seat left (or the first run, when all are full)."""
    taken: dict[tuple[str, str], int] = {}
    for worker_id, site_id in sorted(found.site_of_worker.items()):
        option = _option(day, worker_id, site_id)
        for leg in ("to", "home"):
            runs = [run for run, kind in option.rides if kind == leg]
            if not runs:
                continue
            free = [r for r in runs if taken.get((r, leg), 0) < day.run(r).seats]
            run = (free or runs)[0]
            taken[(run, leg)] = taken.get((run, leg), 0) + 1
            found.ride_of[(worker_id, leg)] = run


def worker_late(day: Day, found: Placements, option: Option) -> bool:
    """A replacement is late when it arrives after the roster deadline: with its van's arrival
    at the stop when it rides one, else as the option says (a sudden absence's replacement)."""
    if not option.by_van:
        return option.late
    deadline = day.company.settings.shift.roster_deadline
    run_id = found.ride_of.get((option.person, "to"))
    if run_id is None or option.expected or day.run(run_id).leg != "morning":
        return False  # the deadline is the morning's
    return day.run(run_id).arrival(option.site) > deadline.hour * 60 + deadline.minute


def _option(day: Day, person: str, site_id: str) -> Option:
    options = day.coach_options if person in day.company.coaches else day.worker_options
    return next(o for o in options[person] if o.site == site_id)


def coach_arrival(day: Day, found: Placements, coach_id: str, site_id: str, half: str) -> tuple:
    """When a coach comes to a site for a half, as (departure, arrival, wait): staying from the
    morning, it is there; on a split it leaves its morning site at midday (or at the afternoon's
    call, if later) and drives over, even to a site it was expected at (from the farthest, when
    it shared several in the morning); expected there, it is on time; else the option's times
    (a replacement called this morning arrives after its journey). `wait`: how long the site
    waits for it, from the moment the site has nobody."""
    option = _option(day, coach_id, site_id)
    start = day.half_start(site_id, half)
    if half == "pm":
        morning = found.sites_of_coach(coach_id, "am")
        if site_id in morning:
            return (start, start, 0)
        if morning:
            wait = max(day.split_wait(s, site_id) for s in morning)
            return (day.split_depart(site_id), start + wait, wait)
    if option.expected:
        return (option.depart(half), start, 0)
    return (option.depart(half), option.arrival(half), option.wait(half))


def site_half(day: Day, found: Placements, site_id: str, half: str) -> Half:
    company = day.company
    today = day.sites[site_id]
    units = day.units_per_coach
    coaches = found.coaches_in(site_id, half)
    present = [w for w in found.workers_at[site_id] if half in day.halves(w)]
    load = sum(day.load_units(site_id, company.workers[w].need) for w in present)
    # A coach at one site brings all of its capacity; a shared one its share.
    cap_units = {
        c: found.capacity.get((c, site_id, half), units)
        if len(found.sites_of_coach(c, half)) > 1
        else units
        for c in coaches
    }
    capacity = sum(cap_units.values())
    # Rounded down, and fine enough that round(share x units) gives the units back: the shares
    # of a shared coach never add up to more than one coach.
    shares = {c: math.floor(cap_units[c] / units * 1e6) / 1e6 for c in coaches}
    shortfall = uncovered = 0
    if not today.runs:
        status = today.status_when_idle
    else:
        if today.needs_coach:
            need = -(-load // units)
            shortfall = units * max(0, max(today.site.coaches, need) - len(coaches))
            shortfall += max(0, load - capacity)
            if coaches:
                uncovered = min(coach_arrival(day, found, c, site_id, half)[2] for c in coaches)
            else:
                uncovered = max(0, day.half_end(site_id, half) - day.half_start(site_id, half))
        if today.needs_coach and not coaches:
            status = "no_coach"
        elif today.needs_coach and load > capacity:
            status = "ratio_breach"
        elif today.needs_coach and len(coaches) < today.site.coaches:
            status = "understaffed"
        elif len(present) < today.headcount:
            status = "short"
        else:
            status = "ok"
    return Half(status, coaches, present, load, capacity, shares, shortfall, uncovered)


def _worse(halves: dict[str, Half]) -> str:
    def badness(half: str) -> tuple:
        h = halves[half]
        rank = STATUS_ORDER.index(h.status) if h.status in STATUS_ORDER else len(STATUS_ORDER)
        # Then the smaller capacity: a coach here all day who shares another site in one half
        # shows that half's share, which the other site's share adds up with.
        return (rank, -h.shortfall, len(h.present), h.capacity, HALVES.index(half))

    return min(halves, key=badness)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _site_roster(day: Day, found: Placements, site_id: str) -> tuple[SiteRoster, dict]:
    today = day.sites[site_id]
    units = day.units_per_coach
    halves = {h: site_half(day, found, site_id, h) for h in HALVES}
    worse = halves[_worse(halves)]
    coaches = sorted({c for h in halves.values() for c in h.coaches})
    workers = sorted(found.workers_at[site_id])
    coach_parts = {c: hs[0] for c, hs in found.at_site.get(site_id, ()) if len(hs) == 1}
    worker_parts = {w: day.halves(w)[0] for w in workers if len(day.halves(w)) == 1}
    # Each coach's share in the half it is there, the worse half's where it is in both.
    shares = {**halves["am"].shares, **halves["pm"].shares, **worse.shares}
    am, pm = halves["am"], halves["pm"]
    # One entry holds the shares of both halves only when they are the same: a coach here all
    # day at full capacity in the worse half and shared in the other shows both under `halves`.
    differ = (am.coaches, len(am.present), am.status, am.shares) != (
        pm.coaches,
        len(pm.present),
        pm.status,
        pm.shares,
    )
    site = SiteRoster(
        id=site_id,
        name=today.site.name,
        kind=today.site.kind,
        status=worse.status,
        coaches=coaches,
        workers=workers,
        headcount=today.headcount if today.runs else 0,
        present=len(worse.present),
        coach_load=round(worse.load / units, 2),
        coach_capacity=round(worse.capacity / units, 2),
        coach_shares={c: shares[c] for c in coaches},
        uncovered_minutes=sum(h.uncovered for h in halves.values()),
        coach_shortfall=round(worse.shortfall / units, 2),
        coach_parts=coach_parts,
        worker_parts=worker_parts,
        halves={
            name: {
                "status": h.status,
                "coaches": h.coaches,
                "present": len(h.present),
                "coach_load": round(h.load / units, 2),
                "coach_capacity": round(h.capacity / units, 2),
                "coach_shares": h.shares,
                "coach_shortfall": round(h.shortfall / units, 2),
                "uncovered_minutes": h.uncovered,
            }
            for name, h in halves.items()
        }
        if differ and today.runs
        else None,
    )
    return site, halves


def _moves(day: Day, found: Placements) -> list[Move]:
    company = day.company
    moves = []
    placed = [(c, s, hs) for (c, s), hs in sorted(found.coach_halves.items())]
    placed += [(w, s, day.halves(w)) for w, s in sorted(found.site_of_worker.items())]
    for person, site_id, halves in placed:
        option = _option(day, person, site_id)
        if option.expected:
            continue
        first = halves[0]
        part = "day" if len(halves) == len(day.halves(person)) == 2 else first
        origin = day.expected.get(person) or DEPOT
        depart, arrival = option.depart(first), option.arrival(first)
        if person in company.coaches:
            depart, arrival, _wait = coach_arrival(day, found, person, site_id, first)
            morning = found.sites_of_coach(person, "am")
            if first == "pm" and morning:
                # A split: from its morning site, the farthest when it shared several (its
                # arrival waits for that drive too: coach_arrival).
                origin = max(morning, key=lambda s: day.split_minutes(s, site_id))
        late = option.late and first == "am"
        van = None
        run_id = found.ride_of.get((person, "to"))
        if person in company.workers and run_id:
            run = day.run(run_id)
            depart, arrival, van = run.depart, run.arrival(site_id), run.van
            late = worker_late(day, found, option)
        moves.append(
            Move(
                person,
                role_of(company, person),
                origin,
                site_id,
                _hhmm(arrival),
                late,
                _hhmm(depart),
                part,
                van,
            )
        )
    moves.sort(key=lambda m: (not m.late, m.arrival, m.to, m.person))
    return moves


def idle_and_home(day: Day, found: Placements, sites: dict[str, dict[str, Half]]):
    """Who is free: coaches, and workers in the atelier or at home (the spare places taken in
    order of id), with the temporary unemployment that follows."""
    company = day.company
    busy = {c for c, _s in found.coach_halves}
    coaches = [c for c in sorted(company.coaches) if day.available(c) and c not in busy]
    free = [
        w for w in sorted(company.workers) if day.available(w) and w not in found.site_of_worker
    ]
    atelier = [w for w in free if company.workers[w].home == ATELIER]
    from_sites = [w for w in free if company.workers[w].home != ATELIER]
    spare = company.settings.atelier.spare_places
    atelier += from_sites[:spare]
    home = from_sites[spare:]

    def without_coach(site_id: str) -> bool:
        today = day.sites.get(site_id)
        return bool(
            today
            and today.needs_coach
            and all(h.status == "no_coach" for h in sites[site_id].values())
        )

    uncoached = sum(without_coach(company.workers[w].home) for w in home)
    unemployment = {
        "sent_home": len(home),
        "from_sites_without_coach": uncoached,
        "kept_free": len(home) - uncoached,
    }
    idle = {
        "coaches": coaches,
        "workers": free,
        "atelier": sorted(atelier),
        "home": home,
    }
    return idle, unemployment


def levels_of(day: Day, solution: Solution) -> dict[str, int]:
    """Each objective level of a roster, computed from who is where (docs/roster-rules.md)."""
    found = placements(day, solution)
    sites = {s: {h: site_half(day, found, s, h) for h in HALVES} for s in day.site_ids()}
    return _levels(day, found, sites)


def _levels(day: Day, found: Placements, sites: dict[str, dict[str, Half]]) -> dict[str, int]:
    company = day.company
    no_coach = below_norm = short = uncovered = 0
    for site_id in day.running():
        today = day.sites[site_id]
        weight = SHORT_WEIGHT_LINE_WORK if today.site.line_work else SHORT_WEIGHT
        minimum = min(today.site.min_headcount, today.headcount)
        for half in sites[site_id].values():
            below_norm += half.shortfall
            if today.needs_coach and not half.coaches:
                no_coach += today.headcount
                continue
            uncovered += half.uncovered
            short += weight * max(0, today.headcount - len(half.present))
            short += BELOW_MINIMUM_WEIGHT * max(0, minimum - len(half.present))
    if company.settings.policy.ratio_norms_as == "target":
        _idle, unemployment = idle_and_home(day, found, sites)
        no_coach += HALF_DAYS * unemployment["sent_home"]

    disruption = travel = pool = 0
    for person, options in (*day.coach_options.items(), *day.worker_options.items()):
        weight = move_weight(company, person, told=day.expected[person] is not None)
        role = company.coaches[person].role if person in company.coaches else "worker"
        for o in options:
            if person in company.coaches:
                there = found.coach_halves.get((person, o.site), ())
                late = o.late and "am" in there
            else:
                at_site = found.site_of_worker.get(person) == o.site
                there = o.halves if at_site else ()
                late = at_site and worker_late(day, found, o)
            away = len(o.halves) - len(there) if o.expected else len(there)
            disruption += weight * away + LATE_REPLACEMENT_WEIGHT * late
            travel += o.travel_minutes * bool(there and not o.expected)
            pool += len(there) * {"vlinder": 1, "interim": INTERIM_WEIGHT}.get(role, 0)
    values = (no_coach, below_norm, short, disruption, travel + uncovered, pool)
    return {f"level{k}": value for k, value in zip(LEVELS, values, strict=True)}


def _vans(day: Day, found: Placements) -> list[dict]:
    """Each run of today: who rides it to work (and, at midday, home), and its stops' times."""
    vans = []
    riding: dict[tuple[str, str], list[str]] = {}  # (run, leg) -> riders
    for (w, leg), r in sorted(found.ride_of.items()):
        riding.setdefault((r, leg), []).append(w)
    for run in day.runs:
        riders, going_home = riding.get((run.id, "to"), []), riding.get((run.id, "home"), [])
        entry = {
            "id": run.van,
            "depart": _hhmm(run.depart),
            "seats": run.seats,
            "riders": riders,
            "stops": [{"enclave": s, "arrival": _hhmm(a)} for s, a in run.stops],
        }
        if run.leg == "midday":
            entry["home"] = going_home
        vans.append(entry)
    return vans


def read_roster(day: Day, solution: Solution) -> Roster:
    """Turn placements into the roster: sites and their halves, moves with their times, who is
    free and where, and why each hole stayed open as reason codes (no words: the edges render
    them); no solver objects leak."""
    company = day.company
    found = placements(day, solution)
    enclaves, halves = [], {}
    for site_id in day.site_ids():
        site, halves[site_id] = _site_roster(day, found, site_id)
        enclaves.append(site)
    idle, unemployment = idle_and_home(day, found, halves)
    policy = company.settings.policy
    roster = Roster(
        company=company.name,
        date=day.date.isoformat(),
        status="optimal",
        enclaves=enclaves,
        moves=_moves(day, found),
        idle=idle,
        solver={},
        absent={p: a.kind for p, a in sorted(day.absent.items())},
        temporary_unemployment=unemployment,
        policy={
            "ratio_norms_as": policy.ratio_norms_as,
            "shared_coach_max_need": policy.shared_coach_max_need,
        },
        vans=_vans(day, found),
    )
    roster.levels = _levels(day, found, halves)
    explain_codes(day, roster)
    return roster


__all__ = ["STATUS_ORDER", "Solution", "coach_arrival", "levels_of", "read_roster", "site_half"]
