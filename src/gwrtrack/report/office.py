"""Office documents in the layouts 督查室 use: 分解方案 and 落实情况表 as XLSX and DOCX, and reading
an edited 分解方案 back (errors by row; nothing is taken from a file with any error).
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gwrtrack.errors import GwrError
from gwrtrack.extract.context import Boundaries
from gwrtrack.link.verdicts import QUALIFIER_WORDS, Fact
from gwrtrack.spreadsheet import safe_cell, unquote, xml_text
from gwrtrack.track.deadlines import DeadlineError, check_deadline

if TYPE_CHECKING:
    from gwrtrack.store.outcomes import VerdictView
    from gwrtrack.store.tracking import TaskView

#: 重点工作任务分解方案: the columns, in order. 状态 says whether the departments are a suggestion.
#: 版本 is the task's version when the sheet was made: an edit on an outdated row is refused on import.
TASK_HEADERS = ("序号", "工作任务", "牵头单位", "责任单位", "完成时限", "来源", "状态", "版本")
#: 落实情况表.
VERDICT_HEADERS = ("序号", "指标", "目标", "完成情况", "是否完成", "依据", "牵头单位", "台账状态", "来源")
TASK_WIDTHS = (6, 60, 16, 22, 14, 26, 7, 6)
VERDICT_WIDTHS = (5, 14, 24, 40, 12, 9, 14, 14, 28)
#: Row height in points per wrapped line.
LINE_POINTS = 15
SUGGESTED = "建议"
CONFIRMED = "已确认"
#: 来源 of a task: the file name and the span, then the section (000_x.txt [7433,7520) 一、…).
SOURCE_RE = re.compile(r"^(?P<doc>[^\[\]]+?) \[(?P<start>\d+),(?P<end>\d+)\)")


class TaskImportError(GwrError):
    """An edited 分解方案 has rows that cannot be read; the message lists them by row."""


@dataclass(frozen=True)
class TaskLine:
    n: int
    text: str
    lead: str
    co: str
    deadline: str
    source: str
    confirmed: bool = False
    version: int = 0

    def cells(self) -> list[object]:
        return [
            self.n,
            self.text,
            self.lead,
            self.co,
            self.deadline,
            self.source,
            CONFIRMED if self.confirmed else SUGGESTED,
            self.version,
        ]


@dataclass(frozen=True)
class VerdictLine:
    n: int
    indicator: str
    target: str
    outcome: str
    verdict: str
    basis: str
    lead: str
    source: str
    ledger: str = ""  # the 督办 ledger's final status of the task holding the target (year end)

    def cells(self) -> list[object]:
        return [
            self.n, self.indicator, self.target, self.outcome, self.verdict, self.basis, self.lead, self.ledger,
            self.source,
        ]  # fmt: skip


@dataclass(frozen=True)
class ImportedTask:
    row: int
    doc: str
    start: int
    end: int
    text: str
    lead: str
    co: str
    deadline: str
    confirmed: bool = False
    version: int | None = None  # None: a sheet made before versions (no check)


def plan_title(region: str | None, year: int | None) -> str:
    """泸州市2024年《政府工作报告》重点工作任务分解方案."""
    return f"{region or ''}{year or ''}{'年' if year else ''}《政府工作报告》重点工作任务分解方案"


def source_of(doc: str, start: int, end: int, section: str = "") -> str:
    return f"{doc} [{start},{end}) {section}".rstrip()


def task_lines(views: Sequence[TaskView]) -> list[TaskLine]:
    """The rows of a 分解方案 from the tasks of a stored document, with the decisions people made."""
    return [
        TaskLine(
            v.n,
            v.text,
            v.lead,
            v.co,
            v.deadline,
            source_of(v.doc_name, v.start, v.end, v.section),
            v.confirmed,
            v.version,
        )
        for v in views
    ]


def verdict_lines(
    views: Sequence[VerdictView], text_of: Callable[[int], str], ledger_at: Callable[[int, int], str] | None = None
) -> list[VerdictLine]:
    """The rows of a 落实情况表: the target, the outcome's clause, the verdict and where each stands; with
    ``ledger_at`` (document id, target start → status), the ledger's own status beside the verdict."""
    texts: dict[int, tuple[str, Boundaries]] = {}

    def clause(doc_id: int, start: int) -> str:
        if doc_id not in texts:
            text = text_of(doc_id)
            texts[doc_id] = text, Boundaries.of(text)
        text, bounds = texts[doc_id]
        first, last = bounds.clause(start)
        return text[first:last]

    lines = []
    for n, v in enumerate(views, 1):
        j = v.judgement
        outcome = "暂无数据"
        sources = [source_of(f.doc, f.span.start, f.span.end) for f in (j.target, *j.also)]
        if j.outcome is not None and v.outcome_doc_id is not None:
            outcome = clause(v.outcome_doc_id, j.outcome.span.start)
            sources.append(source_of(j.outcome.doc, j.outcome.span.start, j.outcome.span.end))
        if j.reference is not None and v.reference_doc_id is not None:
            outcome += f"；{j.reference.region} {clause(v.reference_doc_id, j.reference.span.start)}"
            sources.append(source_of(j.reference.doc, j.reference.span.start, j.reference.span.end))
        verdict = v.verdict + ("（人工）" if v.override is not None else "")
        basis = j.basis.value if j.basis is not None else ""
        ledger = ledger_at(v.target_doc_id, j.target.span.start) if ledger_at else ""
        lines.append(
            VerdictLine(
                n, j.indicator.name, target_words(j.target), outcome, verdict, basis, v.lead, "\n".join(sources),
                ledger,
            )
        )  # fmt: skip
    return lines


