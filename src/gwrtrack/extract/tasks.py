"""Tasks: every commitment in the plan part of a report, with its section, figures, projects and span.

A task is a sentence of the plan part (ended by 。 or ；) with a commitment verb (推进, 加快, 实施,
建成, 开工, 力争, 确保, 新建…). The headline targets (主要预期目标是：A；B；C) are tasks too, one
per target. Headings are not tasks: they are the section path of the tasks under them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from gwrtrack.extract.figures import Figure, Setting
from gwrtrack.extract.projects import ProjectMention
from gwrtrack.extract.vocab import words
from gwrtrack.span import Span
from gwrtrack.structure.footnotes import FOOTNOTE_MARKER_RE, glossary_start
from gwrtrack.structure.outline import Heading
from gwrtrack.textview import NormalView

#: Verbs of a commitment: what the government says it will do.
COMMITMENT_VERBS = words(
    "推进 加快 实施 建成 建设 开工 力争 确保 新建 新增 推动 开展 完成 打造 落实 加强 提升 深化 支持 实现 争创 创建 培育 "
    "举办 办好 启动 强化 优化 完善 构建 健全 持续 扩大 促进 保持 稳定在 控制在 做好 抓好 发展 引进 改造 守住 守牢"
)
#: The sentence that introduces the headline targets.
HEADLINE_RE = re.compile(r"主要预期目标[^：:]{0,6}[：:]")
#: Statements of the plan's preamble, not commitments: 2024年是…关键一年, 做好全年政府工作，必须….
PREAMBLE_RE = re.compile(r"\d{4}年是|今年是|做好[^，。]{0,10}工作，必须|各位代表|让我们")
#: A clause after a headline target that only qualifies it.
DIGIT_RE = re.compile(r"\d")
TARGET_CONTINUATION_RE = re.compile(r"在实际工作中|实际工作中|努力|力争|争取|其中|并|确保|实现|与|同时|较上年")
COMMA_RE = re.compile(r"，")
#: Sentence ends for tasks: 。 and ； (a long plan sentence lists several commitments with ；).
TASK_END_RE = re.compile(r"[。；！？\n]")
#: Time limits named in a task: 上半年, 年底前, 三季度末.
DEADLINE_WORDS: tuple[tuple[str, str], ...] = (
    ("一季度", "3月底"),
    ("上半年", "6月底"),
    ("二季度", "6月底"),
    ("三季度", "9月底"),
    ("年底前", "12月底"),
)
MIN_TASK_CHARS = 6


@dataclass(frozen=True)
class Task:
    n: int
    span: Span
    text: str
    section: tuple[str, ...]
    deadline: str
    headline: bool = False
    figures: tuple[int, ...] = ()  # indices into Extraction.figures
    projects: tuple[int, ...] = ()  # indices into Extraction.projects
    verbs: tuple[str, ...] = ()

    def as_record(self, doc: str) -> dict[str, object]:
        return {
            "doc": doc,
            "n": self.n,
            "start": self.span.start,
            "end": self.span.end,
            "text": self.text,
            "section": list(self.section),
            "deadline": self.deadline,
            "headline": self.headline,
            "verbs": list(self.verbs),
        }


@cache
def _verb_re() -> re.Pattern[str]:
    return re.compile("|".join(sorted(COMMITMENT_VERBS, key=len, reverse=True)))


def find_tasks(
    view: NormalView,
    headings: Sequence[Heading],
    figures: Sequence[Figure],
    projects: Sequence[ProjectMention],
    setting: Setting,
) -> list[Task]:
    """The year's tasks: commitments of the plan part, neither in a five-year outlook nor in the glossary."""
    text = view.text
    in_plan, section_of, year = setting.in_plan, setting.section_of, setting.year
    glossary_at = glossary_start(text)
    end_of_tasks = glossary_at if glossary_at is not None else len(text)
    verb_re = _verb_re()
    heading_spans = sorted((h.span.start, h.span.end) for h in headings)
    figure_starts = [f.span.start for f in figures]
    project_starts = [p.span.start for p in projects]
    raw: list[tuple[int, int, bool]] = []
    # the headline targets run from 主要预期目标是： over ；-clauses, and over sentences of the same
    # paragraph that still state figures (宁夏: …5%左右，力争取得更好结果。一产、二产…增长5%左右。…)
    in_headline = False
    for start, end, stop in _sentences(text):
        if start >= end_of_tasks:
            break
        if not in_plan(start) or setting.in_outlook(start) or _is_heading(view.span(start, end), heading_spans):
            in_headline = False
            continue
        if in_headline and text[start - 1] == "。" and not DIGIT_RE.search(text, start, end):
            in_headline = False
        intro = HEADLINE_RE.search(text, start, end)  # before headings: the intro may be read as one
        start = _after_headings(view, start, end, heading_spans)
        if intro:
            start = max(start, intro.end())
        elif PREAMBLE_RE.match(text, start):
            continue
        if intro is not None or in_headline:
            raw += [(s, e, True) for s, e in _targets(text, start, end)]
        else:
            raw.append((start, end, False))
        in_headline = (intro is not None or in_headline) and stop in "；。"
    tasks: list[Task] = []
    for start, end, headline in raw:
        start, end = _trim(text, start, end)
        sentence = text[start:end]
        verbs = tuple(dict.fromkeys(m.group() for m in verb_re.finditer(sentence)))
        if len(sentence) < MIN_TASK_CHARS or not (verbs or headline):
            continue
        span = view.span(start, end)
        tasks.append(
            Task(
                n=len(tasks) + 1,
                span=span,
                text=FOOTNOTE_MARKER_RE.sub("", span.of(view.original)),  # the words, without [17]
                section=section_of(start),
                deadline=deadline(sentence, year),
                headline=headline,
                figures=_inside(span, figure_starts, figures),
                projects=_inside(span, project_starts, projects),
                verbs=verbs,
            )
        )
    return tasks


