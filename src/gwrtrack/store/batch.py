"""Ingesting many files: read and extract in a pool of processes, write from one writer.

Each file gets exactly one outcome, in the order given: stored, skipped (the same text is stored already)
or refused (with its one-line reason), and the batch goes on whatever one file does. Each document is
written in its own transaction with everything derived from it, so a kill at any moment leaves whole
documents only, and the same command run again stores the rest.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from gwrtrack.errors import GwrError, internal_error_line
from gwrtrack.filenames import clean_file_name
from gwrtrack.store.bulk import Prepared, prepare, write
from gwrtrack.store.models import DocumentRow
from gwrtrack.store.verdict_rows import refresh

if TYPE_CHECKING:
    from gwrtrack.link.indicators import IndicatorCatalogue

#: Files handed to a worker at a time (fewer round trips, still a smooth progress bar).
CHUNK = 4


@dataclass(frozen=True)
class Outcome:
    name: str
    status: str  # stored | skipped | refused
    reason: str = ""
    chars: int = 0


_KNOWN: frozenset[str] = frozenset()
_META: dict[str, Any] = {}


def _init(known: frozenset[str], meta: dict[str, Any]) -> None:
    global _KNOWN, _META
    _KNOWN, _META = known, meta


def prepare_file(path: Path) -> tuple[str, Prepared | None, str]:
    """Read and extract one file (in a worker): (shown name, rows or None, the reason it was refused)."""
    return prepare_source(path.name, path, _KNOWN, _META)


def prepare_source(
    name: str, source: Path | bytes, known: frozenset[str], meta: dict[str, Any]
) -> tuple[str, Prepared | None, str]:
    """``prepare_file`` for a path or for a file's bytes sent from elsewhere (a cluster worker)."""
    from gwrtrack.ingest.reader import read

    shown = clean_file_name(name)
    try:
        return shown, prepare(read(source, name=name, **meta), known), ""
    except Exception as exc:  # a bug must not stop the batch either: say so in one line and go on
        return shown, None, refusal(shown, exc)


def refusal(shown: str, exc: Exception) -> str:
    """The one-line reason a file was refused, without its name (the outcome line names it)."""
    if isinstance(exc, GwrError):
        return str(exc).removeprefix(shown).lstrip("：")
    return internal_error_line(exc)


def default_workers() -> int:
    """Extraction processes beside the writer: one core is left to the writer, which is busy too (on 2 cores,
    one extraction process and the writer store the prefecture corpus in 46 s, two and the writer in 55 s)."""
    return max(1, (os.cpu_count() or 2) - 1)


def known_hashes(session: Session) -> frozenset[str]:
    return frozenset(session.execute(select(DocumentRow.content_hash)).scalars())


def prepared_files(
    files: list[Path], workers: int, known: frozenset[str], meta: dict[str, Any], scheduler: str | None = None
) -> Iterable[Any]:
    """``prepare_file`` over ``files``, in order: in a pool of ``workers`` processes beside this one (which
    writes), in this process (``workers`` 0), or on the dask.distributed cluster at ``scheduler``."""
    if scheduler:
        from gwrtrack.store.cluster import prepared_on_cluster

        return prepared_on_cluster(files, scheduler, known, meta)
    if workers <= 0:
        _init(known, meta)
        return map(prepare_file, files)
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_init,
        initargs=(known, meta),
    )  # fmt: skip
    return _closing(pool, pool.map(prepare_file, files, chunksize=CHUNK))


def _closing(pool: ProcessPoolExecutor, results: Iterator[Any]) -> Iterator[Any]:
    try:
        yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def ingest_files(
    files: list[Path],
    sessions: sessionmaker[Session],
    workers: int = 0,
    meta: dict[str, Any] | None = None,
    scheduler: str | None = None,
    catalogue: IndicatorCatalogue | None = None,
) -> Iterator[Outcome]:
    """Store ``files``; one outcome per file, in order. With ``catalogue``, the 落实情况表 rows and project
    entities of the regions stored are made current as the batch goes (while the extraction processes go on)
    and at its end; without, the first page that lists them does it.

    The first refresh comes after :data:`CURRENT_FIRST` stored documents, each next one when the number
    stored has doubled: a region is judged a few times at most, however its documents are spread."""
    with sessions() as session:
        known = known_hashes(session)
    stored, due, judged = 0, CURRENT_FIRST, 0
    for outcome in _stored(files, sessions, workers, known, meta or {}, scheduler):
        yield outcome
        stored += outcome.status == "stored"
        if catalogue is not None and stored >= due:
            _make_current(sessions, catalogue)
            judged, due = stored, 2 * stored
    if catalogue is not None and stored > judged:
        _make_current(sessions, catalogue)


#: Documents stored before the first refresh of the 落实情况表 during an ingest.
CURRENT_FIRST = 100


def _make_current(sessions: sessionmaker[Session], catalogue: IndicatorCatalogue) -> None:
    with sessions.begin() as session:
        refresh(session, catalogue)


def _stored(
    files: list[Path], sessions: sessionmaker[Session], workers: int, known: frozenset[str], meta: dict[str, Any],
    scheduler: str | None,
) -> Iterator[Outcome]:  # fmt: skip
    for shown, prepared, reason in prepared_files(files, workers, known, meta, scheduler):
        if prepared is None:
            yield Outcome(shown, "refused", reason)
            continue
        try:
            with sessions.begin() as session:  # the document and all it derives, or nothing
                _row, created = write(session, prepared)
        except IntegrityError:  # another ingest stored the same text a moment ago
            created = False
        except (GwrError, SQLAlchemyError) as exc:
            yield Outcome(
                shown, "refused", str(exc).strip().splitlines()[0][:300] if str(exc).strip() else "数据库错误"
            )
            continue
        yield Outcome(shown, "stored" if created else "skipped", chars=prepared.chars)
