"""How long, and with how much memory, one template may be filled; enforced inside the worker.

A template is a program written by someone else. The sandbox (render/sandbox.py) keeps it away from
Python's internals and caps a few obvious tricks, but no list of tricks can stop every way Jinja
offers to build a huge value ('x'|center(10**9), '{:>1000000000}'.format(1), join, replace, indent,
~ in a loop …) or to run for ever (lipsum(n=…), loops inside loops). So the limits are the operating
system's, applied to the worker process that fills the template (worker.py), whatever it does:

- memory: the worker's address space may grow by `megabytes` during one job (RLIMIT_AS, set anew
  for each job above what the worker already holds); past it an allocation fails with MemoryError;
- time: an interval timer interrupts the job after `seconds` (OutOfTime, raised in the template's
  own frame, so the message can name the paragraph), RLIMIT_CPU ends a worker stuck in C code, and
  the command kills a worker that does not answer `seconds + GRACE` seconds after the job was sent;
- recursion: Python's own limit (a macro calling itself ends in RecursionError).

The defaults fit a real report many times over (README, "Giới hạn"): the largest sample is filled
in about 0.3 s, a report with a 2,000-row table in 0.6 s using 180 MB in all. They can be changed
with BAOCAO_GIOI_HAN_GIAY and BAOCAO_GIOI_HAN_MB (a province's very large appendix, or a test).

Where the operating system offers no such limit (Windows has no RLIMIT_AS nor SIGALRM), the time
limit still holds by the kill; the memory limit holds only where `resource` exists.
"""

from __future__ import annotations

import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import Finding, Location, UserError, error

try:  # POSIX only
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]

SECONDS = 30.0  # to fill one document
MEGABYTES = 1024  # memory one filling may add to the worker
GRACE = 5.0  # seconds after the limit before the command kills a worker that does not answer
SECONDS_VARIABLE, MEGABYTES_VARIABLE = "BAOCAO_GIOI_HAN_GIAY", "BAOCAO_GIOI_HAN_MB"


class OutOfTime(Exception):
    """Raised in the worker when a job runs past its time limit (an Exception, so that Jinja maps
    the template's frame to its line, as it does for the template's own errors)."""



def cores() -> int:
    """The cores this process may use (a container's or `taskset`'s limit counts): how many pool
    workers a batch gets, and how many LibreOffices share a PDF batch."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)

@dataclass(frozen=True)
class Limits:
    seconds: float = SECONDS
    megabytes: int = MEGABYTES

    def describe_time(self) -> str:
        return f"{self.seconds:g}".replace(".", ",") + " giây"

    def describe_memory(self) -> str:
        return f"{self.megabytes:,} MB".replace(",", ".")


def from_environment(environ=os.environ) -> Limits:
    """The limits, as BAOCAO_GIOI_HAN_GIAY / BAOCAO_GIOI_HAN_MB set them (UserError for a value
    that is not a positive number)."""
    seconds = _positive(environ, SECONDS_VARIABLE, SECONDS, float)
    megabytes = _positive(environ, MEGABYTES_VARIABLE, MEGABYTES, int)
    return Limits(seconds, megabytes)


def _positive(environ, name: str, default, kind):
    text = environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = kind(text.replace(",", "."))
    except ValueError:
        value = 0
    if not 0 < value <= (3600 if kind is float else 1024 * 1024):
        raise error(Path(name), f"biến môi trường {name}={text!r} không phải một giới hạn dùng được.",
                    hint=f"ghi một số dương ({'giây, tối đa 3600' if kind is float else 'MB, tối đa 1048576'}), "
                         f"hoặc bỏ biến này để dùng mặc định ({default:g}).")
    return value


# --- inside the worker ------------------------------------------------------------------------

_active: Limits | None = None  # the limits of the job the worker is running


def active() -> Limits:
    """The limits of the job being run (for messages); the defaults outside a job."""
    return _active or Limits()


def _alarm(signum, frame):
    raise OutOfTime()


_started: dict[int, int] = {}  # the soft limits the worker was started with
_installed = False  # in the worker: the timer has its handler (elsewhere SIGALRM would end the process)


def install() -> None:
    """Once, when the worker starts: the timer raises OutOfTime; Ctrl+C is the command's to handle."""
    global _installed
    if hasattr(signal, "setitimer"):
        signal.signal(signal.SIGALRM, _alarm)
        _installed = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if resource is not None:
        _started.update({which: resource.getrlimit(which)[0] for which in (resource.RLIMIT_AS, resource.RLIMIT_CPU)})
        _soft(resource.RLIMIT_CORE, 0)  # a worker ended by RLIMIT_CPU leaves no core file in the clerk's folder


