"""`baocao build --excel`: every table of a data file, as built, in one workbook.

One sheet per table, named after it (its code, else its kind), in the document's order: the
table's caption (the title of the section it stands in), the header merged as in the document,
then every row with what baocao computed — totals, rates, Tăng/giảm, STT and TỔNG CỘNG — numbers
stored as numbers (a rate as a fraction with a percent format) and shown the Vietnamese way, so a
superior body can add up the units' workbooks and each cell reads as the document prints it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..derive.table_layout import TableLayout
from ..derive.values import Change, Rate, is_number
from ..text import vi_format as vi
from . import xlsx


@dataclass(frozen=True)
class BuiltTable:
    name: str  # what its sheet is named after: the table's code, or its kind
    caption: str  # the title of the section the table stands in
    layout: TableLayout


HEADER_ROW = 3  # row 1 holds the caption, row 2 is blank


def tables_workbook(tables: list[BuiltTable], *, author: str, created: dt.date) -> bytes:
    wb = xlsx.new_workbook()
    for table, name in zip(tables, xlsx.sheet_names([t.name for t in tables])):
        _sheet(wb.create_sheet(name), table)
    return xlsx.workbook_bytes(wb, author=author, created=created)


def _sheet(ws, table: BuiltTable) -> None:
    layout = table.layout
    xlsx.title_row(ws, 1, xlsx.plain(table.caption), len(layout.widths))
    xlsx.write_header(ws, layout.header, HEADER_ROW)
    first_body = HEADER_ROW + len(layout.header)
    for r, body in enumerate(layout.rows):
        row = first_body + r
        column = 1
        for cell in body.cells:
            target = ws.cell(row, column)
            _value(target, cell.value, cell.text)
            target.font = xlsx.styles.Font(name=xlsx.FONT, bold=body.bold, italic=body.italic)
            target.alignment = xlsx.styles.Alignment(horizontal=cell.align, vertical="center", wrap_text=True)
            for k in range(cell.columns):
                ws.cell(row, column + k).border = xlsx.border()
            if cell.columns > 1:
                ws.merge_cells(start_row=row, start_column=column, end_row=row, end_column=column + cell.columns - 1)
            column += cell.columns
    xlsx.set_widths(ws, list(layout.widths))
    ws.freeze_panes = ws.cell(first_body, 1)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{first_body - 1}"  # the header repeats on every printed page


def _value(target, value, text: str) -> None:
    """A cell as a number with its display format where the document shows a number, else its text."""
    if isinstance(value, Rate):
        shown = vi.lam_tron(value.value, value.digits)  # as the document prints it: 99,95%, never 100%
        fraction = shown / 100
        target.value = float(fraction)
        target.number_format = xlsx.number_format(fraction, percent=True)
    elif isinstance(value, Change):
        target.value = int(value.value) if Decimal(value.value) == int(value.value) else float(value.value)
        target.number_format = xlsx.CHANGE if isinstance(target.value, int) else \
            xlsx.number_format(target.value).replace(xlsx.VI, xlsx.VI + "+", 1)
    elif is_number(value) and text.endswith("%"):  # a column printed with a "%" after the number
        fraction = Decimal(str(value)) / 100
        target.value = float(fraction)
        target.number_format = xlsx.number_format(fraction, percent=True)
    elif is_number(value):
        target.value = value
        target.number_format = xlsx.INTEGER if isinstance(value, int) else xlsx.number_format(value)
    elif text:
        xlsx.store(target, xlsx.plain(text))
