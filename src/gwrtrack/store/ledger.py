"""The 督办 ledger in the store: publish a 分解方案, add a task by hand, split, merge, cancel, re-anchor.

Every change is a LedgerEventRow (who, when, from where, before, after, reason); no task is deleted.
Edits carry the version they were made on (optimistic locking).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwrtrack.errors import GwrError, StaleEditError
from gwrtrack.link.departments import DepartmentCatalogue
from gwrtrack.spreadsheet import xml_text
from gwrtrack.store.models import DocumentRow, FigureRow, LedgerEventRow, LedgerTaskRow
from gwrtrack.store.tracking import tasks_of
from gwrtrack.track.deadlines import check_deadline, due_date
from gwrtrack.track.ledger import CLOSED, MIN_REASON, TaskStatus, milestones, reanchor

MAX_TEXT = 2000


class LedgerError(GwrError):
    """A ledger change that cannot be made (a closed task, no reason, an unknown task)."""


def _event(session: Session, task: LedgerTaskRow, action: str, author: str, **values: str | None) -> None:
    session.add(LedgerEventRow(task_id=task.id, action=action, author=author, **values))


def publish(session: Session, doc: DocumentRow, departments: DepartmentCatalogue, author: str) -> list[LedgerTaskRow]:
    """Put the document's 分解方案 (with the decisions people made) into the ledger; a task already
    published is left as it is. Returns the tasks added."""
    published = {
        (t.start, t.end)
        for t in session.execute(select(LedgerTaskRow).where(LedgerTaskRow.document_id == doc.id)).scalars()
    }
    targets = {
        (f.start, f.end): f
        for f in session.execute(
            select(FigureRow).where(FigureRow.document_id == doc.id, FigureRow.status == "target")
        ).scalars()
    }
    added = []
    for view in tasks_of(session, doc, departments):
        if (view.start, view.end) in published:
            continue
        target = next((f for (s, _e), f in targets.items() if view.start <= s < view.end), None)
        task = LedgerTaskRow(
            document_id=doc.id, start=view.start, end=view.end, text=view.text, section=view.section,
            lead=view.lead, co=view.co, deadline=view.deadline, due=due_date(view.deadline),
            target_value=target.value if target else None, target_unit=target.unit if target else "",
        )  # fmt: skip
        session.add(task)
        session.flush()
        _event(session, task, "publish", author, after=view.text)
        added.append(task)
    return added


def add_task(
    session: Session, text: str, lead: str, author: str, co: str = "", deadline: str = "", reason: str = ""
) -> LedgerTaskRow:
    """A task added by hand (a leader's instruction, a 人大建议, a project): no source span."""
    text = xml_text(text).strip()
    if not text or len(text) > MAX_TEXT:
        raise LedgerError(f"任务内容须为 1—{MAX_TEXT} 字")
    deadline = check_deadline(deadline)
    task = LedgerTaskRow(
        text=text, lead=xml_text(lead).strip()[:200], co=xml_text(co).strip()[:200], deadline=deadline,
        due=due_date(deadline), origin="manual",
    )  # fmt: skip
    session.add(task)
    session.flush()
    _event(session, task, "add", author, after=text, reason=reason or None)
    return task


def get_task(session: Session, task_id: int, seen: int | None = None) -> LedgerTaskRow:
    """The task, locked for this transaction; refused if it changed since version ``seen``."""
    task = session.execute(
        select(LedgerTaskRow).where(LedgerTaskRow.id == task_id).with_for_update()
    ).scalar_one_or_none()
    if task is None:
        raise LedgerError(f"没有编号为 {task_id} 的任务")
    if seen is not None and seen != task.version:
        raise StaleEditError(f"任务 {task_id} 已被他人修改（版本 {task.version}）；你的修改没有保存，请看过后再改")
    return task


def _open(task: LedgerTaskRow) -> None:
    if TaskStatus(task.status) in CLOSED:
        raise LedgerError(f"任务 {task.id} 已{'撤销' if task.status == 'cancelled' else '拆分或合并'}，不能再改")


def _reason(reason: str) -> str:
    reason = xml_text(reason).strip()
    if len(reason) < MIN_REASON:
        raise LedgerError("须写明理由")
    return reason[:MAX_TEXT]


def cancel(session: Session, task_id: int, reason: str, author: str, seen: int | None = None) -> LedgerTaskRow:
    task = get_task(session, task_id, seen)
    _open(task)
    why = _reason(reason)
    task.status, task.version = TaskStatus.CANCELLED.value, task.version + 1
    _event(session, task, "cancel", author, field="status", before="open", after="cancelled", reason=why)
    return task


def split(
    session: Session, task_id: int, parts: Sequence[tuple[str, str]], reason: str, author: str, seen: int | None = None
) -> list[LedgerTaskRow]:
    """One task into several (its text and lead each), e.g. a task of two departments into one each."""
    task = get_task(session, task_id, seen)
    _open(task)
    why = _reason(reason)
    if len(parts) < 2:
        raise LedgerError("拆分至少要两项")
    children = []
    for text, lead in parts:
        child = LedgerTaskRow(
            document_id=task.document_id, start=task.start, end=task.end, text=xml_text(text).strip() or task.text,
            section=task.section, lead=xml_text(lead).strip()[:200], co="", deadline=task.deadline, due=task.due,
            target_value=task.target_value, target_unit=task.target_unit, origin=task.origin, parent_id=task.id,
        )  # fmt: skip
        session.add(child)
        session.flush()
        _event(session, child, "split", author, before=str(task.id), after=child.text, reason=why)
        children.append(child)
    task.status, task.version = TaskStatus.SPLIT.value, task.version + 1
    _event(session, task, "split", author, field="status", before="open", after=",".join(str(c.id) for c in children),
           reason=why)  # fmt: skip
    return children


def merge(session: Session, task_ids: Sequence[int], reason: str, author: str) -> LedgerTaskRow:
    """Several tasks into one: the first's place and lead, the texts joined."""
    if len(set(task_ids)) < 2:
        raise LedgerError("合并至少要两项")
    why = _reason(reason)
    tasks = [get_task(session, i) for i in task_ids]
    for task in tasks:
        _open(task)
    first = tasks[0]
    merged = LedgerTaskRow(
        document_id=first.document_id, start=first.start, end=first.end, text="；".join(t.text for t in tasks),
        section=first.section, lead=first.lead, co="、".join(dict.fromkeys(t.lead for t in tasks[1:] if t.lead)),
        deadline=first.deadline, due=first.due, origin=first.origin,
    )  # fmt: skip
    session.add(merged)
    session.flush()
    for task in tasks:
        task.status, task.version, task.parent_id = TaskStatus.MERGED.value, task.version + 1, merged.id
        _event(session, task, "merge", author, field="status", before="open", after=str(merged.id), reason=why)
    _event(session, merged, "merge", author, before=",".join(str(t.id) for t in tasks), after=merged.text, reason=why)
    return merged


def reanchor_document(session: Session, doc: DocumentRow, author: str = "gwrtrack") -> list[LedgerTaskRow]:
    """After re-extraction: each published task of the document is found again by its words; one that is
    not is kept and flagged for review. Returns the tasks flagged."""
    lost = []
    for task in session.execute(select(LedgerTaskRow).where(LedgerTaskRow.document_id == doc.id)).scalars():
        place = reanchor(doc.text, task.start, task.end, task.text)
        if place is None:
            if not task.needs_review:
                task.needs_review = True
                _event(session, task, "review", author, reason="原文中找不到这项任务的文字")
            lost.append(task)
        elif place != (task.start, task.end):
            _event(session, task, "reanchor", author, before=f"{task.start}-{task.end}", after=f"{place[0]}-{place[1]}")
            task.start, task.end = place
    return lost


def set_milestones(
    session: Session, task_id: int, items: Sequence[tuple[str, str]], author: str, seen: int | None = None
) -> LedgerTaskRow:
    """Set a task's quarterly milestones (季度节点); the old ones stay in the history."""
    import json

    task = get_task(session, task_id, seen)
    _open(task)
    try:
        checked = milestones([(q, xml_text(g)) for q, g in items])
    except ValueError as exc:
        raise LedgerError(str(exc)) from None
    after = json.dumps(checked, ensure_ascii=False)
    _event(session, task, "milestones", author, field="milestones", before=task.milestones or None, after=after)
    task.milestones, task.version = after, task.version + 1
    return task


def events(session: Session, task_id: int) -> list[LedgerEventRow]:
    return list(
        session.execute(select(LedgerEventRow).where(LedgerEventRow.task_id == task_id).order_by(LedgerEventRow.id))
    .scalars())  # fmt: skip


def ledger(session: Session, doc_id: int | None = None) -> list[LedgerTaskRow]:
    query = select(LedgerTaskRow).order_by(LedgerTaskRow.id)
    if doc_id is not None:
        query = query.where(LedgerTaskRow.document_id == doc_id)
    return list(session.execute(query).scalars())
