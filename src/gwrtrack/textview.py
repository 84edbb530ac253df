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

#: Horizontal blanks that PDF and web extractors scatter between digits, units and Chinese.
STRAY_SPACE_IN_NUMBER_RE = re.compile(
    r"(?<=[0-9.%])[ \t\u3000\u00a0]+(?=[0-9.%\u4e00-\u9fff])"
    r"|(?<=[\u4e00-\u9fff])[ \t\u3000\u00a0]+(?=[0-9])"
)
#: A half-width comma, colon, semicolon or bracket used as Chinese punctuation (not 1,200).
HALF_WIDTH_CJK_PUNCT_RE = re.compile(r"(?<![0-9]),|,(?![0-9]{3})|[;:?!()]")
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

    def span(self, start: int, end: int) -> Span:
        """Original span of normalised ``[start, end)``."""
        if end <= start:
            o = self.to_original(start)
            return Span(o, o)
        return Span(self.to_original(start), self.to_original(end - 1) + 1)


def normalise(original: str) -> NormalView:
    text = original.translate(_one_to_one_table())
    text = HALF_WIDTH_CJK_PUNCT_RE.sub(lambda m: HALF_TO_FULL_PUNCT.get(m.group(), m.group()), text)
    if not STRAY_SPACE_IN_NUMBER_RE.search(text):
        return NormalView(original, text)
    parts: list[str] = []
    cuts: list[int] = []
    dropped: list[int] = []
    total = 0
    last = 0
    kept = 0
    for match in STRAY_SPACE_IN_NUMBER_RE.finditer(text):
        parts.append(text[last : match.start()])
        kept += match.start() - last
        total += match.end() - match.start()
        cuts.append(kept)
        dropped.append(total)
        last = match.end()
    parts.append(text[last:])
    return NormalView(original, "".join(parts), tuple(cuts), tuple(dropped))
