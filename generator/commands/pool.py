"""Many data files at once: a pool of worker processes, results in the order they were given.

`build` over hundreds of data files and `tong-hop` over a province's units hand each file to a
worker, which prepares and produces it whole and sends back plain data (paths, bytes, findings);
the command prints (and writes) the results in the input order, so the output reads the same
whatever the number of workers. What it guarantees:

- One file's failure never stops the others: a mistake in a file is that file's result; an
  unexpected exception (a bug) comes back as a `Crash` with its traceback; a worker that dies (killed
  for its memory, a crash in a library) fails the one file it held and is replaced.
- Memory stays flat in the number of files: at most `WINDOW` results per worker wait in the parent
  to be printed in order, and workers live for the whole command (no process per file).
- Progress on a terminal for a batch (`[12/100] đang xử lý: data/x.yaml` rewritten in place on
  stderr), nothing extra when stderr is not a terminal.
- Ctrl+C (or SIGTERM) ends every worker before the command returns; none is left behind.
- Templates are still filled within the limits of limits.py: each pool worker holds a
  `worker.session()` of its own, so the documents of its files are rendered in a limited worker it
  forks once and keeps (a template that hits a limit costs that worker, and fails that file with the
  message naming the template). The session is the pool worker's own, not the copy of the
  command's session it was forked with, so that its limited worker is closed when it ends.

Why two processes per pool worker rather than the pool worker filling templates under the limits
itself: the limits are meant for the filling alone (RLIMIT_AS over what the worker holds, a timer,
a kill `seconds + GRACE` after a job is sent, a fresh worker after a limit was hit), and worker.py
keeps all four in one place. The pool worker's render hop is the one a single-file build makes
anyway (context over, .docx bytes back); what it adds is one fork per pool worker, not per file.

concurrent.futures' ProcessPoolExecutor is not used because one dead worker breaks the whole
executor (every pending file fails with BrokenProcessPool, and which file killed it is unknown);
here each worker holds one file at a time, so a death is that file's alone. `jobs=1` (or a single
file) runs in this process, with no pool worker (its templates filled in the command's own session).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import sys
import traceback
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Callable, Iterable, Iterator, TextIO

from .. import limits, worker

WINDOW = 2  # results per worker that may wait to be printed in order before more work is handed out


@dataclass(frozen=True)
class Crash:
    """A file whose work ended in an unexpected exception (a bug: its traceback is kept) or whose
    worker died."""

    reason: str  # Vietnamese: what happened
    details: str = ""  # the traceback, when there is one


class Progress:
    """`[k/N] đang xử lý: file` rewritten in place on a terminal; silent elsewhere."""

    def __init__(self, total: int, stream: TextIO | None = None, *, verb: str = "đang xử lý"):
        self.stream = stream if stream is not None else sys.stderr
        self.total, self.verb = total, verb
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = total > 1 and bool(isatty and isatty())
        self.shown = False

    def show(self, done: int, current: Any | None) -> None:
        if not self.enabled:
            return
        text = f"[{done}/{self.total}]" + (f" {self.verb}: {current}" if current is not None else "")
        width = shutil.get_terminal_size((100, 20)).columns - 1
        if len(text) > width:
            text = text[:max(width - 1, 1)] + "…"
        self.stream.write("\r\033[K" + text)
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False


def _call(work: Callable[[Any], Any], item: Any) -> Any:
    try:
        return work(item)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # a bug: the file fails with its traceback, the others go on
        return Crash(f"lỗi của baocao ({type(exc).__name__}); hãy báo lại kèm tệp này và các dòng dưới đây",
                     traceback.format_exc())


def _worker(conn, work: Callable[[Any], Any]) -> None:
    """A worker's life: take (index, item), send back (index, result), until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle: it ends the workers
    parent = os.getppid()
    try:
        with worker.session():  # this worker's own limited worker for filling templates (see above)
            worker.start()  # before any file is read (worker.start)
            _serve(conn, work, parent)
    except (EOFError, OSError, KeyboardInterrupt):  # the parent went away, or ended this worker
        return


def _serve(conn, work: Callable[[Any], Any], parent: int) -> None:
    while True:
        while not conn.poll(1.0):  # a parent killed outright (SIGKILL) closes nothing: look for it
            if os.getppid() != parent:
                return
        message = conn.recv()
        if message is None:
            return
        index, item = message
        conn.send((index, _call(work, item)))


