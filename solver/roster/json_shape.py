"""The roster as plain data, and its JSON shape (CONTRACT.md: extend, never break)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class SiteRoster:
    id: str
    name: str
    kind: str
    status: str
    coaches: list[str]
    workers: list[str]
    headcount: int
    present: int
    coach_load: float
    coach_capacity: float
    reasons: list[str] = field(default_factory=list)
    # Extension: each coach's share of a coach's capacity here (below 1 only for a shared coach).
    coach_shares: dict[str, float] = field(default_factory=dict)
    # Extension: the reasons as codes and their parameters (ids and numbers, no words), from
    # which `reasons` is rendered in the reader's language (solver.roster.reasons, solver.reports.explain).
    reason_codes: list[dict[str, Any]] = field(default_factory=list)
    # Extensions of the real morning (docs/roster-rules.md): minutes without a coach after the
    # start, the worse half's shortfall in coaches, who is there for one half only, and each
    # half's figures when the halves differ.
    uncovered_minutes: int = 0
    coach_shortfall: float = 0.0
    coach_parts: dict[str, str] = field(default_factory=dict)
    worker_parts: dict[str, str] = field(default_factory=dict)
    halves: dict[str, dict[str, Any]] | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        if data["halves"] is None:
            del data["halves"]
        return data


@dataclass
class Move:
    person: str
    role: str  # coach | vlinder | interim | worker
    from_: str  # enclave id, "atelier" or "depot"
    to: str
    arrival: str  # HH:MM
    late: bool = False  # a replacement for a sudden absence arriving after the roster deadline
    depart: str = ""  # HH:MM: when they leave where they are
    part: str = "day"  # day | am | pm: a move for one half only
    van: str | None = None  # the van a worker on collective transport rides there

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["from"] = data.pop("from_")
        keys = ("person", "role", "from", "to", "depart", "arrival", "late", "part")
        return {k: data[k] for k in keys} | ({"van": self.van} if self.van else {})


@dataclass
class Roster:
    company: str
    date: str
    status: str  # optimal | feasible (time limit hit: best roster so far) | infeasible
    enclaves: list[SiteRoster]
    moves: list[Move]
    idle: dict[str, list[str]]
    solver: dict[str, Any]
    # Extension: each objective level's value, and today's absences by person (kind only).
    levels: dict[str, int] = field(default_factory=dict)
    absent: dict[str, str] = field(default_factory=dict)
    # Extensions of the real morning: workers sent home and why, and the policies that applied.
    temporary_unemployment: dict[str, int] = field(default_factory=dict)
    policy: dict[str, str] = field(default_factory=dict)
    # Extension of collective transport: each van run today, its riders and its stops.
    vans: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "company": self.company,
            "date": self.date,
            "status": self.status,
            "enclaves": [s.to_json() for s in self.enclaves],
            "moves": [m.to_json() for m in self.moves],
            "idle": self.idle,
            "solver": self.solver,
            "levels": self.levels,
            "absent": self.absent,
            "temporary_unemployment": self.temporary_unemployment,
            "policy": self.policy,
            "vans": self.vans,
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n"

    def site(self, site_id: str) -> SiteRoster:
        return next(s for s in self.enclaves if s.id == site_id)

    def assignment(self) -> dict[str, str]:
        """person -> site (a shared coach maps to the first of its sites)."""
        placed: dict[str, str] = {}
        for site in self.enclaves:
            for person in (*site.coaches, *site.workers):
                placed.setdefault(person, site.id)
        return placed


def assignment_from_json(data: dict[str, Any]) -> dict[str, str | tuple[str, ...]]:
    """person -> site from a roster JSON (for --previous); a shared coach -> its sites."""
    placed: dict[str, list[str]] = {}
    for site in data.get("enclaves", []):
        for person in (*site.get("coaches", []), *site.get("workers", [])):
            placed.setdefault(person, []).append(site["id"])
    return {p: sites[0] if len(sites) == 1 else tuple(sites) for p, sites in placed.items()}


def day_of_plan(data: dict[str, Any], date: Any) -> dict[str, Any] | None:
    """The roster of `date` in a plan JSON (`enclaveplan plan`): the morning keeps the plan."""
    wanted = str(date)
    return next(
        (d for d in data.get("days", []) if isinstance(d, dict) and d.get("date") == wanted), None
    )
