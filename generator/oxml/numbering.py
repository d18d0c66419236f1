"""Heading numbers and numbered items, written as text in order of appearance.

baocao numbers headings (I., 1., a)) and numbered items (1., 2.) itself rather than leaving them to
Word's list fields: the number a clerk sees is then the text `baocao diff` reads and a left-out
item leaves no gap. The format is the template's: a numbered style may be linked to a level of a
Word multilevel list, whose number text ("%1.%2- "), number format (decimal, upperRoman,
ordinalText = nhất, hai, …) and separator baocao follows; a style without a list keeps baocao's
default. The list links are then removed, so that Word does not number the paragraphs again.
"""

from __future__ import annotations

import re

from docx.oxml.ns import qn

from ..text import vi_format as vi
from .runs import run, text_of
from .styles import APPENDIX

# Style name -> level. Level 0 is a part (Phần thứ nhất); level 4 a numbered paragraph (1., 2., …)
# under the nearest heading.
NUMBERED_STYLES = {"Phan": 0, "Muc cap 1": 1, "Muc cap 2": 2, "Muc cap 3": 3, "Danh sach so": 4}
# Labels of a template whose styles carry no Word list definition (the report template).
_LABELS = {0: lambda n: f"Phần thứ {_ORDINALS.get(n, str(n))} ", 1: lambda n: f"{vi.la_ma(n)}. ",
           2: lambda n: f"{n}. ", 3: lambda n: f"{chr(ord('a') + n - 1)}) ", 4: lambda n: f"{n}. "}
_ORDINALS = {1: "nhất", 2: "hai", 3: "ba", 4: "tư", 5: "năm", 6: "sáu", 7: "bảy", 8: "tám", 9: "chín", 10: "mười"}
_NUM_FORMATS = {
    "decimal": str, "decimalZero": lambda n: f"{n:02d}", "upperRoman": vi.la_ma,
    "lowerRoman": lambda n: vi.la_ma(n).lower(), "lowerLetter": lambda n: chr(ord("a") + n - 1),
    "upperLetter": lambda n: chr(ord("A") + n - 1), "ordinalText": lambda n: _ORDINALS.get(n, str(n)),
}


def number_headings(document) -> None:
    """Write each numbered paragraph's label as text, counting by order of appearance.

    The label's format is the template's: a numbered style may be linked to a level of a Word
    multilevel list (Format > Bullets and Numbering), whose number text ("%1.%2- "), number format
    (decimal, upperRoman, ordinalText = nhất, hai, …) and separator after the number baocao
    follows. A style without a list keeps baocao's default (I., 1., a), 1.). The list links are
    then removed from the styles, so that Word does not number the paragraphs a second time."""
    styles = {s.get(qn("w:styleId")): s for s in document.styles.element.findall(qn("w:style"))}
    names = {sid: s.find(qn("w:name")).get(qn("w:val")) for sid, s in styles.items() if s.find(qn("w:name")) is not None}
    formats = _list_formats(document, {sid: styles[sid] for sid, name in names.items() if name in NUMBERED_STYLES},
                            names)
    counters = [0] * 5
    for p in _styled_paragraphs(document, {sid for sid, name in names.items()
                                           if name in NUMBERED_STYLES or name == APPENDIX}):
        style_id = p.find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val"))
        name = names.get(style_id, "")
        if name == APPENDIX:  # each appendix numbers its items afresh
            counters = [0] * 5
            continue
        level = NUMBERED_STYLES.get(name)
        if level is None:
            continue
        counters[level] += 1
        for deeper in range(level + 1, 5):
            counters[deeper] = 0
        _unlink_list(p)  # Word's numbering button on the paragraph itself would number it a second time
        first = p.find(qn("w:r"))
        label = formats[style_id](counters, bool(text_of(p).strip())) if style_id in formats else _LABELS[level](counters[level])
        label_run = run(label, first.find(qn("w:rPr")) if first is not None else None)
        if first is not None:
            first.addprevious(label_run)
        else:
            p.append(label_run)
    for style_id in formats:
        _unlink_list(styles[style_id])


def _styled_paragraphs(document, style_ids: set[str]) -> list:
    """The body's paragraphs in one of `style_ids`, in document order: one XPath pass in libxml2,
    as a report with large tables has tens of thousands of cell paragraphs."""
    if not style_ids:
        return []
    if all(re.fullmatch(r"[\w.-]+", sid) for sid in style_ids):
        test = " or ".join(f"@w:val='{sid}'" for sid in sorted(style_ids))
        return document.element.body.xpath(f".//w:p[w:pPr/w:pStyle[{test}]]")  # python-docx maps w:
    return [p for p in document.element.body.xpath(".//w:p[w:pPr/w:pStyle]")  # an id XPath cannot quote
            if p.find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val")) in style_ids]


def _list_formats(document, numbered: dict, names: dict) -> dict:
    """Style id -> label function, for the numbered styles linked to a level of a Word list."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    links = {}
    for style_id, style in numbered.items():
        num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is None or num_pr.find(qn("w:numId")) is None:
            continue
        ilvl = num_pr.find(qn("w:ilvl"))
        links[style_id] = (num_pr.find(qn("w:numId")).get(qn("w:val")), int(ilvl.get(qn("w:val"))) if ilvl is not None else 0)
    formats = {}
    for style_id, (num_id, ilvl) in links.items():
        levels = _abstract_levels(numbering, num_id)
        if ilvl not in levels:
            continue
        # %k in the number text is the counter of the style linked to list level k-1 of the same list
        level_of = {lv: NUMBERED_STYLES[names[sid]] for sid, (nid, lv) in links.items() if nid == num_id}
        formats[style_id] = _label_function(levels, ilvl, level_of)
    return formats


def _abstract_levels(numbering, num_id: str) -> dict[int, tuple[str, str, str]]:
    """List level -> (number text, number format, separator) of the list `num_id`."""
    num = next((n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id), None)
    abstract_id = num.find(qn("w:abstractNumId")) if num is not None else None
    abstract = next((a for a in numbering.findall(qn("w:abstractNum"))
                     if abstract_id is not None and a.get(qn("w:abstractNumId")) == abstract_id.get(qn("w:val"))), None)
    levels = {}
    for lvl in (abstract.findall(qn("w:lvl")) if abstract is not None else ()):
        def val(tag, default):
            el = lvl.find(qn(tag))
            return el.get(qn("w:val")) if el is not None and el.get(qn("w:val")) is not None else default
        levels[int(lvl.get(qn("w:ilvl")))] = (val("w:lvlText", ""), val("w:numFmt", "decimal"), val("w:suff", "tab"))
    return levels


def _label_function(levels: dict, ilvl: int, level_of: dict[int, int]):
    text, _, suffix = levels[ilvl]

    def label(counters: list[int], has_text: bool) -> str:
        def number(m):
            k = int(m.group(1)) - 1
            fmt = _NUM_FORMATS.get(levels.get(k, ("", "decimal", ""))[1], str)
            return fmt(max(counters[level_of[k]], 1)) if k in level_of else ""
        written = re.sub(r"%(\d)", number, text)
        return written + (" " if has_text and suffix != "nothing" and not written.endswith(" ") else "")
    return label


def _unlink_list(element) -> None:
    """Remove the Word list link (w:numPr) of a style or a paragraph: baocao writes the number as text."""
    ppr = element.find(qn("w:pPr"))
    num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
    if num_pr is not None:
        ppr.remove(num_pr)
