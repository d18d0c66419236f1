"""One command at a time writes into an output folder, so that the kept versions stay exact.

Two builds into one folder at once (two clerks, a `--watch` and a `build`, a script) would each
read the current document, rotate .truoc/ and replace it: a version just written replaced without
being kept, one kept twice, a gap. The write phase — cleaning what a killed build left, rotating
.truoc/, the atomic writes — runs holding an exclusive lock on the folder: on POSIX fcntl.flock on
the folder itself (no file appears beside the documents), on Windows msvcrt.locking on a hidden
file `.baocao.khoa` in it (a folder cannot be locked there; the file stays, since removing it would
race with a command that has just opened it). The operating system releases either lock when the
process ends, even killed with kill -9, so a crash never leaves the folder locked. Rendering
happens before, outside the lock: only the short write phase waits for another command's.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from pathlib import Path

from ..errors import error

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    import ctypes
    import msvcrt

    fcntl = None  # type: ignore[assignment]

NAME = ".baocao.khoa"  # Windows only
WAIT = 120.0  # seconds to wait for another command's write phase (seconds long at most) before giving up
_POLL = 0.02


@contextlib.contextmanager
def locked(folder: Path):
    """Hold `folder`'s write lock for the block (creating the folder)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    fd = _open(folder)
    try:
        deadline = time.monotonic() + WAIT
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                raise error(folder, f"thư mục đang được một lệnh baocao khác ghi (đã chờ {WAIT:.0f} giây).",
                            hint="chờ lệnh kia xong rồi chạy lại.")
            time.sleep(_POLL)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def _open(folder: Path) -> int:
    if fcntl is not None:
        return os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    path = folder / NAME  # pragma: no cover - Windows
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_BINARY, 0o644)
    with contextlib.suppress(Exception):  # hidden in Explorer, as a dot file is elsewhere
        ctypes.windll.kernel32.SetFileAttributesW(str(path), 0x2)
    return fd


def _try_lock(fd: int) -> bool:
    """Whether the lock is ours now. A file system without locks (some network shares) lets the
    write go ahead unlocked rather than refuse every build there."""
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover - Windows: lock the file's first byte
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        return True
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, getattr(errno, "EDEADLOCK", errno.EDEADLK)):
            return False  # another command holds it
        if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EBADF):
            return True
        raise


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    else:  # pragma: no cover - Windows
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
