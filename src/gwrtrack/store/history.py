"""Every change in one list, oldest first: figure corrections, task decisions, verdict overrides, document
corrections and deletions, each with who, when, from which address, before, after and the reason."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwrtrack.spreadsheet import safe_cell
from gwrtrack.store.models import DocumentHistoryRow, DocumentRow, EditRow, TrackEditRow

COLUMNS = ("at", "author", "address", "kind", "document", "start", "end", "item", "field", "before", "after", "reason")
HEADINGS_ZH = ("时间", "人", "地址", "类别", "文件", "起", "止", "对象", "字段", "原值", "新值", "理由")
KIND_ZH = {"figure": "数据更正", "task": "分解方案", "verdict": "改判", "document": "文件"}
FORMATS = ("csv", "jsonl")


def changes(session: Session) -> Iterator[dict[str, Any]]:
    """Every change of the store, oldest first."""
    names = {doc_id: name for doc_id, name in session.execute(select(DocumentRow.id, DocumentRow.name))}
    rows: list[dict[str, Any]] = []
    for e in session.execute(select(EditRow)).scalars():
        rows.append({"at": e.created_at, "author": e.author, "address": e.address, "kind": "figure",
                     "document": names.get(e.document_id, ""), "start": e.start, "end": e.end, "item": e.surface,
                     "field": e.field or e.action, "before": e.before, "after": e.after, "reason": None})  # fmt: skip
    for t in session.execute(select(TrackEditRow)).scalars():
        rows.append({"at": t.created_at, "author": t.author, "address": t.address, "kind": t.subject,
                     "document": names.get(t.document_id, ""), "start": t.start, "end": t.end, "item": t.surface,
                     "field": t.field, "before": t.before, "after": t.after, "reason": t.note})  # fmt: skip
    for h in session.execute(select(DocumentHistoryRow)).scalars():
        rows.append({"at": h.created_at, "author": h.author, "address": h.address, "kind": "document",
                     "document": h.document_name, "start": None, "end": None, "item": h.document_name,
                     "field": h.field or h.action, "before": h.before, "after": h.after, "reason": None})  # fmt: skip
    rows.sort(key=lambda r: (str(r["at"] or ""), r["kind"]))
    for row in rows:
        row["at"] = row["at"].isoformat() if row["at"] else ""
        yield row


def export_changes(session: Session, fmt: str) -> bytes:
    rows = list(changes(session))
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(HEADINGS_ZH)
    for r in rows:
        writer.writerow([safe_cell(KIND_ZH.get(r[c], r[c]) if c == "kind" else r[c]) for c in COLUMNS])
    return buf.getvalue().encode("utf-8-sig")
