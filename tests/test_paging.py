"""Long lists across documents come in pages (落实, 项目): a page of rows and links that keep the filters."""

from __future__ import annotations

import pytest

from gwrtrack.web.paging import PAGE_SIZE, page_of


@pytest.mark.parametrize(
    ("total", "asked", "number", "pages", "first", "count"),
    [
        (0, 1, 1, 1, None, 0),  # an empty list is one empty page
        (450, 1, 1, 3, 0, PAGE_SIZE),
        (450, 3, 3, 3, 400, 50),  # the last page holds the rest
        (450, 9, 3, 3, 400, 50),  # past the end: the last page
        (450, -2, 1, 3, 0, PAGE_SIZE),  # before the start: the first
        (400, 2, 2, 2, 200, 200),
    ],
)
def test_page_of(total: int, asked: int, number: int, pages: int, first: int | None, count: int) -> None:
    page = page_of(list(range(total)), asked, {})
    assert (page.number, page.pages, page.total, len(page.rows)) == (number, pages, total, count)
    assert (page.rows[0] if page.rows else None) == first


def test_links_keep_the_filters_and_quote_them() -> None:
    page = page_of(list(range(450)), 2, {"region": "泸州市", "q": "a&b", "empty": ""})
    assert page.link(3) == "?region=%E6%B3%B8%E5%B7%9E%E5%B8%82&q=a%26b&page=3"
    assert page_of([1], 1, {}).link(1) == "?page=1"
