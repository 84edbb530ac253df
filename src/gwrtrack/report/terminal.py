"""Readable terminal output (rich): figures table, outline tree, evaluation scores."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape

from gwrtrack.labels import flag_labels, label

if TYPE_CHECKING:
    from rich.console import Console

    from gwrtrack.evaluate import FigureScore, MetadataScore, SeedReport
    from gwrtrack.evaluate_projects import ProjectScore
    from gwrtrack.extraction import Extraction

STATUS_STYLE = {"actual": "green", "expected": "cyan", "target": "yellow", "other": "magenta"}


#: Width used when output goes to a file or pipe (a terminal reports its own).
PIPE_WIDTH = 200


def _console() -> Console:
    import sys

    from rich.console import Console

    return Console() if sys.stdout.isatty() else Console(width=PIPE_WIDTH)


def print_figures(result: Extraction) -> None:
    from rich.table import Table

    doc = result.document
    meta = doc.meta
    title = f"{doc.name} · {meta.region or '地区未知'} · {meta.year or '年份未知'} · {label('kind', meta.kind)} · {len(result.figures)} 个数据"
    table = Table(title=escape(title), show_lines=False)
    for col in ("#", "原文", "数值", "单位", "指标", "类型", "状态", "限定", "时期"):
        table.add_column(col)
    for i, f in enumerate(result.figures, 1):
        value = f"{f.value:g}" + (f"–{f.value_max:g}" if f.value_max is not None else "")
        style = STATUS_STYLE.get(f.status.value, "")
        table.add_row(
            str(i),
            escape(f.surface),  # text from the document is never read as markup ([/red] in a report)
            value,
            escape(f.unit),
            escape(f.metric) + (" ⚠" if "no_metric" in f.flags else ""),
            label("measure", f.measure),
            f"[{style}]{label('status', f.status)}[/]",
            label("qualifier", f.qualifier),
            escape(f.period),
        )
    console = _console()
    console.print(table)
    for flag in flag_labels(result.flags):
        console.print(f"[yellow]注意[/]：{flag}")


def print_outline(result: Extraction) -> None:
    console = _console()
    console.print(f"[bold]{escape(result.document.name)}[/]")
    for h in result.outline:
        indent = "  " * (h.level - 1)
        part = f" [dim]（{label('part', h.part)}）[/]" if h.part else ""
        console.print(f"{indent}{escape(h.surface)}{part}  [dim]\\[{h.span.start}, {h.span.end})[/]")
    notes = result.footnotes
    if notes.items:
        console.print(
            f"[bold]脚注[/] {len(notes.items)} 个" + ("" if notes.glossary_found else "（文中无注释，释义缺失）")
        )
        for n in notes.items:
            line = f"  [{n.n}] {n.term_text}" + (f"：{n.definition}" if n.definition else "")
            console.print(line, markup=False)


def print_eval(report: SeedReport, show_errors: int) -> None:
    console = _console()
    print_figure_score("Figures (seed gold, matching of shared/tools/score_figures.py)", report.figures, 0)
    console.print("[bold]Structure[/]")
    for level, s in report.structure.items():
        console.print(
            f"{level}: gold {s.gold}  pred {s.pred}  matched {s.matched}  precision {s.precision:.3f}  recall {s.recall:.3f}"
        )
    m, t = report.footnote_markers, report.footnote_terms
    console.print("[bold]Footnotes[/]")
    console.print(
        f"markers: {m.matched}/{m.gold} (precision {m.precision:.3f})  terms: {t.matched}/{t.gold} (recall {t.recall:.3f})"
    )
    for line in report.figures.errors[:show_errors]:
        console.print(line, markup=False)


def print_figure_score(title: str, f: FigureScore, show_errors: int) -> None:
    console = _console()
    console.print(f"[bold]{escape(title)}[/]")
    console.print(f"gold {f.gold}  pred {f.pred}  matched {f.matched}")
    console.print(
        f"precision {f.precision:.3f}  recall {f.recall:.3f}  f1 {f.f1:.3f}  fully correct {f.fully_correct:.3f}"
    )
    console.print("  ".join(f"{k} {v:.3f}" for k, v in f.attributes.items()))
    for name, (f1, full) in f.per_text.items():
        console.print(f"  {escape(name)}: f1 {f1:.3f}  fully correct {full:.3f}")
    for line in f.errors[:show_errors]:
        console.print(line, markup=False)


def print_metadata_score(corpus: str, m: MetadataScore, failures: list[str], show_errors: int) -> None:
    console = _console()
    console.print(f"[bold]Metadata[/] {escape(corpus)}")
    console.print(
        f"{m.files} files: all three right {m.share(m.all_three):.3f}; region {m.share(m.region):.3f}, "
        f"year {m.share(m.year):.3f}, kind {m.share(m.kind):.3f}; unreadable {m.unreadable}"
    )
    console.print(f"files that fail to read or extract: {len(failures)}")
    for line in [*failures, *m.wrong][:show_errors]:
        console.print(line, markup=False)


def print_project_eval(score: ProjectScore, show_errors: int) -> None:
    console = _console()
    console.print("[bold]Projects[/] (seed gold, spans overlap)")
    m, links = score.mentions, score.links
    console.print(
        f"gold {m.gold}  pred {m.pred}  matched {m.matched} (exact spans {score.exact_spans})  "
        f"precision {m.precision:.3f}  recall {m.recall:.3f}  f1 {score.f1:.3f}  status {score.status_accuracy:.3f}"
    )
    console.print(
        f"links: gold pairs {links.gold}  predicted pairs {links.pred}  "
        f"precision {links.precision:.3f}  recall {links.recall:.3f}"
    )
    for line in score.errors[:show_errors]:
        console.print(line, markup=False)
