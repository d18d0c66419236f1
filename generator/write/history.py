"""Earlier outputs: before a document is replaced, its previous version is kept.

`<out_dir>/.truoc/<name>.1.docx` is the version just replaced, `.2` the one
before, … up to `KEEP` versions; the oldest falls off. Only a real change
rotates the history: rebuilding to a byte-identical file leaves it as it is,
and a version already kept as .1 (a build killed just after keeping it) is not
kept twice.

Every step is a rename or an atomic write, ordered so that an interruption
(or a failed write of the new document) can lose at most the oldest kept
version, never the current document or a newer one.

`write_all` is how commands write: it holds the folder's lock (lock.py), so two
commands writing into one folder take turns and every replaced version is kept
exactly once; and before writing it removes what a killed command left there —
its temporary files (docx.TEMP_PREFIX…TEMP_SUFFIX, and the `.moi` staging copies
and `.<name>.XXXXXXXX.tmp` files of earlier baocao versions) and an empty .truoc/.
Under the lock no other baocao command is writing there, so they are all stale.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from . import docx, lock

KEEP = 5
FOLDER = ".truoc"
NAME_BYTES = 255  # a file name's limit on the file systems baocao writes to
_LEGACY_TEMP = re.compile(r"\.(.+)\.[a-z0-9_]{8}\.tmp")  # atomic_write's temporary names before this version


def kept(dest: Path) -> list[Path]:
    """The kept versions of `dest` that exist, newest first."""
    dest = Path(dest)
    return [p for p in (_slot(dest, k) for k in range(1, KEEP + 1)) if p.is_file()]


def names(dest: Path) -> list[str]:
    """Every file name writing `dest` uses: itself and its kept versions (temporary names are short)."""
    dest = Path(dest)
    return [dest.name] + [_slot(dest, k).name for k in (1, KEEP)]


def fits(dest: Path) -> bool:
    """Whether every name writing `dest` derives stays within the file system's limit."""
    return all(len(name.encode("utf-8")) <= NAME_BYTES for name in names(dest))


def write_all(folder: Path, documents: list[tuple[Path, bytes]], keep: int = KEEP) -> list[Path]:
    """Write each (path in `folder`, bytes), keeping what it replaces, holding the folder's lock;
    returns the paths written, in order. An OSError leaves the documents written so far."""
    written: list[Path] = []
    with lock.locked(folder):
        clean(folder, [dest.name for dest, _ in documents])
        for dest, data in documents:
            write_keeping_history(dest, data, keep)
            written.append(Path(dest))
    return written


def clean(folder: Path, document_names: list[str] = ()) -> list[Path]:
    """Remove what a killed command left in `folder` and its .truoc/ (call it holding the lock)."""
    folder = Path(folder)
    removed: list[Path] = []
    history = folder / FOLDER
    documents = set(document_names)
    for place in (folder, history):
        try:
            entries = list(os.scandir(place))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            ours = name.startswith(docx.TEMP_PREFIX) and name.endswith(docx.TEMP_SUFFIX)
            legacy = _LEGACY_TEMP.fullmatch(name)
            if place == history:
                ours = ours or name.endswith(".moi") or bool(legacy)
            elif legacy:
                stem = legacy.group(1)
                ours = ours or f"{stem}.docx" in documents or (folder / f"{stem}.docx").is_file()
            if ours and entry.is_file(follow_symlinks=False):
                Path(entry.path).unlink(missing_ok=True)
                removed.append(Path(entry.path))
    try:
        history.rmdir()  # only when empty: a kill between creating it and keeping a version
    except OSError:
        pass
    return removed


def write_keeping_history(dest: Path, data: bytes, keep: int = KEEP) -> bool:
    """Write `data` to `dest` atomically, keeping the file it replaces when that differs from
    `data`. Returns whether a version was kept (an identical rebuild keeps none). The caller holds
    the folder's lock (write_all)."""
    dest = Path(dest)
    current = _read(dest)
    # A build killed after keeping the current version but before replacing it left that version
    # both here and as .1: keeping it again would keep it twice.
    rotate = current is not None and current != data and keep > 0 and _read(_slot(dest, 1)) != current
    if rotate:
        staged = docx.write_temp(dest.parent / FOLDER, current)  # the copy exists in full before anything moves
        try:
            for k in range(keep - 1, 0, -1):  # .4 → .5, …, .1 → .2 (the old .5 is dropped)
                if _slot(dest, k).is_file():
                    os.replace(_slot(dest, k), _slot(dest, k + 1))
            os.replace(staged, _slot(dest, 1))
        finally:
            staged.unlink(missing_ok=True)  # moved into place, or (a failed move) not left behind
    docx.atomic_write(dest, data)
    return rotate


def _read(path: Path) -> bytes | None:
    """The bytes of the regular file `path`; None for anything else (nothing there, a folder, a FIFO
    someone put in its place: opened without blocking, never read)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read()
    except OSError:
        return None
    finally:
        os.close(fd)


def _slot(dest: Path, k: int) -> Path:
    return dest.parent / FOLDER / f"{dest.stem}.{k}{dest.suffix}"
