"""Figures typed in prose, checked against each other in their sentence: bounded heuristics.

A clerk types rates and totals beside their counts, and copies them from last period's report. Each
rule below fires only on a shape it recognises in one sentence (or footnote), so it says nothing
where it cannot be sure; text/prose_numbers.py reads the figures (a date, a year, `mức độ 3`, `xếp
thứ 4/11` are not counts).

1. A rate right after a fraction, in one clause: `28/1.752 biên chế …, đạt 1,6%` is 28/1.752.
2. A rate of a change: `1.563 người, giảm 108 người so với năm 2021, đạt 6,91%` is 108 over the
   previous period's figure (1.563 + 108), not over this period's (the seed's slip); `tăng` subtracts.
3. A rate after exactly two counts of one unit, said as one (`tỷ lệ`, `đạt`, `chiếm`): `72.187 hồ sơ
   …; trong đó, có 5.326 hồ sơ …, đạt tỷ lệ 7,38%` is 5.326/72.187.
4. A total typed before its parts: after `trong đó` the parts of the figure before it (same unit)
   add up to no more than it; after `gồm` / `bao gồm` to exactly it (in parentheses: only those). A
   total written without a unit (`Số TTHC: 360, trong đó: mức độ 2: 335, mức độ 3: 19, mức độ 4: 06`)
   is checked against two parts or more, all of one kind.

A rate is right when it is within one unit of its last decimal of the computed one (rounded or cut
off), except that 100% (or 0%) must be exactly that (honest rounding). Targets (`tối thiểu 90%`,
`trên 50%`, `phấn đấu 80%`) are not computed rates and are passed over. Measured on every sample
in data/ (tests/test_prose_figures.py): no finding beyond the seeds' own slips, which the samples
accept in chap_nhan. Bounded: a sentence over MAX_SENTENCE characters (the samples' longest is
1.151) is not read, so no text can make the rules slow.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from ..read.loader import PathKey
from ..text import vi_format as vi
from ..text.prose_numbers import Figure, Sentence, clause_bounds, figures, fractions, parens, sentences
from ..validate.messages import dotted
from .base import Context, Found

_TARGET = re.compile(r"(?:tối thiểu|trên|dưới|từ|phấn đấu|ít nhất|khoảng|gần|hơn|đến|tới|mục tiêu|chỉ tiêu|"
                     r"đề ra|kế hoạch|bình quân)\s*$", re.I)
_RATE_WORDS = re.compile(r"(?:tỷ lệ|tỉ lệ|đạt|chiếm|bằng|tương đương|tương ứng)\W*$", re.I)
_CHANGE = re.compile(r"\b(tăng|giảm)\s*$", re.I)
_PARTS = re.compile(r"\b(trong đó|bao gồm|gồm)\b", re.I)


def _changed(s: str, at: int) -> bool:
    """Whether the figure at `at` is the size of a change ("tăng 108 …", "giảm 07 …")."""
    return bool(_CHANGE.search(s[max(0, at - 12):at]))


def _agrees(stated: Figure, computed: Decimal) -> bool:
    """Within one unit of the stated rate's last decimal (rounded or cut off); 100% and 0% exactly."""
    if stated.value in (0, 100):
        return computed == stated.value
    return abs(stated.value - computed) < Decimal(1).scaleb(-stated.decimals)


MAX_SENTENCE = 3000  # characters: a longer "sentence" is a list run together, read by no rule here


def check_prose_figures(ctx: Context) -> Iterator[Found]:
    for text in ctx.texts():
        if not text.prose:
            continue
        shown = ctx.laid.cited.get(text.path, text.value)  # [=…] figures filled in, as printed
        for sentence in sentences(shown):
            if len(sentence.text) > MAX_SENTENCE:
                continue
            yield from _rates(ctx, text.path, text.value, shown, sentence)
            yield from _totals(ctx, text.path, text.value, shown, sentence)


def _where(ctx: Context, path: PathKey, raw: str, shown: str, sentence: Sentence, figure) -> object:
    """Where a figure of the printed text stands in the file: its token in the typed text."""
    at = sentence.start + figure.start
    token = figure.text
    nth = shown.count(token, 0, at)
    offset = -1
    for _ in range(nth + 1):
        offset = raw.find(token, offset + 1)
        if offset < 0:
            break
    if offset < 0:
        offset = max(raw.find(token), 0)
    return ctx.inside(path, raw, offset, token)


