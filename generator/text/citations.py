"""Citations of registered documents in prose: `[@key]` and the footnote `^[@key]`.

The data file's top-level `van_ban:` registry names each cited document once (loai, so,
ky_hieu, ngay, co_quan, trich_yeu). In prose:

    [@qd-6134]                 first mention: the full form (ND30)
                               "Quyết định số 6134/QĐ-UBND ngày 29/12/2022 của UBND huyện về việc …";
                               later mentions: the short form "Quyết định số 6134/QĐ-UBND"
    [@qd-6134 day_du]          the full form even when cited before
    [@qd-6134 ngan]            the short form even at the first mention
    [@qd-6134 khong_co_quan]   leave out "của <cơ quan>" (combinable with the others)
    ^[@qd-203]                 a footnote whose text is the full form

"First" follows the order of the document as rendered (a citation inside a footnote counts
where its reference stands). Citations are resolved on the parsed prose (markup.Run texts), so
a registry text holding '*' or ']' cannot disturb the markup around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterator

from . import markup

# [@key flag flag]: the key is anything up to a space or ']' (a missing key is reported by checks/citations.py).
CITATION = re.compile(r"\[@([^\]\s]*)((?:\s+[^\]\s]+)*)\s*\]")
_FOOTNOTE_SHORTHAND = re.compile(r"@([^\]\s]+)((?:\s+[^\]\s]+)*)\s*")
FLAGS = {
    "day_du": "in đầy đủ (loại, số, ngày, cơ quan, trích yếu)",
    "ngan": "in ngắn (loại và số ký hiệu)",
    "khong_co_quan": "bỏ phần \"của <cơ quan ban hành>\"",
}


@dataclass(frozen=True)
class Reference:
    key: str
    flags: tuple[str, ...]
    start: int  # offset of '[' in the text
    end: int


def references(text: str) -> Iterator[Reference]:
    """Every [@key …] in a prose value (the footnote shorthand ^[@key] included)."""
    for m in CITATION.finditer(text):
        yield Reference(m.group(1), tuple(m.group(2).split()), m.start(), m.end())


def is_party(ky_hieu: str) -> bool:
    """A Party document's ký hiệu (Hướng dẫn 36-HD/VPTW): type code, '/', issuer, as in CTr/TU or KH/HU;
    a state document's has no '/' (QĐ-UBND) or only after the year of a normative one (2020/QĐ-UBND)."""
    head, slash, _ = ky_hieu.partition("/")
    return bool(slash) and not head.isdigit()


def join(so: str, ky_hieu: str) -> str:
    """6134/QĐ-UBND, 72/2020/QĐ-UBND; a Party document joins number and ký hiệu with '-': 09-CTr/TU."""
    return f"{so}{'-' if is_party(ky_hieu) else '/'}{ky_hieu}"


def number(entry) -> str:
    """6134/QĐ-UBND; 09-CTr/TU for a Party document"""
    return join(entry.so, entry.ky_hieu)


def short_form(entry) -> str:
    return f"{entry.loai} số {number(entry)}"


def full_form(entry, *, issuer: bool = True) -> str:
    parts = [short_form(entry), f"ngày {entry.ngay}"]
    if issuer and entry.co_quan:
        parts.append(f"của {entry.co_quan}")
    if entry.trich_yeu:
        parts.append(entry.trich_yeu)
    return " ".join(parts)


@dataclass
class Citer:
    """Resolves citations in rendering order; remembers which documents were already cited."""

    registry: dict
    seen: set[str] = field(default_factory=set)

    def text(self, key: str, flags: tuple[str, ...], *, force_full: bool = False) -> str | None:
        entry = self.registry.get(key)
        if entry is None:
            return None  # checks/citations.py reports it before any build; left as typed
        full = force_full or "day_du" in flags or (key not in self.seen and "ngan" not in flags)
        self.seen.add(key)
        return full_form(entry, issuer="khong_co_quan" not in flags) if full else short_form(entry)

    def resolve(self, paragraphs: list[markup.Paragraph]) -> list[markup.Paragraph]:
        return [tuple(self._inline(item) for item in paragraph) for paragraph in paragraphs]

    def _inline(self, item: markup.Inline) -> markup.Inline:
        if isinstance(item, markup.Run):
            return replace(item, text=self._substitute(item.text)) if "[@" in item.text else item
        runs = [r for p in item.paragraphs for r in p]
        shorthand = _FOOTNOTE_SHORTHAND.fullmatch(runs[0].text) if len(runs) == 1 else None
        if shorthand:  # ^[@key]: the footnote is the full form
            text = self.text(shorthand.group(1), tuple(shorthand.group(2).split()), force_full=True)
            if text is not None:
                return markup.Footnote(((replace(runs[0], text=text),),))
        return markup.Footnote(tuple(tuple(self._inline(r) for r in p) for p in item.paragraphs))

    def _substitute(self, text: str) -> str:
        def one(m: re.Match) -> str:
            resolved = self.text(m.group(1), tuple(m.group(2).split()))
            return m.group(0) if resolved is None else resolved
        return CITATION.sub(one, text)
