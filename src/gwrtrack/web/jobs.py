"""后台任务: uploads and 分解方案 imports run in a small thread pool after the request is answered, so no
request waits on another's extraction; a page shows each job's progress (polled with htmx) and its outcome,
one line per file. Jobs live in the store (``store/jobs.py``), so any server process can show them."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from gwrtrack.errors import GwrError, internal_error_line
from gwrtrack.store.jobs import Job, Progress, create_job, get_job
from gwrtrack.track.roles import Role
from gwrtrack.web.auth import Actor, actor_of
from gwrtrack.web.deps import render

router = APIRouter(tags=["后台任务"])

#: Jobs that run at once in one server process (extraction is CPU-bound: more would only queue longer).
JOB_THREADS = 2
KIND_ZH = {"upload": "上传报告", "import": "导入分解方案"}
STATE_ZH = {"queued": "排队中", "running": "进行中", "done": "已完成", "failed": "失败", "interrupted": "已中断"}
Work = Callable[[Progress], None]


def install(app: FastAPI) -> None:
    app.state.jobs = ThreadPoolExecutor(max_workers=JOB_THREADS, thread_name_prefix="gwr-job")


def start(request: Request, kind: str, owner: str, total: int, work: Work) -> int:
    """Record a job, hand ``work`` to the pool and return the job's id at once."""
    sessions = request.app.state.sessions
    with sessions.begin() as db:
        job_id = create_job(db, kind, owner, total)
    request.app.state.jobs.submit(_run, work, Progress(sessions, job_id))
    return job_id


def _run(work: Work, progress: Progress) -> None:
    try:
        work(progress)
    except GwrError as exc:
        progress.finish(False, str(exc))
    except Exception as exc:  # a bug must not leave a job running for ever: say it in one line
        progress.finish(False, internal_error_line(exc))


def _job_or_404(request: Request, job_id: int) -> Job:
    """Only its owner and administrators see a job (its lines name the files someone uploaded)."""
    actor: Actor = actor_of(request)
    with request.app.state.sessions() as db:
        job = get_job(db, job_id)
    if job is None or actor.anonymous or (job.owner != actor.username and actor.role is not Role.ADMIN):
        raise HTTPException(404, "没有这个后台任务")
    return job


@router.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
def job_page(request: Request, job_id: int) -> Response:
    job = _job_or_404(request, job_id)
    return render(request, "job.html", job=job, kinds=KIND_ZH, states=STATE_ZH)


@router.get("/jobs/{job_id}/status", response_class=HTMLResponse, include_in_schema=False)
def job_status(request: Request, job_id: int) -> Response:
    """The progress part of the job page, for htmx to poll until the job is finished."""
    job = _job_or_404(request, job_id)
    return render(request, "job_status.html", job=job, kinds=KIND_ZH, states=STATE_ZH)


@router.get("/api/v1/jobs/{job_id}")
def job_json(request: Request, job_id: int) -> dict[str, Any]:
    """A background job: state (queued, running, done, failed, interrupted), progress and one line per file."""
    return _job_or_404(request, job_id).as_json()


def to_job(job_id: int) -> RedirectResponse:
    return RedirectResponse(f"/jobs/{job_id}", status_code=303)
