"""Step 5 of the flow: post-process the rendered document. All XML surgery lives here.

- `expand_prose`: replace the markers left by the `doan`/`cau` filters with
  real paragraphs and runs (bold, italic) and footnote references;
- `write_footnotes`: generate word/footnotes.xml (separators, one footnote per
  reference, in order of appearance) with its relationship, content type and
  styles; footnote text is data and never passes through Jinja;
- `number_headings`: write heading numbers (I., 1., a), or the format of the Word list a numbered
  style is linked to: I -, 1.1-, Phần thứ nhất) and numbered items from the order in which the
  paragraphs appear, so a left-out item leaves no gap.
"""

from __future__ import annotations

import copy
import re
from xml.sax.saxutils import escape as xml_escape

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from . import markup
from . import vi_format as vi
from .render import MARK_CLOSE, MARK_OPEN, Appendix, Heading, Prose, TableBlock, Text

_MARKER = re.compile(f"{MARK_OPEN}([PIBA])(\\d+){MARK_CLOSE}")
FOOTNOTE_TEXT, FOOTNOTE_REFERENCE = "FootnoteText", "FootnoteReference"


# --- prose -------------------------------------------------------------------

Footnotes = list[tuple[object, markup.Footnote]]  # (w:footnoteReference element, its footnote)


class PlacementError(Exception):
    """The template put something where Word cannot have it (a footnote in a page header)."""


def expand_prose(document, prose: Prose) -> Footnotes:
    """Expand every marker in the body, headers and footers; returns the body's footnote
    references in order of appearance."""
    footnotes: Footnotes = []
    _expand_in(document.element.body, prose, footnotes, document)
    for rel in document.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER):
            notes: Footnotes = []
            _expand_in(rel.target_part.element, prose, notes)
            if notes:
                raise PlacementError("chú thích cuối trang (^[…]) không đặt được trong đầu trang hay chân trang")
    return footnotes


def _expand_in(root, prose: Prose, footnotes: Footnotes, document=None) -> None:
    for p in list(root.iter(qn("w:p"))):
        if MARK_OPEN not in _text(p):
            continue
        whole = _MARKER.fullmatch(_text(p).strip())
        kind = whole.group(1) if whole else None
        if kind == "P":
            _replace_paragraph(p, prose.items[int(whole.group(2))], footnotes)
        elif kind in ("B", "A") and document is not None:
            (_replace_blocks if kind == "B" else _replace_appendices)(
                p, prose.items[int(whole.group(2))], footnotes, document)
        elif kind in ("B", "A"):
            raise PlacementError("phần thân và phụ lục (than, phu_luc) chỉ đặt được trong thân văn bản")
        elif re.search(f"{MARK_OPEN}[BA]", _text(p)):
            raise PlacementError("{{ …|than }} và {{ …|phu_luc }} phải đứng một mình trong một đoạn của mẫu")
        else:
            _expand_inline(p, prose, footnotes)


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _replace_paragraph(p, paragraphs: list[markup.Paragraph], footnotes) -> None:
    """A paragraph holding only a `doan` marker becomes the prose's paragraphs (or nothing)."""
    ppr = p.find(qn("w:pPr"))
    rpr = _first_rpr(p)
    for inlines in paragraphs:
        p.addprevious(_prose_paragraph(inlines, ppr, rpr, footnotes))
    parent = p.getparent()
    parent.remove(p)
    if parent.tag == qn("w:tc") and parent.find(qn("w:p")) is None:  # a cell must keep one paragraph
        empty = OxmlElement("w:p")
        if ppr is not None:
            empty.append(copy.deepcopy(ppr))
        parent.append(empty)


def _prose_paragraph(inlines, ppr, rpr, footnotes: Footnotes):
    """One paragraph of prose, formatted as the template's paragraph (`ppr`) and first run (`rpr`)."""
    new = OxmlElement("w:p")
    if ppr is not None:
        new.append(copy.deepcopy(ppr))
    for inline in inlines:
        new.append(_inline_run(inline, rpr, footnotes))
    return new


