"""The week plan in words: the terminal's week grid, the plan JSON and the workbook (issue 14).

Dutch first, English on request; every word from the catalogue (`plan.*`). The plan itself is
facts (`solver.analysis.plan`); here a status becomes a word and a fix code a sentence.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from solver.analysis.leave_check import LeaveCheck
from solver.analysis.plan import Plan, Warning
from solver.analysis.plan_risk import DayRisk
from solver.domain import Company
from solver.reports.day_report import NOT_RUNNING, STATUS_WORDS, table
from solver.reports.explain import explain
from solver.reports.words import date, number, percent, t

# The catalogue's tables of the plan (`plan.col.*`, ...), named so the words test finds them.
COLUMNS = (
    "enclave", "date", "status", "workers", "fix", "person", "role", "from", "to", "depart",
    "arrival", "chance", "sites", "free_vlinders", "vlinder",
)  # fmt: skip
SHEETS = ("week", "warnings", "moves", "risk", "training")
FIX_CODES = ("train_vlinder", "move_leave", "none")
ERRORS = ("to_before_from", "no_working_days", "too_many_days")
LEAVE_ERRORS = ("unknown_person", "to_before_from", "no_working_days", "too_long", "bad_date")
# Sites named on a risk line, the likeliest first.
RISK_SITES_SHOWN = 3


def short_date(day: dt.date | str, lang: str = "nl") -> str:
    """'ma 22/3' — a column of the week grid."""
    day = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return t(f"plan.weekday.{day.weekday()}", lang) + f" {day.day}/{day.month}"


def fix_text(fix: dict[str, Any], lang: str = "nl") -> str:
    params = {k: v for k, v in fix.items() if k != "code"}
    if "date" in params:
        params["date"] = short_date(params["date"], lang)
    return t(f"plan.fix.{fix['code']}", lang, **params)


def fixes_text(warning: Warning, lang: str = "nl") -> str:
    if not warning.fixes:
        return t("plan.fix.none", lang)
    return t("plan.fix.or", lang).join(fix_text(f, lang) for f in warning.fixes)


def warning_json(warning: Warning, lang: str = "nl") -> dict[str, Any]:
    return {
        "date": warning.date.isoformat(),
        "enclave": warning.enclave,
        "status": warning.status,
        "workers": warning.workers,
        "fix": fixes_text(warning, lang),
        "fix_codes": list(warning.fixes),
    }


def plan_json(company: Company, plan: Plan, lang: str = "nl") -> dict[str, Any]:
    """The plan in the contract's shape: each day a roster in the roster format."""
    skills = company.settings.labels.get("skills")
    days = []
    for roster in plan.days:
        explain(roster, lang, skills=skills)
        days.append(roster.to_json())
    return {
        "company": plan.company,
        "from": plan.start.isoformat(),
        "to": plan.end.isoformat(),
        "days": days,
        "warnings": [warning_json(w, lang) for w in plan.warnings],
        "continuity": plan.continuity,
        "solver": plan.solver,
        "risk": [r.to_json() for r in plan.risk],
        "training": [x.to_json() for x in plan.training],
    }


def cell(site: Any, lang: str = "nl") -> str:
    """One site on one day: its status word, and who covers it."""
    status = STATUS_WORDS[lang].get(site.status, site.status)
    if site.status in NOT_RUNNING:
        return "·"
    coaches = ", ".join(site.coaches)
    return f"{status} ({coaches})" if coaches else status


def week_grid(plan: Plan, lang: str = "nl") -> tuple[list[str], list[list[str]]]:
    """Sites × days: the header and one row per site that runs on some day of the plan."""
    header = [t("plan.col.enclave", lang)] + [short_date(r.date, lang) for r in plan.days]
    site_ids = sorted({s.id for r in plan.days for s in r.enclaves})
    rows = []
    for site_id in site_ids:
        sites = [next((s for s in r.enclaves if s.id == site_id), None) for r in plan.days]
        if all(s is None or s.status in NOT_RUNNING for s in sites):
            continue
        rows.append([site_id] + [cell(s, lang) if s else "·" for s in sites])
    return header, rows


