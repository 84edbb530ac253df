"""Tables are text too: each number cell of a Markdown table is a figure.

A cell holds only the number (``140005``); what it measures comes from the table around it: the
unit from its column header (``年末数（万人）``), a ``单位`` column or the caption's ``单位：%``;
the measure from the header (``比上年增长（%）`` is a growth, ``比重（%）`` a rate); the metric from
the row label and the measured noun (``纱`` + ``产量`` → ``纱产量``; ``城镇`` in a table of
``年末人口数`` → ``城镇人口``). Row labels are not figures (``0-15岁``, ``60周岁及以上``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from gwrtrack.extract.attributes import Measure

#: A row of a Markdown table: a line that starts and ends with a pipe.
TABLE_ROW_RE = re.compile(r"(?m)^[ \t]*\|.*\|[ \t]*$")
#: The line under a table's header: | --- | :---: |.
SEPARATOR_ROW_RE = re.compile(r"^[ \t]*\|(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*$")
#: A cell that is one number, as tables write them (-6.1, 60.60, 140005).
NUMBER_CELL_RE = re.compile(r"-?\d+(?:\.\d+)?")
#: Markup inside a cell: line breaks, bold marks, footnote markers.
CELL_MARKUP_RE = re.compile(r"<br\s*/?>|\*\*|\[\d{1,3}\]")
#: A unit in brackets at the end of a header or caption: 年末数（万人）, 比上年增长（%）.
HEADER_UNIT_RE = re.compile(r"[（(]([^（）()]{1,10})[）)]\s*$")
#: A caption's unit line: 单位：%, 单位:亿元.
CAPTION_UNIT_RE = re.compile(r"单位[：:]\s*([^\s，。|]{1,8})")
#: A table's caption: **表3 主要工业产品产量及其增长速度**.
#: (A table number may run into the year once spaces between digits are normalised: 表12019年.)
CAPTION_RE = re.compile(r"表\s*(?:\d{1,2}(?=(?:19|20)\d{2}年)|\d{1,2})\s*(?P<title>[^\n*]+)")
#: Headers of a growth column and of a rate column.
GROWTH_HEADER_RE = re.compile(r"增长|增速|涨跌|涨幅|比上年|同比")
RATE_HEADER_RE = re.compile(r"比重|占比|构成|率$")
#: Headers that name no measured thing of their own (年末数, 绝对数), and the label column.
GENERIC_HEADERS = frozenset(
    ["年末数", "年初数", "绝对数", "数量", "数值", "金额", "合计", "总计", "全年", "本年", "全国"]
)
LABEL_HEADERS = frozenset(["指标", "指标名称", "产品名称", "项目", "名称", "地区", "类别", "单位"])
#: Words around a caption's measured noun: 2019年年末人口数及其构成 → 人口.
CAPTION_NOISE_RE = re.compile(r"(?:19|20)\d{2}年|年末|年初|全年|主要|及其[\u4e00-\u9fff]{1,6}$|情况$|构成$|数$")
#: Words a row label starts with that are no part of the name: 其中：城镇, 全国总人口.
ROW_NOISE_RE = re.compile(r"^(?:其中[：:]?|全国|#)|（[^（）]*）|\([^()]*\)|\s+")


@dataclass(frozen=True)
class TableCell:
    """A number cell of a table, with offsets into the text the tables were read from."""

    start: int
    end: int
    value: float
    unit: str
    measure: Measure
    metric: str


@dataclass(frozen=True)
class _Cell:
    start: int
    end: int
    text: str  # without markup


def table_blocks(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each Markdown table (a header, a separator row and data rows)."""
    blocks: list[tuple[int, int]] = []
    rows = list(TABLE_ROW_RE.finditer(text))
    i = 0
    while i < len(rows):
        j = i
        while j + 1 < len(rows) and text[rows[j].end() : rows[j + 1].start()].strip() == "":
            j += 1
        if j > i and SEPARATOR_ROW_RE.match(rows[i + 1].group()):
            blocks.append((rows[i].start(), rows[j].end()))
        i = j + 1
    return blocks


