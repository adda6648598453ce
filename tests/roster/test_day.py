"""The day's facts (solver.roster.day.build_day) that only the explanations and pool sizing read:
the public holiday's name and the travel times the options were measured with."""

from __future__ import annotations

import datetime as dt

from factory import MONDAY, coach, company, site, worker
from solver.domain.calendar import public_holiday
from solver.roster.day import build_day

CHRISTMAS = dt.date(2026, 12, 25)  # a Friday, a Belgian public holiday


def _company(**settings):
    return company(
        [site("E1", lat=50.90, lon=2.88), site("E2", lat=50.95, lon=2.88)],
        [coach("C1", home="E1")],
        [worker("W1", "E1"), worker("W2", "E2")],
        **settings,
    )


def test_day_holiday_is_named_on_a_public_holiday_and_none_otherwise():
    name = public_holiday("BE", CHRISTMAS)
    assert name  # the calendar knows Christmas
    assert build_day(_company(), CHRISTMAS).holiday == name
    assert build_day(_company(), MONDAY).holiday is None


def test_day_holiday_is_none_when_the_company_ignores_public_holidays():
    assert build_day(_company(public_holidays=None), CHRISTMAS).holiday is None


def test_day_travel_gives_the_minutes_the_options_were_built_with():
    c = _company()
    day = build_day(c, MONDAY)
    assert day.travel is not None
    depot = (c.settings.depot.lat, c.settings.depot.lon)
    for options in (*day.coach_options.values(), *day.worker_options.values()):
        for option in options:
            s = c.sites[option.site]
            if option.person in c.coaches and c.coaches[option.person].lat is None:
                assert day.travel.minutes(depot, (s.lat, s.lon)) == option.travel_minutes
    e1, e2 = c.sites["E1"], c.sites["E2"]
    # 0.05 degree of latitude = 5.56 km, x 1.3 road factor at 40 km/h: ceil(10.84) = 11 minutes
    assert day.travel.minutes((e1.lat, e1.lon), (e2.lat, e2.lon)) == 11
