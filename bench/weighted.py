"""CP-SAT with one weighted objective instead of stages: a benchmark peer (issue 8).

The same model as `solver.roster.model.build_model` (the very same rules: coaches per half day,
levels in half days, collective transport with vans.csv; read back per half and per ride), but
the six levels are folded into one sum with weights computed from bounds: each level's weight
exceeds the largest possible sum of all lower levels, so a proven optimum of the sum is the
lexicographic optimum
(CPSAT-NOTES.md: "one weighted objective with weights computed from bounds ... did better than
time-boxed stages" on a toy; here we measure it on our rules). One solve, same search set-up as
`solve_day` (workers, seed, linearization, the "everyone where expected" hint), but the whole
day in one objective: not per independent region, not in stages.

The catch is arithmetic: CP-SAT objectives are 64-bit integers, and the exact weights of six
levels grow as the product of the level bounds (about 1e20 already at the generator's x5). Where
they do not fit, this peer keeps the exact weights of as many of the top levels as fit and leaves
the lowest levels out of the objective (unoptimised), and says which in `levels_in_objective`,
instead of silently using weights that no longer mimic the stages.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from bench.mip import no_roster
from solver.roster import Roster
from solver.roster.day import Day

# The search set-up of `solve_day` itself, so only the objective differs.
from solver.roster.model import (
    EXACT_WEIGHT_LIMIT,
    Solution,
    SolveOptions,
    build_model,
    expected_hint,
    new_solver,
    read_roster,
)
from solver.roster.rules import LEVELS, Vars

# Not int64's margin (2**62): CP-SAT bounds the objective in doubles, and weights that large
# "proved" rosters worse on the lowest level than the staged optimum. The model's own limit.
INT64_SAFE = EXACT_WEIGHT_LIMIT


def level_bounds(day: Day, v: Vars | None = None) -> dict[int, int]:
    """The largest value each level can take today: its objective terms at their variables'
    extreme values (CP-SAT's own sum of them, so every term of the current rules counts: half
    days, late van rides, uncovered minutes). Every level is a sum of terms that are >= 0 on a
    roster, so this bounds its range. Builds the model when `v` is not given."""
    v = v or build_model(day)
    bounds = dict.fromkeys(LEVELS, 0)
    for level in LEVELS:
        if not v.objective[level]:
            continue
        v.model.minimize(sum(v.objective[level]))
        objective = v.model.proto.objective
        bound = objective.offset
        for ref, coef in zip(objective.vars, objective.coeffs, strict=True):
            # (list: the proto's repeated field does not read index -1)
            domain = list(v.model.proto.variables[ref if ref >= 0 else -ref - 1].domain)
            low, high = (domain[0], domain[-1]) if ref >= 0 else (1 - domain[-1], 1 - domain[0])
            bound += max(coef * low, coef * high)
        bounds[level] = max(0, int(bound))
    v.model.clear_objective()
    return bounds


def level_weights(bounds: dict[int, int], levels=tuple(LEVELS)) -> dict[int, int]:
    """Each weight exceeds the largest possible weighted sum of all lower levels in `levels`."""
    weights: dict[int, int] = {}
    below = 0  # the largest possible weighted sum of the levels below
    for level in sorted(levels, reverse=True):
        weights[level] = below + 1
        below += weights[level] * bounds[level]
    return weights


def fitting_weights(bounds: dict[int, int], levels=tuple(LEVELS)) -> dict[int, int]:
    """Exact weights for the longest run of top `levels` whose weighted sum fits in int64."""
    ordered = sorted(levels)
    for last in range(len(ordered), 0, -1):
        weights = level_weights(bounds, ordered[:last])
        if sum(weights[k] * bounds[k] for k in weights) < INT64_SAFE:
            return weights
    return {}


def solve_weighted(day: Day, options: SolveOptions | None = None) -> Roster:
    """One solve of the weighted sum of all levels (as many as fit in int64)."""
    return solve_groups(day, options or SolveOptions(), (tuple(LEVELS),))


def solve_groups(day: Day, options: SolveOptions, groups) -> Roster:
    """Minimise each group's weighted sum in turn, fix it, hint the next with the solution;
    `options.time_limit` covers building and every stage, as in `solve_day`."""
    started = time.perf_counter()
    found = _search(day, options, groups, started + options.time_limit)
    if found.placed is None:
        seconds = round(time.perf_counter() - started, 3)
        info = found.info | {"stages": found.stages}
        return no_roster(day, {"status": found.status, "seconds": seconds, **info})
    roster = read_roster(day, Solution(found.placed, found.capacity, found.rides))
    roster.status = "optimal" if found.status == "OPTIMAL" else "feasible"
    bounds_by_level = {
        s["levels"][0]: s["first_level_bound"] for s in found.stages if "first_level_bound" in s
    }
    roster.solver = {
        "status": found.status,
        "seconds": round(found.seconds, 3),
        "stages": found.stages,
        "level_bounds": {f"level{k}": b for k, b in bounds_by_level.items()},
        **found.info,
    }
    return roster


@dataclass
class Found:
    """What one search found: who is where, the shares, each level's value, per stage."""

    placed: frozenset | None  # (coach, site, half) and (worker, site)
    capacity: dict  # (coach, site, half) -> units
    levels: dict[str, int]
    stages: list[dict]
    status: str
    seconds: float
    info: dict
    rides: frozenset = frozenset()  # (worker, run id, "to" | "home")


