"""When sites work and people are available: the calendar facts of one day."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import sys
from functools import lru_cache

import holidays
from holidays.registry import COUNTRIES, IMPORT_LOCK

from solver.domain.types import WEEKDAYS, Absence, Company, Site


def weekday(day: dt.date) -> str:
    return WEEKDAYS[day.weekday()]


def week_of_month(day: dt.date) -> int:
    """Days 1-7 are week 1, 8-14 week 2, ...: "the first week of each month"."""
    return (day.day - 1) // 7 + 1


@lru_cache(maxsize=16)
def _load_country(country: str) -> None:
    """Import the `holidays` module of one country alone. `holidays.country_holidays` imports
    `holidays.countries.<name>`, whose package `__init__` imports all ~250 countries (0.1-0.2 s
    of a cold `enclaveplan solve`, issue 17). With the country's module already in
    `sys.modules`, `holidays.country_holidays` uses it as it is and gives the same calendar.

    The package is entered without running its `__init__` (an empty module of the same spec),
    only while the one module is imported and under the lock `holidays` takes around its own
    imports; a later `import holidays.countries` then runs the real `__init__`, which finds this
    module loaded. Whatever goes wrong leaves the ordinary path (all countries) to do the work.
    """
    entry = next((m for m, names in COUNTRIES.items() if country in names), None)
    package = "holidays.countries"
    if entry is None or package in sys.modules or f"{package}.{entry}" in sys.modules:
        return
    with IMPORT_LOCK:
        try:
            spec = importlib.util.find_spec(package)
            if spec is None or package in sys.modules:
                return
            sys.modules[package] = importlib.util.module_from_spec(spec)
            try:
                importlib.import_module(f"{package}.{entry}")
            finally:
                del sys.modules[package]
        except Exception:  # noqa: BLE001 - a shortcut only: country_holidays still works
            sys.modules.pop(f"{package}.{entry}", None)


@lru_cache(maxsize=64)
def _public_holidays(country: str, year: int) -> holidays.HolidayBase:
    _load_country(country)
    return holidays.country_holidays(country, years=year)


def public_holiday(country: str | None, day: dt.date) -> str | None:
    if not country:
        return None
    return _public_holidays(country, day.year).get(day)


# The `holidays` package's language codes for ours (it has Dutch and American English for BE).
HOLIDAY_LANGUAGES = {"nl": "nl", "en": "en_US"}


@lru_cache(maxsize=64)
def _holiday_names(country: str, year: int, lang: str) -> holidays.HolidayBase:
    language = HOLIDAY_LANGUAGES["en" if lang == "en" else "nl"]
    calendar = holidays.country_holidays(country, years=year)
    if language not in (calendar.supported_languages or ()):
        return calendar  # a country without that language keeps its own default names
    return holidays.country_holidays(country, years=year, language=language)


def holiday_name(country: str | None, day: dt.date, lang: str = "nl") -> str | None:
    """The public holiday on `day` as the reader says it ("Kerstmis", "Christmas Day")."""
    if not country or public_holiday(country, day) is None:
        return None
    return _holiday_names(country, day.year, lang).get(day)


def site_works_on(site: Site, day: dt.date, holiday_country: str | None = None) -> bool:
    if weekday(day) not in site.days:
        return False
    if site.weeks_of_month and week_of_month(day) not in site.weeks_of_month:
        return False
    return public_holiday(holiday_country, day) is None


def company_works_on(company: Company, day: dt.date) -> bool:
    country = company.settings.public_holidays
    return any(site_works_on(s, day, country) for s in company.sites.values())


def next_working_day(company: Company, day: dt.date, horizon: int = 62) -> dt.date | None:
    for offset in range(horizon):
        candidate = day + dt.timedelta(days=offset)
        if company_works_on(company, candidate):
            return candidate
    return None


def absences_on(company: Company, day: dt.date) -> dict[str, Absence]:
    """The absence of each person on `day`: a full day wins over a half day, and a morning and
    an afternoon together are the whole day."""
    found: dict[str, Absence] = {}
    for absence in company.absences:
        if absence.covers(day):
            current = found.get(absence.person)
            if current is None or (current.part != "day" and absence.part == "day"):
                found[absence.person] = absence
            elif current.part != "day" and absence.part != current.part:
                found[absence.person] = dataclasses.replace(current, part="day")
    return found
