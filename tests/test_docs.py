"""The README stays true: its commands exist, CI runs its test command, the spec copy is current."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from gwrtrack.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    return re.findall(r"^\$? ?gwr ([\w-]+)([^\n#]*)", README, re.M)  # type: ignore[return-value]


@pytest.mark.parametrize(("command", "args"), readme_commands())
def test_readme_commands_exist_with_their_options(command: str, args: str) -> None:
    assert command in cli.commands, f"README uses gwr {command}, which does not exist"
    found = cli.commands[command]
    if isinstance(found, click.Group):  # gwr doc set …: the options are the subcommand's
        sub = args.split()[0]
        assert sub in found.commands, f"README uses gwr {command} {sub}, which does not exist"
        found = found.commands[sub]
    known = {opt for p in found.params for opt in getattr(p, "opts", [])}
    for option in re.findall(r"(--[\w-]+)", args):
        assert option in known, f"README uses gwr {command} {option}, which does not exist"


def test_ci_runs_the_readme_test_command() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    test_command = next(b for b in blocks if "pytest" in b)
    assert test_command.strip() in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_cli_command_is_in_the_readme() -> None:
    for name, command in cli.commands.items():
        assert f"gwr {name}" in README, f"gwr {name} is not documented in README.md"
        for sub in getattr(command, "commands", {}):
            assert f"gwr {name} {sub}" in README, f"gwr {name} {sub} is not documented in README.md"


def test_help_has_examples_and_serve_names_the_tracking_pages() -> None:
    from click.testing import CliRunner

    top = CliRunner().invoke(cli, ["--help"]).output
    assert "Examples:" in top and "gwr ingest reports/" in top
    serve = CliRunner().invoke(cli, ["serve", "--help"]).output
    for page in ("分解方案", "项目", "落实", "时间线", "干货摘要", "/api/docs"):
        assert page in serve
