"""`baocao diff OLD NEW [--docx OUT]`: print what changed, named in the document's own words; with
OUT, write NEW with the changes tracked (Track Changes) for a leader to review."""

from __future__ import annotations

from pathlib import Path

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
    compared = pairs(old, new)
    for name, old_doc, new_doc in compared:
        if len(compared) > 1:
            print(f"== {name}")
        if old_doc is None or new_doc is None:
            print("(văn bản mới, chỉ có ở bản MỚI)" if old_doc is None else "(văn bản bị bỏ, chỉ có ở bản CŨ)")
            continue
        changes = compare(old_doc, new_doc)
        for change in changes:
            print(f"{change.where}: {change.summary}" if change.summary else change.where)
        print(f"{len(changes)} chỗ thay đổi." if changes else "Không có thay đổi nào.")
        if out_docx is not None:
            mark(new_doc, changes)
            dest = Path(out_docx) if len(compared) == 1 else Path(out_docx).with_stem(f"{Path(out_docx).stem}-{Path(name).stem}")
            try:
                history.write_keeping_history(dest, docx_bytes(new_doc))  # an earlier OUT is kept in .truoc/
            except OSError as exc:
                raise error(dest, f"không ghi được văn bản: {os_reason(exc)}.",
                            hint="kiểm tra quyền ghi vào thư mục, và đóng tệp nếu đang mở trong Word.") from None
            print(f"Đã ghi văn bản có theo dõi thay đổi: {dest}")
    return 0


def _refuse_overwriting_inputs(dest: Path, old: Path, new: Path) -> None:
    """--docx writes a new .docx: never over one of the two inputs, never under another suffix."""
    if dest.suffix.lower() != ".docx":
        raise error(dest, "tệp ghi ra (--docx) phải có đuôi .docx.",
                    hint="ví dụ --docx thay-doi.docx.")
    for source in (old, new):
        if dest.resolve() == Path(source).resolve():
            raise error(dest, "tệp ghi ra (--docx) trùng với một trong hai tệp đang so sánh; nó sẽ bị ghi đè.",
                        hint="đặt tên khác, ví dụ --docx thay-doi.docx.")
