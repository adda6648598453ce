"""Seeded generator of company folders, and of the example company ``data/westlandia``.

``generate_company(scale, seed)`` returns the six files of a company folder (see CONTRACT.md) as
text. The same ``(scale, seed)`` always gives the same bytes: only ``random.Random(seed)`` is used,
no set is iterated, floats are formatted with fixed decimals and CSV lines end in ``\\n``.

The example company (scale 1) is one regional cluster around Ieper, shaped after what Westlandia's
director told the Flemish Parliament (hearing of 22 June 2023, see shared/DOMAIN.md):

* 13 enclaves at real town coordinates around Ieper, with invented client firms, plus 2 service
  sites (green work, a cafetaria) that need no coach on site;
* the care-home pilot: three small sites (2-3 workers) within 4 km of each other, marked
  ``pilot``, sharing ONE regular coach (home at the first, trained at the other two), as in the
  hearing's "one coach for three care homes that lie close together";
* "one of 2 workers with 2 coaches" (two high-need workers), "some of 21 workers with 2 coaches",
  "a typical contract: 7 workers and 1 coach", one site working one day a week (``wed``) and one
  the first week of each month, several line-work sites with a minimum headcount, and a client that
  asks 12 instead of the contracted 10 for a month (demand.csv);
* 4 vlinders, each trained at 5-8 enclaves, every enclave known by at least one and most by two;
* an atelier of 25 workers at the depot, each trained at 2-4 enclaves ("Westlandia trains workers
  to fill in at several enclaves");
* absences for 2026 and 2027 in line with the director's vlinder sizing: per coach 10 leave days,
  about 7 adv days ("rimpeldagen") and about 15 sick days a year.

Coach count, a deliberate deviation: the hearing speaks of "13 enclaves with about 140 workers,
13 coaches and 4 vlinders". With a realistic support-need mix (about 45% low, 35% medium, 20% high)
the ratio norms of BVR 17-02-2017 art. 79 (1 coach per 13 / 10 / 7 workers) ask about 0.1 coach
per worker, so 140 workers alone need about 14 coaches even if every coach were filled to the
last decimal; the 2-worker site with 2 coaches adds almost 2 more. 13 coaches therefore cannot
satisfy the norms per enclave, which the inspection checks. The example keeps 13 enclaves and
about 135 workers and gives them the coaches the norms ask for: 17 regular coaches (the three
pilot sites share one). The coaches of the weekly and the monthly site are free on their sites'
off days and trained at neighbouring sites, so on most days they act as two extra vlinders; that
is how a company with more coaches than the director's 13 still only keeps 4 vlinders.

Larger companies (``scale`` N > 1) repeat the same cluster template N times: cluster 0 is the
Ieper cluster with its fixed towns, clusters 1.. are centred on other Flemish towns with sites
placed within 15 km (so vlinders and atelier workers stay within reach). Vlinders and atelier
workers are trained only at sites of their own cluster; coaches of other clusters start their day
at the cluster's centre (lat/lon in coaches.csv) instead of at the depot.

Run: ``python -m solver.generator OUT_DIR [--scale N] [--seed S]``.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import io
import math
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

EXAMPLE_SEED = 2026

FILES = ("company.yaml", "enclaves.csv", "coaches.csv", "workers.csv", "absences.csv", "demand.csv")

DEPOT = ("Ieper", 50.851, 2.885)

# Ratio norms scaled to integers per 910 (= 7 * 10 * 13): a low/medium/high-need worker loads a
# coach by 1/13, 1/10, 1/7 (BVR 17-02-2017 art. 79; DOMAIN.md "Reading").
LOAD_UNITS = {"low": 70, "medium": 91, "high": 130}
COACH_UNITS = 910

SKILLS = ("forklift", "electricity", "food_hygiene", "green_work")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FULL_WEEK = (0, 1, 2, 3, 4)

# Absences are generated for these years; the horizon is their union.
YEARS = (2026, 2027)
HORIZON_START = date(YEARS[0], 1, 1)
HORIZON_DAYS = (date(YEARS[-1], 12, 31) - HORIZON_START).days + 1

# Yearly absence budgets per full-time person (hearing, director of Westlandia): "10 free leave
# days, about 7 rimpeldagen and about 15 sick days a year". Workers are full employees with the
# legal 20 leave days. Vlinders "need continuous training": a few course days on top.
COACH_LEAVE_DAYS = 10
WORKER_LEAVE_DAYS = 20
ADV_DAYS = 7
SICK_DAYS = 15
VLINDER_TRAINING_DAYS = 4
# Sick spells: lognormal lengths with median 3 working days and a heavy tail, capped at about
# three months; mean ~9.4 days, so 15 sick days a year come as ~1.6 spells.
SICK_MEDIAN_DAYS = 3
SICK_SIGMA = 1.7
SICK_MAX_DAYS = 65
# Leave blocks of 1-5 working days; single days and whole weeks are the most common.
LEAVE_BLOCK_WEIGHTS = ((1, 3), (2, 1), (3, 1), (4, 1), (5, 3))

# 40% of Westlandia's workers are part-time; typical Flemish 4/5 and 3/5 patterns (a free
# Wednesday afternoon/day is common for parents).
PART_TIME_SHARE = 0.40
PART_TIME_PATTERNS = (
    ((0, 1, 2, 3), 4),
    ((1, 2, 3, 4), 2),
    ((0, 1, 3, 4), 3),
    ((0, 2, 4), 2),
    ((0, 1, 2), 1),
)
# Most workers use collective transport: many have no driving licence, some cannot cycle.
OWN_TRANSPORT_SHARE = 0.15
# Enclave workers trained at a second enclave (Westlandia trains workers to fill in elsewhere).
SECOND_SITE_SHARE = 0.15
ATELIER_WORKERS = 25
ATELIER_TRAINED = (2, 4)
# Support-need mix of enclave workers (target) and of the atelier and service crews.
ENCLAVE_MIX = {"high": 0.20, "medium": 0.35}
ATELIER_MIX = (("low", 40), ("medium", 35), ("high", 25))
SERVICE_MIX = (("low", 60), ("medium", 40))
VLINDERS_PER_CLUSTER = 4
# Vlinder skills: every skill is held by two of the four, so the choice of vlinder matters.
VLINDER_SKILLS = (
    ("forklift", "electricity"),
    ("food_hygiene", "green_work"),
    ("forklift", "food_hygiene"),
    ("electricity", "green_work"),
)

FIRST_NAMES = (
    "Lotte", "Jens", "Sofie", "Pieter", "Elien", "Bram", "Lien", "Wout", "Hanne", "Stijn",
    "Ine", "Ruben", "Marieke", "Toon", "Griet", "Jolien", "Kobe", "Nele", "Jasper", "Femke",
    "Seppe", "Annelies", "Dries", "Kaat", "Thijs", "Margot", "Arne", "Leen", "Ward", "Evi",
    "Lander", "Roos", "Jonas", "Fien", "Mathias", "Sanne", "Koen", "Ilse", "Glenn", "Katrien",
    "Rik", "Veerle", "Bart", "An", "Gert", "Els", "Wim", "Tine",
)  # fmt: skip
SURNAMES = (
    "Vandeputte", "Declercq", "Vermeulen", "Desmet", "Verhaeghe", "Lefevere", "Dewulf",
    "Vandamme", "Maes", "Claeys", "Vanhoutte", "Deconinck", "Goethals", "Vercruysse", "Decock",
    "Devos", "Vanneste", "Verstraete", "Delanghe", "Tanghe", "Vandewalle", "Lannoo", "Debaene",
    "Vancoillie", "Soenen", "Ghekiere", "Hoste", "Blondeel", "Dejonghe", "Vanlerberghe",
    "Verbeke", "Depoorter", "Rosseel", "Coudeville", "Vanacker", "Huyghe", "Bossuyt",
    "Catteeuw", "Deprez", "Lamote", "Mahieu", "Vandecasteele", "Pattyn", "Vanryckeghem",
    "Wyffels",
)  # fmt: skip


# ---------------------------------------------------------------------------------------------
# The cluster template: the sites of one region, the same for the example and every cluster.


@dataclass(frozen=True)
class SiteSpec:
    role: str  # what makes the site special; drives coaches, demand and training below
    firm: str  # invented client firm
    size: tuple[int, int]  # headcount range (inclusive)
    coaches: int  # contract coaches
    kind: str = "enclave"
    line_min: float = 0.0  # share of the headcount needed to run the line; 0 = no line work
    skills: tuple[str, ...] = ()
    days: tuple[int, ...] = ()
    weeks: tuple[int, ...] = ()
    pilot: bool = False


TEMPLATE = (
    # The care-home pilot: one coach for three care homes close together (hearing).
    SiteSpec("pilot", "WZC Sint-Jozef", (3, 3), 1, pilot=True),
    SiteSpec("pilot", "WZC De Linde", (3, 3), 1, pilot=True),
    SiteSpec("pilot", "WZC Ter Beke", (2, 2), 1, pilot=True),
    # "Even one of two workers with two coaches": two high-need workers.
    SiteSpec("duo", "Hopdrogerij", (2, 2), 2),
    # "Some of 21 workers with 2 coaches": a warehouse line.
    SiteSpec("big", "Distributiecentrum Leiedal", (21, 21), 2, line_min=0.8, skills=("forklift",)),
    # Contracted for 10; the client asks 12 for a month (demand.csv), as in the hearing.
    SiteSpec("demand", "Vlaskoekjes", (10, 10), 1, line_min=0.7, skills=("food_hygiene",)),
    # "A typical contract: 7 workers and 1 coach"; line work where 5 instead of 7 hurts.
    SiteSpec("typical", "Verpakkingen De IJzer", (7, 7), 1, line_min=0.7),
    # "Some one day a week or one week a month."
    SiteSpec("weekly", "Boomkwekerij", (7, 7), 1, skills=("green_work",), days=(2,)),
    SiteSpec("monthly", "Archiefscan", (6, 6), 1, weeks=(1,)),
    SiteSpec("regular", "Kabelbundels", (18, 21), 2, line_min=0.7, skills=("electricity",)),
    SiteSpec("regular", "Groentevries", (18, 20), 2, line_min=0.7, skills=("food_hygiene",)),
    SiteSpec("regular", "Houtatelier", (17, 20), 2),
    SiteSpec("regular", "Metaalbouw", (19, 21), 2, line_min=0.7),
    # Service work ("dienstverlening") has no permanent-presence requirement.
    SiteSpec("service", "Groendienst", (5, 7), 0, kind="service"),
    SiteSpec("service", "Cafetaria", (3, 5), 0, kind="service"),
)

# Cluster 0 (the example): real town coordinates around Ieper, aligned with TEMPLATE. The three
# pilot care homes (Ieper, Zillebeke, Voormezele) lie within 4 km of each other.
IEPER_PLACES = (
    ("Ieper", 50.851, 2.885),
    ("Zillebeke", 50.835, 2.925),
    ("Voormezele", 50.817, 2.876),
    ("Vleteren", 50.924, 2.731),
    ("Menen", 50.797, 3.121),
    ("Poperinge", 50.855, 2.726),
    ("Diksmuide", 51.032, 2.864),
    ("Kemmel", 50.784, 2.827),
    ("Mesen", 50.764, 2.898),
    ("Wervik", 50.780, 3.040),
    ("Langemark", 50.911, 2.917),
    ("Zonnebeke", 50.872, 2.987),
    ("Moorslede", 50.891, 3.063),
    ("Boezinge", 50.894, 2.857),
    ("Vlamertinge", 50.854, 2.821),
)

# Centres of the further clusters of a scaled company (real towns in Flanders).
CLUSTER_TOWNS = (
    ("Roeselare", 50.946, 3.123), ("Kortrijk", 50.828, 3.265), ("Brugge", 51.209, 3.225),
    ("Tielt", 50.999, 3.326), ("Torhout", 51.066, 3.101), ("Veurne", 51.072, 2.662),
    ("Waregem", 50.889, 3.427), ("Izegem", 50.916, 3.214), ("Oostende", 51.216, 2.927),
    ("Gent", 51.054, 3.717), ("Oudenaarde", 50.845, 3.605), ("Deinze", 50.984, 3.531),
    ("Eeklo", 51.187, 3.557), ("Aalst", 50.938, 4.040), ("Zottegem", 50.869, 3.811),
    ("Ninove", 50.828, 4.024), ("Geraardsbergen", 50.773, 3.882), ("Lokeren", 51.104, 3.993),
    ("Dendermonde", 51.029, 4.101), ("Sint-Niklaas", 51.165, 4.144), ("Wevelgem", 50.810, 3.183),
    ("Harelbeke", 50.856, 3.309), ("Ronse", 50.746, 3.601), ("Kortemark", 51.030, 3.042),
    ("Wetteren", 51.002, 3.883), ("Zele", 51.066, 4.040), ("Jabbeke", 51.183, 3.090),
    ("Gistel", 51.157, 2.972), ("Lichtervelde", 51.033, 3.140), ("Maldegem", 51.208, 3.445),
    ("Zulte", 50.920, 3.449), ("Avelgem", 50.776, 3.445), ("Kruishoutem", 50.902, 3.526),
    ("Merelbeke", 50.994, 3.746), ("Lochristi", 51.096, 3.832), ("Hamme", 51.097, 4.136),
    ("Temse", 51.127, 4.213), ("Brakel", 50.800, 3.762), ("Denderleeuw", 50.885, 4.072),
    ("Wichelen", 50.995, 3.971), ("Zelzate", 51.200, 3.810), ("Nieuwpoort", 51.130, 2.751),
)  # fmt: skip
# Box for generated clusters beyond the town list and for site placement (Flanders, roughly).
LAT_RANGE = (50.72, 51.25)
LON_RANGE = (2.60, 4.45)
SITE_RADIUS_KM = (3.0, 15.0)
PILOT_RADIUS_KM = 2.0  # pilot care homes within 2 km of a point: at most 4 km apart

# Client changes (demand.csv), per cluster, keyed on site role. Dates just after the example's
# creation (late 2026) so that a roster for "today" shows them.
DEMAND_EXTRA_MONTH = (date(2026, 12, 1), date(2026, 12, 31))  # "12 instead of the contracted 10"
DEMAND_CLOSED_DAY = date(2026, 12, 11)  # the client's stock-taking day
DEMAND_SHUTDOWN = (date(2027, 7, 19), date(2027, 7, 30))  # the client's summer shutdown
DEMAND_FEWER = (date(2027, 1, 14), date(2027, 1, 15))  # the client asks two fewer


# ---------------------------------------------------------------------------------------------
# The model built before writing: plain records, ids given once every cluster is built.


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


# ---------------------------------------------------------------------------------------------
# Geography


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _offset(lat: float, lon: float, km: float, angle: float) -> tuple[float, float]:
    dlat = km * math.cos(angle) / 111.2
    dlon = km * math.sin(angle) / (111.2 * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


def _on_land(lat: float, lon: float) -> bool:
    # Stay inside Flanders' box and south-east of the coast line (De Panne 51.09/2.55 to
    # Knokke 51.35/3.30), so no site ends up in the North Sea or far over a border.
    coast = 51.09 + (lon - 2.55) * 0.35
    inside = LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]
    return inside and lat <= coast - 0.03


def _random_point(rng: random.Random, lat: float, lon: float, r_min: float, r_max: float):
    for _ in range(100):
        point = _offset(lat, lon, rng.uniform(r_min, r_max), rng.uniform(0, 2 * math.pi))
        if _on_land(*point):
            return point
    return lat, lon


def _direction(lat0: float, lon0: float, lat: float, lon: float) -> str:
    # Suffix for generated site names ("Brugge-Noord"), to tell same-firm sites apart.
    angle = math.atan2((lon - lon0) * math.cos(math.radians(lat0)), lat - lat0)
    return ("Noord", "Oost", "Zuid", "West")[
        int(((angle + math.pi / 4) % (2 * math.pi)) // (math.pi / 2))
    ]


def _cluster_centres(rng: random.Random, n: int) -> list[tuple[str, float, float]]:
    centres = [DEPOT]
    for i in range(1, n):
        if i <= len(CLUSTER_TOWNS):
            centres.append(CLUSTER_TOWNS[i - 1])
        else:  # beyond the town list: anywhere in the box, named by number
            lat, lon = rng.uniform(*LAT_RANGE), rng.uniform(*LON_RANGE)
            while not _on_land(lat, lon):
                lat, lon = rng.uniform(*LAT_RANGE), rng.uniform(*LON_RANGE)
            centres.append((f"Regio {i + 1}", lat, lon))
    return centres


def _place_sites(rng: random.Random, index: int, town: str, lat: float, lon: float):
    """(town, lat, lon) per TEMPLATE entry: fixed towns for cluster 0, generated points else."""
    if index == 0:
        return list(IEPER_PLACES)
    places = []
    anchor = _random_point(rng, lat, lon, 0.0, 3.0)
    for spec in TEMPLATE:
        if spec.pilot:
            p = _random_point(rng, anchor[0], anchor[1], 0.3, PILOT_RADIUS_KM)
        else:
            p = _random_point(rng, lat, lon, *SITE_RADIUS_KM)
        places.append((f"{town}-{_direction(lat, lon, *p)}", p[0], p[1]))
    return places


# ---------------------------------------------------------------------------------------------
# People


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


# ---------------------------------------------------------------------------------------------
# Calendar: Belgian public holidays and Flemish school holidays


def easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


def belgian_holidays(year: int) -> list[date]:
    """The ten legal public holidays in Belgium: nobody takes leave or falls 'sick' on them."""
    e = easter(year)
    fixed = [(1, 1), (5, 1), (7, 21), (8, 15), (11, 1), (11, 11), (12, 25)]
    days = [date(year, m, d) for m, d in fixed]
    days += [e + timedelta(days=1), e + timedelta(days=39), e + timedelta(days=50)]
    return sorted(days)


def _school_holiday(d: date) -> bool:
    # Leave is taken more often in the summer, Christmas and Easter school holidays.
    if d.month in (7, 8):
        return True
    if (d.month == 12 and d.day >= 21) or (d.month == 1 and d.day <= 3):
        return True
    e = easter(d.year)
    return e - timedelta(days=6) <= d <= e + timedelta(days=8)


# Sick spells start more often in winter (flu season).
SICK_MONTH_WEIGHT = (1.5, 1.5, 1.3, 1.0, 0.9, 0.8, 0.7, 0.7, 0.9, 1.0, 1.2, 1.3)


class _Calendar:
    """Working days of one weekday pattern over the horizon, with cumulative weights per year."""

    def __init__(self, weekdays: tuple[int, ...], holidays: set[int]) -> None:
        self.work: list[int] = []
        for off in range(HORIZON_DAYS):
            d = HORIZON_START + timedelta(days=off)
            if d.weekday() in weekdays and off not in holidays:
                self.work.append(off)
        self.years: dict[int, tuple[int, int]] = {}
        self.leave_cw: dict[int, list[float]] = {}
        self.sick_cw: dict[int, list[float]] = {}
        for year in YEARS:
            lo_off = (date(year, 1, 1) - HORIZON_START).days
            hi_off = (date(year + 1, 1, 1) - HORIZON_START).days
            lo, hi = bisect.bisect_left(self.work, lo_off), bisect.bisect_left(self.work, hi_off)
            self.years[year] = (lo, hi)
            leave, sick, acc_l, acc_s = [], [], 0.0, 0.0
            for off in self.work[lo:hi]:
                d = HORIZON_START + timedelta(days=off)
                acc_l += 4.0 if _school_holiday(d) else 1.0
                acc_s += SICK_MONTH_WEIGHT[d.month - 1]
                leave.append(acc_l)
                sick.append(acc_s)
            self.leave_cw[year], self.sick_cw[year] = leave, sick


class _Absences:
    """Places non-overlapping absences: a per-person bytearray marks every calendar day covered
    by one of that person's rows (the loader rejects overlapping absences)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        holidays = set()
        for year in YEARS:
            holidays.update((d - HORIZON_START).days for d in belgian_holidays(year))
        self.holidays = holidays
        self.calendars: dict[tuple[int, ...], _Calendar] = {}
        self.busy: dict[str, bytearray] = {}
        self.rows: list[tuple[str, int, int, str, str]] = []

    def calendar(self, weekdays: tuple[int, ...]) -> _Calendar:
        if weekdays not in self.calendars:
            self.calendars[weekdays] = _Calendar(weekdays, self.holidays)
        return self.calendars[weekdays]

    def place(self, person: str, cal: _Calendar, year: int, length: int, kind: str,
              weights: str = "uniform", part: str = "day", truncate: bool = False,
              ) -> tuple[int, int]:  # fmt: skip
        """Place one absence of `length` working days starting in `year`.

        Returns the working days placed in `year` and those spilling into the next year, so
        that yearly budgets count calendar years (a Christmas leave or a December flu)."""
        busy = self.busy.setdefault(person, bytearray(HORIZON_DAYS))
        lo, hi = cal.years[year]
        if hi <= lo:
            return 0, 0
        cw = cal.leave_cw[year] if weights == "leave" else cal.sick_cw[year]
        for _ in range(12):
            if weights == "uniform":
                i = lo + int(self.rng.random() * (hi - lo))
            else:
                i = lo + min(bisect.bisect(cw, self.rng.random() * cw[-1]), hi - lo - 1)
            j = min(i + length - 1, len(cal.work) - 1)
            start, end = cal.work[i], cal.work[j]
            hit = busy.find(1, start, end + 1)
            if hit == start:
                continue
            if hit != -1:
                if not truncate:
                    continue
                j = bisect.bisect_left(cal.work, hit) - 1
                end = cal.work[j]
            busy[start : end + 1] = b"\x01" * (end - start + 1)
            self.rows.append((person, start, end, part, kind))
            return min(j, hi - 1) - i + 1, max(0, j - hi + 1)
        return 0, 0


