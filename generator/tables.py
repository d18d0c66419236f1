"""Tables: kinds declared once, rows from the data, every derived cell computed.

A table kind (templates/bang.yaml) declares its columns as a header tree: a
column with sub-columns is a merged group header, a leaf column is where the
data's values go. The data file gives rows only: values by column code,
nested rows (`con`) for hierarchical tables and "trong đó" parts
(`trong_do`). Everything else is derived here and never typed:

- STT numbers from the nesting (1. / 1.1. / 1.1.1., I / 1, …);
- total columns (`tong`), differences (`hieu`), rates (`ty_le`), changes
  against the previous period (`so_voi`), the TỔNG CỘNG row, and group rows
  that add up their children (`cong_con`);
- links: a cell written `=bang.dong.cot` takes another table's value, and
  prose cites a figure with `[=bang.dong.cot]`, so a figure typed once
  appears, consistent, wherever the documents state it.

The result of `resolve` is plain data (header grid with spans, body rows of
cell texts) that `ooxml.table` turns into WordprocessingML.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Iterator

from . import markup
from . import vi_format as vi
from .errors import Finding, Location, UserError
from .loader import Positions, load_yaml

_HERE = Path(__file__).resolve().parent
KINDS_FILE = next((p for p in (_HERE / "templates" / "bang.yaml", _HERE.parent / "templates" / "bang.yaml")
                   if p.is_file()), _HERE / "templates" / "bang.yaml")

VALUE_KINDS = ("so", "chu", "gia_tri", "ty_le")
STT_STYLES = ("cham", "so", "nhom")
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
PREVIOUS = "so_lieu_ky_truoc"  # a row's figures of the previous period, for the so_voi columns


# --- table kinds -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    label: str
    key: str | None = None  # None: a group header
    kind: str = "so"
    width: float = 1.0
    derive: tuple | None = None  # ("tong", keys) | ("hieu", a, b) | ("ty_le", a, b, digits) | ("so_voi", key)
    children: tuple[Column, ...] = ()
    suffix: str = ""  # printed after a number, e.g. "%"

    def leaves(self) -> Iterator[Column]:
        if self.children:
            for child in self.children:
                yield from child.leaves()
        else:
            yield self

    def depth(self) -> int:
        return 1 + max((c.depth() for c in self.children), default=0)


@dataclass(frozen=True)
class Kind:
    name: str
    columns: tuple[Column, ...]
    stt: str | None = None
    stt_label: str = "STT"
    total_label: str | None = None
    bold_top: bool = False

    @property
    def tree(self) -> tuple[Column, ...]:
        """The header tree as printed: the STT column first when the kind numbers its rows."""
        if self.stt:
            return (Column(self.stt_label, "_stt", "chu", 0.9),) + self.columns
        return self.columns

    @cached_property
    def leaves(self) -> list[Column]:
        return [leaf for col in self.tree for leaf in col.leaves()]

    @cached_property
    def by_key(self) -> dict[str, Column]:
        return {leaf.key: leaf for leaf in self.leaves}

    @cached_property
    def typed_keys(self) -> list[str]:
        """The codes a data row may fill: leaves that are neither derived nor the STT."""
        return [leaf.key for leaf in self.leaves if leaf.key != "_stt" and leaf.derive is None]


def load_kinds(path: Path = KINDS_FILE) -> dict[str, Kind]:
    return _load_kinds(Path(path), Path(path).stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _load_kinds(path: Path, _mtime: int) -> dict[str, Kind]:
    if not path.read_text(encoding="utf-8-sig").strip():
        raise UserError(Finding(Location(path, 1, 1), "tệp kiểu bảng rỗng.",
                                "mỗi kiểu bảng là một khóa, với danh sách 'cot' (xem chú thích đầu tệp templates/bang.yaml)."))
    raw, positions = load_yaml(path)
    findings: list[Finding] = []
    kinds: dict[str, Kind] = {}
    if not isinstance(raw, dict):
        raise UserError(Finding(positions.at(()), "tệp kiểu bảng phải là các kiểu bảng, mỗi kiểu một khóa."))
    for name, spec in raw.items():
        kind = _kind(name, spec, (name,), positions, findings)
        if kind is not None:
            kinds[name] = kind
    if findings:
        raise UserError(findings)
    return kinds


def _markup_problem(text: str) -> str | None:
    try:
        markup.parse_inline(text)
    except markup.MarkupError as exc:
        return exc.message
    return None


def _kind(name: str, spec: Any, path: tuple, positions: Positions, findings: list[Finding]) -> Kind | None:
    before = len(findings)

    def bad(where: tuple, message: str, hint: str | None = None, key: bool = False) -> None:
        findings.append(Finding(positions.at(where, key=key), f"kiểu bảng '{name}': {message}", hint))

    if not isinstance(spec, dict):
        bad(path, "cần các khóa cot, stt, dong_tong…")
        return None
    allowed = ("cot", "stt", "ten_stt", "dong_tong", "dam_cap_1")
    for key in spec:
        if key not in allowed:
            bad(path + (key,), f"khóa lạ '{key}'", "các khóa được dùng: " + ", ".join(allowed) + ".", key=True)
    if spec.get("stt") is not None and spec.get("stt") not in STT_STYLES:
        bad(path + ("stt",), f"stt '{spec.get('stt')}' không có", "chọn một trong: " + ", ".join(STT_STYLES) + ".")
    for key in ("ten_stt", "dong_tong"):
        if key in spec and not isinstance(spec[key], str):
            bad(path + (key,), f"'{key}' cần là chữ", "đặt chữ trong dấu nháy nếu cần, ví dụ \"TỔNG CỘNG:\".")
    if "dam_cap_1" in spec and not isinstance(spec["dam_cap_1"], bool):
        bad(path + ("dam_cap_1",), "'dam_cap_1' cần là true hoặc false")
    where: dict[str, tuple] = {}  # column code -> its place in the file
    columns = _columns(spec.get("cot"), path + ("cot",), bad, where)
    if columns is None or len(findings) > before:
        return None
    kind = Kind(name, columns, spec.get("stt"), str(spec.get("ten_stt") or "STT"),
                spec.get("dong_tong"), bool(spec.get("dam_cap_1")))
    keys = [leaf.key for leaf in kind.leaves]
    for leaf in kind.leaves:
        if keys.count(leaf.key) > 1:
            bad(where.get(leaf.key, path), f"mã cột '{leaf.key}' dùng hai lần")
            return None
        for ref in _derive_inputs(leaf):
            if ref not in keys:
                close = difflib.get_close_matches(ref, [k for k in keys if k != "_stt"], n=1, cutoff=0.6)
                hint = (f"nếu mã cột '{ref}' vừa bị đổi thành '{close[0]}' (dòng {positions.at(where[close[0]]).line}), "
                        f"hãy đổi lại thành '{ref}': các tệp số liệu ghi số theo mã cũ, chỉ đổi chữ 'ten' của cột"
                        if close and close[0] in where else None)
                bad(where.get(leaf.key, path), f"cột '{leaf.key}' tính từ cột '{ref}' không có", hint)
                return None
    cycle = _derive_cycle(kind)
    if cycle:
        bad(where.get(cycle[0], path), "các cột tự tính vòng tròn: " + " → ".join(cycle),
            "một cột không thể tính từ chính nó (trực tiếp hay qua cột khác).")
        return None
    if kind.total_label is not None and kind.leaves[0].key != "_stt" and kind.leaves[0].kind != "chu":
        bad(path + ("dong_tong",), "dòng tổng cần một cột STT hoặc cột chữ ở đầu bảng để ghi chữ tổng cộng",
            "thêm stt, hoặc đặt một cột kieu: chu lên đầu.")
        return None
    return kind


def _derive_cycle(kind: Kind) -> list[str] | None:
    inputs = {leaf.key: _derive_inputs(leaf) for leaf in kind.leaves}

    def visit(key: str, trail: list[str]) -> list[str] | None:
        if key in trail:
            return trail[trail.index(key):] + [key]
        for ref in inputs.get(key, ()):
            found = visit(ref, trail + [key])
            if found:
                return found
        return None

    return next((c for c in (visit(k, []) for k in inputs) if c), None)


def _codes(value: Any, count: int | None = None) -> tuple[str, ...] | None:
    """A list of column codes (or None when it is not one)."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or not value:
        return None
    if count is not None and len(value) != count:
        return None
    return tuple(value)


