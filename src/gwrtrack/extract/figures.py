"""The figure extractor: number tokens → figures with every attribute of spec/FIGURES.md."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from gwrtrack.extract import metric as metric_mod
from gwrtrack.extract.attributes import (
    Measure,
    PeriodMarkers,
    Qualifier,
    Status,
    five_year_paragraphs,
    measure,
    period,
    qualifier,
    qualifier_after,
    status,
    threshold_of_category,
)
from gwrtrack.extract.context import Boundaries
from gwrtrack.extract.exclusions import exclusion_reason, quoted_spans
from gwrtrack.extract.numbers import NumberToken, find_tokens, split_magnitude
from gwrtrack.extract.regions import figure_region
from gwrtrack.extract.runs import read_runs
from gwrtrack.extract.tables import TableCell, list_table_blocks, list_table_cells, table_blocks, table_cells
from gwrtrack.extract.vocab import COUNT_UNITS, LIST_HEAD_NOUNS
from gwrtrack.span import Span
from gwrtrack.textview import NormalView

#: Text between two figures of one list: only 、 (and a qualifier word) with nouns.
LIST_GAP_RE = re.compile(r"^(?:以上|以内|左右)?、[^，。；：！？]*$")
#: A distributable list before paired figures: 省、市重点项目年度投资 → 省… / 市….
#: Text between two figures of a bare run (370亿元、1115亿元): 、 after an optional qualifier.
RUN_GAP_RE = re.compile(r"^(?:以上|左右|以内)?(?:、|和|及)?$")
#: Text between two items of a paired list: a noun, then 、 (37个省重点项目、324个…).
PAIR_GAP_RE = re.compile(r"^[^，。；：！？、]*、[^，。；：！？、]*$")
PAIRED_LIST_RE = re.compile(r"^([\u4e00-\u9fff“”]{1,30}?)(?:、|和|与|及)([\u4e00-\u9fff“”]{3,40})$")
#: Words naming a share (占地区生产总值比重, 占比).
SHARE_WORD_RE = re.compile("比重|比例|占比|份额")
#: A share verb right before its number (非煤项目占92.5%, 占到).
SHARE_VERB_END_RE = re.compile("(?<=[\u4e00-\u9fff])(?:占|占到|占了)$")
#: The joiner before the last item of a list (A、B和C).
LAST_JOINER_RE = re.compile("和|及|以及")
#: Measured nouns that a pair shares at its end (公务用车和公务接待费用).
SHARED_TAILS = ("费用", "人数", "金额", "面积", "产量", "收入", "投资", "总额", "户数", "次数")
#: Ordinals of the three sectors written together: 一二三产业增加值, 二三产.
SECTOR_RUN_RE = re.compile(r"^(?:第)?([一二三]{2,3})(产业|产)(.*)$")
#: Sectors written apart: 一产和三产, 第一产业和第三产业, 二、三产业.
SECTOR_LIST_RE = re.compile(r"^((?:第?[一二三](?:产业|产)?[和、及与]){1,2}第?[一二三])(产业|产)(.*)$")
#: The period markers of a text without a year (its figures have no period).
NO_MARKERS = PeriodMarkers((), (), ())
#: 城乡 before a pair of figures stands for 城镇 and 农村 (城乡居民人均可支配收入分别增长4.5%、6.3%).
URBAN_RURAL = ("城镇", "农村")


@dataclass(frozen=True)
class Figure:
    span: Span
    surface: str
    value: float
    unit: str
    base_value: float
    base_unit: str
    measure: Measure
    status: Status
    qualifier: Qualifier
    metric: str
    period: str
    region: str
    value_max: float | None = None
    base_value_max: float | None = None
    section: tuple[str, ...] = ()
    flags: tuple[str, ...] = field(default=())

    def as_record(self, doc: str) -> dict[str, object]:
        """The JSON Lines row of FIGURES.md (plus ``doc``)."""
        row: dict[str, object] = {
            "doc": doc,
            "start": self.span.start,
            "end": self.span.end,
            "surface": self.surface,
            "value": _num(self.value),
            "unit": self.unit,
            "base_value": _num(self.base_value),
            "base_unit": self.base_unit,
            "measure": self.measure.value,
            "status": self.status.value,
            "qualifier": self.qualifier.value,
            "metric": self.metric,
            "period": self.period,
            "region": self.region,
        }
        if self.value_max is not None:
            row["value_max"] = _num(self.value_max)
            row["base_value_max"] = _num(self.base_value_max or 0.0)
        return row


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() and abs(x) < 1e18 else round(x, 10)


@dataclass(frozen=True)
class Setting:
    """What the extractor needs to know about the document around the text."""

    year: int | None
    region: str
    in_plan: Callable[[int], bool]
    section_of: Callable[[int], tuple[str, ...]] = lambda _pos: ()
    #: Whether a position stands in a five-year outlook (its commitments are no tasks of the year).
    in_outlook: Callable[[int], bool] = lambda _pos: False
    #: The year outside the plan speaks of: a report's review speaks of the year before its plan
    #: year (None: year - 1); a bulletin speaks of its statistical year.
    review_year: int | None = None


def extract_figures(view: NormalView, setting: Setting) -> list[Figure]:
    text = view.text
    bounds = Boundaries.of(text)
    quotes = quoted_spans(text)
    original = view.original  # list tables are read on the original: normalising joins 2.9 2.8 into one number
    lists = list_table_blocks(original) if "\n- " in original else []
    tables = (table_blocks(text) if "|" in text else []) + [(view.to_view(a), view.to_view(b)) for a, b in lists]
    found, ratio_metrics = read_runs(find_tokens(text), text)
    tokens = [
        t for t in found
        if exclusion_reason(t, text, quotes) is None and not any(a <= t.start < b for a, b in tables)
    ]  # fmt: skip
    drafts = [_draft(t, text, bounds) for t in tokens]
    _resolve_metrics(drafts, text, bounds)
    for d in drafts:
        if d.token.start in ratio_metrics:  # 三次产业比重为13.2：46.8：40.0
            d.metric = ratio_metrics[d.token.start]
    _propagate_list_qualifiers(drafts, text, bounds)
    five_years = five_year_paragraphs(text, setting.year)
    markers = PeriodMarkers.of(text) if setting.year is not None else NO_MARKERS
    figures = [_finish(d, view, text, setting, markers, _span_at(five_years, d.token.start)) for d in drafts]
    if tables:
        cells = table_cells(text) if "|" in text else []
        cells += [
            replace(c, start=view.to_view(c.start), end=view.to_view(c.end - 1) + 1)
            for c in (list_table_cells(original) if lists else [])
        ]
        figures += [_table_figure(cell, view, setting, markers) for cell in cells]
        figures.sort(key=lambda f: f.span.start)
    return figures


def _table_figure(cell: TableCell, view: NormalView, setting: Setting, markers: PeriodMarkers) -> Figure:
    """A number cell of a table (extract/tables.py): reported, unless the table stands in the plan."""
    span = view.span(cell.start, cell.end)
    factor, base_unit = split_magnitude(cell.unit)
    in_plan = setting.in_plan(cell.start)
    when = period(cell.start, view.text, cell.start, markers, setting.year, in_plan, setting.review_year)
    region, metric = figure_region(cell.metric, setting.region)
    return Figure(
        span=span, surface=span.of(view.original), value=cell.value, unit=cell.unit,
        base_value=cell.value * factor, base_unit=base_unit, measure=cell.measure,
        status=Status.TARGET if in_plan else Status.ACTUAL, qualifier=Qualifier.EXACT, metric=metric,
        period=when, region=region, section=setting.section_of(cell.start), flags=("table_cell",),
    )  # fmt: skip


@dataclass(slots=True)
class _Draft:
    token: NumberToken
    clause: tuple[int, int]
    sentence: tuple[int, int]
    left: str = ""
    right: str = ""
    #: the noun after 的 that the number modifies (3290亿元的战略合作协议, 70%的民生项目)
    of_noun: str = ""
    metric: str = ""
    qualifier: Qualifier = Qualifier.EXACT
    flags: list[str] = field(default_factory=list)


def _draft(token: NumberToken, text: str, bounds: Boundaries) -> _Draft:
    clause = bounds.clause(token.start)
    sentence = bounds.sentence(token.start)
    return _Draft(token, clause, sentence, qualifier=qualifier(token, text))


def _resolve_metrics(drafts: list[_Draft], text: str, bounds: Boundaries) -> None:
    left_starts: list[int] = []
    for i, d in enumerate(drafts):
        prev = drafts[i - 1] if i and drafts[i - 1].clause == d.clause else None
        left_start = d.clause[0]
        if prev is not None and not threshold_of_category(prev.token, text):
            left_start = _after_qualifier(prev.token, text)
            if prev.right and text.startswith(prev.right, left_start):
                left_start += len(prev.right)
        left_starts.append(left_start)
        d.left = metric_mod.left_phrase(text, left_start, d.token.start, rank=d.token.kind == "rank")
        after = _after_qualifier(d.token, text)
        nxt = drafts[i + 1] if i + 1 < len(drafts) else None
        next_start = nxt.token.start if nxt else len(text)
        if nxt is not None and nxt.token.kind == "scale" and nxt.token.start == after:
            next_start = drafts[i + 2].token.start if i + 2 < len(drafts) else len(text)  # 6个千亿级产业集群
        if metric_mod.starts_with_noun(text, after):
            d.right = metric_mod.right_phrase(text, after, min(d.clause[1], next_start), next_start < d.clause[1])
        elif text[after : after + 1] == "的" and metric_mod.starts_with_noun(text, after + 1):
            d.of_noun = metric_mod.right_phrase(text, after + 1, min(d.clause[1], next_start))
    for i, d in enumerate(drafts):
        prev = drafts[i - 1] if i and drafts[i - 1].clause == d.clause else None
        before = drafts[i - 1] if i and drafts[i - 1].sentence == d.sentence else None
        raw_left = text[left_starts[i] : d.token.start].lstrip("、")
        if text[d.token.start - 1 : d.token.start] == "兑":  # 汇率为1美元兑6.8985元人民币: the rate, named before
            d.metric = metric_mod.left_phrase(
                text, d.clause[0], text.rfind("为", d.clause[0], d.token.start) + 1 or d.token.start
            )
        elif d.right and metric_mod.usable(d.right):
            d.metric = d.right
            d.flags.append("metric_after_number")
        elif metric_mod.usable(d.of_noun) and (not metric_mod.usable(d.left) or raw_left.endswith("了")):
            d.metric = d.of_noun
            d.flags.append("metric_after_number")
        elif metric_mod.usable(d.left):
            d.metric = d.left
        elif raw_left.strip() in SPENDING_VERBS:  # 投入1亿多元解决了一批积案: the spending itself
            d.metric = raw_left.strip()
        elif prev and prev.metric:
            d.metric = prev.metric
            d.flags.append("metric_inherited")
        else:
            prev_clause = bounds.previous_clause(d.token.start)
            if before is not None and prev_clause is not None and before.token.start >= prev_clause[0]:
                d.metric = before.metric
            else:
                d.metric = _from_previous_clause(d, text, bounds)
            if not d.metric and before is not None:
                d.metric = before.metric
            d.metric = d.metric or d.right
            d.flags.append("metric_inherited")
        if (
            raw_left.startswith("占")
            and before is not None
            and before.metric
            and not d.metric.startswith(before.metric)
            and f"（{d.metric}）" not in raw_left  # 占总人口比重（常住人口城镇化率）: the bracket names it
        ):
            # 占全社会固定资产投资67.3%: a share with no word for it is the thing's 占比
            d.metric = before.metric + (d.metric if SHARE_WORD_RE.search(raw_left) else "占比")
        elif SHARE_VERB_END_RE.search(raw_left) and d.metric and not SHARE_WORD_RE.search(d.metric):
            d.metric += "占比"  # 其中非煤项目占92.5%
    _distribute_paired_lists(drafts, text)
    _total_investment_of_next(drafts, text)
    _measure_of_counted_things(drafts)
    _count_of_measured_things(drafts, text)
    _shares_in_a_list(drafts)
    _category_heads(drafts, text)
    _stage_of_named_projects(drafts, text)
    for d in drafts:
        if d.metric.startswith("“") and d.metric.endswith("”") and d.metric.count("“") == 1:
            d.metric = d.metric[1:-1]
        if not d.metric:
            d.flags.append("no_metric")


def _total_investment_of_next(drafts: list[_Draft], text: str) -> None:
    """总投资2100亿元的100个重点项目: the investment belongs to the projects counted next."""
    for d, nxt in itertools.pairwise(drafts):
        if d.metric.endswith("总投资") and text[d.token.end : nxt.token.start] == "的" and nxt.metric:
            d.metric = nxt.metric + "总投资"
            d.flags.append("metric_from_next")


#: Investment words that say nothing of whose investment it is.
BARE_INVESTMENT = ("年度投资", "总投资", "投资")
#: Verbs of spending that name the figure when nothing else does (投入1亿多元).
SPENDING_VERBS = ("投入", "投资", "支出")
#: A clause that only notes how a figure is counted (扣除价格因素，实际增长8.0%) names no subject.
NOTE_CLAUSE_OPENERS = ("扣除", "剔除")
#: A clause that opens with a project stage and names projects before their count: 开工建设仙鹤纸业、
#: 中科电气等50个项目, 尽快竣工投产泸州产融碳素原料等20个项目 (the stage says which projects are counted).
PROJECT_STAGE_LEAD_RE = re.compile(
    r"(?:尽快|加快|力争|确保|全力|计划|新)?(?P<stage>开工建设|新开工|竣工投产|建成投产|建成投用|签约落地|开工|竣工|建成|签约)"
    r"[^，。；：]{2,}等$"
)


def _stage_of_named_projects(drafts: list[_Draft], text: str) -> None:
    """A count of bare 项目 after named projects takes the stage the clause opens with (开工建设项目)."""
    for d in drafts:
        if d.metric != "项目" or d.token.unit not in COUNT_UNITS:
            continue
        found = PROJECT_STAGE_LEAD_RE.match(text, d.clause[0], d.token.start)
        if found:
            d.metric = found.group("stage") + "项目"
            d.flags.append("metric_from_stage")


#: Bare measures of things counted just before them in the sentence.
BARE_OF_COUNTED = (*BARE_INVESTMENT, "面积")
#: Categories a bulletin breaks a measure down by (股份制企业增长6.8%, 采矿业增长5.0%).
CATEGORY_ENDINGS = ("企业", "业")
#: The growth word right before a category's figure (股份制企业增长6.8%).
CATEGORY_GROWTH_WORDS = ("增长", "下降", "增速为", "增长了")
#: Words ending in 业 that are no category of a breakdown (城镇新增就业).
NOT_CATEGORY_ENDINGS = ("就业", "创业", "毕业", "失业", "作业", "事业")
#: How far back, within one paragraph, the measure being broken down is looked for.
CATEGORY_WINDOW = 400


def _category_heads(drafts: list[_Draft], text: str) -> None:
    """规模以上工业增加值增长5.7%。…股份制企业增长6.8%，采矿业增长5.0%: a growth of a category names the
    measure of the breakdown it belongs to (股份制企业增加值, 采矿业增加值)."""
    for i, d in enumerate(drafts):
        metric = d.metric
        before = text[max(0, d.token.start - 4) : d.token.start]
        if (
            d.token.unit != "%"
            or not metric.endswith(CATEGORY_ENDINGS)
            or metric.endswith(NOT_CATEGORY_ENDINGS)
            or metric.endswith(LIST_HEAD_NOUNS)
            or not before.endswith(CATEGORY_GROWTH_WORDS)
        ):
            continue
        for prev in reversed(drafts[max(0, i - 12) : i]):
            if d.token.start - prev.token.end > CATEGORY_WINDOW or "\n" in text[prev.token.end : d.token.start]:
                break
            head = next((h for h in LIST_HEAD_NOUNS if prev.metric.endswith(h) and len(prev.metric) > len(h)), None)
            if head is not None:
                d.metric = metric + head
                d.flags.append("metric_from_previous")
                break


#: Measures that alone do not say of what (投资额占87%).
BARE_MEASURES = ("投资额", "投资", "产值", "面积", "收入", "数量")


def _shares_in_a_list(drafts: list[_Draft]) -> None:
    """其中非煤项目占92.5%、投资额占87%: a bare measure's share in a list is of the item before."""
    for prev, d in itertools.pairwise(drafts):
        base = d.metric.removesuffix("占比")
        if d.clause == prev.clause and base != d.metric and base in BARE_MEASURES and prev.metric.endswith("占比"):
            d.metric = prev.metric.removesuffix("占比") + d.metric
            d.flags.append("metric_from_previous")


