"""Reading and writing what the service keeps. Each write is one transaction: a request that dies
half-way (a worker killed, the server stopped) leaves nothing behind.

Companies and published rosters only ever gain versions. Two planners publishing the same day at
the same moment get versions n and n+1 (the unique key decides; the loser retries), never one
overwriting the other.
"""

from __future__ import annotations

import datetime as dt
import pickle
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.core.auth import Caller
from api.core.errors import ApiError
from api.runtime.work import CompanyRef
from api.storage.company_files import fingerprint, load_files
from api.storage.tables import CompanyFile, CompanyRow, CompanyVersion, Publication, Solve, utcnow
from solver.domain import Company

RETRIES = 5


# --- companies -------------------------------------------------------------------------------


def latest_version(session: Session, company_id: str) -> CompanyVersion | None:
    return session.scalars(
        select(CompanyVersion)
        .where(CompanyVersion.company_id == company_id)
        .order_by(CompanyVersion.version.desc())
        .limit(1)
    ).first()


def require_company(session: Session, company_id: str) -> CompanyVersion:
    row = latest_version(session, company_id)
    if row is None:
        raise ApiError(
            404,
            "service.error.no_company",
            "path.company_id",
            "service.hint.no_company",
            params={"company": repr(company_id)},
        )
    return row


def company_files(session: Session, version: CompanyVersion) -> dict[str, bytes]:
    rows = session.scalars(select(CompanyFile).where(CompanyFile.version_id == version.id))
    return {row.name: bytes(row.content) for row in rows}


def save_company(
    session: Session,
    company_id: str,
    files: dict[str, bytes],
    source: str,
    name: str,
    caller: Caller | None,
) -> tuple[CompanyVersion, bool]:
    """Store the files as the company's next version; the same files again add nothing.

    Returns the version row and whether it is new.
    """
    digest = fingerprint(files)
    for _attempt in range(RETRIES):
        current = latest_version(session, company_id)
        if current is not None and current.sha256 == digest:
            session.rollback()
            return current, False
        if session.get(CompanyRow, company_id) is None:
            session.add(CompanyRow(id=company_id, created_at=utcnow()))
            session.flush()
        row = CompanyVersion(
            company_id=company_id,
            version=(current.version if current else 0) + 1,
            name=name[:200],
            source=source,
            sha256=digest,
            created_at=utcnow(),
            created_by=caller.token_id if caller else None,
        )
        session.add(row)
        session.flush()
        for file_name, content in sorted(files.items()):
            session.add(CompanyFile(version_id=row.id, name=file_name, content=content))
        try:
            session.commit()
            return row, True
        except IntegrityError:
            session.rollback()  # another upload took this version number: count again
    raise ApiError(409, "service.error.company_busy", "path.company_id", "service.hint.retry")


def company_versions(session: Session, company_id: str) -> list[CompanyVersion]:
    return list(
        session.scalars(
            select(CompanyVersion)
            .where(CompanyVersion.company_id == company_id)
            .order_by(CompanyVersion.version)
        )
    )


def all_companies(session: Session) -> list[CompanyVersion]:
    newest = (
        select(CompanyVersion.company_id, func.max(CompanyVersion.version).label("v"))
        .group_by(CompanyVersion.company_id)
        .subquery()
    )
    return list(
        session.scalars(
            select(CompanyVersion)
            .join(
                newest,
                (CompanyVersion.company_id == newest.c.company_id)
                & (CompanyVersion.version == newest.c.v),
            )
            .order_by(CompanyVersion.company_id)
        )
    )


@dataclass(frozen=True)
class LoadedCompany:
    id: str
    version: int
    source: str
    company: Company
    warnings: list[dict]
    sha256: str = ""

    @cached_property
    def ref(self) -> CompanyRef:
        return CompanyRef(f"{self.id}:{self.version}:{self.sha256}", pickle.dumps(self.company))


class CompanyCache:
    """Loaded companies by (id, version): parsing a company's CSV files once, not per solve."""

    def __init__(self, size: int = 16):
        self._items: OrderedDict[tuple[str, int], LoadedCompany] = OrderedDict()
        self._lock = threading.Lock()
        self._size = size

    def load(self, session: Session, company_id: str) -> LoadedCompany:
        row = require_company(session, company_id)
        key = (company_id, row.version)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        company, warnings = load_files(company_files(session, row), row.source)
        loaded = LoadedCompany(company_id, row.version, row.source, company, warnings, row.sha256)
        with self._lock:
            self._items[key] = loaded
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return loaded


# --- solves and publications ------------------------------------------------------------------


