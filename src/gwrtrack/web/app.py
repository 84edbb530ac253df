"""Pages of the web app: 文库 (library), 阅读 (reader), 数据 (figures table), 指标 (metric), 搜索 (search)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from gwrtrack.errors import GwrError
from gwrtrack.store import corrections
from gwrtrack.store.db import open_store
from gwrtrack.store.export import FORMATS, export_bytes
from gwrtrack.store.library import store_document
from gwrtrack.store.models import DocumentRow, FigureRow, FootnoteRow, HeadingRow
from gwrtrack.store.queries import SORTABLE, FigureFilter, count, counts_by_document, page
from gwrtrack.store.search import search
from gwrtrack.web.deps import DB
from gwrtrack.web.render import reader_html

HERE = Path(__file__).parent
PAGE_SIZE = 50
MEASURES = ("amount", "growth", "rate", "change", "rank")
STATUSES = ("actual", "expected", "target", "other")
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jsonl": "application/x-ndjson",
}


@dataclass(frozen=True)
class WebSettings:
    database_url: str
    author: str = "web"
    max_upload_bytes: int = 20 * 1024 * 1024
    indicators: Path | None = None  # catalogue files; None: the bundled ones
    departments: Path | None = None


def create_app(settings: WebSettings) -> FastAPI:
    sessions = open_store(settings.database_url)
    app = FastAPI(title="gwrtrack 政府工作报告数据追踪", docs_url="/api/docs", openapi_url="/api/v1/openapi.json")
    app.state.sessions = sessions
    app.state.settings = settings
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    from gwrtrack.web.cache import ResponseCache

    app.middleware("http")(ResponseCache(sessions))
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.filters["num"] = _number

    from gwrtrack.web.api import router

    app.include_router(router)
    _pages(app, templates, sessions, settings)
    from gwrtrack.link.departments import load_departments
    from gwrtrack.link.indicators import load_indicators
    from gwrtrack.web.tracking import tracking_pages

    def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status_code)

    catalogues = load_indicators(settings.indicators), load_departments(settings.departments)
    app.state.indicators, app.state.departments = catalogues
    tracking_pages(app, render, settings.author, *catalogues)
    from gwrtrack.web.api_tracking import router as tracking_router

    app.include_router(tracking_router)
    return app


def app_from_env() -> FastAPI:
    """The app for ``uvicorn --factory`` (several workers): settings from GWR_* variables."""
    from gwrtrack.settings import Settings

    settings = Settings()
    return create_app(web_settings(settings, settings.url()))


def web_settings(settings: Any, url: str) -> WebSettings:
    """The web app's settings from the program's (GWR_* variables)."""
    return WebSettings(
        database_url=url,
        author=settings.author,
        indicators=settings.indicator_path(),
        departments=settings.department_path(),
    )


def figure_filter(
    region: str | None = None,
    year: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    measure: str | None = None,
    metric: str | None = None,
    section: str | None = None,
    doc: str | None = None,
) -> FigureFilter:
    """The table's filters from a query string; empty fields mean no filter."""
    return FigureFilter(
        region=region or None,
        year=int(year) if year and year.isdigit() else None,
        kind=kind or None,
        status=status or None,
        measure=measure or None,
        metric=metric or None,
        section=section or None,
        document_id=int(doc) if doc and doc.isdigit() else None,
    )


