"""Databases for store tests: SQLite always; PostgreSQL where GWR_TEST_POSTGRES_URL names a server.

Each PostgreSQL test session creates its own database and drops it afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

POSTGRES_ENV = "GWR_TEST_POSTGRES_URL"


def _postgres_url() -> Iterator[str]:
    admin_url = os.environ.get(POSTGRES_ENV)
    if not admin_url:
        pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV} (e.g. postgresql://postgres@127.0.0.1:5432/postgres)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(admin_url).set(drivername="postgresql+psycopg")
    name = f"gwr_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # no server reachable: say so clearly
        admin.dispose()
        pytest.skip(f"PostgreSQL at {url.host}:{url.port} not reachable: {str(exc).splitlines()[0]}")
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        from gwrtrack.store import db

        db.dispose_all()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        from gwrtrack.store import db

        db.dispose_all()
    else:
        yield from _postgres_url()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database only, for tests that move data from SQLite into PostgreSQL."""
    yield from _postgres_url()


#: The address tests reach the app at: the Host header the app's allow-list accepts by default.
LOCAL = "http://127.0.0.1"
PASSWORD = "correct horse battery"


def sign_in(
    client: object, store_url: str, username: str = "测试员", role: str = "office", department: str = ""
) -> None:
    """Make an account in the store, sign ``client`` in, and send the session's CSRF token with every request."""
    import re

    from gwrtrack.store.db import open_store
    from gwrtrack.store.users import add_user

    with open_store(store_url).begin() as s:
        add_user(s, username, PASSWORD, role, department)
    signed = client.post("/login", data={"username": username, "password": PASSWORD}, follow_redirects=False)  # type: ignore[attr-defined]
    assert signed.status_code == 303, signed.text
    page = client.get("/").text  # type: ignore[attr-defined]
    token = re.search(r'<meta name="csrf-token" content="([0-9a-f]+)">', page)
    assert token is not None
    client.headers["X-CSRF-Token"] = token.group(1)  # type: ignore[attr-defined]


def signed_in_client(store_url: str, documents: list[Path], **settings: object) -> Iterator[object]:
    """A test client of the app on a store holding ``documents``, signed in as a 督查室 user (测试员)."""
    from fastapi.testclient import TestClient

    import gwrtrack
    from gwrtrack.store.db import open_store
    from gwrtrack.store.library import store_document
    from gwrtrack.web.app import WebSettings, create_app

    with open_store(store_url).begin() as s:
        for path in documents:
            store_document(s, gwrtrack.read(path))
    app = create_app(WebSettings(database_url=store_url, **settings))  # type: ignore[arg-type]
    with TestClient(app, base_url=LOCAL) as client:
        sign_in(client, store_url)
        yield client


def scalar(url: str, sql: str) -> Any:
    """One value read from the store at ``url`` through a connection of its own (another process's store)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql)).scalar()
    finally:
        engine.dispose()
