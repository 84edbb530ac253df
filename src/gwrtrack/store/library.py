"""Putting documents and their extraction into the store, once; re-extracting them later."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

import gwrtrack
from gwrtrack.document import Document, Kind, Meta
from gwrtrack.extract.figures import Figure
from gwrtrack.extraction import Extraction, extract
from gwrtrack.store.corrections import replay_edits
from gwrtrack.store.models import DocumentRow, EditRow, FigureRow, FootnoteRow, HeadingRow, ProjectMentionRow
from gwrtrack.store.queries import counts_by_document
from gwrtrack.store.search import index_document

SECTION_SEPARATOR = " › "
MAX_NAME = 255


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Stored:
    document: DocumentRow
    created: bool
    figures: int


def store_document(session: Session, document: Document) -> Stored:
    """Store ``document`` with its extraction; the same text twice changes nothing."""
    digest = content_hash(document.text)
    existing = session.execute(select(DocumentRow).where(DocumentRow.content_hash == digest)).scalar_one_or_none()
    if existing is not None:
        return Stored(existing, False, counts_by_document(session, include_not_figures=True).get(existing.id, 0))
    result = extract(document)
    row = DocumentRow(
        name=document.name[:MAX_NAME],  # the column's length on every database (a longer name is cut, not a 500)
        content_hash=digest,
        region=document.meta.region,
        year=document.meta.year,
        kind=document.meta.kind.value,
        title=document.meta.title,
        source_format=document.source_format,
        encoding=document.encoding,
        text=document.text,
        extractor_version=gwrtrack.__version__,
        flags=" ".join(result.flags),
    )
    session.add(row)
    session.flush()
    _write_extraction(session, row, result)
    index_document(session, row)
    return Stored(row, True, len(result.figures))


def reextract(session: Session, row: DocumentRow) -> int:
    """Extract a stored document again with this version; human corrections are replayed on top."""
    document = Document(
        name=row.name,
        text=row.text,
        meta=Meta(region=row.region, year=row.year, kind=Kind(row.kind), title=row.title),
        source_format=row.source_format,
        encoding=row.encoding,
    )
    result = extract(document)
    for table in (HeadingRow, FootnoteRow, ProjectMentionRow):
        session.execute(delete(table).where(table.document_id == row.id))
    _update_figures(session, row, result)
    _write_extraction(session, row, result, figures=False)
    row.extractor_version = gwrtrack.__version__
    row.flags = " ".join(result.flags)
    session.flush()
    replay_edits(session, row)
    from gwrtrack.store.ledger import reanchor_document

    reanchor_document(session, row)  # published tasks keep their ids; one no longer found is listed for review
    return len(result.figures)


#: Columns a re-extraction may change on a figure it finds again (its id stays).
FIGURE_COLUMNS = (
    "value", "unit", "base_value", "base_unit", "value_max", "base_value_max", "measure", "status", "qualifier",
    "metric", "period", "region", "section", "flags",
)  # fmt: skip


def _update_figures(session: Session, row: DocumentRow, result: Extraction) -> None:
    """Figures keep their ids across re-extraction: one found again at the same span and surface is
    updated in place (links to it keep working); a new one is added; one no longer found is removed,
    unless a person added it or corrected it (then it stays, flagged for review by the replay)."""
    old = {
        (f.start, f.end, f.surface): f
        for f in session.execute(select(FigureRow).where(FigureRow.document_id == row.id)).scalars()
    }
    for figure in result.figures:
        new = figure_row(row.id, figure)
        prior = old.pop((new.start, new.end, new.surface), None)
        if prior is None:
            session.add(new)
            continue
        for column in FIGURE_COLUMNS:
            setattr(prior, column, getattr(new, column))
        prior.origin, prior.not_figure, prior.needs_review = "extractor", False, False
    edited = {(e.start, e.end) for e in session.execute(select(EditRow).where(EditRow.document_id == row.id)).scalars()}
    for (start, end, _surface), gone in old.items():
        if gone.origin == "user" or (start, end) in edited:
            gone.not_figure = False
            gone.needs_review = gone.origin != "user"  # the extractor no longer reads it: a person should look
        else:
            session.delete(gone)


def _write_extraction(session: Session, row: DocumentRow, result: Extraction, figures: bool = True) -> None:
    if figures:
        session.add_all(figure_row(row.id, f) for f in result.figures)
    session.add_all(
        ProjectMentionRow(
            document_id=row.id,
            start=p.span.start,
            end=p.span.end,
            surface=p.surface,
            status=p.status.value,
            year=p.year,
            verb=p.verb,
            kind=p.kind,
            flags=" ".join(p.flags),
        )
        for p in result.projects
    )
    session.add_all(
        HeadingRow(
            document_id=row.id,
            level=h.level,
            start=h.span.start,
            end=h.span.end,
            surface=h.surface,
            part=h.part.value if h.part else None,
        )
        for h in result.outline
    )
    session.add_all(
        FootnoteRow(
            document_id=row.id,
            n=n.n,
            start=n.marker.start,
            end=n.marker.end,
            term_start=n.term.start if n.term else None,
            term_end=n.term.end if n.term else None,
            term=n.term_text,
            definition=n.definition,
        )
        for n in result.footnotes.items
    )


def figure_row(document_id: int, f: Figure) -> FigureRow:
    return FigureRow(
        document_id=document_id,
        start=f.span.start,
        end=f.span.end,
        surface=f.surface,
        value=f.value,
        unit=f.unit,
        base_value=f.base_value,
        base_unit=f.base_unit,
        value_max=f.value_max,
        base_value_max=f.base_value_max,
        measure=f.measure.value,
        status=f.status.value,
        qualifier=f.qualifier.value,
        metric=f.metric,
        period=f.period,
        region=f.region,
        section=SECTION_SEPARATOR.join(f.section),
        flags=" ".join(f.flags),
        origin="extractor",
    )
