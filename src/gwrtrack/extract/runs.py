"""Runs of numbers that are read together before each is a figure.

- A unit written once after a list (一产和三产分别上升3.0 和8.4 个百分点): each number of the run
  takes it (the span stays the bare number, FIGURES.md's gold convention).
- Ratio notation of the three sectors (三次产业比重为13.2：46.8：40.0): three proportions, 一产比重,
  二产比重 and 三产比重, with no unit written.
"""

from __future__ import annotations

import re
from dataclasses import replace

from gwrtrack.extract.numbers import NumberToken

#: Between two numbers of a list whose unit is written once at its end.
LIST_JOINER_RE = re.compile(r"\s*(?:和|、|及|或)\s*")
#: Between two numbers of a ratio: 13.2：46.8.
RATIO_JOINER_RE = re.compile(r"\s*[：:]\s*")
#: What a ratio of the three sectors follows: 三次产业比重为, 三次产业结构调整为, 三次产业结构由.
SECTOR_RATIO_LEAD_RE = re.compile(r"三次产业(?:比重|结构|比例)[^，。；0-9]{0,12}$")
SECTOR_METRICS = ("一产比重", "二产比重", "三产比重")
#: Between a ratio and the next one: 调整优化为, 调整为, 变为.
AFTER_RATIO_RE = re.compile(r"[^，。；0-9]{0,8}为")
RATIO = "ratio"


def read_runs(tokens: list[NumberToken], text: str) -> tuple[list[NumberToken], dict[int, str]]:
    """Tokens with list units shared and sector ratios marked; the metric of each ratio token by start."""
    out = list(tokens)
    for i in range(len(out) - 2, -1, -1):  # from the end: 3.0 和 8.4 个百分点 → 3.0 gets 个百分点
        t, nxt = out[i], out[i + 1]
        if not t.unit and t.kind == "arabic" and nxt.unit and LIST_JOINER_RE.fullmatch(text, t.end, nxt.start):
            out[i] = replace(t, unit=nxt.unit)
    metrics: dict[int, str] = {}
    last_end = -1  # 由12.7:53.2:34.1调整优化为11.9:48.1:40.0: a second ratio right after the first
    i = 0
    while i < len(out):
        run = [out[i]]
        while (
            len(run) < 3
            and i + len(run) < len(out)
            and not run[-1].unit
            and RATIO_JOINER_RE.fullmatch(text, run[-1].end, out[i + len(run)].start)
        ):
            run.append(out[i + len(run)])
        follows = last_end >= 0 and AFTER_RATIO_RE.fullmatch(text, last_end, run[0].start) is not None
        lead = SECTOR_RATIO_LEAD_RE.search(text, max(0, run[0].start - 20), run[0].start)
        if len(run) == 3 and not run[-1].unit and (lead or follows):
            last_end = run[-1].end
            for k, t in enumerate(run):
                out[i + k] = replace(t, kind=RATIO)
                metrics[t.start] = SECTOR_METRICS[k]
            i += 3
            continue
        i += 1
    return out, metrics