def _pages(app: FastAPI, templates: Jinja2Templates, sessions: sessionmaker[Session], settings: WebSettings) -> None:
    def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status_code)

    @app.get("/", response_class=HTMLResponse)
    def library(request: Request, db: DB, error: str | None = None) -> HTMLResponse:
        return _library(request, db, error)

    def _library(request: Request, db: Session, error: str | None, status_code: int = 200) -> HTMLResponse:
        docs = list(db.execute(select(DocumentRow).order_by(DocumentRow.year.desc(), DocumentRow.name)).scalars())
        counts = counts_by_document(db, include_not_figures=True)
        return render(request, "library.html", status_code=status_code, docs=docs, counts=counts, error=error)

    @app.post("/upload")
    async def upload(request: Request, file: Annotated[UploadFile, File()]) -> Response:
        import gwrtrack
        from gwrtrack.ingest.reader import supported_suffixes

        name = Path(file.filename or "upload.txt").name  # never a path: only the base name is kept
        if Path(name).suffix.lower() not in supported_suffixes():
            return _library_error(request, f"{name}: 不支持的文件类型（支持 {' '.join(supported_suffixes())}）")
        data = await file.read(settings.max_upload_bytes + 1)
        if len(data) > settings.max_upload_bytes:
            return _library_error(request, f"{name}: 文件超过 {settings.max_upload_bytes // (1024 * 1024)} MB 上限")
        try:
            document = gwrtrack.read(data, name=name)
        except GwrError as exc:
            return _library_error(request, str(exc))
        with sessions.begin() as db:
            stored = store_document(db, document)
            doc_id = stored.document.id
        return RedirectResponse(f"/doc/{doc_id}", status_code=303)

    def _library_error(request: Request, message: str) -> HTMLResponse:
        with sessions() as db:
            return _library(request, db, message, status_code=400)

    @app.get("/doc/{doc_id}", response_class=HTMLResponse)
    def reader(request: Request, doc_id: int, db: DB, at: int | None = None, n: int = 0) -> HTMLResponse:
        doc = db.get(DocumentRow, doc_id)
        if doc is None:
            raise HTTPException(404, "没有这个文件")
        figures = list(
            db.execute(select(FigureRow).where(FigureRow.document_id == doc_id).order_by(FigureRow.start)).scalars()
        )
        headings = list(
            db.execute(select(HeadingRow).where(HeadingRow.document_id == doc_id).order_by(HeadingRow.start)).scalars()
        )
        notes = list(
            db.execute(
                select(FootnoteRow).where(FootnoteRow.document_id == doc_id).order_by(FootnoteRow.start)
            ).scalars()
        )
        hit = (at, at + max(1, min(n, 64))) if at is not None and 0 <= at < len(doc.text) else None
        body = reader_html(doc.text, figures, headings, notes, hit)
        return render(request, "reader.html", doc=doc, body=body, headings=headings, figures=figures)

    @app.get("/figure/{figure_id}", response_class=HTMLResponse)
    def figure_detail(request: Request, figure_id: int, db: DB) -> HTMLResponse:
        fig = db.get(FigureRow, figure_id)
        if fig is None:
            raise HTTPException(404, "没有这个数据")
        return _detail(request, db, fig)

    def _detail(request: Request, db: Session, fig: FigureRow, error: str | None = None) -> HTMLResponse:
        edits = corrections.history(db, fig)
        indicator = request.app.state.indicators.match(fig.metric)
        return render(
            request, "figure_detail.html", fig=fig, edits=edits, error=error, editable=corrections.EDITABLE,
            indicator=indicator,
        )  # fmt: skip

    @app.post("/figure/{figure_id}/correct", response_class=HTMLResponse)
    def correct(
        request: Request, figure_id: int, db: DB, field: Annotated[str, Form()], value: Annotated[str, Form()]
    ) -> HTMLResponse:
        try:
            fig = corrections.correct(db, figure_id, field, value, settings.author)
        except corrections.CorrectionError as exc:
            current = db.get(FigureRow, figure_id)
            if current is None:
                raise HTTPException(404, "没有这个数据") from None
            return _detail(request, db, current, str(exc))
        db.flush()
        return _detail(request, db, fig)

    @app.post("/figure/{figure_id}/not-figure", response_class=HTMLResponse)
    def not_figure(request: Request, figure_id: int, db: DB, undo: Annotated[str, Form()] = "") -> HTMLResponse:
        try:
            fig = corrections.mark_not_figure(db, figure_id, settings.author, not_figure=not undo)
        except corrections.CorrectionError as exc:
            raise HTTPException(404, str(exc)) from None
        db.flush()
        return _detail(request, db, fig)

    @app.post("/doc/{doc_id}/figures", response_class=HTMLResponse)
    def add_figure(
        request: Request, doc_id: int, db: DB, start: Annotated[int, Form()], end: Annotated[int, Form()]
    ) -> HTMLResponse:
        try:
            fig = corrections.add_figure(db, doc_id, start, end, settings.author)
        except corrections.CorrectionError as exc:
            raise HTTPException(400, str(exc)) from None
        return _detail(request, db, fig)

    @app.get("/figures", response_class=HTMLResponse)
    def figures_table(
        request: Request, db: DB, flt: Annotated[FigureFilter, Depends(figure_filter)],
        p: int = 1, sort: str = "start", desc: bool = False,
    ) -> HTMLResponse:  # fmt: skip
        sort = sort if sort in SORTABLE else "start"
        total = count(db, flt)
        rows = page(db, flt, p, PAGE_SIZE, sort, desc)
        pages = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
        docs = list(db.execute(select(DocumentRow.id, DocumentRow.name).order_by(DocumentRow.name)).all())
        regions = sorted({r for (r,) in db.execute(select(DocumentRow.region).distinct()) if r})
        years = sorted({y for (y,) in db.execute(select(DocumentRow.year).distinct()) if y}, reverse=True)
        query = {k: v for k, v in request.query_params.items() if k not in ("p", "sort", "desc") and v}
        template = "figures_rows.html" if request.headers.get("HX-Request") else "figures.html"
        return render(
            request, template, rows=rows, total=total, p=p, pages=pages, sort=sort, desc=desc, flt=flt, query=query,
            docs=docs, regions=regions, years=years, measures=MEASURES, statuses=STATUSES, sortable=list(SORTABLE),
        )  # fmt: skip

    @app.get("/figures/export")
    def figures_export(db: DB, flt: Annotated[FigureFilter, Depends(figure_filter)], fmt: str = "csv") -> Response:
        if fmt not in FORMATS:
            raise HTTPException(400, f"格式须为 {', '.join(FORMATS)}")
        data = export_bytes(db, flt, fmt)
        headers = {"Content-Disposition": f'attachment; filename="gwrtrack-figures.{fmt}"'}
        return Response(data, media_type=EXPORT_TYPES[fmt], headers=headers)

    @app.get("/metric", response_class=HTMLResponse)
    def metric_page(request: Request, db: DB, q: str = "", measure: str = "amount") -> HTMLResponse:
        rows = page(db, FigureFilter(metric=q, measure=measure or None), 1, 500, "year") if q else []
        series = _metric_series(rows)
        return render(request, "metric.html", q=q, measure=measure, rows=rows, series=series, measures=MEASURES)

    @app.get("/search", response_class=HTMLResponse)
    def search_page(request: Request, db: DB, q: str = "") -> HTMLResponse:
        hits = search(db, q[:100], limit=200) if q.strip() else []
        return render(request, "search.html", q=q, hits=hits)


def _number(x: float | None) -> str:
    """1995.5 → 1995.5, 199550000000.0 → 199550000000 (no exponent, no trailing .0)."""
    if x is None:
        return ""
    return f"{x:.10f}".rstrip("0").rstrip(".")


def _metric_series(rows: list[tuple[FigureRow, DocumentRow]]) -> dict[str, Any]:
    """Chart data: x = period and region (time runs left to right), one series per status and unit."""

    def label(f: FigureRow) -> str:
        return f"{f.period or '?'} {f.region}".strip()

    labels = sorted({label(f) for f, _d in rows})
    series: dict[str, list[float | None]] = {}
    for f, _d in rows:
        key = f"{f.status} ({f.unit or '无单位'})"
        values = series.setdefault(key, [None] * len(labels))
        i = labels.index(label(f))
        if values[i] is None:  # the first figure of a document for this series
            values[i] = f.value
    return {"labels": labels, "series": [{"name": k, "data": v} for k, v in series.items()]}
