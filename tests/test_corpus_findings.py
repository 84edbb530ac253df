"""Bugs found by reading the output on the provincial 2026 reports, each kept as a test.

Each sentence is quoted from one of tests/data/provinces-2026 (named in the id).
"""

from __future__ import annotations

import pytest

from conftest import figures_of


def metric_of(text: str, surface: str, plan: bool = True) -> str:
    return next(f for f in figures_of(text, year=2026, plan=plan) if f.surface == surface).metric


@pytest.mark.parametrize(
    ("text", "surface", "metric"),
    [
        pytest.param("十四是免费送戏下乡1万场。", "1万场", "送戏下乡", id="shanxi-enumerator"),
        pytest.param("跨部门综合监管事项从39个拓展到91个。", "91个", "跨部门综合监管事项", id="shanghai-from-to"),
        pytest.param("口岸贸易总额从8.75万亿元增长到11.3万亿元", "11.3万亿元", "口岸贸易总额", id="shanghai-growth-to"),
        pytest.param("技术合同成交额2030年达到600亿元。", "600亿元", "技术合同成交额", id="shanxi-inner-year"),
        pytest.param("为800个老旧小区引入物业服务", "800个", "老旧小区", id="beijing-verb-after-noun"),
        pytest.param(
            "打造4个国家先进制造业集群、6个千亿级产业集群，", "6个", "千亿级产业集群", id="gansu-scale-after-count"
        ),
        pytest.param("因地制宜新建标准塑胶跑道2000公里以上。", "2000公里", "标准塑胶跑道", id="guangdong-adverb"),
        pytest.param(
            "原煤、原油、天然气产量分别增长72.1%、31.2%、141%。", "31.2%", "原油产量", id="gansu-respectively-3"
        ),
        pytest.param(
            "一产、二产、三产增加值分别增长5%左右、5%以上、5%左右。", "5%以上", "二产增加值", id="ningxia-respectively"
        ),
    ],
)
def test_metric_findings(text: str, surface: str, metric: str) -> None:
    if surface == "5%以上":
        figs = figures_of(text, year=2026, plan=True)
        assert figs[1].metric == metric and figs[1].qualifier.value == "at_least"
        return
    assert metric_of(text, surface) == metric


def test_fang_is_a_unit_only_before_a_noun_boundary() -> None:
    figs = figures_of("新增天然气产量10亿方以上，围绕5方面工作", year=2026, plan=True)
    assert [(f.surface, f.unit, f.qualifier.value) for f in figs] == [("10亿方", "亿方", "at_least")]


def test_first_place_without_rank_scope_is_not_a_rank() -> None:
    assert figures_of("始终坚持把维护稳定作为第一位的任务", year=2026) == []
    assert [f.surface for f in figures_of("农村网络零售额居全国第三", year=2026)] == ["第三"]


def test_main_targets_of_a_province() -> None:
    text = "今年经济社会发展主要预期目标是：地区生产总值增长5.5%—6%，城镇调查失业率5.5%以内，城镇新增就业50万人以上"
    figs = figures_of(text, year=2026, plan=True)
    got = [(f.surface, f.measure.value, f.qualifier.value, f.metric) for f in figs]
    assert got == [
        ("5.5%—6%", "growth", "range", "地区生产总值"),
        ("5.5%", "rate", "at_most", "城镇调查失业率"),
        ("50万人", "amount", "at_least", "城镇新增就业"),
    ]
    assert figs[0].value_max == 6 and figs[0].base_value_max == 6
