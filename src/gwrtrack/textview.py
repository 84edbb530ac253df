"""A normalised view of a text for matching, whose offsets map back to the original.

Extraction runs on :attr:`NormalView.text`; every span it finds is mapped back with
:meth:`NormalView.span`, so ``document.text[span.start:span.end]`` is always the original
surface. Most normalisation is one character for one character (full-width digits, ``％``,
``．``, half-width punctuation, compatibility ideographs); the only change of length is the
removal of stray spaces inside and around numbers, which a small offset table undoes.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from gwrtrack.span import Span

#: A run of horizontal blanks; it is dropped where PDF and web extractors put it inside a number:
#: between a digit and a digit, unit or Chinese character (增长 5.3 %, 1995 .5), see _stray().
BLANKS_RE = re.compile(r"[ \t\u3000\u00a0]+")
#: A half-width comma, colon, semicolon or bracket: made Chinese unless it is a thousands comma (1,200).
HALF_WIDTH_PUNCT_RE = re.compile(r"[,;:?!()]")
THOUSANDS_COMMA_RE = re.compile(r"(?<=[0-9]),(?=[0-9]{3})")
#: Any character the one-for-one table changes: full-width digits, letters and signs, 【】, compatibility ideographs.
NEEDS_ONE_TO_ONE_RE = re.compile(
    "[\uff0b\uff0d-\uff0f\uff10-\uff19\uff1c\uff1e\uff05\uff21-\uff3b\uff3d\uff41-\uff5a【】\u2e80-\u2fdf\uf900-\ufaff]"
)
HALF_TO_FULL_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


@cache
def _one_to_one_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF10, 0xFF1A):  # ０-９
        table[code] = chr(code - 0xFEE0)
    for code in range(0xFF21, 0xFF3B):  # Ａ-Ｚ
        table[code] = chr(code - 0xFEE0)
    for code in range(0xFF41, 0xFF5B):  # ａ-ｚ
        table[code] = chr(code - 0xFEE0)
    for full, half in zip("％．＋－／［］＜＞", "%.+-/[]<>", strict=True):
        table[ord(full)] = half
    table[ord("【")] = "["  # footnote markers written 【1】
    table[ord("】")] = "]"
    for block in (range(0xF900, 0xFB00), range(0x2F00, 0x2FE0), range(0x2E80, 0x2F00)):
        for code in block:
            folded = unicodedata.normalize("NFKC", chr(code))
            if len(folded) == 1 and folded != chr(code):
                table[code] = folded
    return table


def _fullwidth_punct(match: re.Match[str], text: str) -> str:
    if THOUSANDS_COMMA_RE.match(text, match.start()):
        return ","
    return HALF_TO_FULL_PUNCT[match.group()]


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _stray(text: str, start: int, end: int) -> bool:
    """Blanks between a digit and a digit, %, . or Chinese (or Chinese and a digit) are noise."""
    if start == 0 or end >= len(text):
        return False
    before, after = text[start - 1], text[end]
    if before in "0123456789.%":
        return after in "0123456789.%" or _is_cjk(after)
    return _is_cjk(before) and after in "0123456789"


@dataclass(frozen=True)
class NormalView:
    """``text`` normalised for matching; ``span()`` maps its offsets to the original."""

    original: str
    text: str
    #: Sorted normalised offsets at which characters were dropped, with the running count dropped.
    _cuts: tuple[int, ...] = ()
    _dropped: tuple[int, ...] = ()

    def to_original(self, index: int) -> int:
        if not self._cuts:
            return index
        k = bisect_right(self._cuts, index)
        return index + (self._dropped[k - 1] if k else 0)

    def to_view(self, index: int) -> int:
        """The normalised offset of original ``index`` (a dropped blank maps to where it was cut)."""
        if not self._cuts:
            return index
        resumes = [c + d for c, d in zip(self._cuts, self._dropped, strict=True)]
        k = bisect_right(resumes, index)
        if k and index < resumes[k - 1]:
            return self._cuts[k - 1]
        view = index - (self._dropped[k - 1] if k else 0)
        return min(view, self._cuts[k] if k < len(self._cuts) else view)

    def span(self, start: int, end: int) -> Span:
        """Original span of normalised ``[start, end)``."""
        if not self._cuts:
            return Span(start, max(start, end))
        if end <= start:
            o = self.to_original(start)
            return Span(o, o)
        return Span(self.to_original(start), self.to_original(end - 1) + 1)


def normalise(original: str) -> NormalView:
    text = original
    if NEEDS_ONE_TO_ONE_RE.search(text):
        table = _one_to_one_table()
        text = NEEDS_ONE_TO_ONE_RE.sub(lambda m: table.get(ord(m.group()), m.group()), text)
    if HALF_WIDTH_PUNCT_RE.search(text):
        text = HALF_WIDTH_PUNCT_RE.sub(lambda m: _fullwidth_punct(m, text), text)
    strays = [m for m in BLANKS_RE.finditer(text) if _stray(text, m.start(), m.end())]
    if not strays:
        return NormalView(original, text)
    parts: list[str] = []
    cuts: list[int] = []
    dropped: list[int] = []
    total = 0
    last = 0
    kept = 0
    for match in strays:
        parts.append(text[last : match.start()])
        kept += match.start() - last
        total += match.end() - match.start()
        cuts.append(kept)
        dropped.append(total)
        last = match.end()
    parts.append(text[last:])
    return NormalView(original, "".join(parts), tuple(cuts), tuple(dropped))
