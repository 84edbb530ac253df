"""Dependencies shared by the pages and the API: a session per request (one transaction), rendering."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from gwrtrack.store.models import DocumentRow
    from gwrtrack.web.app import WebSettings


#: One writer at a time per process on SQLite (it allows one writer): concurrent edits queue here instead
#: of racing for the file lock; reads are not held up.
_SQLITE_WRITER = threading.Lock()
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def session_dep(request: Request) -> Iterator[Session]:
    sessions: sessionmaker[Session] = request.app.state.sessions
    serial = request.method not in SAFE_METHODS and sessions.kw["bind"].dialect.name == "sqlite"
    if serial:
        _SQLITE_WRITER.acquire()
    try:
        with sessions.begin() as session:
            yield session
    finally:
        if serial:
            _SQLITE_WRITER.release()


#: scope="function": the transaction commits before the response is sent, so a write is answered
#: only once it is stored, and a failed commit is an error, never a 200.
DB = Annotated[Session, Depends(session_dep, scope="function")]


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page of the app: the template ``name`` in the site's layout."""
    templates = request.app.state.templates
    response: HTMLResponse = templates.TemplateResponse(request, name, context, status_code=status_code)
    return response


def settings_of(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


def document_or_404(db: Session, doc_id: int) -> DocumentRow:
    from gwrtrack.store.models import DocumentRow

    doc = db.get(DocumentRow, doc_id)
    if doc is None:
        raise HTTPException(404, "没有这个文件")
    return doc
