"""The independent check of a week plan (docs/roster-rules.md, "The week ahead").

Re-derived from the specification, sharing nothing with `solver.roster.week` or
`solver.analysis.plan`: what the plan may know, its working days, every day as a roster
(`check_roster`), the absence spells and their replacements, the continuity figures, the early
warnings, and the week levels the plan reports for continuity and spread.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import holidays as holiday_calendars

from solver.checker.check import check_roster
from solver.checker.reading import Violation
from solver.domain import ATELIER, Company, works_on

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WARNED = ("no_coach", "ratio_breach", "understaffed")
NOT_RUNNING = ("closed", "not_scheduled")


@dataclasses.dataclass
class PlanCheck:
    violations: list[Violation] = dataclasses.field(default_factory=list)
    days: dict[str, dict[str, int]] = dataclasses.field(default_factory=dict)  # date -> levels

    @property
    def ok(self) -> bool:
        return not self.violations


def check_plan(company: Company, plan: dict[str, Any]) -> PlanCheck:
    """Check a plan JSON (as a dict) against the company's files."""
    result = PlanCheck()

    def bad(rule: str, message: str, site: str | None = None, person: str | None = None) -> None:
        result.violations.append(Violation(rule, site, person, message))

    days = plan.get("days") if isinstance(plan, dict) else None
    if not isinstance(days, list) or not days:
        bad("shape", "days: expected a list of rosters")
        return result
    try:
        start = dt.date.fromisoformat(str(plan.get("from")))
        end = dt.date.fromisoformat(str(plan.get("to")))
        dates = [dt.date.fromisoformat(str(d.get("date"))) for d in days]
    except (ValueError, AttributeError):
        bad("shape", "from, to and every days[i].date: expected YYYY-MM-DD")
        return result
    known = dataclasses.replace(
        company,
        absences=tuple(a for a in company.absences if not (a.kind == "sick" and a.start > start)),
    )
    working = [d for d in _dates(start, end) if _working_day(company, d)]
    if dates != working:
        bad("horizon", f"days: {[str(d) for d in dates]} but the working days from {start} to "
            f"{end} are {[str(d) for d in working]}")  # fmt: skip
    for i, roster in enumerate(days):
        checked = check_roster(known, roster)
        result.days[str(dates[i])] = checked.levels
        for v in checked.violations:
            result.violations.append(
                Violation(v.rule, v.site, v.person, f"days[{i}] ({dates[i]}): {v.message}")
            )
    by_date = dict(zip(dates, days, strict=True))
    spells = _spells(known, dates)
    _check_continuity(known, plan, spells, by_date, bad)
    _check_warnings(plan, days, bad)
    _check_spread(known, plan, dates, by_date, bad)
    return result


