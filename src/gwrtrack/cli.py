"""``gwr``: a thin command line over the library. Errors are one line and exit code 2."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import click

from gwrtrack.document import Kind
from gwrtrack.errors import GwrError

FORMATS = ("jsonl", "json", "table")


class _Group(click.Group):
    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("standalone_mode", True)
        try:
            return super().main(*args, **{**kwargs, "standalone_mode": False})
        except GwrError as exc:
            click.echo(f"gwr: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("gwr: aborted", err=True)
            sys.exit(130)
        except click.ClickException as exc:
            exc.show()
            sys.exit(2 if exc.exit_code else 0)
        except KeyboardInterrupt:
            sys.exit(130)
        except (OSError, MemoryError) as exc:
            click.echo(f"gwr: error: {exc}", err=True)
            sys.exit(2)


EXAMPLES = """\b
Examples:
  gwr extract report.docx --format table        every figure of one report
  gwr outline report.txt                        parts, sections, leads, footnotes
  export GWR_DATABASE_URL=sqlite:///gwr.sqlite  one database for the commands below
  gwr ingest reports/                           read, extract and store a folder
  gwr search 农田                               full text of the stored documents
  gwr doc list                                  stored documents; gwr doc set 3 --year 2025 corrects one
  gwr tasks report.txt --format xlsx -o 分解方案.xlsx
  gwr serve --demo                              the web app at http://127.0.0.1:8000
