"""One regional cluster: its sites, regular coaches, vlinders, site workers and atelier.

The model built before writing: plain records, ids given once every cluster is built.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass, field

from solver.generator.params import (
    ATELIER_MIX,
    ATELIER_TRAINED,
    ATELIER_WORKERS,
    COACH_UNITS,
    DEPOT,
    ENCLAVE_MIX,
    FIRST_NAMES,
    FULL_WEEK,
    LOAD_UNITS,
    OWN_TRANSPORT_SHARE,
    PART_TIME_PATTERNS,
    PART_TIME_SHARE,
    SECOND_SITE_SHARE,
    SERVICE_MIX,
    SKILLS,
    SURNAMES,
    TEMPLATE,
    VLINDER_SKILLS,
    VLINDERS_PER_CLUSTER,
    SiteSpec,
)
from solver.generator.places import _place_sites, distance_km


@dataclass(eq=False)  # identity semantics: `site in list` must not compare fields
class Site:
    spec: SiteSpec
    cluster: int
    name: str
    lat: float
    lon: float
    headcount: int = 0
    id: str = ""


@dataclass(eq=False)
class Coach:
    role: str  # regular | vlinder
    cluster: int
    name: str
    home: Site | None
    skills: tuple[str, ...]
    trained_at: list[Site] = field(default_factory=list)
    days: tuple[int, ...] = FULL_WEEK
    base: tuple[float, float] | None = None  # where the day starts; None = depot
    id: str = ""


@dataclass(eq=False)
class Worker:
    cluster: int
    name: str
    need: str
    home: Site | None  # None = atelier
    trained_at: list[Site] = field(default_factory=list)
    days: tuple[int, ...] = FULL_WEEK
    transport: str = "collective"
    id: str = ""


@dataclass
class Cluster:
    index: int
    town: str
    base: tuple[float, float] | None
    sites: list[Site] = field(default_factory=list)
    coaches: list[Coach] = field(default_factory=list)
    vlinders: list[Coach] = field(default_factory=list)
    workers: list[Worker] = field(default_factory=list)


class _Names:
    """Fictional first name + surname combos, unique within a company while the lists allow."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def __call__(self) -> str:
        for _ in range(5):
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"
            if name not in self.used:
                break
        self.used.add(name)
        return name


def _weighted(rng: random.Random, pairs):
    """One value from ((value, weight), ...)."""
    acc, cum = 0, []
    for _, w in pairs:
        acc += w
        cum.append(acc)
    return pairs[bisect.bisect(cum, rng.random() * acc)][0]


def _nearest(site: Site, others: list[Site], k: int) -> list[Site]:
    ranked = sorted(
        (s for s in others if s is not site),
        key=lambda s: distance_km(site.lat, site.lon, s.lat, s.lon),
    )
    return ranked[:k]


def _assign_needs(rng: random.Random, sites: list[Site]) -> dict[int, list[str]]:
    """Support needs per enclave, hitting the target mix while every enclave stays within its
    contract coaches under the ratio norms (the inspection checks each enclave separately)."""
    needs: dict[int, list[str]] = {}
    capacity: dict[int, int] = {}
    pilot_sites = sum(1 for s in sites if s.spec.pilot)
    for i, site in enumerate(sites):
        # The pilot sites share one coach, so each may load it by only its share.
        share = pilot_sites if site.spec.pilot else 1
        capacity[i] = COACH_UNITS * site.spec.coaches // share
        level = "high" if site.spec.role == "duo" else "low"
        needs[i] = [level] * site.headcount
    total = sum(len(v) for v in needs.values())

    def load(i: int) -> int:
        return sum(LOAD_UNITS[n] for n in needs[i])

    for level in ("high", "medium"):
        target = round(ENCLAVE_MIX[level] * total)
        step = LOAD_UNITS[level] - LOAD_UNITS["low"]
        have = sum(v.count(level) for v in needs.values())
        while have < target:
            open_ = [i for i in needs if "low" in needs[i] and load(i) + step <= capacity[i]]
            if not open_:
                break
            i = rng.choices(open_, weights=[needs[j].count("low") for j in open_])[0]
            lows = [k for k, n in enumerate(needs[i]) if n == "low"]
            needs[i][rng.choice(lows)] = level
            have += 1
    return needs


def _days_for(rng: random.Random, must: tuple[int, ...]) -> tuple[int, ...]:
    patterns = [(p, w) for p, w in PART_TIME_PATTERNS if all(d in p for d in must)]
    return _weighted(rng, patterns)


def _set_part_time(rng: random.Random, workers: list[Worker]) -> None:
    # An exact quota rather than a coin per worker: "40% works part-time" holds for every group.
    for w in rng.sample(workers, round(PART_TIME_SHARE * len(workers))):
        must = w.home.spec.days if w.home is not None else ()
        w.days = _days_for(rng, must)


def _build_cluster(rng: random.Random, index: int, centre, names: _Names) -> Cluster:
    """One region: its sites, regular coaches, vlinders, site workers and atelier workers."""
    town, c_lat, c_lon = centre
    # Cluster 0 is around the depot; the others start their day at their own centre.
    cluster = Cluster(index, town, None if index == 0 else (c_lat, c_lon))
    places = _place_sites(rng, index, town, c_lat, c_lon)
    for spec, (place, lat, lon) in zip(TEMPLATE, places, strict=True):
        site = Site(spec, index, f"{spec.firm} {place}", lat, lon)
        site.headcount = rng.randint(*spec.size)
        cluster.sites.append(site)
    enclaves = [s for s in cluster.sites if s.spec.kind == "enclave"]
    # One random order of the enclaves, used to spread vlinders and atelier workers fairly.
    order = enclaves[:]
    rng.shuffle(order)
    cluster.coaches = _regular_coaches(rng, cluster, enclaves, names)
    cluster.vlinders = _vlinders(rng, cluster, order, names)
    site_workers = _site_workers(rng, cluster, enclaves, names)
    atelier = _atelier(rng, cluster, enclaves, order, names)
    _set_part_time(rng, [w for w in site_workers if w.home.spec.kind == "enclave"])
    _set_part_time(rng, [w for w in site_workers if w.home.spec.kind != "enclave"] + atelier)
    cluster.workers = site_workers + atelier
    return cluster


