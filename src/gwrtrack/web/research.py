"""The researcher's view: 比较 (every region's target and outcome for an indicator and year), 层层加码 (a
city's target beside its province's and the nation's), 趋势 (one region across years, and the share of
targets met), and the dataset (CSV, XLSX, Parquet; JSON with paging). Public, read-only."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from gwrtrack.link import compare
from gwrtrack.report import dataset
from gwrtrack.store import tracking
from gwrtrack.web.cache import store_version
from gwrtrack.web.deps import DB, download, render
from gwrtrack.web.tracking import span_link

router = APIRouter(tags=["研究"])
MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}
MAX_PAGE = 1000


def _rows(request: Request, db: Session, region: str | None = None) -> list[dict[str, Any]]:
    """The dataset's rows, computed once per version of the store (judging every stored target across the whole
    corpus takes seconds; each page then filters them) and kept for the newest version only."""
    state = request.app.state
    version = store_version(state.sessions)
    memo: tuple[tuple[int, ...], list[dict[str, Any]]] | None = getattr(state, "dataset_rows", None)
    if memo is None or memo[0] != version:
        views = tracking.verdicts(db, state.indicators, state.departments)
        memo = version, dataset.rows(views, lambda doc_id: tracking.document_text(db, doc_id))
        state.dataset_rows = memo
    return memo[1] if region is None else [r for r in memo[1] if r["region"] == region]


@router.get("/api/v1/dataset")
def dataset_api(request: Request, db: DB, region: str = "", indicator: str = "", year: int | None = None,
                offset: int = 0, limit: int = 100) -> dict[str, Any]:  # fmt: skip
    """Targets with their outcomes and verdicts, one grounded row each (the columns of /dataset.csv), paged."""
    rows = [
        r for r in _rows(request, db, region or None)
        if (not indicator or r["indicator"] == indicator) and (year is None or r["year"] == year)
    ]  # fmt: skip
    start, size = max(0, offset), max(1, min(limit, MAX_PAGE))
    return {"total": len(rows), "offset": start, "rows": rows[start : start + size],
            "dictionary": [{"column": c, "type": t, "meaning": m} for c, t, m in dataset.DICTIONARY]}  # fmt: skip


@router.get("/dataset.{fmt}", include_in_schema=False)
def dataset_download(request: Request, fmt: str, db: DB, region: str = "") -> Response:
    writer = dataset.WRITERS.get(fmt)
    if writer is None:
        raise HTTPException(404, "数据集只有 csv、xlsx、parquet 三种格式")
    name = f"gwrtrack-targets{('-' + region) if region else ''}.{fmt}"
    return download(writer(_rows(request, db, region or None)), MEDIA[fmt], name)


def _choice(rows: list[dict[str, Any]], indicator: str, year: int | None) -> tuple[str, int | None, list[int]]:
    names = compare.indicators(rows)
    chosen = indicator or (names[0][0] if names else "")
    years = sorted({r["year"] for r in rows if r["indicator"] == chosen and r["year"]}, reverse=True)
    return chosen, year or (years[0] if years else None), years


@router.get("/compare", response_class=HTMLResponse, include_in_schema=False)
def compare_page(request: Request, db: DB, indicator: str = "", year: int | None = None) -> HTMLResponse:
    rows = _rows(request, db)
    chosen, chosen_year, years = _choice(rows, indicator, year)
    items = sorted(compare.headline(compare.of(rows, chosen, chosen_year)),
                   key=lambda r: (r["target_measure"], -float(r["target_value"])))  # fmt: skip
    charts = []
    for measure in sorted({r["target_measure"] for r in items}):
        group = [r for r in items if r["target_measure"] == measure]
        charts.append({
            "unit": group[0]["target_unit"], "labels": [r["region"] for r in group],
            "series": [
                {"name": "目标", "region": "目标", "data": [r["target_value"] for r in group], "faded": True},
                {"name": "实际", "region": "实际", "data": [r["outcome_value"] for r in group]},
            ],
        })  # fmt: skip
    return render(request, "compare.html", active="compare", indicators=compare.indicators(rows), chosen=chosen,
                  year=chosen_year, years=years, items=items, charts=charts, link=span_link)  # fmt: skip


@router.get("/cascade", response_class=HTMLResponse, include_in_schema=False)
def cascade_page(request: Request, db: DB, indicator: str = "", year: int | None = None) -> HTMLResponse:
    rows = _rows(request, db)
    chosen, chosen_year, years = _choice(rows, indicator, year)
    items = compare.cascades(rows, chosen, chosen_year) if chosen_year else []
    summary = compare.cascade_summary(items)
    chart = {"labels": [s.province for s in summary], "values": [round(s.share_higher * 100, 1) for s in summary]}
    return render(request, "cascade.html", active="compare", indicators=compare.indicators(rows), chosen=chosen,
                  year=chosen_year, years=years, items=items, summary=summary, chart=chart, link=span_link)  # fmt: skip


@router.get("/trend", response_class=HTMLResponse, include_in_schema=False)
def trend_page(request: Request, db: DB, region: str = "", indicator: str = "") -> HTMLResponse:
    rows = _rows(request, db)
    regions = sorted({r["region"] for r in rows if r["region"]})
    chosen_region = region or (regions[0] if regions else "")
    mine = [r for r in rows if r["region"] == chosen_region]
    chosen, _year, _years = _choice(mine, indicator, None)
    series = sorted(compare.headline(compare.of(mine, chosen)), key=lambda r: (r["target_measure"], r["year"] or 0))
    charts = []
    for measure in sorted({r["target_measure"] for r in series}):
        group = [r for r in series if r["target_measure"] == measure]
        charts.append({
            "unit": group[0]["target_unit"], "labels": [str(r["year"]) for r in group],
            "series": [
                {"name": "目标", "region": "目标", "data": [r["target_value"] for r in group], "faded": True, "line": True},
                {"name": "实际", "region": "实际", "data": [r["outcome_value"] for r in group], "line": True},
            ],
        })  # fmt: skip
    shares = [s for s in compare.shares_met(rows) if not region or s.region == chosen_region]
    return render(request, "trend.html", active="compare", regions=regions, region=chosen_region,
                  indicators=compare.indicators(mine), chosen=chosen, series=series, charts=charts, shares=shares,
                  link=span_link)  # fmt: skip