def _count_of_measured_things(drafts: list[_Draft], text: str) -> None:
    """改造同仁中巷等13条2.3万平方米巷道: a count written right before a measure counts the same noun."""
    for d, nxt in itertools.pairwise(drafts):
        if (
            d.token.unit in COUNT_UNITS
            and not d.right
            and not text[d.token.end : nxt.token.start].strip()
            and metric_mod.usable(nxt.right)
        ):
            d.metric = nxt.right
            d.flags.append("metric_from_next")


def _measure_of_counted_things(drafts: list[_Draft]) -> None:
    """…的100个重点工业和技改项目，完成年度投资500亿元 / 建成基地15个，面积超过29万亩: a bare investment or
    area belongs to the things just counted; a growth that inherited the bare word follows it."""
    for i, (prev, d) in enumerate(itertools.pairwise(drafts)):
        if d.metric not in BARE_OF_COUNTED or prev.sentence != d.sentence or not prev.metric:
            continue
        if not (prev.metric.endswith("项目") or (prev.token.unit in COUNT_UNITS and d.metric == "面积")):
            continue
        bare, d.metric = d.metric, prev.metric + d.metric
        d.flags.append("metric_from_previous")
        for later in drafts[i + 2 :]:
            if later.clause[0] > d.sentence[1] or later.metric != bare or "metric_inherited" not in later.flags:
                break
            later.metric = d.metric