_LEAVE_BLOCK_CW = [sum(w for _, w in LEAVE_BLOCK_WEIGHTS[: k + 1]) for k in range(5)]


def _leave_block(rng: random.Random) -> int:
    return LEAVE_BLOCK_WEIGHTS[bisect.bisect(_LEAVE_BLOCK_CW, rng.random() * _LEAVE_BLOCK_CW[-1])][
        0
    ]


def _fte(days: tuple[int, ...]) -> float:
    return len(days) / 5


def _planned_absences(ab: _Absences, person: str, days, leave_days: int, training: int) -> None:
    """Leave, adv, training and the odd appointment: the planned absences."""
    rng, cal, fte = ab.rng, ab.calendar(days), _fte(days)
    spill = 0
    for year in YEARS:
        # Leave in blocks of 1-5 working days, sometimes a half day, counted in half days.
        left = round(2 * leave_days * fte) / 2 - spill
        spill, tries = 0, 0
        while left > 0 and tries < 40:
            tries += 1
            size = min(_leave_block(rng), math.ceil(left))
            if left < 1 or (size == 1 and rng.random() < 0.12):
                placed, _ = ab.place(
                    person, cal, year, 1, "leave", "leave", rng.choice(("am", "pm"))
                )
                left -= 0.5 * placed
            else:
                placed, over = ab.place(person, cal, year, size, "leave", "leave")
                left -= placed
                spill += over
        # Adv days ("rimpeldagen") are single days.
        for _ in range(round(ADV_DAYS * fte)):
            ab.place(person, cal, year, 1, "adv")
        for _ in range(training):
            ab.place(person, cal, year, 1, "training")
        # A doctor's or dentist's appointment now and then: half a day, no reason stored.
        if rng.random() < 0.25:
            ab.place(person, cal, year, 1, "other", part=rng.choice(("am", "pm")))


