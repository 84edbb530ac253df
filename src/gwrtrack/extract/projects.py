"""Named projects and facilities with their lifecycle stage, per mention, with exact spans.

A clause with a lifecycle cue (建成投用, 加快建设, 前期工作…) is cut at its cues into pieces;
a piece loses its leading verbs and descriptors and, after the last 等, its trailing category
words; what remains is split at 、 into items. An item is a project where it ends in a facility
head noun after a specific name (泸古高速, 永宁水库), starts with a road code (G321（纳溪段）),
or is named in a list that the text itself calls projects (仙鹤纸业、中科电气等50个项目).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from gwrtrack.extract.figures import Setting
from gwrtrack.extract.project_vocab import (
    FACILITY_HEADS,
    GENERIC_NAME_WORDS,
    LEADING_DESCRIPTOR_RE,
    NOT_A_FACILITY_RE,
    Stage,
    facility_head_re,
    leading_verbs_re,
    stage_cue_re,
    stage_of,
)
from gwrtrack.span import Span
from gwrtrack.textview import NormalView

#: Clause boundaries: a project name never crosses them.
CLAUSE_BREAK_RE = re.compile(r"[，。；！？：\n]")
#: Cues that name a designation the subject receives (获批…项目, 成为…中心): only the subject is a project.
DESIGNATION_CUES = frozenset({"获批", "入选国家建设名单", "成为", "获评", "创建", "落户", "连续"})
#: A road or railway code that starts a name: G353, S317, G4215.
ROAD_CODE_RE = re.compile(r"^[GS]\d{2,4}")
#: Adverbs left at the end of a subject before its cue: 顺利通车, 成功开酿, 即将建成.
TRAILING_ADVERB_RE = re.compile(r"(?:成功|顺利|正式|相继|先后|率先|全面|即将|基本|力争|尽快|(?:历时|用时|从)[^、]*)$")
#: A footnote marker [12] anywhere in an item.
FOOTNOTE_RE = re.compile(r"\[\d{1,3}\]")
#: 等 that closes a list (not 甲等, 同等, 平等, 高等).
LIST_CLOSER_RE = re.compile(r"(?<![甲乙丙同平对相高中初均])等")
#: Words after 等 that call the listed items projects or facilities (等项目, 等消费场景, 等城市公园).
PROJECT_LIST_NOUN_RE = re.compile(
    r"^(?:(?:(?!领域|方面|行业|产业|加快|实施|推进)[^、])"
    r"{0,24}?(?:项目|工程|消费场景|城市公园|街区)|(?:设施)?(?:建设|前期工作|主体完工|主体工程)$)"
)
#: Lifecycle cues (first two characters) right after a bare 等 that make the list one of projects.
STRONG_LIST_CUES = frozenset({"建成", "竣工", "开工", "投产", "投用", "开港", "开园"})
#: Words that make an item a category of things rather than one named thing (各类项目, 更多原材料).
CATEGORY_RE = re.compile(
    r"各类|更多|多层次|大中小|若干|一批|一些|募投|增资扩产|预算内|相适应|基于|的|\d+(?:\.\d+)?(?:平方公里|公里|亩|平方米|户|套)"
)
#: A county, district or town in a name: 叙永县毛梨坪 shares the head noun of the next item.
PLACE_IN_NAME_RE = re.compile(r"^[\u4e00-\u9fff]{1,4}[县区市镇乡州][\u4e00-\u9fff]{2,}")
#: Object nouns after a name at the end of a clause: 编制实施长江国家文化公园泸州段规划, 优化…机场航线网络.
TRAILING_OBJECT_RE = re.compile(r"(?:规划|功能|航线网络)$")
#: A verb or slogan inside an item: a programme or an activity, not a named facility
#: (“川货寄递”工程, 文化惠民工程, 能力提升项目, 开展就医体验感“五心”医院).
ACTION_IN_NAME_RE = re.compile(
    r"开展|实现|形成|参与|鼓励|构建|用于|支持|争取|发行|提高|对接|入选|纳入|^运营|面向|注重|深化|”(?:工程|项目|医院)$|在谈项目|\d+(?:\.\d+)?[万亿]?元|等\d+个"
)
#: Words of a programme named 工程 or 项目 (医疗卫生强基工程, 融资畅通工程, 文化惠民工程), not of a facility.
PROGRAMME_WORDS_RE = re.compile(
    r"提升|融合|保护|发展|强基|立德|树人|畅通|基础性|保供|稳价|产能|安全|惠民|培育|行动|生命线|文明|健康|能力|质量|"
    r"人才|素质|品质|民生|振兴|攻坚|达标|改善|山水|千万|示范|素养|关爱|帮扶|就业|增收"
)
#: Words of a physical work in a name ending in 工程 or 项目 (扩能改造工程, 牛肉加工项目, 二期工程).
CONCRETE_WORK_RE = re.compile(
    r"\d|期|段|改造|扩能|扩建|引水|调蓄|配置|连通|供水|排水|管网|治理|涵养|处置|加工|储备林|电站|电厂|输变电|特高压|"
    r"铁路|公路|高速|大桥|水库|灌区|水利|枢纽|医院|污水|垃圾|铜箔|酿造|港口|^[\u4e00-\u9fff]{2,4}[县区镇乡村河江湖]"
)
#: Text in brackets inside a name: （泸州）, （一期）.
BRACKETED_RE = re.compile(r"（[^（）]*）")
#: A name written as DESIGNATION（NAME）: 国家区域医疗中心（山东省立医院泸州医院）.
BRACKETED_NAME_RE = re.compile(r"^[^（）]{2,12}中心（([^（）]{4,30})）$")
#: A prefix that counts things instead of naming them (三大消费地标, 45个重点项目).
COUNTED_PREFIX_RE = re.compile(r"^(?:\d+[个家座条批项所大类]|[一二三四五六七八九十两]+[大个批座条项类]|各级|各类|一批)")
#: Descriptors that make the thing a designation to strive for: 全国重要的, 国内, 世界级.
ASPIRATION_RE = re.compile(r"^(?:国内|全国|全省|世界|一流|区域)|全国|世界|国际一流|重要的$")
#: Names of a role a city plays, not of a facility: 川南省域经济副中心, 示范区.
ROLE_NAME_RE = re.compile(r"副中心$|示范区$|先行区$")
#: A slogan that counts its parts (一中心四平台, 三基地一枢纽, 一区两园一基地): a programme, not one facility.
#: The numerals of a number written out (四零七医院, 八二一路) are no such count.
COUNTED_PARTS_RE = re.compile(
    r"^[一二三四五六七八九十两]+(?:(?![一二三四五六七八九十两零〇])[\u4e00-\u9fff]){1,3}[一二三四五六七八九十两]+(?!期)[\u4e00-\u9fff]"
)


#: The flag of a mention in the plan part: its stage is planned (计划建成), not reported.
PLANNED = "planned"


@dataclass(frozen=True)
class ProjectMention:
    span: Span
    surface: str
    status: Stage
    year: int | None
    verb: str
    kind: str
    flags: tuple[str, ...] = ()

    @property
    def planned(self) -> bool:
        """A stage the plan part announces (建成 in the year's plan): planned, not yet reported."""
        return PLANNED in self.flags

    def as_record(self, doc: str) -> dict[str, object]:
        return {
            "doc": doc,
            "start": self.span.start,
            "end": self.span.end,
            "surface": self.surface,
            "status": self.status.value,
            "year": self.year,
            "verb": self.verb,
            "kind": self.kind,
            "flags": list(self.flags),
        }


@dataclass(frozen=True)
class _Item:
    start: int
    end: int
    listed: bool  # in a list the text closes as projects: …等项目, …等50个项目


def extract_projects(view: NormalView, setting: Setting) -> list[ProjectMention]:
    text = view.text
    found: list[ProjectMention] = []
    seen: set[tuple[int, int]] = set()
    hint = project_hint_re()
    for start, end in _clauses(text):
        if hint.search(text, start, end) is None:
            continue  # no facility word, list closer, quote or road code: no project here
        for mention in _clause_projects(view, start, end, setting):
            key = (mention.span.start, mention.span.end)
            if key not in seen:
                seen.add(key)
                found.append(mention)
    return found


@cache
def project_hint_re() -> re.Pattern[str]:
    """Anything a project name needs somewhere in its clause: a facility word, 等, a quote, a road code."""
    heads = "|".join(map(re.escape, sorted(FACILITY_HEADS, key=len, reverse=True)))
    return re.compile(f"{heads}|等|“|[GS]\\d{{2}}")


def _clauses(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in CLAUSE_BREAK_RE.finditer(text):
        if match.start() > start:
            yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def _clause_projects(view: NormalView, start: int, end: int, setting: Setting) -> Iterator[ProjectMention]:
    text = view.text
    # 建设项目 is a noun (综合建设项目), not the verb 建设.
    cues = [c for c in stage_cue_re().finditer(text, start, end) if not text.startswith("项目", c.end())]
    if not cues:
        return
    stage = stage_of([c.group() for c in cues])
    if stage is None:
        return
    verb = "…".join(c.group() for c in cues)
    designation = next((c for c in cues if c.group() in DESIGNATION_CUES), None)
    bounds = [start] + [p for c in cues for p in (c.start(), c.end())] + [end]
    pieces = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    if designation is not None:
        pieces = [(s, e) for s, e in pieces if e <= designation.start()][-1:]
    year = None
    planned = setting.in_plan(start)
    if setting.year is not None:
        year = setting.year if planned else setting.year - 1
    for piece_start, piece_end in pieces:
        items = _items(text, piece_start, piece_end, end)
        # 叙永县毛梨坪、古蔺县茅草岭风电场: the last item's head noun is shared by the items before it.
        shared = len(items) > 1 and _head(text[items[-1].start : items[-1].end]) is not None
        for item in items:
            shares = shared and PLACE_IN_NAME_RE.match(text[item.start : item.end]) is not None
            mention = _mention(view, item, stage, verb, year, shares and item.end - item.start <= 8)
            if mention is None:
                mention = _left_of_and(view, item, stage, verb, year)
            if mention is not None:
                yield replace(mention, flags=(*mention.flags, PLANNED)) if planned else mention


def _items(text: str, start: int, end: int, clause_end: int) -> list[_Item]:
    """The 、-separated items of a piece, after leading verbs and the list closer are cut off."""
    piece = text[start:end]
    lead = leading_verbs_re().match(piece)
    offset = lead.end() if lead else 0
    listed = False
    closers = list(LIST_CLOSER_RE.finditer(piece, offset))
    stop = len(piece)
    if closers and closers[-1].start() > offset:
        stop = closers[-1].start()
        listed = _closes_project_list(text[start + stop + 1 : clause_end])
    body = piece[offset:stop]
    tail = TRAILING_ADVERB_RE.search(body)
    if tail and not listed:
        body = body[: tail.start()]
    obj = TRAILING_OBJECT_RE.search(body)
    if obj and _head(body[: obj.start()]):
        body = body[: obj.start()]
    items: list[_Item] = []
    pos = start + offset
    parts = body.split("、")
    for part in parts:
        items.append(_Item(pos, pos + len(part), listed))
        pos += len(part) + 1
    return items


def _left_of_and(view: NormalView, item: _Item, stage: Stage, verb: str, year: int | None) -> ProjectMention | None:
    """中国白酒博物馆和三大消费地标项目: where the whole is no name, the part before 和 may be one."""
    cut = view.text.find("和", item.start, item.end)
    if cut < 0:
        return None
    left = _Item(item.start, cut, item.listed)
    if _head(view.text[left.start : left.end]) is None:
        return None
    return _mention(view, left, stage, verb, year, False)


def _closes_project_list(after: str) -> bool:
    """等 closes a list of projects: 等项目, 等50个项目, 等消费场景, 等建设, or 等 right before 建成投产."""
    return PROJECT_LIST_NOUN_RE.search(after) is not None or after[:2] in STRONG_LIST_CUES


def _mention(
    view: NormalView, item: _Item, stage: Stage, verb: str, year: int | None, shares_head: bool
) -> ProjectMention | None:
    text = view.text
    start, end = item.start, item.end
    surface = text[start:end]
    if not (item.listed or shares_head or "“" in surface or "[" in surface or _could_name(surface)):
        return None  # the common case, decided cheaply: no list, no quotes, no facility word, no road code
    for marker in FOOTNOTE_RE.finditer(surface):  # a marker ends the name: “城市大脑”[8]
        end = start + marker.start()
        surface = text[start:end]
        break
    descriptor = LEADING_DESCRIPTOR_RE.match(surface)
    if descriptor:
        words = descriptor.group()
        if "一批" in words or (words.endswith("的") and ASPIRATION_RE.search(words)):
            return None
        start += descriptor.end()
        surface = text[start:end]
    surface, start, end, quoted = _strip_quotes(surface, start, end)
    inner = BRACKETED_NAME_RE.match(surface)
    if inner:
        start += inner.start(1)
        end = start + len(inner.group(1))
        surface = inner.group(1)
    head = _head(surface)
    flags: list[str] = []
    if ROAD_CODE_RE.match(surface):
        kind = "road"
    elif head is not None:
        if _generic(surface, head) or ACTION_IN_NAME_RE.search(surface):
            return None
        if head in ("工程", "项目") and not item.listed and not CONCRETE_WORK_RE.search(surface[: -len(head)]):
            return None
        if head in ("工程", "项目") and PROGRAMME_WORDS_RE.search(surface) and not CONCRETE_WORK_RE.search(surface):
            return None
        kind = FACILITY_HEADS[head]
    elif (item.listed or shares_head or (quoted and stage in (Stage.DONE, Stage.START))) and _plausible_name(surface):
        kind = "other"
        flags.append("no_facility_word")
    else:
        return None
    if surface.count("“") != surface.count("”"):
        return None
    if len(surface) < 2 or ASPIRATION_RE.match(surface) or CATEGORY_RE.search(surface) or ROLE_NAME_RE.search(surface):
        return None
    if COUNTED_PARTS_RE.match(surface):
        return None
    if stage is Stage.PREP and verb.endswith("落户") and kind == "platform":
        stage = Stage.OTHER  # an institution settling in has no construction stage
    return ProjectMention(
        view.span(start, end), view.span(start, end).of(view.original), stage, year, verb, kind, tuple(flags)
    )


def _could_name(surface: str) -> bool:
    """A facility head noun at the end (before a bracket or 段) or a road code at the start."""
    surface = surface.strip()
    return (
        surface.endswith("）")
        or facility_head_re().search(surface) is not None
        or ROAD_CODE_RE.match(surface) is not None
    )


def _strip_quotes(surface: str, start: int, end: int) -> tuple[str, int, int, bool]:
    """The name without blanks and enclosing quotes (“巴蜀鱼米之乡”), and whether it was quoted."""
    stripped = surface.strip()
    start += len(surface) - len(surface.lstrip())
    end -= len(surface) - len(surface.rstrip())
    if len(stripped) > 2 and stripped[0] == "“" and stripped[-1] == "”" and "“" not in stripped[1:-1]:
        return stripped[1:-1], start + 1, end - 1, True
    return stripped, start, end, False


def _head(surface: str) -> str | None:
    """The facility head noun the name ends with (before a phase or section suffix)."""
    match = facility_head_re().search(surface)
    return match.group("head") if match else None


def _generic(surface: str, head: str) -> bool:
    """True where the words before the head only classify it (重点项目, 省级农业园区, 三大消费地标项目)."""
    prefix = BRACKETED_RE.sub("", surface[: surface.rfind(head)])
    if COUNTED_PREFIX_RE.match(prefix):
        return True
    prefix = generic_words_re().sub("", prefix)
    # a one-character prefix names only as an ordinal (二环路), not as a word (为中心)
    return len(prefix) < 1 or (len(prefix) == 1 and prefix not in "一二三四五六七八九十")


@cache
def generic_words_re() -> re.Pattern[str]:
    """Any generic name word, longest first (removed from a prefix to see what names it)."""
    return re.compile("|".join(map(re.escape, sorted(GENERIC_NAME_WORDS, key=len, reverse=True))))


def _plausible_name(surface: str) -> bool:
    """A list item without a facility word: a company or a named place, not a programme or policy."""
    if not 3 <= len(surface) <= 24 or COUNTED_PREFIX_RE.match(surface) or surface[-1].isdigit():
        return False
    if NOT_A_FACILITY_RE.search(surface):
        return False
    return not any(surface == w for w in GENERIC_NAME_WORDS)
