"""The CP-SAT roster model: build, solve in stages, read back into plain data.

Objective levels are lexicographic (rules.LEVELS): each stage minimises one level, then fixes it
at its value and hints the next stage with the solution so far (the OR-Tools maintainers' recipe;
CPSAT-NOTES.md). A day is solved per independent region, level by level across regions. A stage
that runs out of time keeps its best value, so a roster always comes back.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.domain import HALVES, Company
from solver.roster.day import Day, build_day
from solver.roster.json_shape import Roster
from solver.roster.parts import independent_parts
from solver.roster.reading import Solution, levels_of, read_roster
from solver.roster.rules import LEVELS, RULES, Vars

DEFAULT_TIME_LIMIT = 20.0
FIRST_ROSTER_SAFETY_SECONDS = 120.0
FUTURE_STAGE_WEIGHT = 0.25
# A weighted stage's largest possible sum. int64 is not the limit that matters: CP-SAT bounds
# the objective through its LP in doubles, and at 2**62 it "proved" rosters one vlinder half-day
# worse than the staged optimum (example 2026-12-02 and 2027-06-08, level 6: 7 and 5 instead
# of 6 and 4). Kept well inside the 2**53 integers a double holds exactly.
EXACT_WEIGHT_LIMIT = 2**48


@dataclass(frozen=True)
class SolveOptions:
    time_limit: float = DEFAULT_TIME_LIMIT  # seconds for all stages together
    # One worker: the same input gives the same roster (CPSAT-NOTES); with linearization level 2
    # it proves the example and x10 companies as fast as two. Two workers help from x40 on.
    workers: int = 1
    seed: int = 0
    subsolvers: tuple[str, ...] = ("max_lp", "core")
    # Consecutive levels folded into exactly weighted stages (EXACT_WEIGHT_LIMIT): the same
    # proven levels with fewer solves, about 1.5x faster on the example's days (issue 17).
    # False: one stage per level, the method before, kept for the benchmark's comparison.
    grouped: bool = True


def build_model(day: Day, model: cp_model.CpModel | None = None) -> Vars:
    """Variables only for allowed pairs (a coach's per half it works), in sorted id order, then
    every rule in turn. Into `model` when given: the week plan puts several days in one."""
    v = Vars(model if model is not None else cp_model.CpModel())
    for coach_id in sorted(day.coach_options):
        halves = day.halves(coach_id)
        for o in day.coach_options[coach_id]:
            for half in halves:
                v.coach_in[(coach_id, o.site, half)] = v.model.new_bool_var(
                    f"c_{coach_id}_{o.site}_{half}"
                )
            if len(halves) == 1:
                v.coach_at[(coach_id, o.site)] = v.coach_in[(coach_id, o.site, halves[0])]
            else:
                v.coach_at[(coach_id, o.site)] = v.model.new_bool_var(f"c_{coach_id}_{o.site}")
    in_half: dict[tuple[str, str], list] = {(s, h): [] for s in day.running() for h in HALVES}
    for worker_id in sorted(day.worker_options):
        need_units = day.units_by_need[day.company.workers[worker_id].need]
        for o in day.worker_options[worker_id]:
            var = v.model.new_bool_var(f"w_{worker_id}_{o.site}")
            v.worker_at[(worker_id, o.site)] = var
            for half in day.halves(worker_id):
                in_half[(o.site, half)].append((var, need_units))
    for key, pairs in in_half.items():
        v.present[key] = sum(var for var, _ in pairs)
        v.load[key] = sum(units * var for var, units in pairs)
    for rule in RULES:
        rule.add(day, v)
    return v


def expected_hint(day: Day, v: Vars) -> None:
    """Start from 'everyone where expected': the roster a planner would write with no calls."""
    hints = {}
    for (person, site, *_half), var in (*v.coach_in.items(), *v.coach_at.items()):
        hints[var.index] = (var, site in day.expected_sites.get(person, ()))
    for (person, site), var in v.worker_at.items():
        hints[var.index] = (var, site in day.expected_sites.get(person, ()))
    for var, value in hints.values():
        v.model.add_hint(var, value)


def new_solver(
    options: SolveOptions, seconds: float, first_only: bool = False
) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = options.workers
    solver.parameters.random_seed = options.seed
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.stop_after_first_solution = first_only
    if options.workers == 1:
        solver.parameters.linearization_level = 2
        # Our stages are many small solves: presolve's probing and symmetry detection cost more
        # than they find. Without them the same proven levels come ~25 % sooner (15 example
        # days 1.95 -> 1.46 s; x10 and x40 days 10-25 %; issue 17).
        solver.parameters.cp_model_probing_level = 0
        solver.parameters.symmetry_level = 0
    elif options.subsolvers:
        solver.parameters.subsolvers.extend(options.subsolvers)
    return solver


def solve_day(day: Day, options: SolveOptions = SolveOptions()) -> Roster:
    """Solve the day region by region: parts that share nobody are independent, so the whole
    day's lexicographic optimum is the union of theirs (every rule concerns one person or one
    site, every level is a sum). Level by level over all parts, so that a complete roster with
    level 1 settled everywhere exists before any part works on lower levels."""
    started = time.perf_counter()
    parts = [StagedPart(part, options) for part in independent_parts(day)]
    failed, first_roster_seconds = solve_in_stages(
        parts, tuple(LEVELS), started + options.time_limit
    )
    if failed is not None:
        return _infeasible(day, failed, started)
    roster = read_roster(day, merged_solution(p.solution for p in parts))
    proven = all(p.status == "OPTIMAL" for p in parts)
    roster.status = "optimal" if proven else "feasible"
    roster.solver = {
        "status": "OPTIMAL" if proven else "FEASIBLE",
        "seconds": round(time.perf_counter() - started, 3),
        "build_seconds": round(sum(p.build_seconds for p in parts), 3),
        "first_roster_seconds": first_roster_seconds,
        "parts": len(parts),
        "stages": merged_stages(parts, tuple(LEVELS)),
    }
    return roster


def merged_solution(solutions: Iterable[Solution]) -> Solution:
    solutions = list(solutions)
    return Solution(
        frozenset(pair for s in solutions for pair in s.placed),
        {k: c for s in solutions for k, c in s.capacity.items()},
        frozenset(ride for s in solutions for ride in s.rides),
    )


def solve_in_stages(
    parts: list[StagedModel], levels: tuple, deadline: float
) -> tuple[str | None, float | None]:
    """Minimise each level in turn over independent parts, holding it before the next. Returns
    the status of a part that found no roster at all (None when every part has one) and the
    seconds to the first complete roster."""
    started = time.perf_counter()
    first_roster_seconds = None

    def share(part: StagedModel, this_level: list[StagedModel], index: int) -> float:
        # The time left, spread over the work left in proportion to each part's size; later
        # stages are counted at a quarter, since most stages end far inside their share. (Not
        # later levels: grouped, six levels are two or three stages.)
        future = FUTURE_STAGE_WEIGHT * sum(p.size * p.stages_after(levels[index]) for p in parts)
        work_left = sum(p.size for p in this_level) + future
        left = max(0.0, deadline - time.perf_counter())
        return left * part.size / max(1, work_left)

    for position, level in enumerate(levels):
        for index, part in enumerate(parts):
            part.solve_level(level, share(part, parts[index:], position))
            if part.solution is None:
                return part.status, None
        # A stage cut short cannot be resumed once the next level is fixed: before that, the
        # parts not yet proven get another go with the time the others did not use.
        unproven = [p for p in parts if not p.proven(level)]
        for index, part in enumerate(unproven):
            part.solve_level(level, share(part, unproven[index:], position))
        for part in parts:
            part.hold(level)
        if first_roster_seconds is None:
            first_roster_seconds = round(time.perf_counter() - started, 3)
    return None, first_roster_seconds


class StagedModel:
    """One model solved level by level (CPSAT-NOTES): minimise a stage, hold it at its value,
    hint the next stage with the solution so far. A stage is one level or, `grouped`, a run of
    consecutive levels folded into one exactly weighted sum (`weighted_groups`): the same
    lexicographic optimum with fewer solves. `by_level`: level -> terms; `read` turns a solver's
    values into the solution kept. Every level gets its own record (value, bound, status)."""

    def __init__(
        self,
        model: cp_model.CpModel,
        by_level: Mapping[object, list],
        variables: Iterable[cp_model.IntVar],
        read: Callable[[cp_model.CpSolver], object],
        size: int,
        options: SolveOptions,
        levels: tuple,
        breaks: tuple = (),
    ):
        self.model = model
        self.by_level = by_level
        if options.grouped:
            bounds = {level: upper_bound(model, by_level[level]) for level in levels}
            groups = weighted_groups(bounds, levels, breaks)
        else:
            groups = [{level: 1} for level in levels]
        self.levels = levels
        self.groups = {next(iter(g)): g for g in groups}  # the stage's first level -> weights
        self.objective = {
            head: [w * t for level, w in g.items() for t in by_level[level]]
            for head, g in self.groups.items()
        }
        self.all_vars = list({x.index: x for x in variables}.values())
        self.read = read
        self.size = max(1, size)
        self.options = options
        self.build_seconds = 0.0
        self.stages: list[dict] = []  # one record per level
        self.runs: dict[object, dict] = {}  # per stage: its weighted value, bound and status
        self.solution = None
        self.failed: str | None = None  # the solver's status when it found no roster at all
        self.stopped = False  # out of time on a stage: the roster so far stands

    @property
    def status(self) -> str:
        if self.failed:
            return self.failed
        proven = all(stage["status"] == "OPTIMAL" for stage in self.stages)
        return "OPTIMAL" if proven else "FEASIBLE"

    def proven(self, level) -> bool:
        stage = self.stage(level)
        return self.stopped or (stage is not None and stage["status"] == "OPTIMAL")

    def stages_after(self, level) -> int:
        """How many of this model's stages start after `level`."""
        if level not in self.levels:
            return 0
        after = self.levels[self.levels.index(level) + 1 :]
        return sum(1 for head in self.groups if head in after)

    def stage(self, level) -> dict | None:
        """This level's record (value, bound, status), once solved."""
        return next((s for s in self.stages if s["level"] == level), None)

    def _record(self, stage: dict) -> None:
        self.stages = [s for s in self.stages if s["level"] != stage["level"]] + [stage]

    def _record_group(self, head, status: str, values: dict | None, bound, seconds) -> None:
        weights = self.groups[head]
        for level in weights:
            if values is None:
                self._record({"level": level, "value": None, "bound": None, "status": status})
                continue
            if status == "OPTIMAL":
                level_bound = values[level]
            else:  # the weighted bound says something of the stage's first level only
                level_bound = bound // weights[level] if level == head else 0
            record = {"level": level, "value": values[level], "bound": level_bound,
                      "status": status, "seconds": seconds if level == head else 0.0}  # fmt: skip
            if len(weights) > 1:
                record["stage"] = list(weights)
            self._record(record)

    def solve_level(self, level, seconds: float) -> None:
        if level not in self.groups:
            return  # solved with the stage its group starts
        head, terms = level, self.objective[level]
        if self.stopped:
            self._record_group(head, "UNKNOWN", None, None, None)
            return
        if seconds <= 0 and self.solution is not None:
            # Out of time with a roster in hand: it stands. Every further solve, however
            # short, costs its set-up, and 161 parts of x160 overshot a 5 s limit by 23 s.
            if head not in self.runs:  # a second go keeps what the first found
                self.stopped = True
                self._record_group(head, "UNKNOWN", None, None, None)
            return
        if not terms and self.solution is not None:
            self.runs[head] = {"value": 0, "bound": 0, "status": "OPTIMAL", "seconds": 0.0}
            self._record_group(head, "OPTIMAL", dict.fromkeys(self.groups[head], 0), 0, 0.0)
            return
        model = self.model
        model.minimize(sum(terms))
        stage_started = time.perf_counter()
        solver = new_solver(self.options, max(0.05, seconds))
        code = solver.solve(model)
        if code == cp_model.UNKNOWN and self.solution is None:
            # Out of time before any roster: take the first one there is. The hint ("everyone
            # where expected") is feasible unless pins conflict, so this is quick.
            solver = new_solver(self.options, FIRST_ROSTER_SAFETY_SECONDS, first_only=True)
            code = solver.solve(model)
        earlier = self.runs.get(head)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if self.solution is None:
                self.failed = solver.status_name(code)
            if earlier is None:
                self.stopped = True
                self._record_group(head, "UNKNOWN", None, None, None)
            return  # a second go that found nothing better: the first one stands
        value = int(round(solver.objective_value))
        bound = int(round(solver.best_objective_bound))
        seconds_used = round(time.perf_counter() - stage_started, 3)
        if earlier is not None:
            if value > earlier["value"]:
                return  # the second go did not even get back to the first one's roster
            seconds_used = round(seconds_used + earlier["seconds"], 3)
            bound = max(bound, earlier["bound"])
        status = solver.status_name(code)
        self.runs[head] = {"value": value, "bound": bound, "status": status,
                           "seconds": seconds_used}  # fmt: skip
        values = {
            level: int(sum(solver.value(t) for t in self.by_level[level]))
            for level in self.groups[head]
        }
        self._record_group(head, status, values, bound, seconds_used)
        self.solution = self.read(solver)
        model.clear_hints()
        for var in self.all_vars:
            model.add_hint(var, solver.value(var))

    def hold(self, level) -> None:
        """Keep this stage's levels at the values found while the next stages are solved: each
        level on its own, not the weighted sum (the same rosters when the stage is proven — a
        weighted optimum fixes every level of it — but one large-coefficient row propagates
        badly: the x10 week's last stage took twice as long under it)."""
        if self.stopped or level not in self.runs:
            return
        for member in self.groups[level]:
            terms = self.by_level[member]
            stage = self.stage(member)
            if terms and stage is not None and stage["value"] is not None:
                self.model.add(sum(terms) <= stage["value"])


