"""Chart data for static/charts.js: one chart per unit (亿元, %, 位 never share an axis), time along x,
one series per region and status (targets beside results), coloured by region."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from gwrtrack.labels import label


@dataclass(frozen=True)
class Point:
    period: str
    unit: str
    region: str
    status: str
    value: float


def charts_by_unit(points: Iterable[Point]) -> list[dict[str, Any]]:
    """``[{"unit", "labels", "series": [{"name", "region", "data", "faded"}]}]``, the most used unit first.

    Where one region and status has several values for a period, the first one is drawn.
    """
    by_unit: dict[str, list[Point]] = {}
    for p in points:
        by_unit.setdefault(p.unit, []).append(p)
    charts = []
    for unit, group in sorted(by_unit.items(), key=lambda kv: -len(kv[1])):
        labels = sorted({p.period or "时期未知" for p in group})
        series: dict[tuple[str, str], list[float | None]] = {}
        for p in group:
            values = series.setdefault((p.region, p.status), [None] * len(labels))
            i = labels.index(p.period or "时期未知")
            if values[i] is None:
                values[i] = p.value
        charts.append(
            {
                "unit": unit,
                "labels": labels,
                "series": [
                    {"name": f"{region} {label('status', status)}".strip(), "region": region, "data": data,
                     "faded": status == "target"}
                    for (region, status), data in sorted(series.items())
                ],
            }
        )  # fmt: skip
    return charts
