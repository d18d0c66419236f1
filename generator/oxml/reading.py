"""Reading a document's body as a reader sees it: paragraphs with their style names, tables as
rows of cells placed on the grid, header rows, the tables that only lay out the page.

For `baocao diff`, which names every change by the document's own headings, rows and columns.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Iterator

from docx.oxml.ns import qn
from lxml import etree

from . import footnotes, table
from .runs import text_of


@dataclass(frozen=True)
class GridCell:
    column: int  # the grid column it starts at (w:gridSpan and w:gridBefore counted)
    span: int
    element: object  # w:tc
    paragraphs: tuple[tuple[object, str], ...]  # (w:p, text) of its paragraphs with text


@dataclass(frozen=True)
class GridRow:
    element: object  # w:tr
    header: bool  # repeated on every page (w:tblHeader), or the first row of a table without any
    cells: tuple[GridCell, ...]


def style_names(document) -> dict[str, str]:
    """Style id → style name."""
    return {s.style_id: s.name for s in document.styles}


def body(document) -> Iterator[tuple[str, object]]:
    """The body's blocks in order: ("tbl", w:tbl) and ("p", w:p)."""
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            yield "tbl", child
        elif child.tag == qn("w:p"):
            yield "p", child


def style_of(p) -> str | None:
    """The style id of a paragraph, if it has one."""
    ppr = p.find(qn("w:pPr"))
    return ppr.style if ppr is not None and ppr.style else None


def paragraphs(container) -> tuple[tuple[object, str], ...]:
    """(w:p, text) for the paragraphs directly in `container` that hold text."""
    return tuple((p, t) for p in container.iterchildren(qn("w:p")) if (t := text_of(p)).strip())


def is_layout_table(tbl) -> bool:
    """A table without borders and without header rows lays out the page (header block, signature)."""
    borders = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    no_lines = borders is not None and all(b.get(qn("w:val")) in ("nil", "none") for b in borders)
    return no_lines and tbl.find(f".//{qn('w:tblHeader')}") is None


def grid(tbl, *, layout: bool = False) -> list[GridRow]:
    """The table's rows with their cells placed on the grid. A layout table has no header row."""
    trs = list(tbl.iterchildren(qn("w:tr")))
    headers = 0 if layout else sum(1 for _ in itertools.takewhile(
        lambda tr: tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None, trs)) or 1
    rows = []
    for k, tr in enumerate(trs):
        before = tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
        column = int(before.get(qn("w:val"))) if before is not None else 0
        cells = []
        for tc in tr.iterchildren(qn("w:tc")):
            span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            width = int(span.get(qn("w:val"))) if span is not None else 1
            cells.append(GridCell(column, width, tc, paragraphs(tc)))
            column += width
        rows.append(GridRow(tr, k < headers, tuple(cells)))
    return rows


def footnote_references(p) -> Iterator[object]:
    """The w:footnoteReference elements of a paragraph, in order."""
    return p.iter(qn("w:footnoteReference"))


def footnote_id(reference) -> str:
    """The id a w:footnoteReference points to (the w:id of its w:footnote)."""
    return reference.get(qn("w:id"))


def shown_text(document) -> str:
    """Every paragraph's text a reader sees, the body's (tables included, their rows still kept as
    text too: table.py) and the footnotes', one a line."""
    from_body = (text_of(p) for p in _paragraphs(document.element.body))
    from_notes = (text_of(note) for note in footnotes.by_id(document).values())
    return "\n".join(itertools.chain(from_body, from_notes))


def _paragraphs(body) -> Iterator:
    for node in body.iter(qn("w:p"), etree.ProcessingInstruction):
        if node.tag != etree.ProcessingInstruction:
            yield node
        elif node.target == table.ROWS:
            yield from table.kept_rows(node).iter(qn("w:p"))
