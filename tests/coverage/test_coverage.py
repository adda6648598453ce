"""The coverage kernel: one answer to "which sites still get a coach when these people are away".

The property: on generated days where only coaches are absent, the kernel, robustness, pool
sizing and the roster model agree on how many sites go without a coach and how many workers
that leaves without one. Equally optimal rosters may pick different sites, so only the counts
are compared with the model. Days are kept where "fewest sites" is also the model's own
tie-break: one coach asked per site and teams small enough that the ratio never asks a second
one, so at level 2 every site without a coach costs one coach's units and nothing else does.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factory import MONDAY, absent, coach, company, site, team
from solver.analysis.pool import day_coverage
from solver.analysis.robustness import robustness
from solver.checker import check_roster
from solver.coverage import MAX_FAMILIES, Cover, Kernel
from solver.domain import Policy
from solver.roster.day import build_day
from solver.roster.model import SolveOptions, solve_day
from solver.roster.rules import HALF_DAYS

SKILLS = ("forklift", "food_hygiene")


@st.composite
def coach_absence_days(draw):
    """A company of 2-6 enclaves, regular coaches and vlinders, and the coaches away today."""
    n_sites = draw(st.integers(2, 6))
    sites, workers = [], []
    for i in range(n_sites):
        small = draw(st.booleans())
        # Small sites may share a coach; their low/medium teams (at most 3 x 3 workers) stay
        # within one coach's ratio, so sharing never adds coaching below the norm.
        headcount = draw(st.integers(0, 3)) if small else draw(st.integers(4, 7))
        need = draw(st.sampled_from(("low", "medium") if small else ("low", "medium", "high")))
        site_id = f"E{i + 1}"
        sites.append(
            site(
                site_id,
                headcount,
                lat=50.80 + draw(st.integers(0, 12)) / 100,
                lon=2.80 + draw(st.integers(0, 12)) / 100,
                skills=tuple(draw(st.lists(st.sampled_from(SKILLS), max_size=1))),
                pilot=small and draw(st.booleans()),
            )
        )
        workers += team(site_id, headcount, need)
    site_ids = [s.id for s in sites]
    coaches = []
    for s in sites:
        if draw(st.integers(0, 4)):  # most sites have their own coach, with the site's skills
            extra = draw(st.lists(st.sampled_from(SKILLS), max_size=1))
            coaches.append(
                coach(
                    f"C{s.id}",
                    s.id,
                    trained_at=draw(st.lists(st.sampled_from(site_ids), max_size=2, unique=True)),
                    skills=tuple(sorted({*s.skills, *extra})),
                )
            )
    for k in range(draw(st.integers(0, 4))):
        coaches.append(
            coach(
                f"V{k + 1}",
                trained_at=draw(st.lists(st.sampled_from(site_ids), max_size=n_sites, unique=True)),
                skills=tuple(draw(st.lists(st.sampled_from(SKILLS), max_size=2, unique=True))),
            )
        )
    ids = [c.id for c in coaches]
    away = draw(st.lists(st.sampled_from(ids), max_size=len(ids) // 2, unique=True)) if ids else []
    policy = Policy(
        shared_coach=draw(st.sampled_from(("never", "pilot", "small"))),
        max_sites_per_shared_coach=draw(st.integers(2, 3)),
    )
    absences = [absent(p, kind=draw(st.sampled_from(("leave", "sick", "adv")))) for p in away]
    return company(sites, coaches, workers, absences, policy=policy), tuple(sorted(away))


def _model(c, called_in=()):
    """The roster model's workers and sites without a coach; its roster must pass the checker."""
    roster = solve_day(build_day(c, MONDAY, called_in=called_in), SolveOptions(time_limit=10))
    data = roster.to_json()
    result = check_roster(c, data, called_in=called_in)
    assert result.ok, [str(v) for v in result.violations]
    assert roster.status == "optimal"
    sites = [s["id"] for s in data["enclaves"] if s["status"] == "no_coach"]
    # Level 1 counts half days; the kernel whole days (every absence here is a whole day).
    assert data["levels"]["level1"] % HALF_DAYS == 0
    return data["levels"]["level1"] // HALF_DAYS, sites


