"""督办 documents in the style offices file them: the 月报 (DOCX and XLSX) and the 催办单 (DOCX).

月报 sections: 一、总体情况 (counts by status), 二、完成情况 (per department), 三、滞后事项及原因 (each lagging or
unreported task with the problems its department gave), 四、下步打算 (the next steps reported). Built from
plain lines, so the web layer and the CLI hand over what the board says and nothing else.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from gwrtrack.report.office import add_table, chinese_font, xlsx_table
from gwrtrack.spreadsheet import xml_text


@dataclass(frozen=True)
class BoardLine:
    task_id: int
    text: str
    lead: str
    progress: str  # 已完成 … 未报送, in Chinese
    light: str  # 绿灯 …
    rule: str
    done: str = ""
    problems: str = ""
    next_steps: str = ""


LAGGING_WORDS = ("滞后", "未报送")


def _counts(lines: Sequence[BoardLine]) -> dict[str, int]:
    out: dict[str, int] = {}
    for line in lines:
        out[line.progress] = out.get(line.progress, 0) + 1
    return out


def overview(lines: Sequence[BoardLine]) -> str:
    counts = _counts(lines)
    parts = "，".join(f"{k}{v}项" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))
    return f"纳入督办的任务共{len(lines)}项，其中{parts}。" if lines else "本期没有纳入督办的任务。"


def by_department(lines: Sequence[BoardLine]) -> list[tuple[str, int, dict[str, int]]]:
    depts: dict[str, list[BoardLine]] = {}
    for line in lines:
        depts.setdefault(line.lead or "（未定牵头单位）", []).append(line)
    return [(d, len(group), _counts(group)) for d, group in sorted(depts.items())]


def _doc() -> object:
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    chinese_font(doc)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(doc.sections[0], side, Cm(2.5))
    return doc


def _title(doc: object, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = doc.add_paragraph()  # type: ignore[attr-defined]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(xml_text(text))
    run.bold = True
    run.font.size = Pt(18)


def _heading(doc: object, text: str) -> None:
    run = doc.add_paragraph().add_run(text)  # type: ignore[attr-defined]
    run.bold = True


#: Width of an A4 portrait page between margins of 2.5 cm.
USABLE_CM = 16.0


def _save(doc: object) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def monthly_docx(title: str, period_zh: str, lines: Sequence[BoardLine]) -> bytes:
    doc = _doc()
    _title(doc, title)
    doc.add_paragraph(f"（{period_zh}）")  # type: ignore[attr-defined]
    _heading(doc, "一、总体情况")
    doc.add_paragraph(overview(lines))  # type: ignore[attr-defined]
    _heading(doc, "二、完成情况")
    statuses = sorted({line.progress for line in lines})
    rows = [[d, n, *[c.get(s, 0) for s in statuses]] for d, n, c in by_department(lines)]
    add_table(doc, ["牵头单位", "任务数", *statuses], rows, [5, 2, *[2] * len(statuses)], USABLE_CM)
    _heading(doc, "三、滞后事项及原因")
    lagging = [line for line in lines if line.progress in LAGGING_WORDS]
    for i, line in enumerate(lagging, 1):
        why = line.problems or "未说明原因"
        doc.add_paragraph(xml_text(f"{i}. {line.lead}：{line.text[:120]}（{line.progress}，{line.rule}）原因：{why}"))  # type: ignore[attr-defined]
    if not lagging:
        doc.add_paragraph("本期没有滞后或未报送的任务。")  # type: ignore[attr-defined]
    _heading(doc, "四、下步打算")
    steps = [line for line in lines if line.next_steps]
    for i, line in enumerate(steps, 1):
        doc.add_paragraph(xml_text(f"{i}. {line.lead}：{line.next_steps}"))  # type: ignore[attr-defined]
    if not steps:
        doc.add_paragraph("各单位本期未报下步打算。")  # type: ignore[attr-defined]
    return _save(doc)


def monthly_xlsx(title: str, period_zh: str, lines: Sequence[BoardLine]) -> bytes:
    """One sheet, the tasks with their status, what was done, problems and next steps (one row each)."""
    rows = [[x.task_id, x.lead, x.text, x.light, x.progress, x.rule, x.done, x.problems, x.next_steps] for x in lines]
    headers = ["编号", "牵头单位", "工作任务", "亮灯", "状态", "依据", "完成情况", "存在问题", "下步打算"]
    return xlsx_table(f"{title}（{period_zh}）", headers, rows, [6, 14, 40, 8, 10, 24, 30, 24, 24])


def reminder_docx(title: str, date_zh: str, lines: Sequence[BoardLine]) -> bytes:
    """催办单: one notice listing each task to hurry, its department, what is wrong and what to do."""
    doc = _doc()
    _title(doc, title)
    doc.add_paragraph(f"日期：{date_zh}")  # type: ignore[attr-defined]
    doc.add_paragraph(  # type: ignore[attr-defined]
        "下列任务进度滞后或未按时报送进展，请牵头单位收到后三个工作日内报送完成情况、存在问题和下步打算，并附佐证材料。"
    )
    rows = [[i, x.lead, x.text[:200], f"{x.light} {x.progress}", x.rule] for i, x in enumerate(lines, 1)]
    add_table(doc, ["序号", "牵头单位", "工作任务", "状态", "催办事由"], rows, [2, 5, 12, 4, 7], USABLE_CM)
    doc.add_paragraph("督查室（盖章）")  # type: ignore[attr-defined]
    return _save(doc)
