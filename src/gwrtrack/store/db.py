"""Opening the store: engine, schema migrations, sessions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from gwrtrack.errors import GwrError

if TYPE_CHECKING:
    from alembic.config import Config


class StoreError(GwrError):
    """The database cannot be opened or migrated."""


def engine_for(url: str) -> Engine:
    """An engine for ``url`` (``sqlite:///path`` or ``postgresql+psycopg://…``); SQLite folders are created."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"not a database URL: {url}") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")  # the driver gwrtrack installs
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise StoreError(f"unsupported database {backend!r}: use sqlite:///FILE or postgresql://…")
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=20)
    except (NoSuchModuleError, ArgumentError) as exc:
        raise StoreError(f"cannot use {parsed.drivername}: {exc}") from None


#: How long a SQLite writer waits for the one before it.
SQLITE_BUSY_MS = 30_000


def _sqlite_pragmas(dbapi_conn: object, _record: object) -> None:
    cursor = dbapi_conn.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # a writer waits for another to finish instead of failing at once with "database is locked"
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cursor.close()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (Alembic, programmatically)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    try:
        if engine.dialect.name == "sqlite":
            _migrate_sqlite(engine, cfg)
        else:
            with engine.begin() as connection:
                # one migrator at a time: a second first run waits here, then finds the schema made
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, "head")
    except OperationalError as exc:
        first_line = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else type(exc.orig).__name__
        raise StoreError(f"cannot open the database: {first_line}") from None


#: The advisory lock key that serialises migrations on PostgreSQL ("gwrtrack" in ASCII, truncated).
MIGRATION_LOCK = 0x677772747261


def _migrate_sqlite(engine: Engine, cfg: Config) -> None:
    """All of a migration in one SQLite transaction, DDL included (the sqlite3 module would otherwise commit
    each CREATE TABLE on its own, and a kill mid-way would leave a half-made schema no command can open).
    BEGIN IMMEDIATE makes concurrent first runs wait for each other (busy timeout) instead of colliding."""
    from alembic import command

    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        previous = raw.isolation_level  # type: ignore[union-attr]
        raw.isolation_level = None  # type: ignore[union-attr]  # we say BEGIN and COMMIT ourselves
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, "head")
            except BaseException:
                connection.exec_driver_sql("ROLLBACK")
                raise
            connection.exec_driver_sql("COMMIT")
            connection.commit()
        finally:
            raw.isolation_level = previous  # type: ignore[union-attr]


_ENGINES: list[Engine] = []


def open_store(url: str) -> sessionmaker[Session]:
    engine = engine_for(url)
    try:
        migrate(engine)
    except BaseException:
        engine.dispose()  # no connection left open behind a failed first run
        raise
    _ENGINES.append(engine)
    from gwrtrack.store.verdict_rows import watch

    sessions = sessionmaker(engine, expire_on_commit=False)
    watch(sessions)  # a changed figure marks its region's 落实情况表 rows to be judged again
    return sessions


def dispose_all() -> None:
    """Close every connection pool opened by :func:`open_store` (tests, shutdown)."""
    while _ENGINES:
        _ENGINES.pop().dispose()
