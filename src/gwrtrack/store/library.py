"""Putting documents and their extraction into the store, once; re-extracting them later."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

import gwrtrack
from gwrtrack.document import Document, Kind, Meta
from gwrtrack.extract.figures import Figure
from gwrtrack.extraction import Extraction, extract
from gwrtrack.store import verdict_rows
from gwrtrack.store.bulk import content_hash, derived_rows, existing, figure_values, prepare, write
from gwrtrack.store.corrections import replay_edits
from gwrtrack.store.models import DocumentRow, EditRow, FigureRow, FootnoteRow, HeadingRow, ProjectMentionRow
from gwrtrack.store.queries import counts_by_document


@dataclass(frozen=True)
class Stored:
    document: DocumentRow
    created: bool
    figures: int


def store_document(session: Session, document: Document) -> Stored:
    """Store ``document`` with its extraction; the same text twice changes nothing."""
    found = existing(session, content_hash(document.text))
    if found is not None:
        return Stored(found, False, counts_by_document(session, include_not_figures=True).get(found.id, 0))
    prepared = prepare(document)
    row, created = write(session, prepared)
    return Stored(row, created, len(prepared.figures))


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
    verdict_rows.mark(session, verdict_rows.document_regions(session, row.id))  # before: what it was about
    for table in (HeadingRow, FootnoteRow, ProjectMentionRow):
        session.execute(delete(table).where(table.document_id == row.id))
    _update_figures(session, row, result)
    _write_derived(session, row, result)
    row.extractor_version = gwrtrack.__version__
    row.flags = " ".join(result.flags)
    session.flush()
    verdict_rows.mark(session, verdict_rows.document_regions(session, row.id))  # after: what it is about now
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


def _write_derived(session: Session, row: DocumentRow, result: Extraction) -> None:
    """Project mentions, outline and footnotes of a re-extraction (figures are updated in place)."""
    projects, headings, footnotes = derived_rows(result)
    for model, rows in ((ProjectMentionRow, projects), (HeadingRow, headings), (FootnoteRow, footnotes)):
        if rows:
            session.execute(insert(model), [{**r, "document_id": row.id} for r in rows])


def figure_row(document_id: int, f: Figure) -> FigureRow:
    return FigureRow(document_id=document_id, **figure_values(f))
