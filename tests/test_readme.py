"""The README starts with exactly two commands, and CI runs the second one verbatim."""

from __future__ import annotations

import re

from conftest import REPO


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    head = text.split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", head, re.S)]


def test_readme_opens_with_two_commands():
    commands = readme_commands()
    assert len(commands) == 2
    setup_and_build, setup_and_test = commands
    assert "baocao build data/" in setup_and_build and "pip install" in setup_and_build
    assert "pytest" in setup_and_test and "pip install" in setup_and_test


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()
