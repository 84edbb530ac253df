"""Pages of the 督办 cycle: 分解方案 (tasks), 项目 (project board), 落实 (verdicts), 指标时间线, 干货摘要."""

from __future__ import annotations

from collections import Counter
from functools import partial
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from gwrtrack.errors import GwrError, StaleEditError
from gwrtrack.extract.project_vocab import Stage
from gwrtrack.labels import label
from gwrtrack.link.departments import DepartmentCatalogue
from gwrtrack.link.indicators import IndicatorCatalogue
from gwrtrack.link.projects import ProjectEntity
from gwrtrack.link.verdicts import Verdict
from gwrtrack.report import office
from gwrtrack.report.digest import digest_docx, digest_markdown, make_digest
from gwrtrack.span import Span
from gwrtrack.store import outcomes, progress, project_rows, tracking
from gwrtrack.store.jobs import JobLine, Progress
from gwrtrack.store.models import DocumentRow
from gwrtrack.track.roles import Permission, sees_task
from gwrtrack.web.auth import CanDecideTasks, CanOverride, CanReadTasks, actor_of
from gwrtrack.web.charts import Point, charts_by_unit
from gwrtrack.web.deps import DB, document_or_404, download, render, settings_of
from gwrtrack.web.jobs import start, to_job
from gwrtrack.web.paging import page_from, page_of

OFFICE_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
}
router = APIRouter(tags=["督办"], include_in_schema=False)


def span_link(doc_id: int, start: int, end: int) -> str:
    """The reader at a span, highlighted (the reader's ?at=&n= marks it and scrolls to it)."""
    return f"/doc/{doc_id}?at={start}&n={max(1, end - start)}#hit"


def _download(data: bytes, name: str, fmt: str) -> Response:
    return download(data, OFFICE_TYPES[fmt], f"{name}.{fmt}")


def _departments(request: Request) -> DepartmentCatalogue:
    catalogue: DepartmentCatalogue = request.app.state.departments
    return catalogue


def _indicators(request: Request) -> IndicatorCatalogue:
    catalogue: IndicatorCatalogue = request.app.state.indicators
    return catalogue


def _regions(db: Session) -> list[str]:
    return sorted({r for (r,) in db.execute(select(DocumentRow.region).distinct()) if r})


@router.get("/tasks", response_class=HTMLResponse)
def tasks_page(
    request: Request, db: DB, actor: CanReadTasks, doc: int | None = None, error: str | None = None
) -> HTMLResponse:
    docs = list(db.execute(select(DocumentRow).order_by(DocumentRow.year.desc(), DocumentRow.name)).scalars())
    chosen = next((d for d in docs if d.id == doc), None) or next((d for d in docs if d.kind == "report"), None)
    views = tracking.tasks_of(db, chosen, _departments(request)) if chosen else []
    views = [v for v in views if sees_task(actor.role, actor.department, v.lead, v.co)]  # a department: its own
    orphans = tracking.orphan_decisions(db, chosen) if chosen else []
    leads = Counter(v.lead or "（未分配）" for v in views)
    chart = {"labels": list(leads), "values": list(leads.values())}
    return render(
        request, "tasks.html", active="tasks", docs=docs, doc=chosen, tasks=views, chart=chart,
        departments=_departments(request).names_at(chosen.region if chosen else None), error=error, link=span_link,
        orphans=orphans,
    )  # fmt: skip


@router.post("/tasks/{doc_id}/{start}-{end}", response_class=HTMLResponse)
def set_task(
    request: Request, db: DB, doc_id: int, start: int, end: int, actor: CanDecideTasks,
    lead: Annotated[str, Form(max_length=200)], co: Annotated[str, Form(max_length=200)] = "",
    deadline: Annotated[str, Form(max_length=32)] = "", version: Annotated[int | None, Form()] = None,
) -> HTMLResponse:  # fmt: skip
    doc = document_or_404(db, doc_id)
    departments = _departments(request)
    current = next((t for t in tracking.tasks_of(db, doc, departments) if (t.start, t.end) == (start, end)), None)
    if current is None:
        raise HTTPException(404, "没有这个任务")
    try:  # the form's button is 确认: it confirms the lead even when it is the suggestion
        values = {"lead": lead, "co": co, "deadline": deadline}
        tracking.decide_task(db, doc, current, values, confirm=True, author=actor.username, seen=version)
    except StaleEditError as exc:
        raise HTTPException(409, str(exc)) from None
    except GwrError as exc:
        raise HTTPException(400, str(exc)) from None
    task = next(t for t in tracking.tasks_of(db, doc, departments) if (t.start, t.end) == (start, end))
    edits = tracking.history(db, doc_id, "task", start, end)
    return render(
        request,
        "task_row.html",
        t=task,
        doc=doc,
        edits=edits,
        departments=departments.names_at(doc.region),
        link=span_link,
    )


