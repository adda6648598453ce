"""Simulated years: the plan shipped to the workers, one chunk of years drawn and evaluated.

The absence model (`solver.analysis.absence_model`) says which regular coaches and vlinders are out on
each simulated day; each site's own schedule and the Belgian public holidays say which sites
run, and the weekday which of them have a high-need worker of their own at work, so share no
coach (the need rule; no worker absences are drawn for the coverage: teams are full, so the
weekday decides it exactly). Simulated years are split into fixed chunks with seeds spawned from
the master seed (numpy SeedSequence), so one core, all cores or a Dask cluster give the same
numbers. Every design and pool size is evaluated on the same days (common random numbers). The
same draws also give the atelier substitutes' days at full headcount.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from solver.analysis.absence_model import (
    BASE_YEAR,
    CALENDAR_CYCLE,
    SICK,
    AbsenceModel,
    PersonYear,
    YearCalendar,
    draw_year,
    training_order,
    works_matrix,
    year_calendar,
)
from solver.analysis.pool.designs import FULL_WEEK, Design, Vlinder, pool_company
from solver.analysis.pool.judging import judge_days
from solver.analysis.pool.shortcuts import Coverage, coverage, site_codes, weekday_numbers
from solver.domain import Company
from solver.domain.calendar import site_works_on

CHUNK_YEARS = 20  # fixed: the split never depends on the number of cores
WORKER_YEARS = 100  # simulated years for the worker substitutes
SUBSTITUTES_MAX = 20  # atelier substitutes tried per enclave


@dataclass
class CalendarYear:
    cal: YearCalendar
    # (days, enclaves) day codes: the site runs (and needs a coach), and whether a high-need
    # worker of its own team works that weekday (no shared coach there: the need rule)
    running: np.ndarray
    running_all: np.ndarray  # (days, sites with a headcount): for the worker substitutes


@dataclass
class Config:
    design: Design
    cov: Coverage
    training_days: tuple[int, ...]  # per vlinder a year


@dataclass
class Plan:
    """Everything a chunk of simulated years needs, built once and shipped to the workers."""

    model: AbsenceModel
    calendars: list[CalendarYear]
    regulars: list[str]
    regular_people: list[PersonYear]
    configs: list[Config]
    baseline: Coverage  # no vlinder at all: the denominator of covered_share
    entropy: int
    years: int
    worker_sites: list[str]
    worker_home: np.ndarray  # per worker: index into worker_sites, -1 = atelier
    worker_people: list[PersonYear]
    worker_headcount: np.ndarray
    worker_years: int
    vlinder_workdays: list[tuple[int, ...]]  # distinct weekday patterns of pool vlinders


def build_plan(
    company: Company,
    model: AbsenceModel,
    designs: list[Design],
    years: int,
    seed: int,
    worker_years: int = WORKER_YEARS,
) -> Plan:
    base = pool_company(company, Design("none", 0, ()))
    baseline = coverage(base)
    weekdays = {d for p in company.coaches.values() for d in weekday_numbers(p.days)}
    weekdays |= {d for p in company.workers.values() for d in weekday_numbers(p.days)}
    weekdays |= {d for s in company.sites.values() for d in weekday_numbers(s.days)}
    weekdays |= set(FULL_WEEK)
    country = company.settings.public_holidays
    worker_sites = sorted(s for s, site in company.sites.items() if site.headcount > 0)
    calendars = []
    for offset in range(CALENDAR_CYCLE):
        cal = year_calendar(BASE_YEAR + offset, weekdays, country, model.sick_winter_peak)
        running = site_codes(company, baseline.sites, cal.dates)
        running_all = np.array(
            [
                [site_works_on(company.sites[s], d, country) for s in worker_sites]
                for d in cal.dates
            ],
            dtype=bool,
        ).reshape(cal.n_days, len(worker_sites))
        calendars.append(CalendarYear(cal, running, running_all))
    regulars = [c for c in baseline.coaches if company.coaches[c].role == "regular"]
    configs = []
    for d in designs:
        cov = coverage(pool_company(company, d))
        days = tuple(_training_days(model, v) for v in d.vlinders)
        configs.append(Config(d, cov, days))
    workers = sorted(company.workers.values(), key=lambda w: w.id)
    site_index = {s: i for i, s in enumerate(worker_sites)}
    return Plan(
        model=model,
        calendars=calendars,
        regulars=regulars,
        regular_people=[
            PersonYear(weekday_numbers(company.coaches[c].days), True) for c in regulars
        ],
        configs=configs,
        baseline=baseline,
        entropy=seed,
        years=years,
        worker_sites=worker_sites,
        worker_home=np.array([site_index.get(w.home, -1) for w in workers], dtype=np.int64),
        worker_people=[PersonYear(weekday_numbers(w.days)) for w in workers],
        worker_headcount=np.array([company.sites[s].headcount for s in worker_sites]),
        worker_years=min(worker_years, years),
        vlinder_workdays=sorted({v.workdays for d in designs for v in d.vlinders} | {FULL_WEEK}),
    )


def _training_days(model: AbsenceModel, v: Vlinder) -> int:
    if model.independent:
        return 0
    return int(math.floor(len(v.trained) * model.vlinder_training_days_per_site + 0.5))


@dataclass
class ChunkTask:
    plan: Plan
    index: int

    @property
    def years(self) -> range:
        first = self.index * CHUNK_YEARS
        return range(first, min(first + CHUNK_YEARS, self.plan.years))


@dataclass
class Days:
    """The simulated days of one chunk, all years end to end."""

    years: range
    year_of_day: np.ndarray  # 0.. within the chunk
    running: np.ndarray  # (days, enclaves) day codes (see CalendarYear)
    regular_available: np.ndarray  # (days, regular coaches)
    regular_codes: np.ndarray  # (days, regular coaches): 0 present/off, else absence kind
    vlinder_codes: dict  # (k, workdays) -> (days,) codes without training
    vlinder_works: dict  # workdays -> (days,) bool
    training_rank: dict  # k -> list per year of day order for training days
    year_slices: list[slice]
    cache: dict = field(default_factory=dict)  # (k, workdays, training days) -> available


def _seed(plan: Plan, *path: int) -> np.random.SeedSequence:
    """The seed of one piece of work: master seed, then chunk, stream, person (spawn keys)."""
    return np.random.SeedSequence(plan.entropy, spawn_key=tuple(path))


def chunk_days(plan: Plan, index: int, vlinders: int) -> Days:
    years = ChunkTask(plan, index).years
    regular_rng = np.random.default_rng(_seed(plan, index, 0))
    cals = [plan.calendars[y % CALENDAR_CYCLE] for y in years]
    codes, available, slices = [], [], []
    start = 0
    for cy in cals:
        c = draw_year(regular_rng, plan.model, cy.cal, plan.regular_people)
        works = works_matrix(cy.cal, plan.regular_people)
        codes.append(c)
        available.append(works & (c == 0))
        slices.append(slice(start, start + cy.cal.n_days))
        start += cy.cal.n_days
    vlinder_codes, vlinder_works, ranks = {}, {}, {}
    for workdays in plan.vlinder_workdays:
        vlinder_works[workdays] = np.concatenate([np.isin(cy.cal.weekday, workdays) for cy in cals])
        for k in range(vlinders):
            rng = np.random.default_rng(_seed(plan, index, 1, k))
            person = [PersonYear(workdays)]
            vlinder_codes[(k, workdays)] = np.concatenate(
                [draw_year(rng, plan.model, cy.cal, person)[:, 0] for cy in cals]
            )
    for k in range(vlinders):
        rng = np.random.default_rng(_seed(plan, index, 2, k))
        ranks[k] = [training_order(rng, cy.cal, 1)[0] for cy in cals]
    return Days(
        years=years,
        year_of_day=np.concatenate([np.full(cy.cal.n_days, i) for i, cy in enumerate(cals)]),
        running=np.concatenate([cy.running for cy in cals]),
        regular_available=np.concatenate(available),
        regular_codes=np.concatenate(codes),
        vlinder_codes=vlinder_codes,
        vlinder_works=vlinder_works,
        training_rank=ranks,
        year_slices=slices,
    )


def vlinder_available(days: Days, k: int, workdays: tuple[int, ...], training: int) -> np.ndarray:
    """Vlinder k present: a working day, not absent, not on one of its `training` days a year
    (the first free days in its own random order, so more training adds days, never moves)."""
    key = (k, workdays, training)
    if key not in days.cache:
        works = days.vlinder_works[workdays]
        present = works & (days.vlinder_codes[(k, workdays)] == 0)
        if training:
            present = present.copy()
            for sl, order in zip(days.year_slices, days.training_rank[k], strict=True):
                year = present[sl]
                year[order[year[order]][:training]] = False
        days.cache[key] = present
    return days.cache[key]


def config_available(days: Days, config: Config) -> np.ndarray:
    columns = [days.regular_available]
    for k, (v, t) in enumerate(zip(config.design.vlinders, config.training_days, strict=True)):
        columns.append(vlinder_available(days, k, v.workdays, t)[:, None])
    return np.concatenate(columns, axis=1)


@dataclass
class Outcome:
    """Per simulated year of a chunk: site-days without a coach (level 1), worker-days of
    temporary unemployment, days with at least one site without a coach, site-days below the
    contract's coaches (those without a coach included) and the contract's coach-days missing
    (level 2); per site over the chunk: days without a coach."""

    no_coach: np.ndarray
    unemployment: np.ndarray
    gap_days: np.ndarray
    per_site: np.ndarray
    below_norm: np.ndarray
    missing_coaches: np.ndarray


def evaluate(cov: Coverage, days: Days, available: np.ndarray) -> Outcome:
    uncovered, below, missing = judge_days(cov, days.running, available)
    count = uncovered.sum(axis=1)
    workers = uncovered @ np.array(cov.headcount, dtype=np.int64)
    n_years = len(days.years)
    year = days.year_of_day
    return Outcome(
        no_coach=np.bincount(year, weights=count, minlength=n_years),
        unemployment=np.bincount(year, weights=workers, minlength=n_years),
        gap_days=np.bincount(year, weights=count > 0, minlength=n_years),
        per_site=uncovered.sum(axis=0),
        below_norm=np.bincount(year, weights=below.sum(axis=1), minlength=n_years),
        missing_coaches=np.bincount(year, weights=missing, minlength=n_years),
    )


@dataclass
class ChunkResult:
    years: list[int]
    baseline: Outcome
    outcomes: list[Outcome]  # per config, in plan order
    absence_days: np.ndarray  # (years, kinds leave/adv/sick) summed over regular coaches
    coach_years: int  # regular coaches x years
    fte_years: float
    vlinder_absence_days: float  # full-time pool vlinders, without training
    vlinder_years: int
    substitutes_full: np.ndarray | None  # (worker sites, substitutes+1) days at full headcount
    substitutes_days: np.ndarray | None  # (worker sites,) running days


def simulate_chunk(task: ChunkTask) -> ChunkResult:
    """One chunk of simulated years: draw the absences, then every design and pool size on the
    same days (common random numbers: differences between designs are not noise of the draw)."""
    plan = task.plan
    max_pool = max((c.design.pool for c in plan.configs), default=0)
    days = chunk_days(plan, task.index, max_pool)
    baseline = evaluate(plan.baseline, days, days.regular_available)
    outcomes = []
    done: dict[tuple, Outcome] = {}  # e.g. chain and spread with 2 vlinders are full training
    for config in plan.configs:
        key = (config.design.vlinders, config.training_days)
        if key not in done:
            done[key] = evaluate(config.cov, days, config_available(days, config))
        outcomes.append(done[key])
    codes = days.regular_codes
    absence = np.zeros((len(days.years), 3))
    for i, kind in enumerate((1, 2, SICK)):
        absence[:, i] = np.bincount(
            days.year_of_day, weights=(codes == kind).sum(axis=1), minlength=len(days.years)
        )
    vlinder_absent = sum(
        float((days.vlinder_codes[(k, FULL_WEEK)] > 0).sum()) for k in range(max_pool)
    )
    fte = sum(p.fte for p in plan.regular_people)
    full, running = _substitutes(plan, task.index, days.years)
    return ChunkResult(
        years=list(days.years),
        baseline=baseline,
        outcomes=outcomes,
        absence_days=absence,
        coach_years=len(plan.regulars) * len(days.years),
        fte_years=fte * len(days.years),
        vlinder_absence_days=vlinder_absent,
        vlinder_years=max_pool * len(days.years),
        substitutes_full=full,
        substitutes_days=running,
    )


def _substitutes(plan: Plan, index: int, years: range):
    """Per site and number k of trained atelier substitutes: days the site has its full
    headcount, its own workers (part-time days off, absences) topped up by those of the k
    substitutes who are in. The substitutes are drawn like everyone (same absence model)."""
    years = [y for y in years if y < plan.worker_years]
    if not years or not plan.worker_sites:
        return None, None
    rng = np.random.default_rng(_seed(plan, index, 3))
    n_sites = len(plan.worker_sites)
    people = plan.worker_people + [PersonYear(FULL_WEEK)] * SUBSTITUTES_MAX
    home = np.zeros((len(plan.worker_people), n_sites), dtype=np.int32)
    mine = plan.worker_home >= 0
    home[np.flatnonzero(mine), plan.worker_home[mine]] = 1
    full = np.zeros((n_sites, SUBSTITUTES_MAX + 1), dtype=np.int64)
    running_days = np.zeros(n_sites, dtype=np.int64)
    for y in years:
        cy = plan.calendars[y % CALENDAR_CYCLE]
        codes = draw_year(rng, plan.model, cy.cal, people)
        present = works_matrix(cy.cal, people) & (codes == 0)
        own = present[:, : len(plan.worker_people)].astype(np.int32) @ home
        short = np.maximum(plan.worker_headcount[None, :] - own, 0)
        subs = np.concatenate(
            [
                np.zeros((cy.cal.n_days, 1), dtype=np.int64),
                np.cumsum(present[:, -SUBSTITUTES_MAX:], axis=1),
            ],
            axis=1,
        )
        ok = short[:, :, None] <= subs[:, None, :]  # (days, sites, k)
        runs = cy.running_all
        full += (ok & runs[:, :, None]).sum(axis=0)
        running_days += runs.sum(axis=0)
    return full, running_days
