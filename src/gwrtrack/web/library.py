"""文库: the stored documents, upload, and correcting or deleting a document (with its history)."""

from __future__ import annotations

from collections import Counter
from functools import partial
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer, sessionmaker

from gwrtrack.document import Kind
from gwrtrack.errors import GwrError, StaleEditError
from gwrtrack.filenames import clean_file_name
from gwrtrack.link.indicators import IndicatorCatalogue
from gwrtrack.store.batch import refusal
from gwrtrack.store.documents import delete_document, document_history, set_meta
from gwrtrack.store.jobs import JobLine, Progress
from gwrtrack.store.library import store_document
from gwrtrack.store.models import DocumentRow
from gwrtrack.store.outcomes import make_current
from gwrtrack.store.queries import counts_by_document
from gwrtrack.web.auth import CanEditDocuments
from gwrtrack.web.deps import DB, document_or_404, render, settings_of
from gwrtrack.web.jobs import start, to_job

router = APIRouter(tags=["文库"], include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def library(request: Request, db: DB) -> HTMLResponse:
    return _library(request, db, None)


def _library(request: Request, db: Session, error: str | None, status_code: int = 200) -> HTMLResponse:
    # the texts stay in the store: the list shows their lengths, counted there (a corpus is 60 MB of text)
    query = select(DocumentRow).options(defer(DocumentRow.text)).order_by(DocumentRow.year.desc(), DocumentRow.name)
    docs = list(db.execute(query).scalars())
    lengths: dict[int, int] = {i: n for i, n in db.execute(select(DocumentRow.id, func.length(DocumentRow.text)))}
    counts = counts_by_document(db, include_not_figures=True)
    deleted = [h for h in document_history(db, limit=20) if h.action == "delete"]
    return render(
        request, "library.html", status_code=status_code, active="library", docs=docs, counts=counts, error=error,
        lengths=lengths, deleted=deleted,
    )  # fmt: skip


@router.post("/upload")
def upload(request: Request, file: Annotated[list[UploadFile], File()], actor: CanEditDocuments) -> Response:
    """Names and sizes are checked now; reading, extracting and storing run as a background job, whose page
    (``/jobs/{id}``) shows the progress and one line per file."""
    from gwrtrack.ingest.reader import supported_suffixes

    limit = settings_of(request).max_upload_bytes
    accepted: list[tuple[str, bytes]] = []
    refused: list[JobLine] = []
    for one in file:
        name = clean_file_name(one.filename or "", "upload.txt")  # never a path: only the base name, no controls
        if Path(name).suffix.lower() not in supported_suffixes():
            refused.append(JobLine("refused", name, f"不支持的文件类型（支持 {' '.join(supported_suffixes())}）"))
            continue
        data = one.file.read(limit + 1)
        if len(data) > limit:
            refused.append(JobLine("refused", name, f"文件超过 {limit // (1024 * 1024)} MB 上限"))
            continue
        accepted.append((name, data))
    if not accepted:
        return _library_error(request, "；".join(f"{line.name}：{line.text}" for line in refused))
    sessions = request.app.state.sessions
    work = partial(store_uploads, sessions, accepted, refused, catalogue=request.app.state.indicators)
    return to_job(start(request, "upload", actor.username, len(accepted) + len(refused), work))


def store_uploads(
    sessions: sessionmaker[Session], files: list[tuple[str, bytes]], refused: list[JobLine], progress: Progress,
    catalogue: IndicatorCatalogue | None = None,
) -> None:  # fmt: skip
    """The upload job: each file read, extracted and stored in its own transaction; one line per file; then
    the 落实情况表 and the project board of the regions stored made current (with ``catalogue``)."""
    import gwrtrack

    done = 0
    for line in refused:
        done += 1
        progress.line(line, done)
    for name, data in files:
        progress.stage(f"读取并提取 {name}", done)
        try:
            document = gwrtrack.read(data, name=name)
            with sessions.begin() as db:
                stored = store_document(db, document)
                url = f"/doc/{stored.document.id}"
            line = JobLine("stored" if stored.created else "skipped", name, f"{stored.figures} 项数据", url)
        except GwrError as exc:
            line = JobLine("refused", name, refusal(name, exc))
        done += 1
        progress.line(line, done)
    tally = Counter(line.status for line in progress.lines)
    if catalogue is not None and tally["stored"]:
        progress.stage("更新落实情况表和项目", done)
        with sessions.begin() as db:
            make_current(db, catalogue)
    urls = [line.url for line in progress.lines if line.url]
    summary = f"新入库 {tally['stored']} 份，已存在 {tally['skipped']} 份，未读取 {tally['refused']} 份"
    progress.finish(True, summary, urls[0] if len(urls) == 1 else "/")


def _library_error(request: Request, message: str) -> HTMLResponse:
    with request.app.state.sessions() as db:
        return _library(request, db, message, status_code=400)


@router.get("/doc/{doc_id}/edit", response_class=HTMLResponse)
def edit_page(request: Request, doc_id: int, db: DB, actor: CanEditDocuments) -> HTMLResponse:
    return _edit(request, db, document_or_404(db, doc_id))


def _edit(
    request: Request, db: Session, doc: DocumentRow, error: str | None = None, saved: int | None = None,
    status_code: int | None = None,
) -> HTMLResponse:  # fmt: skip
    history = document_history(db, doc.id)
    return render(
        request, "document_edit.html", status_code=status_code or (400 if error else 200), active="library", doc=doc,
        kinds=[k.value for k in Kind], history=history, error=error, saved=saved,
        version=history[0].id if history else 0,
    )  # fmt: skip


@router.post("/doc/{doc_id}/edit", response_class=HTMLResponse)
def edit(
    request: Request, doc_id: int, db: DB, actor: CanEditDocuments,
    region: Annotated[str, Form(max_length=200)] = "", year: Annotated[str, Form(max_length=10)] = "",
    kind: Annotated[str, Form(max_length=16)] = "report", title: Annotated[str, Form(max_length=400)] = "",
    version: Annotated[int | None, Form()] = None,
) -> HTMLResponse:  # fmt: skip
    doc = document_or_404(db, doc_id)
    values: dict[str, str | None] = {"region": region, "year": year, "kind": kind, "title": title}
    try:
        changes = set_meta(db, doc_id, values, actor.username, seen=version)
    except StaleEditError as exc:
        return _edit(request, db, doc, error=str(exc), status_code=409)
    except GwrError as exc:
        return _edit(request, db, doc, error=str(exc))
    return _edit(request, db, doc, saved=len(changes))


@router.post("/doc/{doc_id}/delete")
def delete(
    request: Request, doc_id: int, db: DB, actor: CanEditDocuments, confirm: Annotated[str, Form()] = ""
) -> Response:
    doc = document_or_404(db, doc_id)
    if confirm != "1":
        return _edit(request, db, doc, error="请勾选“确认删除”")
    delete_document(db, doc_id, actor.username)
    return RedirectResponse("/", status_code=303)


@router.get("/history/export")
def history_export(request: Request, db: DB, actor: CanEditDocuments, fmt: str = "csv") -> Response:
    """Every change of the store, for the 督查室 (CSV opens in Excel; JSON Lines for scripts)."""
    from gwrtrack.store.history import FORMATS, export_changes

    if fmt not in FORMATS:
        raise HTTPException(400, "格式须为 csv 或 jsonl")
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson"
    headers = {"Content-Disposition": f'attachment; filename="gwrtrack-history.{fmt}"'}
    return Response(export_changes(db, fmt), media_type=media, headers=headers)
