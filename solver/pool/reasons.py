"""Why this pool and this training, in Dutch and English, from a study's simulated numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .sizing import Study


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def reasons(study: Study) -> list[tuple[str, str]]:
    """Why this pool and this training, in plain Dutch and English, from the simulated numbers."""
    rec = study.recommended
    out: list[tuple[str, str]] = []
    hearing = study.mean_absence_days_per_coach * study.regular_coaches
    out.append(
        (
            f"Een vaste begeleider is gemiddeld {study.mean_absence_days_per_coach:.1f} werkdagen "
            f"per jaar afwezig (verlof {study.absence_days_by_kind['leave']:.1f}, adv "
            f"{study.absence_days_by_kind['adv']:.1f}, ziekte "
            f"{study.absence_days_by_kind['sick']:.1f}): {hearing:.0f} dagen voor "
            f"{study.regular_coaches} begeleiders. Na wat de vaste begeleiders zelf opvangen, "
            f"blijven {study.baseline_site_days_per_year:.0f} sitedagen per jaar zonder "
            "begeleider als er geen vlinder is.",
            f"A regular coach is away {study.mean_absence_days_per_coach:.1f} working days a year "
            f"on average (leave {study.absence_days_by_kind['leave']:.1f}, adv "
            f"{study.absence_days_by_kind['adv']:.1f}, sickness "
            f"{study.absence_days_by_kind['sick']:.1f}): {hearing:.0f} days for "
            f"{study.regular_coaches} coaches. After what the regular coaches cover themselves, "
            f"{study.baseline_site_days_per_year:.0f} site-days a year are left without a coach "
            "when there is no vlinder.",
        )
    )
    if rec is None:
        return out
    reached = rec.covered_share >= study.target
    if reached:
        out.append(
            (
                f"Met {rec.pool} vlinders (opleiding '{rec.training}') krijgt "
                f"{_pct(rec.covered_share)} van die sitedagen toch een begeleider; het doel is "
                f"{_pct(study.target)}. Er blijven gemiddeld "
                f"{rec.no_coach_site_days_per_year:.1f} sitedagen per jaar zonder begeleider "
                f"({rec.unemployment_worker_days_per_year:.0f} dagen tijdelijke werkloosheid "
                "voor medewerkers).",
                f"With {rec.pool} vlinders (training '{rec.training}') {_pct(rec.covered_share)} of "
                f"those site-days still get a coach; the target is {_pct(study.target)}. On "
                f"average {rec.no_coach_site_days_per_year:.1f} site-days a year stay without a "
                f"coach ({rec.unemployment_worker_days_per_year:.0f} worker-days of temporary "
                "unemployment).",
            )
        )
    else:
        out.append(
            (
                f"Geen enkele poolgrootte tot {rec.pool} haalt het doel {_pct(study.target)}; "
                f"het beste is {rec.pool} vlinders met opleiding '{rec.training}': "
                f"{_pct(rec.covered_share)}.",
                f"No pool size up to {rec.pool} reaches the target {_pct(study.target)}; the best "
                f"is {rec.pool} vlinders with training '{rec.training}': {_pct(rec.covered_share)}.",
            )
        )
    smaller = [p for p in study.curve if p.pool == rec.pool - 1]
    if reached and smaller:
        best = max(smaller, key=lambda p: p.covered_share)
        out.append(
            (
                f"Met één vlinder minder ({best.pool}) haalt zelfs de beste opleiding "
                f"('{best.training}') maar {_pct(best.covered_share)}: "
                f"{best.no_coach_site_days_per_year:.1f} sitedagen per jaar zonder begeleider.",
                f"With one vlinder fewer ({best.pool}) even the best training ('{best.training}') "
                f"reaches only {_pct(best.covered_share)}: {best.no_coach_site_days_per_year:.1f} "
                "site-days a year without a coach.",
            )
        )
    out.append(
        (
            f"De spreiding over de gesimuleerde jaren: in een slecht jaar (P10) "
            f"{_pct(rec.p10)}, in een goed jaar (P90) {_pct(rec.p90)}.",
            f"The spread over the simulated years: in a bad year (P10) {_pct(rec.p10)}, in a "
            f"good year (P90) {_pct(rec.p90)}.",
        )
    )
    safe = [p for p in study.curve if p.p10 >= study.target]
    if reached and rec.p10 < study.target and safe:
        s = min(safe, key=lambda p: (p.pool, p.trainings))
        out.append(
            (
                f"Wie ook in 9 jaar op 10 het doel wil halen, neemt {s.pool} vlinders "
                f"('{s.training}', P10 {_pct(s.p10)}).",
                f"To reach the target in 9 years out of 10 as well, take {s.pool} vlinders "
                f"('{s.training}', P10 {_pct(s.p10)}).",
            )
        )
    same = {p.training: p for p in study.curve if p.pool == rec.pool}
    others = ", ".join(
        f"'{name}' {_pct(p.covered_share)} ({p.trainings})"
        for name, p in same.items()
        if name != rec.training
    )
    if others:
        out.append(
            (
                f"Opleiding '{rec.training}' vraagt {rec.trainings} opleidingen "
                f"({rec.training_days_per_year:.0f} opleidingsdagen per jaar). Andere "
                f"opleidingen bij {rec.pool} vlinders (aantal opleidingen): {others}.",
                f"Training '{rec.training}' takes {rec.trainings} trainings "
                f"({rec.training_days_per_year:.0f} training days a year). Other designs at "
                f"{rec.pool} vlinders (number of trainings): {others}.",
            )
        )
    row = next((r for r in study.comparison if r["pool"] == rec.pool), None)
    if row:
        out.append(
            (
                f"Een ketting (chain, {row['trainings_chain']} opleidingen) haalt "
                f"{_pct(row['chain'])}, willekeurige opleidingen met evenveel opleidingen "
                f"{_pct(row['random'])}, overal opleiden ({row['trainings_full']}) "
                f"{_pct(row['full'])}: de ketting haalt {_pct(row['chain_share_of_full'] or 0)} "
                f"van wat overal opleiden haalt, met {row['trainings_chain']} in plaats van "
                f"{row['trainings_full']} opleidingen, maar laat {row['no_coach_site_days_chain']:.1f} "
                f"in plaats van {row['no_coach_site_days_full']:.1f} sitedagen per jaar zonder "
                "begeleider.",
                f"A chain ({row['trainings_chain']} trainings) reaches {_pct(row['chain'])}, "
                f"random trainings of the same number {_pct(row['random'])}, training everywhere "
                f"({row['trainings_full']}) {_pct(row['full'])}: the chain reaches "
                f"{_pct(row['chain_share_of_full'] or 0)} of what full training reaches with "
                f"{row['trainings_chain']} instead of {row['trainings_full']} trainings, but leaves "
                f"{row['no_coach_site_days_chain']:.1f} instead of "
                f"{row['no_coach_site_days_full']:.1f} site-days a year without a coach.",
            )
        )
    if study.training_plan:
        last = study.training_plan[-1]
        out.append(
            (
                f"Het opleidingsplan hieronder (één opleiding per keer, telkens de grootste "
                f"winst) haalt met {len(study.training_plan)} opleidingen "
                f"{_pct(last.covered_share_after)} op de eerste {study.plan_years} gesimuleerde "
                "jaren.",
                f"The training plan below (one training at a time, the largest gain first) "
                f"reaches {_pct(last.covered_share_after)} with {len(study.training_plan)} "
                f"trainings on the first {study.plan_years} simulated years.",
            )
        )
    current = next(
        (p for p in study.curve if p.training == "current" and p.pool == study.existing_vlinders),
        None,
    )
    if current and study.existing_vlinders:
        out.append(
            (
                f"Vandaag: {study.existing_vlinders} vlinders met hun huidige opleiding halen "
                f"{_pct(current.covered_share)}.",
                f"Today: {study.existing_vlinders} vlinders with their current training reach "
                f"{_pct(current.covered_share)}.",
            )
        )
    out.append(
        (
            f"Kost: {rec.vlinder_fte:.1f} VTE vlinder, zonder subsidie (vlinders doen geen ander "
            "werk).",
            f"Cost: {rec.vlinder_fte:.1f} FTE of vlinders, without subsidy (vlinders do no other "
            "work).",
        )
    )
    return out
