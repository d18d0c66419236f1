"""The header block's columns fitted to the names they hold.

The header block is the template's two-column layout table: the issuing body on the left (its
parent body, its name), the Quốc hiệu (or the Party's name) and the Tiêu ngữ on the right, then
the number and the place and date. Its column widths are the template's, made for one name; a
longer name ("PHƯỜNG QUY NHƠN NAM") wrapped with a word alone on a line. Here each line is
measured with the font's widths (measure.py): when a column is too narrow for its lines, it takes
width from the other column as far as the other's own lines allow (the Quốc hiệu and the date
line always stay on one line); a left line still too long is broken at the word boundary that
balances its lines (at a level of government where it can: "ỦY BAN NHÂN DÂN / TỈNH GIA LAI"),
never leaving a word alone. A block that fits is left exactly as the template
made it, and so are the short rules under the names, which stay centred under them.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..text import measure
from .measure import Styles, cell_margins
from .runs import text_of

MARKS = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM")  # what makes a table the header block
SLACK = 20  # twips: room for what the widths do not see (rounding)


def fit(document) -> None:
    tbl = _header_table(document)
    if tbl is None:
        return
    grid = tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))
    widths = [int(col.get(qn("w:w"))) for col in grid]
    styles = Styles(document)
    pad = sum(cell_margins(tbl)) + SLACK
    cells = [_cells_of_column(tbl, k) for k in (0, 1)]
    need = [max((styles.line_width(p) + _indents(p) for tc in column for p in _text_paragraphs(tc)), default=0) + pad
            for column in cells]
    if need[0] <= widths[0] and need[1] <= widths[1]:
        return
    total = sum(widths)
    left = max(need[0], min(widths[0], total - need[1])) if need[0] + need[1] <= total else total - need[1]
    left = round(max(left, total // 4))
    for tc in cells[0]:
        for p in _text_paragraphs(tc):
            if styles.line_width(p) + _indents(p) + pad > left:
                _break_lines(p, styles, left - pad - _indents(p))
    # a column whose lines had to be broken anyway needs no more width than its longest line now takes
    broken = max((styles.longest_line(p) + _indents(p) for tc in cells[0] for p in _text_paragraphs(tc)), default=0)
    left = round(max(widths[0], min(left, broken + pad)))
    if left != widths[0]:
        _set_widths(tbl, grid, [left, total - left], widths)


def _header_table(document):
    """The first table of the body whose right cell holds the Quốc hiệu (or the Party's name)."""
    for tbl in document.element.body.iterchildren(qn("w:tbl")):
        grid = tbl.find(qn("w:tblGrid"))
        row = tbl.find(qn("w:tr"))
        if grid is None or len(grid.findall(qn("w:gridCol"))) != 2 or row is None:
            continue
        cells = row.findall(qn("w:tc"))
        if len(cells) == 2 and any(mark in text_of(cells[1]) for mark in MARKS):
            return tbl
        return None
    return None


def _cells_of_column(tbl, k: int) -> list:
    """The cells standing in grid column `k` alone (a cell spanning both columns is left out)."""
    cells = []
    for tr in tbl.findall(qn("w:tr")):
        col = 0
        for tc in tr.findall(qn("w:tc")):
            span_el = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
            if col == k and span == 1:
                cells.append(tc)
            col += span
    return cells


def _text_paragraphs(tc) -> list:
    return [p for p in tc.findall(qn("w:p")) if text_of(p).strip()]


def _indents(p) -> int:
    ind = p.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    if ind is None:
        return 0
    return sum(int(v) for side in ("w:left", "w:right", "w:start", "w:end")
               if (v := ind.get(qn(side))) and v.lstrip("-").isdigit())


def _set_widths(tbl, grid, new: list[int], old: list[int]) -> None:
    for col, width in zip(grid, new):
        col.set(qn("w:w"), str(width))
    for k in (0, 1):
        change = new[k] - old[k]
        for tc in _cells_of_column(tbl, k):
            tcw = tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
            if tcw is not None:
                tcw.set(qn("w:w"), str(new[k]))
                tcw.set(qn("w:type"), "dxa")
            for p in tc.findall(qn("w:p")):  # a short rule (a border narrowed by indents) stays centred
                ppr = p.find(qn("w:pPr"))
                ind = ppr.find(qn("w:ind")) if ppr is not None else None
                if ppr is None or ppr.find(qn("w:pBdr")) is None or ind is None or text_of(p).strip():
                    continue
                for side in ("w:left", "w:right"):
                    if (ind.get(qn(side)) or "").isdigit():
                        ind.set(qn(side), str(max(0, int(ind.get(qn(side))) + change // 2)))


def _break_lines(p, styles: Styles, room: float) -> None:
    """Break a one-run line at the word boundaries that give the fewest lines fitting `room`, none
    of them a word alone (where the words allow), the longest line as short as can be."""
    runs = [r for r in p.iter(qn("w:r")) if text_of(r)]
    if len(runs) != 1:
        return
    r = runs[0]
    props = styles.run_props(p, r)
    words = text_of(r).split()
    lines = _balanced(words, lambda ws: _width(" ".join(ws), props), room)
    if lines is None or len(lines) < 2:
        return
    for child in list(r):
        if child.tag != qn("w:rPr"):
            r.remove(child)
    for k, line in enumerate(lines):
        if k:
            r.append(OxmlElement("w:br"))
        t = OxmlElement("w:t")
        t.text = " ".join(line)
        t.set(qn("xml:space"), "preserve")
        r.append(t)


def _width(text: str, props: dict) -> float:
    return measure.width(text, props["size"], bold=props["bold"], italic=props["italic"])


def _balanced(words: list[str], width, room: float) -> list[list[str]] | None:
    """The split of `words` into the fewest lines within `room`, every line of two words or more when
    there are enough words, and of those the best (`_score`)."""
    n = len(words)
    for count in range(2, n + 1):
        best = _best_split(words, width, room, count, min_words=2 if n >= 2 * count else 1)
        if best is not None:
            return best
    return None


# A line of the issuing body reads best when it starts at the level of government or a body's name.
LINE_STARTS = ("TỈNH", "THÀNH", "HUYỆN", "QUẬN", "THỊ", "XÃ", "PHƯỜNG", "ĐẶC", "SỞ", "PHÒNG", "BAN", "VĂN", "TRUNG")


def _score(lines: list[list[str]], width) -> tuple:
    """Lines starting elsewhere than at a level (TỈNH, PHƯỜNG…) first, then the longest line."""
    return (sum(1 for line in lines[1:] if line[0].upper() not in LINE_STARTS), max(width(x) for x in lines))


def _best_split(words, width, room, count, min_words):
    best, best_max = None, None

    def walk(start, left, lines):
        nonlocal best, best_max
        if left == 1:
            line = words[start:]
            if len(line) < min_words or width(line) > room:
                return
            candidate = lines + [line]
            score = _score(candidate, width)
            if best_max is None or score < best_max:
                best, best_max = candidate, score
            return
        for end in range(start + min_words, len(words) - min_words * (left - 1) + 1):
            line = words[start:end]
            if width(line) <= room:
                walk(end, left - 1, lines + [line])

    walk(0, count, [])
    return best
