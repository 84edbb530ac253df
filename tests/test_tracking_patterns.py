"""Each named pattern of projects, links and verdicts, with real examples and the traps it must not take."""

from __future__ import annotations

import re

import pytest

from gwrtrack.extract import projects as p
from gwrtrack.extract import tasks as t
from gwrtrack.link import projects as lp
from gwrtrack.link import verdicts as v


@pytest.mark.parametrize(
    ("pattern", "text", "hit"),
    [
        (p.ROAD_CODE_RE, "G353泸宜快速通道", True),
        (p.ROAD_CODE_RE, "S317（古蔺段）", True),
        (p.ROAD_CODE_RE, "5G智慧港口项目", False),  # 5G is no road
        (p.ROAD_CODE_RE, "GDP增长", False),
        (p.LIST_CLOSER_RE, "仙鹤纸业、中科电气等50个项目", True),
        (p.LIST_CLOSER_RE, "三级甲等医院", False),  # 甲等 is a grade, not a list closer
        (p.LIST_CLOSER_RE, "平等协商", False),
        (p.PROJECT_LIST_NOUN_RE, "50个项目", True),
        (p.PROJECT_LIST_NOUN_RE, "总投资2716亿元的81个重点项目建设", True),
        (p.PROJECT_LIST_NOUN_RE, "领域加快实施一批重大项目", False),  # 集成电路、人工智能等领域
        (p.PROJECT_LIST_NOUN_RE, "工作", False),  # 国家安全、人民防空等工作
        (p.COUNTED_PREFIX_RE, "45个重点项目", True),
        (p.COUNTED_PREFIX_RE, "三大消费地标", True),
        (p.COUNTED_PREFIX_RE, "10大类60项民生实事", True),
        (p.COUNTED_PREFIX_RE, "5G智慧水运口岸", False),
        (p.COUNTED_PREFIX_RE, "二环路", False),
        (p.ASPIRATION_RE, "全国重要的", True),
        (p.ASPIRATION_RE, "国内金属增材制造产业基地", True),
        (p.ASPIRATION_RE, "国际葡萄与葡萄酒宁夏交流合作中心", False),
        (p.ROLE_NAME_RE, "川南省域经济副中心", True),
        (p.ROLE_NAME_RE, "泸永江融合发展示范区", True),
        (p.ROLE_NAME_RE, "川南公共卫生临床中心", False),
        (p.ACTION_IN_NAME_RE, "全市二级及以上公立医院开展就医体验感“五心”医院", True),
        (p.ACTION_IN_NAME_RE, "发行地方政府专项债券资金1327亿元支持项目", True),
        (p.ACTION_IN_NAME_RE, "洛阳等10个国家物流枢纽", True),
        (p.ACTION_IN_NAME_RE, "鹭燕医药川南运营中心和产业基地", False),  # 运营 inside a name
        (p.PROGRAMME_WORDS_RE, "医疗卫生强基工程", True),
        (p.PROGRAMME_WORDS_RE, "文化惠民工程", True),
        (p.PROGRAMME_WORDS_RE, "向家坝灌区一期二步工程", False),
        (p.CONCRETE_WORK_RE, "隆黄铁路隆叙段扩能改造", True),
        (p.CONCRETE_WORK_RE, "鑫淼森1万吨进口牛肉加工", True),
        (p.CONCRETE_WORK_RE, "罗汉林乡村振兴产业融合", True),  # a named place: 罗汉林乡
        (p.CONCRETE_WORK_RE, "城乡居民增收", False),
        (p.CONCRETE_WORK_RE, "农村电商高质量发展", False),
        (p.BRACKETED_NAME_RE, "国家区域医疗中心（山东省立医院泸州医院）", True),
        (p.BRACKETED_NAME_RE, "川南公共卫生临床中心（一期）", False),  # a phase, not a name
        (p.PLACE_IN_NAME_RE, "叙永县毛梨坪", True),
        (p.PLACE_IN_NAME_RE, "构建市", False),
        (p.TRAILING_ADVERB_RE, "叙毕铁路历时7年", True),
        (p.TRAILING_ADVERB_RE, "四川中国白酒博物馆成功", True),
        (p.TRAILING_OBJECT_RE, "长江国家文化公园泸州段规划", True),
        (p.CATEGORY_RE, "大中小各类项目", True),
        (p.CATEGORY_RE, "改造4075公里城市地下管网", True),
        (p.CATEGORY_RE, "防城港30万吨级进港航道一期", False),
        (t.PREAMBLE_RE, "2024年是实施“十四五”规划的关键一年", True),
        (t.PREAMBLE_RE, "做好全年政府工作，必须始终坚定", True),
        (t.PREAMBLE_RE, "加快建设泸古高速", False),
        (t.TARGET_CONTINUATION_RE, "在实际工作中努力争取更好结果", True),
        (t.TARGET_CONTINUATION_RE, "城镇新增就业50万人", False),
        (v.RELATIVE_TARGET_RE, "地区生产总值增速高于全省", True),
        (v.RELATIVE_TARGET_RE, "城镇调查失业率低于全国平均水平", True),
        (v.RELATIVE_TARGET_RE, "粮食产量稳定在", False),
        (v.YEAR_PERIOD_RE, "2024", True),
        (v.YEAR_PERIOD_RE, "2023-Q1..2023-Q3", False),  # a part of a year is not compared with a year's target
        (v.YEAR_PERIOD_RE, "2026..2030", False),
        (lp.PHASE_SUFFIX_RE, "城东污水处理厂二期工程", True),
        (lp.PHASE_SUFFIX_RE, "合江县龙卦山旅游扶贫项目（一期）", True),
        (lp.PHASE_SUFFIX_RE, "泸古高速", False),
        (lp.ROUTE_RE, "泸州至古蔺高速", True),
        (lp.ROUTE_RE, "自贡至泸州港大件公路", True),
        (lp.ROUTE_RE, "渝昆高铁泸州段", False),
    ],
)
def test_pattern(pattern: re.Pattern[str], text: str, hit: bool) -> None:
    assert (pattern.search(text) is not None) is hit


@pytest.mark.parametrize(
    ("region", "stem"),
    [
        ("泸州市", "泸州"),
        ("四川省", "四川省"),
        ("凉山彝族自治州", "凉山彝族"),
        ("叙永县", "叙永"),
        ("阿里地区", "阿里"),
    ],
)
def test_region_suffix(region: str, stem: str) -> None:
    assert v.REGION_SUFFIX_RE.sub("", region) == stem
