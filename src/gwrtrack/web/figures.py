"""数据 (the figures table and its exports), 指标 (one metric across documents) and 搜索 (full text)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from gwrtrack.document import Kind
from gwrtrack.extract.attributes import Measure, Status
from gwrtrack.store.export import FORMATS, export_bytes
from gwrtrack.store.models import DocumentRow
from gwrtrack.store.queries import SORTABLE, FigureFilter, count, page
from gwrtrack.store.search import search
from gwrtrack.web.charts import Point, charts_by_unit
from gwrtrack.web.deps import DB, render

router = APIRouter(tags=["数据"], include_in_schema=False)
PAGE_SIZE = 50
MEASURES = tuple(m.value for m in Measure)
STATUSES = tuple(s.value for s in Status)
KINDS = tuple(k.value for k in Kind)
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jsonl": "application/x-ndjson",
}


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


@router.get("/figures", response_class=HTMLResponse)
def figures_table(
    request: Request, db: DB, flt: Annotated[FigureFilter, Depends(figure_filter)],
    p: int = 1, sort: str = "start", desc: bool = False,
) -> HTMLResponse:  # fmt: skip
    sort = sort if sort in SORTABLE else "start"
    total = count(db, flt)
    rows = page(db, flt, p, PAGE_SIZE, sort, desc)
    pages = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
    docs = list(db.execute(select(DocumentRow).order_by(DocumentRow.name)).scalars())
    regions = sorted({r for (r,) in db.execute(select(DocumentRow.region).distinct()) if r})
    years = sorted({y for (y,) in db.execute(select(DocumentRow.year).distinct()) if y}, reverse=True)
    query = {k: v for k, v in request.query_params.items() if k not in ("p", "sort", "desc") and v}
    template = "figures_rows.html" if request.headers.get("HX-Request") else "figures.html"
    return render(
        request, template, active="figures", rows=rows, total=total, p=p, pages=pages, sort=sort, desc=desc,
        flt=flt, query=query, docs=docs, regions=regions, years=years, measures=MEASURES, statuses=STATUSES,
        kinds=KINDS, sortable=list(SORTABLE),
    )  # fmt: skip


@router.get("/figures/export")
def figures_export(db: DB, flt: Annotated[FigureFilter, Depends(figure_filter)], fmt: str = "csv") -> Response:
    if fmt not in FORMATS:
        raise HTTPException(400, f"格式须为 {'、'.join(FORMATS)}")
    data = export_bytes(db, flt, fmt)
    headers = {"Content-Disposition": f'attachment; filename="gwrtrack-figures.{fmt}"'}
    return Response(data, media_type=EXPORT_TYPES[fmt], headers=headers)


@router.get("/metric", response_class=HTMLResponse)
def metric_page(request: Request, db: DB, q: str = "", measure: str = "amount") -> HTMLResponse:
    rows = page(db, FigureFilter(metric=q[:100], measure=measure or None), 1, 500, "year") if q else []
    charts = charts_by_unit(Point(f.period, f.unit, f.region, f.status, f.value) for f, _d in rows)
    return render(
        request, "metric.html", active="metric", q=q, measure=measure, rows=rows, charts=charts, measures=MEASURES
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, db: DB, q: str = "") -> HTMLResponse:
    hits = search(db, q[:100], limit=200) if q.strip() else []
    return render(request, "search.html", active="search", q=q, hits=hits)
