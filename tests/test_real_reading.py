"""Reading real documents right (issue: metadata, structure, periods, metrics, regions, tables).

Every case is a sentence or a table of the dev corpus (a national bulletin, prefecture reports),
including the traps that broke before.
"""

from __future__ import annotations

import pytest

import gwrtrack
from conftest import figures_of
from gwrtrack.extract.regions import figure_region
from gwrtrack.extract.tables import table_blocks, table_cells


def _figure(text: str, surface: str, **kw: object):  # type: ignore[no-untyped-def]
    return next(f for f in figures_of(text, **kw) if f.surface == surface)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "surface", "metric"),
    [
        # a comparison phrase is no metric: the figure measures what the sentence named before
        ("年末大陆总人口140005万人，比上年末增加467万人", "467万人", "大陆总人口"),
        ("金融机构本外币各项存款余额1523.6亿元，比年初增加110.8亿元", "110.8亿元", "金融机构本外币各项存款余额"),
        ("年末国家外汇储备31079亿美元，比上年末增加352亿美元", "352亿美元", "国家外汇储备"),
        # a time word in front (年末) is no part of the metric
        ("年末国家外汇储备31079亿美元", "31079亿美元", "国家外汇储备"),
        ("年末商品房待售面积49821万平方米", "49821万平方米", "商品房待售面积"),
        # a reporting verb between the subject and what it measures (实现, 完成)
        ("全市高新技术产业实现总产值770亿元", "770亿元", "高新技术产业总产值"),
        ("外贸加工企业实现进出口额2400 万美元", "2400 万美元", "外贸加工企业进出口额"),
        # a bracketed gloss after a definition names the indicator; an abbreviation is dropped
        ("城镇常住人口占总人口比重（常住人口城镇化率）为60.60%", "60.60%", "常住人口城镇化率"),
        ("地区生产总值（GDP）增长6.1%", "6.1%", "地区生产总值"),
        # a qualifier in brackets is not part of the name
        ("教育固定资产投资（不含农户）增长17.7%", "17.7%", "教育固定资产投资"),
        # trap: 中试平台（基地） is one name
        ("新增中试平台（基地）5家", "5家", "中试平台（基地）"),
        # trailing verbs: 竣工, 全部
        ("117个重大项目竣工", "117个", "重大项目"),
    ],
)
def test_metric_classes(text: str, surface: str, metric: str) -> None:
    assert _figure(text, surface).metric == metric


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("全年粮食产量66384万吨，比上年增产0.9%", "0.9%"),
        ("早稻产量2627万吨，减产8.1%", "8.1%"),
        ("全年人民币平均汇率为1美元兑6.8985元人民币，比上年贬值4.1%", "4.1%"),
    ],
)
def test_change_words_of_a_level_make_a_growth(text: str, surface: str) -> None:
    assert _figure(text, surface).measure.value == "growth"


def test_scope_word_of_a_national_text_is_dropped() -> None:
    fig = _figure("年末全国就业人员77471万人", "77471万人", region="全国")
    assert fig.metric == "就业人员"
    # in a city's report 全国… is usually a title (全国乡村治理示范镇村) and stays
    assert _figure("创建4个全国乡村治理示范镇村", "4个").metric == "全国乡村治理示范镇村"


@pytest.mark.parametrize(
    ("metric", "doc_region", "expected"),
    [
        ("东部地区生产总值", "全国", ("东部地区", "地区生产总值")),
        ("长江经济带地区生产总值", "全国", ("长江经济带", "地区生产总值")),
        ("成都市地区生产总值", "四川省", ("成都市", "地区生产总值")),
        ("泸县地区生产总值", "泸州市", ("泸县", "地区生产总值")),
        # traps: a title awarded in the city, the document's own region, a non-place
        ("四川省著名商标", "德阳市", ("德阳市", "四川省著名商标")),
        ("泸州市地区生产总值", "泸州市", ("泸州市", "泸州市地区生产总值")),
        ("贫困地区农村居民人均可支配收入", "全国", ("全国", "贫困地区农村居民人均可支配收入")),
        ("推进县地区生产总值", "全国", ("全国", "推进县地区生产总值")),
    ],
)
def test_region_of_a_figure(metric: str, doc_region: str, expected: tuple[str, str]) -> None:
    assert figure_region(metric, doc_region) == expected


