"""Full-text search that works for Chinese, the same on SQLite and PostgreSQL.

Passages of a few hundred characters are indexed by their overlapping character bigrams
(农田 → 农田; 高标准农田 → 高标 标准 准农 农田), so a query of two or more characters is a phrase
query of its bigrams: FTS5 (unicode61) on SQLite, a GIN-indexed ``to_tsvector('simple', …)`` on
PostgreSQL. A one-character query falls back to ``LIKE`` on the passage text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from gwrtrack.store.models import DocumentRow, PassageRow

#: Passages end at a sentence end once they reach this many characters.
PASSAGE_CHARS = 300
#: A run of CJK characters (bigrammed) or of letters and digits (one lower-cased token).
TOKEN_RE = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]+|[0-9A-Za-z]+(?:\.[0-9]+)?")
SENTENCE_END_RE = re.compile(r"[。！？!?\n]")


def bigrams(text_: str) -> list[str]:
    """Tokens of ``text_``: CJK runs as overlapping bigrams (a single character alone), others whole."""
    out: list[str] = []
    for match in TOKEN_RE.finditer(text_):
        run = match.group()
        if run[0].isascii():
            out.append(run.lower())
        elif len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def passages(doc_text: str) -> list[tuple[int, int]]:
    """``[start, end)`` stretches of about PASSAGE_CHARS characters, cut after a sentence end."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in SENTENCE_END_RE.finditer(doc_text):
        if match.end() - start >= PASSAGE_CHARS:
            spans.append((start, match.end()))
            start = match.end()
    if start < len(doc_text):
        spans.append((start, len(doc_text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:  # a passage without sentence ends is cut by length
        while e - s > 2 * PASSAGE_CHARS:
            out.append((s, s + PASSAGE_CHARS))
            s += PASSAGE_CHARS
        out.append((s, e))
    return out


@dataclass(frozen=True)
class Hit:
    document_id: int
    document_name: str
    start: int  # offset of the match in the document text
    end: int
    sentence: str
    sentence_start: int


def search(session: Session, query: str, limit: int = 50) -> list[Hit]:
    """Every occurrence of ``query`` (as written) in the stored documents, with its sentence."""
    query = query.strip()
    if not query:
        return []
    tokens = bigrams(query)
    if len(query) == 1 or not tokens:
        rows = session.execute(
            select(PassageRow.id).where(PassageRow.text.contains(query, autoescape=True)).order_by(PassageRow.id)
        ).scalars()
        ids = list(rows)
    else:
        ids = _phrase_ids(session, tokens)
    hits: list[Hit] = []
    for passage, name in session.execute(
        select(PassageRow, DocumentRow.name)
        .join(DocumentRow, DocumentRow.id == PassageRow.document_id)
        .where(PassageRow.id.in_(ids))
        .order_by(PassageRow.document_id, PassageRow.start)
    ):
        for m in re.finditer(re.escape(query), passage.text):
            hits.append(_hit(passage, name, m.start(), m.end()))
            if len(hits) >= limit:
                return hits
    return hits


def _phrase_ids(session: Session, tokens: list[str]) -> list[int]:
    phrase = " ".join(tokens)
    if session.get_bind().dialect.name == "postgresql":
        sql = text("SELECT id FROM passages WHERE tsv @@ phraseto_tsquery('simple', :q) ORDER BY id")
        return list(session.execute(sql, {"q": phrase}).scalars())
    quoted = '"' + phrase.replace('"', '""') + '"'
    sql = text("SELECT rowid FROM passages_fts WHERE passages_fts MATCH :q ORDER BY rowid")
    return list(session.execute(sql, {"q": quoted}).scalars())


def _hit(passage: PassageRow, name: str, start: int, end: int) -> Hit:
    body = passage.text
    s = max(body.rfind(c, 0, start) for c in "。！？\n") + 1
    ends = [i for i in (body.find(c, end) for c in "。！？\n") if i >= 0]
    e = min(ends) + 1 if ends else len(body)
    return Hit(passage.document_id, name, passage.start + start, passage.start + end, body[s:e], passage.start + s)
