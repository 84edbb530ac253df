"""The figures table as a query: one set of filters for the web table, the API and exports; and IN lists
and inserts of many rows sent in pieces."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Select, Table, func, insert, select
from sqlalchemy.orm import Session

from gwrtrack.store.models import DocumentRow, FigureRow

#: Columns the table may be sorted by (anything else is refused, never interpolated).
SORTABLE = {
    "document": DocumentRow.name,
    "start": FigureRow.start,
    "value": FigureRow.base_value,
    "metric": FigureRow.metric,
    "status": FigureRow.status,
    "measure": FigureRow.measure,
    "period": FigureRow.period,
    "year": DocumentRow.year,
    "region": FigureRow.region,
}


@dataclass(frozen=True)
class FigureFilter:
    region: str | None = None
    year: int | None = None
    kind: str | None = None
    status: str | None = None
    measure: str | None = None
    metric: str | None = None  # substring
    section: str | None = None  # substring
    document_id: int | None = None
    include_not_figures: bool = False


def figure_select(flt: FigureFilter, sort: str = "start", descending: bool = False) -> Select[FigureRow, DocumentRow]:
    query = select(FigureRow, DocumentRow).join(DocumentRow, DocumentRow.id == FigureRow.document_id)
    if flt.region:
        query = query.where(FigureRow.region == flt.region)
    if flt.year is not None:
        query = query.where(DocumentRow.year == flt.year)
    if flt.kind:
        query = query.where(DocumentRow.kind == flt.kind)
    if flt.status:
        query = query.where(FigureRow.status == flt.status)
    if flt.measure:
        query = query.where(FigureRow.measure == flt.measure)
    if flt.metric:
        query = query.where(FigureRow.metric.contains(flt.metric, autoescape=True))
    if flt.section:
        query = query.where(FigureRow.section.contains(flt.section, autoescape=True))
    if flt.document_id is not None:
        query = query.where(FigureRow.document_id == flt.document_id)
    if not flt.include_not_figures:
        query = query.where(FigureRow.not_figure.is_(False))
    column = SORTABLE.get(sort, FigureRow.start)
    order = column.desc() if descending else column.asc()
    return query.order_by(order, FigureRow.document_id, FigureRow.start, FigureRow.id)


def count(session: Session, flt: FigureFilter) -> int:
    sub = figure_select(flt).order_by(None).subquery()
    return int(session.execute(select(func.count()).select_from(sub)).scalar_one())


def counts_by_document(session: Session, include_not_figures: bool = False) -> dict[int, int]:
    """Number of figures of every document, in one grouped query."""
    query = select(FigureRow.document_id, func.count()).group_by(FigureRow.document_id)
    if not include_not_figures:
        query = query.where(FigureRow.not_figure.is_(False))
    return {doc_id: int(n) for doc_id, n in session.execute(query).all()}


def page(
    session: Session, flt: FigureFilter, number: int = 1, size: int = 50, sort: str = "start", descending: bool = False
) -> list[tuple[FigureRow, DocumentRow]]:
    offset = max(0, number - 1) * size
    rows = session.execute(figure_select(flt, sort, descending).limit(size).offset(offset)).all()
    return [(f, d) for f, d in rows]


#: Values of an IN list sent at a time (SQLite's and PostgreSQL's limits are far above it).
IN_CHUNK = 500
#: Rows of one executemany.
INSERT_CHUNK = 5000


def in_chunks(values: Sequence[Any], size: int = IN_CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def insert_all(session: Session, model: type[Any], rows: Sequence[dict[str, Any]]) -> None:
    """``rows`` into ``model``'s table through Core, :data:`INSERT_CHUNK` at a time."""
    table = cast("Table", model.__table__)
    for chunk in in_chunks(rows, INSERT_CHUNK):
        session.execute(insert(table), chunk)
