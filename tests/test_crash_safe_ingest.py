"""Crash-safe, resumable ingest: ``kill -9`` at random moments of ``gwr ingest`` leaves no partial document
and a store that passes its integrity check; the same command run again stores the rest (SQLite and
PostgreSQL)."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError, ProgrammingError

import gwrtrack
from gwrtrack.store.bulk import prepare
from store_fixtures import scalar

SAMPLE = Path(__file__).parent / "data" / "prefectures-sample"


def _corpus(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "corpus"
    for i, path in enumerate(sorted(SAMPLE.rglob("*.md"))[:n]):
        target = folder / f"{i:03d}-{path.parent.name}-{path.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    return folder


def _expected(folder: Path) -> dict[str, tuple[int, int]]:
    """content hash → (figures, passages) of each file, prepared without a store."""
    out = {}
    for path in sorted(folder.iterdir()):
        prepared = prepare(gwrtrack.read(path))
        out[prepared.digest] = (len(prepared.figures), len(prepared.passages))
    return out


def _gwr(*args: str) -> subprocess.Popen[bytes]:  # a run left to finish
    return subprocess.Popen(
        [sys.executable, "-m", "gwrtrack", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def _check(url: str, expected: dict[str, tuple[int, int]]) -> int:
    """No partial document: every stored one has all its figures and passages. Returns how many are stored."""
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as conn:
            if url.startswith("sqlite"):
                assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            try:
                rows = conn.execute(text(
                    "SELECT d.content_hash, (SELECT count(*) FROM figures f WHERE f.document_id = d.id),"
                    " (SELECT count(*) FROM passages p WHERE p.document_id = d.id) FROM documents d"
                )).all()  # fmt: skip
            except (OperationalError, ProgrammingError):  # killed before the first migration finished: no schema
                return 0
    finally:
        engine.dispose()
    for digest, figures, passages in rows:
        assert expected[digest] == (figures, passages), digest
    return len(rows)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_kill_9_at_random_moments_leaves_whole_documents_and_a_rerun_completes(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    folder = _corpus(tmp_path, 60)
    expected = _expected(folder)
    url = f"sqlite:///{tmp_path / 'store.sqlite'}" if backend == "sqlite" else request.getfixturevalue("postgres_url")
    rng = random.Random(11)
    stored_before = 0
    kills = 0
    while kills < 4:
        # kill once the run has stored a few more documents, a random moment into the next one
        process = subprocess.Popen(
            [sys.executable, "-m", "gwrtrack", "ingest", str(folder), "--db", url, "--workers", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        wanted, seen = rng.randint(1, 4), 0
        assert process.stdout is not None
        for line in process.stdout:
            seen += line.startswith("stored ")
            if seen >= wanted:
                time.sleep(rng.uniform(0.0, 0.05))
                break
        finished = process.poll() is not None
        process.kill()
        process.communicate()
        kills += not finished
        stored = _check(url, expected)
        assert stored >= stored_before  # nothing stored is ever lost
        stored_before = stored
        assert stored < len(expected), "the corpus is too small to be killed four times"
    final = _gwr("ingest", str(folder), "--db", url, "--workers", "2")
    _out, err = final.communicate(timeout=600)
    assert final.returncode == 0, err.decode()
    assert _check(url, expected) == len(expected)
    assert _left_to_judge(url) == 0  # the marks of the killed runs were judged too: the 落实情况表 is current


def _left_to_judge(url: str) -> int:
    return int(scalar(url, "SELECT count(*) FROM verdict_dirty"))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_ingests_of_a_fresh_store_at_once(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Both finish without an error; every document is stored once (the second writer of a text skips it)."""
    folder = _corpus(tmp_path, 12)
    expected = _expected(folder)
    url = f"sqlite:///{tmp_path / 'store.sqlite'}" if backend == "sqlite" else request.getfixturevalue("postgres_url")
    runs = [_gwr("ingest", str(folder), "--db", url, "--workers", "0") for _ in range(2)]
    results = [(p.wait(timeout=600), p.communicate()[1].decode()) for p in runs]
    assert all(code == 0 for code, _err in results), results
    assert _check(url, expected) == len(expected)
