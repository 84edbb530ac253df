"""完成时限: one rule for every place a deadline is entered (the 分解方案 form, the API, an imported sheet).

A deadline is written as people write it in a 分工方案: a month end or a day (2024年12月底,
2024年6月30日, 2024年6月底前), a quarter or half-year (2024年三季度末, 2024年上半年), the year
(2024年底, 2024年内), a span of years (2024年—2025年), or an ongoing task (长期坚持, 持续推进).
"""

from __future__ import annotations

import re

from gwrtrack.errors import GwrError

#: A deadline as a 分工方案 writes it; ``前`` may follow a point in time.
DEADLINE_RE = re.compile(
    r"^(?:"
    r"(?:19|20)\d{2}年(?:(?:1[0-2]|0?[1-9])月(?:底|末|中旬|上旬|下旬|(?:[12]\d|3[01]|0?[1-9])日)?"
    r"|[一二三四]季度(?:末|底)?|第[一二三四]季度(?:末|底)?|上半年|下半年|年?底|年?末|内)前?"
    r"|(?:19|20)\d{2}年?[—–\-－至到](?:19|20)\d{2}年"
    r"|长期坚持|持续推进|长期推进"
    r")$"
)
EXAMPLE = "2024年12月底"
MAX_CHARS = 32


class DeadlineError(GwrError):
    """A 完成时限 that does not follow the rule."""


def check_deadline(value: str) -> str:
    """The deadline as stored (trimmed); empty means none. Raises :class:`DeadlineError` otherwise."""
    value = value.strip()
    if value and (len(value) > MAX_CHARS or not DEADLINE_RE.match(value)):
        raise DeadlineError(
            f"完成时限“{value[:MAX_CHARS]}”格式不对（如 {EXAMPLE}、2024年6月30日、2024年三季度末、长期坚持）"
        )
    return value


#: The last day a deadline names: month ends, quarters, halves, the year, a span of years.
DUE_RE = re.compile(
    r"^(?P<y>(?:19|20)\d{2})年(?:(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>[12]\d|3[01]|0?[1-9])日)?|(?:第)?(?P<q>[一二三四])季度|"
    r"(?P<h>上|下)半年)?.*?(?:[—–\-－至到](?P<y2>(?:19|20)\d{2})年)?$"
)
QUARTER_END = {"一": (3, 31), "二": (6, 30), "三": (9, 30), "四": (12, 31)}


def due_date(deadline: str) -> str | None:
    """The deadline as a date (YYYY-MM-DD): 2024年12月底 → 2024-12-31; an ongoing task (长期坚持) has none."""
    import calendar

    found = DUE_RE.match(check_deadline(deadline)) if deadline else None
    if found is None:
        return None
    year = int(found["y2"] or found["y"])
    if found["y2"]:
        month, day = 12, 31
    elif found["m"]:
        month = int(found["m"])
        day = int(found["d"]) if found["d"] else calendar.monthrange(year, month)[1]
    elif found["q"]:
        month, day = QUARTER_END[found["q"]]
    elif found["h"]:
        month, day = (6, 30) if found["h"] == "上" else (12, 31)
    else:
        month, day = 12, 31
    return f"{year:04d}-{month:02d}-{day:02d}"
