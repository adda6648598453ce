"""The MIP peer that keeps up with the rules: the model's own constraints, stated to HiGHS.

`bench/mip.py` states the rules of docs/roster-rules.md a second time, by hand, as they stood
before issues 13 and 16 (whole days, no vans): on every day of a company with vans.csv, a
half-day contract or absence, or the need rule in play, it would prove another rule set, so the
comparison had to leave it out there. This peer instead takes the CP-SAT model that
`solver.roster.model.build_model` builds (every rule of today: halves, splits, call times and
late replacements, the atelier's places, `ratio_norms_as: target`, `shared_coach_max_need`,
the line-work tolerance, public holidays, vans and their seats, pins and forbids) and writes
each of its constraints as linear rows for HiGHS:

- `linear` (one interval): a row; `at_most_one`, `exactly_one`: a row over the literals;
  `bool_or`, `bool_and` under enforcement literals: the usual rows (`l >= e`);
- `lin_max` (target = max of expressions): exact, `target >= each`, and `target <= sum` when
  every expression is one 0/1 variable, else one binary per expression choosing which one the
  target equals (`target <= expr_i + M (1 - z_i)`, `sum z = 1`, M from the variables' bounds);
- the six levels: each level's terms, flattened to columns and coefficients.

A constraint kind the model does not use today raises `NotImplementedError` naming it, so a new
rule that needs one is seen at once rather than silently left out. The stages are the model's:
minimise level k, hold it at its value, warm-start the next stage (the first from "everyone
where expected", the model's own hint). HiGHS solves the whole day at once (no regions), like
the hand-written MIP. The roster is read back with `read_roster`, so the independent checker
verifies it like any other.
"""

from __future__ import annotations

import time

import highspy
import numpy as np
from ortools.sat.python import cp_model_helper

from bench.mip import Mip, _to_highs, no_roster
from solver.roster import Roster
from solver.roster.day import Day
from solver.roster.model import Solution, build_model, expected_hint, read_roster
from solver.roster.rules import LEVELS, Vars

MODEL_MIP_NOTE = "MIP of the model's own constraints (every rule)"
_HUGE = 2**53  # CP-SAT's open bounds (about +-2^63) are HiGHS's infinity


def _bound(value: int) -> float:
    if value >= _HUGE:
        return highspy.kHighsInf
    if value <= -_HUGE:
        return -highspy.kHighsInf
    return float(value)


def _literal(ref: int) -> tuple[int, float, float]:
    """(column, coefficient, constant): a literal is x, or 1 - x for a negated reference."""
    return (ref, 1.0, 0.0) if ref >= 0 else (-ref - 1, -1.0, 1.0)


def _literals_row(m: Mip, refs, lower: float, upper: float) -> None:
    """lower <= sum of literals <= upper."""
    terms: dict[int, float] = {}
    constant = 0.0
    for ref in refs:
        col, coef, const = _literal(ref)
        terms[col] = terms.get(col, 0.0) + coef
        constant += const
    m.row(terms, lower - constant, upper - constant)


def _expression(expr) -> tuple[dict[int, float], float]:
    """A LinearExpressionProto as (terms, offset); positive references only (checked)."""
    terms: dict[int, float] = {}
    for ref, coef in zip(expr.vars, expr.coeffs, strict=True):
        if ref < 0:
            raise NotImplementedError("a negated reference in a linear expression")
        terms[ref] = terms.get(ref, 0.0) + coef
    return terms, float(getattr(expr, "offset", 0))


def _range(m: Mip, terms: dict[int, float], offset: float) -> tuple[float, float]:
    low = offset + sum(c * (m.lower[j] if c > 0 else m.upper[j]) for j, c in terms.items())
    high = offset + sum(c * (m.upper[j] if c > 0 else m.lower[j]) for j, c in terms.items())
    return low, high


def _lin_max(m: Mip, ct) -> None:
    target, t_offset = _expression(ct.lin_max.target)
    exprs = [_expression(e) for e in ct.lin_max.exprs]
    for terms, offset in exprs:  # target >= each expression
        row = dict(target)
        for j, c in terms.items():
            row[j] = row.get(j, 0.0) - c
        m.row(row, lower=offset - t_offset)
    single_binaries = all(
        len(terms) == 1
        and next(iter(terms.values())) == 1
        and offset == 0
        and (m.lower[next(iter(terms))], m.upper[next(iter(terms))]) == (0, 1)
        for terms, offset in exprs
    )
    if single_binaries and t_offset == 0:  # the max of 0/1 variables is at most their sum
        row = dict(target)
        for terms, _offset in exprs:
            for j, c in terms.items():
                row[j] = row.get(j, 0.0) - c
        m.row(row, upper=0.0)
        return
    t_high = _range(m, target, t_offset)[1]
    choices = []
    for terms, offset in exprs:  # target <= expr_i + M (1 - z_i)
        z = m.col(0, 1)
        choices.append(z)
        big_m = t_high - _range(m, terms, offset)[0]
        if not np.isfinite(big_m):
            raise NotImplementedError("lin_max over an unbounded expression")
        row = dict(target)
        for j, c in terms.items():
            row[j] = row.get(j, 0.0) - c
        row[z] = row.get(z, 0.0) + big_m
        m.row(row, upper=offset - t_offset + big_m)
    m.row(dict.fromkeys(choices, 1.0), lower=1.0, upper=1.0)


