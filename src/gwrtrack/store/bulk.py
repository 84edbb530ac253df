"""Storing a document in two steps, so that the work can be split between processes.

``prepare`` reads nothing from the store: it extracts a document and turns it and everything derived from it
(figures, project mentions, outline, footnotes, search passages) into plain rows. It runs anywhere: in a
pool of worker processes, or on a cluster. ``write`` puts one prepared document into the store in the
caller's transaction with bulk inserts, so a document is stored whole or not at all (a kill between two
documents leaves no partial one).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

import gwrtrack
from gwrtrack.document import Document
from gwrtrack.extract.figures import Figure
from gwrtrack.extraction import Extraction, extract
from gwrtrack.store.models import DocumentRow, FigureRow, FootnoteRow, HeadingRow, PassageRow, ProjectMentionRow
from gwrtrack.store.search import bigrams, passages
from gwrtrack.store.verdict_rows import mark

SECTION_SEPARATOR = " › "
MAX_NAME = 255
Row = dict[str, Any]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Prepared:
    """A document and its extraction as plain, picklable rows (no ``document_id`` yet)."""

    digest: str
    document: Row
    figures: list[Row] = field(default_factory=list)
    projects: list[Row] = field(default_factory=list)
    headings: list[Row] = field(default_factory=list)
    footnotes: list[Row] = field(default_factory=list)
    passages: list[Row] = field(default_factory=list)
    #: the text was already stored when this was prepared: nothing was extracted
    known: bool = False

    @property
    def chars(self) -> int:
        return len(self.document.get("text", ""))


def figure_values(f: Figure) -> Row:
    return {
        "start": f.span.start, "end": f.span.end, "surface": f.surface, "value": f.value, "unit": f.unit,
        "base_value": f.base_value, "base_unit": f.base_unit, "value_max": f.value_max,
        "base_value_max": f.base_value_max, "measure": f.measure.value, "status": f.status.value,
        "qualifier": f.qualifier.value, "metric": f.metric, "period": f.period, "region": f.region,
        "section": SECTION_SEPARATOR.join(f.section), "flags": " ".join(f.flags), "origin": "extractor",
        "not_figure": False, "needs_review": False,
    }  # fmt: skip


def derived_rows(result: Extraction) -> tuple[list[Row], list[Row], list[Row]]:
    """Project mentions, headings and footnotes of an extraction, as rows."""
    projects = [
        {"start": p.span.start, "end": p.span.end, "surface": p.surface, "status": p.status.value, "year": p.year,
         "verb": p.verb, "kind": p.kind, "flags": " ".join(p.flags)}
        for p in result.projects
    ]  # fmt: skip
    headings = [
        {"level": h.level, "start": h.span.start, "end": h.span.end, "surface": h.surface,
         "part": h.part.value if h.part else None}
        for h in result.outline
    ]  # fmt: skip
    footnotes = [
        {"n": n.n, "start": n.marker.start, "end": n.marker.end, "term_start": n.term.start if n.term else None,
         "term_end": n.term.end if n.term else None, "term": n.term_text, "definition": n.definition}
        for n in result.footnotes.items
    ]  # fmt: skip
    return projects, headings, footnotes


def passage_rows(text: str) -> list[Row]:
    return [
        {"start": s, "end": e, "text": text[s:e], "tokens": " ".join(bigrams(text[s:e]))} for s, e in passages(text)
    ]


def prepare(document: Document, known: frozenset[str] = frozenset()) -> Prepared:
    """Extract ``document`` into rows; a text whose hash is in ``known`` is not extracted again."""
    digest = content_hash(document.text)
    row: Row = {
        "name": document.name[:MAX_NAME],  # the column's length on every database (a longer name is cut)
        "content_hash": digest, "region": document.meta.region, "year": document.meta.year,
        "kind": document.meta.kind.value, "title": document.meta.title, "source_format": document.source_format,
        "encoding": document.encoding, "text": document.text, "extractor_version": gwrtrack.__version__,
    }  # fmt: skip
    if digest in known:
        return Prepared(digest, row, known=True)
    result = extract(document)
    row["flags"] = " ".join(result.flags)
    projects, headings, footnotes = derived_rows(result)
    return Prepared(
        digest, row, [figure_values(f) for f in result.figures], projects, headings, footnotes,
        passage_rows(document.text),
    )  # fmt: skip


def existing(session: Session, digest: str) -> DocumentRow | None:
    return session.execute(select(DocumentRow).where(DocumentRow.content_hash == digest)).scalar_one_or_none()


def write(session: Session, prepared: Prepared) -> tuple[DocumentRow, bool]:
    """Insert one prepared document and its rows; (the row, True) — or (the stored row, False) if the same
    text is already there. Call it inside the transaction that should hold the whole document."""
    found = existing(session, prepared.digest)
    if found is not None:
        return found, False
    if prepared.known:  # prepared against a store that had it, and it is gone since: extract it now
        from gwrtrack.document import Kind, Meta

        d = prepared.document
        meta = Meta(region=d["region"], year=d["year"], kind=Kind(d["kind"]), title=d["title"])
        document = Document(
            name=d["name"], text=d["text"], meta=meta, source_format=d["source_format"], encoding=d["encoding"]
        )
        prepared = prepare(document)
    doc = DocumentRow(**prepared.document)
    session.add(doc)
    session.flush()
    for model, rows in (
        (FigureRow, prepared.figures), (ProjectMentionRow, prepared.projects), (HeadingRow, prepared.headings),
        (FootnoteRow, prepared.footnotes), (PassageRow, prepared.passages),
    ):  # fmt: skip
        if rows:
            table = cast("Table", model.__table__)
            session.execute(insert(table), [{**r, "document_id": doc.id} for r in rows])  # Core: one executemany
    mark(session, {doc.region} | {f["region"] for f in prepared.figures})  # its regions' verdicts, judged again
    return doc, True
