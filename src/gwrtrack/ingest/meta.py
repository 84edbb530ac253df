"""Region, year, kind and title of a document, read from its own words (spec/DOCUMENTS.md).

Each comes from the strongest cue the text offers: the title (front matter, a title line), the
issuer or speaker line (我代表国务院, XX市统计局, 在XX市第八届人民代表大会), the delivery date and
the part headings. A region is always a real division of the gazetteer; what cannot be read with
confidence stays ``None`` (unknown), never a guess.
"""

from __future__ import annotations

import re
from collections import Counter

from gwrtrack import gazetteer
from gwrtrack.document import Kind, Meta
from gwrtrack.gazetteer import Level, Place
from gwrtrack.markdown import FRONT_MATTER_RE, body_start

#: A year in digits or in Chinese numerals (一九七八年 in the early bulletins and reports).
YEAR = r"((?:19|20)\d{2}|[一二]\s?[九〇零○]\s?[一二三四五六七八九〇零○]\s?[一二三四五六七八九〇零○])"
CHINESE_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}
#: One ``key: value`` line of front matter.
FRONT_MATTER_LINE_RE = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*?)\s*$", re.M)
#: Markdown marks around a title or heading line: ``# ``, ``**…**``, quotes.
MARKS_RE = re.compile(r"^[#>\s*]+|[*\s]+$")
#: The place in a title: 东营市政府工作报告, 2026年北京市政府工作报告, 广西壮族自治区人民政府工作报告.
TITLE_PLACE_RE = re.compile(r"(?:(?:19|20)\d{2}年)?([\u4e00-\u9fff]{2,14}?)(?:人民政府|政府)工作报告")
#: The place before the year in a title: 江阳区2025年政府工作报告, 关于泸州市2024年政府工作报告…落实情况的报告.
TITLE_PLACE_BEFORE_YEAR_RE = re.compile(r"([\u4e00-\u9fff]{2,14}?)(?:19|20)\d{2}年(?:度)?(?:人民政府|政府)工作报告")
#: The place in a bulletin's title: 泸州市2019年国民经济和社会发展统计公报, 中华人民共和国2019年….
BULLETIN_PLACE_RE = re.compile(r"([\u4e00-\u9fff]{2,14}?)(?:(?:19|20)\d{2}年)?(?:度)?国民经济和社会发展统计公报")
#: The speaker's government: 我代表国务院, 我代表市人民政府, 代表泸州市人民政府.
SPEAKER_RE = re.compile(r"代表(国务院|[\u4e00-\u9fff]{0,14}?(?:人民政府|政府))")
#: The congress the report is given to: 在东营市第八届人民代表大会, 在自治州第十五届人民代表大会.
CONGRESS_RE = re.compile(r"在([\u4e00-\u9fff]{2,14}?)第[一二三四五六七八九十]+届人民代表大会")
#: The speaker's office line: 东营市代市长 陈必昌, 泸州市人民政府市长 余先河.
OFFICE_RE = re.compile(r"([\u4e00-\u9fff]{2,14}?)(?:人民政府)?(?:代理|代)?(?:市长|州长|省长|主席|盟长|区长|县长|专员)")
#: The national congress: 在第十三届全国人民代表大会第二次会议上 (the State Council's report).
NATIONAL_CONGRESS_RE = re.compile(r"在第[一二三四五六七八九十]+届全国人民代表大会")
#: A government issuing a document: 泸州市人民政府关于印发…分解方案的通知, 泸州市人民政府督查室.
GOVERNMENT_RE = re.compile(r"([\u4e00-\u9fff]{2,14}?)人民政府")
#: The issuer of a bulletin: 国家统计局, 泸州市统计局.
ISSUER_RE = re.compile(r"([\u4e00-\u9fff]{2,14}?)统计局")
#: A delivery date: 2021年1月26日 (a typo such as 20251月7日 included), 一九五五年七月五日.
DATE_RE = re.compile(
    r"((?:19|20)\d{2}|[一二][九〇零○][一二三四五六七八九〇零○]{2})\s*年?\s*(\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月"
    r"\s*(?:\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*日"
)
CHINESE_MONTHS = {"十": 10, "十一": 11, "十二": 12} | {c: i for i, c in enumerate("一二三四五六七八九", 1)}
#: The plan part's heading or the year's targets: 2024年工作安排, 2026年重点工作, 今年…2024年主要预期目标.
PLAN_YEAR_RE = re.compile(
    YEAR
    + r"年(?:的)?(?:政府)?(?:工作安排|重点工作|工作任务|目标任务|工作建议|工作总体部署|主要预期目标|经济社会发展(?:的)?(?:主要预期目标|总体要求))"
)
#: The review part's heading: 2023年工作回顾, 2020年和“十三五”工作回顾 — the plan year is the next one.
REVIEW_YEAR_RE = re.compile(YEAR + r"\s*年(?:和“?十[一二三四五六七八九]五”?(?:时期)?)?(?:工作)?回顾")
#: The year in a title: 2026年北京市政府工作报告, 中华人民共和国2019年国民经济和社会发展统计公报.
TITLE_YEAR_RE = re.compile(YEAR + r"年(?:度)?[\u4e00-\u9fff]{0,20}?(?:政府工作报告|公报)")
#: A bulletin's first sentence: 2019年，面对…; 初步核算，全年….
BULLETIN_YEAR_RE = re.compile(r"(?:^|\n)\s*" + YEAR + r"年[，,]")

