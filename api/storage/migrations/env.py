"""Alembic environment: run on the connection `api.core.db.migrate` hands over (no alembic.ini)."""

from __future__ import annotations

from alembic import context

from api.storage.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through api.core.db.migrate(engine)")
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
