"""Sentence and clause boundaries around a position, found once per text and looked up by bisection."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

#: Characters that end a sentence.
SENTENCE_ENDS = frozenset("。！？!?\n\f")
#: Characters that end a clause inside a sentence (、 joins list items and does not).
CLAUSE_END_RE = re.compile(r"[，；：。！？!?\n\f]")


@dataclass(frozen=True)
class Boundaries:
    """Offsets of every sentence and clause end in a text."""

    sentence_ends: tuple[int, ...]
    clause_ends: tuple[int, ...]
    length: int

    @classmethod
    def of(cls, text: str) -> Boundaries:
        clause_ends = [m.start() for m in CLAUSE_END_RE.finditer(text)]  # every sentence end is one too
        sentence_ends = [k for k in clause_ends if text[k] in SENTENCE_ENDS]
        return cls(tuple(sentence_ends), tuple(clause_ends), len(text))

    def sentence(self, pos: int) -> tuple[int, int]:
        """``[start, end)`` of the sentence holding ``pos`` (end excludes the 。)."""
        return _around(self.sentence_ends, pos, self.length)

    def clause(self, pos: int) -> tuple[int, int]:
        return _around(self.clause_ends, pos, self.length)

    def previous_clause(self, pos: int) -> tuple[int, int] | None:
        """The clause before the one holding ``pos``, if it is in the same sentence."""
        start, _ = self.clause(pos)
        sent_start, _ = self.sentence(pos)
        if start <= sent_start or start < 2:
            return None
        prev = self.clause(start - 2)
        return prev if prev[0] >= sent_start else None


def _around(ends: tuple[int, ...], pos: int, length: int) -> tuple[int, int]:
    k = bisect_right(ends, pos - 1)
    start = ends[k - 1] + 1 if k else 0
    j = bisect_left(ends, pos)
    end = ends[j] if j < len(ends) else length
    return start, end
