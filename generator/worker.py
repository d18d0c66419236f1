"""The process in which templates are filled, under the limits of limits.py.

Why a process: only the operating system can stop a program whatever it does, and a template is a
program (limits.py says which ways it has to run away). The command sends the worker a job — a
module-level function and its arguments, pickled over a pipe — and gets back its value, the
findings it refused with, or nothing: then the job ran past its time (the command kills the worker
`GRACE` seconds after the limit) or the worker died (the memory limit hit inside C code); either
way one Vietnamese message names the template, and the paragraph where the worker could tell.

Start-up: on Linux the worker is forked from the command's own process, which has imported
everything already, so starting it costs a fork, not an interpreter. One worker serves a whole
command — every document of every data file of `build`, each rebuild of `--watch` — through
`session()`, which cli.main opens around every command; a job that hits a limit costs only its
worker, and the next job starts a fresh one. Outside a session (a test, a benchmark, a library
caller) each call gets a worker of its own. Where fork is not safe (macOS, Windows) the worker is
spawned, once per command. The worker never outlives the command: it is closed at the end of the
session; if the command is killed, the kernel ends the worker with it (Linux), or it ends when it
next finds the command's end of the pipe closed.
"""

from __future__ import annotations

import contextlib
import contextvars
import ctypes
import multiprocessing
import os
import signal
import sys
import traceback
from pathlib import Path
from typing import Any, Callable

from . import limits as limits_
from .errors import UserError

_current: contextvars.ContextVar[Worker | None] = contextvars.ContextVar("baocao_worker", default=None)


class WorkerBug(RuntimeError):
    """A bug of baocao's inside the worker: it keeps the worker's traceback."""


class Worker:
    def __init__(self, limits: limits_.Limits | None = None):
        self.limits = limits or limits_.from_environment()
        self._process = None
        self._conn = None
        self.jobs = 0  # jobs sent, for tests and benchmarks
        self.started = 0  # processes started

    def call(self, function: Callable, *args: Any, template: Path, doing: str = limits_.FILLING) -> Any:
        """function(*args) in the worker, within the limits; UserError naming `template` (what the
        job works on) for what the job refused and for a limit it hit while `doing` it."""
        conn = self._connection()
        self.jobs += 1
        conn.send((function, args, Path(template), self.limits, doing))
        if not conn.poll(self.limits.seconds + limits_.GRACE):
            self._stop()
            raise limits_.exceeded(template, "time", limits=self.limits, doing=doing)
        try:
            kind, *rest = conn.recv()
        except (EOFError, OSError):  # it died: the kernel ended it (memory, CPU time)
            self._stop()
            raise limits_.exceeded(template, "died", limits=self.limits, doing=doing) from None
        if kind == "ok":
            return rest[0]
        if kind == "bug":
            self._stop()
            raise WorkerBug("lỗi của baocao khi điền mẫu, trong tiến trình điền mẫu:\n" + rest[0])
        findings, spent = rest
        if spent:  # a limit was hit: a fresh worker for the next job
            self._stop()
            raise limits_.Exceeded(findings)
        raise UserError(findings)

    def start(self) -> None:
        """The worker process running, started if need be."""
        self._connection()

    def _connection(self):
        if self._process is not None and self._process.is_alive():
            return self._conn
        self._stop()
        context = multiprocessing.get_context("fork" if limits_.fork_is_safe() else "spawn")
        ours, theirs = context.Pipe()
        inherited = ours if context.get_start_method() == "fork" else None  # its copy of our end, to close
        process = context.Process(target=_serve, args=(theirs, inherited, os.getpid()), daemon=True,
                                  name="baocao-dien-mau")
        try:
            process.start()
        finally:
            theirs.close()
        self._process = process
        self._conn = ours
        self.started += 1
        return ours

    def _stop(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join()
            self._process.close()
            self._process = None

    def close(self) -> None:
        """End the worker (it finishes the job it has, there is none between calls)."""
        if self._conn is not None and self._process is not None and self._process.is_alive():
            with contextlib.suppress(OSError):
                self._conn.send(None)
            self._process.join(timeout=2)
        self._stop()

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@contextlib.contextmanager
def session(limits: limits_.Limits | None = None):
    """One worker for everything the block renders (a command, a batch, a watch session)."""
    worker = Worker(limits)
    token = _current.set(worker)
    try:
        yield worker
    finally:
        _current.reset(token)
        worker.close()


def start() -> None:
    """Start the session's worker now, before the command reads its data: forked later, it would
    carry a copy of everything the command holds by then (a 20,000-row table's plan is some 200 MB)
    though a job brings the worker all it needs. Outside a session, nothing to start."""
    worker = _current.get()
    if worker is not None and not _inside:
        worker.start()


_inside = False  # True in the worker itself: a job that renders (diff) renders right there


def run(function: Callable, *args: Any, template: Path, doing: str = limits_.FILLING) -> Any:
    """function(*args) in the session's worker, or in one of its own outside a session; inside the
    worker, directly (already within the job's limits)."""
    if _inside:
        return function(*args)
    worker = _current.get()
    if worker is not None:
        return worker.call(function, *args, template=template, doing=doing)
    with Worker() as own:
        return own.call(function, *args, template=template, doing=doing)


def _die_with(parent: int) -> None:
    """On Linux, the kernel kills the worker when the command dies (PR_SET_PDEATHSIG), even in the
    middle of a job: a command killed with kill -9 leaves no worker filling a template on its own.
    Elsewhere the worker ends when it next reads the closed pipe."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the command died before the request was made
        os._exit(0)


_PR_SET_PDEATHSIG = 1


def _serve(conn, inherited, parent: int) -> None:
    """The worker's loop: one job at a time until the command closes the pipe or sends None."""
    global _inside
    if inherited is not None:
        inherited.close()  # so that the command's end closing (even killed) ends this loop
    _die_with(parent)
    for name in ("SIGTERM", "SIGHUP"):  # the command's handlers (cli.py) speak to a user; here, just end
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    _inside = True
    limits_.install()
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if job is None:
            return
        function, args, template, limits, doing = job
        try:
            limits_.arm(limits)
            reply = ("ok", function(*args))
        except UserError as exc:
            reply = ("refused", exc.findings, isinstance(exc, limits_.Exceeded))
        except Exception as exc:  # noqa: BLE001 - a limit hit outside the template's own frames, or a bug
            what = limits_.describe(exc)
            reply = (("refused", limits_.exceeded(template, what, doing=doing).findings, True) if what
                     else ("bug", traceback.format_exc()))
        finally:
            limits_.disarm()
        try:
            conn.send(reply)
        except (EOFError, OSError):
            return
