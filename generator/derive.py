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

from . import tables
from . import vi_format as vi
from .errors import UserError
from .loader import Positions
from .schema import DuLieu

_UBND = "Ủy ban nhân dân"
_UBND_PREFIX = re.compile(r"^(?:ủy|uỷ) ban nhân dân\s+", re.I)  # both tone placements are in use


def report_context(data: DuLieu, positions: Positions | None = None, *,
                   previous: DuLieu | None = None) -> dict[str, Any]:
    """The template's context: `cq`, `bc`, `nk`, and `kt`, the previous period's `bc` (or None)."""
    ctx = data.model_dump()
    cq, bc = issuer(ctx["co_quan"]), ctx["bao_cao"]

    # Number and date line; a draft leaves them blank for the văn thư.
    bc["so_ky_hieu"] = vi.so_ky_hieu(bc["so"], bc["ky_hieu"])
    bc["dong_ngay"] = f"{cq['dia_danh']}, {vi.ngay_thang_nam(bc['ngay'], None if bc['ngay'] else bc['ky']['nam'])}"
    if bc["gui_ngan"] is None:
        bc["gui_ngan"] = ", ".join(bc["kinh_gui"])
    if bc["ket_thuc"]:
        bc["ket_thuc"] = bc["ket_thuc"].rstrip().rstrip("./").rstrip()  # the template adds "./."

    if bc["noi_dung"] is not None:
        _derive_outline(cq, bc, positions or Positions(None), previous)

    results = bc["ket_qua"]
    if results:
        _derive_tthc(results.get("tthc"))
        _derive_staff((results.get("bo_may") or {}).get("bien_che"))
        _derive_investment((results.get("tai_chinh") or {}).get("von_dau_tu"))
    kt = report_context(previous)["bc"] if previous is not None else None  # previous.py
    return {"cq": cq, "bc": bc, "nk": ctx["nguoi_ky"], "kt": kt}


def issuer(cq: dict) -> dict:
    """The issuing body's derived parts, shared by every kind of document: header lines
    "ỦY BAN NHÂN DÂN" / "HUYỆN AN LÃO", the area "huyện An Lão" of "trên địa bàn …", and the short
    name "UBND huyện An Lão"."""
    name = cq["ten"]
    prefix = _UBND_PREFIX.match(name)
    rest = name[prefix.end():] if prefix else ""
    if cq["dong_tieu_de"] is None:
        cq["dong_tieu_de"] = [_UBND.upper(), rest.upper()] if rest else [name.upper()]
    if cq["dia_ban"] is None:
        cq["dia_ban"] = rest or name
    cq["ten_ngan"] = f"UBND {rest}" if rest else name  # "UBND huyện An Lão", as sentences and appendices cite it
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


# --- the generic body: outline, prose and tables from the data ----------------------------------

def _derive_outline(cq: dict, bc: dict, positions: Positions, previous: DuLieu | None = None) -> None:
    """Lay out every table (derived cells, totals, STT), put the figures prose cites into the prose,
    and give each appendix its heading lines. All mistakes are reported together. With the previous
    period's data, a `so_voi` column (Tăng (+)/giảm (-)) compares with the same table's figures there."""
    findings: list = []
    earlier = None
    if previous is not None and previous.bao_cao is not None and previous.bao_cao.noi_dung is not None:
        # previous.py has already validated it and reported its mistakes at its own lines
        earlier = tables.read_all(list(tables.walk(previous.bao_cao.model_dump())), Positions(None), [])[1]
    tables.lay_out(bc, positions, findings, previous=earlier)
    if findings:
        raise UserError(findings)

    for k, appendix in enumerate(bc["phu_luc"], start=1):
        heading = [appendix["nhan"] if appendix["nhan"] is not None else f"Phụ lục {k}"]
        appendix["dong_dau"] = [line for line in heading if line] + list(appendix["tieu_de"])
        notes = []
        if appendix["so_lieu_tu"] and appendix["so_lieu_den"]:
            notes.append(f"(Số liệu từ {vi.ngay(appendix['so_lieu_tu'])} đến {vi.ngay(appendix['so_lieu_den'])})")
        if appendix["kem_theo"]:
            date = f"ngày {vi.ngay(bc['ngay'])}" if bc["ngay"] else f"ngày     /     /{bc['ky']['nam']}"
            notes.append(f"(Kèm theo Báo cáo số: {bc['so_ky_hieu']} {date} của {cq['ten_ngan']})")
        appendix["ghi_chu_dau"] = notes
