"""`baocao build --watch`: rebuild whenever a data file or a file its documents depend on is saved.

What is watched comes from each data file's plan (its templates, the table kinds, the previous
period's data file, the workbooks its tables read), taken afresh after each build, so a newly named
template is watched too. The files are polled (modification time and size, every `POLL` seconds):
no extra dependency, and it works the same on Windows and on network folders. A build that fails
prints its located error and leaves the last good documents in place. Ctrl+C stops with a message,
not a traceback. A data file that is not there at the start is an error (exit 2), not a wait.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

from ..errors import UserError, error
from ..plan import prepare
from ..read.files import exists, is_file
from ..resources import TABLE_KINDS_FILE
from .build import write

POLL = 0.2  # seconds between two looks at the files


def main(args) -> int:
    return watch(args.du_lieu, args.ra, split_appendices=args.tach_phu_luc, excel=args.excel)


def watch(data_files: list[Path], out_dir: Path | None, poll: float = POLL, *, split_appendices: bool = False,
          excel: bool = False) -> int:
    data_files = [Path(f) for f in data_files]
    for f in data_files:
        if not is_file(f):
            raise error(f, "không tìm thấy tệp số liệu." if not exists(f) else "đây không phải một tệp số liệu.",
                        hint="kiểm tra lại đường dẫn và tên tệp (.yaml), rồi chạy lại lệnh.")
    watched = {f: {f, TABLE_KINDS_FILE} for f in data_files}
    print(f"Đang theo dõi {len(watched)} tệp số liệu (kèm mẫu và tệp kỳ trước của chúng); lưu tệp là văn bản được tạo lại. "
          "Nhấn Ctrl+C để dừng.", flush=True)
    try:
        seen = {}
        for f in data_files:
            before = _snapshot(watched[f])  # taken before building: a save during the build is seen next time
            watched[f] = _rebuild(f, watched[f], out_dir, split_appendices, excel)
            seen[f] = _since(before, watched[f])
        while True:
            time.sleep(poll)
            for f in data_files:
                now = _snapshot(watched[f])
                if now == seen[f]:
                    continue
                watched[f] = _rebuild(f, watched[f], out_dir, split_appendices, excel)  # the data may name another template
                seen[f] = _since(now, watched[f])
    except KeyboardInterrupt:
        print("\nĐã dừng theo dõi. Các văn bản đã tạo vẫn giữ nguyên.", flush=True)
        return 0


def _rebuild(data_file: Path, known: set[Path], out_dir: Path | None, split_appendices: bool,
             excel: bool) -> set[Path]:
    """Build once; the files to watch from now on: the plan's, or (a data file that does not
    prepare) those known so far."""
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
