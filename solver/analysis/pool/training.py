"""The recommended training plan: one training at a time, the largest gain first (greedy)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from solver.analysis.pool.designs import FULL_WEEK, Design, Vlinder, pool_company, ring
from solver.analysis.pool.judging import judge_days
from solver.analysis.pool.shortcuts import Coverage, coverage
from solver.analysis.pool.simulation import (
    CHUNK_YEARS,
    Days,
    Plan,
    _training_days,
    chunk_days,
    evaluate,
    vlinder_available,
)
from solver.domain import Company

PLAN_YEARS = 100  # simulated years the greedy training plan is fitted on
PLAN_MIN_GAIN = 0.2  # site-days a year a training must save, its own training day counted


@dataclass
class PlanStep:
    vlinder: str
    site: str
    gain_site_days_per_year: float
    covered_share_after: float

    def to_json(self) -> dict:
        return {
            "vlinder": self.vlinder,
            "site": self.site,
            "gain_site_days_per_year": round(self.gain_site_days_per_year, 3),
            "covered_share_after": round(self.covered_share_after, 5),
        }


def training_plan(company: Company, plan: Plan, pool: int, years: int) -> list[PlanStep]:
    """Start from `pool` untrained vlinders and add, one at a time, the training (vlinder,
    site) that removes the most site-days without a coach, counting the training day it costs;
    stop when no training gains PLAN_MIN_GAIN site-days a year. Fitted on the first `years`
    simulated years (the same days as the sweep).

    Exact and incremental: a new training (k, s) can only change a day on which site s runs,
    some site is still without a coach and vlinder k is in, or the day
    that becomes k's extra training day; every other day keeps its answer."""
    chunks = [chunk_days(plan, i, pool) for i in range(math.ceil(years / CHUNK_YEARS))]
    sites = ring(company)
    model = plan.model
    untrained = Design("plan", pool, tuple(Vlinder(f"V{k + 1}", ()) for k in range(pool)))
    cov = coverage(pool_company(company, untrained), anchor_vlinders=False)
    site_index = {s: i for i, s in enumerate(cov.sites)}
    vlinder_col = {k: cov.coaches.index(f"V{k + 1}") for k in range(pool)}
    trained: list[list[str]] = [[] for _ in range(pool)]
    n_years = sum(len(d.years) for d in chunks)

    def vlinder_column(days: Days, k: int) -> np.ndarray:
        count = _training_days(model, Vlinder("", tuple(trained[k]))) if trained[k] else 0
        return vlinder_available(days, k, FULL_WEEK, count)

    def extra_training(days: Days, k: int) -> np.ndarray:
        after = Vlinder("", (*trained[k], "x"))
        return vlinder_available(days, k, FULL_WEEK, _training_days(model, after))

    availables = [
        np.concatenate(
            [d.regular_available] + [vlinder_column(d, k)[:, None] for k in range(pool)], axis=1
        )
        for d in chunks
    ]
    # The sites that run: a site an anchor covers may still change hands (the rules of
    # `Sharing.state` place flexible coaches too), so every running site is asked.
    opened = [d.running > 0 for d in chunks]

    def uncovered(c: Coverage, days: Days, available: np.ndarray, rows: np.ndarray) -> np.ndarray:
        if not rows.size:
            return np.zeros(0, dtype=np.int64)
        return judge_days(c, days.running[rows], available[rows])[0].sum(axis=1)

    current = [
        uncovered(cov, d, a, np.arange(len(d.year_of_day)))
        for d, a in zip(chunks, availables, strict=True)
    ]
    baseline = sum(evaluate(plan.baseline, d, d.regular_available).no_coach.sum() for d in chunks)
    col0 = len(cov.coaches) - pool
    steps: list[PlanStep] = []
    while sum(len(t) for t in trained) < pool * len(sites):
        best = None
        for k in range(pool):
            extra = [extra_training(d, k) for d in chunks]
            for s in sites:
                if s in trained[k]:
                    continue
                cand = cov.with_training(vlinder_col[k], site_index[s])
                gain, rows_all, new_all, avail_all = 0, [], [], []
                for days, now, avail, open_, ex in zip(
                    chunks, current, availables, opened, extra, strict=True
                ):
                    a_new = avail.copy()
                    a_new[:, col0 + k] = ex
                    changed = avail[:, col0 + k] != ex
                    rows = np.flatnonzero(((now > 0) & ex & open_[:, site_index[s]]) | changed)
                    new = uncovered(cand, days, a_new, rows)
                    gain += int(now[rows].sum() - new.sum())
                    rows_all.append(rows)
                    new_all.append(new)
                    avail_all.append(a_new)
                if best is None or gain > best[0]:
                    best = (gain, k, s, cand, rows_all, new_all, avail_all)
        if best is None or best[0] / n_years < PLAN_MIN_GAIN:
            break
        gain, k, s, cov, rows_all, new_all, availables = best
        for now, rows, new in zip(current, rows_all, new_all, strict=True):
            now[rows] = new
        trained[k].append(s)
        left = sum(int(c.sum()) for c in current)
        share = 1 - left / baseline if baseline else 1.0
        steps.append(PlanStep(f"V{k + 1}", s, gain / n_years, float(share)))
    return steps