def _expand_inline(p, prose: Prose, footnotes) -> None:
    """Markers inside a sentence: split the run that holds them and insert the prose runs."""
    for r in [r for r in p.iter(qn("w:r")) if MARK_OPEN in "".join(t.text or "" for t in r.iter(qn("w:t")))]:
        rpr = r.find(qn("w:rPr"))
        text = "".join(t.text or "" for t in r.iter(qn("w:t")))
        pos = 0
        for m in _MARKER.finditer(text):
            _add_text_run(r, text[pos:m.start()], rpr)
            paragraphs = prose.items[int(m.group(2))]
            for k, inlines in enumerate(paragraphs):  # several paragraphs inside a sentence: joined by a space
                if k:
                    _add_text_run(r, " ", rpr)
                for inline in inlines:
                    r.addprevious(_inline_run(inline, rpr, footnotes))
            pos = m.end()
        _add_text_run(r, text[pos:], rpr)
        r.getparent().remove(r)
    _tidy_spaces(p)


def _add_text_run(before, text: str, rpr) -> None:
    if text:
        before.addprevious(_run(text, rpr))


def _tidy_spaces(p) -> None:
    """Where inserted prose was empty, the template's spaces around it remain: fold them."""
    ts = [t for t in p.iter(qn("w:t"))]
    previous_space = True  # strips leading spaces of the paragraph
    for t in ts:
        text = re.sub(r" {2,}", " ", t.text or "")
        if previous_space:
            text = text.lstrip(" ")
        if text:
            previous_space = text.endswith(" ")
        t.text = text
    for t in reversed(ts):  # trailing spaces of the paragraph
        t.text = (t.text or "").rstrip(" ")
        if t.text:
            break


def _first_rpr(p):
    r = p.find(f".//{qn('w:r')}")
    return r.find(qn("w:rPr")) if r is not None else None


def _run(text: str, rpr, *, bold: bool = False, italic: bool = False):
    r = OxmlElement("w:r")
    props = copy.deepcopy(rpr) if rpr is not None else OxmlElement("w:rPr")
    if bold:
        props.get_or_add_b().val = True
    if italic:
        props.get_or_add_i().val = True
    if len(props):
        r.append(props)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    r.append(t)
    return r


def _inline_run(inline, rpr, footnotes: Footnotes):
    if isinstance(inline, markup.Run):
        return _run(inline.text, rpr, bold=inline.bold, italic=inline.italic)
    r = OxmlElement("w:r")
    props = copy.deepcopy(rpr) if rpr is not None else OxmlElement("w:rPr")
    for tag in ("w:b", "w:i", "w:u"):  # the reference mark takes the style, not the sentence's emphasis
        for el in props.findall(qn(tag)):
            props.remove(el)
    props.style = FOOTNOTE_REFERENCE
    r.append(props)
    ref = OxmlElement("w:footnoteReference")  # its w:id is set by write_footnotes
    r.append(ref)
    footnotes.append((ref, inline))
    return r


# --- body and appendices whose outline is data -------------------------------------------------

HEADING_STYLES = {1: "Muc cap 1", 2: "Muc cap 2", 3: "Muc cap 3"}
TABLE_TEXT, APPENDIX, APPENDIX_NOTE = "Chu trong bang", "Phu luc", "Phu luc ghi chu"
_TWIPS_PER_PT = 20


def _style_ids(document) -> dict[str, str]:
    return {s.find(qn("w:name")).get(qn("w:val")): s.get(qn("w:styleId"))
            for s in document.styles.element.findall(qn("w:style")) if s.find(qn("w:name")) is not None}


def _replace_blocks(p, blocks: list, footnotes: Footnotes, document, width: int | None = None) -> None:
    """The `than` marker's paragraph becomes the headings, prose paragraphs and tables."""
    ids = _ensure_block_styles(document)
    width = width or _text_width(document.element.body.find(qn("w:sectPr")))
    ppr = p.find(qn("w:pPr"))
    rpr = _first_rpr(p)
    for block in blocks:
        for element in _block_elements(block, ppr, rpr, footnotes, ids, width):
            p.addprevious(element)
    p.getparent().remove(p)


