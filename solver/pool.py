"""Vlinder pool sizing: many simulated years, exact daily coverage, training designs, a plan.

The hearing's director sized his pool on the back of an envelope (13 coaches x 32 absence days =
416 days, "so at least 2 vlinders; they are absent too and must keep training, so 4"). HR needs
the same answer with the spread: how many vlinders, trained where, give what service.

What one simulated day is. The absence model (`solver.absence_model`) says which regular coaches
and vlinders are out; each site's own schedule and the Belgian public holidays say which sites
run. Then the question of level 1 of the roster model (docs/roster-rules.md) is answered by
the coverage kernel (`solver.coverage`, the same answer robustness uses): the most workers that
can get a coach, then the most sites, given who is trained where, skills, and the shared-coach
policy. On top of it, one exact shortcut: anchoring. A present coach who may work at only one
site (or only one bundle of sites a shared coach covers) keeps it (exchange argument: any roster
covering that site with someone else covers the same sites when they swap), so only the
remaining sites and the "flexible" coaches (allowed at two or more sites) go to the kernel.

Days with the same open sites and the same flexible coaches present give the same answer: the
day's state is packed into one integer and each distinct state is solved once (and cached per
process across chunks). Simulated years are split into fixed chunks with seeds spawned from the
master seed (numpy SeedSequence), so one core, all cores or a Dask cluster give the same numbers.

Definitions in the JSON:
- `no_coach_site_days_per_year`: site-days left without any coach (temporary unemployment).
- `covered_share`: of the site-days that would be without a coach with no vlinder at all (the
  "coach-absence site-days", after the regular coaches helped where they are trained), the
  share the pool covered: 1 - no_coach(pool) / no_coach(no pool), a ratio of sums over years.
  `p10`, `p50`, `p90`: the same share per simulated year, its percentiles (the spread HR asked).
- `unemployment_worker_days_per_year`: workers of sites without a coach, summed over days.

Left out on purpose: interim (agency) coaches, which the hearing wants only for force majeure,
and the planner's dated absences and client changes (demand.csv): the simulation draws its own.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import combinations

import numpy as np

from .absence_model import (
    BASE_YEAR,
    CALENDAR_CYCLE,
    SICK,
    AbsenceModel,
    PersonYear,
    YearCalendar,
    draw_year,
    training_order,
    year_calendar,
)
from .calendar import site_works_on
from .coverage import Kernel, bits, bundles
from .domain import WEEKDAYS, Coach, Company
from .eligibility import coach_exclusion, may_share_coach
from .executor import run_map
from .travel import CrowFliesTravel

DESIGNS = ("current", "full", "chain", "spread", "block")
CHUNK_YEARS = 20  # fixed: the split never depends on the number of cores
WORKER_YEARS = 100  # simulated years for the worker substitutes
PLAN_YEARS = 100  # simulated years the greedy training plan is fitted on
SUBSTITUTES_MAX = 20  # atelier substitutes tried per enclave
RANDOM_DRAWS = 3  # random training matrices compared with the chain at each pool size
PLAN_MIN_GAIN = 0.2  # site-days a year a training must save, its own training day counted
FULL_WEEK = (0, 1, 2, 3, 4)


# --- training designs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Vlinder:
    """One vlinder of a pool: where trained (training includes the site's skills, e.g. the
    forklift certificate, for new pool members), its skills and working weekdays."""

    id: str
    trained: tuple[str, ...]
    skills: tuple[str, ...] = ()
    workdays: tuple[int, ...] = FULL_WEEK
    lat: float | None = None
    lon: float | None = None

    def coach(self) -> Coach:
        return Coach(
            id=self.id,
            name=self.id,
            role="vlinder",
            skills=self.skills,
            trained_at=self.trained,
            days=tuple(WEEKDAYS[d] for d in self.workdays),
            lat=self.lat,
            lon=self.lon,
        )


@dataclass(frozen=True)
class Design:
    name: str  # current, full, chain, spread, block, random or plan
    pool: int
    vlinders: tuple[Vlinder, ...]
    draw: int = 0  # which random matrix, for `random`

    @property
    def label(self) -> str:
        return f"{self.name}#{self.draw}" if self.name == "random" else self.name

    @property
    def trainings(self) -> int:
        return sum(len(v.trained) for v in self.vlinders)


def enclaves(company: Company) -> list[str]:
    return sorted(s for s, site in company.sites.items() if site.needs_coach)


def ring(company: Company) -> list[str]:
    """Enclaves in a round around the depot: neighbours in the ring are neighbours on the map,
    so a vlinder of a chain or block design works in one part of the region. Sites that may
    share a coach and lie within the travel limit stay together (at their centre's angle), so
    one vlinder can learn the whole group and cover it as a shared coach."""
    depot = company.settings.depot
    scale = math.cos(math.radians(depot.lat))

    def angle(lat: float, lon: float) -> float:
        return math.atan2(lat - depot.lat, (lon - depot.lon) * scale)

    sites = enclaves(company)
    group = {s: s for s in sites}  # union-find over nearby sharing sites

    def root(s: str) -> str:
        while group[s] != s:
            s = group[s]
        return s

    travel = CrowFliesTravel(company.settings.travel)
    limit = company.settings.travel.shared_coach_max_minutes
    share = _share_sites(company, sites)
    for a, b in combinations(share, 2):
        sa, sb = company.sites[a], company.sites[b]
        if travel.minutes((sa.lat, sa.lon), (sb.lat, sb.lon)) <= limit:
            group[root(a)] = root(b)
    units: dict[str, list[str]] = {}
    for s in sites:
        units.setdefault(root(s), []).append(s)
    keyed = []
    for members in units.values():
        lat = sum(company.sites[s].lat for s in members) / len(members)
        lon = sum(company.sites[s].lon for s in members) / len(members)
        inner = sorted(
            members, key=lambda s: (angle(company.sites[s].lat, company.sites[s].lon), s)
        )
        keyed.append(((angle(lat, lon), inner[0]), inner))
    return [s for _, inner in sorted(keyed) for s in inner]


def _new_vlinders(company: Company, groups: Sequence[Iterable[str]]) -> tuple[Vlinder, ...]:
    out = []
    for k, group in enumerate(groups, start=1):
        trained = tuple(dict.fromkeys(group))
        skills = sorted({s for site in trained for s in company.sites[site].skills})
        out.append(Vlinder(f"V{k}", trained, tuple(skills)))
    return tuple(out)


def chain_groups(sites: list[str], pool: int) -> list[list[str]]:
    """Process-flexibility chain (Jordan & Graves): vlinder i covers the arc from cut i to cut
    i+2 of the ring, so every site is known by two vlinders (one when pool is 1) and consecutive
    vlinders share sites, closing into one cycle."""
    n = len(sites)

    def cut(j: int) -> int:
        return n * (j // pool) + (n * (j % pool)) // pool

    groups = []
    for i in range(pool):
        start, stop = cut(i), min(cut(i + 2), cut(i) + n)
        groups.append([sites[t % n] for t in range(start, stop)])
    return groups


def spread_groups(sites: list[str], pool: int) -> list[list[str]]:
    """Every site known by two vlinders, the pairs spread evenly over all pairs of vlinders
    (not only neighbours, as in the chain)."""
    if pool == 1:
        return [list(sites)]
    pairs = []
    for d in range(1, pool // 2 + 1):
        for i in range(pool):
            pair = tuple(sorted((i, (i + d) % pool)))
            if pair not in pairs:
                pairs.append(pair)
    groups: list[list[str]] = [[] for _ in range(pool)]
    for j, site in enumerate(sites):
        for i in pairs[j % len(pairs)]:
            groups[i].append(site)
    return groups


def block_groups(sites: list[str], pool: int) -> list[list[str]]:
    """Each vlinder on its own group of neighbouring sites (each site known by one vlinder)."""
    n = len(sites)
    groups = [sites[(i * n) // pool : ((i + 1) * n) // pool] for i in range(pool)]
    return [g or [sites[i % n]] for i, g in enumerate(groups)]


def random_groups(sites: list[str], pool: int, trainings: int, rng) -> list[list[str]]:
    """`trainings` distinct (vlinder, site) pairs drawn uniformly: the yardstick for the chain."""
    cells = [(i, s) for i in range(pool) for s in sites]
    chosen = sorted(rng.choice(len(cells), size=min(trainings, len(cells)), replace=False))
    groups: list[list[str]] = [[] for _ in range(pool)]
    for c in chosen:
        i, s = cells[int(c)]
        groups[i].append(s)
    return groups


def current_vlinders(company: Company, pool: int) -> tuple[Vlinder, ...]:
    """The company's own vlinders (coaches.csv, sorted by id) for the first min(pool, existing),
    renamed V1..; each extra vlinder is trained at as many sites as the existing ones have on
    average (a chain's share, 2n/pool, when there are none), choosing the sites the pool can
    serve least often (fewest vlinders allowed there, then most workers), with their skills."""
    sites = enclaves(company)
    existing = sorted(
        (c for c in company.coaches.values() if c.role == "vlinder"), key=lambda c: c.id
    )
    out: list[Vlinder] = []
    for k, c in enumerate(existing[:pool], start=1):
        trained = tuple(s for s in sites if c.trained_everywhere or s in c.trained_at)
        workdays = tuple(WEEKDAYS.index(d) for d in c.days)
        out.append(Vlinder(f"V{k}", trained, c.skills, workdays, c.lat, c.lon))
    if existing:
        per_vlinder = round(sum(len(v.trained) for v in out) / len(out)) if out else len(sites)
    else:
        per_vlinder = math.ceil(2 * len(sites) / max(pool, 1))
    while len(out) < pool:
        served = {s: sum(_allowed(company, v, s) for v in out) for s in sites}
        order = sorted(sites, key=lambda s: (served[s], -company.sites[s].headcount, s))
        chosen = sorted(order[: min(per_vlinder, len(sites))], key=sites.index)
        skills = sorted({sk for s in chosen for sk in company.sites[s].skills})
        out.append(Vlinder(f"V{len(out) + 1}", tuple(chosen), tuple(skills)))
    return tuple(out)


def _allowed(company: Company, v: Vlinder, site_id: str) -> bool:
    return not coach_exclusion(v.coach(), company.sites[site_id], interim_allowed=False)


def design(company: Company, name: str, pool: int, *, trainings: int = 0, rng=None) -> Design:
    """The pool of `pool` vlinders V1..Vpool trained per design `name`."""
    if name == "current":
        return Design(name, pool, current_vlinders(company, pool))
    sites = ring(company)
    if pool == 0:
        return Design(name, 0, ())
    if name == "full":
        groups = [sites] * pool
    elif name == "chain":
        groups = chain_groups(sites, pool)
    elif name == "spread":
        groups = spread_groups(sites, pool)
    elif name == "block":
        groups = block_groups(sites, pool)
    elif name == "random":
        groups = random_groups(sites, pool, trainings, rng)
    else:
        raise ValueError(f"unknown training design {name!r}; expected one of {DESIGNS}")
    return Design(name, pool, _new_vlinders(company, groups))


def pool_company(company: Company, pool_design: Design) -> Company:
    """The company with its vlinders replaced by the design's pool; interim coaches, dated
    absences and client changes left out (the simulation draws its own days)."""
    coaches = {c.id: c for c in company.coaches.values() if c.role == "regular"}
    for v in pool_design.vlinders:
        coaches[v.id] = v.coach()
    return replace(company, coaches=coaches, absences=(), demand=())


# --- one day's coverage --------------------------------------------------------------------------


@dataclass
class Coverage:
    """Who may cover which site, pre-indexed for the per-day matching: the coverage kernel
    (`solver.coverage`) over the flexible coaches, after the anchors took their sites.

    Columns of the availability matrix: `coaches` (regular coaches, then the pool). Site bits
    follow `sites` (the enclaves, sorted); the kernel's coach bits follow `flex_cols`.
    """

    sites: tuple[str, ...]
    headcount: tuple[int, ...]
    coaches: tuple[str, ...]
    anchor_cols: np.ndarray  # coaches who, when present, cover all the sites they may serve
    anchor_sites: np.ndarray  # (anchors, sites) 0/1: those sites
    flex_cols: np.ndarray  # every other coach allowed somewhere
    kernel: Kernel  # per site: which flexible coaches may cover it; the sharing bundles

    @property
    def flex_allowed(self) -> tuple[int, ...]:
        """Per site: bitmask over flexible coaches allowed there."""
        return self.kernel.allowed

    @cached_property
    def anchor_site_lists(self) -> list[np.ndarray]:
        return [np.flatnonzero(row) for row in self.anchor_sites]

    @cached_property
    def flex_site_lists(self) -> list[np.ndarray]:
        """Per flexible coach: the sites it may serve."""
        return [
            np.array([i for i, m in enumerate(self.flex_allowed) if m >> b & 1], dtype=np.int64)
            for b in range(self.flex_cols.size)
        ]

    @cached_property
    def twins(self) -> list[np.ndarray]:
        """Groups of flexible coaches allowed at exactly the same sites (e.g. the vlinders of a
        full-training pool): interchangeable in the matching."""
        groups: dict[tuple[int, ...], list[int]] = {}
        for b, sites in enumerate(self.flex_site_lists):
            groups.setdefault(tuple(sites.tolist()), []).append(b)
        return [np.array(g) for g in groups.values() if len(g) > 1]

    @property
    def fingerprint(self) -> tuple:
        """Everything a day's answer depends on besides the day's state (for the cache)."""
        return (self.sites, *self.kernel.fingerprint)

    def headcount_of(self, mask: int) -> int:
        return sum(self.headcount[i] for i in bits(mask))

    def uncovered(self, open_sites: int, present: int) -> int:
        """Sites of `open_sites` (bitmask) left without a coach when the flexible coaches in
        `present` (bitmask) are matched: the kernel's answer, level 1 of the roster model."""
        return self.kernel.uncovered(open_sites, present)


def coverage(company: Company, anchor_vlinders: bool = True) -> Coverage:
    """Index the company's regular coaches and vlinders (interim coaches are not part of it).

    A coach who may serve only one site, or only sites that one shared coach may cover together
    (e.g. a pilot coach trained at three nearby care homes), is an anchor: present, it covers
    them all in some optimal roster (swap it in for whoever covered them: nobody loses a site),
    so those sites leave the day's matching. `anchor_vlinders=False` keeps vlinders in the
    matching (the training plan changes their sites one at a time)."""
    sites = tuple(enclaves(company))
    index = {s: i for i, s in enumerate(sites)}
    coaches = [c for c in sorted(company.coaches.values(), key=_coach_order) if c.role != "interim"]
    allowed = []
    for c in coaches:
        mask = 0
        for s in sites:
            if not coach_exclusion(c, company.sites[s], interim_allowed=False):
                mask |= 1 << index[s]
        allowed.append(mask)
    share = _share_sites(company, sites)
    settings = company.settings
    travel = CrowFliesTravel(settings.travel)

    def near(a: str, b: str) -> bool:
        sa, sb = company.sites[a], company.sites[b]
        return travel.minutes((sa.lat, sa.lon), (sb.lat, sb.lon)) <= limit

    limit = settings.travel.shared_coach_max_minutes
    groups = bundles(sites, share, near, settings.policy.max_sites_per_shared_coach)
    whole = set(groups)
    anchors = [
        j
        for j, m in enumerate(allowed)
        if m
        and (m & (m - 1) == 0 or m in whole)
        and (anchor_vlinders or coaches[j].role != "vlinder")
    ]
    # Without vlinder anchoring every vlinder is a matching column, trained somewhere or not yet.
    flex = [
        j
        for j, m in enumerate(allowed)
        if j not in anchors and (m or (not anchor_vlinders and coaches[j].role == "vlinder"))
    ]
    flex_allowed = []
    for i in range(len(sites)):
        flex_allowed.append(sum(1 << b for b, j in enumerate(flex) if allowed[j] >> i & 1))
    anchor_sites = np.array(
        [[allowed[j] >> i & 1 for i in range(len(sites))] for j in anchors], dtype=np.int32
    ).reshape(len(anchors), len(sites))
    headcount = tuple(company.sites[s].headcount for s in sites)
    return Coverage(
        sites=sites,
        headcount=headcount,
        coaches=tuple(c.id for c in coaches),
        anchor_cols=np.array(anchors, dtype=np.int64),
        anchor_sites=anchor_sites,
        flex_cols=np.array(flex, dtype=np.int64),
        kernel=Kernel(headcount=headcount, allowed=tuple(flex_allowed), bundles=groups),
    )


def _coach_order(c: Coach) -> tuple:
    """Regular coaches, then vlinders; ids in natural order (V2 before V10), the order of the
    availability matrix's columns."""
    parts = re.split(r"(\d+)", c.id)
    key = tuple((0, int(x)) if x.isdigit() else (1, x) for x in parts if x)
    return (0 if c.role == "regular" else 1, key)


def _share_sites(company: Company, sites: Sequence[str]) -> list[str]:
    """Sites that may share a coach under the policy (contract headcount: no client changes)."""
    policy = company.settings.policy
    return [
        s for s in sites if may_share_coach(company.sites[s], company.sites[s].headcount, policy)
    ]


def day_state(cov: Coverage, running: np.ndarray, available: np.ndarray) -> np.ndarray:
    """Per day: the open sites (running, no anchor present) and the flexible coaches present
    who may serve one of them, as one boolean row [sites | flexible coaches]. Shapes: (days,
    sites), (days, coaches) -> (days, sites + flexible). Coaches allowed only at covered sites
    cannot change the day's answer, so they are left out, and of interchangeable coaches only
    the number present counts: fewer distinct days to solve."""
    open_sites = running.copy()
    for col, sites in zip(cov.anchor_cols, cov.anchor_site_lists, strict=True):
        open_sites[:, sites] &= ~available[:, col : col + 1]
    flex = available[:, cov.flex_cols]
    for b, sites in enumerate(cov.flex_site_lists):
        flex[:, b] &= open_sites[:, sites].any(axis=1)
    for group in cov.twins:
        # Which of two interchangeable coaches is in does not matter: keep only how many.
        count = flex[:, group].sum(axis=1)
        flex[:, group] = count[:, None] > np.arange(group.size)[None, :]
    return np.concatenate([open_sites, flex], axis=1)


def state_keys(state: np.ndarray) -> tuple[list[int], np.ndarray]:
    """Distinct day states as Python ints (bit j = column j), and each day's index into them."""
    width = state.shape[1]
    if width <= 62:
        weights = np.left_shift(np.int64(1), np.arange(width, dtype=np.int64))
        packed = state.astype(np.int64) @ weights
        keys, inverse = np.unique(packed, return_inverse=True)
        return keys.tolist(), inverse.reshape(-1)
    rows = np.packbits(state, axis=1, bitorder="little")
    rows = np.ascontiguousarray(rows).view(np.dtype((np.void, rows.shape[1]))).reshape(-1)
    keys, inverse = np.unique(rows, return_inverse=True)
    return [int.from_bytes(k.tobytes(), "little") for k in keys], inverse.reshape(-1)


_CACHE: dict[tuple, dict[int, int]] = {}


def solve_states(cov: Coverage, keys: list[int]) -> list[int]:
    """Uncovered-site mask per day state; cached per process for the same Coverage."""
    cache = _CACHE.setdefault(cov.fingerprint, {})
    if len(_CACHE) > 512:  # a long greedy plan makes many coverages: keep memory bounded
        _CACHE.clear()
        cache = _CACHE.setdefault(cov.fingerprint, {})
    n = len(cov.sites)
    site_mask = (1 << n) - 1
    out = []
    for key in keys:
        result = cache.get(key)
        if result is None:
            result = cov.uncovered(key & site_mask, key >> n)
            cache[key] = result
        out.append(result)
    return out


def day_coverage(company: Company, date, absent: Iterable[str] = ()) -> set[str]:
    """The enclaves left without a coach on `date` when `absent` are out: the simulation's
    exact method on one real day, for comparing with the CP-SAT roster (level 1)."""
    cov = coverage(company)
    absent = set(absent)
    weekday = WEEKDAYS[date.weekday()]
    country = company.settings.public_holidays
    running = np.array(
        [[site_works_on(company.sites[s], date, country) for s in cov.sites]], dtype=bool
    )
    available = np.array(
        [[c not in absent and weekday in company.coaches[c].days for c in cov.coaches]],
        dtype=bool,
    )
    keys, _ = state_keys(day_state(cov, running, available))
    (mask,) = solve_states(cov, keys)
    return {cov.sites[i] for i in bits(mask)}


# --- the simulation plan -------------------------------------------------------------------------


@dataclass
class CalendarYear:
    cal: YearCalendar
    running: np.ndarray  # (days, enclaves): the site runs (and needs a coach)
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


def _workdays(days: Iterable[str]) -> tuple[int, ...]:
    return tuple(sorted(WEEKDAYS.index(d) for d in days))


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
    weekdays = {d for p in company.coaches.values() for d in _workdays(p.days)}
    weekdays |= {d for p in company.workers.values() for d in _workdays(p.days)}
    weekdays |= {d for s in company.sites.values() for d in _workdays(s.days)}
    weekdays |= set(FULL_WEEK)
    country = company.settings.public_holidays
    worker_sites = sorted(s for s, site in company.sites.items() if site.headcount > 0)
    calendars = []
    for offset in range(CALENDAR_CYCLE):
        cal = year_calendar(BASE_YEAR + offset, weekdays, country, model.sick_winter_peak)
        running = np.array(
            [
                [site_works_on(company.sites[s], d, country) for s in baseline.sites]
                for d in cal.dates
            ],
            dtype=bool,
        ).reshape(cal.n_days, len(baseline.sites))
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
        regular_people=[PersonYear(_workdays(company.coaches[c].days), True) for c in regulars],
        configs=configs,
        baseline=baseline,
        entropy=seed,
        years=years,
        worker_sites=worker_sites,
        worker_home=np.array([site_index.get(w.home, -1) for w in workers], dtype=np.int64),
        worker_people=[PersonYear(_workdays(w.days)) for w in workers],
        worker_headcount=np.array([company.sites[s].headcount for s in worker_sites]),
        worker_years=min(worker_years, years),
        vlinder_workdays=sorted({v.workdays for d in designs for v in d.vlinders} | {FULL_WEEK}),
    )


def _training_days(model: AbsenceModel, v: Vlinder) -> int:
    if model.independent:
        return 0
    return int(math.floor(len(v.trained) * model.vlinder_training_days_per_site + 0.5))


# --- simulating a chunk of years ------------------------------------------------------------------


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
    running: np.ndarray  # (days, enclaves)
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
        works = _works_matrix(cy.cal, plan.regular_people)
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


def _works_matrix(cal: YearCalendar, people: list[PersonYear]) -> np.ndarray:
    if not people:
        return np.zeros((cal.n_days, 0), dtype=bool)
    week = np.zeros((7, len(people)), dtype=bool)
    for j, p in enumerate(people):
        week[list(p.workdays), j] = True
    return week[cal.weekday]


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
    """Per simulated year of a chunk: site-days without a coach, worker-days of temporary
    unemployment, days with at least one site without a coach; per site over the chunk."""

    no_coach: np.ndarray
    unemployment: np.ndarray
    gap_days: np.ndarray
    per_site: np.ndarray


def evaluate(cov: Coverage, days: Days, available: np.ndarray) -> Outcome:
    keys, inverse = state_keys(day_state(cov, days.running, available))
    masks = solve_states(cov, keys)
    bits = mask_bits(masks, len(cov.sites))
    count = bits.sum(axis=1)[inverse]
    workers = (bits @ np.array(cov.headcount, dtype=np.int64))[inverse]
    n_years = len(days.years)
    year = days.year_of_day
    per_site = bits.T @ np.bincount(inverse, minlength=len(masks))
    return Outcome(
        no_coach=np.bincount(year, weights=count, minlength=n_years),
        unemployment=np.bincount(year, weights=workers, minlength=n_years),
        gap_days=np.bincount(year, weights=count > 0, minlength=n_years),
        per_site=per_site,
    )


def mask_bits(masks: list[int], n: int) -> np.ndarray:
    """Site bitmasks as a (masks, n) 0/1 matrix."""
    if n <= 62:
        column = np.array(masks, dtype=np.int64).reshape(-1, 1)
        return (column >> np.arange(n, dtype=np.int64)) & 1
    return np.array([[m >> i & 1 for i in range(n)] for m in masks], dtype=np.int64).reshape(
        len(masks), n
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
        present = _works_matrix(cy.cal, people) & (codes == 0)
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


# --- the sweep, aggregated -----------------------------------------------------------------------


@dataclass
class CurvePoint:
    pool: int
    training: str
    covered_share: float
    no_coach_site_days_per_year: float
    p10: float
    p50: float
    p90: float
    days_with_gap_per_year: float
    unemployment_worker_days_per_year: float
    trainings: int
    training_days_per_year: float
    vlinder_fte: float
    no_coach_p10: float
    no_coach_p90: float
    site_days: dict[str, float]

    def to_json(self) -> dict:
        return {
            "pool": self.pool,
            "training": self.training,
            "covered_share": round(self.covered_share, 5),
            "no_coach_site_days_per_year": round(self.no_coach_site_days_per_year, 3),
            "p10": round(self.p10, 5),
            "p50": round(self.p50, 5),
            "p90": round(self.p90, 5),
            "days_with_gap_per_year": round(self.days_with_gap_per_year, 3),
            "unemployment_worker_days_per_year": round(self.unemployment_worker_days_per_year, 2),
            "trainings": self.trainings,
            "training_days_per_year": round(self.training_days_per_year, 2),
            "vlinder_fte": round(self.vlinder_fte, 2),
            "no_coach_site_days_p10": round(self.no_coach_p10, 3),
            "no_coach_site_days_p90": round(self.no_coach_p90, 3),
            "no_coach_site_days_per_year_by_site": {
                s: round(v, 3) for s, v in self.site_days.items() if v
            },
        }


def _point(config: Config, outcomes: list[Outcome], baseline: np.ndarray, sites) -> CurvePoint:
    no_coach = np.concatenate([o.no_coach for o in outcomes])
    years = no_coach.size
    share_by_year = np.where(baseline > 0, 1 - no_coach / np.maximum(baseline, 1), 1.0)
    total_base = baseline.sum()
    share = 1 - no_coach.sum() / total_base if total_base else 1.0
    per_site = sum(o.per_site for o in outcomes) / years
    d = config.design
    return CurvePoint(
        pool=d.pool,
        training=d.label,
        covered_share=float(share),
        no_coach_site_days_per_year=float(no_coach.mean()),
        p10=float(np.percentile(share_by_year, 10)),
        p50=float(np.percentile(share_by_year, 50)),
        p90=float(np.percentile(share_by_year, 90)),
        days_with_gap_per_year=float(np.concatenate([o.gap_days for o in outcomes]).mean()),
        unemployment_worker_days_per_year=float(
            np.concatenate([o.unemployment for o in outcomes]).mean()
        ),
        trainings=d.trainings,
        training_days_per_year=float(sum(config.training_days)),
        vlinder_fte=sum(len(v.workdays) / 5 for v in d.vlinders),
        no_coach_p10=float(np.percentile(no_coach, 10)),
        no_coach_p90=float(np.percentile(no_coach, 90)),
        site_days=dict(zip(sites, per_site.tolist(), strict=True)),
    )


@dataclass
class PlanStep:
    vlinder: str
    site: str
    gain_site_days_per_year: float
    covered_share_after: float

    def to_json(self) -> dict:
        return {
            "vlinder": self.vlinder,
            "site": self.site,
            "gain_site_days_per_year": round(self.gain_site_days_per_year, 3),
            "covered_share_after": round(self.covered_share_after, 5),
        }


@dataclass
class Substitutes:
    site: str
    headcount: int
    trained_atelier_workers: int
    for_95: int | None  # None: more than SUBSTITUTES_MAX
    for_99: int | None
    full_share_now: float  # share of days at full headcount with today's trained atelier workers
    full_share: tuple[float, ...] = ()  # by number of substitutes 0..SUBSTITUTES_MAX

    def to_json(self) -> dict:
        return {
            "enclave": self.site,
            "headcount": self.headcount,
            "trained_atelier_workers": self.trained_atelier_workers,
            "for_95": self.for_95,
            "for_99": self.for_99,
            "full_headcount_share_now": round(self.full_share_now, 4),
            "full_headcount_share_by_substitutes": [round(x, 4) for x in self.full_share],
        }


@dataclass
class Study:
    """The answer to HR: the service curve, the recommendation and its reasons, the plan."""

    company: str
    years: int
    seed: int
    target: float
    model: AbsenceModel
    mean_absence_days_per_coach: float
    absence_days_by_kind: dict[str, float]
    mean_absence_days_per_vlinder: float
    baseline_site_days_per_year: float
    curve: list[CurvePoint]
    comparison: list[dict]
    recommended: CurvePoint | None
    reasons: list[tuple[str, str]]
    training_plan: list[PlanStep]
    plan_pool: int | None
    substitutes: list[Substitutes]
    existing_vlinders: int
    regular_coaches: int
    plan_years: int = 0
    worker_years: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict:
        rec = self.recommended
        return {
            "company": self.company,
            "years": self.years,
            "seed": self.seed,
            "target": self.target,
            "mean_absence_days_per_coach": round(self.mean_absence_days_per_coach, 3),
            "absence_days_per_coach_by_kind": {
                k: round(v, 3) for k, v in self.absence_days_by_kind.items()
            },
            "mean_absence_days_per_vlinder_without_training": round(
                self.mean_absence_days_per_vlinder, 3
            ),
            "coach_absence_site_days_per_year": round(self.baseline_site_days_per_year, 3),
            "curve": [p.to_json() for p in self.curve],
            "design_comparison": self.comparison,
            "recommended": (
                {
                    "pool": rec.pool,
                    "training": rec.training,
                    "reached": rec.covered_share >= self.target,
                }
                if rec
                else None
            ),
            "reasons": {"nl": [r[0] for r in self.reasons], "en": [r[1] for r in self.reasons]},
            "training_plan": [s.to_json() for s in self.training_plan],
            "training_plan_pool": self.plan_pool,
            "training_plan_years": self.plan_years,
            "worker_substitutes_years": self.worker_years,
            "worker_substitutes": [s.to_json() for s in self.substitutes],
        }


def sweep_designs(
    company: Company, pools: Sequence[int], names: Sequence[str], seed: int
) -> list[Design]:
    """Every named design at every pool size above 0, plus RANDOM_DRAWS random matrices with as
    many trainings as the chain at each pool size (the yardstick of process-flexibility theory).
    The random matrices' seeds come from the master seed."""
    out = []
    for pool in pools:
        if pool == 0:
            continue
        for name in names:
            out.append(design(company, name, pool))
        chain = design(company, "chain", pool)
        full = design(company, "full", pool)
        if pool >= 2 and chain.trainings < full.trainings:
            for draw in range(RANDOM_DRAWS):
                rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(9, pool, draw)))
                d = design(company, "random", pool, trainings=chain.trainings, rng=rng)
                out.append(replace(d, draw=draw + 1))
    return out


