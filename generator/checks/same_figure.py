"""One figure, typed in two places: the places must agree, and the second should cite the first.

A report states one figure in several places: a count in an indicator appendix and in a table of
another appendix (seed 001: "Tổng số TTHC cung cấp trực tuyến mức độ 3: 32" against the DVC table's
19), a figure in a sentence and in a table. A figure typed where the file already holds it is found
by its label: the words before it (a sentence's) or its row and column headers (a table's), reduced
to their content words, must name the same thing as another table's cell — the same numbers among
the words (mức độ 3 is not mức độ 4), shared words at least three quarters of all their words and at
least four of them between tables, three from a sentence — and name it alone (two cells as close
with different values: nothing is said). Then a different value is an error, the same value a warning
that says how to cite it (`[=…]` in prose, `=…` in a cell) so that a later correction reaches it.

Bounded by design: only table cells are sources (a figure of the standard outline has no citation
form); only counts with a unit are read from prose; a label is compared only with the cells an index
of label words can match, and a file's comparisons stop at BUDGET, so a table of thousands of rows
costs milliseconds, never minutes. Measured on every sample in data/
(tests/test_prose_figures.py): no finding beyond seed 001's 32 ≠ 19, which its sample accepts.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Iterator

from ..derive import matching
from ..derive.values import is_number
from ..errors import Location
from ..read.loader import PathKey
from ..text import vi_format as vi
from ..text.prose_numbers import clause_bounds, figures, sentences
from ..validate.messages import dotted
from .base import WARNING, Context, Found
from .prose_figures import MAX_SENTENCE
from .rules import column_label

_JOINED = [("thủ tục hành chính", "tthc"), ("thủ tục", "tthc"), ("dịch vụ công", "dvc"), ("hồ sơ", "hồ_sơ"),
           ("trực tuyến", "trực_tuyến"), ("mức độ", "mức_độ"), ("một cửa", "một_cửa"), ("liên thông", "liên_thông"),
           ("biên chế", "biên_chế"), ("văn bản", "văn_bản"), ("đơn vị", "đơn_vị"), ("cơ quan", "cơ_quan"),
           ("sự nghiệp", "sự_nghiệp"), ("công chức", "công_chức"), ("viên chức", "viên_chức"), ("cán bộ", "cán_bộ"),
           ("bưu chính", "bưu_chính"), ("lĩnh vực", "lĩnh_vực"), ("nhiệm vụ", "nhiệm_vụ"), ("chữ ký số", "ký_số"),
           ("tiếp nhận", "tiếp_nhận"), ("giải quyết", "giải_quyết"), ("đúng hạn", "đúng_hạn"), ("quá hạn", "quá_hạn")]
_STOP = set("số của các và được trong đã là có theo tại cho với về này đó những một tổng gồm lượng kỳ báo cáo hiện "
            "nay thời điểm trên địa bàn huyện xã tỉnh phường thị trấn thành phố đến ngày năm quý tháng kết quả thống "
            "kê liệu ghi chú tính hành chính nhà nước toàn bộ phận thuộc do đang từ khi như sau cụ thể".split())
_CITATION = re.compile(r"\[[=@][^\]]*\]")


_PHRASES = re.compile("|".join(rf"(?<!\w){re.escape(phrase)}(?!\w)" for phrase, _ in _JOINED))
_JOINED_AS = dict(_JOINED)


@functools.lru_cache(maxsize=4096)
def words(label: str) -> frozenset[str]:
    """A label's content words: lower-case, joined where two words name one thing, stop words out."""
    text = re.sub(r"\^\[[^\]]*\]|[*]", " ", label).casefold()
    text = " ".join(re.sub(r"[^\w\s]", " ", text).split())
    text = _PHRASES.sub(lambda m: _JOINED_AS[m.group(0)], text)
    return frozenset(w for w in text.split() if w not in _STOP)


