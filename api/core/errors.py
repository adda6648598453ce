"""Errors as JSON with one stable shape: `{"error": {"what", "where", "hint"}}`.

`where` is a JSON path (`$.absences[0].person`), a parameter (`path.date`, `query.k`) or, for a
company's files, `file:line: column` exactly as `enclaveplan validate` prints it. When there are
several problems (a company upload with many bad cells) they all come back at once under
`error.problems`, each with the same three keys: a planner fixing a file wants the whole list.

`what` and `hint` are said in the caller's language, rendered here from the message catalogue
(`service.error.*`, `service.hint.*`): Dutch by default, English when the request asks `?lang=en`
(`request_lang`, the one rule). An `ApiError` carries message ids and parameters, never words.
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


def request_lang(request: Request) -> str:
    """The language of the answer: English when the request says `?lang=en`, else Dutch."""
    return "en" if request.query_params.get("lang") == "en" else "nl"


class ApiError(Exception):
    """An error answer: `what` and `hint` are message ids (or text already in the caller's
    language, for a file set's problems), `params` fills both; `where` is a machine path."""

    def __init__(
        self,
        status: int,
        what: str,
        where: str = "",
        hint: str = "",
        problems: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
    ):
        super().__init__(what)
        self.extra = extra
        self.status = status
        self.what = what
        self.where = where
        self.hint = hint
        self.problems = problems
        self.headers = headers
        self.params = params or {}

    def said(self, lang: str) -> tuple[str, str]:
        """`what` and `hint` in `lang`."""
        what = translate(self.what, lang, **self.params) if self.what else ""
        hint = translate(self.hint, lang, **self.params) if self.hint else ""
        return what, hint


def error_body(
    what: str, where: str = "", hint: str = "", problems: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    error: dict[str, Any] = {"what": what, "where": where, "hint": hint}
    if problems is not None:
        error["problems"] = problems
    return {"error": error}


def said_error(error: dict[str, Any] | None, lang: str) -> dict[str, Any] | None:
    """A stored error (a failed job's) in `lang`: its `what` and `hint` are message ids with
    `params` (an older row's English text reads as it is)."""
    if not error:
        return error
    params = error.get("params") or {}
    out = {k: v for k, v in error.items() if k != "params"}
    for key in ("what", "hint"):
        if out.get(key):
            out[key] = translate(out[key], lang, **params)
    return out


# --- request validation (pydantic) -----------------------------------------------------------

# pydantic's error type -> the hint's message id.
_HINTS = {
    "missing": "service.hint.missing",
    "extra_forbidden": "service.hint.extra_forbidden",
    "date_from_datetime_parsing": "service.hint.date",
    "date_parsing": "service.hint.date",
    "date_type": "service.hint.date",
    "literal_error": "service.hint.one_of",
    "enum": "service.hint.one_of",
    "json_invalid": "service.hint.json_invalid",
    "string_too_long": "service.hint.string_too_long",
    "too_long": "service.hint.too_long",
}


# pydantic's error type -> what it says, from the catalogue; pydantic's context (`expected`,
# `max_length`) fills it. Any other type keeps pydantic's own (English) message.
_WHATS = {
    "missing": "service.error.missing",
    "extra_forbidden": "service.error.extra_forbidden",
    "date_from_datetime_parsing": "service.error.date",
    "date_parsing": "service.error.date",
    "date_type": "service.error.date",
    "literal_error": "service.error.one_of",
    "enum": "service.error.one_of",
    "json_invalid": "service.error.json_invalid",
    "string_too_long": "service.error.string_too_long",
    "too_long": "service.error.too_long",
}


def _what(error: dict[str, Any], lang: str) -> str:
    said = str(error.get("msg") or translate("service.error.invalid_value", lang))
    msgid = _WHATS.get(str(error.get("type", "")))
    if msgid is None:
        return said
    try:
        return translate(msgid, lang, **{k: str(v) for k, v in (error.get("ctx") or {}).items()})
    except (KeyError, IndexError):  # a context pydantic did not give: its own words, then
        return said


def json_path(loc: tuple[Any, ...] | list[Any]) -> str:
    """('body', 'absences', 0, 'person') -> '$.absences[0].person'; ('path', 'date') -> 'path.date'."""
    if not loc:
        return "$"
    head, rest = loc[0], list(loc[1:])
    out = "$" if head == "body" else str(head)
    for part in rest:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def validation_problems(errors: list[dict[str, Any]], lang: str = "nl") -> list[dict[str, str]]:
    """pydantic's errors with their JSON paths, said in the caller's language (a kind of error
    the catalogue does not know keeps pydantic's own message)."""
    problems = []
    for error in errors:
        kind = str(error.get("type", ""))
        problems.append(
            {
                "what": _what(error, lang),
                "where": json_path(error.get("loc", ())),
                "hint": translate(_HINTS.get(kind, "service.hint.see_schema"), lang),
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


# Starlette's own refusals (no such route, wrong method, a body too large): what and hint.
_REFUSALS = {
    404: ("service.error.not_found", "service.hint.not_found"),
    405: ("service.error.method_not_allowed", "service.hint.method_not_allowed"),
    413: ("service.error.too_large", "service.hint.too_large_plain"),
}


# --- handlers --------------------------------------------------------------------------------


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        what, hint = exc.said(request_lang(request))
        body = error_body(what, exc.where, hint, exc.problems)
        body["error"].update(exc.extra or {})
        return JSONResponse(body, status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        lang = request_lang(request)
        problems = validation_problems(list(exc.errors()), lang)
        invalid = translate("service.error.invalid_request", lang)
        first = problems[0] if problems else {"what": invalid, "where": "$", "hint": ""}
        body = error_body(first["what"], first["where"], first["hint"], problems)
        return JSONResponse(body, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        lang = request_lang(request)
        what, hint = _REFUSALS.get(exc.status_code, ("service.error.refused", ""))
        what, hint = translate(what, lang), translate(hint, lang) if hint else ""
        body = error_body(what, request.url.path, hint)
        return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Code lines and the exception's type only: a message could carry a name.
        route = getattr(request.scope.get("route"), "path", "?")
        frames = "".join(traceback.format_tb(exc.__traceback__))
        log.error(
            "internal error %s on %s %s\n%s", type(exc).__name__, request.method, route, frames
        )
        lang = request_lang(request)
        body = error_body(
            translate("service.error.internal", lang),
            route,
            translate("service.hint.internal", lang),
        )
        return JSONResponse(body, status_code=500)
