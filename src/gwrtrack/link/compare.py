"""Across regions and years, on the dataset's rows (report/dataset.py): every region's target and outcome for
an indicator and year; one region's series across years; the share of targets met; and 层层加码 — a
city's target beside its province's and the nation's, and how often and by how much lower levels set more.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from gwrtrack.gazetteer import Level, lookup

Row = dict[str, Any]
#: Verdicts that count as met, and those that say nothing yet.
MET = ("已完成", "超额完成")
UNJUDGED = ("无数据", "待上级数据")


#: Full-width signs reports write for the same unit (８％ and 8%).
FULL_WIDTH_UNITS = str.maketrans({"％": "%"})


def same_unit(unit: str) -> str:
    return (unit or "").translate(FULL_WIDTH_UNITS).strip()


def _plain_verdict(row: Row) -> str:
    return str(row["computed_verdict"])


def of(rows: Sequence[Row], indicator: str, year: int | None = None, region: str | None = None) -> list[Row]:
    return [
        r for r in rows
        if r["indicator"] == indicator and (year is None or r["year"] == year) and (region is None or r["region"] == region)
    ]  # fmt: skip


def headline(rows: Sequence[Row]) -> list[Row]:
    """One target per region, year and measure (the first stated: the headline list comes first)."""
    seen: set[tuple[str, int, str]] = set()
    out = []
    for r in sorted(rows, key=lambda r: (r["region"], r["year"] or 0, r["target_measure"], r["target_start"])):
        key = (r["region"], r["year"], r["target_measure"])
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


#: How many indicators a chooser offers (the rest are metrics a single report names).
MAX_INDICATORS = 200


def indicators(rows: Sequence[Row], most: int = MAX_INDICATORS) -> list[tuple[str, int]]:
    """Indicators with how many regions and years state a target for them, most first (at most ``most``)."""
    count: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for r in rows:
        count[r["indicator"]].add((r["region"], r["year"]))
    return most_stated(((k, len(v)) for k, v in count.items()), most)


def most_stated(counts: Iterable[tuple[str, int]], most: int = MAX_INDICATORS) -> list[tuple[str, int]]:
    """(indicator, regions and years) pairs, most first, at most ``most``."""
    return sorted(counts, key=lambda kv: (-kv[1], kv[0]))[:most]


@dataclass(frozen=True)
class Share:
    region: str
    year: int
    met: int
    judged: int

    @property
    def share(self) -> float:
        return self.met / self.judged if self.judged else 0.0


def shares_met(rows: Sequence[Row]) -> list[Share]:
    """Per region and year: of the targets with an outcome, how many were met."""
    counted: dict[tuple[str, int, str], int] = defaultdict(int)
    for r in rows:
        counted[(r["region"], r["year"], _plain_verdict(r))] += 1
    return shares_of(counted.items())


def shares_of(counts: Iterable[tuple[tuple[str, int | None, str], int]]) -> list[Share]:
    """:func:`shares_met` from ((region, year, computed verdict), rows) counts."""
    tally: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for (region, year, verdict), n in counts:
        if verdict in UNJUDGED or year is None:
            continue
        found = tally[(region, year)]
        found[1] += n
        found[0] += n if verdict in MET else 0
    return [Share(region, year, met, judged) for (region, year), (met, judged) in sorted(tally.items())]


@dataclass(frozen=True)
class Cascade:
    """A lower level's target beside its province's and the nation's (same indicator, year and measure)."""

    row: Row
    province: Row | None
    nation: Row | None

    @property
    def above_province(self) -> float | None:
        return self._excess(self.province)

    @property
    def above_nation(self) -> float | None:
        return self._excess(self.nation)

    def _excess(self, upper: Row | None) -> float | None:
        """How much more the lower level asks of itself: above for a floor, below for a ceiling (居民消费价格)."""
        if upper is None or same_unit(upper["target_unit"]) != same_unit(self.row["target_unit"]):
            return None
        gap = float(self.row["target_value"]) - float(upper["target_value"])
        return -gap if self.row["direction"] == "lower" else gap


def cascades(rows: Sequence[Row], indicator: str, year: int) -> list[Cascade]:
    """Every city's and county's target of ``indicator`` in ``year`` with its province's and the nation's."""
    chosen = headline(of(rows, indicator, year))
    by_place = {(r["region"], r["target_measure"]): r for r in chosen}
    out = []
    for r in chosen:
        place = lookup(r["region"])
        if place is None or place.level not in (Level.PREFECTURE, Level.COUNTY):
            continue
        out.append(
            Cascade(r, by_place.get((place.province, r["target_measure"])), by_place.get(("全国", r["target_measure"])))
        )
    return out


@dataclass(frozen=True)
class CascadeSummary:
    province: str
    compared: int
    higher: int
    mean_excess: float

    @property
    def share_higher(self) -> float:
        return self.higher / self.compared if self.compared else 0.0


def cascade_summary(items: Sequence[Cascade]) -> list[CascadeSummary]:
    """Per province: how many of its cities set a target above the province's, and by how much on average."""
    groups: dict[str, list[float]] = defaultdict(list)
    for c in items:
        excess = c.above_province
        if excess is not None and c.province is not None:
            groups[c.province["region"]].append(excess)
    return [CascadeSummary(p, len(v), sum(1 for x in v if x > 0), sum(v) / len(v)) for p, v in sorted(groups.items())]
