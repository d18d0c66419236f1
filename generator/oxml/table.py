"""A w:tbl from a table layout (derive/table_layout.py).

Single borders; fixed column widths that fill the text width, from the content (table_widths.py),
the text smaller when the table needs it; header rows repeated on every page and kept with the
first row, a group row kept with its first sub-row and the row above TỔNG CỘNG with it (w:keepNext
in their paragraphs: Word keeps rows together that way); (w:tblHeader); merged header cells (w:gridSpan across, w:vMerge down, the same span on the
continuation cells); no row split across pages (w:cantSplit); numbers centred, text left.

The table is written as XML text, a few hundred rows at a time: a 2,000-row table is some 25,000
cells, and building them element by element costs seconds (bench/bench_large_table.py).

Written into a document (`before`), the table's properties and header rows are parsed; its body
rows, which nothing reads again before the document is saved, stay text: a processing instruction
holding exactly the XML lxml would write for them, which `written_rows` puts in their place in the
saved part (produce.py). Parsed, a row of 11 cells is 31 KB of lxml nodes against 2.4 KB of text:
a 20,000-row table held as a tree took more memory than docxtpl takes for the whole document, and
parsing, moving and serialising it again was a third of the build. A chunk whose cells hold
footnotes (their references are numbered later, in the tree) or a character lxml would write
escaped is parsed, and its rows moved in one at a time: lxml moving a subtree into another
document takes time quadratic in the xml:space attributes it holds (every cell's w:t has one),
10 s for a whole 20,000-row table where moving its rows one by one takes 0.4 s.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape as xml_escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, nsmap, qn
from lxml import etree

from ..derive.table_layout import TableLayout
from ..text import markup
from .runs import References
from .styles import FOOTNOTE_REFERENCE
from .table_widths import Fitted

_BORDERS = "".join(f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                   for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))


_CHUNK = 250  # body rows parsed at a time


def table(layout: TableLayout, footnotes: References, style_id: str, fitted: Fitted, style_size: float, *,
          before=None):
    """The table of `layout` in the column widths and text size `fitted` (table_widths.py), its cell
    paragraphs in style `style_id` (whose text is `style_size` points); footnote references in its
    cells are appended to `footnotes` in order of appearance. With `before`, the table is written
    into that element's document, before it, its body rows as text where they can be (see above)."""
    widths = fitted.widths
    size = f'<w:sz w:val="{round(fitted.size * 2)}"/><w:szCs w:val="{round(fitted.size * 2)}"/>' \
        if fitted.size != style_size else ""
    notes: list[markup.Footnote] = []
    out = [f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
           f'<w:tblBorders>{_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>'
           '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
           '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
           'w:noHBand="0" w:noVBand="0"/></w:tblPr><w:tblGrid>']
    out += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    out.append("</w:tblGrid>")
    for header_row in layout.header:
        out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
        col = 0
        for cell in header_row:
            merge = "continue" if cell.continued else ("restart" if cell.rows > 1 else None)
            inlines = () if cell.continued else markup.parse_inline(cell.text)
            out.append(_cell_xml(inlines, sum(widths[col:col + cell.columns]), cell.columns, merge, "center", True,
                                 False, style_id, notes, size, keep=True))
            col += cell.columns
        out.append("</w:tr>")
    out.append("</w:tbl>")
    tbl = parse_xml("".join(out))
    if before is not None:
        before.addprevious(tbl)
    as_text = before is not None and before.nsmap.get("w") == _W and _PLAIN_ID.fullmatch(style_id) is not None
    for start in range(0, len(layout.rows), _CHUNK):
        out = []
        noted = len(notes)
        for body_row in layout.rows[start:start + _CHUNK]:
            out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            col = 0
            for cell in body_row.cells:
                out.append(_cell_xml(_cell_inlines(cell.text), sum(widths[col:col + cell.columns]), cell.columns,
                                     None, cell.align, body_row.bold, body_row.italic, style_id, notes, size,
                                     keep=body_row.keep_with_next))
                col += cell.columns
            out.append("</w:tr>")
        rows = "".join(out)
        if as_text and len(notes) == noted and not _REWRITTEN.search(rows):
            tbl.append(etree.ProcessingInstruction(ROWS, rows))  # as lxml would write them (see above)
            continue
        for tr in list(_parsed(rows)):
            tbl.append(tr)  # one row at a time (see above)
    for ref, note in zip(tbl.iter(qn("w:footnoteReference")), notes):  # in order of appearance
        footnotes.append((ref, note))
    return tbl


_W = nsmap["w"]
_PLAIN_ID = re.compile(r"[\w.-]+")  # a style id written the same in an attribute, escaped or not
# what lxml would write otherwise than as typed: a carriage return, another control character
_REWRITTEN = re.compile("[\x00-\x08\x0b-\x1f]")
ROWS = "baocao-dong"  # the processing instruction holding body rows as their XML text
_ROWS_PI = re.compile(rb"<\?" + ROWS.encode() + rb" (.*?)\?>", re.S)


def written_rows(xml: bytes) -> bytes:
    """A part's XML as serialised, its tables' rows held as text put in their place (see above).
    The text never holds "?>": every ">" of a cell's text is escaped, and no tag ends in "?"."""
    return _ROWS_PI.sub(lambda m: m.group(1), xml) if b"<?" + ROWS.encode() in xml else xml


def kept_rows(instruction):
    """The rows a processing instruction of `table` keeps as text, parsed (in a w:tbl of their own)."""
    return _parsed(instruction.text)


def _parsed(rows: str):
    return parse_xml(f"<w:tbl {nsdecls('w')}>{rows}</w:tbl>")


def _cell_inlines(text: str) -> tuple:
    """Most cells are plain numbers: skip the markup parser unless the text may hold markup."""
    if not text:
        return ()
    if "*" in text or "^[" in text or "\\" in text:
        return markup.parse_inline(text)
    return (markup.Run(" ".join(text.split())),)


def _cell_xml(inlines, width: int, span: int, merge: str | None, jc: str, bold: bool, italic: bool,
              style_id: str, notes: list, size: str = "", *, keep: bool = False) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif merge:
        props += "<w:vMerge/>"
    runs = []
    for inline in inlines:
        if isinstance(inline, markup.Run):
            marks = ("<w:b/>" if bold or inline.bold else "") + ("<w:i/>" if italic or inline.italic else "") + size
            t = f'<w:t xml:space="preserve">{xml_escape(inline.text)}</w:t>' if inline.text \
                else '<w:t xml:space="preserve"/>'  # as lxml writes an empty element
            runs.append(f'<w:r>{f"<w:rPr>{marks}</w:rPr>" if marks else ""}{t}</w:r>')
        else:  # its w:id is set when the footnotes are written
            notes.append(inline)
            runs.append(f'<w:r><w:rPr><w:rStyle w:val="{FOOTNOTE_REFERENCE}"/>{size}</w:rPr><w:footnoteReference/></w:r>')
    mark = f"<w:rPr>{size}</w:rPr>" if size else ""  # an empty cell's line is as high as its text's
    keep_next = "<w:keepNext/>" if keep else ""
    return (f'<w:tc><w:tcPr>{props}<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="{style_id}"/>'
            f'{keep_next}<w:jc w:val="{jc}"/>{mark}</w:pPr>{"".join(runs)}</w:p></w:tc>')
