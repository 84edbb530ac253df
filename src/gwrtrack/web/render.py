"""The reader's text as HTML: every figure a clickable mark, headings as anchors, footnotes with their term.

All text goes through ``markupsafe.escape``; only the tags written here are markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from gwrtrack.store.models import FigureRow, FootnoteRow, HeadingRow

STATUS_CLASS = {"actual": "st-actual", "expected": "st-expected", "target": "st-target", "other": "st-other"}


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    open: str
    close: str


def reader_html(
    text: str,
    figures: list[FigureRow],
    headings: list[HeadingRow],
    footnotes: list[FootnoteRow],
    hit: tuple[int, int] | None = None,
) -> Markup:
    marks: list[_Mark] = []
    for f in figures:
        cls = STATUS_CLASS.get(f.status, "st-other") + (" review" if f.needs_review else "")
        cls += " notfig" if f.not_figure else ""
        # Kept small on purpose (a report has hundreds): reader.js opens the detail on click.
        marks.append(_Mark(f.start, f.end, f'<span class="fig {cls}" id="f{f.id}" tabindex="0">', "</span>"))
    for n in footnotes:
        tip = n.term + (f"：{n.definition}" if n.definition else "（释义缺失）")
        marks.append(_Mark(n.start, n.end, f'<sup class="fn" title="{escape(tip)}">', "</sup>"))
    if hit is not None:
        marks.append(_Mark(hit[0], hit[1], '<mark id="hit">', "</mark>"))
    anchors = {h.start: f'<a class="anchor" id="h{h.id}"></a>' for h in headings}
    out: list[str] = []
    pos = 0
    for mark in sorted(_without_overlaps(marks), key=lambda m: m.start):
        out.append(_plain(text, pos, mark.start, anchors))
        out.append(mark.open + str(escape(text[mark.start : mark.end])) + mark.close)
        pos = mark.end
    out.append(_plain(text, pos, len(text), anchors))
    return Markup("".join(out))


def _plain(text: str, start: int, end: int, anchors: dict[int, str]) -> str:
    cuts = sorted(p for p in anchors if start <= p < end)
    parts: list[str] = []
    pos = start
    for p in cuts:
        parts.append(str(escape(text[pos:p])))
        parts.append(anchors[p])
        pos = p
    parts.append(str(escape(text[pos:end])))
    return "".join(parts)


def _without_overlaps(marks: list[_Mark]) -> list[_Mark]:
    """Marks cannot nest in this rendering: a later mark that overlaps an earlier one is left out."""
    kept: list[_Mark] = []
    last_end = -1
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        if mark.start >= last_end:
            kept.append(mark)
            last_end = mark.end
    return kept
