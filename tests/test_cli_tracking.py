"""The tracking commands of gwr: tasks, import-tasks, projects, verdicts, digest."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from gwrtrack.cli import cli

PAIRS = Path(__file__).parent / "data" / "pairs"


def gwr(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gwrtrack", *args], capture_output=True, text=True, check=False)


def test_tasks_table_and_jsonl(seed_000: Path) -> None:
    table = CliRunner().invoke(cli, ["tasks", str(seed_000)])
    assert table.exit_code == 0 and "市农业农村局（建议）" in table.output
    rows = [
        json.loads(line)
        for line in CliRunner().invoke(cli, ["tasks", str(seed_000), "--format", "jsonl"]).output.splitlines()
    ]
    assert sum(r["headline"] for r in rows) == 5 and all(r["suggested"] for r in rows)


def test_tasks_xlsx_needs_an_output_file(seed_000: Path, tmp_path: Path) -> None:
    failed = gwr("tasks", str(seed_000), "--format", "xlsx")
    assert failed.returncode == 2 and failed.stderr.strip() == "gwr: error: XLSX is binary: give --output FILE"
    out = tmp_path / "plan.xlsx"
    assert gwr("tasks", str(seed_000), "--format", "xlsx", "-o", str(out)).returncode == 0
    sheet = load_workbook(io.BytesIO(out.read_bytes())).active
    assert [c.value for c in sheet[2]] == [
        "序号",
        "工作任务",
        "牵头单位",
        "责任单位",
        "完成时限",
        "来源",
        "状态",
        "版本",
    ]


def test_import_round_trip_and_verdicts_through_the_store(seed_000: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'g.sqlite'}"
    assert gwr("ingest", str(seed_000), "--db", db).returncode == 0
    out = tmp_path / "plan.xlsx"
    gwr("tasks", str(seed_000), "--format", "xlsx", "-o", str(out))
    done = gwr("import-tasks", str(out), "--db", db)
    assert done.returncode == 0 and "0 changes" in done.stdout
    wb = load_workbook(out)
    wb.active.cell(row=3, column=6, value="garbled")
    wb.save(out)
    bad = gwr("import-tasks", str(out), "--db", db)
    assert bad.returncode == 2 and "第3行" in bad.stderr and "Traceback" not in bad.stderr
    national = PAIRS / "national-2024-report-targets.txt"
    bulletin = PAIRS / "national-2024-statistical-bulletin.txt"
    gwr("ingest", str(national), "--db", db, "--region", "全国", "--year", "2024")
    gwr("ingest", str(bulletin), "--db", db, "--region", "全国", "--year", "2024", "--kind", "bulletin")
    verdicts = gwr("verdicts", "--db", db, "--region", "全国")
    assert verdicts.returncode == 0
    assert "已完成 城镇新增就业 目标 城镇新增就业：1200万人以上 · 全年城镇新增就业1256万人" in " ".join(
        verdicts.stdout.split()
    )
    assert gwr("verdicts", "--db", db, "--format", "docx", "-o", str(tmp_path / "v.docx")).returncode == 0


def test_projects_entities_across_the_seeds(seed_000: Path, seed_002: Path) -> None:
    result = CliRunner().invoke(cli, ["projects", str(seed_000), str(seed_002), "--format", "entities"])
    assert result.exit_code == 0
    assert "山东省立医院泸州医院\thospital\t2023 prep → 2024 building → 2026 done" in result.output


def test_digest_markdown_and_docx(seed_000: Path, tmp_path: Path) -> None:
    md = CliRunner().invoke(cli, ["digest", str(seed_000), "--link", "/r/{start}-{end}"])
    assert md.exit_code == 0 and md.output.startswith("# 泸州市2024年") and "](/r/" in md.output
    out = tmp_path / "d.docx"
    assert CliRunner().invoke(cli, ["digest", str(seed_000), "--format", "docx", "-o", str(out)]).exit_code == 0
    from docx import Document

    assert Document(str(out)).paragraphs[0].text.startswith("泸州市2024年")


def test_verdicts_as_json_lines_name_every_column(tmp_path: Path, seed_000: Path) -> None:
    import json

    db = f"sqlite:///{tmp_path / 'v.sqlite'}"
    assert gwr("ingest", str(seed_000), "--db", db).returncode == 0
    out = gwr("verdicts", "--db", db, "--format", "jsonl")
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows and set(rows[0]) == {
        "n",
        "indicator",
        "target",
        "outcome",
        "verdict",
        "basis",
        "lead",
        "source",
        "ledger",
    }
    assert rows[0]["ledger"] == "未列入台账"
