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
from gwrtrack.store import outcomes, tracking, verdict_rows
from gwrtrack.web.deps import DB, download, render
from gwrtrack.web.tracking import span_link

router = APIRouter(tags=["研究"])
MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}
MAX_PAGE = 1000


def _rows(
    request: Request, db: Session, region: str | None = None, indicator: str | None = None, year: int | None = None,
    offset: int = 0, limit: int | None = None,
) -> list[dict[str, Any]]:  # fmt: skip
    """The dataset's rows of the stored 落实情况表, filtered and paged in the store."""
    views = outcomes.verdicts(db, request.app.state.indicators, None, region, year=year, indicator=indicator,
                              offset=offset, limit=limit)  # fmt: skip
    return dataset.rows(views, lambda doc_id: tracking.document_text(db, doc_id))


def _fresh(request: Request, db: Session) -> None:
    """The stored rows judged with this catalogue, before counting them."""
    outcomes.make_current(db, request.app.state.indicators)


@router.get("/api/v1/dataset")
def dataset_api(request: Request, db: DB, region: str = "", indicator: str = "", year: int | None = None,
                offset: int = 0, limit: int = 100) -> dict[str, Any]:  # fmt: skip
    """Targets with their outcomes and verdicts, one grounded row each (the columns of /dataset.csv), paged."""
    _fresh(request, db)
    start, size = max(0, offset), max(1, min(limit, MAX_PAGE))
    place, name = region or None, indicator or None
    rows = _rows(request, db, place, name, year, offset=start, limit=size)
    return {"total": verdict_rows.count(db, place, year, name), "offset": start, "rows": rows,
            "dictionary": [{"column": c, "type": t, "meaning": m} for c, t, m in dataset.DICTIONARY]}  # fmt: skip


@router.get("/dataset.{fmt}", include_in_schema=False)
def dataset_download(request: Request, fmt: str, db: DB, region: str = "") -> Response:
    writer = dataset.WRITERS.get(fmt)
    if writer is None:
        raise HTTPException(404, "数据集只有 csv、xlsx、parquet 三种格式")
    name = f"gwrtrack-targets{('-' + region) if region else ''}.{fmt}"
    return download(writer(_rows(request, db, region or None)), MEDIA[fmt], name)


def _choice(db: Session, indicator: str, year: int | None, region: str | None = None) -> tuple[
        list[tuple[str, int]], str, int | None, list[int]]:  # fmt: skip
    """The indicators to choose from, the chosen one (else the most stated), its years and the chosen year."""
    names = verdict_rows.indicator_counts(db, region, compare.MAX_INDICATORS)
    chosen = indicator or (names[0][0] if names else "")
    years = verdict_rows.years_of(db, chosen, region) if chosen else []
    return names, chosen, year or (years[0] if years else None), years


@router.get("/compare", response_class=HTMLResponse, include_in_schema=False)
def compare_page(request: Request, db: DB, indicator: str = "", year: int | None = None) -> HTMLResponse:
    _fresh(request, db)
    names, chosen, chosen_year, years = _choice(db, indicator, year)
    rows = _rows(request, db, indicator=chosen, year=chosen_year) if chosen and chosen_year else []
    items = sorted(compare.headline(rows), key=lambda r: (r["target_measure"], -float(r["target_value"])))
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
    return render(request, "compare.html", active="compare", indicators=names, chosen=chosen,
                  year=chosen_year, years=years, items=items, charts=charts, link=span_link)  # fmt: skip


@router.get("/cascade", response_class=HTMLResponse, include_in_schema=False)
def cascade_page(request: Request, db: DB, indicator: str = "", year: int | None = None) -> HTMLResponse:
    _fresh(request, db)
    names, chosen, chosen_year, years = _choice(db, indicator, year)
    rows = _rows(request, db, indicator=chosen, year=chosen_year) if chosen and chosen_year else []
    items = compare.cascades(rows, chosen, chosen_year) if chosen_year else []
    summary = compare.cascade_summary(items)
    chart = {"labels": [s.province for s in summary], "values": [round(s.share_higher * 100, 1) for s in summary]}
    return render(request, "cascade.html", active="compare", indicators=names, chosen=chosen,
                  year=chosen_year, years=years, items=items, summary=summary, chart=chart, link=span_link)  # fmt: skip


@router.get("/trend", response_class=HTMLResponse, include_in_schema=False)
def trend_page(request: Request, db: DB, region: str = "", indicator: str = "") -> HTMLResponse:
    _fresh(request, db)
    regions = verdict_rows.regions(db)
    chosen_region = region or (regions[0] if regions else "")
    names, chosen, _year, _years = _choice(db, indicator, None, chosen_region)
    mine = _rows(request, db, chosen_region, chosen) if chosen else []
    series = sorted(compare.headline(mine), key=lambda r: (r["target_measure"], r["year"] or 0))
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
    shares = compare.shares_of(verdict_rows.verdict_counts(db, chosen_region if region else None))
    return render(request, "trend.html", active="compare", regions=regions, region=chosen_region,
                  indicators=names, chosen=chosen, series=series, charts=charts, shares=shares,
                  link=span_link)  # fmt: skip
