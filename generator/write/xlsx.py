"""Workbooks written deterministically, and what the two workbooks baocao writes share.

openpyxl stamps the workbook's core properties with the current time when it saves, and its zip
entries with the current time too; here the properties carry a fixed date given by the caller
(the document's date) and the zip is rewritten with fixed entry times (docx.fixed_zip), so the
same data gives the same bytes. Numbers are written with Vietnamese display formats: the
`[$-42A]` locale tag (Vietnamese) makes LibreOffice show `#,##0` as 9.737 and `0.0%` as 99,9%
whatever its own language; Excel shows the separators of the computer's regional settings.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal
from typing import Any

from functools import cache

from .. import lazy
from ..derive.table_layout import HeaderCell
from ..text import markup
from .docx import fixed_zip

# openpyxl only for the commands and options that write a workbook (lazy.py): not `build` without --excel
openpyxl = lazy.module("openpyxl")
styles = lazy.module("openpyxl.styles")
utils = lazy.module("openpyxl.utils")
excel = lazy.module("openpyxl.writer.excel")

VI = "[$-42A]"  # Vietnamese
INTEGER = VI + "#,##0"
CHANGE = VI + "+#,##0;-#,##0;0"  # +2 / -1 / 0, as the document prints a Tăng (+)/giảm (-) column
FONT = "Times New Roman"
WIDTH_PER_UNIT = 12  # a column of relative width 1 (templates/bang.yaml) is 12 characters wide
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


@cache
def border():
    thin = styles.Side(style="thin", color="000000")
    return styles.Border(left=thin, right=thin, top=thin, bottom=thin)


@cache
def header_fill():
    return styles.PatternFill("solid", fgColor="F2F2F2")


@cache
def computed_fill():
    return styles.PatternFill("solid", fgColor="D9D9D9")


def number_format(value: float | int | Decimal, *, percent: bool = False) -> str:
    """A Vietnamese display format with as many decimals as the value has (the document trims
    trailing zeros: 99,9 and 100, never 100,0)."""
    decimals = _decimals(value * 100 if percent else value)
    base = "#,##0" if not percent else "0"
    return VI + base + ("." + "0" * decimals if decimals else "") + ("%" if percent else "")


def _decimals(value: float | int | Decimal) -> int:
    text = format(Decimal(str(value)) if isinstance(value, float) else Decimal(value), "f")
    return min(len(text.partition(".")[2].rstrip("0")), 10)


def plain(text: str) -> str:
    """A cell's words without the document's markup (*nghiêng*, **đậm**, ^[chú thích])."""
    if not any(mark in text for mark in ("*", "^[", "\\")):
        return text
    try:
        return "".join(r.text for r in markup.parse_inline(text) if isinstance(r, markup.Run))
    except markup.MarkupError:
        return text


def sheet_names(wanted: list[str]) -> list[str]:
    """Valid, distinct sheet names for `wanted`: at most 31 characters, none of []:*?/\\, and
    "(2)", "(3)"… after a repeated name (Excel compares names without regard to case)."""
    names: list[str] = []
    seen: set[str] = set()
    for name in wanted:
        base = _BAD_SHEET_CHARS.sub("-", name).strip("' ") or "Bảng"
        candidate, n = base[:31], 2
        while candidate.casefold() in seen:
            suffix = f" ({n})"
            candidate, n = base[:31 - len(suffix)] + suffix, n + 1
        seen.add(candidate.casefold())
        names.append(candidate)
    return names


def write_header(ws, header: tuple[tuple[HeaderCell, ...], ...], first_row: int, first_column: int = 1) -> None:
    """A layout's header rows at `first_row`, each cell merged over the columns and rows it spans
    as in the document (derive/table_layout.py places the header tree on the grid)."""
    for r, cells in enumerate(header):
        column = first_column
        for cell in cells:
            row = first_row + r
            if not cell.continued:
                target = ws.cell(row, column, plain(cell.text))
                target.font = styles.Font(name=FONT, bold=True)
                target.alignment = styles.Alignment(horizontal="center", vertical="center", wrap_text=True)
                if cell.columns > 1 or cell.rows > 1:
                    ws.merge_cells(start_row=row, start_column=column, end_row=row + max(cell.rows, 1) - 1,
                                   end_column=column + cell.columns - 1)
            for k in range(cell.columns):  # every cell of a merged range carries the border and fill
                ws.cell(row, column + k).border = border()
                ws.cell(row, column + k).fill = header_fill()
            column += cell.columns


def set_widths(ws, widths: list[float], first_column: int = 1) -> None:
    for k, width in enumerate(widths):
        ws.column_dimensions[utils.get_column_letter(first_column + k)].width = max(6.0, round(width * WIDTH_PER_UNIT, 1))


def title_row(ws, row: int, text: str, columns: int) -> None:
    cell = ws.cell(row, 1, text)
    cell.font = styles.Font(name=FONT, bold=True, size=13)
    cell.alignment = styles.Alignment(horizontal="left", vertical="center", wrap_text=False)


def workbook_bytes(wb: openpyxl.Workbook, *, author: str, created: dt.date) -> bytes:
    """The workbook's bytes: the same workbook always gives the same bytes (fixed dates)."""
    stamp = dt.datetime.combine(created, dt.time())
    wb.properties.creator = wb.properties.lastModifiedBy = author
    wb.properties.created = wb.properties.modified = stamp
    raw = io.BytesIO()
    # ExcelWriter rather than Workbook.save: save() stamps `modified` with the current time.
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        excel.ExcelWriter(wb, archive).save()
    return fixed_zip(raw.getvalue())


def new_workbook() -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    return wb


def store(cell, value: Any) -> None:
    """Put `value` in `cell` as what it is: a text that begins with "=" (a link, =bang.dong.cot)
    stays text, never a formula."""
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
        cell.quotePrefix = True
