"""Tracked changes (w:ins, w:del) written into a document, for a reviewer to accept or reject in
Word or LibreOffice.

Inserted text is wrapped in `w:ins`; removed text comes back as `w:del` runs (`w:delText`); a whole
paragraph or table row added or removed also has its mark tracked (`w:pPr/w:rPr/w:ins`,
`w:trPr/w:ins`). Every mark carries author "baocao" and no date, so the same two inputs always
give the same file. What changed is compare/'s to find; this module only marks elements.
"""

from __future__ import annotations

import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from . import order
from .runs import text_of

AUTHOR = "baocao"
# No w:date (it is optional in ECMA-376): a fixed date would show as 01/01/2000 to the reviewer, and
# today's would make the output depend on the day; Word shows the change with its author only.


class Revisions:
    """Revision marks (w:ins, w:del) with ids unique in the document, after any w:id already there."""

    def __init__(self, roots):
        used = [int(v) for root in roots for el in root.iter()
                if (v := el.get(qn("w:id"))) and v.lstrip("-").isdigit()]
        self.next = max([0, *used]) + 1

    def mark(self, tag: str):
        el = OxmlElement(tag)
        el.set(qn("w:id"), str(self.next))
        el.set(qn("w:author"), AUTHOR)
        self.next += 1
        return el


def place(element, anchor, parent) -> None:
    """Put a removed paragraph or row back (marked deleted): before `anchor`, or else at the end
    of `parent` (before the body's closing section properties)."""
    if anchor is not None:
        anchor.addprevious(element)
    elif parent is not None:
        last = parent[-1] if len(parent) else None
        if last is not None and last.tag == qn("w:sectPr"):  # the body's section properties stay last
            last.addprevious(element)
        else:
            parent.append(element)


# --- within a paragraph ----------------------------------------------------------------------

def _text_runs(p) -> list[tuple[object, int, int]]:
    """(w:r, start, end) for the runs of `p`, by character offset of their w:t text."""
    out, at = [], 0
    for r in p.iter(qn("w:r")):
        n = sum(len(t.text or "") for t in r.iter(qn("w:t")))
        out.append((r, at, at + n))
        at += n
    return out


def _split(p, offsets: set[int]) -> None:
    """Split runs so that every offset falls between two runs (runs of one w:t only; others stay whole)."""
    for r, start, end in _text_runs(p):
        cuts = sorted(o for o in offsets if start < o < end)
        ts = r.findall(qn("w:t"))
        if not cuts or len(ts) != 1 or any(c.tag not in (qn("w:rPr"), qn("w:t")) for c in r):
            continue
        text = ts[0].text or ""
        bounds = [start, *cuts, end]
        for a, b in zip(bounds, bounds[1:]):
            piece = copy.deepcopy(r)
            t = piece.find(qn("w:t"))
            t.text = text[a - start:b - start]
            t.set(qn("xml:space"), "preserve")
            r.addprevious(piece)
        r.getparent().remove(r)


def mark_words(p, old_text: str, pieces, ids: Revisions) -> None:
    """Inserted words wrapped in w:ins; removed words put back as w:del just before what replaced
    them (or after the paragraph's last text when nothing follows)."""
    _split(p, {o for _, _, _, j1, j2 in pieces for o in (j1, j2)})
    runs = _text_runs(p)
    for _, _, _, j1, j2 in pieces:
        for r in [r for r, start, end in runs if j1 <= start and end <= j2 and end > start]:
            _wrap(r, ids.mark("w:ins"))
    last = next((r for r, start, end in reversed(runs) if end > start), None)
    for _, i1, i2, j1, _ in pieces:
        if i2 <= i1:
            continue
        following = next((r for r, start, end in runs if start >= j1 and end > start), None)
        removed = _del_run(old_text[i1:i2], following if following is not None else last, ids)
        if following is not None:
            _outer(following).addprevious(removed)
        elif last is not None:
            _outer(last).addnext(removed)
        else:
            p.append(removed)


