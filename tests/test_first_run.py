"""The first migration is atomic and safe when two commands make a new store at once: kill -9 at any moment
of a first run leaves a store the next command opens; concurrent first runs all succeed."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store_fixtures import scalar

OPEN = "import sys; from gwrtrack.store.db import open_store; open_store(sys.argv[1])"


def _newest() -> str:
    """The newest revision the migrations define."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    import gwrtrack.store.db

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(gwrtrack.store.db.__file__).parent / "migrations"))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def _head(url: str) -> str:
    return str(scalar(url, "SELECT version_num FROM alembic_version"))


def test_kill_9_during_a_first_run_never_leaves_a_broken_store(tmp_path: Path) -> None:
    rng = random.Random(7)
    for attempt in range(12):
        url = f"sqlite:///{tmp_path / f'store{attempt}.sqlite'}"
        process = subprocess.Popen([sys.executable, "-c", OPEN, url])
        time.sleep(rng.uniform(0.05, 1.2))  # somewhere in start-up, import or the migration itself
        process.kill()
        process.wait()
        done = subprocess.run([sys.executable, "-c", OPEN, url], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert _head(url) == _newest()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_concurrent_first_runs_all_succeed(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}" if backend == "sqlite" else request.getfixturevalue("postgres_url")
    processes = [
        subprocess.Popen([sys.executable, "-c", OPEN, url], stderr=subprocess.PIPE, text=True) for _ in range(4)
    ]
    outputs = [p.communicate(timeout=120)[1] for p in processes]
    results = [(p.returncode, err) for p, err in zip(processes, outputs, strict=True)]
    assert all(code == 0 for code, _err in results), results
    assert _head(url) == _newest()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_first_run_that_dies_half_way_leaves_nothing_half_made(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The migration fails after its third table (as a kill would stop it): nothing of it stays, and the
    next run makes the whole schema (before, SQLite kept the first tables and no command could open it)."""
    from alembic.ddl.impl import DefaultImpl

    from gwrtrack.store import db

    url = f"sqlite:///{tmp_path / 'store.sqlite'}" if backend == "sqlite" else request.getfixturevalue("postgres_url")
    made: list[str] = []
    original = DefaultImpl.create_table

    def dying(self: DefaultImpl, table: object, **kw: object) -> None:
        if len(made) == 3:
            raise KeyboardInterrupt  # as a kill between two statements
        original(self, table, **kw)  # type: ignore[arg-type]
        made.append(str(table))

    monkeypatch.setattr(DefaultImpl, "create_table", dying)
    with pytest.raises(KeyboardInterrupt):
        db.open_store(url)
    monkeypatch.setattr(DefaultImpl, "create_table", original)
    db.dispose_all()
    db.open_store(url)
    assert _head(url) == _newest()
