"""Suggested lead and co-departments (牵头单位, 责任单位) for a task, from the department catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from gwrtrack.link.catalogue import CatalogueError, bundled, load_yaml, stamped

#: A co-department scores at least this share of the lead's score.
CO_SHARE = 0.5
MAX_CO = 3
#: The level word before a department's name, from the region's suffix: 泸州市 → 市发展改革委.
LEVEL_OF_SUFFIX = (("自治区", "区"), ("省", "省"), ("市", "市"), ("州", "州"), ("县", "县"), ("区", "区"))


@dataclass(frozen=True)
class Department:
    name: str
    keywords: tuple[str, ...]


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
        prefix = level_prefix(region)
        lead = scored[0]
        co = [s for s in scored[1:] if s[0] >= CO_SHARE * top and s[3]][:MAX_CO]
        return Assignment(prefix + lead[2].name, tuple(prefix + s[2].name for s in co), tuple(dict.fromkeys(lead[3])))


def level_prefix(region: str | None) -> str:
    """市 for 泸州市, 省 for 四川省, nothing for 全国 (ministries are named otherwise); 市 where unknown."""
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
        items.append(Department(str(raw["name"]), tuple(str(k) for k in keywords)))
    return DepartmentCatalogue(tuple(items))