def _after_qualifier(token: NumberToken, text: str) -> int:
    pos = token.end
    while text[pos : pos + 2] in ("以上", "左右", "以内", "以下"):
        pos += 2
    return pos


def _from_previous_clause(d: _Draft, text: str, bounds: Boundaries) -> str:
    prev = bounds.previous_clause(d.token.start)
    if prev is None:
        return ""
    subject = metric_mod.subject_of(text, prev[0], prev[1])
    return subject if metric_mod.usable(subject) and not subject.startswith(NOTE_CLAUSE_OPENERS) else ""


def _distribute_paired_lists(drafts: list[_Draft], text: str) -> None:
    """Read paired lists "respectively" (37个A、324个B…投资370亿元、1115亿元)."""
    runs = _list_groups(drafts, text, RUN_GAP_RE)
    groups = _list_groups(drafts, text, PAIR_GAP_RE)
    by_clause: dict[tuple[int, int], list[list[_Draft]]] = {}
    for group in groups:
        _shared_head_noun(group)
        by_clause.setdefault(group[0].clause, []).append(group)
    for run in runs:
        if len(run) < 2:
            continue
        first = run[0]
        lead = text[first.clause[0] : first.token.start]
        items = _split_list(metric_mod.clean(lead), len(run))
        if items is not None:
            head = _sector_head_before(drafts, first) if all(SECTOR_ONLY_RE.match(m) for m in items) else ""
            for d, m in zip(run, items, strict=True):
                d.metric = m + head
                d.flags.append("respectively")
            continue
        earlier = [
            g for g in by_clause.get(first.clause, []) if len(g) == len(run) and g[-1].token.end < first.token.start
        ]
        if earlier and all("metric_inherited" in d.flags or d is first for d in run):
            suffix = first.left if len(first.left) <= 6 else ""
            for src, d in zip(earlier[-1], run, strict=True):
                d.metric = src.metric + suffix
                d.flags.append("respectively")


