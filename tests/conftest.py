from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gwrtrack.document import Document, Meta
from gwrtrack.evaluate import seed_paths
from gwrtrack.extract.figures import Figure, Setting, extract_figures
from gwrtrack.textview import normalise

DATA = Path(__file__).parent / "data"
PROVINCES = sorted((DATA / "provinces-2026").glob("*.txt"))


@pytest.fixture(scope="session")
def seed_000() -> Path:
    return next(p for p in seed_paths() if p.name.startswith("000_"))


@pytest.fixture(scope="session")
def seed_002() -> Path:
    return next(p for p in seed_paths() if p.name.startswith("002_"))


def figures_of(text: str, *, year: int = 2024, region: str = "泸州市", plan: bool = False) -> list[Figure]:
    """Figures of a snippet, as if it stood in the review (default) or the plan part."""
    return extract_figures(normalise(text), Setting(year=year, region=region, in_plan=lambda _p: plan))


def only(text: str, **kw: object) -> Figure:
    figs = figures_of(text, **kw)  # type: ignore[arg-type]
    assert len(figs) == 1, [f.surface for f in figs]
    return figs[0]


def doc(text: str, **meta: object) -> Document:
    return Document(name="t.txt", text=text, meta=Meta(**meta))  # type: ignore[arg-type]


from store_fixtures import postgres_url, store_url  # noqa: E402,F401  (fixtures shared by the store tests)


def finished_job(client: Any, response: Any, timeout: float = 60) -> dict[str, Any]:
    """Follow an answer that handed work to a background job (303 to /jobs/ID) until the job has finished."""
    import time

    assert response.status_code == 303, response.text[:300]
    location = response.headers["location"]
    assert location.startswith("/jobs/"), location
    deadline = time.monotonic() + timeout
    while True:
        job: dict[str, Any] = client.get(f"/api/v1{location}").json()
        if job["state"] in ("done", "failed", "interrupted") or time.monotonic() > deadline:
            return job
        time.sleep(0.05)
