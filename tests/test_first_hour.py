"""What a new user meets first: Chinese labels on every page, error pages, documents that can be
corrected and deleted (web and CLI), one deadline rule, authors from GWR_AUTHOR."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from lxml import html as lxml_html

import gwrtrack
from conftest import finished_job
from gwrtrack.cli import cli
from gwrtrack.labels import LABELS, all_codes, document_title, flag_labels, label
from gwrtrack.store.db import open_store
from gwrtrack.store.library import store_document
from gwrtrack.track.deadlines import DeadlineError, check_deadline
from gwrtrack.web.app import WebSettings, create_app
from store_fixtures import LOCAL, sign_in, signed_in_client

#: Codes that must never be read on a page: every labelled English code (verdicts are Chinese already).
ENGLISH_CODES = sorted(c for c in all_codes() if c.isascii() and c not in ("True", "False"))
CODE_RE = re.compile(r"(?<![A-Za-z_])(" + "|".join(map(re.escape, ENGLISH_CODES)) + r")(?![A-Za-z_])")


@pytest.fixture
def client(store_url: str, seed_000: Path, seed_002: Path) -> Iterator[TestClient]:
    yield from signed_in_client(store_url, [seed_000, seed_002])  # type: ignore[misc]


def _ids(client: TestClient) -> tuple[int, int, int]:
    docs = client.get("/api/v1/documents").json()
    report = next(d["id"] for d in docs if d["name"].startswith("000_"))
    digest = next(d["id"] for d in docs if d["name"].startswith("002_"))
    figure = client.get("/api/v1/figures", params={"document_id": report, "size": 1}).json()["figures"][0]["id"]
    return report, digest, figure


def visible_text(page: str) -> str:
    """What a person reads: text outside scripts, styles and commands, plus placeholders, titles and labels."""
    tree = lxml_html.fromstring(page)
    for node in tree.xpath("//script|//style|//code"):  # a command shown as code is no label
        node.drop_tree()
    attributes = tree.xpath("//@placeholder|//@title|//@aria-label|//@alt")
    return tree.text_content() + " " + " ".join(attributes)


def all_routes(routes: list[object]) -> Iterator[object]:
    """Routes of the app, those of included routers too (FastAPI keeps an included router as one entry;
    a route's path already carries its router's prefix)."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from all_routes(included.routes)
        elif hasattr(route, "path"):
            yield route


def page_urls(client: TestClient) -> list[str]:
    """Every GET page of the app (not the API, static files or downloads), with real ids filled in."""
    report, _digest, figure = _ids(client)
    fill = {"{doc_id}": str(report), "{figure_id}": str(figure)}
    urls = []
    for route in all_routes(client.app.routes):  # type: ignore[attr-defined]
        path = getattr(route, "path", "")
        if "GET" not in getattr(route, "methods", ()) or path.startswith(("/api", "/static")) or "export" in path:
            continue
        if path.endswith((".docx", ".xlsx", ".json", ".{fmt}")) or "attachments" in path:
            continue  # downloads and feeds, not pages
        for key, value in fill.items():
            path = path.replace(key, value)
        urls.append(path)
    return urls


def test_no_english_code_on_any_page(client: TestClient) -> None:
    report, digest, _figure = _ids(client)
    urls = page_urls(client)
    assert {"/", f"/doc/{report}", f"/doc/{report}/edit", "/figures", "/tasks", "/verdicts"} <= set(urls)
    urls += [
        "/figures?status=target&measure=growth&kind=report", "/metric?q=高标准农田&measure=", "/search?q=农田",
        "/indicators?name=高标准农田", f"/tasks?doc={report}", f"/digest/{digest}", f"/doc/{digest}",
        "/no-such-page", "/doc/999999", "/doc/not-a-number", "/projects?q=医院",
    ]  # fmt: skip
    checked = 0
    for url in urls:
        response = client.get(url)
        assert "text/html" in response.headers["content-type"], url
        found = CODE_RE.findall(visible_text(response.text))
        assert not found, f"{url} shows codes {sorted(set(found))}"
        checked += 1
    assert checked >= 20


def test_error_pages_are_in_the_site_layout_and_in_chinese(client: TestClient) -> None:
    missing = client.get("/no-such-page")
    assert missing.status_code == 404 and "页面不存在" in missing.text and 'class="top"' in missing.text
    assert "没有这个文件" in client.get("/doc/999999").text
    bad = client.get("/doc/abc")
    assert bad.status_code == 422 and "须为整数" in bad.text and "文库" in bad.text
    api = client.get("/api/v1/documents/999999")
    assert api.status_code == 404 and api.headers["content-type"] == "application/json"


