"""The independent checker: does a roster JSON obey docs/roster-rules.md?

The CP-SAT model is large and clever; this module is plain on purpose. It shares nothing with
`solver.roster.model`, `solver.roster.rules`, `solver.roster.day`, `solver.reports.explain`,
`solver.domain.calendar` or `solver.domain.travel`: only the domain dataclasses. Calendar, availability, travel, ratio units,
expected places, moves and the six objective levels are re-derived here from the specification,
so that a bug in the model's reading of the rules shows up as a disagreement instead of being
copied.

Why one module of about a thousand lines: it is one reading of one specification, a class whose
checks share the day's re-derived facts; split over files it would need mixins or a facts object
passed everywhere, and a reader comparing it with docs/roster-rules.md would have to follow both.

Hard rules broken by a roster become `Violation`s. The soft rules (a site without a coach, a
ratio below the norm, a short team) are legal outcomes: they are not violations, but the site's
status and figures must say so honestly, and their cost appears in the recomputed `levels`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import holidays as holiday_calendars

from solver.domain import ATELIER, DEPOT, WEEKDAYS, Coach, Company, Site, Worker

STATUSES = ("ok", "short", "no_coach", "ratio_breach", "closed", "not_scheduled")
NOT_RUNNING = ("closed", "not_scheduled")
EARTH_RADIUS_KM = 6371.0
FIGURE_TOLERANCE = 0.01 + 1e-9  # the JSON rounds loads and capacities to 2 decimals
SHARE_TOLERANCE = 1e-6
LATE_PENALTY = 5
WORKER_WEIGHT = {"low": 1, "medium": 2, "high": 4}
REGULAR_COACH_WEIGHT = 2
VLINDER_POOL_COST = 1
INTERIM_POOL_COST = 10
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
LEVELS = tuple(f"level{i}" for i in range(1, 7))
# A move's role as the roster names it; a regular coach may be called either way.
MOVE_ROLES = {"regular": ("coach", "regular"), "vlinder": ("vlinder",), "interim": ("interim",)}


@dataclass
class Violation:
    rule: str  # shape | availability | training_and_skills | shared_coach_travel | figures
    site: str | None
    person: str | None
    message: str  # plain English, with the JSON path of what is wrong

    def __str__(self) -> str:
        where = ", ".join(x for x in (self.site, self.person) if x)
        return f"[{self.rule}]{f' {where}:' if where else ''} {self.message}"


@dataclass
class CheckResult:
    violations: list[Violation] = field(default_factory=list)
    levels: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.violations

    def report(self) -> str:
        """Readable summary for the command line."""
        levels = " ".join(f"{k}={v}" for k, v in self.levels.items())
        head = "roster OK" if self.ok else f"{len(self.violations)} violation(s)"
        lines = [f"{head}; levels: {levels}" if levels else head]
        lines += [f"  {v}" for v in self.violations]
        return "\n".join(lines)


# --- plain helpers ------------------------------------------------------------------------------


def travel_minutes(company: Company, a: tuple[float, float], b: tuple[float, float]) -> int:
    """ceil(haversine km x road_factor / speed_kmh x 60), as the spec's Travel section says."""
    lat1, lon1, lat2, lon2 = (math.radians(x) for x in (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    km = 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
    travel = company.settings.travel
    return math.ceil(km * travel.road_factor / travel.speed_kmh * 60)


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _hhmm(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# --- the day, re-derived from the spec ----------------------------------------------------------


class _Today:
    """Calendar and people facts of one date (spec: "The day")."""

    def __init__(self, company: Company, date: dt.date, called_in: tuple[str, ...]):
        self.company = company
        self.date = date
        weekday = WEEKDAYS[date.weekday()]
        week_of_month = (date.day - 1) // 7 + 1
        country = company.settings.public_holidays
        holiday = bool(country) and date in holiday_calendars.country_holidays(
            country, years=date.year
        )
        closed_by_demand: set[str] = set()
        demand_headcount: dict[str, int] = {}
        for row in company.demand:
            if row.date != date:
                continue
            if row.closed:
                closed_by_demand.add(row.site)
            if row.headcount is not None:
                demand_headcount[row.site] = row.headcount
        self.scheduled: dict[str, bool] = {}
        self.closed: dict[str, bool] = {}
        self.headcount: dict[str, int] = {}
        for site_id, site in company.sites.items():
            self.scheduled[site_id] = (
                weekday in site.days
                and (not site.weeks_of_month or week_of_month in site.weeks_of_month)
                and not holiday
            )
            self.closed[site_id] = site_id in closed_by_demand
            self.headcount[site_id] = demand_headcount.get(site_id, site.headcount)

        self.absent: set[str] = set(called_in)
        self.sudden: set[str] = set(called_in)
        for absence in company.absences:
            if absence.start <= date <= absence.end:
                self.absent.add(absence.person)
                if absence.kind == "sick" and absence.start == date:
                    self.sudden.add(absence.person)
        self.day_off: set[str] = {
            pid
            for pid, person in (*company.coaches.items(), *company.workers.items())
            if weekday not in person.days
        }
        self.units = math.lcm(*(getattr(company.settings.ratio_norms, n) for n in WORKER_WEIGHT))
        self.load = {
            need: self.units // getattr(company.settings.ratio_norms, need)
            for need in WORKER_WEIGHT
        }

    def runs(self, site_id: str) -> bool:
        return self.scheduled[site_id] and not self.closed[site_id]

    def today_headcount(self, site_id: str) -> int:
        return self.headcount[site_id] if self.runs(site_id) else 0

    def not_running_status(self, site_id: str) -> tuple[str, ...]:
        """Statuses a non-running site may carry (both when it is closed on a day off)."""
        statuses = []
        if not self.scheduled[site_id]:
            statuses.append("not_scheduled")
        if self.closed[site_id]:
            statuses.append("closed")
        return tuple(statuses)

    def available(self, person: str) -> bool:
        return person not in self.absent and person not in self.day_off

    def may_share(self, site_id: str) -> bool:
        policy = self.company.settings.policy
        site = self.company.sites[site_id]
        if policy.shared_coach == "pilot":
            return site.kind == "enclave" and site.pilot
        if policy.shared_coach == "small":
            return (
                site.kind == "enclave"
                and self.today_headcount(site_id) <= policy.small_site_max_headcount
            )
        return False

    def coach_barrier(self, coach: Coach, site: Site) -> str | None:
        """Why this coach may not be at this site (None: it may), availability aside."""
        if site.kind != "enclave":
            return f"{site.id} is a service site and needs no coach"
        if coach.role == "interim":
            if not self.company.settings.policy.interim_coaches:
                return "interim coaches are not allowed by policy.interim_coaches"
        elif not (coach.trained_everywhere or site.id == coach.home or site.id in coach.trained_at):
            return f"{coach.id} is not trained at {site.id} (home {coach.home or 'none'})"
        missing = [s for s in site.skills if s not in coach.skills]
        if missing:
            return f"{coach.id} lacks skill(s) {', '.join(missing)} needed at {site.id}"
        return None

    def worker_barrier(self, worker: Worker, site: Site) -> str | None:
        if site.id != worker.home and site.id not in worker.trained_at:
            return f"{worker.id} is not trained at {site.id} (home {worker.home})"
        return None

    def could_work_at(self, person: str, site_id: str) -> bool:
        """Used by the disruption level: the expected site is a real option today."""
        if site_id not in self.company.sites or not self.available(person):
            return False
        if not self.runs(site_id):
            return False
        site = self.company.sites[site_id]
        if person in self.company.coaches:
            return self.coach_barrier(self.company.coaches[person], site) is None
        worker = self.company.workers[person]
        return self.today_headcount(site_id) > 0 and self.worker_barrier(worker, site) is None


# --- the check ----------------------------------------------------------------------------------


class _Check:
    def __init__(
        self,
        company: Company,
        roster: dict,
        called_in: tuple[str, ...],
        previous: dict[str, str],
        pins: dict[str, str],
        forbids: frozenset[tuple[str, str]] = frozenset(),
        has_previous: bool = False,
    ):
        self.company = company
        self.roster = roster
        self.called_in = called_in
        self.previous = previous
        self.has_previous = has_previous
        self.pins = pins
        self.forbids = forbids
        self.violations: list[Violation] = []
        # site id -> (index in `enclaves`, entry)
        self.entries: dict[str, tuple[int, dict]] = {}
        self.coach_sites: dict[str, list[str]] = {}
        self.worker_sites: dict[str, list[str]] = {}
        self.site_coaches: dict[str, list[str]] = {}
        self.site_workers: dict[str, list[str]] = {}
        self.shares: dict[str, dict[str, float]] = {}  # site -> coach -> share

    def add(self, rule: str, site: str | None, person: str | None, message: str) -> None:
        self.violations.append(Violation(rule, site, person, message))

    def run(self) -> CheckResult:
        if not isinstance(self.roster, dict):
            self.add("shape", None, None, "the roster must be a JSON object")
            return CheckResult(self.violations, {})
        try:
            date = dt.date.fromisoformat(str(self.roster.get("date")))
        except ValueError:
            self.add("shape", None, None, f"date: {self.roster.get('date')!r} is not YYYY-MM-DD")
            return CheckResult(self.violations, {})
        self.today = _Today(self.company, date, self.called_in)
        company_name = self.roster.get("company")
        if company_name is not None and company_name != self.company.name:
            self.add(
                "shape",
                None,
                None,
                f"company: {company_name!r} but the data is of {self.company.name!r}",
            )
        self.read_enclaves()
        self.check_availability()
        self.check_training_and_skills()
        self.check_sharing()
        self.check_site_figures()
        moves = self.expected_moves()
        self.check_moves(moves)
        self.check_idle()
        levels = self.levels(moves)
        self.check_levels(levels)
        return CheckResult(self.violations, levels)

    # -- shape ------------------------------------------------------------------------------------

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
            if site_id not in self.company.sites:
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
            for coach in self.site_coaches[site_id]:
                self.coach_sites.setdefault(coach, []).append(site_id)
            for worker in self.site_workers[site_id]:
                self.worker_sites.setdefault(worker, []).append(site_id)
        for site_id in self.company.sites:
            if site_id not in self.entries:
                self.add("shape", site_id, None, f"enclaves: site {site_id} is missing")
                self.site_coaches[site_id] = []
                self.site_workers[site_id] = []

    def read_people(self, site_id: str, path: str, key: str) -> list[str]:
        """The known, distinct ids under `key`; anything else is a shape violation."""
        raw = self.roster["enclaves"][self.entries[site_id][0]].get(key, [])
        if not isinstance(raw, list):
            self.add("shape", site_id, None, f"{path}.{key}: not a list")
            return []
        known = self.company.coaches if key == "coaches" else self.company.workers
        other = self.company.workers if key == "coaches" else self.company.coaches
        kind, other_kind = ("coach", "worker") if key == "coaches" else ("worker", "coach")
        people: list[str] = []
        for person in raw:
            if person in people:
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

    def path(self, site_id: str, key: str | None = None) -> str:
        index = self.entries[site_id][0] if site_id in self.entries else "?"
        return f"enclaves[{index}]" + (f".{key}" if key else "")

    # -- availability -----------------------------------------------------------------------------

    def check_availability(self) -> None:
        today = self.today
        for site_id in self.company.sites:
            for key, people in (
                ("coaches", self.site_coaches[site_id]),
                ("workers", self.site_workers[site_id]),
            ):
                for person in people:
                    if person in today.absent:
                        why = (
                            "called in absent this morning"
                            if person in self.called_in
                            else ("absent (absences.csv)")
                        )
                        self.add(
                            "availability",
                            site_id,
                            person,
                            f"{self.path(site_id, key)}: {person} is {why} on {today.date}",
                        )
                    elif person in today.day_off:
                        self.add(
                            "availability",
                            site_id,
                            person,
                            f"{self.path(site_id, key)}: {person} has a day off on "
                            f"{WEEKDAYS[today.date.weekday()]}",
                        )
            if site_id not in self.entries:
                continue
            status = self.entries[site_id][1].get("status")
            if today.runs(site_id):
                if status in NOT_RUNNING:
                    self.add(
                        "availability",
                        site_id,
                        None,
                        f"{self.path(site_id, 'status')}: {status!r} but {site_id} runs on "
                        f"{today.date}",
                    )
                continue
            allowed = today.not_running_status(site_id)
            if status not in allowed:
                self.add(
                    "availability",
                    site_id,
                    None,
                    f"{self.path(site_id, 'status')}: {status!r} but {site_id} does not run "
                    f"on {today.date}; expected {' or '.join(allowed)}",
                )
            for key in ("coaches", "workers"):
                people = (self.site_coaches if key == "coaches" else self.site_workers)[site_id]
                if people:
                    self.add(
                        "availability",
                        site_id,
                        None,
                        f"{self.path(site_id, key)}: {site_id} does not run on {today.date} "
                        f"({' / '.join(allowed)}) but has {', '.join(people)}",
                    )

    # -- who may go where -------------------------------------------------------------------------

    def check_training_and_skills(self) -> None:
        today = self.today
        for site_id, site in self.company.sites.items():
            for coach_id in self.site_coaches[site_id]:
                barrier = today.coach_barrier(self.company.coaches[coach_id], site)
                if barrier:
                    self.add(
                        "training_and_skills",
                        site_id,
                        coach_id,
                        f"{self.path(site_id, 'coaches')}: {barrier}",
                    )
            for worker_id in self.site_workers[site_id]:
                barrier = today.worker_barrier(self.company.workers[worker_id], site)
                if barrier:
                    self.add(
                        "training_and_skills",
                        site_id,
                        worker_id,
                        f"{self.path(site_id, 'workers')}: {barrier}",
                    )
            count = len(self.site_workers[site_id])
            if today.runs(site_id) and count > today.headcount[site_id]:
                self.add(
                    "training_and_skills",
                    site_id,
                    None,
                    f"{self.path(site_id, 'workers')}: {count} workers but today's "
                    f"headcount of {site_id} is {today.headcount[site_id]}",
                )
        for person, site_id in sorted(self.forbids):
            if site_id in self.coach_sites.get(person, []) + self.worker_sites.get(person, []):
                self.add(
                    "training_and_skills",
                    site_id,
                    person,
                    f"{self.path(site_id)}: the planner forbade {person} at {site_id}",
                )
        for person, site_id in sorted(self.pins.items()):
            placed = self.coach_sites.get(person, []) + self.worker_sites.get(person, [])
            if site_id not in placed:
                where = f"is at {', '.join(placed)}" if placed else "is not placed"
                why = self.pin_obstacle(person, site_id)
                self.add(
                    "training_and_skills",
                    site_id,
                    person,
                    f"pin {person}={site_id} does not hold: {person} {where}"
                    + (f" (and the pin cannot hold today: {why})" if why else ""),
                )

    def pin_obstacle(self, person: str, site_id: str) -> str | None:
        """Why a pin could never hold today, to tell an impossible pin from an ignored one."""
        today = self.today
        if not self.known(person) or site_id not in self.company.sites:
            return "unknown person or site"
        if person in today.absent:
            return f"{person} is absent"
        if person in today.day_off:
            return f"{person} has a day off"
        if not today.runs(site_id):
            return f"{site_id} does not run"
        site = self.company.sites[site_id]
        if person in self.company.coaches:
            return today.coach_barrier(self.company.coaches[person], site)
        if today.headcount[site_id] == 0:
            return f"today's headcount of {site_id} is 0"
        return today.worker_barrier(self.company.workers[person], site)

    def check_sharing(self) -> None:
        """One site per worker; a coach at several sites only as a legal shared coach."""
        settings = self.company.settings
        for worker_id, sites in sorted(self.worker_sites.items()):
            if len(sites) > 1:
                paths = ", ".join(self.path(s, "workers") for s in sites)
                self.add(
                    "shared_coach_travel",
                    sites[1],
                    worker_id,
                    f"{paths}: worker {worker_id} is at {len(sites)} sites",
                )
        for coach_id, sites in sorted(self.coach_sites.items()):
            if len(sites) < 2:
                continue
            paths = ", ".join(self.path(s, "coaches") for s in sites)
            not_sharing = [s for s in sites if not self.today.may_share(s)]
            if not_sharing:
                self.add(
                    "shared_coach_travel",
                    not_sharing[0],
                    coach_id,
                    f"{paths}: coach {coach_id} is shared but {', '.join(not_sharing)} may "
                    f"not share a coach under policy "
                    f"{settings.policy.shared_coach!r}",
                )
            if len(sites) > settings.policy.max_sites_per_shared_coach:
                self.add(
                    "shared_coach_travel",
                    sites[0],
                    coach_id,
                    f"{paths}: coach {coach_id} is at {len(sites)} sites, more than "
                    f"max_sites_per_shared_coach {settings.policy.max_sites_per_shared_coach}",
                )
            for i, a in enumerate(sites):
                for b in sites[i + 1 :]:
                    sa, sb = self.company.sites[a], self.company.sites[b]
                    minutes = travel_minutes(self.company, (sa.lat, sa.lon), (sb.lat, sb.lon))
                    if minutes > settings.travel.shared_coach_max_minutes:
                        self.add(
                            "shared_coach_travel",
                            b,
                            coach_id,
                            f"{paths}: coach {coach_id} shared by {a} and {b}, "
                            f"{minutes} min apart, more than shared_coach_max_minutes "
                            f"{settings.travel.shared_coach_max_minutes:g}",
                        )
        self.read_shares()

    def read_shares(self) -> None:
        """Each coach's capacity share per site, validated (spec: "Ratio and capacity")."""
        totals: dict[str, float] = {}
        for site_id, coaches in self.site_coaches.items():
            entry = self.entries.get(site_id, (0, {}))[1]
            given = entry.get("coach_shares")
            path = self.path(site_id, "coach_shares")
            if given is not None and not isinstance(given, dict):
                self.add("shape", site_id, None, f"{path}: not an object")
                given = None
            given = given or {}
            for coach_id in given:
                if coach_id not in coaches:
                    self.add(
                        "shared_coach_travel",
                        site_id,
                        coach_id,
                        f"{path}: share for {coach_id}, who is not a coach here",
                    )
            shares: dict[str, float] = {}
            for coach_id in coaches:
                count = len(self.coach_sites[coach_id])
                share = given.get(coach_id)
                if share is None:
                    share = 1.0 / count
                    if count > 1:
                        self.add(
                            "shared_coach_travel",
                            site_id,
                            coach_id,
                            f"{path}: shared coach {coach_id} has no share here",
                        )
                elif not _is_number(share) or not 0 < share <= 1 + SHARE_TOLERANCE:
                    self.add(
                        "shared_coach_travel",
                        site_id,
                        coach_id,
                        f"{path}.{coach_id}: share {share!r} is not in (0, 1]",
                    )
                    share = 1.0 / count if not _is_number(share) else min(max(share, 0.0), 1.0)
                elif count == 1 and abs(share - 1) > SHARE_TOLERANCE:
                    self.add(
                        "shared_coach_travel",
                        site_id,
                        coach_id,
                        f"{path}.{coach_id}: share {share:g}, but {coach_id} is at this "
                        f"site only and so gives it a full share of 1",
                    )
                if count == 1:
                    share = 1.0  # the spec's rule, whatever the roster claims
                shares[coach_id] = float(share)
                totals[coach_id] = totals.get(coach_id, 0.0) + float(share)
            self.shares[site_id] = shares
        for coach_id, total in sorted(totals.items()):
            if total > 1 + SHARE_TOLERANCE:
                sites = self.coach_sites[coach_id]
                self.add(
                    "shared_coach_travel",
                    sites[0],
                    coach_id,
                    f"coach_shares of {coach_id} over {', '.join(sites)} sum to {total:g} > 1",
                )

    # -- figures ----------------------------------------------------------------------------------

    def site_figures(self, site_id: str) -> dict[str, Any]:
        """Everything the spec derives for one site from who is placed there."""
        today = self.today
        site = self.company.sites[site_id]
        workers = self.site_workers[site_id]
        load = sum(today.load[self.company.workers[w].need] for w in workers)
        shares = self.shares[site_id]
        capacity = sum(round(share * today.units) for share in shares.values())
        coaches = len(self.site_coaches[site_id])
        headcount = today.today_headcount(site_id)
        if not today.runs(site_id):
            status = today.not_running_status(site_id)[0]
        elif site.needs_coach and coaches == 0:
            status = "no_coach"
        elif site.needs_coach and (load > capacity or coaches < site.coaches):
            status = "ratio_breach"
        elif len(workers) < headcount:
            status = "short"
        else:
            status = "ok"
        return {
            "status": status,
            "headcount": headcount,
            "present": len(workers),
            "coaches": coaches,
            "load_units": load,
            "capacity_units": capacity,
            "coach_load": load / today.units,
            "coach_capacity": sum(shares.values()),
        }

    def check_site_figures(self) -> None:
        self.figures = {site_id: self.site_figures(site_id) for site_id in self.company.sites}
        for site_id, (_, entry) in self.entries.items():
            fig = self.figures[site_id]
            status = entry.get("status")
            # A wrong running/not-running status is already an availability violation.
            if (
                status != fig["status"]
                and status in STATUSES
                and self.today.runs(site_id)
                and (status not in NOT_RUNNING)
            ):
                self.add(
                    "figures",
                    site_id,
                    None,
                    f"{self.path(site_id, 'status')}: {status!r}, expected "
                    f"{fig['status']!r} ({self.status_reason(site_id)})",
                )
            for key in ("headcount", "present"):
                if key in entry and entry[key] != fig[key]:
                    self.add(
                        "figures",
                        site_id,
                        None,
                        f"{self.path(site_id, key)}: {entry[key]!r}, expected {fig[key]}",
                    )
            for key in ("coach_load", "coach_capacity"):
                if key not in entry:
                    continue
                value = entry[key]
                if not _is_number(value) or abs(value - fig[key]) > FIGURE_TOLERANCE:
                    self.add(
                        "figures",
                        site_id,
                        None,
                        f"{self.path(site_id, key)}: {value!r}, expected {fig[key]:.2f}",
                    )

    def status_reason(self, site_id: str) -> str:
        fig = self.figures[site_id]
        return (
            f"{fig['coaches']} coach(es) for a contract of {self.company.sites[site_id].coaches}, "
            f"load {fig['load_units']} vs capacity {fig['capacity_units']} units, "
            f"{fig['present']} of {fig['headcount']} workers"
        )

    # -- expected places, moves, idle --------------------------------------------------------------

    def expected_sites(self, person: str) -> tuple[str, ...]:
        """Every place the person is expected (a shared coach of a previous roster: several)."""
        if person in self.previous:
            given = self.previous[person]
            return (given,) if isinstance(given, str) else tuple(given)
        expected = self.expected(person)
        return (expected,) if expected else ()

    def expected(self, person: str) -> str | None:
        """Where the person is expected: a site id, ATELIER, or None (nowhere); the first of
        several for a shared coach of a previous roster."""
        if person in self.previous:
            given = self.previous[person]
            return given if isinstance(given, str) else (tuple(given) or (None,))[0]
        if self.has_previous:  # left free by the previous roster: expected to stay free
            worker = self.company.workers.get(person)
            return ATELIER if worker and worker.home == ATELIER else None
        if person in self.company.workers:
            return self.company.workers[person].home
        coach = self.company.coaches[person]
        return coach.home if coach.role == "regular" else None

    def start_point(self, person: str) -> tuple[float, float]:
        depot = self.company.settings.depot
        coach = self.company.coaches.get(person)
        if coach and coach.lat is not None and coach.lon is not None:
            return coach.lat, coach.lon
        return depot.lat, depot.lon

    def placements(self, person: str) -> list[str]:
        return self.coach_sites.get(person, []) + self.worker_sites.get(person, [])

    def expected_moves(self) -> dict[tuple[str, str], dict[str, Any]]:
        """(person, site) -> the move the spec derives, with its travel minutes."""
        shift = self.company.settings.shift
        sudden_sites = {
            s for p in self.today.sudden if self.known(p) for s in self.expected_sites(p)
        }
        moves: dict[tuple[str, str], dict[str, Any]] = {}
        for person in (*self.company.coaches, *self.company.workers):
            expected = self.expected(person)
            for site_id in self.placements(person):
                if site_id in self.expected_sites(person):
                    continue
                site = self.company.sites[site_id]
                minutes = travel_minutes(
                    self.company, self.start_point(person), (site.lat, site.lon)
                )
                if site_id in sudden_sites:
                    arrival = _minutes(shift.start) + minutes
                    late = arrival > _minutes(shift.roster_deadline)
                else:
                    arrival = _minutes(site.start or shift.start)
                    late = False
                moves[(person, site_id)] = {
                    "person": person,
                    "roles": self.move_roles(person),
                    "from": expected or DEPOT,
                    "to": site_id,
                    "arrival": _hhmm(arrival),
                    "late": late,
                    "minutes": minutes,
                }
        return moves

    def known(self, person: str) -> bool:
        return person in self.company.coaches or person in self.company.workers

    def move_roles(self, person: str) -> tuple[str, ...]:
        if person in self.company.workers:
            return ("worker",)
        return MOVE_ROLES[self.company.coaches[person].role]

    def check_moves(self, expected: dict[tuple[str, str], dict[str, Any]]) -> None:
        raw = self.roster.get("moves", [])
        if not isinstance(raw, list):
            self.add("shape", None, None, "moves: not a list")
            raw = []
        listed: dict[tuple[str, str], tuple[int, dict]] = {}
        for j, move in enumerate(raw):
            if not isinstance(move, dict) or not {"person", "to"} <= move.keys():
                self.add("shape", None, None, f"moves[{j}]: needs at least person and to")
                continue
            key = (move["person"], move["to"])
            if key in listed:
                self.add(
                    "figures",
                    move["to"],
                    move["person"],
                    f"moves[{j}]: {key[0]} to {key[1]} is listed twice",
                )
                continue
            listed[key] = (j, move)
        for key, want in sorted(expected.items()):
            person, site_id = key
            if key not in listed:
                self.add(
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
                self.add(
                    "figures",
                    site_id,
                    person,
                    f"moves[{j}].role: {got['role']!r}, expected {want['roles'][0]!r}",
                )
            for field_name in ("from", "arrival", "late"):
                if got[field_name] != want[field_name]:
                    self.add(
                        "figures",
                        site_id,
                        person,
                        f"moves[{j}].{field_name}: {got[field_name]!r}, expected "
                        f"{want[field_name]!r}",
                    )
        for key, (j, _) in sorted(listed.items()):
            if key not in expected:
                person, site_id = key
                if site_id in self.placements(person):
                    why = f"{site_id} is where {person} is expected"
                else:
                    why = f"{person} is not placed at {site_id}"
                self.add("figures", site_id, person, f"moves[{j}]: not a move: {why}")

    def check_idle(self) -> None:
        idle = self.roster.get("idle", {})
        if not isinstance(idle, dict):
            self.add("shape", None, None, "idle: not an object")
            return
        interim_allowed = self.company.settings.policy.interim_coaches
        for key, people in (("coaches", self.company.coaches), ("workers", self.company.workers)):
            listed = idle.get(key, [])
            if not isinstance(listed, list):
                self.add("shape", None, None, f"idle.{key}: not a list")
                continue
            want = {p for p in people if self.today.available(p) and not self.placements(p)}
            # An interim coach the policy forbids is no real option: listing it is a matter of
            # taste, so either way is accepted.
            lenient = {
                p
                for p in want
                if key == "coaches" and people[p].role == "interim" and not interim_allowed
            }
            got = set(listed)
            for person in sorted(want - got - lenient):
                self.add(
                    "figures",
                    None,
                    person,
                    f"idle.{key}: {person} is available and not placed but not listed",
                )
            for person in sorted(got - want):
                if person not in people:
                    why = "is not one of the company's " + key
                elif self.placements(person):
                    why = f"is placed at {', '.join(self.placements(person))}"
                else:
                    why = "is not available today"
                self.add("figures", None, person, f"idle.{key}: {person} {why}")

    # -- levels -----------------------------------------------------------------------------------

    def levels(self, moves: dict[tuple[str, str], dict[str, Any]]) -> dict[str, int]:
        today = self.today
        u = today.units
        no_coach = below_norm = short = 0
        for site_id, site in self.company.sites.items():
            if not today.runs(site_id):
                continue
            fig = self.figures[site_id]
            if site.needs_coach:
                # All coaching missing counts, also where no coach came at all; the team's
                # ratio need is its load in coaches, rounded up.
                ratio_need = -(-fig["load_units"] // u)
                below_norm += u * max(0, max(site.coaches, ratio_need) - fig["coaches"])
                below_norm += max(0, fig["load_units"] - fig["capacity_units"])
            if site.needs_coach and fig["coaches"] == 0:
                no_coach += fig["headcount"]
                continue
            headcount, present = fig["headcount"], fig["present"]
            weight = 2 if site.line_work else 1
            short += weight * max(0, headcount - present)
            short += 3 * max(0, min(site.min_headcount, headcount) - present)

        disruption = 0
        for person in (*self.company.coaches, *self.company.workers):
            weight = self.disruption_weight(person)
            if not weight:
                continue
            expected = self.expected_sites(person)
            placed = self.placements(person)
            count = sum(1 for s in placed if s not in expected)
            for site_id in expected:
                if site_id in self.company.sites and site_id not in placed:
                    forbidden = (person, site_id) in self.forbids
                    count += not forbidden and today.could_work_at(person, site_id)
            disruption += weight * count
        disruption += LATE_PENALTY * sum(1 for m in moves.values() if m["late"])

        travel = sum(m["minutes"] for m in moves.values())
        pool = 0
        for coach_id, sites in self.coach_sites.items():
            role = self.company.coaches[coach_id].role
            cost = {"vlinder": VLINDER_POOL_COST, "interim": INTERIM_POOL_COST}.get(role, 0)
            pool += cost * len(sites)
        values = (no_coach, below_norm, short, disruption, travel, pool)
        return dict(zip(LEVELS, values, strict=True))

    def disruption_weight(self, person: str) -> int:
        if person in self.company.workers:
            return WORKER_WEIGHT[self.company.workers[person].need]
        role = self.company.coaches[person].role
        if role == "regular":
            return REGULAR_COACH_WEIGHT
        if role == "vlinder":
            return 1 if any(s in self.company.sites for s in self.expected_sites(person)) else 0
        return 0

    def check_levels(self, levels: dict[str, int]) -> None:
        given = self.roster.get("levels")
        if not given:  # a roster that claims no levels (the manual rule's) has none to compare
            return
        if not isinstance(given, dict):
            self.add("shape", None, None, "levels: not an object")
            return
        for key, value in levels.items():
            if key not in given:
                self.add("figures", None, None, f"levels.{key}: missing, expected {value}")
            elif given[key] != value:
                self.add("figures", None, None, f"levels.{key}: {given[key]!r}, expected {value}")


# --- front doors --------------------------------------------------------------------------------


def check_roster(
    company: Company,
    roster: dict,
    called_in: tuple[str, ...] = (),
    previous: dict[str, str] | None = None,
    pins: dict[str, str] | None = None,
    forbids: Iterable[tuple[str, str]] = (),
) -> CheckResult:
    """Check one roster JSON (as a dict) against the company's data and docs/roster-rules.md.

    `called_in`: ids given as --absent (sudden absences today); `previous`: person -> site of a
    roster published before (changes where people are expected); `pins`: person -> site that
    must hold; `forbids`: (person, site) pairs the planner ruled out.
    """
    check = _Check(
        company,
        roster,
        tuple(called_in),
        dict(previous or {}),
        dict(pins or {}),
        frozenset(forbids),
        has_previous=previous is not None,
    )
    return check.run()


def previous_from_json(data: dict[str, Any]) -> dict[str, str | tuple[str, ...]]:
    """person -> site of a published roster (a shared coach: the tuple of its sites)."""
    placed: dict[str, list[str]] = {}
    for entry in data.get("enclaves", []) if isinstance(data, dict) else []:
        if not isinstance(entry, dict):
            continue
        for person in (*entry.get("coaches", []), *entry.get("workers", [])):
            placed.setdefault(person, []).append(entry.get("id"))
    return {p: sites[0] if len(sites) == 1 else tuple(sites) for p, sites in placed.items()}


__all__ = ["CheckResult", "Violation", "check_roster", "travel_minutes"]
