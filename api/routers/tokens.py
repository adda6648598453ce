"""Tokens (admin): create one (its secret is shown once), list them, revoke one."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path
from sqlalchemy import select

from api.core.auth import create_token, revoke_token
from api.core.deps import AsAdmin, SessionDep
from api.core.errors import ApiError
from api.schemas import TokenCreatedOut, TokenIn, TokenListOut, TokenOut, responses
from api.schemas.views import iso
from api.storage.tables import Token, utcnow

router = APIRouter(tags=["tokens"])
TokenId = Annotated[int, Path(ge=1, le=2**31 - 1, examples=[3])]


def _token(row: Token) -> dict:
    return {
        "id": row.id,
        "name": row.name,
        "role": row.role,
        "created_at": iso(row.created_at),
        "revoked_at": iso(row.revoked_at),
        "companies": row.companies,
        "expires_at": iso(row.expires_at),
        "last_used_at": iso(row.last_used_at),
    }


@router.post(
    "/tokens",
    response_model=TokenCreatedOut,
    status_code=201,
    summary="Create a token; its secret is in this answer only (only a hash is stored)",
    responses=responses(),
)
def post_token(body: TokenIn, _caller: AsAdmin, s: SessionDep):
    if body.role != "admin" and not body.companies:
        raise ApiError(
            422,
            "service.error.token_companies",
            "$.companies",
            "service.hint.token_companies",
            params={"role": body.role},
        )
    expires = utcnow() + dt.timedelta(days=body.expires_in_days) if body.expires_in_days else None
    row, secret = create_token(s, body.role, body.name, body.companies, expires)
    return {**_token(row), "token": secret}


@router.get("/tokens", response_model=TokenListOut, summary="Every token", responses=responses())
def get_tokens(_caller: AsAdmin, s: SessionDep) -> dict:
    return {"tokens": [_token(r) for r in s.scalars(select(Token).order_by(Token.id))]}


@router.delete(
    "/tokens/{token_id}",
    response_model=TokenOut,
    summary="Revoke a token (it stays listed, with the moment it was revoked)",
    responses=responses(404),
)
def delete_token(token_id: TokenId, _caller: AsAdmin, s: SessionDep) -> dict:
    row = revoke_token(s, token_id)
    if row is None:
        raise ApiError(
            404,
            "service.error.no_token_id",
            "path.token_id",
            "service.hint.no_token_id",
            params={"token": token_id},
        )
    return _token(row)
