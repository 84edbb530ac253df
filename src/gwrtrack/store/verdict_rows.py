"""The 落实情况表 kept in the store, so pages that list targets across documents read a page of rows (the
project entities are kept the same way, by region: store/project_rows.py).

A target's verdict depends on the figures of its own region (its outcomes) and, for a relative target
(高于全省), on its higher level's. So a change to a figure marks its region to be judged again
(:class:`VerdictDirtyRow`), and a change to a province's or the nation's document marks every region with a
relative target ("*"). :func:`refresh` judges the marked regions again — all of them at once with the same
rules as judging the whole store — and the readers (:func:`read`, :func:`tally`) see the result.
The rows also record what they were computed with (this version's rules and the indicator catalogue): a
store opened with another catalogue or version is judged again in full on its first read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, event, func, insert, inspect, or_, select
from sqlalchemy.orm import Session, aliased, sessionmaker

import gwrtrack
from gwrtrack.link.indicators import Indicator, IndicatorCatalogue
from gwrtrack.link.verdicts import (
    OUTCOME_STATUS_RANK,
    Basis,
    Fact,
    Judgement,
    Verdict,
    is_province_level,
    judge_all,
    parent_regions,
    relative_level,
    words_before,
)
from gwrtrack.span import Span
from gwrtrack.store import project_rows
from gwrtrack.store.models import DocumentRow, FigureRow, LinkStateRow, VerdictDirtyRow, VerdictRow
from gwrtrack.store.queries import in_chunks, insert_all

#: The mark that says: every region with a relative target (a higher level's figures changed).
RELATIVE = "*"
STAMP_KEY = "verdicts"


def is_higher(region: str | None) -> bool:
    """A level other regions' relative targets are judged against: the nation, a province, a municipality."""
    return region is not None and (region == "全国" or is_province_level(region))


def marks_for(regions: Iterable[str | None]) -> set[str]:
    """The marks a change to figures of ``regions`` needs."""
    out = {r or "" for r in regions}
    if any(is_higher(r) for r in out):
        out.add(RELATIVE)
    return out


def mark(session: Session, regions: Iterable[str | None]) -> None:
    """Judge the targets of ``regions`` again at the next :func:`refresh`."""
    marks = marks_for(regions)
    if marks:
        session.execute(insert(VerdictDirtyRow), [{"region": r} for r in sorted(marks)])


def document_regions(session: Session, doc_id: int) -> set[str]:
    """The regions of a document's figures, and its own."""
    found = set(session.execute(select(FigureRow.region).where(FigureRow.document_id == doc_id).distinct()).scalars())
    own = session.execute(select(DocumentRow.region).where(DocumentRow.id == doc_id)).scalar_one_or_none()
    return found | {own or ""}


def watch(sessions: sessionmaker[Session]) -> None:
    """Mark the regions of every figure or document a session of ``sessions`` adds, changes or deletes
    through the ORM (corrections, re-extraction, metadata). Core inserts and deletes call :func:`mark`."""
    event.listen(sessions, "before_flush", _on_flush)


def _on_flush(session: Session, _context: object, _instances: object) -> None:
    regions: set[str | None] = set()
    with session.no_autoflush:
        for obj in (*session.new, *session.dirty, *session.deleted):
            changed = obj in session.deleted or (obj not in session.new and session.is_modified(obj))
            if isinstance(obj, FigureRow) and (changed or obj in session.new):
                regions.add(obj.region)
                regions.update(_earlier(obj, "region"))
            elif isinstance(obj, DocumentRow) and changed:
                regions.update(document_regions(session, obj.id) | {obj.region})
                regions.update(_earlier(obj, "region"))
    marks = marks_for(regions)
    session.add_all(VerdictDirtyRow(region=r) for r in sorted(marks))


def _earlier(obj: object, attribute: str) -> list[Any]:
    return list(inspect(obj).attrs[attribute].history.deleted)


def stamp(catalogue: IndicatorCatalogue) -> str:
    """What the rows were computed with: this version's rules and the catalogue's contents."""
    return hashlib.sha256(f"{gwrtrack.__version__}\n{catalogue!r}".encode()).hexdigest()[:32]


