"""A table's rows read against its kind: the second half of validating a data file with tables.

The data gives rows only, each a mapping of column codes to values; `con` nests sub-rows (numbered
under their row), `trong_do` gives "trong đó" parts, `cong_con: true` makes a group row the sum of
its sub-rows, `ma` names a row for citations, `so_lieu_ky_truoc` gives the previous period's
figures of a row directly. What a row may hold is decided by its kind (table_kinds.py); every
mistake is located at the row's key or value, and all are reported together. Rows are immutable:
what later steps compute (totals, STT numbers, layouts) they keep on their own side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Iterator

from ..errors import Finding
from ..read.loader import PathKey, Positions
from ..text.suggest import did_you_mean
from . import sheet_rows
from .row_values import MAX_COUNT, PREVIOUS, REFUSED_CELL, SHOWN, big, shown, value_problem
from .rules import Rule
from .table_kinds import CODE, TableKind, inline_kind, markup_problem, read_rules
from .types import GROUPED_NUMBER, readings

__all__ = ["PREVIOUS", "Row", "Table", "read_table", "read_tables", "value_problem"]

RESERVED_ROW_CODES = ("tong", "so_dong")  # =bang.tong.cot is the total row, =bang.so_dong the item count
_FLAGS = ("dam", "nghieng", "cong_con")


@dataclass(frozen=True, eq=False)
class Row:
    values: dict[str, Any]  # typed cells by column code, and the flags dam, nghieng, cong_con, ma
    path: PathKey
    level: int
    children: tuple[Row, ...] = ()
    parts: tuple[Row, ...] = ()  # "trong đó"
    is_part: bool = False
    first_part: bool = False
    previous: dict[str, int] | None = None  # so_lieu_ky_truoc
    refused: frozenset[str] = frozenset()  # cells whose typed value was refused (already reported)
    shown: dict[str, Any] | None = None  # a sheet's own figures in columns baocao computes (Tổng số)

    @property
    def code(self) -> str | None:
        return self.values.get("ma")


@dataclass(frozen=True, eq=False)
class Table:
    kind: TableKind
    code: str | None
    path: PathKey  # of the table block's `bang`
    rows: tuple[Row, ...]
    sheet: tuple[str, str] | None = None  # (workbook, sheet) its rows are kept in, as `excel:` names them
    rules: tuple[Rule, ...] = ()  # its kind's kiem_tra, then the block's own

    @property
    def name(self) -> str:
        """How messages name the table: its code, else its place in the data file."""
        return self.code or ".".join(str(p) for p in self.path)

    def walk(self) -> Iterator[Row]:
        """Every row in reading order: a row, its "trong đó" parts, then its sub-rows."""
        def visit(rows):
            for row in rows:
                yield row
                yield from visit(row.parts)
                yield from visit(row.children)
        yield from visit(self.rows)

    def items(self) -> Iterator[Row]:
        """The rows that carry figures of their own: no sub-rows, not a "trong đó" part."""
        return (row for row in self.walk() if not row.children and not row.is_part)


def read_tables(blocks: list[tuple[PathKey, Any]], kinds: dict[str, TableKind], positions: Positions,
                findings: list[Finding], *, previous: bool = False) -> tuple[list[Table], frozenset[str]]:
    """Every table block (path of its `bang`, the validated Bang) read against its kind; a table code
    used twice is refused, so that [=ma.dong.cot] names one table. Also the codes of the tables that
    could not be read at all (already reported), so that what cites them says nothing more.
    `previous`: the report names its previous period's file, so carried-over columns are derived."""
    tables: list[Table] = []
    first: dict[str, Table] = {}
    unread: set[str] = set()
    for path, block in blocks:
        table = read_table(block, path, kinds, positions, findings, previous=previous)
        if table is None:
            if block.ma:
                unread.add(block.ma)
            continue
        if table.code and table.code in first:
            earlier = positions.at(first[table.code].path + ("ma",))
            findings.append(Finding(positions.at(path + ("ma",)),
                                    f"mã bảng '{table.code}' đã dùng cho bảng ở {earlier.brief()}",
                                    "mỗi bảng một mã riêng, để [=ma.dong.cot] chỉ tới đúng một bảng."))
            continue
        if table.code:
            first[table.code] = table
        tables.append(table)
    return tables, frozenset(unread)


