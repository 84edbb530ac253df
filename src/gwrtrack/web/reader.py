"""阅读: a document's text with every figure marked, a figure's detail, and corrections."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from gwrtrack.errors import StaleEditError
from gwrtrack.store import corrections
from gwrtrack.store.models import FigureRow, FootnoteRow, HeadingRow
from gwrtrack.web.auth import CanEditFigures
from gwrtrack.web.deps import DB, document_or_404, render
from gwrtrack.web.render import reader_html

router = APIRouter(tags=["阅读"], include_in_schema=False)


@router.get("/doc/{doc_id}", response_class=HTMLResponse)
def reader(request: Request, doc_id: int, db: DB, at: int | None = None, n: int = 0) -> HTMLResponse:
    doc = document_or_404(db, doc_id)

    def rows(model: type[FigureRow] | type[HeadingRow] | type[FootnoteRow]) -> list:  # type: ignore[type-arg]
        return list(db.execute(select(model).where(model.document_id == doc_id).order_by(model.start)).scalars())

    figures, headings, notes = rows(FigureRow), rows(HeadingRow), rows(FootnoteRow)
    hit = (at, at + max(1, min(n, 64))) if at is not None and 0 <= at < len(doc.text) else None
    body = reader_html(doc.text, figures, headings, notes, hit)
    return render(request, "reader.html", active="library", doc=doc, body=body, headings=headings, figures=figures)


@router.get("/figure/{figure_id}", response_class=HTMLResponse)
def figure_detail(request: Request, figure_id: int, db: DB) -> HTMLResponse:
    fig = db.get(FigureRow, figure_id)
    if fig is None:
        raise HTTPException(404, "没有这个数据")
    return _detail(request, db, fig)


def _detail(
    request: Request, db: Session, fig: FigureRow, error: str | None = None, stale: bool = False
) -> HTMLResponse:
    edits = corrections.history(db, fig)
    indicator = request.app.state.indicators.match(fig.metric)
    return render(
        request, "figure_detail.html", status_code=409 if stale else 200, fig=fig, edits=edits, error=error,
        editable=corrections.EDITABLE, indicator=indicator, version=edits[-1].id if edits else 0,
    )  # fmt: skip


@router.post("/figure/{figure_id}/correct", response_class=HTMLResponse)
def correct(
    request: Request, figure_id: int, db: DB, actor: CanEditFigures, field: Annotated[str, Form(max_length=32)],
    value: Annotated[str, Form(max_length=corrections.MAX_VALUE_CHARS)], version: Annotated[int | None, Form()] = None,
) -> HTMLResponse:  # fmt: skip
    try:
        fig = corrections.correct(db, figure_id, field, value, actor.username, seen=version)
    except StaleEditError as exc:
        return _stale(request, db, figure_id, str(exc))
    except corrections.CorrectionError as exc:
        current = db.get(FigureRow, figure_id)
        if current is None:
            raise HTTPException(404, "没有这个数据") from None
        return _detail(request, db, current, str(exc))
    db.flush()
    return _detail(request, db, fig)


@router.post("/figure/{figure_id}/not-figure", response_class=HTMLResponse)
def not_figure(
    request: Request, figure_id: int, db: DB, actor: CanEditFigures, undo: Annotated[str, Form()] = "",
    version: Annotated[int | None, Form()] = None,
) -> HTMLResponse:  # fmt: skip
    try:
        fig = corrections.mark_not_figure(db, figure_id, actor.username, not_figure=not undo, seen=version)
    except StaleEditError as exc:
        return _stale(request, db, figure_id, str(exc))
    except corrections.CorrectionError as exc:
        raise HTTPException(404, str(exc)) from None
    db.flush()
    return _detail(request, db, fig)


def _stale(request: Request, db: Session, figure_id: int, message: str) -> HTMLResponse:
    """409: the detail as it is now, with the other person's change named; nothing was saved."""
    current = db.get(FigureRow, figure_id)
    if current is None:
        raise HTTPException(404, "没有这个数据")
    return _detail(request, db, current, message, stale=True)


@router.post("/doc/{doc_id}/figures", response_class=HTMLResponse)
def add_figure(
    request: Request,
    doc_id: int,
    db: DB,
    actor: CanEditFigures,
    start: Annotated[int, Form()],
    end: Annotated[int, Form()],
) -> HTMLResponse:
    try:
        fig = corrections.add_figure(db, doc_id, start, end, actor.username)
    except corrections.CorrectionError as exc:
        raise HTTPException(400, str(exc)) from None
    return _detail(request, db, fig)
