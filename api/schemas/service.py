"""The service itself: health, who is calling, tokens, long jobs."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from api.schemas.common import Role, Strict


class HealthOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "status": "ok",
                    "database": "ok",
                    "version": "0.1.0",
                    "pool": {"workers": 2, "limit": 4, "in_flight": 0, "accepted": 12,
                             "refused": 0, "overdue": 0},
                }
            ]
        }
    )  # fmt: skip
    status: str
    database: str
    version: str
    pool: dict[str, int]


class MeOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"name": "planning Ieper", "role": "planner", "companies": ["westlandia"]}]
        }
    )
    name: str
    role: str
    # The companies this token is for; null: every company (admin, and tokens made before
    # tokens were scoped).
    companies: list[str] | None = None


CompanyIdText = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
]


class TokenIn(Strict):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"role": "planner", "name": "planning", "companies": ["westlandia"],
                 "expires_in_days": 365}
            ]
        },
    )  # fmt: skip
    role: Role
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    # Required for every role but admin: a token reads the people of the companies it names.
    companies: Annotated[list[CompanyIdText], Field(max_length=100)] | None = None
    expires_in_days: Annotated[int, Field(ge=1, le=3650)] | None = None


class TokenOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"id": 3, "name": "planning", "role": "planner",
                 "created_at": "2026-11-30T16:05:00+00:00", "revoked_at": None}
            ]
        }
    )  # fmt: skip
    id: int
    name: str
    role: str
    created_at: str | None
    revoked_at: str | None = None
    companies: list[str] | None = None
    expires_at: str | None = None
    last_used_at: str | None = None


class TokenCreatedOut(TokenOut):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"id": 3, "name": "planning", "role": "planner",
                 "created_at": "2026-11-30T16:05:00+00:00", "revoked_at": None,
                 "token": "k1x...shown once, store it now"}
            ]
        }
    )  # fmt: skip
    token: str


class TokenListOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"tokens": [{"id": 1, "name": "admin", "role": "admin",
                             "created_at": "2026-11-30T16:00:00+00:00", "revoked_at": None}]}
            ]
        }
    )  # fmt: skip
    tokens: list[TokenOut]


class JobOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "job_id": "0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a",
                    "kind": "pool_sizing",
                    "company_id": "westlandia",
                    "status": "running",
                    "done": 12,
                    "total": 40,
                    "created_at": "2026-11-30T16:10:00+00:00",
                    "finished_at": None,
                    "error": None,
                }
            ]
        }
    )
    job_id: str
    kind: str
    company_id: str
    status: str
    done: int
    total: int
    created_at: str | None
    finished_at: str | None
    error: dict[str, Any] | None


class JobResultOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "job_id": "0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a",
                    "kind": "pool_sizing",
                    "result": {"note": "the module's own JSON (result.to_json())"},
                }
            ]
        }
    )
    job_id: str
    kind: str
    result: Any
