"""Accounts: passwords hashed with argon2, lockout after repeated failures, API tokens, the signing secret."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwrtrack.errors import GwrError
from gwrtrack.store.models import SecretRow, TokenRow, UserRow
from gwrtrack.track.roles import Role

if TYPE_CHECKING:
    from argon2 import PasswordHasher

#: Failed sign-ins in a row that lock an account, and for how long.
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD = 10
MAX_USERNAME = 64


class AccountError(GwrError):
    """An account that cannot be made or used (a weak password, an unknown user, a locked account)."""


def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()


def add_user(
    session: Session, username: str, password: str, role: str, department: str = "", email: str = ""
) -> UserRow:
    username = username.strip()
    if not username or len(username) > MAX_USERNAME:
        raise AccountError(f"用户名须为 1—{MAX_USERNAME} 个字")
    try:
        chosen = Role(role)
    except ValueError:
        raise AccountError(f"角色须为其中之一：{'、'.join(r.value for r in Role if r is not Role.PUBLIC)}") from None
    if chosen is Role.PUBLIC:
        raise AccountError("公众不需要账户：不登录即是公众")
    if chosen is Role.DEPARTMENT and not department.strip():
        raise AccountError("部门用户须写明部门，如 市教育局")
    if session.execute(select(UserRow).where(UserRow.username == username)).scalar_one_or_none():
        raise AccountError(f"用户 {username} 已存在")
    _check_password(password)
    user = UserRow(
        username=username, password_hash=_hasher().hash(password), role=chosen.value, department=department.strip(),
        email=check_email(email),
    )  # fmt: skip
    session.add(user)
    session.flush()
    return user


#: An e-mail address as offices write them: one @, a dot in the domain, no spaces or angle brackets.
EMAIL_RE = re.compile(r"^[^@\s<>,;]{1,64}@[^@\s<>,;]{1,189}\.[^@\s<>,;.]{2,63}$")


def check_email(email: str) -> str:
    email = email.strip()
    if email and not EMAIL_RE.match(email):
        raise AccountError(f"邮箱格式不对：{email[:80]}")
    return email


def set_email(session: Session, username: str, email: str) -> UserRow:
    user = get_user(session, username)
    user.email = check_email(email)
    return user


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"密码至少 {MIN_PASSWORD} 位")


def get_user(session: Session, username: str) -> UserRow:
    user = session.execute(select(UserRow).where(UserRow.username == username)).scalar_one_or_none()
    if user is None:
        raise AccountError(f"没有用户 {username}")
    return user


def set_password(session: Session, username: str, password: str) -> None:
    _check_password(password)
    user = get_user(session, username)
    user.password_hash = _hasher().hash(password)
    user.failed_logins = 0
    user.locked_until = None


def set_active(session: Session, username: str, active: bool) -> None:
    get_user(session, username).active = active


def authenticate(session: Session, username: str, password: str, now: datetime | None = None) -> UserRow | None:
    """The user if the password is right and the account usable; every failure counts toward a lockout."""
    from argon2.exceptions import InvalidHashError, VerificationError

    now = now or datetime.now(UTC)
    user = session.execute(select(UserRow).where(UserRow.username == username)).scalar_one_or_none()
    if user is None:
        _hasher().hash(password)  # the same work as for a real user: no timing hint that the name is unknown
        return None
    locked = user.locked_until
    if locked is not None and (locked if locked.tzinfo else locked.replace(tzinfo=UTC)) > now:
        raise AccountError("账户因多次输错密码暂时锁定，请 15 分钟后再试")
    try:
        _hasher().verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILURES:
            user.locked_until = now + LOCKOUT
            user.failed_logins = 0
        return None
    if not user.active:
        raise AccountError("账户已停用")
    user.failed_logins = 0
    user.locked_until = None
    return user


def create_token(session: Session, username: str, name: str = "") -> str:
    """A new API token for ``username``; the token itself is shown once and only its hash is kept."""
    user = get_user(session, username)
    token = secrets.token_urlsafe(32)
    session.add(TokenRow(user_id=user.id, token_hash=_digest(token), name=name[:64]))
    return token


def user_by_token(session: Session, token: str) -> UserRow | None:
    row = session.execute(select(TokenRow).where(TokenRow.token_hash == _digest(token))).scalar_one_or_none()
    user = session.get(UserRow, row.user_id) if row is not None else None
    return user if user is not None and user.active else None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def signing_secret(session: Session) -> str:
    """The app's secret for cookies and CSRF tokens: made once per store, shared by every worker."""
    row = session.get(SecretRow, "session")
    if row is None:
        row = SecretRow(name="session", value=secrets.token_hex(32))
        session.add(row)
        session.flush()
    return row.value
