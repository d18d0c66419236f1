"""Step 3 of the flow: derive what the data does not type.

Rates come from their counts, totals left empty come from their parts, and the
header lines, document number and date line come from the issuing body and the
report's own fields. The result is the plain-dict context the template sees.
A total the data does state is kept as stated, so the document says what the
clerk typed; checking it against its parts is a separate step, not derivation.
"""

from __future__ import annotations

import re
from typing import Any

from . import vi_format as vi
from .schema import DuLieu

_UBND = "Ủy ban nhân dân"
_UBND_PREFIX = re.compile(r"^(?:ủy|uỷ) ban nhân dân\s+", re.I)  # both tone placements are in use


def report_context(data: DuLieu) -> dict[str, Any]:
    ctx = data.model_dump()
    cq, bc = issuer(ctx["co_quan"]), ctx["bao_cao"]

    # Number and date line; a draft leaves them blank for the văn thư.
    bc["so_ky_hieu"] = vi.so_ky_hieu(bc["so"], bc["ky_hieu"])
    bc["dong_ngay"] = f"{cq['dia_danh']}, {vi.ngay_thang_nam(bc['ngay'], None if bc['ngay'] else bc['ky']['nam'])}"
    if bc["gui_ngan"] is None:
        bc["gui_ngan"] = ", ".join(bc["kinh_gui"])
    if bc["ket_thuc"]:
        bc["ket_thuc"] = bc["ket_thuc"].rstrip().rstrip("./").rstrip()  # the template adds "./."

    results = bc["ket_qua"]
    if results:
        _derive_tthc(results.get("tthc"))
        _derive_staff((results.get("bo_may") or {}).get("bien_che"))
        _derive_investment((results.get("tai_chinh") or {}).get("von_dau_tu"))
    return {"cq": cq, "bc": bc, "nk": ctx["nguoi_ky"]}


def issuer(cq: dict) -> dict:
    """The issuing body's derived parts, shared by every kind of document: header lines
    "ỦY BAN NHÂN DÂN" / "HUYỆN AN LÃO" and the area "huyện An Lão" of "trên địa bàn …"."""
    name = cq["ten"]
    prefix = _UBND_PREFIX.match(name)
    rest = name[prefix.end():] if prefix else ""
    if cq["dong_tieu_de"] is None:
        cq["dong_tieu_de"] = [_UBND.upper(), rest.upper()] if rest else [name.upper()]
    if cq["dia_ban"] is None:
        cq["dia_ban"] = rest or name
    return cq


def _derive_tthc(tthc: dict | None) -> None:
    if not tthc:
        return
    for level in (tthc["so_thu_tuc"] or {}).values():
        if level and level["tong"] is None:
            level["tong"] = level["toan_trinh"] + level["mot_phan"] + level["con_lai"]
    files = tthc["ho_so"]
    if files:
        decided = files["dung_han"] + files["tre_han"]
        # On-time rate over the files already decided (on time + late), as the seeds compute it.
        files["ty_le_dung_han"] = vi.ty_le(files["dung_han"], decided)  # the schema refuses decided == 0


def _derive_staff(staff: dict | None) -> None:
    if not staff:
        return
    public = staff["su_nghiep"]
    if public["tong"] is None:
        public["tong"] = sum(part["so"] for part in public["chi_tiet"])
    if staff["tong"] is None:
        staff["tong"] = staff["cong_chuc"] + public["tong"]


def _derive_investment(capital: dict | None) -> None:
    if capital:
        capital["ty_le_giai_ngan"] = vi.ty_le(capital["giai_ngan"], capital["ke_hoach"])  # ke_hoach > 0
