"""The body and the appendices of a report whose outline is data: headings, prose and tables
written where the template's `than` and `phu_luc` paragraphs stand."""

from __future__ import annotations

import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..render.prose import Appendix, Heading, TableBlock, Text
from ..text import markup
from . import order, table_widths
from .measure import Styles
from .runs import References, first_rpr, prose_paragraph, styled_paragraph, text_of
from .sections import appendix_section, section_break, text_width
from .styles import APPENDIX, APPENDIX_NOTE, HEADING_STYLES, TABLE_TEXT, ensure_block_styles, styles_keeping_with_next
from .table import table


class PlacementError(Exception):
    """The template put something where Word cannot have it (a footnote in a page header)."""


def write_blocks(p, blocks: list, footnotes: References, document) -> None:
    """The `than` marker's paragraph becomes the headings, prose paragraphs and tables."""
    ids = ensure_block_styles(document)
    width = text_width(document.element.body.find(qn("w:sectPr")))
    size = Styles(document).paragraph_props(ids[TABLE_TEXT])["size"]
    ppr = p.find(qn("w:pPr"))
    rpr = first_rpr(p)
    for block in blocks:
        _write_block(p, block, ppr, rpr, footnotes, ids, width, size)
    p.getparent().remove(p)


def _write_block(p, block, ppr, rpr, footnotes: References, ids: dict, width: int, size: float) -> None:
    """`block` written before `p`."""
    if isinstance(block, Heading):
        p.addprevious(styled_paragraph(ids[HEADING_STYLES[min(block.level, 3)]], block.inlines, rpr, footnotes))
    elif isinstance(block, Text):
        for inlines in block.paragraphs:
            p.addprevious(prose_paragraph(inlines, ppr, rpr, footnotes))
    elif isinstance(block, TableBlock):
        fitted = table_widths.fit(block.layout, width, size)
        table(block.layout, footnotes, ids[TABLE_TEXT], fitted, size, before=p)  # its rows moved in one by one
        spacer = OxmlElement("w:p")  # Word needs a paragraph between two tables; it also gives air
        spacer_ppr = OxmlElement("w:pPr")
        spacer_ppr.style = ids[TABLE_TEXT]
        spacer.append(spacer_ppr)
        p.addprevious(spacer)
    else:
        raise AssertionError(block)


def keep_lead_ins(document) -> None:
    """A paragraph standing right before a table ("(Số liệu lấy từ …)", "+ Kết quả …:", a heading)
    is printed on the page of the table's first row: keep-with-next on it. (A heading before it
    keeps with it through its style.)"""
    kept_styles = styles_keeping_with_next(document)
    for tbl in document.element.body.iterchildren(qn("w:tbl")):
        before = tbl.getprevious()
        if before is None or before.tag != qn("w:p") or not text_of(before).strip():
            continue
        ppr = before.find(qn("w:pPr"))
        if ppr is None:
            ppr = OxmlElement("w:pPr")
            before.insert(0, ppr)
        style = ppr.find(qn("w:pStyle"))
        if style is not None and style.get(qn("w:val")) in kept_styles:
            continue  # a heading: its style keeps it already
        if ppr.find(qn("w:sectPr")) is None and ppr.find(qn("w:keepNext")) is None:
            order.insert(ppr, OxmlElement("w:keepNext"), order.P_PR)


def write_appendices(p, appendices: list[Appendix], footnotes: References, document) -> None:
    """Each appendix after the signature in a section of its own: landscape unless the data says
    otherwise, its pages numbered from 1 (the first page, as page 1 of the report, shows none).

    A section's properties close it: the report's (the body's final w:sectPr) move into a paragraph
    before the first appendix, each appendix but the last ends in a paragraph carrying its own, and
    the body's final w:sectPr becomes the last appendix's."""
    body = document.element.body
    final = body.find(qn("w:sectPr"))
    if p.getparent() is not body or p.getnext() is not final:
        raise PlacementError("{{ …|phu_luc }} phải là đoạn cuối cùng của mẫu, sau chữ ký "
                             "(mỗi phụ lục là một phần riêng nối sau báo cáo)")
    if not appendices:
        p.getparent().remove(p)
        return
    ids = ensure_block_styles(document)
    size = Styles(document).paragraph_props(ids[TABLE_TEXT])["size"]
    report = copy.deepcopy(final)
    p.addprevious(section_break(report))
    for k, appendix in enumerate(appendices):
        props = appendix_section(report, appendix.orientation)
        lines = [(ids[APPENDIX], line) for line in appendix.heading] + [(ids[APPENDIX_NOTE], n) for n in appendix.notes]
        for style_id, text in lines:
            p.addprevious(styled_paragraph(style_id, markup.parse_inline(text), None, footnotes, jc="center"))
        spacer = OxmlElement("w:p")
        p.addprevious(spacer)
        for block in appendix.blocks:
            _write_block(p, block, None, None, footnotes, ids, text_width(props), size)
        if k < len(appendices) - 1:
            p.addprevious(section_break(props))
        else:
            final.getparent().replace(final, props)
    p.getparent().remove(p)
