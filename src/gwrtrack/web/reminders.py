"""催办 and 月报: the tasks to hurry with one action each (an e-mail through the office's SMTP server,
logged), the 催办单 (DOCX), and the monthly report (DOCX, XLSX) of the board."""

from __future__ import annotations

import smtplib

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gwrtrack.report import supervision
from gwrtrack.store import progress as store
from gwrtrack.track import dashboard as dash
from gwrtrack.track.progress import LIGHT_ZH, last_due_period, period_of
from gwrtrack.track.reminders import compose, send
from gwrtrack.web.auth import CanReview
from gwrtrack.web.deps import DB, download, render, settings_of
from gwrtrack.web.progress import board_of

router = APIRouter(tags=["催办"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _line(x: store.TaskState, report: object | None = None) -> supervision.BoardLine:
    a = x.assessment
    return supervision.BoardLine(
        x.task.id, x.task.text, x.task.lead or dash.NO_LEAD, a.zh, LIGHT_ZH[a.light], a.rule,
        getattr(report, "done", ""), getattr(report, "problems", ""), getattr(report, "next_steps", ""),
    )  # fmt: skip


@router.get("/reminders", response_class=HTMLResponse, include_in_schema=False)
def reminders_page(request: Request, db: DB, actor: CanReview, sent: str = "") -> HTMLResponse:
    s = settings_of(request)
    states = board_of(request, db)
    due = last_due_period(s.as_of().year, s.as_of(), s.cadence, s.grace_days)
    return render(
        request, "reminders.html", active="reminders", states=dash.needs_reminder(states), light_zh=LIGHT_ZH,
        log=store.reminders(db), mail=s.mail is not None, sent=sent, period=due.label if due else "",
    )  # fmt: skip


@router.post("/reminders/{task_id}", include_in_schema=False)
def remind(request: Request, task_id: int, db: DB, actor: CanReview) -> Response:
    """One reminder to the task's lead department: an e-mail to each of its users with an address."""
    s = settings_of(request)
    state = next((x for x in board_of(request, db) if x.task.id == task_id), None)
    if state is None:
        raise HTTPException(404, f"没有进行中的任务 {task_id}")
    addresses = store.recipients(db, state.task.lead)
    reason = f"{state.assessment.zh}：{state.assessment.rule}"
    if not addresses:
        store.log_reminder(db, state.task, "", reason, False, "牵头单位没有登记邮箱的用户", actor.username)
    for to in addresses:
        error = "未配置邮件服务器（GWR_SMTP_HOST）" if s.mail is None else ""
        if s.mail is not None:
            message = compose(to=to, sender=s.mail.sender, department=state.task.lead, task_id=task_id,
                              task_text=state.task.text, assessment=state.assessment)  # fmt: skip
            try:
                send(s.mail, message)
            except (OSError, smtplib.SMTPException) as exc:
                error = f"发送失败：{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
        store.log_reminder(db, state.task, to, reason, not error, error, actor.username)
    return RedirectResponse(f"/reminders?sent={task_id}", status_code=303)


@router.get("/reminders/sheet.docx", include_in_schema=False)
def reminder_sheet(request: Request, db: DB, actor: CanReview) -> Response:
    today = settings_of(request).as_of()
    lines = [_line(x) for x in dash.needs_reminder(board_of(request, db))]
    data = supervision.reminder_docx("督办事项催办单", f"{today.year}年{today.month}月{today.day}日", lines)
    return download(data, DOCX, f"催办单-{today.isoformat()}.docx")


@router.get("/reports/monthly.{fmt}", include_in_schema=False)
def monthly(request: Request, fmt: str, db: DB, actor: CanReview, period: str = "") -> Response:
    s = settings_of(request)
    if fmt not in ("docx", "xlsx"):
        raise HTTPException(404, "月报只有 docx 和 xlsx 两种格式")
    try:
        chosen = period_of(period) if period else last_due_period(s.as_of().year, s.as_of(), s.cadence, s.grace_days)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    if chosen is None:
        chosen = period_of(f"{s.as_of().year}-01")
    reports = store.period_reports(db, chosen.label)
    lines = [_line(x, reports.get(x.task.id)) for x in board_of(request, db)]
    title = "重点工作督办月报"
    if fmt == "docx":
        return download(supervision.monthly_docx(title, chosen.zh(), lines), DOCX, f"督办月报-{chosen.label}.docx")
    return download(supervision.monthly_xlsx(title, chosen.zh(), lines), XLSX, f"督办月报-{chosen.label}.xlsx")
