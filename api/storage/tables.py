"""What the service keeps: tokens, company versions, solves, published rosters, long jobs.

Nothing a planner relies on is overwritten. A company upload adds a version; a publication adds a
version of that day's roster, with who published it and when (the audit trail an inspection or a
dispute asks for); the migration adds database triggers that refuse UPDATE and DELETE on
publications. People are stored by id only, except inside the company's own files.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    pass


class Token(Base):
    """An API token; only the SHA-256 of the secret is kept, so a stolen database opens nothing."""

    __tablename__ = "tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # Written at most once a minute per token: enough for "who still uses this", and no write
    # lock per request.
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # The company ids this token may touch; None: every company (admin, and older tokens).
    companies: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)


class CompanyRow(Base):
    __tablename__ = "companies"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CompanyVersion(Base):
    """One upload of a company: its files exactly as received (CSV, XLSX or converted JSON)."""

    __tablename__ = "company_versions"
    __table_args__ = (UniqueConstraint("company_id", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    company_id: Mapped[str] = mapped_column(ForeignKey("companies.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(10))  # csv | xlsx | json
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("tokens.id"), nullable=True)


class CompanyFile(Base):
    __tablename__ = "company_files"
    __table_args__ = (UniqueConstraint("version_id", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("company_versions.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class Solve(Base):
    """A roster the solver returned, with what it was asked; written in one transaction."""

    __tablename__ = "solves"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    company_id: Mapped[str] = mapped_column(ForeignKey("companies.id"), index=True)
    company_version: Mapped[int] = mapped_column(Integer)
    date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(10))  # solve | replan | plan (a plan's day)
    based_on: Mapped[int | None] = mapped_column(Integer, nullable=True)  # publications.id
    request: Mapped[dict[str, Any]] = mapped_column(JSON)
    roster: Mapped[dict[str, Any]] = mapped_column(JSON)
    restricted_reasons: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("tokens.id"), nullable=True)


class Publication(Base):
    """One published version of a day's roster. Never updated, never deleted."""

    __tablename__ = "publications"
    __table_args__ = (UniqueConstraint("company_id", "date", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    company_id: Mapped[str] = mapped_column(ForeignKey("companies.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    version: Mapped[int] = mapped_column(Integer)
    solve_id: Mapped[str] = mapped_column(ForeignKey("solves.id"))
    company_version: Mapped[int] = mapped_column(Integer)
    request: Mapped[dict[str, Any]] = mapped_column(JSON)
    roster: Mapped[dict[str, Any]] = mapped_column(JSON)
    restricted_reasons: Mapped[dict[str, Any]] = mapped_column(JSON)
    published_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    published_by: Mapped[int | None] = mapped_column(ForeignKey("tokens.id"), nullable=True)
    published_by_name: Mapped[str] = mapped_column(String(100))


class Job(Base):
    """A long computation (scenario, pool sizing) run in its own process, with progress."""

    __tablename__ = "jobs"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    company_id: Mapped[str] = mapped_column(ForeignKey("companies.id"), index=True)
    status: Mapped[str] = mapped_column(String(12))  # running|done|failed|cancelled|interrupted
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    result: Mapped[Any] = mapped_column(JSON, nullable=True)
    error: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("tokens.id"), nullable=True)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
