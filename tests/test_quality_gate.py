"""Quality gate on the seed gold (the issue's targets), and robustness on the provincial corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

import gwrtrack
from conftest import PROVINCES
from gwrtrack.evaluate import evaluate_seeds


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return evaluate_seeds()


def test_figure_detection(report) -> None:  # type: ignore[no-untyped-def]
    assert report.figures.f1 >= 0.98


@pytest.mark.parametrize("attr", ["unit", "base_value", "measure", "status", "qualifier", "period", "region", "metric"])
def test_figure_attributes(report, attr: str) -> None:  # type: ignore[no-untyped-def]
    assert report.figures.attributes[attr] >= 0.95


def test_figures_fully_correct(report) -> None:  # type: ignore[no-untyped-def]
    assert report.figures.fully_correct >= 0.90


def test_structure_levels_1_2_exact(report) -> None:  # type: ignore[no-untyped-def]
    for level in ("level1", "level2"):
        s = report.structure[level]
        assert s.matched == s.gold == s.pred


def test_structure_level_3(report) -> None:  # type: ignore[no-untyped-def]
    s = report.structure["level3"]
    assert s.recall >= 0.9 and s.precision >= 0.75


def test_footnotes(report) -> None:  # type: ignore[no-untyped-def]
    assert report.footnote_markers.matched == report.footnote_markers.gold == 49
    assert report.footnote_terms.recall >= 0.95


def test_corpus_is_present() -> None:
    assert len(PROVINCES) == 29


@pytest.mark.parametrize("path", PROVINCES, ids=lambda p: p.stem)
def test_every_provincial_report_extracts(path: Path) -> None:
    doc = gwrtrack.read(path)
    result = gwrtrack.extract(doc)
    assert doc.meta.year == 2026 and doc.meta.region and doc.meta.region.endswith(("省", "市", "自治区"))
    assert len(result.figures) > 50
    assert any(h.level == 1 for h in result.outline)
    for f in result.figures:
        assert doc.text[f.span.start : f.span.end] == f.surface
        assert f.status.value in {"actual", "expected", "target", "other"}
    statuses = {f.status.value for f in result.figures}
    assert {"actual", "target"} <= statuses


@pytest.fixture(scope="module")
def more():  # type: ignore[no-untyped-def]
    from gwrtrack.evaluate import evaluate_more

    return evaluate_more()


def test_more_gold_detection_and_correctness_do_not_fall(more) -> None:  # type: ignore[no-untyped-def]
    """gold/more (a national bulletin with tables, two prefecture reports in Markdown): measured
    F1 0.995 and fully correct 0.938 when this gate was set; the issue's target is 0.98 and 0.90."""
    assert more.f1 >= 0.98
    assert more.fully_correct >= 0.945
    assert more.attributes["region"] >= 0.99 and more.attributes["period"] >= 0.98


def test_every_dev_gold_text_meets_the_target(report, more) -> None:  # type: ignore[no-untyped-def]
    """The issue's target holds per text, not only on the pool: detection F1 ≥ 0.98 and fully correct ≥ 0.90
    on each seed and each text of gold/more (measured 0.929–0.952 fully correct, F1 0.987–1.000)."""
    per_text = {**report.figures.per_text, **more.per_text}
    assert len(per_text) == 5
    for name, (f1, full) in per_text.items():
        assert f1 >= 0.98 and full >= 0.90, name


def test_eval_prints_every_score(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from gwrtrack.cli import cli

    sample = Path(__file__).parent / "data"
    out = (
        CliRunner()
        .invoke(
            cli,
            ["eval", "--corpus", str(sample / "prefectures-sample"), "--bulletins", str(sample / "bulletins-sample")],
        )
        .output
    )
    assert "gold/more" in out and "Projects" in out
    assert out.count("files that fail to read or extract: 0") == 2 and "all three right 1.000" in out
