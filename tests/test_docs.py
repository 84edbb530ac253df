"""The README stays true: its commands exist, CI runs its test command, the spec copy is current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gwrtrack.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    return re.findall(r"^\$? ?gwr ([\w-]+)([^\n#]*)", README, re.M)  # type: ignore[return-value]


@pytest.mark.parametrize(("command", "args"), readme_commands())
def test_readme_commands_exist_with_their_options(command: str, args: str) -> None:
    assert command in cli.commands, f"README uses gwr {command}, which does not exist"
    known = {opt for p in cli.commands[command].params for opt in getattr(p, "opts", [])}
    for option in re.findall(r"(--[\w-]+)", args):
        assert option in known, f"README uses gwr {command} {option}, which does not exist"


def test_ci_runs_the_readme_test_command() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    test_command = next(b for b in blocks if "pytest" in b)
    assert test_command.strip() in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_cli_command_is_in_the_readme() -> None:
    for name in cli.commands:
        assert f"gwr {name}" in README, f"gwr {name} is not documented in README.md"
