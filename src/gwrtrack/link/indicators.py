"""The indicator catalogue: standard statistical indicators and the words reports use for them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path

from gwrtrack.extract.vocab import words
from gwrtrack.link.catalogue import CatalogueError, bundled, load_yaml, stamped


class Direction(StrEnum):
    HIGHER = "higher"  # a target is a floor: more is better
    LOWER = "lower"  # a target is a ceiling: 失业率, 居民消费价格


@dataclass(frozen=True)
class Indicator:
    name: str
    synonyms: tuple[str, ...]
    direction: Direction = Direction.HIGHER
    index_base: float | None = None


@dataclass(frozen=True)
class Tolerance:
    """VERDICTS.md: the band of 左右 (±0.2 percentage points for %, ±2% of an amount), and how far past a
    floor an outcome must be for 超额完成 (0.5 percentage points, 5% of an amount)."""

    percent: float = 0.2
    relative: float = 0.02
    exceed_percent: float = 0.5
    exceed_relative: float = 0.05


@dataclass(frozen=True)
class IndicatorCatalogue:
    indicators: tuple[Indicator, ...]
    tolerance: Tolerance = Tolerance()
    #: metric → indicator, remembered: a store repeats the same metrics many times.
    _matched: dict[str, Indicator | None] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def by_name(self, name: str) -> Indicator | None:
        return next((i for i in self.indicators if i.name == name), None)

    def match(self, metric: str) -> Indicator | None:
        """The indicator whose longest synonym ``metric`` contains (规上工业增加值 before 工业增加值), when the
        words around it only say where or how it is counted (全市…增速): 服务业增加值占地区生产总值比重,
        万元GDP用水量, 工业固定资产投资 and 城镇居民收入 (a part of 居民收入) are other measures."""
        if metric in self._matched:
            return self._matched[metric]
        best: tuple[int, Indicator, str] | None = None
        for indicator in self.indicators:
            for word in indicator.synonyms:
                if word in metric and (best is None or len(word) > best[0]):
                    best = (len(word), indicator, word)
        found = best[1] if best is not None and _only_scope_around(metric, best[2]) else None
        self._matched[metric] = found
        return found


#: Ends of the words before an indicator's name that make it another measure: a ratio (人均生产总值, 万元GDP
#: 用水量, 户籍人口城镇化率) or a part of the whole (海洋生产总值, 县域GDP, 园区规模以上工业增加值, 制造业…).
OTHER_MEASURE_BEFORE = words(
    "人均 单位 万元 亿元 每 户籍人口 城镇常住 农村常住 城镇 农村 县域 园区 开发区 新区 海洋 电商 跨境电商 民营 非公 "
    "产业 业 经济 板块 企业 农场 系统"
)
#: Words after an indicator's name that make it another measure (占GDP比重, 万元GDP用水量, 对经济增长的贡献率,
#: 进出口实绩企业, 收入中位数) or a list of several (城镇居民人均可支配收入和农民人均纯收入). Other words after
#: it are how the text goes on (增速, 总额, 稳控在, 逐季升位) and keep the indicator.
OTHER_MEASURE_AFTER = words(
    "比重 占 用水量 能耗 贡献 企业 项目 中位数 到位资金 工程 事故 死亡 、 和 及 与 密度 强度 效率 利润 税收 人数 户数 个数 "
    "面积 收入 产值 投资 成本 增加值"
)


def _only_scope_around(metric: str, word: str) -> bool:
    k = metric.find(word)
    before, after = metric[:k], metric[k + len(word) :]
    if "占" in before or "的" in before or before.endswith(OTHER_MEASURE_BEFORE):
        return False  # 服务业增加值占地区生产总值比重, 对非洲的进出口额, 人均地区生产总值
    if after.endswith("比") and not after.endswith("可比"):
        return False  # 城乡居民收入比: a ratio (一般公共预算收入可比 is the same income, counted comparably)
    return not any(other in after for other in OTHER_MEASURE_AFTER)


def load_indicators(path: Path | None = None) -> IndicatorCatalogue:
    """The catalogue in ``path``, or the bundled one."""
    return _load(*stamped(path or bundled("indicators.yaml")))


@cache
def _load(path: Path, _mtime: int) -> IndicatorCatalogue:
    data = load_yaml(path, "indicators")
    tol = data.get("tolerance") or {}
    items = []
    for n, raw in enumerate(data["indicators"], 1):
        if not isinstance(raw, dict) or not raw.get("name"):
            raise CatalogueError(f"catalogue {path}: indicator {n} has no name")
        try:
            direction = Direction(raw.get("direction", "higher"))
        except ValueError:
            raise CatalogueError(f"catalogue {path}: {raw['name']}: direction must be higher or lower") from None
        synonyms = tuple(str(s) for s in raw.get("synonyms") or [raw["name"]])
        base = raw.get("index_base")
        items.append(Indicator(str(raw["name"]), synonyms, direction, float(base) if base is not None else None))
    default = Tolerance()
    tolerance = Tolerance(
        *(float(tol.get(k, getattr(default, k))) for k in ("percent", "relative", "exceed_percent", "exceed_relative"))
    )
    return IndicatorCatalogue(tuple(items), tolerance)
