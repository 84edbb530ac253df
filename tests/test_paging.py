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


def test_the_project_board_shows_a_long_timeline_in_short(store_url: str) -> None:
    """A project named in 14 reports shows its latest 12 mentions on the board; searching for it shows all."""
    from fastapi.testclient import TestClient

    import gwrtrack
    from gwrtrack.store.db import open_store
    from gwrtrack.store.library import store_document
    from gwrtrack.web.app import WebSettings, create_app
    from store_fixtures import LOCAL

    with open_store(store_url).begin() as s:
        for year in range(2010, 2024):
            text = (
                f"泸州市{year}年政府工作报告\n各位代表：现在，我代表市人民政府向大会报告工作。\n"
                f"二、{year}年工作安排\n加快建设泸州至古蔺高速公路，力争建成通车。"
            )
            store_document(s, gwrtrack.read(text.encode(), name=f"{year}.txt"))
    with TestClient(create_app(WebSettings(database_url=store_url)), base_url=LOCAL) as client:
        board = client.get("/projects").text
        assert board.count("〔加快建设〕") == 12 and "较早的 2 处提法从略" in board and "看全部 14 处" in board
        found = client.get("/projects", params={"q": "泸州至古蔺高速公路"}).text
        assert found.count("〔加快建设〕") == 14 and "从略" not in found