def read_table(block: Any, path: PathKey, kinds: dict[str, TableKind], positions: Positions,
               findings: list[Finding], *, previous: bool = False) -> Table | None:
    """Check a table's rows against its kind; `block` is the validated Bang (kieu, ma, and dong or excel).
    Its kind is a name in bang.yaml, or declared for this table alone (`kieu` written as a mapping)."""
    if isinstance(block.kieu, dict):
        kind = inline_kind(block.ma or "khai báo tại chỗ", block.kieu, path + ("kieu",), positions, findings)
        if kind is None:
            return None
    else:
        kind = kinds.get(block.kieu)
    if kind is None:
        hint = did_you_mean(block.kieu, kinds) or (
            "các kiểu bảng có trong templates/bang.yaml: " + ", ".join(kinds) + ".")
        findings.append(Finding(positions.at(path + ("kieu",)), f"không có kiểu bảng '{block.kieu}'", hint))
        return None
    if previous:
        kind = kind.with_previous
    raw_rows = block.dong
    if block.excel is not None:  # the rows kept in a workbook's sheet, each value located at its cell
        raw_rows = sheet_rows.read_rows(block.excel, path, kind, positions, findings)
        if raw_rows is None:
            return None
    rows = _rows(raw_rows, path + ("dong",), kind, 1, positions, findings, codes={})

    def bad(where: PathKey, message: str, hint: str | None = None, key: bool = False) -> None:
        findings.append(Finding(positions.at(where, key=key), (f"bảng {block.ma}: " if block.ma else "") + message, hint))

    own = read_rules(getattr(block, "kiem_tra", None) or None, kind, path + ("kiem_tra",), bad) or ()
    sheet = (block.excel.tep, block.excel.trang) if block.excel is not None else None
    return Table(kind, block.ma, path, tuple(rows), sheet, kind.rules + own)


def _rows(raw_rows: list, path: PathKey, kind: TableKind, level: int, positions: Positions,
          findings: list[Finding], *, codes: dict, parts: bool = False) -> list[Row]:
    """`codes`: row code -> where it was first given, across the whole table."""
    rows = []
    typed = kind.typed_keys

    def bad(where: PathKey, message: str, hint: str | None = None, *, key: bool = False) -> None:
        findings.append(Finding(positions.at(where, key=key), message, hint))

    for k, raw in enumerate(raw_rows):
        where = path + (k,)
        if not isinstance(raw, dict):
            bad(where, "mỗi dòng của bảng cần là một nhóm khóa (mã cột: giá trị)",
                "các mã cột của kiểu bảng này: " + ", ".join(typed) + ".")
            continue
        values: dict[str, Any] = {}
        previous = None
        refused: set[str] = set()
        for key, value in raw.items():
            if key in ("con", "trong_do") or key is SHOWN:
                continue
            if key in _FLAGS:
                if not isinstance(value, bool):
                    bad(where + (key,), f"'{key}' cần là true hoặc false, đang là {shown(value)}",
                        "viết true hoặc false, không đặt trong dấu nháy.")
                    continue
                values[key] = value
            elif key == "ma":
                if not isinstance(value, str) or not CODE.match(value) or value in RESERVED_ROW_CODES:
                    bad(where + (key,), f"mã dòng {shown(value)} không dùng được",
                        "viết thường, không dấu, bắt đầu bằng chữ cái (ví dụ dat_dai); 'tong' và 'so_dong' đã có nghĩa riêng.")
                elif value in codes:
                    bad(where + (key,), f"mã dòng '{value}' đã dùng ở {positions.at(codes[value]).brief()}",
                        "mỗi dòng một mã riêng, để [=bang.ma_dong.cot] chỉ tới đúng một dòng.")
                else:
                    codes[value] = where + (key,)
                    values[key] = value
            elif key == PREVIOUS:
                previous = _previous(value, where + (key,), kind, bad)
            elif not _cell(kind, key, value, where, typed, bad, values, positions.raw.get(where + (key,), "")):
                refused.add(str(key))
        children = _rows(_sub(raw, "con", where, bad), where + ("con",), kind, level + 1, positions, findings,
                         codes=codes)
        row_parts = _rows(_sub(raw, "trong_do", where, bad), where + ("trong_do",), kind, level + 1, positions,
                          findings, codes=codes, parts=True)
        if row_parts:
            row_parts[0] = replace(row_parts[0], first_part=True)
        if values.get("cong_con"):
            if not children:
                bad(where + ("cong_con",), "'cong_con: true' cộng các dòng con, nhưng dòng này không có 'con'",
                    "thêm các dòng con dưới 'con:', hoặc xóa 'cong_con'.")
            for key in typed:
                if key in values and kind.by_key[key].kind in ("so", "gia_tri"):
                    bad(where + (key,), f"dòng này cộng các dòng con (cong_con), không gõ số ở cột '{key}'",
                        "xóa số này, hoặc bỏ 'cong_con' nếu muốn gõ số cho dòng nhóm.")
        rows.append(Row(values, where, level, tuple(children), tuple(row_parts), is_part=parts, previous=previous,
                        refused=frozenset(refused), shown=raw.get(SHOWN)))
    return rows


def _sub(raw: dict, key: str, where: PathKey, bad) -> list:
    sub = raw.get(key)
    if sub is not None and not isinstance(sub, list):
        bad(where + (key,), f"'{key}' cần là danh sách các dòng, mỗi dòng bắt đầu bằng '- '",
            f"viết mỗi dòng con một dòng bắt đầu bằng '- ', thụt vào dưới '{key}:'.")
        return []
    return sub or []


