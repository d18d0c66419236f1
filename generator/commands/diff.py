"""`baocao diff OLD NEW [--docx OUT]`: print what changed, named in the document's own words; with
OUT, write NEW with the changes tracked (Track Changes) for a leader to review.

Reading the two sides (rendering data files, parsing .docx files), comparing and marking run as one
job in the worker (worker.py), under its time and memory limits: two large documents that differ
everywhere make the alignment slow, and a .docx is someone else's file. The command prints what
the job found and writes what it marked."""

from __future__ import annotations

from pathlib import Path

from .. import limits, worker
from ..compare.changes import compare
from ..compare.sources import pairs
from ..compare.tracked import mark
from ..errors import error, os_reason
from ..write import history
from ..write.docx import docx_bytes


def main(args) -> int:
    return diff(args.cu, args.moi, args.ra_docx)


def diff(old: Path, new: Path, out_docx: Path | None = None) -> int:
    if out_docx is not None:
        _refuse_overwriting_inputs(Path(out_docx), old, new)
    results = worker.run(compared, Path(old), Path(new), out_docx is not None, template=Path(new), doing=limits.COMPARING)
    for name, lines, marked in results:
        if len(results) > 1:
            print(f"== {name}")
        for line in lines:
            print(line)
        if marked is not None:
            dest = Path(out_docx) if len(results) == 1 else Path(out_docx).with_stem(f"{Path(out_docx).stem}-{Path(name).stem}")
            try:  # an earlier OUT is kept in .truoc/, under the folder's lock
                history.write_all(dest.parent, [(dest, marked)])
            except OSError as exc:
                raise error(dest, f"không ghi được văn bản: {os_reason(exc)}.",
                            hint="kiểm tra quyền ghi vào thư mục, và đóng tệp nếu đang mở trong Word.") from None
            print(f"Đã ghi văn bản có theo dõi thay đổi: {dest}")
    return 0


def compared(old: Path, new: Path, marking: bool) -> list[tuple[str, list[str], bytes | None]]:
    """In the worker: for each pair of documents, its name, the lines to print, and with `marking`
    NEW marked with the changes (the .docx bytes to write)."""
    results = []
    for name, old_doc, new_doc in pairs(old, new):
        if old_doc is None or new_doc is None:
            results.append((name, ["(văn bản mới, chỉ có ở bản MỚI)" if old_doc is None
                                   else "(văn bản bị bỏ, chỉ có ở bản CŨ)"], None))
            continue
        changes = compare(old_doc, new_doc)
        lines = [f"{change.where}: {change.summary}" if change.summary else change.where for change in changes]
        lines.append(f"{len(changes)} chỗ thay đổi." if changes else "Không có thay đổi nào.")
        if marking:
            mark(new_doc, changes)
        results.append((name, lines, docx_bytes(new_doc) if marking else None))
    return results


def _refuse_overwriting_inputs(dest: Path, old: Path, new: Path) -> None:
    """--docx writes a new .docx: never over one of the two inputs, never under another suffix."""
    if dest.suffix.lower() != ".docx":
        raise error(dest, "tệp ghi ra (--docx) phải có đuôi .docx.",
                    hint="ví dụ --docx thay-doi.docx.")
    if not history.fits(dest):
        raise error(dest, f"tên tệp ghi ra (--docx) quá dài: hệ thống tệp chỉ cho tên tối đa {history.NAME_BYTES} byte, "
                          f"kể cả tên các bản cũ cất trong {history.FOLDER}/.", hint="đặt tên ngắn hơn, ví dụ --docx thay-doi.docx.")
    for source in (old, new):
        if dest.resolve() == Path(source).resolve():
            raise error(dest, "tệp ghi ra (--docx) trùng với một trong hai tệp đang so sánh; nó sẽ bị ghi đè.",
                        hint="đặt tên khác, ví dụ --docx thay-doi.docx.")
