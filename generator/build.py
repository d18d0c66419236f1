"""The whole flow for one data file:

    load YAML (with positions) → validate → derive figures → render template
    → post-process (prose, footnotes, numbering) → write

Every document the data file declares is produced in memory first; only when
all of them succeeded is anything written, each atomically.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
from dataclasses import dataclass
from pathlib import Path

from docx import Document

from . import checks, citations, derive, history, ooxml, previous, render, schema, writer
from . import vi_format as vi
from .errors import UserError, error
from .loader import load_yaml

# The shipped templates: inside the installed package, or templates/ of a source checkout.
_HERE = Path(__file__).resolve().parent
TEMPLATES = next((d for d in (_HERE / "templates", _HERE.parent / "templates") if d.is_dir()), _HERE / "templates")
REPORT_TEMPLATE = TEMPLATES / "bao-cao-cchc.docx"
GENERIC_TEMPLATE = TEMPLATES / "bao-cao-chung.docx"  # reports whose outline is in the data (noi_dung)


_OS_REASONS = {
    errno.EISDIR: "đã có một thư mục trùng tên với văn bản",
    errno.EACCES: "không có quyền ghi",
    errno.EPERM: "không có quyền ghi",
    errno.ENOSPC: "đĩa đã đầy",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
    errno.EEXIST: "thư mục ra trùng tên với một tệp đã có",
    errno.ENOENT: "không có thư mục này",
}


@dataclass(frozen=True)
class Output:
    path: Path
    data: bytes


def build(data_path: Path, out_dir: Path | None = None, warnings: list | None = None, *,
          split_appendices: bool = False, taken: set[Path] | None = None) -> list[Path]:
    """Build every document `data_path` declares; returns the written paths. The checks' warnings
    are appended to `warnings`. The version each document replaces is kept in <out_dir>/.truoc/
    (history.py)."""
    outputs = produce(Path(data_path), out_dir, warnings, split_appendices=split_appendices)
    for out in outputs:  # what can be seen before writing is refused before anything is written
        _writable(out.path)
        if taken is not None and out.path.resolve() in taken:
            raise error(out.path, "không ghi được văn bản: một tệp số liệu khác trong cùng lệnh vừa ghi ra tệp này.",
                        hint="hai tệp số liệu cùng tên (ở hai thư mục) hay cùng ten_tep: đặt ten_tep khác, hoặc "
                             "chạy riêng từng tệp với -o khác nhau; chưa văn bản nào của tệp này được ghi.")
    written: list[Path] = []
    for out in outputs:
        try:
            history.write_keeping_previous(out.path, out.data)
        except OSError as exc:
            reason = _OS_REASONS.get(exc.errno, "lỗi hệ thống khi ghi tệp")
            done = ("; đã ghi trước khi lỗi: " + ", ".join(p.name for p in written)) if written else ""
            raise error(out.path, f"không ghi được văn bản: {reason}{done}.",
                        hint="kiểm tra quyền ghi vào thư mục và chỗ trống trên đĩa, đóng tệp nếu đang mở trong Word, "
                             "rồi tạo lại.") from None
        written.append(out.path)
        if taken is not None:
            taken.add(out.path.resolve())
    return written


def _writable(path: Path) -> None:
    """A document's place is free for a file: no folder of its name, no file where a folder must be
    (its folder, the history folder .truoc/), and its folder writable."""
    problem = None
    if path.is_dir():
        problem = "đã có một thư mục trùng tên với văn bản"
    elif path.parent.exists() and not path.parent.is_dir():
        problem = f"'{path.parent}' là một tệp, không phải thư mục"
    elif (path.parent / history.FOLDER).exists() and not (path.parent / history.FOLDER).is_dir():
        problem = f"'{path.parent / history.FOLDER}' (nơi cất bản cũ) là một tệp, không phải thư mục"
    elif path.parent.is_dir() and not os.access(path.parent, os.W_OK | os.X_OK):
        problem = "không có quyền ghi vào thư mục"
    if problem:
        raise error(path, f"không ghi được văn bản: {problem}.",
                    hint="đổi tên hoặc xóa thứ đang chắn chỗ, hoặc chọn thư mục khác bằng -o; chưa văn bản nào được ghi.")


def produce(data_path: Path, out_dir: Path | None = None, warnings: list | None = None, *,
            split_appendices: bool = False) -> list[Output]:
    raw, positions = load_yaml(data_path)
    data = schema.validate(raw, positions)
    findings = checks.run(raw, positions, data)  # issue 5: an error stops the build, with every finding
    if checks.errors(findings):
        raise UserError(findings)
    if warnings is not None:
        warnings.extend(findings)
    out_dir = Path(out_dir) if out_dir is not None else Path("build") / data_path.stem
    outputs: list[Output] = []
    report = data.bao_cao
    if report is not None:
        default = GENERIC_TEMPLATE if report.noi_dung is not None else REPORT_TEMPLATE
        template = (data_path.parent / report.mau) if report.mau else default
        name = report.ten_tep or f"BC-{data_path.stem}"
        earlier = previous.previous_period(data_path, data, positions)  # None without bao_cao.ky_truoc
        whole = render_report(template, data, positions, earlier=earlier)
        if not (split_appendices and report.phu_luc):
            outputs.append(Output(out_dir / f"{name}.docx", whole))
        else:
            # Each appendix as a .docx of its own: the same document, keeping one section each.
            parts = [f"{name}.docx"] + [f"{name}-phu-luc-{k}.docx" for k in range(1, len(report.phu_luc) + 1)]
            for index, file_name in enumerate(parts):
                document = Document(io.BytesIO(whole))
                ooxml.keep_section(document, index, len(report.phu_luc))
                outputs.append(Output(out_dir / file_name, writer.docx_bytes(document)))
    from . import kinds  # the other kinds of document (thong_bao, bao_cao_dang) build on this module

    outputs += kinds.produce(data_path, data, out_dir, [out.path for out in outputs])
    return outputs


def render_report(template: Path, data: schema.DuLieu, positions=None, *,
                  earlier: schema.DuLieu | None = None) -> bytes:
    document = render_document(template, derive.report_context(data, positions, previous=earlier), data)
    _set_properties(document, data)
    return writer.docx_bytes(document)


def render_document(template: Path, context: dict, data: schema.DuLieu):
    """Render, then post-process: prose, citations and footnotes, heading numbers. Every kind of document."""
    prose = render.Prose(citer=citations.Citer(data.van_ban))
    document = render.render(template, context, prose)
    try:
        footnotes = ooxml.expand_prose(document, prose)
    except ooxml.PlacementError as exc:
        raise error(template, f"{exc}.", hint="sửa mẫu trong Word: ^[…] chỉ dùng trong đoạn văn của thân văn bản; "
                                               "than và phu_luc mỗi thẻ một đoạn riêng.") from None
    ooxml.write_footnotes(document, footnotes)
    ooxml.number_headings(document)
    return document


def _set_properties(document, data: schema.DuLieu) -> None:
    """Fixed document properties: the same data always gives the same file."""
    report = data.bao_cao
    stamp = dt.datetime.combine(report.ngay or dt.date(report.ky.nam, 1, 1), dt.time())
    props = document.core_properties
    period = vi.ten_ky(vi.Ky(report.ky.loai, report.ky.nam, report.ky.so))
    title = " ".join(report.trich_yeu) if report.trich_yeu else f"Báo cáo {report.ky_hieu} {period}"
    props.title = title[:255]  # the core properties hold at most 255 characters (the document text is whole)
    props.author = props.last_modified_by = data.co_quan.ten
    props.created = props.modified = stamp
    props.revision = 1
