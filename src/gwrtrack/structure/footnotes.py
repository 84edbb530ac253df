"""Footnote markers ``[n]``, the term each annotates, and its definition where a glossary exists."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gwrtrack.span import Span
from gwrtrack.textview import NormalView

#: A footnote marker in running text: [1] … [49] (【1】 and ［1］ are normalised to it).
FOOTNOTE_MARKER_RE = re.compile(r"\[(\d{1,3})\]")
#: Start of a glossary section: 注释 / 名词解释 / 注： on its own line.
GLOSSARY_HEADING_RE = re.compile(
    r"^\s*(?:\*\*|#{1,6}\s*)?(?:《?政府工作报告》?)?(?:注释|名词解释|附注|注)[：:]?\s*(?:\*\*)?\s*$"
    r"|^\s*(?:注释|名词解释)[：:]",
    re.M,
)
#: One glossary entry: [1]三段式并联极速审批：… or 1. 三段式…：…
GLOSSARY_ENTRY_RE = re.compile(r"(?m)^\s*(?:\[(\d{1,3})\]|(\d{1,3})[.、．])\s*([^\n]+)$")
#: Characters a term cannot cross when read backwards from its marker.
TERM_STOP = set("，。；：、！？（）()[]\n")
#: Verbs that open a clause before an unquoted term (建成生活垃圾分类精品区域[7]).
TERM_LEADING_VERBS_RE = re.compile(
    r"^(?:大力|积极|着力|加快|全力|持续推进|深入推进|推动形成|加快建设|大力发扬|严格落实|全面落实|积极发展|大力实施|着力打造|"
    r"建成|首创|推进|推动|实施|开展|落实|创新|力争|打造|建立|坚持|发展|形成|强化|提升|加快|深化|运用|学习)+"
)
MAX_TERM_CHARS = 24


@dataclass(frozen=True)
class Footnote:
    n: int
    marker: Span
    term: Span | None
    term_text: str
    definition: str | None = None


@dataclass(frozen=True)
class Footnotes:
    items: tuple[Footnote, ...]
    glossary_found: bool

    @property
    def flags(self) -> tuple[str, ...]:
        if self.items and not self.glossary_found:
            return ("footnote_glossary_missing",)
        return ()


def find_footnotes(view: NormalView) -> Footnotes:
    text = view.text
    glossary_at = glossary_start(text)
    definitions = _glossary(text, glossary_at) if glossary_at is not None else {}
    items: list[Footnote] = []
    limit = glossary_at if glossary_at is not None else len(text)
    for m in FOOTNOTE_MARKER_RE.finditer(text, 0, limit):
        n = int(m.group(1))
        term = _term_before(text, m.start())
        term_span = view.span(*term) if term else None
        items.append(
            Footnote(
                n=n,
                marker=view.span(m.start(), m.end()),
                term=term_span,
                term_text=term_span.of(view.original) if term_span else "",
                definition=definitions.get(n),
            )
        )
    return Footnotes(tuple(items), glossary_at is not None and bool(definitions))


def _term_before(text: str, end: int) -> tuple[int, int] | None:
    """The term a marker annotates: back to the opening quote if one is near, else the noun phrase."""
    pos = end
    open_quote: int | None = None
    while pos > 0 and end - pos < MAX_TERM_CHARS:
        ch = text[pos - 1]
        if ch == "”":
            q = text.rfind("“", max(0, pos - MAX_TERM_CHARS), pos - 1)
            if q < 0:
                break
            pos = q
            open_quote = q
            continue
        if ch in TERM_STOP or ch == "“" or (open_quote is not None and ch in "和与及"):
            break
        if ch == "]":
            break
        pos -= 1
    if open_quote is not None:
        return (open_quote, end) if end > open_quote else None
    phrase = text[pos:end]
    stripped = TERM_LEADING_VERBS_RE.sub("", phrase)
    start = end - len(stripped)
    return (start, end) if end - start >= 2 else None


def glossary_start(text: str) -> int | None:
    """Where the glossary (名词解释) of a report starts, if it has one."""
    m = GLOSSARY_HEADING_RE.search(text, len(text) // 2)
    return m.start() if m else None


def _glossary(text: str, start: int) -> dict[int, str]:
    out: dict[int, str] = {}
    for m in GLOSSARY_ENTRY_RE.finditer(text, start):
        n = int(m.group(1) or m.group(2))
        entry = m.group(3).strip()
        term, colon, definition = entry.partition("：")  # 三水共治：统筹推进… → the definition alone
        out.setdefault(n, definition.strip() if colon and 0 < len(term) <= 24 and definition.strip() else entry)
    return out
