"""Step 3 for tables: every table of a data file laid out once, and the figures prose cites filled in.

Done once per data file (plan.prepare): the checks read these figures, the documents' contexts
carry these layouts and cited texts, and the next period's file compares with these figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from ..errors import Finding
from ..read.loader import PathKey, Positions
from ..validate.table_rows import Table
from .figures import Figures
from .table_layout import TableLayout, layout


@dataclass(frozen=True)
class LaidOut:
    figures: Figures
    layouts: dict[PathKey, TableLayout]  # by the path of the table block's `bang`
    cited: dict[PathKey, str]  # prose texts with their [=…] figures filled in, by path
    findings: list[Finding] = field(default_factory=list)


def lay_out(tables: Iterable[Table], texts: Iterable[tuple[PathKey, str | None]], positions: Positions, *,
            previous: Figures | None = None, unread: frozenset[str] = frozenset()) -> LaidOut:
    """Lay out `tables` (their derived cells against `previous`, the previous period's figures) and
    fill the figures the `texts` cite. Mistakes (a link to nowhere, a cycle, a change with nothing
    to compare) are the result's findings; what cites a table in `unread` (one that could not be
    read, its mistakes already reported) or a refused cell adds none."""
    tables = list(tables)
    findings: list[Finding] = []
    figures = Figures(tables, positions, findings, previous=previous, unread=unread)
    layouts = {table.path: layout(table, figures) for table in tables}
    cited = {path: figures.cite(text, path) for path, text in texts if text and "[=" in text}
    return LaidOut(figures, layouts, cited, findings)


def captions(tables: Iterable[Table], title_at: Callable[[PathKey], Any],
             headings: Mapping[PathKey, str]) -> dict[PathKey, str]:
    """What each table is called outside the document (a sheet's title), by the table's path: the
    title of the section or appendix it stands in (`title_at(path)`: a text, a list of title lines
    or None), else the heading the template prints for the standard section holding it."""
    found: dict[PathKey, str] = {}
    for table in tables:
        title = title_at(table.path[:-3])  # (…, "noi_dung", k, "bang") → the section or appendix
        if isinstance(title, list):
            title = " ".join(str(line) for line in title)
        if not isinstance(title, str) or not title.strip():
            title = next((headings[table.path[:k]] for k in range(len(table.path) - 1, 0, -1)
                          if table.path[:k] in headings), None)
        found[table.path] = title or (f"Bảng {table.code}" if table.code else "Bảng số liệu")
    return found