def table_cells(text: str) -> list[TableCell]:
    """Every number cell of every table, with the unit, measure and metric the table gives it."""
    out: list[TableCell] = []
    for start, end in table_blocks(text):
        lines = [m for m in TABLE_ROW_RE.finditer(text, start, end)]
        header = _cells(text, lines[0].start(), lines[0].end())
        caption = _caption(text, start)
        noun = _measured_noun(header, caption)
        unit_column = next((k for k, c in enumerate(header) if c.text == "单位"), None)
        for line in lines[2:]:
            row = _cells(text, line.start(), line.end())
            if not row:
                continue
            label = ROW_NOISE_RE.sub("", row[0].text)
            for k, cell in enumerate(row[1:], start=1):
                number = NUMBER_CELL_RE.fullmatch(cell.text)
                if number is None or k >= len(header) or k == unit_column:
                    continue
                head = header[k].text
                measure = _measure(head)
                unit = _unit(head, caption) or (row[unit_column].text if unit_column is not None else "")
                if measure is Measure.GROWTH and not unit:
                    unit = "%"
                offset = text.index(cell.text, cell.start)
                out.append(
                    TableCell(offset, offset + len(cell.text), float(cell.text), unit, measure,
                              _metric(label, noun, head, measure))
                )  # fmt: skip
    return out


def _cells(text: str, start: int, end: int) -> list[_Cell]:
    """The cells of one row, with their offsets (the first and last pipes are the row's edges)."""
    line = text[start:end]
    bars = [k for k, ch in enumerate(line) if ch == "|"]
    cells = []
    for a, b in itertools.pairwise(bars):
        raw = line[a + 1 : b]
        clean = CELL_MARKUP_RE.sub("", raw).strip()
        cells.append(_Cell(start + a + 1, start + b, clean))
    return cells


def _caption(text: str, table_start: int) -> str:
    """The caption line(s) just above a table (its title and a 单位： line)."""
    above = text[max(0, table_start - 300) : table_start].rstrip().split("\n")[-3:]
    return " ".join(line.strip().strip("*") for line in above if line.strip())


def _measure(head: str) -> Measure:
    name = HEADER_UNIT_RE.sub("", head)
    if GROWTH_HEADER_RE.search(name):
        return Measure.GROWTH
    if RATE_HEADER_RE.search(name) or head.endswith(("（%）", "(%)")):
        return Measure.RATE
    return Measure.AMOUNT


def _unit(head: str, caption: str) -> str:
    found = HEADER_UNIT_RE.search(head)
    if found:
        return found.group(1).strip()
    found = CAPTION_UNIT_RE.search(caption)
    return found.group(1) if found else ""


def _measured_noun(header: list[_Cell], caption: str) -> str:
    """The thing the table counts: the first header that names one (产量), else the caption's noun (人口)."""
    for cell in header[1:]:
        name = HEADER_UNIT_RE.sub("", cell.text).strip()
        if name and name not in GENERIC_HEADERS and name not in LABEL_HEADERS and _measure(cell.text) is Measure.AMOUNT:
            return name
    found = CAPTION_RE.search(caption)
    title = found.group("title") if found else ""
    for _ in range(3):
        title = CAPTION_NOISE_RE.sub("", title).strip()
    return title if 1 <= len(title) <= 6 else ""


def _metric(label: str, noun: str, head: str, measure: Measure) -> str:
    # 发电量, 一次能源生产总量: the label names a quantity already
    metric = label if not noun or label.endswith((noun, "量")) else label + noun
    if measure is Measure.RATE:
        name = HEADER_UNIT_RE.sub("", head).strip()
        if name and not metric.endswith(name):
            metric += name
    return metric
