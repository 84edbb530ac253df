"""Pages of a long list: a page of rows and the links to the others, for pages that list across documents
(落实, 项目) and would otherwise send every row of a corpus-sized store at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar
from urllib.parse import urlencode

T = TypeVar("T")

#: Rows per page: a long page still, and small enough to open at once on a phone.
PAGE_SIZE = 200


@dataclass(frozen=True)
class Page(Generic[T]):
    rows: Sequence[T]
    number: int
    pages: int
    total: int
    #: the query string of the filters, without the page number
    query: str

    def link(self, number: int) -> str:
        return "?" + "&".join(part for part in (self.query, urlencode({"page": number})) if part)


def page_of(rows: Sequence[T], number: int, filters: dict[str, str], size: int = PAGE_SIZE) -> Page[T]:
    """Page ``number`` (from 1; out of range gives the nearest) of ``rows``."""
    pages = max(1, -(-len(rows) // size))
    number = min(max(1, number), pages)
    query = urlencode({k: v for k, v in filters.items() if v})
    return Page(rows[(number - 1) * size : number * size], number, pages, len(rows), query)


def page_from(
    fetch: Callable[[int, int], Sequence[T]], total: int, number: int, filters: dict[str, str], size: int = PAGE_SIZE
) -> Page[T]:
    """Page ``number`` of ``total`` rows that ``fetch(offset, limit)`` reads from the store, one page only."""
    pages = max(1, -(-total // size))
    number = min(max(1, number), pages)
    query = urlencode({k: v for k, v in filters.items() if v})
    return Page(fetch((number - 1) * size, size), number, pages, total, query)
