"""The company's vans (vans.csv): collective transport that matches the sites and the part-time
pattern of each region.

Per region: the sites any worker with transport `collective` may work at (their home site, the
sites they are trained at) are swept by their angle around the depot and packed into vans in that
order: minibuses of 8 seats, a bus of 16 where a big site needs more than a minibus holds, a site
split over two vans when it fills the first one. Every van keeps SPARE_SEATS free for
replacements from the atelier (collective too: they ride to the site they replace at). Each
route is driven in the order that reaches its last stop soonest, and leaves the depot so that
every stop is reached a few minutes before the shift start (the company's travel model, as the
crow flies from the depot). Then the part-time pattern: on each weekday a van stays home when the
others still seat every collective worker of that weekday (and still stop at every site that
works that day), so a van runs only on the days it is needed. Last, the midday round for the
half-day workers: the region's sites again, cut into as few runs as reach their last stop within
the hour, each a second run of a van (it leaves at midday: a run leaving earlier is a morning
run, and one run through every site of a region would reach its last stops mid-afternoon).

The sweep starts at a few angles drawn from the vans' own random generator (seeded from the
company's seed, separate from the one that draws the people), and keeps the fleet with the
fewest seats: drawing the vans never changes another file of the company.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import random
from dataclasses import dataclass, field

from solver.domain import TravelSettings
from solver.domain.travel import CrowFliesTravel
from solver.generator.clusters import Cluster, Site
from solver.generator.params import DEMAND_EXTRA_FACTOR, DEPOT, FULL_WEEK

MINIBUS_SEATS = 8
BUS_SEATS = 16
SPARE_SEATS = 2  # free on every van, every day it runs: replacements from the atelier
SWEEP_TRIES = 12  # start angles drawn per region; the fleet with the fewest seats is kept
MAX_STOPS_MINUTES = 40  # from a van's first stop to its last
MIDDAY_MINUTES = 60  # a midday run's last stop within the hour (see _midday_routes)
EARLY_MINUTES = 5  # every stop reached at least this long before the shift start
SHIFT_START = dt.time(7, 30)  # company.yaml of the generated companies
MIDDAY = dt.time(12, 0)
TRAVEL = CrowFliesTravel(TravelSettings())  # speed 40 km/h, road factor 1.3: company.yaml's


@dataclass(eq=False)
class Van:
    cluster: int
    seats: int
    route: list[Site] = field(default_factory=list)
    # Seats promised while packing, per weekday.
    load: list[int] = field(default_factory=lambda: [0] * len(FULL_WEEK))
    days: tuple[int, ...] = FULL_WEEK
    depart: dt.time = SHIFT_START
    midday_route: list[Site] = field(default_factory=list)  # empty: no midday run
    id: str = ""


@functools.lru_cache(maxsize=65536)
def _point(site: Site) -> tuple[float, float]:
    # As written in enclaves.csv (4 decimals), so the loaded company computes the same minutes.
    return round(site.lat, 4), round(site.lon, 4)


_DEPOT_POINT = (DEPOT[1], DEPOT[2])


@functools.lru_cache(maxsize=65536)
def _minutes(a: tuple[float, float], b: tuple[float, float]) -> int:
    return TRAVEL.minutes(a, b)


def _offsets(route: list[Site]) -> list[int]:
    """Minutes from leaving the depot to each stop, driving the route in order."""
    offsets, at, total = [], _DEPOT_POINT, 0
    for site in route:
        total += _minutes(at, _point(site))
        offsets.append(total)
        at = _point(site)
    return offsets


def _driving_order(route: list[Site]) -> list[Site]:
    """The order that reaches the last stop soonest (every order of a short route, the nearest
    next stop for a long one), ties broken by the order given."""
    return list(_order_of(tuple(route)))


@functools.lru_cache(maxsize=65536)
def _order_of(route: tuple[Site, ...]) -> tuple[Site, ...]:
    # Sites compare by identity: a cache key is one route of one generated company.
    if len(route) <= 6:
        return min(itertools.permutations(route), key=lambda r: _offsets(list(r))[-1])
    order, at, left = [], _DEPOT_POINT, list(route)
    while left:
        nearest = min(left, key=lambda s: _minutes(at, _point(s)))
        left.remove(nearest)
        order.append(nearest)
        at = _point(nearest)
    return tuple(order)


def _stops_minutes(route: list[Site]) -> int:
    offsets = _offsets(_driving_order(route))
    return offsets[-1] - offsets[0]


def _runs_on(site: Site, weekday: int) -> bool:
    return not site.spec.days or weekday in site.spec.days


def _riders(cluster: Cluster) -> tuple[list[Site], dict[Site, list[int]]]:
    """The sites a van must stop at (any collective worker may work there) in the template's
    order, and per site its riders on each weekday it works: its collective home workers, and
    the workers a client asks on top of the contract for a month."""
    collective = [w for w in cluster.workers if w.transport == "collective"]
    reached = {id(s) for w in collective for s in [w.home, *w.trained_at] if s is not None}
    sites = [s for s in cluster.sites if id(s) in reached]
    needs = {s: [0] * len(FULL_WEEK) for s in sites}
    for w in collective:
        if w.home is not None:
            for d in w.days:
                if _runs_on(w.home, d):
                    needs[w.home][d] += 1
    # The client who asks more for a month (demand.csv): the extra workers come from the atelier.
    for site in sites:
        if site.spec.role == "demand":
            extra = extra_headcount(site) - site.headcount
            needs[site] = [n + extra if _runs_on(site, d) else n for d, n in enumerate(needs[site])]
    return sites, needs


def extra_headcount(site: Site) -> int:
    """The headcount the client of the `demand` site asks for a month (demand.csv)."""
    return round(site.headcount * DEMAND_EXTRA_FACTOR)


def _pack(order: list[Site], needs: dict[Site, list[int]], cluster: int) -> list[Van]:
    """Fill vans along the sweep, weekday by weekday (a site's part-timers leave seats free on
    their days off): a big site (more riders than a minibus seats) gets a bus, or the minibus
    it joins grows into one; what does not fit goes on in the next van; a route longer than
    MAX_STOPS_MINUTES is closed."""
    vans: list[Van] = []
    van: Van | None = None
    for site in order:
        rest = list(needs[site])
        while True:
            big = max(rest) > MINIBUS_SEATS - SPARE_SEATS  # what is left of the site
            if van is not None and _stops_minutes([*van.route, site]) > MAX_STOPS_MINUTES:
                van = None
            if van is None:
                van = Van(cluster, BUS_SEATS if big else MINIBUS_SEATS)
                vans.append(van)
            free = [van.seats - SPARE_SEATS - load for load in van.load]
            short = any(r > f for r, f in zip(rest, free, strict=True))
            as_bus = all(
                u + r <= BUS_SEATS - SPARE_SEATS for u, r in zip(van.load, rest, strict=True)
            )
            if big and short and van.seats == MINIBUS_SEATS and as_bus:
                van.seats = BUS_SEATS
                free = [van.seats - SPARE_SEATS - load for load in van.load]
            take = [min(f, r) for f, r in zip(free, rest, strict=True)]
            if any(take) or not any(rest):
                if site not in van.route:
                    van.route.append(site)
                van.load = [u + t for u, t in zip(van.load, take, strict=True)]
                rest = [r - t for r, t in zip(rest, take, strict=True)]
            if not any(rest):
                break
            van = None
    return vans


def _max_flow(needs: dict[Site, int], vans: list[Van]) -> int:
    """How many riders the vans can seat, each van at its seats less the spare ones and every
    rider on a van that stops at their site (augmenting paths on source -> sites -> vans ->
    sink; the graph is a few dozen nodes)."""
    sites = [s for s, need in needs.items() if need > 0]
    size = 2 + len(sites) + len(vans)
    source, sink = 0, size - 1
    cap = [[0] * size for _ in range(size)]
    for i, site in enumerate(sites, start=1):
        cap[source][i] = needs[site]
    for j, van in enumerate(vans, start=1 + len(sites)):
        cap[j][sink] = van.seats - SPARE_SEATS
        for i, site in enumerate(sites, start=1):
            if site in van.route:
                cap[i][j] = needs[site]
    near = [[b for b in range(size) if cap[a][b] or cap[b][a]] for a in range(size)]
    flow = 0
    while True:
        parent = [-1] * size
        parent[source] = source
        queue = [source]
        for node in queue:
            for nxt in near[node]:
                if parent[nxt] < 0 and cap[node][nxt] > 0:
                    parent[nxt] = node
                    queue.append(nxt)
        if parent[sink] < 0:
            return flow
        path, node = [], sink
        while node != source:
            path.append((parent[node], node))
            node = parent[node]
        push = min(cap[a][b] for a, b in path)
        for a, b in path:
            cap[a][b] -= push
            cap[b][a] += push
        flow += push


def _carries(day: int, vans: list[Van], sites: list[Site], needs: dict[Site, list[int]]) -> bool:
    """Whether these vans, on this weekday, stop at every site that works and seat every
    collective worker of that day with their spare seats still free."""
    running = [v for v in vans if day in v.days]
    for site in sites:
        if _runs_on(site, day) and not any(site in v.route for v in running):
            return False
    today = {s: needs[s][day] for s in sites}
    return _max_flow(today, running) == sum(today.values())


def _part_time(vans: list[Van], sites: list[Site], needs: dict[Site, list[int]]) -> None:
    """A van stays home on a weekday when the others carry that day without it (the last
    packed tried first); a van needed on no day is dropped."""
    for van in list(reversed(vans)):
        for day in FULL_WEEK:
            van.days = tuple(d for d in van.days if d != day)
            if not _carries(day, vans, sites, needs):
                van.days = tuple(sorted((*van.days, day)))
        if not van.days:
            vans.remove(van)


def _minute_of(time: dt.time) -> int:
    return time.hour * 60 + time.minute


def _time_of(minute: int) -> dt.time:
    return dt.time(minute // 60, minute % 60)


def _morning_departure(route: list[Site]) -> dt.time:
    """Every stop reached EARLY_MINUTES before the shift start, on a five-minute mark."""
    latest = _minute_of(SHIFT_START) - EARLY_MINUTES - _offsets(route)[-1]
    return _time_of(max(0, latest - latest % 5))


def region_vans(rng: random.Random, cluster: Cluster) -> list[Van]:
    """The vans of one region: their morning runs, and the midday round on a few of them."""
    sites, needs = _riders(cluster)
    if not sites:
        return []
    peak = {s: max(needs[s]) for s in sites}

    def angle(site: Site) -> float:
        lat, lon = _point(site)
        dx = (lon - _DEPOT_POINT[1]) * math.cos(math.radians(_DEPOT_POINT[0]))
        return math.atan2(dx, lat - _DEPOT_POINT[0]) % (2 * math.pi)

    best: list[Van] = []
    best_cost: tuple[int, int, int] | None = None
    best_order: list[Site] = []
    for _ in range(SWEEP_TRIES):
        start = rng.uniform(0, 2 * math.pi)
        order = sorted(sites, key=lambda s: ((angle(s) - start) % (2 * math.pi), peak[s]))
        vans = _pack(order, needs, cluster.index)
        _part_time(vans, sites, needs)
        cost = (
            sum(v.seats * len(v.days) for v in vans),
            len(vans),
            sum(_offsets(_driving_order(v.route))[-1] for v in vans),
        )
        if best_cost is None or cost < best_cost:
            best, best_cost, best_order = vans, cost, order
    for van in best:
        van.route = _driving_order(van.route)
        van.depart = _morning_departure(van.route)
    # At midday the region's sites again: the sweep, from whichever site gives the fewest runs
    # (then the shortest), cut where a run would reach its last stop later than MIDDAY_MINUTES
    # after leaving; each a second run of a van that runs every day (minibuses first).
    routes = min((_midday_routes(best_order[k:] + best_order[:k]) for k in range(len(sites))),
                 key=lambda rs: (len(rs), sum(_offsets(r)[-1] for r in rs)))  # fmt: skip
    free = sorted(best, key=lambda v: (v.days != FULL_WEEK, v.seats != MINIBUS_SEATS))
    assert len(routes) <= len(free), "more midday runs than vans in the region"
    for route, van in zip(routes, free, strict=False):
        van.midday_route = route
    return best


def _midday_routes(order: list[Site]) -> list[list[Site]]:
    """The sweep cut into runs; a run's last stop is reached at most MIDDAY_MINUTES after the
    region's nearest site could be (a far region's drive from the depot is not counted)."""
    nearest = min(_offsets([s])[0] for s in order)
    routes: list[list[Site]] = [[]]
    for site in order:
        longer = _offsets(_driving_order([*routes[-1], site]))[-1] - nearest
        if routes[-1] and longer > MIDDAY_MINUTES:
            routes.append([])
        routes[-1].append(site)
    return [_driving_order(r) for r in routes]


def company_vans(seed: int, clusters: list[Cluster]) -> list[Van]:
    """Every region's vans, ids B01.. in region order; drawn from their own generator, seeded
    from the company's seed, so the people's draws are untouched."""
    rng = random.Random(f"vans:{seed}")
    vans = [v for c in clusters for v in region_vans(rng, c)]
    width = max(2, len(str(len(vans))))
    for n, van in enumerate(vans, start=1):
        van.id = f"B{n:0{width}d}"
    for cached in (_point, _order_of):
        cached.cache_clear()  # keyed on this company's sites
    return vans
