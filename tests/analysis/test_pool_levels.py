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
    state_keys,
)
from solver.checker import check_roster
from solver.domain import WEEKDAYS, Absence
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
