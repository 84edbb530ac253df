"""Region, year and kind per spec/DOCUMENTS.md, grounded in the gazetteer; real lines of the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

import gwrtrack
from gwrtrack import gazetteer
from gwrtrack.ingest.meta import infer_meta, infer_title, year_of

DATA = Path(__file__).parent / "data"


def _meta(text: str) -> tuple[str | None, int | None, str]:
    meta = infer_meta(text)
    return meta.region, meta.year, meta.kind.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the title in front matter names the city and the delivery date
        ("---\ntitle: 东营市政府工作报告（2021年1月26日 陈必昌）\n---\n\n——2021年1月26日在东营市第八届人民代表大会第五次会议上\n\n各位代表：",
         ("东营市", 2021, "report")),
        # delivered in December: the plan year is the next one
        ("---\ntitle: 宜春市政府工作报告（2022年12月21日 严允）\n---\n\n——2022年12月21日在宜春市第五届人民代表大会第三次会议上\n\n市长 严允作政府工作报告\n\n各位代表：",
         ("宜春市", 2023, "report")),
        # an autonomous prefecture by its short name (黔东南州), the speaker only says 州
        ("---\ntitle: 黔东南州政府工作报告（2022年12月30日 安九熊）\n---\n\n（2022年12月30日在黔东南州第十五届人民代表大会第二次会议上）\n\n州长 安九熊\n\n各位代表：\n\n现在，我代表州人民政府向大会报告工作",
         ("黔东南苗族侗族自治州", 2023, "report")),
        # a typo in the date (20251月7日)
        ("---\ntitle: 保山市政府工作报告（20251月7日 左广）\n---\n\n——2025年1月7日在保山市第五届人民代表大会第五次会议上\n\n代理市长 左 广",
         ("保山市", 2025, "report")),
        # the State Council: 我代表国务院; the title names no place
        ("---\ntitle: 政府工作报告（2024年3月5日 李强）\n---\n\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n\n国务院总理 李强\n\n各位代表：\n\n现在，我代表国务院，向大会报告政府工作，请予审议。",
         ("全国", 2024, "report")),
        # trap: words ending in 县 are not places (加强县域, 推进县城建设)
        ("各位代表：\n\n现在，我代表国务院，向大会报告政府工作。加强县域商业体系建设，推进县城城镇化，支持贫困县。二、2019年工作总体部署",
         ("全国", 2019, "report")),
        # a national bulletin in Chinese numerals: the statistical year
        ("---\ntitle: 中华人民共和国国家统计局关于一九七八年国民经济计划执行结果的公报\n---\n\n**中华人民共和国国家统计局关于一九七八年国民经济计划执行结果的公报**\n\n1979年6月27日\n\n一九七八年，我国各族人民",
         ("全国", 1978, "bulletin")),
        # a bulletin whose front matter title is only the year; the heading line is the title
        ("---\ntitle: 2005年\n---\n\n**中华人民共和国2005年国民经济和社会发展统计公报**\n\n中华人民共和国国家统计局\n\n2006年2月28日\n\n2005年，全国各族人民",
         ("全国", 2005, "bulletin")),
        # trap: 数据来自市统计局, 期内 — a city bulletin names its city in the title
        ("泸州市2023年国民经济和社会发展统计公报\n\n泸州市统计局\n\n注：本公报数据来自市统计局，期内价格按当年价格计算。",
         ("泸州市", 2023, "bulletin")),
        # a press digest: the year of the report it digests, the city by its short name
        ("研读2026年政府工作报告，一个鲜明的特点愈发清晰。今天，就让我们一同循着政府工作报告的脉络，探寻今年泸州要推进的大事、要事，找找“干货”。泸州加快动能转换。泸州港。",
         ("泸州市", 2026, "digest")),
        # the place before the year in the title (a district's report)
        ("江阳区2025年政府工作报告\n\n各位代表：\n\n现在，我代表区人民政府向大会报告工作。", ("江阳区", 2025, "report")),
        # the national congress in the delivery line, no 我代表国务院 (an old report's opening)
        ("1998年政府工作报告\n——1998年3月5日在第九届全国人民代表大会第一次会议上\n国务院总理 李鹏\n各位代表：", ("全国", 1998, "report")),
        # trap: a city report that names the national congress in its text is still the city's
        ("---\ntitle: 东营市政府工作报告（2024年1月26日 陈必昌）\n---\n\n——2024年1月26日在东营市第九届人民代表大会第三次会议上\n\n"
         "各位代表：\n\n过去一年，我们认真贯彻党的二十大和第十四届全国人民代表大会第一次会议精神。",
         ("东营市", 2024, "report")),
        # a progress report: the place is in its title before the year; the issuer is the government's office
        ("关于泸州市2024年政府工作报告目标任务落实情况的报告\n\n泸州市人民政府督查室\n\n一、主要指标完成情况",
         ("泸州市", 2024, "progress")),
        # a 分解方案 issued by the government (the wording of 肇府函〔2019〕136号: 市人民政府关于印发…的通知)
        ("泸州市人民政府关于印发2024年政府工作报告重点工作任务分解方案的通知\n\n各区县人民政府，市级各部门：",
         ("泸州市", 2024, "plan")),
        # a review heading only: the plan year follows it
        ("各位代表：\n\n我代表市人民政府向大会报告工作。\n\n**2013 年工作回顾**\n\n2013 年，是我市抢抓机遇的一年。云浮市……", (None, 2014, "report")),
    ],
)  # fmt: skip
def test_metadata_of_real_openings(text: str, expected: tuple[str | None, int | None, str]) -> None:
    assert _meta(text) == expected


@pytest.mark.parametrize(
    ("written", "year"), [("2019", 2019), ("一九七八", 1978), ("二〇〇五", 2005), ("一九八四", 1984)]
)
def test_year_in_digits_or_chinese_numerals(written: str, year: int) -> None:
    assert year_of(written) == year


def test_title_prefers_a_line_that_names_the_document() -> None:
    text = "---\ntitle: 1984年\n---\n\n**中华人民共和国国家统计局关于一九八四年国民经济和社会发展的统计公报**\n"
    assert infer_title(text) == "中华人民共和国国家统计局关于一九八四年国民经济和社会发展的统计公报"


@pytest.mark.parametrize(
    ("name", "full"),
    [("泸州市", "泸州市"), ("黔东南州", "黔东南苗族侗族自治州"), ("恩施州", "恩施土家族苗族自治州"), ("伊犁州", "伊犁哈萨克自治州"),
     ("新疆维吾尔自治区", "新疆维吾尔自治区"), ("莱芜市", "莱芜市"), ("襄樊市", "襄樊市")],
)  # fmt: skip
def test_gazetteer_knows_current_and_former_divisions(name: str, full: str) -> None:
    place = gazetteer.resolve(name, gazetteer.Level.PREFECTURE)
    assert place is not None and place.name == full


@pytest.mark.parametrize(
    "word", ["加强县", "贫困县", "推进县", "贸易区", "来自市", "期内市", "推进市", "建设市", "加快市"]
)
def test_words_ending_in_a_level_word_are_not_places(word: str) -> None:
    assert gazetteer.lookup(word) is None and gazetteer.resolve(word) is None


def _score(folder: Path, region: str | None = None, kind: str = "report") -> float:
    files = sorted(p for p in folder.rglob("*.md") if p.stem.isdigit())
    right = 0
    for path in files:
        meta = gwrtrack.read(path.read_bytes(), name="document.md").meta  # a neutral name, as the scorer reads
        truth = (region or path.parent.name, int(path.stem), kind)
        right += (meta.region, meta.year, meta.kind.value) == truth
    return right / len(files)


def test_quality_gate_metadata_on_the_prefecture_sample() -> None:
    assert _score(DATA / "prefectures-sample") >= 0.98


def test_quality_gate_metadata_on_national_bulletins() -> None:
    assert _score(DATA / "bulletins-sample", region="全国", kind="bulletin") == 1.0


@pytest.mark.parametrize(
    ("text", "year"),
    [
        # dates in Chinese numerals (the State Council's older reports): December plans the next year
        ("政府工作报告\n——一九六四年十二月二十一日在第三届全国人民代表大会第一次会议上\n各位代表：\n我代表国务院向大会报告工作。", 1965),
        ("政府工作报告\n——二〇〇九年三月五日在第十一届全国人民代表大会第二次会议上\n各位代表：\n现在，我代表国务院，向大会报告政府工作。", 2009),
    ],
)  # fmt: skip
def test_delivery_dates_in_chinese_numerals(text: str, year: int) -> None:
    assert _meta(text) == ("全国", year, "report")
