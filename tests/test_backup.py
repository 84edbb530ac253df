"""gwr backup → gwr restore → compare: every table, row for row, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, select

import gwrtrack
from gwrtrack.cli import cli
from gwrtrack.link.departments import load_departments
from gwrtrack.store import corrections, ledger, progress, tracking
from gwrtrack.store.backup import BackupError, backup, restore
from gwrtrack.store.db import engine_for, open_store
from gwrtrack.store.documents import set_meta
from gwrtrack.store.library import store_document
from gwrtrack.store.models import Base, DocumentRow, FigureRow, ReminderRow
from gwrtrack.track.roles import Role


def _instant(value: Any) -> Any:
    """A time as the instant it names (SQLite keeps times without a zone, PostgreSQL with UTC's)."""
    if isinstance(value, datetime):
        return (value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value).isoformat()
    return value


def _everything(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    with engine.connect() as conn:
        return {
            t.name: [tuple(_instant(v) for v in r) for r in conn.execute(select(t).order_by(*t.primary_key.columns))]
            for t in Base.metadata.sorted_tables
        }


def _work(url: str, seed_000: Path, seed_002: Path) -> None:
    """A store with a person's work in it: a correction, a decision, an override, a document correction."""
    sessions = open_store(url)
    with sessions.begin() as s:
        report = store_document(s, gwrtrack.read(seed_000)).document
        store_document(s, gwrtrack.read(seed_002))
        fig = s.execute(select(FigureRow).where(FigureRow.surface == "29.4万亩")).scalar_one()
        corrections.correct(s, fig.id, "metric", "高标准农田（新改建）", "督查室")
        task = tracking.tasks_of(s, report, load_departments())[3]
        tracking.set_task(s, report, task.start, task.end, "lead", "市发展改革委", "督查室")
        target = s.execute(select(FigureRow).where(FigureRow.status == "target")).scalars().first()
        assert target is not None
        tracking.override_verdict(s, report, target.start, target.end, "已完成", "核实无误", "督查室")
    with sessions.begin() as s:
        set_meta(s, report.id, {"title": "泸州市2024年政府工作报告"}, "督查室")
    with sessions.begin() as s:  # 进展: a signed task, a returned report, its evidence file, a reminder
        task_row = ledger.publish(s, s.get(DocumentRow, report.id), load_departments(), "督查室")[0]
        progress.sign(s, task_row.id, "督查室", Role.OFFICE, "")
        sent = progress.submit(s, task_row.id, "2024-03", author="督查室", role=Role.OFFICE, department="", done="进展")
        progress.attach(s, sent.id, "照片.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "督查室")
        progress.review(s, sent.id, False, "请补充", "督查室")
        s.add(
            ReminderRow(task_id=task_row.id, department="市教育局", to_addr="a@b.c", reason="未报送", author="督查室")
        )


def test_backup_restore_round_trip(store_url: str, tmp_path: Path, seed_000: Path, seed_002: Path) -> None:
    _work(store_url, seed_000, seed_002)
    source = engine_for(store_url)
    summary = backup(source, tmp_path / "store.zip")
    assert summary.rows["figures"] > 200 and summary.rows["edits"] == 1 and summary.rows["track_edits"] == 2
    assert summary.rows["progress_reports"] == summary.rows["attachments"] == summary.rows["reminders"] == 1
    target = engine_for(f"sqlite:///{tmp_path / 'restored.sqlite'}")
    restore(target, tmp_path / "store.zip")
    assert _everything(target) == _everything(source)  # no difference, table by table
    with pytest.raises(BackupError, match="空的数据库"):
        restore(target, tmp_path / "store.zip")  # never over a store with documents
    sessions = open_store(str(target.url))
    with sessions() as s:  # the restored store works
        from gwrtrack.store.search import search

        assert search(s, "农田", 5)
    source.dispose()
    target.dispose()


def test_a_sqlite_backup_restores_into_postgresql(
    postgres_url: str, tmp_path: Path, seed_000: Path, seed_002: Path
) -> None:
    sqlite_url = f"sqlite:///{tmp_path / 'source.sqlite'}"
    _work(sqlite_url, seed_000, seed_002)
    backup(engine_for(sqlite_url), tmp_path / "store.zip")
    target = engine_for(postgres_url)
    restore(target, tmp_path / "store.zip")
    assert _everything(target) == _everything(engine_for(sqlite_url))
    with open_store(postgres_url).begin() as s:  # sequences continue after the restored ids
        added = store_document(s, gwrtrack.read("2025年工作安排：新建学校20所。".encode(), name="x.txt"))
        assert added.document.id == 3
    target.dispose()


def test_cli_backup_and_restore(tmp_path: Path, seed_000: Path) -> None:
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'a.sqlite'}"
    assert runner.invoke(cli, ["ingest", str(seed_000), "--db", db]).exit_code == 0
    made = runner.invoke(cli, ["backup", str(tmp_path / "b.zip"), "--db", db])
    assert made.exit_code == 0 and "rows of" in made.output
    back = runner.invoke(cli, ["restore", str(tmp_path / "b.zip"), "--db", f"sqlite:///{tmp_path / 'c.sqlite'}"])
    assert back.exit_code == 0 and "restored" in back.output
    (tmp_path / "bad.zip").write_bytes(b"not a zip")
    bad = runner.invoke(cli, ["restore", str(tmp_path / "bad.zip"), "--db", f"sqlite:///{tmp_path / 'd.sqlite'}"])
    assert bad.exit_code == 2 and "不是 gwrtrack 的备份文件" in bad.output