def linearise(v: Vars) -> Mip:
    """Every variable of the CP-SAT model as a column, every constraint as rows."""
    proto = v.model.proto
    m = Mip()
    for var in proto.variables:
        domain = list(var.domain)
        if len(domain) != 2:
            raise NotImplementedError("a variable whose domain has holes")
        m.col(_bound(domain[0]), _bound(domain[1]))
    for ct in proto.constraints:
        enforced = list(ct.enforcement_literal)
        if ct.has_bool_and():
            # every literal holds when every enforcement literal does: l + sum(1 - e) >= 1
            for ref in ct.bool_and.literals:
                _literals_row(m, [ref, *(-e - 1 for e in enforced)], 1, np.inf)
        elif ct.has_bool_or():
            _literals_row(m, [*ct.bool_or.literals, *(-e - 1 for e in enforced)], 1, np.inf)
        elif enforced:
            raise NotImplementedError("an enforced constraint other than bool_and / bool_or")
        elif ct.has_linear():
            domain = list(ct.linear.domain)
            if len(domain) != 2:
                raise NotImplementedError("a linear constraint over a domain with holes")
            terms, _offset = _expression(ct.linear)
            m.row(terms, _bound(domain[0]), _bound(domain[1]))
        elif ct.has_at_most_one():
            _literals_row(m, ct.at_most_one.literals, -np.inf, 1)
        elif ct.has_exactly_one():
            _literals_row(m, ct.exactly_one.literals, 1, 1)
        elif ct.has_lin_max():
            _lin_max(m, ct)
        else:
            raise NotImplementedError(f"constraint kind not stated to the MIP: {ct}"[:200])
    return m


def _flat(expr) -> tuple[dict[int, float], float]:
    if isinstance(expr, int):
        return {}, float(expr)
    flat = cp_model_helper.FlatIntExpr(expr)
    terms: dict[int, float] = {}
    for var, coef in zip(flat.vars, flat.coeffs, strict=True):
        terms[var.index] = terms.get(var.index, 0.0) + coef
    return terms, float(flat.offset)


def _value(flat: tuple[dict[int, float], float], x: np.ndarray) -> float:
    terms, constant = flat
    return constant + sum(c * x[j] for j, c in terms.items())


def solve_model_mip(day: Day, time_limit: float, threads: int = 1) -> Roster:
    """Staged lexicographic MIP over the model's own constraints; `time_limit` covers building
    and every stage, as in `solve_day`."""
    started = time.perf_counter()
    deadline = started + time_limit
    v = build_model(day)
    expected_hint(day, v)
    m = linearise(v)
    objective = {k: _flat(sum(v.objective[k])) for k in LEVELS}
    h = _to_highs(m, threads)
    build_seconds = time.perf_counter() - started
    n = len(m.lower)
    hint = v.model.proto.solution_hint
    h.setSolution(
        len(hint.vars), np.array(hint.vars, dtype=np.int32), np.array(hint.values, dtype=float)
    )
    stages: list[dict] = []
    x: np.ndarray | None = None
    status_name = "OPTIMAL"
    for level in LEVELS:
        terms, constant = objective[level]
        terms = {j: c for j, c in terms.items() if c}
        if not terms:
            value = int(round(constant))
            stages.append({"level": level, "value": value, "bound": value, "status": "OPTIMAL"})
            continue
        cost = np.zeros(n)
        for j, c in terms.items():
            cost[j] = c
        h.changeColsCost(n, np.arange(n, dtype=np.int32), cost)
        h.changeObjectiveOffset(constant)
        h.setOptionValue("time_limit", max(0.05, deadline - time.perf_counter()))
        stage_started = time.perf_counter()
        h.run()
        info = h.getInfo()
        if info.primal_solution_status != 2:  # no feasible solution in time
            status_name = "FEASIBLE" if x is not None else h.modelStatusToString(h.getModelStatus())
            stages.append({"level": level, "value": None, "bound": None, "status": "UNKNOWN"})
            break
        optimal = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
        x = np.round(np.array(h.getSolution().col_value))
        value = int(round(_value((terms, constant), x)))
        bound = info.mip_dual_bound
        stages.append(
            {
                "level": level,
                "value": value,
                "bound": int(np.ceil(bound - 1e-6)) if np.isfinite(bound) else None,
                "status": "OPTIMAL" if optimal else "FEASIBLE",
                "seconds": round(time.perf_counter() - stage_started, 3),
            }
        )
        if not optimal:
            status_name = "FEASIBLE"
        cols = np.array(sorted(terms), dtype=np.int32)  # hold this level (+0.5: float noise)
        h.addRow(
            -highspy.kHighsInf,
            value - constant + 0.5,
            len(cols),
            cols,
            np.array([terms[j] for j in cols], dtype=float),
        )
        h.setSolution(n, np.arange(n, dtype=np.int32), x)

    seconds = time.perf_counter() - started
    solver = {"status": status_name, "seconds": round(seconds, 3), "stages": stages}
    if x is None:
        return no_roster(day, solver)
    placed = frozenset(k for k, var in (*v.coach_in.items(), *v.worker_at.items()) if x[var.index])
    capacity = {
        k: int(round(_value(_flat(cap), x))) for k, cap in v.capacity.items() if k in placed
    }
    rides = frozenset((w, run, leg) for (w, _s, run, leg), var in v.ride.items() if x[var.index])
    roster = read_roster(day, Solution(placed, capacity, rides))
    roster.status = "optimal" if status_name == "OPTIMAL" else "feasible"
    roster.solver = {
        **solver,
        "models": MODEL_MIP_NOTE,
        "build_seconds": round(build_seconds, 3),
        "columns": n,
        "rows": h.getNumRow(),
    }
    return roster
