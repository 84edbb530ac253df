"""Target → outcome: what became of each target, judged from its qualifier, units and direction.

A target (year N, region R, indicator I) is judged against the outcome for the same indicator,
region and period in another document (the next year's report review, a statistics bulletin):
已完成, 超额完成, 未完成, or 无数据 where no outcome is known. A target relative to the higher
level (高于全省0.5个百分点左右) is judged against that level's outcome when it is known, else
待上级数据. Every judgement keeps the facts it rests on, with their spans, as evidence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from gwrtrack.document import Document
from gwrtrack.extract.context import CLAUSE_END_RE
from gwrtrack.extract.figures import Figure
from gwrtrack.link.indicators import Direction, Indicator, IndicatorCatalogue
from gwrtrack.span import Span


class Verdict(StrEnum):
    DONE = "已完成"
    EXCEEDED = "超额完成"
    MISSED = "未完成"
    NO_DATA = "无数据"
    AWAIT_HIGHER = "待上级数据"


@dataclass(frozen=True)
class Fact:
    """A figure with what judging needs: its document, place, period and the words before it."""

    doc: str
    doc_kind: str
    doc_year: int | None
    region: str
    metric: str
    measure: str
    status: str
    qualifier: str
    value: float
    unit: str
    base_value: float
    base_unit: str
    period: str
    span: Span
    surface: str
    value_max: float | None = None
    before: str = ""
    doc_id: int | None = None
    figure_id: int | None = None


@dataclass(frozen=True)
class Judgement:
    target: Fact
    indicator: Indicator
    verdict: Verdict
    outcome: Fact | None = None
    reference: Fact | None = None  # the higher level's outcome, for a relative target
    reason: str = ""


#: Words right before a figure that make it relative to the higher level: 高于全省0.5个百分点.
RELATIVE_TARGET_RE = re.compile(r"(高于|快于|超过|低于|慢于)(全国|全省|全区|全市)(?:平均水平|平均)?$")
#: A period that is one whole year: targets and outcomes are compared year by year.
YEAR_PERIOD_RE = re.compile(r"^\d{4}$")
#: Units of mass reduced to 公斤, so that 1.3万亿斤 and 70650万吨 compare.
MASS_IN_KG = {"斤": 0.5, "公斤": 1.0, "千克": 1.0, "吨": 1000.0}
#: The administrative suffix of a region's name: 泸州市 → 泸州, 凉山彝族自治州 → 凉山彝族.
REGION_SUFFIX_RE = re.compile(r"(?:自治州|地区|市|州|盟|县|区)$")
#: Cities at the level of a province: their higher level is 全国.
MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
PERCENT_UNITS = frozenset({"%", "个百分点", "百分点"})
OUTCOME_STATUS_RANK = {"actual": 0, "expected": 1}
QUALIFIER_WORDS = {"approx": "左右", "at_least": "以上", "at_most": "以内", "range": ""}


def relative_level(fact: Fact) -> str | None:
    """全省 for 高于全省0.5个百分点左右; None for an absolute target."""
    match = RELATIVE_TARGET_RE.search(fact.before)
    return match.group(2) if match else None


def comparable(fact: Fact, indicator: Indicator) -> tuple[float, str, str] | None:
    """(value, unit, measure) in common units; an index (居民消费价格指数103) as growth (3%)."""
    if fact.unit in PERCENT_UNITS:
        return fact.value, "%", fact.measure
    if indicator.index_base is not None and not fact.unit and fact.value > indicator.index_base / 2:
        return fact.value - indicator.index_base, "%", "growth"
    if fact.base_unit in MASS_IN_KG:
        return fact.base_value * MASS_IN_KG[fact.base_unit], "公斤", fact.measure
    return fact.base_value, fact.base_unit, fact.measure


def judge(target: Fact, outcome: Fact, indicator: Indicator, catalogue: IndicatorCatalogue) -> tuple[Verdict, str]:
    """The verdict of one target against one outcome of the same indicator, region and period."""
    t, o = comparable(target, indicator), comparable(outcome, indicator)
    if t is None or o is None or t[1] != o[1]:
        return Verdict.NO_DATA, f"单位不可比：{target.surface} / {outcome.surface}"
    goal_max = target.value_max if target.qualifier == "range" else None
    tol = catalogue.tolerance.percent if t[1] == "%" else abs(t[0]) * catalogue.tolerance.relative
    verdict = _compare(t[0], goal_max, o[0], target.qualifier, indicator.direction, tol)
    reason = f"目标 {target.surface}{QUALIFIER_WORDS.get(target.qualifier, '')}，实际 {outcome.surface}"
    if target.qualifier == "approx":
        reason += f"（左右按 ±{_fmt(tol)}{'个百分点' if t[1] == '%' else ''} 计）"
    return verdict, reason


def _compare(
    goal: float, goal_max: float | None, got: float, qualifier: str, direction: Direction, tol: float
) -> Verdict:
    if direction is Direction.LOWER or qualifier == "at_most":
        ceiling = goal_max if goal_max is not None else goal
        slack = tol if qualifier == "approx" else 0.0
        return Verdict.DONE if got <= ceiling + slack else Verdict.MISSED
    if qualifier == "range" and goal_max is not None:
        if got > goal_max:
            return Verdict.EXCEEDED
        return Verdict.DONE if got >= goal else Verdict.MISSED
    floor = goal - tol if qualifier == "approx" else goal
    if got < floor:
        return Verdict.MISSED
    return Verdict.EXCEEDED if got > goal + tol else Verdict.DONE


def _fmt(x: float) -> str:
    return f"{x:.4g}"


def judge_all(
    facts: Sequence[Fact], catalogue: IndicatorCatalogue, parents: Mapping[str, str] | None = None
) -> list[Judgement]:
    """A judgement for every target with an indicator and a one-year period, in document order.

    ``parents`` maps a region to its higher level (泸州市 → 四川省) for relative targets.
    """
    parents = parents or {}
    indexed = [(f, catalogue.match(f.metric)) for f in facts]
    outcomes: dict[tuple[str, str, str], list[Fact]] = {}
    for fact, indicator in indexed:
        if indicator is not None and fact.status in OUTCOME_STATUS_RANK and YEAR_PERIOD_RE.match(fact.period):
            outcomes.setdefault((indicator.name, fact.region, fact.period), []).append(fact)
    judgements = []
    for fact, indicator in indexed:
        if indicator is None or fact.status != "target" or not YEAR_PERIOD_RE.match(fact.period):
            continue
        level = relative_level(fact)
        if level is not None:
            judgements.append(_judge_relative(fact, indicator, level, outcomes, parents, catalogue))
            continue
        outcome = _best_outcome(fact, indicator, outcomes.get((indicator.name, fact.region, fact.period), []))
        if outcome is None:
            judgements.append(Judgement(fact, indicator, Verdict.NO_DATA, reason="库中没有同期同地区的实际值"))
            continue
        verdict, reason = judge(fact, outcome, indicator, catalogue)
        judgements.append(Judgement(fact, indicator, verdict, outcome, reason=reason))
    return judgements


def _best_outcome(target: Fact, indicator: Indicator, candidates: Sequence[Fact]) -> Fact | None:
    """The outcome of the target's measure from another document: a bulletin, an actual value, the latest."""
    goal = comparable(target, indicator)
    fitting = [
        c
        for c in candidates
        if c.doc != target.doc and goal is not None and (got := comparable(c, indicator)) and got[2] == goal[2]
    ]
    if not fitting:
        return None
    return min(
        fitting,
        key=lambda c: (c.doc_kind != "bulletin", OUTCOME_STATUS_RANK[c.status], -(c.doc_year or 0), c.span.start),
    )


