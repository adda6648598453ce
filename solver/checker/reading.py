"""The roster JSON as the checker reads it: who is listed where, and in which half.

`Reading` is the one facts object every rule family of the checker gets: the company, the day
(`Today`), the roster's entries and everyone's places per half, and the list of violations found
so far. It checks the shape of what it reads (an unknown id, a list that is not one, a part that
is neither `am` nor `pm`) and reads on: a malformed roster has each defect named, none crashes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from solver.checker.today import HALF_WORDS, Today
from solver.domain import ATELIER, HALVES, Company

# The base shape of an entry (CONTRACT.md); the additions of later issues are checked when given.
SITE_KEYS = (
    "id",
    "status",
    "coaches",
    "workers",
    "headcount",
    "present",
    "coach_load",
    "coach_capacity",
)
STATUSES = (
    "ok",
    "short",
    "understaffed",
    "no_coach",
    "ratio_breach",
    "closed",
    "not_scheduled",
)
NOT_RUNNING = ("closed", "not_scheduled")
# The keys every half under `halves` has (CONTRACT.md); the rest of issue 13's are checked when
# given.
HALF_KEYS = ("status", "coaches", "coach_load", "coach_capacity")


@dataclass
class Violation:
    rule: str  # shape | availability | training_and_skills | shared_coach_travel | ... | figures
    site: str | None
    person: str | None
    message: str  # plain English, with the JSON path of what is wrong

    def __str__(self) -> str:
        where = ", ".join(x for x in (self.site, self.person) if x)
        return f"[{self.rule}]{f' {where}:' if where else ''} {self.message}"


@dataclass
class Inputs:
    """What the day depends on besides the company: the morning's calls, the roster already
    told to people, and the planner's pins and forbids."""

    called_in: tuple[str, ...] = ()
    previous: dict[str, Any] = field(default_factory=dict)
    has_previous: bool = False
    pins: dict[str, str] = field(default_factory=dict)
    forbids: frozenset[tuple[str, str]] = frozenset()


def when(halves) -> str:
    """ " in the morning" for one half, "" for both: the words a message adds."""
    halves = tuple(halves)
    return f" in the {HALF_WORDS[halves[0]]}" if len(halves) == 1 else ""