def _block_elements(block, ppr, rpr, footnotes: Footnotes, ids: dict, width: int) -> list:
    if isinstance(block, Heading):
        return [_styled_paragraph(ids[HEADING_STYLES[min(block.level, 3)]], block.inlines, rpr, footnotes)]
    if isinstance(block, Text):
        return [_prose_paragraph(inlines, ppr, rpr, footnotes) for inlines in block.paragraphs]
    if isinstance(block, TableBlock):
        spacer = OxmlElement("w:p")  # Word needs a paragraph between two tables; it also gives air
        spacer_ppr = OxmlElement("w:pPr")
        spacer_ppr.style = ids[TABLE_TEXT]
        spacer.append(spacer_ppr)
        return [table(block.layout, footnotes, ids[TABLE_TEXT], width), spacer]
    raise AssertionError(block)


def _styled_paragraph(style_id: str, inlines, rpr, footnotes: Footnotes, *, jc: str | None = None):
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    ppr.style = style_id
    if jc:
        el = OxmlElement("w:jc")
        el.set(qn("w:val"), jc)
        ppr.append(el)
    p.append(ppr)
    for inline in inlines:
        p.append(_inline_run(inline, rpr, footnotes))
    return p


def table(layout: dict, footnotes: Footnotes, style_id: str, width: int):
    """A w:tbl from `tables.layout`: single borders, fixed column widths that fill `width` (twips),
    header rows repeated on every page (w:tblHeader), merged header cells (w:gridSpan across,
    w:vMerge down), no row split across pages (w:cantSplit), numbers centred, text left.

    Written as one XML string and parsed once: a 2,000-row table is some 25,000 cells, and building
    them element by element costs seconds (bench/bench_large_table.py)."""
    total = sum(layout["rong"])
    widths = [round(width * w / total) for w in layout["rong"]]
    notes: list[markup.Footnote] = []
    borders = "".join(f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
    out = [f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
           f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
           '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
           '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
           'w:noHBand="0" w:noVBand="0"/></w:tblPr><w:tblGrid>']
    out += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    out.append("</w:tblGrid>")
    for header_row in layout["tieu_de"]:
        out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
        col = 0
        for cell in header_row:
            span = cell["cot_gop"]
            merge = "continue" if cell["tiep"] else ("restart" if cell["hang_gop"] > 1 else None)
            inlines = () if cell["tiep"] else markup.parse_inline(cell["chu"])
            out.append(_cell_xml(inlines, sum(widths[col:col + span]), span, merge, "center", True, False,
                                 style_id, notes))
            col += span
        out.append("</w:tr>")
    for body_row in layout["dong"]:
        out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        col = 0
        for cell in body_row["o"]:
            span = cell["cot_gop"]
            jc = {"giua": "center", "trai": "left", "phai": "right"}[cell["canh"]]
            inlines = _cell_inlines(cell["chu"])
            out.append(_cell_xml(inlines, sum(widths[col:col + span]), span, None, jc, body_row["dam"],
                                 body_row["nghieng"], style_id, notes))
            col += span
        out.append("</w:tr>")
    out.append("</w:tbl>")
    tbl = parse_xml("".join(out))
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
              style_id: str, notes: list) -> str:
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
            marks = ("<w:b/>" if bold or inline.bold else "") + ("<w:i/>" if italic or inline.italic else "")
            runs.append(f'<w:r>{f"<w:rPr>{marks}</w:rPr>" if marks else ""}'
                        f'<w:t xml:space="preserve">{xml_escape(inline.text)}</w:t></w:r>')
        else:  # its w:id is set by write_footnotes
            notes.append(inline)
            runs.append(f'<w:r><w:rPr><w:rStyle w:val="{FOOTNOTE_REFERENCE}"/></w:rPr><w:footnoteReference/></w:r>')
    return (f'<w:tc><w:tcPr>{props}<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="{style_id}"/>'
            f'<w:jc w:val="{jc}"/></w:pPr>{"".join(runs)}</w:p></w:tc>')


