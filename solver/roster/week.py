"""The week ahead: several working days planned together (docs/roster-rules.md, "The week ahead").

Levels 1-3 are judged day by day: every day is first solved alone on them, exactly as the morning
roster solves them, and the plan then holds each day at those values, so no day is worse on them
than that day solved alone. Then all days together, in this order (`JOINT_LEVELS`):

- `continuity`: the fewest different replacements per absence spell (a team and its client meet
  one new face for a week's leave, not three);
- level 4 (disruption), summed over the days;
- `spread`: moves and days sent home not always on the same people;
- level 5 (travel) and level 6 (pool use), summed over the days.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.domain import ATELIER, Company, works_on
from solver.domain.calendar import absences_on, weekday
from solver.roster.day import Day, build_day
from solver.roster.json_shape import Roster
from solver.roster.model import (
    SolveOptions,
    StagedModel,
    StagedPart,
    build_model,
    merged_solution,
    merged_stages,
    model_variables,
    snapshot,
    solve_in_stages,
)
from solver.roster.parts import independent_parts
from solver.roster.reading import Solution, read_roster
from solver.roster.rules import Vars

DAILY_LEVELS = (1, 2, 3)
JOINT_LEVELS = ("continuity", 4, "spread", 5, 6)
# Levels 1-3 of the days take at most this share of the time; what they leave goes to the week.
DAILY_SHARE = 0.5
PLAN_OPTIONS = SolveOptions(time_limit=60.0)
# The week's stage is solved with two workers even when the days take one: proving the spread
# level on the example's 10 days from 7 June 2027 took over 60 s with one, 21 s with two
# (bench/plan_results.md). The days themselves stay the morning's own solve.
WEEK_WORKERS = 2
# The spread starts a stage of its own (with travel and pool use): in one weighted stage with
# continuity and disruption its proof took 10.8 s on the 10 days from 7 June 2027, apart 3.4 s,
# the same levels (bench/plan_results.md).
WEEK_BREAKS = ("spread",)


@dataclass(frozen=True)
class Spell:
    """One absence spell: the absent person's consecutive working days away in the horizon
    (their own days off do not break it), at the site where they would have worked."""

    person: str
    role: str  # "coach" | "worker"
    site: str
    dates: tuple[dt.date, ...]


def absence_spells(company: Company, dates: Iterable[dt.date]) -> list[Spell]:
    """The spells of regular coaches and of workers whose home is a site; a day counts as away
    when the person works that weekday and is absent for at least half of it."""
    dates = sorted(dates)
    away_on = {d: absences_on(company, d) for d in dates}
    people = [
        (c.id, "coach", c.home) for c in company.coaches.values() if c.role == "regular" and c.home
    ]
    people += [(w.id, "worker", w.home) for w in company.workers.values() if w.home != ATELIER]
    spells: list[Spell] = []
    for person_id, role, home in sorted(people):
        person = company.coaches.get(person_id) or company.workers[person_id]
        current: list[dt.date] = []
        for d in dates:
            if not works_on(person.days, weekday(d)):
                continue
            if person_id in away_on[d]:
                current.append(d)
                continue
            if current:
                spells.append(Spell(person_id, role, home, tuple(current)))
            current = []
        if current:
            spells.append(Spell(person_id, role, home, tuple(current)))
    return spells


def replacements(company: Company, spell: Spell, people: Iterable[str]) -> set[str]:
    """Who, of the people at the spell's site on one of its days, stands in for someone: not
    the absent person and not someone whose home the site is."""
    found = set()
    for person in people:
        if person == spell.person:
            continue
        if spell.role == "coach":
            coach = company.coaches.get(person)
            if coach is None or (coach.role == "regular" and coach.home == spell.site):
                continue
        else:
            worker = company.workers.get(person)
            if worker is None or worker.home == spell.site:
                continue
        found.add(person)
    return found


@dataclass
class WeekPlan:
    days: list[Roster]
    spells: list[Spell]
    solver: dict


def plan_days(
    company: Company, dates: Iterable[dt.date], options: SolveOptions | None = None
) -> WeekPlan:
    """Rosters for `dates`, planned together. `company` holds the absences the plan may know."""
    options = options or PLAN_OPTIONS
    started = time.perf_counter()
    dates = sorted(dates)
    days = [build_day(company, d) for d in dates]
    daily = [
        (i, StagedPart(part, options, DAILY_LEVELS))
        for i, day in enumerate(days)
        for part in independent_parts(day)
    ]
    parts = [p for _i, p in daily]
    daily_deadline = started + options.time_limit * DAILY_SHARE
    failed, _first = solve_in_stages(parts, DAILY_LEVELS, daily_deadline)
    if failed is not None:
        raise RuntimeError(f"no roster at all for a day of the plan: {failed}")
    spells = absence_spells(company, dates)
    week_options = dataclasses.replace(
        options, workers=max(options.workers, WEEK_WORKERS), grouped=True
    )
    groups = _joint_groups(daily, days)
    weeks = [_JointPart(group, spells, company, week_options) for group in groups]
    solve_in_stages(weeks, JOINT_LEVELS, started + options.time_limit)

    rosters = []
    for i, day in enumerate(days):
        solutions = [s for w in weeks for index, s in w.solutions() if index == i]
        roster = read_roster(day, merged_solution(solutions))
        own = [p for index, p in daily if index == i]
        proven = all(p.status == "OPTIMAL" for p in own) and all(
            w.status == "OPTIMAL" for w in weeks if i in w.day_indexes
        )
        roster.status = "optimal" if proven else "feasible"
        roster.solver = {
            "status": "OPTIMAL" if proven else "FEASIBLE",
            "parts": len(own),
            "stages": merged_stages(own, DAILY_LEVELS),
            "planned_with": len(dates),
        }
        rosters.append(roster)
    proven = all(p.status == "OPTIMAL" for p in (*parts, *weeks))
    solver = {
        "status": "OPTIMAL" if proven else "FEASIBLE",
        "seconds": round(time.perf_counter() - started, 3),
        "build_seconds": round(sum(p.build_seconds for p in (*parts, *weeks)), 3),
        "parts": len(weeks),
        "stages": merged_stages(parts, DAILY_LEVELS) + merged_stages(weeks, JOINT_LEVELS),
        # The week's levels over the days (the continuity and spread of the rules' week section).
        "week_levels": {
            str(level): sum((w.stage(level) or {}).get("value") or 0 for w in weeks)
            for level in JOINT_LEVELS
        },
    }
    return WeekPlan(rosters, spells, solver)


def _joint_groups(daily: list[tuple[int, StagedPart]], days: list[Day]) -> list[list[int]]:
    """The day parts that share a person or a site over the days: planned together, each group
    independently of the others (positions in `daily`)."""
    parent = list(range(len(daily)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[str, int] = {}
    for position, (_i, part) in enumerate(daily):
        day = part.day
        keys = [*day.coach_options, *day.worker_options, *(f"site:{s}" for s in day.sites)]
        for key in keys:
            other = first_with.setdefault(key, position)
            parent[root(position)] = root(other)
    groups: dict[int, list[int]] = {}
    for position in range(len(daily)):
        groups.setdefault(root(position), []).append(position)
    return [[daily[p] for p in group] for group in sorted(groups.values())]


class _JointPart(StagedModel):
    """Day parts linked over the days, in one model: each day held at its levels 1-3, then the
    week's levels over all of them."""

    def __init__(self, group, spells: list[Spell], company: Company, options: SolveOptions):
        started = time.perf_counter()
        model = cp_model.CpModel()
        self.members: list[tuple[int, Vars, Day]] = []
        for index, staged in group:
            v = build_model(staged.day, model)
            for level in DAILY_LEVELS:
                stage = staged.stage(level)
                if v.objective[level] and stage and stage["value"] is not None:
                    model.add(sum(v.objective[level]) <= stage["value"])
            _hint(v, staged.solution)
            self.members.append((index, v, staged.day))
        self.day_indexes = {index for index, _v, _d in self.members}
        by_level = {
            "continuity": continuity(company, spells, self.members, model),
            4: [t for _i, v, _d in self.members for t in v.objective[4]],
            "spread": spread(company, self.members, model),
            5: [t for _i, v, _d in self.members for t in v.objective[5]],
            6: [t for _i, v, _d in self.members for t in v.objective[6]],
        }
        variables = [x for _i, v, _d in self.members for x in model_variables(v)]
        size = sum(day.size() for _i, _v, day in self.members)
        super().__init__(
            model, by_level, variables, self._read, size, options, JOINT_LEVELS, WEEK_BREAKS
        )
        self.build_seconds = time.perf_counter() - started

    def _read(self, solver: cp_model.CpSolver) -> list[tuple[int, Solution]]:
        return [(index, snapshot(solver, v)) for index, v, _day in self.members]

    def solutions(self) -> list[tuple[int, Solution]]:
        return self.solution or []


