"""The demo city: 泸州's reports of 2021–2026 in one store, and the verdicts their texts settle.

Each expectation is read off the texts themselves (the target in year N's report, the outcome in
the review of year N+1's report), per spec/VERDICTS.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

import gwrtrack
from gwrtrack.evaluate import demo_paths
from gwrtrack.link.departments import load_departments
from gwrtrack.link.indicators import load_indicators
from gwrtrack.store import outcomes
from gwrtrack.store.db import dispose_all, open_store
from gwrtrack.store.library import store_document
from store_fixtures import LOCAL


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sessionmaker[Session]]:
    sessions = open_store(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite'}")
    for path in demo_paths():
        with sessions.begin() as s:
            store_document(s, gwrtrack.read(path))
    yield sessions
    dispose_all()


@pytest.fixture(scope="module")
def rows(demo: sessionmaker[Session]) -> dict[tuple[str, str, str], tuple[str, str | None, str | None]]:
    """(target year, metric, target surface) → (verdict label, outcome surface, basis)."""
    with demo() as s:
        views = outcomes.verdicts(s, load_indicators(), load_departments(), "泸州市")
    return {
        (v.judgement.target.period, v.judgement.target.metric, v.judgement.target.surface): (
            v.verdict,
            v.judgement.outcome.surface if v.judgement.outcome else None,
            v.judgement.basis.value if v.judgement.basis else None,
        )
        for v in views
    }


def test_the_demo_is_six_years_of_one_city() -> None:
    metas = [gwrtrack.read(p).meta for p in demo_paths()]
    assert {m.region for m in metas} == {"泸州市"}
    assert sorted(m.year for m in metas if m.year) == [2021, 2022, 2023, 2024, 2025, 2026]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        # 2021 targets, 2022 review: 粮食产量230万吨左右 → 235.6万吨; 年旅客吞吐量240万人次 → 突破200万人次
        (("2021", "粮食产量", "230万吨"), ("已完成", "235.6万吨", "次年报告")),
        (("2021", "年旅客吞吐量", "240万人次"), ("未完成", "200万人次", "次年报告")),
        (("2021", "城镇老旧小区改造项目", "150个"), ("已完成", "150个", "次年报告")),
        # 2022 targets, 2023 review (delivered in December 2022: some outcomes are for 前三季度)
        (("2022", "城镇老旧小区改造项目", "131个"), ("超额完成", "168个", "次年报告")),
        (("2022", "规模以上工业增加值", "8.5%"), ("未完成（部分期间）", "4.5%", "部分期间")),
        # 2024 targets (the seed), 2025 review
        (("2024", "粮食产量", "238万吨"), ("已完成", "238万吨", "次年报告")),
        (("2024", "高标准农田", "29.4万亩"), ("已完成", "29.4万亩", "次年报告")),
        (("2024", "国家高新技术企业", "30家"), ("未完成", "22家", "次年报告")),
        # the 2022 report's five-year review (完成农村危房改造4.37万户 over 2017–2021) settles no 2021 target
        (("2021", "农村危房", "2992户"), ("无数据", None, None)),
    ],
)
def test_verdicts_the_texts_settle(rows, key, expected) -> None:  # type: ignore[no-untyped-def]
    assert rows[key] == expected


def test_every_row_is_a_target_of_the_city_with_evidence(rows) -> None:  # type: ignore[no-untyped-def]
    years = {year for year, _m, _s in rows}
    assert {"2021", "2022", "2023", "2024"} <= years
    judged = [v for v in rows.values() if v[1] is not None]
    assert len(judged) >= 55  # outcomes found for dozens of targets across the years


def test_demo_page_shows_real_verdicts_with_evidence(demo: sessionmaker[Session], tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from gwrtrack.web.app import WebSettings, create_app

    url = str(demo.kw["bind"].url)
    with TestClient(create_app(WebSettings(database_url=url)), base_url=LOCAL) as client:
        page = client.get("/verdicts", params={"region": "泸州市"}).text
    assert "235.6万吨" in page and "未完成（部分期间）" in page and "依据：次年报告" in page
