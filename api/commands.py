"""The service's own commands: `enclaveplan serve` and `enclaveplan token create | list`.

`solver/cli/app.py` finds them through the entry point group `enclaveplan.commands` (pyproject.toml),
so the solver never imports the service. These commands only read settings from the environment
(`DATABASE_URL`, ...; see api/core/settings.py), call the service's library and print.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys

from api.core.auth import ROLES
from solver.cli.common import EXIT_OK, InvalidInput
from solver.reports.words import t

# Seconds uvicorn waits for open requests on SIGTERM before it cuts them; the lifespan then
# stops the solver workers at once (api.runtime.jobs.SolvePool.shutdown).
SHUTDOWN_SECONDS = 3


def _settings():
    from api.core.settings import Settings

    try:
        return Settings.from_env()
    except ValueError as exc:
        raise InvalidInput([str(exc)]) from None


def _database(settings, lang: str = "nl"):
    """The migrated database, or a plain message (never a traceback) when it cannot be used."""
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from api.core.db import make_engine, migrate

    try:
        engine = make_engine(settings.database_url)
    except ArgumentError:
        raise InvalidInput([t("cli.service.database_url", lang)]) from None
    try:
        migrate(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        kind = type(exc.orig or exc).__name__
        raise InvalidInput([t("cli.service.database_unusable", lang, kind=kind)]) from None
    return engine


def cmd_serve(args) -> int:
    import uvicorn

    from api.app import create_app, quiet_server_log

    settings = _settings()
    _database(settings, args.lang).dispose()  # refuse to start on a database we cannot reach
    logging.getLogger("enclaveplan").setLevel(logging.INFO)
    quiet_server_log()
    # Our own access log (ids only) replaces uvicorn's, which would print query strings.
    uvicorn.run(
        create_app(settings),
        host=args.host,
        port=args.port,
        access_log=False,
        log_level="info",
        timeout_graceful_shutdown=SHUTDOWN_SECONDS,
    )
    return EXIT_OK


def cmd_token_create(args) -> int:
    from api.core.auth import create_token
    from api.core.db import session_factory

    name = (args.name or args.role).strip()
    if not name:
        raise InvalidInput([t("cli.service.name_required", args.lang)])
    companies = sorted(set(args.company or [])) or None
    if args.role != "admin" and companies is None:
        raise InvalidInput([t("cli.service.company_required", args.lang, role=args.role)])
    expires = None
    if args.expires_in_days is not None:
        if not 1 <= args.expires_in_days <= 3650:
            raise InvalidInput([t("cli.service.expires_range", args.lang)])
        expires = dt.datetime.now(dt.UTC) + dt.timedelta(days=args.expires_in_days)
    engine = _database(_settings(), args.lang)
    try:
        with session_factory(engine)() as session:
            row, secret = create_token(session, args.role, name, companies, expires)
    finally:
        engine.dispose()
    # The secret is shown this once; only its SHA-256 is stored.
    print(secret)
    print(
        t("cli.service.token_created", args.lang, id=row.id, role=row.role, name=row.name),
        file=sys.stderr,
    )
    return EXIT_OK


def _when(moment: dt.datetime | None) -> str:
    if moment is None:
        return "-"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.strftime("%Y-%m-%d %H:%M")


def cmd_token_list(args) -> int:
    from sqlalchemy import select

    from api.core.db import session_factory
    from api.storage.tables import Token
    from solver.reports.day_report import table

    engine = _database(_settings(), args.lang)
    try:
        with session_factory(engine)() as session:
            rows = list(session.scalars(select(Token).order_by(Token.id)))
    finally:
        engine.dispose()
    header = [t(f"cli.service.column.{key}", args.lang) for key in TOKEN_COLUMNS]
    rows_out = [
        [
            str(r.id),
            r.name,
            r.role,
            ", ".join(r.companies) if r.companies is not None else t("cli.service.all", args.lang),
            _when(r.created_at),
            _when(r.expires_at),
            _when(r.last_used_at),
            _when(r.revoked_at),
        ]
        for r in rows
    ]
    print(table(rows_out, header))
    return EXIT_OK


# The columns of `token list`, said as `cli.service.column.<key>`.
TOKEN_COLUMNS = ("id", "name", "role", "companies", "created", "expires", "last_used", "revoked")


def add_commands(subparsers, lang: str = "nl") -> None:
    s = subparsers.add_parser(
        "serve",
        help=t("cli.service.help.serve", lang),
        description=t("cli.service.help.serve", lang),
    )
    s.add_argument("--host", default="127.0.0.1", help=t("cli.service.help.host", lang))
    s.add_argument("--port", type=int, default=8000, help=t("cli.service.help.port", lang))
    s.set_defaults(run=cmd_serve)

    tokens = subparsers.add_parser(
        "token",
        help=t("cli.service.help.token", lang),
        description=t("cli.service.help.token", lang),
    )
    sub = tokens.add_subparsers(dest="token_command", required=True)
    c = sub.add_parser(
        "create",
        help=t("cli.service.help.create", lang),
        description=t("cli.service.help.create", lang),
    )
    c.add_argument("--role", required=True, choices=ROLES, help=t("cli.service.help.role", lang))
    c.add_argument("--name", help=t("cli.service.help.name", lang))
    c.add_argument(
        "--company", action="append", metavar="ID", help=t("cli.service.help.company", lang)
    )
    c.add_argument(
        "--expires-in-days", type=int, metavar="DAYS", help=t("cli.service.help.expires", lang)
    )
    c.set_defaults(run=cmd_token_create)
    ls = sub.add_parser(
        "list", help=t("cli.service.help.list", lang), description=t("cli.service.help.list", lang)
    )
    ls.set_defaults(run=cmd_token_list)
