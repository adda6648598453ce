"""The questions of directors and HR: scenarios, robustness, pool sizing.

Robustness of one day runs in the solve pool like a solve (it is a few dozen quick checks).
Scenarios and pool sizing can take minutes: they are jobs, each in its own process, with
progress, a result when done, and cancel. Input is checked before a job starts, so a mistake in
a scenario file comes back at once with its file:line, not minutes later as a failed job.
"""

from __future__ import annotations

import io
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response
from sqlalchemy.orm import Session

from api.core.auth import Caller
from api.core.deps import (
    AsDirector,
    AsHR,
    CompanyId,
    Day,
    Lang,
    SessionDep,
    allow,
    busy_error,
    in_pool,
)
from api.core.errors import ApiError, company_error, problem_dict, request_lang, said_error
from api.runtime import work
from api.runtime.inputs import DayAsked, day_asked, time_limit
from api.runtime.jobs import Busy, Unavailable, job_row
from api.schemas import JobOut, JobResultOut, PoolSizingIn, RobustnessIn, RobustnessOut, responses
from api.schemas.views import XLSX, iso, xlsx_response
from api.storage import store
from api.storage.company_files import SETTINGS_FILE
from solver.io.loading import CompanyError

router = APIRouter(tags=["analysis"])
JobId = Annotated[
    str, PathParam(pattern=r"^[0-9a-f]{32}$", examples=["0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a"])
]
ROBUSTNESS_SECONDS = 5.0  # per confirming solve, below the server's cap
SCENARIO_FILE = "scenario.yaml"
SCENARIO_EXAMPLE = """name: twee vlinders minder
from: 2026-12-01
to: 2026-12-04
variants:
  - name: zonder V3 en V4
    changes:
      - remove_coach: [V3, V4]
"""


# --- jobs, whatever their kind ------------------------------------------------------------------


def _job_out(row, lang: str = "nl") -> dict:
    return {
        "job_id": row.id,
        "kind": row.kind,
        "company_id": row.company_id,
        "status": row.status,
        "done": row.done,
        "total": row.total,
        "created_at": iso(row.created_at),
        "finished_at": iso(row.finished_at),
        "error": said_error(row.error, lang),
    }


def _job(s: Session, kind: str, company_id: str, job_id: str):
    row = job_row(s, job_id, kind, company_id)
    if row is None:
        raise ApiError(
            404,
            "service.error.no_job",
            "path.job_id",
            "service.hint.no_job",
            params={"kind": kind, "job": job_id},
        )
    return row


def _start(request: Request, kind: str, company_id: str, fn, kwargs, params, caller: Caller):
    try:
        job_id = request.app.state.jobs.start(kind, company_id, fn, kwargs, params, caller.token_id)
    except Busy as exc:
        raise busy_error(exc) from None
    except Unavailable as exc:
        raise ApiError(503, exc.msgid, "", "service.hint.moment") from None
    with request.app.state.sessions() as s:
        job = _job_out(_job(s, kind, company_id, job_id), request_lang(request))
        return JSONResponse(job, status_code=202)


def _result(s: Session, kind: str, company_id: str, job_id: str) -> dict:
    row = _job(s, kind, company_id, job_id)
    if row.status != "done":
        hint = "service.hint.poll" if row.status == "running" else "service.hint.start_again"
        raise ApiError(
            409,
            "service.error.job_not_done",
            "path.job_id",
            hint,
            params={"status": row.status, "done": row.done, "total": row.total},
        )
    return {"job_id": row.id, "kind": row.kind, "result": row.result}


def _cancel(
    request: Request, s: Session, kind: str, company_id: str, job_id: str, caller: Caller
) -> dict:
    row = _job(s, kind, company_id, job_id)
    if caller.role != "admin" and row.created_by != caller.token_id:
        # A director's job is theirs: another director may read it, not stop it.
        raise ApiError(
            403,
            "service.error.not_your_job",
            "path.job_id",
            "service.hint.not_your_job",
        )
    s.commit()  # the runner writes the status in its own transaction
    request.app.state.jobs.cancel(job_id)
    s.expire_all()
    return _job_out(_job(s, kind, company_id, job_id), request_lang(request))


