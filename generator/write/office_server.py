"""One LibreOffice kept running between saves, for `build --watch --pdf`.

Started once (through uno_bridge.py, under a Python that has LibreOffice's `uno` module), it then
converts a document in 0.1–0.5 s instead of the 1–2 s a new soffice takes to start. A reply that
does not come within the time limit means LibreOffice hangs: its whole process group is ended and
the next conversion starts a new one; a LibreOffice that died is started again the same way.
`close` ends it, leaving no process (watch calls it on Ctrl+C and on every exit).

Where no Python with `uno` is found, each save goes through one `soffice --convert-to` call
instead (pdf.convert): slower, but the same PDF; watch says so once.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

from . import office, pdf

BRIDGE = Path(__file__).with_name("uno_bridge.py")


class KeptOffice:
    def __init__(self, *, limit: float = pdf.LIMIT):
        self.limit = limit
        self.exe = office.soffice()
        self.python = office.uno_python(self.exe) if self.exe else None
        self._process: subprocess.Popen | None = None
        self._profile: office.Profile | None = None
        self._replies: queue.Queue = queue.Queue()
        self._stack = ExitStack()
        self.started = 0  # how many LibreOffices it has started (a restart counts)

    @property
    def kept(self) -> bool:
        """Whether LibreOffice can be kept running (otherwise every conversion starts one)."""
        return self.python is not None

    def convert(self, documents: list[Path], *, pdfa: bool = False) -> pdf.Result:
        if self.exe is None:
            raise office.OfficeMissing(documents)
        if not self.kept:
            return pdf.convert(documents, pdfa=pdfa, limit=self.limit)
        result = pdf.Result()
        raw: dict[Path, Path] = {}
        with tempfile.TemporaryDirectory(prefix="baocao-pdf-") as work:
            for k, doc in enumerate(documents):
                out = Path(work) / f"{k:04d}.pdf"
                problem = self._one(Path(doc).resolve(), out, pdfa)
                if problem:
                    result.failed.append(pdf.failure(Path(doc), problem))
                else:
                    raw[Path(doc)] = out
            result.add(pdf.place(raw, pdfa))
        return result

    def _one(self, doc: Path, out: Path, pdfa: bool) -> str | None:
        """Convert one document; the problem in Vietnamese, or None."""
        for attempt in range(2):  # a LibreOffice that died since the last save is started again once
            if self._process is None or self._process.poll() is not None:
                problem = self._start()
                if problem:
                    return problem
            try:
                self._process.stdin.write(json.dumps({"in": str(doc), "out": str(out), "pdfa": pdfa}) + "\n")
                self._process.stdin.flush()
            except OSError:
                self._stop()
                continue
            reply = self._reply(self.limit)
            if reply is None:  # it hangs: end it; the next conversion starts a new one
                self._stop(graceful=False)
                return f"LibreOffice chưa chuyển xong văn bản này sau {self.limit:g} giây (quá thời gian cho phép)"
            if reply.get("ok") and pdf.complete(out):
                return None
            if reply.get("eof") or reply.get("dead"):  # it died since, or during, the conversion
                self._stop(graceful=False)
                continue
            return "LibreOffice không chuyển được văn bản này sang PDF"
        return "LibreOffice dừng bất thường khi chuyển văn bản này"

    def _start(self) -> str | None:
        self._stop()
        profile = self._stack.enter_context(office.profile(self.exe))
        self._profile = profile
        pipe = f"baocao-{os.getpid()}-{time.monotonic_ns()}"
        args = [self.python, str(BRIDGE)] + office.office_args(self.exe, profile) + [pipe]
        self._process = office.start(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
                                     env=office.environment(profile))
        self._replies = queue.Queue()
        threading.Thread(target=self._read, args=(self._process.stdout, self._replies), daemon=True).start()
        self.started += 1
        reply = self._reply(self.limit + pdf.START_GRACE)
        if reply is None or not reply.get("ready"):
            self._stop()
            return "LibreOffice không khởi động được"
        return None

    @staticmethod
    def _read(stream, replies: queue.Queue) -> None:
        for line in stream:
            try:
                replies.put(json.loads(line))
            except ValueError:
                continue
        replies.put({"eof": True})

    def _reply(self, timeout: float) -> dict | None:
        try:
            return self._replies.get(timeout=timeout)
        except queue.Empty:
            return None

    def _stop(self, graceful: bool = True) -> None:
        """End the running LibreOffice, if any, and remove its profile."""
        if self._process is not None:
            if graceful:
                try:
                    self._process.stdin.close()  # asks the bridge to quit LibreOffice…
                    self._profile.sound = self._process.wait(10) == 0
                except (OSError, subprocess.TimeoutExpired):
                    pass
            office.end(self._process)  # …and whatever is left of its group goes
            self._process = None
        self._stack.close()
        self._stack = ExitStack()

    def close(self) -> None:
        self._stop()

    def __enter__(self) -> "KeptOffice":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
