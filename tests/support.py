"""Shared pieces of the HTTP service tests: a small company, an app with tokens, a checker.

No tests here; the test modules import what they need (fixtures included).
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import datetime as dt
import io
import socket
import threading
import time
import zipfile
from pathlib import Path

import fastapi.routing
from fastapi.testclient import TestClient

from api.app import create_app
from api.core.auth import ROLES, allow, create_token
from api.core.settings import Settings
from api.storage.company_files import files_from_json
from solver.checker import check_roster
from solver.io.loading import load_company
from solver.roster.day import todays_absences

ROOT = Path(__file__).resolve().parent.parent
WESTLANDIA = ROOT / "data" / "westlandia"
MONDAY = "2026-12-07"  # no public holiday in Belgium
V1 = "/api/v1"

# Two enclaves and a service site; V1 may stand in at both enclaves, V2 only at E2, the atelier
# worker A1 at E1 and S1, A2 at E2. Names are fictional.
SMALL = {
    "settings": {"name": "Kleine Vlinder vzw", "policy": {"shared_coach": "never"}},
    "enclaves": [
        {"id": "E1", "name": "Bakkerij Noord", "kind": "enclave", "lat": 50.85, "lon": 2.88,
         "headcount": 3},
        {"id": "E2", "name": "Drukkerij Zuid", "kind": "enclave", "lat": 50.80, "lon": 2.95,
         "headcount": 3, "min_headcount": 2},
        {"id": "S1", "name": "Groendienst", "kind": "service", "lat": 50.86, "lon": 2.90,
         "headcount": 1},
    ],
    "coaches": [
        {"id": "C1", "name": "An Peeters", "role": "regular", "home": "E1"},
        {"id": "C2", "name": "Bert Claes", "role": "regular", "home": "E2"},
        {"id": "V1", "name": "Cato Maes", "role": "vlinder", "trained_at": ["E1", "E2"]},
        {"id": "V2", "name": "Dirk Wouters", "role": "vlinder", "trained_at": "E2"},
    ],
    "workers": [
        {"id": "W11", "name": "Els Jacobs", "need": "low", "home": "E1"},
        {"id": "W12", "name": "Fien Goossens", "need": "medium", "home": "E1"},
        {"id": "W13", "name": "Gert Mertens", "need": "low", "home": "E1"},
        {"id": "W21", "name": "Hanne Willems", "need": "low", "home": "E2"},
        {"id": "W22", "name": "Ilse Dubois", "need": "high", "home": "E2"},
        {"id": "W23", "name": "Jan Lambert", "need": "low", "home": "E2"},
        {"id": "W31", "name": "Kris Dupont", "need": "low", "home": "S1"},
        {"id": "A1", "name": "Lien Hermans", "need": "low", "home": "atelier",
         "trained_at": ["E1", "S1"]},
        {"id": "A2", "name": "Mats Aerts", "need": "medium", "home": "atelier",
         "trained_at": ["E2"]},
    ],
}  # fmt: skip
NAMES = [p["name"] for table in ("coaches", "workers") for p in SMALL[table]]


def small_json() -> dict:
    return copy.deepcopy(SMALL)


def small_company():
    """The small company as the solver loads it, independently of the service's storage."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        for name, content in files_from_json(SMALL["settings"], SMALL).items():
            (Path(folder) / name).write_bytes(content)
        company, _warnings = load_company(folder)
    return company


def westlandia_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(WESTLANDIA.iterdir()):
            archive.write(path, f"westlandia/{path.name}")
    return out.getvalue()


def assert_checked(
    company, roster: dict, absences=(), pins=None, previous=None, forbids=(), reported_at=None
) -> None:
    """Every roster the service returns must pass the independent checker, given the same day:
    the same absences, pins and forbids, and the same call times — each sick call's
    `reported_at` ("HH:MM", as the API takes it), or `reported_at` (person -> "HH:MM" or a
    `datetime.time`) given here; without one a call counts as made at the shift start."""
    date = dt.date.fromisoformat(roster["date"])
    reported = ((a["person"], a["kind"], a.get("part", "day")) for a in absences)
    planned, called_in = todays_absences(date, reported)
    company = dataclasses.replace(company, absences=(*company.absences, *planned))
    pins = {p["person"]: p["site"] for p in pins or []}
    forbids = [(f["person"], f["site"]) for f in forbids]
    # As the service does: a time matters only for who called in this morning.
    times = {a["person"]: a["reported_at"] for a in absences if a.get("reported_at")}
    times = {person: times[person] for person in called_in if person in times}
    times.update(reported_at or {})
    result = check_roster(
        company, roster, called_in, previous, pins, forbids, reported_at=times or None
    )
    assert result.ok, [str(v) for v in result.violations]