def refresh(session: Session, catalogue: IndicatorCatalogue) -> int:
    """Judge the marked regions again (every region if the rows were computed with other rules or another
    catalogue); the number of regions judged. Concurrent callers take turns; the second finds nothing left."""
    wanted = stamp(catalogue)
    if _stamp_of(session) == wanted and session.execute(select(VerdictDirtyRow.id).limit(1)).first() is None:
        return 0
    _lock(session)
    claimed = set(session.execute(delete(VerdictDirtyRow).returning(VerdictDirtyRow.region)).scalars())
    if _stamp_of(session) != wanted:
        session.execute(delete(LinkStateRow).where(LinkStateRow.key == STAMP_KEY))
        session.execute(insert(LinkStateRow), [{"key": STAMP_KEY, "value": wanted}])
        project_rows.relink(session, None)
        return _judge(session, catalogue, None)
    if not claimed:
        return 0
    # "*" stays in the set: were a region ever named so by hand, it is judged and linked like any other
    project_rows.relink(session, claimed)  # a document's projects are linked within its region
    if RELATIVE in claimed:
        claimed.update(
            session.execute(select(VerdictRow.region).where(VerdictRow.relative.is_(True)).distinct()).scalars()
        )
    return _judge(session, catalogue, claimed)


def _stamp_of(session: Session) -> str | None:
    return session.execute(select(LinkStateRow.value).where(LinkStateRow.key == STAMP_KEY)).scalar_one_or_none()


def _lock(session: Session) -> None:
    """One refresh at a time: PostgreSQL's advisory lock; on SQLite the first write takes the file's lock."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(VERDICT_LOCK)))


#: The advisory lock key that serialises refreshes on PostgreSQL.
VERDICT_LOCK = 0x677772766572


def _judge(session: Session, catalogue: IndicatorCatalogue, regions: set[str] | None) -> int:
    """Judge the targets of ``regions`` (None: every region) and store their rows in place of the old ones."""
    docs = documents_about(session)
    parents = _parents(session)
    facts = list(_facts(session, docs, regions))
    years = sorted({f.period for f in facts if f.status == "target" and relative_level(f)})
    if regions is not None and years:  # relative targets: the higher levels' outcomes of their years only
        higher = {parents[r] for r in regions if r in parents} | {"全国"}
        facts += _facts(session, docs, higher - regions, years)
    judged = [j for j in judge_all(facts, catalogue, parents) if regions is None or j.target.region in regions]
    if regions is None:
        session.execute(delete(VerdictRow))
    else:
        for chunk in in_chunks(sorted(regions)):
            session.execute(delete(VerdictRow).where(VerdictRow.region.in_(chunk)))
    insert_all(session, VerdictRow, [_row(j) for j in judged])
    return len({j.target.region for j in judged}) if regions is None else len(regions)


def _row(j: Judgement) -> dict[str, Any]:
    t = j.target
    return {
        "region": t.region, "year": int(t.period), "indicator": j.indicator.name, "document_id": t.doc_id,
        "start": t.span.start, "target_figure_id": t.figure_id,
        "outcome_figure_id": j.outcome.figure_id if j.outcome else None,
        "reference_figure_id": j.reference.figure_id if j.reference else None,
        "also": " ".join(str(f.figure_id) for f in j.also), "verdict": j.verdict.value, "reason": j.reason,
        "basis": j.basis.value if j.basis else None, "relative": relative_level(t) is not None,
    }  # fmt: skip


def _parents(session: Session) -> dict[str, str]:
    """Region → higher region (parent_regions), reading the texts of the higher levels' documents only."""
    regions = [r for r in session.execute(select(DocumentRow.region).distinct()).scalars() if r]
    higher = [r for r in regions if is_higher(r)]
    documents: list[tuple[str, str]] = []
    for chunk in in_chunks(sorted(higher)):
        documents += session.execute(
            select(DocumentRow.id, DocumentRow.region, DocumentRow.text).where(DocumentRow.region.in_(chunk))
        ).all()  # type: ignore[arg-type]
    ordered = [(r, t) for _i, r, t in sorted(documents)]  # type: ignore[misc]
    return parent_regions(ordered + [(r, "") for r in regions if not is_higher(r)])


