"""The error envelope and the OpenAPI error responses, with an example for each status."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


def error_example(what: str, where: str, hint: str) -> dict[str, Any]:
    return {"error": {"what": what, "where": where, "hint": hint}}


class ErrorBody(BaseModel):
    what: str
    where: str
    hint: str
    problems: list[dict[str, str]] | None = None


class ErrorOut(BaseModel):
    """Every error has this shape; `problems` lists them all when there are several."""

    error: ErrorBody


ERROR_EXAMPLES = {
    401: ("no token", "header.authorization", "send `Authorization: Bearer TOKEN`"),
    403: ("the role director may not do this", "/api/v1/companies/westlandia/solve",
          "this needs one of the roles: planner"),
    404: ("no company 'westlandia'", "path.company_id",
          "an admin uploads it first: PUT /api/v1/companies/{company_id}"),
    409: ("the day is being published by someone else", "path.date", "retry"),
    413: ("the request is larger than the service accepts", "body",
          "send at most ENCLAVEPLAN_MAX_REQUEST_BYTES bytes"),
    422: ("unknown person 'C99'", "$.absences[0].person",
          "use a coach or worker id of this company (GET .../people)"),
    429: ("every solver is busy", "", "retry after 2 s"),
    503: ("a solver process stopped mid-solve; nothing was saved", "", "try again in a moment"),
}  # fmt: skip


ERROR_WORDS = {
    401: "no token, or an unknown or revoked one",
    403: "the token's role may not do this",
    404: "not found",
    409: "a concurrent change won; retry",
    413: "request too large",
    422: "invalid input: every problem with its JSON path or file:line",
    429: "every solver or job slot is busy: retry after `Retry-After` seconds",
    503: "the service is shutting down or a worker stopped: nothing was saved",
}


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI error responses with an example each (401 and 422 are always possible)."""
    found: dict[int | str, dict[str, Any]] = {}
    for code in sorted({401, 422, *codes}):
        found[code] = {
            "model": ErrorOut,
            "description": ERROR_WORDS[code],
            "content": {"application/json": {"example": error_example(*ERROR_EXAMPLES[code])}},
        }
    return found


def responses_with(media_type: str, example: Any, *codes: int) -> dict[int | str, dict[str, Any]]:
    """`responses(*codes)` after the 200 answer's media type and example: for an endpoint that
    answers a file, or JSON without a response model."""
    return {200: {"content": {media_type: {"example": example}}}, **responses(*codes)}
