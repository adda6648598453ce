"""The facts of one roster day, pre-indexed as plain data for the model and the explanations.

Which sites run, how many workers each needs today, who is available and who may go where
(asked of `solver.roster.eligibility`, which also says why a pair is not allowed). Built once per
solve; the model reads only this.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from solver.domain import ATELIER, HALVES, Absence, Coach, Company, Site, Worker, works_on
from solver.domain.calendar import absences_on, public_holiday, site_works_on, weekday
from solver.domain.travel import CrowFliesTravel, TravelTimes
from solver.domain.types import SUPPORT_NEEDS as NEEDS
from solver.roster.eligibility import (
    candidate_sites,
    day_exclusion,
    may_share_coach,
    pair_exclusion,
)
from solver.roster.transport import Run, rides_for, runs_by_stop, todays_runs

# Disruption weights: moving a high-need worker costs most (autism, intellectual disability:
# being moved hurts), then medium, then low. Regular coaches are expected at their own site.
MOVE_WEIGHT_BY_NEED = {"low": 1, "medium": 2, "high": 4}
MOVE_WEIGHT_REGULAR_COACH = 2
MOVE_WEIGHT_TOLD_VLINDER = 1  # a vlinder already told where to go (a previous roster)


@dataclass(frozen=True)
class SiteToday:
    id: str
    site: Site
    runs: bool  # scheduled today and not closed by the client
    status_when_idle: str  # "closed" or "not_scheduled" when it does not run
    headcount: int  # today's headcount: the contract, or the client's change for today
    may_share_coach: bool
    sudden_absence: bool  # someone expected here called in sick this morning

    @property
    def needs_coach(self) -> bool:
        return self.site.needs_coach and self.runs


@dataclass(frozen=True)
class Option:
    """A person who may work at a site today, and what sending them there costs."""

    person: str
    site: str
    travel_minutes: int  # from where the person starts the day
    arrival_minutes: int  # minutes after midnight, in the first half the person works
    expected: bool  # the person was expected here (home, or the previous roster)
    late: bool  # a replacement for a sudden absence arriving after the roster deadline
    halves: tuple[str, ...] = HALVES  # the halves the person is available today
    # Per half the person works: (half, depart, arrival, wait) in minutes, when they come to this
    # site for that half: `wait` is how long the site waits for them from the moment it has
    # nobody (a coach staying from the morning, or moving at midday from another site, is the
    # model's to read: see `Day.split_wait`).
    times: tuple[tuple[str, int, int, int], ...] = ()
    # A worker on collective transport while the company has vans: the runs (run id, "to" or
    # "home") they may ride to work here (solver.roster.transport); the ride decides the arrival.
    by_van: bool = False
    rides: tuple[tuple[str, str], ...] = ()

    def arrival(self, half: str) -> int:
        return next(a for h, _d, a, _w in self.times if h == half)

    def depart(self, half: str) -> int:
        return next(d for h, d, _a, _w in self.times if h == half)

    def wait(self, half: str) -> int:
        return next(w for h, _d, _a, w in self.times if h == half)


@dataclass
class Day:
    company: Company
    date: dt.date
    sites: dict[str, SiteToday]
    absent: dict[str, Absence]  # today's absence per person (planned, or called in)
    day_off: set[str]  # part-time people who do not work this weekday
    coach_options: dict[str, list[Option]]  # coach id -> allowed sites (sorted)
    worker_options: dict[str, list[Option]]
    expected: dict[str, str | None]  # person -> site, ATELIER, or None (depot: vlinders)
    expected_sites: dict[str, tuple[str, ...]]  # every site expected (a shared coach: several)
    share_minutes: dict[tuple[str, str], int]  # minutes between sites that may share a coach
    pins: dict[str, str] = field(default_factory=dict)
    forbidden: frozenset[tuple[str, str]] = frozenset()  # (person, site) the planner ruled out
    holiday: str | None = None
    units_per_coach: int = 910
    units_by_need: dict[str, int] = field(default_factory=dict)
    line_work_units_by_need: dict[str, int] = field(default_factory=dict)
    travel: TravelTimes | None = None
    halves_of: dict[str, tuple[str, ...]] = field(default_factory=dict)  # available halves
    # (site, "coach" | "worker", half) -> the earliest call that opened a hole there
    calls: dict[tuple[str, str, str], int] = field(default_factory=dict)
    runs: list[Run] = field(default_factory=list)  # today's van runs (vans.csv)

    def run(self, run_id: str) -> Run:
        return self.run_by_id[run_id]

    @functools.cached_property
    def run_by_id(self) -> dict[str, Run]:
        return {r.id: r for r in self.runs}

    midday: int = 12 * 60  # minutes after midnight
    shift_end: int = 16 * 60

    def half_start(self, site_id: str, half: str) -> int:
        """The morning starts at the site's start, the afternoon at midday."""
        if half == "pm":
            return self.midday
        start = self.sites[site_id].site.start or self.company.settings.shift.start
        return start.hour * 60 + start.minute

    def half_end(self, site_id: str, half: str) -> int:
        if half == "am":
            return self.midday
        end = self.sites[site_id].site.end
        return end.hour * 60 + end.minute if end else self.shift_end

    def split_minutes(self, a: str, b: str) -> int:
        """The drive at midday of a coach from its morning site to its afternoon site."""
        if a == b:
            return 0
        sa, sb = self.company.sites[a], self.company.sites[b]
        return self.travel.minutes((sa.lat, sa.lon), (sb.lat, sb.lon))

    def split_depart(self, b: str) -> int:
        """A split coach leaves its morning site at midday, or when the call that opened the
        afternoon's hole came, if later (nobody leaves for a call not yet made)."""
        return max(self.midday, self.calls.get((b, "coach", "pm"), self.midday))

    def split_wait(self, a: str, b: str) -> int:
        """How long site `b` waits in the afternoon for a coach coming from site `a`."""
        if a == b:
            return 0
        return self.split_depart(b) + self.split_minutes(a, b) - self.midday

    def load_units(self, site_id: str, need: str) -> int:
        """A worker's load here: less at a line-work site under the line-work tolerance."""
        if self.line_work_units_by_need and self.company.sites[site_id].line_work:
            return self.line_work_units_by_need[need]
        return self.units_by_need[need]

    def site_ids(self) -> list[str]:
        return sorted(self.sites)

    def running(self) -> list[str]:
        return [s for s in self.site_ids() if self.sites[s].runs]

    def available(self, person: str) -> bool:
        """Available in at least one half of the day."""
        return bool(self.halves_of.get(person))

    def halves(self, person: str) -> tuple[str, ...]:
        return self.halves_of.get(person, ())

    def size(self) -> int:
        """How many person-site pairs the model will have a variable for."""
        return sum(len(o) for o in (*self.coach_options.values(), *self.worker_options.values()))