JOB_RESPONSES = responses(404)
STARTED = {202: {"model": JobOut, "description": "the job started; poll it for progress"}}


def _job_routes(
    kind: str, path: str, role: str, result_summary: str, workbook, file_stem: str
) -> None:
    """Status, result, the result as a workbook, and cancel of one kind of job: the same four
    endpoints for every kind, each allowed to the role that may start that kind.
    `workbook(result, buffer, lang)` writes the stored result as xlsx."""
    noun = kind.replace("_", "-")
    url = f"/companies/{{company_id}}/{path}/{{job_id}}"
    only = [Depends(allow(role))]
    may_cancel = Depends(allow(role, "admin"))

    @router.get(
        url,
        response_model=JobOut,
        summary=f"A {noun} job's status and progress",
        responses=JOB_RESPONSES,
        operation_id=f"get_{kind}_job",
        dependencies=only,
    )
    def status(request: Request, company_id: CompanyId, job_id: JobId, s: SessionDep) -> dict:
        return _job_out(_job(s, kind, company_id, job_id), request_lang(request))

    @router.get(
        f"{url}/result",
        response_model=JobResultOut,
        summary=f"{result_summary} (409 while it runs)",
        responses=responses(404, 409),
        operation_id=f"get_{kind}_result",
        dependencies=only,
    )
    def result(company_id: CompanyId, job_id: JobId, s: SessionDep) -> dict:
        return _result(s, kind, company_id, job_id)

    @router.get(
        f"{url}/result.xlsx",
        summary=f"{result_summary} as an Excel workbook (409 while it runs)",
        response_class=Response,
        responses={200: {"content": {XLSX: {"example": "(xlsx workbook)"}}}, **responses(404, 409)},
        operation_id=f"export_{kind}_result",
        dependencies=only,
    )
    def export(company_id: CompanyId, job_id: JobId, s: SessionDep, lang: Lang = "nl") -> Response:
        buffer = io.BytesIO()
        workbook(_result(s, kind, company_id, job_id)["result"], buffer, lang)
        return xlsx_response(buffer.getvalue(), f"{file_stem}-{company_id}.xlsx")

    @router.delete(
        url,
        response_model=JobOut,
        summary=f"Cancel a running {noun} job",
        responses=JOB_RESPONSES,
        operation_id=f"cancel_{kind}_job",
    )
    def cancel(
        request: Request,
        company_id: CompanyId,
        job_id: JobId,
        s: SessionDep,
        caller: Caller = may_cancel,
    ) -> dict:
        return _cancel(request, s, kind, company_id, job_id, caller)


# --- robustness ----------------------------------------------------------------------------------


def _robustness(request, s, asked: DayAsked, k, limit, lang) -> dict:
    cap = request.app.state.settings.solver_time_cap
    seconds = time_limit(limit, min(ROBUSTNESS_SECONDS, cap))
    return in_pool(
        request,
        s,
        work.robustness_of_day,
        asked.loaded.ref,
        asked.added,
        asked.date,
        k,
        seconds,
        lang,
        timeout=max(120.0, 60 * cap),
    )


@router.get(
    "/companies/{company_id}/robustness/{date}",
    response_model=RobustnessOut,
    summary="Robustness of a day: which extra coach absence leaves an enclave without a coach, "
    "and what would prevent it",
    responses=responses(404, 429, 503),
)
def get_robustness(
    request: Request,
    company_id: CompanyId,
    date: Day,
    _caller: AsDirector,
    s: SessionDep,
    # An int within bounds, not Literal[1, 2]: a query string "1" never equals the int 1.
    k: Annotated[int, Query(ge=1, le=2, description="one or two extra absences", examples=[1])] = 1,
    lang: Lang = "nl",
) -> dict:
    # Robustness asks "what if someone else is away": known absences, none sudden.
    asked = day_asked(
        request, s, company_id, date, [], date_where="path.date", sick_is_sudden=False
    )
    return _robustness(request, s, asked, k, None, lang)


