"""The paragraph and character styles baocao writes with, added when a template lacks them.

A template edited in Word or LibreOffice may have lost a style baocao needs (the table text, the
appendix heading, the heading levels, the two footnote styles): each is then added with Word's own
definition, so the document still opens and prints as designed.
"""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from . import order

FOOTNOTE_TEXT, FOOTNOTE_REFERENCE = "FootnoteText", "FootnoteReference"
HEADING_STYLES = {1: "Muc cap 1", 2: "Muc cap 2", 3: "Muc cap 3"}
TABLE_TEXT, APPENDIX, APPENDIX_NOTE = "Chu trong bang", "Phu luc", "Phu luc ghi chu"


_STYLE, _NAME, _VAL, _STYLE_ID = qn("w:style"), qn("w:name"), qn("w:val"), qn("w:styleId")
_PPR, _BASED_ON = qn("w:pPr"), qn("w:basedOn")


def style_ids(document) -> dict[str, str]:
    """Style name → style id, for the document's styles (a template holds hundreds of styles, and
    every document asks several times: the tag names are resolved once)."""
    ids = {}
    for style in document.styles.element.iterchildren(_STYLE):
        name = style.find(_NAME)
        if name is not None:
            ids[name.get(_VAL)] = style.get(_STYLE_ID)
    return ids


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


def ensure_block_styles(document) -> dict[str, str]:
    """A template edited elsewhere may lack the table, appendix or heading styles: add them."""
    styles = document.styles.element
    ids = style_ids(document)
    for name, xml in _BLOCK_STYLES.items():
        if name not in ids:
            styles.append(parse_xml(xml))
    for level, name in HEADING_STYLES.items():
        if name not in ids:
            rpr = "<w:rPr><w:b/><w:bCs/></w:rPr>" if level < 3 else ""
            styles.append(parse_xml(_HEADING_FALLBACK.format(ns=nsdecls("w"), n=level, lvl=level - 1, rpr=rpr)))
    return style_ids(document)


_FOOTNOTE_STYLES = {
    FOOTNOTE_TEXT: f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="{FOOTNOTE_TEXT}"><w:name w:val="footnote text"/>'
                   '<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
                   '<w:ind w:firstLine="0"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>',
    FOOTNOTE_REFERENCE: f'<w:style {nsdecls("w")} w:type="character" w:styleId="{FOOTNOTE_REFERENCE}">'
                        '<w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>',
}


def ensure_footnote_styles(document) -> None:
    """A template edited elsewhere may lack the two footnote styles: add Word's definitions."""
    styles = document.styles.element
    present = {s.get(qn("w:styleId")) for s in styles.findall(qn("w:style"))}
    for style_id, xml in _FOOTNOTE_STYLES.items():
        if style_id not in present:
            styles.append(parse_xml(xml))


def left_align_headings(document, names) -> None:
    """Headings are set left, never justified: a justified heading of two lines stretched its first
    line across the page. A heading style (named in `names`) whose alignment, its own or inherited,
    is justified gets its own left alignment; a centred heading stays centred."""
    by_id = {s.get(qn("w:styleId")): s for s in document.styles.element.findall(qn("w:style"))}
    for style in by_id.values():
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in names or _alignment(style, by_id) not in ("both", "distribute"):
            continue
        ppr = style.find(qn("w:pPr"))
        if ppr is None:
            ppr = parse_xml(f'<w:pPr {nsdecls("w")}/>')
            rpr = style.find(qn("w:rPr"))
            rpr.addprevious(ppr) if rpr is not None else style.append(ppr)
        jc = ppr.find(qn("w:jc"))
        if jc is None:
            jc = order.insert(ppr, parse_xml(f'<w:jc {nsdecls("w")}/>'), order.P_PR)
        jc.set(qn("w:val"), "left")


def styles_keeping_with_next(document) -> set[str]:
    """Ids of the paragraph styles whose keep-with-next, their own or inherited, is on."""
    by_id = {s.get(qn("w:styleId")): s for s in document.styles.element.findall(qn("w:style"))}
    kept = set()
    for style_id, style in by_id.items():
        keep = _inherited(style, by_id, "w:keepNext")
        if keep is not None and keep.get(qn("w:val"), "true") not in ("0", "false", "off"):
            kept.add(style_id)
    return kept


def _alignment(style, by_id: dict) -> str | None:
    jc = _inherited(style, by_id, "w:jc")
    return jc.get(qn("w:val")) if jc is not None else None


def _inherited(style, by_id: dict, tag: str):
    """A paragraph property of a style, its own or from the styles it is based on."""
    seen = set()
    path = f"{_PPR}/{qn(tag)}"
    while style is not None and id(style) not in seen:
        seen.add(id(style))
        found = style.find(path)
        if found is not None:
            return found
        based = style.find(_BASED_ON)
        style = by_id.get(based.get(_VAL)) if based is not None else None
    return None
