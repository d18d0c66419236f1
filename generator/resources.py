"""Where the shipped templates and the table kinds live.

Inside an installed package they are package data (generator/templates/); in a source checkout
they are the repository's templates/ folder, which pyproject.toml maps onto that package. The
.docx templates are the source of truth that the Văn phòng edits in Word or LibreOffice.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
TEMPLATES = next((d for d in (_HERE / "templates", _HERE.parent / "templates") if d.is_dir()), _HERE / "templates")
TABLE_KINDS_FILE = TEMPLATES / "bang.yaml"  # the table kinds every data-outlined report may use


def template(name: str) -> Path:
    """A shipped template by file name, e.g. "bao-cao-cchc.docx"."""
    return TEMPLATES / name
