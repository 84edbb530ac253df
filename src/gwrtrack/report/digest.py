"""A 干货 digest of a report: headline targets, last year's results, then each section's targets and
projects in short lines, every line tied to its source span.

The lines are clauses of the text itself (never rewritten): a clause of the plan with a target
figure or a named project, a clause of the review with a result of a catalogued indicator.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from gwrtrack.extraction import PLAN_PARTS, Extraction
from gwrtrack.labels import document_title
from gwrtrack.link.indicators import IndicatorCatalogue
from gwrtrack.span import Span
from gwrtrack.spreadsheet import xml_text
from gwrtrack.structure.outline import Outline, PartKind

#: Clause ends: a digest line is one clause (or a short run of them); unlike extract.context, ： stays inside.
CLAUSE_END_RE = re.compile(r"[，；。！？\n]")
#: An ordinal before a section heading: 一、 （二） 3.
ORDINAL_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、])")
FOOTNOTE_RE = re.compile(r"\[\d{1,3}\]")
MAX_LINES_PER_SECTION = 24
MAX_RESULT_LINES = 15
MAX_LINE_CHARS = 60
#: A task sentence up to this long is one line; a longer one gives its clauses with a figure or project.
WHOLE_SENTENCE_CHARS = 70


@dataclass(frozen=True)
class DigestLine:
    text: str
    span: Span
    kind: str  # target | project | result
    group: str = ""  # the lead sentence the line stands under (推进制造业延链强链)


@dataclass(frozen=True)
class DigestSection:
    title: str
    lines: tuple[DigestLine, ...]


@dataclass(frozen=True)
class Digest:
    title: str
    doc: str
    sections: tuple[DigestSection, ...]

    def __len__(self) -> int:
        """Characters a reader reads: titles, group leads and lines."""
        groups = {(s.title, line.group) for s in self.sections for line in s.lines if line.group}
        body = sum(len(s.title) + sum(len(line.text) for line in s.lines) for s in self.sections)
        return len(self.title) + body + sum(len(g) for _t, g in groups)


def make_digest(result: Extraction, indicators: IndicatorCatalogue) -> Digest:
    text = result.document.text
    meta = result.document.meta
    sections: list[DigestSection] = []
    headline = [t for t in result.tasks if t.headline]
    if headline:
        heads = tuple(DigestLine(_clean(t.text), t.span, "target") for t in headline)
        sections.append(DigestSection("主要预期目标", heads))
    results = _results(result, indicators)
    if results:
        year = f"{meta.year - 1}年" if meta.year else "上一年"
        sections.append(DigestSection(f"{year}成绩单", tuple(results)))
    by_section: dict[str, list[DigestLine]] = {}
    targets = {i for t in result.tasks for i in t.figures if result.figures[i].status.value == "target"}
    for task in result.tasks:
        if task.headline:
            continue
        title = _section_title(task.section)
        spans = [result.figures[i].span for i in task.figures if i in targets]
        spans += [result.projects[i].span for i in task.projects]
        if not spans:
            continue
        kind = "project" if task.projects else "target"
        group = ORDINAL_RE.sub("", task.section[2]) if len(task.section) > 2 else ""
        if len(task.text) <= WHOLE_SENTENCE_CHARS:
            found = [DigestLine(_clean(task.text), task.span, kind, group)]
        else:
            found = [DigestLine(x.text, x.span, kind, group) for x in _clause_lines(text, task.span, spans, kind)]
        by_section.setdefault(title, []).extend(found)
    for title, lines in by_section.items():
        sections.append(DigestSection(title, tuple(lines[:MAX_LINES_PER_SECTION])))
    # The report's own title names its year and region already; a made one names them once.
    name = document_title(meta.title, meta.region, meta.year, "report", "政府工作报告")
    return Digest(f"{name}“干货”速览", result.document.name, tuple(sections))


def _results(result: Extraction, indicators: IndicatorCatalogue) -> list[DigestLine]:
    """Clauses of the review with a result of a catalogued indicator, one per indicator."""
    if not any(h.level == 1 and h.part is PartKind.REVIEW for h in result.outline):
        return []
    outline = Outline(result.outline)
    seen: set[str] = set()
    clauses: set[Span] = set()
    lines: list[DigestLine] = []
    for f in result.figures:
        if f.status.value not in ("actual", "expected") or (f.section and outline.part_at(f.span.start) in PLAN_PARTS):
            continue
        indicator = indicators.match(f.metric)
        if indicator is None or indicator.name in seen:
            continue
        seen.add(indicator.name)
        clause = _clause(result.document.text, f.span)
        if clause in clauses:
            continue
        clauses.add(clause)
        lines += _clause_lines(result.document.text, clause, [f.span], "result")
        if len(lines) >= MAX_RESULT_LINES:
            break
    return lines


def _clause(text: str, span: Span) -> Span:
    start = span.start
    while start > 0 and not CLAUSE_END_RE.match(text[start - 1]):
        start -= 1
    end = span.end
    while end < len(text) and not CLAUSE_END_RE.match(text[end]):
        end += 1
    return Span(start, end)


def _clause_lines(text: str, within: Span, spans: list[Span], kind: str) -> list[DigestLine]:
    """The clauses of ``within`` that hold one of ``spans``, each a line."""
    lines: list[DigestLine] = []
    for span in sorted(set(spans)):
        clause = _clause(text, span)
        clause = Span(max(clause.start, within.start), min(clause.end, within.end))
        if lines and lines[-1].span.overlaps(clause):
            continue
        words = _clean(clause.of(text))
        if len(words) > MAX_LINE_CHARS:
            words = words[: MAX_LINE_CHARS - 1] + "…"
        if len(words) >= 4:
            lines.append(DigestLine(words, clause, kind))
    return lines


def _clean(words: str) -> str:
    return FOOTNOTE_RE.sub("", words).strip(" \u3000")


def _section_title(path: tuple[str, ...]) -> str:
    """The numbered section (level 2) a task stands in, without its ordinal; else its part."""
    title = path[1] if len(path) > 1 else path[0] if path else "其他"
    return ORDINAL_RE.sub("", title).strip()


def digest_markdown(digest: Digest, link: Callable[[Span], str]) -> str:
    """Markdown: a heading per section, a bullet per line linking to its source span."""
    out = [f"# {digest.title}", ""]
    for section in digest.sections:
        out += [f"## {section.title}", ""]
        group = ""
        for line in section.lines:
            if line.group != group:
                group = line.group
                out += ["", f"**{group}**", ""] if group else [""]
            out.append(f"- [{line.text}]({link(line.span)})")
        out.append("")
    return "\n".join(out)


def digest_docx(digest: Digest, link: Callable[[Span], str]) -> bytes:
    """A Word document: the same headings and lines, each line a hyperlink to its source span."""
    import io

    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from gwrtrack.report.office import chinese_font

    doc = Document()
    chinese_font(doc)
    doc.add_heading(xml_text(digest.title), level=0)
    for section in digest.sections:
        doc.add_heading(xml_text(section.title), level=1)
        group = ""
        for line in section.lines:
            if line.group and line.group != group:
                doc.add_heading(xml_text(line.group), level=2)
            group = line.group
            paragraph = doc.add_paragraph(style="List Bullet")
            target = link(line.span)
            rel = paragraph.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            anchor = OxmlElement("w:hyperlink")
            anchor.set(qn("r:id"), rel)
            run = OxmlElement("w:r")
            text = OxmlElement("w:t")
            text.text = xml_text(line.text)
            run.append(text)
            anchor.append(run)
            paragraph._p.append(anchor)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
