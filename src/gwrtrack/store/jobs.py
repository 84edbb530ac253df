"""Background jobs in the store: made when a request hands work off, updated as the work goes, read by any
server process that shows their progress. A job that has not moved for ``STALE_AFTER`` while unfinished
belongs to a server process that stopped: it is shown as interrupted, and its work can simply be sent again
(an upload of a text already stored is skipped)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from gwrtrack.store.models import JobRow

#: An unfinished job that has not moved for this long was left by a server process that stopped.
STALE_AFTER = timedelta(minutes=10)
FINISHED = ("done", "failed")
#: Outcome lines kept per job (a batch of thousands of files keeps its last ones).
MAX_LINES = 500


@dataclass(frozen=True)
class JobLine:
    status: str  # stored | skipped | refused | imported | error
    name: str
    text: str = ""
    url: str = ""


@dataclass(frozen=True)
class Job:
    id: int
    kind: str
    owner: str
    state: str  # queued | running | done | failed | interrupted
    done: int
    total: int
    stage: str
    lines: tuple[JobLine, ...]
    result_url: str

    @property
    def finished(self) -> bool:
        return self.state in (*FINISHED, "interrupted")

    @property
    def percent(self) -> int:
        return 100 if self.state == "done" else int(100 * self.done / self.total) if self.total else 0

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "state": self.state, "done": self.done, "total": self.total,
            "percent": self.percent, "stage": self.stage, "result_url": self.result_url,
            "lines": [line.__dict__ for line in self.lines],
        }  # fmt: skip


def create_job(session: Session, kind: str, owner: str, total: int) -> int:
    row = JobRow(kind=kind, owner=owner, total=total, state="queued", done=0, stage="排队中", lines="[]", result_url="")
    session.add(row)
    session.flush()
    return row.id


def get_job(session: Session, job_id: int, now: datetime | None = None) -> Job | None:
    row = session.get(JobRow, job_id)
    if row is None:
        return None
    state = row.state
    moved = row.updated_at if row.updated_at.tzinfo else row.updated_at.replace(tzinfo=UTC)
    if state not in FINISHED and (now or datetime.now(UTC)) - moved > STALE_AFTER:
        state = "interrupted"
    lines = tuple(JobLine(**line) for line in json.loads(row.lines))
    return Job(row.id, row.kind, row.owner, state, row.done, row.total, row.stage, lines, row.result_url)


class Progress:
    """What the work calls as it goes; each call is one short transaction of its own."""

    def __init__(self, sessions: sessionmaker[Session], job_id: int) -> None:
        self.sessions, self.job_id = sessions, job_id
        self.lines: list[JobLine] = []

    def _set(self, **values: Any) -> None:
        with self.sessions.begin() as session:
            session.execute(
                update(JobRow).where(JobRow.id == self.job_id).values(updated_at=datetime.now(UTC), **values)
            )

    def stage(self, text: str, done: int | None = None) -> None:
        self._set(state="running", stage=text, **({} if done is None else {"done": done}))

    def line(self, line: JobLine, done: int) -> None:
        self.lines = [*self.lines, line][-MAX_LINES:]
        self._set(state="running", done=done, lines=json.dumps([x.__dict__ for x in self.lines], ensure_ascii=False))

    def finish(self, ok: bool, stage: str, result_url: str = "") -> None:
        self._set(state="done" if ok else "failed", stage=stage, result_url=result_url)