FIGURE_COLUMNS = (
    FigureRow.id, FigureRow.document_id, FigureRow.region, FigureRow.metric, FigureRow.measure, FigureRow.status,
    FigureRow.qualifier, FigureRow.value, FigureRow.unit, FigureRow.base_value, FigureRow.base_unit,
    FigureRow.period, FigureRow.start, FigureRow.end, FigureRow.surface, FigureRow.value_max,
)  # fmt: skip


def documents_about(session: Session, ids: set[int] | None = None) -> dict[int, tuple[str, str, int | None]]:
    """(name, kind, year) of the documents ``ids`` (None: all): what a fact says of its document."""
    query = select(DocumentRow.id, DocumentRow.name, DocumentRow.kind, DocumentRow.year)
    parts = [query] if ids is None else [query.where(DocumentRow.id.in_(c)) for c in in_chunks(sorted(ids))]
    return {i: (name, kind, year) for part in parts for i, name, kind, year in session.execute(part)}


def fact_of(row: Sequence[Any], doc: tuple[str, str, int | None], before: str = "") -> Fact:
    """A :class:`Fact` from a row of :data:`FIGURE_COLUMNS` and its document's (name, kind, year)."""
    fid, doc_id, region, metric, measure, status, qualifier, value, unit, base_value, base_unit, period, start, \
        end, surface, value_max = row  # fmt: skip
    name, kind, year = doc
    return Fact(
        doc=name, doc_kind=kind, doc_year=year, region=region, metric=metric, measure=measure, status=status,
        qualifier=qualifier, value=value, unit=unit, base_value=base_value, base_unit=base_unit, period=period,
        span=Span(start, end), surface=surface, value_max=value_max, before=before, doc_id=doc_id, figure_id=fid,
    )  # fmt: skip


def _facts(
    session: Session, docs: dict[int, tuple[str, str, int | None]], regions: set[str] | None,
    outcomes_of: Sequence[str] = (),
) -> Iterator[Fact]:  # fmt: skip
    """The figures of ``regions`` (None: all) as facts, in document order, with the words before each
    (a relative target's 高于全省, an outcome's 年均).
    ``outcomes_of``: only the outcomes of these years (whole or part of the year)."""
    base = select(*FIGURE_COLUMNS).where(FigureRow.not_figure.is_(False))
    if outcomes_of:
        about = [FigureRow.period.in_(outcomes_of), *(FigureRow.period.startswith(f"{y}-") for y in outcomes_of)]
        base = base.where(FigureRow.status.in_(OUTCOME_STATUS_RANK), or_(*about))
    queries: list[Any] = (
        [base] if regions is None else [base.where(FigureRow.region.in_(c)) for c in in_chunks(sorted(regions))]
    )
    rows = sorted((tuple(r) for q in queries for r in session.execute(q)), key=lambda r: (r[1], r[12]))
    texts: dict[int, str] = {}
    for chunk in in_chunks(sorted({r[1] for r in rows})):
        found = session.execute(select(DocumentRow.id, DocumentRow.text).where(DocumentRow.id.in_(chunk)))
        texts.update((i, t) for i, t in found)
    for r in rows:
        yield fact_of(r, docs[r[1]], words_before(texts[r[1]], r[12]))


@dataclass(frozen=True)
class StoredVerdict:
    """A stored row read back: the judgement and the documents of its target, outcome and reference."""

    judgement: Judgement
    target_doc_id: int
    outcome_doc_id: int | None
    reference_doc_id: int | None


def _filtered(query: Any, region: str | None, year: int | None, indicator: str | None) -> Any:
    if region is not None:
        query = query.where(VerdictRow.region == region)
    if year is not None:
        query = query.where(VerdictRow.year == year)
    if indicator is not None:
        query = query.where(VerdictRow.indicator == indicator)
    return query


def count(session: Session, region: str | None = None, year: int | None = None, indicator: str | None = None) -> int:
    return int(session.execute(_filtered(select(func.count(VerdictRow.id)), region, year, indicator)).scalar_one())


