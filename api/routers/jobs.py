"""What every kind of long job shares (scenarios, pool sizing, the week's plan): how one starts,
and its status, result, workbook and cancel endpoints.

Not a router of its own: a router that runs a kind of job declares the endpoints here on itself
(`job_routes`), so the same job answers the same way whatever its kind.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, BinaryIO

from fastapi import APIRouter, Depends, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response
from sqlalchemy.orm import Session

from api.core.auth import Caller
from api.core.deps import CompanyId, Lang, SessionDep, allow, busy_error
from api.core.errors import ApiError, request_lang, said_error
from api.runtime.jobs import Busy, Unavailable, job_row
from api.schemas import JobOut, JobResultOut, responses
from api.schemas.views import iso, xlsx_response, xlsx_responses

JobId = Annotated[
    str, PathParam(pattern=r"^[0-9a-f]{32}$", examples=["0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a"])
]
JOB_RESPONSES = responses(404)


def started(*codes: int) -> dict[int | str, dict]:
    """The OpenAPI answers of an endpoint that starts a job: 202 with the job, or `codes`."""
    answer = {"model": JobOut, "description": "the job started; poll it for progress"}
    return {202: answer, **responses(*codes)}


def job_out(row, lang: str = "nl") -> dict:
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


def job(s: Session, kind: str, company_id: str, job_id: str):
    """The stored job of this kind and company, or 404."""
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


def start_job(
    request: Request,
    s: Session,
    kind: str,
    company_id: str,
    fn,
    kwargs: dict,
    params: dict,
    caller: Caller,
) -> JSONResponse:
    """Start a job whose input has been checked: 202 with the job, or 429/503 at once.

    The request's read transaction ends first, as before a solve (`in_pool`): no database lock
    is held while the job's process starts and writes its row."""
    s.commit()
    try:
        job_id = request.app.state.jobs.start(kind, company_id, fn, kwargs, params, caller.token_id)
    except Busy as exc:
        raise busy_error(exc) from None
    except Unavailable as exc:
        raise ApiError(503, exc.msgid, "", "service.hint.moment") from None
    with request.app.state.sessions() as fresh:
        said = job_out(job(fresh, kind, company_id, job_id), request_lang(request))
        return JSONResponse(said, status_code=202)


def job_result(s: Session, kind: str, company_id: str, job_id: str) -> dict:
    """A finished job's result, or 409 while it runs (or when it failed or was stopped)."""
    row = job(s, kind, company_id, job_id)
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


def cancel_job(
    request: Request, s: Session, kind: str, company_id: str, job_id: str, caller: Caller
) -> dict:
    row = job(s, kind, company_id, job_id)
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
    return job_out(job(s, kind, company_id, job_id), request_lang(request))


def job_url(path: str) -> str:
    """`/companies/{company_id}/<path>/{job_id}`: where one job of a kind is read and cancelled."""
    return f"/companies/{{company_id}}/{path}/{{job_id}}"


@dataclass(frozen=True)
class StoredResult:
    """A kind of job whose stored result is answered as it is, and as a workbook."""

    summary: str  # "A finished scenario's comparison"
    workbook: Callable[[dict, BinaryIO, str], None]  # (result, buffer, lang): writes the xlsx
    file_stem: str  # the workbook's name: <file_stem>-<company_id>.xlsx


def job_routes(
    router: APIRouter, kind: str, path: str, role: str, stored: StoredResult | None = None
) -> None:
    """The endpoints every kind of job has, declared on `router`: its status (to `role`), its
    result and the result as a workbook (to `role`, when `stored` says how; the plan reads its
    own per language), and cancel (to `role` and admin)."""
    noun = kind.replace("_", "-")
    url = job_url(path)
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
        return job_out(job(s, kind, company_id, job_id), request_lang(request))

    if stored is not None:

        @router.get(
            f"{url}/result",
            response_model=JobResultOut,
            summary=f"{stored.summary} (409 while it runs)",
            responses=responses(404, 409),
            operation_id=f"get_{kind}_result",
            dependencies=only,
        )
        def result(company_id: CompanyId, job_id: JobId, s: SessionDep) -> dict:
            return job_result(s, kind, company_id, job_id)

        @router.get(
            f"{url}/result.xlsx",
            summary=f"{stored.summary} as an Excel workbook (409 while it runs)",
            response_class=Response,
            responses=xlsx_responses(404, 409),
            operation_id=f"export_{kind}_result",
            dependencies=only,
        )
        def export(
            company_id: CompanyId, job_id: JobId, s: SessionDep, lang: Lang = "nl"
        ) -> Response:
            buffer = io.BytesIO()
            stored.workbook(job_result(s, kind, company_id, job_id)["result"], buffer, lang)
            return xlsx_response(buffer.getvalue(), f"{stored.file_stem}-{company_id}.xlsx")

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
        return cancel_job(request, s, kind, company_id, job_id, caller)
