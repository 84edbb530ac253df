"""The rules of 进展: reporting periods, 序时进度, a task's status and its 亮灯, as plain code.

A department reports each period (a month by default, or a quarter): what was done, the value to date
for a quantified task, problems, next steps. The status is judged from the latest report the 督查室 has
not returned:

- 已完成 (green): the value to date reaches the target, or the department reports the task done.
- 超序时 (green): the share done is ahead of the share of time elapsed (序时进度) by more than a margin.
- 序时推进 (green): the share done keeps pace with time, within the margin.
- 滞后 (yellow, or red when far behind or past the deadline): behind time.
- 未报送 (red): a period's report was due and none came (or the one that came was returned).
- 待报送 (grey): no report is due yet.

Every assessment carries its rule in words, which the pages show next to the light.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class Progress(StrEnum):
    DONE = "done"
    AHEAD = "ahead"
    ON_TRACK = "on_track"
    LAGGING = "lagging"
    MISSING = "missing"
    PENDING = "pending"


class Light(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    GREY = "grey"


class Cadence(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"


PROGRESS_ZH = {
    Progress.DONE: "已完成",
    Progress.AHEAD: "超序时",
    Progress.ON_TRACK: "序时推进",
    Progress.LAGGING: "滞后",
    Progress.MISSING: "未报送",
    Progress.PENDING: "待报送",
}
LIGHT_ZH = {Light.GREEN: "绿灯", Light.YELLOW: "黄灯", Light.RED: "红灯", Light.GREY: "未亮灯"}
#: What a department may say of an unquantified task.
SELF_STATUS_ZH = {
    Progress.DONE: "已完成",
    Progress.AHEAD: "超序时",
    Progress.ON_TRACK: "序时推进",
    Progress.LAGGING: "滞后",
}

#: Within this many points of 序时进度 a task keeps pace; beyond it, it is ahead or behind.
PACE_MARGIN = 0.05
#: Behind 序时进度 by this many points or more, a lagging task is red.
FAR_BEHIND = 0.20


@dataclass(frozen=True)
class Period:
    label: str  # 2026-03 or 2026-Q1
    start: date
    end: date

    def zh(self) -> str:
        year, part = self.label.split("-")
        return f"{year}年第{part[1]}季度" if part.startswith("Q") else f"{year}年{int(part)}月"


def periods(year: int, cadence: Cadence = Cadence.MONTH) -> list[Period]:
    if cadence is Cadence.QUARTER:
        return [
            Period(f"{year}-Q{q}", date(year, 3 * q - 2, 1), date(year, 3 * q, calendar.monthrange(year, 3 * q)[1]))
            for q in range(1, 5)
        ]
    return [
        Period(f"{year}-{m:02d}", date(year, m, 1), date(year, m, calendar.monthrange(year, m)[1]))
        for m in range(1, 13)
    ]


def period_of(label: str) -> Period:
    """The period a label names (2026-03, 2026-Q1); ValueError for anything else."""
    try:
        year_text, part = label.split("-")
        year = int(year_text)
        cadence = Cadence.QUARTER if part.startswith("Q") else Cadence.MONTH
        found = [p for p in periods(year, cadence) if p.label == label]
    except ValueError:
        found = []
    if not found or not 1900 < year < 2200:
        raise ValueError(f"报送期须写作 2026-03 或 2026-Q1，而不是“{label}”")
    return found[0]


def report_due(period: Period, grace_days: int) -> date:
    """The last day a period's report is on time: the period's end plus the days of grace."""
    return period.end + timedelta(days=grace_days)


def last_due_period(year: int, today: date, cadence: Cadence, grace_days: int) -> Period | None:
    """The latest period of the year whose report was due before ``today``."""
    due = [p for p in periods(year, cadence) if report_due(p, grace_days) < today]
    return due[-1] if due else None


def elapsed_share(start: date, deadline: date, when: date) -> float:
    """序时进度: the share of the time from ``start`` to ``deadline`` gone by at the end of ``when``."""
    total = (deadline - start).days + 1
    if total <= 0:
        return 1.0
    return min(1.0, max(0.0, ((when - start).days + 1) / total))


@dataclass(frozen=True)
class Report:
    """What the assessment needs of a department's latest report that was not returned."""

    period: Period
    value: float | None = None
    self_status: Progress | None = None


@dataclass(frozen=True)
class Assessment:
    progress: Progress
    light: Light
    rule: str
    share: float | None = None  # value to date / target
    elapsed: float | None = None  # 序时进度 at the report's period end

    @property
    def zh(self) -> str:
        return PROGRESS_ZH[self.progress]


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def assess(
    *,
    start: date,
    deadline: date,
    today: date,
    report: Report | None,
    due_period: Period | None,
    target: float | None = None,
    grace_days: int = 5,
) -> Assessment:
    """The status and light of one task on ``today`` (see the module's rules)."""
    if report is not None and (
        report.self_status is Progress.DONE or (target and report.value is not None and report.value >= target)
    ):
        why = (
            "报送的完成值已达到目标值"
            if target and report.value is not None and report.value >= target
            else "部门报告已完成"
        )
        return Assessment(Progress.DONE, Light.GREEN, why, _share(report, target))
    if due_period is not None and (report is None or report.period.end < due_period.end):
        return Assessment(
            Progress.MISSING, Light.RED,
            f"{due_period.zh()}进展应于{report_due(due_period, grace_days).isoformat()}前报送，尚未报送（或被退回未重报）",
        )  # fmt: skip
    if report is None:
        return Assessment(Progress.PENDING, Light.GREY, "首期进展尚未到报送时间")
    if today > deadline:
        return Assessment(
            Progress.LAGGING, Light.RED, f"已过完成时限{deadline.isoformat()}，仍未完成", _share(report, target)
        )
    elapsed = elapsed_share(start, deadline, report.period.end)
    share = _share(report, target)
    if share is None:
        said = report.self_status or Progress.ON_TRACK
        light = Light.YELLOW if said is Progress.LAGGING else Light.GREEN
        return Assessment(said, light, f"部门自评{PROGRESS_ZH[said]}（无量化目标）", None, elapsed)
    words = f"完成{_pct(share)}，序时进度{_pct(elapsed)}"
    if share >= elapsed + PACE_MARGIN:
        return Assessment(Progress.AHEAD, Light.GREEN, f"{words}，超过序时进度", share, elapsed)
    if share >= elapsed - PACE_MARGIN:
        return Assessment(Progress.ON_TRACK, Light.GREEN, f"{words}，与序时进度相差不超过5个百分点", share, elapsed)
    light = Light.RED if share <= elapsed - FAR_BEHIND else Light.YELLOW
    gap = "落后20个百分点以上" if light is Light.RED else "落后5—20个百分点"
    return Assessment(Progress.LAGGING, light, f"{words}，{gap}", share, elapsed)


def _share(report: Report, target: float | None) -> float | None:
    if not target or report.value is None:
        return None
    return report.value / target
