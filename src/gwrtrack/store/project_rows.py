"""Project entities kept in the store, linked per region, so the 项目 board reads a page of entities.

A region's documents (its reports across the years) are linked into entities with link/projects.py; a
project of one city is never merged with a like-named one of another. The regions are linked again when
:mod:`gwrtrack.store.verdict_rows` refreshes its marked regions (the same marks: a document added, changed
or deleted marks its region).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from gwrtrack.extract.project_vocab import Stage
from gwrtrack.extract.projects import ProjectMention
from gwrtrack.link.projects import Mention, ProjectEntity, link_projects
from gwrtrack.link.verdicts import REGION_SUFFIX_RE
from gwrtrack.span import Span
from gwrtrack.store.models import DocumentRow, ProjectEntityRow, ProjectLinkRow, ProjectMentionRow
from gwrtrack.store.queries import in_chunks, insert_all

MENTION_COLUMNS = (
    ProjectMentionRow.id, ProjectMentionRow.start, ProjectMentionRow.end, ProjectMentionRow.surface,
    ProjectMentionRow.status, ProjectMentionRow.year, ProjectMentionRow.verb, ProjectMentionRow.kind,
    ProjectMentionRow.flags, DocumentRow.id, DocumentRow.name,
)  # fmt: skip


def mention_of(row: Sequence[Any]) -> Mention:
    _id, start, end, surface, status, year, verb, kind, flags, doc_id, doc_name = row
    found = ProjectMention(Span(start, end), surface, Stage(status), year, verb, kind, tuple(flags.split()))
    return Mention(doc_name, year, found, doc_id)


def relink(session: Session, regions: Iterable[str] | None) -> None:
    """Link the mentions of the documents of ``regions`` (None: every region) again, in place of the old."""
    region_of = func.coalesce(DocumentRow.region, "")
    query = select(region_of, *MENTION_COLUMNS).join(DocumentRow).order_by(DocumentRow.id, ProjectMentionRow.start)
    chosen = None if regions is None else sorted(set(regions))
    by_region: dict[str, list[tuple[int, Mention]]] = {r: [] for r in chosen or ()}
    for part in [query] if chosen is None else [query.where(region_of.in_(c)) for c in in_chunks(chosen)]:
        for row in session.execute(part):
            by_region.setdefault(row[0], []).append((row[1], mention_of(tuple(row[1:]))))
    if chosen is None:
        session.execute(delete(ProjectLinkRow))
        session.execute(delete(ProjectEntityRow))
    else:
        for c in in_chunks(chosen):
            old = select(ProjectEntityRow.id).where(ProjectEntityRow.region.in_(c))
            session.execute(delete(ProjectLinkRow).where(ProjectLinkRow.entity_id.in_(old)))
            session.execute(delete(ProjectEntityRow).where(ProjectEntityRow.region.in_(c)))
    next_id = (session.execute(select(func.max(ProjectEntityRow.id))).scalar() or 0) + 1
    entities: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for region, found in sorted(by_region.items()):
        ids = {id(m): i for i, m in found}
        stems = [REGION_SUFFIX_RE.sub("", region)] if region else []
        for e in link_projects([m for _i, m in found], stems):
            entities.append({"id": next_id, "region": region, "key": e.key, "name": e.name, "kind": e.kind,
                             "mentions": len(e.mentions), "latest_status": e.latest_status.value})  # fmt: skip
            links += [{"mention_id": ids[id(m)], "entity_id": next_id, "position": k} for k, m in enumerate(e.mentions)]
            next_id += 1
    insert_all(session, ProjectEntityRow, entities)
    insert_all(session, ProjectLinkRow, links)


def _filtered(query: Any, region: str | None, q: str) -> Any:
    if region is not None:
        query = query.where(ProjectEntityRow.region == region)
    if q:
        named = (
            select(ProjectLinkRow.mention_id)
            .join(ProjectMentionRow, ProjectMentionRow.id == ProjectLinkRow.mention_id)
            .where(ProjectLinkRow.entity_id == ProjectEntityRow.id, ProjectMentionRow.surface.contains(q, autoescape=True))
        )  # fmt: skip
        query = query.where(ProjectEntityRow.name.contains(q, autoescape=True) | exists(named))
    return query


def count(session: Session, region: str | None = None, q: str = "") -> int:
    return int(session.execute(_filtered(select(func.count(ProjectEntityRow.id)), region, q)).scalar_one())


def stages(session: Session, region: str | None = None, q: str = "") -> Counter[Stage]:
    """How many projects are at each stage (their newest mention's)."""
    query = _filtered(select(ProjectEntityRow.latest_status, func.count(ProjectEntityRow.id)), region, q)
    return Counter({Stage(s): n for s, n in session.execute(query.group_by(ProjectEntityRow.latest_status))})


def read(
    session: Session, region: str | None = None, q: str = "", offset: int = 0, limit: int | None = None
) -> list[ProjectEntity]:
    """Projects with the most mentions first (then by name), with every mention in order; one page if
    ``limit`` is given."""
    order = (ProjectEntityRow.mentions.desc(), ProjectEntityRow.name, ProjectEntityRow.region, ProjectEntityRow.id)
    query = _filtered(select(ProjectEntityRow), region, q).order_by(*order).offset(offset)
    rows = list(session.execute(query if limit is None else query.limit(limit)).scalars())
    mentions: dict[int, list[tuple[int, Mention]]] = {r.id: [] for r in rows}
    links = select(ProjectLinkRow.entity_id, ProjectLinkRow.position, *MENTION_COLUMNS).join(
        ProjectMentionRow, ProjectMentionRow.id == ProjectLinkRow.mention_id
    ).join(DocumentRow, DocumentRow.id == ProjectMentionRow.document_id)  # fmt: skip
    for chunk in in_chunks(sorted(mentions)) if region is not None or limit is not None else [None]:
        part = links if chunk is None else links.where(ProjectLinkRow.entity_id.in_(chunk))
        for row in session.execute(part):
            if row[0] in mentions:
                mentions[row[0]].append((row[1], mention_of(tuple(row[2:]))))
    return [
        ProjectEntity(r.key, r.name, r.kind, tuple(m for _k, m in sorted(mentions[r.id], key=lambda km: km[0])))
        for r in rows
    ]
