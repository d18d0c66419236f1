"""Runs and paragraphs from parsed prose (text/markup.py): bold and italic runs, footnote
references, a paragraph formatted like the template's paragraph it replaces."""

from __future__ import annotations

import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..text import markup
from .styles import FOOTNOTE_REFERENCE

References = list[tuple[object, markup.Footnote]]  # (w:footnoteReference element, its footnote), in order


def text_of(p) -> str:
    """The text of a paragraph (or any element): its w:t texts joined."""
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def first_rpr(p):
    r = p.find(f".//{qn('w:r')}")
    return r.find(qn("w:rPr")) if r is not None else None


def run(text: str, rpr, *, bold: bool = False, italic: bool = False):
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


def inline_run(inline, rpr, footnotes: References):
    if isinstance(inline, markup.Run):
        return run(inline.text, rpr, bold=inline.bold, italic=inline.italic)
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


def prose_paragraph(inlines, ppr, rpr, footnotes: References):
    """One paragraph of prose, formatted as the template's paragraph (`ppr`) and first run (`rpr`)."""
    new = OxmlElement("w:p")
    if ppr is not None:
        new.append(copy.deepcopy(ppr))
    for inline in inlines:
        new.append(inline_run(inline, rpr, footnotes))
    return new


def styled_paragraph(style_id: str, inlines, rpr, footnotes: References, *, jc: str | None = None):
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    ppr.style = style_id
    if jc:
        el = OxmlElement("w:jc")
        el.set(qn("w:val"), jc)
        ppr.append(el)
    p.append(ppr)
    for inline in inlines:
        p.append(inline_run(inline, rpr, footnotes))
    return p
