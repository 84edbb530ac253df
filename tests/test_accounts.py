"""Accounts and roles: who may see and do what, on every route, with CSRF and tokens (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import gwrtrack
from conftest import finished_job
from gwrtrack.cli import cli
from gwrtrack.store.db import open_store
from gwrtrack.store.library import store_document
from gwrtrack.store.users import AccountError, add_user, authenticate, create_token
from gwrtrack.web.app import WebSettings, create_app
from store_fixtures import LOCAL, PASSWORD, sign_in


@pytest.fixture
def store(store_url: str, seed_000: Path) -> str:
    with open_store(store_url).begin() as s:
        store_document(s, gwrtrack.read(seed_000))
    return store_url


def _client(url: str) -> TestClient:
    return TestClient(create_app(WebSettings(database_url=url)), base_url=LOCAL)


#: Every route that changes something, as (method, path template, form or JSON body, permission it needs).
WRITES = [
    ("POST", "/figure/{fig}/correct", {"field": "metric", "value": "地区生产总值"}, "edit_figures"),
    ("POST", "/figure/{fig}/not-figure", {}, "edit_figures"),
    ("POST", "/doc/{doc}/figures", {"start": "0", "end": "2"}, "edit_figures"),
    ("POST", "/doc/{doc}/edit", {"region": "泸州市", "year": "2024", "kind": "report", "title": ""}, "edit_documents"),
    ("POST", "/tasks/{doc}/{task}", {"lead": "市教育局", "co": "", "deadline": ""}, "decide_tasks"),
    ("POST", "/verdicts/{doc}/{target}", {"verdict": "已完成", "reason": "核实"}, "override_verdicts"),
    ("JSON", "/api/v1/figures/{fig}/corrections", {"field": "metric", "value": "地区生产总值"}, "edit_figures"),
    ("PUT", "/api/v1/documents/{doc}/tasks/{task}", {"field": "lead", "value": "市教育局"}, "decide_tasks"),
    ("JSON", "/api/v1/verdicts/{doc}/{target}", {"verdict": "已完成", "reason": "核实"}, "override_verdicts"),
    ("POST", "/tasks/{doc}/publish", {}, "decide_tasks"),
    ("JSON", "/api/v1/ledger", {"text": "落实领导批示", "lead": "市教育局"}, "decide_tasks"),
    ("POST", "/doc/{doc}/delete", {"confirm": "1"}, "edit_documents"),  # last: it removes the document
]
READS_OF_THE_PLAN = [
    "/tasks",
    "/tasks/{doc}/export?fmt=xlsx",
    "/api/v1/documents/{doc}/tasks",
    "/ledger",
    "/api/v1/ledger",
]
READS_PUBLIC = ["/", "/doc/{doc}", "/figures", "/search?q=农田", "/verdicts", "/projects", "/api/v1/figures"]
ROLES = {
    "public": set(),
    "leader": {"read_tasks"},
    "department": {"read_tasks"},
    "office": {"read_tasks", "edit_figures", "edit_documents", "decide_tasks", "override_verdicts"},
    "admin": {"read_tasks", "edit_figures", "edit_documents", "decide_tasks", "override_verdicts"},
}


def _send(c: TestClient, method: str, path: str, body: dict[str, object]) -> int:
    if method == "JSON":
        return c.post(path, json=body).status_code
    if method == "PUT":
        return c.put(path, json=body).status_code
    return c.post(path, data=body).status_code


@pytest.mark.parametrize("role", list(ROLES))
def test_every_route_for_every_role(store: str, role: str) -> None:
    """The role × route matrix: each role reads and writes exactly what it may; 401 anonymous, 403 otherwise."""
    with _client(store) as c:
        if role != "public":
            sign_in(c, store, f"{role}用户", role, "市教育局" if role == "department" else "")
        doc = c.get("/api/v1/documents").json()[0]["id"]
        figures = c.get("/api/v1/figures", params={"size": 500}).json()["figures"]
        fig = figures[0]["id"]
        target = next(f for f in figures if f["status"] == "target")
        with open_store(store)() as s:
            from gwrtrack.link.departments import load_departments
            from gwrtrack.store import tracking
            from gwrtrack.store.models import DocumentRow

            task = tracking.tasks_of(s, s.get(DocumentRow, doc), load_departments())[3]
        ids = {
            "doc": doc,
            "fig": fig,
            "task": f"{task.start}-{task.end}",
            "target": f"{target['start']}-{target['end']}",
        }
        allowed = ROLES[role]
        for path in READS_PUBLIC:
            assert c.get(path.format(**ids)).status_code == 200, (role, path)
        for path in READS_OF_THE_PLAN:
            got = c.get(path.format(**ids)).status_code
            assert got == (200 if "read_tasks" in allowed else 401 if role == "public" else 403), (role, path, got)
        for method, path, body, permission in WRITES:
            got = _send(c, method, path.format(**ids), body)
            want = {200, 303} if permission in allowed else {401 if role == "public" else 403}
            assert got in want, (role, method, path, got)


def test_a_department_sees_only_its_own_tasks(store: str) -> None:
    with _client(store) as office:
        sign_in(office, store, "督查室", "office")
        doc = office.get("/api/v1/documents").json()[0]["id"]
        tasks = office.get(f"/api/v1/documents/{doc}/tasks").json()
        mine = tasks[5]
        office.put(
            f"/api/v1/documents/{doc}/tasks/{mine['start']}-{mine['end']}", json={"field": "lead", "value": "市教育局"}
        )
    with _client(store) as dept:
        sign_in(dept, store, "教育局小张", "department", "市教育局")
        seen = dept.get(f"/api/v1/documents/{doc}/tasks").json()
        assert seen and all(t["lead"] == "市教育局" or "市教育局" in t["co"] for t in seen)
        assert len(seen) < len(tasks) and mine["start"] in [t["start"] for t in seen]
        page = dept.get("/tasks", params={"doc": doc}).text
        assert "只列出市教育局牵头或参与的任务" in page and 'class="task-form"' not in page  # reads, cannot decide
        other = next(t for t in tasks if t["lead"] != "市教育局" and "市教育局" not in t["co"])
        guessed = dept.put(
            f"/api/v1/documents/{doc}/tasks/{other['start']}-{other['end']}", json={"field": "lead", "value": "x"}
        )
        assert guessed.status_code == 403  # an id of another department's task changes nothing


def test_csrf_and_foreign_origins_are_refused(store: str) -> None:
    with _client(store) as c:
        sign_in(c, store)
        fig = c.get("/api/v1/figures", params={"size": 1}).json()["figures"][0]["id"]
        token = c.headers.pop("X-CSRF-Token")
        missing = c.post(f"/figure/{fig}/correct", data={"field": "metric", "value": "x"})
        assert missing.status_code == 403 and "校验码" in missing.text
        foreign = c.post(
            f"/figure/{fig}/correct", data={"field": "metric", "value": "x", "csrf_token": token},
            headers={"Origin": "http://evil.example"},
        )  # fmt: skip
        assert foreign.status_code == 403 and "跨站" in foreign.text
        good = c.post(f"/figure/{fig}/correct", data={"field": "metric", "value": "地区生产总值", "csrf_token": token})
        assert good.status_code == 200
        history = c.get(f"/api/v1/figures/{fig}/history").json()
        assert [h["after"] for h in history] == ["地区生产总值"]  # the refused ones left nothing


def test_api_tokens_for_scripts(store: str) -> None:
    with open_store(store).begin() as s:
        add_user(s, "脚本", PASSWORD, "office")
        token = create_token(s, "脚本", "nightly")
    with _client(store) as c:
        fig = c.get("/api/v1/figures", params={"size": 1}).json()["figures"][0]["id"]
        body = {"field": "metric", "value": "地区生产总值"}
        assert c.post(f"/api/v1/figures/{fig}/corrections", json=body).status_code == 401
        done = c.post(f"/api/v1/figures/{fig}/corrections", json=body, headers={"Authorization": f"Bearer {token}"})
        assert done.status_code == 200  # a token needs no CSRF token: no browser sends it by itself
        bad = c.get("/api/v1/documents", headers={"Authorization": "Bearer nope"})
        assert bad.status_code == 401


def test_passwords_lockout_and_disabled_accounts(store: str) -> None:
    sessions = open_store(store)
    with sessions.begin() as s:
        add_user(s, "王", PASSWORD, "office")
        with pytest.raises(AccountError, match="至少 10 位"):
            add_user(s, "李", "short", "office")
        with pytest.raises(AccountError, match="须写明部门"):
            add_user(s, "赵", PASSWORD, "department")
    with sessions.begin() as s:
        row = (
            s.execute(
                __import__("sqlalchemy").select(__import__("gwrtrack.store.models", fromlist=["UserRow"]).UserRow)
            )
            .scalars()
            .first()
        )
        assert row is not None and row.password_hash.startswith("$argon2")
    now = datetime.now(UTC)
    for _ in range(5):
        with sessions.begin() as s:
            assert authenticate(s, "王", "wrong password", now) is None
    with sessions.begin() as s, pytest.raises(AccountError, match="锁定"):
        authenticate(s, "王", PASSWORD, now)
    with sessions.begin() as s:
        assert authenticate(s, "王", PASSWORD, now + timedelta(minutes=16)) is not None
    with _client(store) as c:
        wrong = c.post("/login", data={"username": "王", "password": "nope nope nope"})
        assert wrong.status_code == 401 and "用户名或密码不对" in wrong.text


def test_cli_user_commands(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'u.sqlite'}"
    runner = CliRunner()
    made = runner.invoke(
        cli, ["user", "add", "admin", "--role", "admin", "--password-stdin", "--db", db], input=PASSWORD + "\n"
    )
    assert made.exit_code == 0 and "管理员" in made.output
    weak = runner.invoke(cli, ["user", "add", "x", "--role", "office", "--password-stdin", "--db", db], input="123\n")
    assert weak.exit_code == 2 and "至少 10 位" in weak.output
    assert "admin\t管理员\t-\tactive" in runner.invoke(cli, ["user", "list", "--db", db]).output
    token = runner.invoke(cli, ["user", "token", "admin", "--db", db]).output.strip()
    assert re.fullmatch(r"[A-Za-z0-9_\-]{40,}", token)
    assert (
        runner.invoke(
            cli, ["user", "passwd", "admin", "--password-stdin", "--db", db], input="another long one\n"
        ).exit_code
        == 0
    )
    assert runner.invoke(cli, ["user", "disable", "admin", "--db", db]).exit_code == 0
    assert "disabled" in runner.invoke(cli, ["user", "list", "--db", db]).output


def test_a_session_cookie_is_signed_and_expires() -> None:
    from gwrtrack.web.auth import SESSION_HOURS, read_cookie, session_cookie

    cookie = session_cookie("secret", 7, now=1000.0)
    assert read_cookie("secret", cookie, now=1001.0) is not None
    assert read_cookie("other secret", cookie, now=1001.0) is None  # forged
    assert read_cookie("secret", cookie.replace("7.", "8.", 1), now=1001.0) is None  # tampered
    assert read_cookie("secret", cookie, now=1000.0 + SESSION_HOURS * 3600 + 1) is None  # expired


def test_every_change_records_who_when_and_from_where(store: str) -> None:
    with _client(store) as c:
        sign_in(c, store)
        fig = c.get("/api/v1/figures", params={"size": 1}).json()["figures"][0]["id"]
        c.post(f"/api/v1/figures/{fig}/corrections", json={"field": "metric", "value": "地区生产总值"})
        (entry,) = c.get(f"/api/v1/figures/{fig}/history").json()
        assert entry["author"] == "测试员" and entry["at"] and entry["address"] == "testclient"
    runner = CliRunner()
    out = runner.invoke(cli, ["doc", "set", "1", "--title", "泸州市2024年政府工作报告", "--db", store])
    assert out.exit_code == 0
    with open_store(store)() as s:
        from gwrtrack.store.documents import document_history

        assert document_history(s, 1)[0].address is None  # the command line has no address


def test_history_exports_every_change(store: str) -> None:
    with _client(store) as c:
        sign_in(c, store)
        fig = c.get("/api/v1/figures", params={"size": 1}).json()["figures"][0]["id"]
        c.post(f"/api/v1/figures/{fig}/corrections", json={"field": "metric", "value": "=cmd|' /C calc'!A0"})
        csv_text = c.get("/history/export", params={"fmt": "csv"}).content.decode("utf-8-sig")
        assert "数据更正" in csv_text and "测试员" in csv_text and "testclient" in csv_text
        assert "'=cmd" in csv_text  # exported safe to open
    with _client(store) as anonymous:
        assert anonymous.get("/history/export").status_code == 401
    out = CliRunner().invoke(cli, ["history", "--format", "jsonl", "--db", store]).output
    assert '"kind": "figure"' in out and '"address": "testclient"' in out


def test_sign_ins_from_one_address_are_rate_limited(store: str) -> None:
    from gwrtrack.web import auth

    auth._ATTEMPTS.clear()
    with _client(store) as c:
        answers = [c.post("/login", data={"username": "nobody", "password": "x" * 12}).status_code for _ in range(12)]
        assert answers[:10] == [401] * 10 and answers[10:] == [429, 429]
    auth._ATTEMPTS.clear()  # other tests sign in from the same test address


def test_no_anonymous_request_changes_anything_on_any_route(store: str) -> None:
    """Every route of the app and the API that is not a safe method refuses an anonymous caller."""
    from test_first_hour import all_routes

    with _client(store) as c:
        writes = [
            (method, r.path)  # type: ignore[attr-defined]
            for r in all_routes(c.app.routes)  # type: ignore[attr-defined]
            for method in getattr(r, "methods", None) or ()
            if method not in ("GET", "HEAD", "OPTIONS") and r.path not in ("/login", "/logout")  # type: ignore[attr-defined]
        ]
        assert len(writes) >= 20
        before = c.get("/api/v1/figures", params={"size": 500}).json()
        for method, path in writes:
            url = path.replace("{doc_id}", "1").replace("{figure_id}", "1").replace("{task_id}", "1")
            url = url.replace("{start}-{end}", "0-2")
            answer = c.request(method, url, data={"x": "1"})
            assert answer.status_code == 401, (method, path, answer.status_code)
        assert c.get("/api/v1/figures", params={"size": 500}).json() == before


def test_an_over_long_file_name_is_cut_not_an_error(store: str) -> None:
    with _client(store) as c:
        sign_in(c, store)
        name = "很长的文件名" * 60 + ".txt"
        answer = c.post(
            "/upload", files={"file": (name, "2025年工作安排：新建学校20所。".encode())}, follow_redirects=False
        )
        assert finished_job(c, answer)["lines"][0]["status"] == "stored"
