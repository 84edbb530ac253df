"""The public tracker: per region and year, what became of each promise, for citizens and journalists.

Read-only and open to everyone: the published tasks with their status and light (judged on the reports the
督查室 accepted, never on drafts), the last accepted progress summary and its evidence, and the verdicts
with the target's and the outcome's spans. It never shows the 督查室's comments, returned or unreviewed
reports, or the names of the people who wrote them. Search and filters; a JSON feed; plain pages that load
fast on a phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from gwrtrack.store import outcomes
from gwrtrack.store import progress as store
from gwrtrack.store.models import AttachmentRow, DocumentRow, ProgressReportRow
from gwrtrack.track.progress import LIGHT_ZH, Light
from gwrtrack.web.deps import DB, evidence, render, settings_of
from gwrtrack.web.tracking import span_link

router = APIRouter(tags=["公开"])
MAX_PAGE = 200


@dataclass(frozen=True)
class PublicTask:
    state: store.TaskState
    summary: str
    period: str
    evidence: list[tuple[int, str]]


def _regions(db: Session) -> dict[int, str | None]:
    """Each document's region (not its text: the tracker reads no document)."""
    return {i: r for i, r in db.execute(select(DocumentRow.id, DocumentRow.region))}


def _places(request: Request, db: Session) -> list[tuple[str, int]]:
    """(region, year) of every document some published task comes from."""
    regions = _regions(db)
    seen = {
        (place, x.year)
        for x in store.board(db, settings_of(request).as_of(), accepted_only=True)
        if (place := regions.get(x.task.document_id or 0))
    }
    return sorted(seen, key=lambda p: (p[0], -p[1]))


def _public_tasks(request: Request, db: Session, region: str, year: int) -> list[PublicTask]:
    """Every published task of a region and year, judged on accepted reports (one board)."""
    s = settings_of(request)
    regions = _regions(db)
    states = [
        x
        for x in store.board(db, s.as_of(), s.cadence, s.grace_days, accepted_only=True)
        if x.task.document_id in regions and regions[x.task.document_id] == region and x.year == year
    ]
    ids = [x.latest.id for x in states if x.latest is not None]
    files = store.attachments_of(db, ids)
    return [
        PublicTask(
            x,
            x.latest.done if x.latest else "",
            x.latest.period if x.latest else "",
            [(f.id, f.name) for f in files.get(x.latest.id, [])] if x.latest else [],
        )
        for x in states
    ]


def _filtered(tasks: list[PublicTask], q: str, light: str, lead: str) -> list[PublicTask]:
    return [
        t
        for t in tasks
        if (not q or q in t.state.task.text)
        and (not light or t.state.assessment.light.value == light)
        and (not lead or t.state.task.lead == lead)
    ]


def _verdicts(request: Request, db: Session, region: str, year: int) -> list[outcomes.VerdictView]:
    return outcomes.verdicts(db, request.app.state.indicators, request.app.state.departments, region, year=year)


def _task_out(t: PublicTask) -> dict[str, Any]:
    a = t.state.assessment
    return {
        "id": t.state.task.id, "text": t.state.task.text, "lead": t.state.task.lead, "deadline": t.state.task.deadline,
        "progress": a.progress.value, "progress_zh": a.zh, "light": a.light.value, "rule": a.rule,
        "last_period": t.period or None, "summary": t.summary or None,
        "evidence": [f"/public/attachments/{i}" for i, _name in t.evidence],
        "source": span_link(t.state.task.document_id, t.state.task.start, t.state.task.end)
        if t.state.task.document_id and t.state.task.start is not None and t.state.task.end is not None else None,
    }  # fmt: skip


def _verdict_out(v: outcomes.VerdictView) -> dict[str, Any]:
    j = v.judgement
    return {
        "indicator": j.indicator.name, "verdict": v.verdict, "lead": v.lead,
        "target": {"surface": j.target.surface, "link": span_link(v.target_doc_id, j.target.span.start, j.target.span.end)},
        "outcome": {"surface": j.outcome.surface, "link": span_link(v.outcome_doc_id, j.outcome.span.start, j.outcome.span.end)}
        if j.outcome and v.outcome_doc_id else None,
    }  # fmt: skip


@router.get("/public", response_class=HTMLResponse, include_in_schema=False)
def public_index(request: Request, db: DB) -> HTMLResponse:
    return render(request, "public_index.html", active="public", places=_places(request, db))


@router.get("/public/attachments/{attachment_id}", include_in_schema=False)
def public_evidence(attachment_id: int, db: DB) -> Response:
    """Evidence of an accepted report only (a draft's or a returned report's files stay internal)."""
    row = db.get(AttachmentRow, attachment_id)
    report = db.get(ProgressReportRow, row.report_id) if row else None
    if row is None or report is None or report.state != store.ReportState.ACCEPTED:
        raise HTTPException(404, "没有这个公开材料")
    return evidence(row, private=False)


@router.get("/public/{region}/{year}.json")
def public_feed(request: Request, region: str, year: int, db: DB, q: str = "", light: str = "", lead: str = "",
                offset: int = 0, limit: int = MAX_PAGE) -> dict[str, Any]:  # fmt: skip
    """The public tracker of a region and year as JSON (paged: offset, limit ≤ 200)."""
    tasks = _filtered(_public_tasks(request, db, region, year), q[:100], light, lead[:100])
    page = tasks[max(0, offset) : max(0, offset) + max(1, min(limit, MAX_PAGE))]
    return {
        "region": region, "year": year, "as_of": settings_of(request).as_of().isoformat(), "total": len(tasks),
        "offset": max(0, offset), "tasks": [_task_out(t) for t in page],
        "verdicts": [_verdict_out(v) for v in _verdicts(request, db, region, year)],
    }  # fmt: skip


@router.get("/public/{region}/{year}", response_class=HTMLResponse, include_in_schema=False)
def public_page(
    request: Request, region: str, year: int, db: DB, q: str = "", light: str = "", lead: str = ""
) -> HTMLResponse:
    every = _public_tasks(request, db, region, year)
    tasks = _filtered(every, q[:100], light, lead[:100])
    leads = sorted({t.state.task.lead for t in every if t.state.task.lead})
    return render(
        request, "public.html", active="public", region=region, year=year, tasks=tasks[:MAX_PAGE], total=len(tasks),
        verdicts=_verdicts(request, db, region, year), light_zh=LIGHT_ZH, lights=list(Light), leads=leads, q=q,
        light=light, lead=lead, link=span_link, feed=f"/public/{quote(region)}/{year}.json",
    )  # fmt: skip
