"""Ingest speed: a corpus into a fresh store with 1 and N workers, against extraction alone on the same cores.

    python bench/ingest_speed.py ../shared/corpus/prefectures [--workers 2] [--postgres URL] [--limit 400]
                                 [--cluster] [--copies 1,3,10]

Prints documents/s and characters/s for extraction only (read + extract + rows, no store) and for the whole
ingest (the same, plus the one writer), and the ratio of the two, per worker count and per database.
``--cluster`` adds the same on a local dask.distributed cluster of ``--workers`` processes (what the
cluster path costs over the process pool on one machine). ``--copies`` measures growth instead: the corpus
written K times under distinct names, each copy with one line that makes its text (and hash) its own,
ingested into a fresh SQLite store, printing seconds and documents/s per K.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

from gwrtrack.ingest.reader import iter_paths
from gwrtrack.link.indicators import load_indicators
from gwrtrack.store import batch
from gwrtrack.store.db import dispose_all, open_store


def extraction_only(files: list[Path], workers: int, scheduler: str | None = None) -> tuple[float, int, int]:
    started = time.perf_counter()
    docs = chars = 0
    for _shown, prepared, _reason in batch.prepared_files(files, workers, frozenset(), {}, scheduler):
        if prepared is not None:
            docs += 1
            chars += prepared.chars
    return time.perf_counter() - started, docs, chars


def ingest(files: list[Path], url: str, workers: int, scheduler: str | None = None) -> tuple[float, int, int]:
    sessions = open_store(url)
    started = time.perf_counter()
    docs = chars = 0
    # as gwr ingest does: the 落实情况表 and project entities of the regions stored kept current as it goes
    for outcome in batch.ingest_files(files, sessions, workers, scheduler=scheduler, catalogue=load_indicators()):
        if outcome.status == "stored":
            docs += 1
            chars += outcome.chars
    return time.perf_counter() - started, docs, chars


def _postgres_database(admin_url: str) -> tuple[str, str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(admin_url).set(drivername="postgresql+psycopg")
    name = f"gwr_bench_{uuid.uuid4().hex[:8]}"
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return url.set(database=name).render_as_string(hide_password=False), name


def _drop(admin_url: str, name: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    dispose_all()
    engine = create_engine(make_url(admin_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def copies(files: list[Path], folder: Path, k: int) -> list[Path]:
    """``files`` written ``k`` times into ``folder``, each copy's text made distinct by one last line."""
    out = []
    for n in range(k):
        for i, path in enumerate(files):
            target = folder / f"{n:03d}-{i:05d}{path.suffix}"
            if not target.exists():
                target.write_bytes(path.read_bytes() + f"\n\n（副本 {n}）\n".encode())
            out.append(target)
    return out


def growth(files: list[Path], workers: int, ks: list[int]) -> None:
    print("copies  documents  seconds   docs/s    M chars/s  store-MB")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "copies"
        folder.mkdir()
        for k in ks:
            batch_files = copies(files, folder, k)
            store = Path(tmp) / f"growth-{k}.sqlite"
            seconds, stored, chars = ingest(batch_files, f"sqlite:///{store}", workers)
            dispose_all()
            size = store.stat().st_size / 1e6
            print(
                f"{k:>6}  {stored:>9}  {seconds:7.1f}  {stored / seconds:7.1f}  {chars / seconds / 1e6:9.2f}  {size:8.0f}"
            )
            store.unlink()


def local_cluster(workers: int) -> tuple[object, str]:
    from distributed import LocalCluster

    started = time.perf_counter()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None, silence_logs=50)
    print(f"local dask cluster of {workers} processes started in {time.perf_counter() - started:.1f} s")
    return cluster, cluster.scheduler_address


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--workers", type=int, default=batch.default_workers(), help="extraction processes")
    parser.add_argument("--postgres", help="an admin URL: a database is made and dropped for the run")
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    parser.add_argument("--cluster", action="store_true", help="also on a local dask cluster of --workers processes")
    parser.add_argument("--copies", help="growth instead: comma-separated copy counts, e.g. 1,3,10")
    args = parser.parse_args()
    files = iter_paths([args.corpus])
    if args.limit:
        files = files[: args.limit]
    print(f"files {len(files)}  cores {os.cpu_count()}  python {sys.version.split()[0]}")
    if args.copies:
        growth(files, args.workers, [int(k) for k in args.copies.split(",")])
        return
    cluster, scheduler = local_cluster(args.workers) if args.cluster else (None, None)
    # 0: all in one process; 1..N: extraction processes beside the writer
    runs: list[tuple[int, str | None]] = [(w, None) for w in sorted({0, 1, args.workers})]
    runs += [(args.workers, scheduler)] if scheduler else []
    print("workers  database    what             seconds   docs/s    M chars/s  ingest/extraction")
    for workers, via in runs:
        seconds, docs, chars = extraction_only(files, workers, via)
        rate = docs / seconds
        label = f"{workers}{' dask' if via else ''}"
        print(f"{label:>7}  {'-':<10}  extraction only  {seconds:7.1f}  {rate:7.1f}  {chars / seconds / 1e6:9.2f}")
        targets = [("sqlite", None)] + ([("postgresql", args.postgres)] if args.postgres else [])
        for backend, admin in targets:
            with tempfile.TemporaryDirectory() as tmp:
                url, name = (
                    (f"sqlite:///{Path(tmp) / 'bench.sqlite'}", "") if admin is None else _postgres_database(admin)
                )
                try:
                    seconds, stored, chars = ingest(files, url, workers, via)
                finally:
                    dispose_all()
                    if admin is not None:
                        _drop(admin, name)
            ratio = (stored / seconds) / rate
            print(f"{label:>7}  {backend:<10}  ingest           {seconds:7.1f}  {stored / seconds:7.1f}  "
                  f"{chars / seconds / 1e6:9.2f}  {ratio:.2f}")  # fmt: skip
    if cluster is not None:
        cluster.close()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
