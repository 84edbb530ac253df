"""Spans stay true to the original text whatever normalisation does (property tests)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import gwrtrack
from gwrtrack.document import Document
from gwrtrack.span import Span
from gwrtrack.textview import normalise

ALPHABET = st.sampled_from(
    [
        *list(
            "0123456789０１２３４５６７８９.．%％,，。、；：“”[]【】 \u3000\n年月万亿元个家项第位增长以上左右约超过全市实现投资新增-—～十百千两三一"
        ),
        "例",
        "⼀",
        "(",
        ")",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=200))
def test_every_item_points_at_its_surface(text: str) -> None:
    result = gwrtrack.extract(Document(name="t.txt", text=text))
    for f in result.figures:
        assert text[f.span.start : f.span.end] == f.surface
    for h in result.outline:
        assert text[h.span.start : h.span.end] == h.surface
    for n in result.footnotes.items:
        assert text[n.marker.start : n.marker.end].strip("[]【】［］").isdigit()
        if n.term:
            assert text[n.term.start : n.term.end] == n.term_text


@given(st.text(max_size=300))
def test_normalised_offsets_map_back(text: str) -> None:
    view = normalise(text)
    for i in range(len(view.text) + 1):
        o = view.to_original(i)
        assert 0 <= o <= len(text)


def test_full_width_and_stray_spaces() -> None:
    text = "地区生产总值１９９５．５亿元，增长 5.3 ％。"
    figs = gwrtrack.extract(Document(name="t.txt", text=text)).figures
    assert [f.surface for f in figs] == ["１９９５．５亿元", "5.3 ％"]
    assert [f.value for f in figs] == [1995.5, 5.3]


def test_compatibility_ideographs_are_mapped_for_matching() -> None:
    # U+F9B5 is a compatibility form of 例; PDF extractors emit such code points.
    text = "病\uf9b5 新增病例300例"
    fig = gwrtrack.extract(Document(name="t.txt", text=text)).figures[0]
    assert fig.surface == "300例"


def test_span_rules() -> None:
    assert Span(2, 5).of("0123456") == "234"
    assert Span(1, 3).overlaps(Span(2, 4)) and not Span(1, 2).overlaps(Span(2, 3))
