"""Writes generator/text/font_widths.py: the advance widths of Times New Roman's letters.

baocao sizes the header block's columns and a table's columns from the width of their words, so it
needs the font's widths without the font. Liberation Serif is metric-compatible with Times New
Roman (every letter has the same advance width), and its files are free, so the widths are read
from them here, once, with fontTools (a development tool only: pip install fonttools):

    python tools/make_font_widths.py [/usr/share/fonts/truetype/liberation2]

Only the letters Vietnamese documents use are kept: ASCII, Latin-1, the Latin Extended letters of
Vietnamese (ă â đ ê ô ơ ư …), the precomposed letters U+1EA0–U+1EF9 and common punctuation.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.ttLib import TTFont

OUT = Path(__file__).resolve().parent.parent / "generator" / "text" / "font_widths.py"
STYLES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold_italic": "BoldItalic"}
CHARS = ([chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0xA0, 0x100)] + list("ĂăĐđĨĩŨũƠơƯư")
         + [chr(c) for c in range(0x1EA0, 0x1EFA)] + list("–—‘’“”•…"))


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/usr/share/fonts/truetype/liberation2")
    lines = ['"""Advance widths of Times New Roman (= Liberation Serif), in thousandths of an em.',
             "", "Written by tools/make_font_widths.py from the Liberation Serif fonts; do not edit by hand.",
             '"""', "", f"CHARS = {''.join(CHARS)!r}", "", "WIDTHS = {"]
    for key, style in STYLES.items():
        font = TTFont(folder / f"LiberationSerif-{style}.ttf")
        cmap, metrics, unit = font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm
        widths = [round(metrics[cmap[ord(c)]][0] * 1000 / unit) if ord(c) in cmap else 500 for c in CHARS]
        lines.append(f"    {key!r}: {tuple(widths)!r},")
    lines.append("}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
