"""Expected sickness and vlinder training in the week plan (issue 14): the chance that a site
loses its coach, against closed forms; a plan that uses every vlinder says so; an idle vlinder
trains where it is not yet trained, only where the site runs with its own coach."""

from __future__ import annotations

import datetime as dt

import pytest

from factory import MONDAY, absent, coach, company, site, team
from solver.analysis.absence_model import AbsenceModel
from solver.analysis.plan import plan
from solver.analysis.plan_risk import day_risk, sick_rate
from solver.analysis.plan_training import Training, schedule, wishes
from solver.roster.model import SolveOptions, solve

TUESDAY = MONDAY + dt.timedelta(days=1)
WEDNESDAY = MONDAY + dt.timedelta(days=2)
OPTIONS = SolveOptions(time_limit=20.0)
P = 0.1
MODEL = AbsenceModel(mode="independent", daily_probability=P)
# 2,000 samples: a chance's standard error is at most 0.011; four of them is a wide margin.
TOLERANCE = 0.045


def three_sites(*vlinders, absences=()):
    return company(
        [site("A"), site("B"), site("C")],
        [coach("CA", "A"), coach("CB", "B"), coach("CC", "C"), *vlinders],
        team("A", 3) + team("B", 3) + team("C", 3),
        absences=absences,
    )


def risk_of(firm, day=MONDAY, **kw):
    return day_risk(firm, solve(firm, day, options=OPTIONS), MODEL, **kw)


def test_with_no_vlinder_any_sick_coach_leaves_a_site_without_one():
    risk = risk_of(three_sites())
    assert risk.chance == pytest.approx(1 - (1 - P) ** 3, abs=TOLERANCE)
    assert set(risk.sites) == {"A", "B", "C"}
    for chance in risk.sites.values():
        assert chance == pytest.approx(P, abs=TOLERANCE)
    assert risk.free_vlinders == ()
    assert not risk.all_vlinders_used  # there is no vlinder to use


def test_a_free_vlinder_trained_everywhere_lowers_the_chance():
    without = risk_of(three_sites())
    risk = risk_of(three_sites(coach("V1", trained_everywhere=True)))
    # Lost only when two regular coaches are sick, or one and the vlinder.
    two = 3 * P**2 * (1 - P) + P**3
    one_and_vlinder = 3 * P * (1 - P) ** 2 * P
    assert risk.chance == pytest.approx(two + one_and_vlinder, abs=TOLERANCE)
    assert risk.chance < without.chance - 0.1
    assert risk.free_vlinders == ("V1",)
    assert not risk.all_vlinders_used


def test_a_vlinder_trained_at_one_site_only_protects_that_site():
    risk = risk_of(three_sites(coach("V1", trained_at=("A",))))
    assert risk.sites["A"] < P / 2
    assert risk.sites["B"] == pytest.approx(P, abs=TOLERANCE)


def test_a_plan_that_uses_every_vlinder_says_so():
    firm = three_sites(coach("V1", trained_everywhere=True), absences=[absent("CA")])
    roster = solve(firm, MONDAY, options=OPTIONS)
    assert roster.site("A").coaches == ["V1"]
    risk = day_risk(firm, roster, MODEL)
    assert risk.all_vlinders_used
    assert risk.free_vlinders == ()
    # Nobody left to stand in: every site is lost with its coach, A with the vlinder.
    assert risk.chance == pytest.approx(1 - (1 - P) ** 3, abs=TOLERANCE)
    assert risk.sites["A"] == pytest.approx(P, abs=TOLERANCE)


def test_a_site_already_without_a_coach_is_a_warning_not_a_risk():
    firm = three_sites(absences=[absent("CA")])
    risk = risk_of(firm)
    assert "A" not in risk.sites
    assert risk.chance == pytest.approx(1 - (1 - P) ** 2, abs=TOLERANCE)


