"""A table as it will print: column widths, header rows with their merges, body rows of cell texts.

The layout is plain typed data; writing it as WordprocessingML is the oxml layer's job
(oxml/table.py), so the same layout could be written to another format. STT numbers come from the
nesting (1. / 1.1. / 1.1.1., 1 / 2.1, or I–VII groups with rows numbered per group): the data
never types a number, so none can repeat or skip.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from ..text import vi_format as vi
from ..text.item_numbers import without_number
from ..validate.table_kinds import Column
from ..validate.table_rows import Row, Table
from .figures import Figures
from .values import Rate, is_number, show


@dataclass(frozen=True)
class HeaderCell:
    text: str
    columns: int  # grid columns spanned
    rows: int  # header rows spanned (0 on a continuation)
    continued: bool = False  # the lower part of a cell merged down from the row above


@dataclass(frozen=True)
class Cell:
    text: str
    align: str  # "left" (text) or "center" (numbers, STT, the total's label)
    columns: int = 1
    value: Any = None  # what the text shows (a number, Rate, Change or text), for a workbook to keep as such


@dataclass(frozen=True)
class BodyRow:
    cells: tuple[Cell, ...]
    bold: bool
    italic: bool
    keep_with_next: bool = False  # printed on the page of the next row: a group row, the row above TỔNG CỘNG


@dataclass(frozen=True)
class TableLayout:
    kind: str
    widths: tuple[float, ...]  # relative, one per grid column
    header: tuple[tuple[HeaderCell, ...], ...]
    rows: tuple[BodyRow, ...]

    def __str__(self) -> str:  # as `template vars` shows an example value
        return f"bảng kiểu {self.kind}, {len(self.rows)} hàng"


def layout(table: Table, figures: Figures) -> TableLayout:
    """The printed table: header tree placed on a grid, then every row with its derived cells."""
    kind = table.kind
    leaves = kind.leaves
    numbers = _numbers(table)
    # the STT baocao writes: a number typed at the start of the row's name is not printed again
    named = next((leaf.key for leaf in leaves if leaf.kind == "chu" and leaf.key != "_stt"), None) if kind.stt else None
    rows = []
    for row in table.walk():
        bold = bool(row.values.get("dam")) or (kind.bold_top and row.level == 1 and not row.is_part
                                               and bool(row.children or row.parts))
        cells = []
        for leaf in leaves:
            if leaf.key == "_stt":
                cells.append(Cell(numbers.get(id(row), ""), "center"))
            else:
                value = figures.cell(table, row, leaf.key)
                if leaf.key == named:
                    value = without_number(value)
                cells.append(Cell(_cell_text(leaf, value), "left" if leaf.kind == "chu" else "center", value=value))
        rows.append(BodyRow(tuple(cells), bold, bool(row.values.get("nghieng")), bool(row.children or row.parts)))
    if kind.total_label:
        if rows:  # TỔNG CỘNG never starts a page alone under the repeated header
            rows[-1] = dataclasses.replace(rows[-1], keep_with_next=True)
        rows.append(_total_row(table, figures, leaves))
    return TableLayout(kind.name, tuple(leaf.width for leaf in leaves), header(kind.tree), tuple(rows))


def header(tree: tuple[Column, ...]) -> tuple[tuple[HeaderCell, ...], ...]:
    """Place the tree level by level so each header row lists its cells left to right: a group
    spans its leaves across, a leaf spans down to the last header row."""
    depth = max(col.depth() for col in tree)
    grid: list[list[tuple[int, HeaderCell]]] = [[] for _ in range(depth)]

    def place(col: Column, level: int, first: int) -> None:
        span = len(list(col.leaves()))
        rows = 1 if col.children else depth - level
        grid[level].append((first, HeaderCell(col.label, span, rows)))
        for below in range(level + 1, level + rows):
            grid[below].append((first, HeaderCell("", span, 0, continued=True)))
        offset = first
        for child in col.children:
            place(child, level + 1, offset)
            offset += len(list(child.leaves()))

    start = 0
    for col in tree:
        place(col, 0, start)
        start += len(list(col.leaves()))
    return tuple(tuple(cell for _, cell in sorted(row, key=lambda c: c[0])) for row in grid)


def _numbers(table: Table) -> dict[int, str]:
    """STT of each row (by id): from the nesting, in the kind's style."""
    style = table.kind.stt
    numbers: dict[int, str] = {}

    def visit(rows: tuple[Row, ...], prefix: list[int]) -> None:
        for n, row in enumerate(rows, start=1):
            trail = prefix + [n]
            if style == "cham":
                numbers[id(row)] = ".".join(map(str, trail)) + "."
            elif style == "so":
                numbers[id(row)] = ".".join(map(str, trail))
            elif style == "nhom":  # groups I, II…; the rows of each group 1, 2… afresh
                numbers[id(row)] = vi.la_ma(n) if row.level == 1 else str(n)
            for part in row.parts:
                numbers[id(part)] = "Trong đó" if part.first_part else ""
            visit(row.children, trail if style != "nhom" else [])

    visit(table.rows, [])
    return numbers


def _cell_text(leaf: Column, value) -> str:
    """A cell as printed: the value the Vietnamese way, a number followed by its column's suffix (%)."""
    return show(value) + (leaf.suffix if is_number(value) or isinstance(value, Rate) else "")


def _total_row(table: Table, figures: Figures, leaves: list[Column]) -> BodyRow:
    """TỔNG CỘNG: its label spans the leading text columns; numbers are sums (rates from the sums)."""
    label_span = 0
    for leaf in leaves:
        if leaf.key == "_stt" or leaf.kind == "chu":
            label_span += 1
        else:
            break
    label_span = max(label_span, 1)
    cells = [Cell(table.kind.total_label, "center", label_span)]
    for leaf in leaves[label_span:]:
        value = figures.total(table, leaf.key)
        cells.append(Cell(_cell_text(leaf, value), "center", value=value))
    return BodyRow(tuple(cells), True, False)