#: A sector named without what of it is measured (一产, 第三产业).
SECTOR_ONLY_RE = re.compile(r"^(?:[一二三]产|第[一二三]产业)$")


def _sector_head_before(drafts: list[_Draft], first: _Draft) -> str:
    """二产比重下降11.4个百分点，一产和三产分别上升…: the sectors share the measure of the sector figure before."""
    k = drafts.index(first)
    if k == 0 or drafts[k - 1].sentence != first.sentence:
        return ""
    found = re.match(r"^(?:[一二三]产|第[一二三]产业)(.+)$", drafts[k - 1].metric)
    return found.group(1) if found else ""


def _split_list(lead: str, k: int) -> list[str] | None:
    """原煤、原油、天然气产量 with 3 figures → 原煤产量, 原油产量, 天然气产量 (k items, head noun shared)."""
    sectors = SECTOR_RUN_RE.match(lead) or SECTOR_LIST_RE.match(lead)
    ordinals = re.findall("[一二三]", sectors.group(1)) if sectors else []
    if sectors and len(ordinals) == k:
        word, tail = sectors.group(2), sectors.group(3)
        return [f"第{n}产业{tail}" if word == "产业" else f"{n}产{tail}" for n in ordinals]
    if k == 2 and lead.startswith("城乡") and len(lead) > 4:
        return [side + lead[2:] for side in URBAN_RURAL]
    if k == 2:
        pair = _split_pair(lead)
        return list(pair) if pair else None
    items = lead.split("、")
    if len(items) == k - 1 and LAST_JOINER_RE.search(items[-1]):
        items[-1:] = LAST_JOINER_RE.split(items[-1], maxsplit=1)  # A、B和C…
    if len(items) != k or not all(items):
        return None
    head = next((h for h in LIST_HEAD_NOUNS if items[-1].endswith(h) and len(items[-1]) > len(h)), None)
    if head is not None:
        return [item if item.endswith(head) else item + head for item in items]
    return _parallel_items(items)


