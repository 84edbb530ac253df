"""台账 (the 督办 ledger): published tasks with stable ids, as a page and a JSON API."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from gwrtrack.store import ledger as store
from gwrtrack.store.models import LedgerTaskRow
from gwrtrack.track.ledger import STATUS_ZH, TaskStatus
from gwrtrack.track.roles import sees_task
from gwrtrack.web.auth import Actor, CanDecideTasks, CanReadTasks
from gwrtrack.web.deps import DB, answer, document_or_404, render

router = APIRouter(tags=["台账"])


class AddIn(BaseModel):
    text: str = Field(min_length=1, max_length=2000)
    lead: str = Field(default="", max_length=200)
    co: str = Field(default="", max_length=200)
    deadline: str = Field(default="", max_length=32)
    reason: str = Field(default="", max_length=2000, description="where it comes from: 领导批示, 人大建议 …")


class ReasonIn(BaseModel):
    reason: str = Field(min_length=2, max_length=2000)
    version: int | None = Field(default=None, description="the task's version you saw (optimistic locking)")


class PartIn(BaseModel):
    text: str = Field(max_length=2000)
    lead: str = Field(max_length=200)


class SplitIn(ReasonIn):
    parts: list[PartIn] = Field(min_length=2, max_length=20)


class MilestoneIn(BaseModel):
    quarter: str = Field(max_length=8, description="一季度 … 四季度, or Q1 … Q4")
    goal: str = Field(max_length=500)


class MilestonesIn(BaseModel):
    milestones: list[MilestoneIn] = Field(max_length=4)
    version: int | None = Field(default=None, description="the task's version you saw (optimistic locking)")


class MergeIn(BaseModel):
    ids: list[int] = Field(min_length=2, max_length=20)
    reason: str = Field(min_length=2, max_length=2000)


def _out(t: LedgerTaskRow) -> dict[str, Any]:
    return {
        "id": t.id, "document_id": t.document_id, "start": t.start, "end": t.end, "text": t.text,
        "section": t.section, "lead": t.lead, "co": t.co, "deadline": t.deadline, "due": t.due,
        "target_value": t.target_value, "target_unit": t.target_unit, "status": t.status, "origin": t.origin,
        "parent_id": t.parent_id, "needs_review": t.needs_review, "version": t.version,
        "milestones": json.loads(t.milestones) if t.milestones else [],
    }  # fmt: skip


def _visible(actor: Actor, tasks: list[LedgerTaskRow]) -> list[LedgerTaskRow]:
    return [t for t in tasks if sees_task(actor.role, actor.department, t.lead, t.co)]


@router.get("/api/v1/ledger")
def ledger_api(db: DB, actor: CanReadTasks, doc: int | None = None) -> list[dict[str, Any]]:
    return [_out(t) for t in _visible(actor, store.ledger(db, doc))]


@router.post("/api/v1/documents/{doc_id}/publish")
def publish_api(request: Request, doc_id: int, db: DB, actor: CanDecideTasks) -> dict[str, Any]:
    added = store.publish(db, document_or_404(db, doc_id), request.app.state.departments, actor.username)
    return {"published": len(added), "ids": [t.id for t in added]}


@router.post("/api/v1/ledger")
def add_api(body: AddIn, db: DB, actor: CanDecideTasks) -> dict[str, Any]:
    return _out(
        answer(lambda: store.add_task(db, body.text, body.lead, actor.username, body.co, body.deadline, body.reason))
    )


@router.post("/api/v1/ledger/{task_id}/cancel")
def cancel_api(task_id: int, body: ReasonIn, db: DB, actor: CanDecideTasks) -> dict[str, Any]:
    return _out(answer(lambda: store.cancel(db, task_id, body.reason, actor.username, body.version)))


@router.post("/api/v1/ledger/{task_id}/split")
def split_api(task_id: int, body: SplitIn, db: DB, actor: CanDecideTasks) -> list[dict[str, Any]]:
    parts = [(p.text, p.lead) for p in body.parts]
    return [_out(t) for t in answer(lambda: store.split(db, task_id, parts, body.reason, actor.username, body.version))]


@router.put("/api/v1/ledger/{task_id}/milestones")
def milestones_api(task_id: int, body: MilestonesIn, db: DB, actor: CanDecideTasks) -> dict[str, Any]:
    items = [(m.quarter, m.goal) for m in body.milestones]
    return _out(answer(lambda: store.set_milestones(db, task_id, items, actor.username, body.version)))


@router.post("/api/v1/ledger/merge")
def merge_api(body: MergeIn, db: DB, actor: CanDecideTasks) -> dict[str, Any]:
    return _out(answer(lambda: store.merge(db, body.ids, body.reason, actor.username)))


@router.get("/api/v1/ledger/{task_id}/history")
def history_api(task_id: int, db: DB, actor: CanReadTasks) -> list[dict[str, Any]]:
    task = answer(lambda: store.get_task(db, task_id))
    if not _visible(actor, [task]):
        raise HTTPException(403, "没有权限")
    return [
        {"action": e.action, "field": e.field, "before": e.before, "after": e.after, "reason": e.reason,
         "author": e.author, "address": e.address, "at": e.created_at.isoformat() if e.created_at else None}
        for e in store.events(db, task_id)
    ]  # fmt: skip


@router.get("/ledger", response_class=HTMLResponse, include_in_schema=False)
def ledger_page(request: Request, db: DB, actor: CanReadTasks, doc: int | None = None) -> HTMLResponse:
    tasks = _visible(actor, store.ledger(db, doc))
    return render(
        request, "ledger.html", active="ledger", tasks=tasks, status_zh={s.value: z for s, z in STATUS_ZH.items()},
        open=TaskStatus.OPEN.value, doc=doc,
    )  # fmt: skip


@router.post("/tasks/{doc_id}/publish", include_in_schema=False)
def publish_page(request: Request, doc_id: int, db: DB, actor: CanDecideTasks) -> Response:
    store.publish(db, document_or_404(db, doc_id), request.app.state.departments, actor.username)
    return RedirectResponse(f"/ledger?doc={doc_id}", status_code=303)


@router.post("/ledger/{task_id}/cancel", include_in_schema=False)
def cancel_page(
    request: Request, task_id: int, db: DB, actor: CanDecideTasks, reason: Annotated[str, Form(max_length=2000)] = "",
    version: Annotated[int | None, Form()] = None,
) -> Response:  # fmt: skip
    answer(lambda: store.cancel(db, task_id, reason, actor.username, version))
    return RedirectResponse("/ledger", status_code=303)
