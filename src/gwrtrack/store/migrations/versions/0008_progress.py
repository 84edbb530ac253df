"""督办 part 2: 签收, progress reports per period with attachments, reminders, and users' e-mail.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

NOW = sa.func.now()


def upgrade() -> None:
    with op.batch_alter_table("ledger_tasks") as batch:
        batch.add_column(sa.Column("signed_by", sa.String(64)))
        batch.add_column(sa.Column("signed_at", sa.DateTime(timezone=True)))
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("email", sa.String(254), nullable=False, server_default=""))
    op.create_table(
        "progress_reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("task_id", sa.Integer, sa.ForeignKey("ledger_tasks.id", ondelete="CASCADE"), nullable=False),
        sa.Column("period", sa.String(8), nullable=False),
        sa.Column("done", sa.Text, nullable=False),
        sa.Column("value", sa.Float),
        sa.Column("value_source", sa.String(255), nullable=False),
        sa.Column("problems", sa.Text, nullable=False),
        sa.Column("next_steps", sa.Text, nullable=False),
        sa.Column("self_status", sa.String(16)),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("department", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("task_id", "period"),
    )
    op.create_index("ix_progress_reports_task_id", "progress_reports", ["task_id"])
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("progress_reports.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("content_type", sa.String(128), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
    )
    op.create_index("ix_attachments_report_id", "attachments", ["report_id"])
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("task_id", sa.Integer, nullable=False),
        sa.Column("department", sa.String(64), nullable=False),
        sa.Column("to_addr", sa.String(254), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("sent", sa.Boolean, nullable=False),
        sa.Column("error", sa.Text, nullable=False),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
    )
    op.create_index("ix_reminders_task_id", "reminders", ["task_id"])


def downgrade() -> None:
    op.drop_table("reminders")
    op.drop_table("attachments")
    op.drop_table("progress_reports")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("email")
    with op.batch_alter_table("ledger_tasks") as batch:
        batch.drop_column("signed_at")
        batch.drop_column("signed_by")
