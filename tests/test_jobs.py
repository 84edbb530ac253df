"""后台任务: an upload or an import is answered at once and runs as a job whose page shows its progress,
one line per file; only its owner (or an administrator) sees it; a job whose server stopped says so."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

import gwrtrack
from conftest import finished_job
from gwrtrack.store.db import open_store
from gwrtrack.store.jobs import STALE_AFTER, create_job, get_job
from gwrtrack.store.models import JobRow, VerdictDirtyRow, VerdictRow
from gwrtrack.web.app import WebSettings, create_app
from store_fixtures import LOCAL, sign_in, signed_in_client

REPORT = "各位代表：我代表市人民政府。2025年工作安排：全市地区生产总值增长6%，新建学校20所。".encode()


@pytest.fixture
def client(store_url: str, seed_000: Path) -> Iterator[TestClient]:
    yield from signed_in_client(store_url, [seed_000])  # type: ignore[misc]


def test_several_files_are_one_job_with_a_line_each(client: TestClient) -> None:
    files = [
        ("file", ("甲市.txt", REPORT)),
        ("file", ("乙市.txt", REPORT.replace("20所".encode(), "30所".encode()))),
        ("file", ("空.txt", b"")),
        ("file", ("病毒.exe", b"MZ")),
    ]
    response = client.post("/upload", files=files, follow_redirects=False)
    job = finished_job(client, response)
    assert job["state"] == "done" and job["done"] == job["total"] == 4 and job["percent"] == 100
    lines = {line["name"]: (line["status"], line["text"]) for line in job["lines"]}
    assert lines["甲市.txt"][0] == lines["乙市.txt"][0] == "stored"
    assert lines["空.txt"] == ("refused", "文件是空的")
    assert lines["病毒.exe"][0] == "refused" and "不支持的文件类型" in lines["病毒.exe"][1]
    assert job["stage"] == "新入库 2 份，已存在 0 份，未读取 2 份"
    page = client.get(response.headers["location"]).text
    assert "已完成" in page and "已入库" in page and "未读取" in page and 'value="100"' in page
    assert "hx-trigger" not in page  # finished: the page stops polling
    again = finished_job(client, client.post("/upload", files=files[:1], follow_redirects=False))
    assert again["lines"][0]["status"] == "skipped"  # the same text twice is stored once


def test_an_upload_leaves_the_verdicts_and_projects_current(client: TestClient, store_url: str) -> None:
    job = finished_job(client, client.post("/upload", files={"file": ("己市.txt", REPORT)}, follow_redirects=False))
    assert job["state"] == "done"
    sessions = open_store(store_url)
    with sessions() as s:
        assert s.execute(select(func.count(VerdictDirtyRow.id))).scalar_one() == 0  # nothing left to judge
        assert s.execute(select(func.count(VerdictRow.id))).scalar_one() > 0


def test_the_server_answers_while_a_job_runs(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    started, release = threading.Event(), threading.Event()
    real_read = gwrtrack.read

    def slow_read(*args: object, **kwargs: object) -> object:
        started.set()
        assert release.wait(30)
        return real_read(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(gwrtrack, "read", slow_read)
    response = client.post("/upload", files={"file": ("丙市.txt", REPORT)}, follow_redirects=False)
    assert response.status_code == 303  # answered while the job is still reading
    assert started.wait(30)
    running = client.get(response.headers["location"]).text
    assert "进行中" in running and 'hx-trigger="every 1s"' in running and "读取并提取 丙市.txt" in running
    assert client.get("/").status_code == 200 and client.get("/api/v1/documents").status_code == 200
    release.set()
    job = finished_job(client, response)
    assert job["state"] == "done" and job["result_url"].startswith("/doc/")
    assert "新建学校" in client.get(job["result_url"]).text


def test_a_bug_in_a_job_fails_it_with_one_line(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(gwrtrack, "read", broken)
    job = finished_job(client, client.post("/upload", files={"file": ("丁市.txt", REPORT)}, follow_redirects=False))
    assert job["state"] == "failed" and job["stage"] == "内部错误 RuntimeError: boom"


def test_only_its_owner_and_administrators_see_a_job(store_url: str, seed_000: Path) -> None:
    app = create_app(WebSettings(database_url=store_url))
    with TestClient(app, base_url=LOCAL) as owner, TestClient(app, base_url=LOCAL) as other:
        sign_in(owner, store_url, "上传人", "office")
        response = owner.post("/upload", files={"file": ("戊市.txt", REPORT)}, follow_redirects=False)
        location = response.headers["location"]
        assert finished_job(owner, response)["state"] == "done"
        assert other.get(f"/api/v1{location}").status_code == 404  # the public
        sign_in(other, store_url, "别的部门", "department", "市教育局")
        assert other.get(location).status_code == 404 and other.get(f"/api/v1{location}").status_code == 404
    with TestClient(app, base_url=LOCAL) as admin:
        sign_in(admin, store_url, "管理员", "admin")
        assert admin.get(f"/api/v1{location}").json()["state"] == "done"


def test_a_job_left_by_a_stopped_server_is_shown_as_interrupted(store_url: str) -> None:
    sessions = open_store(store_url)
    with sessions.begin() as s:
        job_id = create_job(s, "upload", "someone", 3)
        s.get(JobRow, job_id).updated_at = datetime.now(UTC) - STALE_AFTER - timedelta(seconds=1)  # type: ignore[union-attr]
    with sessions() as s:
        job = get_job(s, job_id)
        assert job is not None and job.state == "interrupted" and job.finished
        fresh = get_job(s, job_id, now=datetime.now(UTC) - STALE_AFTER)
        assert fresh is not None and fresh.state == "queued"
