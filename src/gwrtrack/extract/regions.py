"""The region a figure is about: the document's, unless its metric opens with another division.

泸县地区生产总值 in 泸州's report is 泸县's, 东部地区生产总值 in a national bulletin is 东部地区's.
Only a measure of a place as a whole moves a figure to it (REGIONAL_AGGREGATES): 四川省著名商标 is a
title awarded in 德阳, not a figure about 四川省.
"""

from __future__ import annotations

from functools import lru_cache

from gwrtrack import gazetteer
from gwrtrack.extract.vocab import words

#: Groupings of provinces a national bulletin reports on.
REGION_GROUPINGS = sorted(
    words(
        "东部地区 中部地区 西部地区 东北地区 京津冀地区 长江经济带 长江三角洲地区 长三角地区 粤港澳大湾区 黄河流域 成渝地区双城经济圈"
    ),
    key=len,
    reverse=True,
)
#: What is measured of a place as a whole: after a place name, these make the figure that place's.
REGIONAL_AGGREGATES = words(
    "地区生产总值 生产总值 经济总量 一般公共预算收入 地方一般公共预算收入 公共财政预算收入 固定资产投资 社会消费品零售总额 "
    "常住人口 户籍人口 城镇化率 常住人口城镇化率 居民人均可支配收入 城镇居民人均可支配收入 农村居民人均可支配收入 "
    "进出口总额 外贸进出口总额 规模以上工业增加值 粮食产量 粮食总产量"
)
GROUPING_STARTS = tuple({g[:2] for g in REGION_GROUPINGS})
#: The last character of a division's full name: 市, 县, 区, 州, 省, 盟, 旗 (自治区, 自治州, 地区 included).
LEVEL_ENDINGS = frozenset("市县区州省盟旗")
#: Scope words that say "the whole of the document's region" in a national text.
NATIONAL_SCOPE = "全国"
MAX_PLACE_CHARS = 12


@lru_cache(maxsize=8192)
def figure_region(metric: str, doc_region: str) -> tuple[str, str]:
    """``(region, metric)`` of a figure whose metric was read as ``metric`` in a document of ``doc_region``.

    Remembered: the same metrics come back in every report of a region."""
    if doc_region == gazetteer.NATION.name and metric.startswith(NATIONAL_SCOPE) and len(metric) > 4:
        metric = metric[len(NATIONAL_SCOPE) :]  # 全国就业人员 in the State Council's text: 就业人员
    if metric.startswith(GROUPING_STARTS):
        for grouping in REGION_GROUPINGS:
            if metric.startswith(grouping):
                rest = _aggregate(metric[len(grouping) :], grouping)
                if rest:
                    return grouping, rest
    # a division's full name ends with its level word: only those cuts are looked up (fast on every figure)
    for size in range(min(MAX_PLACE_CHARS, len(metric) - 2), 1, -1):
        if metric[size - 1] not in LEVEL_ENDINGS:
            continue
        place = gazetteer.lookup(metric[:size])
        if place is not None and place.name != doc_region:
            rest = _aggregate(metric[size:], place.name)
            if rest:
                return place.name, rest
    return doc_region, metric


def _aggregate(rest: str, place: str) -> str:
    """The rest of a metric if it measures a place as a whole (东部地区|生产总值 shares 地区: 地区生产总值)."""
    if place.endswith("地区") and rest.startswith("生产总值"):
        rest = "地区" + rest
    return rest if rest.startswith(REGIONAL_AGGREGATES) else ""
