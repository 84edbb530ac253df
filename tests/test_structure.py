"""Outline (parts, numbered sections, leads) and footnotes, on running and line-broken text."""

from __future__ import annotations

from pathlib import Path

import pytest

import gwrtrack
from gwrtrack.structure.footnotes import find_footnotes
from gwrtrack.structure.outline import PART_HEADING_RE, SECTION_MARKER_RE, PartKind, outline, part_kind
from gwrtrack.textview import normalise


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("2023年工作回顾", PartKind.REVIEW),
        ("一、2025年和“十四五”时期工作回顾", PartKind.REVIEW),
        ("2024年工作安排建议", PartKind.PLAN),
        ("三、2026年重点工作", PartKind.PLAN),
        ("二、“十五五”时期主要目标任务", PartKind.OUTLOOK),
        ("切实加强政府自身建设", PartKind.SELF),
    ],
)
def test_part_headings(heading: str, kind: PartKind) -> None:
    assert PART_HEADING_RE.fullmatch(heading)
    assert part_kind(heading) is kind


@pytest.mark.parametrize(
    ("text", "matches"),
    [("一、聚焦", True), ("（三）持续", True), ("2.加快", True), ("第一、", False), ("1.5亿元", False)],
)
def test_section_markers(text: str, matches: bool) -> None:
    assert bool(SECTION_MARKER_RE.match(text)) is matches


def test_running_text_heading_runs_into_lead() -> None:
    text = "2024年工作安排建议今年要干好。一、聚焦抓项目增效益，持续巩固经济回升势头大力实施项目投资攻坚行动。牢固树立理念。"
    got = [(h.level, h.surface) for h in outline(normalise(text))]
    assert (1, "2024年工作安排建议") in got
    assert (2, "一、聚焦抓项目增效益，持续巩固经济回升势头") in got
    assert (3, "大力实施项目投资攻坚行动") in got


def test_line_broken_outline_with_numbered_parts() -> None:
    text = "\n".join(
        [
            "2026年某省政府工作报告",
            "各位代表：",
            "一、2025年工作回顾",
            "过去一年很不平凡。全省地区生产总值增长5%。",
            "（一）着力扩大内需。全年社会消费品零售总额增长5%。",
            "二、2026年重点工作",
            "（一）大力提振消费。实施提振消费专项行动。",
        ]
    )
    got = [(h.level, h.surface) for h in outline(normalise(text))]
    assert (1, "一、2025年工作回顾") in got and (1, "二、2026年重点工作") in got
    assert (2, "（一）着力扩大内需") in got and (2, "（一）大力提振消费") in got


def test_seed_outline_levels_1_and_2_exact(seed_000: Path) -> None:
    result = gwrtrack.extract(gwrtrack.read(seed_000))
    parts = [(h.surface, h.part) for h in result.outline if h.level == 1]
    assert parts == [
        ("2023年工作回顾", PartKind.REVIEW),
        ("2024年工作安排建议", PartKind.PLAN),
        ("切实加强政府自身建设", PartKind.SELF),
    ]
    assert sum(h.level == 2 for h in result.outline) == 14


def test_figures_know_their_section(seed_000: Path) -> None:
    result = gwrtrack.extract(gwrtrack.read(seed_000))
    fig = next(f for f in result.figures if f.surface == "29.4万亩")
    assert fig.section[0] == "2024年工作安排建议"
    assert fig.section[1].startswith("二、聚焦产业转型升级")


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("创新“三段式”并联极速审批[1]，日盛", "“三段式”并联极速审批"),
        ("全市新增“四上”企业[2]665户", "“四上”企业"),
        ("提档升级“四主六副”[24]城市商业中心", "“四主六副”"),
        ("加快“十四五”土壤污染防治先行区和“无废城市”[45]建设", "“无废城市”"),
        ("大力推动形成新质生产力[23]。", "新质生产力"),
        ("建成生活垃圾分类精品区域[7]10平方公里", "生活垃圾分类精品区域"),
        ("分类开展“积分制、清单制+数字化”智慧乡村治理试点[32]，", "“积分制、清单制+数字化”智慧乡村治理试点"),
    ],
)
def test_footnote_terms(text: str, term: str) -> None:
    notes = find_footnotes(normalise(text))
    assert [n.term_text for n in notes.items] == [term]
    assert notes.flags == ("footnote_glossary_missing",)


def test_footnote_glossary_definitions() -> None:
    text = (
        "正文创新“三段式”并联极速审批[1]。\n"
        + "其他内容。\n" * 5
        + "注释：\n[1]“三段式”并联极速审批：项目前期、审批、建设三段并联。\n"
    )
    notes = find_footnotes(normalise(text))
    assert notes.glossary_found and notes.flags == ()
    assert notes.items[0].definition == "项目前期、审批、建设三段并联。"


def _parts(name: str) -> list[tuple[str, PartKind | None]]:
    from conftest import DATA

    result = gwrtrack.extract(gwrtrack.read(DATA / "provinces-2026" / f"{name}-2026.txt"))
    return [(h.surface[:12], h.part) for h in result.outline if h.level == 1]


def test_parts_named_without_part_words_are_review_then_plan() -> None:
    # 福建: 一、一年接着一年干… / 二、一张蓝图绘到底… — no 回顾 or 工作安排 in the headings.
    # 三、一鼓作气勇争先，全力推动“十五五”开好局、起好步: the first year of the plan is the year's plan
    kinds = [kind for _s, kind in _parts("fujian")]
    assert kinds == [PartKind.REVIEW, PartKind.PLAN, PartKind.PLAN, PartKind.SELF]


def test_unnumbered_parts_keep_numbered_lines_as_sections() -> None:
    # 内蒙古: parts are unnumbered lines; 一、… 四、… are sections of the plan part.
    # “十五五”时期主要目标和2026年重点工作 holds the year's tasks: a plan part, not an outlook
    assert [kind for _s, kind in _parts("neimenggu")] == [PartKind.REVIEW, PartKind.PLAN]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("“十四五”规划和2035年远景目标的总体考虑", PartKind.OUTLOOK),  # 泸州 2021
        ("“十五五”时期主要目标和2026年重点工作", PartKind.PLAN),  # 内蒙古 2026
        ("一鼓作气勇争先，全力推动“十五五”开好局、起好步", PartKind.PLAN),  # 福建 2026
        ("2020年工作回顾和“十三五”发展主要成就", PartKind.REVIEW),  # 泸州 2021
    ],
)
def test_part_kind_of_real_headings(heading: str, kind: PartKind) -> None:
    assert part_kind(heading) is kind
