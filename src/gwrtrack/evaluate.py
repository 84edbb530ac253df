"""Score extraction against gold files, with the matching rules of ``shared/tools/score_figures.py``.

Figures: a prediction matches a gold figure of the same doc when the spans overlap and the
values are equal; each gold figure matches at most once, greedily in order of start offset.
Attribute scores are accuracies over matched pairs. Structure: levels 1–2 exact spans,
level 3 precision/recall. Footnotes: marker spans and term spans.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

Row = dict[str, Any]
FIGURE_ATTRS = ("unit", "base_value", "measure", "status", "qualifier", "period", "region", "metric")


def load_jsonl(path: Path | str) -> list[Row]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _same_number(a: object, b: object) -> bool:
    try:
        x, y = float(a), float(b)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9)


def _attr_equal(name: str, g: Row, p: Row) -> bool:
    if name == "base_value":
        return _same_number(g.get(name), p.get(name)) and (
            g.get("value_max") is None or _same_number(g.get("value_max"), p.get("value_max"))
        )
    return (g.get(name) or "") == (p.get(name) or "")


def match_figures(gold: Sequence[Row], pred: Sequence[Row]) -> list[tuple[Row, Row]]:
    used: set[int] = set()
    pairs: list[tuple[Row, Row]] = []
    for g in sorted(gold, key=lambda r: (r["doc"], r["start"])):
        for i, p in enumerate(pred):
            if i in used or g["doc"] != p.get("doc"):
                continue
            if (
                p.get("start", 0) < g["end"]
                and g["start"] < p.get("end", 0)
                and _same_number(g["value"], p.get("value"))
            ):
                used.add(i)
                pairs.append((g, p))
                break
    return pairs


@dataclass(frozen=True)
class FigureScore:
    gold: int
    pred: int
    matched: int
    precision: float
    recall: float
    f1: float
    attributes: dict[str, float]
    fully_correct: float
    errors: list[str] = field(default_factory=list)
    #: per text of the gold (when there are several): (detection F1, fully correct)
    per_text: dict[str, tuple[float, float]] = field(default_factory=dict)


def score_figures(gold: Sequence[Row], pred: Sequence[Row]) -> FigureScore:
    pairs = match_figures(gold, pred)
    tp = len(pairs)
    precision = tp / len(pred) if pred else 0.0
    recall = tp / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    attrs = {n: (sum(_attr_equal(n, g, p) for g, p in pairs) / tp if tp else 0.0) for n in FIGURE_ATTRS}
    full = sum(all(_attr_equal(n, g, p) for n in FIGURE_ATTRS) for g, p in pairs)
    hit_g = {id(g) for g, _ in pairs}
    hit_p = {id(p) for _, p in pairs}
    errors = [
        f"missed   {g['doc']}:{g['start']} {g['surface']} ({g.get('metric')})" for g in gold if id(g) not in hit_g
    ]
    errors += [
        f"spurious {p.get('doc')}:{p.get('start')} {p.get('surface')} ({p.get('metric')})"
        for p in pred
        if id(p) not in hit_p
    ]
    for g, p in pairs:
        bad = [n for n in FIGURE_ATTRS if not _attr_equal(n, g, p)]
        if bad:
            detail = ", ".join(f"{n} {p.get(n)!r}≠{g.get(n)!r}" for n in bad)
            errors.append(f"wrong    {g['doc']}:{g['start']} {g['surface']}: {detail}")
    docs = sorted({str(g["doc"]) for g in gold})
    per_text = (
        {d: _f1_and_full([g for g in gold if g["doc"] == d], [p for p in pred if p.get("doc") == d]) for d in docs}
        if len(docs) > 1
        else {}
    )
    return FigureScore(
        len(gold), len(pred), tp, precision, recall, f1, attrs, full / len(gold) if gold else 0.0, errors, per_text
    )


def _f1_and_full(gold: Sequence[Row], pred: Sequence[Row]) -> tuple[float, float]:
    score = score_figures(gold, pred)
    return score.f1, score.fully_correct


@dataclass(frozen=True)
class SetScore:
    gold: int
    pred: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0


def score_spans(gold: Iterable[tuple[object, ...]], pred: Iterable[tuple[object, ...]]) -> SetScore:
    g, p = set(gold), set(pred)
    return SetScore(len(g), len(p), len(g & p))


def seed_dir() -> Path:
    return Path(str(resources.files("gwrtrack") / "data"))


@dataclass(frozen=True)
class SeedReport:
    figures: FigureScore
    structure: dict[str, SetScore]
    footnote_markers: SetScore
    footnote_terms: SetScore

    def as_dict(self) -> dict[str, Any]:
        f = self.figures
        return {
            "figures": {
                "gold": f.gold,
                "pred": f.pred,
                "matched": f.matched,
                "precision": f.precision,
                "recall": f.recall,
                "f1": f.f1,
                "attributes": f.attributes,
                "fully_correct": f.fully_correct,
                "per_text": f.per_text,
            },
            "structure": {
                k: {"gold": v.gold, "pred": v.pred, "matched": v.matched, "precision": v.precision, "recall": v.recall}
                for k, v in self.structure.items()
            },
            "footnotes": {
                "markers": {
                    "gold": self.footnote_markers.gold,
                    "matched": self.footnote_markers.matched,
                    "precision": self.footnote_markers.precision,
                    "recall": self.footnote_markers.recall,
                },
                "terms": {
                    "gold": self.footnote_terms.gold,
                    "matched": self.footnote_terms.matched,
                    "precision": self.footnote_terms.precision,
                    "recall": self.footnote_terms.recall,
                },
            },
        }


def seed_paths() -> list[Path]:
    return sorted((seed_dir() / "seeds").glob("*.txt"))


def demo_paths() -> list[Path]:
    """The demo city across six years: 泸州's reports of 2021–2025 and the seeds (2024, the 2026 digest)."""
    return sorted((seed_dir() / "demo").glob("luzhou-*.md")) + seed_paths()


