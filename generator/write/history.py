"""Earlier outputs: before a document is replaced, its previous version is kept.

`<out_dir>/.truoc/<name>.1.docx` is the version just replaced, `.2` the one
before, … up to `KEEP` versions; the oldest falls off. Only a real change
rotates the history: rebuilding to a byte-identical file leaves it as it is.

Every step is a rename or an atomic write, ordered so that an interruption
(or a failed write of the new document) can lose at most the oldest kept
version, never the current document or a newer one.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import docx

KEEP = 5
FOLDER = ".truoc"


def kept(dest: Path) -> list[Path]:
    """The kept versions of `dest` that exist, newest first."""
    dest = Path(dest)
    return [p for p in (_slot(dest, k) for k in range(1, KEEP + 1)) if p.is_file()]


def write_keeping_history(dest: Path, data: bytes, keep: int = KEEP) -> bool:
    """Write `data` to `dest` atomically, keeping the file it replaces when that differs from
    `data`. Returns whether a version was kept (an identical rebuild keeps none)."""
    dest = Path(dest)
    try:
        current = dest.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        current = None
    rotate = current is not None and current != data and keep > 0
    if rotate:
        newest = _slot(dest, 1)
        staged = newest.with_name(newest.name + ".moi")
        docx.atomic_write(staged, current)  # the copy exists in full before anything moves
        try:
            for k in range(keep - 1, 0, -1):  # .4 → .5, …, .1 → .2 (the old .5 is dropped)
                if _slot(dest, k).is_file():
                    os.replace(_slot(dest, k), _slot(dest, k + 1))
            os.replace(staged, newest)
        finally:
            staged.unlink(missing_ok=True)  # moved into place, or (a failed move) not left behind
    docx.atomic_write(dest, data)
    return rotate


def _slot(dest: Path, k: int) -> Path:
    return dest.parent / FOLDER / f"{dest.stem}.{k}{dest.suffix}"
