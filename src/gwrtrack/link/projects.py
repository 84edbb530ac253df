"""One project across documents: mentions linked into entities, tolerant of wording changes.

泸古高速 / 泸州至古蔺高速, 四川中国白酒博物馆 / 中国白酒博物馆, 自永高速 / 自永高速泸州段 and
泸州老窖智能酿造 / 泸州老窖智能酿造技改 are one project each; 茜草长江大桥 and 纳溪长江大桥, or
城南污水处理厂 and 城东污水处理厂, are two.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from gwrtrack.extract.project_vocab import FACILITY_HEADS, Stage
from gwrtrack.extract.projects import ProjectMention

#: Marks that do not change a name: quotes, middle dots, blanks, brackets around a section.
NAME_NOISE_RE = re.compile(r"[“”‘’\"'·•・\s]")
#: A phase or stage suffix: （一期）, 一期工程, 二期, （二段）. Phases are distinct projects (一期 ≠ 二期).
PHASE_SUFFIX_RE = re.compile(r"（?(?P<phase>[一二三四五六七八九十\d]+[期段步])）?(?:工程|项目)?$")
#: The phase kept at the end of a comparison key: 泸州港多用途码头#二期.
PHASE_MARK = "#"
#: A generic ending that wording often drops: 项目, 工程, 建设项目.
GENERIC_SUFFIX_RE = re.compile(r"(?:建设项目|项目|工程)$")
#: Between two places in a route name: 泸州至古蔺高速 is written 泸古高速.
ROUTE_RE = re.compile(
    r"^([\u4e00-\u9fff]{2,4}?)(?:至|到|—|-)([\u4e00-\u9fff]{2,4}?)(?:大件|快速|货运|旅游)?(高速公路|高速|铁路|高铁|公路|城际)"
)
#: Similar names are one project when they agree on this many leading characters (自贡至泸州港…).
SAME_START = 2
SIMILARITY = 0.8
MIN_CONTAINED = 4


@dataclass(frozen=True)
class Mention:
    """A project mention in a document, with what the timeline needs."""

    doc: str
    year: int | None
    mention: ProjectMention
    doc_id: int | None = None


@dataclass(frozen=True)
class ProjectEntity:
    key: str
    name: str
    kind: str
    mentions: tuple[Mention, ...]

    @property
    def latest(self) -> Mention:
        """The newest mention (by year, then position); its stage may be planned (计划建成)."""
        dated = [m for m in self.mentions if m.year is not None]
        return max(dated, key=lambda m: (m.year or 0, m.mention.span.start)) if dated else self.mentions[-1]

    @property
    def latest_status(self) -> Stage:
        return self.latest.mention.status


def name_key(surface: str, region_stems: Sequence[str] = ()) -> str:
    """A comparison key: without quotes, phase suffixes, route spelling and section-of-region suffixes."""
    key = NAME_NOISE_RE.sub("", surface)
    key = key.replace("（", "").replace("）", "") if re.search(r"（[^（）]{1,4}段）$", key) else key
    phase = PHASE_SUFFIX_RE.search(key)
    key = PHASE_SUFFIX_RE.sub("", key) or key
    stripped = GENERIC_SUFFIX_RE.sub("", key)
    if len(stripped) >= 3:
        key = stripped
    if key.endswith("段"):  # 泸州段: only then is a region's section looked for (a store knows 300+ regions)
        for stem in region_stems:
            if key.endswith(stem + "段") and len(key) > len(stem) + 3:
                key = key[: -len(stem) - 1]
    route = ROUTE_RE.match(key)
    if route:
        key = route.group(1)[0] + route.group(2)[0] + route.group(3) + key[route.end() :]
    return key + (PHASE_MARK + phase.group("phase") if phase and phase.start() > 0 else "")


def same_project(a: str, b: str) -> bool:
    """Two keys name one project: equal, one inside the other, or alike from the same start; never two
    phases (一期 and 二期), nor a phase and the whole."""
    if a == b:
        return True
    a, phase_a = a.partition(PHASE_MARK)[::2]
    b, phase_b = b.partition(PHASE_MARK)[::2]
    if phase_a != phase_b:
        return False
    short, long = sorted((a, b), key=len)
    if len(short) >= MIN_CONTAINED and short in long:
        return True
    if a[:SAME_START] != b[:SAME_START] or _head(a) != _head(b):
        return False
    # difflib's two upper bounds of the ratio first (lengths, then shared characters): most pairs fail them
    total = len(a) + len(b)
    if 2.0 * min(len(a), len(b)) / total < SIMILARITY:
        return False
    if 2.0 * sum((_characters(a) & _characters(b)).values()) / total < SIMILARITY:
        return False
    return SequenceMatcher(None, a, b).ratio() >= SIMILARITY


@lru_cache(maxsize=65536)
def _characters(key: str) -> Counter[str]:
    return Counter(key)


@lru_cache(maxsize=65536)
def _head(key: str) -> str:
    for size in range(min(len(key), 6), 0, -1):
        if key[-size:] in FACILITY_HEADS:
            return key[-size:]
    return ""


def _candidate_pairs(keys: list[str]) -> set[tuple[str, str]]:
    """Pairs that :func:`same_project` can accept: same first characters, or one key inside the other.

    Found through two indexes instead of comparing every pair (a store holds thousands of names).
    """
    by_start: dict[str, list[str]] = {}
    by_gram: dict[str, list[str]] = {}
    for key in keys:
        # alike names must share their start, their facility word and their phase (see same_project);
        # a name inside another is found through the character index below
        base, _mark, phase = key.partition(PHASE_MARK)
        by_start.setdefault(f"{base[:SAME_START]}|{_head(base)}|{phase}", []).append(key)
        for i in range(len(key) - MIN_CONTAINED + 1):
            by_gram.setdefault(key[i : i + MIN_CONTAINED], []).append(key)
    pairs: set[tuple[str, str]] = set()
    for group in by_start.values():
        pairs.update((a, b) for x, a in enumerate(group) for b in group[x + 1 :])
    for key in keys:
        if len(key) >= MIN_CONTAINED:
            pairs.update((key, other) for other in by_gram.get(key[:MIN_CONTAINED], ()) if other != key)
    return pairs


def link_projects(mentions: Sequence[Mention], region_stems: Sequence[str] = ()) -> list[ProjectEntity]:
    """Group mentions into entities (union of every linked pair), oldest first within each."""
    known: dict[str, str] = {}  # the same names come back across a corpus
    keys = []
    for m in mentions:
        surface = m.mention.surface
        if surface not in known:
            known[surface] = name_key(surface, region_stems)
        keys.append(known[surface])
    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_key: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key in by_key:
            parent[find(i)] = find(by_key[key])
        else:
            by_key[key] = i
    for key_a, key_b in _candidate_pairs(list(by_key)):
        if same_project(key_a, key_b):
            parent[find(by_key[key_b])] = find(by_key[key_a])
    groups: dict[int, list[int]] = {}
    for i in range(len(mentions)):
        groups.setdefault(find(i), []).append(i)
    entities = []
    for members in groups.values():
        ordered = sorted(
            members, key=lambda i: (mentions[i].year or 0, mentions[i].doc, mentions[i].mention.span.start)
        )
        surfaces = Counter(keys[i] for i in members)
        name = max(surfaces, key=lambda k: (surfaces[k], len(k)))
        kinds = Counter(mentions[i].mention.kind for i in members if mentions[i].mention.kind != "other")
        kind = kinds.most_common(1)[0][0] if kinds else "other"
        shown = name.replace(PHASE_MARK, "")  # 泸州港多用途码头#二期 → 泸州港多用途码头二期
        entities.append(ProjectEntity(name, shown, kind, tuple(mentions[i] for i in ordered)))
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    return entities