def _sick_absences(ab: _Absences, group: list[tuple[str, tuple[int, ...]]]) -> None:
    """Sickness for a group of people (the coaches, the vlinders or the workers of a cluster).

    The group's total is fixed at 15 days per FTE a year, the director's planning figure behind
    "416 days for 13 coaches"; who falls ill, when and for how long is random: a personal
    frailty spreads spells unevenly, spell lengths are lognormal with a heavy tail."""
    if not group:
        return
    rng = ab.rng
    frailty = [rng.gammavariate(2.0, 0.5) * _fte(days) for _, days in group]
    cum = []
    acc = 0.0
    for f in frailty:
        acc += f
        cum.append(acc)
    spill = 0
    for year in YEARS:
        # Spells that ran on from December count against the new year's total.
        left = round(SICK_DAYS * sum(_fte(days) for _, days in group)) - spill
        spill, tries = 0, 0
        while left > 0 and tries < 20 * len(group) + 50:
            tries += 1
            k = min(bisect.bisect(cum, rng.random() * cum[-1]), len(group) - 1)
            person, days = group[k]
            length = round(rng.lognormvariate(math.log(SICK_MEDIAN_DAYS), SICK_SIGMA))
            length = min(max(1, length), SICK_MAX_DAYS, left)
            cal = ab.calendar(days)
            placed, over = ab.place(person, cal, year, length, "sick", "sick", truncate=True)
            left -= placed
            spill += over


