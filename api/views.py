"""How a roster is shown: per role, as the changes since the published version, as a workbook.

Formatting only; every decision about who goes where was made by the solver.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from typing import Any

from fastapi.responses import Response

from solver.domain import Company
from solver.explain import ABSENCE_WORDS
from solver.report import STATUS_WORDS
from solver.roster import not_needed

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


# --- re-plan: what changed, and who to call ----------------------------------------------------


def _placements(roster: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    placed: dict[str, list[str]] = {}
    for site in roster.get("enclaves", []):
        for person in (*site.get("coaches", []), *site.get("workers", [])):
            placed.setdefault(person, []).append(site["id"])
    return {p: tuple(sorted(s)) for p, s in placed.items()}


def site_changes(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    old = {s["id"]: s for s in before.get("enclaves", [])}
    changes = []
    for site in after.get("enclaves", []):
        was = old.get(site["id"], {"status": None, "coaches": [], "workers": [], "present": 0})
        if (was["status"], was["coaches"], was["workers"]) == (
            site["status"],
            site["coaches"],
            site["workers"],
        ):
            continue
        changes.append(
            {
                "id": site["id"],
                "status_before": was["status"],
                "status_after": site["status"],
                "coaches_in": sorted(set(site["coaches"]) - set(was["coaches"])),
                "coaches_out": sorted(set(was["coaches"]) - set(site["coaches"])),
                "workers_in": sorted(set(site["workers"]) - set(was["workers"])),
                "workers_out": sorted(set(was["workers"]) - set(site["workers"])),
                "present_before": was["present"],
                "present_after": site["present"],
                "headcount": site["headcount"],
                "reasons": site.get("reasons", []),
            }
        )
    return changes


def changed_moves(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    told = {(m["person"], m["to"]): m for m in before.get("moves", [])}
    return [m for m in after.get("moves", []) if told.get((m["person"], m["to"])) != m]


def call_list(
    before: dict[str, Any],
    after: dict[str, Any],
    company: Company,
    reported_absent: set[str],
) -> list[dict[str, Any]]:
    """Everyone whose place differs from what they were told, most urgent first.

    The people who called in are not on it: they told us. Someone told to go somewhere who is no
    longer needed there is on it too (`free`): otherwise they travel for nothing.
    """
    was, now = _placements(before), _placements(after)
    moves = {(m["person"], m["to"]): m for m in after.get("moves", [])}
    calls = []
    for person in sorted(set(was) | set(now)):
        if person in reported_absent or was.get(person, ()) == now.get(person, ()):
            continue
        sites = now.get(person, ())
        move = next((moves[(person, s)] for s in sites if (person, s) in moves), None)
        calls.append(
            {
                "person": person,
                "name": _name(company, person),
                "role": _role(company, person),
                "from": list(was.get(person, ())),
                "to": list(sites),
                "action": "go" if sites else "free",
                "arrival": move["arrival"] if move else None,
                "late": bool(move and move.get("late")),
            }
        )
    calls.sort(key=lambda c: (not c["late"], c["arrival"] or "99:99", c["to"], c["person"]))
    return calls


def _name(company: Company, person: str) -> str:
    found = company.coaches.get(person) or company.workers.get(person)
    return found.name if found else person


def _role(company: Company, person: str) -> str:
    if person in company.coaches:
        role = company.coaches[person].role
        return "coach" if role == "regular" else role
    return "worker"


# --- the workbook ----------------------------------------------------------------------------

SHEETS = {
    "nl": ("Rooster", "Verplaatsingen", "Afwezig", "Versies"),
    "en": ("Roster", "Moves", "Absent", "Versions"),
}
HEADERS = {
    "nl": {
        "site": "site", "name": "naam", "status": "status", "coaches": "begeleiders",
        "workers": "medewerkers", "present": "aanwezig", "headcount": "gevraagd",
        "load": "last", "capacity": "capaciteit", "reasons": "waarom", "person": "persoon",
        "role": "rol", "from": "van", "to": "naar", "arrival": "aankomst", "late": "te laat",
        "kind": "soort", "version": "versie", "published_at": "gepubliceerd",
        "published_by": "door", "not_needed": "vandaag niet nodig",
    },
    "en": {
        "site": "site", "name": "name", "status": "status", "coaches": "coaches",
        "workers": "workers", "present": "present", "headcount": "headcount", "load": "load",
        "capacity": "capacity", "reasons": "why", "person": "person", "role": "role",
        "from": "from", "to": "to", "arrival": "arrival", "late": "late", "kind": "kind",
        "version": "version", "published_at": "published", "published_by": "by",
        "not_needed": "not needed today",
    },
}  # fmt: skip


def roster_xlsx(
    view: dict[str, Any], company: Company, history: list[dict[str, Any]], lang: str
) -> bytes:
    """The day's roster as a workbook (pandas + openpyxl): sites, moves, absences, versions."""
    import pandas as pd

    lang = "en" if lang == "en" else "nl"
    h, words = HEADERS[lang], STATUS_WORDS[lang]

    def people(ids: list[str]) -> str:
        return "; ".join(f"{p} {_name(company, p)}" for p in ids)

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
                h["reasons"]: " ".join(s.get("reasons", [])),
            }
            for s in view.get("enclaves", [])
        ]
    )
    moves = pd.DataFrame(
        [
            {
                h["person"]: m["person"],
                h["name"]: _name(company, m["person"]),
                h["role"]: m["role"],
                h["from"]: m["from"],
                h["to"]: m["to"],
                h["arrival"]: m["arrival"],
                h["late"]: m.get("late", False),
            }
            for m in view.get("moves", [])
        ]
        + [
            {
                h["person"]: p,
                h["name"]: _name(company, p),
                h["role"]: _role(company, p),
                h["from"]: home,
                h["to"]: "",
                h["arrival"]: h["not_needed"],
                h["late"]: False,
            }
            for p, home in not_needed(view, company)
        ],
        columns=[h[k] for k in ("person", "name", "role", "from", "to", "arrival", "late")],
    )
    absent = view.get("absent") or {}
    if isinstance(absent, dict):  # the planner's view: with the kind of absence
        rows = [
            {h["person"]: p, h["name"]: _name(company, p), h["kind"]: ABSENCE_WORDS[lang][k]}
            for p, k in sorted(absent.items())
        ]
        columns = [h["person"], h["name"], h["kind"]]
    else:
        rows = [{h["person"]: p, h["name"]: _name(company, p)} for p in absent]
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
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for frame, sheet in zip((sites, moves, absences, versions), SHEETS[lang], strict=True):
            frame.to_excel(writer, sheet_name=sheet, index=False)
    return out.getvalue()


def xlsx_response(content: bytes, name: str) -> Response:
    """A workbook as a download with its file name."""
    return Response(
        content, media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
