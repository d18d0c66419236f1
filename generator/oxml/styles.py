"""The paragraph and character styles baocao writes with, added when a template lacks them.

A template edited in Word or LibreOffice may have lost a style baocao needs (the table text, the
appendix heading, the heading levels, the two footnote styles): each is then added with Word's own
definition, so the document still opens and prints as designed.
"""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

FOOTNOTE_TEXT, FOOTNOTE_REFERENCE = "FootnoteText", "FootnoteReference"
HEADING_STYLES = {1: "Muc cap 1", 2: "Muc cap 2", 3: "Muc cap 3"}
TABLE_TEXT, APPENDIX, APPENDIX_NOTE = "Chu trong bang", "Phu luc", "Phu luc ghi chu"


def style_ids(document) -> dict[str, str]:
    """Style name → style id, for the document's styles."""
    return {s.find(qn("w:name")).get(qn("w:val")): s.get(qn("w:styleId"))
            for s in document.styles.element.findall(qn("w:style")) if s.find(qn("w:name")) is not None}


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
