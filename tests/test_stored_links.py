"""The 落实情况表 and the project entities kept in the store: after every kind of change, the stored rows are
exactly what judging the whole store from scratch gives (incremental, by region, with relative targets
following their province), and each region's projects are what linking its mentions from scratch gives."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

import gwrtrack
from gwrtrack.document import Document, Kind, Meta
from gwrtrack.evaluate import demo_paths
from gwrtrack.link.indicators import IndicatorCatalogue, Tolerance, load_indicators
from gwrtrack.link.projects import ProjectEntity, link_projects
from gwrtrack.link.verdicts import REGION_SUFFIX_RE, judge_all
from gwrtrack.store import batch, outcomes, project_rows, tracking, verdict_rows
from gwrtrack.store.corrections import correct
from gwrtrack.store.db import open_store
from gwrtrack.store.documents import delete_document, set_meta
from gwrtrack.store.library import store_document
from gwrtrack.store.models import DocumentRow, FigureRow, ProjectMentionRow, VerdictDirtyRow, VerdictRow

#: A province's review naming the city: the higher level a relative target (高于全省) is judged against.
PROVINCE_TEXT = (
    "四川省2024年政府工作报告\n\n一、2023年工作回顾\n\n"
    "2023年，全省地区生产总值增长6.0%，泸州、宜宾等市州经济稳中向好。\n\n"
    "二、2024年工作安排\n\n2024年全省地区生产总值增长6%左右。\n"
)
CATALOGUE = load_indicators()


def _key(j: object) -> tuple[object, ...]:
    judgement = j.judgement if hasattr(j, "judgement") else j  # type: ignore[attr-defined]
    return (
        judgement.target.figure_id, judgement.verdict.value, judgement.reason, judgement.indicator.name,
        judgement.outcome.figure_id if judgement.outcome else None,
        judgement.reference.figure_id if judgement.reference else None,
        tuple(f.figure_id for f in judgement.also), judgement.basis,
    )  # fmt: skip


def assert_same_as_from_scratch(sessions: sessionmaker[Session], catalogue: IndicatorCatalogue = CATALOGUE) -> int:
    with sessions.begin() as s:
        stored = [_key(v) for v in outcomes.verdicts(s, catalogue, None)]
    with sessions() as s:
        facts, _ids, parents = outcomes.store_facts(s)
        scratch = [_key(j) for j in judge_all(facts, catalogue, parents)]
        assert s.execute(select(func.count(VerdictDirtyRow.id))).scalar_one() == 0
    assert stored == scratch
    return len(stored)


@pytest.fixture
def sessions(store_url: str) -> Iterator[sessionmaker[Session]]:
    made = open_store(store_url)
    for path in demo_paths():  # one document at a time, judged after each
        with made.begin() as s:
            store_document(s, gwrtrack.read(path))
            outcomes.verdicts(s, CATALOGUE, None, "泸州市", limit=1)
    yield made


def _province() -> Document:
    return Document("sichuan.txt", PROVINCE_TEXT, Meta(region="四川省", year=2024, kind=Kind.REPORT))


def _relative(sessions: sessionmaker[Session]) -> list[tuple[int, str]]:
    with sessions.begin() as s:
        return [
            (v.judgement.target.span.start, v.judgement.verdict.value)
            for v in outcomes.verdicts(s, CATALOGUE, None, "泸州市")
            if v.judgement.reason.startswith(("需要全省", "目标 高于全省"))
        ]


def test_each_document_added_gives_the_rows_of_the_whole_store(sessions: sessionmaker[Session]) -> None:
    assert assert_same_as_from_scratch(sessions) > 100


def test_a_province_added_later_settles_the_relative_targets_of_its_city(sessions: sessionmaker[Session]) -> None:
    before = _relative(sessions)
    assert before and all(v == "待上级数据" for _s, v in before)
    with sessions.begin() as s:
        province_id = store_document(s, _province()).document.id
    after = _relative(sessions)
    assert [s for s, _v in after] == [s for s, _v in before]
    assert any(v != "待上级数据" for _s, v in after)  # the 2023 target now has the province's growth beside it
    assert_same_as_from_scratch(sessions)
    with sessions.begin() as s:
        delete_document(s, province_id, "tester")
    assert _relative(sessions) == before
    assert_same_as_from_scratch(sessions)


def test_a_corrected_outcome_a_moved_document_and_a_deleted_one(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        judged = [v for v in outcomes.verdicts(s, CATALOGUE, None, "泸州市") if v.judgement.outcome is not None]
        outcome = judged[0].judgement.outcome
        assert outcome is not None and outcome.figure_id is not None
        correct(s, outcome.figure_id, "value", str(outcome.value * 10 + 1), "tester")
    assert_same_as_from_scratch(sessions)
    with sessions.begin() as s:
        doc_id = s.execute(select(DocumentRow.id).order_by(DocumentRow.id)).scalars().first()
        assert doc_id is not None
        set_meta(s, doc_id, {"region": "宜宾市"}, "tester")
    assert_same_as_from_scratch(sessions)
    with sessions.begin() as s:
        assert s.execute(select(func.count(VerdictRow.id)).where(VerdictRow.region == "宜宾市")).scalar_one() > 0
        delete_document(s, doc_id, "tester")
    assert_same_as_from_scratch(sessions)
    with sessions.begin() as s:
        assert s.execute(select(func.count(VerdictRow.id)).where(VerdictRow.region == "宜宾市")).scalar_one() == 0


def test_a_figure_moved_to_another_region_leaves_the_first(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        target = s.execute(select(VerdictRow.target_figure_id).limit(1)).scalar_one()
        correct(s, target, "region", "宜宾市", "tester")
    assert_same_as_from_scratch(sessions)
    with sessions.begin() as s:
        moved = s.execute(select(VerdictRow.region).where(VerdictRow.target_figure_id == target)).scalar_one()
        assert moved == "宜宾市" and s.get(FigureRow, target) is not None


def test_another_catalogue_judges_every_region_again(sessions: sessionmaker[Session]) -> None:
    strict = replace(CATALOGUE, tolerance=Tolerance(percent=0.0, relative=0.0, exceed_percent=9, exceed_relative=9))
    assert verdict_rows.stamp(strict) != verdict_rows.stamp(CATALOGUE)
    assert_same_as_from_scratch(sessions, strict)
    assert_same_as_from_scratch(sessions, CATALOGUE)


def test_pages_and_tallies_read_from_the_stored_rows(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        every = outcomes.verdicts(s, CATALOGUE, None, "泸州市")
        page = outcomes.verdicts(s, CATALOGUE, None, "泸州市", offset=10, limit=5)
        assert [_key(v) for v in page] == [_key(v) for v in every[10:15]]
        tally = outcomes.verdict_tally(s, CATALOGUE, "泸州市")
        assert sum(tally.values()) == len(every)
        target = every[0].judgement.target
        row = s.get(DocumentRow, every[0].target_doc_id)
        assert row is not None
        computed = every[0].judgement.verdict.value
        other = "未完成" if computed != "未完成" else "已完成"
        tracking.override_verdict(s, row, target.span.start, target.span.end, other, "核实后改判", "tester")
    with sessions.begin() as s:
        after = outcomes.verdict_tally(s, CATALOGUE, "泸州市")
    assert after.get(other, 0) == tally.get(other, 0) + 1
    assert after.get(computed, 0) == tally.get(computed, 0) - 1


def test_concurrent_refreshes_store_each_row_once(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        store_document(s, _province())  # marks 四川省 and every region with a relative target
    errors: list[BaseException] = []

    def read() -> None:
        try:
            with sessions.begin() as s:
                outcomes.verdicts(s, CATALOGUE, None, limit=1)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert_same_as_from_scratch(sessions)


def assert_projects_as_from_scratch(sessions: sessionmaker[Session]) -> int:
    """The stored entities of each region are what linking the region's mentions from scratch gives."""
    with sessions.begin() as s:
        stored = tracking.project_entities(s, CATALOGUE)
        regions = {r or "" for r in s.execute(select(DocumentRow.region)).scalars()}
        scratch = []
        for region in sorted(regions):
            query = select(*project_rows.MENTION_COLUMNS).join(DocumentRow)
            query = query.where(func.coalesce(DocumentRow.region, "") == region)
            mentions = [project_rows.mention_of(tuple(r)) for r in s.execute(query)]
            stems = [REGION_SUFFIX_RE.sub("", region)] if region else []
            scratch += link_projects(sorted(mentions, key=lambda m: (m.doc_id or 0, m.mention.span.start)), stems)
        all_mentions = s.execute(select(func.count(ProjectMentionRow.id))).scalar_one()
    assert sum(len(e.mentions) for e in stored) == all_mentions  # every stored mention, each once
    assert sorted(map(_entity, stored)) == sorted(map(_entity, scratch))
    return len(stored)


