"""The response cache under concurrent visitors: a slow page asked by many at once is made once, and the
library page (cached too) counts text lengths in the store without loading the texts."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import gwrtrack
from gwrtrack.store import outcomes
from gwrtrack.store.db import open_store
from gwrtrack.store.library import store_document
from gwrtrack.web.app import WebSettings, create_app
from store_fixtures import LOCAL


@pytest.fixture
def client(store_url: str, seed_000: Path) -> Iterator[TestClient]:
    with open_store(store_url).begin() as s:
        store_document(s, gwrtrack.read(seed_000))
    with TestClient(create_app(WebSettings(database_url=store_url)), base_url=LOCAL) as c:
        yield c


def test_a_slow_page_asked_at_once_by_many_is_made_once(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    made = []
    lock = threading.Lock()
    real = outcomes.verdicts

    def slow(*args: Any, **kwargs: Any) -> Any:
        with lock:
            made.append(1)
        time.sleep(0.5)
        return real(*args, **kwargs)

    monkeypatch.setattr(outcomes, "verdicts", slow)
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _n: client.get("/verdicts"), range(8)))
    assert [a.status_code for a in answers] == [200] * 8
    assert len(made) == 1
    assert sorted(a.headers["X-Cache"] for a in answers) == ["hit"] * 7 + ["miss"]
    assert len({a.text for a in answers}) == 1


def test_the_library_is_cached_and_counts_characters_in_the_store(client: TestClient, seed_000: Path) -> None:
    first, second = client.get("/"), client.get("/")
    assert (first.headers["X-Cache"], second.headers["X-Cache"]) == ("miss", "hit")
    length = len(gwrtrack.read(seed_000).text)
    assert f"<td>{length}</td>" in first.text