def evaluate_seeds(data: Path | None = None) -> SeedReport:
    """Run the extractor on the seed texts and score it against the gold in ``data/gold``."""
    from gwrtrack.extraction import extract
    from gwrtrack.ingest.reader import read

    root = data or seed_dir()
    gold_dir = root / "gold"
    pred_figures: list[Row] = []
    outline_rows: list[tuple[object, ...]] = []
    marker_rows: list[tuple[object, ...]] = []
    term_rows: list[tuple[object, ...]] = []
    for path in sorted((root / "seeds").glob("*.txt")):
        result = extract(read(path))
        pred_figures += result.figure_records()
        outline_rows += [(path.name, h.level, h.span.start, h.span.end) for h in result.outline]
        for note in result.footnotes.items:
            marker_rows.append((path.name, note.marker.start, note.marker.end))
            if note.term is not None:
                term_rows.append((path.name, note.marker.start, note.term.start, note.term.end))
    structure_gold = [(r["doc"], r["level"], r["start"], r["end"]) for r in load_jsonl(gold_dir / "structure.jsonl")]
    structure = {
        f"level{lvl}": score_spans([r for r in structure_gold if r[1] == lvl], [r for r in outline_rows if r[1] == lvl])
        for lvl in (1, 2, 3)
    }
    notes = load_jsonl(gold_dir / "footnotes.jsonl")
    return SeedReport(
        figures=score_figures(load_jsonl(gold_dir / "figures.jsonl"), pred_figures),
        structure=structure,
        footnote_markers=score_spans([(r["doc"], r["start"], r["end"]) for r in notes], marker_rows),
        footnote_terms=score_spans([(r["doc"], r["start"], r["term_start"], r["term_end"]) for r in notes], term_rows),
    )


def more_dir() -> Path:
    return seed_dir() / "gold" / "more"


def evaluate_more(folder: Path | None = None) -> FigureScore:
    """Figures of the partly annotated texts of ``data/gold/more`` (a national bulletin, two prefecture
    reports), scored in their annotated ranges as ``score_figures.py --ranges`` does."""
    from gwrtrack.extraction import extract
    from gwrtrack.ingest.reader import read

    root = folder or more_dir()
    ranges: dict[str, list[list[int]]] = json.loads((root / "ranges.json").read_text(encoding="utf-8"))
    gold: list[Row] = []
    pred: list[Row] = []
    for name, spans in sorted(ranges.items()):
        gold += load_jsonl(root / (Path(name).stem + ".jsonl"))
        # read as bytes under a neutral name: metadata must come from the text
        document = read((root / name).read_bytes(), name=name)
        rows = extract(document).figure_records()
        pred += [r for r in rows if any(a <= int(str(r["start"])) < b for a, b in spans)]
    return score_figures(gold, pred)


@dataclass(frozen=True)
class MetadataScore:
    files: int
    region: int
    year: int
    kind: int
    all_three: int
    unreadable: int
    wrong: list[str] = field(default_factory=list)

    def share(self, count: int) -> float:
        return count / self.files if self.files else 0.0


def evaluate_metadata(corpus: Path, region: str | None = None, kind: str = "report") -> MetadataScore:
    """Region, year and kind read from each file of a corpus laid out as REGION/YEAR.ext (or YEAR.ext of
    one ``region``), as ``score_metadata.py`` scores them; each file is read under a neutral name."""
    from gwrtrack.errors import GwrError
    from gwrtrack.ingest.reader import read

    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.stem.isdigit())
    counts = {"region": 0, "year": 0, "kind": 0, "all": 0, "error": 0}
    wrong = []
    for path in files:
        truth = (region or path.relative_to(corpus).parts[0], int(path.stem), kind)
        try:
            meta = read(path.read_bytes(), name="document" + path.suffix).meta
            got: tuple[object, object, object] = (meta.region, meta.year, meta.kind.value)
        except GwrError as exc:
            counts["error"] += 1
            got = (None, None, f"error: {exc}")
        hits = [g == t for g, t in zip(got, truth, strict=True)]
        for key, hit in zip(("region", "year", "kind"), hits, strict=True):
            counts[key] += hit
        counts["all"] += all(hits)
        if not all(hits):
            wrong.append(f"{path.relative_to(corpus)}: want {' '.join(map(str, truth))}, got {' '.join(map(str, got))}")
    return MetadataScore(
        len(files), counts["region"], counts["year"], counts["kind"], counts["all"], counts["error"], wrong
    )


def failing_files(corpus: Path) -> list[str]:
    """Files of a corpus that cannot be read or extracted, each with its one-line reason."""
    from gwrtrack.errors import GwrError
    from gwrtrack.extraction import extract
    from gwrtrack.ingest.reader import iter_paths, read

    failures = []
    for path in iter_paths([corpus]):
        try:
            extract(read(path))
        except GwrError as exc:
            failures.append(f"{path}: {exc}")
        except Exception as exc:  # a crash is what this count is for: report it, go on
            failures.append(f"{path}: crash {type(exc).__name__}: {exc}")
    return failures
