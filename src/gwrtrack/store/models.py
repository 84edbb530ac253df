"""Tables of the store (SQLAlchemy 2 declarative models)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from gwrtrack.store.audit import current_address


class Base(DeclarativeBase):
    pass


class Changed:
    """The columns every history table shares: the value before and after, who, when, from where."""

    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    address: Mapped[str | None] = mapped_column(String(64), default=current_address)


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    region: Mapped[str | None] = mapped_column(String(64))
    year: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(String(255))
    source_format: Mapped[str] = mapped_column(String(8))
    encoding: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    extractor_version: Mapped[str] = mapped_column(String(32))
    flags: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    figures: Mapped[list[FigureRow]] = relationship(back_populates="document", cascade="all, delete-orphan")


class HeadingRow(Base):
    __tablename__ = "headings"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    level: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    surface: Mapped[str] = mapped_column(Text)
    part: Mapped[str | None] = mapped_column(String(16))


class FootnoteRow(Base):
    __tablename__ = "footnotes"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    n: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    term_start: Mapped[int | None] = mapped_column(Integer)
    term_end: Mapped[int | None] = mapped_column(Integer)
    term: Mapped[str] = mapped_column(Text, default="")
    definition: Mapped[str | None] = mapped_column(Text)


class FigureRow(Base):
    __tablename__ = "figures"
    __table_args__ = (
        Index("ix_figures_filter", "document_id", "status", "measure"),
        Index("ix_figures_metric", "metric", "not_figure"),  # covers the count per metric (/indicators)
        Index("ix_figures_region", "region"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    surface: Mapped[str] = mapped_column(Text)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(32), default="")
    base_value: Mapped[float] = mapped_column(Float)
    base_unit: Mapped[str] = mapped_column(String(32), default="")
    value_max: Mapped[float | None] = mapped_column(Float)
    base_value_max: Mapped[float | None] = mapped_column(Float)
    measure: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    qualifier: Mapped[str] = mapped_column(String(16))
    metric: Mapped[str] = mapped_column(Text, default="")
    period: Mapped[str] = mapped_column(String(32), default="")
    region: Mapped[str] = mapped_column(String(64), default="")
    section: Mapped[str] = mapped_column(Text, default="")
    flags: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(16), default="extractor")  # extractor | user
    not_figure: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)

    document: Mapped[DocumentRow] = relationship(back_populates="figures")


class EditRow(Changed, Base):
    """One human correction, anchored by span and surface so it survives re-extraction."""

    __tablename__ = "edits"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(16))  # set | not_figure | add
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    surface: Mapped[str] = mapped_column(Text)
    field: Mapped[str | None] = mapped_column(String(32))


class PassageRow(Base):
    """A stretch of a few hundred characters; its ``tokens`` are overlapping character bigrams."""

    __tablename__ = "passages"
    __table_args__ = (UniqueConstraint("document_id", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    tokens: Mapped[str] = mapped_column(Text)


class ProjectMentionRow(Base):
    """A named project in a document, with its lifecycle stage there (see extract/projects.py)."""

    __tablename__ = "project_mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    surface: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    year: Mapped[int | None] = mapped_column(Integer)
    verb: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(16), default="other")
    flags: Mapped[str] = mapped_column(Text, default="")


class TrackEditRow(Changed, Base):
    """A person's decision on a task (牵头单位, 责任单位, 完成时限) or a verdict, with its reason.

    Anchored by span and surface like a figure correction; the newest edit of a field wins and
    the older ones stay as its history.
    """

    __tablename__ = "track_edits"
    __table_args__ = (Index("ix_track_edits_anchor", "document_id", "subject", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str] = mapped_column(String(16))  # task | verdict
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    surface: Mapped[str] = mapped_column(Text)
    field: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)


class DocumentHistoryRow(Changed, Base):
    """A correction of a document's metadata (action ``meta``) or its deletion (``delete``)."""

    __tablename__ = "document_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(Integer, index=True)  # no foreign key: it outlives a deletion
    document_name: Mapped[str] = mapped_column(String(255))
    action: Mapped[str] = mapped_column(String(16))
    field: Mapped[str | None] = mapped_column(String(32))


class UserRow(Base):
    """A person who signs in: a role (track/roles.py), a department for department users."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    department: Mapped[str] = mapped_column(String(64), default="")
    email: Mapped[str] = mapped_column(String(254), default="")  # where 催办 reminders go
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class TokenRow(Base):
    """An API token for scripts: only its hash is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class SecretRow(Base):
    """Keys the app signs with (session cookies, CSRF tokens), made on first use and kept in the store."""

    __tablename__ = "app_secrets"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))


class LedgerTaskRow(Base):
    """A task of the 督办 ledger: published from a 分解方案 or added by hand; never deleted.

    Its id is stable: re-extraction re-anchors it by its text (track/ledger.py); a split, merge or
    cancellation changes its status and is an event, not a deletion.
    """

    __tablename__ = "ledger_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"), index=True)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    section: Mapped[str] = mapped_column(Text, default="")
    lead: Mapped[str] = mapped_column(String(200), default="")
    co: Mapped[str] = mapped_column(String(200), default="")
    deadline: Mapped[str] = mapped_column(String(32), default="")
    due: Mapped[str | None] = mapped_column(String(10))  # the deadline as a date, YYYY-MM-DD, where it is one
    target_value: Mapped[float | None] = mapped_column(Float)
    target_unit: Mapped[str] = mapped_column(String(32), default="")
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | cancelled | split | merged
    origin: Mapped[str] = mapped_column(String(16), default="plan")  # plan | manual
    parent_id: Mapped[int | None] = mapped_column(Integer)
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    milestones: Mapped[str] = mapped_column(Text, default="")  # JSON: [{"quarter": 1, "goal": "…"}], 季度节点
    signed_by: Mapped[str | None] = mapped_column(String(64))  # 签收: the department user who acknowledged it
    signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class LedgerEventRow(Changed, Base):
    """The append-only history of a ledger task: publish, edit, split, merge, cancel, re-anchor."""

    __tablename__ = "ledger_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(Integer, index=True)  # no foreign key: the history outlives everything
    action: Mapped[str] = mapped_column(String(16))
    field: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text)


