"""Step 1 for workbooks: an .xlsx a table of the data file names, read with openpyxl.

A clerk keeps a table's rows in Excel; this module only reads what the workbook holds, sheet by
sheet: each cell's value (a formula's value as the spreadsheet program last computed it) and the
merged ranges. What the rows mean is validate/sheet_rows.py's. Every way a workbook can fail to
open (not there, the old .xls format, a damaged or password-protected file, too large) is a
Vietnamese message, never openpyxl's English one.

A workbook is untrusted input, so its size is bounded before openpyxl unpacks it: at most
`MAX_FILE_BYTES` on disk, and its parts checked as every Office file baocao reads is
(read/files.py: declared and actual unpacked sizes, compression ratios, CRCs; an .xlsx is a zip
whose parts could expand a thousandfold), and at most `MAX_CELLS` cells in a sheet that is read. openpyxl's XML
parsing refuses entity expansion (expat's amplification limits).
"""

from __future__ import annotations

import unicodedata
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import lazy
from ..errors import Finding, Location, UserError
from . import files

openpyxl = lazy.module("openpyxl")  # only when a table is kept in a workbook (lazy.py)

MAX_FILE_BYTES = 50 * 2**20
MAX_CELLS = 2_000_000
SUFFIXES = (".xlsx", ".xlsm")
_OTHER_FORMATS = {
    ".xls": "định dạng Excel cũ (.xls)",
    ".ods": "bảng tính LibreOffice (.ods)",
    ".csv": "tệp văn bản CSV",
}


@dataclass(frozen=True)
class Cell:
    value: Any  # str, int, float, bool, datetime, or None; a formula's last computed value
    formula: str | None = None  # "=B5+C5" when the cell holds a formula
    error: str | None = None  # "#DIV/0!" when the cell shows an error


@dataclass(frozen=True)
class Sheet:
    book: Path
    name: str
    cells: dict[tuple[int, int], Cell]  # (row, column), 1-based; cells that hold something
    merged: tuple[tuple[int, int, int, int], ...]  # (first row, first column, last row, last column)

    def at(self, row: int, column: int) -> Location:
        return Location(self.book, row, column, sheet=self.name)

    def value(self, row: int, column: int) -> Any:
        """The value shown at a cell, a merged range's value in every cell of the range."""
        cell = self.cells.get(self._origin(row, column))
        return cell.value if cell is not None else None

    def _origin(self, row: int, column: int) -> tuple[int, int]:
        for top, left, bottom, right in self.merged:
            if top <= row <= bottom and left <= column <= right:
                return top, left
        return row, column

    def bounds(self) -> tuple[int, int, int, int] | None:
        """(first row, first column, last row, last column) of what the sheet holds."""
        if not self.cells:
            return None
        rows = [r for r, _ in self.cells]
        columns = [c for _, c in self.cells]
        return min(rows), min(columns), max(rows), max(columns)


