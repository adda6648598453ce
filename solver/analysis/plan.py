"""The week ahead (issue 14): rosters for the next working days from what is known today.

The plan knows every leave, adv, training or other absence, and a sickness only when it started
on or before the plan's first day (nobody knows next Thursday's flu). The days are planned
together (`solver.roster.week`); this module adds what a planner reads off the plan: the early
warnings (site-days already without a coach or below the norm, with what would fix them) and how
often one replacement covered a whole absence spell, the expected-sickness risk of each day
(`solver.analysis.plan_risk`) and the vlinder trainings the idle days fit
(`solver.analysis.plan_training`). Facts and codes only; words are rendered in
`solver.reports.plan_report`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from solver.analysis.absence_model import AbsenceModel, absence_model
from solver.analysis.plan_risk import SAMPLES, DayRisk, plan_risk
from solver.analysis.plan_training import Training, schedule, wishes
from solver.domain import Company
from solver.domain.calendar import company_works_on
from solver.roster.json_shape import Roster
from solver.roster.model import SolveOptions
from solver.roster.week import Spell, plan_days, replacements

DEFAULT_DAYS = 10
MAX_DAYS = 31  # working days: a plan beyond six weeks plans on absences nobody has reported yet
# Statuses that already break the norm: the roster's levels 1 and 2 (docs/roster-rules.md).
WARNING_STATUSES = ("no_coach", "ratio_breach", "understaffed")
# Absences a planner can move; sickness cannot, and training is planned by others.
MOVABLE_KINDS = ("leave", "adv")


class PlanError(ValueError):
    """A horizon that cannot be planned; `code` and `params` render it (`plan.error.<code>`)."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def horizon(
    company: Company, start: dt.date, days: int | None = None, to: dt.date | None = None
) -> list[dt.date]:
    """The company's working days from `start`: `days` of them, or up to `to` inclusive."""
    if to is not None and to < start:
        raise PlanError("to_before_from", start=start.isoformat(), to=to.isoformat())
    wanted = DEFAULT_DAYS if days is None and to is None else days
    dates: list[dt.date] = []
    d = start
    limit = start + dt.timedelta(days=7 * 10)
    while d <= limit and (to is None or d <= to) and (wanted is None or len(dates) < wanted):
        if company_works_on(company, d):
            dates.append(d)
        d += dt.timedelta(days=1)
    if not dates:
        raise PlanError("no_working_days", start=start.isoformat())
    if len(dates) > MAX_DAYS or (wanted is not None and wanted > MAX_DAYS):
        raise PlanError("too_many_days", most=MAX_DAYS)
    return dates


def known_on(company: Company, first_day: dt.date) -> Company:
    """The company as the plan sees it on its first day: sicknesses that start later are not
    known yet."""
    known = tuple(a for a in company.absences if not (a.kind == "sick" and a.start > first_day))
    return dataclasses.replace(company, absences=known)


@dataclass(frozen=True)
class Warning:
    """A site-day that goes without a coach or below the norm on known absences alone."""

    date: dt.date
    enclave: str
    status: str
    workers: int  # workers it concerns: the whole team without a coach, else those present
    fixes: tuple[dict, ...] = ()  # {"code": ..., ids}: what would fix it


@dataclass
class Plan:
    company: str
    start: dt.date
    end: dt.date
    days: list[Roster]
    warnings: list[Warning]
    continuity: dict
    solver: dict
    spells: list[Spell] = field(default_factory=list)
    risk: list[DayRisk] = field(default_factory=list)
    training: list[Training] = field(default_factory=list)


