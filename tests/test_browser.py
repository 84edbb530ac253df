"""Browser tests: Playwright drives Debian's Chromium against a live server on 127.0.0.1.

Skipped with a reason where /usr/bin/chromium is missing; CI installs it (apt-get install chromium).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from store_fixtures import PASSWORD

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(
    shutil.which(CHROMIUM) is None, reason=f"browser tests need {CHROMIUM} (apt-get install chromium)"
)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium, headless, with no network of its own (the tool's browser download does not work here)."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run",
        ],
    }  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import gwrtrack
    from gwrtrack.evaluate import seed_paths
    from gwrtrack.store.db import open_store
    from gwrtrack.store.library import store_document
    from gwrtrack.web.app import WebSettings, create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'browser.sqlite'}"
    sessions = open_store(url)
    from gwrtrack.store.users import add_user

    with sessions.begin() as s:
        add_user(s, "浏览器", PASSWORD, "office")
        add_user(s, "教育局小张", PASSWORD, "department", "市教育局")
    extra = Path(__file__).parent / "data" / "provinces-2026" / "jiangsu-2026.txt"  # to be edited and deleted
    for path in [*seed_paths(), extra]:
        with sessions.begin() as s:
            store_document(s, gwrtrack.read(path))
    yield from serve(create_app(WebSettings(url)))


def serve(app: Any) -> Iterator[str]:
    """Run ``app`` on a free port of 127.0.0.1 in a thread; yield its address; stop it afterwards."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def sign_in(page: Any, live_server: str, username: str = "浏览器") -> None:
    """Sign in through the login page, as a person does."""
    page.goto(live_server + "/login")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("#login-form").get_by_role("button", name="登录").click()
    page.locator("#whoami").wait_for()


def test_correct_a_figure_and_see_table_and_export(page: Any, live_server: str, tmp_path: Path) -> None:
    sign_in(page, live_server)
    page.goto(live_server + "/")
    page.get_by_role("link", name="泸州市2024年政府工作报告").first.click()
    page.locator("#text").wait_for()
    figure = page.locator("span.fig", has_text="29.4万亩")
    figure.click()
    detail = page.locator("#detail")
    detail.get_by_text("高标准农田").first.wait_for()
    detail.locator("select[name=field]").select_option("metric")
    detail.locator("input[name=value]").fill("高标准农田（新改建）")
    detail.get_by_role("button", name="保存更正").click()
    detail.get_by_text("高标准农田（新改建）").first.wait_for()
    assert "浏览器" in detail.inner_text()

    page.goto(live_server + "/figures")
    page.locator("input[name=metric]").fill("新改建")
    page.locator("input[name=metric]").press("Enter")
    page.locator("#figures-table tbody tr", has_text="29.4万亩").wait_for()
    assert page.locator("#figures-table tbody tr").count() == 1
    with page.expect_download() as info:
        page.locator("#export-csv").click()
    target = tmp_path / "export.csv"
    info.value.save_as(target)
    content = target.read_text(encoding="utf-8-sig")
    assert "高标准农田（新改建）" in content and content.count("\n") == 2


def test_search_lands_on_the_sentence(page: Any, live_server: str) -> None:
    page.goto(live_server + "/search?q=农田")
    first = page.locator("#hits a.hit").first
    assert "农田" in first.inner_text()
    first.click()
    mark = page.locator("mark#hit")
    mark.wait_for()
    assert mark.inner_text() == "农田"
    assert mark.is_visible()


def test_metric_chart_renders(page: Any, live_server: str) -> None:
    page.goto(live_server + "/metric?q=高标准农田&measure=amount")
    page.locator("#chart canvas").wait_for()
    assert page.locator("#metric-table tbody tr").count() >= 3


def test_confirm_a_department_in_the_plan_and_follow_a_project(page: Any, live_server: str) -> None:
    sign_in(page, live_server)
    page.goto(live_server + "/tasks?doc=1")
    row = page.locator("#tasks tbody tr", has_text="新（改）建高标准农田29.4万亩").first
    assert row.locator(".badge.suggested").count() == 1
    row.locator("input[name=co]").fill("市财政局")
    row.get_by_role("button", name="确认").click()
    confirmed = page.locator("#tasks tbody tr", has_text="新（改）建高标准农田29.4万亩").first
    confirmed.locator(".badge.confirmed").wait_for()
    assert "浏览器" in confirmed.inner_text() and "市财政局" in confirmed.inner_text()
    page.locator("#chart canvas").wait_for()  # tasks per lead department

    page.goto(live_server + "/projects?q=山东省立医院")
    card = page.locator(".entities .card").first
    # the 2024 plan's stages are planned (计划…), the review's are reported
    assert [s.inner_text() for s in card.locator(".timeline .stage").all()] == ["前期", "计划在建", "计划建成"]
    card.locator(".timeline a").last.click()
    mark = page.locator("mark#hit")
    mark.wait_for()
    assert mark.inner_text() == "山东省立医院泸州医院"


