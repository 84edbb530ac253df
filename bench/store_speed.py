"""Benchmark of the store and web app: ingest time, then page latency under concurrent clients.

    python bench/store_speed.py [--postgres URL] [--figures 100000] [--clients 20] [--requests 200]
    python bench/store_speed.py --store sqlite:///corpus.sqlite   # a store made with gwr ingest ../shared/corpus

1. Ingest the 31 documents (29 provincial reports + 2 seeds) into a fresh SQLite file (and into a
   fresh PostgreSQL database with --postgres), timed.
2. Scale the SQLite store to at least --figures figures by storing copies of the corpus under
   distinct names (each copy's text differs by a trailing line, so its hash differs).
3. Serve the app with uvicorn on 127.0.0.1 and send --requests requests per page from --clients
   concurrent clients: the reader page of a provincial report, the first figures-table page
   with a filter, and a search. Prints p50/p95 per page. Everything stays on loopback.

With ``--store URL`` steps 1 and 2 are skipped: the pages are those of an existing store (the whole
corpus), every page of the app including the ones that compute across documents (落实, 项目, 比较,
层层加码, 趋势), each first asked once alone (uncached: the time a first visitor waits after the store
changed), then under load (repeated requests are answered from the response cache until the store changes).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import gwrtrack
from gwrtrack.document import Document
from gwrtrack.evaluate import seed_paths
from gwrtrack.store.db import open_store
from gwrtrack.store.library import store_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "provinces-2026"


def corpus() -> list[Document]:
    return [gwrtrack.read(p) for p in sorted(CORPUS.glob("*.txt")) + seed_paths()]


def ingest(url: str, documents: list[Document]) -> float:
    sessions = open_store(url)
    start = time.perf_counter()
    for doc in documents:
        with sessions.begin() as s:
            store_document(s, doc)
    return time.perf_counter() - start


def scale(url: str, documents: list[Document], target: int) -> int:
    from sqlalchemy import func, select

    from gwrtrack.store.models import FigureRow

    sessions = open_store(url)
    copy = 0
    while True:
        with sessions() as s:
            n = int(s.execute(select(func.count(FigureRow.id))).scalar_one())
        if n >= target:
            return n
        copy += 1
        for doc in documents:
            clone = Document(
                name=f"copy{copy:03d}-{doc.name}",
                text=doc.text + f"\n（副本{copy}）",
                meta=doc.meta,
                source_format=doc.source_format,
            )
            with sessions.begin() as s:
                store_document(s, clone)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(url: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {**os.environ, "GWR_DATABASE_URL": url}
    command = [sys.executable, "-m", "gwrtrack", "serve", "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    import httpx

    for _ in range(200):
        try:
            httpx.get(base + "/api/v1/openapi.json", timeout=1)
            return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start")


def load(base: str, path: str, clients: int, requests: int) -> tuple[float, float, int]:
    """``clients`` threads, each with its own keep-alive connection, share ``requests`` requests."""
    import httpx

    def client(n: int) -> list[tuple[float, int]]:
        out = []
        with httpx.Client(base_url=base, timeout=30) as c:
            for _ in range(n):
                start = time.perf_counter()
                status = c.get(path).status_code
                out.append((time.perf_counter() - start, status))
        return out

    shares = [requests // clients + (i < requests % clients) for i in range(clients)]
    with ThreadPoolExecutor(clients) as pool:
        results = [r for chunk in pool.map(client, shares) for r in chunk]
    times = sorted(t for t, _s in results)
    bad = sum(s != 200 for _t, s in results)
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    return statistics.median(times) * 1000, p95 * 1000, bad


def corpus_pages(base: str) -> dict[str, str]:
    """Every kind of page of a corpus-sized store."""
    import httpx

    docs = httpx.get(base + "/api/v1/documents", timeout=60).json()
    report = next(d for d in docs if d["region"] == "泸州市" and d["kind"] == "report")
    q = "%E5%86%9C%E7%94%B0"  # 农田
    return {
        "文库 /": "/",
        "阅读 reader": f"/doc/{report['id']}",
        "数据 figures, filtered": "/figures?status=target&metric=%E6%8A%95%E8%B5%84",
        "搜索 农田": f"/search?q={q}",
        "落实 verdicts (page 1)": "/verdicts",
        "落实 泸州市": "/verdicts?region=%E6%B3%B8%E5%B7%9E%E5%B8%82",
        "项目 projects (page 1)": "/projects",
        "比较 compare": "/compare",
        "层层加码 cascade": "/cascade",
        "趋势 trend": "/trend?region=%E6%B3%B8%E5%B7%9E%E5%B8%82",
        "指标 indicators": "/indicators?name=%E5%9C%B0%E5%8C%BA%E7%94%9F%E4%BA%A7%E6%80%BB%E5%80%BC",  # 地区生产总值
        "API dataset page": "/api/v1/dataset?limit=100",
    }


def existing_store(url: str, clients: int, requests: int, workers: int) -> None:
    import httpx

    proc, base = serve(url, workers)
    try:
        pages = corpus_pages(base)
        print(f"{clients} concurrent clients, {requests} requests per page, {workers} server processes:")
        print(f"  {'page':28s} {'uncached':>10s} {'p50':>9s} {'p95':>9s}  non-200")
        for label, path in pages.items():
            start = time.perf_counter()
            first = httpx.get(base + path, timeout=600)
            cold = (time.perf_counter() - start) * 1000
            load(base, path, 4, 8)  # each server process answers once
            p50, p95, bad = load(base, path, clients, requests)
            bad += first.status_code != 200
            print(f"  {label:28s} {cold:8.0f} ms {p50:6.1f} ms {p95:6.1f} ms  {bad}")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL server (a fresh database is made and dropped)")
    parser.add_argument("--figures", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2, help="server processes (this machine has 2 cores)")
    parser.add_argument("--store", help="an existing store's URL: measure its pages instead of building one")
    args = parser.parse_args()
    if args.store:
        existing_store(args.store, args.clients, args.requests, args.workers)
        return
    documents = corpus()
    work = Path(tempfile.mkdtemp(prefix="gwr-bench-"))
    sqlite_url = f"sqlite:///{work / 'bench.sqlite'}"
    print(f"ingest {len(documents)} documents into SQLite: {ingest(sqlite_url, documents):.2f} s")
    if args.postgres:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        admin_url = make_url(args.postgres).set(drivername="postgresql+psycopg")
        name = f"gwr_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            pg_url = admin_url.set(database=name).render_as_string(hide_password=False)
            print(f"ingest {len(documents)} documents into PostgreSQL: {ingest(pg_url, documents):.2f} s")
        finally:
            from gwrtrack.store.db import dispose_all

            dispose_all()
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    start = time.perf_counter()
    total = scale(sqlite_url, documents, args.figures)
    print(f"scaled SQLite store to {total} figures in {time.perf_counter() - start:.1f} s")
    proc, base = serve(sqlite_url, args.workers)
    try:
        import httpx

        docs = httpx.get(base + "/api/v1/documents").json()
        reader_id = next(d["id"] for d in docs if d["name"] == "guangdong-2026.txt")
        pages = {
            "reader (guangdong, 96 KB)": f"/doc/{reader_id}",
            "figures table, filtered": "/figures?status=target&metric=%E6%8A%95%E8%B5%84",
            "search 农田": "/search?q=%E5%86%9C%E7%94%B0",
        }
        print(f"{args.clients} concurrent clients, {args.requests} requests per page, {args.workers} server processes:")
        for label, path in pages.items():
            load(base, path, 4, 8)  # warm up: each server process renders the page once
            p50, p95, bad = load(base, path, args.clients, args.requests)
            print(f"  {label:28s} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   non-200 {bad}")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
