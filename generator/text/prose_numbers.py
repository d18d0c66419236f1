"""Figures typed in Vietnamese prose, as a reader finds them: counts with their unit (`1.563 người`),
rates (`6,91%`), fractions (`28/1.752`), and the sentences and clauses they stand in.

Written by hand, not with Babel: Babel parses one number at a time, while a sentence needs every
figure with its offset, its unit word and what it is not — a date (`15/12/2022`), a year (`năm
2021`), a document number (`983/UBND`), an ordinal (`mức độ 3`, `quý I`, `xếp thứ 4/11`), a
version (`9001:2015`). The checks (checks/prose_figures.py) read these, never the raw text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_DIGITS = r"\d{1,3}(?:\.\d{3})+|\d+"
NUMBER = re.compile(rf"(?<![\w.,/:\-\[=])({_DIGITS})(?:,(\d+))?(\s?%)?(?![\w/%]|[.,:]\d)")
FRACTION = re.compile(rf"(?<![\w.,/:\-])({_DIGITS})/({_DIGITS})(?![\w/]|[.,]\d)")
_UNIT = re.compile(r"\s*([^\W\d_]+)(?:\s+([^\W\d_]+))?")
# Words before a figure that make it an ordinal or a label, not a count.
_ORDINAL = re.compile(r"(?:mức độ|mức|quý|tháng|năm|thứ|lần|khóa|khoá|phụ lục|điều|khoản|giai đoạn|kỳ|số|nhóm|"
                      r"lớp|tiêu chí|chỉ tiêu|phần|mục|nghị định|quyết định|đợt|tuần|ngày|cấp)\s*$", re.I)
_NOT_UNITS = {"tháng", "năm", "ngày", "quý", "tuần", "giờ", "phút", "kỳ", "và", "hoặc", "trên", "so", "đến", "tới",
              "là", "của", "lần"}  # a figure before these is a time or a connective's, not a count of things
_SYNONYMS = {"tthc": "thủ", "thủ": "thủ", "hs": "hồ", "cbcc": "cán", "cbccvc": "cán", "vb": "văn"}
_TWO_WORDS = {"hồ", "thủ", "đơn", "văn", "biên", "cơ", "cán", "công", "viên", "nhiệm", "lĩnh", "giao", "dịch",
              "phòng", "triệu", "tỷ", "lượt", "phiếu"}  # first words of two-word units: hồ sơ, đơn vị
_ABBREVIATIONS = re.compile(r"\b(?:TP|V/v|TT|Tp|ThS|TS|PGS|GS|St)\.$")


@dataclass(frozen=True)
class Figure:
    value: Decimal
    start: int
    end: int
    text: str  # as typed: "1.563", "6,91%"
    decimals: int  # digits after the comma
    percent: bool
    unit: str  # the first word after it, lower-case (a synonym's key: TTHC → thủ), "" when none
    unit_text: str  # its unit as typed, one word or two ("người", "hồ sơ")
    in_parens: bool  # inside (…)
    count: bool  # a count a rule may use: not a percent, a year or an ordinal, and followed by a unit
    bare: bool = False  # not a percent, a year or an ordinal, and followed by no word ("360, trong đó")


@dataclass(frozen=True)
class Fraction:
    part: Decimal
    whole: Decimal
    start: int
    end: int
    text: str


def _value(digits: str, decimals: str | None) -> Decimal:
    return Decimal(digits.replace(".", "") + (f".{decimals}" if decimals else ""))


def parens(text: str) -> list[int]:
    """The depth of parentheses at each offset."""
    depth, depths = 0, []
    for ch in text:
        if ch == "(":
            depth += 1
        depths.append(depth)
        if ch == ")" and depth:
            depth -= 1
    return depths


def figures(text: str) -> list[Figure]:
    """Every figure of `text`, in order (dates, document numbers and fractions are not figures)."""
    depths = parens(text)
    taken = [(m.start(), m.end()) for m in FRACTION.finditer(text)]
    found = []
    for m in NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        digits, decimals, percent = m.group(1), m.group(2), bool(m.group(3))
        value = _value(digits, decimals)
        after = _UNIT.match(text, m.end())
        unit = unit_text = ""
        if after and not percent:
            word = after.group(1).casefold()
            unit = _SYNONYMS.get(word, word)
            unit_text = after.group(1) + (f" {after.group(2)}" if after.group(2) and word in _TWO_WORDS else "")
        before = text[max(0, m.start() - 20):m.start()]
        year = "." not in digits and decimals is None and not percent and 1900 <= value <= 2100
        ordinal = bool(_ORDINAL.search(before)) or before.rstrip().endswith(("/", "-"))
        count = (not percent and not year and not ordinal and bool(unit) and unit not in _NOT_UNITS
                 and not text.startswith(":", m.end()))
        bare = not percent and not year and not ordinal and not unit and not text.startswith(":", m.end())
        found.append(Figure(value, m.start(), m.end(), m.group(0), len(decimals or ""), percent, unit, unit_text,
                            depths[m.start()] > 0, count, bare))
    return found


def fractions(text: str) -> list[Fraction]:
    """`28/1.752`, `13/13`: a part of a whole (not a date: 15/12/2022; not a rank: thứ 4/11)."""
    found = []
    for m in FRACTION.finditer(text):
        if _ORDINAL.search(text[max(0, m.start() - 20):m.start()]):
            continue
        whole = _value(m.group(2), None)
        if whole:
            found.append(Fraction(_value(m.group(1), None), whole, m.start(), m.end(), m.group(0)))
    return found


@dataclass(frozen=True)
class Sentence:
    start: int  # its offset in the whole text
    text: str


def sentences(text: str) -> list[Sentence]:
    """A text's sentences, footnotes (^[…]) apart as sentences of their own; bold and italic marks
    and citations' brackets blanked out so offsets still point into `text`."""
    plain = list(text)
    notes: list[tuple[int, int]] = []
    for m in re.finditer(r"\^\[", text):
        depth, k = 0, m.end() - 1
        while k < len(text):
            depth += text[k] == "["
            depth -= text[k] == "]"
            if depth == 0:
                break
            k += 1
        notes.append((m.start(), k + 1))
    for a, b in notes:
        for k in range(a, b):
            plain[k] = " "
    body = "".join(plain).replace("*", " ")
    parts = [(0, body)] + [(a + 2, text[a + 2:b - 1].replace("*", " ")) for a, b in notes]
    found = []
    for offset, part in parts:
        start = 0
        for m in re.finditer(r"(?<=[.!?])\s+(?=\S)|\n+", part):
            if _ABBREVIATIONS.search(part[start:m.start()]):
                continue
            if part[start:m.start()].strip():
                found.append(Sentence(offset + start, part[start:m.start()]))
            start = m.end()
        if part[start:].strip():
            found.append(Sentence(offset + start, part[start:]))
    return found


def clause_bounds(sentence: str, at: int) -> tuple[int, int]:
    """The clause of `sentence` holding offset `at`: between semicolons outside parentheses."""
    depths = parens(sentence)
    cuts = [k for k, ch in enumerate(sentence) if ch == ";" and depths[k] == 0]
    start = max((k + 1 for k in cuts if k < at), default=0)
    end = min((k for k in cuts if k >= at), default=len(sentence))
    return start, end


# A span of days written out ("từ ngày 15/12/2022 đến ngày 12/6/2023"), and one that says it is the
# figures' span: "(Số liệu lấy từ ngày 15/12/2022 đến ngày 12/6/2023)".
SPAN = re.compile(r"từ (?:ngày )?(\d{1,2}/\d{1,2}/\d{4}) (?:đến|tới) (?:ngày )?(\d{1,2}/\d{1,2}/\d{4})", re.I)
_NOTE_LEAD = re.compile(r"số liệu[^()\n]{0,30}?$", re.I)


def is_data_note(text: str, span_start: int) -> bool:
    """Whether the span starting at `span_start` is introduced as the figures' span ("Số liệu … từ")."""
    return bool(_NOTE_LEAD.search(text[max(0, span_start - 40):span_start]))