def _columns(raw: Any, path: tuple, bad, where: dict[str, tuple]) -> tuple[Column, ...] | None:
    if not isinstance(raw, list) or not raw:
        bad(path, "'cot' cần là danh sách các cột")
        return None
    columns = []
    for k, spec in enumerate(raw):
        place = path + (k,)
        if not isinstance(spec, dict) or not isinstance(spec.get("ten"), str):
            bad(place, "mỗi cột cần có 'ten' (chữ tiêu đề)")
            return None
        allowed = ("ten", "ma", "kieu", "rong", "cot", "tong", "hieu", "ty_le", "so_le", "so_voi", "hau_to")
        for key in spec:
            if key not in allowed:
                bad(place + (key,), f"khóa lạ '{key}' của cột", "các khóa được dùng: " + ", ".join(allowed) + ".", key=True)
                return None
        problem = _markup_problem(spec["ten"])
        if problem:
            bad(place + ("ten",), f"chữ tiêu đề: {problem}", "xem cách viết *nghiêng* và ^[chú thích] ở đầu tệp.")
            return None
        if "cot" in spec:
            children = _columns(spec["cot"], place + ("cot",), bad, where)
            if children is None:
                return None
            columns.append(Column(spec["ten"], children=children))
            continue
        key, kind = spec.get("ma"), spec.get("kieu", "so")
        if not isinstance(key, str) or not _CODE.match(key):
            bad(place, "cột cần 'ma' viết thường không dấu, ví dụ tong_so")
            return None
        if kind not in VALUE_KINDS:
            bad(place + ("kieu",), f"kiểu cột '{kind}' không có", "chọn một trong: " + ", ".join(VALUE_KINDS) + ".")
            return None
        width = spec.get("rong", 1)
        if isinstance(width, bool) or not isinstance(width, (int, float)) or not 0 < width <= 100:
            bad(place + ("rong",), f"độ rộng 'rong' cần là một số lớn hơn 0 (tương đối, ví dụ 1 hay 2.5), đang là {width!r}")
            return None
        digits = spec.get("so_le", 2)
        if isinstance(digits, bool) or not isinstance(digits, int) or not 0 <= digits <= 6:
            bad(place + ("so_le",), f"'so_le' cần là số chữ số thập phân từ 0 đến 6, đang là {digits!r}")
            return None
        if not isinstance(spec.get("hau_to", ""), str):
            bad(place + ("hau_to",), "'hau_to' cần là chữ, ví dụ \"%\"")
            return None
        derive = None
        formulas = [f for f in ("tong", "hieu", "ty_le", "so_voi") if f in spec]
        if len(formulas) > 1:
            bad(place, "một cột chỉ tính theo một cách: " + ", ".join(formulas))
            return None
        if "tong" in spec:
            codes = _codes(spec["tong"])
            if codes is None:
                bad(place + ("tong",), "'tong' cần là danh sách mã cột, ví dụ [ky_truoc, moi]")
                return None
            derive = ("tong", codes)
        elif "hieu" in spec:
            codes = _codes(spec["hieu"], 2)
            if codes is None:
                bad(place + ("hieu",), "'hieu' cần đúng hai mã cột [a, b] (a trừ b)")
                return None
            derive = ("hieu", *codes)
        elif "ty_le" in spec:  # each side a column, or a list of columns to add up
            sides = spec["ty_le"]
            ok = isinstance(sides, list) and len(sides) == 2 and all(
                isinstance(side, str) or _codes(side) is not None for side in sides)
            if not ok:
                bad(place + ("ty_le",), "'ty_le' cần đúng hai phần [tử, mẫu], mỗi phần một mã cột hay danh sách mã cột")
                return None
            num, den = (tuple(side) if isinstance(side, list) else side for side in sides)
            derive = ("ty_le", num, den, digits)
        elif "so_voi" in spec:
            if not isinstance(spec["so_voi"], str):
                bad(place + ("so_voi",), "'so_voi' cần là một mã cột")
                return None
            derive = ("so_voi", spec["so_voi"])
        where[key] = place
        columns.append(Column(spec["ten"], key, kind, float(width), derive, suffix=str(spec.get("hau_to", ""))))
    return tuple(columns)


