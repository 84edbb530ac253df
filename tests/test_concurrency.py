"""Writes that are never lost: 50 edits at once on one figure and one task, on SQLite and PostgreSQL.

Every edit carries the version it was made on (optimistic locking). Of the edits made on the same
version exactly one is accepted; the others are refused with 409 and the other person's change; none
fails with a 500; the history holds each accepted change with its true ``before``.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fastapi.testclient import TestClient

import gwrtrack
from conftest import finished_job
from gwrtrack.store.db import open_store
from gwrtrack.store.library import store_document
from gwrtrack.web.app import WebSettings, create_app
from store_fixtures import LOCAL, sign_in

EDITS = 50


def test_concurrent_edits_of_one_figure_and_one_task(store_url: str, seed_000: Path) -> None:
    with open_store(store_url).begin() as s:
        store_document(s, gwrtrack.read(seed_000))
    with TestClient(create_app(WebSettings(database_url=store_url)), base_url=LOCAL) as c:
        sign_in(c, store_url)
        doc = c.get("/api/v1/documents").json()[0]["id"]
        fig = next(
            f for f in c.get("/api/v1/figures", params={"size": 500}).json()["figures"] if f["surface"] == "29.4万亩"
        )
        task = c.get(f"/api/v1/documents/{doc}/tasks").json()[3]

        def edit_figure(k: int) -> int:
            body = {"field": "metric", "value": f"高标准农田{k}", "version": 0}
            return c.post(f"/api/v1/figures/{fig['id']}/corrections", json=body).status_code

        def decide(k: int) -> int:
            body = {"field": "lead", "value": f"市部门{k}", "version": task["version"]}
            return c.put(f"/api/v1/documents/{doc}/tasks/{task['start']}-{task['end']}", json=body).status_code

        with ThreadPoolExecutor(max_workers=10) as pool:
            figure_answers = Counter(pool.map(edit_figure, range(EDITS)))
            task_answers = Counter(pool.map(decide, range(EDITS)))
        assert figure_answers == {200: 1, 409: EDITS - 1}, figure_answers  # one wins, the rest are refused
        assert task_answers == {200: 1, 409: EDITS - 1}, task_answers
        history = c.get(f"/api/v1/figures/{fig['id']}/history").json()
        assert len(history) == 1 and history[0]["before"] == fig["metric"]  # the true before
        now = c.get(f"/api/v1/documents/{doc}/tasks").json()[3]
        assert now["lead"].startswith("市部门") and now["version"] > 0

        # in turn, each on the version it saw: every change accepted, each before is the previous after
        again = {"field": "metric", "value": "高标准农田（新改建）", "version": history[0]["id"]}
        assert c.post(f"/api/v1/figures/{fig['id']}/corrections", json=again).status_code == 200
        befores = [h["before"] for h in c.get(f"/api/v1/figures/{fig['id']}/history").json()]
        assert befores[1] == history[0]["after"]
        for k in range(5):
            seen = c.get(f"/api/v1/documents/{doc}/tasks").json()[3]
            body = {"field": "lead", "value": f"市局{k}", "version": seen["version"]}
            assert c.put(f"/api/v1/documents/{doc}/tasks/{task['start']}-{task['end']}", json=body).status_code == 200
        stale = c.put(
            f"/api/v1/documents/{doc}/tasks/{task['start']}-{task['end']}",
            json={"field": "lead", "value": "旧表单", "version": task["version"]},
        )
        assert stale.status_code == 409 and "市局4" in stale.json()["detail"]  # the other person's change is shown


def test_reimporting_an_outdated_sheet_never_reverts_a_newer_decision(store_url: str, seed_000: Path) -> None:
    with open_store(store_url).begin() as s:
        store_document(s, gwrtrack.read(seed_000))
    with TestClient(create_app(WebSettings(database_url=store_url)), base_url=LOCAL) as c:
        sign_in(c, store_url)
        doc = c.get("/api/v1/documents").json()[0]["id"]
        sheet = c.get(f"/tasks/{doc}/export", params={"fmt": "xlsx"}).content  # made before the change below
        task = c.get(f"/api/v1/documents/{doc}/tasks").json()[3]
        body = {"field": "lead", "value": "市教育局", "version": task["version"]}
        assert c.put(f"/api/v1/documents/{doc}/tasks/{task['start']}-{task['end']}", json=body).status_code == 200
        back = finished_job(c, c.post("/tasks/import", files={"file": ("方案.xlsx", sheet)}, follow_redirects=False))
        assert back["state"] == "failed" and "导出后已有人改过这项任务（现为 市教育局）" in back["stage"]
        assert c.get(f"/api/v1/documents/{doc}/tasks").json()[3]["lead"] == "市教育局"  # nothing reverted
        fresh = c.get(f"/tasks/{doc}/export", params={"fmt": "xlsx"}).content
        again = finished_job(c, c.post("/tasks/import", files={"file": ("方案.xlsx", fresh)}, follow_redirects=False))
        assert again["state"] == "done" and "imported=0" in again["result_url"]