def _text_width(sectpr) -> int:
    """Width between the margins, in twips, of the section `sectpr` describes."""
    size, margins = sectpr.find(qn("w:pgSz")), sectpr.find(qn("w:pgMar"))
    page = int(size.get(qn("w:w")))
    return page - int(margins.get(qn("w:left"))) - int(margins.get(qn("w:right")))


def _replace_appendices(p, appendices: list[Appendix], footnotes: Footnotes, document) -> None:
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
    ids = _ensure_block_styles(document)
    report = copy.deepcopy(final)
    p.addprevious(_section_break(report))
    for k, appendix in enumerate(appendices):
        props = _appendix_section(report, appendix.orientation)
        lines = [(ids[APPENDIX], line) for line in appendix.heading] + [(ids[APPENDIX_NOTE], n) for n in appendix.notes]
        for style_id, text in lines:
            p.addprevious(_styled_paragraph(style_id, markup.parse_inline(text), None, footnotes, jc="center"))
        spacer = OxmlElement("w:p")
        p.addprevious(spacer)
        for block in appendix.blocks:
            for element in _block_elements(block, None, None, footnotes, ids, _text_width(props)):
                p.addprevious(element)
        if k < len(appendices) - 1:
            p.addprevious(_section_break(props))
        else:
            final.getparent().replace(final, props)
    p.getparent().remove(p)


def _section_break(sectpr):
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    ppr.append(copy.deepcopy(sectpr))
    p.append(ppr)
    return p


def _appendix_section(report_sectpr, orientation: str):
    props = copy.deepcopy(report_sectpr)
    size = props.find(qn("w:pgSz"))
    w, h = int(size.get(qn("w:w"))), int(size.get(qn("w:h")))
    if orientation == "ngang":
        size.set(qn("w:w"), str(max(w, h)))
        size.set(qn("w:h"), str(min(w, h)))
        size.set(qn("w:orient"), "landscape")
    else:
        size.set(qn("w:w"), str(min(w, h)))
        size.set(qn("w:h"), str(max(w, h)))
        size.attrib.pop(qn("w:orient"), None)
    for old in props.findall(qn("w:pgNumType")) + props.findall(qn("w:type")):
        props.remove(old)
    section_type = parse_xml(f'<w:type {nsdecls("w")} w:val="nextPage"/>')
    numbering = parse_xml(f'<w:pgNumType {nsdecls("w")} w:start="1"/>')
    # CT_SectPr order: header/footer refs, footnotePr, endnotePr, type, pgSz, pgMar, paperSrc, pgBorders,
    # lnNumType, pgNumType, cols, …
    size.addprevious(section_type)
    anchor = props.find(qn("w:pgMar"))
    for tag in ("w:paperSrc", "w:pgBorders", "w:lnNumType"):
        if props.find(qn(tag)) is not None:
            anchor = props.find(qn(tag))
    anchor.addnext(numbering)
    return props


_BLOCK_STYLES = {
    TABLE_TEXT: f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="Chutrongbang">'
                '<w:name w:val="Chu trong bang"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>'
                '<w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/>'
                '<w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>',
    APPENDIX: f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="Phuluc">'
              '<w:name w:val="Phu luc"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/>'
              '<w:spacing w:before="0" w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr>'
              '<w:rPr><w:b/><w:bCs/></w:rPr></w:style>',
    APPENDIX_NOTE: f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="Phulucghichu">'
                   '<w:name w:val="Phu luc ghi chu"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/>'
                   '<w:spacing w:before="0" w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr>'
                   '<w:rPr><w:i/><w:iCs/></w:rPr></w:style>',
}
_HEADING_FALLBACK = ('<w:style {ns} w:type="paragraph" w:customStyle="1" w:styleId="Muccap{n}"><w:name w:val="Muc cap {n}"/>'
                     '<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="{lvl}"/></w:pPr>'
                     '{rpr}</w:style>')


def _ensure_block_styles(document) -> dict[str, str]:
    """A template edited elsewhere may lack the table, appendix or heading styles: add them."""
    styles = document.styles.element
    ids = _style_ids(document)
    for name, xml in _BLOCK_STYLES.items():
        if name not in ids:
            styles.append(parse_xml(xml))
    for level, name in HEADING_STYLES.items():
        if name not in ids:
            rpr = "<w:rPr><w:b/><w:bCs/></w:rPr>" if level < 3 else ""
            styles.append(parse_xml(_HEADING_FALLBACK.format(ns=nsdecls("w"), n=level, lvl=level - 1, rpr=rpr)))
    return _style_ids(document)


