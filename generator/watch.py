"""`baocao build --watch`: rebuild whenever a data file, its template or its previous period's
data file is saved.

The files are polled (modification time and size, every `POLL` seconds): no extra dependency,
and it works the same on Windows and on network folders. A build that fails prints its located
error and leaves the last good documents in place (build writes nothing unless every document
of the data file succeeded). Ctrl+C stops with a message, not a traceback.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

from . import build as build_module
from .errors import UserError
from .loader import load_yaml

POLL = 0.2  # seconds between two looks at the files


def run(data_files: list[Path], out_dir: Path | None, poll: float = POLL, *, split_appendices: bool = False) -> int:
    watched = {Path(f): _files(Path(f), {Path(f)}) for f in data_files}
    seen = {f: _snapshot(files) for f, files in watched.items()}
    print(f"Đang theo dõi {len(watched)} tệp số liệu (kèm mẫu và tệp kỳ trước của chúng); lưu tệp là văn bản được tạo lại. "
          "Nhấn Ctrl+C để dừng.", flush=True)
    try:
        for f in watched:
            _rebuild(f, out_dir, split_appendices)
        while True:
            time.sleep(poll)
            for f in watched:
                now = _snapshot(watched[f])
                if now == seen[f]:
                    continue
                watched[f] = _files(f, watched[f])  # the data may now name another template
                seen[f] = _snapshot(watched[f])  # taken before building: a save during the build is seen next time
                _rebuild(f, out_dir, split_appendices)
    except KeyboardInterrupt:
        print("\nĐã dừng theo dõi. Các văn bản đã tạo vẫn giữ nguyên.", flush=True)
        return 0


def _rebuild(data_file: Path, out_dir: Path | None, split_appendices: bool) -> None:
    stamp = dt.datetime.now().strftime("%H:%M:%S")
    warnings: list = []
    try:
        paths = build_module.build(data_file, out_dir, warnings, split_appendices=split_appendices)
    except UserError as exc:
        print(exc.format(), file=sys.stderr)
        print(f"[{stamp}] {data_file}: chưa tạo lại được; văn bản đã có vẫn giữ nguyên. Sửa lỗi rồi lưu lại tệp.",
              file=sys.stderr, flush=True)
        return
    for finding in warnings:  # the checks' warnings (an error would have stopped the build)
        print(finding.format(), file=sys.stderr, flush=True)
    for path in paths:
        print(f"[{stamp}] {path}", flush=True)


def _files(data_file: Path, known: set[Path]) -> set[Path]:
    """The data file and the files it names (template, previous period). A data file that does not
    read keeps the files watched so far."""
    try:
        raw, _ = load_yaml(data_file)
    except UserError:
        return known | {data_file}
    from . import kinds, tables

    raw = raw if isinstance(raw, dict) else {}
    files = {data_file, tables.KINDS_FILE}  # the table kinds shape every table of a report
    report = raw.get("bao_cao")
    if isinstance(report, dict):  # the template produce() picks for it
        default = build_module.GENERIC_TEMPLATE if report.get("noi_dung") is not None else build_module.REPORT_TEMPLATE
        files.add(data_file.parent / report["mau"] if isinstance(report.get("mau"), str) else default)
        if isinstance(report.get("ky_truoc"), str):
            files.add(data_file.parent / report["ky_truoc"])
    for kind in kinds.KINDS:  # each notice or Party report: its own template, or its kind's
        for document in raw.get(kind.key) or []:
            if isinstance(document, dict):
                files.add(data_file.parent / document["mau"] if isinstance(document.get("mau"), str) else kind.template)
    return files


def _snapshot(files: set[Path]) -> dict[Path, tuple[int, int] | None]:
    state: dict[Path, tuple[int, int] | None] = {}
    for f in files:
        try:
            st = os.stat(f)
            state[f] = (st.st_mtime_ns, st.st_size)
        except OSError:
            state[f] = None
    return state
