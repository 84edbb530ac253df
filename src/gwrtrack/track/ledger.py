"""The rules of the 督办 ledger, as plain code: statuses, and re-anchoring a task in a re-read text.

A task of the ledger is never deleted: it is open, or it was cancelled (with a reason), split into
several, or merged into one, and each of these is an event of its history.
"""

from __future__ import annotations

from enum import StrEnum

from gwrtrack.structure.footnotes import FOOTNOTE_MARKER_RE


class TaskStatus(StrEnum):
    OPEN = "open"
    CANCELLED = "cancelled"
    SPLIT = "split"
    MERGED = "merged"


#: What a task in a status may still undergo.
CLOSED = frozenset({TaskStatus.CANCELLED, TaskStatus.SPLIT, TaskStatus.MERGED})
STATUS_ZH = {
    TaskStatus.OPEN: "进行中",
    TaskStatus.CANCELLED: "已撤销",
    TaskStatus.SPLIT: "已拆分",
    TaskStatus.MERGED: "已合并",
}
MIN_REASON = 2


def reanchor(text: str, start: int | None, end: int | None, words: str) -> tuple[int, int] | None:
    """Where a task's words stand in a document's text now: the same span if it still reads them (footnote
    markers aside), else the one place the words are found, else None (the task is listed for review)."""
    if start is not None and end is not None and FOOTNOTE_MARKER_RE.sub("", text[start:end]) == words:
        return start, end
    first = text.find(words)
    if first >= 0 and text.find(words, first + 1) < 0:
        return first, first + len(words)
    return None


#: The quarters a milestone is due in, as people write them.
QUARTERS = {
    "Q1": 1,
    "Q2": 2,
    "Q3": 3,
    "Q4": 4,
    "一季度": 1,
    "二季度": 2,
    "三季度": 3,
    "四季度": 4,
    "1": 1,
    "2": 2,
    "3": 3,
    "4": 4,
}


def milestones(items: list[tuple[str, str]]) -> list[dict[str, object]]:
    """季度节点: (quarter, goal) pairs checked and ordered; a quarter given twice or unknown is an error."""
    out: dict[int, str] = {}
    for quarter, goal in items:
        number = QUARTERS.get(quarter.strip().upper() if quarter.strip().startswith("q") else quarter.strip())
        if number is None:
            raise ValueError(f"季度须为 一季度—四季度（或 Q1—Q4），而不是“{quarter}”")
        if number in out:
            raise ValueError(f"第{number}季度写了两次")
        if not goal.strip():
            raise ValueError(f"第{number}季度的节点目标为空")
        out[number] = goal.strip()[:500]
    return [{"quarter": q, "goal": out[q]} for q in sorted(out)]