# ---------------------------------------------------------------------------------------------
# Assembling and writing


def _width(count: int, minimum: int) -> int:
    return max(minimum, len(str(count)))


def _assign_ids(clusters: list[Cluster]) -> None:
    sites = [s for c in clusters for s in c.sites]
    enclaves = [s for s in sites if s.spec.kind == "enclave"]
    services = [s for s in sites if s.spec.kind != "enclave"]
    for prefix, items, minimum in (
        ("E", enclaves, 2),
        ("S", services, 2),
        ("C", [x for c in clusters for x in c.coaches], 2),
        ("V", [x for c in clusters for x in c.vlinders], 1),
        ("W", [x for c in clusters for x in c.workers], 3),
    ):
        width = _width(len(items), minimum)
        for n, item in enumerate(items, start=1):
            item.id = f"{prefix}{n:0{width}d}"


def _csv(header: list[str], rows) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _days_text(days: tuple[int, ...]) -> str:
    return "" if days == FULL_WEEK else ";".join(WEEKDAYS[d] for d in days)


def _ids(items) -> str:
    return ";".join(sorted(x.id for x in items))


def _coord(value: float) -> str:
    return f"{value:.4f}"


def _company_yaml(scale: int, seed: int) -> str:
    name = "Westlandia (example)" if scale == 1 else f"Westlandia x{scale} (generated)"
    return (
        f"# Generated by: python -m solver.generator OUT_DIR --scale {scale} --seed {seed}\n"
        f"name: {name}\n"
        f"depot: {{name: {DEPOT[0]}, lat: {DEPOT[1]}, lon: {DEPOT[2]}}}\n"
        'shift: {start: "07:30", end: "16:00", roster_deadline: "08:00"}\n'
        "ratio_norms: {low: 13, medium: 10, high: 7}\n"
        "travel: {speed_kmh: 40, road_factor: 1.3, shared_coach_max_minutes: 15}\n"
        "policy:\n"
        "  shared_coach: pilot\n"
        "  max_sites_per_shared_coach: 3\n"
        "  interim_coaches: false\n"
    )