def _hint(v: Vars, solution: Solution) -> None:
    for key, var in (*v.coach_in.items(), *v.worker_at.items()):
        v.model.add_hint(var, key in solution.placed)
    halves = {x.index for x in v.coach_in.values()}
    for (coach, site), var in v.coach_at.items():
        if var.index not in halves:
            placed = any((coach, site, h) in solution.placed for h in ("am", "pm"))
            v.model.add_hint(var, placed)
    for (worker, _site, run, leg), var in v.ride.items():
        v.model.add_hint(var, (worker, run, leg) in solution.rides)


def episodes(spells: list[Spell], dates: list[dt.date]) -> list[Spell]:
    """The spells of one site and kind of person that overlap or follow on each other, merged:
    the days a site's team or coaching is short of its own people. Two workers of a site away
    on overlapping days share their replacements, so continuity is counted per episode."""
    position = {d: i for i, d in enumerate(sorted(dates))}
    merged: list[Spell] = []
    by_key: dict[tuple[str, str], list[Spell]] = {}
    for spell in spells:
        by_key.setdefault((spell.site, spell.role), []).append(spell)
    for (site_id, role), group in sorted(by_key.items()):
        group.sort(key=lambda s: position[s.dates[0]])
        current: list[dt.date] = []
        for spell in group:
            if current and position[spell.dates[0]] > position[max(current)] + 1:
                merged.append(Spell("", role, site_id, tuple(sorted(set(current)))))
                current = []
            current += spell.dates
        if current:
            merged.append(Spell("", role, site_id, tuple(sorted(set(current)))))
    return merged


