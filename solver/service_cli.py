"""`enclaveplan serve` and `enclaveplan token create`: the HTTP service from the command line.

The service itself lives in `api/`; these commands only read settings from the environment
(`DATABASE_URL`, ...; see api/settings.py), call it and print.
"""

from __future__ import annotations

import logging
import sys

from .cli import EXIT_OK, InvalidInput

ROLES = ("planner", "director", "hr", "admin")


def _settings():
    from api.settings import Settings

    try:
        return Settings.from_env()
    except ValueError as exc:
        raise InvalidInput([str(exc)]) from None


def _database(settings):
    """The migrated database, or a plain message (never a traceback) when it cannot be used."""
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from api.db import make_engine, migrate

    try:
        engine = make_engine(settings.database_url)
    except ArgumentError:
        raise InvalidInput(
            ["DATABASE_URL: expected a SQLAlchemy URL such as sqlite:///./enclaveplan.db"]
        ) from None
    try:
        migrate(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise InvalidInput(
            [f"DATABASE_URL: cannot use the database ({type(exc.orig or exc).__name__})"]
        ) from None
    return engine


def cmd_serve(args) -> int:
    import uvicorn

    from api.app import create_app

    settings = _settings()
    _database(settings).dispose()  # refuse to start on a database we cannot reach
    logging.getLogger("enclaveplan").setLevel(logging.INFO)
    # Our own access log (ids only) replaces uvicorn's, which would print query strings.
    uvicorn.run(
        create_app(settings), host=args.host, port=args.port, access_log=False, log_level="info"
    )
    return EXIT_OK


def cmd_token_create(args) -> int:
    from api.auth import create_token
    from api.db import session_factory

    name = (args.name or args.role).strip()
    if not name:
        raise InvalidInput(["--name: give a label such as 'planning Ieper'"])
    engine = _database(_settings())
    try:
        with session_factory(engine)() as session:
            row, secret = create_token(session, args.role, name)
    finally:
        engine.dispose()
    # The secret is shown this once; only its SHA-256 is stored.
    print(secret)
    print(
        f"token {row.id} ({row.role}, {row.name}): store it now, it is not shown again",
        file=sys.stderr,
    )
    return EXIT_OK


def add_commands(subparsers) -> None:
    s = subparsers.add_parser("serve", help="run the HTTP service (FastAPI, uvicorn)")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(run=cmd_serve)

    t = subparsers.add_parser("token", help="API tokens")
    sub = t.add_subparsers(dest="token_command", required=True)
    c = sub.add_parser("create", help="create a token and print it once")
    c.add_argument("--role", required=True, choices=ROLES)
    c.add_argument("--name", help="a label for the token (who or what uses it); default: the role")
    c.set_defaults(run=cmd_token_create)