def test_the_same_seed_gives_the_same_risk_and_another_seed_a_close_one():
    firm = three_sites(coach("V1", trained_at=("A", "B")))
    roster = solve(firm, MONDAY, options=OPTIONS)
    once, again = day_risk(firm, roster, MODEL, seed=3), day_risk(firm, roster, MODEL, seed=3)
    assert once == again
    other = day_risk(firm, roster, MODEL, seed=4)
    assert other.chance == pytest.approx(once.chance, abs=TOLERANCE)


def test_the_sickness_rate_follows_the_model_and_the_season():
    model = AbsenceModel()
    winter, summer = sick_rate(model, dt.date(2027, 1, 15)), sick_rate(model, dt.date(2027, 7, 15))
    assert winter > summer
    # About one of 17 coaches sick on an average day (the arithmetic).
    spring = sick_rate(model, dt.date(2027, 4, 15))
    assert 0.8 < 17 * spring < 1.5
    assert sick_rate(MODEL, MONDAY) == P


def test_the_plan_carries_a_risk_per_day():
    firm = three_sites(coach("V1", trained_everywhere=True), absences=[absent("CA", TUESDAY)])
    week = plan(firm, MONDAY, days=3, options=OPTIONS, model=MODEL)
    assert [r.date for r in week.risk] == [MONDAY, TUESDAY, WEDNESDAY]
    assert [r.all_vlinders_used for r in week.risk] == [False, True, False]
    assert week.risk[1].chance > week.risk[0].chance


# --- training ---------------------------------------------------------------------------------


def training_firm(*absences):
    """A and B with their own coach; V1 trained at A only, so it is idle while both coaches
    are there, and B lacks a vlinder."""
    return company(
        [site("A"), site("B"), site("C", days=("mon", "tue"))],
        [
            coach("CA", "A"),
            coach("CB", "B"),
            coach("CC", "C", trained_at=("A",)),
            coach("V1", trained_at=("A",)),
        ],
        team("A", 3) + team("B", 3) + team("C", 3),
        absences=absences,
    )


def test_an_idle_vlinder_trains_where_the_site_runs_with_its_own_coach():
    # Monday CB is away (B has nobody), so V1 cannot train next to B's coach; C runs only
    # Monday and Tuesday and its coach is away on Tuesday.
    firm = training_firm(absent("CB", MONDAY), absent("CC", TUESDAY))
    week = plan(firm, MONDAY, days=3, options=OPTIONS, model=MODEL)
    assert week.days[0].site("B").status == "no_coach"
    assert set(week.days[0].idle["coaches"]) == {"V1"}
    # B is the warning's site: wanted first; C's floor only on Monday, with its coach.
    assert week.training == [
        Training(MONDAY, "V1", "C"),
        Training(TUESDAY, "V1", "B"),
    ]
    for x in week.training:
        roster = next(r for r in week.days if r.date == x.date.isoformat())
        assert x.vlinder in roster.idle["coaches"]  # the roster is unchanged: still reserve
        assert not firm.coaches[x.vlinder].knows(x.enclave)


def test_no_training_where_the_vlinder_is_trained_or_busy():
    # CA away all three days: V1 covers A and has no day to train.
    firm = training_firm(*(absent("CA", d) for d in (MONDAY, TUESDAY, WEDNESDAY)))
    week = plan(firm, MONDAY, days=3, options=OPTIONS, model=MODEL)
    assert [d.site("A").coaches for d in week.days] == [["V1"]] * 3
    assert week.training == []


def test_wishes_put_the_warnings_first_then_the_risk_then_sites_without_a_vlinder():
    firm = training_firm()
    found = wishes(firm, ["C"], {"B": 0.2})
    assert [(w.enclave, w.why) for w in found] == [("C", "warning"), ("B", "risk")]
    assert [(w.enclave, w.why) for w in wishes(firm)] == [("B", "no_vlinder"), ("C", "no_vlinder")]


def test_schedule_skips_a_site_that_does_not_run():
    firm = training_firm()
    roster = solve(firm, WEDNESDAY, options=OPTIONS)  # C does not run on Wednesday
    assert schedule(firm, [roster], wishes(firm, ["C"])) == [Training(WEDNESDAY, "V1", "B")]
