"""The metric of a figure: the shortest noun phrase in the text naming what is measured.

Read from the words before the number (地区生产总值1995.5亿元), else after it when the
number modifies a noun (37个省重点项目), else inherited from the figure before it in the
same clause (、增长5.3%) or the subject of the clause before (进出口总额逆势上扬，全年有望突破200亿元).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from gwrtrack.alternation import word_alternation
from gwrtrack.extract.vocab import (
    EMPTY_METRICS,
    METRIC_INNER_VERBS,
    METRIC_LEADING_NOISE,
    METRIC_LEADING_VERBS,
    METRIC_TRAILING_NOISE,
    SHORT_MEASURES,
    WORDS_ENDING_LIKE_NOISE,
)

FOOTNOTE_RE = re.compile(r"\[\d{1,3}\]")
#: Words that end a metric read after a number (324个市重点项目预计完成…).
RIGHT_STOP_RE = re.compile(
    r"[，。；：！？]|\d|[一二三四五六七八九十百千]+(?:个|项|家|所)|等|预计|完成|实现|达到|建成|开工|投用|投产|增长|以上|左右|分别|累计"
    r"|建设(?!项目)|有力|推进(?!项目)|进行|开展|提供|引入|接受|享受|加快|有序|顺利|成功|被|获|成为|上榜|入选|尽早|更新|初见|全面|实施|带动|覆盖|惠及"
    r"|告别|进展|通过|加大|改善|启动"
    r"|与(?=[^，。；]{1,8}(?:签署|签订|签约|合作))"
)
#: People counted by a number end the noun it modifies (6.03万农村贫困人口改善生产生活条件): what follows is
#: what was done for them. A list of groups (困难儿童、孤儿) goes on.
PEOPLE_COUNTED_RE = re.compile(r"(?:人口|农户|贫困户|学生|儿童|孤儿|群众)(?![、和及与])")
#: Leading words that are also the first character of a noun (有 of 有效灌面, 有序): word → what may not follow.
LEADING_WORD_NOT_BEFORE = {"有": "效序机色线关偿益"}
#: Where a metric read before a number ends: the part after 等 or after a preposition is not it.
PREPOSITION_TAIL_RE = re.compile(
    r"(?<=[\u4e00-\u9fff]{2})(?:在(?![建线校岗职])|从|于|向|对(?![接外口象照标])|由)(?![\u4e00-\u9fff“”、]*贡献率?$)[\u4e00-\u9fff“”、]{2,}$"
)
#: A rank verb and what follows it (总量居全国公安院校, 稳居全省): the ranked thing is before it.
RANK_TAIL_RE = re.compile(r"(?:稳居|位居|跃居|居|排名|排|名列|位列|升至)[^，。；]*$")
#: Leading ordinals and years: 第六批省级非遗项目, 2023中国西部百强镇.
LEADING_ORDINAL_RE = re.compile(
    r"^(?:第[一二三四五六七八九十\d]+[批届次轮]|[一二三四五六七八九十]+是|(?:19|20)\d{2}(?!年))"
)
#: A year inside a phrase is a time reference, not part of the metric (技术合同成交额2030年达到).
INNER_YEAR_RE = re.compile(r"(?:到|至)?(?:19|20)\d{2}年(?:底|末)?")
#: First characters of what LEADING_ORDINAL_RE can strip (a cheap test before the regex).
ORDINAL_STARTS = frozenset("第一二三四五六七八九十12")
#: Longest metric read after a number before a list inside it is cut at its first 、.
MAX_RIGHT_CHARS = 20
#: Adverbs that end the subject of a clause (进出口总额逆势上扬).
SUBJECT_END_RE = re.compile(
    r"逆势|持续|稳步|不断|大幅|快速|加快|显著|明显|较快|稳定|保持|实现|完成|达到|突破|增长|首次|累计"
)
#: A comparison or a change word alone is no metric (比上年末增加467万人, 比年初增加110.8亿元, 增产0.9%):
#: the figure measures the thing named before it in the sentence.
COMPARISON_ONLY_RE = re.compile(
    r"^(?:比|较|同比|环比)?(?:上年末|上年底|年初|上年|去年|上一年)?(?:同期)?(?:同口径)?(?:增产|减产|少增|多增|增收|减收|贬值|升值)?$"
    r"|^按可比口径计算$"
)
#: A reporting verb between a subject and what it measures (高新技术产业实现总产值 → 高新技术产业总产值).
REPORTING_VERB_RE = re.compile(
    r"(?<=[\u4e00-\u9fff]{2})(?:累计完成|实现|完成)(?=(?:总产值|产值|增加值|投资|进出口额|进出口总额|营业收入|收入|利润|销售额|交易额|税收|出口额|进口额|产量)$)"
)
#: A bracket at the end of a metric: a gloss (地区生产总值（GDP）) or the indicator's own name after a
#: definition (城镇常住人口占总人口比重（常住人口城镇化率）); a qualifier inside (（不含农户）).
TRAILING_GLOSS_RE = re.compile(r"^(?P<outer>.+?)（(?P<inner>[^（）]{1,20})）$")
QUALIFIER_BRACKET_RE = re.compile(r"（(?:不)?含[^（）]{1,12}）")
#: Names that begin with a word that is otherwise a leading verb: (verb, what follows it in the name).
NAMES_WITH_A_VERB = (("新增", "城镇就业"), ("新增", "就业"), ("建成", "区"), ("引进", "项目"))
#: Connectives and quantity words to drop from a metric's edges.
EDGE_JUNK = "的和及与、，"


@cache
def _trailing_reversed_re() -> re.Pattern[str]:
    """Trailing noise words, reversed, matched at the start of the reversed phrase (fast: no scan)."""
    return re.compile("^" + word_alternation(w[::-1] for w in METRIC_TRAILING_NOISE) + "+")


def _strip_trailing(phrase: str) -> str:
    reversed_phrase = phrase[::-1]
    found = _trailing_reversed_re().match(reversed_phrase)
    return phrase[: len(phrase) - found.end()] if found else phrase


def _leading_alternation(words: frozenset[str] | set[str] | tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("^" + word_alternation(words, LEADING_WORD_NOT_BEFORE) + "+")


@cache
def _leading_re() -> re.Pattern[str]:
    return _leading_alternation(set(METRIC_LEADING_NOISE) | set(METRIC_LEADING_VERBS))


@cache
def _leading_verbs_re() -> re.Pattern[str]:
    return _leading_alternation(METRIC_LEADING_VERBS)


@cache
def _leading_province_re() -> re.Pattern[str]:
    from gwrtrack.ingest.meta import PROVINCES

    return re.compile("^" + word_alternation(PROVINCES) + "(?=[\u4e00-\u9fff]{4})")


@lru_cache(maxsize=16384)
def clean(phrase: str, subjects: bool = True) -> str:
    """Strip footnote markers, edge verbs, subjects and connectives from a candidate phrase.

    A pure function of its arguments, remembered: about half the calls on a report repeat a phrase
    (a metric is tried from both sides of its number).

    With ``subjects=False`` only verbs are stripped at the start: after a verb, 全省… is a name
    (获全省制造业招商引资“百日攻坚”流动红旗), not the subject of the sentence.
    """
    leading = _leading_re() if subjects else _leading_verbs_re()
    original = phrase
    if "[" in phrase:
        phrase = FOOTNOTE_RE.sub("", phrase)
    phrase = phrase.strip(EDGE_JUNK + " ")
    if "年" in phrase:
        phrase = INNER_YEAR_RE.sub("", phrase)
    phrase = _leading_province_re().sub("", phrase)
    for _ in range(4):
        before = phrase
        if not phrase.endswith(WORDS_ENDING_LIKE_NOISE):
            phrase = _strip_trailing(phrase).strip(EDGE_JUNK)
        phrase = leading.sub("", phrase).strip(EDGE_JUNK)
        if phrase[:1] in ORDINAL_STARTS:
            phrase = LEADING_ORDINAL_RE.sub("", phrase)
        if phrase == before:
            break
    if phrase.startswith("“") and "”" in phrase:
        rest = phrase[phrase.index("”") + 1 :]
        if len(rest) >= 5:
            phrase = rest
    if "实现" in phrase or "完成" in phrase:
        phrase = REPORTING_VERB_RE.sub("", phrase)
    if "（" in phrase:
        phrase = _without_brackets(phrase)
    for prefix, name in NAMES_WITH_A_VERB:  # 新增城镇就业, 建成区绿化覆盖率: the verb is part of the name
        if phrase.startswith(name) and prefix + phrase in original:
            phrase = prefix + phrase
            break
    return phrase.lstrip("*#")


def _without_brackets(phrase: str) -> str:
    """Drop a qualifier or a gloss in brackets; keep the name where the outer words only define it."""
    phrase = QUALIFIER_BRACKET_RE.sub("", phrase)
    found = TRAILING_GLOSS_RE.match(phrase)
    if found is None:
        return phrase
    outer, inner = found.group("outer"), found.group("inner")
    if "占" in outer and not inner.isascii() and len(inner) >= 3:
        return inner  # 城镇常住人口占总人口比重（常住人口城镇化率）: the bracket names the indicator
    if inner.isascii():
        return outer  # 地区生产总值（GDP）: an abbreviation
    return phrase  # 中试平台（基地）: part of the name


def _cut_inner(phrase: str) -> str:
    """After 等 or an inner verb the metric starts; before a preposition it ends."""
    tail_match = PREPOSITION_TAIL_RE.search(phrase)
    if tail_match and tail_match.start() >= 2:
        # 市直各部门向乡镇下放行政权力: after the preposition's verb comes what is measured
        inner = [
            m
            for m in _inner_verbs_re().finditer(phrase, tail_match.start() + 2)
            if tail_match.group()[0] in "向对" and len(phrase) - m.end() >= 2
        ]
        phrase = phrase[inner[-1].end() :] if inner else phrase[: tail_match.start()]
    if "等" in phrase[:-1]:
        tail = phrase[phrase.rindex("等") + 1 :]
        if len(tail) >= 4:
            phrase = tail
    # the metric starts after the last inner verb that leaves at least three characters (one regex pass)
    cut = 0
    for found in _inner_verbs_re().finditer(phrase, 1):
        rest = len(phrase) - found.end()
        if rest >= 3 or (rest == 2 and phrase.endswith(SHORT_MEASURES)):
            cut = found.end()
        elif rest == 2 and phrase.endswith("项目") and found.group() in ("引进", "引入"):
            cut = found.start()  # 专业招商共引进项目 → 引进项目: the verb names the class of project
    return phrase[cut:] if cut else phrase


@cache
def _inner_verbs_re() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(METRIC_INNER_VERBS, key=len, reverse=True))))


#: Longest stretch before a number read for its metric (the longest metrics run to about 30 characters).
MAX_LEFT_CHARS = 48


def left_phrase(text: str, start: int, end: int, rank: bool = False) -> str:
    segment = text[max(start, end - MAX_LEFT_CHARS) : end]
    if rank:
        segment = RANK_TAIL_RE.sub("", segment)
    return clean(_cut_inner(clean(segment)))


def right_phrase(text: str, start: int, end: int, ends_at_number: bool = False) -> str:
    """The noun a number modifies: from just after it to the first verb, digit or punctuation."""
    segment = text[start:end]
    while segment.startswith(("以上", "左右", "以内", "以下", "级", "元级")):
        segment = segment[1 if segment[0] == "级" else 2 :]
    segment = _leading_verbs_re().sub("", segment) if start and text[start - 1] == "年" else segment
    stop = RIGHT_STOP_RE.search(segment, 1)
    if stop:
        segment = segment[: stop.start()]
        if (stop.group()[0].isdigit() or stop.group()[0] in "一二三四五六七八九十百千") and "、" in segment:
            segment = segment[: segment.rindex("、")]
    elif ends_at_number and "、" in segment:
        segment = segment[: segment.rindex("、")]
    if len(segment) > MAX_RIGHT_CHARS and "、" in segment:
        segment = segment[: segment.index("、")]
    people = PEOPLE_COUNTED_RE.search(segment)
    if people and people.end() < len(segment):
        segment = segment[: people.end()]
    return clean(segment, subjects=False)


def starts_with_noun(text: str, pos: int) -> bool:
    """Whether the text at ``pos`` goes on with a noun the number modifies (37个省重点项目)."""
    nxt = text[pos : pos + 2]
    if nxt.startswith(("以上", "左右", "以内", "以下")):
        nxt = text[pos + 2 : pos + 4]
    if nxt.startswith("级"):
        nxt = text[pos + 1 : pos + 3]
    elif nxt.startswith("元级"):
        nxt = text[pos + 2 : pos + 4]
    if nxt.startswith("台阶"):
        return False
    if not nxt or not ("\u4e00" <= nxt[0] <= "\u9fff" or nxt[0] in "“"):
        return False
    if text[pos - 1 : pos] == "年":
        # 连续三年获…流动红旗: the thing won follows the verb; 连续五年稳定达标 says how, not what
        return bool(_leading_re().match(text[pos : pos + 6]))
    return not _leading_re().match(text[pos : pos + 6]) and nxt[0] not in "的和、，。"


def subject_of(text: str, start: int, end: int) -> str:
    """The leading noun phrase of a clause (进出口总额逆势上扬 → 进出口总额)."""
    segment = text[start:end]
    stop = SUBJECT_END_RE.search(segment)
    if stop:
        segment = segment[: stop.start()]
    return clean(segment)


def usable(metric: str) -> bool:
    return bool(metric) and metric not in EMPTY_METRICS and len(metric) >= 2 and not COMPARISON_ONLY_RE.match(metric)