def keep_section(document, index: int, appendices: int) -> None:
    """Keep only the report (index 0) or its appendix `index` (1…), so an appendix can be written as a
    .docx of its own. The appendices are the last `appendices` sections of the body (the template's
    own section breaks, if any, all belong to the report); footnotes no longer referenced go too."""
    body = document.element.body
    final = body.find(qn("w:sectPr"))
    sections: list[list] = [[]]
    for child in list(body):
        if child is final:
            continue
        sections[-1].append(child)
        if child.tag == qn("w:p") and child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            sections.append([])
    report = len(sections) - appendices  # sections[:report] are the report's
    keep = [e for part in sections[:report] for e in part] if index == 0 else sections[report + index - 1]
    kept = set(map(id, keep))
    for child in list(body):
        if child is not final and id(child) not in kept:
            body.remove(child)
    if index < appendices:  # the kept part is closed by a section break: its properties become the document's
        closing = keep[-1]
        final.getparent().replace(final, closing.find(qn("w:pPr")).find(qn("w:sectPr")))
        body.remove(closing)
    _drop_unreferenced_footnotes(document)


def _drop_unreferenced_footnotes(document) -> None:
    used = {r.get(qn("w:id")) for r in document.element.body.iter(qn("w:footnoteReference"))}
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES:
            root = _footnotes_part(document).element
            for note in root.findall(qn("w:footnote")):
                if note.get(qn("w:type")) is None and note.get(qn("w:id")) not in used:
                    root.remove(note)


# --- footnotes ---------------------------------------------------------------

_SEPARATORS = (
    f'<w:footnote {nsdecls("w")} w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>',
    f'<w:footnote {nsdecls("w")} w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing '
    'w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>',
)


def write_footnotes(document, footnotes: Footnotes) -> None:
    """Generate word/footnotes.xml for the references `expand_prose` placed.

    Footnotes already in the template (written in Word) are kept; ours take ids
    after theirs. Word and LibreOffice number footnotes by position, so the
    visible numbers follow the order of appearance either way.
    """
    if not footnotes:
        return
    part = _footnotes_part(document)
    root = part.element
    first_id = max([0, *(int(f.get(qn("w:id"))) for f in root.findall(qn("w:footnote")))]) + 1
    for k, (ref, note) in enumerate(footnotes, start=first_id):
        ref.set(qn("w:id"), str(k))
        root.append(_footnote_element(k, note))
    _ensure_footnote_styles(document)
    _ensure_footnote_settings(document)


def _footnotes_part(document):
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES:
            part = rel.target_part
            if not isinstance(part, XmlPart):  # docxtpl leaves a plain Part: re-read it as XML
                xml_part = XmlPart(part.partname, part.content_type, parse_xml(part.blob), part.package)
                rel._target = xml_part
                part = xml_part
            return part
    root = parse_xml(f"<w:footnotes {nsdecls('w', 'r')}>{''.join(_SEPARATORS)}</w:footnotes>")
    part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, root, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    return part


def _footnote_element(note_id: int, note: markup.Footnote):
    fn = OxmlElement("w:footnote")
    fn.set(qn("w:id"), str(note_id))
    for k, inlines in enumerate(note.paragraphs):
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        ppr.style = FOOTNOTE_TEXT
        p.append(ppr)
        if k == 0:
            mark = OxmlElement("w:r")
            rpr = OxmlElement("w:rPr")
            rpr.style = FOOTNOTE_REFERENCE
            mark.append(rpr)
            mark.append(OxmlElement("w:footnoteRef"))
            p.append(mark)
            p.append(_run(" ", None))
        for run in inlines:
            p.append(_run(run.text, None, bold=run.bold, italic=run.italic))
        fn.append(p)
    return fn


