"""催办 through a local SMTP server, logged; the 催办单 and the 月报 as offices file them (DOCX, XLSX), and
both open in LibreOffice (converted to PDF headless, where LibreOffice is installed)."""

from __future__ import annotations

import io
import shutil
import socket
import subprocess
from collections.abc import Iterator
from datetime import date
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import gwrtrack
from gwrtrack.store.db import open_store
from gwrtrack.store.library import store_document
from gwrtrack.store.users import add_user
from gwrtrack.track.reminders import MailServer
from gwrtrack.web.app import WebSettings, create_app
from store_fixtures import LOCAL, PASSWORD, sign_in

TODAY = date(2024, 4, 6)


class Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.messages.append(envelope.content)  # type: ignore[attr-defined]
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    from aiosmtpd.controller import Controller

    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def _office(store_url: str, seed_000: Path, mail: MailServer | None) -> TestClient:
    with open_store(store_url).begin() as s:
        store_document(s, gwrtrack.read(seed_000))
        add_user(s, "教育局", PASSWORD, "department", "市教育局", "jiaoyu@example.cn")
    client = TestClient(create_app(WebSettings(database_url=store_url, today=TODAY, mail=mail)), base_url=LOCAL)
    client.__enter__()
    sign_in(client, store_url)
    doc = client.get("/api/v1/documents").json()[0]["id"]
    client.post(f"/api/v1/documents/{doc}/publish")
    return client


def _subject(raw: bytes) -> str:
    return str(make_header(decode_header(message_from_bytes(raw)["Subject"])))


def test_a_reminder_reaches_the_smtp_server_and_is_logged(
    smtp: tuple[Inbox, int], store_url: str, seed_000: Path
) -> None:
    inbox, port = smtp
    office = _office(store_url, seed_000, MailServer("127.0.0.1", port, "duchashi@example.cn"))
    try:
        page = office.get("/reminders").text
        task = next(t for t in office.get("/api/v1/ledger").json() if t["lead"] == "市教育局")
        assert f'<tr data-id="{task["id"]}">' in page  # March's report is overdue: it is on the list
        assert office.post(f"/reminders/{task['id']}", follow_redirects=False).status_code == 303
        assert len(inbox.messages) == 1
        raw = inbox.messages[0]
        assert _subject(raw) == f"【催办】任务 {task['id']}：未报送"
        body = message_from_bytes(raw).get_payload(decode=True).decode("utf-8")  # type: ignore[union-attr]
        assert "市教育局" in body and "2024年3月进展应于2024-04-05前报送" in body
        log = office.get("/reminders").text
        assert "jiaoyu@example.cn" in log and "已发送" in log
        history = [e["action"] for e in office.get(f"/api/v1/ledger/{task['id']}/history").json()]
        assert history[-1] == "remind"
        # a task whose department has no address: logged as not sent, with the reason
        other = next(t for t in office.get("/api/v1/ledger").json() if t["lead"] not in ("市教育局", ""))
        office.post(f"/reminders/{other['id']}")
        assert "牵头单位没有登记邮箱的用户" in office.get("/reminders").text and len(inbox.messages) == 1
    finally:
        office.__exit__(None, None, None)


def test_without_a_mail_server_reminders_are_logged_not_sent(store_url: str, seed_000: Path) -> None:
    office = _office(store_url, seed_000, None)
    try:
        task = next(t for t in office.get("/api/v1/ledger").json() if t["lead"] == "市教育局")
        office.post(f"/reminders/{task['id']}")
        assert "未配置邮件服务器" in office.get("/reminders").text
    finally:
        office.__exit__(None, None, None)


def test_a_department_may_not_remind_or_download_the_monthly_report(store_url: str, seed_000: Path) -> None:
    office = _office(store_url, seed_000, None)
    try:
        with TestClient(create_app(WebSettings(database_url=store_url, today=TODAY)), base_url=LOCAL) as dept:
            dept.post("/login", data={"username": "教育局", "password": PASSWORD})
            assert dept.get("/reminders").status_code == 403
            assert dept.get("/reports/monthly.docx").status_code == 403
    finally:
        office.__exit__(None, None, None)


def _documents(store_url: str, seed_000: Path) -> dict[str, bytes]:
    office = _office(store_url, seed_000, None)
    try:
        task = next(t for t in office.get("/api/v1/ledger").json() if t["lead"] == "市教育局")
        office.post(f"/api/v1/ledger/{task['id']}/reports", json={
            "period": "2024-03", "done": "新建学校3所", "self_status": "lagging", "problems": "用地报批滞后",
            "next_steps": "四月底前完成用地报批",
        })  # fmt: skip
        return {
            "催办单.docx": office.get("/reminders/sheet.docx").content,
            "月报.docx": office.get("/reports/monthly.docx?period=2024-03").content,
            "月报.xlsx": office.get("/reports/monthly.xlsx?period=2024-03").content,
        }
    finally:
        office.__exit__(None, None, None)


def test_monthly_report_and_reminder_sheet(store_url: str, seed_000: Path) -> None:
    import docx
    from openpyxl import load_workbook

    files = _documents(store_url, seed_000)
    monthly = "\n".join(p.text for p in docx.Document(io.BytesIO(files["月报.docx"])).paragraphs)
    for heading in ("一、总体情况", "二、完成情况", "三、滞后事项及原因", "四、下步打算"):
        assert heading in monthly
    assert "原因：用地报批滞后" in monthly and "四月底前完成用地报批" in monthly and "（2024年3月）" in monthly
    sheet = load_workbook(io.BytesIO(files["月报.xlsx"])).active
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=3)]
    assert any(r[1] == "市教育局" and r[4] == "滞后" and r[7] == "用地报批滞后" for r in rows)
    reminder = docx.Document(io.BytesIO(files["催办单.docx"]))
    assert reminder.paragraphs[0].text == "督办事项催办单" and len(reminder.tables[0].rows) > 10


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_office_documents_open_in_libreoffice(tmp_path: Path, seed_000: Path) -> None:
    import pypdfium2 as pdfium

    files = _documents(f"sqlite:///{tmp_path / 'store.sqlite'}", seed_000)
    for name, data in files.items():
        source = tmp_path / name
        source.write_bytes(data)
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
             "--outdir", str(tmp_path), str(source)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        pdf = pdfium.PdfDocument(tmp_path / (source.stem + ".pdf"))
        text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        assert len(pdf) >= 1
        assert ("总体情况" if name == "月报.docx" else "市教育局") in text, name
        pdf.close()
