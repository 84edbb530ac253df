"""看板: totals by status, light and department, a ranking of departments, the lagging list, charts.

Every number links to the list it counts, and both are computed by ``track.dashboard.pick`` over the
same board (store/progress.py ``board``), so the number is the length of the list it opens.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from gwrtrack.track import dashboard as dash
from gwrtrack.track.progress import LIGHT_ZH, Light, Progress
from gwrtrack.web.auth import CanReadTasks
from gwrtrack.web.deps import DB, render, settings_of
from gwrtrack.web.progress import board_of, state_out, visible

router = APIRouter(tags=["看板"])


def _filter(progress: str, light: str, department: str) -> dash.Filter:
    return dash.Filter(
        progress=progress if progress in {p.value for p in Progress} else "",
        light=light if light in {lt.value for lt in Light} else "",
        department=department[:200],
    )


@router.get("/api/v1/dashboard")
def dashboard_api(request: Request, db: DB, actor: CanReadTasks) -> dict[str, Any]:
    """Totals by status, by light and by department (the same numbers as the 看板 page)."""
    states = visible(actor, board_of(request, db))
    return {
        "as_of": settings_of(request).as_of().isoformat(),
        "total": len(states),
        "by_progress": {c.filter.progress: c.n for c in dash.by_progress(states)},
        "by_light": {c.filter.light: c.n for c in dash.by_light(states)},
        "departments": [
            {"department": r.department, "total": r.total.n, "green_share": round(r.green_share, 4),
             **{c.filter.light: c.n for c in r.lights}, "lagging": r.lagging.n, "missing": r.missing.n}
            for r in dash.ranking(states)
        ],
    }  # fmt: skip


@router.get("/api/v1/dashboard/list")
def dashboard_list_api(
    request: Request, db: DB, actor: CanReadTasks, progress: str = "", light: str = "", department: str = ""
) -> list[dict[str, Any]]:
    states = visible(actor, board_of(request, db))
    return [state_out(x) for x in dash.pick(states, _filter(progress, light, department))]


@router.get("/dashboard", response_class=HTMLResponse, include_in_schema=False)
def dashboard_page(request: Request, db: DB, actor: CanReadTasks) -> HTMLResponse:
    states = visible(actor, board_of(request, db))
    by_light, ranking = dash.by_light(states), dash.ranking(states)
    return render(
        request, "dashboard.html", active="dashboard", total=len(states), by_progress=dash.by_progress(states),
        by_light=by_light, ranking=ranking, lagging=dash.needs_reminder(states)[:20], light_zh=LIGHT_ZH,
        as_of=settings_of(request).as_of(),
        light_chart={"labels": [c.label for c in by_light], "values": [c.n for c in by_light]},
        department_chart={"labels": [r.department for r in ranking], "values": [r.total.n for r in ranking]},
    )  # fmt: skip


@router.get("/dashboard/list", response_class=HTMLResponse, include_in_schema=False)
def dashboard_list(
    request: Request, db: DB, actor: CanReadTasks, progress: str = "", light: str = "", department: str = ""
) -> HTMLResponse:
    f = _filter(progress, light, department)
    states = dash.pick(visible(actor, board_of(request, db)), f)
    return render(request, "dashboard_list.html", active="dashboard", states=states, title=f.describe(),
                  light_zh=LIGHT_ZH)  # fmt: skip