def _context():
    """fork where it is safe (Linux: workers start at once, nothing re-imported); spawn elsewhere."""
    return multiprocessing.get_context("fork" if limits.fork_is_safe() else "spawn")


class Pool:
    """`with Pool(work, jobs) as pool: for item, result in pool.map(items, progress): …`. `work` is a
    module-level function of one picklable item returning picklable plain data."""

    def __init__(self, work: Callable[[Any], Any], jobs: int):
        self.work, self.jobs = work, max(1, int(jobs))
        self._workers: dict[int, tuple[Any, Any]] = {}  # sentinel → (process, connection)

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, kind, value, trace) -> None:
        self.close(at_once=kind is not None)  # Ctrl+C, or an error: no waiting for work in hand

    def map(self, items: Iterable[Any], progress: Progress | None = None) -> Iterator[tuple[Any, Any]]:
        """(item, result) for every item, in the order given."""
        items = list(items)
        progress = progress or Progress(len(items), stream=None)
        if self.jobs == 1 or len(items) <= 1:
            worker.start()  # before any file is read: forked later it would copy all this process holds
            for k, item in enumerate(items):
                progress.show(k, item)
                result = _call(self.work, item)
                progress.clear()
                yield item, result
            return
        yield from self._parallel(items, progress)

    def _parallel(self, items: list[Any], progress: Progress) -> Iterator[tuple[Any, Any]]:
        window = WINDOW * min(self.jobs, len(items))
        done: dict[int, Any] = {}
        holding: dict[int, int | None] = {}  # sentinel → index of the item its worker holds
        following, printed = 0, 0
        while True:
            while printed in done:  # what is done, in order; then more work for the workers that are free
                progress.clear()
                yield items[printed], done.pop(printed)
                printed += 1
                progress.show(printed, items[printed] if printed < len(items) else None)
            if printed >= len(items):
                break
            while following < len(items) and following < printed + window and self._room(holding, len(items)):
                sentinel = next(s for s, held in holding.items() if held is None) if None in holding.values() \
                    else self._start(holding)
                self._workers[sentinel][1].send((following, items[following]))
                holding[sentinel] = following
                following += 1
            ready = wait([conn for _, conn in self._workers.values()] + list(self._workers))
            for sentinel, (process, conn) in list(self._workers.items()):
                if conn in ready:
                    try:
                        index, result = conn.recv()
                    except (EOFError, OSError):  # it died: its sentinel says so, now or at the next wait
                        pass
                    else:
                        done[index] = result
                        holding[sentinel] = None
                if sentinel in ready and not process.is_alive():
                    self._lost(sentinel, holding, done)
        progress.clear()

    def _room(self, holding: dict[int, int | None], total: int) -> bool:
        return None in holding.values() or len(self._workers) < min(self.jobs, total)

    def _start(self, holding: dict[int, int | None]) -> int:
        parent, child = _context().Pipe()
        # not a daemon: a daemonic process may not start the limited worker it fills templates in;
        # close() ends every one of them all the same
        process = _context().Process(target=_worker, args=(child, self.work), daemon=False, name="baocao-tep")
        process.start()
        child.close()
        self._workers[process.sentinel] = (process, parent)
        holding[process.sentinel] = None
        return process.sentinel

    def _lost(self, sentinel: int, holding: dict[int, int | None], done: dict[int, Any]) -> None:
        """A worker that died: the file it held fails (the others go on with a new worker)."""
        process, conn = self._workers.pop(sentinel)
        conn.close()
        index = holding.pop(sentinel, None)
        if index is not None and index not in done:
            code = process.exitcode
            how = f"bị dừng bởi tín hiệu {-code}" if code is not None and code < 0 else f"mã thoát {code}"
            done[index] = Crash(f"tiến trình xử lý tệp này dừng đột ngột ({how}), thường do hết bộ nhớ")
        process.join(timeout=1)

    def close(self, *, at_once: bool = False) -> None:
        """Every worker ended and reaped: asked to stop (or, `at_once`, terminated), then killed if
        it still runs."""
        for process, conn in self._workers.values():
            try:
                conn.send(None)
            except (OSError, ValueError):
                pass
        for process, conn in self._workers.values():
            if at_once:
                process.terminate()
            process.join(timeout=2)
            if process.is_alive():
                process.terminate()
                process.join(timeout=2)
            if process.is_alive():
                process.kill()
                process.join()
            conn.close()
        self._workers.clear()
