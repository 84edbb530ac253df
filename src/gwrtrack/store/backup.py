"""`gwr backup` and `gwr restore`: the whole store in one file, and back, on SQLite and PostgreSQL alike.

A backup is a zip of one JSON Lines file per table (documents, figures, corrections, decisions,
overrides, history, passages, progress reports and their evidence files in base64 …) and a manifest with the schema revision and the row counts. It is read
in one transaction while the app may be serving (an online backup: a consistent snapshot, never a bare
copy of a file being written). A restore goes into an empty store only, table by table in foreign-key
order, and checks every count against the manifest; a backup of SQLite restores into PostgreSQL and
the other way round.
"""

from __future__ import annotations

import base64
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Engine, LargeBinary, func, insert, select, text

from gwrtrack.errors import GwrError
from gwrtrack.store.models import Base, DocumentRow

FORMAT = "gwrtrack-backup"
VERSION = 1
MANIFEST = "manifest.json"
#: Rows written to the zip per batch (a store of 300,000 figures stays within memory).
BATCH = 5000


class BackupError(GwrError):
    """A backup that cannot be written or read, or a restore into a store that is not empty."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    revision: str
    rows: dict[str, int]


def _revision(conn: Any) -> str:
    try:
        return str(conn.execute(text("SELECT version_num FROM alembic_version")).scalar() or "")
    except Exception:  # a store without migrations has no revision to record
        return ""


def _plain(value: Any) -> Any:
    if isinstance(value, bytes | memoryview):  # evidence files: base64 in the JSON line
        return base64.b64encode(bytes(value)).decode("ascii")
    return value.isoformat() if isinstance(value, datetime) else value


def backup(engine: Engine, path: Path) -> BackupSummary:
    """Write every table of the store to ``path`` (a zip), read in one consistent transaction."""
    rows: dict[str, int] = {}
    buffer = io.BytesIO()
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin(), zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            revision = _revision(conn)
            for table in Base.metadata.sorted_tables:
                count = 0
                with zf.open(f"{table.name}.jsonl", "w") as out:
                    result = conn.execute(select(table).order_by(*table.primary_key.columns))
                    for chunk in result.mappings().partitions(BATCH):
                        lines = [json.dumps({k: _plain(v) for k, v in r.items()}, ensure_ascii=False) for r in chunk]
                        out.write(("\n".join(lines) + "\n").encode("utf-8"))
                        count += len(chunk)
                rows[table.name] = count
            manifest = {"format": FORMAT, "version": VERSION, "revision": revision, "rows": rows}
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
    try:
        path.write_bytes(buffer.getvalue())
    except OSError as exc:
        raise BackupError(f"无法写入备份文件 {path}：{exc.strerror}") from None
    return BackupSummary(path, revision, rows)


def restore(engine: Engine, path: Path) -> BackupSummary:
    """Load a backup into an empty store (migrated to the newest schema first); all or nothing."""
    try:
        with zipfile.ZipFile(path) as zf:
            return _restore(engine, path, zf, json.loads(zf.read(MANIFEST)))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise BackupError(f"{path} 不是 gwrtrack 的备份文件") from None
    except OSError as exc:
        raise BackupError(f"无法读取备份文件 {path}：{exc.strerror}") from None


def _restore(engine: Engine, path: Path, zf: zipfile.ZipFile, manifest: dict[str, Any]) -> BackupSummary:
    from gwrtrack.store.db import migrate

    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(
            f"{path} 不是本版本 gwrtrack 能读的备份（{manifest.get('format')} {manifest.get('version')}）"
        )
    migrate(engine)
    with engine.begin() as conn:
        if conn.execute(select(func.count()).select_from(DocumentRow.__table__)).scalar():
            raise BackupError("只能恢复到空的数据库：这个数据库里已经有文件")
        rows: dict[str, int] = {}
        for table in Base.metadata.sorted_tables:
            name = f"{table.name}.jsonl"
            if name not in zf.namelist():
                continue
            dates = [c.name for c in table.columns if isinstance(c.type, DateTime)]
            binaries = [c.name for c in table.columns if isinstance(c.type, LargeBinary)]
            batch: list[dict[str, Any]] = []
            count = 0
            with zf.open(name) as lines:
                for line in lines:
                    record = json.loads(line)
                    for column in dates:
                        if record.get(column):
                            record[column] = datetime.fromisoformat(record[column])
                    for column in binaries:
                        if record.get(column) is not None:
                            record[column] = base64.b64decode(record[column])
                    batch.append(record)
                    if len(batch) >= BATCH:
                        conn.execute(insert(table), batch)
                        count += len(batch)
                        batch = []
            if batch:
                conn.execute(insert(table), batch)
                count += len(batch)
            rows[table.name] = count
            expected = manifest["rows"].get(table.name)
            if expected != count:
                raise BackupError(f"备份不完整：{table.name} 应有 {expected} 行，读到 {count} 行；没有恢复任何内容")
        if engine.dialect.name == "postgresql":
            for table in Base.metadata.sorted_tables:  # the next id continues after the restored ones
                if "id" in table.columns:
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                        )
                    )
    return BackupSummary(path, str(manifest.get("revision", "")), rows)
