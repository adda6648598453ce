"""What the generator draws from: the hearing's numbers, the cluster template, the towns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

EXAMPLE_SEED = 2026

FILES = (
    "company.yaml",
    "enclaves.csv",
    "coaches.csv",
    "workers.csv",
    "absences.csv",
    "demand.csv",
    "vans.csv",
)

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
DEMAND_EXTRA_FACTOR = 1.2  # that month's headcount, of the contracted one
DEMAND_CLOSED_DAY = date(2026, 12, 11)  # the client's stock-taking day
DEMAND_SHUTDOWN = (date(2027, 7, 19), date(2027, 7, 30))  # the client's summer shutdown
DEMAND_FEWER = (date(2027, 1, 14), date(2027, 1, 15))  # the client asks two fewer
