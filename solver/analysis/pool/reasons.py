"""Why this pool and this training, in Dutch and English, from a study's simulated numbers.

Each sentence is a catalogue entry (`pool.why.*`); its numbers, percentages and training
designs are formatted for each language where the sentence is said ("32,2 werkdagen", "99,0 %").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from solver.analysis.pool.designs import design_label
from solver.reports.words import LANGS, number, percent, translate

if TYPE_CHECKING:
    from solver.analysis.pool.sizing import Study


class _Num(float):
    """A number said with one decimal."""


class _Pct(float):
    """A share said as a percentage."""


class _Design(str):
    """A training design, said by its readable label (its code stays in the JSON)."""


def _said(value: Any, lang: str) -> Any:
    if isinstance(value, _Pct):
        return percent(value, lang)
    if isinstance(value, _Num):
        return number(value, lang, digits=1)
    if isinstance(value, _Design):
        return design_label(value, lang)
    if isinstance(value, float):
        return number(value, lang, digits=0)
    return value


def _both(code: str, **params: Any) -> tuple[str, str]:
    """The sentence in Dutch and in English."""
    nl, en = (
        translate(code, lang, **{k: _said(v, lang) for k, v in params.items()}) for lang in LANGS
    )
    return nl, en


def reasons(study: Study) -> list[tuple[str, str]]:
    """Why this pool and this training, in plain Dutch and English, from the simulated numbers."""
    rec = study.recommended
    out: list[tuple[str, str]] = []
    by_kind = study.absence_days_by_kind
    out.append(
        _both(
            "pool.why.absence",
            days=_Num(study.mean_absence_days_per_coach),
            leave=_Num(by_kind["leave"]),
            adv=_Num(by_kind["adv"]),
            sick=_Num(by_kind["sick"]),
            total=float(study.mean_absence_days_per_coach * study.regular_coaches),
            coaches=study.regular_coaches,
            left=float(study.baseline_site_days_per_year),
        )
    )
    if rec is None:
        return out
    reached = rec.covered_share >= study.target
    common = {"pool": rec.pool, "training": _Design(rec.training), "target": _Pct(study.target)}
    if reached:
        out.append(
            _both(
                "pool.why.reached",
                **common,
                share=_Pct(rec.covered_share),
                gap=_Num(rec.no_coach_site_days_per_year),
                unemployment=float(rec.unemployment_worker_days_per_year),
            )
        )
    else:
        out.append(_both("pool.why.not_reached", **common, share=_Pct(rec.covered_share)))
    smaller = [p for p in study.curve if p.pool == rec.pool - 1]
    if reached and smaller:
        best = max(smaller, key=lambda p: p.covered_share)
        out.append(
            _both(
                "pool.why.one_fewer",
                pool=best.pool,
                training=_Design(best.training),
                share=_Pct(best.covered_share),
                gap=_Num(best.no_coach_site_days_per_year),
            )
        )
    out.append(_both("pool.why.spread", p10=_Pct(rec.p10), p90=_Pct(rec.p90)))
    safe = [p for p in study.curve if p.p10 >= study.target]
    if reached and rec.p10 < study.target and safe:
        s = min(safe, key=lambda p: (p.pool, p.trainings))
        out.append(
            _both(
                "pool.why.nine_in_ten", pool=s.pool, training=_Design(s.training), p10=_Pct(s.p10)
            )
        )
    same = {p.training: p for p in study.curve if p.pool == rec.pool}
    if any(name != rec.training for name in same):
        others = [
            ", ".join(
                translate(
                    "pool.why.other",
                    lang,
                    training=design_label(name, lang),
                    share=percent(p.covered_share, lang),
                    trainings=p.trainings,
                )
                for name, p in same.items()
                if name != rec.training
            )
            for lang in LANGS
        ]
        nl, en = (
            translate(
                "pool.why.others",
                lang,
                training=design_label(rec.training, lang),
                trainings=rec.trainings,
                days=number(rec.training_days_per_year, lang, digits=0),
                pool=rec.pool,
                others=listed,
            )
            for lang, listed in zip(LANGS, others, strict=True)
        )
        out.append((nl, en))
    row = next((r for r in study.comparison if r["pool"] == rec.pool), None)
    if row:
        out.append(
            _both(
                "pool.why.chain",
                trainings_chain=row["trainings_chain"],
                chain=_Pct(row["chain"]),
                random=_Pct(row["random"]),
                trainings_full=row["trainings_full"],
                full=_Pct(row["full"]),
                share_of_full=_Pct(row["chain_share_of_full"] or 0),
                gap_chain=_Num(row["no_coach_site_days_chain"]),
                gap_full=_Num(row["no_coach_site_days_full"]),
            )
        )
    if study.training_plan:
        last = study.training_plan[-1]
        out.append(
            _both(
                "pool.why.plan",
                trainings=len(study.training_plan),
                share=_Pct(last.covered_share_after),
                years=study.plan_years,
            )
        )
    current = next(
        (p for p in study.curve if p.training == "current" and p.pool == study.existing_vlinders),
        None,
    )
    if current and study.existing_vlinders:
        out.append(
            _both(
                "pool.why.today",
                vlinders=study.existing_vlinders,
                share=_Pct(current.covered_share),
            )
        )
    out.append(_both("pool.why.cost", fte=_Num(rec.vlinder_fte)))
    return out
