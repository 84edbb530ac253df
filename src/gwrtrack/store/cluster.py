"""Extraction on a dask.distributed cluster: ``gwr ingest --scheduler tcp://HOST:8786``.

This process reads each file's bytes (regular files only, within the size limit) and sends them to the
cluster; a worker reads and extracts them into plain rows (``bulk.prepare``), and the rows come back here
to the one writer, in the order the files were given. Workers need gwrtrack installed (the same version),
not the files and not the store. At most a few files per worker thread are in flight at once, so memory
stays bounded however large the batch.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gwrtrack.errors import GwrError
from gwrtrack.filenames import clean_file_name
from gwrtrack.store.batch import prepare_source, refusal

#: Files in flight per worker thread: enough to keep every worker busy while results travel back.
IN_FLIGHT_PER_THREAD = 4
#: Seconds to wait for the scheduler before saying it cannot be reached.
CONNECT_TIMEOUT = 5


class ClusterError(GwrError):
    """The cluster cannot be used: dask.distributed is not installed, or the scheduler does not answer."""


def _shown(address: str) -> str:
    """The address as typed, without control characters (it is printed to a terminal)."""
    return "".join(c for c in address if c.isprintable())[:200]


def _client(address: str) -> Any:
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError("集群入库需要 dask.distributed：pip install 'gwrtrack[cluster]'") from None
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"连不上调度器 {_shown(address)}：{str(exc).splitlines()[0][:200]}") from None


def prepared_on_cluster(
    files: list[Path], address: str, known: frozenset[str], meta: dict[str, Any]
) -> Iterator[tuple[str, Any, str]]:
    """``(shown name, Prepared or None, reason)`` per file, in order, extracted by the cluster's workers."""
    client = _client(address)
    try:
        threads = sum(client.nthreads().values())
        if threads == 0:
            raise ClusterError(f"调度器 {_shown(address)} 没有工作进程")
        known_future = client.scatter([known], broadcast=True)[0]  # sent once, not with every file
        pending: deque[Any] = deque()
        for path in files:
            pending.append(_submit(client, path, known_future, meta))
            if len(pending) >= threads * IN_FLIGHT_PER_THREAD:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    finally:
        client.close()


def _submit(client: Any, path: Path, known: Any, meta: dict[str, Any]) -> Any:
    """A future of the file's prepared rows, or the refusal at once where its bytes cannot be read here."""
    from gwrtrack.ingest.reader import file_bytes

    shown = clean_file_name(path.name)
    try:
        data = file_bytes(path)
    except GwrError as exc:
        return shown, None, refusal(shown, exc)
    future = client.submit(prepare_source, path.name, data, known, meta, pure=False)
    return shown, future, ""


def _result(item: tuple[str, Any, str]) -> tuple[str, Any, str]:
    shown, future, _reason = item
    if future is None:
        return item
    try:
        return future.result()  # type: ignore[no-any-return]
    except Exception as exc:  # a worker lost, or a result that cannot travel: this file only
        return shown, None, refusal(shown, exc)
    finally:
        future.release()
