"""Signing in, who is asking, and what they may do: sessions, CSRF protection, API tokens, permissions.

- A session is a signed, HTTP-only, SameSite=Lax cookie (user id, time, a random nonce, an HMAC over them
  with the store's secret); it lasts SESSION_HOURS.
- Every state-changing request made with a session carries a CSRF token (the form field ``csrf_token`` or
  the header ``X-CSRF-Token``, which htmx sends) derived from the session's nonce; a request whose Origin
  is another site is refused outright. Scripts use an API token (``Authorization: Bearer …``) instead.
- ``require(permission)`` guards a route by role (track/roles.py): an anonymous caller gets 401, a
  signed-in one without the permission 403.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlparse

from fastapi import APIRouter, Depends, FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session, sessionmaker

from gwrtrack.errors import GwrError
from gwrtrack.store.audit import acting_from
from gwrtrack.track.roles import ROLE_ZH, Permission, Role, can

COOKIE = "gwr_session"
#: Failed sign-ins one address may make in LOGIN_WINDOW seconds (per process), besides the lockout per account.
LOGIN_ATTEMPTS = 10
LOGIN_WINDOW = 300.0
_ATTEMPTS: dict[str, deque[float]] = {}
SESSION_HOURS = 12
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
router = APIRouter(tags=["登录"], include_in_schema=False)


@dataclass(frozen=True)
class Actor:
    """Who is asking: a signed-in user, a script with a token, or the public."""

    username: str
    role: Role
    department: str = ""
    nonce: str = ""  # the session's, for its CSRF token
    via_token: bool = False

    @property
    def anonymous(self) -> bool:
        return self.role is Role.PUBLIC

    @property
    def role_zh(self) -> str:
        return ROLE_ZH[self.role]

    def can(self, permission: Permission | str) -> bool:
        return can(self.role, Permission(permission))


PUBLIC = Actor("", Role.PUBLIC)


def _sign(secret: str, payload: str) -> str:
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()


def session_cookie(secret: str, user_id: int, now: float | None = None) -> str:
    payload = f"{user_id}.{int(now or time.time())}.{secrets.token_hex(8)}"
    return f"{payload}.{_sign(secret, payload)}"


def read_cookie(secret: str, value: str, now: float | None = None) -> tuple[int, str] | None:
    """(user id, nonce) of a valid, unexpired session cookie."""
    payload, _, signature = value.rpartition(".")
    parts = payload.split(".")
    if len(parts) != 3 or not hmac.compare_digest(_sign(secret, payload), signature):
        return None
    user_id, issued, nonce = parts
    if not user_id.isdigit() or not issued.isdigit() or (now or time.time()) - int(issued) > SESSION_HOURS * 3600:
        return None
    return int(user_id), nonce


def csrf_token(secret: str, nonce: str) -> str:
    return _sign(secret, "csrf|" + nonce)


def app_secret(request: Request) -> str:
    """The store's signing secret, read once per app."""
    secret: str | None = getattr(request.app.state, "secret", None)
    if secret is None:
        from gwrtrack.store.users import signing_secret

        sessions: sessionmaker[Session] = request.app.state.sessions
        with sessions.begin() as db:
            secret = signing_secret(db)
        request.app.state.secret = secret
    return secret


def resolve_actor(request: Request) -> Actor:
    """Who sent ``request``: by API token, else by session cookie, else the public."""
    from gwrtrack.store.models import UserRow
    from gwrtrack.store.users import user_by_token

    sessions: sessionmaker[Session] = request.app.state.sessions
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        with sessions() as db:
            user = user_by_token(db, header[7:].strip())
        if user is None:
            raise HTTPException(401, "API 令牌无效或已停用")
        return Actor(user.username, Role(user.role), user.department, via_token=True)
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        return PUBLIC
    found = read_cookie(app_secret(request), cookie)
    if found is None:
        return PUBLIC
    with sessions() as db:
        row = db.get(UserRow, found[0])
    if row is None or not row.active:
        return PUBLIC
    return Actor(row.username, Role(row.role), row.department, nonce=found[1])


