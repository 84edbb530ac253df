"""The 落实情况表 kept in the store: verdict rows per region, the regions to compute again, and what they were
computed with. An upgraded store has no rows and no stamp: the first read computes every region.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "verdict_rows",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("region", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("indicator", sa.Text, nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("target_figure_id", sa.Integer, sa.ForeignKey("figures.id", ondelete="CASCADE"), nullable=False),
        sa.Column("outcome_figure_id", sa.Integer, sa.ForeignKey("figures.id", ondelete="SET NULL")),
        sa.Column("reference_figure_id", sa.Integer, sa.ForeignKey("figures.id", ondelete="SET NULL")),
        sa.Column("also", sa.Text, nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("basis", sa.String(16)),
        sa.Column("relative", sa.Boolean, nullable=False),
    )
    op.create_index("ix_verdict_rows_region", "verdict_rows", ["region", "document_id", "start"])
    op.create_index("ix_verdict_rows_order", "verdict_rows", ["document_id", "start"])
    op.create_index("ix_verdict_rows_indicator", "verdict_rows", ["indicator", "year"])
    op.create_index("ix_verdict_rows_target_figure_id", "verdict_rows", ["target_figure_id"])
    op.create_table(
        "verdict_dirty",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("region", sa.String(64), nullable=False),
    )
    op.create_table(
        "link_state",
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_index("ix_figures_region", "figures", ["region"])


def downgrade() -> None:
    op.drop_index("ix_figures_region", "figures")
    op.drop_table("link_state")
    op.drop_table("verdict_dirty")
    op.drop_index("ix_verdict_rows_target_figure_id", "verdict_rows")
    op.drop_index("ix_verdict_rows_indicator", "verdict_rows")
    op.drop_index("ix_verdict_rows_order", "verdict_rows")
    op.drop_index("ix_verdict_rows_region", "verdict_rows")
    op.drop_table("verdict_rows")
