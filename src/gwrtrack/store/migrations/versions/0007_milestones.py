"""Quarterly milestones (季度节点) of a ledger task, as JSON.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ledger_tasks") as batch:
        batch.add_column(sa.Column("milestones", sa.Text, nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("ledger_tasks") as batch:
        batch.drop_column("milestones")
