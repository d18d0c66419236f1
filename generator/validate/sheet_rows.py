"""A table's rows taken from a workbook's sheet (`excel: {tep, trang, vung}` in a table block).

The sheet is mapped onto the table's kind and turned into the rows the data file would have typed,
which table_rows.py then validates exactly as typed rows; each value keeps its cell, so every
message names it: `so-lieu.xlsx, trang «Hồ sơ», ô C7`.

How a sheet is read (README, "Bảng số liệu giữ trong Excel"):
- Its columns are found by sheet_columns.py; a typed column missing, a column the kind does not
  have, a column given twice: each is refused.
- Below the header every non-empty row is a row of the table. `ROW_COLUMNS` give what a typed row
  says with keys: `cap` nests a row under the nearest row above of the level before (a group row's
  sub-rows, or with `trong_do` its "trong đó" parts), `ma` names it for citations, the flags print
  it bold or italic or make it the sum of its sub-rows; `so_lieu_ky_truoc.<cột>` columns give the
  previous period's figures.
- Numbers typed as Vietnamese text (`9.737`, `99,9`, `99,9%`) are read with Babel's Vietnamese
  rules; a text whose meaning is open (`1,234`: 1,234 or 1234? `1.5`) is refused, not guessed, and
  so is a date in a number column (Excel turns `10/10` into 10 October). A merged cell inside the
  rows, a formula whose value was never computed, an error value (#DIV/0!) are refused too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .. import lazy
from ..errors import Finding, Location, UserError, column_letter
from ..read import workbook
from ..read import files
from ..read.loader import PathKey, Positions
from ..text.suggest import did_you_mean
from .row_values import PREVIOUS, REFUSED_CELL, SHOWN, value_problem
from .sheet_columns import ROW_COLUMNS, Target, columns_of, plain, previous_code
from .table_kinds import Column, TableKind

numbers = lazy.module("babel.numbers")  # only for a table kept in a workbook (lazy.py)

_FLAGS = ("trong_do", "dam", "nghieng", "cong_con")
_YES = {"x", "có", "co", "1", "true", "yes"}
_NO = {"không", "khong", "0", "false", "no"}
MAX_LEVEL = 6
_NUMBERISH = re.compile(r"^[+-]?[\d.,\s\u00a0]+%?$")
_OPEN_COMMA = re.compile(r"^[+-]?\d{1,3},\d{3}$")  # 1,234: a Vietnamese 1,234 or an English 1234?


def read_rows(source: Any, path: PathKey, kind: TableKind, positions: Positions,
              findings: list[Finding]) -> list[dict] | None:
    """The rows of the table block at `path` (its `bang`) from the sheet `source` (the validated
    NguonExcel), as a typed table's `dong`, each value's cell recorded in `positions`; None, with
    findings, when the sheet cannot give them."""
    def yaml_at(key: str) -> Location:
        return positions.at(path + ("excel", key))

    file = positions.file.parent / source.tep
    unusable = files.problem(file, "tệp bảng tính")
    if unusable is not None and unusable.missing:
        findings.append(Finding(yaml_at("tep"), f"không tìm thấy tệp bảng tính '{source.tep}' (tìm ở {file})",
                                "ghi đường dẫn tính từ thư mục chứa tệp số liệu; tạo biểu mẫu để điền bằng "
                                "'baocao bieu' (xem README)."))
        return None
    if unusable is not None:  # a folder, a FIFO, a device, a name too long: said, never opened
        findings.append(Finding(yaml_at("tep"), f"'tep: {source.tep}': {unusable.message}", unusable.hint))
        return None
    try:
        book = workbook.load(file)
        sheet = book.sheet(source.trang)
    except UserError as exc:
        findings.extend(exc.findings)
        return None
    if sheet is None:
        names = ", ".join(f"«{n}»" for n in book.names)
        findings.append(Finding(yaml_at("trang"), f"tệp {source.tep} không có trang «{source.trang}» (các trang có: {names})",
                                did_you_mean(source.trang, list(book.names))
                                or "ghi đúng tên trang (thẻ trang dưới đáy cửa sổ Excel), hoặc đổi lại tên trang."))
        return None
    area = _area(source, sheet, yaml_at, findings)
    if area is None:
        return None
    header = columns_of(sheet, area, kind, findings)
    if header is None:
        return None
    last_header, columns = header
    _merged_in_rows(sheet, area, last_header, findings)
    rows = _rows(sheet, area, last_header, columns, kind, findings)  # read on despite a finding: all come in one run
    given = {target.key for target in columns.values() if target.role == "cot"}
    for row in rows:  # a typed column the sheet lacks is reported once: its cells count as refused, not blank
        row.values.update({key: REFUSED_CELL for key in kind.typed_keys if key not in given and key not in row.values})
    if not rows:
        findings.append(Finding(Location(sheet.book, last_header, sheet=sheet.name),
                                "trang không có dòng số liệu nào dưới hàng tiêu đề",
                                "điền các dòng của bảng ngay dưới hàng tiêu đề (hoặc hàng mã cột)."))
        return None
    return _nest(rows, path + ("dong",), sheet, positions, findings)


def _area(source: Any, sheet: workbook.Sheet, yaml_at, findings: list[Finding]) -> tuple[int, int, int, int] | None:
    if source.vung:
        bounds = _range(source.vung)
        if bounds is None:
            findings.append(Finding(yaml_at("vung"), f"vùng '{source.vung}' không đọc được",
                                    "ghi ô đầu và ô cuối của bảng, ví dụ A3:L40."))
        return bounds
    bounds = sheet.bounds()
    if bounds is None:
        findings.append(Finding(Location(sheet.book, sheet=sheet.name), "trang này trống",
                                "điền bảng vào trang, hoặc ghi đúng tên trang có bảng."))
    return bounds


def _range(text: str) -> tuple[int, int, int, int] | None:
    m = re.fullmatch(r"\s*\$?([A-Za-z]{1,3})\$?(\d{1,7})\s*:\s*\$?([A-Za-z]{1,3})\$?(\d{1,7})\s*", text)
    if not m:
        return None
    left, top, right, bottom = _column_number(m[1]), int(m[2]), _column_number(m[3]), int(m[4])
    if top < 1 or top > bottom or left > right:
        return None
    return top, left, bottom, right


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - ord("A") + 1
    return number


def _merged_in_rows(sheet, area, last_header: int, findings: list[Finding]) -> None:
    top, left, bottom, right = area
    for first_row, first_col, last_row, last_col in sheet.merged:
        if last_row > last_header and first_row <= bottom and first_col <= right and last_col >= left:
            cells = f"{column_letter(first_col)}{first_row}:{column_letter(last_col)}{last_row}"
            findings.append(Finding(sheet.at(first_row, first_col),
                                    f"các ô {cells} đang gộp (merge) trong vùng số liệu của bảng",
                                    "bỏ gộp ô (Merge & Center → Unmerge Cells) và ghi mỗi ô một giá trị; "
                                    "chỉ hàng tiêu đề được gộp ô."))


@dataclass
class _Row:
    number: int  # its row in the sheet
    first: int  # its first column read
    values: dict[str, Any]
    cells: dict[str, int]  # key → its column
    level: int
    part: bool


def _rows(sheet, area, last_header: int, columns: dict[int, Target], kind: TableKind,
          findings: list[Finding]) -> list[_Row]:
    _, left, bottom, right = area
    rows: list[_Row] = []
    reported: set[int] = set()  # columns whose cells are reported once, at the first

    def once(number: int, col: int, message: str, hint: str) -> None:
        if col not in reported:
            reported.add(col)
            findings.append(Finding(sheet.at(number, col), message, hint))

    for number in range(last_header + 1, bottom + 1):
        values: dict[str, Any] = {}
        cells: dict[str, int] = {}
        previous: dict[str, Any] = {}
        level, part, first = 1, False, None
        for col in range(left, right + 1):
            cell = sheet.cells.get((number, col))
            if cell is None:
                continue
            target = columns.get(col)
            if target is None:
                once(number, col, "ô có số liệu nhưng cột không có tiêu đề của bảng",
                     "ghi tiêu đề (hoặc mã) cho cột này, hoặc xóa các ô của nó; ghi 'vung' để chỉ đọc phần bảng.")
                continue
            if target.role == "khong_ten":
                once(number, col, f"ô có số liệu nhưng cột dưới «{target.key}» không có chữ tiêu đề của mình",
                     "ghi chữ tiêu đề của cột như trong văn bản (xem các cột của kiểu bảng ở templates/bang.yaml).")
                continue
            if target.role == "bo_qua" and target.column is not None and target.column.derive is not None \
                    and target.column.derive[0] in ("tong", "hieu"):
                shown_value = _stored(cell, sheet.at(number, col), [])
                if isinstance(shown_value, (int, float)) and not isinstance(shown_value, bool):
                    values.setdefault(SHOWN, {})[target.key], cells[target.key] = shown_value, col
                continue  # a total the sheet computes itself: compared with baocao's (checks/rules.py)
            if target.role in ("bo_qua", "extra"):
                continue
            where = sheet.at(number, col)
            reported_before = len(findings)
            value = _stored(cell, where, findings)
            if value is None:
                if len(findings) > reported_before and target.role == "cot":
                    values[target.key] = REFUSED_CELL
                continue
            first = col if first is None else first
            if target.role == "cot":
                value = _figure(value, target.column, where, findings)
                values[target.key], cells[target.key] = (value if value is not None else REFUSED_CELL), col
            elif target.role == "truoc":
                value = _figure(value, target.column, where, findings)
                if value is not None:
                    previous[target.key], cells[previous_code(target.key)] = value, col
            elif target.key == "cap":
                level = _level(value, where, findings) or level
            elif target.key in _FLAGS:
                flag = _flag(value, target.key, where, findings)
                if target.key == "trong_do":
                    part = bool(flag)
                elif flag:
                    values[target.key], cells[target.key] = True, col
            else:  # ma
                values["ma"], cells["ma"] = str(value).strip() if isinstance(value, str) else value, col
        if previous:
            values[PREVIOUS] = previous
        if first is not None:
            rows.append(_Row(number, first, values, cells, level, part))
    return rows


def _stored(cell: workbook.Cell, where: Location, findings: list[Finding]) -> Any:
    if cell.error:
        findings.append(Finding(where, f"ô đang báo lỗi {cell.error}" + (f" (công thức {cell.formula})" if cell.formula else ""),
                                "sửa công thức hoặc gõ giá trị vào ô."))
        return None
    if cell.formula and cell.value is None:
        findings.append(Finding(where, f"ô có công thức {cell.formula} nhưng tệp chưa lưu giá trị đã tính "
                                       "(tệp được tạo bằng chương trình và chưa từng được mở trong Excel hay LibreOffice)",
                                "mở tệp bằng Excel hoặc LibreOffice Calc rồi lưu lại (giá trị được tính và lưu kèm), "
                                "hoặc gõ giá trị thay cho công thức."))
        return None
    value = cell.value
    if isinstance(value, str):  # spaces around a text are a spreadsheet's accident, as in YAML
        return value.strip() or None
    return value


def _figure(value: Any, col: Column, where: Location, findings: list[Finding]) -> Any:
    """A cell's value for a column of the kind: numbers from number cells or from Vietnamese text,
    text as typed; None (with a finding) when its meaning is not clear."""
    def bad(message: str, hint: str) -> None:
        findings.append(Finding(where, message, hint))

    number_hint = "gõ số vào ô (ví dụ 1297, hay 1.297 theo cách viết Việt Nam); ô trống thì để trống."
    if isinstance(value, bool):
        bad(f"ô chứa giá trị đúng/sai ({'TRUE' if value else 'FALSE'}), cột «{plain(col.label)}» không nhận giá trị này", number_hint)
        return None
    if isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        if col.kind == "chu" and isinstance(value, dt.datetime) and value.time() == dt.time():
            return value.strftime("%d/%m/%Y")
        shown = value.strftime("%d/%m/%Y") if isinstance(value, (dt.date, dt.datetime)) else str(value)
        bad(f"ô chứa một ngày ({shown}) nhưng cột «{plain(col.label)}» cần {_wanted(col)}: Excel có thể đã tự đổi "
            "chữ như «10/10» thành ngày",
            "định dạng ô là Text rồi gõ lại (hoặc gõ dấu nháy đơn ở đầu, ví dụ '10/10), hoặc gõ đúng số.")
        return None
    if isinstance(value, float):
        value = float(f"{value:.15g}")  # Excel keeps 15 significant digits; 99.9 is stored as 99.900000000000006
        if value.is_integer() and col.kind in ("so", "gia_tri"):
            value = int(value)
    elif isinstance(value, str) and col.kind != "chu" and not value.startswith("="):
        text = value.strip()
        if col.kind == "gia_tri" and (not _NUMBERISH.match(text) or text.endswith("%")):
            return value  # a text value ("13/13", "100%", "Đang triển khai")
        if not _NUMBERISH.match(text):
            bad(f"ô chứa chữ «{value}» nhưng cột «{plain(col.label)}» cần {_wanted(col)}", number_hint)
            return None
        number = _vietnamese_number(text.rstrip("%").strip() if col.kind == "ty_le" else text)
        if number is None:
            bad(f"«{text}» không rõ là số nào: baocao đọc số theo cách viết Việt Nam (dấu chấm ngăn hàng nghìn, "
                "dấu phẩy ngăn phần thập phân) và không đoán",
                "gõ số vào ô dạng số, hoặc viết rõ theo cách Việt Nam: 1.234 (một nghìn hai trăm ba mươi tư), 1,5 (một phẩy năm).")
            return None
        value = int(number) if number == number.to_integral_value() else float(number)
    problem = value_problem(col, value)
    if problem:
        bad(f"cột «{plain(col.label)}»: {problem}", number_hint)
        return None
    return value


def _wanted(col: Column) -> str:
    return {"so": "một số đếm", "ty_le": "một tỷ lệ", "gia_tri": "một số hoặc chữ"}.get(col.kind, "chữ")


def _vietnamese_number(text: str) -> Decimal | None:
    """`9.737` → 9737, `99,9` → 99.9 (Babel's Vietnamese rules, strictly); None for a text that
    could mean two numbers (`1,234`, `1.5`, `1,234.5`)."""
    if _OPEN_COMMA.match(text):
        return None
    try:
        return numbers.parse_decimal(text.replace("\u00a0", "").replace(" ", ""), locale="vi", strict=True)
    except numbers.NumberFormatError:
        return None


def _level(value: Any, where: Location, findings: list[Finding]) -> int | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_LEVEL:
        findings.append(Finding(where, f"cấp của dòng cần là một số từ 1 đến {MAX_LEVEL}, đang là «{value}»",
                                "1 (hay để trống) cho dòng thường; 2 cho dòng con của dòng cấp 1 ngay trên, 3 cho dòng con "
                                "của dòng cấp 2…"))
        return None
    return value


def _flag(value: Any, key: str, where: Location, findings: list[Finding]) -> bool | None:
    text = str(value).strip().casefold() if not isinstance(value, bool) else ("true" if value else "false")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = str(int(value)) if float(value).is_integer() else text
    if text in _YES:
        return True
    if text in _NO:
        return False
    findings.append(Finding(where, f"cột «{ROW_COLUMNS[key]}» ghi x (có) hoặc để trống, đang là «{value}»",
                            "ghi x cho dòng có tính chất này, để trống cho dòng không có."))
    return None


def _nest(rows: list[_Row], path: PathKey, sheet, positions: Positions, findings: list[Finding]) -> list[dict] | None:
    """The sheet's flat rows nested by their levels, each value's cell recorded at its key path."""
    top: list[dict] = []
    stack: list[tuple[int, dict, PathKey]] = []
    for row in rows:
        while stack and stack[-1][0] >= row.level:
            stack.pop()
        raw = dict(row.values)
        if row.level == 1 and not row.part:
            where = path + (len(top),)
            top.append(raw)
        elif not stack or stack[-1][0] != row.level - 1 or (row.part and row.level == 1):
            above = stack[-1][0] if stack else 0
            findings.append(Finding(sheet.at(row.number, row.first),
                                    f"dòng cấp {row.level}{' (trong đó)' if row.part else ''} không đứng dưới một dòng "
                                    f"cấp {row.level - 1 if row.level > 1 else 1}"
                                    + (f" (dòng trên là cấp {above})" if above else ""),
                                    "dòng con (hay phần «trong đó») ghi cấp lớn hơn đúng một bậc so với dòng nó thuộc về, "
                                    "ngay bên dưới dòng đó; dòng đầu bảng là cấp 1."))
            return None
        else:
            parent_level, parent, parent_path = stack[-1]
            key = "trong_do" if row.part else "con"
            siblings = parent.setdefault(key, [])
            where = parent_path + (key, len(siblings))
            siblings.append(raw)
        positions.elsewhere[where] = sheet.at(row.number, row.first)
        for key, col in row.cells.items():
            step = tuple(key.split(".", 1)) if key.startswith(PREVIOUS + ".") else (key,)
            positions.elsewhere[where + step] = sheet.at(row.number, col)
        stack.append((row.level, raw, where))
    return top
