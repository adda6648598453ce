"""One cover (issue 15): the kernel judges a day by the roster's own levels 1 and 2.

The property, on generated days where only coaches are absent: the coverage kernel (through pool
sizing's exact method, `day_judgement`) gives the roster model's level 1 (workers without a
coach, half days), its level 2 (coaching below the norm, in units) and its number of sites
without a coach. Equally optimal rosters may choose different sites, so sites are compared by
number. Unlike `test_coverage.py`, enclaves ask one or two coaches, sharing sites too, and teams
of any need: under `ratio_norms_as: limit` the roster sends a worker home rather than coach
below the ratio, so only the contract's coaches can be missing at level 2, and the kernel counts
exactly that.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factory import MONDAY, absent, coach, company, site, team
from solver.analysis.pool import day_judgement
from solver.checker import check_roster
from solver.coverage import Cover
from solver.domain import Policy
from solver.roster.day import build_day
from solver.roster.model import SolveOptions, solve_day

NEEDS = ("low", "medium", "high")


@st.composite
def contract_days(draw):
    """2-5 enclaves asking 1 or 2 coaches, regular coaches and vlinders, some coaches away."""
    n_sites = draw(st.integers(2, 5))
    sites, workers = [], []
    for i in range(n_sites):
        site_id = f"E{i + 1}"
        headcount = draw(st.integers(1, 9))
        sites.append(
            site(
                site_id,
                headcount,
                lat=50.80 + draw(st.integers(0, 10)) / 100,
                lon=2.80 + draw(st.integers(0, 10)) / 100,
                coaches=draw(st.integers(1, 2)),
                pilot=draw(st.booleans()),
            )
        )
        # A mixed team: a large high-need team asks more coaches than the contract.
        for k, need in enumerate(draw(st.lists(st.sampled_from(NEEDS), min_size=1, max_size=2))):
            share = headcount // 2 if k == 0 else headcount - headcount // 2
            workers += team(site_id, share, need, start=1 + k * 10)
    site_ids = [s.id for s in sites]
    coaches = []
    for s in sites:
        for k in range(draw(st.integers(0, s.coaches))):
            trained = draw(st.lists(st.sampled_from(site_ids), max_size=2, unique=True))
            coaches.append(coach(f"C{s.id}{k}", s.id, trained_at=trained))
    for k in range(draw(st.integers(0, 3))):
        trained = draw(st.lists(st.sampled_from(site_ids), min_size=1, unique=True))
        coaches.append(coach(f"V{k + 1}", trained_at=trained))
    ids = [c.id for c in coaches]
    away = draw(st.lists(st.sampled_from(ids), max_size=len(ids) // 2, unique=True)) if ids else []
    policy = Policy(
        shared_coach=draw(st.sampled_from(("never", "pilot"))),
        max_sites_per_shared_coach=draw(st.integers(2, 3)),
        shared_coach_max_need="high",  # the need rule is the weekday's, tested in test_pool
    )
    absences = [absent(p) for p in away]
    return company(sites, coaches, workers, absences, policy=policy), tuple(sorted(away))


def _model_levels(c):
    roster = solve_day(build_day(c, MONDAY), SolveOptions(time_limit=10))
    data = roster.to_json()
    result = check_roster(c, data)
    assert result.ok, [str(v) for v in result.violations]
    assert roster.status == "optimal"
    no_coach = [e["id"] for e in data["enclaves"] if e["status"] == "no_coach"]
    return data["levels"]["level1"], data["levels"]["level2"], no_coach


@settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(contract_days())
def test_kernel_gives_the_roster_levels_one_and_two(day_and_away):
    c, away = day_and_away
    judged = day_judgement(replace(c, absences=()), MONDAY, away)
    level1, level2, no_coach = _model_levels(c)
    assert judged["level1"] == level1
    assert judged["level2"] == level2
    assert len(judged["no_coach"]) == len(no_coach)
    # The kernel over the real day (robustness's `Cover`) says the same.
    cover = Cover(build_day(c, MONDAY))
    assert sorted(cover.sites[i] for i in _bits(cover.judge().uncovered)) == judged["no_coach"]
    assert 2 * 910 * cover.judge().missing == level2  # U = lcm(13, 10, 7), two halves


def _bits(mask: int) -> list[int]:
    return [i for i in range(mask.bit_length()) if mask >> i & 1]


def test_a_shared_coach_is_the_second_coach_of_an_enclave_of_two():
    """A pilot enclave of two coaches has one of its own; the vlinder shared with the pilot site
    next door is its second coach and the neighbour's first: nothing missing. Without sharing
    the neighbour's team weighs more (level 1 first), and the enclave misses a coach."""
    sites = [
        site("A", 3, coaches=2, pilot=True),
        site("B", 2, lat=50.856, lon=2.893, pilot=True),
    ]
    coaches = [coach("CA", "A"), coach("V", trained_at=["A", "B"])]
    workers = team("A", 3) + team("B", 2)
    shared = company(sites, coaches, workers)
    assert day_judgement(shared, MONDAY) == {
        "no_coach": [],
        "below_norm": [],
        "level1": 0,
        "level2": 0,
    }
    apart = company(sites, coaches, workers, policy=Policy(shared_coach="never"))
    assert day_judgement(apart, MONDAY) == {
        "no_coach": [],
        "below_norm": ["A"],
        "level1": 0,
        "level2": 2 * 910,
    }
    for c in (shared, apart):
        level1, level2, _ = _model_levels(c)
        assert (level1, level2) == (0, day_judgement(c, MONDAY)["level2"])