def _parallel_items(items: list[str]) -> list[str] | None:
    """城镇职工医保、城镇居民医保和大病统筹报销年度累计最高支付额: items of one length written in parallel; what
    the last runs on beyond that length is the measure they share."""
    width = len(items[0])
    if width < 2 or any(len(item) != width for item in items[:-1]) or len(items[-1]) < width + 3:
        return None
    tail = items[-1][width:]
    return [item + tail for item in items[:-1]] + [items[-1]]


def _split_pair(lead: str) -> tuple[str, str] | None:
    """省、市重点项目年度投资 → (省重点项目年度投资, 市重点项目年度投资); A建设、B建设年度任务 likewise."""
    found = PAIRED_LIST_RE.match(lead)
    if not found:
        return None
    a, b = found.groups()
    if len(a) <= 2:
        return a + b[len(a) :], b
    ending = a[-2:]
    k = b.rfind(ending)
    if k <= 0 or k + 2 >= len(b):
        if len(a) > 4 and len(b) <= 4 and a[-1] == b[-1]:
            return a, a[:-2] + b  # 煤矿事故起数和死亡人数 → 煤矿事故起数, 煤矿事故死亡人数
        if b.endswith(SHARED_TAILS) and not a.endswith(SHARED_TAILS):
            return a + b[-2:], b  # 公务用车和公务接待费用 → 公务用车费用, 公务接待费用
        return None
    suffix = b[k + 2 :]
    return a + suffix, b


