"""Errors as JSON with one stable shape: `{"error": {"what", "where", "hint"}}`.

`where` is a JSON path (`$.absences[0].person`), a parameter (`path.date`, `query.k`) or, for a
company's files, `file:line: column` exactly as `enclaveplan validate` prints it. When there are
several problems (a company upload with many bad cells) they all come back at once under
`error.problems`, each with the same three keys: a planner fixing a file wants the whole list.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from solver.io.loading import Problem
from solver.reports.words import number, translate

log = logging.getLogger("enclaveplan.api")


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        what: str,
        where: str = "",
        hint: str = "",
        problems: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ):
        super().__init__(what)
        self.extra = extra
        self.status = status
        self.what = what
        self.where = where
        self.hint = hint
        self.problems = problems
        self.headers = headers


def error_body(
    what: str, where: str = "", hint: str = "", problems: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    error: dict[str, Any] = {"what": what, "where": where, "hint": hint}
    if problems is not None:
        error["problems"] = problems
    return {"error": error}


# --- request validation (pydantic) -----------------------------------------------------------

_HINTS = {
    "missing": "add this field",
    "extra_forbidden": "remove this field; the API has no field for it (and never one for a "
    "diagnosis or a reason of absence: only its kind)",
    "date_from_datetime_parsing": "write the date as YYYY-MM-DD",
    "date_parsing": "write the date as YYYY-MM-DD",
    "date_type": "write the date as YYYY-MM-DD",
    "literal_error": "use one of the values listed",
    "enum": "use one of the values listed",
    "json_invalid": "send valid JSON",
    "string_too_long": "shorten the text",
    "too_long": "send fewer items",
}


def json_path(loc: tuple[Any, ...] | list[Any]) -> str:
    """('body', 'absences', 0, 'person') -> '$.absences[0].person'; ('path', 'date') -> 'path.date'."""
    if not loc:
        return "$"
    head, rest = loc[0], list(loc[1:])
    out = "$" if head == "body" else str(head)
    for part in rest:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def validation_problems(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    problems = []
    for error in errors:
        kind = str(error.get("type", ""))
        problems.append(
            {
                "what": str(error.get("msg", "invalid value")),
                "where": json_path(error.get("loc", ())),
                "hint": _HINTS.get(kind, "correct this value; see the OpenAPI schema at /docs"),
            }
        )
    return problems


# --- company files ---------------------------------------------------------------------------


# What a file set is, as its problems' hint and summary name it: "the company", "the scenario".
SUBJECTS = {"company": "problem.subject.company", "scenario": "problem.subject.scenario"}


def problem_dict(
    problem: Problem, where: str | None = None, subject: str = "company", lang: str = "nl"
) -> dict[str, str]:
    """One problem of a file set in the caller's language (`lang` of the request)."""
    if where is None:
        line = f":{problem.line}" if problem.line is not None else ""
        where = f"{problem.file}{line}: {problem.column}"
    named = translate(SUBJECTS[subject], lang)
    hint = translate(
        "problem.hint.warning" if problem.severity == "warning" else "problem.hint.error",
        lang,
        subject=named,
    )
    return {
        "what": problem.text(lang),
        "where": where,
        "hint": hint,
        "severity": problem.severity,
    }


# However many problems a file set has, the answer lists at most this many (the loader already
# lists at most 100 per file; a scenario file is read by its own reader).
MAX_PROBLEMS = 500


def bounded(problems: list[dict[str, str]], lang: str = "nl") -> list[dict[str, str]]:
    """The first MAX_PROBLEMS problems, and one more that says how many were left out."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = len(problems) - MAX_PROBLEMS
    return [
        *problems[:MAX_PROBLEMS],
        {
            "what": translate("problem.more", lang, more=number(more, lang, digits=0)),
            "where": "",
            "hint": translate("problem.hint.more", lang),
            "severity": "error",
        },
    ]


def company_error(
    problems: list[dict[str, str]], subject: str = "company", lang: str = "nl"
) -> ApiError:
    """422 listing the problems of a file set (company, scenario); the first one on top."""
    errors = [p for p in problems if p.get("severity", "error") == "error"]
    first = errors[0] if errors else problems[0]
    what = translate(
        "problem.summary",
        lang,
        subject=translate(SUBJECTS[subject], lang),
        n=number(len(errors), lang, digits=0),
        first=first["what"],
    )
    return ApiError(422, what, first["where"], first["hint"], bounded(problems, lang))


# --- handlers --------------------------------------------------------------------------------


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        body = error_body(exc.what, exc.where, exc.hint, exc.problems)
        body["error"].update(exc.extra or {})
        return JSONResponse(body, status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = validation_problems(list(exc.errors()))
        first = problems[0] if problems else {"what": "invalid request", "where": "$", "hint": ""}
        body = error_body(first["what"], first["where"], first["hint"], problems)
        return JSONResponse(body, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        hints = {
            404: "see /docs for the endpoints",
            405: "see /docs for the methods this endpoint accepts",
        }
        what = exc.detail if isinstance(exc.detail, str) else "request refused"
        body = error_body(what, request.url.path, hints.get(exc.status_code, ""))
        return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Code lines and the exception's type only: a message could carry a name.
        route = getattr(request.scope.get("route"), "path", "?")
        frames = "".join(traceback.format_tb(exc.__traceback__))
        log.error(
            "internal error %s on %s %s\n%s", type(exc).__name__, request.method, route, frames
        )
        body = error_body(
            "internal error", route, "try again; if it repeats, tell the administrator the time"
        )
        return JSONResponse(body, status_code=500)
