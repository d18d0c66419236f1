"""A table's column widths and text size from its content, so that no word breaks mid-word.

The table kinds give relative widths (templates/bang.yaml), chosen for typical content; a
16-column table in portrait at 12 pt then broke its header words ("Tổn/g", "DV/C"). Each column
needs at least its widest word (bold in the header and in bold rows) plus the cell margins; a
header cell over several columns needs its widest word across them. When the kind's widths already
give every column that, they are kept as they are. Otherwise each column gets what it needs and
the rest of the width is shared in the kind's proportions; when even that is too wide the text is
set smaller, a point at a time down to `SMALLEST` (Nghị định 30 lets table text be smaller than the
body's). A table too wide even then keeps the smallest size and is reported as not fitting, for
the caller to give it a landscape page.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..derive.table_layout import TableLayout
from ..text import markup, measure

SMALLEST = 9.0  # points
MARGINS = 2 * 57  # twips: the cell margins oxml/table.py writes
LONGEST_BODY_WORD = 20  # characters: a longer word in a body cell (an address, a link) may wrap; it does not set the width


@dataclass(frozen=True)
class Fitted:
    widths: list[int]  # twips, one per grid column, summing to the width given
    size: float  # points: the text size of the table
    fits: bool  # whether every word fits its column at that size


def fit(layout: TableLayout, width: int, size: float) -> Fitted:
    total = sum(layout.widths)
    proportional = [round(width * w / total) for w in layout.widths]  # as the kind's widths were always written
    needs = _needs(layout, size)
    if all(w >= n for w, n in zip(proportional, needs)):
        return Fitted(proportional, size, True)
    current = size
    while True:
        if sum(needs) <= width:
            spare = width - sum(needs)
            extra = _share(spare, [w / total for w in layout.widths])
            return Fitted([n + e for n, e in zip(needs, extra)], current, True)
        if current - 1 < SMALLEST:
            scale = width / sum(needs)
            return Fitted(_share(width, [n * scale / width for n in needs]), current, False)
        current -= 1
        needs = _needs(layout, current)


def needs_at(layout: TableLayout, size: float) -> int:
    """The least width in twips the table takes at `size` points without breaking a word."""
    return sum(_needs(layout, size))


def _share(amount: int, weights: list[float]) -> list[int]:
    """`amount` split by `weights` (summing to 1) in whole twips that add up exactly."""
    parts = [int(amount * w) for w in weights]
    for k in range(amount - sum(parts)):
        parts[k % len(parts)] += 1
    return parts


def _needs(layout: TableLayout, size: float) -> list[int]:
    columns = len(layout.widths)
    needs = [0.0] * columns
    measured: dict[tuple[str, bool], float] = {}  # a long table repeats its numbers: each measured once
    spanning: list[tuple[int, int, float]] = []
    for row in layout.header:
        col = 0
        for cell in row:
            if not cell.continued:
                widest = _widest(cell.text, size, True) + MARGINS
                if cell.columns == 1:
                    needs[col] = max(needs[col], widest)
                else:
                    spanning.append((col, cell.columns, widest))
            col += cell.columns
    for body in layout.rows:
        col = 0
        for cell in body.cells:
            widest = measured.get((cell.text, body.bold))
            if widest is None:
                widest = measured[cell.text, body.bold] = _widest(cell.text, size, body.bold,
                                                                  longest=LONGEST_BODY_WORD) + MARGINS
            if cell.columns == 1:
                needs[col] = max(needs[col], widest)
            else:
                spanning.append((col, cell.columns, widest))
            col += cell.columns
    for first, span, widest in spanning:  # a cell over several columns: widen them evenly if needed
        short = widest - sum(needs[first:first + span])
        if short > 0:
            for k in range(first, first + span):
                needs[k] += short / span
    return [int(n) + 1 for n in needs]


def _widest(text: str, size: float, bold: bool, longest: int | None = None) -> float:
    if not text:
        return 0.0
    widest = 0.0
    for inline in markup.parse_inline(text) if ("*" in text or "^[" in text or "\\" in text) else [markup.Run(text)]:
        if isinstance(inline, markup.Run):
            words = " ".join(w for w in inline.text.split() if longest is None or len(w) <= longest)
            widest = max(widest, measure.widest_word(words, size, bold=bold or inline.bold, italic=inline.italic))
    return widest