_FOOTNOTE_STYLES = {
    FOOTNOTE_TEXT: f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="{FOOTNOTE_TEXT}"><w:name w:val="footnote text"/>'
                   '<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
                   '<w:ind w:firstLine="0"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>',
    FOOTNOTE_REFERENCE: f'<w:style {nsdecls("w")} w:type="character" w:styleId="{FOOTNOTE_REFERENCE}">'
                        '<w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>',
}


def _ensure_footnote_styles(document) -> None:
    """A template edited elsewhere may lack the two footnote styles: add Word's definitions."""
    styles = document.styles.element
    present = {s.get(qn("w:styleId")) for s in styles.findall(qn("w:style"))}
    for style_id, xml in _FOOTNOTE_STYLES.items():
        if style_id not in present:
            styles.append(parse_xml(xml))


# CT_Settings children that follow w:footnotePr (ECMA-376 Part 1, 17.15.1.78).
_SETTINGS_AFTER_FOOTNOTE_PR = (
    "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
    "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "w:shapeDefaults",
    "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator")


def _ensure_footnote_settings(document) -> None:
    """Word lists the separator footnotes in settings.xml (w:footnotePr), as it does itself."""
    settings = document.settings.element
    if settings.find(qn("w:footnotePr")) is not None:
        return
    pr = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>')
    for tag in _SETTINGS_AFTER_FOOTNOTE_PR:
        successor = settings.find(qn(tag))
        if successor is not None:
            successor.addprevious(pr)
            return
    settings.append(pr)


# --- numbering ---------------------------------------------------------------

# Style name -> level. Level 0 is a part (Phần thứ nhất); level 4 a numbered paragraph (1., 2., …)
# under the nearest heading.
NUMBERED_STYLES = {"Phan": 0, "Muc cap 1": 1, "Muc cap 2": 2, "Muc cap 3": 3, "Danh sach so": 4}
# Labels of a template whose styles carry no Word list definition (the report template).
_LABELS = {0: lambda n: f"Phần thứ {_ORDINALS.get(n, str(n))} ", 1: lambda n: f"{vi.la_ma(n)}. ",
           2: lambda n: f"{n}. ", 3: lambda n: f"{chr(ord('a') + n - 1)}) ", 4: lambda n: f"{n}. "}
_ORDINALS = {1: "nhất", 2: "hai", 3: "ba", 4: "tư", 5: "năm", 6: "sáu", 7: "bảy", 8: "tám", 9: "chín", 10: "mười"}
_NUM_FORMATS = {
    "decimal": str, "decimalZero": lambda n: f"{n:02d}", "upperRoman": vi.la_ma,
    "lowerRoman": lambda n: vi.la_ma(n).lower(), "lowerLetter": lambda n: chr(ord("a") + n - 1),
    "upperLetter": lambda n: chr(ord("A") + n - 1), "ordinalText": lambda n: _ORDINALS.get(n, str(n)),
}


def number_headings(document) -> None:
    """Write each numbered paragraph's label as text, counting by order of appearance.

    The label's format is the template's: a numbered style may be linked to a level of a Word
    multilevel list (Format > Bullets and Numbering), whose number text ("%1.%2- "), number format
    (decimal, upperRoman, ordinalText = nhất, hai, …) and separator after the number baocao
    follows. A style without a list keeps baocao's default (I., 1., a), 1.). The list links are
    then removed from the styles, so that Word does not number the paragraphs a second time."""
    styles = {s.get(qn("w:styleId")): s for s in document.styles.element.findall(qn("w:style"))}
    names = {sid: s.find(qn("w:name")).get(qn("w:val")) for sid, s in styles.items() if s.find(qn("w:name")) is not None}
    formats = _list_formats(document, {sid: styles[sid] for sid, name in names.items() if name in NUMBERED_STYLES},
                            names)
    counters = [0] * 5
    for p in _styled_paragraphs(document, {sid for sid, name in names.items()
                                           if name in NUMBERED_STYLES or name == APPENDIX}):
        style_id = p.find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val"))
        name = names.get(style_id, "")
        if name == APPENDIX:  # each appendix numbers its items afresh
            counters = [0] * 5
            continue
        level = NUMBERED_STYLES.get(name)
        if level is None:
            continue
        counters[level] += 1
        for deeper in range(level + 1, 5):
            counters[deeper] = 0
        _unlink_list(p)  # Word's numbering button on the paragraph itself would number it a second time
        first = p.find(qn("w:r"))
        label = formats[style_id](counters, bool(_text(p).strip())) if style_id in formats else _LABELS[level](counters[level])
        run = _run(label, first.find(qn("w:rPr")) if first is not None else None)
        if first is not None:
            first.addprevious(run)
        else:
            p.append(run)
    for style_id in formats:
        _unlink_list(styles[style_id])