@settings(
    max_examples=100,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(coach_absence_days())
def test_kernel_robustness_pool_and_roster_agree(day_and_away):
    c, away = day_and_away
    cover = Cover(build_day(c, MONDAY))
    assert cover.exact  # at most six sites: every grouping of the sharing sites was tried
    workers, sites = cover.uncovered()

    # Pool sizing's simulation, on this one real day (it takes the absences as given).
    pooled = day_coverage(c, MONDAY, away)
    assert len(pooled) == len(sites)
    assert sum(c.sites[s].headcount for s in pooled) == workers

    model_workers, model_sites = _model(c)
    assert model_workers == workers
    assert len(model_sites) == len(sites)

    # Robustness: the day as it is, and every extra coach absence it looked at.
    result = robustness(c, MONDAY, k=1, find_fixes=False)
    assert result.baseline_without_coach == workers
    assert len(result.baseline_sites) == len(sites)
    assert result.disagreements == []
    weak = {link.absent: link for link in result.weak_links}
    for coach_id in cover.coaches():
        extra_workers, extra_sites = cover.uncovered({coach_id})
        link = weak.get((coach_id,))
        assert (link.workers_without_coach if link else 0) == extra_workers - workers
        if link:
            model_workers, model_sites = _model(c, called_in=(coach_id,))
            assert model_workers == extra_workers
            assert len(model_sites) == len(extra_sites)
            assert len(pooled_extra := day_coverage(c, MONDAY, (*away, coach_id))) == len(
                extra_sites
            )
            assert sum(c.sites[s].headcount for s in pooled_extra) == extra_workers


def test_shared_coach_covers_three_pilot_homes_only_together():
    """The pilot: one vlinder trained at three care homes close together. With sharing it
    covers all three; without, two homes stay without a coach (the two smallest teams)."""
    homes = [
        site("H1", 3, lat=50.851, lon=2.885, pilot=True),
        site("H2", 2, lat=50.856, lon=2.893, pilot=True),
        site("H3", 1, lat=50.846, lon=2.879, pilot=True),
    ]
    vlinder = coach("V1", trained_at=["H1", "H2", "H3"])
    for policy, expected in (("pilot", (0, [])), ("never", (3, ["H2", "H3"]))):
        c = company(homes, [vlinder], [], policy=Policy(shared_coach=policy))
        assert Cover(build_day(c, MONDAY)).uncovered() == expected


def test_ties_leave_the_fewest_sites_without_a_coach():
    """One vlinder for a far site of 4 workers, or shared over two pilot sites of 2 close
    together: 4 workers go without a coach either way; the kernel, like the roster, leaves one
    site without a coach, not two."""
    sites = [
        site("A", 4, lat=51.10, lon=2.60),
        site("B", 2, lat=50.851, lon=2.885, pilot=True),
        site("C", 2, lat=50.856, lon=2.893, pilot=True),
    ]
    c = company(sites, [coach("V1", trained_at=["A", "B", "C"])], [])
    assert Cover(build_day(c, MONDAY)).uncovered() == (4, ["A"])
    assert _model(c) == (4, ["A"])


def test_too_many_groupings_give_an_upper_bound_and_say_so():
    """Policy `small` and many small sites within a few minutes of each other: more ways to
    group them than MAX_FAMILIES. The kernel still returns a cover that exists, and says it
    may not be the best one."""
    n = 12
    headcount = (1,) * n
    near = [(1 << i) | (1 << j) for i in range(n) for j in range(i + 1, n)]
    kernel = Kernel(headcount=headcount, allowed=(1,) * n, bundles=tuple(near))
    left = kernel.uncovered((1 << n) - 1, 1)
    assert not kernel.exact
    assert len(kernel.all_families()) == MAX_FAMILIES
    assert bin(left).count("1") <= n - 1  # the one coach covers at least one site