BULLETIN_TABLE = """**表1 2019年年末人口数及其构成**

| <br>指标                    | <br>年末数（万人） | <br>比重（%） | |
| ------------------------- | ----------- | --------- | ---- |
| <br>全国总人口                 | <br>140005  | <br>100.0 | <br> |
| <br>其中：城镇                 | <br>84843   | <br>60.60 | <br> |
| <br>其中：0-15岁（含不满16周岁）[11] | <br>24977   | <br>17.8  | <br> |

**表3 主要工业产品产量及其增长速度**

| <br>产品名称           | <br>单位    | <br>产量       | <br>比上年增长（%） |
| ------------------ | --------- | ------------ | ------------ |
| <br>纱              | <br>万吨    | <br>2892.1   | <br>-6.1     |
| <br>发电量            | <br>亿千瓦小时 | <br>75034.3  | <br>4.7      |
"""


def test_table_cells_take_unit_measure_and_metric_from_the_headers() -> None:
    assert len(table_blocks(BULLETIN_TABLE)) == 2
    cells = {BULLETIN_TABLE[c.start : c.end]: c for c in table_cells(BULLETIN_TABLE)}
    assert (cells["140005"].unit, cells["140005"].measure.value, cells["140005"].metric) == ("万人", "amount", "总人口")
    assert (cells["60.60"].unit, cells["60.60"].measure.value, cells["60.60"].metric) == ("%", "rate", "城镇人口比重")
    assert cells["24977"].metric == "0-15岁人口"
    assert (cells["2892.1"].unit, cells["2892.1"].metric) == ("万吨", "纱产量")
    assert (cells["-6.1"].value, cells["-6.1"].unit, cells["-6.1"].measure.value) == (-6.1, "%", "growth")
    assert cells["75034.3"].metric == "发电量" and cells["75034.3"].unit == "亿千瓦小时"


def test_table_row_labels_are_no_figures_and_cells_are_the_bulletins_year() -> None:
    doc = gwrtrack.read(BULLETIN_TABLE.encode(), name="b.md", region="全国", year=2019, kind="bulletin")
    figures = gwrtrack.extract(doc).figures
    assert "0-15岁" not in {f.surface for f in figures} and "16周" not in {f.surface for f in figures}
    cell = next(f for f in figures if f.surface == "140005")
    assert (cell.status.value, cell.period, cell.region, cell.flags) == ("actual", "2019", "全国", ("table_cell",))
    assert doc.text[cell.span.start : cell.span.end] == "140005"


MARKDOWN_REPORT = """---
title: 七台河市政府工作报告 （2014年1月9日 韩立华）
---

——2014年1月9日在七台河市第十届人民代表大会第三次会议上

韩立华

各位代表：

现在，我代表市人民政府向大会作工作报告，请予审议。

**一、2013年工作回顾**

2013 年全市地区生产总值完成212亿元。

**二、2014年工作安排**

今年全市地区生产总值增长8%以上。
"""


def test_markdown_parts_are_read_through_their_marks() -> None:
    result = gwrtrack.extract(gwrtrack.read(MARKDOWN_REPORT.encode(), name="r.md"))
    parts = [(h.surface, h.part.value if h.part else None) for h in result.outline if h.level == 1]
    assert parts == [("一、2013年工作回顾", "review"), ("二、2014年工作安排", "plan")]
    assert all(h.surface not in ("title", "---", "韩立华") for h in result.outline)
    by_surface = {f.surface: f for f in result.figures}
    assert (by_surface["212亿元"].status.value, by_surface["212亿元"].period) == ("actual", "2013")
    assert (by_surface["8%"].status.value, by_surface["8%"].period) == ("target", "2014")