@dataclass(frozen=True)
class Cell:
    value: Any
    words: frozenset[str]
    label: str  # as a message names it
    path: PathKey
    table: Any
    ref: str | None  # how to cite it: bang.dong.cot, or None when the table or row has no code
    typed: bool  # typed by the clerk in an indicator table's row that says what it counts
    digits: frozenset[str]  # the numbers among its words (mức độ 3)


SAME = 0.75  # shared words over all words: "lãnh đạo cấp phòng … bổ nhiệm mới" is not "lãnh đạo UBND cấp huyện"
BUDGET = 200_000  # label comparisons one data file may cost; past it the check stops (a table of thousands of rows)


def _matches(typed: frozenset[str], digits: frozenset[str], other: Cell, at_least: int) -> float:
    """How well two labels name the same thing, their shared words over all their words (0 when they
    do not: different numbers among the words, fewer than `at_least` shared, or under SAME)."""
    if digits != other.digits:
        return 0.0
    shared = len(typed & other.words)
    score = shared / max(1, len(typed | other.words))
    return score if shared >= at_least and score >= SAME else 0.0


@functools.lru_cache(maxsize=4096)
def _digits(found: frozenset[str]) -> frozenset[str]:
    return frozenset(w for w in found if w.isdigit())


def _cells(ctx: Context) -> list[Cell]:
    """Every numeric cell of every table (typed or computed), labelled by its row and column headers."""
    figures_ = ctx.laid.figures
    found = []
    for table in ctx.source.tables:
        label_key = matching.label_column(table)
        rows = figures_.rows(table)
        single = len(table.rows) == 1 and not table.rows[0].children
        headers = {leaf.key: ("" if table.kind.typed_keys and label_key and leaf.key in ("so_lieu", "so_luong", "tong_so")
                              else table.kind.full_labels.get(leaf.key, column_label(leaf, table.kind)))
                   for leaf in table.kind.leaves}  # an indicator's value column says nothing of what it counts
        # an indicator table (each row names one figure, one column of values) is where a figure typed
        # twice stands; a table of many figures per row (hồ sơ by lĩnh vực) is a source to cite only
        indicators = sum(table.kind.by_key[k].kind in ("so", "gia_tri") for k in table.kind.typed_keys) == 1
        for row in table.walk():
            row_label = row.values.get(label_key) if label_key else None
            row_label = row_label if isinstance(row_label, str) and not row_label.startswith("=") else ""
            if str(row.values.get("don_vi", "")).strip() == "%" or "=" in str(row.values.get("don_vi", "")):
                continue  # a rate, or a coded answer (Chưa = 0, Hoàn thành = 1): not a count
            for leaf in table.kind.leaves:
                if leaf.key == "_stt" or leaf.kind not in ("so", "gia_tri") or leaf.suffix or \
                        (leaf.derive is not None and leaf.derive[0] in ("ty_le", "so_voi")):
                    continue
                raw = row.values.get(leaf.key)
                if isinstance(raw, str) and raw.startswith("="):
                    continue  # a link already cites its source
                if figures_.failed(table, row, leaf.key):
                    continue
                value = figures_.cell(table, row, leaf.key)
                if not is_number(value) or isinstance(value, bool):
                    continue
                column = headers[leaf.key]
                label = " › ".join(part for part in (row_label, column) if part)
                ref = (f"{table.code}.{leaf.key}" if single else f"{table.code}.{row.code}.{leaf.key}"
                       if row.code and rows.get(row.code) is row else None) if table.code else None
                labelled = words(row_label) | words(column)
                found.append(Cell(value, labelled, label, row.path + (leaf.key,), table, ref,
                                  indicators and raw is not None and bool(row_label), _digits(labelled)))
    return found


