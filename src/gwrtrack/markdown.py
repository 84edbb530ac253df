"""Markdown as people publish reports in it: YAML front matter and marks around headings.

The text stays verbatim; these helpers say where the body starts and which part of a line is the
heading's own words, so that spans never cover ``#``, ``**`` or the front matter.
"""

from __future__ import annotations

import re

#: YAML front matter at the very start: ---\ntitle: …\n---
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
#: Marks before a heading's words: ``## ``, ``> ``, ``**``, ``__``.
LEADING_MARKS_RE = re.compile(r"^(?:#{1,6}[ \t]+|>[ \t]*|\*\*|__)+")
#: Marks after them: ``**``, ``__``, trailing ``#``.
TRAILING_MARKS_RE = re.compile(r"(?:\*\*|__|[ \t]+#+)+$")
#: A line that is only an HTML comment (<!-- 来源：… -->).
COMMENT_LINE_RE = re.compile(r"^<!--.*-->$")


def body_start(text: str) -> int:
    """Where the text after a front matter block starts (0 without one)."""
    found = FRONT_MATTER_RE.match(text)
    return found.end() if found else 0


def unmarked(line: str) -> tuple[int, int]:
    """``[start, end)`` of a line's words inside its Markdown marks: ``**2013 年工作回顾**`` → the words."""
    lead = LEADING_MARKS_RE.match(line)
    start = lead.end() if lead else 0
    if not line.rstrip("\n").endswith(("*", "_", "#")):
        return start, len(line)  # no trailing mark (the search below would scan a whole paragraph)
    trail = TRAILING_MARKS_RE.search(line, start)
    end = trail.start() if trail else len(line)
    return start, max(start, end)