def _outer(r):
    parent = r.getparent()
    return parent if parent.tag in (qn("w:ins"), qn("w:del")) else r


def _wrap(r, wrapper) -> None:
    r.addprevious(wrapper)
    wrapper.append(r)


def _del_run(text: str, like, ids: Revisions):
    wrapper = ids.mark("w:del")
    r = OxmlElement("w:r")
    rpr = like.find(qn("w:rPr")) if like is not None else None
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    t = OxmlElement("w:delText")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    r.append(t)
    wrapper.append(r)
    return wrapper


# --- whole paragraphs and rows ---------------------------------------------------------------

def insert_runs(runs, ids: Revisions) -> None:
    for r in runs:
        if r.getparent().tag != qn("w:ins"):
            _wrap(r, ids.mark("w:ins"))


def insert_paragraph(p, ids: Revisions, mark_paragraph: bool = True) -> None:
    insert_runs(list(p.iter(qn("w:r"))), ids)
    if mark_paragraph:
        order.insert_after(_paragraph_mark(p), ids.mark("w:ins"), order.PARA_RPR_HEAD)


def deleted_copy(p, ids: Revisions):
    removed = copy.deepcopy(p)
    delete_runs(removed, ids)
    order.insert_after(_paragraph_mark(removed), ids.mark("w:del"), order.PARA_RPR_HEAD)
    return removed


def delete_runs(p, ids: Revisions) -> None:
    """Turn a copied paragraph's runs into deleted runs. Footnote references belong to the old
    document's footnotes, so they are left out."""
    for r in list(p.iter(qn("w:r"))):
        if r.find(qn("w:footnoteReference")) is not None:
            r.getparent().remove(r)
            continue
        for t in r.findall(qn("w:t")):
            t.tag = qn("w:delText")
        _wrap(r, ids.mark("w:del"))


def _paragraph_mark(p):
    """w:pPr/w:rPr of `p` (the paragraph mark's properties), created in schema order."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = order.insert_after(p, OxmlElement("w:pPr"), order.P_HEAD)
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = order.insert(ppr, OxmlElement("w:rPr"), order.P_PR)
    return rpr


def track_row(tr, ids: Revisions, tag: str) -> None:
    trpr = tr.find(qn("w:trPr"))
    if trpr is None:
        trpr = order.insert_after(tr, OxmlElement("w:trPr"), order.ROW_HEAD)
    order.insert(trpr, ids.mark(tag), order.TR_PR_END)


def mark_change(old, new, pieces, anchor, parent, ids: Revisions) -> None:
    """Mark one change found between two documents: `old`/`new` are the paragraphs (w:p), table rows
    (w:tr), tables or footnotes involved (None on the side that has none); `pieces` the character
    opcodes of a changed paragraph; a removed element comes back, marked deleted, before `anchor`
    (else at the end of `parent`)."""
    if old is not None and new is not None and new.tag == qn("w:p"):
        mark_words(new, text_of(old), pieces, ids)
    elif new is not None and new.tag == qn("w:p"):
        insert_paragraph(new, ids)
    elif new is not None and new.tag in (qn("w:tr"), qn("w:tbl")):
        for tr in [new] if new.tag == qn("w:tr") else new.iterchildren(qn("w:tr")):
            track_row(tr, ids, "w:ins")
        for p in new.iter(qn("w:p")):
            insert_paragraph(p, ids, mark_paragraph=False)
    elif new is not None and new.tag == qn("w:footnote"):  # a new footnote: its reference and its text
        insert_runs([anchor.getparent()], ids)
        for p in new.iter(qn("w:p")):
            insert_paragraph(p, ids, mark_paragraph=False)
    elif old is not None and old.tag == qn("w:p"):
        place(deleted_copy(old, ids), anchor, parent)
    elif old is not None and old.tag == qn("w:tr"):
        removed = copy.deepcopy(old)
        for p in removed.iter(qn("w:p")):
            delete_runs(p, ids)
        track_row(removed, ids, "w:del")
        place(removed, anchor, parent)