def install(app: FastAPI) -> None:
    """Resolve the actor of every request once (pages, the API and the templates read it)."""

    @app.middleware("http")
    async def who(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        try:
            request.state.actor = resolve_actor(request)
        except HTTPException as exc:
            from fastapi.responses import JSONResponse

            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        with acting_from(request.client.host if request.client else None):  # every history row records it
            return await call_next(request)


def actor_of(request: Request) -> Actor:
    actor: Actor = getattr(request.state, "actor", PUBLIC)
    return actor


def csrf_of(request: Request) -> str:
    actor = actor_of(request)
    return csrf_token(app_secret(request), actor.nonce) if actor.nonce else ""


async def check_csrf(request: Request, actor: Actor) -> None:
    """A state-changing request with a session: same-site, with the session's CSRF token."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlparse(origin).netloc != request.headers.get("host"):
        raise HTTPException(403, "跨站请求被拒绝")
    sent = request.headers.get("x-csrf-token", "")
    if not sent and request.headers.get("content-type", "").startswith(("application/x-www-form", "multipart/")):
        sent = str((await request.form()).get("csrf_token") or "")
    if not sent or not hmac.compare_digest(sent, csrf_token(app_secret(request), actor.nonce)):
        raise HTTPException(403, "缺少校验码或页面已过期：请刷新页面后重试")


def require(permission: Permission) -> Any:
    """A dependency: the actor, if the actor's role has ``permission`` (and, for a write, a valid CSRF token)."""

    async def dependency(request: Request) -> Actor:
        actor = actor_of(request)
        if not actor.can(permission):
            raise HTTPException(401, "请先登录") if actor.anonymous else HTTPException(403, "没有权限")
        if request.method not in SAFE_METHODS and not actor.via_token:
            await check_csrf(request, actor)
        return actor

    return Depends(dependency)


def _next_path(value: str) -> str:
    """Only a path of this site: never another host (an open redirect)."""
    return value if value.startswith("/") and not value.startswith("//") else "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    from gwrtrack.web.deps import render

    return render(request, "login.html", next=_next_path(next), error=None)


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=256)],
    next: Annotated[str, Form(max_length=400)] = "/",
) -> Response:
    from gwrtrack.store.users import authenticate
    from gwrtrack.web.deps import render

    origin = request.headers.get("origin")
    if origin and origin != "null" and urlparse(origin).netloc != request.headers.get("host"):
        raise HTTPException(403, "跨站请求被拒绝")
    address = request.client.host if request.client else ""
    _throttle(address)
    sessions: sessionmaker[Session] = request.app.state.sessions
    try:
        with sessions.begin() as db:
            user = authenticate(db, username.strip(), password)
            user_id = user.id if user is not None else None
    except GwrError as exc:
        _failed(address)
        return render(request, "login.html", status_code=401, next=_next_path(next), error=str(exc))
    if user_id is None:
        _failed(address)
        return render(request, "login.html", status_code=401, next=_next_path(next), error="用户名或密码不对")
    response = RedirectResponse(_next_path(next), status_code=303)
    response.set_cookie(
        COOKIE, session_cookie(app_secret(request), user_id), max_age=SESSION_HOURS * 3600, httponly=True,
        samesite="lax", secure=request.url.scheme == "https",
    )  # fmt: skip
    return response


def _throttle(address: str) -> None:
    """After too many failed sign-ins from one address in a short time, more are refused (429)."""
    now = time.monotonic()
    recent = _ATTEMPTS.setdefault(address, deque())
    while recent and now - recent[0] > LOGIN_WINDOW:
        recent.popleft()
    if len(recent) >= LOGIN_ATTEMPTS:
        raise HTTPException(429, "登录失败次数太多，请几分钟后再试")


def _failed(address: str) -> None:
    _ATTEMPTS.setdefault(address, deque()).append(time.monotonic())


@router.post("/logout")
async def logout(request: Request) -> Response:
    actor = actor_of(request)
    if not actor.anonymous and not actor.via_token:
        await check_csrf(request, actor)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE)
    return response


CanEditFigures = Annotated[Actor, require(Permission.EDIT_FIGURES)]
CanEditDocuments = Annotated[Actor, require(Permission.EDIT_DOCUMENTS)]
CanReadTasks = Annotated[Actor, require(Permission.READ_TASKS)]
CanDecideTasks = Annotated[Actor, require(Permission.DECIDE_TASKS)]
CanOverride = Annotated[Actor, require(Permission.OVERRIDE_VERDICTS)]
CanReport = Annotated[Actor, require(Permission.REPORT_PROGRESS)]
CanReview = Annotated[Actor, require(Permission.REVIEW_PROGRESS)]
