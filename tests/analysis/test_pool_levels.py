"""One cover (issue 15): on simulated days pool sizing judges a day as the roster model does.

Seeded sampling from the absence model over the example company: for the company's own four
vlinders and for no vlinder at all, simulated days are drawn of three sorts (some enclave
without a coach; every enclave covered but one below its contract's coaches; a day the pilot
coach C01 is out, so a vlinder must share the care homes). On each, the roster model solves the
same date with the same coaches away; its level 1, its level 2 and its number of enclaves
without a coach are the simulation's. Equally optimal rosters may choose different sites, so
sites are compared by number.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from factory import coach, company, site, team
from solver.analysis.absence_model import AbsenceModel
from solver.analysis.pool import (
    Design,
    build_plan,
    chunk_days,
    config_available,
    day_judgement,
    day_state,
    design,
    judge_days,
    judge_states,
    pool_company,
    size_pool,
    state_keys,
)
from solver.checker import check_roster
from solver.cli.pool import summary
from solver.coverage import Kernel
from solver.domain import WEEKDAYS, Absence
from solver.reports.pool_report import render
from solver.reports.words import number, t
from solver.roster.day import coach_ratio_units
from solver.roster.model import SolveOptions, solve
from solver.roster.rules import HALF_DAYS


def _model(c, date, absent):
    """The roster model's levels 1 and 2 and its enclaves without a coach on `date`."""
    day = replace(c, absences=tuple(Absence(p, date, date, "day", "leave") for p in absent))
    roster = solve(day, date, options=SolveOptions(time_limit=20))
    assert check_roster(day, roster.to_json()).ok
    assert all(stage["status"] == "OPTIMAL" for stage in roster.solver["stages"][:2])
    no_coach = [e.id for e in roster.enclaves if e.status == "no_coach"]
    return roster.levels["level1"], roster.levels["level2"], no_coach


def test_simulated_days_are_judged_as_the_roster_model_does(westlandia):
    # The simulation draws no client changes: the company without its demand.csv.
    company = replace(westlandia, demand=())
    units, _ = coach_ratio_units(company)
    current = design(company, "current", 4)
    plan = build_plan(company, AbsenceModel(), [current], 10, seed=15, worker_years=0)
    days = chunk_days(plan, 0, 4)
    dates = [d for y in days.years for d in plan.calendars[y % len(plan.calendars)].cal.dates]
    rng = np.random.default_rng(15)
    cases = [
        (plan.configs[0].cov, config_available(days, plan.configs[0]), current),
        (plan.baseline, days.regular_available, Design("none", 0, ())),
    ]
    sorts_seen = set()
    for cov, available, pool_design in cases:
        keys, inverse = state_keys(day_state(cov, days.running, available))
        judged = judge_states(cov, keys)
        uncovered = np.array([j.uncovered for j in judged])[inverse]
        missing = np.array([j.missing for j in judged])[inverse]
        # The fast path (sites nobody present may serve settled apart) gives the same days.
        fast = judge_days(cov, days.running, available)
        assert (fast[0] @ (1 << np.arange(len(cov.sites))) == uncovered).all()
        assert (fast[2] == missing).all()
        c01_out = days.running[:, cov.sites.index("E01")] > 0
        c01_out &= ~available[:, cov.coaches.index("C01")]
        sorts = {
            "no_coach": np.flatnonzero(uncovered > 0),
            "below_norm_only": np.flatnonzero((uncovered == 0) & (missing > 0)),
            "c01_out": np.flatnonzero(c01_out & (uncovered == 0)),
        }
        pool = pool_company(company, pool_design)
        for sort, rows in sorts.items():
            if not rows.size:
                continue
            sorts_seen.add(sort)
            for i in rng.choice(rows, size=min(2, rows.size), replace=False):
                date = dates[i]
                weekday = WEEKDAYS[date.weekday()]
                absent = [
                    p
                    for j, p in enumerate(cov.coaches)
                    if not available[i, j] and weekday in pool.coaches[p].days
                ]
                level1, level2, no_coach = _model(pool, date, absent)
                simulated = judged[inverse[i]]
                assert level1 == HALF_DAYS * cov.headcount_of(simulated.uncovered), (date, absent)
                assert level2 == HALF_DAYS * units * simulated.missing, (date, absent)
                assert len(no_coach) == simulated.uncovered.bit_count(), (date, absent)
                # The same day through the one-day door gives the same judgement.
                one_day = day_judgement(pool, date, absent)
                assert (one_day["level1"], one_day["level2"]) == (level1, level2)
    assert sorts_seen == {"no_coach", "below_norm_only", "c01_out"}


