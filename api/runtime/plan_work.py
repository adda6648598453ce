"""What the week ahead runs in its own process (issue 14): a plan of several days as a job, and
HR's leave check in the solve pool. Plain data in, plain data out; nothing touches the database.

A plan job keeps its answer in both languages, so the reader's language is a lookup and not a
second solve: the plan JSON (`solver.reports.plan_report.plan_json`), each day's reasons as the
roles that may not see absence kinds read them, the checker's verdict on each day, and the
workbook.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import io
from typing import Any

from api.runtime.work import CompanyRef, company_of, reasons_without_kinds

LANGS = ("nl", "en")


def plan_job(
    ref: CompanyRef,
    start: str,
    days: int | None,
    to: str | None,
    time_limit: float,
    progress=None,
) -> dict[str, Any]:
    """The plan of the working days from `start` on the absences known that day."""
    from solver.analysis.plan import known_on, plan
    from solver.checker import check_roster
    from solver.reports.plan_report import plan_json, write_plan_xlsx
    from solver.roster.model import SolveOptions

    company = company_of(ref)
    first = dt.date.fromisoformat(start)
    last = dt.date.fromisoformat(to) if to else None
    if progress:
        progress(0, 2)
    week = plan(company, first, days, last, SolveOptions(time_limit=time_limit))
    if progress:
        progress(1, 2)
    skills = company.settings.labels.get("skills")
    known = known_on(company, week.start)
    out: dict[str, Any] = {"restricted_reasons": {}, "xlsx": {}}
    for lang in LANGS:
        out[lang] = plan_json(company, week, lang)
        out["restricted_reasons"][lang] = [
            reasons_without_kinds(roster, lang, skills) for roster in week.days
        ]
        buffer = io.BytesIO()
        write_plan_xlsx(company, week, buffer, lang)
        out["xlsx"][lang] = base64.b64encode(buffer.getvalue()).decode("ascii")
    checks = []
    for data in out["nl"]["days"]:
        result = check_roster(known, data)
        checks.append({"ok": result.ok, "violations": [str(v) for v in result.violations]})
    out["check"] = checks
    if progress:
        progress(2, 2)
    return out


def leave_check_of(
    ref: CompanyRef,
    person: str,
    start: dt.date,
    end: dt.date,
    time_limit: float,
) -> dict[str, Any]:
    """HR's question before approving a leave: which site-days lose cover, and which dates of
    the same length lose none (solver.analysis.leave_check)."""
    from solver.analysis.leave_check import LeaveError, leave_check
    from solver.roster.model import SolveOptions

    company = company_of(ref)
    try:
        found = leave_check(company, person, start, end, SolveOptions(time_limit=time_limit))
    except LeaveError as exc:  # said by the service, with the field it is about
        return {"refused": exc.code, "params": exc.params}
    return leave_check_json(found)


def leave_check_json(found: Any) -> dict[str, Any]:
    """The LeaveCheck as its JSON, however the library hands it over."""
    if isinstance(found, dict):
        return found
    if hasattr(found, "to_json"):
        return found.to_json()
    data = dataclasses.asdict(found)
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in data.items()}
