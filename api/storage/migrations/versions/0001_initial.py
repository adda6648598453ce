"""Tokens, companies with versions, solves, published rosters (append-only), jobs.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)

# A published roster is evidence (who was told what, when): the database itself refuses to
# change or remove one, whatever code runs against it.
SQLITE_GUARDS = [
    """CREATE TRIGGER publications_no_update BEFORE UPDATE ON publications
       BEGIN SELECT RAISE(ABORT, 'published rosters are never changed'); END""",
    """CREATE TRIGGER publications_no_delete BEFORE DELETE ON publications
       BEGIN SELECT RAISE(ABORT, 'published rosters are never deleted'); END""",
]
POSTGRES_GUARDS = [
    """CREATE FUNCTION publications_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'published rosters are never changed or deleted'; END;
       $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER publications_append_only BEFORE UPDATE OR DELETE ON publications
       FOR EACH ROW EXECUTE FUNCTION publications_append_only()""",
]


def upgrade() -> None:
    op.create_table(
        "tokens",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("revoked_at", WHEN, nullable=True),
    )
    op.create_table(
        "companies",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("created_at", WHEN, nullable=False),
    )
    op.create_table(
        "company_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("company_id", sa.String(64), sa.ForeignKey("companies.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("created_by", sa.Integer, sa.ForeignKey("tokens.id"), nullable=True),
        sa.UniqueConstraint("company_id", "version"),
    )
    op.create_index("ix_company_versions_company_id", "company_versions", ["company_id"])
    op.create_table(
        "company_files",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("company_versions.id"), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.UniqueConstraint("version_id", "name"),
    )
    op.create_index("ix_company_files_version_id", "company_files", ["version_id"])
    op.create_table(
        "solves",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("company_id", sa.String(64), sa.ForeignKey("companies.id"), nullable=False),
        sa.Column("company_version", sa.Integer, nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("based_on", sa.Integer, nullable=True),
        sa.Column("request", sa.JSON, nullable=False),
        sa.Column("roster", sa.JSON, nullable=False),
        sa.Column("restricted_reasons", sa.JSON, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("created_by", sa.Integer, sa.ForeignKey("tokens.id"), nullable=True),
    )
    op.create_index("ix_solves_company_id", "solves", ["company_id"])
    op.create_table(
        "publications",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("company_id", sa.String(64), sa.ForeignKey("companies.id"), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("solve_id", sa.String(32), sa.ForeignKey("solves.id"), nullable=False),
        sa.Column("company_version", sa.Integer, nullable=False),
        sa.Column("request", sa.JSON, nullable=False),
        sa.Column("roster", sa.JSON, nullable=False),
        sa.Column("restricted_reasons", sa.JSON, nullable=False),
        sa.Column("published_at", WHEN, nullable=False),
        sa.Column("published_by", sa.Integer, sa.ForeignKey("tokens.id"), nullable=True),
        sa.Column("published_by_name", sa.String(100), nullable=False),
        sa.UniqueConstraint("company_id", "date", "version"),
    )
    op.create_index("ix_publications_company_id", "publications", ["company_id"])
    op.create_index("ix_publications_date", "publications", ["date"])
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("company_id", sa.String(64), sa.ForeignKey("companies.id"), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("done", sa.Integer, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("params", sa.JSON, nullable=False),
        sa.Column("result", sa.JSON, nullable=True),
        sa.Column("error", sa.JSON, nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("created_by", sa.Integer, sa.ForeignKey("tokens.id"), nullable=True),
        sa.Column("finished_at", WHEN, nullable=True),
    )
    op.create_index("ix_jobs_company_id", "jobs", ["company_id"])
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_GUARDS, "postgresql": POSTGRES_GUARDS}.get(dialect, []):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS publications_append_only ON publications")
        op.execute("DROP FUNCTION IF EXISTS publications_append_only()")
    for table in ("jobs", "publications", "solves", "company_files", "company_versions"):
        op.drop_table(table)
    op.drop_table("companies")
    op.drop_table("tokens")
