"""``gwr doc``: list stored documents, correct a document's region, year, kind or title, delete one;
``gwr backup`` and ``gwr restore``: the whole store in one file and back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from gwrtrack.document import Kind

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def register(cli: click.Group, db_option: Decorator, sessions: Callable[[str | None], Any]) -> None:
    @cli.group()
    def doc() -> None:
        """Stored documents: list them, correct their metadata, delete one (each change is in the history)."""

    @doc.command(name="list")
    @db_option
    def list_(db_url: str | None) -> None:
        """One line per stored document: id, region, year, kind, title."""
        from sqlalchemy import select

        from gwrtrack.labels import document_title, label
        from gwrtrack.store.models import DocumentRow

        with sessions(db_url)() as session:
            for d in session.execute(select(DocumentRow).order_by(DocumentRow.id)).scalars():
                title = document_title(d.title, d.region, d.year, d.kind, d.name)
                click.echo(
                    f"{d.id}\t{d.region or '地区未知'}\t{d.year or '年份未知'}\t{label('kind', d.kind)}\t{title}"
                )

    @doc.command(name="set")
    @click.argument("doc_id", type=int)
    @db_option
    @click.option("--region", help="The region, e.g. 泸州市 ('' for unknown).")
    @click.option("--year", help="The plan year of a report, the statistical year of a bulletin ('' for unknown).")
    @click.option("--kind", type=click.Choice([k.value for k in Kind]))
    @click.option("--title")
    def set_(doc_id: int, db_url: str | None, **values: str | None) -> None:
        """Correct a stored document's metadata; its figures, tasks and verdicts follow (re-extracted)."""
        from gwrtrack.errors import GwrError
        from gwrtrack.labels import label
        from gwrtrack.settings import Settings
        from gwrtrack.store.documents import set_meta

        given = {k: v for k, v in values.items() if v is not None}
        if not given:
            raise GwrError("nothing to change: give --region, --year, --kind or --title")
        with sessions(db_url).begin() as session:
            changes = set_meta(session, doc_id, given, Settings().cli_author())
        for c in changes:
            click.echo(f"{label('field', c.field)}：{c.before or '（空）'} → {c.after or '（空）'}")
        click.echo(f"document {doc_id}: {len(changes)} change(s)")

    @doc.command(name="rm")
    @click.argument("doc_id", type=int)
    @db_option
    @click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
    def rm(doc_id: int, db_url: str | None, yes: bool) -> None:
        """Delete a stored document with its figures, outline, corrections and decisions."""
        from gwrtrack.settings import Settings
        from gwrtrack.store.documents import delete_document, get_document

        store = sessions(db_url)
        with store() as session:
            name = get_document(session, doc_id).name
        if not yes:
            click.confirm(f"delete document {doc_id} ({name}) and everything derived from it?", abort=True)
        with store.begin() as session:
            delete_document(session, doc_id, Settings().cli_author())
        click.echo(f"deleted document {doc_id} ({name})")

    @doc.command(name="history")
    @click.argument("doc_id", type=int, required=False)
    @db_option
    def history(doc_id: int | None, db_url: str | None) -> None:
        """Corrections and deletions of documents (of one, if given), newest first."""
        from gwrtrack.labels import label
        from gwrtrack.store.documents import document_history

        with sessions(db_url)() as session:
            for h in document_history(session, doc_id):
                when = h.created_at.strftime("%Y-%m-%d %H:%M") if h.created_at else ""
                what = label("field", h.field) if h.field else ""
                click.echo(f"{when}\t{h.author}\t{h.document_id} {h.document_name}\t{label('action', h.action)} {what}"
                           f"\t{h.before or ''} → {h.after or ''}")  # fmt: skip

    @cli.command()
    @click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
    @db_option
    def backup(path: Path, db_url: str | None) -> None:
        """Write the whole store (documents, figures, corrections, decisions, history) to PATH, online."""
        from gwrtrack.store.backup import backup as run

        summary = run(sessions(db_url).kw["bind"], path)
        click.echo(f"wrote {path}: {sum(summary.rows.values())} rows of {len(summary.rows)} tables")

    @cli.command()
    @click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @db_option
    def restore(path: Path, db_url: str | None) -> None:
        """Load a backup written by gwr backup into an empty store (SQLite or PostgreSQL)."""
        from gwrtrack.settings import Settings
        from gwrtrack.store.backup import restore as run
        from gwrtrack.store.db import engine_for

        engine = engine_for(Settings().url(db_url))
        try:
            summary = run(engine, path)
        finally:
            engine.dispose()
        click.echo(f"restored {sum(summary.rows.values())} rows of {len(summary.rows)} tables from {path}")

    @cli.command(name="history")
    @db_option
    @click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv", show_default=True)
    @click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write.")
    def all_history(db_url: str | None, fmt: str, output: Path | None) -> None:
        """Every change (corrections, decisions, overrides, document edits): who, when, from where, why."""
        import sys

        from gwrtrack.store.history import export_changes

        with sessions(db_url)() as session:
            data = export_changes(session, fmt)
        if output is None:
            sys.stdout.buffer.write(data)
        else:
            output.write_bytes(data)
