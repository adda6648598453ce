"""Who may go where: one answer (solver.roster.eligibility), the reason a pair is left out, and the
day's options built from exactly that answer."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factory import MONDAY, absent, coach, company, site, worker
from solver.domain import Coach, DayDemand, Policy, Worker
from solver.roster.day import build_day
from solver.roster.eligibility import day_exclusion, may_share_coach


def _day(people, sites=None, forbids=(), absences=(), demand=(), **policy):
    sites = sites or [
        site("E1", skills=("forklift",)),
        site("E2"),
        site("S1", kind="service"),
        site("Z", headcount=0),
    ]
    coaches = [p for p in people if isinstance(p, Coach)]
    workers = [p for p in people if isinstance(p, Worker)]
    c = company(sites, coaches, workers, absences, demand, policy=Policy(**policy))
    return build_day(c, MONDAY, forbids=forbids)


@pytest.mark.parametrize(
    ("person", "site_id", "reason", "extra"),
    [
        (coach("V1", trained_at=["E2"]), "E1", ("not_trained",), {}),
        (coach("V1", trained_at=["E1"]), "E1", ("missing_skill", "forklift"), {}),
        (coach("I1", role="interim", skills=("forklift",)), "E1", ("interim_not_allowed",), {}),
        (coach("V1", trained_at=["E2"]), "E2", ("forbidden",), {"forbids": [("V1", "E2")]}),
        (coach("V1", trained_at=["E2"]), "E2", ("absent", "sick"), {"absences": [absent("V1", kind="sick")]}),
        (coach("V1", trained_at=["E2"], days=("tue",)), "E2", ("day_off", "mon"), {}),
        (coach("V1", trained_at=["S1"]), "S1", ("no_coach_needed",), {}),
        (coach("V1", trained_at=["E2"]), "E2", ("not_running", "closed"), {"demand": [DayDemand(MONDAY, "E2", None, True)]}),
        (worker("W1", "E1"), "Z", ("no_headcount",), {}),
        (worker("W1", "E1"), "E2", ("not_trained",), {}),
    ],
)  # fmt: skip
def test_each_reason_and_its_twin(person, site_id, reason, extra):
    """Each reason code on a pair it applies to, and the pair's options follow the answer."""
    day = _day([person], **extra)
    assert day_exclusion(day, person.id, site_id) == reason
    options = day.coach_options.get(person.id, day.worker_options.get(person.id))
    assert site_id not in [o.site for o in options]


def test_allowed_pairs_have_no_reason():
    day = _day(
        [
            coach("C1", "E1", skills=("forklift",)),
            coach("I1", role="interim", skills=("forklift",)),
            worker("W1", "E1", trained_at=["E2"]),
        ],
        interim_coaches=True,
    )
    for person, site_id in (("C1", "E1"), ("I1", "E1"), ("I1", "E2"), ("W1", "E2")):
        assert day_exclusion(day, person, site_id) == ()


def test_the_most_lasting_reason_is_said_first():
    """An untrained coach on leave is 'not trained' (explain counts it among the untrained), a
    forbid outranks everything: the planner's word is the reason to show."""
    day = _day(
        [coach("V1", trained_at=["E2"])],
        absences=[absent("V1")],
        forbids=[("V1", "E2")],
    )
    assert day_exclusion(day, "V1", "E1") == ("not_trained",)
    assert day_exclusion(day, "V1", "E2") == ("forbidden",)


def test_which_sites_may_share_a_coach():
    small, pilot, service = site("A", 3), site("B", 8, pilot=True), site("S", 2, kind="service")
    assert may_share_coach(small, 3, Policy(shared_coach="small"))
    assert not may_share_coach(small, 4, Policy(shared_coach="small"))  # today's headcount
    assert may_share_coach(pilot, 8, Policy(shared_coach="pilot"))
    assert not may_share_coach(small, 3, Policy(shared_coach="pilot"))
    assert not may_share_coach(pilot, 8, Policy(shared_coach="never"))
    assert not may_share_coach(service, 2, Policy(shared_coach="small"))


@st.composite
def days(draw):
    """Small days with every kind of reason: skills, interim, part-time, absences, forbids,
    closures, service sites, sites asking no workers today."""
    n = draw(st.integers(1, 4))
    sites = [
        site(
            f"E{i}",
            draw(st.integers(0, 4)),
            kind=draw(st.sampled_from(("enclave", "enclave", "service"))),
            skills=tuple(draw(st.lists(st.just("forklift"), max_size=1))),
        )
        for i in range(n)
    ]
    ids = [s.id for s in sites]
    pick = st.lists(st.sampled_from(ids), max_size=n, unique=True)
    days_ = st.sampled_from((("mon",), ("tue",), ("mon", "tue")))
    people = [
        coach(f"C{i}", draw(st.sampled_from(ids)), trained_at=draw(pick), days=draw(days_))
        for i in range(draw(st.integers(0, 2)))
    ]
    people += [
        coach(f"V{i}", trained_at=draw(pick), skills=("forklift",) * draw(st.integers(0, 1)))
        for i in range(draw(st.integers(0, 2)))
    ]
    people += [coach("I1", role="interim")] * draw(st.integers(0, 1))
    people += [
        worker(f"W{i}", draw(st.sampled_from(ids)), trained_at=draw(pick), days=draw(days_))
        for i in range(draw(st.integers(0, 3)))
    ]
    person_ids = [p.id for p in people]
    away = draw(st.lists(st.sampled_from(person_ids), unique=True)) if people else []
    forbids = (
        draw(st.lists(st.tuples(st.sampled_from(person_ids), st.sampled_from(ids))))
        if people
        else []
    )
    demand = [
        DayDemand(MONDAY, s, None, True) for s in draw(st.lists(st.sampled_from(ids), max_size=1))
    ]
    c = company(
        sites,
        [p for p in people if isinstance(p, Coach)],
        [p for p in people if isinstance(p, Worker)],
        [absent(p) for p in away],
        demand,
        policy=Policy(interim_coaches=draw(st.booleans())),
    )
    return build_day(c, MONDAY, forbids=forbids)  # fmt: skip


@settings(
    max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(days())
def test_the_days_options_are_exactly_the_pairs_without_a_reason(day):
    company = day.company
    for person in sorted({*company.coaches, *company.workers}):
        options = day.coach_options.get(person, day.worker_options.get(person))
        allowed = {o.site for o in options}
        for site_id in day.site_ids():
            reason = day_exclusion(day, person, site_id)
            assert (site_id in allowed) == (reason == ()), (person, site_id, reason)
