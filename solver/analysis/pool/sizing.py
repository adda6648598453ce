"""Pool sizing: simulate every design and pool size, aggregate the years into a service
curve, recommend a pool, fit its training plan, and size the atelier substitutes."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from solver.analysis.absence_model import SICK, AbsenceModel
from solver.analysis.costs import costs_json, pool_costs
from solver.analysis.executor import run_map
from solver.analysis.pool.designs import DESIGNS, Design, sweep_designs
from solver.analysis.pool.reasons import reasons
from solver.analysis.pool.simulation import (
    CHUNK_YEARS,
    SUBSTITUTES_MAX,
    WORKER_YEARS,
    ChunkResult,
    ChunkTask,
    Config,
    Outcome,
    Plan,
    build_plan,
    chunk_days,
    simulate_chunk,
)
from solver.analysis.pool.training import PLAN_YEARS, PlanStep, training_plan
from solver.domain import Company


@dataclass
class CurvePoint:
    pool: int
    training: str
    covered_share: float
    no_coach_site_days_per_year: float
    p10: float
    p50: float
    p90: float
    days_with_gap_per_year: float
    unemployment_worker_days_per_year: float
    trainings: int
    training_days_per_year: float
    vlinder_fte: float
    no_coach_p10: float
    no_coach_p90: float
    site_days: dict[str, float]
    below_norm_site_days_per_year: float = 0.0
    missing_coach_days_per_year: float = 0.0
    costs: dict | None = None  # `point_costs`: the point's yearly euros, set by `size_pool`

    def to_json(self) -> dict:
        return {
            "pool": self.pool,
            "training": self.training,
            "covered_share": round(self.covered_share, 5),
            "no_coach_site_days_per_year": round(self.no_coach_site_days_per_year, 3),
            "below_norm_site_days_per_year": round(self.below_norm_site_days_per_year, 3),
            "missing_coach_days_per_year": round(self.missing_coach_days_per_year, 3),
            "p10": round(self.p10, 5),
            "p50": round(self.p50, 5),
            "p90": round(self.p90, 5),
            "days_with_gap_per_year": round(self.days_with_gap_per_year, 3),
            "unemployment_worker_days_per_year": round(self.unemployment_worker_days_per_year, 2),
            "trainings": self.trainings,
            "training_days_per_year": round(self.training_days_per_year, 2),
            "vlinder_fte": round(self.vlinder_fte, 2),
            "no_coach_site_days_p10": round(self.no_coach_p10, 3),
            "no_coach_site_days_p90": round(self.no_coach_p90, 3),
            "no_coach_site_days_per_year_by_site": {
                s: round(v, 3) for s, v in self.site_days.items() if v
            },
            **({"costs": self.costs} if self.costs is not None else {}),
        }


def point_costs(company: Company, point: CurvePoint) -> dict:
    """A point's expected yearly cost in euros with its parts (`solver.analysis.costs.pool_costs`),
    from the point's figures a year, converted explicitly into what `pool_costs` expects:

    - vlinders: the pool's FTE (`vlinder_fte`: a part-time vlinder is paid part-time);
    - worker-days without a coach: `unemployment_worker_days_per_year` (the team of every
      site-day without a coach, sent home: temporary unemployment);
    - coach-days below the norm: `missing_coach_days_per_year` less the coach-days missing at
      site-days WITHOUT a coach (there the whole contract is missing, `coaches` of the site per
      day, and the team is already counted as sent home): only the coach-days short at sites
      that still have a coach, each costed as the short team it leaves. Without this the same
      site-day would be paid twice.

    The converted figures are in the answer (`inputs`), so a reader can redo the sum."""
    at_no_coach = sum(days * company.sites[s].coaches for s, days in point.site_days.items())
    short = max(0.0, point.missing_coach_days_per_year - at_no_coach)
    costs = pool_costs(company, point.vlinder_fte, point.unemployment_worker_days_per_year, short)
    costs["inputs"] = {
        "vlinder_fte": round(point.vlinder_fte, 2),
        "no_coach_worker_days_per_year": round(point.unemployment_worker_days_per_year, 3),
        "below_norm_coach_days_per_year": round(short, 3),
    }
    return costs


def _point(config: Config, outcomes: list[Outcome], baseline: np.ndarray, sites) -> CurvePoint:
    no_coach = np.concatenate([o.no_coach for o in outcomes])
    years = no_coach.size
    share_by_year = np.where(baseline > 0, 1 - no_coach / np.maximum(baseline, 1), 1.0)
    total_base = baseline.sum()
    share = 1 - no_coach.sum() / total_base if total_base else 1.0
    per_site = sum(o.per_site for o in outcomes) / years
    d = config.design
    return CurvePoint(
        pool=d.pool,
        training=d.label,
        covered_share=float(share),
        no_coach_site_days_per_year=float(no_coach.mean()),
        p10=float(np.percentile(share_by_year, 10)),
        p50=float(np.percentile(share_by_year, 50)),
        p90=float(np.percentile(share_by_year, 90)),
        days_with_gap_per_year=float(np.concatenate([o.gap_days for o in outcomes]).mean()),
        unemployment_worker_days_per_year=float(
            np.concatenate([o.unemployment for o in outcomes]).mean()
        ),
        trainings=d.trainings,
        training_days_per_year=float(sum(config.training_days)),
        vlinder_fte=sum(len(v.workdays) / 5 for v in d.vlinders),
        no_coach_p10=float(np.percentile(no_coach, 10)),
        no_coach_p90=float(np.percentile(no_coach, 90)),
        site_days=dict(zip(sites, per_site.tolist(), strict=True)),
        below_norm_site_days_per_year=float(
            np.concatenate([o.below_norm for o in outcomes]).mean()
        ),
        missing_coach_days_per_year=float(
            np.concatenate([o.missing_coaches for o in outcomes]).mean()
        ),
    )


@dataclass
class Substitutes:
    site: str
    headcount: int
    trained_atelier_workers: int
    for_95: int | None  # None: more than SUBSTITUTES_MAX
    for_99: int | None
    full_share_now: float  # share of days at full headcount with today's trained atelier workers
    full_share: tuple[float, ...] = ()  # by number of substitutes 0..SUBSTITUTES_MAX

    def to_json(self) -> dict:
        return {
            "enclave": self.site,
            "headcount": self.headcount,
            "trained_atelier_workers": self.trained_atelier_workers,
            "for_95": self.for_95,
            "for_99": self.for_99,
            "full_headcount_share_now": round(self.full_share_now, 4),
            "full_headcount_share_by_substitutes": [round(x, 4) for x in self.full_share],
        }


@dataclass
class Study:
    """The answer to HR: the service curve, the recommendation and its reasons, the plan."""

    company: str
    years: int
    seed: int
    target: float
    model: AbsenceModel
    mean_absence_days_per_coach: float
    absence_days_by_kind: dict[str, float]
    mean_absence_days_per_vlinder: float
    baseline_site_days_per_year: float
    curve: list[CurvePoint]
    comparison: list[dict]
    recommended: CurvePoint | None
    reasons: list[tuple[str, str]]
    training_plan: list[PlanStep]
    plan_pool: int | None
    substitutes: list[Substitutes]
    existing_vlinders: int
    regular_coaches: int
    plan_years: int = 0
    worker_years: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    cost_figures: dict = field(default_factory=dict)  # `costs_json`: the euros used, the flag

    @property
    def costs_placeholder(self) -> bool:
        """The curve's euros are the placeholders' (company.yaml `costs:` left at the defaults)."""
        return bool(self.cost_figures.get("placeholder"))

    def to_json(self) -> dict:
        rec = self.recommended
        return {
            "company": self.company,
            "years": self.years,
            "seed": self.seed,
            "target": self.target,
            "mean_absence_days_per_coach": round(self.mean_absence_days_per_coach, 3),
            "absence_days_per_coach_by_kind": {
                k: round(v, 3) for k, v in self.absence_days_by_kind.items()
            },
            "mean_absence_days_per_vlinder_without_training": round(
                self.mean_absence_days_per_vlinder, 3
            ),
            "coach_absence_site_days_per_year": round(self.baseline_site_days_per_year, 3),
            # Which of the curve's two figures of cover the recommendation and the shares use.
            "recommendation_uses": "no_coach_site_days_per_year",
            "curve": [p.to_json() for p in self.curve],
            "design_comparison": self.comparison,
            "recommended": (
                {
                    "pool": rec.pool,
                    "training": rec.training,
                    "reached": rec.covered_share >= self.target,
                }
                if rec
                else None
            ),
            "reasons": {"nl": [r[0] for r in self.reasons], "en": [r[1] for r in self.reasons]},
            "training_plan": [s.to_json() for s in self.training_plan],
            "training_plan_pool": self.plan_pool,
            "training_plan_years": self.plan_years,
            "worker_substitutes_years": self.worker_years,
            "worker_substitutes": [s.to_json() for s in self.substitutes],
            # The figures the curve's `costs` use; `placeholder`: still the defaults.
            "costs_placeholder": self.costs_placeholder,
            "cost_figures": self.cost_figures,
        }


def size_pool(
    company: Company,
    model: AbsenceModel,
    *,
    years: int = 1000,
    pools: Sequence[int] = tuple(range(9)),
    designs: Sequence[str] = DESIGNS,
    target: float = 0.99,
    seed: int = 2026,
    workers: int | None = None,
    dask_address: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    plan_years: int = PLAN_YEARS,
    worker_years: int = WORKER_YEARS,
    extra_designs: Sequence[Design] = (),
) -> Study:
    """Simulate `years` years for every design and pool size, and recommend.

    `extra_designs`: explicit training matrices to simulate on the same days (e.g. a plan)."""
    import time

    started = time.perf_counter()
    pools = sorted(set(pools))
    all_designs = sweep_designs(company, pools, designs, seed) + list(extra_designs)
    plan = build_plan(company, model, all_designs, years, seed, worker_years)
    tasks = [ChunkTask(plan, i) for i in range(math.ceil(years / CHUNK_YEARS))]
    chunks = run_map(
        simulate_chunk, tasks, workers=workers, dask_address=dask_address, progress=progress
    )
    sweep_seconds = time.perf_counter() - started
    baseline = np.concatenate([c.baseline.no_coach for c in chunks])
    points = [
        _point(cfg, [c.outcomes[i] for c in chunks], baseline, plan.baseline.sites)
        for i, cfg in enumerate(plan.configs)
    ]
    if 0 in pools:
        zero = Config(Design("none", 0, ()), plan.baseline, ())
        for name in designs:
            p = _point(replace(zero, design=Design(name, 0, ())), [c.baseline for c in chunks],
                       baseline, plan.baseline.sites)  # fmt: skip
            points.insert(0, p)
    order = [*designs, *(d.label for d in extra_designs)]
    curve = sorted(
        (p for p in points if not p.training.startswith("random")),
        key=lambda p: (p.pool, order.index(p.training) if p.training in order else len(order)),
    )
    for p in curve:
        p.costs = point_costs(company, p)
    comparison = _comparison(points, pools)
    recommended = recommend(curve, target)
    plan_started = time.perf_counter()
    steps: list[PlanStep] = []
    plan_pool = recommended.pool if recommended and recommended.pool > 0 else None
    if plan_pool and plan_years > 0:
        steps = training_plan(company, plan, plan_pool, min(plan_years, years))
    plan_seconds = time.perf_counter() - plan_started
    absence = sum(c.absence_days.sum(axis=0) for c in chunks)
    coach_years = sum(c.coach_years for c in chunks)
    vlinder_years = sum(c.vlinder_years for c in chunks)
    study = Study(
        company=company.name,
        years=years,
        seed=seed,
        target=target,
        model=model,
        mean_absence_days_per_coach=float(absence.sum() / max(coach_years, 1)),
        absence_days_by_kind={
            k: float(v / max(coach_years, 1))
            for k, v in zip(("leave", "adv", "sick"), absence, strict=True)
        },
        mean_absence_days_per_vlinder=sum(c.vlinder_absence_days for c in chunks)
        / max(vlinder_years, 1),
        baseline_site_days_per_year=float(baseline.mean()),
        curve=curve,
        comparison=comparison,
        recommended=recommended,
        reasons=[],
        training_plan=steps,
        plan_pool=plan_pool,
        substitutes=_substitute_table(company, plan, chunks),
        existing_vlinders=sum(c.role == "vlinder" for c in company.coaches.values()),
        regular_coaches=len(plan.regulars),
        plan_years=min(plan_years, years) if steps else 0,
        worker_years=plan.worker_years,
        seconds={"sweep": round(sweep_seconds, 2), "training_plan": round(plan_seconds, 2)},
        cost_figures=costs_json(company),
    )
    study.reasons = reasons(study)
    return study


def absence_summary(company: Company, model: AbsenceModel, years: int, seed: int) -> dict:
    """Mean absence days per regular coach a year, in all and by kind, over `years` simulated
    years: the hearing's arithmetic (10 leave + ~7 adv + ~15 sick = 32) as the model draws it.
    The same draws as `size_pool` with the same seed."""
    plan = build_plan(company, model, [], years, seed, worker_years=0)
    totals = np.zeros(3)
    coach_years = 0
    for index in range(math.ceil(years / CHUNK_YEARS)):
        days = chunk_days(plan, index, 0)
        for i, kind in enumerate((1, 2, SICK)):
            totals[i] += (days.regular_codes == kind).sum()
        coach_years += len(plan.regulars) * len(days.years)
    by_kind = dict(
        zip(("leave", "adv", "sick"), (totals / max(coach_years, 1)).tolist(), strict=True)
    )
    return {"mean": float(totals.sum() / max(coach_years, 1)), "by_kind": by_kind}


def _comparison(points: list[CurvePoint], pools: Sequence[int]) -> list[dict]:
    """Chain against random matrices with as many trainings, and against full training."""
    rows = []
    for pool in pools:
        at = {p.training: p for p in points if p.pool == pool}
        randoms = [p for name, p in at.items() if name.startswith("random")]
        if "chain" not in at or "full" not in at or not randoms:
            continue
        rows.append(
            {
                "pool": pool,
                "trainings_chain": at["chain"].trainings,
                "trainings_full": at["full"].trainings,
                "chain": round(at["chain"].covered_share, 5),
                "random": round(float(np.mean([p.covered_share for p in randoms])), 5),
                "random_draws": [round(p.covered_share, 5) for p in randoms],
                "full": round(at["full"].covered_share, 5),
                "chain_share_of_full": round(
                    at["chain"].covered_share / at["full"].covered_share, 4
                )
                if at["full"].covered_share
                else None,
                "no_coach_site_days_chain": round(at["chain"].no_coach_site_days_per_year, 3),
                "no_coach_site_days_random": round(
                    float(np.mean([p.no_coach_site_days_per_year for p in randoms])), 3
                ),
                "no_coach_site_days_full": round(at["full"].no_coach_site_days_per_year, 3),
            }
        )
    return rows


def recommend(curve: list[CurvePoint], target: float) -> CurvePoint | None:
    """The smallest pool where a design reaches the target on average; at that size the design
    with the fewest trainings that does (training days are days away), then the best service.
    When no size reaches it: the best point of the largest pool."""
    for pool in sorted({p.pool for p in curve}):
        good = [p for p in curve if p.pool == pool and p.covered_share >= target]
        if good:
            return min(good, key=lambda p: (p.trainings, -p.covered_share))
    if not curve:
        return None
    largest = max(p.pool for p in curve)
    return max((p for p in curve if p.pool == largest), key=lambda p: p.covered_share)


def _substitute_table(company: Company, plan: Plan, chunks: list[ChunkResult]) -> list[Substitutes]:
    parts = [c for c in chunks if c.substitutes_full is not None]
    if not parts:
        return []
    full = sum(c.substitutes_full for c in parts)
    days = sum(c.substitutes_days for c in parts)
    rows = []
    for i, site_id in enumerate(plan.worker_sites):
        if not days[i]:
            continue
        share = full[i] / days[i]
        trained = sum(
            1 for w in company.workers.values() if w.home == "atelier" and site_id in w.trained_at
        )

        def first(level: float, share=share) -> int | None:
            hits = np.flatnonzero(share >= level)
            return int(hits[0]) if hits.size else None

        now = float(share[min(trained, SUBSTITUTES_MAX)])
        rows.append(
            Substitutes(
                site_id,
                company.sites[site_id].headcount,
                trained,
                first(0.95),
                first(0.99),
                now,
                tuple(float(x) for x in share),
            )
        )
    return rows