@router.post(
    "/companies/{company_id}/robustness",
    response_model=RobustnessOut,
    summary="Robustness of a day with today's known absences (kind only)",
    responses=responses(404, 429, 503),
)
def post_robustness(
    request: Request, company_id: CompanyId, body: RobustnessIn, _caller: AsDirector, s: SessionDep
) -> dict:
    asked = day_asked(request, s, company_id, body.date, body.absences, sick_is_sudden=False)
    return _robustness(request, s, asked, body.k, body.time_limit, body.lang)


# --- scenarios -----------------------------------------------------------------------------------


@router.post(
    "/companies/{company_id}/scenarios",
    response_model=JobOut,
    status_code=202,
    summary="Run a scenario file (YAML) against the stored company: a job with progress",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/yaml": {
                    "schema": {"type": "string"},
                    "example": SCENARIO_EXAMPLE,
                }
            },
        }
    },
    responses={**STARTED, **responses(404, 413, 429)},
)
async def post_scenario(
    request: Request, company_id: CompanyId, caller: AsDirector, s: SessionDep, lang: Lang = "nl"
) -> JSONResponse:
    raw = await request.body()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(
            422, "service.error.scenario_not_utf8", "body", "service.hint.utf8"
        ) from None
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(_start_scenario, request, s, company_id, text, caller, lang)


def _start_scenario(
    request: Request, s: Session, company_id: str, text: str, caller: Caller, lang: str = "nl"
):
    from solver.analysis.scenario import parse_scenario

    state = request.app.state
    loaded = state.companies.load(s, company_id)
    try:
        parse_scenario(text, SCENARIO_FILE, company=loaded.company)
    except CompanyError as exc:  # ScenarioError: every problem as scenario.yaml:LINE: key
        problems = [problem_dict(p, subject="scenario", lang=lang) for p in exc.problems]
        raise company_error(problems, "scenario", lang) from None
    s.commit()
    kwargs = {
        "ref": loaded.ref,
        "text": text,
        "file_name": SCENARIO_FILE,
        "time_limit": state.settings.solver_time_cap,
        "workers": state.settings.job_workers,
    }
    params = {"company_version": loaded.version, "bytes": len(text.encode())}
    return _start(request, "scenario", company_id, work.scenario_job, kwargs, params, caller)


def _scenario_workbook(result: dict, buffer, lang: str) -> None:
    from solver.analysis.scenario import write_xlsx

    write_xlsx(result, buffer, lang)


_job_routes(
    "scenario",
    "scenarios",
    "director",
    "A finished scenario's comparison",
    _scenario_workbook,
    "scenario",
)


# --- pool sizing ---------------------------------------------------------------------------------


@router.post(
    "/companies/{company_id}/pool-sizing",
    response_model=JobOut,
    status_code=202,
    summary="Size the vlinder pool: simulate years of absences (a job with progress)",
    responses={**STARTED, **responses(404, 429)},
)
def post_pool_sizing(
    request: Request, company_id: CompanyId, body: PoolSizingIn, caller: AsHR, s: SessionDep
) -> JSONResponse:
    from solver.analysis.absence_model import absence_model

    state = request.app.state
    loaded = state.companies.load(s, company_id)
    settings_yaml = store.company_files(s, store.require_company(s, company_id))[SETTINGS_FILE]
    try:
        absence_model(loaded.company.settings.absence_model, yaml_text=settings_yaml.decode())
    except CompanyError as exc:  # company.yaml:LINE: absence_model.KEY
        raise company_error([problem_dict(p) for p in exc.problems]) from None
    s.commit()
    params = body.model_dump()
    kwargs = {
        "ref": loaded.ref,
        "settings_yaml": settings_yaml,
        **params,
        "pools": sorted(set(body.pools)),
        "designs": list(dict.fromkeys(body.designs)),
        "workers": state.settings.job_workers,
    }
    return _start(request, "pool_sizing", company_id, work.pool_sizing_job, kwargs, params, caller)


def _pool_workbook(result: dict, buffer, lang: str) -> None:
    from solver.reports.pool_report import write_xlsx

    write_xlsx(result, buffer, lang)


_job_routes(
    "pool_sizing",
    "pool-sizing",
    "hr",
    "A finished pool sizing: the service curve, the recommendation, the training plan",
    _pool_workbook,
    "vlinderpool",
)
