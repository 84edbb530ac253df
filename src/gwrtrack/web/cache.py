"""A small response cache for GET pages, invalidated by any write to the store.

The store's version is the newest id of documents, figures, edits, tracking decisions and document
history (every ingest, upload, re-extraction, correction, decision, metadata correction and deletion
inserts a row there), read with five index lookups per request.
Each process keeps its own bounded cache, so several workers stay consistent.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request
from starlette.responses import Response

from gwrtrack.store.models import DocumentHistoryRow, DocumentRow, EditRow, FigureRow, TrackEditRow

#: Pages kept per process.
MAX_ENTRIES = 512
#: Path prefixes whose GET responses are cached (pages and the read API).
CACHED_PREFIXES = (
    "/doc/", "/figures", "/metric", "/search", "/tasks", "/projects", "/verdicts", "/indicators", "/digest/",
    "/compare", "/cascade", "/trend",
    "/api/v1/figures", "/api/v1/search", "/api/v1/documents", "/api/v1/projects", "/api/v1/verdicts",
    "/api/v1/dataset",
)  # fmt: skip
#: Paths cached exactly (the library: "/" as a prefix would be every path).
CACHED_PATHS = frozenset({"/"})


def store_version(sessions: sessionmaker[Session]) -> tuple[int, ...]:
    with sessions() as s:
        row = s.execute(
            select(
                select(func.max(DocumentRow.id)).scalar_subquery(),
                select(func.max(FigureRow.id)).scalar_subquery(),
                select(func.max(EditRow.id)).scalar_subquery(),
                select(func.max(TrackEditRow.id)).scalar_subquery(),
                select(func.max(DocumentHistoryRow.id)).scalar_subquery(),
            )
        ).one()
    return tuple(v or 0 for v in row)


class ResponseCache:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self.entries: OrderedDict[tuple[str, str, tuple[int, ...]], tuple[int, bytes, str]] = OrderedDict()
        #: pages being made now: a request for the same page waits for it instead of making it again
        self.making: dict[tuple[str, str, tuple[int, ...]], asyncio.Event] = {}

    async def __call__(self, request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        path = request.url.path
        cached = path in CACHED_PATHS or path.startswith(CACHED_PREFIXES)
        if request.method != "GET" or not cached or path.endswith("/history"):
            return await call_next(request)
        version = store_version(self.sessions)
        # a page shows who is signed in and carries their CSRF token: one cache entry per session
        who = request.cookies.get("gwr_session", "") + "|" + request.headers.get("authorization", "")
        key = (
            str(request.url.path) + "?" + str(request.url.query),
            request.headers.get("HX-Request", "") + who,
            version,
        )
        if key in self.making:  # 20 visitors of a page that takes seconds to make: made once, not 20 times
            await self.making[key].wait()
        hit = self.entries.get(key)
        if hit is not None:
            self.entries.move_to_end(key)
            status, body, media = hit
            return Response(body, status_code=status, media_type=media, headers={"X-Cache": "hit"})
        done = self.making.setdefault(key, asyncio.Event())
        try:
            response = await call_next(request)
            if response.status_code != 200 or "attachment" in response.headers.get("content-disposition", ""):
                return response
            body = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
            media = response.headers.get("content-type", "text/html; charset=utf-8")
            self.entries[key] = (response.status_code, body, media)
            while len(self.entries) > MAX_ENTRIES:
                self.entries.popitem(last=False)
            return Response(body, status_code=response.status_code, media_type=media, headers={"X-Cache": "miss"})
        finally:
            if self.making.get(key) is done:
                del self.making[key]
            done.set()
