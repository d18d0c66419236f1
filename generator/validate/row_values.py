"""What one cell of a table row may hold, whether the row was typed in the data file or read from a
workbook's sheet (table_rows.py and sheet_rows.py both ask here, so the two agree)."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from .table_kinds import Column

# A cell whose value was refused where it was read (a sheet's cell, already reported): the row keeps
# its place so that what depends on the cell says nothing more.
REFUSED_CELL = object()

PREVIOUS = "so_lieu_ky_truoc"  # a row's figures of the previous period, for the so_voi columns

# A sheet row's figures in columns baocao computes (a clerk's Tổng số): kept to be compared with what
# baocao computes, never printed. A key no YAML can write.
SHOWN = object()


MAX_COUNT = 10**12  # a count in a cell (as types.So)
MAX_VALUE = 10**15  # a figure of a gia_tri column (as types.SoTien)


def value_problem(col: Column, value: Any) -> str | None:
    """Why `value` cannot stand in column `col`, or None. A link (=…) is checked once resolved.
    Every figure has a range for its column's kind: a count, a percentage, a figure."""
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return f"số quá lớn hoặc không phải một số ({shown(value)})"
    if isinstance(value, str) and value.startswith("=") and col.kind != "chu":
        return None  # a link, resolved later
    if col.kind == "so":
        if isinstance(value, bool) or not isinstance(value, int):
            return f"cần một số nguyên, nhưng đang là {shown(value)}"
        if value < 0:
            return f"số đếm không âm, nhưng đang là {value}"
        if value > MAX_COUNT:
            return f"số đếm quá lớn ({shown(value)}; tối đa {big(MAX_COUNT)})"
    elif col.kind == "ty_le":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"cần một tỷ lệ (số từ 0 đến 100), nhưng đang là {shown(value)}"
        if not 0 <= value <= 100:
            return f"tỷ lệ phải từ 0 đến 100, nhưng đang là {shown(value)}"
    elif not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return f"cần {'chữ' if col.kind == 'chu' else 'một số hoặc chữ'}, nhưng đang là {shown(value)}"
    elif isinstance(value, (int, float)) and not -MAX_VALUE <= value <= MAX_VALUE:
        return f"số quá lớn ({shown(value)}; tối đa {big(MAX_VALUE)})"
    if isinstance(value, float) and value and Decimal(repr(value)).as_tuple().exponent < -6:
        return f"số có quá nhiều chữ số thập phân hoặc quá nhỏ ({shown(value)}; tối đa 6 chữ số thập phân)"
    return None


def shown(value: Any) -> str:
    """A value quoted in a message: its repr, at most 60 characters."""
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def big(n: int) -> str:
    return f"{n:,}".replace(",", ".")
