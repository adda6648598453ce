"""The week plan in words: the terminal's week grid, the plan JSON and the workbook (issue 14).

Dutch first, English on request; every word from the catalogue (`plan.*`). The plan itself is
facts (`solver.analysis.plan`); here a status becomes a word and a fix code a sentence.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from solver.analysis.plan import Plan, Warning
from solver.domain import Company
from solver.reports.day_report import NOT_RUNNING, STATUS_WORDS, table
from solver.reports.explain import explain
from solver.reports.words import date, number, percent, t

# The catalogue's tables of the plan (`plan.col.*`, ...), named so the words test finds them.
COLUMNS = (
    "enclave", "date", "status", "workers", "fix", "person", "role", "from", "to", "depart",
    "arrival",
)  # fmt: skip
SHEETS = ("week", "warnings", "moves")
FIX_CODES = ("train_vlinder", "move_leave", "none")
ERRORS = ("to_before_from", "no_working_days", "too_many_days")


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
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for key, frame in (("week", grid), ("warnings", warnings), ("moves", moves)):
            frame.to_excel(writer, sheet_name=t(f"plan.sheet.{key}", lang)[:31], index=False)
