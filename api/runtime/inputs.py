"""From a request to the solver's inputs: today's absences, pins, dates, time limits.

Absences arrive as `{person, kind, part, reported_at}` for the day, a category only (CONTRACT:
absences carry a kind, never a reason); what each kind means for the day is
solver.roster.day.todays_absences. Here they are checked: unknown ids, a person listed twice and a
call time that is no `HH:MM` are refused with the JSON path of the item. A sick call's
`reported_at` goes to the solver as the time the call came in (`reported_at` of `solve`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pydantic import BaseModel

from api.core.errors import ApiError
from solver.domain import Absence, Company
from solver.io.loading import parse_time
from solver.roster.day import todays_absences

if TYPE_CHECKING:
    from fastapi import Request
    from sqlalchemy.orm import Session

    from api.storage.store import LoadedCompany

FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2099, 12, 31)


def check_date(date: dt.date, where: str) -> dt.date:
    if not FIRST_DAY <= date <= LAST_DAY:
        raise ApiError(
            422,
            "service.error.date_out_of_range",
            where,
            "service.hint.date_out_of_range",
            params={
                "date": date.isoformat(),
                "first": FIRST_DAY.isoformat(),
                "last": LAST_DAY.isoformat(),
            },
        )
    return date


def _person(company: Company, person: str, where: str) -> str:
    if person not in company.coaches and person not in company.workers:
        raise ApiError(
            422,
            "service.error.unknown_person",
            where,
            "service.hint.unknown_person",
            params={"person": repr(person)},
        )
    return person


def absences_for_day(
    company: Company,
    date: dt.date,
    absences: Sequence[dict],
    where: str = "$.absences",
    sick_is_sudden: bool = True,
) -> tuple[tuple[Absence, ...], tuple[str, ...]]:
    """Today's absences other than sick calls (to add to the company's), and who called in."""
    seen: set[str] = set()
    for index, item in enumerate(absences):
        person = _person(company, item["person"], f"{where}[{index}].person")
        if person in seen:
            raise ApiError(
                422,
                "service.error.listed_twice",
                f"{where}[{index}].person",
                "service.hint.listed_twice",
                params={"person": person},
            )
        seen.add(person)
    reported = ((a["person"], a["kind"], a.get("part", "day")) for a in absences)
    return todays_absences(date, reported, sick_is_sudden)


def call_times(
    absences: Sequence[dict], called_in: Sequence[str], where: str = "$.absences"
) -> dict[str, dt.time]:
    """Person -> when their call came in, for who called in (`absences_for_day`). Every
    `reported_at` is checked, whatever the kind; only a call this morning has a use for it (any
    other absence counts as known before the day, as if it stood in absences.csv)."""
    times: dict[str, dt.time] = {}
    for index, item in enumerate(absences):
        text = item.get("reported_at")
        if text is None:
            continue
        try:
            times[item["person"]] = parse_time(str(text))
        except ValueError:
            raise ApiError(
                422,
                "service.error.bad_call_time",
                f"{where}[{index}].reported_at",
                "service.hint.bad_call_time",
                params={"value": repr(text)},
            ) from None
    return {person: times[person] for person in called_in if person in times}


def _person_site_pairs(company: Company, items: Sequence[dict], where: str):
    """(index, person, site) of pins or forbids, every unknown id named by its JSON path."""
    for index, item in enumerate(items):
        person = _person(company, item["person"], f"{where}[{index}].person")
        if item["site"] not in company.sites:
            raise ApiError(
                422,
                "service.error.unknown_site",
                f"{where}[{index}].site",
                "service.hint.unknown_site",
                params={"site": repr(item["site"])},
            )
        yield index, person, item["site"]


def pins_for(company: Company, pins: Sequence[dict], where: str = "$.pins") -> dict[str, str]:
    found: dict[str, str] = {}
    for index, person, site in _person_site_pairs(company, pins, where):
        if person in found:
            raise ApiError(
                422,
                "service.error.pinned_twice",
                f"{where}[{index}].person",
                "service.hint.pinned_twice",
                params={"person": person},
            )
        found[person] = site
    return found


def forbids_for(
    company: Company, forbids: Sequence[dict], where: str = "$.forbids"
) -> tuple[tuple[str, str], ...]:
    """(person, site) pairs the planner ruled out."""
    return tuple(sorted({(p, s) for _, p, s in _person_site_pairs(company, forbids, where)}))


def pin_where(pins: Sequence[dict], message: str, where: str = "$.pins") -> str:
    """The pin an ImpossiblePin message ("P=S: why") is about."""
    person = message.partition("=")[0]
    for index, item in enumerate(pins):
        if item["person"] == person:
            return f"{where}[{index}]"
    return where


def time_limit(requested: float | None, cap: float) -> float:
    """The server's cap wins: a request may ask for less time, never for more."""
    return cap if requested is None else max(0.1, min(requested, cap))


@dataclass(frozen=True)
class DayAsked:
    """A request about one day of one stored company, checked: what a route hands the solver."""

    loaded: LoadedCompany
    date: dt.date
    absences: list[dict]  # as the caller gave them, kept with a solve
    added: tuple[Absence, ...]  # today's absences other than sick calls
    called_in: tuple[str, ...]  # who called in sick
    reported_at: dict[str, dt.time] = field(default_factory=dict)  # when they called, if said

    @property
    def company(self) -> Company:
        return self.loaded.company


def day_asked(
    request: Request,
    s: Session,
    company_id: str,
    date: dt.date,
    absences: Sequence[BaseModel | dict],
    *,
    date_where: str = "$.date",
    site: str | None = None,
    sick_is_sudden: bool = True,
) -> DayAsked:
    """The one step from a request to a day's inputs, for solve, re-plan, suggest and
    robustness: the stored company (404), the date (422), the site asked about, if any, then
    the absences, each problem with its JSON path."""
    loaded = request.app.state.companies.load(s, company_id)
    date = check_date(date, date_where)
    if site is not None and site not in loaded.company.sites:
        raise ApiError(
            422,
            "service.error.unknown_site",
            "$.site",
            "service.hint.unknown_site",
            params={"site": repr(site)},
        )
    # Kept with a solve as given; a call time left out is not stored as null.
    asked = [a.model_dump(exclude_none=True) if isinstance(a, BaseModel) else a for a in absences]
    added, called_in = absences_for_day(loaded.company, date, asked, sick_is_sudden=sick_is_sudden)
    return DayAsked(loaded, date, asked, added, called_in, call_times(asked, called_in))
