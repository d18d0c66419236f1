"""Tags as a Văn phòng clerk wrote them in Word, and where each stands: `{{ … }}` / `{% … %}` found
in a paragraph's text, read as Jinja reads them after docxtpl (straight quotes, no docxtpl
prefix), `{% set %}` shortcuts, and a place named the way Word shows it.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..oxml.parts import header_footer_roles
from .messages import PARTS

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
PLAIN_QUOTES = str.maketrans("“”‘’", "\"\"''")  # as docxtpl reads Word's smart quotes inside tags


def order(part: str, paragraph: int, column: int = 0) -> tuple[int, str, int, int]:
    return (part != "body", part, paragraph, column)  # the body first, then headers, footers, notes


SET = re.compile(r"\{%-?p?\s*set\s+(\w+)\s*=\s*(.*?)\s*-?%\}", re.S)
CHAIN = re.compile(r"\w+(?:\.\w+)*")
DOCXTPL_PREFIX = re.compile(r"^(\{\{|\{%)[prc]\b|^(\{%)tr\b|^(\{%)tc\b")


def as_jinja(tag: str) -> str:
    """A tag as Jinja reads it after docxtpl: straight quotes, no docxtpl prefix ({%p, {{r, {%tr …)."""
    return DOCXTPL_PREFIX.sub(lambda m: m.group(1) or m.group(2) or m.group(3), tag.translate(PLAIN_QUOTES))


def first_sets(paragraphs) -> dict[str, tuple]:
    """Where each `{% set name = … %}` shortcut is first made, as (part, paragraph) order."""
    first: dict[str, tuple] = {}
    for para in paragraphs:
        for tag in TAG.findall(para.text):
            if m := SET.fullmatch(tag.translate(PLAIN_QUOTES)):
                first.setdefault(m.group(1), order(para.part, para.index, 0)[:3])
    return first


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
        if snippet:
            place += f", «{snippet}»"
        return place
