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
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from . import vi_format as vi
from .errors import Finding, Location, UserError
from .loader import Positions, load_yaml

_HERE = Path(__file__).resolve().parent
KINDS_FILE = next((p for p in (_HERE / "templates" / "bang.yaml", _HERE.parent / "templates" / "bang.yaml")
                   if p.is_file()), _HERE / "templates" / "bang.yaml")

VALUE_KINDS = ("so", "chu", "gia_tri", "ty_le")
STT_STYLES = ("cham", "so", "nhom")
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
ROW_KEYS = ("ma", "con", "trong_do", "dam", "nghieng", "cong_con", "ky_truoc")


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

    @property
    def leaves(self) -> list[Column]:
        return [leaf for col in self.tree for leaf in col.leaves()]

    @property
    def by_key(self) -> dict[str, Column]:
        return {leaf.key: leaf for leaf in self.leaves}

    @property
    def typed_keys(self) -> list[str]:
        """The codes a data row may fill: leaves that are neither derived nor the STT."""
        return [leaf.key for leaf in self.leaves if leaf.key != "_stt" and leaf.derive is None]


def load_kinds(path: Path = KINDS_FILE) -> dict[str, Kind]:
    return _load_kinds(Path(path), Path(path).stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _load_kinds(path: Path, _mtime: int) -> dict[str, Kind]:
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


def _kind(name: str, spec: Any, path: tuple, positions: Positions, findings: list[Finding]) -> Kind | None:
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
    where: dict[str, tuple] = {}  # column code -> its place in the file
    columns = _columns(spec.get("cot"), path + ("cot",), bad, where)
    if columns is None:
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
                bad(where.get(leaf.key, path), f"cột '{leaf.key}' tính từ cột '{ref}' không có",
                    Figures._close(ref, keys))
                return None
    return kind


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
        derive = None
        if "tong" in spec:
            derive = ("tong", tuple(spec["tong"]))
        elif "hieu" in spec:
            derive = ("hieu", *spec["hieu"])
        elif "ty_le" in spec:  # each side a column, or a list of columns to add up
            num, den = (tuple(side) if isinstance(side, list) else side for side in spec["ty_le"])
            derive = ("ty_le", num, den, int(spec.get("so_le", 2)))
        elif "so_voi" in spec:
            derive = ("so_voi", spec["so_voi"])
        where[key] = place
        columns.append(Column(spec["ten"], key, kind, float(spec.get("rong", 1)), derive,
                              suffix=str(spec.get("hau_to", ""))))
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

    def __init__(self, tables: list[Table], positions: Positions, findings: list[Finding]):
        self.tables = {t.code: t for t in tables if t.code}
        self.positions, self.findings = positions, findings
        self._memo: dict[tuple, Any] = {}
        self._busy: set[tuple] = set()

    # public: a reference as the data writes it
    def lookup(self, ref: str, where: Location) -> Any:
        if "+" in ref and "/" not in ref:  # a sum: =a + b
            values = [self.lookup(side.strip(), where) for side in ref.split("+")]
            return _sum(values) if all(_is_number(v) for v in values) else None
        if "/" in ref:  # a rate: =part / whole, in percent, computed from the two counts
            num, den = (self.lookup(side.strip(), where) for side in ref.split("/", 1))
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
        rows = {r.values.get("ma"): r for r in table.walk() if r.values.get("ma")}
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
            return _derived(col, lambda k: self.cell(table, row, k), row.values.get("ky_truoc") or {})
        if row.values.get("cong_con") and col.kind in ("so", "gia_tri") and row.children:
            return _sum(self.cell(table, child, key) for child in row.children)
        value = row.values.get(key)
        if isinstance(value, str) and value.startswith("=") and col.kind != "chu":
            return self.lookup(value[1:].strip(), self.positions.at(row.path + (key,)))
        return value

    def total(self, table: Table, key: str) -> Any:
        memo = (id(table), key)
        if memo not in self._memo:
            col = table.kind.by_key[key]
            if col.derive is not None and col.derive[0] in ("ty_le", "hieu", "tong"):
                value = _derived(col, lambda k: self.total(table, k), {})
            elif col.kind == "so":
                value = _sum(self.cell(table, row, key) for row in table.rows)
            else:
                value = None
            self._memo[memo] = value
        return self._memo[memo]

    def _bad(self, where: Location, message: str, hint: str | None = None) -> None:
        self.findings.append(Finding(where, message, hint))

    @staticmethod
    def _close(word: str, known) -> str | None:
        close = difflib.get_close_matches(word, [k for k in known if k and k != "_stt"], n=1, cutoff=0.6)
        return f"có phải ý bạn là '{close[0]}'?" if close else None


def _sum(values) -> Any:
    numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    return sum(numbers) if numbers else None


def _derived(col: Column, get, previous: dict) -> Any:
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
        now, before = get(args[0]), previous.get(args[0])
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


def _rows(raw_rows: list, path: tuple, kind: Kind, level: int, positions: Positions,
          findings: list[Finding], *, parts: bool = False) -> list[Row]:
    rows = []
    typed = kind.typed_keys
    for k, raw in enumerate(raw_rows):
        where = path + (k,)
        if not isinstance(raw, dict):
            findings.append(Finding(positions.at(where), "mỗi dòng của bảng cần là một nhóm khóa (mã cột: giá trị)",
                                    "các mã cột của kiểu bảng này: " + ", ".join(typed) + "."))
            continue
        values = {}
        for key, value in raw.items():
            if key in ("con", "trong_do"):
                continue
            if key in ROW_KEYS:
                values[key] = value
                continue
            col = kind.by_key.get(key)
            if col is None or key == "_stt":
                close = Figures._close(str(key), typed)
                if not _CODE.match(str(key)):  # "{linh_vuc: Quy hoạch, kiến trúc}": the comma split the text
                    close = ("trong {…} dấu phẩy ngăn các ô: chữ có dấu phẩy phải đặt trong dấu nháy, "
                             "ví dụ linh_vuc: \"Quy hoạch, kiến trúc\".")
                findings.append(Finding(positions.at(where + (key,), key=True),
                                        f"bảng kiểu '{kind.name}' không có cột '{key}'",
                                        close or "các mã cột của kiểu bảng này: " + ", ".join(typed) + "."))
                continue
            if col.derive is not None:
                findings.append(Finding(positions.at(where + (key,), key=True),
                                        f"cột '{key}' do baocao tự tính (tổng, hiệu hoặc tỷ lệ), không gõ vào",
                                        "xóa dòng này; baocao tính từ các cột thành phần."))
                continue
            problem = _value_problem(col, value)
            if problem:
                findings.append(Finding(positions.at(where + (key,)), f"cột '{key}': {problem}",
                                        "số đếm viết liền không dấu chấm (ví dụ 1297); ô trống thì bỏ khóa."))
                continue
            values[key] = value
        row = Row(values, where, level, is_part=parts)
        row.children = _rows(raw.get("con") or [], where + ("con",), kind, level + 1, positions, findings)
        row.parts = _rows(raw.get("trong_do") or [], where + ("trong_do",), kind, level + 1, positions, findings,
                          parts=True)
        if row.parts:
            row.parts[0].first_part = True
        rows.append(row)
    return rows


def _value_problem(col: Column, value: Any) -> str | None:
    if value is None:
        return None
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
            value = figures.cell(table, row, leaf.key)
            text = show(value) + (leaf.suffix if _is_number(value) or isinstance(value, Rate) else "")
            cells.append({"chu": text, "canh": "trai" if leaf.kind == "chu" else "giua", "cot_gop": 1})
        body.append({"o": cells, "dam": bold, "nghieng": italic})
    if kind.total_label:
        body.append(_total_row(table, figures, leaves))
    return {"kieu": kind.name, "rong": [leaf.width for leaf in leaves], "so_hang_tieu_de": depth,
            "tieu_de": header, "dong": body}


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
        cells.append({"chu": show(figures.total(table, leaf.key)), "canh": "giua", "cot_gop": 1})
    return {"o": cells, "dam": True, "nghieng": False}


# --- all the tables of a report ------------------------------------------------------------------

def walk(bc: dict) -> Iterator[tuple]:
    """Every block of a data-outlined report (`bao_cao` as plain data), in reading order:
    ("prose", container, key, path) for each text and ("table", block, path) for each table.
    A section's `noi_dung` written as one text becomes a list of one block."""
    def section(node: dict, path: tuple) -> Iterator[tuple]:
        if isinstance(node.get("tieu_de"), str):
            yield "prose", node, "tieu_de", path + ("tieu_de",)
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
            yield from section(child, path + ("muc", k))

    for k, node in enumerate(bc["noi_dung"] or []):
        yield from section(node, ("bao_cao", "noi_dung", k))
    for k, node in enumerate(bc["phu_luc"]):
        yield from section(node, ("bao_cao", "phu_luc", k))


def read_all(items: list[tuple], positions: Positions, findings: list[Finding]) -> tuple[list[tuple[dict, Table]], Figures]:
    """Read every table among `items` (from `walk`) against its kind; the figures they hold, for citing."""
    kinds = load_kinds()
    found = []
    for item in items:
        if item[0] == "table":
            table = read_table(item[1]["bang"], item[2], kinds, positions, findings)
            if table is not None:
                found.append((item[1], table))
    return found, Figures([t for _, t in found], positions, findings)


# --- figures cited in prose --------------------------------------------------------------------

_PROSE_REF = re.compile(r"\[=([a-z0-9_. +/]+?)(?:\|(so_dem))?\]")


def cite(text: str | None, path: tuple, figures: Figures) -> str | None:
    """Replace `[=bang.dong.cot]` in prose by the figure, formatted the Vietnamese way
    (`[=…|so_dem]` pads small counts: 06)."""
    if not text or "[=" not in text:
        return text

    def value(m: re.Match) -> str:
        line = text.count("\n", 0, m.start())
        got = figures.lookup(m.group(1), figures.positions.inside(path, line))
        if m.group(2) == "so_dem" and isinstance(got, int):
            return vi.so_dem(got)
        return show(got)

    return _PROSE_REF.sub(value, text)
