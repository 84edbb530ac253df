"""The status and 亮灯 rules of 进展, table-driven: every status for quantified and unquantified tasks at
several dates of the period (track/progress.py)."""

from __future__ import annotations

from datetime import date

import pytest

from gwrtrack.track.progress import (
    Cadence,
    Light,
    Progress,
    Report,
    assess,
    elapsed_share,
    last_due_period,
    period_of,
    periods,
)

START, DEADLINE = date(2026, 1, 1), date(2026, 12, 31)
MARCH, JUNE, SEPTEMBER = period_of("2026-03"), period_of("2026-06"), period_of("2026-09")


def _due(today: date) -> object:
    return last_due_period(2026, today, Cadence.MONTH, 5)


@pytest.mark.parametrize(
    ("today", "report", "target", "progress", "light"),
    [
        # quantified task: 新增城镇就业 target 3.5 (万人)
        (date(2026, 1, 20), None, 3.5, Progress.PENDING, Light.GREY),  # January's report is due on 5 February
        (date(2026, 2, 6), None, 3.5, Progress.MISSING, Light.RED),  # it did not come
        (date(2026, 4, 3), Report(period_of("2026-02"), 0.6), 3.5, Progress.ON_TRACK, Light.GREEN),  # 17% vs 16%
        (date(2026, 4, 6), Report(period_of("2026-02"), 0.6), 3.5, Progress.MISSING, Light.RED),  # March overdue
        (date(2026, 4, 6), Report(MARCH, 1.4), 3.5, Progress.AHEAD, Light.GREEN),  # 40% vs 25%
        (date(2026, 4, 6), Report(MARCH, 0.8), 3.5, Progress.ON_TRACK, Light.GREEN),  # 23% vs 25%
        (date(2026, 4, 6), Report(MARCH, 0.5), 3.5, Progress.LAGGING, Light.YELLOW),  # 14% vs 25%
        (date(2026, 7, 3), Report(JUNE, 0.5), 3.5, Progress.LAGGING, Light.RED),  # 14% vs 50%
        (date(2026, 10, 3), Report(SEPTEMBER, 3.6), 3.5, Progress.DONE, Light.GREEN),  # above the target
        (date(2027, 1, 10), Report(period_of("2026-12"), 3.0), 3.5, Progress.LAGGING, Light.RED),  # past deadline
        # unquantified task: the department's own assessment
        (date(2026, 1, 20), None, None, Progress.PENDING, Light.GREY),
        (date(2026, 4, 6), None, None, Progress.MISSING, Light.RED),
        (date(2026, 4, 6), Report(MARCH, None, Progress.ON_TRACK), None, Progress.ON_TRACK, Light.GREEN),
        (date(2026, 4, 6), Report(MARCH, None, Progress.AHEAD), None, Progress.AHEAD, Light.GREEN),
        (date(2026, 4, 6), Report(MARCH, None, Progress.LAGGING), None, Progress.LAGGING, Light.YELLOW),
        (date(2026, 4, 6), Report(MARCH, None, Progress.DONE), None, Progress.DONE, Light.GREEN),
        (date(2026, 4, 6), Report(MARCH, None, None), None, Progress.ON_TRACK, Light.GREEN),
        (date(2027, 1, 10), Report(period_of("2026-12"), None, Progress.ON_TRACK), None, Progress.LAGGING, Light.RED),
    ],
)
def test_status_and_light(
    today: date, report: Report | None, target: float | None, progress: Progress, light: Light
) -> None:
    got = assess(start=START, deadline=DEADLINE, today=today, report=report, due_period=_due(today), target=target)  # type: ignore[arg-type]
    assert (got.progress, got.light) == (progress, light), got.rule
    assert got.rule  # every light says why, in words


def test_a_deadline_in_june_moves_the_pace() -> None:
    got = assess(start=START, deadline=date(2026, 6, 30), today=date(2026, 4, 6), report=Report(MARCH, 1.4),
                 due_period=_due(date(2026, 4, 6)), target=3.5)  # fmt: skip
    assert got.progress is Progress.LAGGING and got.elapsed == pytest.approx(90 / 181)
    assert "序时进度50%" in got.rule


def test_quarterly_periods_and_labels() -> None:
    quarters = periods(2026, Cadence.QUARTER)
    assert [p.label for p in quarters] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert quarters[1].zh() == "2026年第2季度" and period_of("2026-03").zh() == "2026年3月"
    assert last_due_period(2026, date(2026, 7, 6), Cadence.QUARTER, 5) == quarters[1]
    assert last_due_period(2026, date(2026, 7, 5), Cadence.QUARTER, 5) == quarters[0]


@pytest.mark.parametrize("label", ["2026-13", "2026-Q5", "26-03", "2026/03", "", "abcd-01"])
def test_bad_period_labels_are_refused(label: str) -> None:
    with pytest.raises(ValueError, match="报送期"):
        period_of(label)


def test_elapsed_share_is_clamped() -> None:
    assert elapsed_share(START, DEADLINE, date(2025, 12, 1)) == 0.0
    assert elapsed_share(START, DEADLINE, date(2027, 3, 1)) == 1.0
    assert elapsed_share(START, DEADLINE, date(2026, 6, 30)) == pytest.approx(181 / 365)
