"""The cluster path: ``gwr ingest --scheduler`` extracts on a dask.distributed cluster (here a local one of
two worker processes) and this process writes. The store must end up exactly as a local ingest leaves it,
one line per file, bad files refused with their reason, and an unreachable scheduler one clear line."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from gwrtrack.cli import cli
from gwrtrack.store.db import open_store
from gwrtrack.store.models import DocumentRow, FigureRow, PassageRow

distributed = pytest.importorskip("distributed", reason="the cluster path needs dask.distributed (the test extra)")

SAMPLE = Path(__file__).parent / "data" / "prefectures-sample"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, path in enumerate(sorted(SAMPLE.rglob("*.md"))[:6]):
        shutil.copy(path, folder / f"{i:02d}-{path.name}")
    (folder / "07-garbage.txt").write_bytes(b"\x00\x01\x02" * 500)  # binary, not a report
    (folder / "08-empty.md").write_bytes(b"")
    os.mkfifo(folder / "09-pipe.txt")  # read here, never sent: refused before it reaches the cluster
    return folder


def _store(url: str) -> dict[str, tuple[int, int, str, int | None]]:
    """content hash → (figures, passages, region, year) of every stored document."""
    with open_store(url)() as session:
        docs = session.execute(select(DocumentRow)).scalars().all()
        out = {}
        for d in docs:
            figures = session.scalar(select(func.count()).select_from(FigureRow).where(FigureRow.document_id == d.id))
            passages = session.scalar(
                select(func.count()).select_from(PassageRow).where(PassageRow.document_id == d.id)
            )
            out[d.content_hash] = (figures or 0, passages or 0, d.region, d.year)
        return out


def _ingest(*args: Any) -> Any:
    return CliRunner().invoke(cli, ["ingest", *map(str, args)])


def test_the_cluster_stores_what_a_local_ingest_stores(scheduler: str, corpus: Path, tmp_path: Path) -> None:
    local, remote = f"sqlite:///{tmp_path / 'local.sqlite'}", f"sqlite:///{tmp_path / 'cluster.sqlite'}"
    by_hand = _ingest(corpus, "--db", local, "--workers", "0")
    on_cluster = _ingest(corpus, "--db", remote, "--scheduler", scheduler)
    assert on_cluster.exit_code == 2  # three files refused
    lines = on_cluster.output.splitlines()
    assert [line.split()[0] for line in lines[:-1]] == ["stored"] * 6 + ["refused"] * 3
    assert lines[-1] == "stored 6 new, 0 already stored, 3 unreadable"
    assert "09-pipe.txt：不是普通文件" in on_cluster.output
    assert "Traceback" not in on_cluster.output
    assert on_cluster.output == by_hand.output  # the same lines, in the same order
    stored = _store(remote)
    assert len(stored) == 6 and sum(figures for figures, *_ in stored.values()) > 500
    assert stored == _store(local)
    again = _ingest(corpus, "--db", remote, "--scheduler", scheduler)
    assert again.output.count("（已入库）") == 6 and _store(remote) == stored


def test_the_cluster_writes_into_postgresql(scheduler: str, corpus: Path, postgres_url: str) -> None:
    result = _ingest(corpus, "--db", postgres_url, "--scheduler", scheduler)
    assert result.output.splitlines()[-1] == "stored 6 new, 0 already stored, 3 unreadable"
    assert len(_store(postgres_url)) == 6


def test_an_unreachable_scheduler_is_one_clear_line(corpus: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    result = _ingest(corpus, "--db", url, "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1].startswith("gwr: error: 连不上调度器 tcp://127.0.0.1:9")
    assert "Traceback" not in result.output
    assert _store(url) == {}
