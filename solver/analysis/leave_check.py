"""The leave check (issue 14): what granting a leave does to cover, before HR approves it.

Given every other known absence, each working day of the leave is solved twice, without and
with the person away, by the day solve (`solver.roster.model`), each date once (cached). A
site-day *loses cover* when, with the leave, it goes without a coach or below the norm
(`no_coach`, `ratio_breach`, `understaffed`) where it did not, or worse than it was, and the
day's levels 1-2 got worse (two equally good rosters may put the same shortage on different
sites: that is no loss). When some site-day loses cover, the nearest alternative dates follow:
windows of the same number of the person's working days, starting within a few weeks before or
after, nearest first, that lose none.

The alternatives only need the statuses, which levels 1 and 2 decide: they are solved on those
two levels alone (`LEVELS_QUICK`, about a third of a full solve on the example company). The
requested days are solved in full, since the expected-sickness risk reads who is left idle:
the change in risk on those days (`solver.analysis.plan_risk`) shows a leave that leaves no
vlinder in reserve is not free.

Facts and codes only; `solver.reports.plan_report` renders them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from dataclasses import dataclass, field

from solver.analysis.absence_model import AbsenceModel, absence_model
from solver.analysis.plan import MOVABLE_KINDS, WARNING_STATUSES
from solver.analysis.plan_risk import SAMPLES, DayRisk, day_risk
from solver.domain import Absence, Company, works_on
from solver.domain.calendar import absences_on, company_works_on, weekday
from solver.roster.day import build_day
from solver.roster.json_shape import Roster
from solver.roster.model import (
    SolveOptions,
    StagedPart,
    merged_solution,
    solve_day,
    solve_in_stages,
)
from solver.roster.parts import independent_parts
from solver.roster.reading import read_roster

WEEKS = 3  # alternatives start at most this many weeks before or after the leave
MOST = 5  # alternatives offered
MAX_DAYS = 31  # working days of one leave checked
LEVELS_QUICK = (1, 2)
CHECK_OPTIONS = SolveOptions(time_limit=10.0)
# Worse first (solver.roster.reading.STATUS_ORDER).
SEVERITY = {"no_coach": 0, "ratio_breach": 1, "understaffed": 2, "short": 3, "ok": 4}


class LeaveError(ValueError):
    """A leave that cannot be checked; `code` and `params` render it (`plan.leave.error.*`)."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Lost:
    """A site-day that loses cover with the leave."""

    date: dt.date
    enclave: str
    status: str  # its status with the leave
    workers: int  # the whole team without a coach, else those present
    before: str = "ok"  # its status without the leave

    def to_json(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "enclave": self.enclave,
            "status": self.status,
            "workers": self.workers,
        }


@dataclass(frozen=True)
class RiskChange:
    """The expected-sickness risk of one day of the leave, without and with it."""

    before: DayRisk
    after: DayRisk

    @property
    def date(self) -> dt.date:
        return self.after.date

    @property
    def change(self) -> float:
        return self.after.chance - self.before.chance

    def to_json(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "before": round(self.before.chance, 4),
            "after": round(self.after.chance, 4),
            "change": round(self.change, 4),
            "sites": {s: round(c, 4) for s, c in self.after.sites.items()},
            "free_vlinders_before": list(self.before.free_vlinders),
            "free_vlinders": list(self.after.free_vlinders),
            "all_vlinders_used": self.after.all_vlinders_used,
        }


@dataclass
class LeaveCheck:
    person: str
    start: dt.date
    end: dt.date
    days: list[dt.date]  # the person's working days in the leave
    ok: bool
    lost: list[Lost]
    alternatives: list[tuple[dt.date, dt.date]]
    risk: list[RiskChange]
    solver: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "person": self.person,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "ok": self.ok,
            "days": [d.isoformat() for d in self.days],
            "lost": [x.to_json() for x in self.lost],
            "alternatives": [
                {"from": a.isoformat(), "to": b.isoformat()} for a, b in self.alternatives
            ],
            "risk": [r.to_json() for r in self.risk],
            "solver": self.solver,
        }


def leave_check(
    company: Company,
    person: str,
    start: dt.date,
    end: dt.date,
    options: SolveOptions | None = None,
    *,
    kind: str = "leave",
    weeks: int = WEEKS,
    most: int = MOST,
    model: AbsenceModel | None = None,
    samples: int = SAMPLES,
) -> LeaveCheck:
    """What granting `person` a leave from `start` to `end` does to cover (see the module).
    `options` bound each day solve. This person's leave or adv already in the files on these
    dates is taken out first: the check asks about granting it."""
    started = time.perf_counter()
    someone = company.coaches.get(person) or company.workers.get(person)
    if someone is None:
        raise LeaveError("unknown_person", person=person)
    if end < start:
        raise LeaveError("to_before_from", start=start.isoformat(), to=end.isoformat())
    checker = _Days(company, person, options or CHECK_OPTIONS, kind)
    days = checker.working_days(start, end)
    if not days:
        raise LeaveError(
            "no_working_days", person=person, start=start.isoformat(), to=end.isoformat()
        )
    if len(days) > MAX_DAYS:
        raise LeaveError("too_long", most=MAX_DAYS)
    lost = [x for d in days for x in checker.lost(d, full=True)]
    alternatives = [] if not lost else checker.alternatives(start, end, len(days), weeks, most)
    model = model or absence_model(company.settings.absence_model)
    risk = [
        RiskChange(
            day_risk(checker.base, checker.roster(d, False, True), model, samples),
            day_risk(checker.away_company(d), checker.roster(d, True, True), model, samples),
        )
        for d in days
    ]
    return LeaveCheck(
        person=person,
        start=start,
        end=end,
        days=days,
        ok=not lost,
        lost=lost,
        alternatives=alternatives,
        risk=risk,
        solver={
            "seconds": round(time.perf_counter() - started, 3),
            "day_solves": len(checker.cache),
            "proven": all(r.solver.get("status") == "OPTIMAL" for r in checker.cache.values()),
        },
    )


