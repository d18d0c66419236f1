"""XML surgery for `baocao diff --docx`: write the changes `diff.compare` found into the NEW
document as Word tracked changes, for a leader to review (and accept) in Word or LibreOffice.

Inserted text is wrapped in `w:ins`, removed text comes back as `w:del` runs (`w:delText`),
a whole paragraph or table row added or removed also has its mark tracked (`w:rPr/w:ins` in
the paragraph's properties, `w:trPr/w:ins`). Every change carries author "baocao" and a fixed
date, so the same two inputs always give the same file. Accepting every change gives back the
NEW document's text exactly.
"""

from __future__ import annotations

import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .diff import Change, text_of

AUTHOR = "baocao"
# No w:date (it is optional in ECMA-376): a fixed date would show as 01/01/2000 to the reviewer, and
# today's would make the output depend on the day; Word shows the change with its author only.

# CT_PPr children that come after w:rPr; CT_TrPr children are a choice, ins/del go last.
_AFTER_RPR_IN_PPR = ("w:sectPr", "w:pPrChange")


class _Ids:
    """Revision ids: unique, after any w:id already in the document."""

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


def mark(document, changes: list[Change]) -> None:
    """Write `changes` (from diff.compare(old, document)) into `document` as tracked changes."""
    parts = {id(c.footnotes): c.footnotes for c in changes if c.footnotes is not None}
    ids = _Ids([document.element.body, *(f.root for f in parts.values())])
    for change in changes:
        old, new = change.old, change.new
        if old is not None and new is not None and new.tag == qn("w:p"):
            _mark_words(new, text_of(old), change.pieces, ids)
        elif new is not None and new.tag == qn("w:p"):
            _insert_paragraph(new, ids)
        elif new is not None and new.tag in (qn("w:tr"), qn("w:tbl")):
            for tr in [new] if new.tag == qn("w:tr") else new.iterchildren(qn("w:tr")):
                _track_row(tr, ids, "w:ins")
            for p in new.iter(qn("w:p")):
                _insert_paragraph(p, ids, mark_paragraph=False)
        elif new is not None and new.tag == qn("w:footnote"):  # a new footnote: its reference and its text
            _insert_runs([change.anchor.getparent()], ids)
            for p in new.iter(qn("w:p")):
                _insert_paragraph(p, ids, mark_paragraph=False)
        elif old is not None and old.tag == qn("w:p"):
            removed = _deleted_copy(old, ids)
            _place(removed, change)
        elif old is not None and old.tag == qn("w:tr"):
            removed = copy.deepcopy(old)
            for p in removed.iter(qn("w:p")):
                _delete_runs(p, ids)
            _track_row(removed, ids, "w:del")
            _place(removed, change)
    for footnotes in parts.values():
        footnotes.save()


def _place(element, change: Change) -> None:
    if change.anchor is not None:
        change.anchor.addprevious(element)
    elif change.parent is not None:
        last = change.parent[-1] if len(change.parent) else None
        if last is not None and last.tag == qn("w:sectPr"):  # the body's section properties stay last
            last.addprevious(element)
        else:
            change.parent.append(element)


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


def _mark_words(p, old_text: str, pieces, ids: _Ids) -> None:
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


def _del_run(text: str, like, ids: _Ids):
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

def _insert_runs(runs, ids: _Ids) -> None:
    for r in runs:
        if r.getparent().tag != qn("w:ins"):
            _wrap(r, ids.mark("w:ins"))


def _insert_paragraph(p, ids: _Ids, mark_paragraph: bool = True) -> None:
    _insert_runs(list(p.iter(qn("w:r"))), ids)
    if mark_paragraph:
        _paragraph_mark(p).insert(0, ids.mark("w:ins"))


def _deleted_copy(p, ids: _Ids):
    removed = copy.deepcopy(p)
    _delete_runs(removed, ids)
    _paragraph_mark(removed).insert(0, ids.mark("w:del"))
    return removed


def _delete_runs(p, ids: _Ids) -> None:
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
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        successor = next((c for c in ppr if c.tag in {qn(t) for t in _AFTER_RPR_IN_PPR}), None)
        if successor is not None:
            successor.addprevious(rpr)
        else:
            ppr.append(rpr)
    return rpr


def _track_row(tr, ids: _Ids, tag: str) -> None:
    trpr = tr.find(qn("w:trPr"))
    if trpr is None:
        trpr = OxmlElement("w:trPr")
        tpr = tr.find(qn("w:tblPrEx"))
        if tpr is not None:
            tpr.addnext(trpr)
        else:
            tr.insert(0, trpr)
    trpr.append(ids.mark(tag))
