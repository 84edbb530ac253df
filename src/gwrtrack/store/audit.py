"""Where a change comes from: the address of the web request (or nothing, for the command line).

The web app sets it once per request (``acting_from``); every history row the store writes during that
request records it, without passing it through every function.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_ADDRESS: ContextVar[str | None] = ContextVar("gwrtrack_address", default=None)


def current_address() -> str | None:
    return _ADDRESS.get()


@contextmanager
def acting_from(address: str | None) -> Iterator[None]:
    token = _ADDRESS.set(address[:64] if address else None)
    try:
        yield
    finally:
        _ADDRESS.reset(token)
