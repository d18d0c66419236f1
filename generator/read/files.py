"""Whether a file a command is given, or a data file names, is there to be read.

`Path.is_file()` raises on a name the file system cannot even look up (a name over 255 bytes: about
85 Vietnamese letters), where a clerk should be told that the file is not found.
"""

from __future__ import annotations

from pathlib import Path


def is_file(path: Path) -> bool:
    try:
        return Path(path).is_file()
    except OSError:  # ENAMETOOLONG and the like: no such file can exist
        return False


def exists(path: Path) -> bool:
    try:
        return Path(path).exists()
    except OSError:
        return False
