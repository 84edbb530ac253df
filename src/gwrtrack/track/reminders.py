"""催办: the reminder a lagging or silent department receives, and sending it through the office's mail server.

The message is plain text in Chinese: which task, what is wrong (the rule of its light), what to do by when.
Sending goes through the SMTP server in the settings; without one nothing is sent and the reminder is
logged as not sent, with the reason.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from gwrtrack.track.progress import PROGRESS_ZH, Assessment

#: Seconds to wait for the mail server.
SMTP_TIMEOUT = 10


@dataclass(frozen=True)
class MailServer:
    host: str
    port: int = 25
    sender: str = "gwrtrack@localhost"
    user: str = ""
    password: str = ""
    starttls: bool = False


def compose(
    *, to: str, sender: str, department: str, task_id: int, task_text: str, assessment: Assessment,
    office: str = "督查室",
) -> EmailMessage:  # fmt: skip
    message = EmailMessage()
    message["Subject"] = f"【催办】任务 {task_id}：{PROGRESS_ZH[assessment.progress]}"
    message["From"] = formataddr((office, sender))
    message["To"] = to
    message["Message-ID"] = make_msgid(domain="gwrtrack")
    message.set_content(
        f"{department}：\n\n"
        f"你单位牵头的任务 {task_id}「{task_text[:200]}」目前{PROGRESS_ZH[assessment.progress]}：{assessment.rule}。\n"
        "请尽快在 gwrtrack 报送本期进展（完成情况、完成值、存在问题、下步打算，附佐证材料）。\n\n"
        f"{office}\n"
    )
    return message


def send(server: MailServer, message: EmailMessage) -> None:
    """Send one message; OSError or smtplib.SMTPException on failure (the caller logs it)."""
    with smtplib.SMTP(server.host, server.port, timeout=SMTP_TIMEOUT) as smtp:
        if server.starttls:
            smtp.starttls(context=ssl.create_default_context())
        if server.user:
            smtp.login(server.user, server.password)
        smtp.send_message(message)
