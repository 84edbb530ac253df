"""A regex alternation of literal words, written as a trie.

``"|".join(sorted(words, key=len, reverse=True))`` makes the regex engine try every word in turn at
each position; the trie tries one character at a time, so its cost grows with the length of a word
rather than with the size of the vocabulary. It matches what the longest-first alternation matches:
among the words that fit at a position (they are prefixes of one another, so on one path of the
trie) the deepest, that is the longest, is tried first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

#: A trie node: the next character → its node; the key "" marks the end of a word.
_Node = dict[str, "_Node"]


def word_alternation(words: Iterable[str], not_before: Mapping[str, str] | None = None) -> str:
    """A non-capturing group matching any of ``words``, longest first; ``not_before[word]`` lists the
    characters that may not follow that word (有 not before 效: 有效灌面 is a noun)."""
    trie: _Node = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return "(?:" + _branches(trie, "", not_before or {}) + ")"


def _branches(node: _Node, prefix: str, not_before: Mapping[str, str]) -> str:
    """The alternatives below ``node`` (reached by ``prefix``): longer words first, then the word's end."""
    options = [re.escape(ch) + _rest(child, prefix + ch, not_before) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        forbidden = not_before.get(prefix)
        options.append(f"(?![{re.escape(forbidden)}])" if forbidden else "")
    return "|".join(options)


def _rest(node: _Node, prefix: str, not_before: Mapping[str, str]) -> str:
    """What may follow ``prefix``: nothing to group when only one character can come next."""
    if list(node) == [""] and prefix not in not_before:
        return ""
    children = [ch for ch in node if ch]
    if len(children) == 1 and "" not in node:
        ch = children[0]
        return re.escape(ch) + _rest(node[ch], prefix + ch, not_before)
    return "(?:" + _branches(node, prefix, not_before) + ")"
