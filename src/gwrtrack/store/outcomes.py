"""The 落实情况表 as people see it: the stored rows (store/verdict_rows.py) with a person's override and the
lead department of each target's task; the stored figures as facts for the pages that read them directly.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gwrtrack.document import Document
from gwrtrack.extract.tasks import Task
from gwrtrack.extraction import plan_tasks
from gwrtrack.link.departments import DepartmentCatalogue
from gwrtrack.link.indicators import IndicatorCatalogue
from gwrtrack.link.verdicts import Fact, Judgement, parent_regions, words_before
from gwrtrack.store import verdict_rows
from gwrtrack.store.models import DocumentRow, FigureRow, TrackEditRow, VerdictRow
from gwrtrack.store.queries import in_chunks
from gwrtrack.store.tracking import decisions, document_of
from gwrtrack.store.verdict_rows import FIGURE_COLUMNS, documents_about, fact_of


@dataclass(frozen=True)
class VerdictView:
    judgement: Judgement
    verdict: str  # a person's override, else the computed one
    override: TrackEditRow | None
    lead: str
    target_doc_id: int
    outcome_doc_id: int | None
    reference_doc_id: int | None


def make_current(session: Session, indicators: IndicatorCatalogue) -> None:
    """The stored 落实情况表 rows and project entities judged and linked again where documents changed."""
    verdict_rows.refresh(session, indicators)


def metric_counts(session: Session) -> list[tuple[str, int]]:
    """Each metric text of the stored figures with how many figures name it."""
    query = select(FigureRow.metric, func.count(FigureRow.id)).where(FigureRow.not_figure.is_(False))
    return [(metric, n) for metric, n in session.execute(query.group_by(FigureRow.metric))]


def facts_of_metrics(session: Session, metrics: Sequence[str]) -> list[Fact]:
    """The stored figures named by ``metrics``, as facts in document order."""
    docs = documents_about(session)
    rows = []
    for chunk in in_chunks(metrics):
        query = select(*FIGURE_COLUMNS).where(FigureRow.not_figure.is_(False), FigureRow.metric.in_(chunk))
        rows += [tuple(r) for r in session.execute(query)]
    return [fact_of(r, docs[r[1]]) for r in sorted(rows, key=lambda r: (r[1], r[12]))]


def store_facts(session: Session) -> tuple[list[Fact], dict[str, int], dict[str, str]]:
    """Every stored figure as a fact; the document id of each document name; region parents."""
    docs = {d.id: d for d in session.execute(select(DocumentRow)).scalars()}
    query = (
        select(*FIGURE_COLUMNS).where(FigureRow.not_figure.is_(False)).order_by(FigureRow.document_id, FigureRow.start)
    )
    # plain values, read once per document and unpacked per row: a store has 300,000+ figures
    about = {d.id: (d.name, d.kind, d.year) for d in docs.values()}
    facts = [
        fact_of(r, about[r[1]], words_before(docs[r[1]].text, r[12]))  # relative targets, averages over years
        for r in session.execute(query)
    ]
    parents = parent_regions([(d.region, d.text) for d in docs.values() if d.region])
    return facts, {d.name: d.id for d in docs.values()}, parents


def verdicts(
    session: Session, indicators: IndicatorCatalogue, departments: DepartmentCatalogue | None,
    region: str | None = None, *, year: int | None = None, indicator: str | None = None, offset: int = 0,
    limit: int | None = None,
) -> list[VerdictView]:  # fmt: skip
    """The rows of the 落实情况表 (of one region, year or indicator; one page if ``limit``), with a person's
    override and the lead department of each target's task (``departments`` None: no leads, faster)."""
    verdict_rows.refresh(session, indicators)
    stored = verdict_rows.read(session, indicators, region, year, indicator, offset, limit)
    overrides: dict[int, dict[tuple[int, int, str], TrackEditRow]] = {}
    decided: dict[int, dict[tuple[int, int, str], TrackEditRow]] = {}
    doc_ids = {s.target_doc_id for s in stored}
    # held here: the session's identity map keeps rows only while something refers to them
    docs = {d.id: d for d in session.execute(select(DocumentRow).where(DocumentRow.id.in_(doc_ids))).scalars()} \
        if departments is not None else {}  # fmt: skip
    leads: dict[tuple[int, int], str] = {}
    tasks = _TaskIndex()
    views = []
    for s in stored:
        j, doc_id = s.judgement, s.target_doc_id
        if doc_id not in overrides:
            overrides[doc_id] = decisions(session, doc_id, "verdict")
            decided[doc_id] = decisions(session, doc_id, "task") if departments is not None else {}
        override = overrides[doc_id].get((j.target.span.start, j.target.span.end, "verdict"))
        lead = "" if departments is None else \
            _lead_at(docs.get(doc_id), j.target.span.start, decided[doc_id], departments, leads, tasks)  # fmt: skip
        views.append(
            VerdictView(
                judgement=j,
                verdict=override.after or j.label if override else j.label,
                override=override,
                lead=lead,
                target_doc_id=doc_id,
                outcome_doc_id=s.outcome_doc_id,
                reference_doc_id=s.reference_doc_id,
            )
        )
    return views


