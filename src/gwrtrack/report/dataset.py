"""The researcher's dataset: every stored target with its outcome and verdict, one row each, grounded in
the documents (names, offsets and sentences of both spans), as CSV, XLSX or Parquet, with a data dictionary.

Built from the verdict views (store/tracking.py ``verdicts``) and the stored texts; the same rows are served
by the JSON API with paging.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from typing import Any

from gwrtrack.extract.context import Boundaries
from gwrtrack.spreadsheet import safe_cell

#: (column, type, meaning): the data dictionary, in the order of the columns.
DICTIONARY: tuple[tuple[str, str, str], ...] = (
    ("region", "text", "地区：目标所属的行政区（全国、省、市、县），按国家行政区划全称"),
    ("year", "integer", "目标年份（计划年度）"),
    ("indicator", "text", "指标目录中的指标名（如 地区生产总值）"),
    ("direction", "text", "higher：越高越好；lower：越低越好（如 单位GDP能耗、居民消费价格）"),
    ("target_metric", "text", "报告原文中的指标说法"),
    ("target_measure", "text", "目标的类型：amount 总量、growth 增速、rate 比率、change 变化量、rank 位次"),
    ("target_value", "number", "目标值（区间目标为下限）"),
    ("target_value_max", "number", "区间目标的上限，否则为空"),
    ("target_unit", "text", "目标的单位，照原文"),
    ("target_qualifier", "text", "exact 确数、approx 左右、at_least 以上、at_most 以内、range 区间"),
    ("target_surface", "text", "目标在原文中的写法"),
    ("target_sentence", "text", "目标所在的句子"),
    ("target_document", "text", "目标所在文件（库中的名称）"),
    ("target_document_id", "integer", "目标所在文件在库中的编号"),
    ("target_start", "integer", "目标在文件正文中的起始偏移（半开区间，按字符）"),
    ("target_end", "integer", "目标在文件正文中的结束偏移"),
    ("outcome_value", "number", "实际完成值，无数据为空"),
    ("outcome_unit", "text", "实际值的单位"),
    ("outcome_surface", "text", "实际值在原文中的写法"),
    ("outcome_sentence", "text", "实际值所在的句子"),
    ("outcome_document", "text", "实际值所在文件（统计公报或次年报告）"),
    ("outcome_document_id", "integer", "实际值所在文件的编号"),
    ("outcome_start", "integer", "实际值的起始偏移"),
    ("outcome_end", "integer", "实际值的结束偏移"),
    ("basis", "text", "实际值的来源：统计公报、次年报告、预计、部分期间"),
    ("verdict", "text", "结论：已完成、超额完成、未完成、无数据、待上级数据；人工改判后为改判的结论"),
    ("computed_verdict", "text", "按规则算出的结论（未经人工改判）"),
    ("reason", "text", "结论的理由"),
)
COLUMNS = tuple(name for name, _type, _meaning in DICTIONARY)


def rows(views: Sequence[Any], text_of: Callable[[int], str]) -> list[dict[str, Any]]:
    """One row per target (``views`` from store.tracking.verdicts), in the dictionary's columns."""
    texts: dict[int, tuple[str, Boundaries]] = {}  # each document's text read once

    def sentence(doc_id: int | None, start: int) -> str:
        if doc_id is None:
            return ""
        if doc_id not in texts:
            text = text_of(doc_id)
            texts[doc_id] = text, Boundaries.of(text)
        text, bounds = texts[doc_id]
        first, last = bounds.sentence(start)
        return text[first:last].strip()

    out = []
    for v in views:
        j = v.judgement
        t, o = j.target, j.outcome
        year = int(t.period) if t.period.isdigit() else t.doc_year
        out.append({
            "region": t.region, "year": year, "indicator": j.indicator.name, "direction": j.indicator.direction.value,
            "target_metric": t.metric, "target_measure": t.measure, "target_value": t.value,
            "target_value_max": t.value_max, "target_unit": t.unit, "target_qualifier": t.qualifier,
            "target_surface": t.surface, "target_sentence": sentence(v.target_doc_id, t.span.start),
            "target_document": t.doc, "target_document_id": v.target_doc_id, "target_start": t.span.start,
            "target_end": t.span.end,
            "outcome_value": o.value if o else None, "outcome_unit": o.unit if o else None,
            "outcome_surface": o.surface if o else None,
            "outcome_sentence": sentence(v.outcome_doc_id, o.span.start) if o else None,
            "outcome_document": o.doc if o else None, "outcome_document_id": v.outcome_doc_id if o else None,
            "outcome_start": o.span.start if o else None, "outcome_end": o.span.end if o else None,
            "basis": j.basis.value if j.basis else None, "verdict": v.verdict, "computed_verdict": j.verdict.value,
            "reason": j.reason,
        })  # fmt: skip
    return out


def to_csv(records: Sequence[dict[str, Any]]) -> bytes:
    """UTF-8 with a BOM (Excel opens it right); a cell that starts like a formula is quoted."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for record in records:
        writer.writerow({k: safe_cell(v) if isinstance(v, str) else v for k, v in record.items()})
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(records: Sequence[dict[str, Any]]) -> bytes:
    """Two sheets: 数据 (the rows) and 数据字典 (the columns and what they mean)."""
    from openpyxl import Workbook

    wb = Workbook()
    data = wb.active
    data.title = "数据"
    data.append(list(COLUMNS))
    for record in records:
        data.append([safe_cell(record[c]) if isinstance(record[c], str) else record[c] for c in COLUMNS])
    data.freeze_panes = "A2"
    dictionary = wb.create_sheet("数据字典")
    dictionary.append(["列名", "类型", "含义"])
    for entry in DICTIONARY:
        dictionary.append(list(entry))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def to_parquet(records: Sequence[dict[str, Any]]) -> bytes:
    """Typed columns, the data dictionary in the schema's field metadata."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    kinds = {"text": pa.string(), "integer": pa.int64(), "number": pa.float64()}
    schema = pa.schema(
        [pa.field(name, kinds[kind], metadata={"description": meaning}) for name, kind, meaning in DICTIONARY]
    )
    table = pa.Table.from_pylist([{c: r[c] for c in COLUMNS} for r in records], schema=schema)
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def dictionary_markdown() -> str:
    lines = ["| 列名 | 类型 | 含义 |", "| --- | --- | --- |"]
    lines += [f"| `{name}` | {kind} | {meaning} |" for name, kind, meaning in DICTIONARY]
    return "\n".join(lines) + "\n"


WRITERS: dict[str, Callable[[Sequence[dict[str, Any]]], bytes]] = {
    "csv": to_csv, "xlsx": to_xlsx, "parquet": to_parquet,
}  # fmt: skip
