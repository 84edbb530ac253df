"""Infer region, year, kind and title from a report's own words; unknown stays ``None``."""

from __future__ import annotations

import re
from collections import Counter

from gwrtrack.document import Kind, Meta

#: "我代表X人民政府" — the speaker's government; X may be empty (市人民政府) or carry the name.
SPEAKER_GOVERNMENT_RE = re.compile(r"代表([\u4e00-\u9fff]{0,12}?)(?:人民政府|政府)")
#: Year stated by the plan heading or the title: 2024年工作安排建议, 2026年政府工作报告, 2026年重点工作.
PLAN_YEAR_RE = re.compile(
    r"((?:19|20)\d{2})年(?:的)?(?:工作安排|重点工作|主要工作|工作任务|目标任务|政府工作报告|工作建议|主要预期目标)"
)
#: Year of the review heading: 2023年工作回顾 — the report's year is the next one.
REVIEW_YEAR_RE = re.compile(r"((?:19|20)\d{2})年(?:和“十[四五六]五”时期)?(?:工作回顾|主要工作|工作总结)")
#: A named place with its level word: 泸州市, 四川省, 江阳区, 广西壮族自治区.
PLACE_RE = re.compile(r"([\u4e00-\u9fff]{2,8}?)(自治区|自治州|省|市|州|盟|区|县|旗)(?![级委域长属内外直情场民容貌])")
#: Year in a title line: 2026年北京市政府工作报告, 陕西省2026年政府工作报告.
TITLE_YEAR_RE = re.compile(r"((?:19|20)\d{2})年[\u4e00-\u9fff]{0,10}?政府工作报告")
#: Provincial-level divisions: full name and the short name used in running text.
PROVINCES: dict[str, str] = dict(
    pair.split(":")
    for pair in [
        "北京市:北京",
        "天津市:天津",
        "上海市:上海",
        "重庆市:重庆",
        "河北省:河北",
        "山西省:山西",
        "辽宁省:辽宁",
        "吉林省:吉林",
        "黑龙江省:黑龙江",
        "江苏省:江苏",
        "浙江省:浙江",
        "安徽省:安徽",
        "福建省:福建",
        "江西省:江西",
        "山东省:山东",
        "河南省:河南",
        "湖北省:湖北",
        "湖南省:湖南",
        "广东省:广东",
        "海南省:海南",
        "四川省:四川",
        "贵州省:贵州",
        "云南省:云南",
        "陕西省:陕西",
        "甘肃省:甘肃",
        "青海省:青海",
        "台湾省:台湾",
        "内蒙古自治区:内蒙古",
        "广西壮族自治区:广西",
        "西藏自治区:西藏",
        "宁夏回族自治区:宁夏",
        "新疆维吾尔自治区:新疆",
        "香港特别行政区:香港",
        "澳门特别行政区:澳门",
    ]
)
PROVINCE_LEVEL_WORDS = ("省", "自治区")
#: Words that look like places before a level word but are not (全市, 城市, 本区…).
NOT_PLACE_PREFIXES = frozenset(
    [
        "全",
        "本",
        "城",
        "各",
        "超",
        "都",
        "股",
        "副",
        "省",
        "地",
        "县",
        "市",
        "区",
        "该",
        "我",
        "两",
        "三",
        "四",
        "五",
        "新",
        "老",
        "城区",
        "社区",
        "园区",
        "景区",
        "试验",
        "示范",
        "开发",
        "高新",
        "经开",
        "自贸",
        "保税",
        "先行",
        "片",
        "街",
        "厂",
        "矿",
        "灾",
        "山",
        "海",
        "口",
        "湾",
        "林",
        "牧",
        "农",
        "城镇",
        "乡镇",
        "地级",
        "县级",
        "市级",
        "省级",
        "直辖",
        "中心",
        "重点",
        "特",
    ]
)
DIGEST_CUES = ("干货", "一图读懂", "速览", "划重点", "研读", "解读", "图解")
BULLETIN_CUES = ("统计公报", "国民经济和社会发展统计公报")
PLAN_CUES = ("规划纲要", "五年规划", "行动方案", "实施方案")
LEVEL_WORDS = ("自治区", "省", "市", "州", "区", "县", "盟", "旗")


def infer_meta(text: str) -> Meta:
    head = text[:3000]
    return Meta(region=infer_region(text), year=infer_year(text), kind=infer_kind(head), title=infer_title(head))


def infer_year(text: str) -> int | None:
    found = TITLE_YEAR_RE.search(text[:1000]) or PLAN_YEAR_RE.search(text[:20000])
    if found:
        return int(found.group(1))
    found = REVIEW_YEAR_RE.search(text[:20000])
    if found:
        return int(found.group(1)) + 1
    return None


def infer_kind(head: str) -> Kind:
    if any(cue in head for cue in BULLETIN_CUES):
        return Kind.BULLETIN
    if any(cue in head[:200] for cue in DIGEST_CUES):
        return Kind.DIGEST
    if "政府工作报告" in head[:200] or "各位代表" in head:
        return Kind.REPORT
    if any(cue in head for cue in DIGEST_CUES):
        return Kind.DIGEST
    if any(cue in head[:300] for cue in PLAN_CUES):
        return Kind.PLAN
    return Kind.REPORT


def infer_title(head: str) -> str | None:
    for line in head.splitlines()[:15]:
        line = line.strip()
        if 5 <= len(line) <= 40 and line.endswith(("政府工作报告", "统计公报")):
            return line
    return None


def infer_region(text: str) -> str | None:
    """The speaker's government if named, else the place named most often at the level it speaks for."""
    title = infer_title(text[:3000]) or ""
    for full, short in PROVINCES.items():
        if short in title:
            return full
    speaker = SPEAKER_GOVERNMENT_RE.search(text[:5000])
    level: str | None = None
    if speaker:
        named = speaker.group(1)
        place = PLACE_RE.fullmatch(named) if named not in LEVEL_WORDS else None
        if place and place.group(1) not in NOT_PLACE_PREFIXES:
            return named
        level = next((w for w in LEVEL_WORDS if named.endswith(w)), None)
    if level in PROVINCE_LEVEL_WORDS or level is None:
        province = _most_named_province(text)
        if province:
            return province
    counts = _place_counts(text)
    if level:
        counts = Counter({p: n for p, n in counts.items() if p.endswith(level)})
    if not counts:
        return None
    (best, n), *rest = [*counts.most_common(2), ("", 0)]
    runner_up = rest[0][1]
    if n < 3 or n <= runner_up:
        return None
    return best


def _most_named_province(text: str) -> str | None:
    counts = Counter({full: text.count(short) for full, short in PROVINCES.items()})
    (best, n), (_, runner_up) = counts.most_common(2)
    return best if n >= 10 and n >= 3 * runner_up else None


def _place_counts(text: str) -> Counter[str]:
    """Count named places by how often their bare name occurs (泸州 counts for 泸州市)."""
    candidates: set[tuple[str, str]] = set()
    for match in PLACE_RE.finditer(text):
        name, level = match.group(1), match.group(2)
        if len(name) > 4:
            name = name[-2:]
        if name in NOT_PLACE_PREFIXES or name[-1] in "的和与及在为是对把从向将等":
            continue
        candidates.add((name, level))
    counts: Counter[str] = Counter()
    for name, level in candidates:
        full = name + level
        counts[full] = max(counts[full], text.count(name))
    return counts
