"""When sites work and people are available: the calendar facts of one day."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import importlib.util
import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from solver.domain.types import WEEKDAYS, Absence, Company, Site

if TYPE_CHECKING:
    import holidays

# The public holidays of the product's country for the years people plan, as the `holidays`
# package gives them (the day's name as it names it, in Dutch and in English), in the generated
# module solver/domain/holiday_table.py: `import holidays` alone takes about 0.1 s of a cold
# `enclaveplan solve` (its version lookup through importlib.metadata, its calendars), so a day
# in the table asks no package (issue 17). Other countries and years ask the package.
# `tests/cli/test_cli_startup.py` holds the table equal to the installed package; after an
# update of `holidays` that changes a day, rewrite it with
# `python -c "from solver.domain.calendar import write_holiday_table; write_holiday_table()"`.
TABLE_COUNTRIES = ("BE",)
TABLE_YEARS = range(2020, 2041)


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
    from holidays.registry import COUNTRIES, IMPORT_LOCK

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
    import holidays  # here, not above: a day in HOLIDAY_TABLE needs no package

    _load_country(country)
    return holidays.country_holidays(country, years=year)


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[int, dict[str, tuple[str, str, str]]]]:
    """country -> year -> ISO day -> (its name, in Dutch, in English)."""
    from solver.domain.holiday_table import TABLE

    return TABLE


def _tabled(country: str, day: dt.date) -> tuple[str, str, str] | None | bool:
    """The table's names of `day` (None: no public holiday), or False: not in the table."""
    year = _table().get(country, {}).get(day.year)
    if year is None:
        return False
    return year.get(day.isoformat())


def public_holiday(country: str | None, day: dt.date) -> str | None:
    if not country:
        return None
    tabled = _tabled(country, day)
    if tabled is not False:
        return tabled[0] if tabled else None
    return _public_holidays(country, day.year).get(day)


# The `holidays` package's language codes for ours (it has Dutch and American English for BE).
HOLIDAY_LANGUAGES = {"nl": "nl", "en": "en_US"}


@lru_cache(maxsize=64)
def _holiday_names(country: str, year: int, lang: str) -> holidays.HolidayBase:
    import holidays

    _load_country(country)
    language = HOLIDAY_LANGUAGES["en" if lang == "en" else "nl"]
    calendar = holidays.country_holidays(country, years=year)
    if language not in (calendar.supported_languages or ()):
        return calendar  # a country without that language keeps its own default names
    return holidays.country_holidays(country, years=year, language=language)


def holiday_name(country: str | None, day: dt.date, lang: str = "nl") -> str | None:
    """The public holiday on `day` as the reader says it ("Kerstmis", "Christmas Day")."""
    if not country or public_holiday(country, day) is None:
        return None
    tabled = _tabled(country, day)
    if tabled:
        return tabled[2 if lang == "en" else 1]
    return _holiday_names(country, day.year, lang).get(day)


def holiday_table(countries=TABLE_COUNTRIES, years=TABLE_YEARS) -> dict:
    """HOLIDAY_TABLE's contents, asked of the `holidays` package."""
    import holidays

    table: dict[str, dict[int, dict[str, tuple[str, str, str]]]] = {}
    for country in countries:
        for year in years:
            days = holidays.country_holidays(country, years=year)
            table.setdefault(country, {})[year] = {
                day.isoformat(): (
                    name,
                    _holiday_names(country, year, "nl").get(day),
                    _holiday_names(country, year, "en").get(day),
                )
                for day, name in sorted(days.items())
            }
    return table


def write_holiday_table() -> None:
    """Write solver/domain/holiday_table.py from the installed `holidays` package."""
    import holidays

    lines = [
        f'"""Generated by solver.domain.calendar.write_holiday_table() from holidays '
        f"{holidays.__version__}:",
        "public holidays as (name, Dutch name, English name) by country, year and ISO day. Do not",
        'edit: regenerate (see solver/domain/calendar.py)."""',
        "",
        "TABLE = {",
    ]

    def text(value: str | None) -> str:  # as ruff formats it: double quotes
        return "None" if value is None else json.dumps(value, ensure_ascii=False)

    for country, years in holiday_table().items():
        lines.append(f"    {text(country)}: {{")
        for year, days in years.items():
            lines.append(f"        {year}: {{")
            lines += [
                f"            {text(day)}: ({', '.join(text(n) for n in names)}),"
                for day, names in days.items()
            ]
            lines.append("        },")
        lines.append("    },")
    lines.append("}")
    Path(__file__).with_name("holiday_table.py").write_text("\n".join(lines) + "\n", "utf-8")
    _table.cache_clear()


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
