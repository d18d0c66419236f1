"""PDF beside each .docx, from as few LibreOffice starts as the machine's cores allow.

`convert` gives LibreOffice the documents of a command in one `soffice --convert-to pdf` call:
starting LibreOffice is most of the cost of a conversion (2.06 s a document with one process each,
0.35 s in one call for 20, measured in issue 14; bench/bench_pdf.py). A LibreOffice converts on
one core, so a large batch is cut into one share per core, each converted by a LibreOffice of its
own (its own profile, its own call) at the same time. Under `--watch` a LibreOffice kept running
does the work (office_server.py); all hand their raw PDFs to `place`.

A PDF is written only when it is complete: LibreOffice writes into a folder of the command's
own, and each finished PDF is made deterministic (pdf_bytes.py), then written atomically beside
its .docx, the version it replaces kept in .truoc/ like a document's. A document LibreOffice
cannot convert, or that takes longer than the time limit, is named in an error and its earlier
PDF stays; LibreOffice is then ended and the documents after it are converted in a new call.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import shutil
import subprocess
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import limits
from ..errors import Finding, Location, os_reason
from . import history, lock, office, pdf_bytes

LIMIT = 120.0  # seconds a document may take by default (a 2.000-row table takes some 20 s)
START_GRACE = 60.0  # seconds LibreOffice may take to start, on top of the first document's limit
MIN_PER_OFFICE = 4  # documents a LibreOffice of its own must have to be worth its start (some 1–2 s)
POLL = 0.05  # seconds between two looks at LibreOffice's progress
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'  # LibreOffice ≥ 7.4
SUBSTITUTES = {"TimesNewRoman": "LiberationSerif"}  # a font the templates ask for → LibreOffice's stand-in


@dataclass
class Result:
    """What a conversion did: the PDFs written, the documents that failed, warnings."""

    written: list[Path] = field(default_factory=list)
    failed: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)

    def add(self, other: "Result") -> None:
        self.written += other.written
        self.failed += other.failed
        self.warnings += other.warnings


def pdf_path(docx: Path) -> Path:
    return Path(docx).with_suffix(".pdf")


def convert(documents: list[Path], *, pdfa: bool = False, limit: float = LIMIT, offices: int | None = None) -> Result:
    """Every document to a PDF beside it (office.OfficeMissing without LibreOffice). A LibreOffice
    converts one document at a time on one core, so a batch is shared between `offices` of them
    (by default one per core, each with at least MIN_PER_OFFICE documents, so that a small batch
    does not pay for a second start), each in one call for its share."""
    documents = [Path(d) for d in documents]
    exe = office.soffice()
    if exe is None:
        raise office.OfficeMissing(documents)
    with tempfile.TemporaryDirectory(prefix="baocao-pdf-") as work:
        inbox = Path(work) / "vao"
        inbox.mkdir()
        names = {}
        for k, doc in enumerate(documents):  # copies with names of their own: two inputs may share a stem
            names[doc] = inbox / f"{k:04d}.docx"
            shutil.copyfile(doc, names[doc])
        shares = _shares(documents, offices or limits.cores())
        stop = threading.Event()  # set when the command is interrupted: every LibreOffice is ended
        outboxes = [Path(work) / f"ra-{k}" for k in range(len(shares))]
        if len(shares) == 1:
            converted = [_share(exe, shares[0], names, outboxes[0], pdfa, limit, stop)]
        else:
            with concurrent.futures.ThreadPoolExecutor(len(shares)) as pool:
                try:
                    futures = [pool.submit(_share, exe, share, names, box, pdfa, limit, stop)
                               for share, box in zip(shares, outboxes)]
                    converted = [f.result() for f in futures]
                finally:
                    stop.set()  # after Ctrl+C too: the other threads end their LibreOffice and return
        result = Result()
        raw: dict[Path, Path] = {}
        for made, lost in converted:  # shares are runs of neighbours: taken in turn, all is in input order
            raw.update(made)
            result.failed += lost
        result.add(place(raw, pdfa))
    return result


def _shares(documents: list[Path], offices: int) -> list[list[Path]]:
    """The documents cut into at most `offices` runs of neighbours, as even as can be."""
    count = max(1, min(offices, len(documents) // MIN_PER_OFFICE))
    size, extra = divmod(len(documents), count)
    shares, at = [], 0
    for k in range(count):
        end = at + size + (k < extra)
        shares.append(documents[at:end])
        at = end
    return shares


def _share(exe: str, share: list[Path], names: dict[Path, Path], outbox: Path, pdfa: bool, limit: float,
           stop: threading.Event) -> tuple[dict[Path, Path], list[Finding]]:
    """One LibreOffice's share of the batch, with a profile of its own: the raw PDFs it made and the
    documents it could not convert. When LibreOffice stops at a document, that one is named and the
    documents after it go to a new call."""
    raw: dict[Path, Path] = {}
    failed: list[Finding] = []
    with office.profile(exe) as profile:
        pending = list(share)
        while pending and not stop.is_set():
            done, problem = _batch(exe, profile, [names[d] for d in pending], outbox, pdfa, limit, stop)
            for doc in pending[:done]:
                made = outbox / f"{names[doc].stem}.pdf"
                if complete(made):
                    raw[doc] = made
                else:
                    failed.append(failure(doc, "LibreOffice không chuyển được văn bản này sang PDF"))
            if done < len(pending) and not stop.is_set():  # stopped at pending[done]: name it, go on after it
                failed.append(failure(pending[done], problem))
            pending = pending[done + 1:]
    return raw, failed


def _batch(exe: str, profile: office.Profile, inputs: list[Path], outbox: Path, pdfa: bool, limit: float,
           stop: threading.Event | None = None) -> tuple[int, str]:
    """One soffice call for `inputs`; returns how many it finished (all, or the index of the one it
    stopped at) and why it stopped. Progress is a finished PDF in `outbox` or a line printed; when
    none comes within the limit, or `stop` is set, LibreOffice is ended."""
    args = office.office_args(exe, profile) + ["--convert-to", PDFA_FILTER if pdfa else "pdf", "--outdir",
                                              str(outbox)] + [str(p) for p in inputs]
    process = office.start(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           env=office.environment(profile))
    try:
        deadline = time.monotonic() + limit + START_GRACE
        seen = 0
        while process.poll() is None:
            time.sleep(POLL)
            finished = _finished(inputs, outbox)
            if stop is not None and stop.is_set():
                return finished, "đã dừng"
            if finished > seen:
                seen, deadline = finished, time.monotonic() + limit
            elif time.monotonic() > deadline:
                return finished, f"LibreOffice chưa chuyển xong văn bản này sau {limit:g} giây (quá thời gian cho phép)"
    finally:
        office.end(process)
    profile.sound = profile.sound or process.returncode == 0
    finished = _finished(inputs, outbox)
    if finished < len(inputs) and process.returncode != 0:
        return finished, f"LibreOffice dừng bất thường khi chuyển văn bản này (mã {process.returncode})"
    return len(inputs), ""


def _finished(inputs: list[Path], outbox: Path) -> int:
    """How many of `inputs`, in order, have a PDF: LibreOffice converts them one after the other,
    so the first without one is the one it is working on (a PDF is complete once the next begins,
    or when it ends in %%EOF)."""
    count = 0
    for path in inputs:
        made = outbox / f"{path.stem}.pdf"
        if not made.exists():
            break
        count += 1
    if count and count <= len(inputs) and not complete(outbox / f"{inputs[count - 1].stem}.pdf"):
        count -= 1  # still being written
    return count


def complete(path: Path) -> bool:
    """Whether LibreOffice has finished writing the PDF at `path` (it ends in %%EOF)."""
    try:
        with open(path, "rb") as f:
            f.seek(max(0, path.stat().st_size - 32))
            return b"%%EOF" in f.read()
    except OSError:
        return False


def place(raw: dict[Path, Path], pdfa: bool) -> Result:
    """Each raw PDF LibreOffice made, made deterministic and written beside its .docx."""
    result = Result()
    substituted = []
    for doc, made in raw.items():
        data = made.read_bytes()
        if pdfa and b"pdfaid:part" not in data:
            result.failed.append(failure(doc, "LibreOffice này không ghi được PDF/A (cần LibreOffice 7.4 trở lên)"))
            continue
        used = pdf_bytes.fonts(data)
        if any(sub in used and asked not in used for asked, sub in SUBSTITUTES.items()):
            substituted.append(pdf_path(doc))
        target = pdf_path(doc)
        try:
            with lock.locked(target.parent):  # another command may be writing this folder
                history.write_keeping_history(target, pdf_bytes.normalise(data, _document_date(doc)))
        except OSError as exc:
            result.failed.append(failure(doc, f"không ghi được tệp PDF: {os_reason(exc)}"))
            continue
        result.written.append(target)
    if substituted:
        result.warnings.append(Finding(
            Location(substituted[0]),
            "máy này không có phông Times New Roman: LibreOffice đã dùng phông Liberation Serif (cùng độ rộng từng chữ, "
            f"nên dòng và trang ngắt như trong Word) cho {len(substituted)} tệp PDF.",
            "nếu cần PDF đúng phông Times New Roman, cài phông này (Debian/Ubuntu: `sudo apt-get install "
            "ttf-mscorefonts-installer`) rồi tạo lại PDF.", severity="cảnh báo"))
    return result


def failure(doc: Path, why: str) -> Finding:
    return Finding(Location(pdf_path(doc)), f"không tạo được PDF từ {doc.name}: {why}; tệp PDF đã có (nếu có) vẫn giữ nguyên.",
                   "mở văn bản trong Word hoặc LibreOffice xem có hỏng không, rồi chạy lại; văn bản rất dài thì tăng "
                   "--gioi-han-pdf.")


def _document_date(doc: Path) -> dt.datetime:
    """The date the PDF carries: the .docx's own creation date (baocao sets it from the data), so the
    same document always gives the same PDF; 1 January 2000 when it has none."""
    try:
        with zipfile.ZipFile(doc) as z:
            core = etree.fromstring(z.read("docProps/core.xml"))
        text = core.findtext("{http://purl.org/dc/terms/}created") or ""
        return dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00")).replace(tzinfo=None)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return dt.datetime(2000, 1, 1)
