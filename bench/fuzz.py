"""Fuzz the reader and the extractor: random and mutated inputs, counting crashes and span violations.

    python bench/fuzz.py [--inputs 1000000] [--seed 0] [--processes 2]

Prints inputs tried, crashes and span violations (goal: 0 and 0), with the first few of each.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from concurrent.futures import ProcessPoolExecutor

from gwrtrack.fuzzing import check_bytes, random_input


def run(seed: int, n: int) -> tuple[int, list[str], list[str]]:
    rng = random.Random(seed)
    crashes, spans = [], []
    for _ in range(n):
        data, suffix = random_input(rng)
        for finding in check_bytes(data, suffix):
            (crashes if finding.kind == "crash" else spans).append(f"{suffix} {data[:60]!r}: {finding.detail}")
    return n, crashes, spans


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inputs", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    chunk = 5000
    seeds = [(args.seed * 100_003 + i, min(chunk, args.inputs - i * chunk)) for i in range(-(-args.inputs // chunk))]
    started = time.perf_counter()
    tried, crashes, spans = 0, [], []
    with ProcessPoolExecutor(args.processes) as pool:
        for n, c, s in pool.map(run, *zip(*seeds, strict=True)):
            tried, crashes, spans = tried + n, crashes + c, spans + s
    seconds = time.perf_counter() - started
    print(
        f"inputs {tried}  crashes {len(crashes)}  span violations {len(spans)}  ({seconds:.0f} s, {tried / seconds:.0f}/s)"
    )
    for line in (crashes + spans)[:20]:
        print(line)


if __name__ == "__main__":
    main()
