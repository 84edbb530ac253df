"""The public tracker: read-only, judged on accepted reports only, with no internal comments, drafts or
names of officials; search, filters and a JSON feed."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import quote

from fastapi.testclient import TestClient

import gwrtrack
from gwrtrack.store.db import open_store
from gwrtrack.store.library import store_document
from gwrtrack.web.app import WebSettings, create_app
from store_fixtures import LOCAL, sign_in

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
COMMENT = "照片看不清，请重拍"


def test_public_page_shows_accepted_progress_without_comments_drafts_or_names(store_url: str, seed_000: Path) -> None:
    with open_store(store_url).begin() as s:
        store_document(s, gwrtrack.read(seed_000))
    settings = WebSettings(database_url=store_url, today=date(2024, 4, 6))
    with TestClient(create_app(settings), base_url=LOCAL) as office, TestClient(create_app(settings), base_url=LOCAL) as dept, \
            TestClient(create_app(settings), base_url=LOCAL) as public:  # fmt: skip
        sign_in(office, store_url, "王督查", "office")
        doc = office.get("/api/v1/documents").json()[0]["id"]
        office.post(f"/api/v1/documents/{doc}/publish")
        sign_in(dept, store_url, "李科长", "department", "市教育局")
        task = next(t for t in dept.get("/api/v1/ledger").json() if t["lead"] == "市教育局")
        first = dept.post(f"/api/v1/ledger/{task['id']}/reports", json={
            "period": "2024-03", "done": "草稿：三所学校开工", "self_status": "on_track"}).json()  # fmt: skip
        draft_file = dept.post(f"/api/v1/reports/{first['id']}/attachments", files={"file": ("草稿.pdf", PDF)}).json()
        url = f"/public/{quote('泸州市')}/2024"
        page = public.get(url).text
        assert f'data-id="{task["id"]}" data-light="red"' in page  # a draft does not count in public
        assert "草稿：三所学校开工" not in page, page[page.find("草稿") - 300 : page.find("草稿") + 50]
        assert public.get(f"/public/attachments/{draft_file['id']}").status_code == 404
        office.post(f"/api/v1/reports/{first['id']}/review", json={"accept": False, "comment": COMMENT})
        dept.post(f"/api/v1/ledger/{task['id']}/reports", json={
            "period": "2024-03", "done": "三所学校已开工建设", "self_status": "on_track", "version": 2}).json()  # fmt: skip
        final = dept.post(f"/api/v1/reports/{first['id']}/attachments", files={"file": ("开工照片.pdf", PDF)}).json()
        office.post(f"/api/v1/reports/{first['id']}/review", json={"accept": True})
        page = public.get(url).text
        assert f'data-id="{task["id"]}" data-light="green"' in page and "三所学校已开工建设" in page
        assert (
            f"/public/attachments/{final['id']}" in page
            and public.get(f"/public/attachments/{final['id']}").status_code == 200
        )
        for secret in (COMMENT, "王督查", "李科长", "草稿："):
            assert secret not in page
        feed = public.get(url + ".json").json()
        assert feed["region"] == "泸州市" and feed["total"] >= 100
        mine = next(t for t in feed["tasks"] if t["id"] == task["id"])
        assert (
            mine["light"] == "green" and mine["summary"] == "三所学校已开工建设" and mine["source"].startswith("/doc/")
        )
        text = public.get(url + ".json").text
        assert COMMENT not in text and "王督查" not in text and "李科长" not in text
        # search and filters
        found = public.get(url, params={"q": "学校", "light": "green"}).text
        assert found.count('<article class="card" data-id=') >= 1 and 'data-light="red"' not in found
        assert public.get(url + ".json", params={"lead": "市教育局"}).json()["total"] == len(
            [t for t in office.get("/api/v1/ledger").json() if t["lead"] == "市教育局"]
        )
        assert (
            public.get(url + ".json", params={"limit": 5, "offset": 5}).json()["tasks"][0]["id"]
            == feed["tasks"][5]["id"]
        )
        assert "泸州市 2024年" in public.get("/public").text
        # read-only: the public cannot write anything
        assert (
            public.post(f"/api/v1/ledger/{task['id']}/reports", json={"period": "2024-03", "done": "x"}).status_code
            == 401
        )