def continuity(company: Company, spells: list[Spell], members, model: cp_model.CpModel) -> list:
    """The week's first level counts, per episode (`episodes`), the different people who stand
    in at the site over its days: one vlinder for C10's whole week costs one, V1 then V3 costs
    two."""
    at_site: dict[tuple[int, str], Vars] = {}
    dates: dict[int, dt.date] = {}
    for index, v, day in members:
        dates[index] = day.date
        for site_id in day.sites:
            at_site[(index, site_id)] = v
    by_date = {d: i for i, d in dates.items()}
    terms = []
    for n, episode in enumerate(episodes(spells, list(by_date))):
        stands_in: dict[str, list] = {}
        for d in episode.dates:
            v = at_site.get((by_date.get(d, -1), episode.site))
            if v is None:
                continue
            placed = v.coach_at if episode.role == "coach" else v.worker_at
            here = {person: var for (person, site), var in placed.items() if site == episode.site}
            for person in replacements(company, episode, here):
                stands_in.setdefault(person, []).append(here[person])
        for person, variables in sorted(stands_in.items()):
            face = model.new_bool_var(f"face_{n}_{person}")
            model.add_max_equality(face, variables)
            terms.append(face)
    return terms


def spread(company: Company, members, model: cp_model.CpModel) -> list:
    """The week's third level counts, per person, the days away from where they belong (moved,
    or sent home) beyond the first: the same people are not moved every day."""
    away: dict[str, list] = {}
    for _index, v, day in members:
        for person, options in day.worker_options.items():
            home = company.workers[person].home
            if home == ATELIER:
                away.setdefault(person, []).append(
                    sum(v.worker_at[(person, o.site)] for o in options)
                )
            elif (person, home) in v.worker_at:
                away.setdefault(person, []).append(1 - v.worker_at[(person, home)])
        for person in day.coach_options:
            coach = company.coaches[person]
            if coach.role == "regular" and (person, coach.home) in v.coach_at:
                away.setdefault(person, []).append(1 - v.coach_at[(person, coach.home)])
    terms = []
    for person, days_away in sorted(away.items()):
        if len(days_away) < 2:
            continue
        extra = model.new_int_var(0, len(days_away) - 1, f"away_{person}")
        model.add(extra >= sum(days_away) - 1)
        terms.append(extra)
    return terms
