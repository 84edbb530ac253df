"""Measure, status, qualifier, period and metric of figures in real sentences."""

from __future__ import annotations

import pytest

from conftest import figures_of, only


@pytest.mark.parametrize(
    ("text", "surface", "qualifier"),
    [
        ("粮食产量稳定在238万吨以上", "238万吨", "at_least"),
        ("居民消费价格指数控制在103左右", "103", "approx"),
        ("投资收益率原则上要不低于5%", "5%", "at_least"),
        ("撬动消费超6亿元", "6亿元", "at_least"),
        ("集装箱吞吐量首次超过20万标箱", "20万标箱", "at_least"),
        ("城镇调查失业率控制在5.5%以内", "5.5%", "at_most"),
        ("新增城镇学位8000个、寄宿制学校床位7000个以上", "8000个", "at_least"),
        ("改造燃气管网900公里、供排水管道600公里以上", "900公里", "at_least"),
        ("地区生产总值增长4.5%—5%", "4.5%—5%", "range"),
        ("全市新签约招商引资项目198个", "198个", "exact"),
    ],
)
def test_qualifier(text: str, surface: str, qualifier: str) -> None:
    fig = next(f for f in figures_of(text, plan=True) if f.surface == surface)
    assert fig.qualifier.value == qualifier


@pytest.mark.parametrize(
    ("text", "surface", "measure"),
    [
        ("全市实现地区生产总值1995.5亿元、增长5.3%", "5.3%", "growth"),
        ("全市实现地区生产总值1995.5亿元、增长5.3%", "1995.5亿元", "amount"),
        ("常住人口城镇化率达51.9%、提高0.55个百分点", "51.9%", "rate"),
        ("常住人口城镇化率达51.9%、提高0.55个百分点", "0.55个百分点", "change"),
        ("总量稳居全省第6位", "第6位", "rank"),
        ("城乡低保扩围1.2万人", "1.2万人", "change"),
        ("原煤、原油产量分别增长72.1%、31.2%", "31.2%", "growth"),
        ("居民消费价格指数控制在103左右", "103", "rate"),
        # WORDS_BEFORE_A_PERCENT_RE: words between the growth verb and the percentage
        ("入、固定资产投资年均分别增长了2.4%", "2.4%", "growth"),
        ("同口径增长约7%", "7%", "growth"),
        # CLAUSE_PUNCTUATION: the verb of the previous clause does not reach over the comma (trap)
        ("固定资产投资增长10%，其中工业投资占比60%", "60%", "rate"),
    ],
)
def test_measure(text: str, surface: str, measure: str) -> None:
    fig = next(f for f in figures_of(text) if f.surface == surface)
    assert fig.measure.value == measure


def test_status_expected_only_after_the_cue() -> None:
    figs = figures_of("37个省重点项目、324个市重点项目预计完成投资370亿元、1115亿元")
    assert [f.status.value for f in figs] == ["actual", "actual", "expected", "expected"]


def test_status_rule_and_category_threshold() -> None:
    assert only("新建制造业项目投资收益率原则上要不低于5%", plan=True).status.value == "other"
    figs = figures_of("力争全年签约项目总数突破200个，其中10亿元以上制造业项目不少于10个", plan=True)
    assert [(f.surface, f.status.value) for f in figs] == [("200个", "target"), ("10亿元", "other"), ("10个", "target")]


def test_count_before_yishang_is_a_target_not_a_threshold() -> None:
    figs = figures_of("建设5个以上紧密型城市医疗集团", plan=True)
    assert [(f.surface, f.status.value, f.qualifier.value) for f in figs] == [("5个", "target", "at_least")]


@pytest.mark.parametrize(
    ("text", "surface", "period"),
    [
        ("前三季度，全市实现地区生产总值1995.5亿元", "1995.5亿元", "2023-Q1..2023-Q3"),
        ("1—11月，全社会固定资产投资增长4.1%", "4.1%", "2023-01..2023-11"),
        ("1—11月，存款增长15.9%；规上工业利润总额增长22.3%", "22.3%", "2023-01..2023-11"),
        ("进出口总额逆势上扬，全年有望突破200亿元", "200亿元", "2023"),
        ("新增高新技术企业30家", "30家", "2023"),
        ("“十四五”时期，累计新增就业300万人", "300万人", "2021..2025"),
        # 全年 reaches only to the end of its clause: the next clause goes back to the 1—11月 before it
        ("1—11月，全年计划完成过半，规上工业增加值增长8.1%", "8.1%", "2023-01..2023-11"),
        ("1—11月，规上工业增加值全年增长8.1%", "8.1%", "2023"),
        ("2022年，全市新增就业1.2万人", "1.2万人", "2022"),
    ],
)
def test_period_in_review(text: str, surface: str, period: str) -> None:
    fig = next(f for f in figures_of(text, year=2024) if f.surface == surface)
    assert fig.period == period


def test_period_in_plan_is_the_report_year() -> None:
    assert only("城镇新增就业3.7万人", plan=True, year=2024).period == "2024"


@pytest.mark.parametrize(
    ("text", "surface", "metric"),
    [
        ("全市实现地区生产总值1995.5亿元、增长5.3%", "5.3%", "地区生产总值"),
        ("新增高新技术企业30家", "30家", "高新技术企业"),
        ("全市新签约招商引资项目198个", "198个", "新签约招商引资项目"),
        ("完成17个行政村“厕所革命”整村推进项目", "17个", "行政村“厕所革命”整村推进项目"),
        ("全市新增“四上”企业[2]665户", "665户", "“四上”企业"),
        ("举办“惠享泸州”消费促进活动300余场次", "300余场次", "消费促进活动"),
        (
            "地方一般公共预算收入完成173.1亿元，占地区生产总值比重达8.7%",
            "8.7%",
            "地方一般公共预算收入占地区生产总值比重",
        ),
        ("进出口总额逆势上扬，全年有望突破200亿元", "200亿元", "进出口总额"),
        ("省、市重点项目年度投资分别完成330亿元、1000亿元以上", "330亿元", "省重点项目年度投资"),
        ("37个省重点项目、324个市重点项目预计完成投资370亿元、1115亿元", "1115亿元", "市重点项目投资"),
        ("A区建设82项、B区建设89项年度任务有序推进", "89项", "B区建设年度任务"),
        ("促进总投资1597亿元的150个重点项目尽早开工", "1597亿元", "重点项目总投资"),
        ("上海鸿云20万吨大米深加工、四川芯元一12万吨进口原糖加工等项目建成投产", "20万吨", "大米深加工"),
        ("开展恳谈会、交流会等专题招商活动10余场", "10余场", "专题招商活动"),
        ("安装X波段天气雷达1部", "1部", "X波段天气雷达"),
        ("连续三年获全省制造业招商引资“百日攻坚”流动红旗", "三年", "全省制造业招商引资“百日攻坚”流动红旗"),
        ("细颗粒物年均浓度连续五年稳定达标", "五年", "细颗粒物年均浓度"),
        ("打造千亿元级新兴产业集群", "千亿", "新兴产业集群"),
    ],
)
def test_metric(text: str, surface: str, metric: str) -> None:
    fig = next(f for f in figures_of(text) if f.surface == surface)
    assert fig.metric == metric


def test_metric_is_copied_from_the_original_text() -> None:
    fig = only("投用化工新材料等领域中试平台(基地)5家", plan=True)
    assert fig.metric.endswith("中试平台(基地)")  # half-width brackets as written
