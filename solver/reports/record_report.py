"""The record of what happened in words (issue 15): the month's temporary unemployment per worker
and the enclaves' days against the norm, printed, as an Excel workbook and as CSV files.

Dutch headers by default, English on request, from the one message catalogue. In a Dutch CSV
numbers carry a decimal comma and the separator is `;` (as Excel reads a CSV in Belgium); in an
English one a decimal point and `,`. Numbers in the workbook are numbers. A text cell that would
start a formula (`=`, `+`, `-`, `@`) is written as text: in the workbook as a text cell, in a CSV
behind a `'` (OWASP, CSV injection). No absence kind and no support need appears anywhere.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

from solver.analysis.record import MonthRecord, RecordProblem
from solver.io.safe_io import text_only
from solver.reports.day_report import STATUSES, table
from solver.reports.words import amount, locale_of, t

# Every id this module asks for, written out so the catalogue test finds them.
PROBLEMS = {
    "not_json": "problem.record_not_json",
    "expected": "problem.record_expected",
    "other_company": "problem.record_other_company",
    "no_folder": "problem.record_no_folder",
    "too_large": "problem.record_too_large",
    "bad_month": "problem.record_bad_month",
}
KINDS = {
    "text": "problem.record_kind_text",
    "ids": "problem.record_kind_ids",
    "whole": "problem.record_kind_whole",
    "number": "problem.record_kind_number",
    "object": "problem.record_kind_object",
    "list": "problem.record_kind_list",
    "date": "problem.record_kind_date",
    "null": "problem.record_kind_null",
    "boolean": "problem.record_kind_boolean",
    "nothing": "problem.record_kind_nothing",
    "other": "problem.record_kind_other",
}
HEADERS = {
    "worker": "xlsx.record.worker",
    "name": "xlsx.record.name",
    "home": "xlsx.record.home",
    "days": "xlsx.record.days",
    "no_coach_days": "xlsx.record.no_coach_days",
    "sent_home_days": "xlsx.record.sent_home_days",
    "dates": "xlsx.record.dates",
    "date": "xlsx.record.date",
    "part": "xlsx.record.part",
    "cause": "xlsx.record.cause",
    "site": "xlsx.record.site",
    "status": "xlsx.record.status",
    "coaches": "xlsx.record.coaches",
    "coach_names": "xlsx.record.coach_names",
    "headcount": "xlsx.record.headcount",
    "present": "xlsx.record.present",
    "coach_load": "xlsx.record.load",
    "coach_capacity": "xlsx.record.capacity",
    "contract_coaches": "xlsx.record.contract_coaches",
    "coach_shortfall": "xlsx.record.shortfall",
    "without_coach": "xlsx.record.without_coach",
    "days_run": "xlsx.record.days_run",
    "source": "xlsx.record.source",
    "set_aside": "xlsx.record.set_aside",
}
SHEETS = {
    "unemployment": "xlsx.record.sheet_unemployment",
    "dates": "xlsx.record.sheet_dates",
    "sites": "xlsx.record.sheet_sites",
    "summary": "xlsx.record.sheet_summary",
    "sources": "xlsx.record.sheet_sources",
}
PARTS = {"day": "xlsx.record.part_day", "am": "xlsx.record.part_am", "pm": "xlsx.record.part_pm"}
CAUSES = {"no_coach": "xlsx.record.cause_no_coach", "sent_home": "xlsx.record.cause_sent_home"}
# The CSV files: the table a payroll clerk reads, and the one for the inspector.
CSV_TABLES = ("unemployment", "sites")
CSV_NAMES = {"unemployment": "xlsx.record.csv_unemployment", "sites": "xlsx.record.csv_sites"}
# The statuses of a running enclave, worst first, as the summary's columns.
RUNNING = ("no_coach", "ratio_breach", "understaffed", "short", "ok")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render_problem(problem: RecordProblem, lang: str = "nl") -> str:
    """`file:line: kolom C: ...` for a file that is not JSON, `file: $.path: ...` otherwise."""
    params = dict(problem.params)
    for key in ("expected", "found") if problem.code == "expected" else ():
        if key in params:
            params[key] = t(KINDS.get(params[key], KINDS["other"]), lang)
    where = {"file": problem.file, "line": problem.line, "column": problem.column}
    return t(PROBLEMS[problem.code], lang, **where, path=problem.path, **params)


def month_words(month: str, lang: str = "nl") -> str:
    """ "december 2026", "December 2026"."""
    first = dt.date.fromisoformat(f"{month}-01")
    return format_date(first, format="LLLL yyyy", locale=locale_of(lang))


def _days_of_month(dates, lang: str) -> str:
    return ", ".join(str(d.day) for d in dates) or "—"


def _dates_text(record_worker, lang: str) -> str:
    """ "2, 3 (voormiddag), 7": the days of the month, a half said so."""
    shown = []
    for d in record_worker.dates:
        part = "" if d.part == "day" else f" ({t(PARTS[d.part], lang)})"
        shown.append(f"{d.date.day}{part}")
    return ", ".join(shown)


# --- the tables (one frame each), shared by the workbook and the CSV files ----------------------


def rows(record: MonthRecord, name: str, lang: str = "nl") -> tuple[list[str], list[list[Any]]]:
    """One table of the record: its column keys and its rows (numbers as numbers, dates as
    dates, words in `lang`)."""
    status = {s: t(f"status.{s}", lang) for s in STATUSES}
    if name == "unemployment":
        keys = ["worker", "name", "home", "days", "no_coach_days", "sent_home_days", "dates"]
        return keys, [
            [w.worker, w.name, w.home, w.days, w.no_coach_days, w.sent_home_days,
             _dates_text(w, lang)]
            for w in record.workers
        ]  # fmt: skip
    if name == "dates":
        keys = ["worker", "name", "date", "part", "days", "cause"]
        return keys, [
            [w.worker, w.name, d.date, t(PARTS[d.part], lang), d.days, t(CAUSES[d.cause], lang)]
            for w in record.workers
            for d in w.dates
        ]
    if name == "sites":
        keys = ["date", "site", "name", "part", "status", "coaches", "coach_names", "headcount",
                "present", "coach_load", "coach_capacity", "contract_coaches", "coach_shortfall",
                "without_coach"]  # fmt: skip
        return keys, [
            [s.date, s.site, s.name, t(PARTS[s.part], lang), status[s.status],
             ", ".join(s.coaches), ", ".join(s.coach_names), s.headcount, s.present,
             s.coach_load, s.coach_capacity, s.contract_coaches, s.coach_shortfall,
             s.without_coach]
            for s in record.site_days
        ]  # fmt: skip
    if name == "summary":
        names = {s.site: s.name for s in record.site_days}
        keys = ["site", "name", "days_run", *RUNNING]
        found = []
        for site, by_status in record.site_summary().items():
            days = sum(by_status.values())
            found.append([site, names[site], days, *(by_status.get(s, 0.0) for s in RUNNING)])
        return keys, found
    if name == "sources":
        keys = ["date", "source", "set_aside"]
        found = [[s.date, s.source, "; ".join(s.set_aside)] for s in record.sources]
        found += [[d, t("xlsx.record.no_roster", lang), ""] for d in record.missing_dates]
        return keys, sorted(found, key=lambda r: r[0])
    raise ValueError(name)


def _header(key: str, lang: str) -> str:
    return t(f"status.{key}", lang) if key in RUNNING else t(HEADERS[key], lang)


def frame(record: MonthRecord, name: str, lang: str = "nl"):
    import pandas as pd

    keys, found = rows(record, name, lang)
    return pd.DataFrame(found, columns=[_header(k, lang) for k in keys])


def write_xlsx(record: MonthRecord, path, lang: str = "nl") -> None:
    """The record as a workbook: unemployment per worker, per worker and date, the enclaves per
    day (or half), the month per enclave, and which roster counted for each date. `path` may be
    a file name or a binary buffer."""
    import pandas as pd

    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, sheet in SHEETS.items():
            frame(record, name, lang).to_excel(writer, sheet_name=t(sheet, lang)[:31], index=False)
        text_only(writer.book)  # every text cell is text, never a formula (OWASP)


def xlsx_bytes(record: MonthRecord, lang: str = "nl") -> bytes:
    out = io.BytesIO()
    write_xlsx(record, out, lang)
    return out.getvalue()


def _csv_cell(value: Any, lang: str) -> Any:
    if isinstance(value, float):
        # No thousands separator in a CSV cell: "1234,5", never "1.234,5".
        return format_decimal(round(value, 2), format="0.##", locale=locale_of(lang))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_text(record: MonthRecord, name: str, lang: str = "nl") -> str:
    """One table as CSV: `;` and decimal commas in Dutch, `,` and decimal points in English."""
    import csv

    keys, found = rows(record, name, lang)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if lang != "en" else ",", lineterminator="\r\n")
    writer.writerow([_header(k, lang) for k in keys])
    for row in found:
        writer.writerow([_csv_cell(v, lang) for v in row])
    return out.getvalue()


def csv_name(record: MonthRecord, name: str, lang: str = "nl") -> str:
    return f"{t(CSV_NAMES[name], lang)}-{record.month}.csv"


def write_csv(record: MonthRecord, folder: str | Path, lang: str = "nl") -> list[Path]:
    """The unemployment and the enclave days as two CSV files in `folder` (UTF-8 with a byte
    order mark, so Excel reads the accents)."""
    written = []
    for name in CSV_TABLES:
        path = Path(folder) / csv_name(record, name, lang)
        path.write_text(csv_text(record, name, lang), encoding="utf-8-sig", newline="")
        written.append(path)
    return written


# --- printed -------------------------------------------------------------------------------------


def render(record: MonthRecord, lang: str = "nl") -> str:
    """The month at a glance: which dates have a roster, each worker's days, each enclave's."""
    lines = [f"{record.company} — {month_words(record.month, lang)}"]
    covered = [s.date for s in record.sources]
    lines.append(
        t(
            "report.record_days",
            lang,
            n=len(covered),
            dates=_days_of_month(covered, lang),
            missing=_days_of_month(record.missing_dates, lang),
        )
    )
    lines.append("")
    if record.workers:
        lines.append(
            t(
                "report.record_unemployment",
                lang,
                days=amount(record.days, lang),
                n=len(record.workers),
            )
        )
        keys, found = rows(record, "unemployment", lang)
        shown = [[amount(v, lang) if isinstance(v, float) else v for v in r] for r in found]
        lines.append(table(shown, [_header(k, lang) for k in keys]))
    else:
        lines.append(t("report.record_none", lang))
    keys, found = rows(record, "summary", lang)
    if found:
        lines += ["", t("report.record_sites", lang)]
        shown = [
            [amount(v, lang) if isinstance(v, float) and v else ("" if v == 0.0 else v) for v in r]
            for r in found
        ]
        lines.append(table(shown, [_header(k, lang) for k in keys]))
    return "\n".join(lines)


def set_aside_notes(record: MonthRecord, lang: str = "nl") -> list[str]:
    """For each date with more than one roster: which counted, which were set aside."""
    return [
        t("report.record_set_aside", lang, date=s.date.isoformat(), source=s.source,
          set_aside=", ".join(s.set_aside))
        for s in record.sources
        if s.set_aside
    ]  # fmt: skip


__all__ = [
    "csv_name",
    "csv_text",
    "render",
    "render_problem",
    "set_aside_notes",
    "write_csv",
    "write_xlsx",
    "xlsx_bytes",
]
