"""Expanding the prose markers the render left (render/prose.py) into real Word content: a
`doan` paragraph becomes the prose's paragraphs, a `cau` marker inside a sentence becomes runs,
`than` and `phu_luc` become the body's and the appendices' blocks; footnote references are
collected in order of appearance for the footnotes part."""

from __future__ import annotations

import copy
import re

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..render.prose import MARK_CLOSE, MARK_OPEN, Prose
from ..text import markup
from .blocks import PlacementError, write_appendices, write_blocks
from .runs import References, first_rpr, inline_run, prose_paragraph, run, text_of

_MARKER = re.compile(f"{MARK_OPEN}([PIBA])(\\d+){MARK_CLOSE}")


def expand(document, prose: Prose) -> References:
    """Expand every marker in the body, headers and footers; returns the body's footnote
    references in order of appearance."""
    footnotes: References = []
    _expand_in(document.element.body, prose, footnotes, document)
    for rel in document.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER):
            notes: References = []
            _expand_in(rel.target_part.element, prose, notes)
            if notes:
                raise PlacementError("chú thích cuối trang (^[…]) không đặt được trong đầu trang hay chân trang")
    return footnotes


def _expand_in(root, prose: Prose, footnotes: References, document=None) -> None:
    for p in list(root.iter(qn("w:p"))):
        if MARK_OPEN not in text_of(p):
            continue
        whole = _MARKER.fullmatch(text_of(p).strip())
        kind = whole.group(1) if whole else None
        if kind == "P":
            _replace_paragraph(p, prose.items[int(whole.group(2))], footnotes)
        elif kind in ("B", "A") and document is not None:
            (write_blocks if kind == "B" else write_appendices)(
                p, prose.items[int(whole.group(2))], footnotes, document)
        elif kind in ("B", "A"):
            raise PlacementError("phần thân và phụ lục (than, phu_luc) chỉ đặt được trong thân văn bản")
        elif re.search(f"{MARK_OPEN}[BA]", text_of(p)):
            raise PlacementError("{{ …|than }} và {{ …|phu_luc }} phải đứng một mình trong một đoạn của mẫu")
        else:
            _expand_inline(p, prose, footnotes)


def _replace_paragraph(p, paragraphs: list[markup.Paragraph], footnotes) -> None:
    """A paragraph holding only a `doan` marker becomes the prose's paragraphs (or nothing)."""
    ppr = p.find(qn("w:pPr"))
    rpr = first_rpr(p)
    for inlines in paragraphs:
        p.addprevious(prose_paragraph(inlines, ppr, rpr, footnotes))
    parent = p.getparent()
    parent.remove(p)
    if parent.tag == qn("w:tc") and parent.find(qn("w:p")) is None:  # a cell must keep one paragraph
        empty = OxmlElement("w:p")
        if ppr is not None:
            empty.append(copy.deepcopy(ppr))
        parent.append(empty)


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
                    r.addprevious(inline_run(inline, rpr, footnotes))
            pos = m.end()
        _add_text_run(r, text[pos:], rpr)
        r.getparent().remove(r)
    _tidy_spaces(p)


def _add_text_run(before, text: str, rpr) -> None:
    if text:
        before.addprevious(run(text, rpr))


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
