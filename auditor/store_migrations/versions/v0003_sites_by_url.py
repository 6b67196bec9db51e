"""An index of the sites by URL: a site's history (its earlier audits, looked up for every site
of a run shown with its changes) is found without reading the sites of every run."""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("sites_by_url", "sites", ["url", "run_id"])


def downgrade() -> None:
    op.drop_index("sites_by_url", "sites")