def size_pool(
    company: Company,
    model: AbsenceModel,
    *,
    years: int = 1000,
    pools: Sequence[int] = tuple(range(9)),
    designs: Sequence[str] = DESIGNS,
    target: float = 0.99,
    seed: int = 2026,
    workers: int | None = None,
    dask_address: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    plan_years: int = PLAN_YEARS,
    worker_years: int = WORKER_YEARS,
    extra_designs: Sequence[Design] = (),
) -> Study:
    """Simulate `years` years for every design and pool size, and recommend.

    `extra_designs`: explicit training matrices to simulate on the same days (e.g. a plan)."""
    import time

    started = time.perf_counter()
    pools = sorted(set(pools))
    all_designs = sweep_designs(company, pools, designs, seed) + list(extra_designs)
    plan = build_plan(company, model, all_designs, years, seed, worker_years)
    tasks = [ChunkTask(plan, i) for i in range(math.ceil(years / CHUNK_YEARS))]
    chunks = run_map(
        simulate_chunk, tasks, workers=workers, dask_address=dask_address, progress=progress
    )
    sweep_seconds = time.perf_counter() - started
    baseline = np.concatenate([c.baseline.no_coach for c in chunks])
    points = [
        _point(cfg, [c.outcomes[i] for c in chunks], baseline, plan.baseline.sites)
        for i, cfg in enumerate(plan.configs)
    ]
    if 0 in pools:
        zero = Config(Design("none", 0, ()), plan.baseline, ())
        for name in designs:
            p = _point(replace(zero, design=Design(name, 0, ())), [c.baseline for c in chunks],
                       baseline, plan.baseline.sites)  # fmt: skip
            points.insert(0, p)
    order = [*designs, *(d.label for d in extra_designs)]
    curve = sorted(
        (p for p in points if not p.training.startswith("random")),
        key=lambda p: (p.pool, order.index(p.training) if p.training in order else len(order)),
    )
    comparison = _comparison(points, pools)
    recommended = recommend(curve, target)
    plan_started = time.perf_counter()
    steps: list[PlanStep] = []
    plan_pool = recommended.pool if recommended and recommended.pool > 0 else None
    if plan_pool and plan_years > 0:
        steps = training_plan(company, plan, plan_pool, min(plan_years, years))
    plan_seconds = time.perf_counter() - plan_started
    absence = sum(c.absence_days.sum(axis=0) for c in chunks)
    coach_years = sum(c.coach_years for c in chunks)
    vlinder_years = sum(c.vlinder_years for c in chunks)
    study = Study(
        company=company.name,
        years=years,
        seed=seed,
        target=target,
        model=model,
        mean_absence_days_per_coach=float(absence.sum() / max(coach_years, 1)),
        absence_days_by_kind={
            k: float(v / max(coach_years, 1))
            for k, v in zip(("leave", "adv", "sick"), absence, strict=True)
        },
        mean_absence_days_per_vlinder=sum(c.vlinder_absence_days for c in chunks)
        / max(vlinder_years, 1),
        baseline_site_days_per_year=float(baseline.mean()),
        curve=curve,
        comparison=comparison,
        recommended=recommended,
        reasons=[],
        training_plan=steps,
        plan_pool=plan_pool,
        substitutes=_substitute_table(company, plan, chunks),
        existing_vlinders=sum(c.role == "vlinder" for c in company.coaches.values()),
        regular_coaches=len(plan.regulars),
        plan_years=min(plan_years, years) if steps else 0,
        worker_years=plan.worker_years,
        seconds={"sweep": round(sweep_seconds, 2), "training_plan": round(plan_seconds, 2)},
    )
    study.reasons = reasons(study)
    return study


