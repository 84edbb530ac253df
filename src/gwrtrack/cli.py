"""``gwr``: a thin command line over the library. Errors are one line and exit code 2."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

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


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gwrtrack")
def cli() -> None:
    """gwrtrack: 政府工作报告 reader and figure extractor."""


def _meta_options(func: Any) -> Any:
    func = click.option("--title", help="Override the inferred title.")(func)
    func = click.option(
        "--kind", type=click.Choice(["report", "digest", "plan", "bulletin"]), help="Override the document kind."
    )(func)
    func = click.option("--year", type=int, help="Override the inferred report year (e.g. 2024).")(func)
    func = click.option("--region", help="Override the inferred region (e.g. 泸州市).")(func)
    return func


def _read_all(paths: tuple[Path, ...], **meta: Any) -> list[Any]:
    from gwrtrack.ingest.reader import iter_paths, read

    files = iter_paths(list(paths))
    if not files:
        raise GwrError("no supported files found in " + ", ".join(str(p) for p in paths))
    return [read(f, **meta) for f in files]


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@_meta_options
def extract(paths: tuple[Path, ...], fmt: str, **meta: Any) -> None:
    """Extract every figure of FILE(s) or folder(s)."""
    from gwrtrack.extraction import extract as run

    documents = _read_all(paths, **meta)
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


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_meta_options
def outline(paths: tuple[Path, ...], **meta: Any) -> None:
    """Print the outline (parts, sections, lead sentences) and footnotes of FILE(s)."""
    from gwrtrack.extraction import extract as run
    from gwrtrack.report.terminal import print_outline

    for doc in _read_all(paths, **meta):
        print_outline(run(doc))


@cli.command(name="eval")
@click.option(
    "--show-errors", type=int, default=0, metavar="N", help="List up to N misses, spurious and wrong figures."
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_cmd(show_errors: int, as_json: bool) -> None:
    """Score the extractor on the seed reports against the gold shipped with gwrtrack."""
    from gwrtrack.evaluate import evaluate_seeds
    from gwrtrack.report.terminal import print_eval

    report = evaluate_seeds()
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        print_eval(report, show_errors)


def main() -> None:
    cli(prog_name="gwr")