class ProgressReportRow(Base):
    """A department's report on one task for one period (进展报送); a resubmission updates it (version+1),
    every step is a ledger event. ``comment`` is the 督查室's, internal: never on the public page."""

    __tablename__ = "progress_reports"
    __table_args__ = (UniqueConstraint("task_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("ledger_tasks.id", ondelete="CASCADE"), index=True)
    period: Mapped[str] = mapped_column(String(8))  # 2026-03 or 2026-Q1
    done: Mapped[str] = mapped_column(Text, default="")
    value: Mapped[float | None] = mapped_column(Float)  # value to date, for a quantified task
    value_source: Mapped[str] = mapped_column(String(255), default="")  # where an offered value came from
    problems: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    self_status: Mapped[str | None] = mapped_column(String(16))  # done | ahead | on_track | lagging
    state: Mapped[str] = mapped_column(String(16), default="submitted")  # submitted | accepted | returned
    comment: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(64))
    department: Mapped[str] = mapped_column(String(64), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AttachmentRow(Base):
    """Evidence for a report, kept in the store (never under the web root), served as a download."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("progress_reports.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    content_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    author: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ReminderRow(Base):
    """A 催办 sent (or tried): to whom, about which task and period, and what the mail server said."""

    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(Integer, index=True)
    department: Mapped[str] = mapped_column(String(64), default="")
    to_addr: Mapped[str] = mapped_column(String(254), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    sent: Mapped[bool] = mapped_column(Boolean, default=False)
    error: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class JobRow(Base):
    """Work the web app does in the background (an upload, a 分解方案 import): its progress and outcome.

    In the store, not in one server process's memory, so every server process can show it."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    owner: Mapped[str] = mapped_column(String(64), index=True)
    state: Mapped[str] = mapped_column(String(16), default="queued")
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    stage: Mapped[str] = mapped_column(Text, default="")
    #: one line per file or step, as JSON: [{"status": "stored", "name": …, "text": …, "url": …}]
    lines: Mapped[str] = mapped_column(Text, default="[]")
    result_url: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class VerdictRow(Base):
    """A row of the 落实情况表, computed when its region's figures change (store/verdict_rows.py), so the pages
    that list targets across documents read a page of rows instead of judging a corpus per request."""

    __tablename__ = "verdict_rows"
    __table_args__ = (
        Index("ix_verdict_rows_region", "region", "document_id", "start"),
        Index("ix_verdict_rows_order", "document_id", "start"),
        Index("ix_verdict_rows_indicator", "indicator", "region", "year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region: Mapped[str] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(Integer)
    indicator: Mapped[str] = mapped_column(Text)
    #: the target's document and offset (the table's order)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    target_figure_id: Mapped[int] = mapped_column(ForeignKey("figures.id", ondelete="CASCADE"), index=True)
    outcome_figure_id: Mapped[int | None] = mapped_column(ForeignKey("figures.id", ondelete="SET NULL"))
    reference_figure_id: Mapped[int | None] = mapped_column(ForeignKey("figures.id", ondelete="SET NULL"))
    #: the same target stated again in its report: figure ids, space-separated
    also: Mapped[str] = mapped_column(Text, default="")
    verdict: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    basis: Mapped[str | None] = mapped_column(String(16))
    #: judged against a higher level (高于全省): depends on the parent region's outcomes too
    relative: Mapped[bool] = mapped_column(Boolean, default=False)


class VerdictDirtyRow(Base):
    """A region whose verdict rows must be computed again (a figure of it changed); '*' is every region with
    a relative target (a higher level's document changed)."""

    __tablename__ = "verdict_dirty"

    id: Mapped[int] = mapped_column(primary_key=True)
    region: Mapped[str] = mapped_column(String(64))


class LinkStateRow(Base):
    """What the stored verdict rows were computed with (the rules' version and the indicator catalogue)."""

    __tablename__ = "link_state"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ProjectEntityRow(Base):
    """One project of a region: its mentions across the region's documents linked (link/projects.py), kept
    in the store like the 落实情况表 and linked again when the region's documents change."""

    __tablename__ = "project_entities"
    __table_args__ = (Index("ix_project_entities_order", "mentions", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region: Mapped[str] = mapped_column(String(64), index=True)
    key: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    mentions: Mapped[int] = mapped_column(Integer)
    latest_status: Mapped[str] = mapped_column(String(16))


class ProjectLinkRow(Base):
    """A mention's place in its project: the entity and its order there (year, document, offset)."""

    __tablename__ = "project_links"

    mention_id: Mapped[int] = mapped_column(ForeignKey("project_mentions.id", ondelete="CASCADE"), primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("project_entities.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