def upper_bound(model: cp_model.CpModel, terms: list) -> int:
    """The largest value a sum of objective terms can take: each term at its variables' extreme
    values (CP-SAT's own flattening of the sum, so every term counts). Every level is a sum of
    terms that are >= 0 on a roster, so this bounds its range. Clears the model's objective."""
    if not terms:
        return 0
    model.minimize(sum(terms))
    objective = model.proto.objective
    bound = objective.offset
    for ref, coef in zip(objective.vars, objective.coeffs, strict=True):
        # (list: the proto's repeated field does not read index -1)
        domain = list(model.proto.variables[ref if ref >= 0 else -ref - 1].domain)
        low, high = (domain[0], domain[-1]) if ref >= 0 else (1 - domain[-1], 1 - domain[0])
        bound += max(coef * low, coef * high)
    model.clear_objective()
    return max(0, int(bound))


def weighted_groups(
    bounds: Mapping[object, int], levels: tuple, breaks: tuple = ()
) -> list[dict[object, int]]:
    """Consecutive levels merged into one exactly weighted stage for as long as the weighted
    sum stays below EXACT_WEIGHT_LIMIT: each weight exceeds the largest possible weighted sum of the levels below
    it in its group, so a proven optimum of the sum is the lexicographic optimum of the group,
    with one solve instead of several (bench/results.md: "regions")."""
    groups: list[list] = []
    for level in levels:
        trial = [*(groups[-1] if groups else []), level]
        if groups and level not in breaks and _weights(bounds, trial)[1] < EXACT_WEIGHT_LIMIT:
            groups[-1] = trial
        else:
            groups.append([level])
    return [_weights(bounds, group)[0] for group in groups]


