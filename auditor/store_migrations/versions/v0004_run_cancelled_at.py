"""When a run was cancelled (ISO 8601 text, UTC; NULL: not cancelled): the workers of a shared
store see it and take no more of its sites."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("runs", sa.Column("cancelled_at", sa.Text))


def downgrade() -> None:
    op.drop_column("runs", "cancelled_at")