class _Index:
    """Cells by the words of their labels, to compare a label only with cells that can match it: two
    labels three quarters alike share one of the rarest quarter-and-one of the shorter's words (the
    prefix filter of set-similarity joins). Comparisons are counted against BUDGET."""

    def __init__(self, cells: list[Cell]):
        self.by_word: dict[str, list[Cell]] = {}
        for cell in cells:
            for word in cell.words:
                self.by_word.setdefault(word, []).append(cell)
        self.spent = 0

    def candidates(self, label: frozenset[str]) -> list[Cell]:
        rare = sorted(label, key=lambda w: (len(self.by_word.get(w, ())), w))
        keep = len(label) - int(SAME * len(label)) + 1
        found: dict[int, Cell] = {}
        for word in rare[:keep]:
            for cell in self.by_word.get(word, ()):
                found[id(cell)] = cell
        self.spent += len(found)
        return list(found.values())

    @property
    def exhausted(self) -> bool:
        return self.spent > BUDGET


def check_same_figures(ctx: Context) -> Iterator[Found]:
    cells = _cells(ctx)
    index = _Index(cells)
    said: set[tuple] = set()
    for cell in cells:  # a typed cell against other tables' cells
        if not cell.typed:
            continue
        if index.exhausted:
            return
        others = [o for o in index.candidates(cell.words) if o.table is not cell.table]
        yield from _compare(ctx, cell.value, cell.words, f"«{cell.label}»", cell.path, ctx.at(cell.path), others, 4, said,
                            "=")
    for text in ctx.texts():
        if not text.prose:
            continue
        blank = _CITATION.sub(lambda m: " " * len(m.group(0)), text.value)
        for sentence in sentences(blank):
            s = sentence.text
            if len(s) > MAX_SENTENCE:
                continue
            for figure in figures(s):
                if not figure.count:
                    continue
                if index.exhausted:
                    return
                start = clause_bounds(s, figure.start)[0]
                before = re.split(r"[,;(]", s[start:figure.start])[-1]
                label = " ".join(before.split()[-14:] + [figure.unit_text])
                labelled = words(label)
                where = ctx.inside(text.path, text.value, sentence.start + figure.start, figure.text)
                yield from _compare(ctx, figure.value, labelled, f"«{' '.join(label.split())}»", text.path, where,
                                    index.candidates(labelled), 3, said, "[=", typed=figure.text)


def _compare(ctx: Context, value: Any, label: frozenset[str], named: str, path: PathKey, where: Location,
             cells: list[Cell], at_least: int, said: set, cite: str, typed: str | None = None) -> Iterator[Found]:
    digits = _digits(label)
    scored = [(score, other) for other in cells if (score := _matches(label, digits, other, at_least))]
    if not scored:
        return
    best = max(score for score, _ in scored)
    closest = [other for score, other in scored if score == best]
    if len({vi.so(o.value) for o in closest}) > 1:  # two cells as close, different values: not sure which
        return
    other = closest[0]
    other_where = ctx.at(other.path)
    pair = tuple(sorted((str(where), str(other_where))))
    if pair in said:
        return
    said.add(pair)
    shown = typed or vi.so(value)
    place = f"bảng {other.table.name}, {other_where.brief()}"
    citing = f"{cite}{other.ref}]" if cite == "[=" and other.ref else (f"={other.ref}" if other.ref else None)
    how = (f"ghi {citing} thay cho số gõ lại" if citing else
           "đặt mã cho bảng và dòng đó (ma) rồi trích số của nó thay cho số gõ lại")
    if vi.so(other.value) != vi.so(value):
        yield ctx.found("hai_noi", path, f"{named} ghi {shown} ở đây nhưng {vi.so(other.value)} ở {place} "
                        f"(«{other.label}»)", f"một số liệu chỉ gõ một lần: sửa số sai, rồi {how}.",
                        where=where, subject=f"{dotted(path)}: {shown}", value=f"{shown} ≠ {vi.so(other.value)}")
    else:
        yield ctx.found("trich_so", path, f"{named} = {shown} gõ lại số đã có ở {place} («{other.label}»)",
                        f"{how}, để khi sửa số ở bảng thì chỗ này đổi theo.", severity=WARNING, where=where,
                        subject=f"{dotted(path)}: {shown}")