def _entity(e: ProjectEntity) -> tuple[object, ...]:
    return (e.key, e.name, e.kind, tuple((m.doc_id, m.mention.span.start, m.mention.status) for m in e.mentions))


def test_projects_are_linked_per_region_and_follow_every_change(sessions: sessionmaker[Session]) -> None:
    assert assert_projects_as_from_scratch(sessions) > 50
    with sessions.begin() as s:
        doc_id = s.execute(select(DocumentRow.id).order_by(DocumentRow.id)).scalars().first()
        assert doc_id is not None
        set_meta(s, doc_id, {"region": "宜宾市"}, "tester")  # its projects move to 宜宾市's board
    assert_projects_as_from_scratch(sessions)
    with sessions.begin() as s:
        moved = tracking.project_entities(s, CATALOGUE, "宜宾市")
        assert moved and all(m.doc_id == doc_id for e in moved for m in e.mentions)
        delete_document(s, doc_id, "tester")
    assert_projects_as_from_scratch(sessions)
    with sessions.begin() as s:
        assert tracking.project_entities(s, CATALOGUE, "宜宾市") == []


def test_the_board_reads_a_page_and_searches_names_and_mentions(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        every = tracking.project_entities(s, CATALOGUE, "泸州市")
        assert [_entity(e) for e in project_rows.read(s, "泸州市", offset=3, limit=4)] == [
            _entity(e) for e in every[3:7]
        ]
        assert [len(e.mentions) for e in every] == sorted((len(e.mentions) for e in every), reverse=True)
        assert project_rows.count(s, "泸州市") == len(every)
        assert sum(project_rows.stages(s, "泸州市").values()) == len(every)
        road = project_rows.read(s, "泸州市", q="泸古高速")
        assert road and all(
            "泸古高速" in e.name or any("泸古高速" in m.mention.surface for m in e.mentions) for e in road
        )
        assert project_rows.read(s, "泸州市", q="100%_") == []  # LIKE's wildcards are plain characters


def test_an_ingest_keeps_the_tables_current_as_it_goes(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    made = open_store(store_url)
    monkeypatch.setattr(batch, "CURRENT_FIRST", 2)
    refreshed = []
    real = batch._make_current
    monkeypatch.setattr(batch, "_make_current", lambda *a: (refreshed.append(1), real(*a)))
    outcomes = list(batch.ingest_files(demo_paths(), made, 0, catalogue=CATALOGUE))
    assert [o.status for o in outcomes] == ["stored"] * len(demo_paths())
    assert len(demo_paths()) == 6
    assert len(refreshed) == 3  # after 2 and 4 documents stored (the intervals double), and at the end
    with made() as s:
        assert s.execute(select(func.count(VerdictDirtyRow.id))).scalar_one() == 0
    assert assert_same_as_from_scratch(made) > 100
    assert_projects_as_from_scratch(made)


def test_a_region_named_like_the_relative_mark_is_still_judged(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        doc_id = s.execute(select(DocumentRow.id).order_by(DocumentRow.id)).scalars().first()
        assert doc_id is not None
        set_meta(s, doc_id, {"region": verdict_rows.RELATIVE}, "tester")
    assert_same_as_from_scratch(sessions)
    assert_projects_as_from_scratch(sessions)