def _derive_inputs(col: Column) -> tuple[str, ...]:
    if col.derive is None:
        return ()
    op, *args = col.derive
    if op == "tong":
        return tuple(args[0])
    if op == "ty_le":
        return tuple(k for side in args[:2] for k in (side if isinstance(side, tuple) else (side,)))
    return tuple(args)


# --- rows --------------------------------------------------------------------------------------

@dataclass(eq=False)
class Row:
    values: dict[str, Any]
    path: tuple
    level: int
    children: list[Row] = field(default_factory=list)
    parts: list[Row] = field(default_factory=list)  # "trong đó"
    is_part: bool = False
    first_part: bool = False
    number: str = ""


@dataclass(eq=False)
class Table:
    kind: Kind
    code: str | None
    path: tuple
    rows: list[Row]

    def walk(self) -> Iterator[Row]:
        def visit(rows):
            for row in rows:
                yield row
                yield from visit(row.parts)
                yield from visit(row.children)
        yield from visit(self.rows)


class Figures:
    """Every table's values by reference (`bang.dong.cot`, `bang.tong.cot`, `bang.cot` for a table of
    one row), computed on demand so a cell may take its value from any other table's."""

    def __init__(self, tables: list[Table], positions: Positions, findings: list[Finding], *,
                 previous: Figures | None = None):
        self.previous = previous  # the previous period's figures (bao_cao.ky_truoc), for so_voi columns
        self.tables: dict[str, Table] = {}
        self.positions, self.findings = positions, findings
        for t in tables:
            if t.code and t.code in self.tables:
                first = self.positions.at(self.tables[t.code].path + ("ma",))
                self._bad(self.positions.at(t.path + ("ma",)), f"mã bảng '{t.code}' đã dùng cho bảng ở dòng {first.line}",
                          "mỗi bảng một mã riêng, để [=ma.dong.cot] chỉ tới đúng một bảng.")
            elif t.code:
                self.tables[t.code] = t
        self._rows: dict[int, dict[str, Row]] = {}
        self._memo: dict[tuple, Any] = {}
        self._busy: set[tuple] = set()
        self._reported_before: set[int] = set()  # rows whose missing previous figure was reported

    def rows(self, table: Table) -> dict[str, Row]:
        """The table's rows by code, built once (duplicates are refused when the rows are read)."""
        if id(table) not in self._rows:
            self._rows[id(table)] = {r.values["ma"]: r for r in table.walk() if r.values.get("ma")}
        return self._rows[id(table)]

    # public: a reference as the data writes it
    def lookup(self, ref: str, where: Location) -> Any:
        ref = ref.strip()
        if "+" in ref and "/" not in ref:  # a sum: =a + b
            values = [self.lookup(side, where) for side in ref.split("+")]
            return _sum(values) if all(_is_number(v) for v in values) else None
        if "/" in ref:  # a rate: =part / whole, in percent, computed from the two counts
            num, den = (self.lookup(side, where) for side in ref.split("/", 1))
            if _is_number(num) and _is_number(den) and den:
                return Rate(vi.ty_le(num, den), 2)
            if _is_number(num) and _is_number(den):
                self._bad(where, f"tỷ lệ '={ref}': mẫu số bằng 0, không tính được")
            return None
        parts = ref.split(".")
        table = self.tables.get(parts[0])
        if table is None:
            self._bad(where, f"tham chiếu '={ref}': không có bảng nào mã '{parts[0]}'", self._close(parts[0], self.tables))
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
                      self._close(key, table.kind.by_key))
            return None
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
            typed = row.values.get(PREVIOUS) or {}
            return _derived(col, lambda k: self.cell(table, row, k),
                            lambda k: typed[k] if k in typed else self.earlier(table, row, k))
        if row.values.get("cong_con") and col.kind in ("so", "gia_tri") and row.children:
            return _sum(self.cell(table, child, key) for child in row.children)
        value = row.values.get(key)
        where = row.path + (key,)
        if isinstance(value, str) and value.startswith("=") and col.kind != "chu":
            value = self.lookup(value[1:], self.positions.at(where))
            if isinstance(value, Rate):
                problem = "một tỷ lệ không ghi vào cột số đếm" if col.kind == "so" else None
            else:
                problem = _value_problem(col, value)
            if problem:
                self._bad(self.positions.at(where), f"cột '{key}' lấy giá trị từ '{row.values[key]}': {problem}",
                          "tham chiếu tới một ô cùng loại: ô số đếm lấy từ một ô số đếm.")
                return None
        elif isinstance(value, str) and "[=" in value:  # a text cell citing figures
            value = self.cite(value, where)
        return value

    def earlier(self, table: Table, row: Row, key: str) -> Any:
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
        if row.values.get("ma"):
            match = self.previous.rows(before).get(row.values["ma"])
        elif len(table.rows) == 1 and len(before.rows) == 1 and row is table.rows[0]:
            match = before.rows[0]
        else:
            label = next((leaf.key for leaf in table.kind.leaves if leaf.kind == "chu" and leaf.key != "_stt"), None)
            if label and row.values.get(label):
                match = next((r for r in before.walk() if r.values.get(label) == row.values[label]), None)
        if match is None or key not in before.kind.by_key:
            self._missing_before(table, row, f"bảng '{table.code}' của tệp kỳ trước không có dòng tương ứng"
                                             + (f" (mã '{row.values['ma']}')" if row.values.get("ma") else ""))
            return None
        value = self.previous.cell(before, match, key)
        return value if _is_number(value) else None

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
                value = _derived(col, lambda k: self.total(table, k), lambda k: None)
            elif col.kind == "so":
                value = _sum(self.cell(table, row, key) for row in table.walk() if not row.children and not row.is_part)
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

    @staticmethod
    def _close(word: str, known) -> str | None:
        close = difflib.get_close_matches(word, [k for k in known if k and k != "_stt"], n=1, cutoff=0.6)
        return f"có phải ý bạn là '{close[0]}'?" if close else None