def routes(app) -> list[tuple[str, str, fastapi.routing.APIRoute]]:
    """(method, full path, route) of every endpoint the app serves under /api/v1."""
    # FastAPI >= 0.16x keeps included routers lazily; `iter_route_contexts` flattens them.
    flatten = getattr(fastapi.routing, "iter_route_contexts", None)
    contexts = flatten(app.routes) if flatten else app.routes
    found = []
    for context in contexts:
        route = getattr(context, "original_route", context)
        path = context.path or ""
        if isinstance(route, fastapi.routing.APIRoute) and path.startswith("/api/v1"):
            for method in sorted(context.methods):
                found.append((method, path, route))
    return found


def declared_roles(route: fastapi.routing.APIRoute) -> set[str] | None:
    """The roles of the route's `allow(...)` dependency (None: the route has none)."""
    stack = list(route.dependant.dependencies)
    while stack:
        dependency = stack.pop()
        if isinstance(dependency.call, allow):
            return set(dependency.call.roles)
        stack.extend(dependency.dependencies)
    return None


class Api:
    """A running app (lifespan entered) with one token per role."""

    def __init__(self, client: TestClient, tokens: dict[str, str]):
        self.client = client
        self.tokens = tokens
        self.app = client.app

    def headers(self, role: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"} if role else {}

    def get(self, path: str, role: str | None = None, **kw):
        return self.client.get(V1 + path, headers=self.headers(role), **kw)

    def post(self, path: str, role: str | None = None, **kw):
        return self.client.post(V1 + path, headers=self.headers(role), **kw)

    def put(self, path: str, role: str | None = None, **kw):
        return self.client.put(V1 + path, headers=self.headers(role), **kw)

    def delete(self, path: str, role: str | None = None, **kw):
        return self.client.delete(V1 + path, headers=self.headers(role), **kw)

    def upload_small(self, company_id: str = "small") -> dict:
        response = self.put(f"/companies/{company_id}", "admin", json=small_json())
        assert response.status_code == 200, response.text
        return response.json()


def start_api(settings: Settings):
    """Enter the app's lifespan and make one token per role; returns (Api, client context)."""
    client = TestClient(create_app(settings))
    client.__enter__()
    tokens = {}
    with client.app.state.sessions() as session:
        for role in ROLES:
            tokens[role] = create_token(session, role, f"{role} test")[1]
    return Api(client, tokens)


def stop_api(api: Api) -> None:
    api.client.__exit__(None, None, None)


def running_api(tmp_path_factory):
    """For a module-scoped `api` fixture: `yield from running_api(tmp_path_factory)`."""
    folder = tmp_path_factory.mktemp("api")
    settings = Settings(
        database_url=f"sqlite:///{folder / 'enclaveplan.db'}",
        max_request_bytes=2 * 1024 * 1024,
        solver_time_cap=5.0,
        pool_size=2,
    )
    running = start_api(settings)
    yield running
    stop_api(running)


def free_port() -> int:
    """A free TCP port on the loopback address, for a server the tests start themselves."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serve_in_thread(app, start_seconds: float = 120):
    """Run `app` with uvicorn on 127.0.0.1 in a thread; yields the base URL, stops on exit."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + start_seconds
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=60)


@contextlib.contextmanager
def live_service(folder: Path, roles=ROLES, **settings):
    """The service for real (uvicorn on 127.0.0.1, worker processes) on a SQLite file in `folder`,
    with one token per role; yields (base URL, {role: token}, app)."""
    options = {"solver_time_cap": 5.0, "pool_size": 2, **settings}
    app = create_app(Settings(database_url=f"sqlite:///{folder / 'enclaveplan.db'}", **options))
    with serve_in_thread(app) as base:
        tokens = {}
        with app.state.sessions() as session:
            for role in roles:
                tokens[role] = create_token(session, role, f"{role} test")[1]
        yield base, tokens, app
