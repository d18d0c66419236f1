"""A document as a reader sees it, for `baocao diff`: paragraphs named by the nearest numbered
heading and their place under it (`II.2, đoạn 4`), numbered items by their number (`IV, mục 3`),
table cells by their table, the row's first cell with words and the column's header
(`II.3, bảng 1, hàng «Công chức», cột «Tăng (+)/giảm (-)»`), footnotes by their order.

Headings are numbered as text in generated documents (oxml/numbering.py), so the numbers read
here are the ones the reader sees. The elements are kept, so changes can be marked in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..oxml import footnotes, numbering, reading, styles
from ..oxml.runs import text_of

# The numbered styles and their levels (0 a part, 1–3 headings, 4 a numbered item) are oxml's;
# the label is read back from the text, whatever format the template's Word list gave it:
# "I. ", "1. ", "a) ", "1.8- ", "2.1. ", "I - ", "Phần thứ nhất".
NUMBERED_STYLES = numbering.NUMBERED_STYLES
ITEM_LEVEL = 4
APPENDIX_STYLE = styles.APPENDIX  # its "Phụ lục 2" line starts an appendix, numbered on its own
_APPENDIX = re.compile(r"Phụ lục(?:\s+\S+)?")
_LABEL = re.compile(r"\s*(?:(Phần thứ \S+)|([IVXLCDM]+|\d+(?:\.\d+)*|[a-zđA-Z])(?:[.)]\s*-?|\s*-))\s*")
_START = "đầu văn bản"  # before the first heading
_WORD = re.compile(r"[^\W\d_]")  # a letter: a row's name, not its STT number


@dataclass
class Para:
    """A paragraph as the reader sees it."""

    element: object  # w:p
    where: str  # "II.2, đoạn 4"
    text: str  # as printed, number included
    key: str  # compared: the text without a heading's number


@dataclass
class Cell:
    column: int  # the grid column it starts at (w:gridSpan and w:gridBefore counted)
    paras: list[Para]
    element: object  # w:tc


@dataclass
class Row:
    label: str  # "Chứng thực", "Tổng cộng", "hàng tiêu đề"
    cells: list[Cell]
    element: object  # w:tr


@dataclass
class Table:
    element: object  # w:tbl
    where: str  # "II.3, bảng 1"
    rows: list[Row]
    columns: dict[int, str]  # grid column → its header, the header rows' words from top to bottom


@dataclass
class Note:
    """A footnote, numbered by the order of its reference, located where its reference stands."""

    where: str  # "chú thích 2, ở II.1, đoạn 3"
    paras: list[Para]
    element: object  # w:footnote
    ref: object  # its w:footnoteReference in the body


@dataclass
class Footnotes:
    """A document's footnotes referenced from its body, in order of reference."""

    notes: list[Note]


