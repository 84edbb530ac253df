"""word_alternation: a trie that matches what the longest-first alternation of the same words matches."""

from __future__ import annotations

import re

import pytest

from gwrtrack.alternation import word_alternation
from gwrtrack.extract.metric import LEADING_WORD_NOT_BEFORE
from gwrtrack.extract.vocab import METRIC_LEADING_NOISE, METRIC_LEADING_VERBS, METRIC_TRAILING_NOISE, UNITS

LEADING = sorted(set(METRIC_LEADING_NOISE) | set(METRIC_LEADING_VERBS))


def _longest_first(words: list[str], not_before: dict[str, str] | None = None) -> str:
    def one(word: str) -> str:
        forbidden = (not_before or {}).get(word)
        return re.escape(word) + (f"(?![{forbidden}])" if forbidden else "")

    return "(?:" + "|".join(one(w) for w in sorted(words, key=len, reverse=True)) + ")"


@pytest.mark.parametrize(
    "phrase",
    [
        "全市实现地区生产总值",  # 全市 then 实现: both leading words go
        "全年完成固定资产投资",
        "累计建成投用5G基站",  # 建成投用 before 建成: the longer word wins
        "有效灌面",  # trap: 有 before 效 is part of the noun
        "有序推进城市更新",  # trap: 有序 is no 有 + noun
        "新增城镇就业",
        "其中规模以上工业增加值",
        "地区生产总值",  # no leading word
        "",
    ],
)
def test_leading_words_as_a_trie_strip_what_the_alternation_strips(phrase: str) -> None:
    trie = re.compile("^" + word_alternation(LEADING, LEADING_WORD_NOT_BEFORE) + "+")
    plain = re.compile("^" + _longest_first(LEADING, LEADING_WORD_NOT_BEFORE) + "+")
    assert trie.sub("", phrase) == plain.sub("", phrase)


@pytest.mark.parametrize(
    "text",
    ["增长5.3个百分点", "达到1995.5亿元", "建成2.3万平方米", "完成货运量120万吨公里", "1200人次公里", "3000余万元"],
)
def test_units_as_a_trie_find_what_the_alternation_finds(text: str) -> None:
    trie = re.compile(word_alternation(UNITS))
    plain = re.compile(_longest_first(list(UNITS)))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("phrase", ["规模以上工业增加值增长", "地区生产总值总量", "新建项目个数达到", "城镇化率"])
def test_trailing_words_reversed(phrase: str) -> None:
    reversed_words = [w[::-1] for w in METRIC_TRAILING_NOISE]
    trie = re.compile("^" + word_alternation(reversed_words) + "+")
    plain = re.compile("^" + _longest_first(reversed_words) + "+")
    assert trie.sub("", phrase[::-1]) == plain.sub("", phrase[::-1])


def test_a_word_that_is_a_prefix_of_another_still_matches_alone() -> None:
    pattern = re.compile(word_alternation(["建成", "建成投用", "建设"]) + r"\Z")
    assert [bool(pattern.match(w)) for w in ("建成", "建成投用", "建设", "建成投", "建")] == [
        True,
        True,
        True,
        False,
        False,
    ]
