"""Dashboard numbers from the board (store/progress.py ``board``): totals by status, by light and by
department, a ranking of departments, the lagging list. Every number is the length of a ``pick`` of the
same board with the same filter, so a number and the list it opens cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from gwrtrack.track.progress import LIGHT_ZH, PROGRESS_ZH, Assessment, Light, Progress

NO_LEAD = "（未定牵头单位）"


class _Task(Protocol):
    @property
    def lead(self) -> str: ...


class OnBoard(Protocol):
    @property
    def task(self) -> _Task: ...

    @property
    def assessment(self) -> Assessment: ...


@dataclass(frozen=True)
class Filter:
    """What a dashboard number counts and the list it opens shows: each field, when set, must match."""

    progress: str = ""
    light: str = ""
    department: str = ""

    def query(self) -> str:
        parts = [f"{k}={v}" for k, v in (("progress", self.progress), ("light", self.light)) if v]
        if self.department:
            from urllib.parse import quote

            parts.append(f"department={quote(self.department)}")
        return "&".join(parts)

    def describe(self) -> str:
        words = [self.department] if self.department else []
        if self.progress:
            words.append(PROGRESS_ZH[Progress(self.progress)])
        if self.light:
            words.append(LIGHT_ZH[Light(self.light)])
        return "、".join(words) or "全部任务"


def lead_of(item: OnBoard) -> str:
    return item.task.lead or NO_LEAD


T = TypeVar("T", bound=OnBoard)


def pick(items: Sequence[T], f: Filter) -> list[T]:
    return [
        i
        for i in items
        if (not f.progress or i.assessment.progress.value == f.progress)
        and (not f.light or i.assessment.light.value == f.light)
        and (not f.department or lead_of(i) == f.department)
    ]


@dataclass(frozen=True)
class Count:
    label: str
    filter: Filter
    n: int


def by_progress(items: Sequence[OnBoard]) -> list[Count]:
    return [Count(PROGRESS_ZH[p], f := Filter(progress=p.value), len(pick(items, f))) for p in Progress]


def by_light(items: Sequence[OnBoard]) -> list[Count]:
    return [Count(LIGHT_ZH[light], f := Filter(light=light.value), len(pick(items, f))) for light in Light]


@dataclass(frozen=True)
class DepartmentRow:
    department: str
    total: Count
    lights: list[Count]
    lagging: Count
    missing: Count

    @property
    def green_share(self) -> float:
        green = next(c.n for c in self.lights if c.filter.light == Light.GREEN.value)
        return green / self.total.n if self.total.n else 0.0


def ranking(items: Sequence[OnBoard]) -> list[DepartmentRow]:
    """Departments by the share of their tasks on green, then by fewer red, then by name."""
    rows = []
    for dept in sorted({lead_of(i) for i in items}):
        mine = Filter(department=dept)
        rows.append(
            DepartmentRow(
                dept,
                Count("任务", mine, len(pick(items, mine))),
                [
                    Count(LIGHT_ZH[lt], f := Filter(light=lt.value, department=dept), len(pick(items, f)))
                    for lt in Light
                ],
                Count("滞后", f := Filter(progress=Progress.LAGGING.value, department=dept), len(pick(items, f))),
                Count("未报送", f := Filter(progress=Progress.MISSING.value, department=dept), len(pick(items, f))),
            )
        )
    red = Light.RED.value
    return sorted(
        rows, key=lambda r: (-r.green_share, next(c.n for c in r.lights if c.filter.light == red), r.department)
    )


def needs_reminder(items: Sequence[T]) -> list[T]:
    """催办: reports overdue (未报送) and tasks behind time (滞后), red first."""
    chosen = [i for i in items if i.assessment.progress in (Progress.MISSING, Progress.LAGGING)]
    order = {Light.RED: 0, Light.YELLOW: 1, Light.GREEN: 2, Light.GREY: 3}
    return sorted(chosen, key=lambda i: (order[i.assessment.light], lead_of(i)))
