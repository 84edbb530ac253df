"""``gwr user``: accounts on the command line: the first admin, passwords, roles, API tokens."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from gwrtrack.track.roles import ROLE_ZH, Role

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]
ROLES = [r.value for r in Role if r is not Role.PUBLIC]


def _password(from_stdin: bool) -> str:
    """A password from standard input (scripts) or asked twice without echo; never a default."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    value: str = click.prompt("密码", hide_input=True, confirmation_prompt="再输一次")
    return value


def register(cli: click.Group, db_option: Decorator, sessions: Callable[[str | None], Any]) -> None:
    @cli.group()
    def user() -> None:
        """Accounts: gwr user add admin --role admin makes the first one (there is no default password)."""

    @user.command(name="add")
    @click.argument("username")
    @click.option("--role", type=click.Choice(ROLES), required=True, help="admin, office (督查室), department, leader")
    @click.option("--department", default="", help="The department of a department user, e.g. 市教育局.")
    @click.option("--email", default="", help="Where 催办 reminders to this user go.")
    @click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
    @db_option
    def add(username: str, role: str, department: str, email: str, password_stdin: bool, db_url: str | None) -> None:
        """Make an account (the password is asked for, at least 10 characters)."""
        from gwrtrack.store.users import add_user

        password = _password(password_stdin)
        with sessions(db_url).begin() as session:
            add_user(session, username, password, role, department, email)
        click.echo(f"added {username} ({ROLE_ZH[Role(role)]})")

    @user.command(name="email")
    @click.argument("username")
    @click.argument("address")
    @db_option
    def email_(username: str, address: str, db_url: str | None) -> None:
        """Set where 催办 reminders to USERNAME go (an empty ADDRESS removes it)."""
        from gwrtrack.store.users import set_email

        with sessions(db_url).begin() as session:
            set_email(session, username, address)
        click.echo(f"{username}: {address or '-'}")

    @user.command(name="list")
    @db_option
    def list_(db_url: str | None) -> None:
        """Every account: name, role, department, active or not."""
        from sqlalchemy import select

        from gwrtrack.store.models import UserRow

        with sessions(db_url)() as session:
            for u in session.execute(select(UserRow).order_by(UserRow.id)).scalars():
                state = "active" if u.active else "disabled"
                click.echo(f"{u.username}\t{ROLE_ZH[Role(u.role)]}\t{u.department or '-'}\t{state}")

    @user.command()
    @click.argument("username")
    @db_option
    def disable(username: str, db_url: str | None) -> None:
        """Stop an account from signing in (its history stays)."""
        from gwrtrack.store.users import set_active

        with sessions(db_url).begin() as session:
            set_active(session, username, False)
        click.echo(f"disabled {username}")

    @user.command()
    @click.argument("username")
    @click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
    @db_option
    def passwd(username: str, password_stdin: bool, db_url: str | None) -> None:
        """Set a new password (it also lifts a lockout)."""
        from gwrtrack.store.users import set_password

        password = _password(password_stdin)
        with sessions(db_url).begin() as session:
            set_password(session, username, password)
        click.echo(f"new password set for {username}")

    @user.command()
    @click.argument("username")
    @click.option("--name", default="", help="What the token is for.")
    @db_option
    def token(username: str, name: str, db_url: str | None) -> None:
        """An API token for scripts (Authorization: Bearer TOKEN); shown once, only its hash is kept."""
        from gwrtrack.store.users import create_token

        with sessions(db_url).begin() as session:
            value = create_token(session, username, name)
        click.echo(value)
