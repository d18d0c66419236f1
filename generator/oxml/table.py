"""A w:tbl from a table layout (derive/table_layout.py).

Single borders; fixed column widths that fill the text width, from the content (table_widths.py),
the text smaller when the table needs it; header rows repeated on every page and kept with the
first row, a group row kept with its first sub-row and the row above TỔNG CỘNG with it (w:keepNext
in their paragraphs: Word keeps rows together that way); (w:tblHeader); merged header cells (w:gridSpan across, w:vMerge down, the same span on the
continuation cells); no row split across pages (w:cantSplit); numbers centred, text left.

The table is written as XML text and parsed, a few hundred rows at a time: a 2,000-row table is
some 25,000 cells, and building them element by element costs seconds (bench/bench_large_table.py).
Each parse makes a document of its own, and the rows are moved into the table one row at a time,
the table already standing where it belongs: lxml moving a subtree into another document takes
time quadratic in the xml:space attributes the subtree holds (every cell's w:t has one), so moving
a whole 20,000-row table took 10 s where moving its rows one by one takes 0.4 s. Parsing in chunks
also keeps the XML text of only a few hundred rows in memory at once.
"""

from __future__ import annotations

from xml.sax.saxutils import escape as xml_escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

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
    into that element's document, before it, ahead of its body rows (see above)."""
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
    for start in range(0, len(layout.rows), _CHUNK):
        out = [f"<w:tbl {nsdecls('w')}>"]
        for body_row in layout.rows[start:start + _CHUNK]:
            out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            col = 0
            for cell in body_row.cells:
                out.append(_cell_xml(_cell_inlines(cell.text), sum(widths[col:col + cell.columns]), cell.columns,
                                     None, cell.align, body_row.bold, body_row.italic, style_id, notes, size,
                                     keep=body_row.keep_with_next))
                col += cell.columns
            out.append("</w:tr>")
        out.append("</w:tbl>")
        for tr in list(parse_xml("".join(out))):
            tbl.append(tr)  # one row at a time (see above)
    for ref, note in zip(tbl.iter(qn("w:footnoteReference")), notes):  # in order of appearance
        footnotes.append((ref, note))
    return tbl


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
            runs.append(f'<w:r>{f"<w:rPr>{marks}</w:rPr>" if marks else ""}'
                        f'<w:t xml:space="preserve">{xml_escape(inline.text)}</w:t></w:r>')
        else:  # its w:id is set when the footnotes are written
            notes.append(inline)
            runs.append(f'<w:r><w:rPr><w:rStyle w:val="{FOOTNOTE_REFERENCE}"/>{size}</w:rPr><w:footnoteReference/></w:r>')
    mark = f"<w:rPr>{size}</w:rPr>" if size else ""  # an empty cell's line is as high as its text's
    keep_next = "<w:keepNext/>" if keep else ""
    return (f'<w:tc><w:tcPr>{props}<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="{style_id}"/>'
            f'{keep_next}<w:jc w:val="{jc}"/>{mark}</w:pPr>{"".join(runs)}</w:p></w:tc>')
