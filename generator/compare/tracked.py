"""`baocao diff --docx`: the changes compare found, written into the NEW document as tracked
changes for a leader to review (and accept) in Word or LibreOffice. Accepting every change gives
back the NEW document's text exactly; rejecting every change gives the OLD one."""

from __future__ import annotations

from ..oxml import footnotes, tracked
from .changes import Change


def mark(document, changes: list[Change]) -> None:
    """Write `changes` (from compare(old, document)) into `document` as tracked changes."""
    notes = footnotes.part(document)
    ids = tracked.Revisions([document.element.body] + ([notes.element] if notes is not None else []))
    for change in changes:
        tracked.mark_change(change.old, change.new, change.pieces, change.anchor, change.parent, ids)
