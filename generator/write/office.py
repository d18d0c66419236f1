"""LibreOffice as baocao runs it: where it is, a profile of its own, and its processes ended.

Every LibreOffice baocao starts gets a fresh profile directory (-env:UserInstallation) that is
removed when the command ends: two commands (two clerks on one server, a build beside a
`--watch`) never share a profile, and a LibreOffice the user has open is never disturbed (a
shared profile makes a second `soffice --convert-to` hand its work to the running instance and
return without converting). A fresh profile costs some 0.2 s at start.

Each LibreOffice runs in a process group (a session) of its own, so that it can be ended whole
(the `soffice` script, oosplash and soffice.bin) and so that the terminal's Ctrl+C reaches only
baocao, which then ends LibreOffice itself: no process is left behind, also after a time limit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import Finding, Location, UserError

ENV_SOFFICE = "BAOCAO_SOFFICE"  # the soffice program to use, where it is not on PATH
ENV_UNO_PYTHON = "BAOCAO_UNO_PYTHON"  # a Python that imports LibreOffice's `uno` (for --watch --pdf)

# Where the installers put soffice when it is not on PATH (Windows, macOS).
_USUAL_PLACES = (
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "LibreOffice" / "program" / "soffice.exe",
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "LibreOffice" / "program" / "soffice.exe",
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
)

INSTALL_HINT = ("cài LibreOffice rồi chạy lại: trên Debian/Ubuntu `sudo apt-get install libreoffice-writer-nogui "
                "fonts-liberation2`; trên Windows và macOS tải bộ cài tại https://www.libreoffice.org/download/; "
                f"nếu đã cài ở chỗ khác, đặt biến môi trường {ENV_SOFFICE} là đường dẫn tới soffice")


class OfficeMissing(UserError):
    """No LibreOffice to convert with."""

    def __init__(self, documents: list[Path]):
        done = ", ".join(p.name for p in documents)
        super().__init__(Finding(Location(Path("soffice")), "không tìm thấy LibreOffice (lệnh soffice) để tạo PDF"
                                 + (f"; các văn bản .docx vẫn đã được ghi: {done}." if done else "."), INSTALL_HINT))


def soffice() -> str | None:
    """The soffice program: $BAOCAO_SOFFICE, else on PATH, else where the installers put it."""
    named = os.environ.get(ENV_SOFFICE)
    if named:
        return named if Path(named).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((str(p) for p in _USUAL_PLACES if p.is_file()), None)


def uno_python(office: str) -> str | None:
    """A Python that imports LibreOffice's `uno` module: $BAOCAO_UNO_PYTHON, the Python LibreOffice
    ships beside soffice (Windows, macOS), or the system's Python with python3-uno (Debian,
    Ubuntu). baocao's own Python usually cannot import it: the module is built for LibreOffice's."""
    program = Path(office).resolve().parent
    candidates = [os.environ.get(ENV_UNO_PYTHON), str(program / "python.exe"), str(program / "python"),
                  str(program.parent / "Resources" / "python"), "/usr/bin/python3", sys.executable]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and _imports_uno(candidate):
            return candidate
    return None


def _imports_uno(python: str) -> bool:
    try:
        return subprocess.run([python, "-c", "import uno"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@contextmanager
def profile() -> Iterator[str]:
    """A fresh LibreOffice profile (as the file URL -env:UserInstallation takes), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="baocao-lo-"))
    try:
        yield folder.as_uri()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def office_args(office: str, profile_url: str) -> list[str]:
    """soffice started for work without a screen and without asking anything."""
    return [office, f"-env:UserInstallation={profile_url}", "--headless", "--invisible", "--nocrashreport",
            "--nodefault", "--nologo", "--nofirststartwizard", "--norestore"]


def environment() -> dict[str, str]:
    """LibreOffice's environment: UTC, so that the dates it stamps have one fixed form (pdf_bytes.py)."""
    return {**os.environ, "TZ": "UTC"}


def start(args: list[str], **kwargs) -> subprocess.Popen:
    """A process in a group of its own (see the module's docstring)."""
    if os.name == "nt":
        kwargs.setdefault("creationflags", subprocess.CREATE_NEW_PROCESS_GROUP)
    else:
        kwargs.setdefault("start_new_session", True)
    return subprocess.Popen(args, **kwargs)


def end(process: subprocess.Popen) -> None:
    """End `process` and everything it started (its process group), and reap it."""
    if os.name == "nt":
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    else:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:  # pragma: no cover - a process that outlives SIGKILL
        pass