def read(document) -> tuple[list[Para], list[Table]]:
    """Body paragraphs (outside tables, empty ones left out) and tables, located."""
    names = reading.style_names(document)
    heading: dict[int, str] = {}  # level → label of the headings the reader is under (-1: an appendix)
    counts = {"đoạn": 0, "bảng": 0}
    paras: list[Para] = []
    tables: list[Table] = []

    def here() -> str:
        """ "II.2", "Phụ lục 2, mục 1.b", "Phần thứ nhất, mục I.2"; a label that repeats its
        parent's number ("1.8" under "1", "2.1" under "2") stands for both."""
        labels = [heading[level] for level in sorted(heading)]
        words = [label for label in labels if " " in label]
        numbers: list[str] = []
        for label in (label for label in labels if " " not in label):
            if numbers and label.startswith(numbers[-1] + "."):
                numbers[-1] = label
            else:
                numbers.append(label)
        if not numbers:
            return ", ".join(words) or _START
        return ", ".join(words) + (", mục " if words else "") + ".".join(numbers)

    for kind, child in reading.body(document):
        if kind == "tbl" and reading.is_layout_table(child):  # the header block, the signature block
            tables.append(_table(child, "phần đầu văn bản" if not paras else "phần ký, nơi nhận", layout=True))
            continue
        if kind == "tbl":
            counts["bảng"] += 1
            tables.append(_table(child, f"{here()}, bảng {counts['bảng']}"))
            continue
        text = text_of(child)
        if not text.strip():
            continue
        style = names.get(reading.style_of(child), "")
        level = NUMBERED_STYLES.get(style)
        label = _LABEL.match(text) if level is not None else None
        key = text[label.end():] if label else text
        if style == APPENDIX_STYLE and _APPENDIX.fullmatch(text.strip()):  # an appendix starts: "Phụ lục 2"
            heading = {-1: text.strip()}
            counts = {"đoạn": 0, "bảng": 0}
            paras.append(Para(child, f"đề mục {here()}", text, key))
        elif label and level < ITEM_LEVEL:
            heading = {lv: lab for lv, lab in heading.items() if lv < level}
            heading[level] = label.group(1) or label.group(2)
            counts = {"đoạn": 0, "bảng": 0}
            paras.append(Para(child, f"đề mục {here()}", text, key))
        elif label:
            paras.append(Para(child, f"{here()}, mục {label.group(2)}", text, key))
        else:
            counts["đoạn"] += 1
            paras.append(Para(child, f"{here()}, đoạn {counts['đoạn']}", text, key))
    return paras, tables


def read_footnotes(document, paras: list[Para]) -> Footnotes | None:
    """The footnotes referenced from the body paragraphs `paras`, in order of reference."""
    by_id = footnotes.by_id(document)
    if not by_id:
        return None
    notes: list[Note] = []
    for para in paras:
        for ref in reading.footnote_references(para.element):
            fn = by_id.get(reading.footnote_id(ref))
            if fn is not None:
                ps = [Para(p, "", t, t.strip()) for p, t in reading.paragraphs(fn)]
                notes.append(Note(f"chú thích {len(notes) + 1}, ở {para.where}", ps, fn, ref))
    return Footnotes(notes)


def _table(tbl, where: str, *, layout: bool = False) -> Table:
    """Rows with their cells placed on the grid; the header rows (w:tblHeader, repeated on each
    page; else the first row) name the columns. A row is named by its first cell with words in it
    (the field, not the STT number), else by its first cell. A layout table (header block, signature
    block) has no header row: its rows and columns are named by number."""
    rows: list[Row] = []
    columns: dict[int, list[str]] = {}
    grid = reading.grid(tbl, layout=layout)
    headers = sum(1 for grid_row in grid if grid_row.header)
    for k, grid_row in enumerate(grid):
        cells = [Cell(c.column, [Para(p, "", t, t.strip()) for p, t in c.paragraphs], c.element)
                 for c in grid_row.cells]
        if grid_row.header:
            for cell, grid_cell in zip(cells, grid_row.cells):
                if text := cell_text(cell.paras):
                    for c in range(grid_cell.column, grid_cell.column + grid_cell.span):
                        columns.setdefault(c, []).append(short(text, 40))
        texts = [cell_text(c.paras) for c in cells]
        if layout:
            label = f"hàng {k + 1}"
        elif grid_row.header:
            label = "hàng tiêu đề" + (f" {k + 1}" if headers > 1 else "")
        else:
            name = next((t for t in texts if _WORD.search(t)), texts[0] if texts else "")
            label = f"hàng «{short(name, 40)}»"
        rows.append(Row(label, cells, grid_row.element))
    return Table(tbl, where, rows, {c: " / ".join(dict.fromkeys(names)) for c, names in columns.items()})


def cell_text(cell: list[Para]) -> str:
    return " / ".join(p.text.strip() for p in cell)


LONG = 80  # characters of a changed part shown before "…"


def short(text: str, limit: int = LONG) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