def _weights(bounds: Mapping[object, int], group: list) -> tuple[dict[object, int], int]:
    weights: dict[object, int] = {}
    below = 0  # the largest possible weighted sum of the levels below
    for level in reversed(group):
        weights[level] = below + 1
        below += weights[level] * bounds[level]
    return {level: weights[level] for level in group}, below


class StagedPart(StagedModel):
    """One independent part of a day, its model built and hinted with 'everyone where
    expected'."""

    def __init__(self, day: Day, options: SolveOptions, levels: tuple = tuple(LEVELS)):
        started = time.perf_counter()
        self.day = day
        self.v = v = build_model(day)
        expected_hint(day, v)
        super().__init__(
            v.model,
            v.objective,
            model_variables(v),
            lambda s: snapshot(s, v),
            day.size(),
            options,
            levels,
        )
        self.build_seconds = time.perf_counter() - started


def model_variables(v: Vars) -> list[cp_model.IntVar]:
    # A coach who works one half has one variable per site, under both names.
    return [*v.coach_in.values(), *v.coach_at.values(), *v.worker_at.values(), *v.ride.values()]


def merged_stages(results: list[StagedModel], levels: tuple) -> list[dict]:
    """Per level over all parts: values and bounds add up; a level is proven when every part's
    is. (A stage value may exceed the roster's level when not proven: its slacks are bounds.)"""
    merged = []
    for level in levels:
        found = [next((s for s in r.stages if s["level"] == level), None) for r in results]
        if any(f is None or f["value"] is None for f in found):
            merged.append({"level": level, "value": None, "bound": None, "status": "UNKNOWN"})
            continue
        merged.append(
            {
                "level": level,
                "value": sum(f["value"] for f in found),
                "bound": sum(f["bound"] for f in found),
                "status": "OPTIMAL" if all(f["status"] == "OPTIMAL" for f in found) else "FEASIBLE",
                "seconds": round(sum(f.get("seconds", 0.0) for f in found), 3),
            }
        )
    return merged


