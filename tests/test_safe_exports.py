"""Exports are safe to open: no live formulas from text, no export broken by a control character."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import finished_job
from gwrtrack.spreadsheet import safe_cell, safe_text, unquote, xml_text
from gwrtrack.web.app import WebSettings, create_app
from store_fixtures import LOCAL, signed_in_client


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ('=HYPERLINK("http://x","点我")', '\'=HYPERLINK("http://x","点我")'),
        ("+86 1234", "'+86 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("地区生产总值", "地区生产总值"),
        ("分页\f符号\x00", "分页符号"),
    ],
)
def test_safe_text(value: str, safe: str) -> None:
    assert safe_text(value) == safe
    assert unquote(safe) == xml_text(value)  # read back, the text is what was written (less control characters)


def test_numbers_stay_numbers() -> None:
    assert safe_cell(-6.1) == -6.1 and safe_cell(None) is None


@pytest.fixture
def client(store_url: str, seed_000: Path) -> Iterator[TestClient]:
    yield from signed_in_client(store_url, [seed_000])  # type: ignore[misc]


def test_a_formula_and_a_control_character_in_an_edit_reach_every_export_harmlessly(client: TestClient) -> None:
    rows = client.get("/api/v1/figures", params={"size": 500}).json()["figures"]
    fid = next(r["id"] for r in rows if r["surface"] == "29.4万亩")
    bad = '=HYPERLINK("http://evil","点")\f'
    assert client.post(f"/figure/{fid}/correct", data={"field": "metric", "value": bad}).status_code == 200
    text = client.get("/figures/export", params={"fmt": "csv", "metric": "HYPERLINK"}).content.decode("utf-8-sig")
    cells = [row["metric"] for row in csv.DictReader(io.StringIO(text))]
    assert cells == ["'" + bad.replace("\f", "")]

    from openpyxl import load_workbook

    sheet = client.get("/figures/export", params={"fmt": "xlsx", "metric": "HYPERLINK"})
    assert sheet.status_code == 200
    ws = load_workbook(io.BytesIO(sheet.content)).active
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "'" + bad.replace("\f", "") in values and not any(isinstance(v, str) and v.startswith("=") for v in values)

    doc_id = client.get("/api/v1/documents").json()[0]["id"]
    task = client.get(f"/api/v1/documents/{doc_id}/tasks").json()[0]
    where = f"/tasks/{doc_id}/{task['start']}-{task['end']}"
    assert client.post(where, data={"lead": "=1+1\x07", "co": "", "deadline": ""}).status_code == 200
    for fmt in ("xlsx", "docx"):
        assert client.get(f"/tasks/{doc_id}/export", params={"fmt": fmt}).status_code == 200
    assert client.get(f"/digest/{doc_id}", params={"fmt": "docx"}).status_code == 200
    exported = client.get(f"/tasks/{doc_id}/export", params={"fmt": "xlsx"}).content
    back = finished_job(
        client, client.post("/tasks/import", files={"file": ("方案.xlsx", exported)}, follow_redirects=False)
    )
    assert back["state"] == "done" and "imported=0" in back["result_url"]  # the round trip changes nothing


def test_a_foreign_host_is_refused_and_every_answer_carries_security_headers(store_url: str) -> None:
    app = create_app(WebSettings(database_url=store_url))
    with TestClient(app, base_url="http://attacker.example") as rebinding:
        assert rebinding.get("/").status_code == 400  # DNS rebinding to a server on 127.0.0.1
    with TestClient(app, base_url=LOCAL) as c:
        page = c.get("/")
        assert page.status_code == 200
        assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
        assert page.headers["x-content-type-options"] == "nosniff"
        assert c.get("/api/v1/documents").headers["x-frame-options"] == "DENY"
    named = create_app(WebSettings(database_url=store_url, allowed_hosts=("gwr.example.gov.cn",)))
    with TestClient(named, base_url="http://gwr.example.gov.cn") as c:
        assert c.get("/").status_code == 200
