"""The web app through its HTTP interface (FastAPI TestClient), on SQLite and PostgreSQL."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import finished_job
from store_fixtures import signed_in_client


@pytest.fixture
def client(store_url: str, seed_000: Path, seed_002: Path) -> Iterator[TestClient]:
    yield from signed_in_client(store_url, [seed_000, seed_002], max_upload_bytes=200_000)  # type: ignore[misc]


def _doc_id(client: TestClient, prefix: str) -> int:
    return next(d["id"] for d in client.get("/api/v1/documents").json() if d["name"].startswith(prefix))


def _figure_id(client: TestClient, surface: str) -> int:
    rows = client.get("/api/v1/figures", params={"size": 500}).json()["figures"]
    return next(r["id"] for r in rows if r["surface"] == surface)


def test_library_lists_documents_with_counts(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "000_b41fdc44bbf3ffda.txt" in page.text and ">168<" in page.text and ">42<" in page.text


def test_reader_highlights_every_figure_and_shows_outline(client: TestClient) -> None:
    page = client.get(f"/doc/{_doc_id(client, '000_')}")
    assert page.status_code == 200
    assert page.text.count('class="fig st-') >= 168
    assert "2024年工作安排建议" in page.text and 'class="fn"' in page.text and "释义缺失" in page.text


def test_correction_reaches_table_and_export(client: TestClient) -> None:
    fid = _figure_id(client, "29.4万亩")
    detail = client.post(f"/figure/{fid}/correct", data={"field": "metric", "value": "高标准农田建设"})
    assert detail.status_code == 200 and "高标准农田建设" in detail.text and "测试员" in detail.text
    assert "/indicators?name=" in detail.text  # the corrected metric still maps to the catalogue's 高标准农田
    table = client.get("/figures", params={"metric": "高标准农田建设"})
    assert "29.4万亩" in table.text
    csv_text = client.get("/figures/export", params={"fmt": "csv", "metric": "高标准农田建设"}).content.decode(
        "utf-8-sig"
    )
    assert csv_text.count("\n") == 2 and "29.4万亩" in csv_text
    history = client.get(f"/api/v1/figures/{fid}/history").json()
    assert history[0]["after"] == "高标准农田建设" and history[0]["author"] == "测试员"


def test_bad_correction_shows_the_reason(client: TestClient) -> None:
    fid = _figure_id(client, "5.3%")
    detail = client.post(f"/figure/{fid}/correct", data={"field": "status", "value": "完成"})
    assert "状态须为其中之一：实际、预计、目标、其他（而不是“完成”）" in detail.text


def test_an_enum_is_corrected_by_its_chinese_label(client: TestClient) -> None:
    fid = _figure_id(client, "5.3%")
    detail = client.post(f"/figure/{fid}/correct", data={"field": "status", "value": "预计"})
    assert '<dd data-field="status">预计</dd>' in detail.text
    assert client.get(f"/api/v1/figures/{fid}/history").json()[0]["after"] == "expected"  # the API keeps codes


def test_not_a_figure_and_added_figure(client: TestClient) -> None:
    fid = _figure_id(client, "第6位")
    client.post(f"/figure/{fid}/not-figure")
    assert all(r["id"] != fid for r in client.get("/api/v1/figures", params={"size": 500}).json()["figures"])
    doc_id = _doc_id(client, "000_")
    text = client.get(f"/api/v1/documents/{doc_id}").json()["text"]
    start = text.index("二环路")
    added = client.post(f"/doc/{doc_id}/figures", data={"start": start, "end": start + 1})
    assert added.status_code == 200 and "人工添加" in added.text


def test_table_filters_sort_and_pages(client: TestClient) -> None:
    api = client.get("/api/v1/figures", params={"status": "target", "year": 2026, "sort": "value", "desc": True}).json()
    assert api["total"] == 42 and api["figures"][0]["surface"] == "6000亿元"
    page2 = client.get("/figures", params={"p": 2})
    assert "第 2/5 页" in page2.text
    assert client.get("/api/v1/figures", params={"sort": "id; drop table figures"}).status_code == 400


def test_metric_page_across_documents(client: TestClient) -> None:
    page = client.get("/metric", params={"q": "高标准农田"})
    assert page.status_code == 200 and 'id="chart"' in page.text
    assert "泸州市2024年政府工作报告" in page.text and "泸州市2026年报告摘要" in page.text


@pytest.mark.parametrize("query", ["农田", "医院", "田"])
def test_search_page_links_to_the_sentence(client: TestClient, query: str) -> None:
    page = client.get("/search", params={"q": query})
    assert f"<mark>{query}</mark>" in page.text and "?at=" in page.text
    hit = client.get("/api/v1/search", params={"q": query}).json()[0]
    reader = client.get(f"/doc/{hit['document_id']}", params={"at": hit["start"], "n": len(query)})
    assert f'<mark id="hit">{query}</mark>' in reader.text


def test_upload_a_report(client: TestClient) -> None:
    data = "各位代表：我代表县人民政府。2025年工作回顾全县地区生产总值增长6.1%。".encode("gb18030")
    response = client.post(
        "/upload", files={"file": ("县报告.txt", io.BytesIO(data), "text/plain")}, follow_redirects=False
    )
    job = finished_job(client, response)
    assert job["state"] == "done" and job["lines"][0]["status"] == "stored"
    page = client.get(job["result_url"])
    assert "6.1%" in page.text and 'class="fig st-actual"' in page.text


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("evil.exe", b"MZ", "不支持的文件类型"),
        ("big.txt", "数".encode() * 100_000, "上限"),
    ],
)
def test_upload_limits(client: TestClient, name: str, data: bytes, message: str) -> None:
    """Checked before any job starts: the library answers at once."""
    response = client.post("/upload", files={"file": (name, io.BytesIO(data), "application/octet-stream")})
    assert response.status_code == 400 and message in response.text


def test_an_unreadable_upload_is_a_refused_line_of_its_job(client: TestClient) -> None:
    response = client.post("/upload", files={"file": ("empty.txt", b"")}, follow_redirects=False)
    job = finished_job(client, response)
    assert job["state"] == "done" and [line["status"] for line in job["lines"]] == ["refused"]
    assert job["lines"][0]["text"] == "文件是空的"


def test_upload_name_cannot_traverse_paths(client: TestClient) -> None:
    data = "我代表市人民政府。全市新增就业3万人。".encode()
    response = client.post(
        "/upload", files={"file": ("../../etc/passwd.txt", io.BytesIO(data), "text/plain")}, follow_redirects=False
    )
    assert finished_job(client, response)["state"] == "done"
    names = [d["name"] for d in client.get("/api/v1/documents").json()]
    assert "passwd.txt" in names and not any("/" in n for n in names)


def test_report_text_is_escaped(client: TestClient) -> None:
    data = "我代表市人民政府。<script>alert('x')</script>全市新增就业3万人。".encode()
    job = finished_job(
        client,
        client.post("/upload", files={"file": ("x.txt", io.BytesIO(data), "text/plain")}, follow_redirects=False),
    )
    page = client.get(job["result_url"]).text
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


def test_openapi_and_static_assets(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/figures" in spec["paths"] and "/api/v1/search" in spec["paths"]
    assert client.get("/static/vendor/htmx-2.0.11.min.js").status_code == 200
    assert client.get("/static/vendor/echarts-5.6.0.min.js").status_code == 200
    assert client.get("/static/../../cli.py").status_code == 404


def test_serve_binds_to_loopback_by_default() -> None:
    from gwrtrack.cli import cli

    host = next(p for p in cli.commands["serve"].params if p.name == "host")
    assert host.default == "127.0.0.1"


@pytest.mark.parametrize("evil", ["'; DROP TABLE figures; --", "%' OR '1'='1", '" OR 1=1 --', "\\"])
def test_filters_and_search_are_bound_parameters(client: TestClient, evil: str) -> None:
    assert client.get("/api/v1/figures", params={"metric": evil}).json()["total"] == 0
    assert client.get("/figures", params={"section": evil, "region": evil}).status_code == 200
    assert client.get("/api/v1/search", params={"q": evil}).status_code == 200
    assert client.get("/api/v1/figures").json()["total"] == 210  # the table is still there
