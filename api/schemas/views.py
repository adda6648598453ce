"""How a roster is shown: per role, as the changes since the published version, as a workbook.

Formatting only; every decision about who goes where was made by the solver.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from typing import Any

from fastapi.responses import Response

from api.schemas.errors import responses_with
from solver.analysis.replan import name_of
from solver.domain import Company
from solver.io.safe_io import text_only
from solver.reports.day_report import (
    STATUS_WORDS,
    call_list,
    call_to,
    halves_text,
    midday_run,
    part_word,
    site_note,
    stops_text,
    to_the_atelier,
    van_runs,
    with_part,
)
from solver.reports.explain import absence_words
from solver.reports.words import words as table_of_words
from solver.roster.reasons import without_kinds

# The roles that read rosters without planning them see absences as ids, never their kind.
KIND_READERS = ("planner",)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def roster_for(role: str, roster: dict[str, Any], restricted_reasons: dict[str, list]) -> dict:
    if role in KIND_READERS:
        return roster
    view = copy.deepcopy(roster)
    view["absent"] = sorted(view.get("absent") or {})
    for site in view.get("enclaves", []):
        site["reasons"] = list(restricted_reasons.get(site["id"], []))
        site["reason_codes"] = without_kinds(site.get("reason_codes", []))
    return view


def iso(moment: dt.datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:  # SQLite hands back naive datetimes; we store UTC
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.isoformat()


def publication_entry(row) -> dict[str, Any]:
    return {
        "version": row.version,
        "published_at": iso(row.published_at),
        "published_by": row.published_by_name,
        "solve_id": row.solve_id,
        "company_version": row.company_version,
        "status": row.roster.get("status"),
        "levels": row.roster.get("levels", {}),
    }


# --- the workbook ----------------------------------------------------------------------------

# The workbook's sheets and column headers: `xlsx.roster.<key>` in the catalogue.
SHEETS = ("sheet_roster", "sheet_moves", "sheet_vans", "sheet_unemployment", "sheet_absent",
          "sheet_versions")  # fmt: skip
HEADERS = ("site", "name", "status", "coaches", "workers", "present", "headcount", "load",
           "capacity", "reasons", "person", "role", "from", "to", "arrival", "late", "kind",
           "version", "published_at", "published_by", "not_needed",
           # the real morning (issue 13)
           "depart", "part", "uncovered_minutes", "coach_shortfall", "coach_parts", "halves",
           "note", "what", "count", "sent_home", "from_sites_without_coach", "kept_free",
           "to_atelier", "spare_places",
           # collective transport (issue 16)
           "van", "seats", "taken", "free", "stops", "riders", "home_at_midday")  # fmt: skip
ROLES = ("coach", "regular", "vlinder", "interim", "worker")  # said as `role.<role>`
# The temporary unemployment sheet's rows, and where each count comes from.
UNEMPLOYMENT = ("sent_home", "from_sites_without_coach", "kept_free")


def roster_xlsx(
    view: dict[str, Any], company: Company, history: list[dict[str, Any]], lang: str
) -> bytes:
    """The day's roster as a workbook (pandas + openpyxl): sites (statuses in words, coaches
    missing in coaches, minutes without a coach, coaches there for half a day, each half), the
    call list (moves with departure and half, the atelier, home, not needed), the van runs
    (departure, seats taken and free, stops, riders to work and home at midday), the temporary
    unemployment, absences, versions. A roster without vans has no vans sheet and no van column,
    as before; one stored before the real morning reads as well."""
    import pandas as pd

    lang = "en" if lang == "en" else "nl"
    h, words = table_of_words("xlsx.roster.", HEADERS, lang), STATUS_WORDS[lang]
    sheets = table_of_words("xlsx.roster.", SHEETS, lang)

    roles = table_of_words("role.", ROLES, lang)

    def people(ids: list[str]) -> str:
        return "; ".join(f"{p} {name_of(company, p)}" for p in ids)

    def parts(site: dict[str, Any]) -> str:
        return "; ".join(
            with_part(f"{c} {name_of(company, c)}", part, lang)
            for c, part in sorted((site.get("coach_parts") or {}).items())
        )

    sites = pd.DataFrame(
        [
            {
                h["site"]: s["id"],
                h["name"]: s["name"],
                h["status"]: words.get(s["status"], s["status"]),
                h["coaches"]: people(s["coaches"]),
                h["workers"]: people(s["workers"]),
                h["present"]: s["present"],
                h["headcount"]: s["headcount"],
                h["load"]: s["coach_load"],
                h["capacity"]: s["coach_capacity"],
                h["coach_shortfall"]: s.get("coach_shortfall", 0.0),
                h["uncovered_minutes"]: s.get("uncovered_minutes", 0),
                h["note"]: site_note(company, s, lang, view),
                h["coach_parts"]: parts(s),
                h["halves"]: halves_text(company, s, lang),
                h["reasons"]: " ".join(s.get("reasons", [])),
            }
            for s in view.get("enclaves", [])
        ]
    )
    runs = van_runs(view)
    call_columns = ("person", "name", "role", "from", "to", "part",
                    *(("van",) if runs else ()), "depart", "arrival", "late", "note")  # fmt: skip
    moves = pd.DataFrame(
        [
            {
                h["person"]: row["person"],
                h["name"]: name_of(company, row["person"]),
                h["role"]: roles.get(row["role"], row["role"]),
                h["from"]: row["from"],
                h["to"]: row["to"] if row["kind"] in ("move", "not_needed") else call_to(row, lang),
                h["part"]: part_word(row["part"], lang),
                h["van"]: row.get("van", ""),
                h["depart"]: row["depart"],
                h["arrival"]: row["arrival"],
                h["late"]: row["late"],
                h["note"]: h["not_needed"] if row["kind"] == "not_needed" else "",
            }
            for row in call_list(view, company)
        ],
        columns=[h[k] for k in call_columns],
    )
    van_columns = ("van", "depart", "seats", "taken", "free", "stops", "riders", "home_at_midday")
    vans = pd.DataFrame(
        [
            {
                h["van"]: run["id"],
                h["depart"]: run["depart"],
                h["seats"]: run["seats"],
                h["taken"]: len(run.get("riders", [])),
                h["free"]: max(0, run["seats"] - len(run.get("riders", []))),
                h["stops"]: stops_text(run),
                h["riders"]: people(run.get("riders", [])),
                h["home_at_midday"]: people(run.get("home", [])) if midday_run(run) else "",
            }
            for run in runs
        ],
        columns=[h[k] for k in van_columns],
    )
    counts = view.get("temporary_unemployment") or {}
    figures = [(h[k], counts[k]) for k in UNEMPLOYMENT if k in counts]
    if counts or "atelier" in (view.get("idle") or {}):
        figures.append((h["to_atelier"], len(to_the_atelier(view, company))))
        figures.append((h["spare_places"], company.settings.atelier.spare_places))
    unemployment = pd.DataFrame(figures, columns=[h["what"], h["count"]])
    absent = view.get("absent") or {}
    if isinstance(absent, dict):  # the planner's view: with the kind of absence
        rows = [
            {h["person"]: p, h["name"]: name_of(company, p), h["kind"]: absence_words(lang)[k]}
            for p, k in sorted(absent.items())
        ]
        columns = [h["person"], h["name"], h["kind"]]
    else:
        rows = [{h["person"]: p, h["name"]: name_of(company, p)} for p in absent]
        columns = [h["person"], h["name"]]
    absences = pd.DataFrame(rows, columns=columns)
    versions = pd.DataFrame(
        [
            {
                h["version"]: e["version"],
                h["published_at"]: e["published_at"],
                h["published_by"]: e["published_by"],
            }
            for e in history
        ],
        columns=[h["version"], h["published_at"], h["published_by"]],
    )
    out = io.BytesIO()
    frames = (sites, moves, vans, unemployment, absences, versions)
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for frame, (key, sheet) in zip(frames, sheets.items(), strict=True):
            if key == "sheet_vans" and not runs:
                continue  # a day without vans (or a roster from before them): as before
            frame.to_excel(writer, sheet_name=sheet, index=False)
        text_only(writer.book)  # a site or token named "=..." stays a name (OWASP)
    return out.getvalue()


def download(content: bytes, media_type: str, name: str) -> Response:
    """A file as a download with its file name."""
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def xlsx_response(content: bytes, name: str) -> Response:
    """A workbook as a download with its file name."""
    return download(content, XLSX, name)


def xlsx_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI answers of an endpoint that sends a workbook: the xlsx, or the errors `codes`."""
    return responses_with(XLSX, "(xlsx workbook)", *codes)
