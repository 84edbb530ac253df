"""进展 in the store: 签收, a report per task and period, the 督查室's accept or return, evidence files,
and the board (every open task with its status and light), which the dashboards, the 催办 list, the
月报 and the public tracker all read, so that a number and the list it opens come from one query.

Every change is a ledger event (who, when, from where); reports carry a version (optimistic locking).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwrtrack.errors import ForbiddenError, GwrError, StaleEditError
from gwrtrack.spreadsheet import xml_text
from gwrtrack.store.ledger import get_task
from gwrtrack.store.models import (
    AttachmentRow,
    DocumentRow,
    FigureRow,
    LedgerEventRow,
    LedgerTaskRow,
    ProgressReportRow,
    ReminderRow,
    UserRow,
)
from gwrtrack.track import attachments
from gwrtrack.track.ledger import CLOSED, TaskStatus
from gwrtrack.track.progress import (
    LIGHT_ZH,
    Assessment,
    Cadence,
    Progress,
    Report,
    assess,
    last_due_period,
    period_of,
)
from gwrtrack.track.roles import Role, reports_on

MAX_TEXT = 4000


class ProgressError(GwrError):
    """A report, review or file that cannot be taken (wrong department, period, state)."""


class NotYoursError(ProgressError, ForbiddenError):
    """A department acting on a task another department leads."""


class ReportState:
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    RETURNED = "returned"


STATE_ZH = {ReportState.SUBMITTED: "待审核", ReportState.ACCEPTED: "已审核", ReportState.RETURNED: "已退回"}


def _event(session: Session, task_id: int, action: str, author: str, **values: str | None) -> None:
    session.add(LedgerEventRow(task_id=task_id, action=action, author=author, **values))


def _open_task_for(session: Session, task_id: int, role: Role, department: str) -> LedgerTaskRow:
    task = get_task(session, task_id)
    if TaskStatus(task.status) in CLOSED:
        raise ProgressError(f"任务 {task.id} 已撤销、拆分或合并，不再报送")
    if not reports_on(role, department, task.lead):
        raise NotYoursError(f"任务 {task.id} 由{task.lead or '（未定牵头单位）'}牵头，你的部门不能签收或报送")
    return task


def sign(session: Session, task_id: int, author: str, role: Role, department: str) -> LedgerTaskRow:
    """签收: the lead department acknowledges the task (once; a second signature changes nothing)."""
    task = _open_task_for(session, task_id, role, department)
    if task.signed_by is None:
        task.signed_by, task.signed_at = author, datetime.now(UTC)
        _event(session, task.id, "sign", author, after=department or author)
    return task


def _text(value: str) -> str:
    return xml_text(value or "").strip()[:MAX_TEXT]


def submit(
    session: Session, task_id: int, period: str, *, author: str, role: Role, department: str, done: str,
    value: float | None = None, value_source: str = "", problems: str = "", next_steps: str = "",
    self_status: str | None = None, seen: int | None = None,
) -> ProgressReportRow:  # fmt: skip
    """A department's report for a period; a second one for the same period replaces the first while it is
    not accepted (a returned report is resubmitted this way)."""
    task = _open_task_for(session, task_id, role, department)
    try:
        label = period_of(period).label
    except ValueError as exc:
        raise ProgressError(str(exc)) from None
    if not _text(done):
        raise ProgressError("须填写本期完成情况")
    if self_status is not None and self_status not in {p.value for p in Progress} - {"missing", "pending"}:
        raise ProgressError("自评须为 已完成、超序时、序时推进 或 滞后")
    if value is not None and not (value == value and abs(value) < 1e15):  # NaN and absurd numbers
        raise ProgressError("完成值不是一个数")
    report = session.execute(
        select(ProgressReportRow).where(ProgressReportRow.task_id == task.id, ProgressReportRow.period == label)
        .with_for_update()
    ).scalar_one_or_none()  # fmt: skip
    done = _text(done)
    fields: dict[str, object] = {
        "done": done, "value": value, "value_source": _text(value_source)[:255], "problems": _text(problems),
        "next_steps": _text(next_steps), "self_status": self_status,
    }  # fmt: skip
    if report is None:
        report = ProgressReportRow(task_id=task.id, period=label, author=author, department=department, **fields)
        session.add(report)
        session.flush()
    else:
        if report.state == ReportState.ACCEPTED:
            raise ProgressError(f"{label} 的报告已审核通过，不能再改")
        if seen is not None and seen != report.version:
            raise StaleEditError(f"{label} 的报告已被他人修改（版本 {report.version}）；你的修改没有保存，请看过后再改")
        for key, val in fields.items():
            setattr(report, key, val)
        report.author, report.department = author, department
        report.state, report.version, report.updated_at = ReportState.SUBMITTED, report.version + 1, datetime.now(UTC)
    _event(session, task.id, "report", author, field=label, after=done[:500])
    return report


def review(
    session: Session, report_id: int, accept: bool, comment: str, author: str, seen: int | None = None
) -> ProgressReportRow:
    """The 督查室 accepts a report, or returns it with a comment saying what is missing."""
    report = session.execute(
        select(ProgressReportRow).where(ProgressReportRow.id == report_id).with_for_update()
    ).scalar_one_or_none()
    if report is None:
        raise ProgressError(f"没有编号为 {report_id} 的报告")
    if seen is not None and seen != report.version:
        raise StaleEditError(f"报告 {report_id} 已更新（版本 {report.version}）；请看过新内容后再审核")
    comment = _text(comment)
    if not accept and len(comment) < 2:
        raise ProgressError("退回须写明意见")
    before, report.state = report.state, ReportState.ACCEPTED if accept else ReportState.RETURNED
    report.comment, report.version, report.updated_at = comment, report.version + 1, datetime.now(UTC)
    _event(session, report.task_id, "accept" if accept else "return", author, field=report.period, before=before,
           after=report.state, reason=comment or None)  # fmt: skip
    return report


def attach(session: Session, report_id: int, name: str, data: bytes, author: str) -> AttachmentRow:
    report = get_report(session, report_id)
    stored, kind = attachments.check(name, data)
    row = AttachmentRow(
        report_id=report.id, name=stored, content_type=kind.content_type, size=len(data),
        sha256=hashlib.sha256(data).hexdigest(), data=data, author=author,
    )  # fmt: skip
    session.add(row)
    session.flush()
    _event(session, report.task_id, "attach", author, field=report.period, after=stored)
    return row


def reports_of(session: Session, task_id: int) -> list[ProgressReportRow]:
    query = select(ProgressReportRow).where(ProgressReportRow.task_id == task_id).order_by(ProgressReportRow.period)
    return list(session.execute(query).scalars())


def attachments_of(session: Session, report_ids: list[int]) -> dict[int, list[AttachmentRow]]:
    """The files of these reports, without their bytes."""
    out: dict[int, list[AttachmentRow]] = {i: [] for i in report_ids}
    if not report_ids:
        return out
    query = select(AttachmentRow).where(AttachmentRow.report_id.in_(report_ids)).order_by(AttachmentRow.id)
    for row in session.execute(query).scalars():
        out[row.report_id].append(row)
    return out


def get_report(session: Session, report_id: int) -> ProgressReportRow:
    report = session.get(ProgressReportRow, report_id)
    if report is None:
        raise ProgressError(f"没有编号为 {report_id} 的报告")
    return report


@dataclass(frozen=True)
class TaskState:
    """One open task on the board: its status and light today, and the report that decided it."""

    task: LedgerTaskRow
    assessment: Assessment
    latest: ProgressReportRow | None
    year: int


def task_year(task: LedgerTaskRow, doc_years: dict[int, int | None], today: date) -> int:
    if task.due:
        return int(task.due[:4])
    return doc_years.get(task.document_id or 0) or today.year


def board(
    session: Session, today: date, cadence: Cadence = Cadence.MONTH, grace_days: int = 5, accepted_only: bool = False
) -> list[TaskState]:
    """Every open task with its assessment on ``today`` (one pass over tasks and reports). Reports count unless
    returned; with ``accepted_only`` (the public tracker) only those the 督查室 accepted count."""
    tasks = list(
        session.execute(
            select(LedgerTaskRow).where(LedgerTaskRow.status == TaskStatus.OPEN.value).order_by(LedgerTaskRow.id)
        ).scalars()
    )
    doc_years: dict[int, int | None] = {i: y for i, y in session.execute(select(DocumentRow.id, DocumentRow.year))}
    latest: dict[int, ProgressReportRow] = {}
    counted = select(ProgressReportRow).where(
        ProgressReportRow.state == ReportState.ACCEPTED
        if accepted_only
        else ProgressReportRow.state != ReportState.RETURNED
    )
    for report in session.execute(counted.order_by(ProgressReportRow.period)).scalars():
        latest[report.task_id] = report  # periods sort as text: 2026-03 < 2026-10 < 2026-Q1 is never mixed
    out = []
    for task in tasks:
        year = task_year(task, doc_years, today)
        deadline = date.fromisoformat(task.due) if task.due else date(year, 12, 31)
        found = latest.get(task.id)
        seen = None
        if found is not None:
            said = Progress(found.self_status) if found.self_status else None
            seen = Report(period_of(found.period), found.value, said)
        state = assess(
            start=date(year, 1, 1), deadline=deadline, today=today, report=seen,
            due_period=last_due_period(year, min(today, deadline + timedelta(days=grace_days + 1)), cadence, grace_days),
            target=task.target_value, grace_days=grace_days,
        )  # fmt: skip
        out.append(TaskState(task, state, found, year))
    return out


def offered_value(session: Session, task: LedgerTaskRow) -> tuple[float, str] | None:
    """A value to date the store already knows for a quantified task (基层减负): the latest result of the
    same metric, region and year in another document (a bulletin, the next report), with its source."""
    if task.document_id is None or task.start is None or task.end is None or task.target_value is None:
        return None
    doc = session.get(DocumentRow, task.document_id)
    target = session.execute(
        select(FigureRow).where(
            FigureRow.document_id == task.document_id, FigureRow.status == "target",
            FigureRow.start >= task.start, FigureRow.start < task.end,
        ).order_by(FigureRow.start).limit(1)
    ).scalar_one_or_none()  # fmt: skip
    if doc is None or target is None or not target.metric or doc.year is None:
        return None
    found = session.execute(
        select(FigureRow, DocumentRow)
        .join(DocumentRow, FigureRow.document_id == DocumentRow.id)
        .where(
            FigureRow.document_id != doc.id, FigureRow.metric == target.metric, FigureRow.unit == target.unit,
            FigureRow.measure == target.measure, FigureRow.status.in_(("actual", "expected")),
            FigureRow.period == str(doc.year), FigureRow.region == target.region, FigureRow.not_figure.is_(False),
        )
        .order_by(DocumentRow.year.desc(), DocumentRow.id.desc())
        .limit(1)
    ).first()  # fmt: skip
    if found is None:
        return None
    figure, source = found
    title = source.title or source.name
    return figure.value, f"{title}：{figure.surface}（{figure.metric}）"


def recipients(session: Session, department: str) -> list[str]:
    """The e-mail addresses of the active users of a department."""
    if not department:
        return []
    query = select(UserRow.email).where(UserRow.department == department, UserRow.active.is_(True), UserRow.email != "")
    return sorted(set(session.execute(query).scalars()))


def log_reminder(
    session: Session, task: LedgerTaskRow, to: str, reason: str, sent: bool, error: str, author: str
) -> ReminderRow:
    row = ReminderRow(task_id=task.id, department=task.lead, to_addr=to[:254], reason=reason, sent=sent,
                      error=error[:2000], author=author)  # fmt: skip
    session.add(row)
    _event(session, task.id, "remind", author, after=f"{to or '（无邮箱）'}：{'已发送' if sent else error}"[:500])
    return row


def reminders(session: Session, limit: int = 200) -> list[ReminderRow]:
    return list(session.execute(select(ReminderRow).order_by(ReminderRow.id.desc()).limit(limit)).scalars())


def period_reports(session: Session, period: str) -> dict[int, ProgressReportRow]:
    """Each task's report for one period (returned ones included: what the department said)."""
    query = select(ProgressReportRow).where(ProgressReportRow.period == period)
    return {r.task_id: r for r in session.execute(query).scalars()}


def ledger_status_at(states: list[TaskState]) -> Callable[[int, int], str]:
    """(document id, position) → the light and status of the ledger task whose span holds it, with its id."""
    spans = [
        (x.task.document_id, x.task.start, x.task.end, x) for x in states
        if x.task.document_id is not None and x.task.start is not None and x.task.end is not None
    ]  # fmt: skip

    def at(doc_id: int, pos: int) -> str:
        for d, start, end, x in spans:
            if d == doc_id and start <= pos < end:
                return f"{LIGHT_ZH[x.assessment.light]} {x.assessment.zh}（任务{x.task.id}）"
        return "未列入台账"

    return at