def snapshot(solver: cp_model.CpSolver, v: Vars) -> Solution:
    placed = [k for k, var in (*v.coach_in.items(), *v.worker_at.items()) if solver.value(var)]
    capacity = {k: solver.value(cap) for k, cap in v.capacity.items() if k in placed}
    rides = [(w, run, leg) for (w, _s, run, leg), var in v.ride.items() if solver.value(var)]
    return Solution(frozenset(placed), capacity, frozenset(rides))


def _infeasible(day: Day, name: str, started: float) -> Roster:
    # Only contradictory planner pins can make the model infeasible: holes are slack, not rules.
    roster = Roster(
        company=day.company.name,
        date=day.date.isoformat(),
        status="infeasible",
        enclaves=[],
        moves=[],
        idle={"coaches": [], "workers": [], "atelier": [], "home": []},
        solver={"status": name, "seconds": round(time.perf_counter() - started, 3)},
    )
    return roster


def solve(
    company: Company,
    date: dt.date,
    called_in: tuple[str, ...] = (),
    previous: dict[str, str] | None = None,
    pins: dict[str, str] | None = None,
    options: SolveOptions = SolveOptions(),
    forbids: Iterable[tuple[str, str]] = (),
    reported_at: Mapping[str, dt.time] | None = None,
) -> Roster:
    """The library's front door: the roster of `date` for `company`."""
    day = build_day(company, date, called_in, previous, pins, forbids, reported_at)
    return solve_day(day, options)


__all__ = [
    "Solution",
    "SolveOptions",
    "build_model",
    "levels_of",
    "read_roster",
    "solve",
    "solve_day",
]
