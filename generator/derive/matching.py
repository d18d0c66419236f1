"""Which row of the previous period's table a row of this period is compared with.

Rule (the README says it to clerks): the table with the same code (`ma` of the table); in it, the row
with the same row code (`ma` of the row); failing that, the row whose first text column (Lĩnh vực,
Nội dung…) says the same words, case and spacing aside; a table of one row matches the previous
table's one row. When nothing matches, `why_unmatched` says which row, how rows are matched and what
to write, with the previous row that comes closest.
"""

from __future__ import annotations

import difflib
import re
from typing import Iterable

from ..validate.table_rows import Row, Table


def label_column(table: Table) -> str | None:
    """The first text column: what names a row when it has no code."""
    return next((leaf.key for leaf in table.kind.leaves if leaf.kind == "chu" and leaf.key != "_stt"), None)


def words(text) -> str:
    """A label as compared: case and spacing aside."""
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


def match(table: Table, row: Row, before: Table, before_rows: dict[str, Row]) -> Row | None:
    """The previous period's row of `row` (see the module's rule), or None."""
    if row.code and row.code in before_rows:
        return before_rows[row.code]
    if len(table.rows) == 1 and len(before.rows) == 1 and row is table.rows[0]:
        return before.rows[0]
    label, before_label = label_column(table), label_column(before)
    if label and before_label and row.values.get(label):
        wanted = words(row.values[label])
        return next((r for r in before.walk() if r.values.get(before_label) is not None
                     and words(r.values[before_label]) == wanted), None)
    return None


def row_name(table: Table, row: Row) -> str:
    """A row as a clerk finds it: «its label» and its code ("" when it has neither)."""
    label = label_column(table)
    name = f"«{row.values[label]}»" if label and row.values.get(label) else ""
    return " ".join(part for part in (name, f"(mã '{row.code}')" if row.code else "") if part)


def closest(table: Table, row: Row, before: Table, lines: Iterable[tuple[Row, int]]) -> str | None:
    """The previous row most like `row`, named with its line in the previous file."""
    label, before_label = label_column(table), label_column(before)
    candidates = {}
    for other, line in lines:
        for text in (other.code, other.values.get(before_label) if before_label else None):
            if text:
                candidates[str(text)] = (other, line)
    wanted = [str(w) for w in (row.code, row.values.get(label) if label else None) if w]
    for text in wanted:
        close = difflib.get_close_matches(text, list(candidates), n=1, cutoff=0.5)
        if close:
            other, line = candidates[close[0]]
            return f"dòng «{close[0]}» ở dòng {line} của tệp kỳ trước"
    return None
