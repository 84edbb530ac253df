"""Tasks, project entities and verdicts over the stored documents, with the decisions people made.

Tasks and their suggested departments are computed from a document's text (the extraction is
cached by content); a person's decision (牵头单位, 责任单位, 完成时限, a verdict and its reason)
is a :class:`TrackEditRow`, anchored by span and surface, newest first, older ones its history.
The 落实情况表 read with those decisions is store/outcomes.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwrtrack.document import Document, Kind, Meta
from gwrtrack.errors import GwrError, StaleEditError
from gwrtrack.extraction import Extraction, extract
from gwrtrack.labels import label
from gwrtrack.link.departments import DepartmentCatalogue
from gwrtrack.link.indicators import IndicatorCatalogue
from gwrtrack.link.projects import ProjectEntity
from gwrtrack.link.verdicts import (
    Verdict,
)
from gwrtrack.span import Span
from gwrtrack.spreadsheet import xml_text
from gwrtrack.store import project_rows, verdict_rows
from gwrtrack.store.bulk import SECTION_SEPARATOR
from gwrtrack.store.models import DocumentRow, FigureRow, TrackEditRow
from gwrtrack.track.deadlines import check_deadline

TASK_FIELDS = ("lead", "co", "deadline")
#: Longest 牵头单位 / 责任单位 / 完成时限, and longest reason of an override.
MAX_VALUE_CHARS = 200
MAX_REASON_CHARS = 2000


class TaskDecision(Protocol):
    """A row of an edited 分解方案 (report.office.ImportedTask): where the task is, and what was decided."""

    @property
    def row(self) -> int: ...
    @property
    def doc(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def lead(self) -> str: ...
    @property
    def co(self) -> str: ...
    @property
    def deadline(self) -> str: ...
    @property
    def confirmed(self) -> bool: ...
    @property
    def version(self) -> int | None: ...


class TrackingError(GwrError):
    """A decision that cannot be recorded (no such task or target, a bad verdict)."""


@dataclass(frozen=True)
class TaskView:
    doc_id: int
    doc_name: str
    n: int
    start: int
    end: int
    text: str
    section: str
    lead: str
    co: str
    deadline: str
    confirmed: bool  # a person set the lead department
    suggested_lead: str
    suggested_co: str
    headline: bool
    figures: tuple[str, ...]
    projects: tuple[str, ...]
    version: int = 0  # the id of the newest decision on the task: a form carries it (optimistic locking)


def document_of(row: DocumentRow) -> Document:
    meta = Meta(region=row.region, year=row.year, kind=Kind(row.kind), title=row.title)
    return Document(row.name, row.text, meta, row.source_format, row.encoding)


@lru_cache(maxsize=64)
def _extraction(content_hash: str, document: Document) -> Extraction:
    return extract(document)


def extraction_of(row: DocumentRow) -> Extraction:
    return _extraction(row.content_hash, document_of(row))


def decisions(session: Session, doc_id: int, subject: str) -> dict[tuple[int, int, str], TrackEditRow]:
    """The newest edit of each (start, end, field)."""
    rows = session.execute(
        select(TrackEditRow)
        .where(TrackEditRow.document_id == doc_id, TrackEditRow.subject == subject)
        .order_by(TrackEditRow.id)
    ).scalars()
    return {(r.start, r.end, r.field): r for r in rows}


def tasks_of(session: Session, row: DocumentRow, departments: DepartmentCatalogue) -> list[TaskView]:
    result = extraction_of(row)
    decided = decisions(session, row.id, "task")
    views = []
    for task in result.tasks:
        section = SECTION_SEPARATOR.join(task.section)
        suggestion = departments.suggest(task.text, task.section, row.region)
        s, e = task.span.start, task.span.end

        def value(field: str, default: str, s: int = s, e: int = e) -> str:
            edit = decided.get((s, e, field))
            return edit.after or "" if edit is not None else default

        views.append(
            TaskView(
                doc_id=row.id,
                doc_name=row.name,
                n=task.n,
                start=s,
                end=e,
                text=task.text,
                section=section,
                lead=value("lead", suggestion.lead),
                co=value("co", "、".join(suggestion.co)),
                deadline=value("deadline", task.deadline),
                confirmed=(s, e, "lead") in decided,
                suggested_lead=suggestion.lead,
                suggested_co="、".join(suggestion.co),
                headline=task.headline,
                figures=tuple(result.figures[i].surface for i in task.figures),
                projects=tuple(result.projects[i].surface for i in task.projects),
                version=max((d.id for f in TASK_FIELDS if (d := decided.get((s, e, f))) is not None), default=0),
            )
        )
    return views


def orphan_decisions(session: Session, row: DocumentRow) -> list[TrackEditRow]:
    """Decisions on tasks the extractor no longer finds at their span (a newer version cut the text
    otherwise): kept, and listed for a person to carry over."""
    spans = {(t.span.start, t.span.end) for t in extraction_of(row).tasks}
    decided = decisions(session, row.id, "task")
    return [edit for (start, end, _field), edit in decided.items() if (start, end) not in spans]


def item_version(session: Session, doc_id: int, subject: str, start: int, end: int) -> int:
    """A task's or a verdict's version: the id of its newest decision (0 before any)."""
    newest = history(session, doc_id, subject, start, end)
    return newest[0].id if newest else 0


def check_item_version(session: Session, doc_id: int, subject: str, start: int, end: int, seen: int | None) -> None:
    """Optimistic locking: a decision made on version ``seen`` is refused if another was recorded since."""
    if seen is None:
        return
    # PostgreSQL: decisions on one document wait for each other (the document's row is locked until commit)
    session.execute(select(DocumentRow.id).where(DocumentRow.id == doc_id).with_for_update())
    newest = history(session, doc_id, subject, start, end)
    if (newest[0].id if newest else 0) != seen:
        last = newest[0]
        when = last.created_at.strftime("%Y-%m-%d %H:%M") if last.created_at else ""
        raise StaleEditError(
            f"{last.author} 在 {when} 已把{label('field', last.field)}改为“{last.after}”；你的修改没有保存，请看过后再改"
        )


def set_task(
    session: Session,
    row: DocumentRow,
    start: int,
    end: int,
    field: str,
    value: str,
    author: str,
    note: str | None = None,
    seen: int | None = None,
) -> TrackEditRow:
    """Record a person's 牵头单位 / 责任单位 / 完成时限 for the task at ``[start, end)``."""
    check_item_version(session, row.id, "task", start, end, seen)
    if field not in TASK_FIELDS:
        raise TrackingError(f"任务没有“{field}”这一项；可填：牵头单位、责任单位、完成时限")
    task = next((t for t in extraction_of(row).tasks if (t.span.start, t.span.end) == (start, end)), None)
    if task is None:
        raise TrackingError(f"{row.name} 在 [{start},{end}) 没有任务")
    value = xml_text(value)  # a control character would break every export of the plan
    if len(value) > MAX_VALUE_CHARS:
        raise TrackingError(f"填写的内容太长（最多 {MAX_VALUE_CHARS} 字）")
    value = check_deadline(value) if field == "deadline" else value.strip()
    return _record(session, row, "task", Span(start, end), task.text, field, value, note, author)