def test_a_five_year_review_paragraph_speaks_of_the_span() -> None:
    text = (
        "各位代表：\n\n2020年工作回顾和“十三五”发展主要成就\n\n"
        "2020年，全市地区生产总值增长4%。\n\n"
        "五年来，我们始终坚持突出优势、做强特色，现代产业体系加速构建。新增规模以上工业企业120户。\n\n"
        "2021年工作安排\n\n地区生产总值增长8%左右。\n"
    )  # the paragraphs of 泸州's 2021 report (corpus/luzhou/2021.md), shortened
    doc = gwrtrack.read(text.encode(), name="r.txt", region="泸州市", year=2021)
    periods = {f.surface: (f.period, f.status.value) for f in gwrtrack.extract(doc).figures}
    assert periods["4%"] == ("2020", "actual")
    assert periods["120户"] == ("2016..2020", "actual")
    assert periods["8%"] == ("2021", "target")


#: A five-year review that goes on past its opening paragraph (corpus/luzhou/2022.md, shortened).
FIVE_YEAR_REVIEW = (
    "各位代表：\n\n2021年和过去五年工作回顾\n\n"
    "各位代表！2021年各项工作任务顺利完成，本届政府任期奋斗目标胜利实现。过去五年，是泸州牢记嘱托、感恩奋进的五年。\n\n"
    "——我们始终坚持集聚集群发展，在转型中接续动能，现代产业体系加快构建。三次产业结构由12.1：52.0：35.9调整为10.2：49.5：40.3。\n\n"
    "——我们始终坚持以城带乡城乡互补，城乡面貌明显改善。实施棚户区改造2.9万户，完成农村危房改造4.37万户。\n\n"
    "各位代表，过去五年，我们勠力同心、攻坚克难，经济社会发展取得显著成绩。\n\n"
    "刚刚过去的一年，我们新增城市公园9个。\n\n"
    "2022年工作安排\n\n新增城市公园5个。\n"
)


@pytest.mark.parametrize(
    ("surface", "period"),
    [
        ("4.37万户", "2017..2021"),  # a paragraph after the opening one goes on reviewing the five years
        ("2.9万户", "2017..2021"),
        ("9个", "2021"),  # 刚刚过去的一年 turns to the one year
        ("5个", "2022"),
    ],
)
def test_a_five_year_review_goes_on_over_the_paragraphs_after_it(surface: str, period: str) -> None:
    doc = gwrtrack.read(FIVE_YEAR_REVIEW.encode(), name="r.txt", region="泸州市", year=2022)
    periods = {f.surface: f.period for f in gwrtrack.extract(doc).figures}
    assert periods[surface] == period


@pytest.mark.parametrize(
    ("paragraph", "opens"),
    [
        ("五年来，我们坚持项目带动，基础设施实现新突破。坚持打基础、管长远。", True),  # 恩施 2016
        ("（一）五年来，经济实力明显提升。地区生产总值取得历史性突破，迈上新台阶。", True),  # 河源 2021
        ("——这五年，是经济实力明显提升的五年。工业经济增量提质。", True),  # 荆州 2016
        (
            "2020年是“十三五”规划收官之年。过去五年，我们坚定以习近平新时代中国特色社会主义思想为指导。",
            True,
        ),  # 自贡 2021
        ("“十二五”时期，是宏观形势错综复杂、发展任务艰巨繁重的五年。", True),  # 徐州 2016
        ("刚刚过去的一年，面对经济持续下行的压力，市政府团结和依靠全市人民。", False),  # 梧州 2016 (trap)
        ("今后五年，是全面建设社会主义现代化新泸州的关键五年。", False),  # an outlook, not a review (trap)
    ],
)
def test_five_year_review_openers(paragraph: str, opens: bool) -> None:
    from gwrtrack.extract.attributes import FIVE_YEAR_OPENER_RE

    assert bool(FIVE_YEAR_OPENER_RE.match(paragraph)) is opens


