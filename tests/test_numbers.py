"""Number tokens and the non-figure traps (years, [12], 两个确立, G353, 5G, 第十八届)."""

from __future__ import annotations

import pytest

from conftest import figures_of, only
from gwrtrack.extract.numbers import find_tokens, parse_chinese, split_magnitude


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "value_max"),
    [
        ("全市实现地区生产总值1995.5亿元", "1995.5亿元", 1995.5, "亿元", None),
        ("举办消费促进活动300余场次", "300余场次", 300, "场次", None),
        ("累计发放消费券3000余万元", "3000余万元", 3000, "万元", None),
        ("开展活动3万余场次", "3万余场次", 3, "万场次", None),
        ("地区生产总值增长4.5%—5%", "4.5%—5%", 4.5, "%", 5),
        ("地区生产总值增长5-5.5%", "5-5.5%", 5, "%", 5.5),
        ("城镇化率提高0.55个百分点", "0.55个百分点", 0.55, "个百分点", None),
        ("高新技术企业突破1,200家", "1,200家", 1200, "家", None),
        ("吞吐量达２０万标箱", "２０万标箱", 20, "万标箱", None),
        ("加快打造千亿级优质酱酒", "千亿", 1000, "亿", None),
        ("连续三年获全省流动红旗", "三年", 3, "年", None),
        ("保持全省第一", "第一", 1, "", None),
        ("总量稳居全省第6位", "第6位", 6, "位", None),
    ],
)
def test_number_tokens(text: str, surface: str, value: float, unit: str, value_max: float | None) -> None:
    from gwrtrack.textview import normalise

    view = normalise(text)
    tokens = find_tokens(view.text)
    token = next(t for t in tokens if view.span(t.start, t.end).of(text) == surface)
    assert (token.value, token.unit, token.value_max) == (value, unit, value_max)


@pytest.mark.parametrize(
    "text",
    [
        "2023年是全面贯彻党的二十大精神的开局之年",  # years
        "创新“三段式”并联极速审批[1]，日盛铜箔",  # footnote marker [1]
        "坚定拥护“两个确立”、坚决做到“两个维护”",  # political formula
        "加快推进G353（华阳段）建设",  # road code
        "加快建设5G智慧水运口岸",  # 5G
        "高水平举办第十八届中国国际酒业博览会",  # edition ordinal
        "开展第四次全国文物普查",  # census ordinal
        "1—11月，全社会固定资产投资保持稳定",  # month range
        "实施“营商环境10条”“酒业10+13条”等措施",  # numbers in names
        "泸州老窖排位跃升，上榜“2023四川民营企业100强”",  # list name
        "严格落实中央八项规定精神",  # regulation name
        "严格落实中央八项规定精神、省委省政府十项规定及其实施细则",  # 泸州 2021: a rule set of the province
        "格落实中央八项规定、省委九项规定和市委十项规定",  # the same, of a province and a city
        "坚持“四化同步推进、城乡深度融合”",  # slogan
        "加强细颗粒物（PM2.5）和臭氧协同治理",  # pollutant code
        "一年来，我们直面挑战，走出一条奋进曲线",  # idioms with 一
        "实施科技型企业培育三年行动",  # duration in a programme name
        "统筹利用两个市场、两种资源",  # parallel numeral slogan
        "纪念建党90周年",  # anniversary
        "支持屈氏庄园创建国家4A级旅游景区",  # grade code
    ],
)
def test_not_figures(text: str) -> None:
    assert figures_of(text) == []


@pytest.mark.parametrize(("numeral", "value"), [("两", 2), ("十二", 12), ("三千万", 3e7), ("千", 1000), ("二十五", 25)])
def test_parse_chinese(numeral: str, value: float) -> None:
    assert parse_chinese(numeral) == value


@pytest.mark.parametrize(
    ("unit", "factor", "base"),
    [
        ("亿元", 1e8, "元"),
        ("万亩", 1e4, "亩"),
        ("万亿元", 1e12, "元"),
        ("个百分点", 1, "个百分点"),
        ("千瓦", 1, "千瓦"),
        ("亿", 1e8, ""),
    ],
)
def test_split_magnitude(unit: str, factor: float, base: str) -> None:
    assert split_magnitude(unit) == (factor, base)


def test_bare_wan_unit_has_empty_base_unit() -> None:
    fig = only("惠及6600多万纳税人")
    assert (fig.value, fig.unit, fig.base_unit, fig.base_value) == (6600, "万", "", 6.6e7)


def test_double_digit_growth() -> None:
    fig = only("确保酒业营业收入保持两位数以上增长", plan=True)
    assert (fig.surface, fig.value, fig.unit, fig.measure.value, fig.qualifier.value) == (
        "两位数",
        10,
        "%",
        "growth",
        "at_least",
    )


@pytest.mark.parametrize(
    "text",
    [
        "高新技术企业突破1,200家",
        "实现营业收入12,345.6万元",
        "编号12345,678的项目",  # trap: five digits before a comma are no thousands group
        "增长4.5%—5%",
        "2,000亿元、3.5%",
        "1—11月",
        "第6位",
    ],
)
def test_arabic_with_its_leading_digit_apart_matches_as_written(text: str) -> None:
    """ARABIC_LEADING_DIGIT is ARABIC with the first digit outside the alternation (for speed): same matches."""
    import re

    from gwrtrack.extract.numbers import ARABIC, ARABIC_LEADING_DIGIT

    assert [m.span() for m in re.finditer(ARABIC_LEADING_DIGIT, text)] == [m.span() for m in re.finditer(ARABIC, text)]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("新建一百个村级综合服务站", "一百个"),
        ("完成三项改革试点", "三项"),
        ("实施十大工程", None),  # 大 is no counting unit
        ("推进一项改革", None),  # trap: 一 alone before a unit is an article, not a count
        ("两家企业入选", "两家"),
    ],
)
def test_chinese_numerals_with_a_unit(text: str, surface: str | None) -> None:
    from gwrtrack.extract.numbers import chinese_figure_re

    found = chinese_figure_re().search(text)
    assert (found.group() if found else None) == surface