_REF = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*(?:\s*[+/]\s*[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*)*")


def _sum(values) -> Any:
    numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    return sum(numbers) if numbers else None


def _derived(col: Column, get, previous) -> Any:
    """A derived cell from the row's other cells (`get`); `previous(key)` is the previous period's figure."""
    op, *args = col.derive
    if op == "tong":
        return _sum(get(k) for k in args[0])
    if op == "hieu":
        a, b = get(args[0]), get(args[1])
        return a - b if _is_number(a) and _is_number(b) else None
    if op == "ty_le":
        num, den = (_sum(get(k) for k in side) if isinstance(side, tuple) else get(side) for side in args[:2])
        digits = args[2]
        if not (_is_number(num) and _is_number(den)) or den == 0:
            return None
        return Rate(vi.ty_le(num, den), digits)
    if op == "so_voi":
        now, before = get(args[0]), previous(args[0])
        return Change(now - before) if _is_number(now) and _is_number(before) else None
    raise AssertionError(op)


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


@dataclass(frozen=True)
class Rate:
    value: Any  # Decimal percent
    digits: int

    def __str__(self) -> str:
        return vi.thap_phan(self.value, self.digits)


@dataclass(frozen=True)
class Change:
    value: int

    def __str__(self) -> str:
        return f"+{vi.so(self.value)}" if self.value > 0 else ("0" if self.value == 0 else f"-{vi.so(-self.value)}")


def show(value: Any) -> str:
    """A cell's text: numbers the Vietnamese way (9.737; 99,79), text as typed, blank as blank."""
    if value is None:
        return ""
    if isinstance(value, (Rate, Change)):
        return str(value)
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, (int, float)):
        return vi.so(value)
    return str(value)