def _cell(kind: TableKind, key: Any, value: Any, where: PathKey, typed: list[str], bad, values: dict,
          raw: str = "") -> bool:
    """Put a typed cell into `values`; False (and a finding) when it is refused. `raw` is the cell as
    typed (1.612 before YAML read it as a decimal)."""
    if value is REFUSED_CELL:  # refused where it was read, and reported there
        return False
    col = kind.by_key.get(key)
    if col is None or key == "_stt":
        hint = did_you_mean(str(key), [k for k in typed if k != "_stt"])
        if not CODE.match(str(key)):  # "{linh_vuc: Quy hoạch, kiến trúc}": the comma split the text
            hint = ("trong {…} dấu phẩy ngăn các ô: chữ có dấu phẩy phải đặt trong dấu nháy, "
                    "ví dụ linh_vuc: \"Quy hoạch, kiến trúc\".")
        bad(where + (key,), f"bảng kiểu '{kind.name}' không có cột '{key}'",
            hint or "các mã cột của kiểu bảng này: " + ", ".join(typed) + ".", key=True)
        return False
    if col.derive is not None and col.derive[0] == "ky_truoc":
        bad(where + (key,), f"cột '{key}' lấy số '{col.derive[1]}' của dòng tương ứng ở tệp kỳ trước (ky_truoc), "
            "không gõ vào", f"xóa '{key}' ở dòng này; chưa có tệp kỳ trước thì bỏ ky_truoc và gõ số.", key=True)
        return True
    if col.derive is not None:
        bad(where + (key,), f"cột '{key}' do baocao tự tính (tổng, hiệu hoặc tỷ lệ), không gõ vào",
            "xóa dòng này; baocao tính từ các cột thành phần.", key=True)
        return True  # nothing is lost: the column is computed anyway
    if value is None and col.kind != "chu":  # `moi:` left blank (as `baocao ky-moi` leaves a figure to fill)
        bad(where + (key,), f"cột '{key}': ô chưa điền số liệu",
            f"điền số liệu của kỳ này (viết liền, không dấu chấm); ô không có số liệu thì xóa cả '{key}:'.")
        return False
    problem = value_problem(col, value)
    if problem is None and isinstance(value, str) and not value.startswith("="):
        text_problem = markup_problem(value)
        problem = f"chữ trong ô: {text_problem}" if text_problem else None
    if problem and col.kind == "so" and GROUPED_NUMBER.fullmatch(raw.strip()):  # 1.612: YAML read 1,612
        bad(where + (key,), f"cột '{key}': số đếm '{raw.strip()}' viết có dấu phân cách hàng nghìn",
            f"viết {re.sub(r'[^0-9]', '', raw)}: số viết liền, không dấu chấm (văn bản tự in dấu chấm).")
        return False
    grouped = readings(raw, decimal=True) if col.kind == "gia_tri" and not isinstance(value, int) else None
    if grouped:  # 15.320, which YAML read as 15.32
        bad(where + (key,), f"cột '{key}': {grouped[0]}", grouped[1])
        return False
    if problem:
        bad(where + (key,), f"cột '{key}': {problem}",
            "số đếm viết liền không dấu chấm (ví dụ 1297); ô trống thì bỏ khóa; dấu * đứng riêng viết \\*.")
        return False
    values[key] = value
    return True


def _previous(value: Any, where: PathKey, kind: TableKind, bad) -> dict[str, int] | None:
    """`so_lieu_ky_truoc`: the previous period's figures of the columns a `so_voi` column compares."""
    compared = [leaf.derive[1] for leaf in kind.leaves if leaf.derive and leaf.derive[0] == "so_voi"]
    if not compared:
        bad(where, f"bảng kiểu '{kind.name}' không có cột so với kỳ trước, không cần '{PREVIOUS}'",
            f"xóa '{PREVIOUS}' ở dòng này.", key=True)
        return None
    if not isinstance(value, dict):
        bad(where, f"'{PREVIOUS}' cần là nhóm số liệu kỳ trước theo mã cột, ví dụ {{phong: 13, lanh_dao: 2}}",
            "viết số liệu kỳ trước theo mã cột trong { }, ví dụ {phong: 13, lanh_dao: 2}.")
        return None
    kept = {}
    for key, figure in value.items():
        if key not in compared:
            bad(where + (key,), f"'{PREVIOUS}' không có cột '{key}' để so sánh",
                did_you_mean(str(key), compared) or "các cột so sánh được: " + ", ".join(compared) + ".", key=True)
        elif isinstance(figure, bool) or not isinstance(figure, int) or not 0 <= figure <= MAX_COUNT:
            bad(where + (key,), f"số liệu kỳ trước của cột '{key}' cần là số nguyên không âm "
                                f"(tối đa {big(MAX_COUNT)}), "
                                f"đang là {shown(figure)}", "viết số đếm liền, không dấu chấm, ví dụ 13.")
        else:
            kept[key] = figure
    return kept