def absence_summary(company: Company, model: AbsenceModel, years: int, seed: int) -> dict:
    """Mean absence days per regular coach a year, in all and by kind, over `years` simulated
    years: the hearing's arithmetic (10 leave + ~7 adv + ~15 sick = 32) as the model draws it.
    The same draws as `size_pool` with the same seed."""
    plan = build_plan(company, model, [], years, seed, worker_years=0)
    totals = np.zeros(3)
    coach_years = 0
    for index in range(math.ceil(years / CHUNK_YEARS)):
        days = chunk_days(plan, index, 0)
        for i, kind in enumerate((1, 2, SICK)):
            totals[i] += (days.regular_codes == kind).sum()
        coach_years += len(plan.regulars) * len(days.years)
    by_kind = dict(
        zip(("leave", "adv", "sick"), (totals / max(coach_years, 1)).tolist(), strict=True)
    )
    return {"mean": float(totals.sum() / max(coach_years, 1)), "by_kind": by_kind}


def _comparison(points: list[CurvePoint], pools: Sequence[int]) -> list[dict]:
    """Chain against random matrices with as many trainings, and against full training."""
    rows = []
    for pool in pools:
        at = {p.training: p for p in points if p.pool == pool}
        randoms = [p for name, p in at.items() if name.startswith("random")]
        if "chain" not in at or "full" not in at or not randoms:
            continue
        rows.append(
            {
                "pool": pool,
                "trainings_chain": at["chain"].trainings,
                "trainings_full": at["full"].trainings,
                "chain": round(at["chain"].covered_share, 5),
                "random": round(float(np.mean([p.covered_share for p in randoms])), 5),
                "random_draws": [round(p.covered_share, 5) for p in randoms],
                "full": round(at["full"].covered_share, 5),
                "chain_share_of_full": round(
                    at["chain"].covered_share / at["full"].covered_share, 4
                )
                if at["full"].covered_share
                else None,
                "no_coach_site_days_chain": round(at["chain"].no_coach_site_days_per_year, 3),
                "no_coach_site_days_random": round(
                    float(np.mean([p.no_coach_site_days_per_year for p in randoms])), 3
                ),
                "no_coach_site_days_full": round(at["full"].no_coach_site_days_per_year, 3),
            }
        )
    return rows