def _judge_relative(
    target: Fact,
    indicator: Indicator,
    level: str,
    outcomes: Mapping[tuple[str, str, str], Sequence[Fact]],
    parents: Mapping[str, str],
    catalogue: IndicatorCatalogue,
) -> Judgement:
    """高于全省0.5个百分点左右: own growth minus the higher level's growth, against the margin."""
    growth_target = replace(target, measure="growth", unit="%")
    own = _best_outcome(growth_target, indicator, outcomes.get((indicator.name, target.region, target.period), []))
    if own is None:
        return Judgement(target, indicator, Verdict.NO_DATA, reason="库中没有本地区同期增速")
    higher = "全国" if level == "全国" else parents.get(target.region)
    ref = None
    if higher is not None:
        ref = _best_outcome(growth_target, indicator, outcomes.get((indicator.name, higher, target.period), []))
    if ref is None:
        return Judgement(target, indicator, Verdict.AWAIT_HIGHER, own, reason=f"需要{level}同期增速")
    relation = RELATIVE_TARGET_RE.search(target.before)
    below = relation is not None and relation.group(1) in ("低于", "慢于")  # 失业率低于全省: the gap the other way
    margin = (ref.value - own.value) if below else (own.value - ref.value)
    # 左右 around a margin of 0.5 points can't mean ±0.5 points: at most half the margin.
    tol = min(catalogue.tolerance.percent, abs(target.value) / 2)
    verdict = _compare(target.value, None, margin, target.qualifier, Direction.HIGHER, tol)
    reason = f"目标 {'低于' if below else '高于'}{level}{target.surface}，实际 本地 {own.surface}、{higher} {ref.surface}，差 {_fmt(margin)} 个百分点"
    return Judgement(target, indicator, verdict, own, ref, reason)


def parent_regions(documents: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Region → higher region, from the documents at hand: a province whose report names the city."""
    provinces = [(r, text) for r, text in documents if r.endswith(("省", "自治区")) or r in MUNICIPALITIES]
    parents: dict[str, str] = {}
    for region, _text in documents:
        if region.endswith(("省", "自治区")) or region in MUNICIPALITIES:
            parents[region] = "全国"
            continue
        stem = REGION_SUFFIX_RE.sub("", region)
        for province, text in provinces:
            if province != region and len(stem) >= 2 and stem in text:
                parents[region] = province
                break
    return parents


def words_before(text: str, start: int, limit: int = 16) -> str:
    """Up to ``limit`` characters before ``start``, within its clause."""
    window = text[max(0, start - limit) : start]
    stops = list(CLAUSE_END_RE.finditer(window))
    return window[stops[-1].end() :] if stops else window


def fact_from_figure(figure: Figure, document: Document) -> Fact:
    meta = document.meta
    return Fact(
        doc=document.name,
        doc_kind=meta.kind.value,
        doc_year=meta.year,
        region=figure.region,
        metric=figure.metric,
        measure=figure.measure.value,
        status=figure.status.value,
        qualifier=figure.qualifier.value,
        value=figure.value,
        unit=figure.unit,
        base_value=figure.base_value,
        base_unit=figure.base_unit,
        period=figure.period,
        span=figure.span,
        surface=figure.surface,
        value_max=figure.value_max,
        before=words_before(document.text, figure.span.start),
    )