def _record(
    session: Session,
    row: DocumentRow,
    subject: str,
    span: Span,
    surface: str,
    field: str,
    value: str,
    note: str | None,
    author: str,
) -> TrackEditRow:
    """A new decision on the item at ``span``; the previous value of the field is its ``before``."""
    before = decisions(session, row.id, subject).get((span.start, span.end, field))
    edit = TrackEditRow(
        document_id=row.id,
        subject=subject,
        start=span.start,
        end=span.end,
        surface=surface,
        field=field,
        before=before.after if before else None,
        after=value,
        note=note,
        author=author,
    )
    session.add(edit)
    session.flush()
    return edit


def history(session: Session, doc_id: int, subject: str, start: int, end: int) -> list[TrackEditRow]:
    return list(
        session.execute(
            select(TrackEditRow)
            .where(
                TrackEditRow.document_id == doc_id,
                TrackEditRow.subject == subject,
                TrackEditRow.start == start,
                TrackEditRow.end == end,
            )
            .order_by(TrackEditRow.id.desc())
        ).scalars()
    )


def import_tasks(
    session: Session, imported: Sequence[TaskDecision], departments: DepartmentCatalogue, author: str
) -> int:
    """Apply an edited 分解方案: every row is checked first; then each changed field is an edit.

    Returns the number of fields changed. A row whose task is not in the store is an error.
    """
    docs = {d.name: d for d in session.execute(select(DocumentRow)).scalars()}
    current: dict[tuple[str, int, int], TaskView] = {}
    loaded: set[str] = set()
    errors = []
    for item in imported:
        doc = docs.get(item.doc)
        if doc is None:
            errors.append(f"第{item.row}行：文件 {item.doc} 不在库中（先 gwr ingest）")
            continue
        if doc.name not in loaded:
            loaded.add(doc.name)
            current.update({(doc.name, t.start, t.end): t for t in tasks_of(session, doc, departments)})
        view = current.get((item.doc, item.start, item.end))
        if view is None:
            errors.append(f"第{item.row}行：{item.doc} 在 [{item.start},{item.end}) 没有任务")
        elif item.version is not None and item.version != view.version:
            errors.append(f"第{item.row}行：导出后已有人改过这项任务（现为 {view.lead or '未分配'}），请重新导出后再改")
    if errors:
        raise TrackingError(f"{len(errors)} 行有误，未导入任何内容：" + " ".join(errors))
    changed = 0
    for item in imported:
        view = current[(item.doc, item.start, item.end)]
        values = {"lead": item.lead, "co": item.co, "deadline": item.deadline}
        changed += decide_task(
            session, docs[item.doc], view, values, item.confirmed, author, note="导入分解方案", seen=item.version
        )
    return changed


