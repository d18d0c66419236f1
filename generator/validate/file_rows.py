"""A table's rows taken from a table of another data file (`lay_tu: {tep, bang}` in a table block).

The superior's report takes the tables `baocao tong-hop` wrote (the combination of its units) this
way, and cites them as its own: `[=ho_so.tong.tiep_nhan]`. The other file is read as YAML only
(not prepared: it is data, and the rows are validated here against the kind, as typed rows are),
its table found by its code, and every value keeps its place in that file, so a mistake there is
named at `tong-hop.yaml:41:7`, not at the line that points to it. The rows are taken as written
there: a combination holds plain figures, and a cell linking `=bang.dong.cot` would read this
file's tables. A table that takes its own rows from elsewhere (`excel`, `lay_tu`) is refused, so
that one table is never read through a chain of files.
"""

from __future__ import annotations

from typing import Any, Iterator

from ..errors import Finding, Location, UserError
from ..read.files import is_file
from ..read.loader import PathKey, Positions, load_yaml
from ..text.suggest import did_you_mean


def read_rows(source: Any, path: PathKey, positions: Positions,
              findings: list[Finding]) -> tuple[Any, list] | None:
    """(the other table's `kieu` as written there, its `dong`) for the table block at `path` (its
    `bang`), `source` being its validated NguonTep; each value's place in the other file recorded in
    `positions`. None, with findings, when the other file cannot give them."""
    def here(key: str) -> Location:
        return positions.at(path + ("lay_tu", key))

    file = positions.file.parent / source.tep
    if not is_file(file):
        findings.append(Finding(here("tep"), f"không tìm thấy tệp số liệu '{source.tep}' (tìm ở {file})",
                                "ghi đường dẫn tính từ thư mục chứa tệp số liệu này; tệp tổng hợp do lệnh "
                                "'baocao tong-hop' ghi (xem README)."))
        return None
    if file.resolve() == positions.file.resolve():
        findings.append(Finding(here("tep"), "lay_tu trỏ tới chính tệp số liệu này",
                                "trích bảng của chính tệp này bằng [=bang.dong.cot]; lay_tu lấy bảng của tệp khác."))
        return None
    try:
        raw, theirs = load_yaml(file)
    except UserError as exc:  # its own mistake, at its own line
        findings.extend(exc.findings)
        return None
    blocks: dict[str, tuple[PathKey, dict]] = {}
    for where, block in _table_blocks(raw):
        if isinstance(block.get("ma"), str):
            blocks.setdefault(block["ma"], (where, block))
    if source.bang not in blocks:
        codes = sorted(blocks)
        findings.append(Finding(here("bang"), f"tệp {source.tep} không có bảng mã '{source.bang}'"
                                + (f" (các bảng có: {', '.join(codes)})" if codes else " (tệp không có bảng nào có mã)"),
                                did_you_mean(source.bang, codes) or "ghi đúng mã (ma) của bảng trong tệp đó."))
        return None
    where, block = blocks[source.bang]
    rows = block.get("dong")
    if "excel" in block or "lay_tu" in block or not isinstance(rows, list) or not rows:
        findings.append(Finding(theirs.at(where + ("ma",)), f"bảng '{source.bang}' không ghi các dòng ngay trong tệp "
                                "(dong) nên không lấy được sang tệp khác",
                                "trỏ thẳng tới nơi giữ các dòng (excel: … hay lay_tu: … của bảng đó)."))
        return None
    for key in ("dong", "kieu"):  # each value located in the other file
        _locate(theirs, where + (key,), positions, path + (key,))
    return block.get("kieu"), rows


def _locate(theirs: Positions, inside: PathKey, positions: Positions, at: PathKey) -> None:
    depth = len(inside)
    for place, (line, column) in theirs.marks.items():
        if place[:depth] == inside:
            positions.elsewhere[at + place[depth:]] = Location(theirs.file, line, column)
            if place in theirs.raw:
                positions.raw[at + place[depth:]] = theirs.raw[place]


def _table_blocks(value: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, dict]]:
    """Every table block of a raw data file: (the path of its `bang`, the `bang` mapping)."""
    if isinstance(value, dict):
        if isinstance(value.get("bang"), dict) and set(value) == {"bang"}:
            yield path + ("bang",), value["bang"]
            return
        for key, item in value.items():
            yield from _table_blocks(item, path + (key,))
    elif isinstance(value, list):
        for k, item in enumerate(value):
            yield from _table_blocks(item, path + (k,))
