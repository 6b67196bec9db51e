"""The store as auditor first wrote it (``PRAGMA user_version`` 1): runs, their sites with the
result and the compressed crawl of each, the pages read and the rule outcomes.

Times are ISO 8601 text (UTC), as the first SQLite stores held them, on every backend."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.Text, nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("started_at", sa.Text, nullable=False),
        sa.Column("finished_at", sa.Text),
        sa.Column("as_of", sa.Text, nullable=False),
        sa.Column("tool_version", sa.Text, nullable=False),
        sa.Column("settings", sa.Text, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
    )
    op.create_table(
        "sites",
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False, server_default=""),
        sa.Column("jurisdiction", sa.Text),
        sa.Column("tags", sa.Text, nullable=False, server_default=""),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("pages", sa.Integer, nullable=False, server_default="0"),
        sa.Column("seconds", sa.Float, nullable=False, server_default="0"),
        sa.Column("finished_at", sa.Text, nullable=False),
        sa.Column("result", sa.Text, nullable=False),
        sa.Column("crawl", sa.LargeBinary),
        sa.PrimaryKeyConstraint("run_id", "url"),
    )
    op.create_table(
        "pages",
        sa.Column("run_id", sa.Integer, nullable=False),
        sa.Column("site", sa.Text, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("status", sa.Integer, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("depth", sa.Integer, nullable=False),
        sa.Column("fetched_at", sa.Text, nullable=False),
        sa.Column("rendered", sa.Integer, nullable=False, server_default="0"),
        sa.Column("warc", sa.Text, nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("run_id", "site", "url"),
    )
    op.create_table(
        "outcomes",
        sa.Column("run_id", sa.Integer, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("rule", sa.Text, nullable=False),
        sa.Column("outcome", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("run_id", "url", "rule"),
    )
    op.create_index("outcomes_by_site", "outcomes", ["url", "rule"])


def downgrade() -> None:
    op.drop_index("outcomes_by_site", "outcomes")
    for table in ("outcomes", "pages", "sites", "runs"):
        op.drop_table(table)
