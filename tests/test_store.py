"""The store on SQLite and PostgreSQL: idempotent ingest, corrections that survive re-extraction,
exports with filters, and Chinese search (two-character words included)."""

from __future__ import annotations

import csv
import io
import itertools
import json
from pathlib import Path

import pytest
from sqlalchemy import select

import gwrtrack
from gwrtrack.store import corrections
from gwrtrack.store.corrections import CorrectionError
from gwrtrack.store.db import StoreError, open_store
from gwrtrack.store.export import export_bytes
from gwrtrack.store.library import reextract, store_document
from gwrtrack.store.models import DocumentRow, EditRow, FigureRow
from gwrtrack.store.queries import FigureFilter, count, page
from gwrtrack.store.search import bigrams, passages, search


@pytest.fixture
def seeded(store_url: str, seed_000: Path, seed_002: Path):  # type: ignore[no-untyped-def]
    sessions = open_store(store_url)
    with sessions.begin() as s:
        store_document(s, gwrtrack.read(seed_000))
        store_document(s, gwrtrack.read(seed_002))
    return sessions


def _figure(s, surface: str) -> FigureRow:  # type: ignore[no-untyped-def]
    return s.execute(select(FigureRow).where(FigureRow.surface == surface)).scalars().first()


def test_same_file_twice_changes_nothing(seeded, seed_000: Path) -> None:  # type: ignore[no-untyped-def]
    with seeded.begin() as s:
        before = count(s, FigureFilter())
        again = store_document(s, gwrtrack.read(seed_000))
        assert not again.created
        assert count(s, FigureFilter()) == before == 210
        assert len(s.execute(select(DocumentRow)).all()) == 2


def test_correction_survives_reextraction(seeded) -> None:  # type: ignore[no-untyped-def]
    with seeded.begin() as s:
        fig = _figure(s, "1995.5亿元")
        corrections.correct(s, fig.id, "metric", "地区生产总值（GDP）", "督查室")
        spurious = _figure(s, "第6位")
        corrections.mark_not_figure(s, spurious.id, "督查室")
        doc = s.get(DocumentRow, fig.document_id)
        start = doc.text.index("二环路")  # a selection the extractor did not take as a figure
        added = corrections.add_figure(s, doc.id, start, start + 1, "督查室")
        assert added.origin == "user"
    with seeded.begin() as s:
        doc = s.execute(select(DocumentRow).where(DocumentRow.name.like("000_%"))).scalar_one()
        reextract(s, doc)
    with seeded.begin() as s:
        assert _figure(s, "1995.5亿元").metric == "地区生产总值（GDP）"
        assert _figure(s, "第6位").not_figure is True
        assert _figure(s, "二").origin == "user"
        edits = s.execute(select(EditRow).order_by(EditRow.id)).scalars().all()
        assert [(e.action, e.author) for e in edits] == [("set", "督查室"), ("not_figure", "督查室"), ("add", "督查室")]
        assert edits[0].before == "地区生产总值" and edits[0].after == "地区生产总值（GDP）"
        ids = {f.id for f, _d in page(s, FigureFilter(), 1, 1000)}
        assert _figure(s, "第6位").id not in ids  # marked not a figure: out of the table


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("status", "done", "状态须为其中之一：实际"),
        ("value", "abc", "数值须为数字"),
        ("doc", "x", "不能更正"),
        ("metric", "长" * 201, "指标太长"),
    ],
)
def test_bad_corrections_are_refused(seeded, field: str, value: str, message: str) -> None:  # type: ignore[no-untyped-def]
    with seeded.begin() as s:
        fig = _figure(s, "5.3%")
        with pytest.raises(CorrectionError, match=message):
            corrections.correct(s, fig.id, field, value, "x")


def test_filters_and_exports_agree(seeded) -> None:  # type: ignore[no-untyped-def]
    flt = FigureFilter(metric="高标准农田", status="target")
    with seeded() as s:
        n = count(s, flt)
        assert n == 2
        rows = list(csv.DictReader(io.StringIO(export_bytes(s, flt, "csv").decode("utf-8-sig"))))
        lines = [json.loads(x) for x in export_bytes(s, flt, "jsonl").decode().splitlines()]
        xlsx = export_bytes(s, flt, "xlsx")
    assert {r["surface"] for r in rows} == {x["surface"] for x in lines} == {"29.4万亩", "31.3万亩"}
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert sheet is not None and sheet.max_row == n + 1 and sheet.cell(1, 1).value == "编号"


def test_table_page_sort_and_year_filter(seeded) -> None:  # type: ignore[no-untyped-def]
    with seeded() as s:
        first = page(s, FigureFilter(year=2026), 1, 5, sort="value", descending=True)
        assert next(f.surface for f, _d in first) == "6000亿元"
        assert count(s, FigureFilter(year=2024, measure="rank")) == 8


@pytest.mark.parametrize(
    ("query", "minimum"), [("农田", 3), ("医院", 2), ("高标准农田", 3), ("田", 3), ("GDP", 0), ("5G", 1)]
)
def test_search_finds_chinese_words(seeded, query: str, minimum: int) -> None:  # type: ignore[no-untyped-def]
    with seeded() as s:
        hits = search(s, query)
        docs = {d.id: d.text for d in s.execute(select(DocumentRow)).scalars()}
    assert len(hits) >= minimum
    for hit in hits:
        assert docs[hit.document_id][hit.start : hit.end] == query
        assert query in hit.sentence


def test_search_counts_every_occurrence(seeded, seed_000: Path, seed_002: Path) -> None:  # type: ignore[no-untyped-def]
    expected = seed_000.read_text(encoding="utf-8").count("农田") + seed_002.read_text(encoding="utf-8").count("农田")
    with seeded() as s:
        assert len(search(s, "农田", limit=1000)) == expected


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("高标准农田", ["高标", "标准", "准农", "农田"]),
        ("田", ["田"]),
        ("5G网络", ["5g", "网络"]),
        ("PM2.5和臭氧", ["pm2.5", "和臭", "臭氧"]),
    ],
)
def test_bigrams(text: str, tokens: list[str]) -> None:
    assert bigrams(text) == tokens


def test_passages_cover_the_text() -> None:
    text = ("这是一句话。" * 200) + "无句号" * 300
    spans = passages(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert max(e - s for s, e in spans) <= 600


def test_bad_database_url_is_one_clear_error() -> None:
    with pytest.raises(StoreError, match="unsupported database"):
        open_store("mysql://x@localhost/db")
    with pytest.raises(StoreError, match="cannot open the database"):
        open_store("postgresql://postgres@127.0.0.1:1/nothing")


def test_figure_ids_stay_the_same_across_reextraction(seeded) -> None:  # type: ignore[no-untyped-def]
    from gwrtrack.store.library import reextract
    from gwrtrack.store.models import DocumentRow

    with seeded.begin() as s:
        before = {(f.start, f.end): f.id for f in s.execute(select(FigureRow)).scalars()}
        fig = _figure(s, "29.4万亩")
        corrections.correct(s, fig.id, "metric", "高标准农田（新改建）", "x")
        for doc in s.execute(select(DocumentRow)).scalars():
            reextract(s, doc)
    with seeded() as s:
        after = {(f.start, f.end): f.id for f in s.execute(select(FigureRow)).scalars()}
        assert after == before  # a link to /figure/{id} keeps pointing at the same figure
        assert s.get(FigureRow, fig.id).metric == "高标准农田（新改建）"  # the correction is replayed on it