def _shared_head_noun(group: list[_Draft]) -> None:
    """A建设82项、B建设89项年度任务: the noun after the last figure is the head of every item."""
    last = group[-1]
    if len(group) < 2 or "metric_after_number" not in last.flags or not metric_mod.usable(last.left):
        return
    if any(d.right or not metric_mod.usable(d.left) for d in group[:-1]):
        return
    for d in group:
        d.metric = d.left + last.right
        d.flags.append("respectively")


def _list_groups(drafts: list[_Draft], text: str, gap_re: re.Pattern[str] | None = None) -> list[list[_Draft]]:
    gap_re = gap_re or LIST_GAP_RE
    groups: list[list[_Draft]] = []
    for d in drafts:
        if groups and groups[-1][-1].clause == d.clause:
            gap = text[groups[-1][-1].token.end : d.token.start]
            if gap_re.match(gap) or gap == "、":
                groups[-1].append(d)
                continue
        groups.append([d])
    return groups


def _propagate_list_qualifiers(drafts: list[_Draft], text: str, bounds: Boundaries) -> None:
    """分别增长10%、35%以上 / 燃气管网900公里、供排水管道600公里以上: the last qualifier covers the list."""
    for group in _list_groups(drafts, text):
        if len(group) >= 2:
            last = group[-1]
            trailing = qualifier_after(last.token, text)
            if trailing in (Qualifier.AT_LEAST, Qualifier.AT_MOST, Qualifier.APPROX) and not last.token.approx_inside:
                for g in group[:-1]:
                    if g.qualifier is Qualifier.EXACT:
                        g.qualifier = trailing
                        g.flags.append("qualifier_from_list")