def deadline(sentence: str, year: int | None) -> str:
    """完成时限: a time named in the task, else the end of the report's year."""
    if year is None:
        return ""
    for word, when in DEADLINE_WORDS:
        if word in sentence:
            return f"{year}年{when}"
    return f"{year}年12月底"


def _targets(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Headline targets in one ；-clause: 地区生产总值增长5%以上，在实际工作中努力争取更好结果，一般公共预算收入增长2%
    → two targets; a clause that only qualifies the one before (在实际工作中…, 力争…) stays with it."""
    spans: list[tuple[int, int]] = []
    pos = start
    for clause_end in [m.start() for m in COMMA_RE.finditer(text, start, end)] + [end]:
        if spans and TARGET_CONTINUATION_RE.match(text, pos):
            spans[-1] = (spans[-1][0], clause_end)
        elif clause_end > pos:
            spans.append((pos, clause_end))
        pos = clause_end + 1
    return spans


def _sentences(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, the character that ends it)`` of every sentence or ；-clause."""
    spans = []
    start = 0
    for match in TASK_END_RE.finditer(text):
        spans.append((start, match.start(), match.group()))
        start = match.end()
    spans.append((start, len(text), ""))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\u3000“”":
        start += 1
    while end > start and text[end - 1] in " \t\u3000，、":
        end -= 1
    return start, end


def _inside(span: Span, starts: Sequence[int], items: Sequence[Figure] | Sequence[ProjectMention]) -> tuple[int, ...]:
    """Indices of the items (sorted by start) whose spans lie inside ``span``."""
    first = bisect_left(starts, span.start)
    last = bisect_left(starts, span.end)
    return tuple(i for i in range(first, last) if span.contains(items[i].span))


def _near(span: Span, heading_spans: Sequence[tuple[int, int]]) -> Sequence[tuple[int, int]]:
    """The headings that may overlap ``span`` (headings are short and do not nest)."""
    first = max(0, bisect_left(heading_spans, (span.start, 0)) - 2)
    last = bisect_left(heading_spans, (span.end, 0))
    return heading_spans[first:last]


def _after_headings(view: NormalView, start: int, end: int, heading_spans: Sequence[tuple[int, int]]) -> int:
    """Where a sentence begins with a heading run on without punctuation, the task starts after it."""
    span = view.span(start, end)
    moved = start
    for s, e in _near(span, heading_spans):
        if s <= span.start < e < span.end:
            moved = max(moved, start + (e - span.start))
    return moved


def _is_heading(span: Span, heading_spans: Sequence[tuple[int, int]]) -> bool:
    """A sentence made of headings (a part, a section, a lead sentence run on after it)."""
    covered = sum(max(0, min(span.end, e) - max(span.start, s)) for s, e in _near(span, heading_spans))
    return len(span) - covered < MIN_TASK_CHARS
