"""A place in a .docx named as a clerk finds it in Word: the part by its role (the first page's
header, …), the paragraph, the table cell, and the tag with the words around it, cut between words:
"thân văn bản, đoạn 142, bảng 2 hàng 1 ô 2, «{{ bc.ngay|ngay_thang_nam }}»". Used by `template
check` for what it finds, and for a fill that failed (render/places.py finds the spot, `placed`
names it in the error's findings).
"""

from __future__ import annotations

from pathlib import Path


from .. import lazy
from ..errors import Finding, Location, UserError
from .parts import header_footer_roles

lint_reader = lazy.module("docxtpl_lint.reader")  # only to name where a fill failed (lazy.py)

PARTS = {"body": "thân văn bản", "header": "đầu trang", "footer": "chân trang",
         "footnotes": "chú thích cuối trang", "endnotes": "chú thích cuối văn bản", "comments": "ghi chú"}


class Where:
    """Where a clerk finds a spot in Word: the part by its role (the first page's header, …), the
    paragraph, the table cell, and the tag with the words around it, cut between words."""

    def __init__(self, template: Path, paragraphs):
        self.texts = {(p.part, p.index): p.text for p in paragraphs}
        self.roles = header_footer_roles(template)

    def part_name(self, part: str) -> str:
        kind = part.rstrip("0123456789")
        return self.roles.get(part) or PARTS.get(kind, part) + (f" {part[len(kind):]}" if part[len(kind):] else "")

    def of(self, issue) -> str:
        location = issue.location
        return self.place(location.part, location.paragraph, location.cells, issue.snippet)

    def place(self, part: str, paragraph: int, cells, snippet: str) -> str:
        place = f"{self.part_name(part)}, đoạn {paragraph}"
        if cells:
            cell = cells[-1]
            place += f", bảng {cell.table} hàng {cell.row} ô {cell.col}"
        text = " ".join(self.texts.get((part, paragraph), "").split())
        snippet = " ".join(snippet.split())
        at = text.find(snippet) if snippet else -1
        if at >= 0:
            start, end = max(0, at - 30), min(len(text), at + len(snippet) + 30)
            while 0 < start < at and not text[start - 1].isspace():
                start -= 1
            while at + len(snippet) < end < len(text) and not text[end].isspace():
                end += 1
            snippet = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
        if len(snippet) > 100:  # a tag of thousands of characters is named by its ends
            snippet = snippet[:60] + "…" + snippet[-30:]
        if snippet:
            place += f", «{snippet}»"
        return place


def placed(exc: UserError, template: Path) -> UserError:
    """`exc` (a failed fill of `template`) with its spot, if the render found one, named in the
    template's findings; the same class of error (a limit hit stays one)."""
    spot = getattr(exc, "spot", None)
    if spot is None:
        return exc
    try:
        place = Where(template, list(lint_reader.iter_paragraphs(template))).place(spot.part, spot.index, spot.cells,
                                                                                   spot.tag)
    except Exception:  # noqa: BLE001 - naming the place is a courtesy: the message stands without it
        return exc
    findings = [Finding(Location(f.location.file, f.location.line, f.location.column, place), f.message, f.hint,
                        f.severity) if Path(f.location.file) == Path(template) and not f.location.place else f
                for f in exc.findings]
    return type(exc)(findings)