@router.get("/tasks/{doc_id}/export")
def tasks_export(request: Request, db: DB, doc_id: int, actor: CanReadTasks, fmt: str = "xlsx") -> Response:
    if fmt not in ("xlsx", "docx"):
        raise HTTPException(400, "格式须为 xlsx 或 docx")
    doc = document_or_404(db, doc_id)
    views = tracking.tasks_of(db, doc, _departments(request))
    lines = office.task_lines([v for v in views if sees_task(actor.role, actor.department, v.lead, v.co)])
    title = office.plan_title(doc.region, doc.year)
    data = office.tasks_xlsx(title, lines) if fmt == "xlsx" else office.tasks_docx(title, lines)
    return _download(data, title, fmt)


@router.post("/tasks/import", response_class=HTMLResponse)
def tasks_import(request: Request, file: Annotated[UploadFile, File()], actor: CanDecideTasks) -> Response:
    """The sheet is read now (bounded); checking and applying it run as a background job (``/jobs/{id}``)."""
    data = file.file.read(20 * 1024 * 1024)
    work = partial(import_sheet, request.app.state.sessions, data, _departments(request), actor.username)
    return to_job(start(request, "import", actor.username, 2, work))


def import_sheet(
    sessions: sessionmaker[Session], data: bytes, departments: DepartmentCatalogue, author: str, progress: Progress
) -> None:
    """The import job: every row checked first (a bad row imports nothing, listed by row), then applied."""
    progress.stage("读取并校验表格", 0)
    rows = office.read_tasks_xlsx(data)
    progress.stage(f"写入 {len(rows)} 行", 1)
    with sessions.begin() as db:
        changed = tracking.import_tasks(db, rows, departments, author)
        doc_id = db.execute(select(DocumentRow.id).where(DocumentRow.name == rows[0].doc)).scalar() if rows else None
    progress.line(JobLine("imported", "分解方案", f"{len(rows)} 行，{changed} 处修改"), 2)
    progress.finish(True, f"已导入，{changed} 处修改", f"/tasks?doc={doc_id or ''}&imported={changed}")


#: Mentions shown per project on the board (the latest; a search for the project shows them all).
MENTIONS_SHOWN = 12


@router.get("/projects", response_class=HTMLResponse)
def projects_page(request: Request, db: DB, region: str = "", q: str = "", page: int = 1) -> HTMLResponse:
    """One page of the project board, read from the stored entities (linked per region when documents change)."""
    chosen = region or None
    outcomes.make_current(db, _indicators(request))
    stages = project_rows.stages(db, chosen, q)
    chart = {"labels": [label("stage", s) for s in Stage], "values": [stages.get(s, 0) for s in Stage]}

    def fetch(offset: int, limit: int) -> list[ProjectEntity]:
        return project_rows.read(db, chosen, q, offset, limit)

    shown = page_from(fetch, project_rows.count(db, chosen, q), page, {"region": region, "q": q})
    return render(
        request, "projects.html", active="projects", regions=_regions(db), region=region, q=q,
        chart=chart, link=span_link, page=shown, MENTIONS_SHOWN=MENTIONS_SHOWN,
    )  # fmt: skip


@router.get("/verdicts", response_class=HTMLResponse)
def verdicts_page(request: Request, db: DB, region: str = "", page: int = 1) -> HTMLResponse:
    """One page of the 落实情况表, read from the stored rows (the whole table is never judged per request)."""
    indicators, chosen = _indicators(request), region or None
    tally = outcomes.verdict_tally(db, indicators, chosen)
    chart = {"labels": [v.value for v in Verdict], "values": [tally.get(v.value, 0) for v in Verdict]}

    def fetch(offset: int, limit: int) -> list[outcomes.VerdictView]:
        return outcomes.verdicts(db, indicators, _departments(request), chosen, offset=offset, limit=limit)

    shown = page_from(fetch, sum(tally.values()), page, {"region": region})
    return render(
        request, "verdicts.html", active="verdicts", regions=_regions(db), region=region,
        verdicts=[v.value for v in Verdict], chart=chart, link=span_link, page=shown,
    )  # fmt: skip