def record_solve(
    session: Session,
    loaded: LoadedCompany,
    date: dt.date,
    kind: str,
    request: dict[str, Any],
    result: dict[str, Any],
    caller: Caller,
    based_on: int | None = None,
) -> Solve:
    row = Solve(
        id=uuid.uuid4().hex,
        company_id=loaded.id,
        company_version=loaded.version,
        date=date,
        kind=kind,
        based_on=based_on,
        request=request,
        roster=result["roster"],
        restricted_reasons=result["restricted_reasons"],
        created_at=utcnow(),
        created_by=caller.token_id,
    )
    session.add(row)
    session.commit()
    return row


def record_plan_day(
    session: Session,
    company_id: str,
    company_version: int,
    date: dt.date,
    request: dict[str, Any],
    roster: dict[str, Any],
    restricted_reasons: dict[str, Any],
    caller: Caller,
) -> Solve:
    """One day of a finished plan kept as a solve (kind `plan`), so it publishes as any solve
    does (store.publish takes it from there)."""
    row = Solve(
        id=uuid.uuid4().hex,
        company_id=company_id,
        company_version=company_version,
        date=date,
        kind="plan",
        based_on=None,
        request=request,
        roster=roster,
        restricted_reasons=restricted_reasons,
        created_at=utcnow(),
        created_by=caller.token_id,
    )
    session.add(row)
    session.commit()
    return row


def get_solve(session: Session, solve_id: str, caller: Caller | None = None) -> Solve:
    """A solve by id; a caller whose token is not for its company finds nothing there."""
    row = session.get(Solve, solve_id)
    if row is None or (caller is not None and not caller.may_use(row.company_id)):
        raise ApiError(
            404,
            "service.error.no_solve",
            "$.solve_id",
            "service.hint.no_solve",
            params={"solve": repr(solve_id)},
        )
    return row


class StalePublish(Exception):
    """Another version of the day was published after the one the planner last saw."""

    def __init__(self, current: Publication):
        super().__init__(f"version {current.version} was published in between")
        self.current = current


def publish(
    session: Session,
    solve: Solve,
    caller: Caller,
    base_version: int | None = None,
    check_base: bool = False,
) -> Publication:
    """Add the solve's roster as the next published version of its day.

    With `check_base`, only if the day's newest version is still `base_version` (None or 0: the
    planner saw none); otherwise StalePublish with the newest one. Checked in the same
    transaction as the insert: of two planners who saw the same version, one gets StalePublish.
    """
    seen = base_version or None
    for _attempt in range(RETRIES):
        # Publishers of one company queue on its row (PostgreSQL: FOR UPDATE; SQLite writes one
        # at a time anyway), so the newest version read below is still the newest at the insert.
        # Without it, six planners at once could each lose the version race five times over.
        session.scalar(
            select(CompanyRow.id).where(CompanyRow.id == solve.company_id).with_for_update()
        )
        current = session.scalar(
            select(func.max(Publication.version)).where(
                Publication.company_id == solve.company_id, Publication.date == solve.date
            )
        )
        if check_base and current != seen:
            newest = session.scalars(
                select(Publication).where(
                    Publication.company_id == solve.company_id,
                    Publication.date == solve.date,
                    Publication.version == current,
                )
            ).one()
            session.rollback()
            raise StalePublish(newest)
        row = Publication(
            company_id=solve.company_id,
            date=solve.date,
            version=(current or 0) + 1,
            solve_id=solve.id,
            company_version=solve.company_version,
            request=solve.request,
            roster=solve.roster,
            restricted_reasons=solve.restricted_reasons,
            published_at=utcnow(),
            published_by=caller.token_id,
            published_by_name=caller.name,
        )
        session.add(row)
        try:
            session.commit()
            return row
        except IntegrityError:
            session.rollback()  # someone published this day at the same moment: next number
    raise ApiError(409, "service.error.day_busy", "path.date", "service.hint.retry")


def publications(session: Session, company_id: str, date: dt.date) -> list[Publication]:
    return list(
        session.scalars(
            select(Publication)
            .where(Publication.company_id == company_id, Publication.date == date)
            .order_by(Publication.version)
        )
    )


def published_days(
    session: Session, company_id: str, first: dt.date | None, last: dt.date | None
) -> list[tuple[dt.date, int, dt.datetime]]:
    query = select(
        Publication.date, func.max(Publication.version), func.max(Publication.published_at)
    ).where(Publication.company_id == company_id)
    if first:
        query = query.where(Publication.date >= first)
    if last:
        query = query.where(Publication.date <= last)
    rows = session.execute(query.group_by(Publication.date).order_by(Publication.date))
    return [(d, v, at) for d, v, at in rows]