def verdict_tally(session: Session, indicators: IndicatorCatalogue, region: str | None = None) -> dict[str, int]:
    """Verdict → rows of the 落实情况表 (of one region), a person's overrides counted as they decided."""
    verdict_rows.refresh(session, indicators)
    tally = verdict_rows.tally(session, region)
    for computed, decided in _overridden(session, region):
        tally[computed] -= 1
        tally[decided] = tally.get(decided, 0) + 1
    return {k: v for k, v in tally.items() if v}


def _overridden(session: Session, region: str | None) -> list[tuple[str, str]]:
    """(computed, decided) of each stored row a person's newest override changed."""
    newest: dict[tuple[int, int, int], str] = {}
    for e in session.execute(
        select(TrackEditRow).where(TrackEditRow.subject == "verdict").order_by(TrackEditRow.id)
    ).scalars():
        newest[(e.document_id, e.start, e.end)] = e.after or ""
    out = []
    for (doc_id, start, end), decided in newest.items():
        query = select(VerdictRow.verdict).join(FigureRow, VerdictRow.target_figure_id == FigureRow.id).where(
            VerdictRow.document_id == doc_id, VerdictRow.start == start, FigureRow.end == end
        )  # fmt: skip
        if region is not None:
            query = query.where(VerdictRow.region == region)
        computed = session.execute(query.limit(1)).scalar_one_or_none()
        if computed is not None and decided:
            out.append((computed, decided))
    return out


@lru_cache(maxsize=512)
def _plan_tasks(content_hash: str, document: Document) -> tuple[Task, ...]:
    return plan_tasks(document)


class _TaskIndex:
    """The plan tasks of each document, found by position with a binary search (a store has 100,000+ targets)."""

    def __init__(self) -> None:
        self.by_doc: dict[int, tuple[list[int], tuple[Task, ...]]] = {}

    def task_at(self, row: DocumentRow, pos: int) -> Task | None:
        if row.id not in self.by_doc:
            tasks = tuple(sorted(_plan_tasks(row.content_hash, document_of(row)), key=lambda t: t.span.start))
            self.by_doc[row.id] = ([t.span.start for t in tasks], tasks)
        starts, tasks = self.by_doc[row.id]
        k = bisect_right(starts, pos) - 1
        return tasks[k] if k >= 0 and tasks[k].span.start <= pos < tasks[k].span.end else None


def _lead_at(
    row: DocumentRow | None,
    pos: int,
    decided: dict[tuple[int, int, str], TrackEditRow],
    departments: DepartmentCatalogue,
    known: dict[tuple[int, int], str],
    index: _TaskIndex,
) -> str:
    """牵头单位 of the task holding ``pos``: a person's decision, else the suggestion (as on the 分解方案);
    ``known`` keeps each task's answer for the other targets in it."""
    if row is None:
        return ""
    task = index.task_at(row, pos)
    if task is None:
        return ""
    key = (row.id, task.span.start)
    if key not in known:
        decision = decided.get((task.span.start, task.span.end, "lead"))
        known[key] = (
            (decision.after or "")
            if decision is not None
            else departments.suggest(task.text, task.section, row.region).lead
        )
    return known[key]
