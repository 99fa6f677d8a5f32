"""run coordination: URL claims with leases and per-host pacing shared by all runs

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06

``url_claims``: one row per URL a run is fetching (or fetched): the run, the lease's end and when it
was done. ``host_slots``: per host, the earliest start of the next request. Times are Unix seconds
on the database's clock (``newsflow.storage.claims``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "url_claims",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("run_id", sa.String(64), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.Column("done_at", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("url", name="pk_url_claims"),
    )
    op.create_index("ix_url_claims_run_id", "url_claims", ["run_id"])
    op.create_table(
        "host_slots",
        sa.Column("host", sa.Text(), nullable=False),
        sa.Column("next_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("host", name="pk_host_slots"),
    )


def downgrade() -> None:
    op.drop_table("host_slots")
    op.drop_index("ix_url_claims_run_id", table_name="url_claims")
    op.drop_table("url_claims")
