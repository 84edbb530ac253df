"""Initial schema: documents, outline, figures, footnotes, edits, search passages.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _doc_fk() -> sa.Column[int]:
    return sa.Column(
        "document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    )


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("region", sa.String(64)),
        sa.Column("year", sa.Integer),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.String(255)),
        sa.Column("source_format", sa.String(8), nullable=False),
        sa.Column("encoding", sa.String(32)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("extractor_version", sa.String(32), nullable=False),
        sa.Column("flags", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )
    op.create_table(
        "headings",
        sa.Column("id", sa.Integer, primary_key=True),
        _doc_fk(),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("surface", sa.Text, nullable=False),
        sa.Column("part", sa.String(16)),
    )
    op.create_table(
        "footnotes",
        sa.Column("id", sa.Integer, primary_key=True),
        _doc_fk(),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("term_start", sa.Integer),
        sa.Column("term_end", sa.Integer),
        sa.Column("term", sa.Text, nullable=False, server_default=""),
        sa.Column("definition", sa.Text),
    )
    op.create_table(
        "figures",
        sa.Column("id", sa.Integer, primary_key=True),
        _doc_fk(),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("surface", sa.Text, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("unit", sa.String(32), nullable=False, server_default=""),
        sa.Column("base_value", sa.Float, nullable=False),
        sa.Column("base_unit", sa.String(32), nullable=False, server_default=""),
        sa.Column("value_max", sa.Float),
        sa.Column("base_value_max", sa.Float),
        sa.Column("measure", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("qualifier", sa.String(16), nullable=False),
        sa.Column("metric", sa.Text, nullable=False, server_default=""),
        sa.Column("period", sa.String(32), nullable=False, server_default=""),
        sa.Column("region", sa.String(64), nullable=False, server_default=""),
        sa.Column("section", sa.Text, nullable=False, server_default=""),
        sa.Column("flags", sa.Text, nullable=False, server_default=""),
        sa.Column("origin", sa.String(16), nullable=False, server_default="extractor"),
        sa.Column("not_figure", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("needs_review", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_figures_filter", "figures", ["document_id", "status", "measure"])
    op.create_index("ix_figures_metric", "figures", ["metric"])
    op.create_table(
        "edits",
        sa.Column("id", sa.Integer, primary_key=True),
        _doc_fk(),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("surface", sa.Text, nullable=False),
        sa.Column("field", sa.String(32)),
        sa.Column("before", sa.Text),
        sa.Column("after", sa.Text),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )
    op.create_table(
        "passages",
        sa.Column("id", sa.Integer, primary_key=True),
        _doc_fk(),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("tokens", sa.Text, nullable=False),
        sa.UniqueConstraint("document_id", "start"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE passages ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED"
        )
        op.execute("CREATE INDEX ix_passages_tsv ON passages USING GIN (tsv)")
    else:
        op.execute(
            "CREATE VIRTUAL TABLE passages_fts USING fts5(tokens, content='passages', content_rowid='id', "
            "tokenize='unicode61')"
        )
        op.execute(
            "CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN "
            "INSERT INTO passages_fts(rowid, tokens) VALUES (new.id, new.tokens); END"
        )
        op.execute(
            "CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN "
            "INSERT INTO passages_fts(passages_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        op.execute("DROP TABLE IF EXISTS passages_fts")
    for table in ("passages", "edits", "figures", "footnotes", "headings", "documents"):
        op.drop_table(table)
