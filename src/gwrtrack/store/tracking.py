"""Tasks, project entities and verdicts over the stored documents, with the decisions people made.

Tasks and their suggested departments are computed from a document's text (the extraction is
cached by content); a person's decision (牵头单位, 责任单位, 完成时限, a verdict and its reason)
is a :class:`TrackEditRow`, anchored by span and surface, newest first, older ones its history.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gwrtrack.document import Document, Kind, Meta
from gwrtrack.errors import GwrError, StaleEditError
from gwrtrack.extract.tasks import Task
from gwrtrack.extraction import Extraction, extract, plan_tasks
from gwrtrack.labels import label
from gwrtrack.link.departments import DepartmentCatalogue
from gwrtrack.link.indicators import IndicatorCatalogue
from gwrtrack.link.projects import ProjectEntity
from gwrtrack.link.verdicts import (
    Fact,
    Judgement,
    Verdict,
    parent_regions,
    words_before,
)
from gwrtrack.span import Span
from gwrtrack.spreadsheet import xml_text
from gwrtrack.store import project_rows, verdict_rows
from gwrtrack.store.bulk import SECTION_SEPARATOR
from gwrtrack.store.models import DocumentRow, FigureRow, TrackEditRow, VerdictRow
from gwrtrack.store.verdict_rows import FIGURE_COLUMNS, fact_of
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


@dataclass(frozen=True)
class VerdictView:
    judgement: Judgement
    verdict: str  # a person's override, else the computed one
    override: TrackEditRow | None
    lead: str
    target_doc_id: int
    outcome_doc_id: int | None
    reference_doc_id: int | None


def document_of(row: DocumentRow) -> Document:
    meta = Meta(region=row.region, year=row.year, kind=Kind(row.kind), title=row.title)
    return Document(row.name, row.text, meta, row.source_format, row.encoding)


@lru_cache(maxsize=64)
def _extraction(content_hash: str, document: Document) -> Extraction:
    return extract(document)


def extraction_of(row: DocumentRow) -> Extraction:
    return _extraction(row.content_hash, document_of(row))


def _decisions(session: Session, doc_id: int, subject: str) -> dict[tuple[int, int, str], TrackEditRow]:
    """The newest edit of each (start, end, field)."""
    rows = session.execute(
        select(TrackEditRow)
        .where(TrackEditRow.document_id == doc_id, TrackEditRow.subject == subject)
        .order_by(TrackEditRow.id)
    ).scalars()
    return {(r.start, r.end, r.field): r for r in rows}


def tasks_of(session: Session, row: DocumentRow, departments: DepartmentCatalogue) -> list[TaskView]:
    result = extraction_of(row)
    decided = _decisions(session, row.id, "task")
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
    decided = _decisions(session, row.id, "task")
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
    before = _decisions(session, row.id, subject).get((span.start, span.end, field))
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


def make_current(session: Session, indicators: IndicatorCatalogue) -> None:
    """The stored 落实情况表 rows and project entities judged and linked again where documents changed."""
    verdict_rows.refresh(session, indicators)


def project_entities(
    session: Session, indicators: IndicatorCatalogue, region: str | None = None, q: str = "", offset: int = 0,
    limit: int | None = None,
) -> list[ProjectEntity]:  # fmt: skip
    """The projects of the stored documents (of one region; named ``q``), each linked across its region's
    documents; one page if ``limit`` is given. ``indicators``: the catalogue the store's links are kept for."""
    verdict_rows.refresh(session, indicators)
    return project_rows.read(session, region, q, offset, limit)


def metric_counts(session: Session) -> list[tuple[str, int]]:
    """Each metric text of the stored figures with how many figures name it."""
    query = select(FigureRow.metric, func.count(FigureRow.id)).where(FigureRow.not_figure.is_(False))
    return [(metric, n) for metric, n in session.execute(query.group_by(FigureRow.metric))]


def facts_of_metrics(session: Session, metrics: Sequence[str]) -> list[Fact]:
    """The stored figures named by ``metrics``, as facts in document order."""
    docs = {i: (n, k, y) for i, n, k, y in session.execute(
        select(DocumentRow.id, DocumentRow.name, DocumentRow.kind, DocumentRow.year))}  # fmt: skip
    rows = []
    for start in range(0, len(metrics), 500):
        chunk = metrics[start : start + 500]
        query = select(*FIGURE_COLUMNS).where(FigureRow.not_figure.is_(False), FigureRow.metric.in_(chunk))
        rows += [tuple(r) for r in session.execute(query)]
    return [fact_of(r, docs[r[1]]) for r in sorted(rows, key=lambda r: (r[1], r[12]))]


def store_facts(session: Session) -> tuple[list[Fact], dict[str, int], dict[str, str]]:
    """Every stored figure as a fact; the document id of each document name; region parents."""
    docs = {d.id: d for d in session.execute(select(DocumentRow)).scalars()}
    query = (
        select(*FIGURE_COLUMNS).where(FigureRow.not_figure.is_(False)).order_by(FigureRow.document_id, FigureRow.start)
    )
    # plain values, read once per document and unpacked per row: a store has 300,000+ figures
    about = {d.id: (d.name, d.kind, d.year) for d in docs.values()}
    facts = [
        fact_of(r, about[r[1]], words_before(docs[r[1]].text, r[12]) if r[5] == "target" else "")  # relative targets
        for r in session.execute(query)
    ]
    parents = parent_regions([(d.region, d.text) for d in docs.values() if d.region])
    return facts, {d.name: d.id for d in docs.values()}, parents