def _original_metric(d: _Draft, view: NormalView) -> str:
    """The metric as written in the original text where it is one stretch of the sentence."""
    if not d.metric:
        return ""
    k = view.text.rfind(d.metric, d.sentence[0], d.sentence[1])
    if k < 0:
        return d.metric
    return view.span(k, k + len(d.metric)).of(view.original)


def _span_at(paragraphs: list[tuple[int, int, str]], pos: int) -> str | None:
    """The five-year span of the paragraph at ``pos``, if it reviews five years."""
    k = bisect_right(paragraphs, (pos, float("inf"), "")) - 1
    return paragraphs[k][2] if k >= 0 and paragraphs[k][0] <= pos < paragraphs[k][1] else None


def _finish(
    d: _Draft, view: NormalView, text: str, setting: Setting, markers: PeriodMarkers, review_span: str | None = None
) -> Figure:
    token = d.token
    span = view.span(token.start, token.end)
    factor, base_unit = split_magnitude(token.unit)
    if token.kind == "double_digit":
        factor, base_unit = 1.0, "%"
    in_plan = setting.in_plan(token.start)
    st = status(token, text, d.clause[0], in_plan, threshold_of_category(token, text), d.sentence[0])
    if st is Status.ACTUAL and d.qualifier is Qualifier.AT_LEAST and "将" in text[d.clause[0] : token.start]:
        st = Status.EXPECTED
    when = period(token.start, text, d.sentence[0], markers, setting.year, in_plan, setting.review_year, review_span)
    if st is Status.EXPECTED and setting.year is not None and ".." in when:
        when = str(setting.year - 1)  # an estimate is of the whole year
    qual = Qualifier.RANGE if token.value_max is not None else d.qualifier
    meas = measure(token, text, d.metric)
    if meas is Measure.GROWTH and d.metric.endswith("增速") and len(d.metric) > 4:
        d.metric = d.metric[:-2]
    region, metric = figure_region(_original_metric(d, view), setting.region)
    return Figure(
        span=span,
        surface=span.of(view.original),
        value=token.value,
        unit=token.unit,
        base_value=token.value * factor,
        base_unit=base_unit,
        measure=meas,
        status=st,
        qualifier=qual,
        metric=metric,
        period=when,
        region=region,
        value_max=token.value_max,
        base_value_max=token.value_max * factor if token.value_max is not None else None,
        section=setting.section_of(token.start),
        flags=tuple(d.flags),
    )
