"""JSON API of the 督办 cycle under /api/v1: tasks and decisions, projects, verdicts and overrides, digests."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field

from gwrtrack.errors import GwrError, StaleEditError
from gwrtrack.link.departments import DepartmentCatalogue
from gwrtrack.link.indicators import IndicatorCatalogue
from gwrtrack.report.digest import make_digest
from gwrtrack.store import outcomes, tracking
from gwrtrack.store.models import DocumentRow
from gwrtrack.track.roles import sees_task
from gwrtrack.web.auth import CanDecideTasks, CanOverride, CanReadTasks
from gwrtrack.web.deps import DB

#: The longest page ``limit`` may ask for.
MAX_PAGE = 1000

router = APIRouter(prefix="/api/v1", tags=["tracking"])


class TaskDecisionIn(BaseModel):
    field: str = Field(description="lead (牵头单位), co (责任单位) or deadline (完成时限)")
    value: str = Field(max_length=200)
    version: int | None = Field(default=None, description="the task's version you saw (optimistic locking)")


class OverrideIn(BaseModel):
    verdict: str = Field(description="已完成, 超额完成, 未完成, 无数据 or 待上级数据")
    reason: str = Field(min_length=1, max_length=2000)
    version: int | None = Field(default=None, description="the verdict's version you saw (optimistic locking)")


def _catalogues(request: Request) -> tuple[IndicatorCatalogue, DepartmentCatalogue]:
    return request.app.state.indicators, request.app.state.departments


def _doc(db: DB, doc_id: int) -> DocumentRow:
    doc = db.get(DocumentRow, doc_id)
    if doc is None:
        raise HTTPException(404, "没有这个文件")
    return doc


def _task(t: tracking.TaskView) -> dict[str, Any]:
    return {
        "n": t.n, "start": t.start, "end": t.end, "text": t.text, "section": t.section, "headline": t.headline,
        "lead": t.lead, "co": t.co, "deadline": t.deadline, "confirmed": t.confirmed,
        "suggested_lead": t.suggested_lead, "suggested_co": t.suggested_co,
        "figures": list(t.figures), "projects": list(t.projects), "version": t.version,
    }  # fmt: skip


@router.get("/documents/{doc_id}/tasks")
def tasks(request: Request, doc_id: int, db: DB, actor: CanReadTasks) -> list[dict[str, Any]]:
    views = tracking.tasks_of(db, _doc(db, doc_id), _catalogues(request)[1])
    return [_task(t) for t in views if sees_task(actor.role, actor.department, t.lead, t.co)]


@router.put("/documents/{doc_id}/tasks/{start}-{end}")
def decide(
    request: Request, doc_id: int, start: int, end: int, body: TaskDecisionIn, db: DB, actor: CanDecideTasks
) -> dict[str, Any]:
    doc = _doc(db, doc_id)
    try:
        tracking.set_task(db, doc, start, end, body.field, body.value, actor.username, seen=body.version)
    except StaleEditError as exc:
        raise HTTPException(409, str(exc)) from None
    except GwrError as exc:
        raise HTTPException(422, str(exc)) from None
    task = next(t for t in tracking.tasks_of(db, doc, _catalogues(request)[1]) if (t.start, t.end) == (start, end))
    return _task(task)


@router.get("/projects")
def projects(
    request: Request, db: DB, region: str | None = None, q: str = "", offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int | None, Query(ge=1, le=MAX_PAGE)] = None,
) -> list[dict[str, Any]]:  # fmt: skip
    """Projects with the most mentions first, each with its mentions; ``q`` searches names and mentions;
    ``offset`` and ``limit`` read one page."""
    return [
        {
            "name": e.name,
            "kind": e.kind,
            "latest_status": e.latest_status.value,
            "mentions": [
                {"document_id": m.doc_id, "document": m.doc, "year": m.year} | m.mention.as_record(m.doc)
                for m in e.mentions
            ],
        }
        for e in tracking.project_entities(db, request.app.state.indicators, region, q, offset, limit)
    ]


def _fact(f: Any, doc_id: int | None) -> dict[str, Any] | None:
    if f is None:
        return None
    return {"document_id": doc_id, "document": f.doc, "start": f.span.start, "end": f.span.end, "surface": f.surface,
            "metric": f.metric, "region": f.region, "period": f.period}  # fmt: skip


@router.get("/verdicts")
def verdicts(
    request: Request, db: DB, region: str | None = None, year: int | None = None, indicator: str | None = None,
    offset: Annotated[int, Query(ge=0)] = 0, limit: Annotated[int | None, Query(ge=1, le=MAX_PAGE)] = None,
) -> list[dict[str, Any]]:  # fmt: skip
    """The rows of the 落实情况表 in table order, filtered in the store; ``offset`` and ``limit`` read one page
    (without them every row, which at corpus size is tens of megabytes)."""
    out = []
    rows = outcomes.verdicts(db, *_catalogues(request), region, year=year, indicator=indicator, offset=offset,
                             limit=limit)  # fmt: skip
    for v in rows:
        j = v.judgement
        out.append(
            {
                "indicator": j.indicator.name,
                "verdict": v.verdict,
                "computed": j.verdict.value,
                "basis": j.basis.value if j.basis is not None else None,
                "reason": j.reason,
                "override": {"verdict": v.override.after, "reason": v.override.note, "author": v.override.author}
                if v.override
                else None,
                "lead": v.lead,
                "target": _fact(j.target, v.target_doc_id),
                "restated": [_fact(f, v.target_doc_id) for f in j.also],
                "outcome": _fact(j.outcome, v.outcome_doc_id),
                "reference": _fact(j.reference, v.reference_doc_id),
            }
        )
    return out


@router.post("/verdicts/{doc_id}/{start}-{end}")
def override(doc_id: int, start: int, end: int, body: OverrideIn, db: DB, actor: CanOverride) -> dict[str, Any]:
    try:
        edit = tracking.override_verdict(
            db, _doc(db, doc_id), start, end, body.verdict, body.reason, actor.username, seen=body.version
        )
    except StaleEditError as exc:
        raise HTTPException(409, str(exc)) from None
    except GwrError as exc:
        raise HTTPException(422, str(exc)) from None
    return {"verdict": edit.after, "before": edit.before, "reason": edit.note, "author": edit.author}


@router.get("/documents/{doc_id}/digest")
def digest(request: Request, doc_id: int, db: DB) -> dict[str, Any]:
    made = make_digest(tracking.extraction_of(_doc(db, doc_id)), _catalogues(request)[0])
    return {
        "title": made.title,
        "chars": len(made),
        "sections": [
            {
                "title": s.title,
                "lines": [
                    {"text": x.text, "start": x.span.start, "end": x.span.end, "group": x.group} for x in s.lines
                ],
            }
            for s in made.sections
        ],
    }
