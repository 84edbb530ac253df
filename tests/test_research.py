"""The researcher's view: the dataset (every row grounded in its documents; CSV, XLSX, Parquet, JSON with
paging, a data dictionary), 比较, 层层加码 and 趋势."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import gwrtrack
from gwrtrack.cli import cli
from gwrtrack.evaluate import demo_paths
from gwrtrack.link import compare
from gwrtrack.report.dataset import COLUMNS, DICTIONARY
from gwrtrack.store.db import open_store
from gwrtrack.store.library import store_document
from gwrtrack.web.app import WebSettings, create_app
from store_fixtures import LOCAL


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('research') / 'demo.sqlite'}"
    with open_store(url).begin() as s:
        for path in demo_paths():
            store_document(s, gwrtrack.read(path))
    return url


@pytest.fixture(scope="module")
def client(demo_store: str):  # type: ignore[no-untyped-def]
    with TestClient(create_app(WebSettings(database_url=demo_store)), base_url=LOCAL) as c:
        yield c


def test_every_dataset_row_is_grounded_in_its_documents(client: TestClient) -> None:
    page = client.get("/api/v1/dataset", params={"limit": 1000}).json()
    rows = page["rows"]
    assert page["total"] == len(rows) > 100 and [d["column"] for d in page["dictionary"]] == list(COLUMNS)
    texts: dict[int, str] = {}

    def text(doc_id: int) -> str:
        if doc_id not in texts:
            texts[doc_id] = client.get(f"/api/v1/documents/{doc_id}").json()["text"]
        return texts[doc_id]

    with_outcome = 0
    for r in rows:
        assert text(r["target_document_id"])[r["target_start"] : r["target_end"]] == r["target_surface"]
        assert r["target_surface"] in r["target_sentence"]
        if r["outcome_surface"]:
            with_outcome += 1
            assert text(r["outcome_document_id"])[r["outcome_start"] : r["outcome_end"]] == r["outcome_surface"]
            assert r["outcome_surface"] in r["outcome_sentence"]
    assert with_outcome >= 40
    second = client.get("/api/v1/dataset", params={"offset": 10, "limit": 5}).json()
    assert second["rows"] == rows[10:15] and second["offset"] == 10


def test_the_dataset_downloads_as_csv_xlsx_and_parquet(client: TestClient) -> None:
    import pyarrow.parquet as pq
    from openpyxl import load_workbook

    data = client.get("/dataset.csv").content
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(table[0]) == list(COLUMNS) and len(table) > 100
    book = load_workbook(io.BytesIO(client.get("/dataset.xlsx").content), read_only=True)
    assert book.sheetnames == ["数据", "数据字典"]
    assert [r[0] for r in book["数据字典"].iter_rows(min_row=2, values_only=True)] == list(COLUMNS)
    parquet = pq.read_table(io.BytesIO(client.get("/dataset.parquet").content))
    assert (
        parquet.num_rows == len(table)
        and parquet.schema.field("verdict").metadata[b"description"].decode() == DICTIONARY[-3][2]
    )
    assert client.get("/dataset.exe").status_code == 404


def test_cli_dataset_and_its_dictionary(demo_store: str, tmp_path: Path) -> None:
    out = tmp_path / "targets.parquet"
    result = CliRunner().invoke(cli, ["dataset", "--db", demo_store, "--format", "parquet", "-o", str(out)])
    assert result.exit_code == 0 and out.stat().st_size > 1000
    dictionary = CliRunner().invoke(cli, ["dataset", "--format", "dictionary"]).output
    assert "| `target_start` | integer |" in dictionary


def test_research_pages_name_their_units_in_chinese(client: TestClient) -> None:
    page = client.get("/compare", params={"indicator": "地区生产总值", "year": 2021}).text
    assert "各地目标与完成情况比较" in page and "单位：" in page and "泸州市" in page
    trend = client.get("/trend", params={"region": "泸州市", "indicator": "地区生产总值"}).text
    assert "历年目标与实际" in trend and 'id="shares"' in trend and "泸州市" in trend
    assert "层层加码" in client.get("/cascade").text


def _row(
    region: str, value: float, direction: str = "higher", unit: str = "%", verdict: str = "已完成"
) -> dict[str, object]:
    return {
        "region": region, "year": 2024, "indicator": "地区生产总值", "direction": direction, "target_measure": "growth",
        "target_value": value, "target_unit": unit, "target_start": 0, "computed_verdict": verdict,
    }  # fmt: skip


def test_cascade_compares_a_city_with_its_province_and_the_nation() -> None:
    rows = [_row("全国", 5.0), _row("四川省", 6.0), _row("泸州市", 6.5), _row("自贡市", 6.0), _row("成都市", 7.0),
            _row("江苏省", 5.0), _row("苏州市", 5.0)]  # fmt: skip
    items = {c.row["region"]: c for c in compare.cascades(rows, "地区生产总值", 2024)}
    assert set(items) == {"泸州市", "自贡市", "成都市", "苏州市"}
    assert items["泸州市"].above_province == 0.5 and items["泸州市"].above_nation == 1.5
    summary = {s.province: s for s in compare.cascade_summary(list(items.values()))}
    assert (summary["四川省"].compared, summary["四川省"].higher) == (3, 2)
    assert summary["四川省"].mean_excess == pytest.approx(0.5) and summary["江苏省"].share_higher == 0.0


def test_a_lower_ceiling_is_the_stricter_target() -> None:
    """居民消费价格 is a ceiling: a city that sets 2.5% under a province's 3% asks more of itself."""
    rows = [_row("四川省", 3.0, "lower"), _row("泸州市", 2.5, "lower")]
    (item,) = compare.cascades(rows, "地区生产总值", 2024)
    assert item.above_province == 0.5


def test_share_of_targets_met_leaves_out_those_without_an_outcome() -> None:
    rows = [_row("泸州市", 1, verdict=v) for v in ("已完成", "超额完成", "未完成", "无数据", "待上级数据")]
    (share,) = compare.shares_met(rows)
    assert (share.met, share.judged) == (2, 3)


def test_a_full_width_percent_is_the_same_unit() -> None:
    rows = [_row("贵州省", 6.0), _row("六盘水市", 8.0, unit="％")]
    (item,) = compare.cascades(rows, "地区生产总值", 2024)
    assert item.above_province == 2.0