# --- reading the data's tables -----------------------------------------------------------------

def read_table(raw: dict, path: tuple, kinds: dict[str, Kind], positions: Positions,
               findings: list[Finding]) -> Table | None:
    """Check a table's rows against its kind; `raw` is the validated model's dump (kieu, ma, dong)."""
    kind = kinds.get(raw["kieu"])
    if kind is None:
        close = Figures._close(raw["kieu"], kinds)
        findings.append(Finding(positions.at(path + ("kieu",)), f"không có kiểu bảng '{raw['kieu']}'",
                                close or "các kiểu bảng có trong templates/bang.yaml: " + ", ".join(kinds) + "."))
        return None
    rows = _rows(raw["dong"], path + ("dong",), kind, 1, positions, findings)
    table = Table(kind, raw.get("ma"), path, rows)
    _number(table)
    return table


RESERVED_ROW_CODES = ("tong", "so_dong")  # =bang.tong.cot is the total row, =bang.so_dong the item count


def _rows(raw_rows: list, path: tuple, kind: Kind, level: int, positions: Positions,
          findings: list[Finding], *, parts: bool = False, codes: dict | None = None) -> list[Row]:
    codes = {} if codes is None else codes  # row code -> where it was first given, across the whole table
    rows = []
    typed = kind.typed_keys

    def bad(where: tuple, message: str, hint: str | None = None, *, key: bool = False) -> None:
        findings.append(Finding(positions.at(where, key=key), message, hint))

    for k, raw in enumerate(raw_rows):
        where = path + (k,)
        if not isinstance(raw, dict):
            bad(where, "mỗi dòng của bảng cần là một nhóm khóa (mã cột: giá trị)",
                "các mã cột của kiểu bảng này: " + ", ".join(typed) + ".")
            continue
        values = {}
        for key, value in raw.items():
            if key in ("con", "trong_do"):
                continue
            if key in ("dam", "nghieng", "cong_con"):
                if not isinstance(value, bool):
                    bad(where + (key,), f"'{key}' cần là true hoặc false, đang là {value!r}")
                    continue
                values[key] = value
                continue
            if key == "ma":
                if not isinstance(value, str) or not _CODE.match(value) or value in RESERVED_ROW_CODES:
                    bad(where + (key,), f"mã dòng {value!r} không dùng được",
                        "viết thường, không dấu, bắt đầu bằng chữ cái (ví dụ dat_dai); 'tong' và 'so_dong' đã có nghĩa riêng.")
                    continue
                if value in codes:
                    bad(where + (key,), f"mã dòng '{value}' đã dùng ở dòng {positions.at(codes[value]).line}",
                        "mỗi dòng một mã riêng, để [=bang.ma_dong.cot] chỉ tới đúng một dòng.")
                    continue
                codes[value] = where + (key,)
                values[key] = value
                continue
            if key == PREVIOUS:
                previous = _previous(value, where + (key,), kind, bad)
                if previous is not None:
                    values[key] = previous
                continue
            col = kind.by_key.get(key)
            if col is None or key == "_stt":
                close = Figures._close(str(key), typed)
                if not _CODE.match(str(key)):  # "{linh_vuc: Quy hoạch, kiến trúc}": the comma split the text
                    close = ("trong {…} dấu phẩy ngăn các ô: chữ có dấu phẩy phải đặt trong dấu nháy, "
                             "ví dụ linh_vuc: \"Quy hoạch, kiến trúc\".")
                bad(where + (key,), f"bảng kiểu '{kind.name}' không có cột '{key}'",
                    close or "các mã cột của kiểu bảng này: " + ", ".join(typed) + ".", key=True)
                continue
            if col.derive is not None:
                bad(where + (key,), f"cột '{key}' do baocao tự tính (tổng, hiệu hoặc tỷ lệ), không gõ vào",
                    "xóa dòng này; baocao tính từ các cột thành phần.", key=True)
                continue
            problem = _value_problem(col, value)
            if problem is None and isinstance(value, str) and not value.startswith("="):
                markup_problem = _markup_problem(value)
                problem = f"chữ trong ô: {markup_problem}" if markup_problem else None
            if problem:
                bad(where + (key,), f"cột '{key}': {problem}",
                    "số đếm viết liền không dấu chấm (ví dụ 1297); ô trống thì bỏ khóa; dấu * đứng riêng viết \\*.")
                continue
            values[key] = value
        row = Row(values, where, level, is_part=parts)
        for key in ("con", "trong_do"):
            sub = raw.get(key)
            if sub is not None and not isinstance(sub, list):
                bad(where + (key,), f"'{key}' cần là danh sách các dòng, mỗi dòng bắt đầu bằng '- '")
                sub = None
            found = _rows(sub or [], where + (key,), kind, level + 1, positions, findings,
                          parts=key == "trong_do", codes=codes)
            if key == "con":
                row.children = found
            else:
                row.parts = found
        if values.get("cong_con"):
            if not row.children:
                bad(where + ("cong_con",), "'cong_con: true' cộng các dòng con, nhưng dòng này không có 'con'")
            for key in typed:
                if key in values and kind.by_key[key].kind in ("so", "gia_tri"):
                    bad(where + (key,), f"dòng này cộng các dòng con (cong_con), không gõ số ở cột '{key}'",
                        "xóa số này, hoặc bỏ 'cong_con' nếu muốn gõ số cho dòng nhóm.")
        if row.parts:
            row.parts[0].first_part = True
        rows.append(row)
    return rows