def recommend(curve: list[CurvePoint], target: float) -> CurvePoint | None:
    """The smallest pool where a design reaches the target on average; at that size the design
    with the fewest trainings that does (training days are days away), then the best service.
    When no size reaches it: the best point of the largest pool."""
    for pool in sorted({p.pool for p in curve}):
        good = [p for p in curve if p.pool == pool and p.covered_share >= target]
        if good:
            return min(good, key=lambda p: (p.trainings, -p.covered_share))
    if not curve:
        return None
    largest = max(p.pool for p in curve)
    return max((p for p in curve if p.pool == largest), key=lambda p: p.covered_share)


# --- the recommended training plan (greedy) ------------------------------------------------------


def training_plan(company: Company, plan: Plan, pool: int, years: int) -> list[PlanStep]:
    """Start from `pool` untrained vlinders and add, one at a time, the training (vlinder,
    site) that removes the most site-days without a coach, counting the training day it costs;
    stop when no training gains PLAN_MIN_GAIN site-days a year. Fitted on the first `years`
    simulated years (the same days as the sweep).

    Exact and incremental: a new training (k, s) can only change a day on which site s is open
    (no anchor present), some site is still without a coach and vlinder k is in, or the day
    that becomes k's extra training day; every other day keeps its answer."""
    chunks = [chunk_days(plan, i, pool) for i in range(math.ceil(years / CHUNK_YEARS))]
    sites = ring(company)
    model = plan.model
    untrained = Design("plan", pool, tuple(Vlinder(f"V{k + 1}", ()) for k in range(pool)))
    cov = coverage(pool_company(company, untrained), anchor_vlinders=False)
    site_index = {s: i for i, s in enumerate(cov.sites)}
    vlinder_bit = {
        k: list(cov.flex_cols).index(cov.coaches.index(f"V{k + 1}")) for k in range(pool)
    }
    trained: list[list[str]] = [[] for _ in range(pool)]
    n_years = sum(len(d.years) for d in chunks)

    def vlinder_column(days: Days, k: int) -> np.ndarray:
        count = _training_days(model, Vlinder("", tuple(trained[k]))) if trained[k] else 0
        return vlinder_available(days, k, FULL_WEEK, count)

    def extra_training(days: Days, k: int) -> np.ndarray:
        after = Vlinder("", (*trained[k], "x"))
        return vlinder_available(days, k, FULL_WEEK, _training_days(model, after))

    availables = [
        np.concatenate(
            [d.regular_available] + [vlinder_column(d, k)[:, None] for k in range(pool)], axis=1
        )
        for d in chunks
    ]
    opened = [
        day_state(cov, d.running, a)[:, : len(cov.sites)]
        for d, a in zip(chunks, availables, strict=True)
    ]

    def uncovered(c: Coverage, days: Days, available: np.ndarray, rows: np.ndarray) -> np.ndarray:
        if not rows.size:
            return np.zeros(0, dtype=np.int64)
        keys, inverse = state_keys(day_state(c, days.running[rows], available[rows]))
        counts = np.array([m.bit_count() for m in solve_states(c, keys)], dtype=np.int64)
        return counts[inverse]

    current = [
        uncovered(cov, d, a, np.arange(len(d.year_of_day)))
        for d, a in zip(chunks, availables, strict=True)
    ]
    baseline = sum(evaluate(plan.baseline, d, d.regular_available).no_coach.sum() for d in chunks)
    col0 = len(cov.coaches) - pool
    steps: list[PlanStep] = []
    while sum(len(t) for t in trained) < pool * len(sites):
        best = None
        for k in range(pool):
            extra = [extra_training(d, k) for d in chunks]
            for s in sites:
                if s in trained[k]:
                    continue
                allowed = list(cov.flex_allowed)
                allowed[site_index[s]] |= 1 << vlinder_bit[k]
                cand = replace(cov, kernel=cov.kernel.with_allowed(allowed))
                gain, rows_all, new_all, avail_all = 0, [], [], []
                for days, now, avail, open_, ex in zip(
                    chunks, current, availables, opened, extra, strict=True
                ):
                    a_new = avail.copy()
                    a_new[:, col0 + k] = ex
                    changed = avail[:, col0 + k] != ex
                    rows = np.flatnonzero(((now > 0) & ex & open_[:, site_index[s]]) | changed)
                    new = uncovered(cand, days, a_new, rows)
                    gain += int(now[rows].sum() - new.sum())
                    rows_all.append(rows)
                    new_all.append(new)
                    avail_all.append(a_new)
                if best is None or gain > best[0]:
                    best = (gain, k, s, cand, rows_all, new_all, avail_all)
        if best is None or best[0] / n_years < PLAN_MIN_GAIN:
            break
        gain, k, s, cov, rows_all, new_all, availables = best
        for now, rows, new in zip(current, rows_all, new_all, strict=True):
            now[rows] = new
        trained[k].append(s)
        left = sum(int(c.sum()) for c in current)
        share = 1 - left / baseline if baseline else 1.0
        steps.append(PlanStep(f"V{k + 1}", s, gain / n_years, float(share)))
    return steps