def tally(session: Session, region: str | None = None) -> dict[str, int]:
    """Computed verdict → rows (a person's overrides are not in it)."""
    query = _filtered(select(VerdictRow.verdict, func.count(VerdictRow.id)), region, None, None)
    return {verdict: n for verdict, n in session.execute(query.group_by(VerdictRow.verdict))}


def read(
    session: Session, catalogue: IndicatorCatalogue, region: str | None = None, year: int | None = None,
    indicator: str | None = None, offset: int = 0, limit: int | None = None,
) -> list[StoredVerdict]:  # fmt: skip
    """Stored rows in the table's order (document, offset), filtered, one page if ``limit`` is given."""
    target = aliased(FigureRow)
    query = _filtered(select(VerdictRow, *_columns_of(target)).join(target, VerdictRow.target_figure_id == target.id),
                      region, year, indicator).order_by(VerdictRow.document_id, VerdictRow.start, VerdictRow.id)  # fmt: skip
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    found = [(r[0], tuple(r[1:])) for r in session.execute(query)]
    others = {int(i) for v, _t in found for i in v.also.split()}
    others |= {i for v, _t in found for i in (v.outcome_figure_id, v.reference_figure_id) if i is not None}
    figures = {}
    for chunk in in_chunks(sorted(others)):
        figures.update(
            {r[0]: tuple(r) for r in session.execute(select(*FIGURE_COLUMNS).where(FigureRow.id.in_(chunk)))}
        )
    docs = documents_about(session, {t[1] for _v, t in found} | {f[1] for f in figures.values()})

    def fact_at(figure_id: int | None) -> Fact | None:
        row = figures.get(figure_id) if figure_id is not None else None
        return fact_of(row, docs[row[1]]) if row is not None else None

    out = []
    for v, t in found:
        fact, outcome, reference = fact_of(t, docs[t[1]]), fact_at(v.outcome_figure_id), fact_at(v.reference_figure_id)
        also = tuple(f for i in v.also.split() if (f := fact_at(int(i))) is not None)
        indicator_of = catalogue.by_name(v.indicator) or Indicator(v.indicator, (v.indicator,))
        judgement = Judgement(fact, indicator_of, Verdict(v.verdict), outcome, reference, v.reason,
                              Basis(v.basis) if v.basis else None, also)  # fmt: skip
        out.append(StoredVerdict(judgement, t[1], outcome.doc_id if outcome else None,
                                 reference.doc_id if reference else None))  # fmt: skip
    return out


def _columns_of(figure: Any) -> tuple[Any, ...]:
    return tuple(getattr(figure, c.key) for c in FIGURE_COLUMNS)


def indicator_counts(session: Session, region: str | None = None, most: int | None = None) -> list[tuple[str, int]]:
    """Indicator → how many (region, year) pairs state a target for it; most first, at most ``most``."""
    pairs = _filtered(select(VerdictRow.indicator, VerdictRow.region, VerdictRow.year).distinct(), region, None, None)
    sub = pairs.subquery()
    n = func.count().label("n")
    query = select(sub.c.indicator, n).group_by(sub.c.indicator).order_by(n.desc(), sub.c.indicator)
    return [(name, k) for name, k in session.execute(query if most is None else query.limit(most))]


def years_of(session: Session, indicator: str, region: str | None = None) -> list[int]:
    """The years with a target of ``indicator``, newest first."""
    query = _filtered(select(VerdictRow.year).distinct(), region, None, indicator)
    return sorted(session.execute(query).scalars(), reverse=True)


def regions(session: Session) -> list[str]:
    return sorted(r for r in session.execute(select(VerdictRow.region).distinct()).scalars() if r)


def verdict_counts(session: Session, region: str | None = None) -> list[tuple[tuple[str, int, str], int]]:
    """((region, year, computed verdict), rows)."""
    query = _filtered(select(VerdictRow.region, VerdictRow.year, VerdictRow.verdict, func.count()), region, None, None)
    grouped = session.execute(query.group_by(VerdictRow.region, VerdictRow.year, VerdictRow.verdict))
    return [((r, y, v), n) for r, y, v, n in grouped]
