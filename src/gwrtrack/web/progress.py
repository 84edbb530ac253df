"""进展 pages and API: 签收, a report per period with evidence, the 督查室's accept or return, downloads.

A department user sees and reports on the tasks it leads; the 督查室 (office) sees all, reviews, and may
report on a department's behalf; a leader reads. Every write is a ledger event.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from gwrtrack.errors import GwrError
from gwrtrack.store import progress as store
from gwrtrack.store.models import AttachmentRow, LedgerTaskRow
from gwrtrack.track.attachments import ACCEPTED_ZH, MAX_BYTES
from gwrtrack.track.attachments import check as check_attachment
from gwrtrack.track.progress import LIGHT_ZH, PROGRESS_ZH, SELF_STATUS_ZH, periods
from gwrtrack.track.roles import reports_on, sees_task
from gwrtrack.web.auth import Actor, CanReadTasks, CanReport, CanReview
from gwrtrack.web.deps import DB, answer, evidence, render, settings_of

router = APIRouter(tags=["进展"])


class ReportIn(BaseModel):
    period: str = Field(max_length=8, description="2026-03 (月) or 2026-Q1 (季度)")
    done: str = Field(min_length=1, max_length=4000, description="本期完成情况")
    value: float | None = Field(default=None, description="累计完成值 (quantified tasks)")
    value_source: str = Field(default="", max_length=255, description="where the value comes from")
    problems: str = Field(default="", max_length=4000)
    next_steps: str = Field(default="", max_length=4000)
    self_status: str | None = Field(default=None, description="done | ahead | on_track | lagging")
    version: int | None = Field(default=None, description="the report's version you saw (optimistic locking)")


class ReviewIn(BaseModel):
    accept: bool
    comment: str = Field(default="", max_length=4000)
    version: int | None = None


def _visible_task(db: Session, actor: Actor, task_id: int) -> LedgerTaskRow:
    task = db.get(LedgerTaskRow, task_id)
    if task is None:
        raise HTTPException(404, f"没有编号为 {task_id} 的任务")
    if not sees_task(actor.role, actor.department, task.lead, task.co):
        raise HTTPException(403, "没有权限：这不是你单位的任务")
    return task


def board_of(request: Request, db: Session) -> list[store.TaskState]:
    s = settings_of(request)
    return store.board(db, s.as_of(), s.cadence, s.grace_days)


def visible(actor: Actor, states: list[store.TaskState]) -> list[store.TaskState]:
    return [x for x in states if sees_task(actor.role, actor.department, x.task.lead, x.task.co)]


def state_out(x: store.TaskState) -> dict[str, Any]:
    a = x.assessment
    return {
        "task_id": x.task.id, "text": x.task.text, "lead": x.task.lead, "deadline": x.task.deadline,
        "target_value": x.task.target_value, "target_unit": x.task.target_unit, "signed": x.task.signed_by is not None,
        "progress": a.progress.value, "progress_zh": a.zh, "light": a.light.value, "rule": a.rule, "share": a.share,
        "elapsed": a.elapsed, "last_period": x.latest.period if x.latest else None,
    }  # fmt: skip


@router.get("/api/v1/progress")
def board_api(request: Request, db: DB, actor: CanReadTasks) -> list[dict[str, Any]]:
    """Every open task you may see, with its status and 亮灯 today (the rule in words)."""
    return [state_out(x) for x in visible(actor, board_of(request, db))]


@router.post("/api/v1/ledger/{task_id}/sign")
def sign_api(task_id: int, db: DB, actor: CanReport) -> dict[str, Any]:
    task = answer(lambda: store.sign(db, task_id, actor.username, actor.role, actor.department))
    return {
        "task_id": task.id,
        "signed_by": task.signed_by,
        "signed_at": task.signed_at.isoformat() if task.signed_at else None,
    }


def _report_out(r: Any, files: list[AttachmentRow] | None = None) -> dict[str, Any]:
    return {
        "id": r.id, "task_id": r.task_id, "period": r.period, "done": r.done, "value": r.value,
        "value_source": r.value_source, "problems": r.problems, "next_steps": r.next_steps,
        "self_status": r.self_status, "state": r.state, "comment": r.comment, "author": r.author,
        "version": r.version, "attachments": [{"id": f.id, "name": f.name, "size": f.size} for f in files or []],
    }  # fmt: skip


@router.get("/api/v1/ledger/{task_id}/reports")
def reports_api(task_id: int, db: DB, actor: CanReadTasks) -> list[dict[str, Any]]:
    _visible_task(db, actor, task_id)
    reports = store.reports_of(db, task_id)
    files = store.attachments_of(db, [r.id for r in reports])
    return [_report_out(r, files[r.id]) for r in reports]


@router.post("/api/v1/ledger/{task_id}/reports")
def report_api(task_id: int, body: ReportIn, db: DB, actor: CanReport) -> dict[str, Any]:
    fields = body.model_dump(exclude={"period", "version"})
    return _report_out(answer(lambda: store.submit(
        db, task_id, body.period, author=actor.username, role=actor.role, department=actor.department,
        seen=body.version, **fields,
    )))  # fmt: skip


@router.post("/api/v1/reports/{report_id}/review")
def review_api(report_id: int, body: ReviewIn, db: DB, actor: CanReview) -> dict[str, Any]:
    return _report_out(
        answer(lambda: store.review(db, report_id, body.accept, body.comment, actor.username, body.version))
    )


@router.post("/api/v1/reports/{report_id}/attachments")
def attachment_api(report_id: int, file: Annotated[UploadFile, File()], db: DB, actor: CanReport) -> dict[str, Any]:
    """Evidence for a report (PDF, PNG, JPEG, DOCX, XLSX up to 10 MB; decided from the bytes)."""
    data = file.file.read(MAX_BYTES + 1)
    report = answer(lambda: store.get_report(db, report_id))
    task = db.get(LedgerTaskRow, report.task_id)
    if task is None or not reports_on(actor.role, actor.department, task.lead):
        raise HTTPException(403, "没有权限：这不是你单位的任务")
    row = answer(lambda: store.attach(db, report_id, file.filename or "", data, actor.username))
    return {"id": row.id, "name": row.name, "content_type": row.content_type, "size": row.size}


@router.get("/progress", response_class=HTMLResponse, include_in_schema=False)
def progress_page(request: Request, db: DB, actor: CanReadTasks) -> HTMLResponse:
    states = visible(actor, board_of(request, db))
    return render(request, "progress.html", active="progress", states=states, light_zh=LIGHT_ZH,
                  as_of=settings_of(request).as_of())  # fmt: skip


@router.get("/progress/{task_id}", response_class=HTMLResponse, include_in_schema=False)
def task_page(request: Request, task_id: int, db: DB, actor: CanReadTasks, error: str = "") -> HTMLResponse:
    task = _visible_task(db, actor, task_id)
    state = next((x for x in board_of(request, db) if x.task.id == task_id), None)
    reports = store.reports_of(db, task_id)
    s = settings_of(request)
    year = state.year if state else s.as_of().year
    return render(
        request, "progress_task.html", active="progress", task=task, state=state, reports=reports,
        files=store.attachments_of(db, [r.id for r in reports]), offer=store.offered_value(db, task),
        may_report=reports_on(actor.role, actor.department, task.lead), periods=periods(year, s.cadence),
        self_status=SELF_STATUS_ZH, state_zh=store.STATE_ZH, progress_zh=PROGRESS_ZH, light_zh=LIGHT_ZH,
        accepted=ACCEPTED_ZH, max_mb=MAX_BYTES // (1024 * 1024), error=error,
    )  # fmt: skip


def _back(task_id: int, error: str = "") -> Response:
    where = f"/progress/{task_id}" + (f"?error={quote(error)}" if error else "")
    return RedirectResponse(where, status_code=303)


@router.post("/progress/{task_id}/sign", include_in_schema=False)
def sign_page(task_id: int, db: DB, actor: CanReport) -> Response:
    answer(lambda: store.sign(db, task_id, actor.username, actor.role, actor.department))
    return _back(task_id)


@router.post("/progress/{task_id}/report", include_in_schema=False)
def report_page(
    task_id: int, db: DB, actor: CanReport, period: Annotated[str, Form(max_length=8)],
    done: Annotated[str, Form(max_length=4000)], value: Annotated[str, Form(max_length=32)] = "",
    value_source: Annotated[str, Form(max_length=255)] = "", problems: Annotated[str, Form(max_length=4000)] = "",
    next_steps: Annotated[str, Form(max_length=4000)] = "", self_status: Annotated[str, Form(max_length=16)] = "",
    version: Annotated[str, Form(max_length=12)] = "", evidence: Annotated[UploadFile | None, File()] = None,
) -> Response:  # fmt: skip
    """The report and its file go in together or not at all: everything is checked before anything is written."""
    name = evidence.filename or "" if evidence is not None else ""
    data = evidence.file.read(MAX_BYTES + 1) if evidence is not None and name else b""
    try:
        number = float(value.replace(",", "")) if value.strip() else None
        if data:
            check_attachment(name, data)
        report = store.submit(
            db, task_id, period, author=actor.username, role=actor.role, department=actor.department, done=done,
            value=number, value_source=value_source, problems=problems, next_steps=next_steps,
            self_status=self_status or None, seen=int(version) if version.isdigit() else None,
        )  # fmt: skip
    except ValueError:
        return _back(task_id, "累计完成值须为数字")
    except GwrError as exc:
        return _back(task_id, str(exc))
    if data:
        store.attach(db, report.id, name, data, actor.username)
    return _back(task_id)


@router.post("/progress/reports/{report_id}/review", include_in_schema=False)
def review_page(
    report_id: int, db: DB, actor: CanReview, decision: Annotated[str, Form(max_length=8)],
    comment: Annotated[str, Form(max_length=4000)] = "", version: Annotated[str, Form(max_length=12)] = "",
) -> Response:  # fmt: skip
    report = answer(lambda: store.get_report(db, report_id))
    try:
        store.review(db, report_id, decision == "accept", comment, actor.username,
                     int(version) if version.isdigit() else None)  # fmt: skip
    except GwrError as exc:  # refused before anything changed
        return _back(report.task_id, str(exc))
    return _back(report.task_id)


@router.get("/progress/attachments/{attachment_id}", include_in_schema=False)
def download(attachment_id: int, db: DB, actor: CanReadTasks) -> Response:
    row = db.get(AttachmentRow, attachment_id)
    report = store.get_report(db, row.report_id) if row else None
    if row is None or report is None:
        raise HTTPException(404, "没有这个附件")
    _visible_task(db, actor, report.task_id)
    return evidence(row)