def target_words(target: Fact) -> str:
    """目标 column: the metric and the figure with its qualifier (省重点项目年度投资：300亿元以上)."""
    words = f"{target.metric}：{target.surface}"
    qualifier = QUALIFIER_WORDS.get(target.qualifier, "")
    return words + qualifier if qualifier and not target.surface.endswith(qualifier) else words


def xlsx_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[int]) -> bytes:
    """One sheet: a title row, a header row, the rows; wrapped text, frozen header, A4 landscape."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append([safe_cell(title)])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(list(headers))
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for row in rows:
        ws.append([safe_cell(v) for v in row])
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for row_cells in ws.iter_rows(min_row=3):
        lines = 1
        for cell, width in zip(row_cells, widths, strict=False):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            text = "" if cell.value is None else str(cell.value)
            # a Chinese character is two width units; explicit heights show wrapped rows in every viewer
            lines = max(lines, sum(-(-_display_width(part) // max(1, width - 1)) or 1 for part in text.split("\n")))
        ws.row_dimensions[row_cells[0].row].height = LINE_POINTS * lines
    ws.freeze_panes = "A3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1  # every column on the page, as many pages down as it takes
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "2:2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def docx_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[int]) -> bytes:
    """A landscape A4 document with a centred title and one table with a repeated header row."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    chinese_font(doc)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(xml_text(title))
    run.bold = True
    run.font.size = Pt(16)
    table = add_table(doc, headers, rows, widths, usable_cm=29.7 - 3.6)
    marker = OxmlElement("w:tblHeader")  # repeat the header row on every page
    marker.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(marker)
    for paragraph in (p for r in table.rows for c in r.cells for p in c.paragraphs):
        for r in paragraph.runs:
            r.font.size = Pt(9)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def add_table(
    doc: Any, headers: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[int], usable_cm: float
) -> Any:
    """A grid table: a bold header row, the rows as text, columns sharing ``usable_cm`` in proportion to ``widths``."""
    from docx.shared import Cm

    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = "" if value is None else xml_text(str(value))
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        size = Cm(usable_cm * width / sum(widths))
        column.width = size  # the grid LibreOffice reads
        for cell in column.cells:
            cell.width = size  # the cells Word reads
    return table