def _previous(value: Any, where: tuple, kind: Kind, bad) -> dict | None:
    """`so_lieu_ky_truoc`: the previous period's figures of the columns a `so_voi` column compares."""
    compared = [leaf.derive[1] for leaf in kind.leaves if leaf.derive and leaf.derive[0] == "so_voi"]
    if not compared:
        bad(where, f"bảng kiểu '{kind.name}' không có cột so với kỳ trước, không cần '{PREVIOUS}'", key=True)
        return None
    if not isinstance(value, dict):
        bad(where, f"'{PREVIOUS}' cần là nhóm số liệu kỳ trước theo mã cột, ví dụ {{phong: 13, lanh_dao: 2}}")
        return None
    kept = {}
    for key, figure in value.items():
        if key not in compared:
            bad(where + (key,), f"'{PREVIOUS}' không có cột '{key}' để so sánh",
                Figures._close(str(key), compared) or "các cột so sánh được: " + ", ".join(compared) + ".", key=True)
        elif isinstance(figure, bool) or not isinstance(figure, int) or figure < 0:
            bad(where + (key,), f"số liệu kỳ trước của cột '{key}' cần là số nguyên không âm, đang là {figure!r}")
        else:
            kept[key] = figure
    return kept


def _value_problem(col: Column, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return f"số quá lớn hoặc không phải một số ({value!r})"
    if isinstance(value, str) and value.startswith("=") and col.kind != "chu":
        return None  # a link, resolved later
    if col.kind == "so":
        if isinstance(value, bool) or not isinstance(value, int):
            return f"cần một số nguyên, nhưng đang là {value!r}"
        if value < 0:
            return f"số đếm không âm, nhưng đang là {value}"
    elif col.kind == "ty_le":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"cần một tỷ lệ (số từ 0 đến 100), nhưng đang là {value!r}"
        if not 0 <= value <= 100:
            return f"tỷ lệ phải từ 0 đến 100, nhưng đang là {value}"
    elif col.kind == "chu":
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            return f"cần chữ, nhưng đang là {value!r}"
    elif not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return f"cần một số hoặc chữ, nhưng đang là {value!r}"
    return None


def _number(table: Table) -> None:
    """STT from the nesting: the data never types a number, so none can repeat or skip."""
    style = table.kind.stt

    def visit(rows: list[Row], prefix: list[int]) -> None:
        n = 0
        for row in rows:
            n += 1
            trail = prefix + [n]
            if style == "cham":
                row.number = ".".join(map(str, trail)) + "."
            elif style == "so":
                row.number = ".".join(map(str, trail))
            elif style == "nhom":  # groups I, II…; the rows of each group 1, 2… afresh
                row.number = vi.la_ma(n) if row.level == 1 else str(n)
            for part in row.parts:
                part.number = "Trong đó" if part.first_part else ""
            visit(row.children, trail if style != "nhom" else [])

    visit(table.rows, [])


# --- layout ------------------------------------------------------------------------------------

def layout(table: Table, figures: Figures) -> dict:
    """The printed table as plain data: column widths, header rows with their merges, body rows."""
    kind = table.kind
    tree = kind.tree
    depth = max(col.depth() for col in tree)
    leaves = kind.leaves
    # Place level by level so each header row lists its cells left to right.
    grid: list[list[tuple[int, dict]]] = [[] for _ in range(depth)]
    start = 0

    def place_at(col: Column, level: int, first: int) -> None:
        span = len(list(col.leaves()))
        rows = 1 if col.children else depth - level
        grid[level].append((first, {"chu": col.label, "cot_gop": span, "hang_gop": rows, "tiep": False}))
        for below in range(level + 1, level + rows):
            grid[below].append((first, {"chu": "", "cot_gop": span, "hang_gop": 0, "tiep": True}))
        offset = first
        for child in col.children:
            place_at(child, level + 1, offset)
            offset += len(list(child.leaves()))

    for col in tree:
        place_at(col, 0, start)
        start += len(list(col.leaves()))
    header = [[cell for _, cell in sorted(row, key=lambda c: c[0])] for row in grid]

    body = []
    for row in table.walk():
        bold = bool(row.values.get("dam")) or (kind.bold_top and row.level == 1 and not row.is_part
                                               and bool(row.children or row.parts))
        italic = bool(row.values.get("nghieng"))
        cells = []
        for leaf in leaves:
            if leaf.key == "_stt":
                cells.append({"chu": row.number, "canh": "giua", "cot_gop": 1})
                continue
            cells.append({"chu": _cell_text(leaf, figures.cell(table, row, leaf.key)),
                          "canh": "trai" if leaf.kind == "chu" else "giua", "cot_gop": 1})
        body.append({"o": cells, "dam": bold, "nghieng": italic})
    if kind.total_label:
        body.append(_total_row(table, figures, leaves))
    return {"kieu": kind.name, "rong": [leaf.width for leaf in leaves], "so_hang_tieu_de": depth,
            "tieu_de": header, "dong": body}


def _cell_text(leaf: Column, value: Any) -> str:
    """A cell as printed: the value the Vietnamese way, a number followed by its column's suffix (%)."""
    return show(value) + (leaf.suffix if _is_number(value) or isinstance(value, Rate) else "")


def _total_row(table: Table, figures: Figures, leaves: list[Column]) -> dict:
    """TỔNG CỘNG: its label spans the leading text columns; numbers are sums (rates from the sums)."""
    label_span = 0
    for leaf in leaves:
        if leaf.key == "_stt" or leaf.kind == "chu":
            label_span += 1
        else:
            break
    cells = [{"chu": table.kind.total_label, "canh": "giua", "cot_gop": max(label_span, 1)}]
    for leaf in leaves[max(label_span, 1):]:
        cells.append({"chu": _cell_text(leaf, figures.total(table, leaf.key)), "canh": "giua", "cot_gop": 1})
    return {"o": cells, "dam": True, "nghieng": False}


# --- all the tables of a report ------------------------------------------------------------------

def walk(bc: dict) -> Iterator[tuple]:
    """Every block of a data-outlined report (`bao_cao` as plain data), in reading order:
    ("prose", container, key, path) for each text and ("table", block, path) for each table.
    A section's `noi_dung` written as one text becomes a list of one block."""
    def section(node: dict, path: tuple, level: int) -> Iterator[tuple]:
        if isinstance(node.get("tieu_de"), str):
            yield "prose", node, "tieu_de", path + ("tieu_de",)
        elif isinstance(node.get("tieu_de"), list):  # an appendix: its title lines, and its label
            for k in range(len(node["tieu_de"])):
                yield "prose", node["tieu_de"], k, path + ("tieu_de", k)
            if node.get("nhan"):
                yield "prose", node, "nhan", path + ("nhan",)
        if level > 3:
            yield "too_deep", node, path
        content = node["noi_dung"]
        if isinstance(content, str):
            node["noi_dung"] = [content]
            yield "prose", node["noi_dung"], 0, path + ("noi_dung",)
        else:
            for k, block in enumerate(content):
                if isinstance(block, str):
                    yield "prose", content, k, path + ("noi_dung", k)
                else:
                    yield "table", block, path + ("noi_dung", k, "bang")
        for k, child in enumerate(node["muc"]):
            yield from section(child, path + ("muc", k), level + 1)

    for k, node in enumerate(bc["noi_dung"] or []):
        yield from section(node, ("bao_cao", "noi_dung", k), 1)
    for k, node in enumerate(bc["phu_luc"]):  # an appendix's items start at 1., then a)
        yield from section(node, ("bao_cao", "phu_luc", k), 1)


def read_all(items: list[tuple], positions: Positions, findings: list[Finding], *,
             previous: Figures | None = None) -> tuple[list[tuple[dict, Table]], Figures]:
    """Read every table among `items` (from `walk`) against its kind; the figures they hold, for citing."""
    kinds = load_kinds()
    found = []
    for item in items:
        if item[0] == "too_deep":
            findings.append(Finding(positions.at(item[2] + ("tieu_de",)),
                                    "mục này ở cấp thứ tư: báo cáo có tối đa ba cấp mục (I., 1., a)), phụ lục hai cấp (1., a))",
                                    "đưa nội dung lên mục cấp trên, hoặc viết thành đoạn văn bắt đầu bằng '- '."))
        if item[0] == "table":
            table = read_table(item[1]["bang"], item[2], kinds, positions, findings)
            if table is not None:
                found.append((item[1], table))
    return found, Figures([t for _, t in found], positions, findings, previous=previous)


def lay_out(bc: dict, positions: Positions, findings: list[Finding], *,
            previous: Figures | None = None) -> tuple[list[tuple[dict, Table]], Figures]:
    """Everything tables do to a data-outlined report, in place on `bc` (plain data): each table block's
    `bang` becomes its layout, each prose text (headings, sections, mo_dau, ket_thuc) gets the figures
    it cites. Mistakes go to `findings`; the tables read and their figures are returned."""
    items = list(walk(bc))
    found, figures = read_all(items, positions, findings, previous=previous)
    for block, table in found:
        block["bang"] = layout(table, figures)
    prose = [(item[1], item[2], item[3]) for item in items if item[0] == "prose"]
    prose += [(bc, key, ("bao_cao", key)) for key in ("mo_dau", "ket_thuc")]
    for container, key, path in prose:
        container[key] = cite(container[key], path, figures)
    return found, figures


# --- figures cited in prose --------------------------------------------------------------------

_PROSE_REF = re.compile(r"\[=([^\[\]\n]*)\]")


def cite(text: str | None, path: tuple, figures: Figures) -> str | None:
    """Replace `[=bang.dong.cot]` in prose by the figure, formatted the Vietnamese way
    (`[=…|so_dem]` pads small counts: 06)."""
    if not text or "[=" not in text:
        return text
    return figures.cite(text, path)
