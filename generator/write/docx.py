"""Step 6 of the flow: write the .docx (and any zip: .xlsx) deterministically and atomically.

python-docx stamps zip entries with the current time; here every entry gets a
fixed time and the same attributes, so the same data and template give a
byte-identical file. The file is written to a temporary name in the target
folder, flushed to disk, then renamed over the old one: a crash or an error
never leaves a half-written document, and the previous good file stays until
the new one is complete.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Callable

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


def docx_bytes(document, finish: Callable[[bytes], bytes] | None = None) -> bytes:
    """The document's .docx bytes; `finish` is given each part's bytes as serialised, to complete."""
    raw = io.BytesIO()
    document.save(raw)
    return fixed_zip(raw.getvalue(), finish)


def fixed_zip(raw: bytes, finish: Callable[[bytes], bytes] | None = None) -> bytes:
    """The zip `raw` (a .docx or .xlsx) with every entry's time and attributes fixed, in its order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0o644 << 16  # rw-r--r--; writestr would turn 0 into 0o600
            data = src.read(info.filename)
            dst.writestr(entry, finish(data) if finish else data)
    return out.getvalue()


# Temporary files: one short name whatever the document's (a long document name plus a suffix could
# pass the file system's 255 bytes), which also tells the next build what a killed one left (history.py).
TEMP_PREFIX, TEMP_SUFFIX = ".~baocao-", ".tmp"


def write_temp(folder: Path, data: bytes) -> Path:
    """`data` in a new temporary file in `folder`, complete and flushed to disk."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def atomic_write(dest: Path, data: bytes) -> None:
    dest = Path(dest)
    tmp = write_temp(dest.parent, data)
    try:
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
