"""Suggested lead and co-departments (牵头单位, 责任单位) for a task, from the department catalogue.

The catalogue knows each department at every level (市、县 局/委; 省 厅/委/局; 国务院部委) and the
region says which level a document's departments are (the gazetteer: 四川省 → 省教育厅, 全国 →
教育部); where the task names a department itself (由市经信局牵头), that name wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from gwrtrack import gazetteer
from gwrtrack.gazetteer import Level
from gwrtrack.link.catalogue import CatalogueError, bundled, load_yaml, stamped

#: A co-department scores at least this share of the lead's score.
CO_SHARE = 0.5
MAX_CO = 3
#: The level word before a department's name, from the region's suffix: 泸州市 → 市发展改革委.
LEVEL_OF_SUFFIX = (("自治区", "自治区"), ("省", "省"), ("自治州", "州"), ("市", "市"), ("州", "州"), ("盟", "盟"),
                   ("县", "县"), ("区", "区"), ("旗", "旗"))  # fmt: skip


@dataclass(frozen=True)
class Department:
    name: str  # of a city or county
    keywords: tuple[str, ...]
    province: str = ""  # of a province (教育厅); empty: the same as ``name``
    nation: str = ""  # of the State Council (教育部); empty: the same as ``name``

    def at(self, level: Level) -> str:
        """The department's name at ``level``, without the level word."""
        if level is Level.NATION:
            return self.nation or self.name
        if level is Level.PROVINCE:
            return self.province or self.name
        return self.name


@dataclass(frozen=True)
class Assignment:
    """A suggestion: the lead department, co-departments and the keywords that decided them."""

    lead: str
    co: tuple[str, ...]
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class DepartmentCatalogue:
    departments: tuple[Department, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(d.name for d in self.departments)

    def names_at(self, region: str | None) -> tuple[str, ...]:
        """Every department with its level word, as the government of ``region`` names it."""
        prefix, level = level_prefix(region), level_of(region)
        return tuple(prefix + d.at(level) for d in self.departments)

    def suggest(self, text: str, section: tuple[str, ...] = (), region: str | None = None) -> Assignment:
        """Score each department by its keywords in the task (and, at half weight, its section)."""
        context = "".join(section)
        scored: list[tuple[float, int, Department, list[str]]] = []
        for order, dept in enumerate(self.departments):
            hits = [k for k in dept.keywords if k in text]
            score = sum(len(k) for k in hits) + 0.5 * sum(len(k) for k in dept.keywords if k in context)
            if score:
                scored.append((score, -order, dept, hits))
        if not scored:
            return Assignment("", (), ())
        scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
        top = scored[0][0]
        prefix, level = level_prefix(region), level_of(region)
        lead = scored[0]
        co = [s for s in scored[1:] if s[0] >= CO_SHARE * top and s[3]][:MAX_CO]
        named = named_in(text, prefix)
        lead_name = named or prefix + lead[2].at(level)
        co_names = tuple(n for n in (prefix + s[2].at(level) for s in co) if n != lead_name)
        return Assignment(lead_name, co_names, tuple(dict.fromkeys(lead[3])))


#: A department the task itself names as lead: 由市经信局牵头, 市发展改革委牵头.
NAMED_LEAD_RE = re.compile(r"(?:由)?(?P<name>[\u4e00-\u9fff]{2,14}?(?:局|委|厅|部|办|室|中心))(?:负责|牵头)")


def named_in(text: str, prefix: str) -> str:
    """The department a task names as its lead, as the report writes it (with the level word)."""
    found = NAMED_LEAD_RE.search(text)
    if found is None:
        return ""
    name = found.group("name")
    return name if not prefix or name.startswith(prefix) else ""


def level_of(region: str | None) -> Level:
    """The level whose department names a region's government uses: a city's where the region is unknown,
    and a municipality's (北京市, 重庆市: 市教委, 市财政局) like a city's."""
    place = gazetteer.lookup(region) if region else None
    if place is None or (place.level is Level.PROVINCE and place.name.endswith("市")):
        return Level.PREFECTURE
    return place.level


def level_prefix(region: str | None) -> str:
    """市 for 泸州市, 省 for 四川省, 自治区 for 广西壮族自治区, nothing for 全国 (ministries carry no level
    word); 市 where unknown."""
    if region == "全国":
        return ""
    for suffix, level in LEVEL_OF_SUFFIX:
        if region and region.endswith(suffix):
            return level
    return "市"


def load_departments(path: Path | None = None) -> DepartmentCatalogue:
    return _load(*stamped(path or bundled("departments.yaml")))


@cache
def _load(path: Path, _mtime: int) -> DepartmentCatalogue:
    data = load_yaml(path, "departments")
    items = []
    for n, raw in enumerate(data["departments"], 1):
        if not isinstance(raw, dict) or not raw.get("name"):
            raise CatalogueError(f"catalogue {path}: department {n} has no name")
        keywords = raw.get("keywords") or []
        if not isinstance(keywords, list):
            raise CatalogueError(f"catalogue {path}: {raw['name']}: keywords must be a list")
        items.append(
            Department(
                str(raw["name"]), tuple(str(k) for k in keywords), str(raw.get("province") or ""),
                str(raw.get("nation") or ""),
            )
        )  # fmt: skip
    return DepartmentCatalogue(tuple(items))
