"""The questions of directors and HR: scenarios, robustness, pool sizing.

Robustness of one day runs in the solve pool like a solve (it is a few dozen quick checks).
Scenarios and pool sizing can take minutes: they are jobs, each in its own process, with
progress, a result when done, and cancel. Input is checked before a job starts, so a mistake in
a scenario file comes back at once with its file:line, not minutes later as a failed job.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from api.core.auth import Caller
from api.core.deps import AsDirector, AsHR, CompanyId, Day, Lang, SessionDep, in_pool
from api.core.errors import ApiError, company_error, problem_dict
from api.routers.jobs import StoredResult, job_routes, start_job, started
from api.runtime import work
from api.runtime.inputs import DayAsked, day_asked, time_limit
from api.schemas import JobOut, PoolSizingIn, RobustnessIn, RobustnessOut, responses
from api.storage import store
from api.storage.company_files import SETTINGS_FILE
from solver.io.loading import CompanyError

router = APIRouter(tags=["analysis"])
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
    responses=started(404, 413, 429),
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
    kwargs = {
        "ref": loaded.ref,
        "text": text,
        "file_name": SCENARIO_FILE,
        "time_limit": state.settings.solver_time_cap,
        "workers": state.settings.job_workers,
    }
    params = {"company_version": loaded.version, "bytes": len(text.encode())}
    return start_job(request, s, "scenario", company_id, work.scenario_job, kwargs, params, caller)


def _scenario_workbook(result: dict, buffer, lang: str) -> None:
    from solver.analysis.scenario import write_xlsx

    write_xlsx(result, buffer, lang)


job_routes(
    router,
    "scenario",
    "scenarios",
    "director",
    StoredResult("A finished scenario's comparison", _scenario_workbook, "scenario"),
)


# --- pool sizing ---------------------------------------------------------------------------------


@router.post(
    "/companies/{company_id}/pool-sizing",
    response_model=JobOut,
    status_code=202,
    summary="Size the vlinder pool: simulate years of absences (a job with progress)",
    responses=started(404, 429),
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
    params = body.model_dump()
    kwargs = {
        "ref": loaded.ref,
        "settings_yaml": settings_yaml,
        **params,
        "pools": sorted(set(body.pools)),
        "designs": list(dict.fromkeys(body.designs)),
        "workers": state.settings.job_workers,
    }
    fn = work.pool_sizing_job
    return start_job(request, s, "pool_sizing", company_id, fn, kwargs, params, caller)


def _pool_workbook(result: dict, buffer, lang: str) -> None:
    from solver.reports.pool_report import write_xlsx

    write_xlsx(result, buffer, lang)


job_routes(
    router,
    "pool_sizing",
    "pool-sizing",
    "hr",
    StoredResult(
        "A finished pool sizing: the service curve, the recommendation, the training plan",
        _pool_workbook,
        "vlinderpool",
    ),
)
