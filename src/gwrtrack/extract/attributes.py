"""Attributes of a figure read from the words around it: qualifier, measure, status, period."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from gwrtrack.extract.numbers import NumberToken, split_magnitude
from gwrtrack.extract.vocab import (
    APPROX_AFTER,
    APPROX_BEFORE,
    AT_LEAST_AFTER,
    AT_LEAST_BEFORE,
    AT_MOST_AFTER,
    AT_MOST_BEFORE,
    CHANGE_VERBS,
    COUNT_UNITS,
    EXPECTED_CUES,
    GROWTH_VERBS,
    PERIOD_WORDS,
    RATE_ENDINGS,
    RULE_CUES,
)


class Measure(StrEnum):
    AMOUNT = "amount"
    GROWTH = "growth"
    RATE = "rate"
    CHANGE = "change"
    RANK = "rank"


class Status(StrEnum):
    ACTUAL = "actual"
    EXPECTED = "expected"
    TARGET = "target"
    OTHER = "other"


class Qualifier(StrEnum):
    EXACT = "exact"
    APPROX = "approx"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    RANGE = "range"


#: Month range 1—11月 / 1-11月 / 1至11月 that sets a period.
MONTH_RANGE_RE = re.compile(r"(\d{1,2})[—–－\-~～至到](\d{1,2})月(?:份)?")
#: Earlier members of a list of percentages (分别增长5%、5.5%): the verb is before the first.
LIST_OF_PERCENTS_RE = re.compile(r"(?:\d+(?:\.\d+)?%(?:左右|以上|以内)?(?:、|和|及))+$")
#: What ends the words before a later member of such a list (分别增长17.7%和37.2%).
LIST_JOINER_ENDINGS = ("、", "、\n", "和", "及")
#: An explicit year used as a time reference: 2023年, 到2027年; not a price base (2010年不变价, 按2015年价格).
YEAR_RE = re.compile(r"((?:19|20)\d{2})年(?![度]?(?:工作|政府)|不变价|可比价|价格)")


def qualifier_after(token: NumberToken, text: str) -> Qualifier | None:
    after = text[token.end : token.end + 2]
    if token.value_max is not None:
        return Qualifier.RANGE
    if token.approx_inside or after.startswith(AT_LEAST_AFTER[:1]) or token.kind == "scale":
        return Qualifier.AT_LEAST
    if after.startswith(AT_MOST_AFTER):
        return Qualifier.AT_MOST
    if after.startswith(APPROX_AFTER):
        return Qualifier.APPROX
    return None


@cache
def _qualifier_cues() -> tuple[re.Pattern[str], dict[str, Qualifier]]:
    cues: dict[str, Qualifier] = {}
    for words, qual in (
        (APPROX_BEFORE, Qualifier.APPROX),
        (AT_LEAST_BEFORE, Qualifier.AT_LEAST),
        (AT_MOST_BEFORE, Qualifier.AT_MOST),
    ):
        cues.update(dict.fromkeys(words, qual))
    longest_first = sorted(cues, key=len, reverse=True)
    return re.compile("(?:" + "|".join(longest_first) + ")$"), cues


def qualifier_before(token: NumberToken, text: str) -> Qualifier | None:
    """The longest cue word right before the number decides (不低于 is at least, 低于 at most)."""
    pattern, cues = _qualifier_cues()
    found = pattern.search(text, max(0, token.start - 5), token.start)
    return cues[found.group()] if found else None


def qualifier(token: NumberToken, text: str) -> Qualifier:
    """Words after the number win over words before it (控制在103左右 is approx)."""
    if token.kind == "double_digit":
        return Qualifier.AT_LEAST
    return qualifier_after(token, text) or qualifier_before(token, text) or Qualifier.EXACT


#: A percentage that names a growth after it (实现29%的快速增长).
GROWTH_AFTER_RE = re.compile(r"的(?:快速|较快|高速|稳定|稳步|平稳)?(?:增长|下降)")
#: Clause punctuation: the words before a number are read back to the last of these.
CLAUSE_PUNCTUATION = frozenset("，。；：")
#: Words that compare with an earlier period (比上年提高6.2%).
COMPARED_WITH_BEFORE = ("比上年", "比去年", "同比", "比上年同期")
#: Words between a growth verb and its percentage (增长分别为8%、增长了5%、下降约3%).
WORDS_BEFORE_A_PERCENT_RE = re.compile(r"(?:分别|均|约|近|超过|超|达到|达|为|了|以上|、)+$")


def _words_before(text: str, pos: int) -> str:
    """The last six characters before ``pos`` in its clause, earlier members of a list of percentages left out."""
    tail = text[max(0, pos - 6) : pos]
    if CLAUSE_PUNCTUATION.isdisjoint(tail) and not tail.endswith(LIST_JOINER_ENDINGS):
        return tail  # the usual case: the clause runs on past the last six characters and holds no list
    start = max(0, pos - 40)
    cut = max([text.rfind(mark, start, pos) for mark in CLAUSE_PUNCTUATION])
    before = text[max(start, cut + 1) : pos]
    if before.endswith(LIST_JOINER_ENDINGS):  # only a list (…%、) has anything for LIST_OF_PERCENTS_RE to remove
        before = LIST_OF_PERCENTS_RE.sub("", before)
    return before[-6:]


def measure(token: NumberToken, text: str, metric: str) -> Measure:
    if token.kind == "rank":
        return Measure.RANK
    if token.kind == "double_digit":
        return Measure.GROWTH
    before = _words_before(text, token.start)
    if token.unit.endswith("百分点"):
        return Measure.CHANGE
    if token.unit in ("%", "‰"):
        stripped = WORDS_BEFORE_A_PERCENT_RE.sub("", before)
        if stripped.endswith(GROWTH_VERBS) and not metric.endswith(RATE_ENDINGS):
            return Measure.GROWTH
        if stripped.endswith(GROWTH_VERBS) and stripped.endswith(("增长", "下降", "增速", "增幅", "贬值", "升值")):
            return Measure.GROWTH
        if stripped.endswith(GROWTH_VERBS) and any(word in before for word in COMPARED_WITH_BEFORE):
            return Measure.GROWTH  # 劳动生产率比上年提高6.2%: a change against last year is a growth, of a rate too
        if GROWTH_AFTER_RE.match(text, token.end):
            return Measure.GROWTH
        return Measure.RATE
    if token.unit == "倍" or (not token.unit and metric.endswith(RATE_ENDINGS)):
        return Measure.RATE
    if text[token.start - 1 : token.start] == "兑" and metric.endswith("汇率"):
        return Measure.RATE  # 1美元兑6.8985元人民币: a price of one currency in another
    if before.endswith(CHANGE_VERBS):
        return Measure.CHANGE
    return Measure.AMOUNT


#: Any of RULE_CUES (原则上, 不得低于…) and any of EXPECTED_CUES (预计, 有望…): one search instead of one per word.
RULE_CUE_RE = re.compile("|".join(map(re.escape, RULE_CUES)))
EXPECTED_CUE_RE = re.compile("|".join(map(re.escape, EXPECTED_CUES)))
#: The estimate cue that reaches over the rest of its sentence.
SENTENCE_EXPECTED_CUE = "预计"


def status(
    token: NumberToken, text: str, clause_start: int, in_plan: bool, part_of_list_after: bool, sentence_start: int = -1
) -> Status:
    """Plan part → target, review part → actual; 预计/有望 before it → expected; 原则上 → other.

    预计 reaches over the rest of its sentence (预计地区生产总值…；公共财政预算收入…): every figure after it
    in the sentence is an estimate; 有望 and the like only qualify their own clause.
    """
    if RULE_CUE_RE.search(text, clause_start, token.start):
        return Status.OTHER
    if part_of_list_after:
        return Status.OTHER
    if in_plan:
        return Status.TARGET
    if EXPECTED_CUE_RE.search(text, clause_start, token.start):
        return Status.EXPECTED
    if (
        0 <= sentence_start < clause_start
        and token.kind != "rank"  # a rank kept (保持全省第一) is a state, not an estimate
        and SENTENCE_EXPECTED_CUE in text[sentence_start:clause_start]
    ):
        return Status.EXPECTED
    return Status.ACTUAL


def threshold_of_category(token: NumberToken, text: str) -> bool:
    """10亿元以上制造业项目: a bound that defines a category of things, not a goal."""
    after = text[token.end : token.end + 4]
    if not after.startswith("以上"):
        return False
    nxt = after[2:3]
    if token.kind == "double_digit" or after[2:].startswith(GROWTH_VERBS):
        return False
    if split_magnitude(token.unit)[1] in COUNT_UNITS:
        return False  # 5个以上紧密型医疗集团: a count of the things, not a size class
    return bool(nxt) and "\u4e00" <= nxt <= "\u9fff" and nxt not in "的和、，。；"


@cache
def _period_marker_re() -> re.Pattern[str]:
    """Every time word, month range and year, in one pattern; the last one before a figure wins."""
    words = "|".join(sorted(PERIOD_WORDS, key=len, reverse=True))
    month = MONTH_RANGE_RE.pattern.replace("(\\d{1,2})", "(?P<m1>\\d{1,2})", 1).replace(
        "(\\d{1,2})", "(?P<m2>\\d{1,2})", 1
    )
    year = YEAR_RE.pattern.replace("(", "(?P<y>", 1)
    # every marker opens with a digit or a word's first character: testing that first halves the scan
    firsts = "".join(sorted({word[0] for word in PERIOD_WORDS}))
    return re.compile(rf"(?=[{firsts}\d])(?:(?P<word>{words})|{month}|{year})")


#: A list marker before a paragraph's words: （一）, 一、, ——, 1.
LIST_MARKER = r"(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|——|\d{1,2}[.、．])?"
#: A paragraph that reviews five years: 五年来，…; 过去五年，…; “十四五”时期，…; after a list marker
#: ((一)五年来, ——这五年) or after a first sentence (2020年是“十三五”规划收官之年。过去五年，…).
FIVE_YEAR_OPENER_RE = re.compile(
    r"[ \t\u3000*#]*(?:[^。\n]{0,60}。)??" + LIST_MARKER
    + r"(?:(?P<five>五年来|过去五年|过去的五年|这五年)|“?十(?P<plan>[二三四五])五”?(?:时期|期间|以来))"
)  # fmt: skip
#: A paragraph that turns from the five years to one year: it names a year, 一年来, 过去一年… near its start.
ONE_YEAR_OPENER_RE = re.compile(r"[^。\n]{0,20}?(?:(?:19|20)\d{2}\s*年|过去(?:的)?一年|一年来|这一年|今年|去年|本年)")
FIVE_YEAR_PLANS = {"二": "2011..2015", "三": "2016..2020", "四": "2021..2025", "五": "2026..2030"}
#: The longest line read as a heading (a heading closes a five-year review: a new part or subject begins).
MAX_HEADING_LINE = 40


def five_year_paragraphs(text: str, year: int | None) -> list[tuple[int, int, str]]:
    """``(start, end, period)`` of each paragraph of a five-year review, in text order.

    A review opens with a paragraph that names the five years (五年来, 过去五年, “十三五”时期) and goes on
    over the paragraphs after it (——我们始终坚持…, （二）产业转型…) until a heading, an address to the
    deputies (各位代表) or a paragraph that names one year (2021年, 一年来): those speak of the span too."""
    if year is None:
        return []
    out = []
    start = 0
    span: str | None = None
    for line in text.split("\n"):
        end = start + len(line)
        words = line.strip(" \t\u3000*#")
        found = FIVE_YEAR_OPENER_RE.match(line) if len(words) > 20 else None
        if found:
            span = f"{year - 5}..{year - 1}" if found.group("five") else FIVE_YEAR_PLANS[found.group("plan")]
        elif span is not None and words and _ends_a_review(words):
            span = None
        if span is not None and words:
            out.append((start, end, span))
        start = end + 1
    return out


def _ends_a_review(words: str) -> bool:
    """Whether a paragraph after a five-year review starts something else: a heading, an address, one year."""
    if len(words) <= MAX_HEADING_LINE and "。" not in words:
        return True
    return words.startswith("各位代表") or bool(ONE_YEAR_OPENER_RE.match(words))


@dataclass(frozen=True)
class PeriodMarkers:
    """Every time reference of a text, found in one pass, in text order: ``period`` reads those
    between a figure's sentence start and the figure instead of scanning the sentence per figure."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    #: (kind, payload): ("code", a period code of _period_code: "Q1..Q3", "year", "01..11") or ("year", "2023").
    marks: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, text: str) -> PeriodMarkers:
        starts: list[int] = []
        ends: list[int] = []
        marks: list[tuple[str, str]] = []
        for m in _period_marker_re().finditer(text):
            word = m.group("word")
            if word is not None:
                mark = ("code", PERIOD_WORDS[word])
            elif m.group("m1") is not None:
                mark = ("code", f"{int(m.group('m1')):02d}..{int(m.group('m2')):02d}")
            else:
                mark = ("year", m.group("y"))
            starts.append(m.start())
            ends.append(m.end())
            marks.append(mark)
        return cls(tuple(starts), tuple(ends), tuple(marks))


