"""An item number typed where baocao numbers: `2.4- Tăng cường …` in a directive, `1.1.1. Số sở …` in
an indicator table's STT row, `3. Tiếp tục …` in a task. baocao writes those numbers from the order of
the items (oxml/numbering.py, derive/table_layout.py), so a typed one would print twice ("2.4- 2.4-
…", "1.2.1. | 1.1.1. …"); the checks warn about it and the documents print the text without it.

A typed number is a Roman numeral or dotted digits followed by `.`, `)` or a dash, or a letter followed
by `)` or `.`, or a Party report's "Phần thứ nhất:", then a space: `1.297 hồ sơ`, `2023 - năm …`,
`5 tháng đầu năm` are not numbers.
"""

from __future__ import annotations

import re

TYPED = re.compile(r"^\s*(?P<number>(?:[IVX]{1,5}|\d{1,3}(?:\.\d{1,3}){0,4})(?:\s*[.)](?:\s*[-–])?|\s*[-–])"
                   r"|[a-zđ][.)]|(?:Phần|PHẦN) (?:thứ|THỨ) \w+\s*[:.\-–]?)\s+(?=\S)")


def typed_number(text: object) -> str | None:
    """The item number a text starts with, as typed ("2.4-"), or None."""
    m = TYPED.match(text) if isinstance(text, str) else None
    return m.group("number").strip() if m else None


def without_number(text: object) -> object:
    """The text as printed: without the item number it starts with (anything else as it is)."""
    m = TYPED.match(text) if isinstance(text, str) else None
    return text[m.end():] if m else text
