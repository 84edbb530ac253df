"""The gwr command line: output formats, errors as one line with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gwrtrack.cli import cli

SPEC_FIELDS = {
    "doc",
    "start",
    "end",
    "surface",
    "value",
    "unit",
    "base_value",
    "base_unit",
    "measure",
    "status",
    "qualifier",
    "metric",
    "period",
    "region",
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gwrtrack", *args], capture_output=True, text=True, check=False)


def test_jsonl_has_exactly_the_spec_fields(seed_000: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(seed_000), "--format", "jsonl"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) > 150
    text = seed_000.read_text(encoding="utf-8")
    for row in rows:
        assert set(row) - {"value_max", "base_value_max"} == SPEC_FIELDS
        assert text[row["start"] : row["end"]] == row["surface"]
        assert row["doc"] == seed_000.name


def test_json_and_table_formats(seed_002: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(seed_002), "--format", "json"])
    payload = json.loads(result.output)
    assert payload["meta"]["region"] == "泸州市" and payload["figures"] and payload["outline"]
    table = CliRunner().invoke(cli, ["extract", str(seed_002), "--format", "table"])
    assert table.exit_code == 0 and "2100亿元" in table.output


def test_outline_command(seed_000: Path) -> None:
    result = CliRunner().invoke(cli, ["outline", str(seed_000)])
    assert result.exit_code == 0 and "2024年工作安排建议" in result.output and "释义缺失" in result.output


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "文件是空的"),
        ("x.xyz", b"abc", "不支持的文件类型"),
        ("bin.txt", bytes(range(256)) * 10, "二进制文件"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    proc = run("extract", str(path))
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in proc.stderr


def test_missing_file_exit_2(tmp_path: Path) -> None:
    proc = run("extract", str(tmp_path / "nope.txt"))
    assert proc.returncode == 2 and "文件不存在" in proc.stderr and "Traceback" not in proc.stderr


def test_overrides_reach_the_figures(seed_002: Path) -> None:
    result = CliRunner().invoke(
        cli, ["extract", str(seed_002), "--format", "jsonl", "--region", "江阳区", "--year", "2027"]
    )
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert {r["region"] for r in rows} == {"江阳区"}
    assert sum(r["period"] == "2027" for r in rows) > 30


def test_eval_prints_scores() -> None:
    result = CliRunner().invoke(cli, ["eval", "--json"])
    scores = json.loads(result.output)
    assert scores["figures"]["gold"] == 210 and "level3" in scores["structure"]


def test_ingest_search_export_reextract(tmp_path: Path, seed_000: Path, seed_002: Path) -> None:
    db = f"sqlite:///{tmp_path / 'g.sqlite'}"
    proc = run("ingest", str(seed_000.parent), "--db", db)
    assert proc.returncode == 0 and "stored 2 new, 0 already stored" in proc.stdout
    again = run("ingest", str(seed_000), "--db", db)
    assert "stored 0 new, 1 already stored" in again.stdout
    found = run("search", "农田", "--db", db, "--limit", "2")
    assert found.stdout.count("农田") >= 2 and "000_b41fdc44bbf3ffda.txt:" in found.stdout
    out = tmp_path / "f.xlsx"
    assert run("export", "--db", db, "--format", "xlsx", "--metric", "高标准农田", "-o", str(out)).returncode == 0
    assert out.read_bytes()[:2] == b"PK"
    rows = run("export", "--db", db, "--format", "jsonl", "--status", "target", "--year", "2026").stdout.splitlines()
    assert len(rows) == 42
    assert "re-extracted 2 of 2" in run("reextract", "--all", "--db", db).stdout


def test_store_errors_are_one_line(tmp_path: Path) -> None:
    proc = run("search", "农田", "--db", "mysql://x@localhost/y")
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr
