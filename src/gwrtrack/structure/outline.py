"""The outline of a report: parts (level 1), numbered sections (level 2), lead sentences (level 3).

Works on line-broken text (a heading is a line) and on single-line text such as a report
pasted without newlines (a heading is then found by its vocabulary and marker).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from enum import StrEnum

from gwrtrack.markdown import COMMENT_LINE_RE, body_start, unmarked
from gwrtrack.span import Span
from gwrtrack.textview import NormalView


class PartKind(StrEnum):
    REVIEW = "review"
    PLAN = "plan"
    OUTLOOK = "outlook"  # 五年规划的主要目标 (十五五时期)
    SELF = "self"  # 政府自身建设
    OTHER = "other"


@dataclass(frozen=True)
class Heading:
    level: int
    span: Span
    surface: str
    part: PartKind | None = None


#: Words that make a heading a part of the report (review, plan, government's own work).
PART_HEADING_RE = re.compile(
    r"(?:[一二三四五六七八九十]+、)?[^。！？；\n]{0,24}?"
    r"(?:工作回顾(?:和[^。！？；\n]{0,20})?|发展回顾|工作总结|发展成就|主要工作和[^。\n]{0,12}|工作安排建议|工作安排"
    r"|重点工作(?:安排|任务)?|主要工作|目标任务|工作任务|主要考虑|总体考虑|重大任务|重点任务|政府自身建设|政府治理[^。\n]{0,6}"
    r"|关于\d{4}年工作|(?:主要)?预期目标|主要目标|成绩单|主要成就)"
)
#: Words of each part kind, checked in order.
PART_KIND_WORDS: tuple[tuple[PartKind, tuple[str, ...]], ...] = (
    (PartKind.SELF, ("政府自身建设", "政府治理", "人民满意", "服务型政府")),
    (PartKind.REVIEW, ("回顾", "总结", "发展成就", "主要工作和", "成绩单", "主要成就")),
    (PartKind.OUTLOOK, ("十五五", "十四五", "五年", "主要考虑", "重大任务")),
    (PartKind.PLAN, ("工作安排", "重点工作", "主要工作", "目标任务", "工作任务", "年工作", "预期目标", "主要目标")),
)
#: Section markers: 一、 （一） 1. （1）
SECTION_MARKER_RE = re.compile(
    r"(?P<cn>[一二三四五六七八九十]{1,3})、|（(?P<paren>[一二三四五六七八九十]{1,3})）|(?P<ar>\d{1,2})[.．、](?!\d)"
)
#: Words that open a lead sentence run on after a heading without punctuation (…势头大力实施…).
LEAD_OPENERS_RE = re.compile(
    r"大力|坚定不移|着力|不断|高水平|高质量|深入|全面|持续|加快|积极|推动|推进|加强|扎实|切实|强化|优化|促进|深化|实施|统筹|"
    r"提升|提高|巩固|坚持|做强|打造|构建|健全|完善|牢牢|守牢|旗帜鲜明|持之以恒|担当作为|清正廉洁"
)
#: Overview leads of a review: 一年来，我们…
OVERVIEW_LEAD_RE = re.compile(r"^(?:一年来|过去一年|五年来|过去五年)，我们[^。]{4,30}$")
#: A part heading on a line of its own without a 一、 marker (“十四五”时期发展成就和2025年工作回顾).
UNNUMBERED_PART_LINE_RE = re.compile(
    r"(?m)^[ \t\u3000]*(?!(?:#{1,6}[ \t]+|\*\*|__)*[一二三四五六七八九十]+、)[^\n。，]{0,24}(?:工作回顾|发展回顾|工作安排|重点工作)[^\n。，]{0,8}$"
)
MAX_HEADING_CHARS = 40
MAX_LEAD_CHARS = 20


#: A part about the first year of a five-year plan is the year's plan (全力推动“十五五”开好局、起好步).
FIRST_YEAR_RE = re.compile(r"开好局|起好步|开局之年|开局起步|(?:19|20)\d{2}年(?:工作|重点|主要任务)")


def part_kind(surface: str) -> PartKind:
    for kind, words in PART_KIND_WORDS:
        if any(w in surface for w in words):
            if kind is PartKind.OUTLOOK and FIRST_YEAR_RE.search(surface):
                return PartKind.PLAN
            return kind
    return PartKind.OTHER


def outline(view: NormalView) -> list[Heading]:
    text = view.text
    lines = text.count("\n")
    raw = _resolve_unknown_parts(_outline_lines(text) if lines >= 5 else _outline_running(text))
    headings = [Heading(lvl, view.span(s, e), view.span(s, e).of(view.original), part) for lvl, s, e, part in raw]
    return headings


def _resolve_unknown_parts(
    found: list[tuple[int, int, int, PartKind | None]],
) -> list[tuple[int, int, int, PartKind | None]]:
    """Parts whose heading names no kind (一、一年接着一年干…): the first is the review when the
    report has none, later ones look ahead and are plans."""
    has_review = any(p is PartKind.REVIEW for lvl, _s, _e, p in found if lvl == 1)
    out: list[tuple[int, int, int, PartKind | None]] = []
    seen_part = False
    for lvl, s, e, part in found:
        if lvl == 1 and part is PartKind.OTHER:
            part = PartKind.PLAN if (seen_part or has_review) else PartKind.REVIEW
        if lvl == 1:
            seen_part = True
        out.append((lvl, s, e, part))
    return out


#: What ends a sentence for the outline (a lead ends at its colon too).
OUTLINE_SENTENCE_END_RE = re.compile(r"[。！？!?：]")


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    for m in OUTLINE_SENTENCE_END_RE.finditer(text[start:end]):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    if pos < end:
        out.append((pos, end))
    return out


def _first_sentence(text: str) -> str:
    """The first of ``_sentences(text, 0, len(text))`` as text ("" for none), without reading the rest."""
    found = OUTLINE_SENTENCE_END_RE.search(text)
    return text[: found.start()] if found else text


def _is_lead(sentence: str) -> bool:
    if not 4 <= len(sentence) <= MAX_LEAD_CHARS:
        return bool(OVERVIEW_LEAD_RE.match(sentence))
    if re.search(r"[，；：、\d]", sentence):
        return bool(OVERVIEW_LEAD_RE.match(sentence))
    return True


def _outline_running(text: str) -> list[tuple[int, int, int, PartKind | None]]:
    """Headings of a text without newlines: parts by vocabulary, sections by marker, leads by shape."""
    found: list[tuple[int, int, int, PartKind | None]] = []
    for s, e in _sentences(text, 0, len(text)):
        pos = s
        part = PART_HEADING_RE.match(text, pos, e)
        if part and part.end() - pos <= 30 and "，" not in part.group():
            found.append((1, pos, part.end(), part_kind(part.group())))
            pos = part.end()
        marker = SECTION_MARKER_RE.match(text, pos, e)
        if marker and marker.group("ar") is None:
            head_end = _section_heading_end(text, marker.end(), e)
            found.append((2, pos, head_end, None))
            pos = head_end
        if pos < e and _is_lead(text[pos:e]):
            found.append((3, pos, e, None))
            continue
    return found


def _section_heading_end(text: str, start: int, end: int) -> int:
    """Where a numbered heading ends: at 。, or where a lead runs on without punctuation."""
    body = text[start:end]
    comma = body.find("，")
    if comma < 0 or len(body) <= 24:
        return end
    for m in LEAD_OPENERS_RE.finditer(body, comma + 1):
        if m.start() - comma - 1 >= 6 and len(body) - m.start() >= 4:
            return start + m.start()
    return end


def _outline_lines(text: str) -> list[tuple[int, int, int, PartKind | None]]:
    """Headings of a line-broken text: short unpunctuated lines, numbered lines, first sentences."""
    found: list[tuple[int, int, int, PartKind | None]] = []
    # Where （一） sections exist, standalone 一、 lines are the parts above them.
    unnumbered_parts = bool(UNNUMBERED_PART_LINE_RE.search(text))
    numbered_parts = (
        bool(re.search(r"(?m)^\s*(?:#{1,6}\s+|\*\*)*（一）", text))
        and bool(re.search(r"(?m)^\s*(?:#{1,6}\s+|\*\*)*一、", text))
        and not unnumbered_parts
    )
    pos = 0
    lines: list[tuple[int, int]] = []
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    i = _first_body_line(text, lines)
    while i < len(lines):
        s, e = lines[i]
        while s < e and text[s] in " \t\u3000":
            s += 1
        e = len(text[s:e].rstrip()) + s
        a, b = unmarked(text[s:e])  # Markdown marks (## …, **…**) are not the heading's words
        s, e = s + a, s + b
        line = text[s:e]
        i += 1
        if not line or COMMENT_LINE_RE.match(line):
            continue
        marker = SECTION_MARKER_RE.match(line)
        is_part = len(line) <= MAX_HEADING_CHARS and bool(PART_HEADING_RE.fullmatch(line))
        if is_part and marker and marker.group("cn") and unnumbered_parts:
            is_part = False  # parts are unnumbered here, so 一、… is a section under one
        standalone = len(line) <= MAX_HEADING_CHARS and not line.endswith(("。", "；", "：", "！", "？", "，"))
        if standalone and i < len(lines) and len(line) <= 10 and line.endswith(("的", "和", "与")):
            ns, ne = lines[i]
            nxt = text[ns:ne].strip()
            if nxt and len(nxt) <= 12 and not nxt.endswith("。"):
                e = ns + len(text[ns:ne].rstrip())
                line = text[s:e]
                is_part = is_part or bool(PART_HEADING_RE.search(line.replace("\n", "")))
                i += 1
        if is_part:
            found.append((1, s, e, part_kind(line)))
            numbered_parts = numbered_parts or bool(marker and marker.group("cn"))
            continue
        if marker and marker.group("cn") and numbered_parts and standalone:
            found.append((1, s, e, part_kind(line)))
            continue
        if marker and marker.group("ar") is None:
            head_end = s + _heading_in_line(line)
            found.append((2, s, head_end, None))
            rest = text[head_end:e].lstrip("。")
            first = _first_sentence(rest)
            if first and _is_lead(first):
                off = e - len(rest)
                found.append((3, off, off + len(first), None))
            continue
        if standalone and not re.search(r"\d{4}年\d|来源|时间|记者|摄$", line) and i > 1:
            found.append((2, s, e, None))
            continue
        first = _first_sentence(line)
        if first and _is_lead(first) and len(line) > len(first) + 1:
            found.append((3, s, s + len(first), None))
    return found


def _first_body_line(text: str, lines: list[tuple[int, int]]) -> int:
    """The first line after the front matter and, where the address 各位代表 opens the speech, after it:
    the title, date and speaker lines above it are no headings."""
    start = body_start(text)
    address = text.find("各位代表", start, start + 2000)
    cut = text.find("\n", address) if address >= 0 else start
    if cut < 0:
        return 0
    return next((i for i, (s, _e) in enumerate(lines) if s >= cut), len(lines))


def _heading_in_line(line: str) -> int:
    end = line.find("。")
    return end if end > 0 else len(line)


class Outline:
    """Headings in text order, with lookups by position in O(log n)."""

    def __init__(self, headings: tuple[Heading, ...]) -> None:
        self.headings = headings
        self._starts = [h.span.start for h in headings]
        self._parts: list[PartKind | None] = []
        self._paths: list[tuple[str, ...]] = []
        part: PartKind | None = None
        path: dict[int, str] = {}
        for h in headings:
            if h.level == 1:
                part = h.part
            path = {lvl: s for lvl, s in path.items() if lvl < h.level}
            path[h.level] = h.surface
            self._parts.append(part)
            self._paths.append(tuple(path[k] for k in sorted(path)))

    def _index(self, pos: int) -> int:
        return bisect_right(self._starts, pos) - 1

    def part_at(self, pos: int) -> PartKind | None:
        k = self._index(pos)
        return self._parts[k] if k >= 0 else None

    def section_path(self, pos: int) -> tuple[str, ...]:
        k = self._index(pos)
        return self._paths[k] if k >= 0 else ()