@pytest.mark.parametrize(
    ("paragraph", "turns"),
    [
        ("刚刚过去的2020年，是极不平凡的一年。我们坚决贯彻中央决策部署。", True),  # 庆阳 2021
        ("各位代表，刚刚过去的2021年，是党和国家历史上具有里程碑意义的一年。", True),  # 连云港 2022
        ("一年来，我们重点抓了七个方面工作：", True),  # 梧州 2016
        ("产业发展层次显著提升。三次产业结构由2010年的9.6∶50.7∶39.7演变为2015年的9.5∶44.5∶46。", False),  # 徐州 2016
    ],
)
def test_one_year_openers_end_a_five_year_review(paragraph: str, turns: bool) -> None:
    from gwrtrack.extract.attributes import ONE_YEAR_OPENER_RE

    assert bool(ONE_YEAR_OPENER_RE.match(paragraph)) is turns


def test_an_estimate_reaches_over_its_sentence() -> None:
    text = "预计地区生产总值实现241 亿元，下降14.5%；公共财政预算收入18.9 亿元，下降13.2%。固定资产投资增长29%。"
    statuses = {f.surface: f.status.value for f in figures_of(text, year=2014, region="七台河市")}
    assert statuses["18.9 亿元"] == statuses["13.2%"] == "expected"  # across the ；
    assert statuses["29%"] == "actual"  # the next sentence reports
    # a rank kept (保持全省第一) is a state, not an estimate
    seed = "预计完成粮食产量238.8万吨、生猪出栏422万头，再生稻有收面积保持全省第一。"
    assert {f.surface: f.status.value for f in figures_of(seed)}["第一"] == "actual"


@pytest.mark.parametrize("heading", ["**名词解释**", "《政府工作报告》名词解释", "## 名词解释", "名词解释"])
def test_glossary_heading_in_markdown_marks(heading: str) -> None:
    text = (
        "推进“三水共治”[1]，建设“无废城市”[2]。\n\n"
        + "正文。" * 40
        + f"\n\n{heading}\n\n1.三水共治：统筹推进水资源、水生态、水环境协同治理。\n\n2.无废城市：推动固体废物源头减量。\n"
    )
    result = gwrtrack.extract(gwrtrack.read(text.encode(), name="r.md"))
    assert result.footnotes.glossary_found
    assert next(n.definition for n in result.footnotes.items) == "统筹推进水资源、水生态、水环境协同治理。"


def test_tasks_are_the_years_commitments_without_outlook_glossary_or_markers() -> None:
    text = (
        "各位代表：\n\n2020年工作回顾和“十三五”发展主要成就\n\n2020年，全市地区生产总值增长4%。\n\n"
        "“十四五”规划和2035年远景目标的总体考虑\n\n到2025年，加快建设成渝地区双城经济圈南向开放门户。\n\n"
        "2021年工作安排\n\n全力推进泸州港扩能[1]，加快建设临港产业园。\n\n" + "加快发展现代服务业。" * 30 + "\n\n"
        "名词解释\n\n1.泸州港扩能：推进港口建设，提升港口吞吐能力。\n"
    )  # the parts of 泸州's 2021 report (corpus/luzhou/2021.md), shortened
    doc = gwrtrack.read(text.encode(), name="r.txt", region="泸州市", year=2021)
    tasks = [t.text for t in gwrtrack.extract(doc).tasks]
    assert tasks[0] == "全力推进泸州港扩能，加快建设临港产业园"  # the marker [1] is not part of the task
    assert not any("2025年" in t for t in tasks)  # the five-year outlook is no task of the year
    assert not any("提升港口吞吐能力" in t for t in tasks)  # nor is a glossary entry


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # lists read respectively: sectors written together, 城镇和农村, 城乡
        ("一二三产业增加值分别增长4.2%、5.1%和6.3%", ["第一产业增加值", "第二产业增加值", "第三产业增加值"]),
        ("城镇和农村居民人均可支配收入分别增长4.5%、6.3%", ["城镇居民人均可支配收入", "农村居民人均可支配收入"]),
        ("城乡居民人均可支配收入分别增长4.5%、6.3%", ["城镇居民人均可支配收入", "农村居民人均可支配收入"]),
        # trap: two measures joined by 和 are two metrics, not one list
        ("预计完成粮食产量238.8万吨和生猪出栏422万头", ["粮食产量", "生猪出栏"]),
        # compound units stay whole
        ("全年旅客运输周转量1234.5亿人公里，货物运输周转量199394亿吨公里", ["旅客运输周转量", "货物运输周转量"]),
        # names that keep their 新增 or 总量
        ("全年新增城镇就业3.5万人", ["新增城镇就业"]),
        ("一次能源生产总量39.7亿吨标准煤", ["一次能源生产总量"]),
    ],
)
def test_metric_lists_units_and_names(text: str, expected: list[str]) -> None:
    assert [f.metric for f in figures_of(text)] == expected