#: What a title line names: 政府工作报告, 统计公报, 执行结果的公报, 分工方案, 落实情况.
TITLE_CUE_RE = re.compile(r"(?:政府工作报告|公报|分工方案|分解方案|落实情况)[^，。]{0,20}$")
DIGEST_CUES = ("干货", "一图读懂", "速览", "划重点", "要点", "极简版", "图解", "一图看懂", "解读")
BULLETIN_CUES = ("统计公报", "执行结果的公报", "统计局关于")
PLAN_CUES = ("分工方案", "分解方案", "任务分解", "责任分工", "分工意见")
PROGRESS_CUES = ("落实情况", "完成情况", "进展情况", "执行情况")
NEWS_CUES = ("记者", "新华社", "讯（", "讯(", "通讯员")
#: Provincial-level divisions and the short names running text uses (the metric cleaner strips them).
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
#: A level word alone (我代表市人民政府): which level the speaker's government is.
LEVEL_WORDS: dict[str, Level] = {
    "省": Level.PROVINCE, "自治区": Level.PROVINCE, "市": Level.PREFECTURE, "州": Level.PREFECTURE,
    "自治州": Level.PREFECTURE, "盟": Level.PREFECTURE, "地区": Level.PREFECTURE, "区": Level.COUNTY,
    "县": Level.COUNTY, "旗": Level.COUNTY, "自治县": Level.COUNTY, "自治旗": Level.COUNTY,
}  # fmt: skip


def front_matter(text: str) -> dict[str, str]:
    """``title``, ``source`` … of a YAML front matter block (empty without one)."""
    found = FRONT_MATTER_RE.match(text)
    if not found:
        return {}
    return {k.lower(): v.strip().strip("'\"") for k, v in FRONT_MATTER_LINE_RE.findall(found.group(1))}


def infer_meta(text: str) -> Meta:
    head = text[body_start(text) :][:3000]
    title = infer_title(text)
    kind = infer_kind(title or "", head)
    return Meta(region=infer_region(text, title), year=infer_year(text, title, kind), kind=kind, title=title)


def infer_title(text: str) -> str | None:
    """A title that names the document (front matter or one of the first lines), else the front matter's."""
    fm = front_matter(text).get("title", "")[:255]
    for line in [fm, *text[body_start(text) :][:3000].splitlines()[:15]]:
        line = MARKS_RE.sub("", line)
        if 5 <= len(line) <= 80 and TITLE_CUE_RE.search(line):
            return line
    return fm or None


def infer_kind(title: str, head: str) -> Kind:
    top = title + "\n" + head[:300]
    if any(cue in title for cue in BULLETIN_CUES) or (
        "政府工作报告" not in title and any(cue in head[:500] for cue in BULLETIN_CUES)
    ):
        return Kind.BULLETIN
    if any(cue in top for cue in PLAN_CUES):
        return Kind.PLAN
    if any(cue in title for cue in PROGRESS_CUES):
        return Kind.PROGRESS
    if any(cue in top for cue in DIGEST_CUES):
        return Kind.DIGEST
    if "各位代表" in head or "政府工作报告" in title:
        return Kind.REPORT
    if any(cue in head[:300] for cue in NEWS_CUES):
        return Kind.NEWS
    return Kind.REPORT


