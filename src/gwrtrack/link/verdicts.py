"""Target → outcome: what became of each target, per spec/VERDICTS.md (the 落实情况表 contract).

Every target of a plan part gets a row (a catalogued indicator, else its own metric text); a target
stated twice in one report is one row with both spans. It is judged against the outcome of the same
indicator, region and year in another document, best first: a statistics bulletin, the next
report's review, an estimate or part of the year (basis 预计 / 部分期间), a progress report. Only
documents whose region is known are linked. 已完成, 超额完成, 未完成, 无数据; a target relative to the
higher level (高于全省0.5个百分点左右) is 待上级数据 until that level's outcome is stored. A rank
(保持全省第一) is judged against ranks, lower being better. Every judgement keeps its facts as evidence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from gwrtrack.document import Document
from gwrtrack.extract.context import CLAUSE_END_RE
from gwrtrack.extract.figures import Figure
from gwrtrack.extract.vocab import words
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


class Basis(StrEnum):
    """Where an outcome comes from, best first (VERDICTS.md: 1–4)."""

    BULLETIN = "统计公报"
    REVIEW = "次年报告"
    ESTIMATE = "预计"
    PARTIAL = "部分期间"
    PROGRESS = "落实情况"


BASIS_RANK = {b: n for n, b in enumerate(Basis)}
#: Bases that say the verdict may change once a fuller source is stored.
PROVISIONAL = frozenset({Basis.ESTIMATE, Basis.PARTIAL})


@dataclass(frozen=True)
class Judgement:
    target: Fact
    indicator: Indicator
    verdict: Verdict
    outcome: Fact | None = None
    reference: Fact | None = None  # the higher level's outcome, for a relative target
    reason: str = ""
    basis: Basis | None = None
    also: tuple[Fact, ...] = ()  # the same target stated again in the report (the headline list and a section)

    @property
    def label(self) -> str:
        """已完成（预计）: the verdict, with a provisional basis named."""
        return f"{self.verdict.value}（{self.basis.value}）" if self.basis in PROVISIONAL else self.verdict.value


#: Words right before a figure that make it relative to the higher level: 高于全省0.5个百分点.
RELATIVE_TARGET_RE = re.compile(r"(高于|快于|超过|低于|慢于)(全国|全省|全区|全市)(?:平均水平|平均)?$")
#: A period that is one whole year: targets and outcomes are compared year by year.
YEAR_PERIOD_RE = re.compile(r"^\d{4}$")
#: Part of one year: 2023-Q1..2023-Q3 (前三季度), 2023-01..2023-11 (1—11月).
PARTIAL_PERIOD_RE = re.compile(r"^(\d{4})-(?:Q\d|\d{2})\.\.(\d{4})-(?:Q\d|\d{2})$")
#: Units of mass reduced to 公斤, so that 1.3万亿斤 and 70650万吨 compare.
MASS_IN_KG = {"斤": 0.5, "公斤": 1.0, "千克": 1.0, "吨": 1000.0}
#: The administrative suffix of a region's name: 泸州市 → 泸州, 凉山彝族自治州 → 凉山彝族.
REGION_SUFFIX_RE = re.compile(r"(?:自治州|地区|市|州|盟|县|区)$")
#: Cities at the level of a province: their higher level is 全国.
MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
PERCENT_UNITS = frozenset({"%", "个百分点", "百分点"})
OUTCOME_STATUS_RANK = {"actual": 0, "expected": 1}
#: Words before a figure that make it an average over several years (地方一般公共预算收入年均增长9.5%).
AVERAGE_OVER_YEARS = ("年均", "年平均")
#: Metrics that name no indicator on their own (8个项目, 总投资70亿元, 营业收入): outside the catalogue,
#: a sentence of next year with the same bare word speaks of other things, so no outcome is looked for.
GENERIC_METRICS = frozenset(
    words(
        "项目 投资 总投资 计划投资 年度投资 投入 资金 企业 措施 方面 方面工作 工程 任务 活动 "
        "产值 总产值 营业收入 收入 利润 产量 增加值 贷款 面积"
    )
)
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
    """The verdict of one target against one outcome of the same indicator, region and year."""
    t, o = comparable(target, indicator), comparable(outcome, indicator)
    if t is None or o is None or t[1] != o[1]:
        return Verdict.NO_DATA, f"单位不可比：{target.surface} / {outcome.surface}"
    goal_max = target.value_max if target.qualifier == "range" else None
    percent = t[1] == "%"
    tol = catalogue.tolerance
    band = tol.percent if percent else abs(t[0]) * tol.relative
    beyond = tol.exceed_percent if percent else abs(t[0]) * tol.exceed_relative
    rank = target.measure == "rank"
    direction = Direction.LOWER if rank else indicator.direction  # 第1位 is better than 第3位
    verdict = _compare(t[0], goal_max, o[0], target.qualifier, direction, band, 0.0 if rank else beyond)
    reason = f"目标 {target.surface}{QUALIFIER_WORDS.get(target.qualifier, '')}，实际 {outcome.surface}"
    if target.qualifier == "approx":
        reason += f"（左右按 ±{_fmt(band)}{'个百分点' if percent else ''} 计）"
    if direction is Direction.LOWER:
        reason += "；位次越前越好" if rank else "；越低越好"
    return verdict, reason


def _compare(
    goal: float, goal_max: float | None, got: float, qualifier: str, direction: Direction, band: float,
    beyond: float,
) -> Verdict:  # fmt: skip
    """Met or not (VERDICTS.md): a floor is met at or above the target (minus the band of 左右, from the
    lower bound of a range), a ceiling at or below it; 超额完成 only for a floor, ``beyond`` past it."""
    if direction is Direction.LOWER or qualifier == "at_most":
        ceiling = goal_max if goal_max is not None else goal
        slack = band if qualifier == "approx" else 0.0
        return Verdict.DONE if got <= ceiling + slack else Verdict.MISSED
    floor = goal - band if qualifier == "approx" else goal
    if got < floor:
        return Verdict.MISSED
    top = goal_max if qualifier == "range" and goal_max is not None else goal
    return Verdict.EXCEEDED if beyond > 0 and got >= top + beyond - 1e-9 else Verdict.DONE


def _fmt(x: float) -> str:
    return f"{x:.4g}"


def basis_of(fact: Fact, year: str) -> Basis | None:
    """What ``fact`` is worth as the outcome of ``year``, or None if it is not about that year."""
    if fact.period == year:
        if fact.doc_kind == "progress":
            return Basis.PROGRESS
        if fact.status == "expected":
            return Basis.ESTIMATE
        return Basis.BULLETIN if fact.doc_kind == "bulletin" else Basis.REVIEW
    partial = PARTIAL_PERIOD_RE.match(fact.period)
    if partial and partial.group(1) == partial.group(2) == year:
        return Basis.PROGRESS if fact.doc_kind == "progress" else Basis.PARTIAL
    return None


def _key(fact: Fact, indicator: Indicator | None) -> str:
    """What a target and its outcome must share: the catalogued indicator, else the metric text."""
    return indicator.name if indicator is not None else "metric:" + fact.metric


def _over_years(fact: Fact) -> bool:
    """年均增长8.2%: an average over several years is no outcome of one year."""
    return any(word in fact.before for word in AVERAGE_OVER_YEARS)


def _outcome_year(fact: Fact) -> str | None:
    if YEAR_PERIOD_RE.match(fact.period):
        return fact.period
    partial = PARTIAL_PERIOD_RE.match(fact.period)
    return partial.group(1) if partial and partial.group(1) == partial.group(2) else None


def judge_all(
    facts: Sequence[Fact], catalogue: IndicatorCatalogue, parents: Mapping[str, str] | None = None
) -> list[Judgement]:
    """A row for every target of one year, in document order (restatements merged into one).

    ``parents`` maps a region to its higher level (泸州市 → 四川省) for relative targets.
    """
    parents = parents or {}
    indexed = [(f, catalogue.match(f.metric)) for f in facts]
    outcomes = Outcomes()
    for fact, indicator in indexed:
        year = _outcome_year(fact)
        if fact.status in OUTCOME_STATUS_RANK and fact.region and year is not None and not _over_years(fact):
            outcomes.add((_key(fact, indicator), fact.region, year), fact)
    judgements: list[Judgement] = []
    rows: dict[tuple[object, ...], int] = {}  # a target restated in the same document → its row
    for fact, found in indexed:
        if fact.status != "target" or not YEAR_PERIOD_RE.match(fact.period) or not (found or fact.metric):
            continue
        indicator = found or Indicator(fact.metric, (fact.metric,))
        same = (fact.doc, _key(fact, found), fact.region, fact.period, comparable(fact, indicator), fact.qualifier)
        if same in rows:
            k = rows[same]
            judgements[k] = replace(judgements[k], also=(*judgements[k].also, fact))
            continue
        rows[same] = len(judgements)
        judgements.append(_judge_one(fact, indicator, _key(fact, found), outcomes, parents, catalogue))
    return judgements


def _judge_one(
    fact: Fact, indicator: Indicator, key: str, outcomes: Outcomes, parents: Mapping[str, str],
    catalogue: IndicatorCatalogue,
) -> Judgement:  # fmt: skip
    if not fact.region:
        return Judgement(fact, indicator, Verdict.NO_DATA, reason="文件地区未知：先补充地区，才能对照实际值")
    level = relative_level(fact)
    if level is not None:
        return _judge_relative(fact, indicator, level, outcomes, parents, catalogue, key)
    if key.startswith("metric:") and fact.metric in GENERIC_METRICS:
        return Judgement(
            fact, indicator, Verdict.NO_DATA, reason=f"指标名称“{fact.metric}”过于笼统，无法确定对应的实际值"
        )
    found = outcomes.best(fact, indicator, (key, fact.region, fact.period))
    if found is None:
        return Judgement(fact, indicator, Verdict.NO_DATA, reason="库中没有同期同地区的实际值")
    outcome, basis = found
    verdict, reason = judge(fact, outcome, indicator, catalogue)
    if basis in PROVISIONAL:
        reason += f"；依据为{basis.value}数，有全年数后以全年数为准"
    return Judgement(fact, indicator, verdict, outcome, reason=reason, basis=basis)


class Outcomes:
    """Outcome facts by (indicator key, region, year), each group ranked once in VERDICTS.md's order (basis,
    then the newest document, then position): a target takes the first that fits, so judging stays linear
    when a region has many documents about the same year."""

    def __init__(self) -> None:
        self.groups: dict[tuple[str, str, str], list[Fact]] = {}
        self.ranked: dict[tuple[str, str, str], list[tuple[Fact, Basis, str]]] = {}

    def add(self, group: tuple[str, str, str], fact: Fact) -> None:
        self.groups.setdefault(group, []).append(fact)

    def best(self, target: Fact, indicator: Indicator, group: tuple[str, str, str]) -> tuple[Fact, Basis] | None:
        """The best outcome of the target's measure from another document, with its basis."""
        goal = comparable(target, indicator)
        if goal is None:
            return None
        if group not in self.ranked:
            scored = []
            for c in self.groups.get(group, ()):
                basis, got = basis_of(c, group[2]), comparable(c, indicator)
                if basis is not None and got is not None:
                    scored.append(((BASIS_RANK[basis], -(c.doc_year or 0), c.span.start), c, basis, got[2]))
            scored.sort(key=lambda s: s[0])  # stable: of equals, the first stated
            self.ranked[group] = [(c, basis, measure) for _rank, c, basis, measure in scored]
        for c, basis, measure in self.ranked[group]:
            if c.doc != target.doc and measure == goal[2]:
                return c, basis
        return None


