"""The morning: solve a day, publish it, read it back with its history, re-plan after a late
sick call (only the changes, and who to call), ask who could fill a hole, export to Excel.

Parse, call the solver in the pool, format. Every rule lives in `solver`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from api.core.deps import AsPlanner, AsReader, CompanyId, Day, Lang, SessionDep, day, in_pool
from api.core.errors import ApiError
from api.runtime import work
from api.runtime.inputs import (
    DayAsked,
    call_times,
    day_asked,
    forbids_for,
    pins_for,
    time_limit,
)
from api.schemas import (
    PublishedDaysOut,
    PublishedOut,
    PublishIn,
    PublishOut,
    ReplanIn,
    ReplanOut,
    SolveIn,
    SolveOut,
    SuggestIn,
    SuggestOut,
    responses,
)
from api.schemas.views import (
    KIND_READERS,
    iso,
    publication_entry,
    roster_for,
    roster_xlsx,
    xlsx_response,
    xlsx_responses,
)
from api.storage import store
from solver.analysis.replan import call_list, changed_moves, site_changes
from solver.roster import assignment_from_json

router = APIRouter(tags=["rosters"])
# How long past its own time limit a solve may take (model build, checker) before we give up.
MARGIN_SECONDS = 30.0
SolveId = Annotated[
    str,
    Path(pattern=r"^[0-9a-f]{32}$", examples=["5f0c6d1e9a2b4c3d8e7f601234567890"]),
]


def _solve_out(row, check: dict | None = None, limit: float | None = None) -> dict:
    return {
        "solve_id": row.id,
        "company_version": row.company_version,
        "kind": row.kind,
        "time_limit": limit,
        "roster": row.roster,
        "check": check,
        "request": row.request,
    }


def _kept_or_given(told: list[dict], given, new_people: set[str]) -> list[dict]:
    """A re-plan keeps the published pins/forbids (minus anyone who just called in) unless the
    planner sends a new list."""
    if given is None:
        return [item for item in told if item["person"] not in new_people]
    return [item.model_dump() for item in given]


def _solve_and_record(
    request: Request,
    s,
    asked: DayAsked,
    pins_in: list[dict],
    forbids_in: list[dict],
    body,
    caller,
    published=None,
):
    """Solve a day in the pool (against `published` for a re-plan) and keep what was asked and
    what came back. Returns the stored row, the result and the time limit applied."""
    state = request.app.state
    pins = pins_for(asked.company, pins_in)
    forbids = forbids_for(asked.company, forbids_in)
    previous = assignment_from_json(published.roster) if published is not None else None
    limit = time_limit(body.time_limit, state.settings.solver_time_cap)
    result = in_pool(
        request,
        s,
        work.solve_roster,
        asked.loaded.ref,
        asked.added,
        asked.date,
        asked.called_in,
        pins,
        previous,
        limit,
        body.lang,
        forbids,
        asked.reported_at,
        timeout=limit + MARGIN_SECONDS,
        pins=pins_in,
        lang=body.lang,
    )
    record = {
        "absences": asked.absences,
        "pins": pins_in,
        "forbids": forbids_in,
        "time_limit": limit,
        "lang": body.lang,
    }
    kind, based_on = ("solve", None) if published is None else ("replan", published.id)
    row = store.record_solve(
        s, asked.loaded, asked.date, kind, record, result, caller, based_on=based_on
    )
    return row, result, limit


@router.post(
    "/companies/{company_id}/solve",
    response_model=SolveOut,
    summary="Solve a day: today's absences (kind only), pins; the roster comes back and is kept",
    responses=responses(404, 429, 503),
)
def post_solve(
    request: Request,
    company_id: CompanyId,
    body: SolveIn,
    caller: AsPlanner,
    s: SessionDep,
) -> dict:
    asked = day_asked(request, s, company_id, body.date, body.absences)
    pins_in = [p.model_dump() for p in body.pins]
    forbids_in = [f.model_dump() for f in body.forbids]
    row, result, limit = _solve_and_record(request, s, asked, pins_in, forbids_in, body, caller)
    return _solve_out(row, result["check"], limit)


@router.get(
    "/solves/{solve_id}",
    response_model=SolveOut,
    summary="A roster solved earlier (published or not)",
    responses=responses(404),
)
def get_solve(solve_id: SolveId, caller: AsPlanner, s: SessionDep) -> dict:
    row = store.get_solve(s, solve_id, caller)
    return _solve_out(row)


@router.get(
    "/solves/{solve_id}/export.xlsx",
    summary="A solved roster (published or not) as an Excel workbook",
    response_class=Response,
    responses=xlsx_responses(404),
)
def export_solve(
    request: Request,
    solve_id: SolveId,
    caller: AsPlanner,
    s: SessionDep,
    lang: Lang = "nl",
) -> Response:
    row = store.get_solve(s, solve_id, caller)
    company = request.app.state.companies.load(s, row.company_id).company
    content = roster_xlsx(row.roster, company, [], lang)
    name = f"rooster-{row.company_id}-{row.date.isoformat()}-ontwerp.xlsx"
    return xlsx_response(content, name)


@router.post(
    "/companies/{company_id}/rosters/{date}/publish",
    response_model=PublishOut,
    status_code=201,
    summary="Publish a solved roster as the day's next version (earlier versions are kept)",
    responses=responses(404, 409),
)
def publish(
    company_id: CompanyId,
    date: Day,
    body: PublishIn,
    caller: AsPlanner,
    s: SessionDep,
) -> dict:
    day(date)
    store.require_company(s, company_id)
    solve = store.get_solve(s, body.solve_id, caller)
    if solve.company_id != company_id or solve.date != date:
        raise ApiError(
            422,
            "service.error.solve_elsewhere",
            "$.solve_id",
            "service.hint.solve_elsewhere",
            params={"solve": solve.id, "company": solve.company_id, "date": solve.date.isoformat()},
        )
    checked = "base_version" in body.model_fields_set
    try:
        row = store.publish(s, solve, caller, body.base_version, check_base=checked)
    except store.StalePublish as exc:
        current = publication_entry(exc.current)
        raise ApiError(
            409,
            "service.error.stale_publish",
            "$.base_version",
            "service.hint.stale_publish",
            extra={"current": current},
            params={
                "version": current["version"],
                "by": current["published_by"],
                "at": current["published_at"],
            },
        ) from None
    return publication_entry(row)


@router.get(
    "/companies/{company_id}/rosters",
    response_model=PublishedDaysOut,
    summary="The days with a published roster, newest version of each",
    responses=responses(404),
)
def published_days(
    company_id: CompanyId,
    _caller: AsReader,
    s: SessionDep,
    first: Annotated[dt.date | None, Query(alias="from", examples=["2026-12-01"])] = None,
    last: Annotated[dt.date | None, Query(alias="to", examples=["2026-12-31"])] = None,
) -> dict:
    store.require_company(s, company_id)
    days = store.published_days(s, company_id, first, last)
    return {
        "company_id": company_id,
        "days": [
            {"date": d.isoformat(), "version": v, "published_at": iso(at)} for d, v, at in days
        ],
    }


def _published(s: Session, company_id: str, date: dt.date) -> list:
    store.require_company(s, company_id)
    rows = store.publications(s, company_id, date)
    if not rows:
        raise ApiError(
            404,
            "service.error.nothing_published",
            "path.date",
            "service.hint.nothing_published",
            params={"company": company_id, "date": date.isoformat()},
        )
    return rows


def _published_out(company_id: str, date: dt.date, row, rows, role: str) -> dict:
    entry = publication_entry(row)
    return {
        "company_id": company_id,
        "date": date.isoformat(),
        "version": row.version,
        "published_at": entry["published_at"],
        "published_by": entry["published_by"],
        "roster": roster_for(role, row.roster, row.restricted_reasons),
        "history": [publication_entry(r) for r in rows],
        # What the planner entered (absences with their kind, pins): for the planner only.
        "request": row.request if role in KIND_READERS else None,
    }


@router.get(
    "/companies/{company_id}/rosters/{date}",
    response_model=PublishedOut,
    summary="The published roster of a date (newest version) with its whole history",
    responses=responses(404),
)
def read_roster(
    company_id: CompanyId,
    date: Day,
    caller: AsReader,
    s: SessionDep,
) -> dict:
    rows = _published(s, company_id, day(date))
    return _published_out(company_id, date, rows[-1], rows, caller.role)


@router.get(
    "/companies/{company_id}/rosters/{date}/versions/{version}",
    response_model=PublishedOut,
    summary="One published version of a date's roster, exactly as it was published",
    responses=responses(404),
)
def read_roster_version(
    company_id: CompanyId,
    date: Day,
    version: Annotated[int, Path(ge=1, le=2**31 - 1, examples=[1])],
    caller: AsReader,
    s: SessionDep,
) -> dict:
    rows = _published(s, company_id, day(date))
    row = next((r for r in rows if r.version == version), None)
    if row is None:
        raise ApiError(
            404,
            "service.error.no_version",
            "path.version",
            "service.hint.versions",
            params={"version": version, "last": rows[-1].version},
        )
    return _published_out(company_id, date, row, rows, caller.role)


@router.get(
    "/companies/{company_id}/rosters/{date}/export.xlsx",
    summary="The published roster as an Excel workbook: sites, moves, absences, versions",
    response_class=Response,
    responses=xlsx_responses(404),
)
def export_roster(
    request: Request,
    company_id: CompanyId,
    date: Day,
    caller: AsReader,
    s: SessionDep,
    version: Annotated[int | None, Query(ge=1, le=2**31 - 1, examples=[1])] = None,
    lang: Lang = "nl",
) -> Response:
    rows = _published(s, company_id, day(date))
    row = rows[-1] if version is None else next((r for r in rows if r.version == version), None)
    if row is None:
        raise ApiError(
            404,
            "service.error.no_version",
            "query.version",
            "service.hint.newest",
            params={"version": version},
        )
    company = request.app.state.companies.load(s, company_id).company
    view = roster_for(caller.role, row.roster, row.restricted_reasons)
    content = roster_xlsx(view, company, [publication_entry(r) for r in rows], lang)
    name = f"rooster-{company_id}-{date.isoformat()}-v{row.version}.xlsx"
    return xlsx_response(content, name)


@router.post(
    "/companies/{company_id}/rosters/{date}/replan",
    response_model=ReplanOut,
    summary="Re-plan after a late call: change as little as possible of the published roster; "
    "only the changes come back, with who to call",
    responses=responses(404, 429, 503),
)
def replan(
    request: Request,
    company_id: CompanyId,
    date: Day,
    body: ReplanIn,
    caller: AsPlanner,
    s: SessionDep,
) -> dict:
    published = _published(s, company_id, day(date))[-1]
    told = published.request or {}
    new = [a.model_dump(exclude_none=True) for a in body.absences]
    new_people = {a["person"] for a in new}
    call_times(new, [a["person"] for a in new])  # a bad time named by its place in this body
    # The morning's absences still hold; a new call about the same person replaces the old one.
    absences = [a for a in told.get("absences", []) if a["person"] not in new_people] + new
    pins_in = _kept_or_given(told.get("pins", []), body.pins, new_people)
    forbids_in = _kept_or_given(told.get("forbids", []), body.forbids, new_people)
    asked = day_asked(request, s, company_id, date, absences, date_where="path.date")
    row, result, _limit = _solve_and_record(
        request, s, asked, pins_in, forbids_in, body, caller, published=published
    )
    after = result["roster"]
    return {
        "solve_id": row.id,
        "based_on_version": published.version,
        "status": after["status"],
        "levels": after.get("levels", {}),
        "changes": {
            "sites": site_changes(published.roster, after),
            "moves": changed_moves(published.roster, after),
        },
        "call": call_list(published.roster, after, asked.company, new_people),
        "check": result["check"],
    }


@router.post(
    "/companies/{company_id}/suggest",
    response_model=SuggestOut,
    summary="Who could fill a hole at a site, and what each choice costs level by level",
    responses=responses(404, 429, 503),
)
def suggest(
    request: Request,
    company_id: CompanyId,
    body: SuggestIn,
    _caller: AsPlanner,
    s: SessionDep,
) -> dict:
    asked = day_asked(request, s, company_id, body.date, body.absences, site=body.site)
    # One solve per candidate, all within the request's one time limit (work.SharedDeadline).
    limit = time_limit(body.time_limit, request.app.state.settings.solver_time_cap)
    found = in_pool(
        request,
        s,
        work.suggest_people,
        asked.loaded.ref,
        asked.added,
        asked.date,
        body.site,
        asked.called_in,
        body.limit,
        limit,
        asked.reported_at,
        timeout=limit + MARGIN_SECONDS,
    )
    return {"site": body.site, "date": asked.date.isoformat(), "suggestions": found}