def test_compound_units() -> None:
    units = [(f.unit, f.base_unit) for f in figures_of("旅客运输周转量1234.5亿人公里，货物运输周转量199394亿吨公里")]
    assert units == [("亿人公里", "人公里"), ("亿吨公里", "吨公里")]


@pytest.mark.parametrize(
    ("text", "surface", "metric"),
    [
        # a breakdown names the measure it breaks down (national bulletin 2019)
        (
            "规模以上工业增加值比上年增长5.7%。分经济类型看，股份制企业增长6.8%，私营企业增长7.7%",
            "6.8%",
            "股份制企业增加值",
        ),
        ("规模以上工业增加值比上年增长5.7%。分门类看，采矿业增长5.0%，制造业增长6.0%", "6.0%", "制造业增加值"),
        # trap: 城镇新增就业 ends in 业 but is no category
        ("技术合同交易额60亿元、增长20%。城镇新增就业4.2万人", "4.2万人", "城镇新增就业"),
        # verbs before what is counted (七台河 2014)
        ("挽回直接经济损失1944 万元", "1944 万元", "直接经济损失"),
        ("省市级重点园区引入新项目33 个", "33 个", "新项目"),
        ("全市学校进入省级标准化学校66 所", "66 所", "省级标准化学校"),
        ("城市低保标准由每月310 元提高到380 元", "310 元", "城市低保标准"),
        ("建成区绿化覆盖率43.7%", "43.7%", "建成区绿化覆盖率"),  # trap: 建成区 is a noun
        # a work after the thing counted (德阳 2014)
        ("完成农村危房改造3360户", "3360户", "农村危房"),
        ("煤矿事故起数和死亡人数分别下降41.7%、38.5%", "38.5%", "煤矿事故死亡人数"),
    ],
)
def test_metric_of_real_sentences(text: str, surface: str, metric: str) -> None:
    assert _figure(text, surface, year=2014).metric == metric


LIST_TABLE = """**表2 2019年居民消费价格比上年涨跌幅度**

- 单位：%
- 指标 全国
- 城市 农村
- 居民消费价格 2.9 2.8 3.2
- 其中：食品烟酒 7.0 6.7 7.9
- 居 住[14] 1.4 1.3 1.5

**表2  2008年主要工业产品产量及其增长速度**

- 产品名称 单 位 产 量 比上年增长%
- 纱 万吨 2148.9 3.9
- 一次能源生产总量 亿吨标准煤 26.0 5.2
"""  # the national bulletins of 2019 and 2008 (corpus/bulletins-national)


