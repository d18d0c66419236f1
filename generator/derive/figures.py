"""Every table's figures by reference, computed on demand: the values prose and other tables cite.

A figure is typed once. A cell written `=bang.dong.cot` takes another table's value, prose cites
`[=bang.dong.cot]` (`[=bang.tong.cot]` the TỔNG CỘNG row, `[=bang.so_dong]` the number of items).
A reference may add and subtract (`=a + b - c`) and make a rate (`=a / b`, printed with % in
prose); `kt.` before a reference reads the previous period's file (`[=kt.bang.dong.cot]`, matched as
derive/matching.py says). In prose `|so_dem` prints 06, `|chenh_lech` the change against the
previous period (+87) and `|so_voi_ky_truoc hồ sơ` says it in words ("tăng 87 hồ sơ so với kỳ
trước"). Derived cells (totals, rates, differences, changes, and the TỔNG CỘNG row's change) are
computed from the cells they depend on.

Each value is computed once and remembered. A reference that leads nowhere, a cycle of links and a
change that finds no previous figure are located findings, one per root mistake: a value that
could not be computed because of a finding is marked failed, and nothing that reads it (a total,
a rate, a citation) adds a second message quoting a figure computed from it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Callable

from ..errors import Finding, Location
from ..read.loader import Positions
from ..text import markup
from ..text import vi_format as vi
from ..text.suggest import did_you_mean
from ..validate.table_rows import PREVIOUS as PREVIOUS_ROW
from ..validate.table_rows import Row, Table, value_problem
from . import matching
from .values import Change, Rate, derived_cell, is_number, show, so_voi_ky_truoc, total

_PROSE_REF = re.compile(r"\[=([^\[\]\n]*)\]")
_NAME = r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*"
_NUMBER = r"\d+(?:\.\d+)?"
_TERM = rf"(?:{_NAME}|{_NUMBER})"
_REF = re.compile(rf"{_TERM}(?:\s*[-+/]\s*{_TERM})*")
PREVIOUS = "kt"  # [=kt.bang.dong.cot]: the previous period's figure
_FLAGS = ("so_dem", "chenh_lech", "so_voi_ky_truoc")

# the fix for a reference when no closer name can be suggested
_REFERENCE_HINT = ("viết =bang.dong.cot (hay [=bang.dong.cot] trong đoạn văn) bằng mã bảng 'ma', mã dòng 'ma' và mã cột "
                   "có trong tệp; xem mục Bảng số liệu trong README.")


class Figures:
    """Every table's values by reference (`bang.dong.cot`, `bang.tong.cot`, `bang.cot` for a table of
    one row), computed on demand so a cell may take its value from any other table's."""

    def __init__(self, tables: tuple[Table, ...] | list[Table], positions: Positions, findings: list[Finding], *,
                 previous: Figures | None = None, unread: frozenset[str] = frozenset()):
        self.unread = unread  # codes of tables that could not be read (their mistakes are reported)
        self.previous = previous  # the previous period's figures (bao_cao.ky_truoc), for so_voi columns and kt.
        self.tables = {t.code: t for t in tables if t.code}  # codes are unique (validate refuses a repeat)
        self.positions, self.findings = positions, findings
        self._rows: dict[int, dict[str, Row]] = {}
        self._memo: dict[tuple, Any] = {}
        self._busy: set[tuple] = set()
        self._failed: set[tuple] = set()  # values left blank by a finding (or by a value that was)
        self._reading: list[bool] = []  # per value being computed: has it read a failed value?
        self._reported_before: set[int] = set()  # rows whose missing previous figure was reported

    def rows(self, table: Table) -> dict[str, Row]:
        """The table's rows by code, built once (duplicates are refused when the rows are read)."""
        if id(table) not in self._rows:
            self._rows[id(table)] = {r.code: r for r in table.walk() if r.code}
        return self._rows[id(table)]

    # --- values, each computed once; a failure marks everything computed from it ------------------
    def _tracked(self, memo: tuple, compute: Callable[[], Any]) -> Any:
        """A value computed once; one that read a failed value, or that a finding explains, is left
        blank and marked failed, so no message quotes a figure computed from a wrong one."""
        if memo not in self._memo:
            value, failed = self._quietly(compute)
            if failed:
                value = None
                self._failed.add(memo)
            self._memo[memo] = value
        if memo in self._failed:
            self._taint()
        return self._memo[memo]

    def failed(self, table: Table, row: Row | None, key: str) -> bool:
        """Whether a cell (or, with no row, a TỔNG CỘNG figure) was left blank because of a finding
        already reported: a check says nothing more about it (one message per root mistake)."""
        if row is None:
            self.total(table, key)
            return (id(table), key) in self._failed
        self.cell(table, row, key)
        return (id(row), key) in self._failed

    def _taint(self) -> None:
        """What is being computed read a value that failed (already reported): it fails quietly too."""
        if self._reading:
            self._reading[-1] = True

    def _quietly(self, compute: Callable[[], Any]) -> tuple[Any, bool]:
        """A value, and whether it failed because of a finding (then say nothing more about it)."""
        before = len(self.findings)
        self._reading.append(False)
        try:
            value = compute()
        finally:
            tainted = self._reading.pop()
        return value, tainted or len(self.findings) > before

    # --- a reference as the data writes it ------------------------------------------------------
    def lookup(self, ref: str, where: Location, *, before: bool = False, quote: str | None = None) -> Any:
        """`a`, `a + b - c`, or a rate `a / b` (each side may add and subtract), in percent. With
        `before`, each figure is the previous period's (see `_before`); `quote` is what the clerk
        typed, for a message about a missing previous figure."""
        ref = ref.strip()
        quote = quote or f"={ref}"
        if "/" in ref:
            num_text, den_text = ref.split("/", 1)
            num, den = self._sum(num_text, ref, where, before, quote), self._sum(den_text, ref, where, before, quote)
            if is_number(num) and is_number(den) and den:
                return Rate(vi.ty_le(num, den), 2)
            if is_number(num) and is_number(den):
                self._bad(where, f"tỷ lệ '={ref}': mẫu số bằng 0, không tính được",
                          "kiểm tra số ở mẫu số, hoặc bỏ tỷ lệ này.")
            return None
        return self._sum(ref, ref, where, before, quote)

    def _sum(self, text: str, ref: str, where: Location, before: bool, quote: str) -> Any:
        parts = re.split(r"\s*([+-])\s*", text.strip())
        values = [self._one(name, where, before=before, quote=quote) for name in parts[::2]]
        if len(values) == 1:
            return values[0]
        if any(v is None for v in values):  # a blank part: its own finding says why, or it is empty
            return None
        wrong = next((name for name, v in zip(parts[::2], values) if not is_number(v)), None)
        if wrong is not None:
            self._bad(where, f"'={ref}': '{wrong}' không phải một số (tỷ lệ, chữ hay tăng/giảm) nên không cộng trừ được",
                      "chỉ cộng trừ các ô số; tỷ lệ viết =tử / mẫu.")
            return None
        result = values[0]
        for sign, value in zip(parts[1::2], values[1:]):
            result = result + value if sign == "+" else result - value
        return result

    def _one(self, ref: str, where: Location, *, before: bool = False, quote: str = "") -> Any:
        if re.fullmatch(_NUMBER, ref):  # a number written in the formula: =a - 2
            return float(ref) if "." in ref else int(ref)
        parts = ref.split(".")
        if parts[0] == PREVIOUS and not before:
            return self._before(".".join(parts[1:]), where, quote or f"={ref}")
        if before:
            return self._before(ref, where, quote or f"={ref}")
        table = self.tables.get(parts[0])
        if table is None and parts[0] in self.unread:  # a table that could not be read: already reported
            self._taint()
            return None
        if table is None:
            self._bad(where, f"tham chiếu '={ref}': không có bảng nào mã '{parts[0]}'",
                      did_you_mean(parts[0], self.tables) or "mã bảng là khóa 'ma' của bảng; số liệu kỳ trước viết kt.bang.dong.cot.")
            return None
        rows = self.rows(table)
        if parts[1:] == ["so_dong"]:  # how many items the table lists (rows without sub-rows)
            return sum(1 for r in table.walk() if not r.children and not r.is_part)
        if len(parts) == 2 and len(table.rows) == 1:
            row, key = table.rows[0], parts[1]
        elif len(parts) == 3 and parts[1] == "tong" and table.kind.total_label:
            return self._checked(table, None, parts[2], ref, where)
        elif len(parts) == 3 and parts[1] in rows:
            row, key = rows[parts[1]], parts[2]
        elif len(parts) == 3 and table.sheet is not None and parts[1] != "tong":  # its rows are in a workbook
            workbook, sheet = table.sheet
            self._bad(where, f"tham chiếu '={ref}': bảng '{parts[0]}' không có dòng mã '{parts[1]}'; các dòng của bảng "
                             f"nay ở trang «{sheet}» của tệp {workbook}, mã dòng ghi ở cột «Mã dòng» của trang đó",
                      f"ghi {parts[1]} vào ô «Mã dòng» của dòng ấy (trang «{sheet}», tệp {workbook})"
                      + (f"; các mã dòng đang có: {', '.join(rows)}." if rows else "."))
            return None
        else:
            hint = ("viết =bang.cot cho bảng một dòng, =bang.ma_dong.cot cho bảng nhiều dòng (dòng có khóa 'ma'), "
                    "=bang.tong.cot cho dòng tổng cộng.")
            self._bad(where, f"tham chiếu '={ref}' không chỉ tới một ô của bảng '{parts[0]}'", hint)
            return None
        return self._checked(table, row, key, ref, where)

    def _before(self, ref: str, where: Location, quote: str) -> Any:
        """The previous period's figure of `ref` (`kt.ref`, and what a comparison compares with),
        from whatever previous figures the plan has: the previous period's file when the report names
        one; else the figures rows type (so_lieu_ky_truoc), and the TỔNG CỘNG built from them."""
        if self.previous is not None:
            return self._previous(ref, where)
        if ref.split(".")[0] == PREVIOUS:
            self._bad(where, f"'{quote}': 'kt.' chỉ viết một lần", "viết ví dụ [=kt.ho_so.tong.tiep_nhan].")
            return None
        _, failed = self._quietly(lambda: self._one(ref, where))  # a reference to nowhere is said once, there
        if failed:
            self._taint()
            return None
        return self._typed_before(ref, where, quote)

    def _typed_before(self, ref: str, where: Location, quote: str) -> Any:
        """Without a previous file: a row's so_lieu_ky_truoc, or the sum of them for TỔNG CỘNG."""
        parts = ref.split(".")
        table = self.tables[parts[0]]
        key = parts[-1]
        value = None
        if len(parts) == 3 and parts[1] == "tong":
            value, failed = self._quietly(lambda: self._total_before(table, key))
            if failed:  # a row that types no previous figure while others do: said at the row
                self._taint()
                return None
        elif parts[1:] != ["so_dong"]:
            row = table.rows[0] if len(parts) == 2 else self.rows(table)[parts[1]]
            value = (row.previous or {}).get(key)
        if is_number(value):
            return value
        compared = [leaf.derive[1] for leaf in table.kind.leaves if leaf.derive and leaf.derive[0] == "so_voi"]
        hint = ("ghi ky_truoc: <tệp số liệu kỳ trước>.yaml trong bao_cao" + (
            f", hoặc ghi số kỳ trước ở mỗi dòng của bảng '{table.code}': {PREVIOUS_ROW}: {{{key}: …}}."
            if key in compared else "; không có tệp kỳ trước thì bỏ câu này."))
        self._bad(where, f"'{quote}': chưa có số liệu kỳ trước của '{ref}'", hint)
        return None

    def _previous(self, ref: str, where: Location) -> Any:
        """`kt.…` with a previous period's file: the same reference there; its mistakes are this
        file's, at the citation."""
        found: list[Finding] = []
        saved, self.previous.findings = self.previous.findings, found
        try:
            value = self._matched_before(ref, where)
        finally:
            self.previous.findings = saved
        for f in found:
            self._bad(where, f"số liệu kỳ trước (tệp {self.previous.positions.file.name}): {f.message}", f.hint)
        return value

    def _matched_before(self, ref: str, where: Location) -> Any:
        """`kt.bang.ma_dong.cot`: this period's row `ma_dong` names its previous period's row, found
        as the Tăng/giảm columns find it (the previous file may not give that row a code)."""
        parts = ref.split(".")
        table = self.tables.get(parts[0])
        before = self.previous.tables.get(parts[0])
        if len(parts) == 3 and table is not None and before is not None and parts[1] in self.rows(table) \
                and parts[1] not in self.previous.rows(before) and parts[2] in before.kind.by_key:
            row = self.rows(table)[parts[1]]
            match = matching.match(table, row, before, self.previous.rows(before))
            if match is None:
                self._missing_before(table, row, before)
                return None
            return self.previous.cell(before, match, parts[2])
        return self.previous.lookup(ref, where)

    def _checked(self, table: Table, row: Row | None, key: str, ref: str, where: Location) -> Any:
        if key not in table.kind.by_key or key == "_stt":
            self._bad(where, f"tham chiếu '={ref}': bảng '{table.code}' không có cột '{key}'",
                      did_you_mean(key, [k for k in table.kind.by_key if k != "_stt"])
                      or "các cột: " + ", ".join(k for k in table.kind.by_key if k != "_stt") + ".")
            return None
        return self.total(table, key) if row is None else self.cell(table, row, key)

    def column(self, ref: str):
        """The column a single reference (no sum, no rate) reads, or None."""
        parts = ref.strip().split(".")
        figures = self
        if parts[0] == PREVIOUS:  # without a previous file, kt. reads this file's rows
            figures, parts = self.previous or self, parts[1:]
        table = figures.tables.get(parts[0]) if figures is not None and parts else None
        return table.kind.by_key.get(parts[-1]) if table is not None and len(parts) > 1 else None

    # --- cells --------------------------------------------------------------------------------
    def cell(self, table: Table, row: Row, key: str) -> Any:
        memo = (id(row), key)
        if memo in self._busy:
            self._bad(self.positions.at(row.path + (key,)), "các ô tham chiếu vòng tròn lẫn nhau, không tính được",
                      "một ô phải có số liệu gõ vào ở một nơi; bỏ một tham chiếu '=' trong vòng.")
            return None
        self._busy.add(memo)
        try:
            return self._tracked(memo, lambda: self._compute(table, row, key))
        finally:
            self._busy.discard(memo)

    def _compute(self, table: Table, row: Row, key: str) -> Any:
        if key in row.refused:  # the cell was refused where it was read, and reported there
            self._taint()
            return None
        col = table.kind.by_key[key]
        if col.derive is not None:
            typed = row.previous or {}
            return derived_cell(col.derive, lambda k: self.cell(table, row, k),
                                lambda k: typed[k] if k in typed else self.previous_figure(table, row, k))
        if row.values.get("cong_con") and col.kind in ("so", "gia_tri") and row.children:
            return total(self.cell(table, child, key) for child in row.children)
        value = row.values.get(key)
        where = row.path + (key,)
        if isinstance(value, str) and value.startswith("=") and col.kind != "chu":
            value, failed = self._quietly(lambda: self.lookup(value[1:], self.positions.at(where)))
            if failed:
                return None
            if isinstance(value, Rate):
                problem = "một tỷ lệ không ghi vào cột số đếm" if col.kind == "so" else None
            elif isinstance(value, Change):
                problem = "một số tăng/giảm không ghi vào cột này; ghi phép trừ, ví dụ =a - kt.a"
            else:
                problem = value_problem(col, value)
            if problem:
                self._bad(self.positions.at(where), f"cột '{key}' lấy giá trị từ '{row.values[key]}': {problem}",
                          "tham chiếu tới một ô cùng loại: ô số đếm lấy từ một ô số đếm.")
                return None
        elif isinstance(value, str) and "[=" in value:  # a text cell citing figures
            value = self.cite(value, where)
        return value

    def previous_figure(self, table: Table, row: Row, key: str) -> Any:
        """The same cell in the previous period's data: the table with the same code, its row
        matched as derive/matching.py says. Without a previous file, a row that does not type its
        previous figure while others of its table do is a mistake (its Tăng/giảm would print blank)."""
        if self.previous is None:
            if any(other.previous and key in other.previous for other in table.items()):
                self._missing_before(table, row, None)
            return None
        if not table.code or table.code not in self.previous.tables:
            self._missing_before(table, row, None)
            return None
        before = self.previous.tables[table.code]
        match = matching.match(table, row, before, self.previous.rows(before))
        if match is None or key not in before.kind.by_key:
            self._missing_before(table, row, before)
            return None
        value = self.previous.cell(before, match, key)
        return value if is_number(value) else None

    def _missing_before(self, table: Table, row: Row, before: Table | None) -> None:
        """With a previous period declared, a Tăng (+)/giảm (-) cell that finds nothing to compare
        would print blank: say so once per row, naming the row, the rule and the fix."""
        if id(row) in self._reported_before:
            self._taint()
            return
        self._reported_before.add(id(row))
        name = matching.row_name(table, row)
        columns = ["cột so với kỳ trước"] * any(leaf.derive[0] == "so_voi" for leaf in table.kind.leaves if leaf.derive)
        columns += [f"cột «{leaf.label}»" for leaf in table.kind.leaves if leaf.derive and leaf.derive[0] == "ky_truoc"]
        what = " và ".join(columns) + " không tính được"
        if self.previous is None:
            why = f"dòng chưa ghi số kỳ trước ({PREVIOUS_ROW}) như các dòng khác của bảng"
            hint = (f"ghi {PREVIOUS_ROW}: {{…}} cho dòng này, hoặc khai báo tệp kỳ trước ở ky_truoc (khi đó xóa "
                    f"{PREVIOUS_ROW} ở mọi dòng).")
            self._bad(self.positions.at(row.path), (f"dòng {name}: " if name else "") + f"{what}: {why}", hint)
            return
        previous_file = self.previous.positions.file.name
        if before is None:
            why = (f"tệp kỳ trước {previous_file} không có bảng mã '{table.code}'" if table.code
                   else "bảng chưa có mã ('ma') để tìm bảng cùng mã ở tệp kỳ trước")
            hint = (f"đặt cùng mã bảng ở hai tệp (ma: {table.code or '…'}), hoặc ghi số kỳ trước "
                    "của dòng ở so_lieu_ky_truoc.")
        else:
            label = matching.label_column(table)
            lines = [(r, self.previous.positions.at(r.path).line) for r in before.walk()]
            near = matching.closest(table, row, before, lines)
            why = f"bảng '{table.code}' của tệp kỳ trước {previous_file} không có dòng tương ứng"
            hint = ("dòng hai kỳ được ghép theo mã dòng (ma), dòng không có mã thì theo chữ ở cột "
                    f"'{label or 'đầu tiên'}'; ghi cùng mã dòng (ví dụ ma: {row.code or 'ten_dong'}) ở dòng đó của "
                    "cả hai tệp" + (f" (có phải {near}?)" if near else "") + ", hoặc ghi số kỳ trước của dòng này ở "
                    "so_lieu_ky_truoc.")
        self._bad(self.positions.at(row.path), (f"dòng {name}: " if name else "") + f"{what}: {why}", hint)

    # --- TỔNG CỘNG -------------------------------------------------------------------------------
    def total(self, table: Table, key: str) -> Any:
        """TỔNG CỘNG: the sum over the rows that carry figures of their own (rows without sub-rows),
        so a group row is neither left out nor counted twice; rates are computed from the sums, and
        a change against the previous period from the two periods' totals."""
        return self._tracked((id(table), key), lambda: self._total(table, key))

    def _total(self, table: Table, key: str) -> Any:
        col = table.kind.by_key[key]
        if col.derive is not None and col.derive[0] in ("ty_le", "hieu", "tong"):
            return derived_cell(col.derive, lambda k: self.total(table, k), lambda k: None)
        if col.derive is not None and col.derive[0] == "ky_truoc":  # carried over: added up as if typed
            return total(self.cell(table, row, key) for row in table.items())
        if col.derive is not None:  # so_voi: this period's total against the previous period's
            compared = col.derive[1]
            now, before = self.total(table, compared), self._total_before(table, compared)
            return Change(now - before) if is_number(now) and is_number(before) else None
        if col.kind == "so":
            return total(self.cell(table, row, key) for row in table.items())
        return None

    def _total_before(self, table: Table, key: str) -> Any:
        """The previous period's TỔNG CỘNG of `key`: the previous table's own total, or, where rows
        type their previous figures (so_lieu_ky_truoc), the sum of every row's previous figure."""
        items = list(table.items())
        if self.previous is not None and table.code in self.previous.tables \
                and not any(row.previous and key in row.previous for row in items):
            before = self.previous.tables[table.code]
            if before.kind.total_label and key in before.kind.by_key:
                return self.previous.total(before, key)
        figures = [row.previous[key] if row.previous and key in row.previous else self.previous_figure(table, row, key)
                   for row in items]
        return sum(figures) if figures and all(is_number(v) for v in figures) else None

    # --- prose: [=ref], [=ref|so_dem], [=ref|chenh_lech], [=ref|so_voi_ky_truoc đơn vị] ---------
    def cite(self, text: str, path: tuple) -> str:
        def value(m: re.Match) -> str:
            where = self.positions.token(path, text, m.start(), m.group(0))
            ref, _, flag = m.group(1).partition("|")
            ref, (flag, _, unit) = ref.strip(), flag.strip().partition(" ")
            if flag and flag not in _FLAGS:
                self._bad(where, f"trích số liệu '{m.group(0)}': không có cách in '{flag}'",
                          "viết [=bang.dong.cot], hoặc thêm |so_dem, |chenh_lech, |so_voi_ky_truoc đơn vị "
                          "(ví dụ [=ho_so.tong.tiep_nhan|so_voi_ky_truoc hồ sơ]).")
                return m.group(0)
            if not _REF.fullmatch(ref) or ref.count("/") > 1:
                self._bad(where, f"trích số liệu '{m.group(0)}' viết sai",
                          "mã bảng, mã dòng, mã cột viết thường không dấu, nối bằng dấu chấm: [=bang.dong.cot]; "
                          "cộng trừ [=a + b - c], tỷ lệ [=a / b], kỳ trước [=kt.bang.dong.cot].")
                return m.group(0)
            if flag in ("chenh_lech", "so_voi_ky_truoc"):
                return self._compared(m.group(0), ref, flag, unit.strip(), where)
            got, failed = self._quietly(lambda: self.lookup(ref, where, quote=m.group(0)))
            if got is None or got == "":
                if not failed:
                    self._bad(where, f"trích số liệu '{m.group(0)}': ô này đang trống",
                              "ghi số liệu vào ô được trích, hoặc bỏ câu trích.")
                return m.group(0)
            if flag == "so_dem" and isinstance(got, int) and not isinstance(got, bool) and got >= 0:
                return vi.so_dem(got)
            if isinstance(got, str):  # a text cell: its words only (markup stays in the table)
                return "".join(r.text for r in markup.parse_inline(got) if isinstance(r, markup.Run)).replace("*", "\\*")
            return show(got) + self._percent(ref, got)

        for m in re.finditer(r"\[=", text):  # "[=" that opens no citation: its "]" is missing
            if not _PROSE_REF.match(text, m.start()):
                self._bad(self.positions.token(path, text, m.start(), text[m.start():m.start() + 12].split("\n")[0]),
                          "trích số liệu '[=' thiếu dấu ']' đóng", "viết đủ [=bang.dong.cot].")
        return _PROSE_REF.sub(value, text)

    def _percent(self, ref: str, value: Any) -> str:
        """A rate cited in prose prints with its %: a computed rate, or a rate column's figure."""
        if isinstance(value, Rate):
            return "%"
        col = self.column(ref) if is_number(value) else None
        if col is not None and (col.kind == "ty_le" or col.suffix):
            return col.suffix or "%"
        return ""

    def _compared(self, cited: str, ref: str, flag: str, unit: str, where: Location) -> str:
        """A figure against the same figure of the previous period: +87, or "tăng 87 hồ sơ so với kỳ trước"."""
        if re.search(rf"(?<![\w.]){PREVIOUS}\.", ref):
            self._bad(where, f"trích số liệu '{cited}': so với kỳ trước thì trích số của kỳ này (bỏ 'kt.')",
                      "viết ví dụ [=ho_so.tong.tiep_nhan|so_voi_ky_truoc hồ sơ].")
            return cited
        now, failed = self._quietly(lambda: self.lookup(ref, where))
        before = None
        if not failed:  # the previous figure of each part of the same reference
            before, failed = self._quietly(lambda: self.lookup(ref, where, before=True, quote=cited))
        now, before = (v.value if isinstance(v, Rate) else v for v in (now, before))
        if not (is_number(now) and is_number(before)):
            if not failed:
                self._bad(where, f"trích số liệu '{cited}': ô này hoặc ô kỳ trước của nó đang trống",
                          "ghi số liệu vào ô được trích ở cả hai kỳ, hoặc bỏ câu so sánh.")
            return cited
        if flag == "chenh_lech":
            return str(Change(Decimal(str(now)) - Decimal(str(before))))
        return so_voi_ky_truoc(now, before, unit)

    def _bad(self, where: Location, message: str, hint: str | None = None) -> None:
        self.findings.append(Finding(where, message, hint or _REFERENCE_HINT))
