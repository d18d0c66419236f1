"""`baocao diff --docx`: the changes compare found, written into the NEW document as tracked
changes for a leader to review (and accept) in Word or LibreOffice. Accepting every change gives
back the NEW document's text exactly; rejecting every change gives the OLD one."""

from __future__ import annotations

import copy

from docx.oxml.ns import qn

from ..oxml import footnotes, tracked
from ..oxml.runs import text_of
from .changes import Change


def mark(document, changes: list[Change]) -> None:
    """Write `changes` (from compare(old, document)) into `document` as tracked changes."""
    notes = footnotes.part(document)
    ids = tracked.Revisions([document.element.body] + ([notes.element] if notes is not None else []))
    for change in changes:
        old, new = change.old, change.new
        if old is not None and new is not None and new.tag == qn("w:p"):
            tracked.mark_words(new, text_of(old), change.pieces, ids)
        elif new is not None and new.tag == qn("w:p"):
            tracked.insert_paragraph(new, ids)
        elif new is not None and new.tag in (qn("w:tr"), qn("w:tbl")):
            for tr in [new] if new.tag == qn("w:tr") else new.iterchildren(qn("w:tr")):
                tracked.track_row(tr, ids, "w:ins")
            for p in new.iter(qn("w:p")):
                tracked.insert_paragraph(p, ids, mark_paragraph=False)
        elif new is not None and new.tag == qn("w:footnote"):  # a new footnote: its reference and its text
            tracked.insert_runs([change.anchor.getparent()], ids)
            for p in new.iter(qn("w:p")):
                tracked.insert_paragraph(p, ids, mark_paragraph=False)
        elif old is not None and old.tag == qn("w:p"):
            tracked.place(tracked.deleted_copy(old, ids), change.anchor, change.parent)
        elif old is not None and old.tag == qn("w:tr"):
            removed = copy.deepcopy(old)
            for p in removed.iter(qn("w:p")):
                tracked.delete_runs(p, ids)
            tracked.track_row(removed, ids, "w:del")
            tracked.place(removed, change.anchor, change.parent)