def test_tables_written_as_lists() -> None:
    doc = gwrtrack.read(LIST_TABLE.encode(), name="b.md", region="全国", year=2019, kind="bulletin")
    cells = {(f.surface, f.metric): f for f in gwrtrack.extract(doc).figures if "table_cell" in f.flags}
    assert ("2.8", "城市居民消费价格") in cells and ("7.9", "农村食品烟酒价格") in cells
    assert ("1.4", "居住价格") in cells  # the footnote marker [14] is no number of the row
    assert all(f.unit == "%" and f.measure.value == "growth" for (s, m), f in cells.items() if "价格" in m)
    yarn = cells[("2148.9", "纱产量")]
    assert (yarn.unit, yarn.measure.value) == ("万吨", "amount")
    assert cells[("3.9", "纱产量")].measure.value == "growth"
    assert cells[("26.0", "一次能源生产总量")].unit == "亿吨标准煤"
    assert doc.text[yarn.span.start : yarn.span.end] == "2148.9"


def test_exchange_rate() -> None:
    figs = figures_of("全年人民币平均汇率为1美元兑6.8985元人民币，比上年贬值4.1%。", region="全国", year=2019)
    assert [(f.surface, f.metric, f.measure.value) for f in figs] == [
        ("6.8985元", "人民币平均汇率", "rate"),  # the 1 of 1美元 is the unit quoted, not a figure
        ("4.1%", "人民币平均汇率", "growth"),
    ]


@pytest.mark.parametrize("text", ["数据 1 2 3", "收入 12 345.6 万元", "- 居民消费价格 2.9 2.8 3.2"])
def test_view_offsets_map_back_and_forth(text: str) -> None:
    from gwrtrack.textview import normalise

    view = normalise(text)
    for v in range(len(view.text)):
        assert view.to_view(view.to_original(v)) == v


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a unit written once after a list (七台河 2014): the span stays the bare number
        ("一产和三产分别上升3.0 和8.4 个百分点", [("3.0", "个百分点"), ("8.4 个百分点", "个百分点")]),
        # ratio notation of the three sectors (七台河 2014; 泸州 2021)
        ("三次产业比重为13.2：46.8：40.0", [("13.2", ""), ("46.8", ""), ("40.0", "")]),
        ("三次产业结构由12.7:53.2:34.1调整优化为11.9:48.1:40.0", [("12.7", ""), ("53.2", ""), ("34.1", ""),
                                                              ("11.9", ""), ("48.1", ""), ("40.0", "")]),
        # traps: a time of day, a score, a bare number
        ("会议于10:30开始", []),
        ("以3:2战胜对手", []),
    ],
)  # fmt: skip
def test_runs_of_numbers(text: str, expected: list[tuple[str, str]]) -> None:
    figs = figures_of(text, year=2014, region="七台河市")
    assert [(f.surface, f.unit) for f in figs] == expected
    if "三次产业" in text:
        assert [f.metric for f in figs][:3] == ["一产比重", "二产比重", "三产比重"]
        assert {f.measure.value for f in figs} == {"rate"}


