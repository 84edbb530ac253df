"""``gwr`` commands for the 督办 cycle: projects, tasks (分解方案), verdicts (落实情况表), digest."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from gwrtrack.errors import GwrError

TABLE_FORMATS = ("table", "jsonl", "xlsx", "docx")
BINARY = ("xlsx", "docx", "parquet")


def _write(data: bytes | str, output: Path | None, fmt: str) -> None:
    if isinstance(data, str):
        data = data.encode("utf-8")
    if output is not None:
        output.write_bytes(data)
        click.echo(f"wrote {output}", err=True)
    elif fmt in BINARY:
        raise GwrError(f"{fmt.upper()} is binary: give --output FILE")
    else:
        sys.stdout.buffer.write(data)


def _catalogues() -> tuple[Any, Any]:
    from gwrtrack.link.departments import load_departments
    from gwrtrack.link.indicators import load_indicators
    from gwrtrack.settings import Settings

    settings = Settings()
    return load_indicators(settings.indicator_path()), load_departments(settings.department_path())


Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def register(
    cli: click.Group,
    read_all: Callable[..., list[Any]],
    meta_options: Decorator,
    db_option: Decorator,
    sessions: Callable[[str | None], Any],
) -> None:
    """Add the tracking commands to ``cli`` (helpers shared with the core commands are passed in)."""

    @cli.command()
    @click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
    @click.option(
        "--format", "fmt", type=click.Choice(["table", "jsonl", "entities"]), default="table", show_default=True
    )
    @meta_options
    def projects(paths: tuple[Path, ...], fmt: str, **meta: Any) -> None:
        """Named projects of FILE(s) with their stage; `entities` links them across the files."""
        from gwrtrack.extraction import extract
        from gwrtrack.link.projects import Mention, link_projects
        from gwrtrack.link.verdicts import REGION_SUFFIX_RE

        results = [extract(doc) for doc in read_all(paths, **meta)]
        if fmt == "jsonl":
            for r in results:
                for row in r.project_records():
                    click.echo(json.dumps(row, ensure_ascii=False))
            return
        if fmt == "table":
            for r in results:
                click.echo(f"# {r.document.name} · {len(r.projects)} 个项目")
                for p in r.projects:
                    click.echo(f"{p.span.start:>6}  {p.status.value:<8} {p.year or '':<5} {p.surface}  〔{p.verb}〕")
            return
        stems = sorted({REGION_SUFFIX_RE.sub("", r.document.meta.region) for r in results if r.document.meta.region})
        mentions = [Mention(r.document.name, p.year, p) for r in results for p in r.projects]
        for entity in link_projects(mentions, stems):
            steps = " → ".join(f"{m.year or '?'} {m.mention.status.value}" for m in entity.mentions)
            click.echo(f"{entity.name}\t{entity.kind}\t{steps}")

    @cli.command()
    @click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
    @click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="table", show_default=True)
    @click.option("--output", "-o", type=click.Path(path_type=Path), help="File to write (XLSX and DOCX need one).")
    @meta_options
    def tasks(paths: tuple[Path, ...], fmt: str, output: Path | None, **meta: Any) -> None:
        """Tasks of FILE(s) with suggested 牵头单位 and 责任单位: a 分解方案 as table, JSON Lines, XLSX or DOCX."""
        from gwrtrack.extraction import extract
        from gwrtrack.report.office import TaskLine, plan_title, source_of, tasks_docx, tasks_xlsx

        _indicators, departments = _catalogues()
        lines: list[TaskLine] = []
        records = []
        title = ""
        for doc in read_all(paths, **meta):
            result = extract(doc)
            title = title or plan_title(doc.meta.region, doc.meta.year)
            for task in result.tasks:
                guess = departments.suggest(task.text, task.section, doc.meta.region)
                source = source_of(doc.name, task.span.start, task.span.end, " › ".join(task.section))
                lines.append(
                    TaskLine(len(lines) + 1, task.text, guess.lead, "、".join(guess.co), task.deadline, source)
                )
                records.append(
                    {**task.as_record(doc.name), "lead": guess.lead, "co": list(guess.co), "suggested": True}
                )
        if fmt == "xlsx":
            _write(tasks_xlsx(title, lines), output, fmt)
        elif fmt == "docx":
            _write(tasks_docx(title, lines), output, fmt)
        elif fmt == "jsonl":
            _write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), output, fmt)
        else:
            for line in lines:
                click.echo(f"{line.n:>4}  {line.lead}（建议）  {line.deadline}  {line.text[:60]}")

    @cli.command(name="import-tasks")
    @click.argument("xlsx", type=click.Path(path_type=Path, exists=True, dir_okay=False))
    @db_option
    def import_tasks(xlsx: Path, db_url: str | None) -> None:
        """Take an edited 分解方案 (XLSX) back into the store: every row checked first, all or nothing."""
        from gwrtrack.report.office import read_tasks_xlsx
        from gwrtrack.settings import Settings
        from gwrtrack.store.tracking import import_tasks as run

        rows = read_tasks_xlsx(xlsx.read_bytes())
        _indicators, departments = _catalogues()
        with sessions(db_url).begin() as session:
            changed = run(session, rows, departments, Settings().cli_author())
        click.echo(f"imported {len(rows)} rows, {changed} changes")

    @cli.command()
    @db_option
    @click.option("--region", help="Only targets of this region (e.g. 泸州市).")
    @click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="table", show_default=True)
    @click.option("--output", "-o", type=click.Path(path_type=Path), help="File to write (XLSX and DOCX need one).")
    def verdicts(db_url: str | None, region: str | None, fmt: str, output: Path | None) -> None:
        """What became of each stored target: 已完成, 超额完成, 未完成, 无数据, 待上级数据 (a 落实情况表)."""
        from dataclasses import asdict
        from datetime import date

        from gwrtrack.report.office import verdict_lines, verdicts_docx, verdicts_xlsx
        from gwrtrack.settings import Settings
        from gwrtrack.store.outcomes import verdicts as run
        from gwrtrack.store.progress import board, ledger_status_at
        from gwrtrack.store.tracking import document_text
        from gwrtrack.track.progress import Cadence

        indicators, departments = _catalogues()
        settings = Settings()
        with sessions(db_url).begin() as session:  # judged rows kept for the next reader
            views = run(session, indicators, departments, region)
            today = date.fromisoformat(settings.today) if settings.today else date.today()
            cadence = Cadence(settings.progress_cadence)
            states = board(session, today, cadence, settings.report_grace_days)
            lines = verdict_lines(views, lambda doc_id: document_text(session, doc_id), ledger_status_at(states))
        title = f"{region or ''}政府工作报告主要指标落实情况表"
        if fmt == "xlsx":
            _write(verdicts_xlsx(title, lines), output, fmt)
        elif fmt == "docx":
            _write(verdicts_docx(title, lines), output, fmt)
        elif fmt == "jsonl":
            rows = [asdict(line) for line in lines]
            _write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), output, fmt)
        else:
            for line in lines:
                click.echo(f"{line.verdict:<6} {line.indicator:<14} 目标 {line.target}  ·  {line.outcome}")
            if not lines:
                click.echo("no targets with a catalogued indicator in the store", err=True)

    @cli.command()
    @db_option
    @click.option("--region", help="Only targets of this region (e.g. 泸州市).")
    @click.option(
        "--format", "fmt", type=click.Choice(["csv", "xlsx", "parquet", "dictionary"]), default="csv",
        show_default=True, help="dictionary: the data dictionary (Markdown) instead of the data.",
    )  # fmt: skip
    @click.option("--output", "-o", type=click.Path(path_type=Path), help="File to write (XLSX and Parquet need one).")
    def dataset(db_url: str | None, region: str | None, fmt: str, output: Path | None) -> None:
        """Every stored target with its outcome and verdict, one grounded row each (document, offsets,
        sentence of both spans), for research: CSV, XLSX (with a 数据字典 sheet) or Parquet."""
        from gwrtrack.report import dataset as ds
        from gwrtrack.store.outcomes import verdicts as run
        from gwrtrack.store.tracking import document_text

        if fmt == "dictionary":
            _write(ds.dictionary_markdown(), output, "md")
            return
        indicators, _departments = _catalogues()
        with sessions(db_url).begin() as session:  # the dataset has no lead departments: none worked out
            records = ds.rows(run(session, indicators, None, region), lambda i: document_text(session, i))
        _write(ds.WRITERS[fmt](records), output, fmt)
        click.echo(f"{len(records)} targets", err=True)

    @cli.command()
    @click.argument("path", type=click.Path(path_type=Path))
    @click.option("--format", "fmt", type=click.Choice(["md", "docx"]), default="md", show_default=True)
    @click.option("--output", "-o", type=click.Path(path_type=Path), help="File to write (DOCX needs one).")
    @click.option(
        "--link", default="{doc}#{start}-{end}", show_default=True, help="Link of each line to its source span."
    )
    @meta_options
    def digest(path: Path, fmt: str, output: Path | None, link: str, **meta: Any) -> None:
        """A 干货 digest of a report: targets, results, projects in short lines, each linked to its source."""
        from gwrtrack.extraction import extract
        from gwrtrack.report.digest import digest_docx, digest_markdown, make_digest

        doc = read_all((path,), **meta)[0]
        indicators, _departments = _catalogues()
        made = make_digest(extract(doc), indicators)

        def to(span: Any) -> str:
            return link.format(doc=doc.name, start=span.start, end=span.end)

        if fmt == "docx":
            _write(digest_docx(made, to), output, "docx")
        else:
            _write(digest_markdown(made, to), output, "md")
