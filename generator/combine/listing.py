"""The list of units a superior body combines (`baocao tong-hop --danh-sach danh-sach.yaml`).

    ky: {loai: quy, nam: 2026, so: 3}              # the period every unit reports
    co_quan: {ten: Sở Nội vụ tỉnh Quảng Ngãi, cap: sở, dia_danh: Quảng Ngãi, cap_tren: {…}}
    nguoi_ky: {chuc_vu: GIÁM ĐỐC, ho_ten: …}       # optional: who signs the combination
    bang:                                          # optional: which tables, with their titles
      - {ma: ho_so, ten: Tình hình giải quyết hồ sơ thủ tục hành chính}
    don_vi:                                        # the units expected to report, in this order
      - Phường Cẩm Thành
      - {ten: Đặc khu Lý Sơn, ma: ly_son}

A unit's data file is matched to its entry by name: the entry's `ten` against the file's co_quan,
its full name or its area ("Ủy ban nhân dân phường Cẩm Thành", "phường Cẩm Thành"), case, spacing,
"UBND" and the two placements of a tone mark (Hòa/Hoà, Thủy/Thuỷ) aside: the names clerks type,
not file names, which units choose freely. A unit's code (`ma`, its row code in the breakdown
tables, `[=ho_so_don_vi.ly_son.tiep_nhan]`) defaults to its name without marks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import Field

from ..errors import Finding, Location, UserError, error
from ..read.loader import Positions, load_yaml
from ..validate import validate
from ..validate.shared import CoQuan, Ky, NguoiKy
from ..validate.types import KyHieu, MaBang, Model

_UBND = re.compile(r"^(?:ủy ban nhân dân|ubnd)\s+")
# Two placements of a tone mark are both in use (hòa / hoà, thủy / thuỷ): one of them stands for both.
_TONES = {old: new for pair in ("oà òa", "oá óa", "oả ỏa", "oã õa", "oạ ọa", "oè òe", "oé óe", "oẻ ỏe", "oẽ õe",
                                "oẹ ọe", "uỳ ùy", "uý úy", "uỷ ủy", "uỹ ũy", "uỵ ụy") for old, new in [pair.split()]}
_TONE = re.compile("|".join(_TONES))


class BangTongHop(Model):
    ma: MaBang
    """Mã (ma) của bảng trong tệp số liệu của các đơn vị, ví dụ ho_so."""
    ten: Annotated[str, Field(min_length=1)]
    """Tên của bảng tổng hợp, in ở đầu phụ lục, ví dụ Tình hình giải quyết hồ sơ thủ tục hành chính."""


class DonVi(Model):
    ten: Annotated[str, Field(min_length=1)]
    """Tên đơn vị như trong tệp số liệu của đơn vị (co_quan.ten), ví dụ Phường Cẩm Thành."""
    ma: MaBang | None = None
    """Mã của đơn vị trong các bảng theo từng đơn vị; để trống thì lấy tên bỏ dấu (phuong_cam_thanh)."""


class DanhSach(Model):
    ky: Ky
    """Kỳ báo cáo mà mọi đơn vị báo cáo; tệp của kỳ khác được liệt kê, không được cộng."""
    co_quan: CoQuan
    """Cơ quan tổng hợp (ví dụ Sở Nội vụ tỉnh), in ở đầu văn bản tổng hợp."""
    nguoi_ky: NguoiKy | None = None
    """Người ký văn bản tổng hợp; để trống thì chức vụ và họ tên để …"""
    ky_hieu: KyHieu | None = None
    """Ký hiệu của văn bản tổng hợp, ví dụ BC-SNV; để trống thì là BC-UBND."""
    bang: list[BangTongHop] = []
    """Các bảng cần tổng hợp, theo mã bảng của các đơn vị, kèm tên bảng tổng hợp; để trống thì tổng hợp mọi bảng có số đếm mà các đơn vị cùng có."""
    don_vi: Annotated[list[str | DonVi], Field(min_length=1)]
    """Các đơn vị phải báo cáo, mỗi đơn vị một dòng: tên, hoặc {ten: …, ma: …}."""


@dataclass(frozen=True)
class Expected:
    """A unit the list expects: its place in the list, name, code and line."""

    index: int
    name: str
    code: str
    at: Location


@dataclass(frozen=True)
class Listing:
    path: Path
    data: DanhSach
    units: tuple[Expected, ...]
    tables_at: dict[str, Location]  # where each table of `bang` is named

    def find(self, *names: str | None) -> Expected | None:
        """The expected unit one of `names` (a co_quan's name, its area) names."""
        wanted = {name_key(n) for n in names if n}
        return next((unit for unit in self.units if name_key(unit.name) in wanted), None)


def name_key(name: str) -> str:
    """A unit's name as compared: case, spacing, "Ủy ban nhân dân"/"UBND" and tone placement aside."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", name)).strip().casefold()
    text = _TONE.sub(lambda m: _TONES[m.group(0)], text)
    return _UBND.sub("", text)


def code_of(name: str) -> str:
    """A code made of a name: Phường Cẩm Thành → phuong_cam_thanh."""
    plain = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    code = re.sub(r"[^a-z0-9]+", "_", plain).strip("_")
    return code if re.match(r"[a-z]", code or "") else f"don_vi_{code}".rstrip("_")


def read_listing(path: Path) -> Listing:
    """The list at `path`, validated (UserError with every mistake, each at its line)."""
    raw, positions = load_yaml(Path(path))
    if isinstance(raw, dict) and any(key in raw for key in ("bao_cao", "thong_bao", "bao_cao_dang")):
        raise error(path, "đây là tệp số liệu của một văn bản, không phải danh sách đơn vị để tổng hợp.",
                    hint="--danh-sach ghi tệp danh sách (ky, co_quan, don_vi: …; xem README, mục Tổng hợp báo cáo của các "
                         "xã, phường); tệp số liệu của các đơn vị ghi sau lệnh.")
    data = validate(Path(path), raw, positions, DanhSach, {}).data
    findings: list[Finding] = []
    units = _expected(data, positions, findings)
    seen: dict[str, int] = {}
    for k, table in enumerate(data.bang):
        if table.ma in seen:
            findings.append(Finding(positions.at(("bang", k, "ma")), f"bảng '{table.ma}' ghi hai lần (lần đầu ở dòng "
                                    f"{positions.at(('bang', seen[table.ma], 'ma')).line})", "xóa một trong hai dòng."))
        seen.setdefault(table.ma, k)
    if findings:
        raise UserError(findings)
    return Listing(Path(path), data, tuple(units), {t.ma: positions.at(("bang", k, "ma")) for k, t in enumerate(data.bang)})


def _expected(data: DanhSach, positions: Positions, findings: list[Finding]) -> list[Expected]:
    units: list[Expected] = []
    names: dict[str, Expected] = {}
    codes: dict[str, Expected] = {}
    for k, entry in enumerate(data.don_vi):
        name = (entry if isinstance(entry, str) else entry.ten).strip()
        given = None if isinstance(entry, str) else entry.ma
        at = positions.at(("don_vi", k))
        code = given or code_of(name)
        if not name:
            findings.append(Finding(at, "tên đơn vị đang trống", "ghi tên đơn vị, hoặc xóa dòng này."))
            continue
        if name_key(name) in names:
            findings.append(Finding(at, f"đơn vị «{name}» ghi hai lần (lần đầu ở dòng {names[name_key(name)].at.line})",
                                    "xóa một trong hai dòng."))
            continue
        if code in codes or code in ("tong", "so_dong"):
            findings.append(Finding(at, f"mã đơn vị '{code}' trùng với mã của «{codes[code].name}»" if code in codes
                                    else f"mã đơn vị '{code}' đã có nghĩa riêng trong bảng",
                                    "ghi mã riêng cho đơn vị này: {ten: …, ma: …}."))
            continue
        unit = Expected(len(units), name, code, at)
        names[name_key(name)] = codes[code] = unit
        units.append(unit)
    return units