def decide_task(
    session: Session,
    row: DocumentRow,
    view: TaskView,
    values: dict[str, str],
    confirm: bool,
    author: str,
    note: str | None = None,
    seen: int | None = None,
) -> int:
    """Record the fields of ``values`` that differ from the task as shown; ``confirm`` also records an
    unchanged suggested lead as a person's decision. Returns the number of edits recorded."""
    check_item_version(session, row.id, "task", view.start, view.end, seen)
    shown = {"lead": view.lead, "co": view.co, "deadline": view.deadline}
    changed = 0
    for field, value in values.items():
        value = value.strip()
        if value != shown[field] or (field == "lead" and confirm and not view.confirmed):
            set_task(session, row, view.start, view.end, field, value, author, note)
            changed += 1
    return changed


def project_entities(
    session: Session, indicators: IndicatorCatalogue, region: str | None = None, q: str = "", offset: int = 0,
    limit: int | None = None,
) -> list[ProjectEntity]:  # fmt: skip
    """The projects of the stored documents (of one region; named ``q``), each linked across its region's
    documents; one page if ``limit`` is given. ``indicators``: the catalogue the store's links are kept for."""
    verdict_rows.refresh(session, indicators)
    return project_rows.read(session, region, q, offset, limit)


def override_verdict(
    session: Session,
    row: DocumentRow,
    start: int,
    end: int,
    verdict: str,
    reason: str,
    author: str,
    seen: int | None = None,
) -> TrackEditRow:
    """A person's verdict on the target at ``[start, end)``, with a reason; kept in the history."""
    check_item_version(session, row.id, "verdict", start, end, seen)
    allowed = {v.value for v in Verdict}
    if verdict not in allowed:
        raise TrackingError(f"结论须为其中之一：{'、'.join(sorted(allowed))}")
    reason = xml_text(reason).strip()
    if not reason:
        raise TrackingError("改判须写明理由")
    if len(reason) > MAX_REASON_CHARS:
        raise TrackingError(f"理由太长（最多 {MAX_REASON_CHARS} 字）")
    fig = session.execute(
        select(FigureRow).where(FigureRow.document_id == row.id, FigureRow.start == start, FigureRow.end == end)
    ).scalar_one_or_none()
    if fig is None or fig.status != "target":
        raise TrackingError(f"{row.name} 在 [{start},{end}) 没有目标数据")
    return _record(session, row, "verdict", Span(start, end), fig.surface, "verdict", verdict, reason, author)


def document_text(session: Session, doc_id: int) -> str:
    row = session.get(DocumentRow, doc_id)
    return row.text if row is not None else ""
