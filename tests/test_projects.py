"""Projects: names, lifecycle stages, vocabularies and links across documents, on real sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

import gwrtrack
from conftest import PROVINCES
from gwrtrack.evaluate_projects import evaluate_project_seeds
from gwrtrack.extract.figures import Setting
from gwrtrack.extract.project_vocab import Stage, facility_head_re, stage_cue_re, stage_of
from gwrtrack.extract.projects import ProjectMention, extract_projects
from gwrtrack.link.projects import Mention, link_projects, name_key, same_project
from gwrtrack.textview import normalise


def projects_of(text: str, *, plan: bool = True, year: int = 2024) -> list[ProjectMention]:
    return extract_projects(normalise(text), Setting(year=year, region="泸州市", in_plan=lambda _p: plan))


def names(text: str, **kw: object) -> list[tuple[str, str]]:
    return [(m.surface, m.status.value) for m in projects_of(text, **kw)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list the text itself calls projects, whatever the names end with
        ("开工建设仙鹤纸业、中科电气等50个项目。", [("仙鹤纸业", "start"), ("中科电气", "start")]),
        # facility head nouns; a section in brackets and a road code stay in the name
        (
            "加快推进自永高速、G321（纳溪段）、G353（华阳段）建设。",
            [("自永高速", "building"), ("G321（纳溪段）", "building"), ("G353（华阳段）", "building")],
        ),
        (
            "积极推进渝叙筠高速、古仁高速、大村至遵义铁路等前期工作。",
            [("渝叙筠高速", "prep"), ("古仁高速", "prep"), ("大村至遵义铁路", "prep")],
        ),
        ("茜草长江大桥、纳溪长江大桥顺利通车。", [("茜草长江大桥", "done"), ("纳溪长江大桥", "done")]),
        # the strongest cue wins: 立项 over 完成, 即将建成通车 is still building, 主体完工 is not done
        ("力争完成永宁水库立项审批。", [("永宁水库", "prep")]),
        ("古金高速即将建成通车。", [("古金高速", "building")]),
        ("力争川南公共卫生临床中心（一期）等主体完工。", [("川南公共卫生临床中心（一期）", "building")]),
        ("启动叙永县毛梨坪、古蔺县茅草岭风电场建设。", [("叙永县毛梨坪", "start"), ("古蔺县茅草岭风电场", "start")]),
        # a designation is not a project: only its subject is
        ("山东省立医院泸州医院获批第五批国家区域医疗中心项目。", [("山东省立医院泸州医院", "prep")]),
        ("加快推进国家区域医疗中心（山东省立医院泸州医院）建设。", [("山东省立医院泸州医院", "building")]),
        # descriptors, quotes and footnote markers are not part of the name
        ("启用川南首个医药健康产业审查评价服务中心。", [("医药健康产业审查评价服务中心", "done")]),
        (
            "基本建成“城市大脑”[8]，城市综合管理服务平台（一期）正式运行。",
            [("城市大脑", "done"), ("城市综合管理服务平台（一期）", "done")],
        ),
        ("抓好“巴蜀鱼米之乡”等项目建设。", [("巴蜀鱼米之乡", "building")]),
        ("日盛铜箔项目从首次洽谈到建成投产仅用时8个月。", [("日盛铜箔项目", "done")]),
        ("加快中国白酒博物馆和三大消费地标项目建设。", [("中国白酒博物馆", "building")]),
        ("支持屈氏庄园创建国家4A级旅游景区。", [("屈氏庄园", "other")]),
        ("泸州港连续5年获批国家临时开放水运口岸。", [("泸州港", "other")]),  # a renewed status, no stage
        ("优化泸州云龙机场航线网络。", [("泸州云龙机场", "other")]),
        # from the provincial reports
        (
            "株洲中车IGBT、永州紫金锂业、邵阳邵虹基板玻璃等项目建成投产。",
            [("株洲中车IGBT", "done"), ("永州紫金锂业", "done"), ("邵阳邵虹基板玻璃", "done")],
        ),
        ("二是国际葡萄与葡萄酒宁夏交流合作中心正式运行。", [("国际葡萄与葡萄酒宁夏交流合作中心", "done")]),
        ("三晋人民期盼已久的黄河古贤水利枢纽工程开工建设。", [("黄河古贤水利枢纽工程", "start")]),
        ("推进闽西南水资源配置工程、龙湘水库等前期工作。", [("闽西南水资源配置工程", "prep"), ("龙湘水库", "prep")]),
    ],
)
def test_project_mentions(text: str, expected: list[tuple[str, str]]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "加快建设全国重要的绿色化工产业基地。",  # an aspiration, not a named facility
        "打造一批数字化转型促进中心和智能制造示范工厂。",  # 一批: unnamed
        "推进旧城改造整修等项目70个以上。",  # a count of projects
        "高质量建设泸永江融合发展示范区。",  # a role, not a facility
        "实施文化惠民工程。",  # a programme named 工程
        "实施“川货寄递”工程[33]。",  # a slogan programme
        "推动与宜宾组团建设川南省域经济副中心。",
        "扎实做好国家安全、人民防空、退役军人事务和双拥共建等工作。",  # 等工作: not projects
        "支持即时零售、直播电商、社交电商等加快发展。",
        "深入推进“一刻钟便民生活圈”[25]建设。",  # a quoted slogan under a building verb
        "高水平举办第十八届中国国际酒业博览会。",  # an event, 第十八届
        "以实际行动坚定拥护“两个确立”、坚决做到“两个维护”。",
        "推动5G网络建设，加快发展新质生产力。",
        "促进房地产市场平稳健康发展，推进保障性住房建设。",
        "加快建设与新兴产业相适应的无人驾驶、智慧交通、低空起降等设施。",
        # from the provincial reports: generic facilities, industries, programmes
        "统筹建设国家物流枢纽、综合货运枢纽。",
        "在集成电路、生物医药、人工智能等领域加快实施一批重大项目。",
        "加快融资平台和城投公司改革转型。",
        "实施城乡居民增收工程。",
        "实施县域高中振兴工程和薄弱学校提升工程。",
        "建设改造4075公里城市地下管网。",
        "加快建设国家科技创新中心。",
        "打造旅游名县、精品环线。",
        "推动建设绿色园区、绿电园区、零碳园区。",
        "推进小流域综合治理等项目。",
        "加快电力外送通道和电网重点项目建设。",
    ],
)
def test_not_projects(text: str) -> None:
    assert names(text) == []


def test_year_follows_the_part() -> None:
    assert projects_of("叙毕铁路历时7年建成通车。", plan=False)[0].year == 2023
    assert projects_of("建成渝昆高铁泸州段。", plan=True)[0].year == 2024


def test_spans_point_into_the_original() -> None:
    text = "加快建设泸古高速、自永高速泸州段等项目。"
    for m in projects_of(text):
        assert text[m.span.start : m.span.end] == m.surface


@pytest.mark.parametrize(
    ("cue", "stage"),
    [
        ("建成投用", Stage.DONE),
        ("开工建设", Stage.START),
        ("前期工作", Stage.PREP),
        ("加快建设", Stage.BUILDING),
        ("优化", Stage.OTHER),
    ],
)
def test_stage_cues(cue: str, stage: Stage) -> None:
    assert stage_cue_re().fullmatch(cue)
    assert stage_of([cue]) is stage


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("泸古高速", "高速"),
        ("永宁水库", "水库"),
        ("龙翔西路（二段）", "西路"),
        ("渝昆高铁泸州段", "高铁"),
        ("石龙岩码头", "码头"),
    ],
)
def test_facility_heads(name: str, head: str) -> None:
    match = facility_head_re().search(name)
    assert match is not None and match.group("head") == head


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("泸古高速", "泸州至古蔺高速", True),
        ("四川中国白酒博物馆", "中国白酒博物馆", True),
        ("泸州老窖智能酿造技改", "泸州老窖智能酿造", True),
        ("G321（纳溪段）", "G321纳溪段", True),
        ("自贡至泸州港公路泸州段", "自贡至泸州港大件公路", True),
        ("茜草长江大桥", "纳溪长江大桥", False),
        ("城南污水处理厂（二期）", "城东污水处理厂二期工程", False),
        ("G321（纳溪段）", "G353（华阳段）", False),
    ],
)
def test_same_project(a: str, b: str, same: bool) -> None:
    assert same_project(name_key(a, ["泸州"]), name_key(b, ["泸州"])) is same


def test_link_across_documents_orders_by_year() -> None:
    old = projects_of("山东省立医院泸州医院获批第五批国家区域医疗中心项目。", plan=False, year=2024)
    new = projects_of("山东省立医院泸州医院建成投用。", year=2026)
    entities = link_projects([Mention("b", 2026, new[0]), Mention("a", 2023, old[0])])
    assert len(entities) == 1
    assert [m.mention.status.value for m in entities[0].mentions] == ["prep", "done"]
    assert entities[0].latest_status is Stage.DONE


def test_seed_gold_scores() -> None:
    score = evaluate_project_seeds()
    assert score.f1 >= 0.85
    assert score.status_accuracy >= 0.85
    assert score.links.precision >= 0.8 and score.links.recall >= 0.7


@pytest.mark.parametrize("path", PROVINCES[::4], ids=lambda p: p.stem)
def test_provincial_project_names_are_clean(path: Path) -> None:
    doc = gwrtrack.read(path)
    result = gwrtrack.extract(doc)
    assert result.projects, "every provincial report names projects"
    for m in result.projects:
        assert doc.text[m.span.start : m.span.end] == m.surface
        assert 2 <= len(m.surface) <= 40
        assert not any(ch in m.surface for ch in "，。；、"), m.surface
        assert "亿元" not in m.surface and "一批" not in m.surface, m.surface


@pytest.mark.parametrize(
    ("sentence", "name", "found"),
    [
        # generic facilities of the prefecture corpus are no projects
        ("加快综合救援基地建设", "综合救援基地", False),  # 七台河 2020
        ("加快建设口袋公园", "口袋公园", False),  # 云浮 2023
        ("推进科技成果中试熟化基地建设", "科技成果中试熟化基地", False),  # 德阳 2021
        ("规划建设承接产业有序转移主平台", "承接产业有序转移主平台", False),  # 云浮 2023
        ("加快推进森林消防训练基地建设", "森林消防训练基地", False),  # 云浮 2023
        # named ones stay (traps: 市 makes it the city's own; a product word before a head names it)
        ("加快市中医院建设", "市中医院", True),  # 东营 2021
        ("推动石材泛家居应用体验中心建设", "石材泛家居应用体验中心", True),  # 云浮 2023
        ("开工建设西部软件评测中心", "西部软件评测中心", True),  # 德阳 2021
        ("加快云浮水源山抽水蓄能电站建设", "云浮水源山抽水蓄能电站", True),  # 云浮 2023
        # a station is a railway station by name (高铁酒泉南站); 工作站 and 服务站 are no projects
        ("按期完成高铁酒泉南站建设", "高铁酒泉南站", True),  # 酒泉 corpus line
        ("加快建设院士工作站", "院士工作站", False),
        ("加快建设退役军人服务站", "退役军人服务站", False),
        # a slogan counting its parts is a programme (corpus: 三基地一枢纽, 一区两园一基地); numbers written out stay
        ("加快三基地一枢纽建设", "三基地一枢纽", False),
        ("推进一区两园一基地建设", "一区两园一基地", False),
        ("加快四零七医院建设", "四零七医院", True),
        ("推进一中二期建设", "一中二期", True),
    ],
)
def test_generic_facilities_are_no_projects(sentence: str, name: str, found: bool) -> None:
    assert (name in [m.surface for m in projects_of(sentence, plan=True)]) is found


def test_phases_stay_apart_and_planned_stages_are_marked() -> None:
    from gwrtrack.link.projects import Mention, link_projects

    plan = projects_of("建成泸州港多用途码头二期工程，开工建设泸州港多用途码头三期。", plan=True)
    review = projects_of("泸州港多用途码头二期工程建成投运。", plan=False, year=2025)
    assert all(m.planned for m in plan) and not any(m.planned for m in review)
    entities = link_projects([Mention("plan", 2024, m) for m in plan] + [Mention("review", 2024, m) for m in review])
    names = sorted(e.name for e in entities)
    assert names == ["泸州港多用途码头三期", "泸州港多用途码头二期"]
    second = next(e for e in entities if e.name.endswith("二期"))
    assert [(m.mention.status.value, m.mention.planned) for m in second.mentions] == [("done", True), ("done", False)]


@pytest.mark.parametrize(
    "sentence",
    [
        "实施石墨烯改性新材料、功能高分子材料、碳基新材料等项目",  # 东营 2021: products, not projects
        "加快建设各级互联网医院",  # a category of facilities
        "加快人工智能、物联网建设",
    ],
)
def test_products_and_categories_are_no_projects(sentence: str) -> None:
    surfaces = [m.surface for m in projects_of(sentence, plan=True)]
    assert not any(s.endswith(("材料", "人工智能")) or s.startswith("各级") for s in surfaces), surfaces