def continuity_text(continuity: dict[str, Any], lang: str = "nl") -> str:
    if not continuity.get("spells"):
        return t("plan.continuity_none", lang)
    coaches, workers = continuity["coaches"], continuity["workers"]
    return t(
        "plan.continuity",
        lang,
        one=continuity["one_replacement"],
        spells=continuity["spells"],
        share=percent(continuity["share"], lang),
        coaches_one=coaches["one_replacement"],
        coaches_spells=coaches["spells"],
        workers_one=workers["one_replacement"],
        workers_spells=workers["spells"],
    )


def warning_line(warning: Warning, lang: str = "nl") -> str:
    return t(
        "plan.warning",
        lang,
        date=short_date(warning.date, lang),
        enclave=warning.enclave,
        status=STATUS_WORDS[lang].get(warning.status, warning.status),
        workers=warning.workers,
        fix=fixes_text(warning, lang),
    )


def risk_sites(risk: DayRisk, lang: str = "nl") -> str:
    """The sites that carry a day's risk, the likeliest first: "E03 20,4 %, E02 11,0 %"."""
    shown = list(risk.sites.items())[:RISK_SITES_SHOWN]
    text = ", ".join(f"{site} {percent(chance, lang)}" for site, chance in shown)
    if len(risk.sites) > RISK_SITES_SHOWN:
        text += ", " + t("plan.risk.more", lang, n=len(risk.sites) - RISK_SITES_SHOWN)
    return text


def free_text(risk: DayRisk, lang: str = "nl") -> str:
    if risk.all_vlinders_used:
        return t("plan.risk.no_reserve", lang)
    if not risk.free_vlinders:
        return t("plan.risk.no_vlinders", lang)
    return t("plan.risk.free", lang, vlinders=", ".join(risk.free_vlinders))


def risk_line(risk: DayRisk, lang: str = "nl") -> str:
    if not risk.sites:
        return t(
            "plan.risk.day_none",
            lang,
            date=short_date(risk.date, lang),
            free=free_text(risk, lang),
        )
    return t(
        "plan.risk.day",
        lang,
        date=short_date(risk.date, lang),
        chance=percent(risk.chance, lang),
        sites=risk_sites(risk, lang),
        free=free_text(risk, lang),
    )


def risk_lines(risks: list[DayRisk], lang: str = "nl") -> list[str]:
    """Expected sickness per day: the chance, the sites that carry it, the free vlinders."""
    if not risks:
        return []
    rate = max(r.sick_rate for r in risks)
    out = [t("plan.risk.title", lang, rate=percent(rate, lang))]
    out.extend(f"  {risk_line(r, lang)}" for r in risks)
    return out


def training_lines(plan: Plan, lang: str = "nl") -> list[str]:
    """The vlinder trainings the plan fits in, day by day."""
    out = [t("plan.training.title", lang, n=len(plan.training))]
    out.extend(
        "  "
        + t(
            "plan.training.line",
            lang,
            date=short_date(x.date, lang),
            vlinder=x.vlinder,
            enclave=x.enclave,
        )
        for x in plan.training
    )
    if not plan.training:
        out.append(f"  {t('plan.training.none', lang)}")
    return out


def render_plan(company: Company, plan: Plan, lang: str = "nl") -> str:
    """The week as the command line prints it: the grid, the early warnings (earliest first),
    continuity and how the solve went."""
    out = [
        t(
            "plan.title",
            lang,
            company=plan.company,
            start=date(plan.start, lang),
            end=date(plan.end, lang),
        ),
        "",
    ]
    header, rows = week_grid(plan, lang)
    out.append(table(rows, header))
    out.append("")
    out.append(t("plan.warnings", lang, n=len(plan.warnings)))
    out.extend(f"  {warning_line(w, lang)}" for w in plan.warnings)
    if not plan.warnings:
        out.append(f"  {t('plan.no_warnings', lang)}")
    out.append("")
    out.extend(risk_lines(plan.risk, lang))
    out.append("")
    out.extend(training_lines(plan, lang))
    out.append("")
    out.append(continuity_text(plan.continuity, lang))
    proven = plan.solver.get("status") == "OPTIMAL"
    out.append(
        t(
            "plan.solver",
            lang,
            days=len(plan.days),
            seconds=number(plan.solver.get("seconds", 0.0), lang),
            proven=t("plan.proven" if proven else "plan.not_proven", lang),
        )
    )
    return "\n".join(out)


