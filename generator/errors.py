"""User-facing errors: a Vietnamese message located at file:line:column.

Every mistake a user can make (bad YAML, a missing key, a broken template…)
is raised as `UserError`; the CLI prints it and exits with code 2. Anything
else is a bug in baocao and keeps its traceback. A mistake in a workbook is
located at its sheet and cell instead: `so-lieu.xlsx, trang «Hồ sơ», ô C7`.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    file: Path
    line: int | None = None  # 1-based; in a workbook's sheet, the row
    column: int | None = None  # 1-based; in a workbook's sheet, the column (1 is A)
    place: str | None = None  # inside a .docx: "thân văn bản, đoạn 33, bảng 1 hàng 2 ô 1"
    sheet: str | None = None  # a workbook's sheet: the location is a cell (or a row) of it

    def __str__(self) -> str:
        if self.sheet is not None:  # "so-lieu.xlsx, trang «Hồ sơ», ô C7" (or "…, hàng 3")
            text = f"{self.file}, trang «{self.sheet}»"
            if self.line is not None:
                text += f", ô {column_letter(self.column)}{self.line}" if self.column else f", hàng {self.line}"
            return text
        parts = [str(self.file)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts) + (f" [{self.place}]" if self.place else "")

    def brief(self) -> str:
        """Where, within its file, in a few words: "dòng 12", "ô A5"."""
        if self.sheet is not None and self.line is not None:
            return f"ô {column_letter(self.column)}{self.line}" if self.column else f"hàng {self.line}"
        return f"dòng {self.line}" if self.line is not None else str(self.file)


def column_letter(column: int) -> str:
    """A sheet's column by its letters: 1 → A, 27 → AA. Written here rather than taken from
    openpyxl so that every message can print a cell without importing the spreadsheet library."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


GENERAL_HINT = "sửa chỗ này theo thông báo trên; cách viết từng khóa có trong README và các tệp mẫu trong thư mục data/."


@dataclass
class Finding:
    """One problem: where it is, what is wrong, and what to do about it."""

    location: Location
    message: str
    hint: str | None = None
    severity: str = "lỗi"  # or "cảnh báo": printed, but does not stop anything

    def format(self) -> str:
        """`where: lỗi: message` and `    Cách sửa: hint`, each on one line whatever text they quote."""
        text = f"{self.location}: {self.severity}: {_one_line(self.message)}"
        if self.hint or self.severity == "lỗi":  # every error with its fix: a general one when none was given
            text += f"\n    Cách sửa: {_one_line(self.hint or GENERAL_HINT)}"
        return text


def _one_line(text: str) -> str:
    """A text quoted from a file may hold line breaks (\\n, U+2028 …): a message stays one line."""
    return " ".join(text.splitlines())


class UserError(Exception):
    """One or more findings that stop the build (exit code 2)."""

    def __init__(self, findings: list[Finding] | Finding):
        self.findings = findings if isinstance(findings, list) else [findings]
        super().__init__(self.format())

    def format(self) -> str:
        return "\n".join(f.format() for f in self.findings)


def error(file: Path, message: str, *, line: int | None = None, column: int | None = None,
          hint: str | None = None) -> UserError:
    return UserError(Finding(Location(Path(file), line, column), message, hint))


# What an OSError means to a clerk writing a document, by errno.
_OS_REASONS = {
    errno.EISDIR: "đã có một thư mục trùng tên với văn bản",
    errno.EACCES: "không có quyền ghi",
    errno.EPERM: "không có quyền ghi",
    errno.ENOSPC: "đĩa đã đầy",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
    errno.EEXIST: "thư mục ra trùng tên với một tệp đã có",
    errno.ENOENT: "không có thư mục này",
    errno.ENAMETOOLONG: "tên tệp hoặc thư mục quá dài (hệ thống tệp chỉ cho mỗi tên tối đa 255 byte)",
    errno.ELOOP: "đường dẫn có liên kết tượng trưng vòng quanh",
}


def os_reason(exc: OSError) -> str:
    """Why writing failed, in Vietnamese (the OS's own text is English)."""
    return _OS_REASONS.get(exc.errno, "lỗi hệ thống khi ghi tệp")
