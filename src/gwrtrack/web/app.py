"""The web app: settings, the store, templates, and one router per domain.

文库 (web/library.py), 阅读 (web/reader.py), 数据 · 指标 · 搜索 (web/figures.py), the 督办 pages
(web/tracking.py), the JSON API (web/api.py, web/api_tracking.py) and its offline docs (web/apidocs.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from gwrtrack.track.progress import Cadence
from gwrtrack.track.reminders import MailServer

HERE = Path(__file__).parent


#: What a multipart request may carry besides its file (the form's other fields, boundaries).
BODY_OVERHEAD = 1024 * 1024


@dataclass(frozen=True)
class WebSettings:
    database_url: str
    max_upload_bytes: int = 20 * 1024 * 1024
    indicators: Path | None = None  # catalogue files; None: the bundled ones
    departments: Path | None = None
    #: Host names the app answers besides 127.0.0.1 and localhost (GWR_ALLOWED_HOSTS, gwr serve --host).
    allowed_hosts: tuple[str, ...] = ()
    #: 进展: the reporting cadence, the days of grace after a period, the date boards are judged on (None: today)
    cadence: Cadence = Cadence.MONTH
    grace_days: int = 5
    today: date | None = None
    #: The mail server for 催办 (None: reminders are logged as not sent).
    mail: MailServer | None = None

    def as_of(self) -> date:
        return self.today or date.today()


def create_app(settings: WebSettings) -> FastAPI:
    from gwrtrack.link.departments import load_departments
    from gwrtrack.link.indicators import load_indicators
    from gwrtrack.store.db import open_store
    from gwrtrack.web import (
        api,
        api_tracking,
        apidocs,
        auth,
        dashboard,
        errors,
        figures,
        jobs,
        ledger,
        library,
        progress,
        public,
        reader,
        reminders,
        research,
        security,
        tracking,
    )  # fmt: skip
    from gwrtrack.web.cache import ResponseCache

    sessions = open_store(settings.database_url)
    app = FastAPI(title="gwrtrack 政府工作报告数据追踪", docs_url=None, redoc_url=None, openapi_url=apidocs.OPENAPI_URL)
    app.state.sessions = sessions
    app.state.settings = settings
    app.state.templates = templates()
    app.state.indicators = load_indicators(settings.indicators)
    app.state.departments = load_departments(settings.departments)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.middleware("http")(ResponseCache(sessions))
    auth.install(app)
    errors.install(app)
    security.install(app, settings.allowed_hosts, settings.max_upload_bytes + BODY_OVERHEAD)
    jobs.install(app)
    for module in (
        auth, library, reader, figures, tracking, ledger, progress, jobs, dashboard, reminders, public, research, api, api_tracking, apidocs,
    ):  # fmt: skip
        app.include_router(module.router)
    return app


def templates() -> Jinja2Templates:
    """The page templates with the filters they share: numbers, and Chinese labels of codes."""
    from gwrtrack.labels import document_title, flag_labels, label
    from gwrtrack.web.auth import actor_of, csrf_of

    def who(request: Any) -> dict[str, Any]:
        return {"actor": actor_of(request), "csrf": csrf_of(request)}

    env = Jinja2Templates(directory=HERE / "templates", context_processors=[who])
    env.env.filters["num"] = number
    env.env.filters["zh"] = lambda code, group: label(group, code)
    env.env.filters["flags_zh"] = lambda flags: "、".join(flag_labels(flags or ""))
    env.env.filters["fromjson"] = json.loads
    env.env.filters["doctitle"] = lambda d: document_title(d.title, d.region, d.year, d.kind, d.name)
    return env


def app_from_env() -> FastAPI:
    """The app for ``uvicorn --factory`` (several workers): settings from GWR_* variables."""
    from gwrtrack.settings import Settings

    settings = Settings()
    return create_app(web_settings(settings, settings.url()))


def web_settings(settings: Any, url: str, host: str | None = None) -> WebSettings:
    """The web app's settings from the program's (GWR_* variables) and the address it binds to."""
    hosts = [h.strip() for h in settings.allowed_hosts.split(",") if h.strip()]
    if host and host not in ("0.0.0.0", "::"):
        hosts.append(host)
    mail = None
    if settings.smtp_host:
        mail = MailServer(
            settings.smtp_host, settings.smtp_port, settings.smtp_sender, settings.smtp_user, settings.smtp_password,
            settings.smtp_starttls,
        )  # fmt: skip
    return WebSettings(
        database_url=url,
        indicators=settings.indicator_path(),
        departments=settings.department_path(),
        allowed_hosts=tuple(hosts),
        cadence=Cadence(settings.progress_cadence),
        grace_days=settings.report_grace_days,
        today=date.fromisoformat(settings.today) if settings.today else None,
        mail=mail,
    )


def number(x: float | None) -> str:
    """1995.5 → 1995.5, 199550000000.0 → 199550000000 (no exponent, no trailing .0)."""
    if x is None:
        return ""
    return f"{x:.10f}".rstrip("0").rstrip(".")