def plan(
    company: Company,
    start: dt.date,
    days: int | None = None,
    to: dt.date | None = None,
    options: SolveOptions | None = None,
    model: AbsenceModel | None = None,
    risk_samples: int = SAMPLES,
) -> Plan:
    """The plan of the working days from `start`, on the absences known on `start`; `model`
    the absence model behind the expected-sickness risk (the company's when None)."""
    dates = horizon(company, start, days, to)
    known = known_on(company, start)
    week = plan_days(known, dates, options)
    warnings = warnings_of(known, week.days)
    model = model or absence_model(company.settings.absence_model)
    risk = plan_risk(known, week.days, model, risk_samples)
    return Plan(
        company=company.name,
        start=dates[0],
        end=dates[-1],
        days=week.days,
        warnings=warnings,
        continuity=continuity_of(known, week.spells, week.days),
        solver=week.solver,
        spells=week.spells,
        risk=risk,
        training=training_of(known, week.days, warnings, risk),
    )


def training_of(
    company: Company, rosters: list[Roster], warnings: list[Warning], risk: list[DayRisk]
) -> list[Training]:
    """The vlinder trainings the plan's idle days fit, the sites its warnings and its risk
    name wanted first."""
    summed: dict[str, float] = {}
    for day in risk:
        for site_id, chance in day.sites.items():
            summed[site_id] = summed.get(site_id, 0.0) + chance
    wanted = wishes(company, [w.enclave for w in warnings], summed)
    return schedule(company, rosters, wanted)


def continuity_of(company: Company, spells: list[Spell], rosters: list[Roster]) -> dict:
    """Of the spells of two days or more that somebody stood in for, those where nobody new
    came in the middle: no more different replacements over the spell than on its busiest day
    (one vlinder for C10's week; two at once when two coaches of a site are away). Coaches and
    workers apart, and together."""
    by_date = {r.date: r for r in rosters}
    counts = {"coach": [0, 0], "worker": [0, 0]}
    for spell in spells:
        if len(spell.dates) < 2:
            continue  # one day has one replacement by definition
        faces: set[str] = set()
        busiest = 0
        for d in spell.dates:
            roster = by_date.get(d.isoformat())
            if roster is None or not any(s.id == spell.site for s in roster.enclaves):
                continue
            site = roster.site(spell.site)
            here = replacements(
                company, spell, site.coaches if spell.role == "coach" else site.workers
            )
            faces |= here
            busiest = max(busiest, len(here))
        if not faces:
            continue
        counts[spell.role][0] += 1
        counts[spell.role][1] += len(faces) <= busiest

    def figures(spells_n: int, one: int) -> dict:
        return {"spells": spells_n, "one_replacement": one, "share": _share(one, spells_n)}

    total = [sum(c[0] for c in counts.values()), sum(c[1] for c in counts.values())]
    return figures(*total) | {
        "coaches": figures(*counts["coach"]),
        "workers": figures(*counts["worker"]),
    }


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def warnings_of(company: Company, rosters: list[Roster]) -> list[Warning]:
    """Every site-day below the norm, earliest first, each with what would fix it."""
    found = []
    for roster in sorted(rosters, key=lambda r: r.date):
        date = dt.date.fromisoformat(roster.date)
        for site in roster.enclaves:
            if site.status not in WARNING_STATUSES:
                continue
            workers = site.headcount if site.status == "no_coach" else site.present
            fixes = tuple(fixes_for(company, roster, site.id))
            found.append(Warning(date, site.id, site.status, workers, fixes))
    return found


def fixes_for(company: Company, roster: Roster, site_id: str) -> list[dict]:
    """What would give this site-day its coach back without an interim coach (those are for
    sudden absences only, as the hearing proposes): a free vlinder trained there in time, or a
    leave or adv day of the site's own coach moved to another day."""
    site = company.sites[site_id]
    fixes = []
    for coach_id in roster.idle.get("coaches", []):
        coach = company.coaches.get(coach_id)
        if coach is None or coach.role != "vlinder" or coach.knows(site_id):
            continue
        if all(skill in coach.skills for skill in site.skills):
            fixes.append({"code": "train_vlinder", "vlinder": coach_id, "enclave": site_id})
    for person, kind in sorted(roster.absent.items()):
        coach = company.coaches.get(person)
        if coach and coach.role == "regular" and coach.home == site_id and kind in MOVABLE_KINDS:
            fixes.append({"code": "move_leave", "coach": person, "date": roster.date})
    return fixes