class Reading:
    def __init__(self, company: Company, roster: dict, today: Today, inputs: Inputs):
        self.company = company
        self.roster = roster
        self.today = today
        self.inputs = inputs
        self.violations: list[Violation] = []
        # site id -> (index in `enclaves`, entry)
        self.entries: dict[str, tuple[int, dict]] = {}
        self.site_coaches: dict[str, list[str]] = {}  # everyone there in either half
        self.site_workers: dict[str, list[str]] = {}
        self.coach_parts: dict[str, dict[str, str]] = {}  # site -> coach -> the one half
        self.worker_parts: dict[str, dict[str, str]] = {}
        self.coach_sites: dict[str, list[str]] = {}  # in either half, in the roster's order
        self.worker_sites: dict[str, list[str]] = {}
        self.halves: dict[str, dict[str, dict]] = {}  # site -> the `halves` block, when readable
        # Filled by the rule families: (site, half) -> coach -> share, and the figures.
        self.shares: dict[tuple[str, str], dict[str, float]] = {}
        self.figures: dict[tuple[str, str], dict[str, Any]] = {}
        self.worse: dict[str, str] = {}  # site -> its worse half

    def add(self, rule: str, site: str | None, person: str | None, message: str) -> None:
        self.violations.append(Violation(rule, site, person, message))

    def path(self, site_id: str, key: str | None = None) -> str:
        index = self.entries[site_id][0] if site_id in self.entries else "?"
        return f"enclaves[{index}]" + (f".{key}" if key else "")

    def entry(self, site_id: str) -> dict:
        return self.entries[site_id][1] if site_id in self.entries else {}

    def known(self, person: str) -> bool:
        return person in self.company.coaches or person in self.company.workers

    # -- where everyone is, per half ---------------------------------------------------------

    def coaches_in(self, site_id: str, half: str) -> list[str]:
        parts = self.coach_parts.get(site_id, {})
        return [c for c in self.site_coaches[site_id] if parts.get(c, half) == half]

    def workers_in(self, site_id: str, half: str) -> list[str]:
        parts = self.worker_parts.get(site_id, {})
        return [w for w in self.site_workers[site_id] if parts.get(w, half) == half]

    def halves_of(self, site_id: str, person: str) -> tuple[str, ...]:
        """The halves the person is at this site (none when not listed there)."""
        if person in self.site_coaches.get(site_id, ()):
            part = self.coach_parts.get(site_id, {}).get(person)
        elif person in self.site_workers.get(site_id, ()):
            part = self.worker_parts.get(site_id, {}).get(person)
        else:
            return ()
        return (part,) if part else HALVES

    def sites_in(self, coach: str, half: str) -> list[str]:
        """The sites a coach is at in one half, in the roster's order."""
        return [s for s in self.coach_sites.get(coach, []) if half in self.halves_of(s, coach)]

    def placements(self, person: str) -> list[str]:
        return self.coach_sites.get(person, []) + self.worker_sites.get(person, [])

    # -- where everyone is expected (spec: "Travel and times") --------------------------------

    def expected_sites(self, person: str) -> tuple[str, ...]:
        """Every place the person is expected (a shared or split coach of a previous roster:
        several)."""
        previous = self.inputs.previous
        if person in previous:
            given = previous[person]
            return (given,) if isinstance(given, str) else tuple(given)
        expected = self.expected(person)
        return (expected,) if expected else ()

    def expected(self, person: str) -> str | None:
        """Where the person is expected: a site id, ATELIER, or None (nowhere); the first of
        several for a coach the previous roster gave more than one site."""
        previous = self.inputs.previous
        if person in previous:
            given = previous[person]
            return given if isinstance(given, str) else (tuple(given) or (None,))[0]
        if self.inputs.has_previous:  # left free by the previous roster: expected to stay free
            worker = self.company.workers.get(person)
            return ATELIER if worker and worker.home == ATELIER else None
        if person in self.company.workers:
            return self.company.workers[person].home
        coach = self.company.coaches[person]
        return coach.home if coach.role == "regular" else None

    # -- shape ----------------------------------------------------------------------------------

    def read_enclaves(self) -> None:
        enclaves = self.roster.get("enclaves")
        if not isinstance(enclaves, list):
            self.add("shape", None, None, "enclaves: missing or not a list")
            enclaves = []
        for i, entry in enumerate(enclaves):
            path = f"enclaves[{i}]"
            if not isinstance(entry, dict):
                self.add("shape", None, None, f"{path}: not an object")
                continue
            site_id = entry.get("id")
            if not isinstance(site_id, str) or site_id not in self.company.sites:
                self.add("shape", None, None, f"{path}.id: unknown site {site_id!r}")
                continue
            if site_id in self.entries:
                first = self.entries[site_id][0]
                self.add(
                    "shape",
                    site_id,
                    None,
                    f"{path}: site {site_id} appears again (first at enclaves[{first}])",
                )
                continue
            self.entries[site_id] = (i, entry)
            missing = [k for k in SITE_KEYS if k not in entry]
            if missing:
                self.add("shape", site_id, None, f"{path}: missing {', '.join(missing)}")
            if entry.get("status") not in STATUSES:
                self.add(
                    "shape",
                    site_id,
                    None,
                    f"{path}.status: {entry.get('status')!r} is not one of {', '.join(STATUSES)}",
                )
            self.site_coaches[site_id] = self.read_people(site_id, path, "coaches")
            self.site_workers[site_id] = self.read_people(site_id, path, "workers")
            self.coach_parts[site_id] = self.read_parts(site_id, "coach_parts", "coaches")
            self.worker_parts[site_id] = self.read_parts(site_id, "worker_parts", "workers")
            for coach in self.site_coaches[site_id]:
                self.coach_sites.setdefault(coach, []).append(site_id)
            for worker in self.site_workers[site_id]:
                self.worker_sites.setdefault(worker, []).append(site_id)
            self.read_halves(site_id)
        for site_id in self.company.sites:
            if site_id not in self.entries:
                self.add("shape", site_id, None, f"enclaves: site {site_id} is missing")
                self.site_coaches[site_id] = []
                self.site_workers[site_id] = []

    def read_people(self, site_id: str, path: str, key: str) -> list[str]:
        """The known, distinct ids under `key`; anything else is a shape violation."""
        raw = self.entry(site_id).get(key, [])
        if not isinstance(raw, list):
            self.add("shape", site_id, None, f"{path}.{key}: not a list")
            return []
        known = self.company.coaches if key == "coaches" else self.company.workers
        other = self.company.workers if key == "coaches" else self.company.coaches
        kind, other_kind = ("coach", "worker") if key == "coaches" else ("worker", "coach")
        people: list[str] = []
        for person in raw:
            if not isinstance(person, str):
                self.add("shape", site_id, None, f"{path}.{key}: {person!r} is not an id")
            elif person in people:
                self.add("shape", site_id, person, f"{path}.{key}: {person} is listed twice")
            elif person in known:
                people.append(person)
            elif person in other:
                self.add(
                    "shape",
                    site_id,
                    person,
                    f"{path}.{key}: {person} is a {other_kind}, not a {kind}",
                )
            else:
                self.add("shape", site_id, person, f"{path}.{key}: unknown id {person!r}")
        return people

    def read_parts(self, site_id: str, key: str, people_key: str) -> dict[str, str]:
        """`coach_parts` / `worker_parts`: who is there for one half only (absent: nobody)."""
        raw = self.entry(site_id).get(key)
        if raw is None:
            return {}
        path = self.path(site_id, key)
        if not isinstance(raw, dict):
            self.add("shape", site_id, None, f"{path}: not an object")
            return {}
        listed = self.site_coaches if people_key == "coaches" else self.site_workers
        parts: dict[str, str] = {}
        for person, part in raw.items():
            if person not in listed[site_id]:
                self.add(
                    "shape",
                    site_id,
                    person,
                    f"{path}: {person} is not listed under {people_key} here",
                )
            elif part not in HALVES:
                self.add("shape", site_id, person, f"{path}.{person}: {part!r} is not am or pm")
            else:
                parts[person] = part
        return parts

    def read_halves(self, site_id: str) -> None:
        """The `halves` block: kept when it has both halves as objects; checked later."""
        raw = self.entry(site_id).get("halves")
        if raw is None:
            return
        path = self.path(site_id, "halves")
        if not isinstance(raw, dict) or not all(isinstance(raw.get(h), dict) for h in HALVES):
            self.add("shape", site_id, None, f"{path}: needs an object for am and one for pm")
            return
        for half in HALVES:
            missing = [k for k in HALF_KEYS if k not in raw[half]]
            if missing:
                self.add("shape", site_id, None, f"{path}.{half}: missing {', '.join(missing)}")
        self.halves[site_id] = raw
