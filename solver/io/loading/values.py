"""Reading one cell: each parser returns the value or raises `Invalid` (a ValueError): a problem
code saying what is expected, with what was found, rendered in the reader's language later.

Dutch words are accepted beside the English ones (CONTRACT.md); every number has a bound.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable

from solver.domain import HALVES, WEEKDAYS, WORKWEEK
from solver.io.loading.problems import Invalid


def _alias(mapping: dict[str, str], code: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        key = text.strip().lower()
        if key in mapping:
            return mapping[key]
        choices = " | ".join(dict.fromkeys(mapping.values()))
        raise Invalid(code, value=repr(text), choices=choices)

    return parse


parse_need = _alias(
    {"low": "low", "medium": "medium", "high": "high", "laag": "low", "midden": "medium",
     "hoog": "high"},
    "problem.unknown_need",
)  # fmt: skip


parse_site_kind = _alias(
    {"enclave": "enclave", "service": "service", "dienstverlening": "service"},
    "problem.unknown_site_kind",
)


parse_role = _alias(
    {"regular": "regular", "vast": "regular", "vlinder": "vlinder", "interim": "interim"},
    "problem.unknown_role",
)


parse_absence_kind = _alias(
    {"leave": "leave", "verlof": "leave", "adv": "adv", "rimpeldag": "adv", "sick": "sick",
     "ziek": "sick", "training": "training", "opleiding": "training", "other": "other",
     "andere": "other"},
    "problem.unknown_absence_kind",
)  # fmt: skip


parse_part = _alias(
    {"day": "day", "dag": "day", "am": "am", "vm": "am", "pm": "pm", "nm": "pm"},
    "problem.unknown_part",
)


parse_transport = _alias(
    {"collective": "collective", "collectief": "collective", "own": "own", "eigen": "own"},
    "problem.unknown_transport",
)


_DUTCH_DAYS = {"ma": "mon", "di": "tue", "wo": "wed", "do": "thu", "vr": "fri", "za": "sat",
               "zo": "sun"}  # fmt: skip


def parse_int(text: str, low: int | None = 0, high: int | None = None) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise Invalid("problem.expected_whole", value=repr(text)) from None
    if low is not None and value < low:
        raise Invalid("problem.expected_at_least", low=low, value=value)
    if high is not None and value > high:
        raise Invalid("problem.expected_at_most", high=high, value=value)
    return value


def parse_float(text: str, low: float, high: float) -> float:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise Invalid("problem.expected_decimal", value=repr(text)) from None
    if not math.isfinite(value) or not low <= value <= high:
        raise Invalid("problem.expected_between", low=low, high=high, value=text.strip())
    return value


def parse_bool(text: str) -> bool:
    key = text.strip().lower()
    if key in ("true", "yes", "ja", "1", "waar", "x"):
        return True
    if key in ("false", "no", "nee", "0", "onwaar", ""):
        return False
    raise Invalid("problem.expected_bool", value=repr(text))


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise Invalid("problem.expected_date", value=repr(text)) from None


def parse_time(text: str) -> dt.time:
    if not re.fullmatch(r"\d{1,2}:\d{2}", text.strip()):
        raise Invalid("problem.expected_time", value=repr(text))
    hours, minutes = (int(part) for part in text.strip().split(":"))
    if hours > 23 or minutes > 59:
        raise Invalid("problem.expected_time", value=repr(text))
    return dt.time(hours, minutes)


def parse_list(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(";") if item.strip())


def parse_weekdays(text: str) -> tuple[str, ...]:
    days = []
    for item in parse_list(text):
        day = _DUTCH_DAYS.get(item.lower(), item.lower())
        if day not in WEEKDAYS:
            raise Invalid("problem.unknown_weekday", value=repr(item))
        days.append(day)
    # Keep the week's order whatever the order typed.
    return tuple(d for d in WEEKDAYS if d in days) if days else WORKWEEK


# Half days as a planner writes them: `wed-am`, or in Dutch `wo-vm` (voormiddag) / `wo-nm`.
_DUTCH_HALVES = {"vm": "am", "nm": "pm"}


def parse_person_days(text: str) -> tuple[str, ...]:
    """A coach's or worker's `days`: whole days (`wed`) and half days (`wed-am`, `fri-pm`).

    Both halves of a day make the whole day (`wed-am;wed-pm` reads `wed`), and a whole day
    makes its halves redundant; the week's order whatever the order typed."""
    whole: set[str] = set()
    halves: set[str] = set()
    for item in parse_list(text):
        day, dash, half = item.lower().partition("-")
        day = _DUTCH_DAYS.get(day.strip(), day.strip())
        half = _DUTCH_HALVES.get(half.strip(), half.strip())
        if day not in WEEKDAYS or (dash and half not in HALVES):
            raise Invalid("problem.unknown_person_day", value=repr(item))
        if dash:
            halves.add(f"{day}-{half}")
        else:
            whole.add(day)
    if not whole and not halves:
        return WORKWEEK
    days: list[str] = []
    for day in WEEKDAYS:
        if day in whole or all(f"{day}-{h}" in halves for h in HALVES):
            days.append(day)
        else:
            days.extend(f"{day}-{h}" for h in HALVES if f"{day}-{h}" in halves)
    return tuple(days)


def parse_van_days(text: str) -> tuple[str, ...]:
    """A van run's `days`: whole weekdays as a site's (`mon`, `ma`), refusing a half day with its
    own message: a run leaves at a time (`depart`), a midday run is a row of its own."""
    for item in parse_list(text):
        day, dash, half = item.lower().partition("-")
        day = _DUTCH_DAYS.get(day.strip(), day.strip())
        if dash and day in WEEKDAYS and _DUTCH_HALVES.get(half.strip(), half.strip()) in HALVES:
            raise Invalid("problem.van_half_day", value=repr(item))
    return parse_weekdays(text)


def parse_route(text: str) -> tuple[str, ...]:
    """A van run's `route`: enclave ids in driving order, at least one, each once (whether
    they exist is checked against enclaves.csv)."""
    route = parse_list(text)
    if not route:
        raise Invalid("problem.route_empty")
    for n, site in enumerate(route):
        if site in route[:n]:
            raise Invalid("problem.route_repeats", site=repr(site))
    return route


def parse_weeks_of_month(text: str) -> tuple[int, ...]:
    weeks = []
    for item in parse_list(text):
        if item not in ("1", "2", "3", "4", "5"):
            raise Invalid("problem.unknown_week_of_month", value=repr(item))
        weeks.append(int(item))
    return tuple(sorted(set(weeks)))


# Every number in a company has a bound no real company reaches, so that what validates can be
# solved (a headcount of 10**18 overflowed the solver's integer domains). docs/security.md
# lists them; the messages below say them.
MAX_HEADCOUNT = 1_000  # workers one site asks for (enclaves have 3 to 30)
MAX_SITE_COACHES = 100  # coaches one site asks for
MAX_RATIO = 100  # workers per coach in a ratio norm
MAX_SITES_PER_SHARED_COACH = 20
MAX_SPEED_KMH = 300.0
MAX_SPARE_PLACES = 10_000  # places in the company's own workshop (atelier.spare_places)
MAX_VAN_SEATS = 60  # seats of one van (vans.csv): a minibus has 8, a coach about 50


def _whole(low: int, high: int) -> Callable[[str], int]:
    return lambda text: parse_int(text, low, high)
