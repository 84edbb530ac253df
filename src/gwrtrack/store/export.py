"""Export figures (with the table's filters) to CSV, XLSX and JSON Lines."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from gwrtrack.labels import label
from gwrtrack.spreadsheet import safe_cell
from gwrtrack.store.models import DocumentRow, FigureRow
from gwrtrack.store.queries import FigureFilter, figure_select

#: Columns of every export, in order: the FIGURES.md fields, then where the figure stands.
COLUMNS = (
    "id", "doc", "start", "end", "surface", "value", "unit", "base_value", "base_unit", "value_max", "base_value_max",
    "measure", "status", "qualifier", "metric", "period", "region", "section", "year", "kind", "origin", "needs_review",
)  # fmt: skip
#: Chinese column headings for spreadsheets.
HEADINGS_ZH = (
    "编号", "文件", "起", "止", "原文", "数值", "单位", "基准值", "基准单位", "上限", "基准上限",
    "类型", "状态", "限定", "指标", "时期", "地区", "章节", "年份", "文种", "来源", "待复核",
)  # fmt: skip
FORMATS = ("csv", "xlsx", "jsonl")


def record(fig: FigureRow, doc: DocumentRow) -> dict[str, Any]:
    return {
        "id": fig.id,
        "doc": doc.name,
        "start": fig.start,
        "end": fig.end,
        "surface": fig.surface,
        "value": fig.value,
        "unit": fig.unit,
        "base_value": fig.base_value,
        "base_unit": fig.base_unit,
        "value_max": fig.value_max,
        "base_value_max": fig.base_value_max,
        "measure": fig.measure,
        "status": fig.status,
        "qualifier": fig.qualifier,
        "metric": fig.metric,
        "period": fig.period,
        "region": fig.region,
        "section": fig.section,
        "year": doc.year,
        "kind": doc.kind,
        "origin": fig.origin,
        "needs_review": fig.needs_review,
    }


def records(session: Session, flt: FigureFilter) -> Iterator[dict[str, Any]]:
    for fig, doc in session.execute(figure_select(flt)).all():
        yield record(fig, doc)


def export_bytes(session: Session, flt: FigureFilter, fmt: str) -> bytes:
    rows = list(records(session, flt))
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows({k: safe_cell(v) for k, v in r.items()} for r in rows)
        return buf.getvalue().encode("utf-8-sig")  # BOM: Excel opens UTF-8 CSV correctly
    if fmt == "xlsx":
        return _xlsx(rows)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def _xlsx(rows: list[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("数据")
    ws.append(list(HEADINGS_ZH))
    for r in rows:
        ws.append([_cell(c, r[c]) for c in COLUMNS])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


#: Columns whose codes a spreadsheet shows as Chinese labels (CSV and JSON Lines keep the codes).
LABELLED = {"measure": "measure", "status": "status", "qualifier": "qualifier", "kind": "kind", "origin": "origin"}


def _cell(column: str, value: Any) -> Any:
    if column in LABELLED:
        return label(LABELLED[column], value)
    if column == "needs_review":
        return "是" if value else ""
    return safe_cell(value)
