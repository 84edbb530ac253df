"""Ingest speed: a corpus into a fresh store with 1 and N workers, against extraction alone on the same cores.

    python bench/ingest_speed.py ../shared/corpus/prefectures [--workers 2] [--postgres URL] [--limit 400]

Prints documents/s and characters/s for extraction only (read + extract + rows, no store) and for the whole
ingest (the same, plus the one writer), and the ratio of the two, per worker count and per database.
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
from gwrtrack.store import batch
from gwrtrack.store.db import dispose_all, open_store


def extraction_only(files: list[Path], workers: int) -> tuple[float, int, int]:
    started = time.perf_counter()
    docs = chars = 0
    for _shown, prepared, _reason in batch.prepared_files(files, workers, frozenset(), {}):
        if prepared is not None:
            docs += 1
            chars += prepared.chars
    return time.perf_counter() - started, docs, chars


def ingest(files: list[Path], url: str, workers: int) -> tuple[float, int, int]:
    sessions = open_store(url)
    started = time.perf_counter()
    docs = chars = 0
    for outcome in batch.ingest_files(files, sessions, workers):
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--postgres", help="an admin URL: a database is made and dropped for the run")
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    args = parser.parse_args()
    files = iter_paths([args.corpus])
    if args.limit:
        files = files[: args.limit]
    print(f"files {len(files)}  cores {os.cpu_count()}  python {sys.version.split()[0]}")
    print("workers  database    what             seconds   docs/s    M chars/s  ingest/extraction")
    for workers in sorted({1, args.workers}):
        seconds, docs, chars = extraction_only(files, workers)
        rate = docs / seconds
        print(f"{workers:>7}  {'-':<10}  extraction only  {seconds:7.1f}  {rate:7.1f}  {chars / seconds / 1e6:9.2f}")
        targets = [("sqlite", None)] + ([("postgresql", args.postgres)] if args.postgres else [])
        for backend, admin in targets:
            with tempfile.TemporaryDirectory() as tmp:
                url, name = (
                    (f"sqlite:///{Path(tmp) / 'bench.sqlite'}", "") if admin is None else _postgres_database(admin)
                )
                try:
                    seconds, stored, chars = ingest(files, url, workers)
                finally:
                    dispose_all()
                    if admin is not None:
                        _drop(admin, name)
            ratio = (stored / seconds) / rate
            print(f"{workers:>7}  {backend:<10}  ingest           {seconds:7.1f}  {stored / seconds:7.1f}  "
                  f"{chars / seconds / 1e6:9.2f}  {ratio:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
