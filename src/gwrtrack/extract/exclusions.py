"""Decide which number tokens are not figures: years, dates, footnote markers, ordinals, names.

Each rule is a small function returning a reason (str) when the token is not a figure.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import cache

from gwrtrack.extract.numbers import NumberToken
from gwrtrack.extract.vocab import (
    APPROX_AFTER,
    AT_LEAST_AFTER,
    AT_MOST_AFTER,
    DURATION_VERBS,
    NAMED_NUMERAL_PHRASES,
    RANK_VERBS,
)

#: A short quotation that names something (“营商环境10条”, “1573”工作模式); long ones are quotations.
SHORT_QUOTE_RE = re.compile(r"“[^“”。]{1,24}”|‘[^‘’。]{1,24}’|《[^《》]{1,60}》")
#: Footnote marker [12] (also 【12】, normalised to brackets).
FOOTNOTE_MARKER_RE = re.compile(r"\[\d{1,3}\]")
#: Nouns after 第N that make it an ordinal of events, editions, batches (第十八届, 第四次, 第二批).
ORDINAL_NOUNS = "届次批轮期季阶部个名条项家款章节点号版代"
#: Nouns right after a bare number that make it part of a name or date (500强, 5G, 二环路, 11月).
NAME_OR_DATE_AFTER = ("强", "月", "日", "号", "时", "届", "批", "期", "轮", "级", "代", "环", "线", "型", "版", "周年")

#: Scopes of a ranking (全省第6位, 全国第1位).
RANK_SCOPES = ("全国", "全省", "全市", "全区", "全球", "世界", "西部", "中部", "东部", "同类", "省会城市", "副省级")
#: Parallel numeral slogans: 两个市场、两种资源 / 两个市场两种资源.
PARALLEL_NUMERAL_RE = re.compile(r"[\u4e00-\u9fff]{1,4}、?[一两二三四五六七八九十][个种大条项]")

Rule = Callable[[NumberToken, str], str | None]


@cache
def _named_numeral_re() -> re.Pattern[str]:
    return re.compile("|".join(NAMED_NUMERAL_PHRASES))


def footnote_marker(token: NumberToken, text: str) -> str | None:
    if token.start > 0 and text[token.start - 1] == "[" and text[token.end : token.end + 1] == "]":
        return "footnote marker"
    return None


def letter_or_code(token: NumberToken, text: str) -> str | None:
    """5G, G353, PM2.5, 4A级, S317, 10+13条: numbers glued to letters or '+' are codes or names."""
    before = text[token.start - 1] if token.start else ""
    after = text[token.end] if token.end < len(text) else ""
    if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha() and not token.unit):
        return "code or name (letters)"
    if before == "+" or (after == "+" and not token.unit):
        return "name with '+' (10+13条)"
    if before == "." or (after == "." and text[token.end + 1 : token.end + 2].isdigit()):
        return "part of a dotted code"
    return None


def year_or_date(token: NumberToken, text: str) -> str | None:
    if token.kind != "arabic":
        return None
    if (
        token.unit in ("", "年")
        and token.value.is_integer()
        and 1900 <= token.value <= 2100
        and token.value_max is None
    ):
        return "year"
    if token.unit == "" and token.value_max is None:
        after = text[token.end : token.end + 2]
        if after.startswith(NAME_OR_DATE_AFTER) or after[:1] in "—－-~～至到":
            return "date, ordinal or name"
    return None


def anniversary(token: NumberToken, text: str) -> str | None:
    """建党90周年: an anniversary is a date, not a count of weeks."""
    if token.unit == "周" and text[token.end : token.end + 1] == "年":
        return "anniversary"
    return None


def duration_years(token: NumberToken, text: str) -> str | None:
    """N年 is a figure only as a duration (连续三年, 历时7年); else a date or a name (三年行动)."""
    if token.unit != "年":
        return None
    before = text[max(0, token.start - 3) : token.start]
    if text.startswith(("来", "以来"), token.end):
        return "years as a time reference (近十年来)"
    if before.endswith(DURATION_VERBS):
        return None
    return "years as a time reference"


def service_mode_or_class(token: NumberToken, text: str) -> str | None:
    """24小时旁站式监管, 110千伏移动变电站: a round-the-clock mode or a voltage class names how or what kind,
    it measures nothing."""
    if token.unit == "千伏":
        return "voltage class of a facility"
    if token.unit == "小时" and token.value == 24 and "\u4e00" <= text[token.end : token.end + 1] <= "\u9fff":
        return "round-the-clock service (24小时值守)" if not text.startswith(("内", "以内"), token.end) else None
    return None


def bare_number(token: NumberToken, text: str) -> str | None:
    """A number without a unit counts only with a qualifier after it (103左右, 5以上)."""
    if token.unit or token.kind != "arabic":
        return None
    after = text[token.end : token.end + 2]
    if after.startswith(AT_LEAST_AFTER + AT_MOST_AFTER + APPROX_AFTER) and not after.startswith(("多", "+")):
        return None
    return "number without a unit"


def ordinal(token: NumberToken, text: str) -> str | None:
    """第N is an ordinal unless it is a rank (居全省第6位, 保持全省第一)."""
    if token.kind == "rank":
        window = text[max(0, token.start - 12) : token.start]
        window = re.split(r"[，。；、：]", window)[-1]
        after = text[token.end : token.end + 1]
        ranked = any(v in window for v in RANK_VERBS) or any(w in window for w in RANK_SCOPES)
        if ranked and (token.unit or not after or after not in ORDINAL_NOUNS):
            return None
        return "ordinal"
    if token.start > 0 and text[token.start - 1] == "第":
        return "ordinal"
    return None


def chinese_numeral_in_name(token: NumberToken, text: str) -> str | None:
    if token.kind != "chinese":
        return None
    if token.value == 1:
        return "一 as an article, not a count"
    window = text[max(0, token.start - 4) : token.end + 6]
    local = token.start - max(0, token.start - 4)
    for match in _named_numeral_re().finditer(window):
        if match.start() <= local < match.end():
            return "numeral inside a political formula"
    if token.unit == "项" and text.startswith("规定", token.end):
        return "numeral inside the name of a rule set (省委十项规定)"
    if PARALLEL_NUMERAL_RE.match(text, token.end):
        return "parallel numeral slogan"
    after = text[token.end : token.end + 1]
    if after in "级大类化是甲批届期" or (token.unit == "个" and after in "一二三四五六七八九十"):
        return "numeral inside a name"
    return None


def in_short_quote(token: NumberToken, quotes: list[tuple[int, int]]) -> str | None:
    """Quotes do not nest, so only the last one opening before the token can hold it."""
    k = bisect_left(quotes, (token.start, -1)) - 1
    if k >= 0 and quotes[k][0] < token.start and token.end <= quotes[k][1]:
        return "numeral inside a quoted name"
    return None


#: The base of a quoted exchange rate: 1美元兑6.8985元人民币 (the 1 is the unit quoted, not a figure).
EXCHANGE_BASE_RE = re.compile(r"(?:美元|欧元|港元|日元|英镑)?兑")


def exchange_rate_base(token: NumberToken, text: str) -> str | None:
    if EXCHANGE_BASE_RE.match(text, token.end) and token.value in (1.0, 100.0):
        return "the base of a quoted exchange rate (1美元兑…)"
    return None


RULES: tuple[Rule, ...] = (
    footnote_marker,
    exchange_rate_base,
    letter_or_code,
    year_or_date,
    anniversary,
    duration_years,
    service_mode_or_class,
    bare_number,
    ordinal,
    chinese_numeral_in_name,
)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in SHORT_QUOTE_RE.finditer(text)]


def exclusion_reason(token: NumberToken, text: str, quotes: list[tuple[int, int]]) -> str | None:
    """Why ``token`` is not a figure, or ``None`` if it is one."""
    for rule in RULES:
        reason = rule(token, text)
        if reason:
            return reason
    return in_short_quote(token, quotes)
