"""Dependencies shared by the pages and the API: a session per request (one transaction), rendering."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Annotated, Any, TypeVar
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session, sessionmaker

from gwrtrack.errors import ForbiddenError, GwrError, StaleEditError

if TYPE_CHECKING:
    from gwrtrack.store.models import AttachmentRow, DocumentRow
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


T = TypeVar("T")


def answer(action: Callable[[], T]) -> T:
    """Run a store action for a route: a stale edit is 409, a forbidden one 403, any other refusal 422."""
    try:
        return action()
    except StaleEditError as exc:
        raise HTTPException(409, str(exc)) from None
    except ForbiddenError as exc:
        raise HTTPException(403, str(exc)) from None
    except GwrError as exc:
        raise HTTPException(422, str(exc)) from None


def download(data: bytes, media: str, name: str, headers: dict[str, str] | None = None) -> Response:
    """A file to save, never to display: its name in RFC 5987 form."""
    disposition = {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"}
    return Response(data, media_type=media, headers={**disposition, **(headers or {})})


def evidence(row: AttachmentRow, private: bool = True) -> Response:
    """An evidence file, inert: a download in a sandbox, whatever its type."""
    headers = {"Content-Security-Policy": "sandbox; default-src 'none'"}
    if private:
        headers["Cache-Control"] = "private, no-store"
    return download(row.data, row.content_type, row.name, headers)
