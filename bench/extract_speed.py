"""Benchmark: whole extraction (outline + footnotes + figures with all attributes) vs jionlp's money extractor.

    python bench/extract_speed.py [--corpus DIR] [--repeat N]

Prints chars/s for gwrtrack.extract and for jionlp.ner.extract_money over the same texts
(the 29 provincial reports and the two seeds), their ratio, and how time and peak memory
grow with text length (the corpus concatenated 1, 2, 4 and 8 times).
jionlp is an optional dependency of the benchmark only: pip install -e ".[bench]".
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc
from pathlib import Path

import gwrtrack
from gwrtrack.document import Document
from gwrtrack.evaluate import seed_paths

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "tests" / "data" / "provinces-2026"


def load_texts(corpus: Path) -> list[tuple[str, str]]:
    paths = sorted(corpus.glob("*.txt")) + seed_paths()
    return [(p.name, gwrtrack.read(p).text) for p in paths]


def time_ours(texts: list[tuple[str, str]], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for name, text in texts:
            gwrtrack.extract(Document(name=name, text=text))
        best = min(best, time.perf_counter() - start)
    return best


def time_jionlp(texts: list[tuple[str, str]], repeat: int) -> float | None:
    try:
        import jionlp
    except ImportError:
        return None
    jionlp.ner.extract_money(texts[0][1][:200])  # load its dictionaries outside the timing
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _name, text in texts:
            jionlp.ner.extract_money(text)
        best = min(best, time.perf_counter() - start)
    return best


def growth(texts: list[tuple[str, str]]) -> list[tuple[int, int, float, float]]:
    """(copies, chars, seconds, peak MiB) for the corpus joined 1, 2, 4 and 8 times."""
    joined = "\n".join(t for _n, t in texts)
    rows = []
    for copies in (1, 2, 4, 8):
        text = "\n".join([joined] * copies)
        gc.collect()
        tracemalloc.start()
        start = time.perf_counter()
        gwrtrack.extract(Document(name="big.txt", text=text))
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append((copies, len(text), seconds, peak / 2**20))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-growth", action="store_true", help="skip the text-length growth measurement")
    args = parser.parse_args()
    texts = load_texts(args.corpus)
    chars = sum(len(t) for _n, t in texts)
    gwrtrack.extract(Document(name="warm.txt", text=texts[0][1][:500]))  # lazy tables built outside the timing
    ours = time_ours(texts, args.repeat)
    figures = sum(len(gwrtrack.extract(Document(name=n, text=t)).figures) for n, t in texts)
    print(f"documents {len(texts)}  chars {chars}  figures {figures}")
    print(f"gwrtrack.extract       {ours:8.3f} s  {chars / ours:12,.0f} chars/s")
    theirs = time_jionlp(texts, args.repeat)
    if theirs is None:
        print("jionlp.ner.extract_money  not installed (pip install -e '.[bench]')")
    else:
        print(f"jionlp.extract_money   {theirs:8.3f} s  {chars / theirs:12,.0f} chars/s")
        print(f"ratio (ours / jionlp chars per second) {theirs / ours:.2f}")
    if not args.no_growth:
        print("growth with text length (corpus joined N times): copies chars seconds chars/s peak-MiB")
        for copies, n, seconds, peak in growth(texts):
            print(f"  {copies:2d} {n:10d} {seconds:8.3f} {n / seconds:12,.0f} {peak:8.1f}")


if __name__ == "__main__":
    main()