def test_documents_show_a_title_never_only_the_file_name(client: TestClient) -> None:
    library = client.get("/").text
    assert "泸州市2024年政府工作报告" in library and "泸州市2026年报告摘要" in library
    report, _digest, _f = _ids(client)
    assert "<h1>泸州市2024年政府工作报告</h1>" in client.get(f"/doc/{report}").text
    digest_page = client.get(f"/digest/{report}").text
    assert "<h1>泸州市2024年政府工作报告“干货”速览</h1>" in digest_page


@pytest.mark.parametrize(
    ("title", "region", "year", "kind", "expected"),
    [
        ("2026年四川省人民政府工作报告", "四川省", 2026, "report", "2026年四川省人民政府工作报告"),
        (None, "泸州市", 2024, "report", "泸州市2024年政府工作报告"),
        (None, "全国", 2019, "bulletin", "全国2019年统计公报"),
        (None, None, None, "report", "000_b41fdc44bbf3ffda.txt"),
    ],
)
def test_document_title(title: str | None, region: str | None, year: int | None, kind: str, expected: str) -> None:
    assert document_title(title, region, year, kind, "000_b41fdc44bbf3ffda.txt") == expected


def test_every_flag_the_extractor_raises_has_a_label(seed_000: Path) -> None:
    result = gwrtrack.extract(gwrtrack.read(seed_000))
    flags = set(result.flags) | {f for fig in result.figures for f in fig.flags}
    assert flags and all(label("flag", f) != f for f in flags), flags
    assert flag_labels("footnote_glossary_missing") == ["有注释标记但缺少名词解释"]
    assert set(LABELS["status"]) == {"actual", "expected", "target", "other"}


def test_edit_document_metadata_relinks_and_is_recorded(client: TestClient) -> None:
    report, _d, _f = _ids(client)
    saved = client.post(f"/doc/{report}/edit", data={"region": "江阳区", "year": "2025", "kind": "report", "title": ""})
    assert saved.status_code == 200 and "已保存 2 处更正" in saved.text
    figures = client.get("/api/v1/figures", params={"document_id": report, "size": 500}).json()["figures"]
    assert {f["region"] for f in figures} == {"江阳区"}  # figures follow the document's region
    assert "2025" in {f["period"] for f in figures}  # and its plan year
    history = client.get(f"/doc/{report}/edit").text
    assert "测试员" in history and "地区" in history and "泸州市 → 江阳区" in history
    bad = client.post(f"/doc/{report}/edit", data={"region": "", "year": "二〇二五", "kind": "report"})
    assert bad.status_code == 400 and "年份须为" in bad.text
    assert client.get("/api/v1/documents/" + str(report)).json()["year"] == 2025  # nothing half-saved


def test_delete_document_with_everything_derived(client: TestClient) -> None:
    report, digest, figure = _ids(client)
    refused = client.post(f"/doc/{report}/delete", data={})
    assert refused.status_code == 400 and "确认删除" in refused.text
    done = client.post(f"/doc/{report}/delete", data={"confirm": "1"}, follow_redirects=True)
    assert done.status_code == 200 and "最近删除" in done.text and "测试员 删除了 000_b41fdc44bbf3ffda.txt" in done.text
    assert client.get(f"/doc/{report}").status_code == 404
    assert client.get(f"/figure/{figure}").status_code == 404
    assert all(f["document_id"] != report for f in client.get("/api/v1/search", params={"q": "农田"}).json())
    assert [d["id"] for d in client.get("/api/v1/documents").json()] == [digest]


def test_cli_doc_set_list_history_and_rm(tmp_path: Path, seed_000: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("GWR_DATABASE_URL", url)
    monkeypatch.setenv("GWR_AUTHOR", "督查室小王")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(seed_000)]).exit_code == 0
    listed = runner.invoke(cli, ["doc", "list"])
    assert listed.exit_code == 0 and "1\t泸州市\t2024\t政府工作报告\t泸州市2024年政府工作报告" in listed.output
    changed = runner.invoke(cli, ["doc", "set", "1", "--year", "2025", "--title", "泸州市2025年政府工作报告"])
    assert changed.exit_code == 0 and "年份：2024 → 2025" in changed.output
    bad = runner.invoke(cli, ["doc", "set", "1", "--year", "1800"])
    assert bad.exit_code == 2 and "年份须为" in bad.output
    history = runner.invoke(cli, ["doc", "history", "1"]).output
    assert "督查室小王" in history and "2024 → 2025" in history
    assert runner.invoke(cli, ["doc", "rm", "1", "--yes"]).exit_code == 0
    assert runner.invoke(cli, ["doc", "list"]).output == ""
    assert "删除" in runner.invoke(cli, ["doc", "history"]).output
    missing = runner.invoke(cli, ["doc", "rm", "7", "--yes"])
    assert missing.exit_code == 2 and "没有编号为 7 的文件" in missing.output


