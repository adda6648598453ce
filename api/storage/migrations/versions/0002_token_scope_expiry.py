"""Tokens gain an optional expiry, the moment of their last use, and the companies they are for.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    # batch mode: SQLite cannot add columns with every ALTER the other databases accept.
    with op.batch_alter_table("tokens") as table:
        table.add_column(sa.Column("expires_at", WHEN, nullable=True))
        table.add_column(sa.Column("last_used_at", WHEN, nullable=True))
        # null: every company (admin tokens, and tokens made before scoping existed)
        table.add_column(sa.Column("companies", sa.JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tokens") as table:
        table.drop_column("companies")
        table.drop_column("last_used_at")
        table.drop_column("expires_at")
