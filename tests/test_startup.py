"""What a command imports before it reads anything: only what it uses. Libraries that only some
inputs need (lazy.py) are loaded when those inputs come."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO

NOT_FOR_BUILD = ("openpyxl", "babel.numbers", "docxtpl_lint", "docxtpl_lint.api", "docxtpl_lint.reader",
                 "generator.compare", "generator.commands.diff", "generator.commands.template")


def _loaded_after(code: str) -> set[str]:
    """The modules whose code ran in a new interpreter that ran `code` (a lazy module not yet used
    is only a placeholder)."""
    probe = code + ("\nimport sys, types\nprint(' '.join(n for n, m in list(sys.modules.items()) "
                    "if type(m) is types.ModuleType))")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True)
    return set(proc.stdout.split())


def test_build_imports_no_workbook_lint_or_diff_library():
    loaded = _loaded_after("import generator.commands.cli, generator.commands.build")
    assert "docxtpl" in loaded and "pydantic" in loaded  # what a build does use
    assert not loaded & set(NOT_FOR_BUILD)


def test_a_workbook_library_loads_when_a_table_is_kept_in_a_workbook():
    loaded = _loaded_after("from generator.read import workbook\nworkbook.openpyxl.load_workbook")
    assert "openpyxl" in loaded