def verdicts(
    session: Session, indicators: IndicatorCatalogue, departments: DepartmentCatalogue | None,
    region: str | None = None, *, year: int | None = None, indicator: str | None = None, offset: int = 0,
    limit: int | None = None,
) -> list[VerdictView]:  # fmt: skip
    """The rows of the 落实情况表 (of one region, year or indicator; one page if ``limit``), with a person's
    override and the lead department of each target's task (``departments`` None: no leads, faster)."""
    verdict_rows.refresh(session, indicators)
    stored = verdict_rows.read(session, indicators, region, year, indicator, offset, limit)
    overrides: dict[int, dict[tuple[int, int, str], TrackEditRow]] = {}
    decided: dict[int, dict[tuple[int, int, str], TrackEditRow]] = {}
    doc_ids = {s.target_doc_id for s in stored}
    # held here: the session's identity map keeps rows only while something refers to them
    docs = {d.id: d for d in session.execute(select(DocumentRow).where(DocumentRow.id.in_(doc_ids))).scalars()} \
        if departments is not None else {}  # fmt: skip
    leads: dict[tuple[int, int], str] = {}
    tasks = _TaskIndex()
    views = []
    for s in stored:
        j, doc_id = s.judgement, s.target_doc_id
        if doc_id not in overrides:
            overrides[doc_id] = _decisions(session, doc_id, "verdict")
            decided[doc_id] = _decisions(session, doc_id, "task") if departments is not None else {}
        override = overrides[doc_id].get((j.target.span.start, j.target.span.end, "verdict"))
        lead = "" if departments is None else \
            _lead_at(docs.get(doc_id), j.target.span.start, decided[doc_id], departments, leads, tasks)  # fmt: skip
        views.append(
            VerdictView(
                judgement=j,
                verdict=override.after or j.label if override else j.label,
                override=override,
                lead=lead,
                target_doc_id=doc_id,
                outcome_doc_id=s.outcome_doc_id,
                reference_doc_id=s.reference_doc_id,
            )
        )
    return views


def verdict_tally(session: Session, indicators: IndicatorCatalogue, region: str | None = None) -> dict[str, int]:
    """Verdict → rows of the 落实情况表 (of one region), a person's overrides counted as they decided."""
    verdict_rows.refresh(session, indicators)
    tally = verdict_rows.tally(session, region)
    for computed, decided in _overridden(session, region):
        tally[computed] -= 1
        tally[decided] = tally.get(decided, 0) + 1
    return {k: v for k, v in tally.items() if v}


def _overridden(session: Session, region: str | None) -> list[tuple[str, str]]:
    """(computed, decided) of each stored row a person's newest override changed."""
    newest: dict[tuple[int, int, int], str] = {}
    for e in session.execute(
        select(TrackEditRow).where(TrackEditRow.subject == "verdict").order_by(TrackEditRow.id)
    ).scalars():
        newest[(e.document_id, e.start, e.end)] = e.after or ""
    out = []
    for (doc_id, start, end), decided in newest.items():
        query = select(VerdictRow.verdict).join(FigureRow, VerdictRow.target_figure_id == FigureRow.id).where(
            VerdictRow.document_id == doc_id, VerdictRow.start == start, FigureRow.end == end
        )  # fmt: skip
        if region is not None:
            query = query.where(VerdictRow.region == region)
        computed = session.execute(query.limit(1)).scalar_one_or_none()
        if computed is not None and decided:
            out.append((computed, decided))
    return out


@lru_cache(maxsize=512)
def _plan_tasks(content_hash: str, document: Document) -> tuple[Task, ...]:
    return plan_tasks(document)


class _TaskIndex:
    """The plan tasks of each document, found by position with a binary search (a store has 100,000+ targets)."""

    def __init__(self) -> None:
        self.by_doc: dict[int, tuple[list[int], tuple[Task, ...]]] = {}

    def task_at(self, row: DocumentRow, pos: int) -> Task | None:
        if row.id not in self.by_doc:
            tasks = tuple(sorted(_plan_tasks(row.content_hash, document_of(row)), key=lambda t: t.span.start))
            self.by_doc[row.id] = ([t.span.start for t in tasks], tasks)
        starts, tasks = self.by_doc[row.id]
        k = bisect_right(starts, pos) - 1
        return tasks[k] if k >= 0 and tasks[k].span.start <= pos < tasks[k].span.end else None


def _lead_at(
    row: DocumentRow | None,
    pos: int,
    decided: dict[tuple[int, int, str], TrackEditRow],
    departments: DepartmentCatalogue,
    known: dict[tuple[int, int], str],
    index: _TaskIndex,
) -> str:
    """牵头单位 of the task holding ``pos``: a person's decision, else the suggestion (as on the 分解方案);
    ``known`` keeps each task's answer for the other targets in it."""
    if row is None:
        return ""
    task = index.task_at(row, pos)
    if task is None:
        return ""
    key = (row.id, task.span.start)
    if key not in known:
        decision = decided.get((task.span.start, task.span.end, "lead"))
        known[key] = (
            (decision.after or "")
            if decision is not None
            else departments.suggest(task.text, task.section, row.region).lead
        )
    return known[key]


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
