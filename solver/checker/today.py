"""The checker's own reading of "The day" and "Travel and times": what holds on one date before
anyone is placed (which sites run, who is available in which half, whose absence is sudden and
when the call came, who may go where, minutes between places).

Re-derived from docs/roster-rules.md on purpose: nothing here comes from `solver.domain.calendar`,
`solver.domain.travel` or the roster model, so a misreading there shows up as a disagreement.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

import holidays as holiday_calendars

from solver.domain import HALVES, WEEKDAYS, Coach, Company, Site, Worker, works_on

EARTH_RADIUS_KM = 6371.0
NEEDS = ("low", "medium", "high")
HALF_WORDS = {"am": "morning", "pm": "afternoon"}


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


def minutes_of(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def hhmm(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def as_time(value: dt.time | str) -> dt.time:
    """A call time as given: a `datetime.time` or "HH:MM" (the API's `reported_at`)."""
    if isinstance(value, dt.time):
        return value
    return dt.time.fromisoformat(str(value))


class Today:
    """Calendar, people and place facts of one date (spec: "The day", "Who may go where")."""

    def __init__(
        self,
        company: Company,
        date: dt.date,
        called_in: tuple[str, ...],
        reported_at: Mapping[str, dt.time | str],
    ):
        self.company = company
        self.date = date
        shift = company.settings.shift
        self.shift_start = minutes_of(shift.start)
        self.midday = minutes_of(shift.midday)
        self.deadline = minutes_of(shift.roster_deadline)
        self.weekday = WEEKDAYS[date.weekday()]
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
                self.weekday in site.days
                and (not site.weeks_of_month or week_of_month in site.weeks_of_month)
                and not holiday
            )
            self.closed[site_id] = site_id in closed_by_demand
            self.headcount[site_id] = demand_headcount.get(site_id, site.headcount)
        self.off: dict[str, set[str]] = {}
        for pid, person in (*company.coaches.items(), *company.workers.items()):
            off = {h for h in HALVES if holiday or not works_on(person.days, self.weekday, h)}
            if off:
                self.off[pid] = off
        self.read_absences(called_in, reported_at)
        # Ratio units (spec: "Ratio and capacity"): U the lcm of the norms, and under the
        # line-work tolerance t of the norms + t too; a worker at a line-work site loads U/(n+t).
        norms = company.settings.ratio_norms
        per_coach = {need: getattr(norms, need) for need in NEEDS}
        self.tolerance = norms.line_work_tolerance
        tolerant = {need: n + self.tolerance for need, n in per_coach.items()}
        in_use = [*per_coach.values(), *(tolerant.values() if self.tolerance else ())]
        self.units = math.lcm(*in_use)
        self.load = {need: self.units // n for need, n in per_coach.items()}
        self.line_work_load = {need: self.units // n for need, n in tolerant.items()}

    def load_at(self, site_id: str, need: str) -> int:
        """The units a worker of `need` present at this site loads."""
        if self.tolerance and self.company.sites[site_id].line_work:
            return self.line_work_load[need]
        return self.load[need]

    def read_absences(
        self, called_in: tuple[str, ...], reported_at: Mapping[str, dt.time | str]
    ) -> None:
        """Who is absent in which half, whose absence is sudden, and when each call came."""
        self.called_in = set(called_in)
        self.absent: dict[str, set[str]] = {}
        self.absent_by_call: dict[str, set[str]] = {}  # the halves a call of this morning took
        self.sudden: dict[str, set[str]] = {}
        self.call: dict[str, int] = {}  # minutes of the call time of a sudden absence
        calls = {p: minutes_of(as_time(t)) for p, t in reported_at.items()}
        for absence in self.company.absences:
            if not absence.start <= self.date <= absence.end:
                continue
            halves = set(HALVES) if absence.part == "day" else {absence.part}
            self.absent.setdefault(absence.person, set()).update(halves)
            # The spec's sudden absence; an absence the edges already marked sudden is one too.
            if absence.sudden or (absence.kind == "sick" and absence.start == self.date):
                self.sudden.setdefault(absence.person, set()).update(halves)
                if absence.reported_at is not None:
                    calls.setdefault(absence.person, minutes_of(absence.reported_at))
        for person in called_in:
            # A call at or after midday takes the afternoon only: the morning was worked.
            call = calls.get(person)
            halves = {"pm"} if call is not None and call >= self.midday else set(HALVES)
            # A half already off by a known absence (the files, not sick from today) stays a
            # planned hole: calling in someone on sick leave since last week opens nothing new.
            planned = self.absent.get(person, set()) - self.sudden.get(person, set())
            self.absent.setdefault(person, set()).update(halves)
            self.absent_by_call[person] = halves
            self.sudden.setdefault(person, set()).update(halves - planned)
        for person, halves in list(self.sudden.items()):
            # A half the person has off leaves no hole: nobody would have come then.
            halves -= self.off.get(person, set())
            if not halves:
                del self.sudden[person]
                continue
            self.call[person] = calls.get(person, self.shift_start)

    # -- sites --------------------------------------------------------------------------------

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

    def half_start(self, site_id: str, half: str) -> int:
        site = self.company.sites[site_id]
        if half == "am":
            return minutes_of(site.start or self.company.settings.shift.start)
        return self.midday

    def half_end(self, site_id: str, half: str) -> int:
        site = self.company.sites[site_id]
        if half == "am":
            return self.midday
        return minutes_of(site.end or self.company.settings.shift.end)

    def half_length(self, site_id: str, half: str) -> int:
        return max(0, self.half_end(site_id, half) - self.half_start(site_id, half))

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

    # -- people -------------------------------------------------------------------------------

    def available(self, person: str, half: str) -> bool:
        return half not in self.absent.get(person, ()) and half not in self.off.get(person, ())

    def available_today(self, person: str) -> bool:
        return any(self.available(person, h) for h in HALVES)

    def why_away(self, person: str, half: str) -> str | None:
        """Why the person is not available in that half (None: available)."""
        if half in self.absent_by_call.get(person, ()):
            # A call at or after midday comes in the afternoon; any earlier one this morning.
            whole = self.absent_by_call[person] == {*HALVES}
            return "called in absent" + (" this morning" if whole else "")
        if half in self.absent.get(person, ()):
            return "absent (absences.csv)"
        if half in self.off.get(person, ()):
            return "off"
        return None

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

    def could_work_at(self, person: str, site_id: str, half: str) -> bool:
        """Used by the disruption level: the expected site is a real option in that half."""
        if site_id not in self.company.sites or not self.available(person, half):
            return False
        if not self.runs(site_id):
            return False
        site = self.company.sites[site_id]
        if person in self.company.coaches:
            return self.coach_barrier(self.company.coaches[person], site) is None
        worker = self.company.workers[person]
        return self.today_headcount(site_id) > 0 and self.worker_barrier(worker, site) is None

    # -- places -------------------------------------------------------------------------------

    def start_point(self, person: str) -> tuple[float, float]:
        """Where the person's day starts: a coach's own point when given, else the depot."""
        depot = self.company.settings.depot
        coach = self.company.coaches.get(person)
        if coach and coach.lat is not None and coach.lon is not None:
            return coach.lat, coach.lon
        return depot.lat, depot.lon

    def point(self, site_id: str) -> tuple[float, float]:
        site = self.company.sites[site_id]
        return site.lat, site.lon

    def minutes(self, a: tuple[float, float], b: tuple[float, float]) -> int:
        return travel_minutes(self.company, a, b)
