"""The same roster rules as a mixed-integer program in HiGHS, solved in the same stages.

A benchmark peer of the CP-SAT model (issue 8): users would pick a MIP solver if it were faster
or better on our rules, so we state the rules of docs/roster-rules.md once more as a linear
program over the same `Day` (variables only for the pairs `build_day` allows) and let HiGHS
minimise level 1, fix it, level 2, and so on, warm-started with the previous stage's solution
exactly as `solver.roster.model.solve_day` does. Each function below mirrors the rule family of
`solver/roster/rules.py` with the same name, so a reader can hold the two side by side.

The roster is read back with `solver.roster.model.read_roster`, so the independent checker verifies it
like any other roster, including the level values this MIP claims.

What it still models: the rules as they stood before issues 13 and 16, **whole days without
vans** (the benchmark against the alternatives uses `bench/mip_model.py` instead, which states
the model's own constraints and so every rule). A coach is at its sites for the whole day (no splits, no half-day absences or contracts),
nobody rides a van, a shared coach is not kept apart from a high-need worker placed at its site
(the need rule of `policy.shared_coach_max_need: medium`) and level 1 does not count workers sent
home (`ratio_norms_as: target`). On a day where none of that is in play (`differences` says
which is) its optimum is the model's: with both halves alike a roster's levels 1-3 are each half's
sum, and the better half's coaches in both halves do at least as well, so the model's levels 1-3
are exactly twice the MIP's whole-day figures (`HALF_DAYS`). Elsewhere it proves a different
rule set and a benchmark must not call on it (bench/roster.py, bench/peers.py say "n/a").
The roster it reads back carries the current rules' levels (the checker's); its own whole-day
stage values stay in `solver["stages"]` and `solver["whole_day_levels"]`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import highspy
import numpy as np

from solver.roster import Roster
from solver.roster.day import Day, move_weight
from solver.roster.model import Solution, read_roster
from solver.roster.parts import company_wide_terms
from solver.roster.rules import (
    BELOW_MINIMUM_WEIGHT,
    INTERIM_WEIGHT,
    LATE_REPLACEMENT_WEIGHT,
    LEVELS,
    SHORT_WEIGHT,
    SHORT_WEIGHT_LINE_WORK,
)

Terms = dict[int, float]  # column -> coefficient


@dataclass
class Expr:
    """A linear expression over columns plus a constant."""

    terms: Terms = field(default_factory=dict)
    constant: float = 0.0

    def add(self, col: int, coef: float) -> Expr:
        self.terms[col] = self.terms.get(col, 0.0) + coef
        return self

    def add_constant(self, constant: float) -> Expr:
        self.constant += constant
        return self

    def value(self, x: np.ndarray) -> float:
        return self.constant + sum(c * x[j] for j, c in self.terms.items())


@dataclass
class Mip:
    """Columns, rows and the six objective levels, as plain lists; HiGHS sees them at the end."""

    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    rows: list[tuple[Terms, float, float]] = field(default_factory=list)
    objective: dict[int, Expr] = field(default_factory=lambda: {k: Expr() for k in LEVELS})
    coach_at: dict[tuple[str, str], int] = field(default_factory=dict)
    worker_at: dict[tuple[str, str], int] = field(default_factory=dict)
    capacity: dict[tuple[str, str], Expr] = field(default_factory=dict)
    has_coach: dict[str, int] = field(default_factory=dict)
    present: dict[str, Expr] = field(default_factory=dict)
    load: dict[str, Expr] = field(default_factory=dict)
    # A slack column of the objective is at least the largest of its defining expressions (and
    # its lower bound); reading them back tight gives the levels of the roster itself.
    slack_of: dict[int, list[Expr]] = field(default_factory=dict)
    max_of: dict[int, list[int]] = field(default_factory=dict)  # has_coach = max(coach_at)

    def col(self, lower: float, upper: float, integer: bool = True) -> int:
        self.lower.append(lower)
        self.upper.append(upper)
        self.integer.append(integer)
        return len(self.lower) - 1

    def row(self, terms: Terms, lower: float = -np.inf, upper: float = np.inf) -> None:
        self.rows.append((dict(terms), lower, upper))

    def at_least(self, slack: int, expr: Expr) -> None:
        """slack >= expr, remembered so the slack can be read back tight."""
        terms = {j: -c for j, c in expr.terms.items()}
        terms[slack] = terms.get(slack, 0.0) + 1.0
        self.row(terms, lower=expr.constant)
        self.slack_of.setdefault(slack, []).append(expr)


def _sum(cols, coef: float = 1.0) -> Expr:
    expr = Expr()
    for j in cols:
        expr.add(j, coef)
    return expr


WHOLE_DAYS_NOTE = "MIP models whole days without vans"


def differences(day: Day) -> list[str]:
    """Why the model's rules differ from this MIP's on `day` (empty: the same optimum, doubled).

    - `vans`: the company has vans.csv (docs/roster-rules.md, "Collective transport (only with
      vans.csv)"): seats, runs and call times bound who may go where; the MIP has no rides.
    - `half days`: someone is available in one half only (a half-day absence, a call at or after
      midday, a half-day contract such as `wed-am`): the halves differ, the MIP places whole days.
    - `need rule`: under `shared_coach_max_need: medium` a high-need worker may be placed at a site
      that may share a coach; the model keeps a shared coach away from them, the MIP does not.
    - `target`: `ratio_norms_as: target` counts workers sent home on level 1; the MIP does not.
    - `pins`: a pinned coach is at the site in some half for the model, all day for the MIP.
    - `line-work tolerance`: `ratio_norms.line_work_tolerance` > 0 and a line-work site runs: a
      worker there loads less (level 2); the MIP loads every worker by need alone.

    Public holidays need no entry: nobody has a half then and no site runs, in both. Level 5's
    uncovered minutes (a late replacement, a split coach's wait) are not in the MIP either; the
    proof bench/roster.py asks of it is of levels 1-3 only, which they do not touch.
    `bench/mip_model.py` is the MIP with every rule (the model's own constraints).
    """
    found = []
    if day.company.vans:
        found.append("vans")
    options = {**day.coach_options, **day.worker_options}
    if any(len(day.halves(p)) == 1 for p, where in options.items() if where):
        found.append("half days")
    if day.company.settings.policy.shared_coach_max_need == "medium" and any(
        day.company.workers[w].need == "high" and day.sites[o.site].may_share_coach
        for w, options in day.worker_options.items()
        for o in options
    ):
        found.append("need rule")
    if company_wide_terms(day):
        found.append("target")
    if day.pins:
        found.append("pins")
    if day.line_work_units_by_need and any(day.sites[s].site.line_work for s in day.running()):
        found.append("line-work tolerance")
    return found


# --- the rule families (same names as solver/roster/rules.py) ----------------------------------------


def decisions(day: Day, m: Mip) -> None:
    """One binary per allowed (person, site) pair, in sorted id order as in `build_model`."""
    for coach_id in sorted(day.coach_options):
        for o in day.coach_options[coach_id]:
            m.coach_at[(coach_id, o.site)] = m.col(0, 1)
    for site_id in day.running():
        m.present[site_id] = Expr()
        m.load[site_id] = Expr()
    for worker_id in sorted(day.worker_options):
        units = day.units_by_need[day.company.workers[worker_id].need]
        for o in day.worker_options[worker_id]:
            j = m.col(0, 1)
            m.worker_at[(worker_id, o.site)] = j
            m.present[o.site].add(j, 1)
            m.load[o.site].add(j, units)


def availability(day: Day, m: Mip) -> None:
    """Each worker in at most one place (absent people have no columns at all)."""
    for worker_id in sorted(day.worker_options):
        at = [m.worker_at[(worker_id, o.site)] for o in day.worker_options[worker_id]]
        if len(at) > 1:
            m.row(_sum(at).terms, upper=1)


def training_and_skills(day: Day, m: Mip) -> None:
    """Only trained, skilled pairs have a column; a planner's pin fixes its column at 1."""
    for person, site in sorted(day.pins.items()):
        j = (m.coach_at if person in day.company.coaches else m.worker_at).get((person, site))
        if j is not None:
            m.lower[j] = 1


def shared_coach_travel(day: Day, m: Mip) -> None:
    """One site per coach, or a few nearby sharing sites whose capacity share sums to <= 1."""
    policy = day.company.settings.policy
    limit = day.company.settings.travel.shared_coach_max_minutes
    units = day.units_per_coach
    for coach_id in sorted(day.coach_options):
        options = day.coach_options[coach_id]
        single = [o.site for o in options if not day.sites[o.site].may_share_coach]
        shared = [o.site for o in options if day.sites[o.site].may_share_coach]
        for site_id in single:
            m.capacity[(coach_id, site_id)] = Expr().add(m.coach_at[(coach_id, site_id)], units)
        single_cols = [m.coach_at[(coach_id, s)] for s in single]
        if not shared:
            if len(single_cols) > 1:
                m.row(_sum(single_cols).terms, upper=1)
            continue
        sharing = m.col(0, 1)
        m.row(_sum(single_cols).add(sharing, 1).terms, upper=1)
        shared_cols = [m.coach_at[(coach_id, s)] for s in shared]
        for j in shared_cols:
            m.row({j: 1, sharing: -1}, upper=0)
        m.row(_sum(shared_cols).terms, upper=policy.max_sites_per_shared_coach)
        for i, a in enumerate(shared):
            for b in shared[i + 1 :]:
                if day.share_minutes[(a, b)] > limit:
                    m.row({m.coach_at[(coach_id, a)]: 1, m.coach_at[(coach_id, b)]: 1}, upper=1)
        # docs/roster-rules.md: each share is > 0 (at least one unit where the coach is). The
        # CP-SAT model lets a placed shared coach keep share 0, which the checker rejects.
        caps = []
        for site_id, j in zip(shared, shared_cols, strict=True):
            cap = m.col(0, units)
            m.row({cap: 1, j: -units}, upper=0)
            m.row({cap: 1, j: -1}, lower=0)
            m.capacity[(coach_id, site_id)] = Expr().add(cap, 1)
            caps.append(cap)
        m.row(_sum(caps).terms, upper=units)


def _coaches_by_site(m: Mip) -> dict[str, list[int]]:
    by_site: dict[str, list[int]] = {}
    for (_coach, site_id), j in m.coach_at.items():
        by_site.setdefault(site_id, []).append(j)
    return by_site


def coach_presence(day: Day, m: Mip) -> None:
    """Level 1: today's headcount of every running enclave without a coach.
    has_coach = max(coach_at) as two linear rows: >= each, <= their sum."""
    by_site = _coaches_by_site(m)
    for site_id in day.running():
        today = day.sites[site_id]
        if not today.needs_coach:
            continue
        coaches = by_site.get(site_id, [])
        has = m.col(0, 1 if coaches else 0)
        m.has_coach[site_id] = has
        m.max_of[has] = coaches
        for j in coaches:
            m.row({has: 1, j: -1}, lower=0)
        if coaches:
            m.row(_sum(coaches, -1).add(has, 1).terms, upper=0)
        objective = m.objective[1]
        objective.constant += today.headcount
        objective.add(has, -today.headcount)


def ratio_norms(day: Day, m: Mip) -> None:
    """Level 2, in coach units: all coaching missing at running enclaves, coaches short of
    max(contract, ratio need) and load above capacity, also where no coach came
    (docs/roster-rules.md)."""
    units = day.units_per_coach
    by_site = _coaches_by_site(m)
    caps_by_site: dict[str, list[Expr]] = {}
    for (_coach, site_id), cap in m.capacity.items():
        caps_by_site.setdefault(site_id, []).append(cap)
    for site_id in sorted(m.has_coach):
        today = day.sites[site_id]
        contract = today.site.coaches
        max_load = today.headcount * max(day.units_by_need.values())
        max_need = -(-max_load // units)
        # U x need >= load: the ratio need, an integer number of coaches
        need = m.col(0, max_need, integer=True)
        m.row({need: float(units), **{j: -c for j, c in m.load[site_id].terms.items()}}, lower=0)
        # short >= contract - coaches present, short >= need - coaches present
        short = m.col(0, max(contract, max_need))
        m.at_least(short, _sum(by_site.get(site_id, []), -1.0).add_constant(contract))
        m.at_least(short, _sum(by_site.get(site_id, []), -1.0).add(need, 1.0))
        # overload >= load - capacity
        overload = m.col(0, max_load)
        excess = Expr(dict(m.load[site_id].terms))
        for cap in caps_by_site.get(site_id, []):
            for j, c in cap.terms.items():
                excess.add(j, -c)
        m.at_least(overload, excess)
        m.objective[2].add(short, units).add(overload, 1)


def team_headcount(day: Day, m: Mip) -> None:
    """Level 3: missing workers against today's headcount, more on line work and below the
    minimum; a site without a coach is not counted again here."""
    for site_id in day.running():
        today = day.sites[site_id]
        present = m.present[site_id]
        if present.terms:
            m.row(present.terms, upper=today.headcount)
        has = m.has_coach.get(site_id)  # service sites need no coach to run
        weight = SHORT_WEIGHT_LINE_WORK if today.site.line_work else SHORT_WEIGHT
        minimum = min(today.site.min_headcount, today.headcount)
        for target, coef in ((today.headcount, weight), (minimum, BELOW_MINIMUM_WEIGHT)):
            # slack >= target - present - target * (1 - runs)
            slack = m.col(0, target)
            missing = Expr({j: -c for j, c in present.terms.items()}, 0.0)
            if has is None:
                missing.constant = target
            else:
                missing.add(has, target)
            m.at_least(slack, missing)
            m.objective[3].add(slack, coef)


def _people(day: Day, m: Mip):
    for c in sorted(day.coach_options):
        yield c, day.coach_options[c], m.coach_at
    for w in sorted(day.worker_options):
        yield w, day.worker_options[w], m.worker_at


def stability(day: Day, m: Mip) -> None:
    """Level 4: weighted moves away from where each person was expected, and late
    replacements for sudden absences."""
    objective = m.objective[4]
    for person, options, at in _people(day, m):
        weight = move_weight(day.company, person, told=day.expected[person] is not None)
        for o in options:
            if o.late:
                objective.add(at[(person, o.site)], LATE_REPLACEMENT_WEIGHT)
        if weight == 0:
            continue
        for o in options:
            if o.expected:
                objective.constant += weight
                objective.add(at[(person, o.site)], -weight)
            else:
                objective.add(at[(person, o.site)], weight)


def travel_and_pool_use(day: Day, m: Mip) -> None:
    """Level 5: travel minutes of everyone sent somewhere new; level 6: vlinder and (heavier)
    interim assignments."""
    coaches = day.company.coaches
    for person, options, at in _people(day, m):
        role = coaches[person].role if person in coaches else "worker"
        for o in options:
            j = at[(person, o.site)]
            if not o.expected and o.travel_minutes:
                m.objective[5].add(j, o.travel_minutes)
            if role == "vlinder":
                m.objective[6].add(j, 1)
            elif role == "interim":
                m.objective[6].add(j, INTERIM_WEIGHT)


RULES = (
    decisions,
    availability,
    training_and_skills,
    shared_coach_travel,
    coach_presence,
    ratio_norms,
    team_headcount,
    stability,
    travel_and_pool_use,
)


def build_mip(day: Day) -> Mip:
    m = Mip()
    for rule in RULES:
        rule(day, m)
    return m


# --- HiGHS ---------------------------------------------------------------------------------------


def _to_highs(m: Mip, threads: int) -> highspy.Highs:
    """Pass the whole model at once in row-wise sparse form (fast even at x80)."""
    starts, index, value = [], [], []
    for terms, _lo, _hi in m.rows:
        starts.append(len(index))
        for j in sorted(terms):
            if terms[j]:
                index.append(j)
                value.append(terms[j])
    h = highspy.Highs()
    h.silent()
    h.setOptionValue("threads", threads)
    h.setOptionValue("random_seed", 0)
    n = len(m.lower)
    inf = highspy.kHighsInf
    h.passModel(
        n,
        len(m.rows),
        len(index),
        2,  # row-wise
        1,  # minimise
        0.0,
        np.zeros(n),
        np.array(m.lower, dtype=float),
        np.array(m.upper, dtype=float),
        np.array([max(lo, -inf) for _t, lo, _h in m.rows], dtype=float),
        np.array([min(hi, inf) for _t, _l, hi in m.rows], dtype=float),
        np.array(starts, dtype=np.int32),
        np.array(index, dtype=np.int32),
        np.array(value, dtype=float),
        np.array([1 if i else 0 for i in m.integer], dtype=np.int32),
    )
    return h


def _set_objective(h: highspy.Highs, m: Mip, level: int) -> Expr:
    expr = m.objective[level]
    cost = np.zeros(len(m.lower))
    for j, c in expr.terms.items():
        cost[j] = c
    h.changeColsCost(len(cost), np.arange(len(cost), dtype=np.int32), cost)
    h.changeObjectiveOffset(expr.constant)
    return expr


def tighten(m: Mip, x: np.ndarray) -> np.ndarray:
    """Slack columns at the least value their rows allow, so levels are the roster's own."""
    x = np.round(x)
    for has, coaches in m.max_of.items():
        x[has] = max((x[j] for j in coaches), default=0)
    for slack, exprs in m.slack_of.items():
        x[slack] = max(m.lower[slack], *(round(e.value(x)) for e in exprs))
    return x


def _expected_start(day: Day, m: Mip) -> tuple[np.ndarray, np.ndarray]:
    """Everyone where expected: the same first hint `solve_day` gives CP-SAT (partial)."""
    cols, vals = [], []
    for (person, site), j in (*m.coach_at.items(), *m.worker_at.items()):
        cols.append(j)
        vals.append(1.0 if day.expected.get(person) == site else 0.0)
    return np.array(cols, dtype=np.int32), np.array(vals, dtype=float)


def solve_mip(day: Day, time_limit: float, threads: int = 1) -> Roster:
    """Staged lexicographic MIP: minimise level k, add `level k <= value`, warm-start the next.

    `time_limit` covers building and every stage, as in `solve_day`.
    """
    started = time.perf_counter()
    deadline = started + time_limit
    m = build_mip(day)
    h = _to_highs(m, threads)
    build_seconds = time.perf_counter() - started
    n = len(m.lower)
    cols, vals = _expected_start(day, m)
    h.setSolution(len(cols), cols, vals)

    stages: list[dict] = []
    x: np.ndarray | None = None
    status_name = "OPTIMAL"
    for level in LEVELS:
        expr = m.objective[level]
        if not expr.terms:
            value = int(round(expr.constant))
            stages.append({"level": level, "value": value, "bound": value, "status": "OPTIMAL"})
            continue
        _set_objective(h, m, level)
        h.setOptionValue("time_limit", max(0.05, deadline - time.perf_counter()))
        stage_started = time.perf_counter()
        h.run()
        stage_seconds = round(time.perf_counter() - stage_started, 3)
        model_status = h.getModelStatus()
        info = h.getInfo()
        has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
        if not has_solution:
            status_name = "FEASIBLE" if x is not None else h.modelStatusToString(model_status)
            stages.append({"level": level, "value": None, "bound": None, "status": "UNKNOWN"})
            break
        optimal = model_status == highspy.HighsModelStatus.kOptimal
        x = np.array(h.getSolution().col_value)
        value = int(round(expr.value(x)))
        bound = info.mip_dual_bound
        stages.append(
            {
                "level": level,
                "value": value,
                "bound": int(np.ceil(bound - 1e-6)) if np.isfinite(bound) else None,
                "status": "OPTIMAL" if optimal else "FEASIBLE",
                "seconds": stage_seconds,
            }
        )
        if not optimal:
            status_name = "FEASIBLE"
        # Fix this level at its value (integer coefficients: +0.5 absorbs float noise).
        fixed = {j: c for j, c in expr.terms.items() if c}
        cols_k = np.array(sorted(fixed), dtype=np.int32)
        h.addRow(
            -highspy.kHighsInf,
            value - expr.constant + 0.5,
            len(cols_k),
            cols_k,
            np.array([fixed[j] for j in cols_k], dtype=float),
        )
        h.setSolution(n, np.arange(n, dtype=np.int32), np.round(x))

    seconds = time.perf_counter() - started
    if x is None:
        return no_roster(
            day, {"status": status_name, "seconds": round(seconds, 3), "stages": stages}
        )
    x = tighten(m, x)
    placed = frozenset(k for k, j in (*m.coach_at.items(), *m.worker_at.items()) if x[j] > 0.5)
    capacity = {k: int(round(cap.value(x))) for k, cap in m.capacity.items() if k in placed}
    # A (coach, site) pair reads as every half the coach works: a whole day.
    roster = read_roster(day, Solution(placed, capacity))
    roster.status = "optimal" if status_name == "OPTIMAL" else "feasible"
    roster.solver = {
        "status": status_name,
        "models": WHOLE_DAYS_NOTE,
        "whole_day_levels": {f"level{k}": int(round(m.objective[k].value(x))) for k in LEVELS},
        "seconds": round(seconds, 3),
        "build_seconds": round(build_seconds, 3),
        "stages": stages,
        "columns": n,
        "rows": h.getNumRow(),
    }
    return roster


def no_roster(day: Day, solver: dict) -> Roster:
    """A peer found no roster at all within the limit: reported as such, never hidden."""
    return Roster(
        company=day.company.name,
        date=day.date.isoformat(),
        status="infeasible",
        enclaves=[],
        moves=[],
        idle={"coaches": [], "workers": []},
        solver=solver,
    )