def chinese_font(doc: object) -> None:
    """East Asian text in a CJK font (LibreOffice and Word otherwise fall back to boxes or SimSun)."""
    from docx.oxml.ns import qn

    normal = doc.styles["Normal"]  # type: ignore[attr-defined]
    normal.font.name = "Noto Sans CJK SC"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Sans CJK SC")


def tasks_xlsx(title: str, lines: Sequence[TaskLine]) -> bytes:
    return xlsx_table(title, TASK_HEADERS, [line.cells() for line in lines], TASK_WIDTHS)


def tasks_docx(title: str, lines: Sequence[TaskLine]) -> bytes:
    return docx_table(title, TASK_HEADERS[:-2], [line.cells()[:-2] for line in lines], TASK_WIDTHS[:-2])


def verdicts_xlsx(title: str, lines: Sequence[VerdictLine]) -> bytes:
    return xlsx_table(title, VERDICT_HEADERS, [line.cells() for line in lines], VERDICT_WIDTHS)


def verdicts_docx(title: str, lines: Sequence[VerdictLine]) -> bytes:
    return docx_table(title, VERDICT_HEADERS, [line.cells() for line in lines], VERDICT_WIDTHS)


#: Bounds of an imported 分解方案 (a city's has a few hundred rows): a sheet of millions of rows is refused
#: after reading this many, instead of blocking the server while it is read.
MAX_IMPORT_ROWS = 5000
MAX_IMPORT_COLUMNS = 20


def read_tasks_xlsx(data: bytes) -> list[ImportedTask]:
    """The rows of an edited 分解方案; any bad row makes the whole file an error (listed by row)."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError):
        raise TaskImportError("不是 Excel（XLSX）文件") from None
    rows = list(
        itertools.islice(wb.active.iter_rows(values_only=True, max_col=MAX_IMPORT_COLUMNS), MAX_IMPORT_ROWS + 1)
    )
    if len(rows) > MAX_IMPORT_ROWS:
        raise TaskImportError(f"表格超过 {MAX_IMPORT_ROWS} 行，不像分解方案；没有导入任何内容")
    header_at = next(
        (i for i, r in enumerate(rows[:5]) if r and tuple(r[: len(TASK_HEADERS) - 2]) == TASK_HEADERS[:-2]), None
    )
    if header_at is None:
        raise TaskImportError("找不到分解方案的表头行（序号、工作任务、牵头单位、责任单位、完成时限、来源）")
    tasks: list[ImportedTask] = []
    errors: list[str] = []
    for offset, raw in enumerate(rows[header_at + 1 :], start=header_at + 2):
        cells = ["" if c is None else unquote(str(c).strip()) for c in (raw or ())] + [""] * len(TASK_HEADERS)
        if not any(cells):
            continue
        _n, text, lead, co, deadline, source, state, version = cells[:8]
        problems = []
        match = SOURCE_RE.match(source)
        if match is None:
            problems.append("来源无法识别（应为“文件名 [起,止)”）")
        if not text:
            problems.append("工作任务为空")
        if not lead and state == CONFIRMED:
            problems.append("已确认的任务牵头单位不能为空")
        try:
            deadline = check_deadline(deadline)
        except DeadlineError as exc:
            problems.append(str(exc))
        if problems:
            errors.append(f"第{offset}行：" + "；".join(problems))
            continue
        assert match is not None
        tasks.append(
            ImportedTask(
                offset,
                match["doc"],
                int(match["start"]),
                int(match["end"]),
                text,
                lead,
                co,
                deadline,
                state == CONFIRMED,
                int(version) if version.isdigit() else None,
            )
        )
    if errors:
        raise TaskImportError(f"{len(errors)} 行有误，未导入任何内容：" + " ".join(errors))
    return tasks
