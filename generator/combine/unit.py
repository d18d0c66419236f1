"""One unit's data file, prepared through the one door (plan.prepare), its figures taken out.

What comes out is plain data (`UnitFigures`): the unit's name and period, every finding of its plan
(located in its own file), and, when it has no error, every table of its report with each row's
counts as laid out (links `=bang.dong.cot` and `=kt.…` followed, group rows summed) and the previous
period's figures its Tăng/giảm columns compare with. This is what a worker sends back: small,
picklable, with nothing of the plan kept, so combining thousands of units holds only their figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..derive import matching
from ..derive.figures import Figures
from ..derive.issuer import issuer
from ..derive.values import is_number
from ..errors import Finding, Location, UserError
from ..plan import Plan, prepare
from ..read.loader import load_yaml
from ..text import vi_format as vi
from ..validate.table_rows import Row, Table
from ..validate.walk import models


@dataclass(frozen=True)
class UnitRow:
    code: str | None
    label: str | None  # the text of the kind's first text column (Lĩnh vực…)
    values: dict[str, int]  # counts by column code, as laid out
    previous: dict[str, Any] | None  # the previous period's figures of the compared columns (so_voi)
    bold: bool = False
    italic: bool = False
    children: tuple[UnitRow, ...] = ()
    parts: tuple[UnitRow, ...] = ()  # "trong đó"

    def items(self) -> list[UnitRow]:
        """The rows under this one (itself included) that carry figures of their own, as TỔNG CỘNG adds them."""
        if self.children:
            return [item for child in self.children for item in child.items()]
        return [self]


@dataclass(frozen=True)
class UnitTable:
    code: str | None
    kind: str  # its kind's name in bang.yaml; "" for a kind the data file declares
    spec: Any  # the kind as written: its name, or the mapping declared in the data file
    caption: str  # the title of the section it stands in
    label: str | None  # the code of its first text column, which names a row (linh_vuc)
    counts: tuple[str, ...]  # the typed count columns (summed)
    compared: tuple[str, ...]  # the columns its Tăng/giảm columns compare (previous figures)
    rows: tuple[UnitRow, ...]
    at: Location  # its `kieu`, to say where a table that cannot be combined is

    def items(self) -> list[UnitRow]:
        return [item for row in self.rows for item in row.items()]

    @property
    def has_previous(self) -> bool:
        """Whether every row has the previous figures its Tăng/giảm compares with."""
        def complete(rows: tuple[UnitRow, ...]) -> bool:
            return all(row.previous is not None and complete(row.children) and complete(row.parts) for row in rows)
        return bool(self.compared) and complete(self.rows)


@dataclass(frozen=True)
class UnitFigures:
    path: Path
    name: str | None  # co_quan.ten as written (None when the file cannot say)
    area: str | None  # the area it governs: phường Cẩm Thành
    level: str | None  # co_quan.cap
    period: vi.Ky | None
    at: Location  # its co_quan.ten (or the file)
    findings: tuple[Finding, ...]  # every finding of its plan, in its own file
    tables: tuple[UnitTable, ...] = ()

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "lỗi"]


def read_unit(path: Path) -> UnitFigures:
    """One unit's figures (a pool worker's task): never raises for the unit's own mistakes."""
    path = Path(path)
    try:
        plan = prepare(path)
    except UserError as exc:
        return UnitFigures(path, *_name_of_unreadable(path), None, Location(path, 1, 1), tuple(exc.findings))
    data = plan.source.data
    cq = issuer(data.co_quan)
    report = data.bao_cao
    findings = tuple(plan.findings)
    at = plan.source.positions.at(("co_quan", "ten"))
    if report is None:
        findings += (Finding(Location(path, 1, 1), "tệp số liệu không có báo cáo (bao_cao) để tổng hợp",
                             "tổng hợp các tệp báo cáo định kỳ của đơn vị (có khóa bao_cao)."),)
    figures = (tuple(_tables(plan)) if report is not None and not plan.errors else ())
    return UnitFigures(path, data.co_quan.ten, cq["dia_ban"], data.co_quan.cap,
                       report.ky.as_period() if report is not None else None, at, findings, figures)


def _name_of_unreadable(path: Path) -> tuple[str | None, str | None, str | None]:
    """co_quan.ten and .cap as written in a file that does not validate, when it says them."""
    try:
        raw, _ = load_yaml(path)
    except UserError:
        return None, None, None
    co_quan = raw.get("co_quan") if isinstance(raw, dict) else None
    if not isinstance(co_quan, dict) or not isinstance(co_quan.get("ten"), str):
        return None, None, None
    level = co_quan.get("cap") if isinstance(co_quan.get("cap"), str) else None
    return co_quan["ten"], None, level


def _tables(plan: Plan) -> list[UnitTable]:
    source = plan.source
    blocks = dict(models(source.data))
    captions = plan.captions()
    found = []
    for table in source.tables:
        written = getattr(blocks.get(table.path), "kieu", None)  # the Bang: its kind as written
        counts = tuple(leaf.key for leaf in table.kind.leaves  # typed, or carried over from last period: summed
                       if leaf.kind == "so" and (leaf.derive is None or leaf.derive[0] == "ky_truoc"))
        if written is None or not counts:  # a kind taken from another file, or nothing to add up
            continue
        compared = tuple(dict.fromkeys(leaf.derive[1] for leaf in table.kind.leaves
                                       if leaf.derive and leaf.derive[0] == "so_voi"))
        label = matching.label_column(table)
        rows = tuple(_row(plan.laid.figures, table, row, counts, compared, label) for row in table.rows)
        found.append(UnitTable(table.code, written if isinstance(written, str) else "", written, captions[table.path],
                               label, counts, compared, rows, source.positions.at(table.path + ("kieu",))))
    return found


def _row(figures: Figures, table: Table, row: Row, counts: tuple[str, ...], compared: tuple[str, ...],
         label: str | None) -> UnitRow:
    values = {key: value for key in counts if is_number(value := figures.cell(table, row, key))}
    before = {key: figures.previous_of(table, row, key) for key in compared}
    return UnitRow(row.code, str(row.values[label]) if label and row.values.get(label) is not None else None,
                   values, before if before and all(is_number(v) for v in before.values()) else None,
                   bool(row.values.get("dam")), bool(row.values.get("nghieng")),
                   tuple(_row(figures, table, child, counts, compared, label) for child in row.children),
                   tuple(_row(figures, table, part, counts, compared, label) for part in row.parts))