def _enclaves_csv(clusters: list[Cluster]) -> str:
    header = "id,name,kind,lat,lon,headcount,min_headcount,coaches,skills,days,weeks_of_month,"
    header += "start,end,pilot,line_work"
    sites = sorted((s for c in clusters for s in c.sites), key=lambda s: s.id)
    rows = []
    for s in sites:
        spec = s.spec
        line = spec.line_min > 0
        rows.append([
            s.id, s.name, spec.kind, _coord(s.lat), _coord(s.lon), s.headcount,
            max(1, round(spec.line_min * s.headcount)) if line else "", spec.coaches,
            ";".join(spec.skills), ";".join(WEEKDAYS[d] for d in spec.days),
            ";".join(str(w) for w in spec.weeks), "", "", _bool(spec.pilot), _bool(line),
        ])  # fmt: skip
    return _csv(header.split(","), rows)


def _coaches_csv(clusters: list[Cluster]) -> str:
    rows = []
    for c in clusters:
        for coach in c.coaches + c.vlinders:
            lat, lon = ("", "") if coach.base is None else map(_coord, coach.base)
            rows.append([
                coach.id, coach.name, coach.role, coach.home.id if coach.home else "",
                ";".join(coach.skills), _ids(coach.trained_at), _days_text(coach.days), lat, lon,
            ])  # fmt: skip
    rows.sort(key=lambda r: r[0])
    return _csv(["id", "name", "role", "home", "skills", "trained_at", "days", "lat", "lon"], rows)