def arm(limits: Limits) -> None:
    """Before a job: its memory above what the worker holds now, its CPU time, its timer."""
    global _active
    _active = limits
    if resource is not None:
        _soft(resource.RLIMIT_AS, _address_space() + limits.megabytes * 1024 * 1024)
        used = resource.getrusage(resource.RUSAGE_SELF)
        _soft(resource.RLIMIT_CPU, int(used.ru_utime + used.ru_stime + limits.seconds + GRACE) + 1)
    extend(limits.seconds)


def extend(seconds: float) -> None:
    """Interrupt the job `seconds` from now (to name the paragraph after a limit, a short while
    more); 0 stops the timer. Only in the worker."""
    if _installed:
        signal.setitimer(signal.ITIMER_REAL, seconds)


def disarm() -> None:
    """After a job: no timer, the limits back to what the worker was started with."""
    global _active
    _active = None
    extend(0)
    if resource is not None:
        for which, soft in _started.items():
            _soft(which, soft)


def _soft(which: int, value: int) -> None:
    hard = resource.getrlimit(which)[1]
    soft = value if hard == resource.RLIM_INFINITY or value == resource.RLIM_INFINITY else min(value, hard)
    resource.setrlimit(which, (soft, hard))


def _address_space() -> int:
    """The worker's current address space in bytes (Linux: /proc/self/statm); 0 where unknown,
    which makes the limit absolute."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0


# --- messages ---------------------------------------------------------------------------------

_FIX = ("mẫu chỉ nên in số liệu bằng các bộ lọc của baocao; tìm ở đoạn này phép tính tạo chuỗi hay danh sách rất "
        "lớn (center, format, join, replace, indent, lipsum, nhân chuỗi) hoặc vòng lặp lồng nhau rồi bỏ đi. Báo cáo "
        "thật cần lâu hơn hay nhiều bộ nhớ hơn thì đặt biến môi trường "
        f"{SECONDS_VARIABLE} (giây) hoặc {MEGABYTES_VARIABLE} (MB).")
_COMPARE_FIX = ("hai văn bản quá lớn hoặc khác nhau quá nhiều để so sánh trong giới hạn: so sánh từng phần nhỏ hơn, "
                f"hoặc đặt biến môi trường {SECONDS_VARIABLE} (giây) hay {MEGABYTES_VARIABLE} (MB) lớn hơn.")
_RECURSION_FIX = ("bỏ lời gọi macro lồng vào chính nó (hoặc các macro gọi vòng lẫn nhau), hoặc bớt các ngoặc ( ) và "
                  "khối {% if %}/{% for %} lồng vào nhau.")


class Exceeded(UserError):
    """A template that hit a limit: the worker that ran it is replaced before the next job."""


FILLING, CHECKING, COMPARING = "điền mẫu", "kiểm tra mẫu", "so sánh"


def exceeded(template: Path, what: str, place: str | None = None, limits: Limits | None = None,
             doing: str = FILLING) -> Exceeded:
    """The one message for a job that hit a limit `doing` its work on `template` (a template, or
    for `diff` the file compared): `what` is "time", "memory", "recursion" or "died" (the worker
    ended without answering)."""
    limits = limits or active()
    fix = _COMPARE_FIX if doing == COMPARING else _FIX
    message, hint = {
        "time": (f"{doing} chạy quá {limits.describe_time()} nên đã bị dừng", fix),
        "memory": (f"{doing} cần quá {limits.describe_memory()} bộ nhớ nên đã bị dừng", fix),
        "recursion": ("mẫu lồng nhau quá sâu (một macro gọi chính nó mãi, hoặc quá nhiều ngoặc hay khối lồng vào "
                      "nhau)", _RECURSION_FIX),
        "died": (f"tiến trình {doing} dừng đột ngột (thường do cần quá {limits.describe_memory()} bộ nhớ "
                 f"hoặc chạy quá {limits.describe_time()})", fix),
    }[what]
    return Exceeded(Finding(Location(Path(template), place=place), f"{message}; chưa văn bản nào được ghi.", hint))


def describe(exc: BaseException) -> str | None:
    """"time", "memory" or "recursion" for an exception that is a limit being hit; None otherwise."""
    if isinstance(exc, OutOfTime):
        return "time"
    if isinstance(exc, MemoryError):
        return "memory"
    if isinstance(exc, RecursionError):
        return "recursion"
    return None


def fork_is_safe() -> bool:
    """Whether the worker may be forked from the command's process (cheap: everything is already
    imported) rather than spawned (a new interpreter that imports everything again)."""
    return sys.platform.startswith("linux")
