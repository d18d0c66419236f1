"""The combination written as a data file: what the superior's report takes its tables from.

It is an ordinary data file (the format every data file has), so that
- the superior's report takes a table with `lay_tu: {tep: tong-hop.yaml, bang: ho_so}` and cites it
  as its own (`[=ho_so.tong.tiep_nhan]`, `[=tinh_hinh.da_tong_hop]`);
- `baocao build tong-hop.yaml` prints it as a document of the combining body: the units' state, then
  per combined table one appendix with the sums and one with a row per unit;
- `baocao diff` between two combinations names the unit whose figures changed (its row of the
  per-unit table) and the unit that came in (its row of the state table).

Only typed figures are written: counts, and the previous period's figures (`so_lieu_ky_truoc`) that
Tăng/giảm compares with. Every computed cell is computed again when the file is laid out. The text
is deterministic (the same units give the same bytes) and states where it came from, in comments.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from ..text import vi_format as vi
from .sums import STATES, UNIT_COLUMN, Combination, CombinedTable, SumRow

STATUS_KIND = {"stt": "so", "cot": [
    {"ma": UNIT_COLUMN, "ten": "Đơn vị", "kieu": "chu", "rong": 3},
    {"ma": "cap", "ten": "Cấp", "kieu": "chu", "rong": 1.2},
    {"ma": "tinh_trang", "ten": "Tình trạng", "kieu": "chu", "rong": 3.5}]}
COUNT_KIND = {"cot": [
    {"ma": "du_kien", "ten": "Số đơn vị phải báo cáo"},
    {"ma": "da_tong_hop", "ten": "Đã tổng hợp"},
    {"ma": "chua_bao_cao", "ten": "Chưa báo cáo"},
    {"ma": "ky_khac", "ten": "Báo cáo kỳ khác"},
    {"ma": "co_loi", "ten": "Có lỗi, chưa tổng hợp"},
    {"ma": "ty_le", "ten": "Tỷ lệ đã tổng hợp (%)", "ty_le": ["da_tong_hop", "du_kien"], "so_le": 1}]}


class _Flow(dict):
    """A mapping written on one line: a table row, a column."""


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, quoting every text baocao's loader would read as a number (its rules are
    YAML 1.2's, read/loader.py), writing rows and columns one per line, lists indented under their
    key as the samples are, and no anchors (&id001) where two tables share a column list."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data) -> bool:
        return True


_Dumper.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9][0-9_]*$"), list("-+0123456789"))
_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]+(?:[eE][-+]?[0-9]+)?$|^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$"),
    list("-+.0123456789"))
_Dumper.add_representer(str, lambda dumper, data: dumper.represent_scalar(
    "tag:yaml.org,2002:str", data, style="|" if "\n" in data else None))
_Dumper.add_representer(_Flow, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data,
                                                                             flow_style=True))


def text(combination: Combination, out: Path, command: str) -> str:
    """The combined data file to be written at `out`; `command` is how to make it again."""
    listing = combination.listing
    data = listing.data
    period = data.ky.as_period()
    report: dict[str, Any] = {"ky": _flow_dump(data.ky)}
    if data.ky_hieu:
        report["ky_hieu"] = data.ky_hieu
    report["trich_yeu"] = [f"Tổng hợp số liệu công tác cải cách hành chính {vi.ten_ky(period)} của các đơn vị"]
    report["mo_dau"] = (f"{data.co_quan.ten} tổng hợp số liệu báo cáo công tác cải cách hành chính {vi.ten_ky(period)} "
                        f"của các đơn vị (chi tiết tại các Phụ lục kèm theo) như sau:")
    report["noi_dung"] = [{"tieu_de": "Tình hình báo cáo của các đơn vị", "noi_dung": [
        "Đã tổng hợp số liệu của [=tinh_hinh.da_tong_hop] trên [=tinh_hinh.du_kien] đơn vị phải báo cáo "
        "([=tinh_hinh.ty_le]); [=tinh_hinh.chua_bao_cao] đơn vị chưa báo cáo, [=tinh_hinh.ky_khac] đơn vị gửi số liệu "
        "kỳ khác, [=tinh_hinh.co_loi] đơn vị có lỗi trong số liệu chưa được tổng hợp." + _where(combination.tables),
        {"bang": {"kieu": _kind(COUNT_KIND), "ma": "tinh_hinh", "dong": [_Flow(_counts(combination))]}},
        {"bang": {"kieu": _kind(STATUS_KIND), "ma": "don_vi",
                  "dong": [_Flow(row) for row in _status_rows(combination)]}}]}]
    report["ket_thuc"] = f"Trên đây là tổng hợp số liệu báo cáo công tác cải cách hành chính {vi.ten_ky(period)} của các đơn vị"
    report["noi_nhan"] = ["Lưu: VT"]
    appendices = []
    for table in combination.tables:
        appendices += _appendices(table)
    if appendices:
        report["phu_luc"] = appendices
    document = {"co_quan": data.co_quan.model_dump(mode="json", exclude_unset=True),
                "nguoi_ky": (data.nguoi_ky.model_dump(mode="json", exclude_unset=True) if data.nguoi_ky
                             else {"chuc_vu": "…", "ho_ten": "…"}),
                "bao_cao": report}
    body = yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9,
                     default_flow_style=False)
    return _header(combination, out, command) + body


def _where(tables: list[CombinedTable]) -> str:
    """Each combined table, and the appendices it is in (every appendix named, as check_appendices asks)."""
    lines, number = [], 1
    for table in tables:
        apart = f", theo từng đơn vị tại Phụ lục {number + 1}" if table.breakdown is not None else ""
        lines.append(f"\n- {table.title}: cộng số liệu của {len(table.units)} đơn vị tại Phụ lục {number}{apart}.")
        number += 2 if table.breakdown is not None else 1
    return "".join(lines)


def _flow_dump(model) -> _Flow:
    return _Flow(model.model_dump(mode="json", exclude_unset=True))


def _kind(spec: dict) -> dict:
    """A kind declared in the combination, its columns one per line."""
    def columns(cols: list) -> list:
        return [(_Flow(col) if "cot" not in col else {**col, "cot": columns(col["cot"])}) for col in cols]
    return {**spec, "cot": columns(spec["cot"])}


def _counts(combination: Combination) -> dict[str, int]:
    expected = len(combination.listing.units)
    return {"du_kien": expected, "da_tong_hop": combination.count("da_tong_hop"),
            "chua_bao_cao": combination.count("chua_bao_cao"), "ky_khac": combination.count("ky_khac"),
            "co_loi": sum(1 for s in combination.statuses[:expected] if s.state == "co_loi")}


def _status_rows(combination: Combination) -> list[dict]:
    rows = []
    for status in combination.statuses:
        state = STATES[status.state] + (f" ({status.detail})" if status.detail else "")
        row = {"ma": status.code, UNIT_COLUMN: status.name}
        if status.level:
            row["cap"] = status.level
        row["tinh_trang"] = state
        rows.append(row)
    return rows


def _appendices(table: CombinedTable) -> list[dict]:
    units = len(table.units)
    sums = {"tieu_de": [f"TỔNG HỢP {table.title.upper()}"], "noi_dung": [
        f"Cộng số liệu của {units} đơn vị" + (", theo từng đơn vị tại phụ lục tiếp theo." if table.breakdown else "."),
        {"bang": {"kieu": table.spec if isinstance(table.spec, str) else _kind(table.spec), "ma": table.code,
                  "dong": [_Flow(_row(row, table)) for row in table.rows]}}]}
    made = [sums]
    if table.breakdown is not None:
        rows = []
        for code, name, totals, before in table.breakdown.rows:
            row = {"ma": code, UNIT_COLUMN: name, **totals}
            if before is not None:
                row["so_lieu_ky_truoc"] = before
            rows.append(_Flow(row))
        made.append({"tieu_de": [f"{table.title.upper()} THEO TỪNG ĐƠN VỊ"], "noi_dung": [
            {"bang": {"kieu": _kind(table.breakdown.spec), "ma": table.breakdown_code, "dong": rows}}]})
    return made


def _row(row: SumRow, table: CombinedTable) -> dict:
    out: dict[str, Any] = {}
    if row.code:
        out["ma"] = row.code
    if table.label and row.label is not None:
        out[table.label] = row.label
    out.update(row.values)
    if table.previous and row.previous:
        out["so_lieu_ky_truoc"] = dict(row.previous)
    if row.bold:
        out["dam"] = True
    if row.italic:
        out["nghieng"] = True
    if row.parts:
        out["trong_do"] = [_row(part, table) for part in row.parts]
    if row.children:
        out["con"] = [_row(child, table) for child in row.children]
    return out


def relative(path: Path, out: Path) -> str:
    """A unit's file as seen from the combination's folder, with forward slashes on every system."""
    try:
        return Path(os.path.relpath(Path(path).resolve(), Path(out).resolve().parent)).as_posix()
    except ValueError:  # another drive (Windows)
        return Path(path).resolve().as_posix()


def _header(combination: Combination, out: Path, command: str) -> str:
    listing = combination.listing
    period = vi.ten_ky(listing.data.ky.as_period())
    lines = [
        f"Tổng hợp số liệu báo cáo công tác cải cách hành chính {period} — {listing.data.co_quan.ten}.",
        "Tệp do lệnh `baocao tong-hop` ghi; đừng sửa tay: sửa tệp của đơn vị (hoặc danh sách) rồi chạy lại:",
        f"    {command}",
        f"Đã tổng hợp {len(combination.combined)}/{len(listing.units)} đơn vị của danh sách "
        f"{relative(listing.path, out)}.",
        "",
        "Báo cáo của cơ quan cấp trên lấy một bảng của tệp này bằng",
        f"    bang: {{ma: …, lay_tu: {{tep: {out.name}, bang: <mã bảng>}}}}",
        "rồi trích số liệu như mọi bảng, ví dụ [=tinh_hinh.da_tong_hop]. Các bảng:",
        "    tinh_hinh    số đơn vị phải báo cáo, đã tổng hợp, chưa báo cáo, báo cáo kỳ khác, có lỗi",
        "    don_vi       tình trạng của từng đơn vị",
    ]
    for table in combination.tables:
        lines.append(f"    {table.code:<12} {table.title}: cộng {len(table.units)} đơn vị")
        if table.breakdown is not None:
            lines.append(f"    {table.breakdown_code:<12} {table.title}: từng đơn vị")
    lines += ["", "Các đơn vị và tệp số liệu của mỗi đơn vị:"]
    for status in combination.statuses:
        files = ", ".join(relative(path, out) for path in status.paths) or "(không có tệp)"
        lines.append(f"    {status.code:<20} {status.name}: {STATES[status.state].lower()}"
                     + (f" ({status.detail})" if status.detail else "") + f"; {files}")
    return "".join(f"# {_one_line(line)}".rstrip() + "\n" for line in lines) + "\n"


def _one_line(line: str) -> str:
    """A comment line that stays one comment line: a unit's name or a file's name may hold a line
    break (any YAML or Python recognises: \\n, \\r, \\x85, \\u2028, \\u2029, …) or a control character;
    unescaped, what follows it would be read as YAML, a key of the combination (a `chap_nhan` it
    never had). Each is written as its Python escape, so the comment still shows what was there."""
    return "".join(c.encode("unicode_escape").decode("ascii") if _unsafe(c) else c for c in line)


def _unsafe(c: str) -> bool:
    return c != "\t" and (c in "\u2028\u2029" or unicodedata.category(c) in ("Cc", "Cs"))
