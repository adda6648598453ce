"""Domain types: the company as a planner describes it, plain and typed.

Nothing here knows about files or solvers. Loading and validation live in `solver.io.loading`,
the CP-SAT model in `solver.roster.model`, the independent checker in `solver.checker`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

SupportNeed = Literal["low", "medium", "high"]
SiteKind = Literal["enclave", "service"]
CoachRole = Literal["regular", "vlinder", "interim"]
AbsenceKind = Literal["leave", "adv", "sick", "training", "other"]
AbsencePart = Literal["day", "am", "pm"]
Half = Literal["am", "pm"]
SharedCoachPolicy = Literal["never", "pilot", "small"]
RatioNormsAs = Literal["limit", "target"]

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WORKWEEK: tuple[str, ...] = WEEKDAYS[:5]
SUPPORT_NEEDS: tuple[str, ...] = ("low", "medium", "high")
HALVES: tuple[Half, ...] = ("am", "pm")  # the morning and the afternoon, split at shift.midday
ATELIER = "atelier"  # the company's own workshop, the usual source of replacement workers
DEPOT = "depot"  # where collective transport and vlinders start the day


@dataclass(frozen=True)
class Place:
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Shift:
    start: dt.time = dt.time(7, 30)
    end: dt.time = dt.time(16, 0)
    roster_deadline: dt.time = dt.time(8, 0)
    midday: dt.time = dt.time(12, 0)  # where the morning ends and the afternoon begins


@dataclass(frozen=True)
class Atelier:
    """The company's own workshop: places for site workers who do not work at a site today."""

    spare_places: int = 0


@dataclass(frozen=True)
class RatioNorms:
    """Workers per coach by support need (BVR 17-02-2017, art. 79)."""

    low: int = 13
    medium: int = 10
    high: int = 7
    # company.yaml `ratio_tolerance: {line_work: t}`: on a line-work site a coach may take t
    # workers more than the norm of each need (the hearing: "7 or 9 on an automated line makes no
    # difference"); 0 = off. docs/roster-rules.md, "Ratio and capacity".
    line_work_tolerance: int = 0

    def per_coach(self, need: str) -> int:
        return getattr(self, need)


@dataclass(frozen=True)
class TravelSettings:
    speed_kmh: float = 40.0
    road_factor: float = 1.3
    shared_coach_max_minutes: float = 15.0


@dataclass(frozen=True)
class Policy:
    shared_coach: SharedCoachPolicy = "pilot"
    max_sites_per_shared_coach: int = 3
    interim_coaches: bool = False
    # Sites whose headcount is at most this may share a coach under policy `small`
    # (the hearing's proposal: one coach for 2-3 enclaves of 2-3 workers).
    small_site_max_headcount: int = 3
    # `limit`: the inspection checks the norms per enclave (objective level 2 only); `target`:
    # the decree's "streefcijfer", so a worker sent home also counts at level 1.
    ratio_norms_as: RatioNormsAs = "limit"
    # The hearing: lighter support only for need "midden"; `high` also lets a shared coach
    # coach a site where a worker of need high is present.
    shared_coach_max_need: Literal["medium", "high"] = "medium"


@dataclass(frozen=True)
class Subsidy:
    """The subsidy rule (company.yaml `costs.subsidy`): one subsidised coach FTE per `low`,
    `medium`, `high` workers of that support need (the ratio norms of BVR 17-02-2017, art. 79:
    "subsidies follow the ratio"), each subsidised FTE worth `fte_year` euros a year."""

    low: float = 13.0
    medium: float = 10.0
    high: float = 7.0
    fte_year: float = 52_000.0

    def fte_per_worker(self, need: str) -> float:
        return 1.0 / getattr(self, need)


@dataclass(frozen=True)
class Costs:
    """Money as data (company.yaml `costs:`), in euros. The defaults are PLACEHOLDERS, chosen
    only so the hearing's economics show (an enclave of about 5 workers of need low breaks
    even): `placeholder` stays true until the company writes its own figures, and every output
    that shows euros says "voorlopige bedragen" while it is."""

    coach_fte_year: float = 60_000.0  # a regular coach, one FTE, a year (employer's cost)
    vlinder_fte_year: float = 60_000.0  # a vlinder: paid without subsidy (the hearing)
    subsidy: Subsidy = Subsidy()
    price_worker_day: float = 35.0  # what the client pays for one worker-day (revenue)
    temporary_unemployment_worker_day: float = 60.0  # a worker sent home for a day
    short_worker_day: float = 150.0  # a worker missing at a client: a short team risks the client
    interim_coach_day: float = 450.0  # an agency coach for a day (where interim is allowed)
    placeholder: bool = True


