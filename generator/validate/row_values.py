"""What one cell of a table row may hold, whether the row was typed in the data file or read from a
workbook's sheet (table_rows.py and sheet_rows.py both ask here, so the two agree)."""

from __future__ import annotations

import math
from typing import Any

from .table_kinds import Column

# A cell whose value was refused where it was read (a sheet's cell, already reported): the row keeps
# its place so that what depends on the cell says nothing more.
REFUSED_CELL = object()

PREVIOUS = "so_lieu_ky_truoc"  # a row's figures of the previous period, for the so_voi columns

# A sheet row's figures in columns baocao computes (a clerk's Tổng số): kept to be compared with what
# baocao computes, never printed. A key no YAML can write.
SHOWN = object()


def value_problem(col: Column, value: Any) -> str | None:
    """Why `value` cannot stand in column `col`, or None. A link (=…) is checked once resolved."""
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return f"số quá lớn hoặc không phải một số ({value!r})"
    if isinstance(value, str) and value.startswith("=") and col.kind != "chu":
        return None  # a link, resolved later
    if col.kind == "so":
        if isinstance(value, bool) or not isinstance(value, int):
            return f"cần một số nguyên, nhưng đang là {value!r}"
        if value < 0:
            return f"số đếm không âm, nhưng đang là {value}"
    elif col.kind == "ty_le":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"cần một tỷ lệ (số từ 0 đến 100), nhưng đang là {value!r}"
        if not 0 <= value <= 100:
            return f"tỷ lệ phải từ 0 đến 100, nhưng đang là {value}"
    elif col.kind == "chu":
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            return f"cần chữ, nhưng đang là {value!r}"
    elif not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return f"cần một số hoặc chữ, nhưng đang là {value!r}"
    return None
