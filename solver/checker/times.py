"""Moves and times (spec: "Travel and times"): who is a move, where from, when each leaves and
arrives (told the day before, a split coach at midday, a replacement for a sudden absence at the
call time), who is late, and how long each site that needs a coach goes without one.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from solver.checker.reading import Reading
from solver.checker.today import hhmm
from solver.domain import ATELIER, DEPOT, HALVES

# A move's role as the roster names it; a regular coach may be called either way.
MOVE_ROLES = {"regular": ("coach", "regular"), "vlinder": ("vlinder",), "interim": ("interim",)}


class Timing(NamedTuple):
    move: bool  # a move (False: expected there, or staying from the morning)
    depart: int  # minutes
    arrival: int
    late: bool
    origin: str | None  # where a move comes from
    wait: int  # how long the site waits for this person in that half


def sudden_calls(r: Reading) -> dict[tuple[str, str, str], int]:
    """(site, kind, half) -> the earliest call of someone of that kind expected at the site and
    suddenly absent in that half."""
    calls: dict[tuple[str, str, str], int] = {}
    for person, halves in r.today.sudden.items():
        if not r.known(person):
            continue
        kind = "coach" if person in r.company.coaches else "worker"
        for site_id in r.expected_sites(person):
            if site_id not in r.company.sites:
                continue
            for half in halves:
                key = (site_id, kind, half)
                calls[key] = min(calls.get(key, r.today.call[person]), r.today.call[person])
    return calls


def replan_time(r: Reading) -> int | None:
    """When a re-plan is made: with a previous roster and this morning's calls, at the latest
    call (the shift start for a call without a time); None when it is no re-plan."""
    calls = [r.today.call[p] for p in r.today.sudden if r.known(p)]
    return max(calls) if r.inputs.has_previous and calls else None


class Times:
    """Arrivals and departures of one roster, and the moves they make."""

    def __init__(self, r: Reading):
        self.r = r
        self.calls = sudden_calls(r)
        self.replan = replan_time(r)

    def timing(self, person: str, site_id: str, half: str) -> Timing:
        """The spec's "Arrival and departure" of a person at a site in a half, bullet by bullet
        in its order."""
        r, today = self.r, self.r.today
        start = today.half_start(site_id, half)
        here = today.point(site_id)
        if half == "pm" and "am" in r.halves_of(site_id, person):  # staying from the morning
            return Timing(False, start, start, False, None, 0)
        is_coach = person in r.company.coaches
        morning = r.sites_in(person, "am") if is_coach and half == "pm" else []
        expected = site_id in r.expected_sites(person)
        if morning:  # a split drives even to a site it was expected at (no move there)
            origin = max(morning, key=lambda s: today.minutes(today.point(s), here))
            call = self.calls.get((site_id, "coach", "pm"))
            depart = max(today.midday, call if call is not None else today.midday)
            arrival = depart + today.minutes(today.point(origin), here)
            return Timing(not expected, depart, arrival, False, origin, arrival - today.midday)
        if expected:
            travel = today.minutes(today.start_point(person), here)
            return Timing(False, start - travel, start, False, None, 0)
        origin = r.expected(person) or DEPOT
        call = self.calls.get((site_id, "coach" if is_coach else "worker", half))
        if call is not None:  # a replacement for a sudden absence: the hole is open from start
            depart, arrival, on_time = self.told(person, call, site_id, start)
            late = half == "am" and not on_time and arrival > today.deadline
            return Timing(True, depart, arrival, late, origin, arrival - start)
        if self.replan is not None:  # moved by a re-plan: the site waits since the re-plan
            depart, arrival, _ = self.told(person, self.replan, site_id, start)
            return Timing(
                True, depart, arrival, False, origin, max(0, arrival - max(start, self.replan))
            )
        travel = today.minutes(today.start_point(person), here)
        return Timing(True, start - travel, start, False, origin, 0)

    def told(self, person: str, t: int, site_id: str, start: int) -> tuple[int, int, bool]:
        """Told at `t`, from where the person is then: (depart, arrival, on time). On time when
        the journey ends by the half's start: it leaves in time for it; else it leaves at `t`."""
        today = self.r.today
        where = today.start_point(person) if t <= today.shift_start else self.where_expected(person)
        journey = today.minutes(where, today.point(site_id))
        if t + journey <= start:
            return start - journey, start, True
        return t, t + journey, False

    def where_expected(self, person: str) -> tuple[float, float]:
        """Where someone is after the shift start: their site, the depot for the atelier, where
        their day starts when expected nowhere."""
        today = self.r.today
        expected = self.r.expected(person)
        if expected in self.r.company.sites:
            return today.point(expected)
        if expected == ATELIER:
            depot = self.r.company.settings.depot
            return depot.lat, depot.lon
        return today.start_point(person)

    def moves(self) -> dict[tuple[str, str], dict[str, Any]]:
        """(person, site) -> the move the spec derives, with its travel minutes (level 5: from
        where the person's day starts, a split's afternoon site the same)."""
        r, today = self.r, self.r.today
        found: dict[tuple[str, str], dict[str, Any]] = {}
        for person in (*r.company.coaches, *r.company.workers):
            for site_id in r.placements(person):
                halves = r.halves_of(site_id, person)
                timing = self.timing(person, site_id, halves[0])
                if not timing.move:
                    continue
                found[(person, site_id)] = {
                    "person": person,
                    "roles": move_roles(r, person),
                    "from": timing.origin,
                    "to": site_id,
                    "depart": hhmm(timing.depart),
                    "arrival": hhmm(timing.arrival),
                    "late": timing.late,
                    "part": "day" if len(halves) == len(HALVES) else halves[0],
                    "minutes": today.minutes(today.start_point(person), today.point(site_id)),
                }
        return found

    def uncovered(self, site_id: str, half: str) -> int:
        """The least wait of the coaches the site has in that half (the whole half without
        one); 0 for a site that does not run or needs no coach."""
        r, today = self.r, self.r.today
        if not today.runs(site_id) or not r.company.sites[site_id].needs_coach:
            return 0
        length = today.half_length(site_id, half)
        coaches = r.coaches_in(site_id, half)
        if not coaches:
            return length
        wait = min(self.timing(c, site_id, half).wait for c in coaches)
        return min(length, max(0, wait))