def _workers_csv(clusters: list[Cluster]) -> str:
    rows = [
        [w.id, w.name, w.need, w.home.id if w.home else "atelier", _ids(w.trained_at),
         _days_text(w.days), w.transport]
        for c in clusters
        for w in c.workers
    ]  # fmt: skip
    rows.sort(key=lambda r: r[0])
    return _csv(["id", "name", "need", "home", "trained_at", "days", "transport"], rows)


def _absences_csv(rng: random.Random, clusters: list[Cluster]) -> str:
    ab = _Absences(rng)
    # Sickness first: a long spell is not cut short by a leave block that was planned; leave,
    # adv and training then fill the free days (in reality leave is moved when it collides).
    for c in clusters:
        for group in (c.coaches, c.vlinders, c.workers):
            _sick_absences(ab, [(x.id, x.days) for x in group])
    people = sorted(
        ((x.id, x.days, x.role) for c in clusters for x in c.coaches + c.vlinders),
        key=lambda p: p[0],
    )
    for pid, days, role in people:
        training = VLINDER_TRAINING_DAYS if role == "vlinder" else 0
        _planned_absences(ab, pid, days, COACH_LEAVE_DAYS, training)
    for w in sorted((w for c in clusters for w in c.workers), key=lambda w: w.id):
        _planned_absences(ab, w.id, w.days, WORKER_LEAVE_DAYS, 0)
    iso = [(HORIZON_START + timedelta(days=o)).isoformat() for o in range(HORIZON_DAYS)]
    rows = sorted(ab.rows, key=lambda r: (r[0], r[1]))
    return _csv(
        ["person", "start", "end", "part", "kind"],
        ([p, iso[s], iso[e], part, kind] for p, s, e, part, kind in rows),
    )