def _search(day: Day, options: SolveOptions, groups, deadline: float) -> Found:
    started = time.perf_counter()
    v = build_model(day)
    bounds = level_bounds(day, v)
    weighted = [fitting_weights(bounds, group) for group in groups]
    build_seconds = time.perf_counter() - started
    info = {
        "weights": [{str(k): w for k, w in weights.items()} for weights in weighted],
        "levels_in_objective": sorted(k for weights in weighted for k in weights),
        "build_seconds": round(build_seconds, 3),
    }
    expected_hint(day, v)
    # A coach who works one half has one variable under both names: each var once.
    all_vars = list(
        {
            x.index: x
            for x in (
                *v.coach_in.values(),
                *v.coach_at.values(),
                *v.worker_at.values(),
                *v.ride.values(),
            )
        }.values()
    )

    stages: list[dict] = []
    solver = None
    placed, capacity, rides = None, {}, frozenset()
    status_name = "OPTIMAL"
    for weights in weighted:
        expr = sum(w * sum(v.objective[k]) for k, w in weights.items() if v.objective[k])
        if not isinstance(expr, cp_model.LinearExpr):  # every level in the group is empty
            stages.append(
                {"levels": sorted(weights), "value": 0, "bound": 0, "first_level_bound": 0,
                 "status": "OPTIMAL", "seconds": 0.0}
            )  # fmt: skip
            continue
        v.model.minimize(expr)
        stage = new_solver(options, max(0.05, deadline - time.perf_counter()))
        stage_started = time.perf_counter()
        code = stage.solve(v.model)
        seconds = round(time.perf_counter() - stage_started, 3)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            stages.append({"levels": sorted(weights), "status": "UNKNOWN", "seconds": seconds})
            status_name = "FEASIBLE" if solver is not None else stage.status_name(code)
            break
        solver = stage
        value = int(round(stage.objective_value))
        bound = int(round(stage.best_objective_bound))
        stages.append(
            {
                "levels": sorted(weights),
                "value": value,
                "bound": bound,
                # The lower levels sum to less than the first level's weight.
                "first_level_bound": bound // weights[min(weights)],
                "status": stage.status_name(code),
                "seconds": seconds,
            }
        )
        if code != cp_model.OPTIMAL:
            status_name = "FEASIBLE"
        placed = frozenset(
            k for k, var in (*v.coach_in.items(), *v.worker_at.items()) if stage.value(var)
        )
        capacity = {k: stage.value(cap) for k, cap in v.capacity.items() if k in placed}
        rides = frozenset(
            (w, run, leg) for (w, _s, run, leg), var in v.ride.items() if stage.value(var)
        )
        v.model.add(expr <= value)
        v.model.clear_hints()
        for var in all_vars:
            v.model.add_hint(var, stage.value(var))

    seconds = time.perf_counter() - started
    levels: dict[str, int] = {}
    if solver is not None and status_name == "OPTIMAL" and len(stages) == len(weighted):
        # Every slack term is tight at a proven optimum.
        levels = {f"level{k}": int(solver.value(sum(v.objective[k]))) for k in LEVELS}
    elif placed is not None:
        levels = _levels(v, placed, capacity, rides, options)
    return Found(placed, capacity, levels, stages, status_name, seconds, info, rides)


def _levels(v: Vars, placed, capacity, rides, options: SolveOptions) -> dict[str, int]:
    """Below optimality the slack terms may sit above the roster's own figures: fix the
    roster and let CP-SAT read each level off tight (measurement, not timed)."""
    for key, var in (*v.coach_in.items(), *v.worker_at.items()):
        v.model.add(var == int(key in placed))
    for key, cap in v.capacity.items():
        if key in capacity:
            v.model.add(cap == capacity[key])
    for (w, _s, run, leg), var in v.ride.items():
        v.model.add(var == int((w, run, leg) in rides))
    v.model.clear_hints()
    levels = {}
    for k in LEVELS:
        if not v.objective[k]:
            levels[f"level{k}"] = 0
            continue
        v.model.minimize(sum(v.objective[k]))
        tight = new_solver(options, 30.0)
        tight.solve(v.model)
        levels[f"level{k}"] = int(round(tight.objective_value))
    return levels
