"""Tracking: project mentions per document, and edits of tasks and verdicts (who, when, why).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _doc_fk() -> sa.Column[int]:
    return sa.Column(
        "document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    )


def upgrade() -> None:
    op.create_table(
        "project_mentions",
        sa.Column("id", sa.Integer, primary_key=True),
        _doc_fk(),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("surface", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("year", sa.Integer),
        sa.Column("verb", sa.Text, nullable=False, server_default=""),
        sa.Column("kind", sa.String(16), nullable=False, server_default="other"),
        sa.Column("flags", sa.Text, nullable=False, server_default=""),
    )
    op.create_table(
        "track_edits",
        sa.Column("id", sa.Integer, primary_key=True),
        _doc_fk(),
        sa.Column("subject", sa.String(16), nullable=False),  # task | verdict
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("surface", sa.Text, nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("before", sa.Text),
        sa.Column("after", sa.Text),
        sa.Column("note", sa.Text),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )
    op.create_index("ix_track_edits_anchor", "track_edits", ["document_id", "subject", "start"])


def downgrade() -> None:
    op.drop_index("ix_track_edits_anchor", "track_edits")
    op.drop_table("track_edits")
    op.drop_table("project_mentions")