@pytest.mark.parametrize(
    ("text", "surface", "metric"),
    [
        # people counted end the noun: what follows is what was done for them (德阳 2014)
        ("扶持6.03万农村贫困人口改善生产生活条件", "6.03万", "农村贫困人口"),
        ("解决9万农村人口饮水安全问题", "9万", "农村人口"),
        # trap: a list of groups goes on after the first
        ("资助家庭经济困难儿童、孤儿、残疾儿童8532人", "8532人", "家庭经济困难儿童、孤儿、残疾儿童"),
        # 与 before a signing ends the noun; the money is of the thing signed (的 + noun)
        ("14家省级银行与我市企业签署了3290亿元的战略合作协议", "14家", "省级银行"),
        ("14家省级银行与我市企业签署了3290亿元的战略合作协议", "3290亿元", "战略合作协议"),
        ("着力推进7 个方面43 项重点工程，70%的民生项目启动", "70%", "民生项目"),
        # 对 before 贡献率 is part of the indicator's name, 对接 is no preposition
        ("民间投资对投资增长贡献率达70.9%", "70.9%", "民间投资对投资增长贡献率"),
        ("组织银企对接活动10 余次", "10 余次", "银企对接活动"),
        # a verb after 向 names what is measured
        ("市直各部门向乡镇下放行政权力17 项", "17 项", "行政权力"),
        # 有 of 有效 is no verb
        ("新增有效灌面9.9万亩", "9.9万亩", "有效灌面"),
        # a share with no word for it is the thing's 占比; a named 比重 stays
        ("其中非煤项目占92.5%、投资额占87%", "92.5%", "非煤项目占比"),
        ("其中非煤项目占92.5%、投资额占87%", "87%", "非煤项目投资额占比"),
        ("产业项目完成投资142 亿元，占全社会固定资产投资67.3%", "67.3%", "产业项目投资占比"),
        ("民生支出占财政总支出比重达到70%", "70%", "民生支出占财政总支出比重"),
        # an area or investment belongs to the things just counted, and so does the growth after it
        ("建成现代农业产业基地15个，面积超过29万亩", "29万亩", "现代农业产业基地面积"),
        ("推进重点产业项目80 个，比上年增加27 个，总投资157 亿元，增长27%", "27%", "重点产业项目总投资"),
        # a count written right before a measure counts the same noun
        ("改造同仁中巷等13 条2.3 万平方米巷道", "13 条", "巷道"),
        # spending alone names the figure; 引进项目 keeps its verb
        ("研究出台相关政策，投入1 亿多元解决了一批历史遗留信访积案", "1 亿多元", "投入"),
        ("第一轮专业招商共引进项目30 个，总投资42 亿元", "30 个", "引进项目"),
        ("第一轮专业招商共引进项目30 个，总投资42 亿元", "42 亿元", "引进项目总投资"),
        # an inner verb before a two-character measure
        ("达产后每年可新增产值35.6 亿元", "35.6 亿元", "产值"),
        # a count of named projects takes the stage its clause opens with (泸州 2026 digest; 吉林 corpus lines)
        ("开工建设仙鹤纸业、中科电气等50个项目，加快推进泸州老窖智能酿造等30个在建项目", "50个", "开工建设项目"),
        ("开工建设仙鹤纸业、中科电气等50个项目，加快推进泸州老窖智能酿造等30个在建项目", "30个", "在建项目"),
        ("开工建设延吉新机场、珲春北环路等23个项目", "23个", "开工建设项目"),
        ("尽快竣工投产泸州产融碳素原料等20个项目", "20个", "竣工投产项目"),
        # trap: the stage follows each count here, nothing opens the clause
        ("133个项目开工建设、宝能智能家居等292个项目加快推进", "292个", "项目"),
        # 新建成 is one verb: the metric does not keep its 成 (泸州 2022)
        ("新建成高标准农田18.8万亩，粮食产量稳定在230万吨以上", "18.8万亩", "高标准农田"),
        ("新建成5G基站791座，乡镇以上区域5G网络全覆盖", "791座", "5G基站"),
    ],
)
def test_metric_of_prefecture_sentences(text: str, surface: str, metric: str) -> None:
    assert _figure(text, surface, year=2014).metric == metric


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # sectors written apart take the measure of the sector figure before them
        (
            "二产比重下降11.4 个百分点，一产和三产分别上升3.0 和8.4 个百分点",
            ["二产比重", "一产比重", "三产比重"],
        ),
        # items of one length in parallel share what the last runs on with
        (
            "城镇职工医保、城镇居民医保和大病统筹报销年度累计最高支付额分别提高至10 万元、6 万元和23 万元",
            ["城镇职工医保年度累计最高支付额", "城镇居民医保年度累计最高支付额", "大病统筹报销年度累计最高支付额"],
        ),
    ],
)
def test_lists_read_respectively(text: str, expected: list[str]) -> None:
    assert [f.metric for f in figures_of(text, year=2014)] == expected


