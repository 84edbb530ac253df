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


# Tables written as lists (the national bulletins 2001–2019 in the public collection):
#   **表2 2019年居民消费价格比上年涨跌幅度**
#   - 单位：%
#   - 指标 全国
#   - 城市 农村
#   - 居民消费价格 2.9 2.8 3.2
#   - 纱 万吨 2148.9 3.9
#: A line of a list: "- " and its words.
LIST_LINE_RE = re.compile(r"(?m)^- ?(.*)$")
#: A number word at the end of a list row.
LIST_NUMBER_RE = re.compile(r"(?<![\d.\[])-?\d+(?:\.\d+)?(?![\d.\]])")  # not a footnote marker [14]
#: Column words of a list table's header, in the order they are looked for.
REGION_COLUMNS = ("全国", "城市", "农村", "城镇", "乡村")
MEASURE_COLUMNS = ("利润总额", "产量", "金额", "数量", "绝对数", "总额", "营业收入")
#: Words around a caption's subject: 2019年居民消费价格比上年涨跌幅度 → 居民消费价格.
CAPTION_TAIL_RE = re.compile(r"(?:比上年|比上年同期)?(?:涨跌幅度|增长速度|及其增长速度|及其构成)$")
#: How far above a list table its caption may stand.
CAPTION_LINES = 6


def list_table_blocks(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each list written as a table: under a 表N caption, with rows ending in numbers."""
    return [(start, end) for start, end, _lines in _list_runs(text)]


def _list_runs(text: str) -> list[tuple[int, int, list[re.Match[str]]]]:
    runs: list[tuple[int, int, list[re.Match[str]]]] = []
    lines = list(LIST_LINE_RE.finditer(text))
    i = 0
    while i < len(lines):
        j = i
        while j + 1 < len(lines) and lines[j + 1].start() == lines[j].end() + 1:
            j += 1
        run = lines[i : j + 1]
        data = [m for m in run if _row_numbers(m.group(1))]
        if len(data) >= 2 and _caption_above(text, run[0].start()):
            runs.append((run[0].start(), run[-1].end(), run))
        i = j + 1
    return runs


def _row_numbers(words: str) -> list[re.Match[str]]:
    """The numbers a row ends with (a label first: 居民消费价格 2.9 2.8 3.2)."""
    found = list(LIST_NUMBER_RE.finditer(words))
    for k, first in enumerate(found):  # the numbers that end the row (a label may hold digits: 0-15岁)
        if re.fullmatch(r"[\s\d.\-]+", words[first.start() :]) and words[first.start() - 1 : first.start()].isspace():
            return found[k:] if re.search(r"[\u4e00-\u9fff]", words[: first.start()]) else []
    return []


def _caption_above(text: str, start: int) -> str:
    above = text[max(0, start - 400) : start].rstrip().split("\n")[-CAPTION_LINES:]
    for line in reversed(above):
        found = CAPTION_RE.search(line.strip().strip("*"))
        if found:
            return found.group("title").strip()
    return ""


def list_table_cells(text: str) -> list[TableCell]:
    """The number cells of list tables, read with the header words and the caption."""
    out: list[TableCell] = []
    for start, _end, run in _list_runs(text):
        caption = _caption_above(text, start)
        first_data = next(k for k, m in enumerate(run) if _row_numbers(m.group(1)))
        header = "".join("".join(m.group(1).split()) for m in run[:first_data])
        header_lines = ["".join(m.group(1).split()) for m in run[:first_data]]
        unit_found = next((u for line in header_lines if (u := CAPTION_UNIT_RE.search(line))), None) or (
            CAPTION_UNIT_RE.search(text[max(0, start - 200) : start])
        )  # fmt: skip
        unit = unit_found.group(1) if unit_found else ""
        regions = [w for w in REGION_COLUMNS if w in header]
        growth_caption = bool(GROWTH_HEADER_RE.search(caption))
        noun = next((w for w in MEASURE_COLUMNS if w in header), "")
        subject = CAPTION_TAIL_RE.sub("", CAPTION_NOISE_RE.sub("", caption)).strip()
        if not noun and subject:
            noun = subject[-2:]  # 居民消费价格 → 价格: what every row of the table prices
        has_unit_column = "单位" in header.replace("单位：", "")
        for m in run[first_data:]:
            numbers = _row_numbers(m.group(1))
            if not numbers:
                continue
            words = m.group(1)
            label_words = words[: numbers[0].start()].split()
            row_unit = label_words.pop() if has_unit_column and len(label_words) > 1 else ""
            label = ROW_NOISE_RE.sub("", CELL_MARKUP_RE.sub("", "".join(label_words)))
            base = label if not noun or label.endswith((noun, "量")) else label + noun
            for k, number in enumerate(numbers):
                offset = m.start(1) + number.start()
                if len(regions) == len(numbers):
                    prefix = "" if regions[k] == "全国" else regions[k]
                    measure = Measure.GROWTH if growth_caption else Measure.AMOUNT
                    out.append(TableCell(offset, offset + len(number.group()), float(number.group()),
                                         unit or ("%" if growth_caption else ""), measure, prefix + base))  # fmt: skip
                    continue
                last_growth = k == len(numbers) - 1 and len(numbers) > 1 and "增长" in header
                if last_growth or (growth_caption and len(numbers) == 1):
                    measure, cell_unit = Measure.GROWTH, "%"
                else:
                    measure, cell_unit = Measure.AMOUNT, row_unit or unit
                out.append(
                    TableCell(offset, offset + len(number.group()), float(number.group()), cell_unit, measure, base)
                )
    return out