@router.post("/verdicts/{doc_id}/{start}-{end}", response_class=HTMLResponse)
def override(
    request: Request, db: DB, doc_id: int, start: int, end: int, actor: CanOverride,
    verdict: Annotated[str, Form(max_length=16)], reason: Annotated[str, Form(max_length=2000)] = "",
    version: Annotated[int | None, Form()] = None,
) -> HTMLResponse:  # fmt: skip
    doc = document_or_404(db, doc_id)
    try:
        tracking.override_verdict(db, doc, start, end, verdict, reason, actor.username, seen=version)
    except StaleEditError as exc:
        raise HTTPException(409, str(exc)) from None
    except GwrError as exc:
        raise HTTPException(400, str(exc)) from None
    edits = tracking.history(db, doc_id, "verdict", start, end)
    return render(request, "verdict_history.html", edits=edits)


@router.get("/verdicts/export")
def verdicts_export(request: Request, db: DB, region: str = "", fmt: str = "xlsx") -> Response:
    if fmt not in ("xlsx", "docx"):
        raise HTTPException(400, "格式须为 xlsx 或 docx")
    views = outcomes.verdicts(db, _indicators(request), _departments(request), region or None)
    s = settings_of(request)
    internal = actor_of(request).can(Permission.READ_TASKS)  # the public sees accepted reports only
    states = progress.board(db, s.as_of(), s.cadence, s.grace_days, accepted_only=not internal)
    lines = office.verdict_lines(
        views, lambda doc_id: tracking.document_text(db, doc_id), progress.ledger_status_at(states)
    )
    title = f"{region}政府工作报告主要指标落实情况表"
    data = office.verdicts_xlsx(title, lines) if fmt == "xlsx" else office.verdicts_docx(title, lines)
    return _download(data, title, fmt)


@router.get("/indicators", response_class=HTMLResponse)
def indicators_page(request: Request, db: DB, name: str = "", region: str = "", page: int = 1) -> HTMLResponse:
    """An indicator's figures across regions and years: counted per metric in SQL, the chosen one's read alone."""
    catalogue = _indicators(request)
    by_metric = outcomes.metric_counts(db)
    counts: Counter[str] = Counter()
    for metric, n in by_metric:
        if (found := catalogue.match(metric)) is not None:
            counts[found.name] += n
    chosen = catalogue.by_name(name) if name else None
    of_indicator = outcomes.facts_of_metrics(db, [m for m, _n in by_metric if catalogue.match(m) == chosen]) \
        if chosen else []  # fmt: skip
    regions = sorted({f.region for f in of_indicator if f.region})
    rows = [f for f in of_indicator if not region or f.region == region]
    charts = charts_by_unit(Point(f.period, f.unit, f.region, f.status, f.value) for f in rows)
    return render(
        request, "indicators.html", active="indicators", catalogue=catalogue.indicators, counts=counts,
        chosen=chosen, page=page_of(rows, page, {"name": name, "region": region}), charts=charts, region=region,
        regions=regions, link=span_link,
    )  # fmt: skip


@router.get("/digest/{doc_id}", response_class=HTMLResponse)
def digest_page(request: Request, db: DB, doc_id: int, fmt: str = "") -> Response:
    doc = document_or_404(db, doc_id)
    made = make_digest(tracking.extraction_of(doc), _indicators(request))

    def to(span: Span) -> str:
        return (
            str(request.base_url).rstrip("/") + span_link(doc_id, span.start, span.end)
            if fmt
            else span_link(doc_id, span.start, span.end)
        )

    if fmt == "md":
        return _download(digest_markdown(made, to).encode("utf-8"), made.title, "md")
    if fmt == "docx":
        return _download(digest_docx(made, to), made.title, "docx")
    return render(request, "digest.html", active="library", doc=doc, digest=made, link=to, size=len(made))
