"""Every command the template editors' guide shows is run here, and its shown output must match."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest

from conftest import REPO

GUIDE = REPO / "docs" / "huong-dan-sua-mau.md"


def examples() -> list[tuple[str, int, list[str]]]:
    """(command, expected exit code, lines of the output block that follows it, if any)."""
    text = GUIDE.read_text(encoding="utf-8")
    found = []
    for m in re.finditer(r"```sh\n(.*?)```\n(?:\n```text\n(.*?)```)?", text, re.S):
        command, output = m.group(1).strip(), m.group(2) or ""
        code = re.search(r"#\s*mã thoát (\d+)", command)
        found.append((command.split("#")[0].strip(), int(code.group(1)) if code else 0,
                      [line for line in output.splitlines() if line.strip()]))
    return found


def test_the_guide_shows_commands():
    commands = [c for c, _, _ in examples()]
    assert len(commands) >= 5 and all(c.startswith("baocao ") for c in commands)


@pytest.mark.parametrize("command, code, shown", examples(), ids=lambda v: v if isinstance(v, str) else "")
def test_guide_command(tmp_path, command, code, shown):
    for folder in ("templates", "data", "docs"):  # the repository layout, with output kept in tmp
        (tmp_path / folder).symlink_to(REPO / folder)
    args = shlex.split(command)[1:]
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    output = result.stdout + result.stderr
    for line in shown:
        assert line in output, f"the guide shows a line the command does not print:\n{line}\n---\n{output}"