"""


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXAMPLES)
@click.version_option(package_name="gwrtrack")
def cli() -> None:
    """gwrtrack: read 政府工作报告, extract every figure, and track targets to their outcomes.

    The database is a SQLite file in your data folder unless --db or GWR_DATABASE_URL names
    another (sqlite:///FILE or postgresql://…). GWR_AUTHOR names you in the history of edits.
    """


def _meta_options(func: Any) -> Any:
    func = click.option("--title", help="Override the inferred title.")(func)
    func = click.option("--kind", type=click.Choice([k.value for k in Kind]), help="Override the document kind.")(func)
    func = click.option("--year", type=int, help="Override the inferred report year (e.g. 2024).")(func)
    func = click.option("--region", help="Override the inferred region (e.g. 泸州市).")(func)
    return func


def _files(paths: tuple[Path, ...]) -> list[Path]:
    """Files named and the supported files inside named folders; none at all is an error."""
    from gwrtrack.ingest.reader import iter_paths

    files = iter_paths(list(paths))
    if not files:
        raise GwrError("no supported files found in " + ", ".join(str(p) for p in paths))
    return files


def _read_all(paths: tuple[Path, ...], **meta: Any) -> list[Any]:
    from gwrtrack.ingest.reader import read

    return [read(f, **meta) for f in _files(paths)]


def _read_each(paths: tuple[Path, ...], **meta: Any) -> tuple[list[Any], int]:
    """The documents that read, and how many did not (each said in one line on stderr)."""
    from gwrtrack.ingest.reader import read

    documents, failed = [], 0
    for path in _files(paths):
        try:
            documents.append(read(path, **meta))
        except GwrError as exc:
            click.echo(f"gwr: skipped: {exc}", err=True)
            failed += 1
    return documents, failed


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@_meta_options
def extract(paths: tuple[Path, ...], fmt: str, **meta: Any) -> None:
    """Extract every figure of FILE(s) or folder(s)."""
    from gwrtrack.extraction import extract as run

    documents, failed = _read_each(paths, **meta)
    results = [run(doc) for doc in documents]
    if fmt == "jsonl":
        for result in results:
            for row in result.figure_records():
                click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "json":
        from gwrtrack.report.jsonout import extraction_json

        payload = [extraction_json(r) for r in results]
        click.echo(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2))
    else:
        from gwrtrack.report.terminal import print_figures

        for result in results:
            print_figures(result)
    if failed:
        sys.exit(2)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_meta_options
def outline(paths: tuple[Path, ...], **meta: Any) -> None:
    """Print the outline (parts, sections, lead sentences) and footnotes of FILE(s)."""
    from gwrtrack.extraction import extract as run
    from gwrtrack.report.terminal import print_outline

    documents, failed = _read_each(paths, **meta)
    for doc in documents:
        print_outline(run(doc))
    if failed:
        sys.exit(2)


@cli.command(name="eval")
@click.option(
    "--show-errors", type=int, default=0, metavar="N", help="List up to N misses, spurious and wrong figures."
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option(
    "--corpus", "corpora", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Also score region, year and kind on a corpus laid out as REGION/YEAR.md (repeatable).",
)  # fmt: skip
@click.option(
    "--bulletins", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Also score a folder of YEAR.md national statistics bulletins (region 全国, kind bulletin).",
)  # fmt: skip
def eval_cmd(show_errors: int, as_json: bool, corpora: tuple[Path, ...], bulletins: tuple[Path, ...]) -> None:
    """Score the extractor on the gold shipped with gwrtrack (the seeds and gold/more), and the metadata
    and robustness on corpora you name."""
    from dataclasses import asdict

    from gwrtrack.evaluate import evaluate_metadata, evaluate_more, evaluate_seeds, failing_files
    from gwrtrack.evaluate_projects import evaluate_project_seeds
    from gwrtrack.report.terminal import print_eval, print_figure_score, print_metadata_score, print_project_eval

    report = evaluate_seeds()
    more = evaluate_more()
    projects = evaluate_project_seeds()
    sets = [(str(c), evaluate_metadata(c), failing_files(c)) for c in corpora]
    sets += [(str(b), evaluate_metadata(b, region="全国", kind="bulletin"), failing_files(b)) for b in bulletins]
    if as_json:
        payload = {
            **report.as_dict(), "projects": projects.as_dict(),
            "more": {k: v for k, v in asdict(more).items() if k != "errors"},
            "metadata": {name: {**{k: v for k, v in asdict(m).items() if k != "wrong"}, "failing": len(f)}
                         for name, m, f in sets},
        }  # fmt: skip
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    print_eval(report, show_errors)
    print_figure_score("Figures (gold/more: a national bulletin and two prefecture reports, annotated ranges)", more,
                       show_errors)  # fmt: skip
    print_project_eval(projects, show_errors)
    for name, m, failures in sets:
        print_metadata_score(name, m, failures, show_errors)


def _db_option(func: Any) -> Any:
    return click.option(
        "--db",
        "db_url",
        metavar="URL",
        help="Database URL (default: $GWR_DATABASE_URL or a SQLite file in your data folder).",
    )(func)


def _sessions(db_url: str | None) -> Any:
    from gwrtrack.settings import Settings
    from gwrtrack.store.db import open_store

    return open_store(Settings().url(db_url))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_db_option
@click.option(
    "--workers", type=click.IntRange(min=0), default=None, show_default="the machine's cores minus one",
    help="Processes that read and extract beside the one writer; 0: all in this process.",
)  # fmt: skip
@click.option(
    "--scheduler", metavar="ADDRESS", default=None,
    help="Extract on a dask.distributed cluster (tcp://HOST:8786) instead of local processes; this machine writes.",
)  # fmt: skip
@_meta_options
def ingest(
    paths: tuple[Path, ...], db_url: str | None, workers: int | None, scheduler: str | None, **meta: Any
) -> None:
    """Read, extract and store FILE(s) or folder(s); a file already stored is left as it is.

    One line per file: stored, skipped (stored before) or refused with its reason; each document is stored
    whole in one transaction, so an interrupted ingest run again stores the rest."""
    from rich.console import Console
    from rich.progress import Progress, TextColumn

    from gwrtrack.link.indicators import load_indicators
    from gwrtrack.settings import Settings
    from gwrtrack.store.batch import default_workers, ingest_files

    files = _files(paths)
    sessions = _sessions(db_url)
    counts = {"stored": 0, "skipped": 0, "refused": 0}
    started, chars = time.monotonic(), 0
    columns = (*Progress.get_default_columns(), TextColumn("{task.fields[rate]}"))
    # the bar goes to the terminal's stderr, never into a pipe: stdout keeps one line per file
    with Progress(*columns, transient=True, console=Console(stderr=True), disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("入库", total=len(files), rate="")
        processes = default_workers() if workers is None else workers
        catalogue = load_indicators(Settings().indicator_path())  # the 落实情况表 kept current as it goes
        for outcome in ingest_files(files, sessions, processes, meta, scheduler, catalogue):
            counts[outcome.status] += 1
            chars += outcome.chars
            if outcome.status == "refused":
                click.echo(f"refused {outcome.name}：{outcome.reason}", err=True)
            else:
                click.echo(f"{outcome.status} {outcome.name}" + ("（已入库）" if outcome.status == "skipped" else ""))
            elapsed = max(time.monotonic() - started, 1e-9)
            done = sum(counts.values())
            bar.update(task, advance=1, rate=f"{done / elapsed:.1f} 份/秒 · {chars / elapsed / 1e6:.2f} M字/秒")
    added, skipped, failed = counts["stored"], counts["skipped"], counts["refused"]
    click.echo(f"stored {added} new, {skipped} already stored, {failed} unreadable")
    if failed:
        sys.exit(2)


def _judge_again(sessions: Any) -> None:
    """The 落实情况表 rows of the regions an ingest or re-extraction changed, judged again now (else the first
    page that lists them would)."""
    from gwrtrack.link.indicators import load_indicators
    from gwrtrack.settings import Settings
    from gwrtrack.store.verdict_rows import refresh

    with sessions.begin() as session:
        refresh(session, load_indicators(Settings().indicator_path()))


@cli.command()
@_db_option
@click.option("--all", "everything", is_flag=True, help="Re-extract every document, not only older versions.")
def reextract(db_url: str | None, everything: bool) -> None:
    """Extract stored documents again with this version, keeping human corrections."""
    from sqlalchemy import select

    import gwrtrack
    from gwrtrack.store.library import reextract as run
    from gwrtrack.store.models import DocumentRow

    sessions = _sessions(db_url)
    with sessions.begin() as session:
        rows = list(session.execute(select(DocumentRow)).scalars())
        todo = [r for r in rows if everything or r.extractor_version != gwrtrack.__version__]
        for row in todo:
            run(session, row)
    _judge_again(sessions)
    click.echo(f"re-extracted {len(todo)} of {len(rows)} documents")


@cli.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "jsonl"]), default="csv", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path), help="File to write (default: standard output).")
@click.option("--region")
@click.option("--year", type=int)
@click.option("--kind")
@click.option("--status", type=click.Choice(["actual", "expected", "target", "other"]))
@click.option("--measure", type=click.Choice(["amount", "growth", "rate", "change", "rank"]))
@click.option("--metric", help="Figures whose metric contains this text.")
@click.option("--section", help="Figures whose section path contains this text.")
def export(db_url: str | None, fmt: str, output: Path | None, **filters: Any) -> None:
    """Export stored figures to CSV, XLSX or JSON Lines, with the filters of the web table."""
    from gwrtrack.store.export import export_bytes
    from gwrtrack.store.queries import FigureFilter

    sessions = _sessions(db_url)
    with sessions() as session:
        data = export_bytes(session, FigureFilter(**filters), fmt)
    if output is None:
        if fmt == "xlsx":
            raise GwrError("XLSX is binary: give --output FILE")
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)


@cli.command()
@click.argument("query")
@_db_option
@click.option("--limit", type=int, default=20, show_default=True)
def search(query: str, db_url: str | None, limit: int) -> None:
    """Search the stored documents (Chinese words of two characters and more, or one character)."""
    from gwrtrack.store.search import search as run

    sessions = _sessions(db_url)
    with sessions() as session:
        hits = run(session, query, limit)
    for hit in hits:
        click.echo(f"{hit.document_name}:{hit.start}\t{hit.sentence.strip()}")
    if not hits:
        click.echo("no match", err=True)


@cli.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (127.0.0.1: this machine only).")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--demo", is_flag=True, help="Store the bundled 泸州 reports of 2021–2026 first (once).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 32), help="Server processes.")
def serve(db_url: str | None, host: str, port: int, demo: bool, workers: int) -> None:
    """Serve the web app at http://HOST:PORT.

    \b
    Pages: 文库 (documents, upload, correct or delete a document), 阅读 (the text with every figure),
    数据 (the figures table and exports), 指标, 搜索, and the 督办 pages: 分解方案 (tasks and their
    departments, Excel/Word), 项目 (project board), 落实 (targets against outcomes, 落实情况表),
    时间线 (an indicator across years), 干货摘要, 台账, 进展 (签收, reports, 亮灯), 看板, 催办 (reminders,
    催办单, 月报) and 公开 (the public tracker); the JSON API under /api/v1, its docs at /api/docs.
    Reading needs no account; to edit, sign in at /login with an account made by gwr user add.
    """
    import uvicorn

    from gwrtrack.settings import Settings
    from gwrtrack.web.app import create_app, web_settings

    settings = Settings()
    url = settings.url(db_url)
    if demo:
        _store_seeds(url)
    click.echo(f"gwrtrack: http://{host}:{port}  (database {url})")
    if workers > 1:
        import os

        os.environ["GWR_DATABASE_URL"] = url
        if host not in ("0.0.0.0", "::"):
            os.environ["GWR_ALLOWED_HOSTS"] = ",".join(filter(None, [settings.allowed_hosts, host]))
        uvicorn.run(
            "gwrtrack.web.app:app_from_env", factory=True, host=host, port=port, workers=workers, log_level="warning"
        )
        return
    app = create_app(web_settings(settings, url, host))
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _store_seeds(url: str) -> None:
    from gwrtrack.evaluate import demo_paths
    from gwrtrack.ingest.reader import read
    from gwrtrack.store.db import open_store
    from gwrtrack.store.library import store_document

    sessions = open_store(url)
    for path in demo_paths():
        with sessions.begin() as session:
            store_document(session, read(path))


def _register_tracking() -> None:
    from gwrtrack.cli_tracking import register

    register(cli, _read_all, _meta_options, _db_option, _sessions)
    from gwrtrack.cli_documents import register as register_documents

    register_documents(cli, _db_option, _sessions)
    from gwrtrack.cli_users import register as register_users

    register_users(cli, _db_option, _sessions)


_register_tracking()


def main() -> None:
    cli(prog_name="gwr")