@pytest.mark.parametrize(
    "deadline",
    ["2024年12月底", "2024年6月30日", "2024年6月底前", "2024年三季度末", "2024年上半年", "2024年底", "2024年内",
     "2024年—2025年", "长期坚持", "持续推进", ""],
)  # fmt: skip
def test_deadlines_people_write_are_accepted(deadline: str) -> None:
    assert check_deadline(f" {deadline} ") == deadline


@pytest.mark.parametrize("deadline", ["尽快", "2024", "12月底", "2024年13月底", "明年", "2024年12月底" * 5])
def test_other_deadlines_are_refused_with_an_example(deadline: str) -> None:
    with pytest.raises(DeadlineError, match="如 2024年12月底"):
        check_deadline(deadline)


def test_a_deadline_the_form_refuses_never_reaches_an_export(client: TestClient) -> None:
    report, _d, _f = _ids(client)
    task = client.get(f"/api/v1/documents/{report}/tasks").json()[3]
    where = f"/tasks/{report}/{task['start']}-{task['end']}"
    refused = client.post(where, data={"lead": "市发展改革委", "co": "", "deadline": "尽快"})
    assert refused.status_code == 400 and "完成时限“尽快”格式不对" in refused.text
    api = client.put(f"/api/v1/documents/{report}/tasks/{task['start']}-{task['end']}",
                     json={"field": "deadline", "value": "尽快"})  # fmt: skip
    assert api.status_code == 422
    accepted = client.post(where, data={"lead": "市发展改革委", "co": "", "deadline": "2024年6月底前"})
    assert accepted.status_code == 200 and "2024年6月底前" in accepted.text


def test_every_exported_plan_imports_back(client: TestClient) -> None:
    report, _d, _f = _ids(client)
    task = client.get(f"/api/v1/documents/{report}/tasks").json()[5]
    client.post(f"/tasks/{report}/{task['start']}-{task['end']}",
                data={"lead": "市教育局", "co": "市财政局", "deadline": "2024年三季度末"})  # fmt: skip
    sheet = client.get(f"/tasks/{report}/export", params={"fmt": "xlsx"}).content
    back = finished_job(
        client, client.post("/tasks/import", files={"file": ("方案.xlsx", sheet)}, follow_redirects=False)
    )
    assert back["state"] == "done" and "imported=0" in back["result_url"]  # nothing changed, nothing refused


def test_web_edits_are_recorded_under_the_signed_in_user(store_url: str, seed_000: Path) -> None:
    """Accounts exist: a web edit is the signed-in person's (GWR_AUTHOR names the command line's author)."""
    with open_store(store_url).begin() as s:
        store_document(s, gwrtrack.read(seed_000))
    with TestClient(create_app(WebSettings(database_url=store_url)), base_url=LOCAL) as c:
        fid = c.get("/api/v1/figures", params={"size": 1}).json()["figures"][0]["id"]
        anonymous = c.post(f"/figure/{fid}/correct", data={"field": "metric", "value": "地区生产总值"})
        assert anonymous.status_code == 401 and "请先登录" in anonymous.text
        sign_in(c, store_url, "督查室小李")
        detail = c.post(f"/figure/{fid}/correct", data={"field": "metric", "value": "地区生产总值"})
        assert detail.status_code == 200 and "督查室小李" in detail.text


def test_a_write_whose_commit_fails_is_never_answered_ok(
    store_url: str, seed_000: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.orm import SessionTransaction

    with open_store(store_url).begin() as s:
        store_document(s, gwrtrack.read(seed_000))
    app = create_app(WebSettings(database_url=store_url))
    with TestClient(app, raise_server_exceptions=False, base_url=LOCAL) as c:
        sign_in(c, store_url)
        fid = c.get("/api/v1/figures", params={"size": 1}).json()["figures"][0]["id"]

        def failing_commit(self: SessionTransaction, _children: bool = False) -> None:
            raise OperationalError("COMMIT", {}, Exception("disk full"))

        monkeypatch.setattr(SessionTransaction, "commit", failing_commit)
        answer = c.post(f"/api/v1/figures/{fid}/corrections", json={"field": "metric", "value": "新指标"})
        monkeypatch.undo()
        assert answer.status_code == 500
        assert c.get(f"/api/v1/figures/{fid}/history").json() == []  # nothing stored, and nobody was told it was


def test_the_api_says_a_missing_document_in_chinese(client: TestClient) -> None:
    for path in ("/api/v1/documents/999999", "/api/v1/documents/999999/tasks"):
        answer = client.get(path)
        assert answer.status_code == 404 and answer.json()["detail"] == "没有这个文件", path