@dataclass(frozen=True)
class Settings:
    name: str
    depot: Place = Place("depot", 50.851, 2.885)
    shift: Shift = Shift()
    ratio_norms: RatioNorms = RatioNorms()
    travel: TravelSettings = TravelSettings()
    policy: Policy = Policy()
    atelier: Atelier = Atelier()
    public_holidays: str | None = "BE"  # country code for the `holidays` package; None = ignore
    absence_model: dict = field(default_factory=dict)
    # Words the company uses for its codes (company.yaml `labels:`), e.g. {"skills": {"forklift":
    # "heftruck"}}: shown to people, never used to decide anything.
    labels: dict = field(default_factory=dict)
    costs: Costs = Costs()  # company.yaml `costs:`; the defaults are placeholders

    def skill_label(self, skill: str) -> str:
        """A skill as the company names it; its id where it names none."""
        return self.labels.get("skills", {}).get(skill, skill)

    def skill_labels(self, skills) -> str:
        """Skills as the company names them, comma-separated."""
        return ", ".join(self.skill_label(s) for s in skills)


@dataclass(frozen=True)
class Site:
    """An enclave (coach permanently on site) or a service site (no coach required)."""

    id: str
    name: str
    kind: SiteKind
    lat: float
    lon: float
    headcount: int
    min_headcount: int = 0
    coaches: int = 1
    skills: tuple[str, ...] = ()
    days: tuple[str, ...] = WORKWEEK
    weeks_of_month: tuple[int, ...] = ()
    start: dt.time | None = None
    end: dt.time | None = None
    pilot: bool = False
    line_work: bool = False

    @property
    def needs_coach(self) -> bool:
        return self.kind == "enclave"


@dataclass(frozen=True)
class Coach:
    id: str
    name: str
    role: CoachRole
    home: str | None = None
    skills: tuple[str, ...] = ()
    trained_at: tuple[str, ...] = ()
    trained_everywhere: bool = False
    days: tuple[str, ...] = WORKWEEK
    lat: float | None = None
    lon: float | None = None

    def knows(self, site_id: str) -> bool:
        """A coach may take over where trained; the own site is implied."""
        return self.trained_everywhere or site_id == self.home or site_id in self.trained_at


@dataclass(frozen=True)
class Worker:
    id: str
    name: str
    need: SupportNeed
    home: str  # enclave id or ATELIER
    trained_at: tuple[str, ...] = ()
    days: tuple[str, ...] = WORKWEEK
    transport: Literal["collective", "own"] = "collective"

    def knows(self, site_id: str) -> bool:
        return site_id == self.home or site_id in self.trained_at


@dataclass(frozen=True)
class Absence:
    """A known absence. Only its kind is kept: never a reason or a diagnosis."""

    person: str
    start: dt.date
    end: dt.date
    part: AbsencePart = "day"
    kind: AbsenceKind = "other"
    # Reported on the morning itself (sick call): the replacement is called when the call came,
    # `reported_at`, or at shift start when no time was given.
    sudden: bool = False
    reported_at: dt.time | None = None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def covers_half(self, half: str) -> bool:
        return self.part in ("day", half)


def works_on(days: tuple[str, ...], weekday: str, half: str | None = None) -> bool:
    """Whether a `days` list (`wed` a whole day, `wed-am` a morning) includes that weekday, or
    that half of it when `half` is given."""
    if weekday in days:
        return True
    halves = (half,) if half else HALVES
    return any(f"{weekday}-{h}" in days for h in halves)


@dataclass(frozen=True)
class VanRun:
    """One run of a company van (vans.csv, a row each): it leaves the depot at `depart` and
    stops at the `route`'s sites in that order. A run leaving before midday brings the workers
    who start in the morning (and takes them home at the end of the shift); one leaving at or
    after midday takes the morning's half-day workers home and brings the afternoon's."""

    van: str
    seats: int
    route: tuple[str, ...]
    depart: dt.time | None = None  # None: the shift start
    days: tuple[str, ...] = WORKWEEK


@dataclass(frozen=True)
class DayDemand:
    """A client's change for one day."""

    date: dt.date
    site: str
    headcount: int | None = None
    closed: bool = False


@dataclass(frozen=True)
class Company:
    settings: Settings
    sites: dict[str, Site]
    coaches: dict[str, Coach]
    workers: dict[str, Worker]
    absences: tuple[Absence, ...] = ()
    demand: tuple[DayDemand, ...] = ()
    vans: tuple[VanRun, ...] = ()  # empty: no vans.csv, workers travel as by car

    @property
    def name(self) -> str:
        return self.settings.name

    def person_kind(self, person_id: str) -> str | None:
        if person_id in self.coaches:
            return "coach"
        if person_id in self.workers:
            return "worker"
        return None


def role_of(company: Company, person: str) -> str:
    """The role as the call list says it: coach (a regular one), vlinder, interim or worker."""
    if person in company.coaches:
        role = company.coaches[person].role
        return "coach" if role == "regular" else role
    return "worker"
