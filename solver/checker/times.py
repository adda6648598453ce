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


class Times:
    """Arrivals and departures of one roster, and the moves they make."""

    def __init__(self, r: Reading):
        self.r = r
        self.calls = sudden_calls(r)

    def timing(self, person: str, site_id: str, half: str) -> Timing:
        r, today = self.r, self.r.today
        start = today.half_start(site_id, half)
        staying = half == "pm" and "am" in r.halves_of(site_id, person)
        if site_id in r.expected_sites(person) or staying:
            return Timing(False, start, start, False, None)
        here = today.point(site_id)
        is_coach = person in r.company.coaches
        morning = r.sites_in(person, "am") if is_coach and half == "pm" else []
        if morning:  # a split: it leaves its morning site at midday
            arrival = today.midday + today.minutes(today.point(morning[0]), here)
            return Timing(True, today.midday, arrival, False, morning[0])
        origin = r.expected(person) or DEPOT
        call = self.calls.get((site_id, "coach" if is_coach else "worker", half))
        if call is not None:  # a replacement for a sudden absence: it leaves at the call
            if call <= today.shift_start:
                leaves_from = today.start_point(person)
            else:
                leaves_from = self.where_expected(person)
            arrival = max(start, call + today.minutes(leaves_from, here))
            return Timing(True, call, arrival, arrival > today.deadline, origin)
        # Told before: it leaves in time to arrive at the half's start.
        travel = today.minutes(today.start_point(person), here)
        return Timing(True, start - travel, start, False, origin)

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
        """Minutes from the half's start until the first coach arrives (the whole half without
        one); 0 for a site that does not run or needs no coach."""
        r, today = self.r, self.r.today
        if not today.runs(site_id) or not r.company.sites[site_id].needs_coach:
            return 0
        length = today.half_length(site_id, half)
        coaches = r.coaches_in(site_id, half)
        if not coaches:
            return length
        first = min(self.timing(c, site_id, half).arrival for c in coaches)
        return min(length, max(0, first - today.half_start(site_id, half)))


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
        # `depart` and `part` (issue 13) are checked when the move gives them.
        names = ("from", "arrival", "late", *(k for k in ("depart", "part") if k in move))
        for name in names:
            value = got.get(name, move.get(name))
            if value != want[name]:
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
