"""Helpers for the PDF tests: LibreOffice required (or skipped), processes left behind, words read back."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator.write import office


def require_office() -> str:
    """The soffice program; skipped where LibreOffice is not installed, failed where CI requires it."""
    exe = office.soffice()
    if exe is None:
        if os.environ.get("BAOCAO_REQUIRE_LIBREOFFICE"):
            pytest.fail("LibreOffice (soffice) is required here but not installed")
        pytest.skip("LibreOffice (soffice) chưa được cài: bỏ qua kiểm tra tạo PDF")
    return exe


def processes_mentioning(text: str) -> dict[int, str]:
    """Running processes (pid: command line) that mention `text` (a profile folder, a temp folder)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().split(") ")[-1][:1]
        except OSError:
            continue
        if text in cmdline and state != "Z":
            found[int(entry.name)] = cmdline
    return found


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)
