"""What the CCHC report's template sees: `cq`, `bc`, `nk` and `kt`, derived from the validated data.

Rates come from their counts, totals left empty from their parts, and the header lines, number and
date line from the issuing body and the report's own fields. A total the data states is kept as
stated, so the document says what the clerk typed; checking it is the checks' job. Each table block
carries its layout and each prose text its cited figures, both computed once for the whole file
(derive/tables.py), wherever they stand in the report; `kt` is the previous period's `bc`.
"""

from __future__ import annotations

from typing import Any

from ...derive.issuer import issuer
from ...derive.tables import LaidOut
from ...read.loader import PathKey
from ...text import vi_format as vi
from ...text.item_numbers import without_number
from ...validate.walk import texts

PATH = ("bao_cao",)


def context(data: Any, report: Any, *, laid: LaidOut | None = None, previous: Any = None) -> dict[str, Any]:
    """`previous` is the previous period (plan.Previous) or None; `laid` the file's laid-out tables."""
    cq = issuer(data.co_quan)
    bc = report.model_dump()

    # Number and date line; a draft leaves them blank for the văn thư.
    bc["so_ky_hieu"] = vi.so_ky_hieu(bc["so"], bc["ky_hieu"])
    bc["dong_ngay"] = f"{cq['dia_danh']}, {vi.ngay_thang_nam(bc['ngay'], None if bc['ngay'] else bc['ky']['nam'])}"
    if bc["gui_ngan"] is None:
        bc["gui_ngan"] = ", ".join(bc["kinh_gui"])

    # Every prose text with its [=…] figures filled in, every table block with its layout.
    bc = _filled(bc, PATH, laid.cited if laid is not None else {}, laid.layouts if laid is not None else {})
    for group in ("chi_dao", "ket_qua", "danh_gia"):
        if bc[group]:
            bc[group]["muc_them"] = [_section(s) for s in bc[group]["muc_them"]]
    bc["noi_dung"] = [_section(s) for s in bc["noi_dung"]]
    bc["phu_luc"] = [_appendix(a, k if len(bc["phu_luc"]) > 1 else None, bc, cq) for k, a in enumerate(bc["phu_luc"])]
    if bc["ket_thuc"]:
        bc["ket_thuc"] = bc["ket_thuc"].rstrip().rstrip("./").rstrip()  # the template adds "./."
    bc["phuong_huong"] = [without_number(task) for task in bc["phuong_huong"]]  # numbered by the template

    results = bc["ket_qua"]
    if results:
        _tthc(results.get("tthc"))
        _staff((results.get("bo_may") or {}).get("bien_che"))
        _investment((results.get("tai_chinh") or {}).get("von_dau_tu"))
    kt = previous.context["bc"] if previous is not None else None
    return {"cq": cq, "bc": bc, "nk": data.nguoi_ky.model_dump(), "kt": kt}


def cited_texts(report: Any, path: PathKey) -> list[tuple[PathKey, str | None]]:
    """Every prose text of the report that may cite figures ([=bang.dong.cot]), in file order:
    standard sections, sections and appendices the data writes, tables' lead-ins, mo_dau, ket_thuc."""
    return [(text.path, text.value) for text in texts(report, path) if text.prose]


def _filled(value: Any, path: PathKey, cited: dict, layouts: dict) -> Any:
    """`value` (a part of the dumped report at `path`) with cited prose and table layouts in place."""
    if isinstance(value, str):
        return cited.get(path, value)
    if isinstance(value, list):
        return [_filled(item, path + (k,), cited, layouts) for k, item in enumerate(value)]
    if isinstance(value, dict):
        if set(value) == {"bang"} and path + ("bang",) in layouts:  # a table block
            return {"bang": layouts[path + ("bang",)]}
        return {key: _filled(item, path + (key,), cited, layouts) for key, item in value.items()}
    return value


def _section(node: dict) -> dict:
    """A section as the template's `than` reads it: its content always a list of blocks, its title
    without a number typed into it (baocao numbers headings; checks/structure.py warns)."""
    out = dict(node)
    out["tieu_de"] = without_number(node["tieu_de"])
    out["noi_dung"] = [node["noi_dung"]] if isinstance(node["noi_dung"], str) else node["noi_dung"]
    out["muc"] = [_section(child) for child in node["muc"]]
    return out


def _appendix(node: dict, k: int | None, bc: dict, cq: dict) -> dict:
    """An appendix: its section, and its heading lines "Phụ lục N" / title / "(Số liệu từ … đến …)" /
    "(Kèm theo Báo cáo số … ngày … của …)"; a draft leaves the number and day blank. A report's only
    appendix (`k` None) is "Phụ lục", as ND30 practice and the body ("chi tiết tại Phụ lục") say;
    several are numbered."""
    out = _section(node)
    heading = [out["nhan"] if out["nhan"] is not None else "Phụ lục" + (f" {k + 1}" if k is not None else "")]
    out["dong_dau"] = [line for line in heading if line] + list(out["tieu_de"])
    notes = []
    if node["so_lieu_tu"] and node["so_lieu_den"]:
        notes.append(f"(Số liệu từ {vi.ngay(node['so_lieu_tu'])} đến {vi.ngay(node['so_lieu_den'])})")
    if node["kem_theo"]:
        date = f"ngày {vi.ngay(bc['ngay'])}" if bc["ngay"] else f"ngày     /     /{bc['ky']['nam']}"
        notes.append(f"(Kèm theo Báo cáo số: {bc['so_ky_hieu']} {date} của {cq['ten_ngan']})")
    out["ghi_chu_dau"] = notes
    return out


def _tthc(tthc: dict | None) -> None:
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


def _staff(staff: dict | None) -> None:
    if not staff:
        return
    public = staff["su_nghiep"]
    if public["tong"] is None:
        public["tong"] = sum(part["so"] for part in public["chi_tiet"])
    if staff["tong"] is None:
        staff["tong"] = staff["cong_chuc"] + public["tong"]


def _investment(capital: dict | None) -> None:
    if capital:
        capital["ty_le_giai_ngan"] = vi.ty_le(capital["giai_ngan"], capital["ke_hoach"])  # ke_hoach > 0
