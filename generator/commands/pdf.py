"""`baocao pdf VĂN_BẢN.docx…`: existing documents (one edited in Word before signing) to PDF.

The documents are already written, so there is no data file to prepare (plan.prepare): the
command checks that each input is a Word document, then converts them all through one
LibreOffice, as `build --pdf` does (write/pdf.py). `report` prints what a conversion did, for
build, watch and this command alike.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from ..errors import Finding, Location, UserError
from ..write import pdf


def main(args) -> int:
    documents = [Path(p) for p in args.van_ban]
    problems = [found for doc in documents if (found := _not_a_document(doc))]
    if problems:
        raise UserError(problems + [Finding(Location(documents[0]), "chưa chuyển văn bản nào sang PDF.",
                                            "sửa các lỗi trên rồi chạy lại lệnh.")])
    return convert(documents, pdfa=args.pdfa, limit=args.gioi_han_pdf)


def convert(documents: list[Path], *, pdfa: bool, limit: float) -> int:
    """Convert through one LibreOffice and report; the exit code (2 when a document failed)."""
    kind = "PDF/A" if pdfa else "PDF"
    print(f"Đang tạo {kind} cho {len(documents)} văn bản bằng LibreOffice…", file=sys.stderr, flush=True)
    return report(pdf.convert(documents, pdfa=pdfa, limit=limit))


def report(result: pdf.Result, stamp: str = "") -> int:
    for finding in result.warnings + result.failed:
        print(finding.format(), file=sys.stderr, flush=True)
    for path in result.written:
        print(f"{stamp}{path}", flush=True)
    return 2 if result.failed else 0


def _not_a_document(path: Path) -> Finding | None:
    where = Location(path)
    hint = "chỉ ra tệp Word (.docx) có thật, ví dụ build/an-lao-2023-6thang/BC-an-lao-2023-6thang.docx."
    if not path.is_file():
        return Finding(where, "không tìm thấy văn bản." if not path.exists() else "đây không phải một tệp.", hint)
    if path.suffix.lower() != ".docx":
        return Finding(where, "chỉ chuyển được văn bản Word .docx sang PDF.", hint)
    try:
        with zipfile.ZipFile(path) as z:
            z.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        return Finding(where, "tệp này không phải văn bản Word .docx hợp lệ (hỏng hoặc chỉ đổi đuôi).",
                       "mở và lưu lại bằng Word hoặc LibreOffice dưới dạng .docx, rồi chạy lại.")
    return None
