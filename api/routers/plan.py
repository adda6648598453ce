"""The week ahead (issue 14): plan the next working days as a job, read the plan and its early
warnings in the reader's language, download it as a workbook, publish every day of it as that
day's roster, and HR's leave check.

A published plan day is a published roster like any other: the morning's re-plan of that day
takes it as the baseline (`rosters.replan`), so the people told on Friday where to go on Monday
are expected there. Parse, call the solver in a job or the pool, format; every rule lives in
`solver`.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.orm import Session

from api.core.auth import allow
from api.core.deps import AsHR, AsPlanner, CompanyId, Lang, SessionDep, in_pool
from api.core.errors import ApiError
from api.routers.jobs import JobId, job, job_result, job_routes, job_url, start_job, started
from api.runtime import plan_work
from api.runtime.inputs import check_date, time_limit
from api.schemas import JobOut, responses
from api.schemas.plan import (
    LeaveCheckIn,
    LeaveCheckOut,
    PlanIn,
    PlanPublishIn,
    PlanPublishOut,
    PlanResultOut,
    PlanWarningsOut,
)
from api.schemas.views import xlsx_response, xlsx_responses
from api.storage import store

router = APIRouter(tags=["plan"])
KIND = "plan"
PLAN_SECONDS = 60.0  # the solver's time for a whole plan, as `enclaveplan plan` gives it
LEAVE_CHECK_SECONDS = 10.0  # for each day solve of the check
LEAVE_CHECK_TIMEOUT = 240.0  # the whole check: the leave's days and the alternatives tried
URL = job_url("plans")
# solver.analysis.plan.PlanError's codes, said with the request's fields rather than the flags.
HORIZON_ERRORS = {
    "to_before_from": "service.error.plan_to_before_from",
    "no_working_days": "service.error.plan_no_working_days",
    "too_many_days": "service.error.plan_too_many_days",
}


def _horizon(company, start: dt.date, days: int | None, to: dt.date | None) -> None:
    """A horizon the plan cannot take is refused now, with its field, not as a failed job."""
    from solver.analysis.plan import PlanError, horizon

    where = {"to_before_from": "$.to", "too_many_days": "$.days"}
    try:
        horizon(company, start, days, to)
    except PlanError as exc:
        raise ApiError(
            422,
            HORIZON_ERRORS.get(exc.code, "service.error.plan_no_working_days"),
            where.get(exc.code, "$.from"),
            "service.hint.plan_horizon",
            params=exc.params,
        ) from None


# solver.analysis.leave_check.LeaveError's codes the service does not refuse before the check.
LEAVE_ERRORS = {
    "no_working_days": "service.error.leave_no_working_days",
    "too_long": "service.error.leave_too_long",
}


@router.post(
    "/companies/{company_id}/plans",
    response_model=JobOut,
    status_code=202,
    summary="Plan the next working days from the absences known on the first: a job",
    responses=started(404, 429),
)
def post_plan(
    request: Request, company_id: CompanyId, body: PlanIn, caller: AsPlanner, s: SessionDep
) -> JSONResponse:
    state = request.app.state
    loaded = state.companies.load(s, company_id)
    check_date(body.start, "$.from")
    if body.to is not None:
        check_date(body.to, "$.to")
    _horizon(loaded.company, body.start, body.days, body.to)
    limit = time_limit(body.time_limit, min(PLAN_SECONDS, state.settings.job_time_cap))
    kwargs = {
        "ref": loaded.ref,
        "start": body.start.isoformat(),
        "days": body.days,
        "to": body.to.isoformat() if body.to else None,
        "time_limit": limit,
    }
    params = {
        "company_version": loaded.version,
        "from": kwargs["start"],
        "days": body.days,
        "to": kwargs["to"],
        "time_limit": limit,
    }
    return start_job(request, s, KIND, company_id, plan_work.plan_job, kwargs, params, caller)


def _plan(s: Session, company_id: str, job_id: str) -> dict:
    return job_result(s, KIND, company_id, job_id)["result"]


ONLY_PLANNER = [Depends(allow("planner"))]
# Status and cancel as for every job; its result is read per language (below).
job_routes(router, KIND, "plans", "planner")


@router.get(
    f"{URL}/result",
    response_model=PlanResultOut,
    summary="A finished plan: each day a roster in the roster format, the early warnings, "
    "continuity, the solver (409 while it runs)",
    responses=responses(404, 409),
    operation_id="get_plan_result",
    dependencies=ONLY_PLANNER,
)
def plan_result(company_id: CompanyId, job_id: JobId, s: SessionDep, lang: Lang = "nl") -> dict:
    result = _plan(s, company_id, job_id)
    return {"job_id": job_id, "kind": KIND, "result": result[lang], "check": result["check"]}


@router.get(
    f"{URL}/warnings",
    response_model=PlanWarningsOut,
    summary="A finished plan's early warnings, earliest first, with what would fix each",
    responses=responses(404, 409),
    operation_id="get_plan_warnings",
    dependencies=ONLY_PLANNER,
)
def plan_warnings(company_id: CompanyId, job_id: JobId, s: SessionDep, lang: Lang = "nl") -> dict:
    plan = _plan(s, company_id, job_id)[lang]
    ordered = sorted(plan["warnings"], key=lambda w: (w["date"], w["enclave"]))
    return {"job_id": job_id, "from": plan["from"], "to": plan["to"], "warnings": ordered}


@router.get(
    f"{URL}/result.xlsx",
    summary="A finished plan as an Excel workbook: the week grid, the warnings, every move",
    response_class=Response,
    responses=xlsx_responses(404, 409),
    operation_id="export_plan_result",
    dependencies=ONLY_PLANNER,
)
def plan_xlsx(company_id: CompanyId, job_id: JobId, s: SessionDep, lang: Lang = "nl") -> Response:
    result = _plan(s, company_id, job_id)
    plan = result[lang]
    content = base64.b64decode(result["xlsx"][lang])
    return xlsx_response(content, f"weekplan-{company_id}-{plan['from']}-{plan['to']}.xlsx")


@router.post(
    f"{URL}/publish",
    response_model=PlanPublishOut,
    status_code=201,
    summary="Publish every day of a finished plan as that day's next roster version: the "
    "morning's re-plan keeps it",
    responses=responses(404, 409),
)
def publish_plan(
    company_id: CompanyId, job_id: JobId, body: PlanPublishIn, caller: AsPlanner, s: SessionDep
) -> dict:
    row = job(s, KIND, company_id, job_id)
    result = _plan(s, company_id, job_id)
    made_on = row.params.get("company_version")
    current = store.require_company(s, company_id).version
    if made_on != current:
        raise ApiError(
            409,
            "service.error.plan_outdated",
            "path.job_id",
            "service.hint.plan_outdated",
            params={"made": made_on, "current": current},
        )
    plan = result[body.lang]
    published = []
    for index, roster in enumerate(plan["days"]):
        date = dt.date.fromisoformat(roster["date"])
        request = {"absences": [], "pins": [], "forbids": [], "lang": body.lang, "plan": job_id}
        restricted = result["restricted_reasons"][body.lang][index]
        solve = store.record_plan_day(
            s, company_id, current, date, request, roster, restricted, caller
        )
        version = store.publish(s, solve, caller)
        published.append({"date": roster["date"], "version": version.version, "solve_id": solve.id})
    return {"job_id": job_id, "published": published}


# --- HR: the leave check -------------------------------------------------------------------------


def _leave_check(
    request: Request, s: Session, company_id: str, person: str, start, end, where: str, limit
) -> dict:
    loaded = request.app.state.companies.load(s, company_id)
    company = loaded.company
    if person not in company.coaches and person not in company.workers:
        raise ApiError(
            422,
            "service.error.unknown_person",
            f"{where}person",
            "service.hint.unknown_person",
            params={"person": repr(person)},
        )
    check_date(start, f"{where}from")
    check_date(end, f"{where}to")
    if end < start:
        raise ApiError(
            422,
            "service.error.leave_to_before_from",
            f"{where}to",
            "service.hint.leave_dates",
            params={"start": start.isoformat(), "to": end.isoformat()},
        )
    seconds = time_limit(limit, LEAVE_CHECK_SECONDS)
    found = in_pool(
        request,
        s,
        plan_work.leave_check_of,
        loaded.ref,
        person,
        start,
        end,
        seconds,
        timeout=LEAVE_CHECK_TIMEOUT,
    )
    if "refused" in found:
        code = found["refused"]
        raise ApiError(
            422,
            LEAVE_ERRORS.get(code, "service.error.leave_no_working_days"),
            f"{where}to" if code == "too_long" else f"{where}from",
            "service.hint.leave_dates",
            params=found["params"],
        )
    return found


@router.get(
    "/companies/{company_id}/leave-check",
    response_model=LeaveCheckOut,
    summary="Before approving a leave: which site-days lose cover, and dates that lose none",
    responses=responses(404, 429, 503),
)
def get_leave_check(
    request: Request,
    company_id: CompanyId,
    _caller: AsHR,
    s: SessionDep,
    person: Annotated[str, Query(min_length=1, max_length=64, examples=["C10"])],
    start: Annotated[dt.date, Query(alias="from", examples=["2027-03-22"])],
    to: Annotated[dt.date, Query(examples=["2027-03-26"])],
) -> dict:
    return _leave_check(request, s, company_id, person, start, to, "query.", None)


@router.post(
    "/companies/{company_id}/leave-check",
    response_model=LeaveCheckOut,
    summary="The leave check with the request in the body",
    responses=responses(404, 429, 503),
)
def post_leave_check(
    request: Request, company_id: CompanyId, body: LeaveCheckIn, _caller: AsHR, s: SessionDep
) -> dict:
    return _leave_check(
        request, s, company_id, body.person, body.start, body.to, "$.", body.time_limit
    )
