"""LibreOffice as baocao runs it: where it is, a profile of its own, and its processes ended.

Every LibreOffice baocao starts gets a profile directory of its own (-env:UserInstallation) that
is removed when the command ends: two commands (two clerks on one server, a build beside a
`--watch`) never share a profile, and a LibreOffice the user has open is never disturbed (a
shared profile makes a second `soffice --convert-to` hand its work to the running instance and
return without converting). It starts as a copy of a set-up profile kept in the cache (`profile`).

Each LibreOffice runs in a process group (a session) of its own, so that it can be ended whole
(the `soffice` script, oosplash and soffice.bin) and so that the terminal's Ctrl+C reaches only
baocao, which then ends LibreOffice itself: no process is left behind, also after a time limit.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import Finding, Location, UserError
from ..resources import cache_folder

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


class Profile:
    """A LibreOffice profile folder of one LibreOffice; `url` is what -env:UserInstallation takes."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.url = folder.as_uri()
        self.sound = False  # set once LibreOffice has ended normally with it: it may seed later profiles


@contextmanager
def profile(exe: str) -> Iterator[Profile]:
    """A profile of its own for one LibreOffice, removed afterwards.

    It starts as a copy of a seed kept in the user's cache folder: LibreOffice's first start in an
    empty profile sets it up, which for a command of six documents cost 1.4 s of its 4 s; copying a
    set-up profile costs some 15 ms. The seed is the first profile a LibreOffice ended normally
    with (one per LibreOffice installation); without a cache folder every profile starts empty."""
    folder = Path(tempfile.mkdtemp(prefix="baocao-lo-"))
    seed = _seed(exe)
    if seed is not None and seed.is_dir():
        shutil.copytree(seed, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".lock"))
    made = Profile(folder)
    try:
        yield made
    finally:
        if made.sound and seed is not None and not seed.exists():
            _keep_as_seed(folder, seed)
        shutil.rmtree(folder, ignore_errors=True)


def _seed(exe: str) -> Path | None:
    base = cache_folder()
    if base is None:
        return None
    try:
        real = Path(exe).resolve()
        key = hashlib.sha256(f"{real}:{real.stat().st_mtime_ns}".encode()).hexdigest()[:16]
    except OSError:
        return None
    return base / f"libreoffice-{key}"


def _keep_as_seed(folder: Path, seed: Path) -> None:
    """Copy a sound profile to the cache, whole or not at all (a rename is atomic)."""
    try:
        seed.parent.mkdir(parents=True, exist_ok=True)
        staged = Path(tempfile.mkdtemp(prefix=".moi-", dir=seed.parent))
        shutil.copytree(folder, staged, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".lock"))
        try:
            os.rename(staged, seed)
        except OSError:  # another command kept one first
            shutil.rmtree(staged, ignore_errors=True)
    except OSError:
        pass


def office_args(office: str, profile: Profile) -> list[str]:
    """soffice started for work without a screen and without asking anything."""
    return [office, f"-env:UserInstallation={profile.url}", "--headless", "--invisible", "--nocrashreport",
            "--nodefault", "--nologo", "--nofirststartwizard", "--norestore"]


def environment(profile: Profile) -> dict[str, str]:
    """LibreOffice's environment: UTC, so that the dates it stamps have one fixed form (pdf_bytes.py),
    and its temporary files inside the profile folder, removed with it even when LibreOffice is ended
    before it could remove them itself."""
    temp = profile.folder / "tam"
    temp.mkdir(exist_ok=True)
    return {**os.environ, "TZ": "UTC", "TMPDIR": str(temp), "TMP": str(temp), "TEMP": str(temp)}


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
    deadline = time.monotonic() + 5  # the rest of the group (soffice.bin) is gone too before baocao goes on
    while os.name != "nt" and _group_running(process.pid) and time.monotonic() < deadline:
        time.sleep(0.01)


def _group_running(pgid: int) -> bool:
    """Whether a process of group `pgid` still runs (a zombie, ended but not yet reaped, does not)."""
    proc = Path("/proc")
    if not proc.is_dir():  # no /proc (macOS): ask the system, which counts zombies too
        try:
            os.killpg(pgid, 0)
        except (ProcessLookupError, PermissionError):
            return False
        return True
    for entry in proc.iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if fields[0] != "Z" and int(fields[2]) == pgid:
                return True
    return False
