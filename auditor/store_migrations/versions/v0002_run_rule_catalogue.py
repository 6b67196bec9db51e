"""The rules a run was judged with, as its reports show them (``AuditResult.rule_catalogue`` as
JSON; ``PRAGMA user_version`` 2): a stored run re-rendered later shows the words of its own day,
not today's. NULL for runs stored before: their reports show no rule descriptions."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("runs", sa.Column("rule_catalogue", sa.Text))


def downgrade() -> None:
    op.drop_column("runs", "rule_catalogue")