def coach_ratio_units(company: Company) -> tuple[int, dict[str, int]]:
    """A coach supplies lcm(norms) units; a worker needs lcm/norm (BVR 17-02-2017, art. 79).
    Under the line-work tolerance t the lcm takes the norms + t too (`line_work_units`)."""
    norms = company.settings.ratio_norms
    base, t = [norms.per_coach(need) for need in NEEDS], norms.line_work_tolerance
    per_coach = math.lcm(*base, *(n + t for n in base if t))
    return per_coach, {need: per_coach // norms.per_coach(need) for need in NEEDS}


def line_work_units(company: Company) -> dict[str, int]:
    """A worker's load by need at a line-work site; empty when the tolerance is off."""
    norms, per_coach = company.settings.ratio_norms, coach_ratio_units(company)[0]
    t = norms.line_work_tolerance
    return {need: per_coach // (norms.per_coach(need) + t) for need in NEEDS} if t else {}


def todays_absences(
    date: dt.date, reported: Iterable[tuple[str, str, str]], sick_is_sudden: bool = True
) -> tuple[tuple[Absence, ...], tuple[str, ...]]:
    """Absences reported for one day as (person, kind, part): a sick call is a sudden absence
    (`build_day`'s `called_in`: its replacement leaves at shift start); every other kind is an
    absence of that day, exactly as if it stood in absences.csv. Returns (absences, called in).
    Where only who is away counts (robustness keeps `called_in` for the absences it imagines),
    `sick_is_sudden=False` makes a sick call a plain absence too."""
    added, called_in = [], []
    for person, kind, part in reported:
        if kind == "sick" and sick_is_sudden and part == "day":
            called_in.append(person)
        else:
            # A sick call for half a day is an absence of that half starting today: sudden all
            # the same (docs/roster-rules.md), the other half worked.
            added.append(Absence(person, date, date, part, kind))
    return tuple(added), tuple(called_in)


def build_day(
    company: Company,
    date: dt.date,
    called_in: tuple[str, ...] = (),
    previous: dict[str, str | tuple[str, ...]] | None = None,
    pins: dict[str, str] | None = None,
    forbids: Iterable[tuple[str, str]] = (),
    reported_at: Mapping[str, dt.time] | None = None,
) -> Day:
    """Gather everything the roster of `date` depends on.

    `called_in`: people reported absent this morning (sudden sickness).
    `previous`: person -> site (a shared coach: tuple of sites) of a roster already told to
    people; they are expected there. `pins` must hold; `forbids` are (person, site) pairs the
    planner ruled out. `reported_at`: person -> the time their call came in (`--absent
    ID@HH:MM`); a person called in without one was known at the shift start.
    """
    forbidden = frozenset(forbids)
    settings = company.settings
    travel = CrowFliesTravel(settings.travel)
    depot = (settings.depot.lat, settings.depot.lon)
    shift_start = settings.shift.start.hour * 60 + settings.shift.start.minute
    deadline = settings.shift.roster_deadline.hour * 60 + settings.shift.roster_deadline.minute
    today = weekday(date)
    holiday = public_holiday(settings.public_holidays, date)

    midday = settings.shift.midday.hour * 60 + settings.shift.midday.minute
    calls = {p: t.hour * 60 + t.minute for p, t in (reported_at or {}).items()}
    absent = absences_on(company, date)
    for person, absence in list(absent.items()):
        if absence.kind == "sick" and absence.start == date and not absence.sudden:
            absent[person] = dataclasses.replace(absence, sudden=True)  # reported this morning
    known = dict(absent)  # the absences in the files, before this morning's calls
    for person in called_in:
        # A call at or after midday: the morning was worked, the afternoon is off (unless the
        # morning was off already: then the whole day is).
        part = "pm" if calls.get(person, shift_start) >= midday else "day"
        if person in known and known[person].part not in ("pm", part):
            part = "day"
        absent[person] = Absence(
            person,
            date,
            date,
            part,
            "sick",
            sudden=True,
            reported_at=(reported_at or {}).get(person),
        )

    halves_of: dict[str, tuple[str, ...]] = {}
    for p in (*company.coaches.values(), *company.workers.values()):
        absence = absent.get(p.id)
        halves_of[p.id] = tuple(
            h
            for h in HALVES
            if not holiday
            and works_on(p.days, today, h)
            and not (absence and absence.covers_half(h))
        )
    # A public holiday is everyone's day off: nobody is due, so nobody is sent home.
    day_off = {
        p.id
        for p in (*company.coaches.values(), *company.workers.values())
        if holiday or not works_on(p.days, today)
    }
    demand = {d.site: d for d in company.demand if d.date == date}
    expected: dict[str, str | None] = {}
    for coach in company.coaches.values():
        expected[coach.id] = coach.home if coach.role == "regular" else None
    for worker in company.workers.values():
        expected[worker.id] = worker.home
    if previous is not None:
        # Someone the published roster left free was told to stay free: moving them in is a
        # new phone call, not a return home.
        for person in expected:
            if person not in previous:
                worker = company.workers.get(person)
                expected[person] = ATELIER if worker and worker.home == ATELIER else None
    expected_sites: dict[str, tuple[str, ...]] = {}
    for person, given in (previous or {}).items():
        sites_given = (given,) if isinstance(given, str) else tuple(given)
        expected[person] = sites_given[0] if sites_given else None
        expected_sites[person] = sites_given
    for person, place in expected.items():
        expected_sites.setdefault(person, (place,) if place else ())

    # Where a sudden absence left a hole, by kind of person and half: the earliest call there.
    gaps: dict[tuple[str, str, str], int] = {}
    for p, a in absent.items():
        if not a.sudden:
            continue
        kind = "coach" if p in company.coaches else "worker"
        person = company.coaches.get(p) or company.workers[p]
        for site_id in expected_sites.get(p, ()):
            if site_id == ATELIER:
                continue
            for h in HALVES:
                planned = p in known and not known[p].sudden and known[p].covers_half(h)
                if a.covers_half(h) and works_on(person.days, today, h) and not planned:
                    key = (site_id, kind, h)
                    gaps[key] = min(gaps.get(key, 24 * 60), calls.get(p, shift_start))
    sudden_sites = {site_id for site_id, _kind, _h in gaps}

    policy = settings.policy
    # A site whose own high-need worker works today does not share a coach (the need rule); a
    # high-need replacement placed there is the model's to keep apart from a shared coach.
    high_need_teams = {
        site_id
        for worker_id, worker in company.workers.items()
        if worker.need == "high" and halves_of[worker_id]
        for site_id in expected_sites.get(worker_id, ())
    }
    sites: dict[str, SiteToday] = {}
    for site_id in sorted(company.sites):
        site = company.sites[site_id]
        change = demand.get(site_id)
        scheduled = site_works_on(site, date, settings.public_holidays)
        closed = bool(change and change.closed)
        headcount = change.headcount if change and change.headcount is not None else site.headcount
        sites[site_id] = SiteToday(
            id=site_id,
            site=site,
            runs=scheduled and not closed,
            status_when_idle="closed" if closed else "not_scheduled",
            headcount=headcount,
            may_share_coach=may_share_coach(site, headcount, policy, site_id in high_need_teams),
            sudden_absence=site_id in sudden_sites,
        )

    runs = todays_runs(company, date, travel) if company.vans else []
    stopping_at = runs_by_stop(runs)

    def start_point(person: Coach | Worker) -> tuple[float, float]:
        if isinstance(person, Coach) and person.lat is not None and person.lon is not None:
            return (person.lat, person.lon)
        return depot  # collective transport and vlinders leave from the depot

    def place_at(person: Coach | Worker, call: int) -> tuple[float, float]:
        """Where a person is when a call comes: before the shift, where their day starts;
        after its start, where they were expected (the atelier is at the depot)."""
        where = expected.get(person.id)
        if call <= shift_start or where is None:
            return start_point(person)
        if where == ATELIER:
            return depot
        return (company.sites[where].lat, company.sites[where].lon)

    # A re-plan after a published roster is made once the morning's calls are in: whoever it
    # moves is told then, not the day before.
    def opens_a_hole(p: str, a: Absence) -> bool:
        """A sudden absence in a half the person would have worked and no known absence took."""
        person = company.coaches.get(p) or company.workers[p]
        return a.sudden and any(
            a.covers_half(h)
            and works_on(person.days, today, h)
            and not (p in known and not known[p].sudden and known[p].covers_half(h))
            for h in HALVES
        )

    sudden_people = [p for p, a in absent.items() if opens_a_hole(p, a)]
    replan = None
    if previous is not None and sudden_people:
        replan = max(calls.get(p, shift_start) for p in sudden_people)

    def option(person: Coach | Worker, site_id: str) -> Option:
        site = company.sites[site_id]
        minutes = travel.minutes(start_point(person), (site.lat, site.lon))
        is_expected = site_id in expected_sites.get(person.id, ())
        kind = "coach" if isinstance(person, Coach) else "worker"
        site_start = site.start or settings.shift.start
        starts = {"am": site_start.hour * 60 + site_start.minute, "pm": midday}
        times, late = [], False
        for h in halves_of[person.id]:
            call = None if is_expected else gaps.get((site_id, kind, h))
            # A hole from a sudden absence is open from the half's start (the person never
            # came); a site whose people a re-plan moves away waits from the re-plan.
            told, opened = (call, starts[h]) if call is not None else (replan, replan)
            if is_expected or told is None:
                # Told the day before (or expected there): they leave in time for the half.
                times.append((h, starts[h] - minutes, starts[h], 0))
                continue
            journey = travel.minutes(place_at(person, told), (site.lat, site.lon))
            if told + journey <= starts[h]:
                times.append((h, starts[h] - journey, starts[h], 0))
                continue
            # Told when the call came (or at the re-plan), from where they are then; a
            # replacement for a sudden absence is late after the roster deadline (the morning's).
            arrival = told + journey
            times.append((h, told, arrival, max(0, arrival - max(starts[h], opened))))
            late = late or (call is not None and h == "am" and arrival > deadline)
        first_arrival = times[0][2] if times else starts["am"]
        # With vans.csv a collective worker rides a van, also on a day no run goes (then nowhere).
        by_van = bool(company.vans) and isinstance(person, Worker)
        by_van = by_van and person.transport == "collective"
        rides: tuple[tuple[str, str], ...] = ()
        if by_van:
            # Told the day before, or when the call (or the re-plan) came: no earlier run.
            first = halves_of[person.id][0] if halves_of[person.id] else "am"
            call = None if is_expected else gaps.get((site_id, kind, first), replan)
            rides = rides_for(stopping_at.get(site_id, []), site_id, halves_of[person.id], call)
            late = False  # the ride decides it
        return Option(
            person.id,
            site_id,
            minutes,
            first_arrival,
            is_expected,
            late,
            halves_of[person.id],
            tuple(times),
            by_van,
            rides,
        )

    # Who may go where is solver.roster.eligibility's answer; the day keeps only the allowed pairs of
    # the people available today, each with what sending them there costs.
    def options_of(people: dict, open_sites: frozenset[str]) -> dict[str, list[Option]]:
        found: dict[str, list[Option]] = {}
        for person_id in sorted(people):
            if not halves_of[person_id]:
                found[person_id] = []
                continue
            person = people[person_id]
            allowed = [
                option(person, site_id)
                for site_id in candidate_sites(person, open_sites)
                if not pair_exclusion(company, person_id, site_id, forbidden)
            ]
            # No van to take them there (or home at midday): not an option today.
            found[person_id] = [o for o in allowed if not o.by_van or o.rides]
        return found

    coach_options = options_of(company.coaches, frozenset(s for s in sites if sites[s].needs_coach))
    worker_options = options_of(
        company.workers,
        frozenset(s for s, today in sites.items() if today.runs and today.headcount > 0),
    )

    share_minutes: dict[tuple[str, str], int] = {}
    sharing = [s for s in sites.values() if s.may_share_coach]
    for i, a in enumerate(sharing):
        for b in sharing[i + 1 :]:
            minutes = travel.minutes((a.site.lat, a.site.lon), (b.site.lat, b.site.lon))
            share_minutes[(a.id, b.id)] = share_minutes[(b.id, a.id)] = minutes

    per_coach, by_need = coach_ratio_units(company)
    day = Day(
        company=company,
        date=date,
        sites=sites,
        absent=absent,
        day_off=day_off,
        coach_options=coach_options,
        worker_options=worker_options,
        expected=expected,
        expected_sites=expected_sites,
        share_minutes=share_minutes,
        pins=dict(pins or {}),
        forbidden=forbidden,
        holiday=holiday,
        units_per_coach=per_coach,
        units_by_need=by_need,
        line_work_units_by_need=line_work_units(company),
        travel=travel,
        halves_of=halves_of,
        calls=gaps,
        runs=runs,
        midday=midday,
        shift_end=settings.shift.end.hour * 60 + settings.shift.end.minute,
    )
    for person, site_id in sorted(day.pins.items()):
        _check_pin(day, person, site_id)
    return day


class ImpossiblePin(ValueError):
    """A planner's pin that no roster can honour today; the message says why (in English, as the
    service has always read it), `code` and `params` say it without words, for an edge to say
    in the reader's language (ids and codes only)."""

    def __init__(self, message: str, code: str = "unknown", **params: str):
        super().__init__(message)
        self.code, self.params = code, params


def _check_pin(day: Day, person: str, site_id: str) -> None:
    company = day.company
    options = (day.coach_options if person in company.coaches else day.worker_options).get(person)
    if options is None or site_id not in day.sites:
        raise ImpossiblePin(
            f"{person}={site_id}: unknown person or site", person=person, site=site_id
        )
    if any(o.site == site_id for o in options):
        return
    code, *args = day_exclusion(day, person, site_id) or ("not_trained",)
    if code == "absent":
        why = f"{person} is absent today"
    elif code == "day_off":
        why = f"{person} does not work on this weekday"
    elif code == "not_running":
        why = f"{site_id} does not run today ({args[0]})"
    elif code == "no_coach_needed":
        why = f"{site_id} is a service site and needs no coach"
    elif code == "no_headcount":
        why = f"{site_id} asks no workers today"
    elif code == "not_trained" and person in company.workers:
        why = f"{person} is not trained for {site_id}"
    else:
        words = {
            "not_trained": "not trained there",
            "interim_not_allowed": "interim coaches are not allowed",
            "missing_skill": f"lacks the skill {' '.join(args)}",
            "forbidden": "forbidden there by the planner",
            "no_van": "no van takes them there today",
        }
        why = f"{person} may not work at {site_id}: {words[code]}"
    if code == "not_trained" and person in company.workers:
        code = "not_trained_worker"
    detail = " ".join(map(str, args))
    raise ImpossiblePin(
        f"{person}={site_id}: {why}", code, person=person, site=site_id, detail=detail
    )


def move_weight(company: Company, person: str, told: bool) -> int:
    """What moving this person away from where they were expected costs (disruption level)."""
    if person in company.workers:
        return MOVE_WEIGHT_BY_NEED[company.workers[person].need]
    coach = company.coaches[person]
    if coach.role == "regular":
        return MOVE_WEIGHT_REGULAR_COACH
    if coach.role == "vlinder" and told:
        return MOVE_WEIGHT_TOLD_VLINDER
    return 0  # interim coaches are hired per day: moving them disturbs nobody
