"""Settings as data, read from the environment (GWR_*) at the edge of the program."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


def default_database_url() -> str:
    """One SQLite file under the user's data folder ($XDG_DATA_HOME/gwrtrack or ~/.local/share/gwrtrack)."""
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "gwrtrack"
    return f"sqlite:///{base / 'gwrtrack.sqlite'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GWR_")

    database_url: str = ""
    #: Who the command line records as the author of its edits (GWR_AUTHOR); empty: the login name.
    #: In the web app and the API the author is the signed-in user.
    author: str = ""
    #: Host names the web app answers besides 127.0.0.1 and localhost, comma separated (GWR_ALLOWED_HOSTS).
    allowed_hosts: str = ""
    #: Catalogue files overriding the bundled ones (GWR_INDICATORS, GWR_DEPARTMENTS).
    indicators: str = ""
    departments: str = ""
    #: 进展 reporting: a report per month or per quarter (GWR_PROGRESS_CADENCE), due this many days after
    #: the period ends (GWR_REPORT_GRACE_DAYS).
    progress_cadence: str = "month"
    report_grace_days: int = 5
    #: The date the boards are judged on (GWR_TODAY, YYYY-MM-DD); empty: today.
    today: str = ""
    #: The mail server 催办 reminders go through (GWR_SMTP_HOST …); no host: reminders are logged, not sent.
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_sender: str = "gwrtrack@localhost"
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False

    def url(self, override: str | None = None) -> str:
        return override or self.database_url or default_database_url()

    def cli_author(self) -> str:
        import getpass

        try:
            return self.author or getpass.getuser()
        except (KeyError, OSError):  # no login name (a container without a passwd entry)
            return "cli"

    def indicator_path(self) -> Path | None:
        return Path(self.indicators) if self.indicators else None

    def department_path(self) -> Path | None:
        return Path(self.departments) if self.departments else None
