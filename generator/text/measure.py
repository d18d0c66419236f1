"""How wide a text prints in Times New Roman, from the font's letter widths (font_widths.py).

The header block's columns and a table's columns are sized from their words' widths; this is
the width a line takes in Word or LibreOffice, short of kerning (neither kerns these documents).
"""

from __future__ import annotations

import functools
import unicodedata

from .font_widths import CHARS, WIDTHS

_TABLES = {style: dict(zip(CHARS, widths)) for style, widths in WIDTHS.items()}
_UNKNOWN = 556  # a letter the table lacks: as wide as the average small letter
POINT = 20  # twips


def style_of(bold: bool, italic: bool) -> str:
    return ("bold_italic" if italic else "bold") if bold else ("italic" if italic else "regular")


def width(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """Width of `text` in twips at `size` points."""
    table = _TABLES[style_of(bold, italic)]
    thousandths = 0
    for ch in unicodedata.normalize("NFC", text):
        if unicodedata.combining(ch):
            continue
        thousandths += table.get(ch, _UNKNOWN)
    return thousandths * size * POINT / 1000


def widest_word(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """Width in twips of the widest word of `text`: a column narrower than that breaks it mid-word."""
    return max((_word_width(word, size, bold, italic) for word in text.split()), default=0.0)


@functools.lru_cache(maxsize=4096)
def _word_width(word: str, size: float, bold: bool, italic: bool) -> float:
    """A word's width, remembered: a long table's cells repeat the same words thousands of times."""
    return width(word, size, bold=bold, italic=italic)