def period(
    token_start: int, text: str, sentence_start: int, markers: PeriodMarkers, year: int | None, in_plan: bool,
    review_year: int | None = None, span: str | None = None,
) -> str:  # fmt: skip
    """Period code: ``2023``, ``2023-01..2023-11``, ``2023-Q1..2023-Q3``, ``2026..2030``.

    The last time reference before the figure in its sentence decides; 全年/今年 only within its clause.
    """
    if year is None:
        return ""
    base = year if in_plan else (review_year if review_year is not None else year - 1)
    best = span if span and not in_plan else str(base)
    ends = markers.ends
    k = bisect_left(markers.starts, sentence_start)
    while k < len(ends) and ends[k] <= token_start:
        kind, payload = markers.marks[k]
        if kind == "year":
            best = payload
        elif payload != "year":
            best = _period_code(payload, base, year)
        elif CLAUSE_PUNCTUATION.isdisjoint(text[ends[k] : token_start]):
            best = str(base)  # 全年/今年 for its own clause only: a later clause goes back to the one before
        k += 1
    return best


def _period_code(code: str, base: int, year: int) -> str:
    if code == "year":
        return str(base)
    if code == "prev":
        return str(year - 1)
    if code == "fyp15":
        return "2026..2030"
    if code == "fyp14":
        return "2021..2025"
    first, last = code.split("..")
    return f"{base}-{first}..{base}-{last}"
