"""`baocao build --watch`: rebuild whenever a data file or a file its documents depend on is saved.

What is watched comes from each data file's plan (its templates, the table kinds, the previous
period's data file, the workbooks its tables read), taken afresh after each build, so a newly named
template is watched too. The files are polled (modification time and size, every `POLL` seconds):
no extra dependency, and it works the same on Windows and on network folders. A build that fails
prints its located error and leaves the last good documents in place. Ctrl+C stops with a message,
not a traceback. A data file that is not there at the start is an error (exit 2), not a wait. With --pdf (or --pdfa)
each rebuild's documents go to PDF through one LibreOffice kept running between saves
(write/office_server.py), ended on exit whatever the exit.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from ..plan import prepare
from ..read import files
from ..resources import TABLE_KINDS_FILE
from ..write.office import OfficeMissing
from ..write.office_server import KeptOffice
from .build import write
from .pdf import report

POLL = 0.2  # seconds between two looks at the files


def main(args) -> int:
    if not (args.pdf or args.pdfa):
        return watch(args.du_lieu, args.ra, split_appendices=args.tach_phu_luc, excel=args.excel)
    with KeptOffice(limit=args.gioi_han_pdf) as kept:
        return watch(args.du_lieu, args.ra, split_appendices=args.tach_phu_luc, excel=args.excel,
                     pdf=PdfOutput(kept, args.pdfa))


@dataclass(frozen=True)
class PdfOutput:
    """--pdf under --watch: the LibreOffice kept running between saves, and whether PDF/A is wanted."""

    office: KeptOffice
    pdfa: bool = False


def watch(data_files: list[Path], out_dir: Path | None, poll: float = POLL, *, split_appendices: bool = False,
          excel: bool = False, pdf: PdfOutput | None = None) -> int:
    data_files = [Path(f) for f in data_files]
    for f in data_files:
        files.refuse(f, "tệp số liệu")  # not there, a folder, a FIFO, a name too long: said now, not waited for
    if pdf is not None and pdf.office.exe is None:
        raise OfficeMissing([])
    if pdf is not None and not pdf.office.kept:
        print("Không tìm thấy Python có mô-đun uno của LibreOffice (gói python3-uno trên Debian/Ubuntu): mỗi lần lưu, "
              "PDF được tạo bằng một LibreOffice mới, chậm hơn (1–2 giây).", file=sys.stderr, flush=True)
    watched = {f: {f, TABLE_KINDS_FILE} for f in data_files}
    print(f"Đang theo dõi {len(watched)} tệp số liệu (kèm mẫu và tệp kỳ trước của chúng); lưu tệp là văn bản được tạo lại. "
          "Nhấn Ctrl+C để dừng.", flush=True)
    try:
        seen = {}
        for f in data_files:
            before = _snapshot(watched[f])  # taken before building: a save during the build is seen next time
            watched[f] = _rebuild(f, watched[f], out_dir, split_appendices, excel, pdf)
            seen[f] = _since(before, watched[f])
        while True:
            time.sleep(poll)
            for f in data_files:
                now = _snapshot(watched[f])
                if now == seen[f]:
                    continue
                watched[f] = _rebuild(f, watched[f], out_dir, split_appendices, excel, pdf)  # the data may name another template
                seen[f] = _since(now, watched[f])
    except KeyboardInterrupt:
        print("\nĐã dừng theo dõi. Các văn bản đã tạo vẫn giữ nguyên.", flush=True)
        return 0


def _rebuild(data_file: Path, known: set[Path], out_dir: Path | None, split_appendices: bool,
             excel: bool, pdf: PdfOutput | None = None) -> set[Path]:
    """Build once (and convert the documents written, with `pdf`); the files to watch from now on:
    the plan's, or (a data file that does not prepare) those known so far."""
    stamp = dt.datetime.now().strftime("%H:%M:%S")
    try:
        plan = prepare(data_file)
    except UserError as exc:
        _failed(exc, data_file, stamp)
        return known | {data_file, TABLE_KINDS_FILE}
    warned: list = []
    try:
        paths = write(plan, out_dir, split_appendices=split_appendices, excel=excel, warned=warned)
    except UserError as exc:
        _failed(exc, data_file, stamp)
        return set(plan.watched)
    for finding in list(plan.findings) + warned:  # warnings (an error would have stopped the build)
        print(finding.format(), file=sys.stderr, flush=True)
    for path in paths:
        print(f"[{stamp}] {path}", flush=True)
    documents = [path for path in paths if path.suffix == ".docx"]  # not the --excel workbook
    if pdf is not None and documents:
        report(pdf.office.convert(documents, pdfa=pdf.pdfa), f"[{stamp}] ")
    return set(plan.watched)


def _failed(exc: UserError, data_file: Path, stamp: str) -> None:
    print(exc.format(), file=sys.stderr)
    print(f"[{stamp}] {data_file}: chưa tạo lại được; văn bản đã có vẫn giữ nguyên. Sửa lỗi rồi lưu lại tệp.",
          file=sys.stderr, flush=True)


def _since(before: dict, files: set[Path]) -> dict:
    """The state to compare with next: a file's state before the build, or (newly watched) now."""
    return {f: before[f] if f in before else state for f, state in _snapshot(files).items()}


def _snapshot(files: set[Path]) -> dict[Path, tuple[int, int] | None]:
    state: dict[Path, tuple[int, int] | None] = {}
    for f in files:
        try:
            st = os.stat(f)
            state[f] = (st.st_mtime_ns, st.st_size)
        except OSError:
            state[f] = None
    return state
