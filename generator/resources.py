"""Where the shipped templates and the table kinds live, and baocao's folder in the user's cache.

Inside an installed package they are package data (generator/templates/); in a source checkout
they are the repository's templates/ folder, which pyproject.toml maps onto that package. The
.docx templates are the source of truth that the Văn phòng edits in Word or LibreOffice.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
TEMPLATES = next((d for d in (_HERE / "templates", _HERE.parent / "templates") if d.is_dir()), _HERE / "templates")
TABLE_KINDS_FILE = TEMPLATES / "bang.yaml"  # the table kinds every data-outlined report may use


def template(name: str) -> Path:
    """A shipped template by file name, e.g. "bao-cao-cchc.docx"."""
    return TEMPLATES / name


def cache_folder(*, create: bool = True) -> Path | None:
    """baocao's folder in this user's cache (what makes the next command faster; safe to delete): under
    XDG_CACHE_HOME, else ~/.cache (on Windows LOCALAPPDATA, on macOS ~/Library/Caches), as other programs
    keep theirs. Created readable and writable by this user alone (0700); a folder that another user
    owns, or that others may write into, is not used (None): what baocao reads back from it (compiled
    template code, a LibreOffice profile) must be what this user's own commands put there."""
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin" and not os.environ.get("XDG_CACHE_HOME"):
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "baocao"
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return folder if own_private(folder) else None
    except OSError:
        return None


def own_private(path: Path) -> bool:
    """`path` exists, belongs to this user, and nobody else may write to it (a folder of ours that
    others could also read is made private). Where there are no users (Windows), whether it exists."""
    info = path.lstat()
    if not hasattr(os, "getuid"):
        return True
    if info.st_uid != os.getuid() or stat.S_ISLNK(info.st_mode):
        return False
    if stat.S_ISDIR(info.st_mode) and info.st_mode & 0o077:
        os.chmod(path, 0o700)
    return stat.S_ISDIR(info.st_mode) or not info.st_mode & 0o022