class _Days:
    """The day solves of one check, each (date, away, full) once."""

    def __init__(self, company: Company, person: str, options: SolveOptions, kind: str):
        self.person = person
        self.options = options
        self.kind = kind
        own = company.coaches.get(person) or company.workers[person]
        self.own_days = own.days
        self.base = company
        self.cache: dict[tuple[dt.date, bool, bool], Roster] = {}
        self._taken_out: tuple[dt.date, dt.date] | None = None

    def take_out(self, start: dt.date, end: dt.date) -> None:
        """The person's own leave or adv on the dates, already in the files, is the leave being
        asked about: the check starts without those days (the rest of such a leave stays)."""
        kept: list[Absence] = []
        for a in self.base.absences:
            if (
                a.person != self.person
                or a.kind not in MOVABLE_KINDS
                or a.end < start
                or end < a.start
            ):
                kept.append(a)
                continue
            if a.start < start:
                kept.append(dataclasses.replace(a, end=start - dt.timedelta(days=1)))
            if end < a.end:
                kept.append(dataclasses.replace(a, start=end + dt.timedelta(days=1)))
        self.base = dataclasses.replace(self.base, absences=tuple(kept))

    def working_days(self, start: dt.date, end: dt.date) -> list[dt.date]:
        if self._taken_out is None:
            self.take_out(start, end)
            self._taken_out = (start, end)
        found = []
        d = start
        while d <= end and len(found) <= MAX_DAYS:
            if self.works(d):
                found.append(d)
            d += dt.timedelta(days=1)
        return found

    def works(self, d: dt.date) -> bool:
        """A day the person would work: the company works, it is one of their days, and they
        are not away already."""
        return (
            company_works_on(self.base, d)
            and works_on(self.own_days, weekday(d))
            and self.person not in absences_on(self.base, d)
        )

    def away_company(self, d: dt.date) -> Company:
        leave = Absence(person=self.person, start=d, end=d, kind=self.kind)
        return dataclasses.replace(self.base, absences=(*self.base.absences, leave))

    def roster(self, d: dt.date, away: bool, full: bool) -> Roster:
        key = (d, away, full)
        if key not in self.cache:
            firm = self.away_company(d) if away else self.base
            day = build_day(firm, d)
            self.cache[key] = solve_day(day, self.options) if full else self._quick(day)
        return self.cache[key]

    def _quick(self, day) -> Roster:
        """Levels 1 and 2 only: enough for the statuses."""
        parts = [StagedPart(part, self.options) for part in independent_parts(day)]
        deadline = time.perf_counter() + self.options.time_limit
        failed, _first = solve_in_stages(parts, LEVELS_QUICK, deadline)
        if failed is not None:
            return solve_day(day, self.options)
        roster = read_roster(day, merged_solution(p.solution for p in parts))
        proven = all(p.status == "OPTIMAL" for p in parts)
        roster.solver = {"status": "OPTIMAL" if proven else "FEASIBLE", "levels": LEVELS_QUICK}
        return roster

    def lost(self, d: dt.date, full: bool = False) -> list[Lost]:
        before, after = self.roster(d, False, full), self.roster(d, True, full)
        if _key(after) <= _key(before):
            return []
        was = {s.id: s.status for s in before.enclaves}
        found = []
        for site in after.enclaves:
            if site.status not in WARNING_STATUSES:
                continue
            old = was.get(site.id, "ok")
            if SEVERITY.get(site.status, 4) < SEVERITY.get(old, 4):
                workers = site.headcount if site.status == "no_coach" else site.present
                found.append(Lost(d, site.id, site.status, workers, old))
        return found

    def alternatives(
        self, start: dt.date, end: dt.date, n: int, weeks: int, most: int
    ) -> list[tuple[dt.date, dt.date]]:
        """Windows of `n` of the person's working days starting within `weeks` weeks of
        `start`, nearest first (earlier first on a tie), that lose no cover."""
        low, high = start - dt.timedelta(weeks=weeks), start + dt.timedelta(weeks=weeks)
        starts = [low + dt.timedelta(days=i) for i in range((high - low).days + 1)]
        starts = sorted(
            (d for d in starts if d != start and self.works(d)),
            key=lambda d: (abs((d - start).days), d),
        )
        found: list[tuple[dt.date, dt.date]] = []
        bad: set[dt.date] = set()
        for first in starts:
            window = self.window(first, n)
            if window is None or any(d in bad for d in window):
                continue
            for d in window:
                if self.lost(d):
                    bad.add(d)
                    break
            else:
                found.append((window[0], window[-1]))
                if len(found) == most:
                    break
        return found

    def window(self, first: dt.date, n: int) -> list[dt.date] | None:
        days, d = [], first
        limit = first + dt.timedelta(days=7 * (n // 5 + 3))
        while len(days) < n and d <= limit:
            if self.works(d):
                days.append(d)
            d += dt.timedelta(days=1)
        return days if len(days) == n else None


def _key(roster: Roster) -> tuple[int, int]:
    return (roster.levels.get("level1", 0), roster.levels.get("level2", 0))


__all__ = ["LEVELS_QUICK", "LeaveCheck", "LeaveError", "Lost", "RiskChange", "leave_check"]
