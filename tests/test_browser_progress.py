"""The year's cycle in a browser (Playwright, Debian's Chromium): the 督查室 publishes the 分解方案 and sends a
reminder that reaches a local SMTP server; a department signs, reports with evidence; the 督查室 returns it
with a comment; the department resubmits and the light turns green; the public page shows the task and its
progress without the comment."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from store_fixtures import PASSWORD
from test_browser import _free_port, browser_type_launch_args, pytestmark, serve, sign_in  # noqa: F401 (fixtures)
from test_reminders import Inbox

COMMENT = "照片不清楚，请补充现场照片"


@pytest.fixture(scope="module")
def inbox() -> Iterator[tuple[Inbox, int]]:
    from aiosmtpd.controller import Controller

    box, port = Inbox(), _free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield box, port
    controller.stop()


@pytest.fixture(scope="module")
def cycle_server(tmp_path_factory: pytest.TempPathFactory, inbox: tuple[Inbox, int]) -> Iterator[str]:
    import gwrtrack
    from gwrtrack.evaluate import seed_paths
    from gwrtrack.store.db import open_store
    from gwrtrack.store.library import store_document
    from gwrtrack.store.users import add_user
    from gwrtrack.track.reminders import MailServer
    from gwrtrack.web.app import WebSettings, create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('cycle') / 'cycle.sqlite'}"
    with open_store(url).begin() as s:
        add_user(s, "督查员", PASSWORD, "office")
        add_user(s, "教育局小张", PASSWORD, "department", "市教育局", "xiaozhang@example.cn")
        store_document(s, gwrtrack.read(seed_paths()[0]))
    settings = WebSettings(url, today=date(2024, 4, 6), mail=MailServer("127.0.0.1", inbox[1], "dcs@example.cn"))
    yield from serve(create_app(settings))


def _sign_out(page: Any) -> None:
    page.locator("form[action='/logout'] button").click()
    page.locator("#login-link").wait_for()


def _report(page: Any, done: str, evidence: Path | None = None) -> None:
    form = page.locator("#report-form")
    form.locator("select[name=period]").select_option("2024-03")
    form.locator("textarea[name=done]").fill(done)
    form.locator("select[name=self_status]").select_option("on_track")
    if evidence is not None:
        form.locator("input[name=evidence]").set_input_files(str(evidence))
    form.get_by_role("button", name="报送").click()


def test_a_year_of_supervision_in_the_browser(
    page: Any, cycle_server: str, inbox: tuple[Inbox, int], tmp_path: Path
) -> None:
    server = cycle_server
    sign_in(page, server, "督查员")
    page.goto(server + "/tasks?doc=1")
    page.locator("#publish-form").get_by_role("button", name="发布到台账").click()
    page.locator("#ledger").wait_for()

    # the task of 市教育局 is red (March's report is overdue): one action reminds its department
    ledger = page.request.get(server + "/api/v1/ledger").json()  # the session's cookie goes along
    task_id = next(str(t["id"]) for t in ledger if t["lead"] == "市教育局" and t["target_value"] is None)
    page.goto(server + "/reminders")
    page.locator(f"#to-remind tr[data-id='{task_id}']").get_by_role("button", name="催办").click()
    page.locator("#sent").wait_for()
    assert "已发送" in page.locator("#reminder-log").inner_text()
    assert len(inbox[0].messages) == 1 and b"xiaozhang@example.cn" in inbox[0].messages[0]
    _sign_out(page)

    # the department signs and reports with evidence
    sign_in(page, server, "教育局小张")
    page.goto(server + "/progress")
    page.locator(f"#progress tr[data-id='{task_id}'] a").click()
    page.get_by_role("button", name="签收").click()
    assert "已签收（教育局小张" in page.locator("#signed").inner_text()
    evidence = tmp_path / "现场照片说明.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    _report(page, "三所学校已开工", evidence)
    page.locator("section.report[data-state='submitted']").wait_for()
    assert page.locator("a.attachment").inner_text() == "现场照片说明.pdf"
    _sign_out(page)

    # the 督查室 returns it with a comment: the task is red again
    sign_in(page, server, "督查员")
    page.goto(server + f"/progress/{task_id}")
    review = page.locator("form.review")
    review.locator("input[name=comment]").fill(COMMENT)
    review.get_by_role("button", name="退回").click()
    page.locator("section.report[data-state='returned']").wait_for()
    assert "红灯" in page.locator("#status").inner_text()
    _sign_out(page)

    # the department reads the comment and resubmits: green
    sign_in(page, server, "教育局小张")
    page.goto(server + f"/progress/{task_id}")
    assert COMMENT in page.locator("section.report .comment").inner_text()
    _report(page, "三所学校已开工，补充现场照片")
    page.locator("section.report[data-state='submitted']").wait_for()
    status = page.locator("#status").inner_text()
    assert "绿灯" in status and "序时推进" in status
    _sign_out(page)

    sign_in(page, server, "督查员")
    page.goto(server + f"/progress/{task_id}")
    page.locator("form.review").get_by_role("button", name="审核通过").click()
    page.locator("section.report[data-state='accepted']").wait_for()
    _sign_out(page)

    # the public page shows the task and its progress, not the comment nor who wrote what
    page.goto(server + "/public")
    page.get_by_role("link", name="泸州市 2024年").click()
    card = page.locator(f"#public-tasks article[data-id='{task_id}']")
    card.wait_for()
    assert card.get_attribute("data-light") == "green"
    assert "三所学校已开工，补充现场照片" in card.inner_text()
    body = page.locator("main").inner_text()
    assert COMMENT not in body and "教育局小张" not in body and "督查员" not in body
    assert re.search(r"任务（\d+ 项", body)
    # and it fits a phone
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.locator("#public-tasks").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
