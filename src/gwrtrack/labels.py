"""Chinese labels for every code a person sees: one table for pages, spreadsheets and the CLI's tables.

The codes themselves (``actual``, ``at_least``, ``footnote_glossary_missing`` …) stay in the data,
the JSON API, CSV and JSON Lines; anything meant to be read by a person goes through :func:`label`.
"""

from __future__ import annotations

from collections.abc import Iterable

#: Group → code → label. A group is the field the code belongs to.
LABELS: dict[str, dict[str, str]] = {
    "measure": {"amount": "总量", "growth": "增速", "rate": "比率", "change": "增减", "rank": "位次"},
    "status": {"actual": "实际", "expected": "预计", "target": "目标", "other": "其他"},
    "qualifier": {"exact": "确数", "approx": "约数", "at_least": "以上", "at_most": "以内", "range": "区间"},
    "kind": {
        "report": "政府工作报告", "bulletin": "统计公报", "digest": "报告摘要", "plan": "任务分解方案",
        "progress": "落实情况", "news": "新闻报道",
    },
    "part": {"review": "回顾", "plan": "安排", "outlook": "五年目标", "self": "自身建设", "other": "其他"},
    "stage": {"prep": "前期", "start": "开工", "building": "在建", "done": "建成", "other": "其他"},
    "direction": {"higher": "越高越好", "lower": "越低越好"},
    "origin": {"extractor": "自动提取", "user": "人工添加"},
    "not_figure": {"True": "是", "False": "否"},
    "action": {"set": "更正", "not_figure": "标为非数据", "add": "添加", "delete": "删除", "meta": "更正信息"},
    "field": {
        "value": "数值", "unit": "单位", "base_value": "基准值", "base_unit": "基准单位", "value_max": "上限",
        "base_value_max": "基准上限", "measure": "类型", "status": "状态", "qualifier": "限定", "metric": "指标",
        "period": "时期", "region": "地区", "section": "章节", "not_figure": "非数据", "year": "年份", "kind": "文种",
        "title": "标题", "lead": "牵头单位", "co": "责任单位", "deadline": "完成时限", "verdict": "结论",
    },
    "project_kind": {
        "road": "道路", "railway": "铁路", "bridge": "桥梁", "hospital": "医院", "culture": "文化", "park": "园区/公园",
        "industrial": "产业", "water": "水利", "port": "港口", "airport": "机场", "platform": "平台", "logistics": "物流",
        "energy": "能源", "utility": "市政", "urban": "街区", "sports": "体育", "social": "民生", "commercial": "商业",
        "tourism": "文旅", "other": "其他",
    },
    "flag": {
        # figures
        "metric_after_number": "指标在数字之后",
        "metric_inherited": "指标沿用前文",
        "metric_from_previous": "指标取自前一分句",
        "metric_from_next": "指标取自后一分句",
        "no_metric": "未识别出指标，请核对",
        "respectively": "按“分别”对应",
        "qualifier_from_list": "限定词取自列表末尾",
        "added_by_user": "人工添加",
        "table_cell": "表格中的数，单位和指标取自表头",
        # documents
        "footnote_glossary_missing": "有注释标记但缺少名词解释",
        "region_unknown": "地区未能识别，请补充",
        "year_unknown": "年份未能识别，请补充",
        "kind_unknown": "文种未能识别，请补充",
        # projects
        "no_facility_word": "名称中无设施词，请核对",
        "planned": "计划（报告安排）",
    },
}  # fmt: skip


def label(group: str, code: str | None) -> str:
    """The Chinese label of ``code`` in ``group``; an unknown code is shown as it is (never hidden)."""
    if code is None:
        return ""
    return LABELS.get(group or "", {}).get(str(code), str(code))


def flag_labels(flags: str | Iterable[str]) -> list[str]:
    """Labels of space-separated (or listed) flags."""
    codes = flags.split() if isinstance(flags, str) else list(flags)
    return [label("flag", code) for code in codes]


def all_codes() -> set[str]:
    """Every code that has a label (tests look for them on the pages)."""
    return {code for group in LABELS.values() for code in group}


def document_title(title: str | None, region: str | None, year: int | None, kind: str, name: str) -> str:
    """A document's own title; else one made of its region, year and kind (泸州市2024年政府工作报告);
    the file name only when neither region nor year is known."""
    if title:
        return title
    if region or year:
        return f"{region or ''}{f'{year}年' if year else ''}{label('kind', kind)}"
    return name