def _dates(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def _working_day(company: Company, date: dt.date) -> bool:
    country = company.settings.public_holidays
    if country and date in holiday_calendars.country_holidays(country, years=date.year):
        return False
    weekday, week = WEEKDAYS[date.weekday()], (date.day - 1) // 7 + 1
    return any(
        weekday in s.days and (not s.weeks_of_month or week in s.weeks_of_month)
        for s in company.sites.values()
    )


def _absences_of(company: Company) -> dict[str, list]:
    """Each person's absences, read once per plan rather than once per person and day."""
    found: dict[str, list] = {}
    for a in company.absences:
        found.setdefault(a.person, []).append(a)
    return found


def _away(company: Company, absences: dict[str, list], person: str, date: dt.date) -> bool:
    return any(a.start <= date <= a.end for a in absences.get(person, ())) and works_on(
        _days_of(company, person), WEEKDAYS[date.weekday()]
    )


def _days_of(company: Company, person: str) -> tuple[str, ...]:
    return (company.coaches.get(person) or company.workers[person]).days


def _spells(company: Company, dates: list[dt.date]) -> list[tuple[str, str, str, list[dt.date]]]:
    """(person, "coach" | "worker", site, days) for every spell of the horizon."""
    people = [(c.id, "coach", c.home) for c in company.coaches.values() if c.role == "regular"]
    people += [(w.id, "worker", w.home) for w in company.workers.values() if w.home != ATELIER]
    absences = _absences_of(company)
    spells = []
    for person, role, site in people:
        if not site:
            continue
        run: list[dt.date] = []
        for d in dates:
            if not works_on(_days_of(company, person), WEEKDAYS[d.weekday()]):
                continue  # a day off does not break a spell
            if _away(company, absences, person, d):
                run.append(d)
            elif run:
                spells.append((person, role, site, run))
                run = []
        if run:
            spells.append((person, role, site, run))
    return spells


def _episodes(spells, dates: list[dt.date]):
    """Spells of one site and kind of person whose days overlap or follow on each other in the
    horizon, as one (None, kind, site, days)."""
    index = {d: i for i, d in enumerate(dates)}
    out = []
    for site_id, role in sorted({(s[2], s[1]) for s in spells}):
        runs = sorted(
            (s[3] for s in spells if (s[2], s[1]) == (site_id, role)), key=lambda r: index[r[0]]
        )
        days: set[dt.date] = set()
        for run in runs:
            if days and index[run[0]] > max(index[d] for d in days) + 1:
                out.append((None, role, site_id, sorted(days)))
                days = set()
            days |= set(run)
        if days:
            out.append((None, role, site_id, sorted(days)))
    return out


def _stand_ins(company: Company, spell, roster: dict) -> set[str]:
    person, role, site_id, _days = spell
    entry = next((e for e in roster.get("enclaves", []) if e.get("id") == site_id), None)
    if entry is None:
        return set()
    if role == "coach":
        own = {c.id for c in company.coaches.values() if c.role == "regular" and c.home == site_id}
        return {c for c in entry.get("coaches", []) if c != person and c not in own}
    return {
        w
        for w in entry.get("workers", [])
        if w != person and w in company.workers and company.workers[w].home != site_id
    }


def _check_continuity(company: Company, plan: dict, spells, by_date, bad) -> None:
    counts = {"coaches": [0, 0], "workers": [0, 0]}
    faces_total = 0
    for episode in _episodes(spells, sorted(by_date)):
        faces_total += len(
            set().union(*(_stand_ins(company, episode, by_date[d]) for d in episode[3]))
        )
    for spell in spells:
        per_day = [_stand_ins(company, spell, by_date[d]) for d in spell[3] if d in by_date]
        faces = set().union(*per_day) if per_day else set()
        if len(spell[3]) < 2 or not faces:
            continue
        key = "coaches" if spell[1] == "coach" else "workers"
        counts[key][0] += 1
        counts[key][1] += len(faces) <= max(len(p) for p in per_day)
    claimed = plan.get("continuity") or {}
    for key, (spells_n, one) in (
        *counts.items(),
        ("total", [sum(c[0] for c in counts.values()), sum(c[1] for c in counts.values())]),
    ):
        said = claimed if key == "total" else claimed.get(key) or {}
        if (said.get("spells"), said.get("one_replacement")) != (spells_n, one):
            bad("continuity", f"continuity{'' if key == 'total' else '.' + key}: says "
                f"{said.get('one_replacement')} of {said.get('spells')} spells with one "
                f"replacement, the days show {one} of {spells_n}")  # fmt: skip
    week_levels = (plan.get("solver") or {}).get("week_levels") or {}
    if "continuity" in week_levels and week_levels["continuity"] != faces_total:
        bad("continuity", f"solver.week_levels.continuity: {week_levels['continuity']} but the "
            f"episodes have {faces_total} different replacements")  # fmt: skip


def _check_warnings(plan: dict, days: list[dict], bad) -> None:
    expected = []
    for roster in sorted(days, key=lambda r: str(r.get("date"))):
        for e in roster.get("enclaves", []):
            if e.get("status") in WARNED:
                workers = e.get("headcount") if e["status"] == "no_coach" else e.get("present")
                expected.append((roster["date"], e["id"], e["status"], workers))
    said = [
        (w.get("date"), w.get("enclave"), w.get("status"), w.get("workers"))
        for w in plan.get("warnings") or []
    ]
    if said != expected:
        missing = [w for w in expected if w not in said]
        extra = [w for w in said if w not in expected]
        bad("warnings", f"warnings: missing {missing}, not in the days {extra}")


def _check_spread(company: Company, plan: dict, dates, by_date, bad) -> None:
    """The spread the plan reports, recounted from the days: days away beyond the first."""
    week_levels = (plan.get("solver") or {}).get("week_levels") or {}
    if "spread" not in week_levels:
        return
    absences = _absences_of(company)
    away: dict[str, int] = {}
    for d in dates:
        roster = by_date[d]
        place: dict[str, set[str]] = {}
        running = set()
        for e in roster.get("enclaves", []):
            if e.get("status") not in NOT_RUNNING:
                running.add(e.get("id"))
            for p in (*e.get("coaches", []), *e.get("workers", [])):
                place.setdefault(p, set()).add(e.get("id"))
        for worker in company.workers.values():
            if not _could_work(company, absences, worker.id, d):
                continue
            if worker.home == ATELIER:
                away[worker.id] = away.get(worker.id, 0) + bool(place.get(worker.id))
            elif worker.home in running:
                away[worker.id] = away.get(worker.id, 0) + (
                    worker.home not in place.get(worker.id, ())
                )
        for coach in company.coaches.values():
            if (
                coach.role == "regular"
                and coach.home in running
                and _could_work(company, absences, coach.id, d)
            ):
                away[coach.id] = away.get(coach.id, 0) + (coach.home not in place.get(coach.id, ()))
    spread = sum(max(0, n - 1) for n in away.values())
    if week_levels["spread"] != spread:
        bad("spread", f"solver.week_levels.spread: {week_levels['spread']} but the days show "
            f"{spread} days away beyond each person's first")  # fmt: skip


def _could_work(company: Company, absences: dict[str, list], person: str, date: dt.date) -> bool:
    """Works that weekday and is not absent for the whole of it."""
    weekday = WEEKDAYS[date.weekday()]
    if not works_on(_days_of(company, person), weekday):
        return False
    return not any(a.start <= date <= a.end and a.part == "day" for a in absences.get(person, ()))