def move_roles(r: Reading, person: str) -> tuple[str, ...]:
    if person in r.company.workers:
        return ("worker",)
    return MOVE_ROLES[r.company.coaches[person].role]


def check_moves(r: Reading, expected: dict[tuple[str, str], dict[str, Any]]) -> None:
    raw = r.roster.get("moves", [])
    if not isinstance(raw, list):
        r.add("shape", None, None, "moves: not a list")
        raw = []
    listed: dict[tuple[str, str], tuple[int, dict]] = {}
    for j, move in enumerate(raw):
        if not isinstance(move, dict) or not {"person", "to"} <= move.keys():
            r.add("shape", None, None, f"moves[{j}]: needs at least person and to")
            continue
        key = (str(move["person"]), str(move["to"]))
        if key in listed:
            r.add("figures", key[1], key[0], f"moves[{j}]: {key[0]} to {key[1]} is listed twice")
            continue
        listed[key] = (j, move)
    for key, want in sorted(expected.items()):
        person, site_id = key
        if key not in listed:
            r.add(
                "figures",
                site_id,
                person,
                f"moves: missing the move of {person} from {want['from']} to {site_id} "
                f"(arrival {want['arrival']}{', late' if want['late'] else ''})",
            )
            continue
        j, move = listed[key]
        got = {
            "role": move.get("role"),
            "from": move.get("from"),
            "arrival": move.get("arrival"),
            "late": bool(move.get("late", False)),
        }
        if got["role"] not in want["roles"]:
            r.add(
                "figures",
                site_id,
                person,
                f"moves[{j}].role: {got['role']!r}, expected {want['roles'][0]!r}",
            )
        # `depart` and `part` (issue 13) are checked when the move gives them; `van` (issue
        # 16) always: a rider's move names its van, nobody else's names one. A rider whose ride
        # is wrong (said by transport) has no times to compare.
        names = ("from", "arrival", "late", *(k for k in ("depart", "part") if k in move), "van")
        for name in (n for n in names if n not in want.get("unchecked", ())):
            value = got.get(name, move.get(name))
            if value != want.get(name):
                r.add(
                    "figures",
                    site_id,
                    person,
                    f"moves[{j}].{name}: {value!r}, expected {want[name]!r}",
                )
    for key, (j, _) in sorted(listed.items()):
        if key not in expected:
            person, site_id = key
            if site_id in r.placements(person):
                why = f"{site_id} is where {person} is expected"
            else:
                why = f"{person} is not placed at {site_id}"
            r.add("figures", site_id, person, f"moves[{j}]: not a move: {why}")


def check_uncovered(r: Reading, times: Times) -> None:
    """Each entry's `uncovered_minutes` (both halves) and each half's, when given."""
    for site_id, (_, entry) in r.entries.items():
        per_half = {h: times.uncovered(site_id, h) for h in HALVES}
        places = [(entry, r.path(site_id, "uncovered_minutes"), sum(per_half.values()))]
        block = r.halves.get(site_id) or {}
        for half, given in block.items():
            if half in per_half:
                path = r.path(site_id, f"halves.{half}.uncovered_minutes")
                places.append((given, path, per_half[half]))
        for given, path, want in places:
            if "uncovered_minutes" in given and given["uncovered_minutes"] != want:
                r.add(
                    "figures",
                    site_id,
                    None,
                    f"{path}: {given['uncovered_minutes']!r}, expected {want}",
                )