def _working_days(first: date, last: date) -> list[date]:
    holidays = set(belgian_holidays(first.year) + belgian_holidays(last.year))
    out, d = [], first
    while d <= last:
        if d.weekday() < 5 and d not in holidays:
            out.append(d)
        d += timedelta(days=1)
    return out


def _demand_csv(clusters: list[Cluster]) -> str:
    rows = []
    for c in clusters:
        by_role: dict[str, list[Site]] = {}
        for s in c.sites:
            by_role.setdefault(s.spec.role, []).append(s)
        extra, typical = by_role["demand"][0], by_role["typical"][0]
        big, regular = by_role["big"][0], by_role["regular"][0]
        # "A client may ask for 12 instead of the contracted 10 for a while."
        for d in _working_days(*DEMAND_EXTRA_MONTH):
            rows.append([d.isoformat(), extra.id, round(extra.headcount * 1.2), "false"])
        rows.append([DEMAND_CLOSED_DAY.isoformat(), typical.id, "", "true"])
        for d in _working_days(*DEMAND_SHUTDOWN):
            rows.append([d.isoformat(), big.id, "", "true"])
        for d in _working_days(*DEMAND_FEWER):
            rows.append([d.isoformat(), regular.id, regular.headcount - 2, "false"])
    rows.sort(key=lambda r: (r[0], r[1]))
    return _csv(["date", "enclave", "headcount", "closed"], rows)


