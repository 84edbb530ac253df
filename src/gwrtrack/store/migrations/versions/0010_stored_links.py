"""The 落实情况表 and the project entities kept in the store: verdict rows and linked projects per region, the
regions to compute again, and what they were computed with. An upgraded store has no rows and no stamp: the
first read computes every region.

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
    op.create_index("ix_verdict_rows_indicator", "verdict_rows", ["indicator", "region", "year"])
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
    op.drop_index("ix_figures_metric", "figures")
    op.create_index("ix_figures_metric", "figures", ["metric", "not_figure"])
    op.create_table(
        "project_entities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("region", sa.String(64), nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("mentions", sa.Integer, nullable=False),
        sa.Column("latest_status", sa.String(16), nullable=False),
    )
    op.create_index("ix_project_entities_region", "project_entities", ["region"])
    op.create_index("ix_project_entities_order", "project_entities", ["mentions", "name"])
    op.create_table(
        "project_links",
        sa.Column("mention_id", sa.Integer, sa.ForeignKey("project_mentions.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("entity_id", sa.Integer, sa.ForeignKey("project_entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_index("ix_project_links_entity_id", "project_links", ["entity_id"])


def downgrade() -> None:
    op.drop_index("ix_project_links_entity_id", "project_links")
    op.drop_table("project_links")
    op.drop_index("ix_project_entities_order", "project_entities")
    op.drop_index("ix_project_entities_region", "project_entities")
    op.drop_table("project_entities")
    op.drop_index("ix_figures_metric", "figures")
    op.create_index("ix_figures_metric", "figures", ["metric"])
    op.drop_index("ix_figures_region", "figures")
    op.drop_table("link_state")
    op.drop_table("verdict_dirty")
    op.drop_index("ix_verdict_rows_target_figure_id", "verdict_rows")
    op.drop_index("ix_verdict_rows_indicator", "verdict_rows")
    op.drop_index("ix_verdict_rows_order", "verdict_rows")
    op.drop_index("ix_verdict_rows_region", "verdict_rows")
    op.drop_table("verdict_rows")
