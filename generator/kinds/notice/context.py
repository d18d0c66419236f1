"""Derivation for the Thông báo kết luận (TB-UBND, seed 003): the context its template sees.

The number and date line, the trích yếu (who concluded, at which conference), the participants
joined as the seed joins them, and the Nơi nhận items with their remarks. The directives keep the
data's tree; their numbers (1., 1.1-, 1.12.1 -) are written from the template's styles by
`oxml.numbering.number_headings`, so inserting a directive renumbers the ones after it.
"""

from __future__ import annotations

from typing import Any

from ...derive.issuer import issuer
from ...text import vi_format as vi
from ...text.item_numbers import without_number
from .model import ThongBao


def context(data: Any, notice: ThongBao, **_: Any) -> dict[str, Any]:
    cq = issuer(data.co_quan)
    tb = notice.model_dump()
    meeting = tb["hoi_nghi"]
    chair = meeting["chu_tri"]
    tb["so_ky_hieu"] = vi.so_ky_hieu(tb["so"], tb["ky_hieu"])
    year = None if tb["ngay"] else meeting["ngay"].year
    tb["dong_ngay"] = f"{cq['dia_danh']}, {vi.ngay_thang_nam(tb['ngay'], year)}"
    if tb["trich_yeu"] is None:
        tb["trich_yeu"] = [f"Ý kiến kết luận của đồng chí {chair['ho_ten']} - {chair['chuc_vu']} tại {meeting['ten']}"]
    meeting["ten_mo_dau"] = meeting["ten_mo_dau"] or meeting["ten"]
    meeting["thanh_phan"] = participants(meeting["tham_du"])
    tb["noi_nhan"] = [item if isinstance(item, dict) else {"ten": item, "ghi_chu": None} for item in tb["noi_nhan"]]
    if tb["ket_thuc"]:
        tb["ket_thuc"] = tb["ket_thuc"].rstrip().rstrip("./").rstrip()  # the template adds "./."
    for group in tb["chi_dao"]:  # numbered from the template's styles: a number typed in is not printed
        group["doi_tuong"] = without_number(group["doi_tuong"])
        for task in group["nhiem_vu"]:
            task["noi_dung"] = without_number(task["noi_dung"])
            for sub in task["nhiem_vu"]:
                sub["noi_dung"] = without_number(sub["noi_dung"])
    signer = (notice.nguoi_ky or data.nguoi_ky).model_dump()
    return {"cq": cq, "tb": tb, "nk": signer}


def participants(items: list) -> str:
    """"A, B gồm: x, y; C và D": a comma between items, a semicolon after a group (its units are
    separated by commas already), "và" before the last item."""
    texts = [item if isinstance(item, str) else f"{item['nhom']} gồm: {', '.join(item['gom'])}" for item in items]
    out = texts[0]
    for k in range(1, len(texts)):
        if k == len(texts) - 1:
            out += " và "
        else:
            out += "; " if isinstance(items[k - 1], dict) else ", "
        out += texts[k]
    return out
