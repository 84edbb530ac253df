"""Tasks of the plan part, suggested departments, and the 干货 digest, on the seeds and real sentences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import gwrtrack
from conftest import doc
from gwrtrack.extract.tasks import COMMITMENT_VERBS, HEADLINE_RE, deadline
from gwrtrack.link.catalogue import CatalogueError
from gwrtrack.link.departments import level_prefix, load_departments
from gwrtrack.link.indicators import load_indicators
from gwrtrack.report.digest import digest_markdown, make_digest


@pytest.fixture(scope="module")
def seed_tasks(seed_000: Path):  # type: ignore[no-untyped-def]
    return gwrtrack.extract(gwrtrack.read(seed_000))


def test_headline_targets_are_one_task_each(seed_tasks) -> None:  # type: ignore[no-untyped-def]
    assert [t.text for t in seed_tasks.tasks if t.headline] == [
        "地区生产总值增速高于全省0.5个百分点左右",
        "城镇新增就业3.7万人",
        "居民消费价格指数控制在103左右",
        "地方一般公共预算收入、城乡居民人均可支配收入与经济增长同步",
        "粮食产量稳定在238万吨以上",
    ]


def test_tasks_carry_section_figures_projects_and_span(seed_tasks) -> None:  # type: ignore[no-untyped-def]
    text = seed_tasks.document.text
    farm = next(t for t in seed_tasks.tasks if "29.4万亩" in t.text)
    assert "29.4万亩" in [seed_tasks.figures[i].surface for i in farm.figures]
    assert farm.section[1].startswith("二、聚焦产业转型升级")
    roads = next(t for t in seed_tasks.tasks if "泸古高速" in t.text)
    assert {"川投泸州天然气发电", "泸古高速"} <= {seed_tasks.projects[i].surface for i in roads.projects}
    for t in seed_tasks.tasks:
        assert re.sub(r"\[\d+\]", "", text[t.span.start : t.span.end]) == t.text  # the words, without footnote markers
        assert "[" not in t.text
        assert t.deadline == "2024年12月底"


def test_review_and_preamble_are_not_tasks(seed_tasks) -> None:  # type: ignore[no-untyped-def]
    texts = [t.text for t in seed_tasks.tasks]
    assert not any("2023年" in t and "建成通车" in t for t in texts)  # the review part
    assert not any(t.startswith(("2024年是", "做好全年政府工作")) for t in texts)
    assert not any(t.startswith("一、聚焦") for t in texts)  # headings are section paths, not tasks
    assert 100 <= len(texts) <= 200


def test_tasks_in_line_broken_text() -> None:
    text = "一、2025年工作回顾\n去年建成了大桥。\n二、2026年工作安排\n（一）扩大有效投资\n加快建设泸古高速，上半年开工建设仙鹤纸业项目。\n"
    result = gwrtrack.extract(doc(text, year=2026, region="泸州市"))
    assert [t.text for t in result.tasks] == ["加快建设泸古高速，上半年开工建设仙鹤纸业项目"]
    assert result.tasks[0].deadline == "2026年6月底"
    assert result.tasks[0].section[-1] == "（一）扩大有效投资"


@pytest.mark.parametrize("verb", ["推进", "加快", "实施", "建成", "开工", "力争", "确保", "新建"])
def test_commitment_verbs_of_the_issue(verb: str) -> None:
    assert verb in COMMITMENT_VERBS


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("建议2024年全市经济社会发展的主要预期目标是：", True),
        ("今年发展主要预期目标是：", True),
        ("主要目标任务", False),
    ],
)
def test_headline_intro(sentence: str, found: bool) -> None:
    assert (HEADLINE_RE.search(sentence) is not None) is found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [("一季度完成招标", "2024年3月底"), ("上半年建成投用", "2024年6月底"), ("加快建设泸古高速", "2024年12月底")],
)
def test_deadline(sentence: str, expected: str) -> None:
    assert deadline(sentence, 2024) == expected


@pytest.mark.parametrize(
    ("task", "lead"),
    [
        ("新（改）建高标准农田29.4万亩，出栏生猪400万头以上", "市农业农村局"),
        ("加快向家坝灌区一期二步工程、土公庙水库、观口水库等项目建设", "市水务局"),
        ("新（改、扩）建学校25所", "市教育局"),
        ("全年新增国家高新技术企业30家，实现技术合同交易额35亿元以上", "市科技局"),
        ("实现进出口总额增长7%以上，新建保税仓库3万平方米", "市商务局"),
        ("加快推进国家区域医疗中心（山东省立医院泸州医院）建设", "市卫生健康委"),
        ("扎实推进安全生产治本攻坚三年行动，深入开展重大事故隐患专项排查整治", "市应急管理局"),
        ("开港投运石龙岩码头，加快隆黄铁路隆叙段扩能改造工程建设", "市交通运输局"),
        # 泸州's reports of 2021–2025 (corpus/luzhou)
        ("实施高质量国土绿化，完成营造林20万亩", "市林业局"),
        ("完成农村危房改造2992户", "市住房城乡建设局"),
        ("城乡居民人均可支配收入分别增长6%、7%左右", "市发展改革委"),
    ],
)
def test_suggested_lead_department(task: str, lead: str) -> None:
    assert load_departments().suggest(task, (), "泸州市").lead == lead


def test_suggestion_names_co_departments_and_evidence() -> None:
    got = load_departments().suggest("推进泸州电商快递分拨中心等项目建设，促进跨境电商发展", (), "四川省")
    assert got.lead.startswith("省") and got.evidence
    assert all(co.startswith("省") for co in got.co)
    assert load_departments().suggest("坚定拥护“两个确立”、坚决做到“两个维护”").lead == ""


@pytest.mark.parametrize(
    ("region", "prefix"),
    [("泸州市", "市"), ("四川省", "省"), ("广西壮族自治区", "自治区"), ("凉山彝族自治州", "州"), ("叙永县", "县"),
     ("江阳区", "区"), ("全国", ""), (None, "市")],
)  # fmt: skip
def test_level_prefix(region: str | None, prefix: str) -> None:
    assert level_prefix(region) == prefix


@pytest.mark.parametrize(
    ("task", "region", "lead"),
    [
        # a province's departments are 厅 where a city's are 局; a municipality's are like a city's
        ("办好人民满意的教育，新建改扩建中小学校和幼儿园", "四川省", "省教育厅"),
        ("办好人民满意的教育，新建改扩建中小学校和幼儿园", "泸州市", "市教育局"),
        ("办好人民满意的教育，新建改扩建中小学校和幼儿园", "北京市", "市教育局"),
        ("加强财政资源统筹，严格预算管理", "广东省", "省财政厅"),
        ("加强财政资源统筹，严格预算管理", "广西壮族自治区", "自治区财政厅"),
        # the State Council's report: ministries, without a level word
        ("加强财政资源统筹，严格预算管理", "全国", "财政部"),
        ("实施城市更新行动，推进老旧小区改造", "全国", "住房城乡建设部"),
        ("推进国家重大项目建设", "全国", "国家发展改革委"),
        # a task that names its lead keeps the report's own name
        ("由市经信局牵头，推动白酒产业高质量发展", "泸州市", "市经信局"),
    ],
)
def test_departments_by_level(task: str, region: str, lead: str) -> None:
    assert load_departments().suggest(task, (), region).lead == lead


def test_department_catalogue_override(tmp_path: Path) -> None:
    own = tmp_path / "departments.yaml"
    own.write_text("departments:\n  - name: 督查室\n    keywords: [督查]\n", encoding="utf-8")
    assert load_departments(own).suggest("开展专项督查").lead == "市督查室"
    own.write_text("departments:\n  - keywords: [督查]\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="no name"):
        load_departments(own)


def test_digest_of_seed_000_is_like_seed_002(seed_tasks, seed_002: Path) -> None:  # type: ignore[no-untyped-def]
    made = make_digest(seed_tasks, load_indicators())
    press = seed_002.read_text(encoding="utf-8")
    assert 3000 <= len(made) <= 5000, len(made)
    assert 0.6 <= len(made) / len(press) <= 1.3
    titles = [s.title for s in made.sections]
    assert titles[:2] == ["主要预期目标", "2023年成绩单"]
    assert "聚焦产业转型升级，加快建设现代化产业体系" in titles
    text = seed_tasks.document.text
    for section in made.sections:
        for line in section.lines:
            source = text[line.span.start : line.span.end]
            words = re.sub(r"\[\d+\]", "", source)
            assert line.text.rstrip("…") in words or line.text.rstrip("…")[:20] in words
    assert any("29.4万亩" in line.text for s in made.sections for line in s.lines)
    assert any("泸古高速" in line.text for s in made.sections for line in s.lines)


def test_digest_markdown_links_every_line(seed_tasks) -> None:  # type: ignore[no-untyped-def]
    made = make_digest(seed_tasks, load_indicators())
    md = digest_markdown(made, lambda s: f"r#{s.start}-{s.end}")
    bullets = [line for line in md.splitlines() if line.startswith("- ")]
    assert len(bullets) == sum(len(s.lines) for s in made.sections)
    assert all("](r#" in b for b in bullets)


def test_headline_targets_of_the_provincial_reports() -> None:
    """主要预期目标是：A，在实际工作中…；B，C。D… → one task per target, on 27 of the 29 reports."""
    from conftest import PROVINCES

    found = {}
    for path in PROVINCES:
        result = gwrtrack.extract(gwrtrack.read(path))
        found[path.stem] = [t.text for t in result.tasks if t.headline]
    assert sum(len(h) >= 4 for h in found.values()) >= 25
    assert found["ningxia-2026"][:2] == [
        "地区生产总值增长5%左右，力争取得更好结果",
        "一产、二产、三产增加值分别增长5%左右、5%以上、5%左右",
    ]
    assert "城镇新增就业50万人" in found["fujian-2026"]
    assert not any(t.startswith(("在实际工作中", "实际工作中")) for h in found.values() for t in h)
