"""Is the service up, is the database reachable, how busy are the solvers; and who am I."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from fastapi import APIRouter, Request
from sqlalchemy import text

from api.core.deps import AsAnyone
from api.core.errors import ApiError
from api.schemas import HealthOut, MeOut, error_example, responses

router = APIRouter(tags=["health"])

try:
    VERSION = version("enclaveplan")
except PackageNotFoundError:  # running from a checkout without install
    VERSION = "0.0.0"


@router.get(
    "/health",
    response_model=HealthOut,
    summary="Health: service, database and solver pool (no token needed)",
    responses={
        503: {
            "description": "the database cannot be reached",
            "content": {
                "application/json": {
                    "example": error_example(
                        "the database cannot be reached", "database", "check DATABASE_URL"
                    )
                }
            },
        }
    },
)
def health(request: Request) -> dict:
    try:
        with request.app.state.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:
        raise ApiError(
            503, "service.error.no_database", "database", "service.hint.no_database"
        ) from None
    return {
        "status": "ok",
        "database": "ok",
        "version": VERSION,
        "pool": request.app.state.pool.stats(),
    }


@router.get(
    "/me",
    response_model=MeOut,
    summary="The caller's token name, role and the companies it is for",
    responses=responses(401),
)
def me(caller: AsAnyone) -> dict:
    companies = list(caller.companies) if caller.companies is not None else None
    return {"name": caller.name, "role": caller.role, "companies": companies}