def infer_year(text: str, title: str | None = None, kind: Kind = Kind.REPORT) -> int | None:
    """The plan year of a report (a report delivered in December plans the next year), the
    statistical year of a bulletin, the report's year for a digest."""
    title = title or ""
    body = text[body_start(text) :]
    if kind is Kind.BULLETIN:
        found = TITLE_YEAR_RE.search(title) or TITLE_YEAR_RE.search(body[:500]) or BULLETIN_YEAR_RE.search(body[:3000])
        return year_of(found.group(1)) if found else None
    if kind in (Kind.DIGEST, Kind.NEWS):
        found = TITLE_YEAR_RE.search(title) or TITLE_YEAR_RE.search(body[:1000])
        if found:
            return year_of(found.group(1))
    delivered = _delivery_date(title, body[:600])
    if delivered is not None:
        year, month = delivered
        return year + 1 if month >= 10 else year
    found = PLAN_YEAR_RE.search(body[:30000])
    if found:
        return year_of(found.group(1))
    found = REVIEW_YEAR_RE.search(body[:30000])
    if found:
        return year_of(found.group(1)) + 1
    found = TITLE_YEAR_RE.search(title) or TITLE_YEAR_RE.search(body[:1000])
    return year_of(found.group(1)) if found else None


def year_of(written: str) -> int:
    """2019 → 2019; 一九七八 → 1978."""
    digits = "".join(CHINESE_DIGITS.get(c, c) for c in written if not c.isspace())
    return int(digits)


def _delivery_date(title: str, head: str) -> tuple[int, int] | None:
    """The date a report was delivered: in the title's brackets or the line 2021年1月26日在…人民代表大会."""
    for source in (title, head):
        for found in DATE_RE.finditer(source):
            after = source[found.end() : found.end() + 40]
            if source is title or "代表大会" in after or "会议" in after:
                written = found.group(2)
                month = int(written) if written.isdigit() else CHINESE_MONTHS.get(written, 0)
                if 1 <= month <= 12:
                    return year_of(found.group(1)), month
    return None


def infer_region(text: str, title: str | None = None) -> str | None:
    """The issuing government's division, from the title, the speaker, the congress, the office line or
    the bulletin's issuer; else the division the text names most at the speaker's level."""
    body = text[body_start(text) :]
    head = body[:1500]
    title = title if title is not None else infer_title(text) or ""
    level: Level | None = None
    for pattern, source in ((TITLE_PLACE_RE, title), (TITLE_PLACE_BEFORE_YEAR_RE, title), (BULLETIN_PLACE_RE, title)):
        found = pattern.search(source)
        if found:
            place = _place(found.group(1))
            if place is not None:
                return place.name
    speaker = SPEAKER_RE.search(body[:6000])
    if speaker:
        named = re.sub(r"(?:人民政府|政府)$", "", speaker.group(1))
        if named == "国务院":
            return gazetteer.NATION.name
        place = _place(named)
        if place is not None:
            return place.name
        level = LEVEL_WORDS.get(named)
    if NATIONAL_CONGRESS_RE.search(head):
        return gazetteer.NATION.name
    for pattern in (CONGRESS_RE, ISSUER_RE, OFFICE_RE, GOVERNMENT_RE):
        for found in pattern.finditer(head):
            if pattern is ISSUER_RE and found.group(1).endswith("国家"):
                return gazetteer.NATION.name
            place = _place(found.group(1))
            if place is not None and (level is None or place.level is level):
                return place.name
    if "国家统计局" in head or "中华人民共和国" in title:
        return gazetteer.NATION.name
    return _most_named(body, level)


def _place(words: str) -> Place | None:
    """The division a run of words ends with: 东营市, 在泸州市 → 泸州市; 自治州 alone → None."""
    words = re.sub(r"^(?:中共|在|于|向|我)", "", words)
    for start in range(len(words)):
        candidate = words[start:]
        if len(candidate) < 2 or candidate in LEVEL_WORDS:
            break
        place = gazetteer.lookup(candidate)
        if place is None and candidate[-1] in "市州县区盟旗省" and len(candidate) >= 3:
            place = gazetteer.resolve(candidate, prefer=LEVEL_WORDS.get(candidate[-1]))  # 黔东南州, 恩施州
        if place is not None:
            return place
    return None


def _most_named(body: str, level: Level | None) -> str | None:
    """The division at ``level`` whose name (short or full) the text uses most, if clearly so."""
    counts: Counter[str] = Counter()
    for found in gazetteer.short_names_re().finditer(body[:60000]):  # 泸州 counts for 泸州市
        place = gazetteer.by_short_name_above_county(found.group())
        if place is not None and (level is None or place.level is level):
            counts[place.name] += 1
    if not counts:
        return None
    (best, n), *rest = counts.most_common(2)
    runner_up = rest[0][1] if rest else 0
    return best if n >= 3 and n >= 3 * runner_up else None