def test_indicator_timeline_chart(page: Any, live_server: str) -> None:
    page.goto(live_server + "/indicators?name=高标准农田")
    page.locator("#chart canvas").wait_for()
    assert "31.3万亩" in page.locator("table.grid").inner_text()


def test_api_docs_work_offline_and_list_the_endpoints(page: Any, live_server: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(live_server + "/api/docs")
    page.locator(".opblock").first.wait_for()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/figures" in [p.replace("\u200b", "") for p in paths] and len(paths) >= 10
    assert all(u.startswith(live_server) for u in requests), [u for u in requests if not u.startswith(live_server)]


def test_a_figure_far_down_the_page_opens_its_detail_in_view(page: Any, live_server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server + "/")
    page.get_by_role("link", name="泸州市2024年政府工作报告").first.click()
    last = page.locator("#text span.fig").last
    last.scroll_into_view_if_needed()
    assert page.evaluate("window.scrollY") > 3000  # far below the first screen
    last.click()
    card = page.locator("#detail .card")
    card.wait_for()
    box = card.bounding_box()
    assert box is not None and 0 <= box["y"] < 800, box
    assert card.is_visible()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/doc/1",
        "/figures",
        "/tasks",
        "/verdicts",
        "/doc/1/edit",
        "/progress",
        "/dashboard",
        "/reminders",
        "/public",
    ],
)
def test_pages_fit_a_phone(page: Any, live_server: str, path: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server)
    page.goto(live_server + path)
    page.locator("main").wait_for()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} is {overflow}px wider than a 390px screen"
    if path == "/doc/1":  # the figure detail opens as a sheet in view
        page.locator("#text span.fig").nth(5).click()
        card = page.locator("#detail .card")
        card.wait_for()
        box = card.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + 40 < 844
        card.get_by_role("button", name="关闭").click()
        assert page.locator("#detail .card").count() == 0


def test_correct_a_document_then_delete_it(page: Any, live_server: str) -> None:
    sign_in(page, live_server)
    page.goto(live_server + "/")
    row = page.locator("#library tbody tr", has_text="jiangsu-2026.txt")
    row.get_by_role("link", name="更正信息或删除").click()
    form = page.locator("#meta-form")
    form.locator("input[name=year]").fill("2027")
    form.locator("input[name=title]").fill("江苏省2027年政府工作报告（测试）")
    form.get_by_role("button", name="保存更正").click()
    page.locator(".saved").wait_for()
    assert "已保存 2 处更正" in page.locator(".saved").inner_text()
    history = page.locator("#doc-history").inner_text()
    assert "浏览器" in history and "2026 → 2027" in history
    page.locator("#delete-form input[name=confirm]").check()
    page.locator("#delete-form").get_by_role("button", name="删除文件").click()
    page.locator("#deleted").wait_for()
    assert "浏览器 删除了 jiangsu-2026.txt" in page.locator("#deleted").inner_text()
    assert page.locator("#library tbody tr", has_text="jiangsu-2026.txt").count() == 0


def test_the_office_publishes_and_a_department_sees_only_its_tasks(page: Any, live_server: str) -> None:
    sign_in(page, live_server)
    page.goto(live_server + "/tasks?doc=1")
    row = page.locator("#tasks tbody tr", has_text="优化基础教育学校布局").first
    row.locator("input[name=lead]").fill("市教育局")
    row.get_by_role("button", name="确认").click()
    page.locator("#tasks tbody tr", has_text="优化基础教育学校布局").first.locator(".badge.confirmed").wait_for()
    page.locator("#publish-form").get_by_role("button", name="发布到台账").click()
    page.locator("#ledger").wait_for()
    assert page.locator("#ledger tbody tr").count() > 100
    page.locator("form[action='/logout'] button").click()

    sign_in(page, live_server, "教育局小张")
    assert "教育局小张（部门 · 市教育局）" in page.locator("#whoami").inner_text()
    page.goto(live_server + "/tasks?doc=1")
    rows = page.locator("#tasks tbody tr")
    assert 0 < rows.count() < 20 and "只列出市教育局牵头或参与的任务" in page.content()
    assert page.locator("#tasks .task-form").count() == 0  # a department reads its tasks, it does not assign them
    page.goto(live_server + "/ledger")
    texts = page.locator("#ledger tbody tr").all_inner_texts()
    assert texts and all("市教育局" in t for t in texts)


@pytest.mark.parametrize("path", ["/compare", "/trend?region=泸州市", "/dashboard"])
def test_research_and_dashboard_charts_render_in_chinese(page: Any, live_server: str, path: str) -> None:
    if path == "/dashboard":
        sign_in(page, live_server)
    page.goto(live_server + path)
    page.locator(".chart canvas").first.wait_for()
    if path != "/dashboard":
        assert "单位：" in page.locator(".chart-title").first.inner_text()