@dataclass
class Book:
    path: Path
    names: tuple[str, ...]  # the worksheets, in order
    _sheets: dict[str, Sheet] = field(default_factory=dict)
    _source: Any = None  # the openpyxl workbook (formulas kept)
    _values: Any = None  # the same workbook opened for its computed values, when it has formulas

    def sheet(self, name: str) -> Sheet | None:
        """The worksheet named `name` (its Unicode spelling normalised), or None."""
        wanted = unicodedata.normalize("NFC", name)
        match = next((n for n in self.names if unicodedata.normalize("NFC", n) == wanted), None)
        if match is None:
            return None
        if match not in self._sheets:
            self._sheets[match] = self._read(match)
        return self._sheets[match]

    def _read(self, name: str) -> Sheet:
        ws = self._source[name]
        if ws.max_row * ws.max_column > MAX_CELLS:
            raise _refuse(Location(self.path, sheet=name),
                          f"trang có quá nhiều ô ({ws.max_row:,} hàng × {ws.max_column:,} cột, tối đa {MAX_CELLS:,} ô)"
                          .replace(",", "."),
                          "xóa các hàng, cột thừa ở cuối trang (kể cả ô chỉ có định dạng), hoặc chép bảng sang một trang riêng.")
        cells: dict[tuple[int, int], Cell] = {}
        cached = None
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue
                if cell.data_type == "f":
                    if cached is None:
                        cached = self._computed()[name]
                    computed = cached.cell(cell.row, cell.column)
                    formula = value if isinstance(value, str) else str(getattr(value, "text", "="))
                    error = computed.value if computed.data_type == "e" else None
                    stored = computed.value
                    if stored is None and computed.data_type == "str":  # a formula whose result is ""
                        stored = ""
                    cells[(cell.row, cell.column)] = Cell(None if error else _plain(stored), formula, error)
                elif cell.data_type == "e":
                    cells[(cell.row, cell.column)] = Cell(None, None, str(value))
                else:
                    cells[(cell.row, cell.column)] = Cell(_plain(value))
        merged = tuple((r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges)
        return Sheet(self.path, name, cells, merged)

    def _computed(self):
        """The workbook opened a second time for the values its formulas last computed (openpyxl
        gives either a cell's formula or its stored value, not both); only for workbooks that have
        formulas where rows are read."""
        if self._values is None:
            self._values = _open(self.path, data_only=True)
        return self._values


def load(path: Path) -> Book:
    """The workbook at `path` (UserError, located at the workbook, when it cannot be read)."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        raise _refuse(Location(path), "không đọc được tệp bảng tính.", "kiểm tra đường dẫn và quyền đọc tệp.") from None
    return _load(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _load(path: Path, _mtime: int, size: int) -> Book:
    """Read once per version of the file: several tables may read one workbook, and --watch
    reads it again only when it was saved."""
    where = Location(path)
    suffix = path.suffix.lower()
    if suffix in _OTHER_FORMATS:
        raise _refuse(where, f"tệp là {_OTHER_FORMATS[suffix]}, baocao đọc bảng tính .xlsx.",
                      "mở tệp bằng Excel hoặc LibreOffice Calc rồi lưu thành «Excel Workbook (.xlsx)».")
    if suffix not in SUFFIXES:
        raise _refuse(where, "tệp không phải bảng tính .xlsx.", "ghi tên một tệp .xlsx (lưu từ Excel hoặc LibreOffice Calc).")
    if size > MAX_FILE_BYTES:
        raise _refuse(where, f"tệp bảng tính quá lớn ({size // 2**20} MB, tối đa {MAX_FILE_BYTES // 2**20} MB).",
                      "chép các trang cần dùng sang một tệp riêng.")
    # a special file, each part's declared and actual size, the ratios, the CRCs (read/files.py)
    files.check_package(path, "tệp bảng tính", "mở tệp bằng Excel hoặc LibreOffice Calc, bỏ mật khẩu nếu có, rồi lưu "
                        "lại thành .xlsx.", "tệp không phải bảng tính .xlsx hợp lệ (đã hỏng, hoặc có đặt mật khẩu).",
                        needed="xl/workbook.xml")
    source = _open(path, data_only=False)
    names = tuple(ws.title for ws in source.worksheets)
    return Book(path, names, _source=source)


def _open(path: Path, *, data_only: bool):
    try:
        with warnings.catch_warnings():  # openpyxl warns in English about parts it drops; nothing for a clerk
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, data_only=data_only, rich_text=False)
    except Exception:  # noqa: BLE001 - any failure of the parser on an untrusted file means it cannot be read
        raise _refuse(Location(path), "không đọc được tệp bảng tính: tệp đã hỏng hoặc không phải .xlsx.",
                      "mở tệp bằng Excel hoặc LibreOffice Calc rồi lưu lại thành .xlsx.") from None


def _plain(value: Any) -> Any:
    """Text in Unicode NFC, one spelling for "ủ" whatever the keyboard typed (as the YAML loader does)."""
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _refuse(where: Location, message: str, hint: str) -> UserError:
    return UserError(Finding(where, message, hint))