def _regular_coaches(rng, cluster: Cluster, enclaves: list[Site], names: _Names) -> list[Coach]:
    coaches = []
    pilots = [s for s in enclaves if s.spec.pilot]
    # Regular coaches: the contract coaches of each enclave, except that the pilot sites share
    # one coach whose home is the first and who is trained at the others.
    for site in enclaves:
        if site.spec.pilot and site is not pilots[0]:
            continue
        for _ in range(site.spec.coaches):
            skills = set(site.spec.skills)
            # Coaches must be technically strong (mechanics, electricity, green work): some
            # hold a certificate beyond what their own site asks.
            if rng.random() < 0.3:
                skills.add(rng.choice(SKILLS))
            skills = tuple(s for s in SKILLS if s in skills)
            coach = Coach("regular", cluster.index, names(), site, skills, base=cluster.base)
            if site.spec.pilot:
                coach.trained_at = pilots[1:]
            elif site.spec.role in ("weekly", "monthly"):
                # Free on their own site's off days: trained at two neighbouring sites that
                # run every day, to step in there.
                daily = [s for s in enclaves if not (s.spec.pilot or s.spec.days or s.spec.weeks)]
                coach.trained_at = _nearest(site, daily, 2)
            elif rng.random() < 0.3:
                coach.trained_at = _nearest(site, enclaves, 1)
            coaches.append(coach)
    # "More of them ask to work 4/5": one coach of a two-coach site works four days.
    rng.choice([c for c in coaches if c.home.spec.coaches == 2]).days = (0, 1, 2, 3)
    return coaches


def _vlinders(rng, cluster: Cluster, order: list[Site], names: _Names) -> list[Coach]:
    """Vlinders, "trained on the shop floor of the different enclaves so they can take over".

    Every enclave gets two, a few only one; the first is one holding the site's skills, the
    second the least loaded vlinder, so each vlinder knows about half of the enclaves."""
    skill_sets = list(VLINDER_SKILLS)
    rng.shuffle(skill_sets)
    vlinders = [
        Coach("vlinder", cluster.index, names(), None, skill_sets[k % len(skill_sets)])
        for k in range(VLINDERS_PER_CLUSTER)
    ]
    for v in vlinders:
        v.base = cluster.base
    single = rng.sample(range(len(order)), round(0.15 * len(order)))
    for n, site in enumerate(order):
        chosen: list[Coach] = []
        for _ in range(1 if n in single else 2):
            free = [v for v in vlinders if v not in chosen]
            rng.shuffle(free)
            free.sort(
                key=lambda v: (
                    not chosen and not set(site.spec.skills) <= set(v.skills),
                    len(v.trained_at),
                )
            )
            chosen.append(free[0])
        for v in chosen:
            v.trained_at.append(site)
    return vlinders


def _site_workers(rng, cluster: Cluster, enclaves: list[Site], names: _Names) -> list[Worker]:
    """The home teams of the enclaves and the service sites."""
    needs = _assign_needs(rng, enclaves)
    site_workers: list[Worker] = []
    for site in cluster.sites:
        if site.spec.kind == "enclave":
            levels = needs[enclaves.index(site)]
        else:
            levels = [_weighted(rng, SERVICE_MIX) for _ in range(site.headcount)]
        for level in levels:
            w = Worker(cluster.index, names(), level, site)
            # Most travel with the company's bus; high-need workers always do.
            if level != "high" and rng.random() < OWN_TRANSPORT_SHARE:
                w.transport = "own"
            # Workers of the weekly/monthly sites are idle on their site's off days: most are
            # trained somewhere else too.
            share = 0.6 if site.spec.role in ("weekly", "monthly") else SECOND_SITE_SHARE
            if site.spec.kind == "enclave" and rng.random() < share:
                w.trained_at = [rng.choice(_nearest(site, enclaves, 3))]
            site_workers.append(w)
    return site_workers


def _atelier(rng, cluster: Cluster, enclaves, order, names: _Names) -> list[Worker]:
    """The atelier at the depot, the usual source of replacements ("Westlandia trains workers
    to fill in at several enclaves"): each trained at 2-4 enclaves, every enclave known by at
    least two of them."""
    atelier = [
        Worker(cluster.index, names(), _weighted(rng, ATELIER_MIX), None)
        for _ in range(ATELIER_WORKERS)
    ]
    targets = [rng.randint(*ATELIER_TRAINED) for _ in atelier]
    for site in order:
        for _ in range(2):
            free = [w for w in atelier if site not in w.trained_at]
            rng.shuffle(free)
            free.sort(key=lambda w: len(w.trained_at))
            free[0].trained_at.append(site)
    hub = cluster.base or (DEPOT[1], DEPOT[2])
    for w, target in zip(atelier, targets, strict=True):
        while len(w.trained_at) < target:
            # Sites near the atelier are easier to reach by the company's bus: trained there
            # more often.
            cands = [s for s in enclaves if s not in w.trained_at]
            weights = [1.0 / (1.0 + distance_km(hub[0], hub[1], s.lat, s.lon) / 10) for s in cands]
            w.trained_at.append(rng.choices(cands, weights=weights)[0])
        if rng.random() < OWN_TRANSPORT_SHARE and w.need != "high":
            w.transport = "own"
    return atelier
