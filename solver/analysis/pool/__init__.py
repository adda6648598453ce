"""Vlinder pool sizing: many simulated years, exact daily coverage, training designs, a plan.

The hearing's director sized his pool on the back of an envelope (13 coaches x 32 absence days =
416 days, "so at least 2 vlinders; they are absent too and must keep training, so 4"). HR needs
the same answer with the spread: how many vlinders, trained where, give what service.

The package by concern (this module is its door: callers import from `solver.analysis.pool`):
- `designs`: which sites each vlinder of a pool is trained at (current, full, chain, ...).
- `judging`: the kernel's answer per simulated day state (levels 1 and 2), one real day too.
- `shortcuts`: one day's coverage through the coverage kernel, with the exact shortcuts
  (anchors, interchangeable coaches, packed day states, a per-process cache); the sites that may
  share a coach follow the day (the need rule: not where a high-need worker of the site's own
  team works that weekday), one `Sharing` per distinct set.
- `simulation`: the plan shipped to the workers; one chunk of simulated years drawn from the
  absence model and evaluated for every design.
- `training`: the greedy training plan for the recommended pool.
- `sizing`: the sweep aggregated into a service curve, the recommendation, the substitutes.
- `reasons`: why this pool, in words.

Definitions in the JSON (a simulated day is judged by the roster's own levels 1 and 2, through
the coverage kernel; see `solver.coverage`):
- `no_coach_site_days_per_year`: site-days left without any coach (temporary unemployment;
  level 1). The recommendation and `covered_share` use this figure.
- `below_norm_site_days_per_year`: site-days with fewer coaches than the contract asks, those
  without a coach included (level 2 is not zero there); `missing_coach_days_per_year`: the
  contract's coach-days missing over them (level 2 / (2 halves x the units of a coach)).
- `covered_share`: of the site-days that would be without a coach with no vlinder at all (the
  "coach-absence site-days", after the regular coaches helped where they are trained), the
  share the pool covered: 1 - no_coach(pool) / no_coach(no pool), a ratio of sums over years.
  `p10`, `p50`, `p90`: the same share per simulated year, its percentiles (the spread HR asked).
- `unemployment_worker_days_per_year`: workers of sites without a coach, summed over days.
- `costs` (per point): its expected yearly cost in euros with its parts (`point_costs`): the
  vlinders' pay, the temporary unemployment of those worker-days, and the coach-days short at
  sites that still have a coach (the site-days without one are counted once, as unemployment);
  `placeholder` while company.yaml's costs are the defaults (`costs_placeholder` on top).

Left out on purpose: interim (agency) coaches, which the hearing wants only for force majeure,
and the planner's dated absences and client changes (demand.csv): the simulation draws its own.
"""

from solver.analysis.pool.designs import (
    DESIGNS,
    FULL_WEEK,
    RANDOM_DRAWS,
    Design,
    Vlinder,
    block_groups,
    chain_groups,
    current_vlinders,
    design,
    design_label,
    pool_company,
    random_groups,
    ring,
    spread_groups,
    sweep_designs,
)
from solver.analysis.pool.judging import (
    day_coverage,
    day_judgement,
    judge_days,
    judge_states,
    solve_states,
)
from solver.analysis.pool.reasons import reasons
from solver.analysis.pool.shortcuts import (
    Coverage,
    Sharing,
    coverage,
    day_state,
    enclaves,
    mask_bits,
    site_codes,
    state_keys,
)
from solver.analysis.pool.simulation import (
    CHUNK_YEARS,
    SUBSTITUTES_MAX,
    WORKER_YEARS,
    ChunkResult,
    ChunkTask,
    Config,
    Days,
    Outcome,
    Plan,
    build_plan,
    chunk_days,
    config_available,
    evaluate,
    simulate_chunk,
    vlinder_available,
)
from solver.analysis.pool.sizing import (
    CurvePoint,
    Study,
    Substitutes,
    absence_summary,
    point_costs,
    recommend,
    size_pool,
)
from solver.analysis.pool.training import PLAN_MIN_GAIN, PLAN_YEARS, PlanStep, training_plan

__all__ = [
    "CHUNK_YEARS",
    "DESIGNS",
    "FULL_WEEK",
    "PLAN_MIN_GAIN",
    "PLAN_YEARS",
    "RANDOM_DRAWS",
    "SUBSTITUTES_MAX",
    "WORKER_YEARS",
    "ChunkResult",
    "ChunkTask",
    "Config",
    "Coverage",
    "CurvePoint",
    "Days",
    "Design",
    "Outcome",
    "Plan",
    "PlanStep",
    "Sharing",
    "Study",
    "Substitutes",
    "Vlinder",
    "absence_summary",
    "block_groups",
    "build_plan",
    "chain_groups",
    "chunk_days",
    "config_available",
    "coverage",
    "current_vlinders",
    "day_coverage",
    "day_judgement",
    "day_state",
    "design",
    "design_label",
    "enclaves",
    "evaluate",
    "judge_days",
    "judge_states",
    "mask_bits",
    "point_costs",
    "pool_company",
    "random_groups",
    "reasons",
    "recommend",
    "ring",
    "simulate_chunk",
    "site_codes",
    "size_pool",
    "solve_states",
    "spread_groups",
    "state_keys",
    "sweep_designs",
    "training_plan",
    "vlinder_available",
]
