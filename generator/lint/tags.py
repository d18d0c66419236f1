"""Tags as a Văn phòng clerk wrote them in Word, and where each stands: `{{ … }}` / `{% … %}` found
in a paragraph's text, read as Jinja reads them after docxtpl (straight quotes, no docxtpl
prefix), `{% set %}` shortcuts, and a place named the way Word shows it (render/places.py and
oxml/places.py, which the render's callers use too, to name where a fill failed).
"""

from __future__ import annotations

import re

from ..oxml.places import Where
from ..render.places import PLAIN_QUOTES, TAG, as_jinja

__all__ = ["CHAIN", "PLAIN_QUOTES", "SET", "TAG", "Where", "as_jinja", "first_sets", "order"]


def order(part: str, paragraph: int, column: int = 0) -> tuple[int, str, int, int]:
    return (part != "body", part, paragraph, column)  # the body first, then headers, footers, notes


SET = re.compile(r"\{%-?p?\s*set\s+(\w+)\s*=\s*(.*?)\s*-?%\}", re.S)
CHAIN = re.compile(r"\w+(?:\.\w+)*")


def first_sets(paragraphs) -> dict[str, tuple]:
    """Where each `{% set name = … %}` shortcut is first made, as (part, paragraph) order."""
    first: dict[str, tuple] = {}
    for para in paragraphs:
        for tag in TAG.findall(para.text):
            if m := SET.fullmatch(tag.translate(PLAIN_QUOTES)):
                first.setdefault(m.group(1), order(para.part, para.index, 0)[:3])
    return first
