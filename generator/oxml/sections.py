"""Sections: the page setup of a part of the document, closed by its w:sectPr.

An appendix is a section of its own after the signature: landscape unless the data says otherwise,
its pages numbered from 1 (its first page, like the report's, shows none). A document can also be
cut down to one of its sections, so an appendix can be written as a .docx of its own.
"""

from __future__ import annotations

import copy

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from . import footnotes, order


def text_width(sectpr) -> int:
    """Width between the margins, in twips, of the section `sectpr` describes."""
    size, margins = sectpr.find(qn("w:pgSz")), sectpr.find(qn("w:pgMar"))
    page = int(size.get(qn("w:w")))
    return page - int(margins.get(qn("w:left"))) - int(margins.get(qn("w:right")))


def section_break(sectpr):
    """An empty paragraph closing a section with the properties `sectpr` (copied)."""
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    ppr.append(copy.deepcopy(sectpr))
    p.append(ppr)
    return p


def appendix_section(report_sectpr, orientation: str):
    """An appendix's section properties, from the report's: "ngang" (landscape) or "doc", starting
    on a new page with its page numbers from 1."""
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
    order.insert(props, parse_xml(f'<w:type {nsdecls("w")} w:val="nextPage"/>'), order.SECT_PR)
    order.insert(props, parse_xml(f'<w:pgNumType {nsdecls("w")} w:start="1"/>'), order.SECT_PR)
    return props


def keep_section(document, index: int, appendices: int) -> None:
    """Keep only the report (index 0) or its appendix `index` (1…). The appendices are the last
    `appendices` sections of the body (the template's own section breaks, if any, all belong to the
    report); footnotes no longer referenced go too."""
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
    footnotes.drop_unreferenced(document)
