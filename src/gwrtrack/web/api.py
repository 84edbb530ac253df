"""JSON API under /api/v1 (documents, figures with the table's filters, search, corrections); OpenAPI at /api/docs."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, Field
from sqlalchemy import select

from gwrtrack.errors import StaleEditError
from gwrtrack.store import corrections
from gwrtrack.store.export import record
from gwrtrack.store.models import DocumentRow, FigureRow
from gwrtrack.store.queries import SORTABLE, FigureFilter, count, counts_by_document
from gwrtrack.store.queries import page as figure_page
from gwrtrack.store.search import search
from gwrtrack.web.auth import CanEditFigures
from gwrtrack.web.deps import DB

router = APIRouter(prefix="/api/v1", tags=["api"])


def _filter(  # typed: a bad year or id is a 422 with its reason, unlike the HTML form's lenient reading
    region: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    status: str | None = None,
    measure: str | None = None,
    metric: str | None = None,
    section: str | None = None,
    document_id: int | None = None,
) -> FigureFilter:
    return FigureFilter(region, year, kind, status, measure, metric, section, document_id)


class DocumentOut(BaseModel):
    id: int
    name: str
    region: str | None
    year: int | None
    kind: str
    title: str | None
    chars: int
    figures: int


class FigurePage(BaseModel):
    total: int
    page: int
    size: int
    figures: list[dict[str, Any]]


class HitOut(BaseModel):
    document_id: int
    document: str
    start: int
    end: int
    sentence: str


class CorrectionIn(BaseModel):
    field: str = Field(description="the attribute to correct, or 'not_figure'")
    value: str = Field(max_length=200)
    version: int | None = Field(default=None, description="the figure's version you saw (optimistic locking)")


@router.get("/documents")
def documents(db: DB) -> list[DocumentOut]:
    out = []
    counts = counts_by_document(db)
    for d in db.execute(select(DocumentRow).order_by(DocumentRow.id)).scalars():
        n = counts.get(d.id, 0)
        out.append(
            DocumentOut(
                id=d.id,
                name=d.name,
                region=d.region,
                year=d.year,
                kind=d.kind,
                title=d.title,
                chars=len(d.text),
                figures=n,
            )
        )
    return out


@router.get("/documents/{doc_id}")
def document(doc_id: int, db: DB) -> dict[str, Any]:
    d = db.get(DocumentRow, doc_id)
    if d is None:
        raise HTTPException(404, "没有这个文件")
    return {
        "id": d.id,
        "name": d.name,
        "region": d.region,
        "year": d.year,
        "kind": d.kind,
        "title": d.title,
        "text": d.text,
    }


@router.get("/figures")
def figures(
    db: DB, flt: Annotated[FigureFilter, Depends(_filter)], number: Annotated[int, Query(ge=1, alias="page")] = 1,
    size: int = 50, sort: str = "start", desc: bool = False,
) -> FigurePage:  # fmt: skip
    size = max(1, min(size, 500))
    if sort not in SORTABLE:
        raise HTTPException(400, f"sort must be one of {', '.join(SORTABLE)}")
    rows = figure_page(db, flt, number, size, sort, desc)
    return FigurePage(total=count(db, flt), page=number, size=size, figures=[record(f, d) for f, d in rows])


@router.get("/search")
def search_api(db: DB, q: str, limit: int = 50) -> list[HitOut]:
    hits = search(db, q[:100], limit=max(1, min(limit, 500)))
    return [
        HitOut(document_id=h.document_id, document=h.document_name, start=h.start, end=h.end, sentence=h.sentence)
        for h in hits
    ]


@router.post("/figures/{figure_id}/corrections")
def correct(figure_id: int, body: CorrectionIn, db: DB, actor: CanEditFigures) -> dict[str, Any]:
    try:
        if body.field == "not_figure":
            yes = body.value.lower() in ("1", "true", "yes")
            fig = corrections.mark_not_figure(db, figure_id, actor.username, yes, seen=body.version)
        else:
            fig = corrections.correct(db, figure_id, body.field, body.value, actor.username, seen=body.version)
    except StaleEditError as exc:
        raise HTTPException(409, str(exc)) from None
    except corrections.CorrectionError as exc:
        raise HTTPException(404 if isinstance(exc, corrections.NoSuchFigure) else 422, str(exc)) from None
    db.flush()
    doc = db.get(DocumentRow, fig.document_id)
    assert doc is not None
    return record(fig, doc) | {"not_figure": fig.not_figure}


@router.get("/figures/{figure_id}/history")
def history(figure_id: int, db: DB) -> list[dict[str, Any]]:
    fig = db.get(FigureRow, figure_id)
    if fig is None:
        raise HTTPException(404, "no such figure")
    return [
        {
            "id": e.id,  # the newest id is the figure's version (send it with a correction)
            "action": e.action,
            "field": e.field,
            "before": e.before,
            "after": e.after,
            "author": e.author,
            "address": e.address,
            "at": e.created_at.isoformat() if e.created_at else None,
        }
        for e in corrections.history(db, fig)
    ]
