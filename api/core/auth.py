"""Tokens and roles.

A token is `secrets.token_urlsafe(32)`, shown once when created; the database keeps only its
SHA-256. Four roles, each seeing only what its work needs:

- planner: solve, publish, re-plan, suggest, read rosters (with absence kinds: they plan by them);
- director: scenarios, robustness, read rosters (absences as ids only);
- hr: pool sizing, read rosters (absences as ids only);
- admin: companies and tokens.

Every endpoint declares its roles with `Depends(allow(...))`; the role matrix test reads them
back from the routes, so a new endpoint cannot go without.

A token may expire (`expires_at`) and may be scoped to companies (`companies`): a planner of one
company reads no other company's people. Only an admin token is unscoped when created; tokens
made before scoping existed keep working for every company until they are replaced.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.errors import ApiError
from api.storage.tables import Token, utcnow

ROLES: tuple[str, ...] = ("planner", "director", "hr", "admin")
READERS: tuple[str, ...] = ("planner", "director", "hr")  # may read published rosters

bearer = HTTPBearer(auto_error=False, description="a token from `enclaveplan token create`")


# Writing the moment of use on every request would take a write lock per request (SQLite).
LAST_USE_RESOLUTION = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class Caller:
    token_id: int
    name: str
    role: str
    companies: tuple[str, ...] | None = None  # None: every company

    def may_use(self, company_id: str) -> bool:
        return self.companies is None or company_id in self.companies


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(
    session: Session,
    role: str,
    name: str,
    companies: list[str] | tuple[str, ...] | None = None,
    expires_at: dt.datetime | None = None,
) -> tuple[Token, str]:
    """Store a new token's hash; return the row and the secret (to be shown once).

    `companies`: the ids this token may touch (None: every company); `expires_at`: when it
    stops working (None: until revoked).
    """
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; expected {' | '.join(ROLES)}")
    secret = secrets.token_urlsafe(32)
    scope = sorted(set(companies)) if companies is not None else None
    row = Token(
        name=name[:100],
        role=role,
        token_hash=token_hash(secret),
        created_at=utcnow(),
        companies=scope,
        expires_at=expires_at,
    )
    session.add(row)
    session.commit()
    return row, secret


def revoke_token(session: Session, token_id: int) -> Token | None:
    row = session.get(Token, token_id)
    if row is not None and row.revoked_at is None:
        row.revoked_at = dt.datetime.now(dt.UTC)
        session.commit()
    return row


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is not None and moment.tzinfo is None:  # SQLite hands back naive UTC
        return moment.replace(tzinfo=dt.UTC)
    return moment


def caller_for(session: Session, secret: str) -> Caller | None:
    """The caller a secret stands for: None when unknown, revoked or expired. Notes the use."""
    row = session.scalars(
        select(Token).where(Token.token_hash == token_hash(secret), Token.revoked_at.is_(None))
    ).first()
    if row is None:
        return None
    now = utcnow()
    expires = _aware(row.expires_at)
    if expires is not None and expires <= now:
        return None
    last = _aware(row.last_used_at)
    if last is None or now - last >= LAST_USE_RESOLUTION:
        row.last_used_at = now
        session.commit()
    companies = tuple(row.companies) if row.companies is not None else None
    return Caller(row.id, row.name, row.role, companies)


class allow:  # noqa: N801 - reads as `Depends(allow("planner"))`
    """Dependency: the caller's token must be valid (401) and its role one of `roles` (403)."""

    def __init__(self, *roles: str):
        unknown = set(roles) - set(ROLES)
        if unknown:
            raise ValueError(f"unknown roles {sorted(unknown)}")
        self.roles = frozenset(roles)

    def __call__(
        self,
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None,
    ) -> Caller:
        challenge = {"WWW-Authenticate": "Bearer"}
        if credentials is None or credentials.scheme.lower() != "bearer":
            raise ApiError(
                401,
                "service.error.no_token",
                "header.authorization",
                "service.hint.no_token",
                headers=challenge,
            )
        with request.app.state.sessions() as session:
            caller = caller_for(session, credentials.credentials)
        if caller is None:
            raise ApiError(
                401,
                "service.error.bad_token",
                "header.authorization",
                "service.hint.bad_token",
                headers=challenge,
            )
        if caller.role not in self.roles:
            raise ApiError(
                403,
                "service.error.role_refused",
                request.url.path,
                "service.hint.role_refused",
                params={"role": caller.role, "roles": ", ".join(sorted(self.roles))},
            )
        company_id = request.path_params.get("company_id")
        if company_id is not None and not caller.may_use(company_id):
            raise ApiError(
                403,
                "service.error.other_company",
                "path.company_id",
                "service.hint.other_company",
                params={"company": company_id},
            )
        request.state.caller = caller
        return caller
