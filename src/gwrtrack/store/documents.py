"""Correcting a stored document's region, year, kind and title, and deleting a document.

Both are recorded in ``document_history`` with author and time. A correction re-extracts the
document (figures take their region and periods from it; tasks, verdicts and project years follow)
and replays the people's corrections; a deletion removes everything derived from the document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from gwrtrack.document import Kind
from gwrtrack.errors import GwrError, StaleEditError
from gwrtrack.labels import label
from gwrtrack.spreadsheet import xml_text
from gwrtrack.store import verdict_rows
from gwrtrack.store.library import reextract
from gwrtrack.store.models import DocumentHistoryRow, DocumentRow, PassageRow

META_FIELDS = ("region", "year", "kind", "title")
MAX_REGION = 64
MAX_TITLE = 255
YEARS = range(1949, 2101)


class DocumentError(GwrError):
    """A document that does not exist, or a metadata value that cannot be stored."""


@dataclass(frozen=True)
class MetaChange:
    field: str
    before: str
    after: str


def get_document(session: Session, doc_id: int) -> DocumentRow:
    row = session.get(DocumentRow, doc_id)
    if row is None:
        raise DocumentError(f"没有编号为 {doc_id} 的文件")
    return row


def clean_meta(field: str, value: str | None) -> str | int | None:
    """The stored value of ``field`` from a person's input; empty means unknown."""
    value = xml_text(value or "").strip()
    if field not in META_FIELDS:
        raise DocumentError(f"不能更正“{field}”；可更正：{'、'.join(label('field', f) for f in META_FIELDS)}")
    if field == "kind":
        if value not in {k.value for k in Kind}:
            kinds = "、".join(f"{label('kind', k.value)}（{k.value}）" for k in Kind)
            raise DocumentError(f"文种须为：{kinds}")
        return value
    if not value:
        return None
    if field == "year":
        if not value.isdigit() or int(value) not in YEARS:
            raise DocumentError(f"年份须为 {YEARS.start}—{YEARS.stop - 1} 之间的四位数，而不是“{value}”")
        return int(value)
    limit = MAX_REGION if field == "region" else MAX_TITLE
    if len(value) > limit:
        raise DocumentError(f"{label('field', field)}太长（最多 {limit} 字）")
    return value


def meta_version(session: Session, doc_id: int) -> int:
    """A document's version: the id of its newest history entry (0 before any)."""
    newest = document_history(session, doc_id, limit=1)
    return newest[0].id if newest else 0


def set_meta(
    session: Session, doc_id: int, values: Mapping[str, str | None], author: str, seen: int | None = None
) -> list[MetaChange]:
    """Apply the fields of ``values`` that differ; re-extract once if any did. Returns the changes.

    ``seen``: the version the person's form showed; an edit on an older one is refused (optimistic locking).
    """
    row = get_document(session, doc_id)
    if seen is not None:
        session.execute(select(DocumentRow.id).where(DocumentRow.id == doc_id).with_for_update())
    if seen is not None and meta_version(session, doc_id) != seen:
        last = document_history(session, doc_id, limit=1)[0]
        raise StaleEditError(
            f"{last.author} 已更正过这个文件的{label('field', last.field)}；你的修改没有保存，请看过后再改"
        )
    cleaned = {field: clean_meta(field, value) for field, value in values.items()}
    changes = []
    for field, value in cleaned.items():
        before = getattr(row, field)
        if before == value:
            continue
        changes.append(MetaChange(field, _text(before), _text(value)))
        setattr(row, field, value)
    if not changes:
        return []
    session.add_all(
        DocumentHistoryRow(
            document_id=row.id, document_name=row.name, action="meta", field=c.field, before=c.before,
            after=c.after, author=author,
        )
        for c in changes
    )  # fmt: skip
    session.flush()
    reextract(session, row)
    return changes


def delete_document(session: Session, doc_id: int, author: str) -> DocumentRow:
    """Delete the document with its figures, outline, corrections, decisions and search passages."""
    row = get_document(session, doc_id)
    summary = " · ".join(_text(v) for v in (row.title, row.region, row.year, row.kind) if v)
    session.add(
        DocumentHistoryRow(
            document_id=row.id, document_name=row.name, action="delete", before=summary, after=None, author=author
        )
    )
    session.execute(delete(PassageRow).where(PassageRow.document_id == row.id))
    verdict_rows.mark(session, verdict_rows.document_regions(session, row.id))  # outcomes gone with it
    session.execute(delete(DocumentRow).where(DocumentRow.id == row.id))  # the database cascades the rest
    session.expunge(row)
    return row


def document_history(session: Session, doc_id: int | None = None, limit: int = 200) -> list[DocumentHistoryRow]:
    """Newest first: the history of one document, or of all (deletions included)."""
    query = select(DocumentHistoryRow).order_by(DocumentHistoryRow.id.desc()).limit(limit)
    if doc_id is not None:
        query = query.where(DocumentHistoryRow.document_id == doc_id)
    return list(session.execute(query).scalars())


def _text(value: object) -> str:
    return "" if value is None else str(value)