def test_the_report_shows_both_figures_and_says_which_the_advice_uses():
    """An enclave of two coaches with one of its own: most of its days are below the norm with a
    coach there, so the two figures differ; the report and the command line show both, in
    Dutch first, and say the recommendation uses the site-days without a coach."""
    sites = [site("E1", 6, coaches=2), site("E2", 3, lat=50.80, lon=2.95)]
    coaches = [coach("C1", "E1"), coach("C2", "E2"), coach("V1", trained_at=["E1", "E2"])]
    c = company(sites, coaches, [*team("E1", 6), *team("E2", 3)])
    study = size_pool(
        c, AbsenceModel(), years=20, pools=range(2), designs=("current",), seed=3, workers=1,
        plan_years=0, worker_years=0,
    )  # fmt: skip
    data = study.to_json()
    assert data["recommendation_uses"] == "no_coach_site_days_per_year"
    for point in data["curve"]:
        # Below the norm counts every day without a coach, and E1's days with one coach.
        assert point["below_norm_site_days_per_year"] > point["no_coach_site_days_per_year"]
        assert point["missing_coach_days_per_year"] >= point["below_norm_site_days_per_year"]
    zero, one = data["curve"]
    assert one["below_norm_site_days_per_year"] < zero["below_norm_site_days_per_year"]
    page = render(study, "nl")
    assert t("pool.uses", "nl") in page
    assert t("pool.below_norm", "nl") in page and t("pool.no_coach", "nl") in page
    below = number(one["below_norm_site_days_per_year"], "nl", 1)
    assert f"<td>{below}</td>" in page
    assert t("pool.uses", "en") in render(study, "en")
    printed = summary(study, "nl", lambda rows, header: "\n".join(map(str, [header, *rows])))
    assert t("pool.uses", "nl") in printed and below in printed


def test_the_shortcuts_give_the_plain_kernel_on_every_simulated_day(westlandia):
    """Anchors, the rules that place a flexible coach before the kernel, open sites nobody may
    serve settled apart, parts and the caches: on every simulated day of two years, for three
    pools, the same answer as the kernel asked about the whole day with every coach present
    (the kernel itself is held to the roster model above and in tests/coverage)."""
    designs = [design(westlandia, "current", 4), design(westlandia, "full", 3)]
    plan = build_plan(westlandia, AbsenceModel(), designs, 2, seed=21, worker_years=0)
    days = chunk_days(plan, 0, 4)
    cases = [(plan.baseline, days.regular_available)]
    cases += [(config.cov, config_available(days, config)) for config in plan.configs]
    for cov, available in cases:
        uncovered, below, missing = judge_days(cov, days.running, available)
        for i in range(len(days.year_of_day)):
            code = sum(1 << k for k, s in enumerate(cov.need_sites) if days.running[i, s] == 2)
            day_bundles = cov.sharing(cov.blocked_mask(code)).kernel.bundles
            allowed = [
                sum(1 << j for j, m in enumerate(cov.allowed) if m >> s & 1)
                for s in range(len(cov.sites))
            ]
            plain = Kernel(cov.headcount, tuple(allowed), day_bundles, norm=cov.norm)
            runs = sum(1 << s for s in range(len(cov.sites)) if days.running[i, s])
            present = sum(1 << j for j in range(len(cov.coaches)) if available[i, j])
            expected = plain.judge(runs, present)
            assert expected.missing == missing[i]
            assert expected.uncovered.bit_count() == uncovered[i].sum()
            assert cov.headcount_of(expected.uncovered) == uncovered[i] @ cov.headcount
            assert expected.below.bit_count() == below[i].sum()
