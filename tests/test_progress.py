"""进展: 签收, a report per period, the 督查室 returns or accepts it, 亮灯 follows; roles; the dashboard's
numbers equal the lists they open; the store offers a value it already knows (基层减负)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import gwrtrack
from gwrtrack.store.db import open_store
from gwrtrack.store.library import store_document
from gwrtrack.web.app import WebSettings, create_app
from store_fixtures import LOCAL, sign_in

#: The board is judged on 6 April 2024: March's reports were due on 5 April.
TODAY = date(2024, 4, 6)


@pytest.fixture
def app_settings(store_url: str, seed_000: Path) -> WebSettings:
    with open_store(store_url).begin() as s:
        store_document(s, gwrtrack.read(seed_000))
    return WebSettings(database_url=store_url, today=TODAY)


@pytest.fixture
def office(app_settings: WebSettings, store_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(app_settings), base_url=LOCAL) as c:
        sign_in(c, store_url)
        doc = c.get("/api/v1/documents").json()[0]["id"]
        assert c.post(f"/api/v1/documents/{doc}/publish").json()["published"] > 100
        yield c


def _department(app_settings: WebSettings, store_url: str, name: str, dept: str) -> TestClient:
    client = TestClient(create_app(app_settings), base_url=LOCAL)
    client.__enter__()
    sign_in(client, store_url, name, "department", dept)
    return client


def _task_of(office: TestClient, lead: str, quantified: bool) -> dict[str, object]:
    return next(
        t for t in office.get("/api/v1/ledger").json()
        if t["lead"] == lead and (t["target_value"] is not None) == quantified
    )  # fmt: skip


def test_sign_report_return_resubmit_accept(office: TestClient, app_settings: WebSettings, store_url: str) -> None:
    task = _task_of(office, "市教育局", quantified=False)
    tid = task["id"]
    board = {x["task_id"]: x for x in office.get("/api/v1/progress").json()}
    assert board[tid]["progress"] == "missing" and board[tid]["light"] == "red"  # March's report is overdue
    dept = _department(app_settings, store_url, "教育局", "市教育局")
    try:
        assert dept.post(f"/api/v1/ledger/{tid}/sign").json()["signed_by"] == "教育局"
        sent = dept.post(f"/api/v1/ledger/{tid}/reports", json={
            "period": "2024-03", "done": "完成3所学校新建", "self_status": "on_track", "problems": "用地手续慢",
        }).json()  # fmt: skip
        assert sent["state"] == "submitted" and sent["version"] == 1
        assert {x["task_id"]: x for x in dept.get("/api/v1/progress").json()}[tid]["light"] == "green"
        returned = office.post(f"/api/v1/reports/{sent['id']}/review", json={"accept": False, "comment": "请附照片"})
        assert returned.json()["state"] == "returned"
        assert {x["task_id"]: x for x in office.get("/api/v1/progress").json()}[tid]["progress"] == "missing"
        # a stale resubmission is refused; the right one goes in as version 3
        stale = dept.post(f"/api/v1/ledger/{tid}/reports", json={"period": "2024-03", "done": "补充", "version": 1})
        assert stale.status_code == 409
        again = dept.post(f"/api/v1/ledger/{tid}/reports", json={
            "period": "2024-03", "done": "完成3所学校新建，附照片", "self_status": "on_track", "version": 2,
        }).json()  # fmt: skip
        assert again["state"] == "submitted" and again["version"] == 3
        assert office.post(f"/api/v1/reports/{sent['id']}/review", json={"accept": True}).json()["state"] == "accepted"
        assert dept.post(f"/api/v1/ledger/{tid}/reports", json={"period": "2024-03", "done": "再改"}).status_code == 422
        history = [e["action"] for e in office.get(f"/api/v1/ledger/{tid}/history").json()]
        assert history == ["publish", "sign", "report", "return", "report", "accept"]
        # another department may neither sign nor report on it; a leader may not review
        other = _department(app_settings, store_url, "财政局", "市财政局")
        try:
            assert other.post(f"/api/v1/ledger/{tid}/sign").status_code == 403
            assert (
                other.post(f"/api/v1/ledger/{tid}/reports", json={"period": "2024-03", "done": "x"}).status_code == 403
            )
            assert other.post(f"/api/v1/reports/{sent['id']}/review", json={"accept": True}).status_code == 403
        finally:
            other.__exit__(None, None, None)
    finally:
        dept.__exit__(None, None, None)


def test_quantified_task_lights_follow_the_value(office: TestClient, app_settings: WebSettings, store_url: str) -> None:
    task = _task_of(office, next(t["lead"] for t in office.get("/api/v1/ledger").json() if t["target_value"]), True)
    target = float(task["target_value"])  # type: ignore[arg-type]
    lights = []
    for value in (0.1 * target, 0.24 * target, 0.5 * target, target):
        office.post(f"/api/v1/ledger/{task['id']}/reports", json={"period": "2024-03", "done": "进展", "value": value})
        lights.append({x["task_id"]: x for x in office.get("/api/v1/progress").json()}[task["id"]]["progress"])
    assert lights == ["lagging", "on_track", "ahead", "done"]


def test_every_dashboard_number_equals_its_list(office: TestClient, app_settings: WebSettings, store_url: str) -> None:
    ledger = office.get("/api/v1/ledger").json()
    shares = [0.1, 0.25, 0.5, 0.3, 0.1, 0.25]  # lagging, on track, ahead; February's report leaves March missing
    for t, period, share in zip(ledger[:6], ["2024-03", "2024-03", "2024-03", "2024-02", "2024-03", "2024-03"], shares,
                                strict=True):  # fmt: skip
        value = t["target_value"] * share if t["target_value"] else None
        office.post(f"/api/v1/ledger/{t['id']}/reports", json={
            "period": period, "done": "进展", "value": value, "self_status": None if value else "lagging",
        })  # fmt: skip
    page = office.get("/dashboard").text
    links = re.findall(r'<a href="(/dashboard/list[^"]*)" class="count" data-count="(\d+)">', page)
    assert len(links) > 20
    for href, count in links:
        listed = office.get(href.replace("&amp;", "&")).text
        shown = re.search(r'id="list-count" data-count="(\d+)"', listed)
        assert shown and shown.group(1) == count, href
        assert listed.count("<tr data-id=") == int(count), href
    api = office.get("/api/v1/dashboard").json()
    assert sum(api["by_light"].values()) == api["total"] == sum(api["by_progress"].values()) == len(ledger)
    assert {"lagging", "missing", "on_track"} <= {k for k, v in api["by_progress"].items() if v}


def test_a_department_sees_only_its_own_board(office: TestClient, app_settings: WebSettings, store_url: str) -> None:
    dept = _department(app_settings, store_url, "教育局", "市教育局")
    try:
        seen = dept.get("/api/v1/progress").json()
        assert seen and all(x["lead"] == "市教育局" or True for x in seen)
        mine = {
            t["id"] for t in office.get("/api/v1/ledger").json() if t["lead"] == "市教育局" or "市教育局" in t["co"]
        }
        assert {x["task_id"] for x in seen} == mine
        assert dept.get("/api/v1/dashboard").json()["total"] == len(mine)
    finally:
        dept.__exit__(None, None, None)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _docx_bytes() -> bytes:
    import io

    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("佐证材料")
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("report.html", b"<html><script>alert(1)</script></html>", "只接受"),
        ("chart.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "只接受"),
        ("scan.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "只接受"),  # an executable renamed .pdf
        ("photo.pdf", PNG, "内容却是 PNG 图片"),
        ("big.pdf", PDF + b"0" * (10 * 1024 * 1024), "超过 10 MB"),
        ("empty.pdf", b"", "空文件"),
    ],
)
def test_bad_evidence_is_refused_and_nothing_is_stored(
    office: TestClient, name: str, data: bytes, message: str
) -> None:
    task = office.get("/api/v1/ledger").json()[0]
    report = office.post(f"/api/v1/ledger/{task['id']}/reports", json={"period": "2024-03", "done": "进展"}).json()
    answer = office.post(f"/api/v1/reports/{report['id']}/attachments", files={"file": (name, data)})
    assert answer.status_code == 422 and message in answer.json()["detail"]
    assert office.get(f"/api/v1/ledger/{task['id']}/reports").json()[0]["attachments"] == []
    # the page's form: the report with a bad file is not stored either, and the page says why in one line
    page = office.post(f"/progress/{task['id']}/report", data={"period": "2024-04", "done": "带附件"},
                       files={"evidence": (name, data or b" ")})  # fmt: skip
    assert page.status_code == 200 and 'id="error"' in page.text
    assert [r["period"] for r in office.get(f"/api/v1/ledger/{task['id']}/reports").json()] == ["2024-03"]


def test_a_100_mb_upload_is_refused_before_it_is_read(office: TestClient) -> None:
    task = office.get("/api/v1/ledger").json()[0]
    report = office.post(f"/api/v1/ledger/{task['id']}/reports", json={"period": "2024-03", "done": "进展"}).json()
    answer = office.post(
        f"/api/v1/reports/{report['id']}/attachments", files={"file": ("big.pdf", PDF + b"0" * (100 * 1024 * 1024))}
    )
    assert answer.status_code == 413 and "不能超过" in answer.text


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\x\\报告.pdf", "报告.pdf"),
        ("evil\u202egpj.pdf", "evilgpj.pdf"),  # a right-to-left override disguising the extension
        ("=1+2.pdf", "1+2.pdf"),  # a formula-looking name loses its =
        ("", "附件.pdf"),
    ],
)
def test_a_file_name_is_stored_inert(office: TestClient, name: str, stored: str) -> None:
    task = office.get("/api/v1/ledger").json()[0]
    report = office.post(f"/api/v1/ledger/{task['id']}/reports", json={"period": "2024-03", "done": "进展"}).json()
    row = office.post(f"/api/v1/reports/{report['id']}/attachments", files={"file": (name or "x", PDF)}).json()
    if not name:
        assert row["name"] == "x.pdf"
    else:
        assert row["name"] == stored


def test_evidence_is_served_as_a_download_only_to_those_who_see_the_task(
    office: TestClient, app_settings: WebSettings, store_url: str
) -> None:
    task = _task_of(office, "市教育局", quantified=False)
    report = office.post(f"/api/v1/ledger/{task['id']}/reports", json={"period": "2024-03", "done": "进展"}).json()
    row = office.post(
        f"/api/v1/reports/{report['id']}/attachments", files={"file": ("照片说明.docx", _docx_bytes())}
    ).json()
    got = office.get(f"/progress/attachments/{row['id']}")
    assert got.status_code == 200 and got.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert (
        got.headers["content-disposition"].startswith("attachment;")
        and got.headers["x-content-type-options"] == "nosniff"
    )
    assert "sandbox" in got.headers["content-security-policy"]
    other = _department(app_settings, store_url, "财政局", "市财政局")
    try:
        assert other.get(f"/progress/attachments/{row['id']}").status_code == 403
    finally:
        other.__exit__(None, None, None)
    with TestClient(create_app(app_settings), base_url=LOCAL) as anonymous:
        assert anonymous.get(f"/progress/attachments/{row['id']}", follow_redirects=False).status_code in (401, 303)


def test_the_year_end_table_puts_the_ledger_status_beside_the_verdict(office: TestClient) -> None:
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(office.get("/verdicts/export?fmt=xlsx").content)).active
    headers = [c.value for c in sheet[2]]
    assert headers[7] == "台账状态"
    statuses = [r[7].value for r in sheet.iter_rows(min_row=3)]
    assert statuses and all(
        s == "未列入台账" or re.fullmatch(r"(红灯|黄灯|绿灯|未亮灯) \S+（任务\d+）", s) for s in statuses
    )
    assert any(s.startswith("红灯 未报送（任务") for s in statuses)  # March's reports are overdue on 6 April


def test_the_store_offers_a_value_it_already_knows(store_url: str, seed_000: Path) -> None:
    """基层减负: 泸州's 2025 report says what 2024's 城镇新增就业 came to; the 2024 task's form offers it."""
    from gwrtrack.evaluate import demo_paths

    with open_store(store_url).begin() as s:
        store_document(s, gwrtrack.read(seed_000))
        store_document(s, gwrtrack.read(next(p for p in demo_paths() if p.name == "luzhou-2025.md")))
    with TestClient(create_app(WebSettings(database_url=store_url, today=TODAY)), base_url=LOCAL) as c:
        sign_in(c, store_url)
        doc = next(d["id"] for d in c.get("/api/v1/documents").json() if d["year"] == 2024)
        c.post(f"/api/v1/documents/{doc}/publish")
        task = next(t for t in c.get("/api/v1/ledger").json() if t["text"].startswith("城镇新增就业3.7万人"))
        page = c.get(f"/progress/{task['id']}").text
        assert "库中已有数据：4.8万人" in page and "泸州市政府工作报告" in page
        unquantified = next(t for t in c.get("/api/v1/ledger").json() if t["target_value"] is None)
        assert "库中已有数据" not in c.get(f"/progress/{unquantified['id']}").text
