"""The units' figures combined: who reported, and the sums of the tables they share.

Units are matched to the list (listing.py) and taken in the list's order, whatever order their files
came in, so the same files always give the same combination. A unit is combined when it has exactly
one file, of the list's period, without error; the others are listed with why (chưa báo cáo, báo
cáo kỳ khác, có lỗi, hai tệp). Tables are grouped by their code and kind: a unit's table of another
kind under the same code, or a second table of one kind without a code, is left out with a warning
at its line. In a group, rows are matched as derive/matching.py matches two periods' rows — by row
code, else by the words of the first text column (case and spacing aside), else by position for rows
that have neither — at every level (sub-rows under their row, "trong đó" parts under theirs).

Counts are summed; nothing computed is: the combined data file leaves totals, rates, differences,
Tăng/giảm, STT and TỔNG CỘNG to be computed again from the sums. Tăng/giảm compares with the sum of
the units' own previous-period figures; when a unit has none for a table, the combined table has
none either (a warning says which units), rather than a change computed from part of the units.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..derive.matching import words
from ..errors import Finding, Location
from ..read.loader import Positions, load_yaml
from ..resources import TABLE_KINDS_FILE
from ..text import vi_format as vi
from ..text.suggest import did_you_mean
from ..validate.table_kinds import inline_kind
from .listing import Expected, Listing, code_of
from .unit import UnitFigures, UnitRow, UnitTable

STATES = {  # a unit's state, as the status table prints it
    "da_tong_hop": "Đã tổng hợp",
    "chua_bao_cao": "Chưa báo cáo",
    "ky_khac": "Báo cáo kỳ khác, chưa tổng hợp",
    "co_loi": "Có lỗi, chưa tổng hợp",
    "ngoai_danh_sach": "Không có trong danh sách, chưa tổng hợp",
}
UNIT_COLUMN = "don_vi"  # the breakdown's first column, and the status table's code
OWN_CODES = ("don_vi", "tinh_hinh")  # the tables every combination has


@dataclass
class UnitStatus:
    code: str
    name: str
    level: str | None
    state: str  # a key of STATES
    detail: str = ""  # "quý II/2026", "2 lỗi", "2 tệp"
    paths: tuple[Path, ...] = ()
    figures: UnitFigures | None = None  # a combined unit's
    left_out: list[str] = field(default_factory=list)  # a combined unit's tables not summed (a warning says why)


@dataclass
class SumRow:
    code: str | None
    label: str | None
    position: int
    values: dict[str, int] = field(default_factory=dict)
    previous: dict[str, Any] = field(default_factory=dict)
    bold: bool = False
    italic: bool = False
    children: list[SumRow] = field(default_factory=list)
    parts: list[SumRow] = field(default_factory=list)
    codes: set[str] = field(default_factory=set)  # every code it was matched by
    mixed: bool = False  # a unit gave this row sub-rows and another gave none
    unsplit: bool = False  # generated: the figures of the units that did not split the row above

    def items(self) -> list[SumRow]:
        return [item for child in self.children for item in child.items()] if self.children else [self]


@dataclass
class Breakdown:
    spec: dict  # the kind of the per-unit table, declared in the combination
    rows: list[tuple[str, str, dict[str, int], dict[str, Any] | None]]  # code, name, totals, previous totals


@dataclass
class CombinedTable:
    code: str
    title: str
    spec: Any  # the units' kind: a name in bang.yaml, or the mapping they declare
    label: str | None  # the column that names a row
    rows: list[SumRow]
    previous: bool  # whether the rows carry previous-period figures (Tăng/giảm)
    units: list[UnitStatus]
    breakdown: Breakdown | None = None

    @property
    def breakdown_code(self) -> str:
        return f"{self.code}_{UNIT_COLUMN}"


@dataclass
class Combination:
    listing: Listing
    statuses: list[UnitStatus]  # the expected units in the list's order, then files of no listed unit
    tables: list[CombinedTable]
    notes: list[Finding]  # warnings of the combination itself; errors of files it cannot place

    @property
    def combined(self) -> list[UnitStatus]:
        return [s for s in self.statuses if s.state == "da_tong_hop"]

    def count(self, state: str) -> int:
        return sum(1 for s in self.statuses if s.state == state)


def combine(listing: Listing, units: Iterable[UnitFigures]) -> Combination:
    notes: list[Finding] = []
    statuses = _statuses(listing, list(units), notes)
    combined = [s for s in statuses if s.state == "da_tong_hop"]
    tables = _tables(listing, combined, notes)
    for status in combined:
        if status.left_out:
            status.detail = "chưa tổng hợp bảng " + ", ".join(f"'{code}'" for code in status.left_out)
    return Combination(listing, statuses, tables, notes)


# --- who reported --------------------------------------------------------------------------------

def _statuses(listing: Listing, units: list[UnitFigures], notes: list[Finding]) -> list[UnitStatus]:
    by_unit: dict[int, list[UnitFigures]] = {}
    outside: list[UnitStatus] = []
    for unit in units:
        expected = listing.find(unit.name, unit.area)
        if expected is not None:
            by_unit.setdefault(expected.index, []).append(unit)
            continue
        name = unit.area[:1].upper() + unit.area[1:] if unit.area else (unit.name or unit.path.stem)
        if unit.name is not None and not unit.errors:
            names = [e.name for e in listing.units]
            notes.append(Finding(unit.at, f"đơn vị «{unit.name}» không có trong danh sách {listing.path.name}",
                                 did_you_mean(unit.area or unit.name, names) or "ghi tên đơn vị (co_quan.ten) đúng như "
                                 f"trong danh sách, hoặc thêm đơn vị vào danh sách {listing.path.name}."))
        state, detail = ("co_loi", f"{len(unit.errors)} lỗi") if unit.errors else ("ngoai_danh_sach", "")
        outside.append(UnitStatus(code_of(name), name, unit.level, state, detail, (unit.path,)))
    return [_status(e, by_unit.get(e.index, []), listing, notes) for e in listing.units] + _unique(outside, listing)


def _status(expected: Expected, files: list[UnitFigures], listing: Listing, notes: list[Finding]) -> UnitStatus:
    """One expected unit's state. Its files of another period are passed over when it has one of
    this period (last period's file kept beside it for ky_truoc); a file whose period cannot be read
    counts as this period's."""
    period = listing.data.ky.as_period()
    this = [unit for unit in files if unit.period is None or unit.period == period]
    status = UnitStatus(expected.code, expected.name, files[0].level if files else None, "chua_bao_cao",
                        paths=tuple(unit.path for unit in (this or files)))
    if len(this) > 1:
        for unit in this[1:]:
            notes.append(Finding(unit.at, f"hai tệp của «{expected.name}» cùng {vi.ten_ky(period)} (tệp kia: "
                                          f"{this[0].path})",
                                 "mỗi đơn vị một tệp cho mỗi kỳ: bỏ tệp cũ hoặc tệp gửi nhầm khỏi lệnh."))
        status.state, status.detail = "co_loi", f"{len(this)} tệp"
    elif this and this[0].errors:
        status.state, status.detail = "co_loi", f"{len(this[0].errors)} lỗi"
    elif this:
        status.state, status.figures = "da_tong_hop", this[0]
    elif files:
        status.state = "ky_khac"
        status.detail = ", ".join(vi.ten_ky(unit.period) for unit in files)
    return status


def _unique(outside: list[UnitStatus], listing: Listing) -> list[UnitStatus]:
    """Files of no listed unit, each with a code no other row of the status table has."""
    taken = {e.code for e in listing.units}
    for status in sorted(outside, key=lambda s: str(s.paths)):
        code, k = status.code, 2
        while code in taken:
            code, k = f"{status.code}_{k}", k + 1
        status.code = code
        taken.add(code)
    return sorted(outside, key=lambda s: str(s.paths))


# --- the tables they share -----------------------------------------------------------------------

def _tables(listing: Listing, combined: list[UnitStatus], notes: list[Finding]) -> list[CombinedTable]:
    wanted = {t.ma: t.ten for t in listing.data.bang}
    groups: dict[tuple, list[tuple[UnitStatus, UnitTable]]] = {}
    kinds: dict[str | None, tuple] = {}  # a table code → the group key that holds it
    for status in combined:
        for table in status.figures.tables:
            if wanted and table.code not in wanted:
                continue
            key = (table.code, _spec_key(table.spec))
            first = kinds.setdefault(table.code, key)
            if first != key:
                unit, _ = groups[first][0]
                notes.append(_note(table.at, f"bảng '{table.code}' của «{status.name}» khác kiểu với bảng cùng mã của "
                                             f"«{unit.name}»: không tổng hợp bảng này của đơn vị",
                                   "các đơn vị ghi cùng các cột (mã cột, loại cột, cách tính) cho cùng một mã bảng; "
                                   "tên cột, độ rộng khác nhau không sao."))
                status.left_out.append(table.code or table.kind or "?")
                continue
            if any(other is status for other, _ in groups.get(key, [])):
                notes.append(_note(table.at, f"«{status.name}» có hai bảng kiểu {table.kind or table.code} không có mã: "
                                             "chỉ tổng hợp bảng đầu", "đặt mã (ma) riêng cho mỗi bảng cần tổng hợp."))
                status.left_out.append(table.code or table.kind or "?")
                continue
            groups.setdefault(key, []).append((status, table))
    for code in wanted:
        if code not in kinds:
            notes.append(_note(listing.tables_at[code], f"không đơn vị nào đã tổng hợp có bảng mã '{code}'",
                               "kiểm tra mã bảng (ma) trong tệp số liệu của các đơn vị."))
    order = list(wanted)
    keys = sorted(groups, key=lambda key: order.index(key[0]) if key[0] in wanted else len(order))
    taken: set[str] = set(OWN_CODES)
    made = []
    for key in keys:
        table = _combined(key, groups[key], wanted, taken, notes, listing)
        if table is not None:
            made.append(table)
    return made


def _combined(key: tuple, members: list[tuple[UnitStatus, UnitTable]], wanted: dict[str, str], taken: set[str],
              notes: list[Finding], listing: Listing) -> CombinedTable | None:
    code_written, _ = key
    first = members[0][1]
    code = code_written or (first.kind or None)
    if code is None:
        notes.append(_note(first.at, "bảng khai báo tại chỗ không có mã (ma): không tổng hợp được",
                           "đặt cùng một mã bảng ở mọi đơn vị."))
        for status, table in members:
            status.left_out.append(table.kind or "?")
        return None
    base, k = code, 2
    while code in taken or f"{code}_{UNIT_COLUMN}" in taken:
        code, k = f"{base}_{k}", k + 1
    taken.update((code, f"{code}_{UNIT_COLUMN}"))
    rows: list[SumRow] = []
    codes: set[str] = set()
    for _, table in members:
        _merge(rows, table.rows, codes)
    lacking = [status.name for status, table in members if first.compared and not table.has_previous]
    previous = bool(first.compared) and not lacking
    if lacking and len(lacking) < len(members):
        notes.append(_note(first.at, f"bảng '{code}': {', '.join(lacking)} chưa có số liệu kỳ trước (ky_truoc hay "
                                     "so_lieu_ky_truoc), nên cột Tăng/giảm của bảng tổng hợp để trống",
                           "đơn vị ghi ky_truoc (hoặc so_lieu_ky_truoc ở mỗi dòng) rồi chạy lại lệnh tổng hợp."))
    for row in _walk(rows):
        if row.mixed:
            notes.append(_note(first.at, f"bảng '{code}', dòng «{row.label or row.code}»: đơn vị có dòng con, đơn vị "
                                         f"khác không; số liệu của đơn vị không chia được ghi ở dòng con «{UNSPLIT}»",
                               "các đơn vị chia dòng này thành cùng các dòng con (con)."))
    title = wanted.get(code_written) or (first.caption if not first.caption.startswith("Bảng kiểu") else f"Bảng {code}")
    table = CombinedTable(code, title, first.spec, first.label, rows, previous, [status for status, _ in members])
    table.breakdown = _breakdown(table, members, notes, listing)
    return table


def _note(where: Location, message: str, hint: str) -> Finding:
    return Finding(where, message, hint, severity="cảnh báo")


SUMMED = ("ma", "kieu", "tong", "hieu", "ty_le", "so_voi", "ky_truoc", "cot")  # what a column's figures depend on


def _spec_key(spec: Any) -> Any:
    """A kind as a key: its name, or what the mapping declared in the data sums — its columns' codes,
    types and derivations, in order. Labels, widths, suffixes, digits, the STT and TỔNG CỘNG labels
    only change how a table prints (the combined table prints the first unit's), so two units
    differing there are summed together instead of one unit's table being silently dropped."""
    if isinstance(spec, dict):
        return _columns_key(spec.get("cot"))
    return spec


def _columns_key(columns: Any) -> Any:
    if not isinstance(columns, list):
        return _frozen(columns)
    return tuple(tuple((key, _columns_key(column[key]) if key == "cot" else _frozen(column.get(key, "so")))
                       for key in SUMMED if key in column or key == "kieu")
                 if isinstance(column, dict) else _frozen(column) for column in columns)


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple((k, _frozen(v)) for k, v in value.items())
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def _merge(into: list[SumRow], rows: tuple[UnitRow, ...], codes: set[str]) -> None:
    """Add one unit's sibling rows into the combined siblings `into`; `codes`: row codes the
    combined table already uses (unique across the table, as [=bang.ma_dong.cot] needs)."""
    for position, row in enumerate(rows):
        target = _find(into, row, position)
        if target is None:
            target = SumRow(None, row.label, position, bold=row.bold, italic=row.italic)
            into.append(target)
        elif bool(target.children) != bool(row.children):
            target.mixed = True
            if row.children:  # the units so far did not split it: their figures become one sub-row
                _unsplit(target).values.update(target.values)
                _unsplit(target).previous.update(target.previous)
        if target.mixed and not row.children:
            _add(_unsplit(target), row)
        if row.code and target.code is None and row.code not in codes:
            target.code = row.code
            codes.add(row.code)
        if row.code:
            target.codes.add(row.code)
        _add(target, row)
        _merge(target.children, row.children, codes)
        _merge(target.parts, row.parts, codes)
        target.children.sort(key=lambda child: child.unsplit)  # the generated sub-row last


UNSPLIT = "Chưa chia chi tiết"


def _unsplit(target: SumRow) -> SumRow:
    """The sub-row holding what the units that did not split `target` gave it: sub-rows that add up
    to their row keep TỔNG CỘNG (which adds the sub-rows) the sum of every unit's figures."""
    found = next((child for child in target.children if child.unsplit), None)
    if found is None:
        found = SumRow(None, UNSPLIT, len(target.children), italic=True, unsplit=True)
        target.children.append(found)
    return found


def _add(target: SumRow, row: UnitRow) -> None:
    for key, value in row.values.items():
        target.values[key] = target.values.get(key, 0) + value
    for key, value in (row.previous or {}).items():
        target.previous[key] = target.previous.get(key, 0) + value


def _find(into: list[SumRow], row: UnitRow, position: int) -> SumRow | None:
    if row.code:
        found = next((t for t in into if row.code in t.codes), None)
        if found is not None:
            return found
    if row.label is not None:
        wanted = words(row.label)
        return next((t for t in into if t.label is not None and words(t.label) == wanted), None)
    if not row.code:
        return next((t for t in into if t.label is None and not t.codes and t.position == position), None)
    return None


def _walk(rows: list[SumRow]):
    for row in rows:
        yield row
        yield from _walk(row.parts)
        yield from _walk(row.children)


# --- a row per unit --------------------------------------------------------------------------------

def _breakdown(table: CombinedTable, members: list[tuple[UnitStatus, UnitTable]], notes: list[Finding],
               listing: Listing) -> Breakdown | None:
    """The per-unit table: the units' kind without its text columns, a unit's name first; each
    unit's row holds the sums of its own table (what its TỔNG CỘNG shows), a total row below."""
    spec = table.spec if isinstance(table.spec, dict) else _shared_spec(table.spec)
    columns = _count_columns(spec.get("cot") if isinstance(spec, dict) else None)
    if not columns:
        return None
    kind = {"stt": "so", "dong_tong": (spec.get("dong_tong") or "Tổng cộng"),
            "cot": [{"ma": UNIT_COLUMN, "ten": "Đơn vị", "kieu": "chu", "rong": 3}] + columns}
    found: list[Finding] = []
    if inline_kind(table.breakdown_code, kind, (), Positions(listing.path), found) is None:
        notes.append(_note(members[0][1].at, f"bảng '{table.code}': không lập được bảng theo từng đơn vị (một cột tự "
                                             "tính dùng cột chữ hay cột giá trị)", "tổng hợp bảng này không kèm bảng theo "
                                             "từng đơn vị; xem kiểu bảng trong templates/bang.yaml."))
        return None
    first = members[0][1]
    rows = []
    for status, unit_table in members:
        items = unit_table.items()
        totals = {key: sum(item.values[key] for item in items if key in item.values)
                  for key in first.counts if any(key in item.values for item in items)}
        before = ({key: sum(item.previous[key] for item in items) for key in first.compared}
                  if table.previous else None)
        rows.append((status.code, status.name, totals, before))
    return Breakdown(kind, rows)


def _shared_spec(name: str) -> dict | None:
    raw, _ = load_yaml(TABLE_KINDS_FILE)
    spec = raw.get(name) if isinstance(raw, dict) else None
    return spec if isinstance(spec, dict) else None


def _count_columns(columns: Any) -> list[dict]:
    """A kind's columns without those that say nothing summed per unit: text, free values, typed rates;
    a column carried over from last period (`ky_truoc`) is a plain count here: each unit's carried
    figure is summed, and the combination has no previous period's file to carry it from."""
    kept = []
    for column in columns if isinstance(columns, list) else []:
        if not isinstance(column, dict):
            continue
        if "cot" in column:
            children = _count_columns(column["cot"])
            if children:
                kept.append({**column, "cot": children})
        elif column.get("kieu", "so") == "so":
            kept.append({key: value for key, value in column.items() if key != "ky_truoc"})
    return kept
