"""Benchmark: whole extraction (outline + footnotes + figures with all attributes) vs jionlp's money extractor,
and the projects and tasks worked out on top of it.

    python bench/extract_speed.py [--corpus DIR] [--sample DIR] [--sample-size N] [--repeat N]

Prints chars/s for gwrtrack.extract (of the documents as read, metadata included) and for
jionlp.ner.extract_money over the same texts
(the 29 provincial reports, the two seeds and a seeded sample of N Markdown reports of the
prefecture corpus, ../shared/corpus/prefectures where present), their ratio, and how time and
peak memory grow with text length (the corpus concatenated 1, 2, 4 and 8 times).
jionlp is an optional dependency of the benchmark only: pip install -e ".[bench]".
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import gwrtrack
from gwrtrack.document import Document
from gwrtrack.evaluate import seed_paths

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "tests" / "data" / "provinces-2026"
SHARED_PREFECTURES = ROOT.parent / "shared" / "corpus" / "prefectures"


def load_documents(corpus: Path, sample: Path | None = None, size: int = 100) -> list[Document]:
    """The documents as read, with their metadata: periods and regions are worked out as in use."""
    paths = sorted(corpus.glob("*.txt")) + seed_paths()
    if sample is not None and sample.is_dir():
        import random

        found = sorted(sample.rglob("*.md"))
        paths += sorted(random.Random(0).sample(found, min(size, len(found))))
    return [gwrtrack.read(p) for p in paths]


def _time_once(documents: list[Document], run: Callable[[Document], object]) -> float:
    start = time.perf_counter()
    for document in documents:
        run(document)
    return time.perf_counter() - start


def timings(documents: list[Document], repeat: int) -> tuple[list[float], list[float] | None]:
    """Rounds alternate ours and jionlp's, so that load on a shared machine hits both alike."""
    try:
        import jionlp
    except ImportError:
        return [_time_once(documents, gwrtrack.extract) for _ in range(repeat)], None

    def theirs(document: Document) -> object:
        return jionlp.ner.extract_money(document.text)

    jionlp.ner.extract_money(documents[0].text[:200])  # load its dictionaries outside the timing
    ours_times: list[float] = []
    their_times: list[float] = []
    for _ in range(repeat):
        ours_times.append(_time_once(documents, gwrtrack.extract))
        their_times.append(_time_once(documents, theirs))
    return ours_times, their_times


def tracking_times(documents: list[Document], repeat: int) -> tuple[float, int, int]:
    """Best seconds to work out projects and tasks on top of extraction (they are computed on first use)."""
    best = float("inf")
    projects = tasks = 0
    for _ in range(repeat):
        results = [gwrtrack.extract(d) for d in documents]
        start = time.perf_counter()
        projects = sum(len(r.projects) for r in results)
        tasks = sum(len(r.tasks) for r in results)
        best = min(best, time.perf_counter() - start)
    return best, projects, tasks


def growth(documents: list[Document]) -> list[tuple[int, int, float, float]]:
    """(copies, chars, seconds, peak MiB) for the corpus joined 1, 2, 4 and 8 times."""
    joined = "\n".join(d.text for d in documents)
    rows = []
    for copies in (1, 2, 4, 8):
        text = "\n".join([joined] * copies)
        gc.collect()
        start = time.perf_counter()
        gwrtrack.extract(Document(name="big.txt", text=text))
        seconds = time.perf_counter() - start
        tracemalloc.start()  # memory in a second run: tracing slows Python down several times
        gwrtrack.extract(Document(name="big.txt", text=text))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append((copies, len(text), seconds, peak / 2**20))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sample", type=Path, default=SHARED_PREFECTURES, help="a corpus of .md reports to sample")
    parser.add_argument("--sample-size", type=int, default=100)
    parser.add_argument("--no-growth", action="store_true", help="skip the text-length growth measurement")
    args = parser.parse_args()
    documents = load_documents(args.corpus, args.sample, args.sample_size)
    chars = sum(len(d.text) for d in documents)
    gwrtrack.extract(Document(name="warm.txt", text=documents[0].text[:500]))  # lazy tables built outside the timing
    ours_times, their_times = timings(documents, args.repeat)
    figures = sum(len(gwrtrack.extract(d).figures) for d in documents)
    ours = min(ours_times)
    print(f"documents {len(documents)}  chars {chars}  figures {figures}  rounds {args.repeat} (best of each)")
    print(f"gwrtrack.extract       {ours:8.3f} s  {chars / ours:12,.0f} chars/s")
    if their_times is None:
        print("jionlp.ner.extract_money  not installed (pip install -e '.[bench]')")
    else:
        theirs = min(their_times)
        rounds = sorted(t / o for o, t in zip(ours_times, their_times, strict=True))
        print(f"jionlp.extract_money   {theirs:8.3f} s  {chars / theirs:12,.0f} chars/s")
        print(
            f"ratio (ours / jionlp chars per second) best {theirs / ours:.2f}  median round {statistics.median(rounds):.2f}"
        )
    seconds, projects, tasks = tracking_times(documents, args.repeat)
    print(
        f"projects and tasks     {seconds:8.3f} s  {chars / seconds:12,.0f} chars/s  ({projects} projects, {tasks} tasks)"
    )
    if not args.no_growth:
        print("growth with text length (corpus joined N times): copies chars seconds chars/s peak-MiB")
        for copies, n, seconds, peak in growth(documents):
            print(f"  {copies:2d} {n:10d} {seconds:8.3f} {n / seconds:12,.0f} {peak:8.1f}")


if __name__ == "__main__":
    main()
