"""Derivation for a Party committee's report (BC/HU, seed 004): the context its template sees.

The Party header's number ("Số 150-BC/HU") and date line; the parts and sections flattened into
blocks the template prints in order (a heading of a level, prose, a numbered task); and each chỉ
tiêu's result sentence, whose rates come from their counts and whose verdict (Đạt / Chưa đạt chỉ
tiêu đề ra) follows from the achieved figures against the target.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ...derive.issuer import issuer
from ...text import vi_format as vi
from ...text.item_numbers import without_number
from .model import BaoCaoDang, ChiTieu, MucDang

DAT, CHUA_DAT = "đạt chỉ tiêu đề ra", "chưa đạt chỉ tiêu đề ra"
MAX_DEPTH = 3  # I -, 1., 2.1.


def context(data: Any, report: BaoCaoDang, **_: Any) -> dict[str, Any]:
    cq = issuer(data.co_quan)
    bc = report.model_dump(exclude={"phan"})
    bc["so_ky_hieu"] = f"{report.so:02d}-{report.ky_hieu}" if report.so else f"{' ' * 5}-{report.ky_hieu}"
    bc["dong_ngay"] = f"{cq['dia_danh']}, {vi.ngay_thang_nam(report.ngay, None if report.ngay else report.nam)}"
    bc["khoi"] = blocks(report)
    signer = (report.nguoi_ky or data.nguoi_ky).model_dump()
    return {"cq": cq, "bcd": bc, "nk": signer}


def blocks(report: BaoCaoDang) -> list[dict[str, Any]]:
    """The body in reading order: {"loai": "phan" | "ten_phan" | "muc" | "doan" | "nhiem_vu", …}."""
    out: list[dict[str, Any]] = []
    for part in report.phan:
        out.append({"loai": "phan", "cap": 0, "tieu_de": "", "van_ban": None})
        out.append({"loai": "ten_phan", "cap": 0, "tieu_de": without_number(part.tieu_de), "van_ban": None})
        _prose(out, part.noi_dung)
        for section in part.muc:
            _section(out, section, 1)
        for task in part.nhiem_vu:
            out.append({"loai": "nhiem_vu", "cap": 0, "tieu_de": "", "van_ban": without_number(task)})
    return out


def _prose(out: list, text: str | None) -> None:
    if text:
        out.append({"loai": "doan", "cap": 0, "tieu_de": "", "van_ban": text})


def _section(out: list, section: MucDang, depth: int) -> None:
    # Deeper than three levels is an error of the checks (located there); a clerk who accepts it
    # gets those sections at the third level, the deepest the template numbers.
    out.append({"loai": "muc", "cap": min(depth, MAX_DEPTH), "tieu_de": without_number(section.tieu_de),
                "van_ban": None})
    _prose(out, section.noi_dung)
    for target in section.chi_tieu:
        _prose(out, target_text(target))
    for sub in section.muc:
        _section(out, sub, depth + 1)


def verdict(target: ChiTieu) -> bool | None:
    """Whether every achieved figure reaches the target; None when the data gives no target or figures."""
    if target.ke_hoach is None or not target.thuc_hien:
        return None
    goal = Decimal(str(target.ke_hoach))
    rates = [_rate(figure) for figure in target.thuc_hien]
    return all(r >= goal for r in rates) if target.dat_khi == "khong_duoi" else all(r <= goal for r in rates)


def _rate(figure) -> Decimal:
    """The rate the document prints: as stated (ty_le), else computed from so / tren. A stated rate that
    disagrees with so / tren is for `baocao check` to report (checks/figures.py)."""
    return Decimal(str(figure.ty_le)) if figure.ty_le is not None else vi.ty_le(figure.so, figure.tren)


_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_SENTENCE_START = re.compile(r"(?:^|[:.!?]\s+)$")


def target_text(target: ChiTieu, mark: str = "-") -> str:
    """The chỉ tiêu as prose (markup): "- target: result", or the result in a paragraph of its own;
    sub-targets follow as "+ …" paragraphs."""
    values: dict[str, str] = {}
    for k, figure in enumerate(target.thuc_hien, start=1):
        rate = vi.phan_tram(_rate(figure), figure.chu_so)
        names = {"ty_le": rate}
        if figure.tren is not None:
            names |= {"so": vi.so(figure.so), "tren": vi.so(figure.tren), "con_lai": vi.so(figure.tren - figure.so)}
        for name, text in names.items():
            values[f"{name}_{k}"] = text
            if k == 1:
                values[name] = text
    passed = verdict(target)
    if passed is not None:
        values["danh_gia"] = DAT if passed else CHUA_DAT
    result = target.ket_qua if target.ket_qua is not None else ("{danh_gia}." if passed is not None else None)

    def fill(m: re.Match) -> str:
        text = values[m.group(1)]
        if m.group(1) == "danh_gia" and _SENTENCE_START.search(result[:m.start()]):
            return text[0].upper() + text[1:]
        return text

    head = f"{mark} {target.noi_dung.strip()}"
    if result is None:
        text = head
    else:
        filled = _PLACEHOLDER.sub(fill, result.strip())
        text = f"{head}\n\n{filled}" if target.doan_rieng else f"{head}: {filled}"
    for sub in target.chi_tieu:
        text += "\n\n" + target_text(sub, "+")
    return text