# --- worker substitutes --------------------------------------------------------------------------


def _substitute_table(company: Company, plan: Plan, chunks: list[ChunkResult]) -> list[Substitutes]:
    parts = [c for c in chunks if c.substitutes_full is not None]
    if not parts:
        return []
    full = sum(c.substitutes_full for c in parts)
    days = sum(c.substitutes_days for c in parts)
    rows = []
    for i, site_id in enumerate(plan.worker_sites):
        if not days[i]:
            continue
        share = full[i] / days[i]
        trained = sum(
            1 for w in company.workers.values() if w.home == "atelier" and site_id in w.trained_at
        )

        def first(level: float, share=share) -> int | None:
            hits = np.flatnonzero(share >= level)
            return int(hits[0]) if hits.size else None

        now = float(share[min(trained, SUBSTITUTES_MAX)])
        rows.append(
            Substitutes(
                site_id,
                company.sites[site_id].headcount,
                trained,
                first(0.95),
                first(0.99),
                now,
                tuple(float(x) for x in share),
            )
        )
    return rows


# --- reasons -------------------------------------------------------------------------------------


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def reasons(study: Study) -> list[tuple[str, str]]:
    """Why this pool and this training, in plain Dutch and English, from the simulated numbers."""
    rec = study.recommended
    out: list[tuple[str, str]] = []
    hearing = study.mean_absence_days_per_coach * study.regular_coaches
    out.append(
        (
            f"Een vaste begeleider is gemiddeld {study.mean_absence_days_per_coach:.1f} werkdagen "
            f"per jaar afwezig (verlof {study.absence_days_by_kind['leave']:.1f}, adv "
            f"{study.absence_days_by_kind['adv']:.1f}, ziekte "
            f"{study.absence_days_by_kind['sick']:.1f}): {hearing:.0f} dagen voor "
            f"{study.regular_coaches} begeleiders. Na wat de vaste begeleiders zelf opvangen, "
            f"blijven {study.baseline_site_days_per_year:.0f} sitedagen per jaar zonder "
            "begeleider als er geen vlinder is.",
            f"A regular coach is away {study.mean_absence_days_per_coach:.1f} working days a year "
            f"on average (leave {study.absence_days_by_kind['leave']:.1f}, adv "
            f"{study.absence_days_by_kind['adv']:.1f}, sickness "
            f"{study.absence_days_by_kind['sick']:.1f}): {hearing:.0f} days for "
            f"{study.regular_coaches} coaches. After what the regular coaches cover themselves, "
            f"{study.baseline_site_days_per_year:.0f} site-days a year are left without a coach "
            "when there is no vlinder.",
        )
    )
    if rec is None:
        return out
    reached = rec.covered_share >= study.target
    if reached:
        out.append(
            (
                f"Met {rec.pool} vlinders (opleiding '{rec.training}') krijgt "
                f"{_pct(rec.covered_share)} van die sitedagen toch een begeleider; het doel is "
                f"{_pct(study.target)}. Er blijven gemiddeld "
                f"{rec.no_coach_site_days_per_year:.1f} sitedagen per jaar zonder begeleider "
                f"({rec.unemployment_worker_days_per_year:.0f} dagen tijdelijke werkloosheid "
                "voor medewerkers).",
                f"With {rec.pool} vlinders (training '{rec.training}') {_pct(rec.covered_share)} of "
                f"those site-days still get a coach; the target is {_pct(study.target)}. On "
                f"average {rec.no_coach_site_days_per_year:.1f} site-days a year stay without a "
                f"coach ({rec.unemployment_worker_days_per_year:.0f} worker-days of temporary "
                "unemployment).",
            )
        )
    else:
        out.append(
            (
                f"Geen enkele poolgrootte tot {rec.pool} haalt het doel {_pct(study.target)}; "
                f"het beste is {rec.pool} vlinders met opleiding '{rec.training}': "
                f"{_pct(rec.covered_share)}.",
                f"No pool size up to {rec.pool} reaches the target {_pct(study.target)}; the best "
                f"is {rec.pool} vlinders with training '{rec.training}': {_pct(rec.covered_share)}.",
            )
        )
    smaller = [p for p in study.curve if p.pool == rec.pool - 1]
    if reached and smaller:
        best = max(smaller, key=lambda p: p.covered_share)
        out.append(
            (
                f"Met één vlinder minder ({best.pool}) haalt zelfs de beste opleiding "
                f"('{best.training}') maar {_pct(best.covered_share)}: "
                f"{best.no_coach_site_days_per_year:.1f} sitedagen per jaar zonder begeleider.",
                f"With one vlinder fewer ({best.pool}) even the best training ('{best.training}') "
                f"reaches only {_pct(best.covered_share)}: {best.no_coach_site_days_per_year:.1f} "
                "site-days a year without a coach.",
            )
        )
    out.append(
        (
            f"De spreiding over de gesimuleerde jaren: in een slecht jaar (P10) "
            f"{_pct(rec.p10)}, in een goed jaar (P90) {_pct(rec.p90)}.",
            f"The spread over the simulated years: in a bad year (P10) {_pct(rec.p10)}, in a "
            f"good year (P90) {_pct(rec.p90)}.",
        )
    )
    safe = [p for p in study.curve if p.p10 >= study.target]
    if reached and rec.p10 < study.target and safe:
        s = min(safe, key=lambda p: (p.pool, p.trainings))
        out.append(
            (
                f"Wie ook in 9 jaar op 10 het doel wil halen, neemt {s.pool} vlinders "
                f"('{s.training}', P10 {_pct(s.p10)}).",
                f"To reach the target in 9 years out of 10 as well, take {s.pool} vlinders "
                f"('{s.training}', P10 {_pct(s.p10)}).",
            )
        )
    same = {p.training: p for p in study.curve if p.pool == rec.pool}
    others = ", ".join(
        f"'{name}' {_pct(p.covered_share)} ({p.trainings})"
        for name, p in same.items()
        if name != rec.training
    )
    if others:
        out.append(
            (
                f"Opleiding '{rec.training}' vraagt {rec.trainings} opleidingen "
                f"({rec.training_days_per_year:.0f} opleidingsdagen per jaar). Andere "
                f"opleidingen bij {rec.pool} vlinders (aantal opleidingen): {others}.",
                f"Training '{rec.training}' takes {rec.trainings} trainings "
                f"({rec.training_days_per_year:.0f} training days a year). Other designs at "
                f"{rec.pool} vlinders (number of trainings): {others}.",
            )
        )
    row = next((r for r in study.comparison if r["pool"] == rec.pool), None)
    if row:
        out.append(
            (
                f"Een ketting (chain, {row['trainings_chain']} opleidingen) haalt "
                f"{_pct(row['chain'])}, willekeurige opleidingen met evenveel opleidingen "
                f"{_pct(row['random'])}, overal opleiden ({row['trainings_full']}) "
                f"{_pct(row['full'])}: de ketting haalt {_pct(row['chain_share_of_full'] or 0)} "
                f"van wat overal opleiden haalt, met {row['trainings_chain']} in plaats van "
                f"{row['trainings_full']} opleidingen, maar laat {row['no_coach_site_days_chain']:.1f} "
                f"in plaats van {row['no_coach_site_days_full']:.1f} sitedagen per jaar zonder "
                "begeleider.",
                f"A chain ({row['trainings_chain']} trainings) reaches {_pct(row['chain'])}, "
                f"random trainings of the same number {_pct(row['random'])}, training everywhere "
                f"({row['trainings_full']}) {_pct(row['full'])}: the chain reaches "
                f"{_pct(row['chain_share_of_full'] or 0)} of what full training reaches with "
                f"{row['trainings_chain']} instead of {row['trainings_full']} trainings, but leaves "
                f"{row['no_coach_site_days_chain']:.1f} instead of "
                f"{row['no_coach_site_days_full']:.1f} site-days a year without a coach.",
            )
        )
    if study.training_plan:
        last = study.training_plan[-1]
        out.append(
            (
                f"Het opleidingsplan hieronder (één opleiding per keer, telkens de grootste "
                f"winst) haalt met {len(study.training_plan)} opleidingen "
                f"{_pct(last.covered_share_after)} op de eerste {study.plan_years} gesimuleerde "
                "jaren.",
                f"The training plan below (one training at a time, the largest gain first) "
                f"reaches {_pct(last.covered_share_after)} with {len(study.training_plan)} "
                f"trainings on the first {study.plan_years} simulated years.",
            )
        )
    current = next(
        (p for p in study.curve if p.training == "current" and p.pool == study.existing_vlinders),
        None,
    )
    if current and study.existing_vlinders:
        out.append(
            (
                f"Vandaag: {study.existing_vlinders} vlinders met hun huidige opleiding halen "
                f"{_pct(current.covered_share)}.",
                f"Today: {study.existing_vlinders} vlinders with their current training reach "
                f"{_pct(current.covered_share)}.",
            )
        )
    out.append(
        (
            f"Kost: {rec.vlinder_fte:.1f} VTE vlinder, zonder subsidie (vlinders doen geen ander "
            "werk).",
            f"Cost: {rec.vlinder_fte:.1f} FTE of vlinders, without subsidy (vlinders do no other "
            "work).",
        )
    )
    return out


__all__ = [
    "DESIGNS",
    "Coverage",
    "Design",
    "Study",
    "Vlinder",
    "coverage",
    "day_coverage",
    "design",
    "pool_company",
    "recommend",
    "size_pool",
    "training_plan",
]
