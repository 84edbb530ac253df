"""The 督办 cycle in the store (SQLite and PostgreSQL) and the web app: tasks and their decisions,
the 分解方案 round trip through Excel, project entities, verdicts and their overrides."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select

import gwrtrack
from conftest import finished_job
from gwrtrack.errors import GwrError
from gwrtrack.link.departments import load_departments
from gwrtrack.link.indicators import load_indicators
from gwrtrack.report.office import TaskImportError, read_tasks_xlsx, task_lines, tasks_xlsx, verdict_lines
from gwrtrack.store import outcomes, tracking
from gwrtrack.store.db import open_store
from gwrtrack.store.library import store_document
from gwrtrack.store.models import DocumentRow, ProjectMentionRow, TrackEditRow
from gwrtrack.web.app import WebSettings, create_app
from store_fixtures import LOCAL, sign_in

PLAN = "二、2024年工作安排\n主要预期目标是：城镇新增就业3.7万人；粮食产量稳定在238万吨以上。\n（一）项目\n加快建设泸古高速。\n"
REVIEW = (
    "一、2024年工作回顾\n城镇新增就业4.1万人，粮食产量235万吨。泸古高速建成通车。\n二、2025年工作安排\n继续努力。\n"
)


@pytest.fixture
def sessions(store_url: str, seed_000: Path, seed_002: Path):  # type: ignore[no-untyped-def]
    made = open_store(store_url)
    with made.begin() as s:
        store_document(s, gwrtrack.read(seed_000))
        store_document(s, gwrtrack.read(seed_002))
        store_document(s, gwrtrack.read(PLAN.encode(), name="plan-2024.txt", region="泸州市", year=2024))
        store_document(s, gwrtrack.read(REVIEW.encode(), name="review-2025.txt", region="泸州市", year=2025))
    return made


def _doc(s, prefix: str) -> DocumentRow:  # type: ignore[no-untyped-def]
    return next(d for d in s.execute(select(DocumentRow)).scalars() if d.name.startswith(prefix))


def _edited(data: bytes, row: int, column: int, value: str) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    wb.active.cell(row=row, column=column, value=value)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_project_mentions_are_stored_and_linked(sessions) -> None:  # type: ignore[no-untyped-def]
    with sessions.begin() as s:
        assert s.query(ProjectMentionRow).count() > 150
        entities = {e.name: e for e in tracking.project_entities(s, load_indicators(), "泸州市")}
    hospital = entities["山东省立医院泸州医院"]
    assert [(m.year, m.mention.status.value) for m in hospital.mentions] == [
        (2023, "prep"),
        (2024, "building"),
        (2026, "done"),
    ]
    road = entities["泸古高速"]
    assert ("review-2025.txt", 2024, "done") in [(m.doc, m.year, m.mention.status.value) for m in road.mentions]
    assert road.latest_status.value == "building"  # the newest mention is seed 002's 2026 加快建设
    assert len({m.doc for m in road.mentions}) == 4


def test_task_decision_is_kept_with_history(sessions) -> None:  # type: ignore[no-untyped-def]
    departments = load_departments()
    with sessions.begin() as s:
        doc = _doc(s, "000_")
        task = next(t for t in tracking.tasks_of(s, doc, departments) if "29.4万亩" in t.text)
        assert task.lead == task.suggested_lead == "市农业农村局" and not task.confirmed
        tracking.set_task(s, doc, task.start, task.end, "lead", "市农业农村局", "张三")
        tracking.set_task(s, doc, task.start, task.end, "co", "市财政局、市自然资源和规划局", "李四")
    with sessions.begin() as s:
        doc = _doc(s, "000_")
        again = next(t for t in tracking.tasks_of(s, doc, departments) if t.start == task.start)
        assert again.confirmed and again.co == "市财政局、市自然资源和规划局"
        edits = tracking.history(s, doc.id, "task", task.start, task.end)
        assert [(e.field, e.author) for e in edits] == [("co", "李四"), ("lead", "张三")]
        with pytest.raises(GwrError, match="任务没有“owner”这一项"):
            tracking.set_task(s, doc, task.start, task.end, "owner", "x", "张三")
        with pytest.raises(GwrError, match="没有任务"):
            tracking.set_task(s, doc, 0, 3, "lead", "x", "张三")


def test_plan_round_trip_through_excel(sessions) -> None:  # type: ignore[no-untyped-def]
    departments = load_departments()
    with sessions() as s:
        doc = _doc(s, "000_")
        lines = task_lines(tracking.tasks_of(s, doc, departments))
    data = tasks_xlsx("分解方案", lines)
    rows = read_tasks_xlsx(data)
    assert len(rows) == len(lines) and rows[0].text == lines[0].text
    with sessions.begin() as s:
        assert tracking.import_tasks(s, rows, departments, "导入员") == 0  # unchanged: nothing to record
    edited = _edited(data, row=3, column=3, value="市统计局")  # row 3: the first task; column 3: 牵头单位
    edited = _edited(edited, row=4, column=5, value="2024年6月底")
    with sessions.begin() as s:
        assert tracking.import_tasks(s, read_tasks_xlsx(edited), departments, "导入员") == 2
    with sessions() as s:
        after = task_lines(tracking.tasks_of(s, _doc(s, "000_"), departments))
    assert after[0].lead == "市统计局" and after[0].confirmed
    assert after[1].deadline == "2024年6月底"
    assert [a.text for a in after] == [line.text for line in lines]  # nothing else moved
    assert read_tasks_xlsx(tasks_xlsx("分解方案", after))[0].lead == "市统计局"


def test_bad_plan_rows_import_nothing(sessions) -> None:  # type: ignore[no-untyped-def]
    departments = load_departments()
    with sessions() as s:
        lines = task_lines(tracking.tasks_of(s, _doc(s, "000_"), departments))
    data = tasks_xlsx("分解方案", lines)
    bad = _edited(_edited(_edited(data, 3, 3, "市统计局"), 5, 2, ""), 7, 5, "明年")
    with pytest.raises(TaskImportError) as info:
        read_tasks_xlsx(bad)
    assert "第5行" in str(info.value) and "第7行" in str(info.value) and "第3行" not in str(info.value)
    moved = _edited(data, 3, 6, "nowhere.txt [1,2)")
    with sessions.begin() as s, pytest.raises(GwrError, match="第3行"):
        tracking.import_tasks(s, read_tasks_xlsx(_edited(moved, 4, 3, "市统计局")), departments, "x")
    with sessions() as s:
        assert s.query(TrackEditRow).count() == 0
    with pytest.raises(TaskImportError, match="不是 Excel"):
        read_tasks_xlsx(b"PK not really")


def test_verdicts_with_override_and_history(sessions) -> None:  # type: ignore[no-untyped-def]
    indicators, departments = load_indicators(), load_departments()
    with sessions() as s:
        views = {v.judgement.target.surface: v for v in outcomes.verdicts(s, indicators, departments, "泸州市")}
    assert views["3.7万人"].verdict == "超额完成" and views["3.7万人"].judgement.outcome.surface == "4.1万人"  # type: ignore[union-attr]
    assert views["238万吨"].verdict == "未完成"
    assert views["29.4万亩"].verdict == "无数据"  # no 2024 outcome of 高标准农田 in the store
    assert views["3.7万人"].lead == "市人力资源社会保障局"
    with sessions.begin() as s:
        plan = _doc(s, "plan-2024")
        target = views["238万吨"].judgement.target
        with pytest.raises(GwrError, match="改判须写明理由"):
            tracking.override_verdict(s, plan, target.span.start, target.span.end, "已完成", " ", "王五")
        tracking.override_verdict(
            s, plan, target.span.start, target.span.end, "已完成", "统计口径调整后为240万吨", "王五"
        )
    with sessions() as s:
        again = {v.judgement.target.surface: v for v in outcomes.verdicts(s, indicators, departments, "泸州市")}
        lines = verdict_lines(list(again.values()), lambda doc_id: tracking.document_text(s, doc_id))
    assert again["238万吨"].verdict == "已完成" and again["238万吨"].judgement.verdict.value == "未完成"
    assert again["238万吨"].override.note == "统计口径调整后为240万吨"  # type: ignore[union-attr]
    grain = next(line for line in lines if line.target.startswith("粮食产量"))
    assert grain.verdict == "已完成（人工）" and "235万吨" in grain.outcome and "review-2025.txt" in grain.source


@pytest.fixture
def client(sessions, store_url: str) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    app = create_app(WebSettings(database_url=store_url))
    with TestClient(app, base_url=LOCAL) as c:
        sign_in(c, store_url)
        yield c


def _id(client: TestClient, prefix: str) -> int:
    return next(d["id"] for d in client.get("/api/v1/documents").json() if d["name"].startswith(prefix))


def test_web_tracking_pages(client: TestClient) -> None:
    seed = _id(client, "000_")
    tasks = client.get(f"/tasks?doc={seed}")
    assert tasks.status_code == 200 and "市农业农村局" in tasks.text and "建议" in tasks.text
    projects = client.get("/projects?q=医院")
    assert "山东省立医院泸州医院" in projects.text and "建成" in projects.text
    assert "超额完成" in client.get("/verdicts?region=泸州市").text
    timeline = client.get("/indicators", params={"name": "高标准农田"})
    assert "29.4万亩" in timeline.text and "31.3万亩" in timeline.text
    digest = client.get(f"/digest/{seed}")
    assert digest.status_code == 200 and f"/doc/{seed}?at=" in digest.text and "主要预期目标" in digest.text


def test_web_task_edit_and_downloads(client: TestClient) -> None:
    seed = _id(client, "000_")
    page = client.get(f"/tasks?doc={seed}").text
    start, end = page.split('hx-post="/tasks/')[1].split('"')[0].split("/")[1].split("-")
    assert client.get(f"/tasks?doc={seed}").headers["X-Cache"] == "hit"  # the page is cached …
    row = client.post(f"/tasks/{seed}/{start}-{end}", data={"lead": "市统计局", "co": "", "deadline": "2024年12月底"})
    assert row.status_code == 200 and "已确认" in row.text and "测试员" in row.text
    after = client.get(f"/tasks?doc={seed}")  # … until a decision is recorded
    assert after.headers["X-Cache"] == "miss" and 'value="市统计局"' in after.text
    xlsx = client.get(f"/tasks/{seed}/export?fmt=xlsx")
    assert xlsx.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert read_tasks_xlsx(xlsx.content)[0].lead == "市统计局"
    docx = client.get(f"/tasks/{seed}/export?fmt=docx")
    from docx import Document

    table = Document(io.BytesIO(docx.content)).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "工作任务", "牵头单位", "责任单位", "完成时限", "来源"]
    assert table.rows[1].cells[2].text == "市统计局"
    assert client.get("/verdicts/export?fmt=xlsx").status_code == 200
    assert client.get("/verdicts/export?fmt=pdf").status_code == 400
    assert client.get(f"/digest/{seed}?fmt=docx").status_code == 200
    assert client.get(f"/digest/{seed}?fmt=md").text.startswith("# 泸州市2024年")


def test_web_import_and_override_errors(client: TestClient) -> None:
    seed = _id(client, "000_")
    data = client.get(f"/tasks/{seed}/export?fmt=xlsx").content
    bad = _edited(data, 3, 6, "somewhere")
    response = client.post("/tasks/import", files={"file": ("plan.xlsx", bad)}, follow_redirects=False)
    failed = finished_job(client, response)
    assert failed["state"] == "failed" and "第3行" in failed["stage"] and "未导入任何内容" in failed["stage"]
    page = client.get(response.headers["location"]).text  # the job page says it, in Chinese
    assert "失败" in page and "第3行" in page
    good = _edited(data, 3, 3, "市统计局")
    done = finished_job(
        client, client.post("/tasks/import", files={"file": ("plan.xlsx", good)}, follow_redirects=False)
    )
    assert done["state"] == "done" and "imported=1" in done["result_url"]
    plan = _id(client, "plan-2024")
    assert client.post(f"/verdicts/{plan}/0-2", data={"verdict": "已完成", "reason": "x"}).status_code == 400
    assert client.post(f"/verdicts/{plan}/0-2", data={"verdict": "完成了", "reason": "x"}).status_code == 400


def test_tracking_api(client: TestClient) -> None:
    seed, plan = _id(client, "000_"), _id(client, "plan-2024")
    tasks = client.get(f"/api/v1/documents/{seed}/tasks").json()
    first = tasks[0]
    assert first["headline"] and first["suggested_lead"] == first["lead"] and not first["confirmed"]
    put = client.put(
        f"/api/v1/documents/{seed}/tasks/{first['start']}-{first['end']}",
        json={"field": "lead", "value": "市统计局", "author": "接口"},
    )
    assert put.status_code == 200 and put.json()["lead"] == "市统计局" and put.json()["confirmed"]
    assert client.put(f"/api/v1/documents/{seed}/tasks/0-1", json={"field": "lead", "value": "x"}).status_code == 422
    projects = {p["name"]: p for p in client.get("/api/v1/projects", params={"region": "泸州市"}).json()}
    assert [m["status"] for m in projects["山东省立医院泸州医院"]["mentions"]] == ["prep", "building", "done"]
    verdicts = client.get("/api/v1/verdicts", params={"region": "泸州市"}).json()
    jobs = next(v for v in verdicts if v["target"]["surface"] == "3.7万人" and v["target"]["document_id"] == plan)
    assert jobs["verdict"] == "超额完成" and jobs["outcome"]["surface"] == "4.1万人"
    target = jobs["target"]
    url = f"/api/v1/verdicts/{plan}/{target['start']}-{target['end']}"
    assert client.post(url, json={"verdict": "已完成", "reason": ""}).status_code == 422
    assert client.post(url, json={"verdict": "已完成", "reason": "口径调整"}).json()["reason"] == "口径调整"
    again = next(v for v in client.get("/api/v1/verdicts").json() if v["target"] == target)
    assert again["verdict"] == "已完成" and again["computed"] == "超额完成"
    paged = client.get("/api/v1/verdicts", params={"region": "泸州市", "offset": 5, "limit": 3}).json()
    assert paged == client.get("/api/v1/verdicts", params={"region": "泸州市"}).json()[5:8]
    of_year = client.get("/api/v1/verdicts", params={"year": target["period"], "limit": 1000}).json()
    assert of_year and all(v["target"]["period"] == target["period"] for v in of_year)
    assert client.get("/api/v1/verdicts", params={"limit": 0}).status_code == 422
    some = client.get("/api/v1/projects", params={"region": "泸州市", "q": "医院", "limit": 2}).json()
    assert 1 <= len(some) <= 2 and all("医院" in p["name"] or any("医院" in m["surface"] for m in p["mentions"])
                                       for p in some)  # fmt: skip
    digest = client.get(f"/api/v1/documents/{seed}/digest").json()
    assert digest["sections"][0]["title"] == "主要预期目标" and 3000 <= digest["chars"] <= 5000
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/projects", "/api/v1/verdicts", "/api/v1/documents/{doc_id}/tasks"} <= set(paths)


def test_upgrade_from_0001_then_reextract_fills_projects(store_url: str, seed_002: Path) -> None:
    """A store made before tracking: migration 0002 adds its tables, `reextract` fills the projects."""
    from alembic import command
    from alembic.config import Config

    from gwrtrack.store import db
    from gwrtrack.store.library import reextract

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(db.__file__).parent / "migrations"))
    engine = db.engine_for(store_url)
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")
        command.downgrade(cfg, "0001")
    engine.dispose()
    sessions = open_store(store_url)  # upgrades to 0002
    with sessions.begin() as s:
        row = store_document(s, gwrtrack.read(seed_002)).document
        s.query(ProjectMentionRow).delete()  # as a store of 0.1.0 had them: none
    with sessions.begin() as s:
        reextract(s, s.get(DocumentRow, row.id))
    with sessions() as s:
        assert s.query(ProjectMentionRow).count() == len(gwrtrack.extract(gwrtrack.read(seed_002)).projects) > 20


def test_decision_on_a_task_that_moved_is_kept_and_listed(sessions, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    with sessions.begin() as s:
        doc = _doc(s, "000_")
        task = tracking.tasks_of(s, doc, load_departments())[0]
        tracking.set_task(s, doc, task.start, task.end, "lead", "市统计局", "张三")
        moved = s.execute(select(TrackEditRow)).scalar_one()
        moved.start += 1  # as if a newer extractor cut the sentence one character later
    with sessions() as s:
        orphans = tracking.orphan_decisions(s, _doc(s, "000_"))
    assert [(o.after, o.author) for o in orphans] == [("市统计局", "张三")]
    page = client.get(f"/tasks?doc={_id(client, '000_')}")
    assert 'id="orphans"' in page.text and "市统计局（张三）" in page.text