def _styled_paragraphs(document, style_ids: set[str]) -> list:
    """The body's paragraphs in one of `style_ids`, in document order: one XPath pass in libxml2,
    as a report with large tables has tens of thousands of cell paragraphs."""
    if not style_ids:
        return []
    if all(re.fullmatch(r"[\w.-]+", sid) for sid in style_ids):
        test = " or ".join(f"@w:val='{sid}'" for sid in sorted(style_ids))
        return document.element.body.xpath(f".//w:p[w:pPr/w:pStyle[{test}]]")  # python-docx maps w:
    return [p for p in document.element.body.xpath(".//w:p[w:pPr/w:pStyle]")  # an id XPath cannot quote
            if p.find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val")) in style_ids]


def _list_formats(document, numbered: dict, names: dict) -> dict:
    """Style id -> label function, for the numbered styles linked to a level of a Word list."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    links = {}
    for style_id, style in numbered.items():
        num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is None or num_pr.find(qn("w:numId")) is None:
            continue
        ilvl = num_pr.find(qn("w:ilvl"))
        links[style_id] = (num_pr.find(qn("w:numId")).get(qn("w:val")), int(ilvl.get(qn("w:val"))) if ilvl is not None else 0)
    formats = {}
    for style_id, (num_id, ilvl) in links.items():
        levels = _abstract_levels(numbering, num_id)
        if ilvl not in levels:
            continue
        # %k in the number text is the counter of the style linked to list level k-1 of the same list
        level_of = {lv: NUMBERED_STYLES[names[sid]] for sid, (nid, lv) in links.items() if nid == num_id}
        formats[style_id] = _label_function(levels, ilvl, level_of)
    return formats


def _abstract_levels(numbering, num_id: str) -> dict[int, tuple[str, str, str]]:
    """List level -> (number text, number format, separator) of the list `num_id`."""
    num = next((n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id), None)
    abstract_id = num.find(qn("w:abstractNumId")) if num is not None else None
    abstract = next((a for a in numbering.findall(qn("w:abstractNum"))
                     if abstract_id is not None and a.get(qn("w:abstractNumId")) == abstract_id.get(qn("w:val"))), None)
    levels = {}
    for lvl in (abstract.findall(qn("w:lvl")) if abstract is not None else ()):
        def val(tag, default):
            el = lvl.find(qn(tag))
            return el.get(qn("w:val")) if el is not None and el.get(qn("w:val")) is not None else default
        levels[int(lvl.get(qn("w:ilvl")))] = (val("w:lvlText", ""), val("w:numFmt", "decimal"), val("w:suff", "tab"))
    return levels


def _label_function(levels: dict, ilvl: int, level_of: dict[int, int]):
    text, _, suffix = levels[ilvl]

    def label(counters: list[int], has_text: bool) -> str:
        def number(m):
            k = int(m.group(1)) - 1
            fmt = _NUM_FORMATS.get(levels.get(k, ("", "decimal", ""))[1], str)
            return fmt(max(counters[level_of[k]], 1)) if k in level_of else ""
        written = re.sub(r"%(\d)", number, text)
        return written + (" " if has_text and suffix != "nothing" and not written.endswith(" ") else "")
    return label


def _unlink_list(element) -> None:
    """Remove the Word list link (w:numPr) of a style or a paragraph: baocao writes the number as text."""
    ppr = element.find(qn("w:pPr"))
    num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
    if num_pr is not None:
        ppr.remove(num_pr)
