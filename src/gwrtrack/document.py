"""The document read from a file: its verbatim text and what is known about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    REPORT = "report"
    DIGEST = "digest"
    PLAN = "plan"
    BULLETIN = "bulletin"
    PROGRESS = "progress"
    NEWS = "news"


@dataclass(frozen=True)
class Meta:
    """What a document is about. ``None`` means unknown, never a guess."""

    region: str | None = None
    year: int | None = None
    kind: Kind = Kind.REPORT
    title: str | None = None


@dataclass(frozen=True)
class Document:
    """``text`` is the decoded text exactly as written; every span points into it."""

    name: str
    text: str
    meta: Meta = field(default_factory=Meta)
    source_format: str = "txt"
    encoding: str | None = None