@pytest.mark.parametrize(
    ("text", "surface", "measure", "status"),
    [
        ("固定资产投资实现29%的快速增长", "29%", "growth", "actual"),
        ("粮食总产量188万吨，同口径增产1.8万吨", "1.8万吨", "change", "actual"),
        # what a finished project will yield is an estimate
        ("一批大项目建成投产，达产后每年可新增产值35.6 亿元", "35.6 亿元", "amount", "expected"),
        # no accident above a threshold is a threshold, not a count
        ("安全生产形势稳定，未发生3 人以上事故", "3 人", "amount", "other"),
        # trap: a duration before 未发生 stays a count of years
        ("实现连续17年未发生重大森林火灾", "17年", "amount", "actual"),
    ],
)
def test_measure_and_status_of_prefecture_sentences(text: str, surface: str, measure: str, status: str) -> None:
    f = _figure(text, surface, year=2014)
    assert (f.measure.value, f.status.value) == (measure, status)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("2013 年是我市近十年来经济发展最为艰难的一年", "十年"),
        ("严格落实24小时旁站式监管", "24小时"),
        ("建成后全部实现24小时稳定供水", "24小时"),
        ("投运国内首座110千伏移动变电站", "110千伏"),
        ("观口水库和茅溪110千伏、兴隆110千伏变电站", "110千伏"),
    ],
)
def test_time_references_modes_and_classes_are_no_figures(text: str, surface: str) -> None:
    assert surface not in [f.surface for f in figures_of(text, year=2014)]


def test_a_time_limit_in_hours_stays_a_figure() -> None:
    assert "24小时" in [f.surface for f in figures_of("群众诉求24小时内办结", year=2014)]


DIGEST = """一图读懂2026年泸州市政府工作报告
2025年工作回顾
全市地区生产总值增长6.1%，城镇新增就业3.5万人。
“十四五”发展成就
五年来，地区生产总值年均增长6.5%。
2026年主要预期目标
地区生产总值增长6%左右，城镇新增就业3万人以上。
2026年重点工作
新建5G基站1000个。
"""


def test_digest_sections_follow_the_parts_they_summarise() -> None:
    doc = gwrtrack.read(DIGEST.encode(), name="digest.txt")
    assert (doc.meta.kind.value, doc.meta.year) == ("digest", 2026)
    got = [(f.surface, f.status.value, f.period) for f in gwrtrack.extract(doc).figures]
    assert got == [
        ("6.1%", "actual", "2025"),
        ("3.5万人", "actual", "2025"),
        ("6.5%", "actual", "2021..2025"),
        ("6%", "target", "2026"),
        ("3万人", "target", "2026"),
        ("1000个", "target", "2026"),
    ]


#: Sentences of the national bulletin of 2019 (gold/more), in a bulletin of its statistical year.
BULLETIN_2019 = (
    "全员劳动生产率为115009元/人，比上年提高6.2%。"
    "全年教育、生态保护和环境治理业固定资产投资（不含农户）分别比上年增长17.7%和37.2%。"
    "按照每人每年2300元（2010年不变价）的农村贫困标准计算，年末农村贫困人口551万人，比上年末减少1109万人。"
    "贫困地区农村居民人均可支配收入11567元，比上年增长11.5%，扣除价格因素，实际增长8.0%。"
)


@pytest.mark.parametrize(
    ("surface", "attribute", "expected"),
    [
        ("6.2%", "measure", "growth"),  # 比上年提高: a growth, of a rate too (劳动生产率)
        ("37.2%", "measure", "growth"),  # the second of 17.7%和37.2% follows the verb before the first
        ("551万人", "period", "2019"),  # trap: 2010年不变价 is a price base, not the period
        ("1109万人", "period", "2019"),
        ("8.0%", "metric", "贫困地区农村居民人均可支配收入"),  # 扣除价格因素，实际增长: the same income
        ("8.0%", "measure", "growth"),
    ],
)
def test_bulletin_sentences(surface: str, attribute: str, expected: str) -> None:
    from gwrtrack.extract.figures import Setting, extract_figures
    from gwrtrack.textview import normalise

    bulletin = Setting(year=2019, region="全国", in_plan=lambda _pos: False, review_year=2019)
    figure = next(f for f in extract_figures(normalise(BULLETIN_2019), bulletin) if f.surface == surface)
    value = getattr(figure, attribute)
    assert getattr(value, "value", value) == expected