def write_plan_xlsx(company: Company, plan: Plan, path: str, lang: str = "nl") -> None:
    """The week in a workbook a planner opens in Excel: the grid, the warnings and every move
    of every day (who goes where, when)."""
    import pandas as pd

    header, rows = week_grid(plan, lang)
    grid = pd.DataFrame(rows, columns=header)
    warnings = pd.DataFrame(
        [
            [
                w.date,
                w.enclave,
                STATUS_WORDS[lang].get(w.status, w.status),
                w.workers,
                fixes_text(w, lang),
            ]
            for w in plan.warnings
        ],
        columns=[t(f"plan.col.{c}", lang) for c in ("date", "enclave", "status", "workers", "fix")],
    )
    moves = pd.DataFrame(
        [
            [dt.date.fromisoformat(r.date), m.person, m.role, m.from_, m.to, m.depart, m.arrival]
            for r in plan.days
            for m in r.moves
        ],
        columns=[
            t(f"plan.col.{c}", lang)
            for c in ("date", "person", "role", "from", "to", "depart", "arrival")
        ],
    )
    risk = pd.DataFrame(
        [[r.date, r.chance, risk_sites(r, lang), ", ".join(r.free_vlinders)] for r in plan.risk],
        columns=[t(f"plan.col.{c}", lang) for c in ("date", "chance", "sites", "free_vlinders")],
    )
    training = pd.DataFrame(
        [[x.date, x.vlinder, x.enclave] for x in plan.training],
        columns=[t(f"plan.col.{c}", lang) for c in ("date", "vlinder", "enclave")],
    )
    sheets = (
        ("week", grid),
        ("warnings", warnings),
        ("moves", moves),
        ("risk", risk),
        ("training", training),
    )
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for key, frame in sheets:
            frame.to_excel(writer, sheet_name=t(f"plan.sheet.{key}", lang)[:31], index=False)


# --- the leave check ------------------------------------------------------------------------------


def leave_json(check: LeaveCheck) -> dict[str, Any]:
    """The leave check in its JSON shape (facts and codes: the statuses are codes)."""
    return check.to_json()


def render_leave_check(check: LeaveCheck, lang: str = "nl") -> str:
    """What granting the leave does to cover, the nearest dates that cost none, and the change
    in the expected-sickness risk on its days."""
    out = [
        t(
            "plan.leave.title",
            lang,
            person=check.person,
            start=date(check.start, lang),
            end=date(check.end, lang),
            days=len(check.days),
        ),
        "",
    ]
    if check.ok:
        out.append(t("plan.leave.ok", lang))
    else:
        out.append(t("plan.leave.lost", lang, n=len(check.lost)))
        out.extend(
            "  "
            + t(
                "plan.leave.lost_line",
                lang,
                date=short_date(x.date, lang),
                enclave=x.enclave,
                status=STATUS_WORDS[lang].get(x.status, x.status),
                workers=x.workers,
            )
            for x in check.lost
        )
        out.append("")
        if check.alternatives:
            out.append(t("plan.leave.alternatives", lang))
            out.extend(
                "  " + t("plan.leave.alternative", lang, start=date(a, lang), end=date(b, lang))
                for a, b in check.alternatives
            )
        else:
            out.append(t("plan.leave.no_alternatives", lang))
    if check.risk:
        out.append("")
        out.append(t("plan.leave.risk", lang))
        for change in check.risk:
            line = t(
                "plan.leave.risk_line",
                lang,
                date=short_date(change.date, lang),
                before=percent(change.before.chance, lang),
                after=percent(change.after.chance, lang),
            )
            if change.after.all_vlinders_used and not change.before.all_vlinders_used:
                line += "; " + t("plan.leave.no_reserve", lang)
            out.append(f"  {line}")
    return "\n".join(out)
