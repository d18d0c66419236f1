"""Step 2 of the flow: validate what the loader read against the data-file format.

Validation is strict (a count must be a whole number, a date a date) and reports every mistake at
once, each at its line and column, in Vietnamese, with its fix. It covers the whole format in one
place: the models (pydantic), then what the models cannot know alone — each table's rows read
against its kind (templates/bang.yaml) and the depth of an outline. A model error stops here (its
values cannot be read further); a row or depth mistake travels in `Source.findings`, so the checks
still run and one run reports everything. The result, `Source`, is immutable; later steps compute
beside it and never change it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Finding, UserError
from ..read.loader import PathKey, Positions
from . import amounts, messages, table_kinds, table_rows
from .outline import KhoiBang, Muc, PhuLuc
from .table_rows import Table
from .walk import models

MAX_DEPTH = 3  # a report's outline: I., 1., a); an appendix: (the appendix), 1., a)


@dataclass(frozen=True)
class Source:
    """A data file, read and validated: its typed model and its tables' typed rows."""

    path: Path
    positions: Positions
    data: Any  # the root model (kinds.DuLieu)
    tables: tuple[Table, ...]  # the tables whose kind was found; a cell in error is left out of its row
    workbooks: frozenset[Path] = frozenset()  # the workbooks its tables take rows from (excel: tep)
    findings: tuple[Finding, ...] = ()  # mistakes in table rows and outline depth, located
    unread: frozenset[str] = frozenset()  # codes of tables that could not be read (their mistakes are reported)
    all_tables_read: bool = True  # every table block was read into a Table (its kind found, its sheet read)
    row_files: frozenset[Path] = frozenset()  # the other data files its tables take rows from (lay_tu: tep)


class PartlyRead(UserError):
    """The model refused the data file, but its tables could still be read: what needs only the
    tables (a data form for a file whose figures are still blank) can go on with them."""

    def __init__(self, findings: list[Finding], raw: Any, tables: tuple[Table, ...], complete: bool):
        super().__init__(findings)
        self.raw = raw  # the data as loaded: the sections' titles, the issuing body's name
        self.tables = tables
        self.complete = complete  # every table block of the file was read


def validate(path: Path, raw: Any, positions: Positions, root: type[BaseModel],
             derived: dict[str, str], *, previous: bool = False) -> Source:
    """The validated data file (UserError with every mistake the models find). `root` is the data
    file's model, `derived` the descriptions of values baocao computes (a key a clerk must not type);
    `previous`: the file names its previous period's file (carried-over columns are derived)."""
    grouped = amounts.grouped(positions, root)
    try:
        data = root.model_validate(raw)
    except ValidationError as exc:
        found = messages.findings(exc, positions, root, derived, frozenset(grouped)) + list(grouped.values())
        tables, complete = _raw_tables(raw, positions, messages.error_paths(exc), found, previous)
        raise PartlyRead(_in_file_order(found), raw, tables, complete) from None
    found: list[Finding] = []
    _outline_depth(data, positions, found)
    blocks = [(path_ + ("bang",), model.bang) for path_, model in models(data) if isinstance(model, KhoiBang)]
    workbooks = frozenset(Path(path).parent / block.excel.tep for _, block in blocks if block.excel is not None)
    row_files = frozenset(Path(path).parent / block.lay_tu.tep for _, block in blocks if block.lay_tu is not None)
    tables: list[Table] = []
    unread: frozenset[str] = frozenset()
    if blocks:
        tables, unread = table_rows.read_tables(blocks, table_kinds.load_kinds(), positions, found,
                                                previous=previous)
    complete = len(tables) == len(blocks)
    if grouped:  # the model read 15.320 as 15.32: nothing may be computed from it
        raise PartlyRead(_in_file_order(list(grouped.values())) + found, raw, tuple(tables), complete)
    return Source(Path(path), positions, data, tuple(tables), workbooks, tuple(found), unread, complete,
                  row_files=row_files)


def _in_file_order(found: list[Finding]) -> list[Finding]:
    return sorted(found, key=lambda f: (f.location.line or 0, f.location.column or 0))


def _raw_tables(raw: Any, positions: Positions, refused: list[PathKey], found: list[Finding],
                previous: bool) -> tuple[tuple[Table, ...], bool]:
    """When the model refused the file, still read every table block it did not refuse, so one run
    lists every mistake (every figure `ky-moi` left blank, in text and tables alike); also whether
    every table block of the file was read."""
    candidates = [(path + ("bang",), value["bang"]) for path, value in _raw_mappings(raw, ())
                  if set(value) == {"bang"} and isinstance(value["bang"], dict)]
    blocks = [(path, block) for path, block in ((path, _raw_block(bang)) for path, bang in candidates)
              if block is not None and not any(bad[:len(path) - 1] == path[:-1] or path[:len(bad)] == bad
                                               for bad in refused)]
    tables: list[Table] = []
    if blocks:
        try:
            tables, _ = table_rows.read_tables(blocks, table_kinds.load_kinds(), positions, found, previous=previous)
        except UserError:  # bang.yaml itself is broken: the model's findings come first
            return (), False
    return tuple(tables), len(tables) == len(candidates)


def _raw_block(bang: dict) -> SimpleNamespace | None:
    """A table block as loaded, shaped as the model's Bang; None when it has not that shape."""
    excel = bang.get("excel")
    if isinstance(excel, dict) and isinstance(excel.get("tep"), str) and isinstance(excel.get("trang"), str) \
            and isinstance(excel.get("vung"), (str, type(None))) and "dong" not in bang:
        excel = SimpleNamespace(tep=excel["tep"], trang=excel["trang"], vung=excel.get("vung"))
    elif isinstance(bang.get("dong"), list) and "excel" not in bang:
        excel = None
    else:
        return None
    if not isinstance(bang.get("kieu"), (str, dict)) or not isinstance(bang.get("ma"), (str, type(None))):
        return None
    return SimpleNamespace(kieu=bang["kieu"], ma=bang.get("ma"), dong=bang.get("dong"), excel=excel)


def _raw_mappings(value: Any, path: PathKey):
    if isinstance(value, dict):
        yield path, value
        for key, item in value.items():
            yield from _raw_mappings(item, path + (key,))
    elif isinstance(value, list):
        for k, item in enumerate(value):
            yield from _raw_mappings(item, path + (k,))


def _outline_depth(data: Any, positions: Positions, found: list[Finding]) -> None:
    """A section below the third level (an appendix counts as the first) has no number style."""
    def visit(section: Muc | PhuLuc, path: PathKey, level: int) -> None:
        if level > MAX_DEPTH:
            found.append(Finding(positions.at(path + ("tieu_de",)),
                                 "mục này ở cấp thứ tư: báo cáo có tối đa ba cấp mục (I., 1., a)), phụ lục hai cấp (1., a))",
                                 "đưa nội dung lên mục cấp trên, hoặc viết thành đoạn văn bắt đầu bằng '- '."))
        for k, child in enumerate(section.muc):
            visit(child, path + ("muc", k), level + 1)

    for path, model in models(data):
        for name in type(model).model_fields:
            value = getattr(model, name)
            if isinstance(value, list) and value and isinstance(value[0], (Muc, PhuLuc)) \
                    and not isinstance(model, (Muc, PhuLuc)):
                for k, section in enumerate(value):
                    visit(section, path + (name, k), 1)
