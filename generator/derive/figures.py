"""Every table's figures by reference, computed on demand: the values prose and other tables cite.

A figure is typed once. A cell written `=bang.dong.cot` takes another table's value (`=a + b` a
sum, `=a / b` a rate), prose cites `[=bang.dong.cot]` (`[=bang.tong.cot]` the TỔNG CỘNG row,
`[=bang.so_dong]` the number of items, `|so_dem` to print 06), and derived cells (totals, rates,
differences, changes against the previous period) are computed from the cells they depend on.
Each value is computed once and remembered; a reference that leads nowhere, a cycle of links and
a change that finds no previous figure are located findings.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import Finding, Location
from ..read.loader import Positions
from ..text import markup
from ..text import vi_format as vi
from ..text.suggest import did_you_mean
from ..validate.table_rows import Row, Table, value_problem
from .values import Rate, derived_cell, is_number, show, total

# What a reference yields when it reaches a table that could not be read or a cell that was refused:
# the root mistake is already reported, so nothing that depends on it reports again.
REFUSED = object()

_PROSE_REF = re.compile(r"\[=([^\[\]\n]*)\]")
_REF = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*(?:\s*[+/]\s*[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*)*")


class Figures:
    """Every table's values by reference (`bang.dong.cot`, `bang.tong.cot`, `bang.cot` for a table of
    one row), computed on demand so a cell may take its value from any other table's."""

    def __init__(self, tables: tuple[Table, ...] | list[Table], positions: Positions, findings: list[Finding], *,
                 previous: Figures | None = None, unread: frozenset[str] = frozenset()):
        self.unread = unread  # codes of tables that could not be read
        self.previous = previous  # the previous period's figures (bao_cao.ky_truoc), for so_voi columns
        self.tables = {t.code: t for t in tables if t.code}  # codes are unique (validate refuses a repeat)
        self.positions, self.findings = positions, findings
        self._rows: dict[int, dict[str, Row]] = {}
        self._memo: dict[tuple, Any] = {}
        self._busy: set[tuple] = set()
        self._reported_before: set[int] = set()  # rows whose missing previous figure was reported

    def rows(self, table: Table) -> dict[str, Row]:
        """The table's rows by code, built once (duplicates are refused when the rows are read)."""
        if id(table) not in self._rows:
            self._rows[id(table)] = {r.code: r for r in table.walk() if r.code}
        return self._rows[id(table)]

    # public: a reference as the data writes it
    def lookup(self, ref: str, where: Location) -> Any:
        ref = ref.strip()
        if "+" in ref and "/" not in ref:  # a sum: =a + b
            values = [self.lookup(side, where) for side in ref.split("+")]
            if REFUSED in values:
                return REFUSED
            return total(values) if all(is_number(v) for v in values) else None
        if "/" in ref:  # a rate: =part / whole, in percent, computed from the two counts
            num, den = (self.lookup(side, where) for side in ref.split("/", 1))
            if REFUSED in (num, den):
                return REFUSED
            if is_number(num) and is_number(den) and den:
                return Rate(vi.ty_le(num, den), 2)
            if is_number(num) and is_number(den):
                self._bad(where, f"tỷ lệ '={ref}': mẫu số bằng 0, không tính được")
            return None
        parts = ref.split(".")
        table = self.tables.get(parts[0])
        if table is None and parts[0] in self.unread:
            return REFUSED
        if table is None:
            self._bad(where, f"tham chiếu '={ref}': không có bảng nào mã '{parts[0]}'", did_you_mean(parts[0], self.tables))
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
        else:
            hint = ("viết =bang.cot cho bảng một dòng, =bang.ma_dong.cot cho bảng nhiều dòng (dòng có khóa 'ma'), "
                    "=bang.tong.cot cho dòng tổng cộng.")
            self._bad(where, f"tham chiếu '={ref}' không chỉ tới một ô của bảng '{parts[0]}'", hint)
            return None
        return self._checked(table, row, key, ref, where)

    def _checked(self, table: Table, row: Row | None, key: str, ref: str, where: Location) -> Any:
        if key not in table.kind.by_key or key == "_stt":
            self._bad(where, f"tham chiếu '={ref}': bảng '{table.code}' không có cột '{key}'",
                      did_you_mean(key, [k for k in table.kind.by_key if k != "_stt"]))
            return None
        if row is not None and key in row.refused:
            return REFUSED
        return self.total(table, key) if row is None else self.cell(table, row, key)

    def cell(self, table: Table, row: Row, key: str) -> Any:
        memo = (id(row), key)
        if memo in self._memo:
            return self._memo[memo]
        if memo in self._busy:
            self._bad(self.positions.at(row.path + (key,)), "các ô tham chiếu vòng tròn lẫn nhau, không tính được",
                      "một ô phải có số liệu gõ vào ở một nơi; bỏ một tham chiếu '=' trong vòng.")
            return None
        self._busy.add(memo)
        try:
            value = self._compute(table, row, key)
        finally:
            self._busy.discard(memo)
        self._memo[memo] = value
        return value

    def _compute(self, table: Table, row: Row, key: str) -> Any:
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
            value = self.lookup(value[1:], self.positions.at(where))
            if value is REFUSED:
                return None
            if isinstance(value, Rate):
                problem = "một tỷ lệ không ghi vào cột số đếm" if col.kind == "so" else None
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
        """The same cell in the previous period's data: the table with the same code, the row with
        the same code (or, without codes, the same first text, or the only row of both tables)."""
        if self.previous is None:
            return None
        if not table.code or table.code not in self.previous.tables:
            self._missing_before(table, row, "tệp số liệu kỳ trước không có bảng mã "
                                            f"'{table.code}'" if table.code else "bảng chưa có mã ('ma')")
            return None
        before = self.previous.tables[table.code]
        match = None
        if row.code:
            match = self.previous.rows(before).get(row.code)
        elif len(table.rows) == 1 and len(before.rows) == 1 and row is table.rows[0]:
            match = before.rows[0]
        else:
            label = next((leaf.key for leaf in table.kind.leaves if leaf.kind == "chu" and leaf.key != "_stt"), None)
            if label and row.values.get(label):
                match = next((r for r in before.walk() if r.values.get(label) == row.values[label]), None)
        if match is None or key not in before.kind.by_key:
            self._missing_before(table, row, f"bảng '{table.code}' của tệp kỳ trước không có dòng tương ứng"
                                             + (f" (mã '{row.code}')" if row.code else ""))
            return None
        value = self.previous.cell(before, match, key)
        return value if is_number(value) else None

    def _missing_before(self, table: Table, row: Row, why: str) -> None:
        """With a previous period declared, a Tăng (+)/giảm (-) cell that finds nothing to compare
        would print blank: say so once per row."""
        if id(row) in self._reported_before:
            return
        self._reported_before.add(id(row))
        self._bad(self.positions.at(row.path), f"cột so với kỳ trước không tính được: {why}",
                  "thêm bảng (cùng mã) vào tệp kỳ trước, hoặc ghi số kỳ trước cho dòng này ở 'so_lieu_ky_truoc'.")

    def total(self, table: Table, key: str) -> Any:
        """TỔNG CỘNG: the sum over the rows that carry figures of their own (rows without sub-rows),
        so a group row is neither left out nor counted twice; rates are computed from the sums."""
        memo = (id(table), key)
        if memo not in self._memo:
            col = table.kind.by_key[key]
            if col.derive is not None and col.derive[0] in ("ty_le", "hieu", "tong"):
                value = derived_cell(col.derive, lambda k: self.total(table, k), lambda k: None)
            elif col.kind == "so":
                value = total(self.cell(table, row, key) for row in table.items())
            else:
                value = None
            self._memo[memo] = value
        return self._memo[memo]

    # prose: [=bang.dong.cot] and [=…|so_dem]
    def cite(self, text: str, path: tuple) -> str:
        def value(m: re.Match) -> str:
            where = self.positions.token(path, text, m.start(), m.group(0))
            ref, _, flag = m.group(1).partition("|")
            ref, flag = ref.strip(), flag.strip()
            if flag and flag != "so_dem":
                self._bad(where, f"trích số liệu '{m.group(0)}': không có cách in '{flag}'",
                          "chỉ dùng [=bang.dong.cot] hoặc [=bang.dong.cot|so_dem].")
                return m.group(0)
            if not _REF.fullmatch(ref):
                self._bad(where, f"trích số liệu '{m.group(0)}' viết sai",
                          "mã bảng, mã dòng, mã cột viết thường không dấu, nối bằng dấu chấm: [=bang.dong.cot].")
                return m.group(0)
            before = len(self.findings)
            got = self.lookup(ref, where)
            if got is REFUSED:
                return m.group(0)
            if got is None or got == "":
                if len(self.findings) == before:
                    self._bad(where, f"trích số liệu '{m.group(0)}': ô này đang trống",
                              "ghi số liệu vào ô được trích, hoặc bỏ câu trích.")
                return m.group(0)
            if flag == "so_dem" and isinstance(got, int) and not isinstance(got, bool) and got >= 0:
                return vi.so_dem(got)
            if isinstance(got, str):  # a text cell: its words only (markup stays in the table)
                return "".join(r.text for r in markup.parse_inline(got) if isinstance(r, markup.Run)).replace("*", "\\*")
            return show(got)

        for m in re.finditer(r"\[=", text):  # "[=" that opens no citation: its "]" is missing
            if not _PROSE_REF.match(text, m.start()):
                self._bad(self.positions.token(path, text, m.start(), text[m.start():m.start() + 12].split("\n")[0]),
                          "trích số liệu '[=' thiếu dấu ']' đóng", "viết đủ [=bang.dong.cot].")
        return _PROSE_REF.sub(value, text)

    def _bad(self, where: Location, message: str, hint: str | None = None) -> None:
        self.findings.append(Finding(where, message, hint))