def _judge_relative(
    target: Fact,
    indicator: Indicator,
    level: str,
    outcomes: Outcomes,
    parents: Mapping[str, str],
    catalogue: IndicatorCatalogue,
    key: str,
) -> Judgement:
    """高于全省0.5个百分点左右: own growth minus the higher level's growth, against the margin."""
    growth_target = replace(target, measure="growth", unit="%")
    found = outcomes.best(growth_target, indicator, (key, target.region, target.period))
    if found is None:
        return Judgement(target, indicator, Verdict.NO_DATA, reason="库中没有本地区同期增速")
    own, basis = found
    higher = "全国" if level == "全国" else parents.get(target.region)
    found_ref = None
    if higher is not None:
        found_ref = outcomes.best(growth_target, indicator, (key, higher, target.period))
    if found_ref is None:
        return Judgement(target, indicator, Verdict.AWAIT_HIGHER, own, reason=f"需要{level}同期增速", basis=basis)
    ref = found_ref[0]
    relation = RELATIVE_TARGET_RE.search(target.before)
    below = relation is not None and relation.group(1) in ("低于", "慢于")  # 失业率低于全省: the gap the other way
    margin = (ref.value - own.value) if below else (own.value - ref.value)
    # 左右 around a margin of 0.5 points can't mean ±0.5 points: at most half the margin.
    tol = min(catalogue.tolerance.percent, abs(target.value) / 2)
    verdict = _compare(target.value, None, margin, target.qualifier, Direction.HIGHER, tol, 0.0)
    reason = f"目标 {'低于' if below else '高于'}{level}{target.surface}，实际 本地 {own.surface}、{higher} {ref.surface}，差 {_fmt(margin)} 个百分点"
    return Judgement(target, indicator, verdict, own, ref, reason, basis=basis)


def is_province_level(region: str) -> bool:
    """A province, an autonomous region or a municipality: its higher level is 全国."""
    return region.endswith(("省", "自治区")) or region in MUNICIPALITIES


def parent_regions(documents: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Region → higher region, from the documents at hand: a province whose report names the city."""
    provinces = [(r, text) for r, text in documents if is_province_level(r)]
    parents: dict[str, str] = {}
    for region, _text in documents:
        if is_province_level(region):
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
