"""How wide a paragraph's text prints: each run's size, bold and italic as Word resolves them
(the run, then its character style, the paragraph's style and the styles it is based on, then the
document defaults), measured with the font's widths (text/measure.py)."""

from __future__ import annotations

from docx.oxml.ns import qn

from ..text import measure
from .runs import text_of

DEFAULT_SIZE = 10.0  # points: Word's size when no style says one
WORD_CELL_MARGIN = 108  # twips each side: Word's default for a table without its own cell margins


class Styles:
    """A document's styles, for resolving run properties (cached per style)."""

    def __init__(self, document):
        root = document.styles.element
        self._by_id = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
        defaults = root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        self._defaults = _props(defaults, {})
        self._cache: dict[str | None, dict] = {}

    def paragraph_props(self, style_id: str | None) -> dict:
        """Size, bold and italic a paragraph of style `style_id` gives its runs."""
        if style_id not in self._cache:
            chain, seen = [], set()
            current = style_id if style_id in self._by_id else self._default_paragraph_style()
            while current and current not in seen and current in self._by_id:
                seen.add(current)
                chain.append(self._by_id[current])
                based = self._by_id[current].find(qn("w:basedOn"))
                current = based.get(qn("w:val")) if based is not None else None
            props = dict(self._defaults)
            for style in reversed(chain):
                props = _props(style.find(qn("w:rPr")), props)
            self._cache[style_id] = props
        return self._cache[style_id]

    def _default_paragraph_style(self) -> str | None:
        return next((sid for sid, s in self._by_id.items()
                     if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true")), None)

    def run_props(self, p, r) -> dict:
        ppr = p.find(qn("w:pPr"))
        pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
        props = self.paragraph_props(pstyle.get(qn("w:val")) if pstyle is not None else None)
        rpr = r.find(qn("w:rPr"))
        if rpr is not None and rpr.find(qn("w:rStyle")) is not None:
            char_style = self._by_id.get(rpr.find(qn("w:rStyle")).get(qn("w:val")))
            if char_style is not None:
                props = _props(char_style.find(qn("w:rPr")), props)
        return _props(rpr, props)

    def line_width(self, p) -> float:
        """Width in twips of paragraph `p` set on one line (its runs, each in its own size)."""
        total = 0.0
        for r in p.iter(qn("w:r")):
            text = text_of(r)
            if text:
                props = self.run_props(p, r)
                total += measure.width(text, props["size"], bold=props["bold"], italic=props["italic"])
        return total

    def longest_line(self, p) -> float:
        """Width in twips of the longest of the paragraph's lines, as its line breaks (w:br) cut it."""
        longest, current = 0.0, 0.0
        for r in p.iter(qn("w:r")):
            props = None
            for child in r:
                if child.tag == qn("w:br"):
                    longest, current = max(longest, current), 0.0
                elif child.tag == qn("w:t") and child.text:
                    props = props or self.run_props(p, r)
                    current += measure.width(child.text, props["size"], bold=props["bold"], italic=props["italic"])
        return max(longest, current)

    def widest_word(self, p) -> float:
        """Width in twips of the paragraph's widest word (runs joined, as a word may span runs)."""
        pieces = [(text_of(r), self.run_props(p, r)) for r in p.iter(qn("w:r"))]
        widest, current = 0.0, 0.0
        for text, props in pieces:
            for k, part in enumerate(text.split(" ")):
                if k:
                    widest, current = max(widest, current), 0.0
                current += measure.width(part, props["size"], bold=props["bold"], italic=props["italic"])
        return max(widest, current)


def _props(rpr, inherited: dict) -> dict:
    props = dict(inherited) or {"size": DEFAULT_SIZE, "bold": False, "italic": False}
    if rpr is None:
        return props
    size = rpr.find(qn("w:sz"))
    if size is not None and (size.get(qn("w:val")) or "").isdigit():
        props["size"] = int(size.get(qn("w:val"))) / 2
    for key, tag in (("bold", "w:b"), ("italic", "w:i")):
        el = rpr.find(qn(tag))
        if el is not None:
            props[key] = el.get(qn("w:val"), "true") not in ("0", "false", "off")
    return props


def cell_margins(tbl) -> tuple[int, int]:
    """Left and right cell margins of a table, in twips."""
    mar = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
    sides = []
    for side, alt in (("w:left", "w:start"), ("w:right", "w:end")):
        el = mar.find(qn(side)) if mar is not None else None
        el = el if el is not None else (mar.find(qn(alt)) if mar is not None else None)
        value = el.get(qn("w:w")) if el is not None else None
        sides.append(int(value) if value and value.isdigit() else WORD_CELL_MARGIN)
    return sides[0], sides[1]
