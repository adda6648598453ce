"""The FastAPI application: `create_app(settings)` wires the database, the pools, the routers.

Served by `enclaveplan serve` (uvicorn). Everything is under `/api/v1`; the OpenAPI schema is at
`/openapi.json` and the interactive page at `/docs`.
"""

from __future__ import annotations

import importlib
import json
import logging
import time
import traceback
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.core import errors
from api.core.db import make_engine, migrate, session_factory
from api.core.settings import Settings
from api.routers import analysis, companies, costs, health, plan, record, rosters, tokens
from api.runtime.jobs import JobRunner, SolvePool
from api.storage.store import CompanyCache
from solver.reports.words import translate

log = logging.getLogger("enclaveplan.api")
PREFIX = "/api/v1"
# Modules that add pages to this app, each with `mount(app)`; registered like COMMAND_MODULES in
# solver/cli/app.py (the planner's board of issue 7 adds itself here with one line).
PAGE_MODULES: tuple[str, ...] = ("api.web",)

DESCRIPTION = """
The 8:00 roster for enclaves, over HTTP. Every endpoint but `/health` needs
`Authorization: Bearer TOKEN` (`enclaveplan token create --role ROLE`).

Roles: **planner** solves, publishes, re-plans, asks for suggestions and reads rosters (with the
kind of each absence); **director** runs scenarios and robustness and reads rosters; **hr** runs
pool sizing and reads rosters (director and hr see absences as ids only); **admin** manages
companies and tokens.

Absences carry a kind (leave, adv, sick, training, other) and nothing else: there is no field
for a diagnosis or a reason. Errors are `{"error": {"what", "where", "hint"}}`.
"""


class HttpMiddleware:
    """A pure ASGI middleware that acts on HTTP requests only; lifespan events and anything else
    pass through untouched."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.http(scope, receive, send)

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError


class BodyLimit(HttpMiddleware):
    """Refuse request bodies over the limit (413), by Content-Length and while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        super().__init__(app)
        self.max_bytes = max_bytes

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"").decode("latin-1").strip()
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # FastAPI passes an HTTPException raised while reading on to the handlers.
                    raise StarletteHTTPException(413)
            return message

        await self.app(scope, limited, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        lang = errors.request_lang(Request(scope))
        body = errors.error_body(
            translate("service.error.too_large", lang),
            "body",
            # The limit as ENCLAVEPLAN_MAX_REQUEST_BYTES is written, not as a reader's number.
            translate("service.hint.too_large", lang, bytes=str(self.max_bytes)),
        )
        payload = json.dumps(body).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(payload)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})


class PrivateHeaders(HttpMiddleware):
    """Answers of the API carry people: no cache (a shared PC, a proxy) keeps them, and no
    browser guesses their type. Every response is told not to be sniffed."""

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        private = scope.get("path", "").startswith(PREFIX)

        async def stamp(message: Message) -> None:
            if message["type"] == "http.response.start":
                replaced = {b"x-content-type-options"} | ({b"cache-control"} if private else set())
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() not in replaced
                ]
                headers.append((b"x-content-type-options", b"nosniff"))
                if private:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, stamp)


class TypeOnly(logging.Filter):
    """uvicorn logs "Exception in ASGI application" with the exception and its message, and a
    message can carry a name (a KeyError of a person). Keep the type and the code lines only, as
    errors.install does for the app's own log."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is not None:
            frames = "".join(traceback.format_tb(exc.__traceback__))
            record.msg = f"{record.getMessage().rstrip()} ({type(exc).__name__})\n{frames}"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True


def quiet_server_log() -> None:
    """Install TypeOnly on uvicorn's error logger (once)."""
    server_log = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, TypeOnly) for f in server_log.filters):
        server_log.addFilter(TypeOnly())


class AccessLog(HttpMiddleware):
    """One line per request: method, route template, status, time, token id. Never a body, a
    query string or a name (privacy: ids only)."""

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        status = 500

        async def record(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record)
        finally:
            route = getattr(scope.get("route"), "path", None) or "(no route)"
            caller = (scope.get("state") or {}).get("caller")
            log.info(
                "%s %s %s %.0fms token=%s",
                scope.get("method"),
                route,
                status,
                (time.perf_counter() - started) * 1000,
                caller.token_id if caller else "-",
            )


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    engine = make_engine(settings.database_url, pool_size=max(5, settings.pool_size * 3))
    sessions = session_factory(engine)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        migrate(engine)
        recovered = app.state.jobs.recover()
        if recovered:
            log.warning(
                "%d job(s) were running when the service stopped: marked interrupted", recovered
            )
        app.state.pool.start()
        try:
            yield
        finally:
            app.state.jobs.shutdown()
            app.state.pool.shutdown()
            engine.dispose()

    # Swagger UI and ReDoc from files shipped in the package: the service must work offline.
    app = FastAPIOffline(
        title="enclaveplan",
        version=health.VERSION,
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_tags=[
            {"name": "health", "description": "is the service up"},
            {"name": "companies", "description": "upload, validate, read (admin)"},
            {"name": "tokens", "description": "who may do what (admin)"},
            {"name": "rosters", "description": "solve, publish, re-plan, read, export"},
            {"name": "analysis", "description": "scenarios, robustness, pool sizing"},
            {"name": "plan", "description": "the week ahead: plan, warnings, publish; leave check"},
        ],
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = sessions
    app.state.pool = SolvePool(settings.pool_size, settings.queue_depth)
    app.state.jobs = JobRunner(sessions, settings.job_slots, settings.job_time_cap)
    app.state.companies = CompanyCache()
    errors.install(app)
    for module in (health, companies, tokens, rosters, record, analysis, plan, costs):
        app.include_router(module.router, prefix=PREFIX)
    if settings.cors_origins:
        # Closed unless origins are named: the page is served by this app itself.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "PUT", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
        )
    for name in PAGE_MODULES:
        importlib.import_module(name).mount(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(PrivateHeaders)
    app.add_middleware(AccessLog)
    quiet_server_log()
    return app
