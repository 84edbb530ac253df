"""The 督办 ledger: published tasks keep their ids, are never deleted, and carry their history."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

import gwrtrack
from gwrtrack.store.db import open_store
from gwrtrack.store.library import reextract, store_document
from gwrtrack.store.models import DocumentRow, LedgerTaskRow
from gwrtrack.track.deadlines import due_date
from gwrtrack.track.ledger import reanchor
from gwrtrack.web.app import WebSettings, create_app
from store_fixtures import LOCAL, sign_in


@pytest.fixture
def client(store_url: str, seed_000: Path):  # type: ignore[no-untyped-def]
    with open_store(store_url).begin() as s:
        store_document(s, gwrtrack.read(seed_000))
    with TestClient(create_app(WebSettings(database_url=store_url)), base_url=LOCAL) as c:
        sign_in(c, store_url)
        yield c


def test_publish_add_cancel_split_merge_with_history(client: TestClient, store_url: str) -> None:
    doc = client.get("/api/v1/documents").json()[0]["id"]
    published = client.post(f"/api/v1/documents/{doc}/publish").json()
    assert published["published"] >= 100
    assert client.post(f"/api/v1/documents/{doc}/publish").json()["published"] == 0  # once only
    tasks = client.get("/api/v1/ledger").json()
    farm = next(t for t in tasks if "29.4万亩" in t["text"])
    assert (farm["target_value"], farm["target_unit"], farm["due"]) == (29.4, "万亩", "2024-12-31")

    manual = client.post("/api/v1/ledger", json={"text": "落实市长批示：整治城区噪声", "lead": "市生态环境局",
                                                  "deadline": "2024年6月底前", "reason": "领导批示"}).json()  # fmt: skip
    assert manual["origin"] == "manual" and manual["due"] == "2024-06-30" and manual["start"] is None

    no_reason = client.post(f"/api/v1/ledger/{manual['id']}/cancel", json={"reason": "", "version": manual["version"]})
    assert no_reason.status_code == 422
    stale = client.post(f"/api/v1/ledger/{farm['id']}/cancel", json={"reason": "并入其他任务", "version": 99})
    assert stale.status_code == 409
    cancelled = client.post(f"/api/v1/ledger/{manual['id']}/cancel", json={"reason": "已并入年度计划", "version": 1})
    assert cancelled.json()["status"] == "cancelled"
    again = client.post(f"/api/v1/ledger/{manual['id']}/cancel", json={"reason": "再次撤销"})
    assert again.status_code == 422  # a closed task is not changed again

    parts = [
        {"text": "新建高标准农田（市农业农村局）", "lead": "市农业农村局"},
        {"text": "农田水利配套", "lead": "市水务局"},
    ]
    children = client.post(f"/api/v1/ledger/{farm['id']}/split", json={"parts": parts, "reason": "分部门落实"}).json()
    assert [c["parent_id"] for c in children] == [farm["id"]] * 2
    merged = client.post("/api/v1/ledger/merge", json={"ids": [c["id"] for c in children], "reason": "合并督办"}).json()
    assert merged["co"] == "市水务局"

    everything = {t["id"]: t for t in client.get("/api/v1/ledger").json()}
    assert everything[farm["id"]]["status"] == "split" and everything[manual["id"]]["status"] == "cancelled"
    assert len(everything) == len(tasks) + 1 + 2 + 1  # nothing was deleted
    history = client.get(f"/api/v1/ledger/{farm['id']}/history").json()
    assert [h["action"] for h in history] == ["publish", "split"] and history[1]["author"] == "测试员"
    page = client.get("/ledger").text
    assert "已撤销" in page and "已拆分" in page and "手工添加" in page


def test_published_tasks_keep_their_ids_through_reextraction(client: TestClient, store_url: str) -> None:
    doc = client.get("/api/v1/documents").json()[0]["id"]
    client.post(f"/api/v1/documents/{doc}/publish")
    sessions = open_store(store_url)
    with sessions.begin() as s:
        before = {t.id: (t.start, t.end) for t in s.execute(select(LedgerTaskRow)).scalars()}
        reextract(s, s.get(DocumentRow, doc))
    with sessions() as s:
        after = {t.id: (t.start, t.end) for t in s.execute(select(LedgerTaskRow)).scalars()}
        assert after == before and not any(t.needs_review for t in s.execute(select(LedgerTaskRow)).scalars())


@pytest.mark.parametrize(
    ("text", "span", "words", "expected"),
    [
        ("甲。加快建设泸州港。乙。", (2, 9), "加快建设泸州港", (2, 9)),  # still there
        ("甲。乙。加快建设泸州港。", (2, 9), "加快建设泸州港", (4, 11)),  # moved: found again
        ("加快建设泸州港[3]。", (0, 10), "加快建设泸州港", (0, 10)),  # a footnote marker aside
        ("甲。乙。丙。", (2, 9), "加快建设泸州港", None),  # gone: listed for review
        ("加快建设泸州港。加快建设泸州港。", (20, 27), "加快建设泸州港", None),  # twice: ambiguous
    ],
)
def test_reanchor(text: str, span: tuple[int, int], words: str, expected: tuple[int, int] | None) -> None:
    assert reanchor(text, *span, words) == expected


def test_due_dates() -> None:
    assert [due_date(d) for d in ["2024年三季度末", "2024年2月底", "长期坚持", ""]] == [
        "2024-09-30",
        "2024-02-29",
        None,
        None,
    ]


def test_a_department_sees_its_own_ledger_tasks(client: TestClient, store_url: str) -> None:
    doc = client.get("/api/v1/documents").json()[0]["id"]
    client.post(f"/api/v1/documents/{doc}/publish")
    with TestClient(create_app(WebSettings(database_url=store_url)), base_url=LOCAL) as dept:
        sign_in(dept, store_url, "教育局", "department", "市教育局")
        seen = dept.get("/api/v1/ledger").json()
        assert seen and all(t["lead"] == "市教育局" or "市教育局" in t["co"] for t in seen)
        assert dept.post(f"/api/v1/documents/{doc}/publish").status_code == 403
        other = next(
            t for t in client.get("/api/v1/ledger").json() if t["lead"] != "市教育局" and "市教育局" not in t["co"]
        )
        assert dept.get(f"/api/v1/ledger/{other['id']}/history").status_code == 403


def test_quarterly_milestones(client: TestClient) -> None:
    doc = client.get("/api/v1/documents").json()[0]["id"]
    client.post(f"/api/v1/documents/{doc}/publish")
    task = client.get("/api/v1/ledger").json()[0]
    body = {"milestones": [{"quarter": "三季度", "goal": "完成主体工程"}, {"quarter": "Q1", "goal": "完成招标"}],
            "version": task["version"]}  # fmt: skip
    done = client.put(f"/api/v1/ledger/{task['id']}/milestones", json=body).json()
    assert done["milestones"] == [{"quarter": 1, "goal": "完成招标"}, {"quarter": 3, "goal": "完成主体工程"}]
    bad = {"milestones": [{"quarter": "五季度", "goal": "x"}], "version": done["version"]}
    answer = client.put(f"/api/v1/ledger/{task['id']}/milestones", json=bad)
    assert answer.status_code == 422 and "季度须为" in answer.json()["detail"]
    stale = client.put(f"/api/v1/ledger/{task['id']}/milestones", json=body)  # the version it was made on is old
    assert stale.status_code == 409
    assert "第1季度 完成招标" in client.get("/ledger").text
