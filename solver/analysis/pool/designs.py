"""Training designs: which sites each vlinder of a pool of a given size is trained at.

`current` keeps the company's own vlinders; `full`, `chain` (Jordan & Graves process
flexibility), `spread` and `block` train new ones around the ring of enclaves; `random` draws as
many trainings as the chain, as the yardstick for it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import combinations

import numpy as np

from solver.analysis.pool.shortcuts import enclaves, sometimes_sharing, weekday_numbers
from solver.domain import WEEKDAYS, Coach, Company
from solver.domain.travel import CrowFliesTravel
from solver.reports.words import translate
from solver.roster.eligibility import coach_exclusion

DESIGNS = ("current", "full", "chain", "spread", "block")
# Every design a study may show: the ones a planner picks, the random yardstick and the plan.
SHOWN_DESIGNS = (*DESIGNS, "random", "plan")


def design_label(name: str, lang: str = "nl") -> str:
    """A design as a planner reads it ("ketting", "overal opleiden"); JSON, flags and the
    workbook's codes keep `name`. A random draw keeps its number: `random#2` is "willekeurig 2"."""
    base, _, draw = name.partition("#")
    if base not in SHOWN_DESIGNS:
        return name
    label = translate(f"pool.design.{base}", lang)
    return f"{label} {draw}" if draw else label


RANDOM_DRAWS = 3  # random training matrices compared with the chain at each pool size
FULL_WEEK = (0, 1, 2, 3, 4)


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


def ring(company: Company) -> list[str]:
    """Enclaves in a round around the depot: neighbours in the ring are neighbours on the map,
    so a vlinder of a chain or block design works in one part of the region. Sites that may
    share a coach (on some weekday: the need rule keeps a site from it on the days its own
    high-need worker works) and lie within the travel limit stay together (at their centre's
    angle), so one vlinder can learn the whole group and cover it as a shared coach."""
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
    share = sometimes_sharing(company, sites)
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
        out.append(Vlinder(f"V{k}", trained, c.skills, weekday_numbers(c.days), c.lat, c.lon))
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