def _rates(ctx: Context, path: PathKey, raw: str, shown: str, sentence: Sentence) -> Iterator[Found]:
    s = sentence.text
    found = figures(s)
    parts_of = fractions(s)
    for k, rate in enumerate(found):
        if not rate.percent or _TARGET.search(s[max(0, rate.start - 25):rate.start]):
            continue
        clause = clause_bounds(s, rate.start)
        last_rate = max((f.end for f in found[:k] if f.percent), default=0)  # counts a rate before used
        before = [f for f in found[:k] if f.count and f.start >= last_rate]
        fraction = next((f for f in reversed(parts_of) if clause[0] <= f.start < rate.start
                         and not any(f.end <= g.start < rate.start and g.count for g in found)), None)
        expected = why = None
        if fraction is not None:  # 1: a fraction and its rate
            expected = vi.ty_le(fraction.part, fraction.whole)
            why = f"{fraction.text} = {vi.thap_phan(expected, max(rate.decimals, 2))}%"
        else:
            change = next((f for f in reversed(before) if f.start >= clause[0] and _changed(s, f.start)
                           and "so với" in s[clause[0]:clause[1]]), None)
            if change is not None:  # 2: the rate of a change, over the previous period's figure
                now = next((f for f in reversed(before) if f.start < change.start and f.unit == change.unit
                            and not f.in_parens and f is not change), None)
                if now is None:
                    continue
                up = _CHANGE.search(s[max(0, change.start - 12):change.start]).group(1).casefold() == "tăng"
                base = now.value - change.value if up else now.value + change.value
                if base <= 0:
                    continue
                expected = vi.ty_le(change.value, base)
                wrong = vi.ty_le(change.value, now.value)
                if not _agrees(rate, expected) and _agrees(rate, wrong):
                    yield _rate_found(ctx, path, raw, shown, sentence, rate, expected,
                                      f"{'tăng' if up else 'giảm'} {change.text} {change.unit_text} so với số kỳ trước "
                                      f"{vi.so(base)} ({now.text} {'-' if up else '+'} {change.text}) là "
                                      f"{vi.thap_phan(expected, max(rate.decimals, 2))}%; {rate.text} là "
                                      f"{change.text}/{now.text}, chia cho số kỳ này",
                                      "tỷ lệ tăng, giảm so với kỳ trước chia cho số của kỳ trước: sửa tỷ lệ.")
                    continue
                why = (f"{'tăng' if up else 'giảm'} {change.text} {change.unit_text} so với số kỳ trước {vi.so(base)} = "
                       f"{vi.thap_phan(expected, max(rate.decimals, 2))}%")
            else:  # 3: exactly two counts of one unit, said as a rate
                counts = [f for f in before if f.unit == (before[-1].unit if before else None)]
                if len(counts) != 2 or len({f.unit for f in before}) != 1 or \
                        not _RATE_WORDS.search(s[max(0, rate.start - 25):rate.start]):
                    continue
                part, whole = sorted((counts[0], counts[1]), key=lambda f: f.value)
                if not whole.value:
                    continue
                expected = vi.ty_le(part.value, whole.value)
                why = f"{part.text}/{whole.text} = {vi.thap_phan(expected, max(rate.decimals, 2))}%"
        if expected is not None and not _agrees(rate, expected):
            yield _rate_found(ctx, path, raw, shown, sentence, rate, expected, why,
                              "sửa tỷ lệ hoặc số sai; tỷ lệ có thể để baocao tính (bảng có cột ty_le, hay [=a / b]).")


def _rate_found(ctx: Context, path: PathKey, raw: str, shown: str, sentence: Sentence, rate: Figure,
                expected: Decimal, why: str, hint: str) -> Found:
    computed = vi.thap_phan(expected, max(rate.decimals, 1))
    return ctx.found("ty_le", path, f"tỷ lệ gõ trong câu «{rate.text}» khác tỷ lệ tính từ các số của câu: {why}", hint,
                     where=_where(ctx, path, raw, shown, sentence, rate), subject=dotted(path),
                     value=f"{vi.thap_phan(rate.value, rate.decimals)} ≠ {computed}")


def _totals(ctx: Context, path: PathKey, raw: str, shown: str, sentence: Sentence) -> Iterator[Found]:
    s = sentence.text
    found = figures(s)
    depths = parens(s) + [0]
    for m in _PARTS.finditer(s):
        level = depths[m.start()]
        whole = next((f for f in reversed(found) if f.end <= m.start() and (f.count or f.bare)
                      and depths[f.start] <= level and not _changed(s, f.start)), None)
        if whole is None:
            continue
        inside = level > depths[whole.start]  # "58 đơn vị (gồm 51 …; 07 …)": only those in (…)
        end = next((n.start() for n in _PARTS.finditer(s, m.end())), len(s))
        if inside:
            close = s.find(")", m.end())
            end = min(end, close if close >= 0 else len(s))
        elif not re.match(r"\s*:", s[m.end():]):  # "trong đó: a; b; c" lists; "trong đó 919 hồ sơ …;" is its clause
            end = min(end, clause_bounds(s, m.start())[1])
        parts = [f for f in found if m.end() <= f.start < end and (f.count or f.bare)
                 and (f.unit == whole.unit or whole.bare)
                 and depths[f.start] <= max(level, depths[whole.start]) + (1 if inside else 0)
                 and not _changed(s, f.start)]
        if whole.bare and (len(parts) < 2 or len({f.unit for f in parts}) > 1):
            continue  # a total with no unit: only a list of two parts or more, all of one kind, is sure
        if not parts:
            continue
        total = sum(f.value for f in parts)
        exact = m.group(1).casefold() != "trong đó"
        if total > whole.value or (exact and len(parts) > 1 and total != whole.value):
            added = " + ".join(f.text for f in parts) + (f" = {vi.so(total)}" if len(parts) > 1 else "")
            code = "thanh_phan" if total > whole.value else "tong"
            yield ctx.found(code, path, f"trong câu «{_quote(s, whole.start, parts[-1].end)}», các phần sau "
                            f"«{m.group(1)}» ({added}) " + ("lớn hơn" if total > whole.value else "khác")
                            + f" tổng {whole.text} ghi trước đó",
                            "các phần không thể lớn hơn tổng đã ghi trước chúng: sửa số sai." if total > whole.value
                            else "«gồm» kể đủ các phần: tổng các phần phải bằng số đã ghi; sửa số sai.",
                            where=_where(ctx, path, raw, shown, sentence, whole), subject=dotted(path),
                            value=f"{total} {'>' if total > whole.value else '≠'} {whole.value}")


def _quote(text: str, start: int, end: int) -> str:
    """The words from `start` to `end`, with a few words before, cut between words."""
    start = max(0, start - 30)
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = min(len(text), end + 12)
    while end < len(text) and not text[end].isspace():
        end += 1
    return ("…" if start else "") + " ".join(text[start:end].split()) + ("…" if end < len(text) else "")
