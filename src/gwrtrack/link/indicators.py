"""The indicator catalogue: standard statistical indicators and the words reports use for them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path

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
        """The indicator whose longest synonym ``metric`` contains (规上工业增加值 before 工业增加值)."""
        if metric in self._matched:
            return self._matched[metric]
        best: tuple[int, Indicator] | None = None
        for indicator in self.indicators:
            for word in indicator.synonyms:
                if word in metric and (best is None or len(word) > best[0]):
                    best = (len(word), indicator)
        self._matched[metric] = best[1] if best else None
        return self._matched[metric]


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