def generate_company(scale: int = 1, seed: int = 2026) -> dict[str, str]:
    """Return {filename: file text} for a company folder: company.yaml, enclaves.csv,
    coaches.csv, workers.csv, absences.csv, demand.csv."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    rng = random.Random(seed)
    names = _Names(rng)
    centres = _cluster_centres(rng, scale)
    clusters = [_build_cluster(rng, i, centre, names) for i, centre in enumerate(centres)]
    _assign_ids(clusters)
    return {
        "company.yaml": _company_yaml(scale, seed),
        "enclaves.csv": _enclaves_csv(clusters),
        "coaches.csv": _coaches_csv(clusters),
        "workers.csv": _workers_csv(clusters),
        "absences.csv": _absences_csv(rng, clusters),
        "demand.csv": _demand_csv(clusters),
    }


def write_company(out_dir, scale: int = 1, seed: int = 2026) -> None:
    """Write the generated company folder to `out_dir` (created if needed)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in generate_company(scale, seed).items():
        (out / name).write_text(text, encoding="utf-8", newline="")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m solver.generator", description="Write a seeded example company folder."
    )
    parser.add_argument("out_dir", help="folder to write company.yaml and the CSV files to")
    parser.add_argument("--scale", type=int, default=1, help="number of regional clusters")
    parser.add_argument("--seed", type=int, default=EXAMPLE_SEED, help="random seed")
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    write_company(args.out_dir, args.scale, args.seed)
    print(f"wrote company (scale {args.scale}, seed {args.seed}) to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
