"""What the CCHC report's template sees: `cq`, `bc`, `nk` and `kt`, derived from the validated data.

Rates come from their counts, totals left empty from their parts, and the header lines, number and
date line from the issuing body and the report's own fields. A total the data states is kept as
stated, so the document says what the clerk typed; checking it is the checks' job. For an outline
written in the data, each table block carries its layout and each prose text its cited figures,
both computed once for the whole file (derive/tables.py); `kt` is the previous period's `bc`.
"""

from __future__ import annotations

from typing import Any

from ...derive.issuer import issuer
from ...derive.tables import LaidOut
from ...read.loader import PathKey
from ...text import vi_format as vi

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

    if bc["noi_dung"] is not None:
        cited = laid.cited if laid is not None else {}
        layouts = laid.layouts if laid is not None else {}
        bc["mo_dau"] = cited.get(PATH + ("mo_dau",), bc["mo_dau"])
        bc["ket_thuc"] = cited.get(PATH + ("ket_thuc",), bc["ket_thuc"])
        bc["noi_dung"] = [_section(s, PATH + ("noi_dung", k), cited, layouts) for k, s in enumerate(bc["noi_dung"])]
        bc["phu_luc"] = [_appendix(a, k, bc, cq, cited, layouts) for k, a in enumerate(bc["phu_luc"])]
    if bc["ket_thuc"]:
        bc["ket_thuc"] = bc["ket_thuc"].rstrip().rstrip("./").rstrip()  # the template adds "./."

    results = bc["ket_qua"]
    if results:
        _tthc(results.get("tthc"))
        _staff((results.get("bo_may") or {}).get("bien_che"))
        _investment((results.get("tai_chinh") or {}).get("von_dau_tu"))
    kt = previous.context["bc"] if previous is not None else None
    return {"cq": cq, "bc": bc, "nk": data.nguoi_ky.model_dump(), "kt": kt}


def cited_texts(report: Any, path: PathKey) -> list[tuple[PathKey, str | None]]:
    """The prose of a data-outlined report that may cite figures ([=bang.dong.cot]), in reading
    order: section and appendix titles, prose blocks, then mo_dau and ket_thuc."""
    if report.noi_dung is None:
        return []
    found: list[tuple[PathKey, str | None]] = []

    def section(node: Any, where: PathKey) -> None:
        if isinstance(node.tieu_de, str):
            found.append((where + ("tieu_de",), node.tieu_de))
        else:  # an appendix: its title lines, and its label
            found.extend((where + ("tieu_de", k), line) for k, line in enumerate(node.tieu_de))
            if node.nhan:
                found.append((where + ("nhan",), node.nhan))
        if isinstance(node.noi_dung, str):
            found.append((where + ("noi_dung",), node.noi_dung))
        else:
            found.extend((where + ("noi_dung", k), block) for k, block in enumerate(node.noi_dung)
                         if isinstance(block, str))
        for k, child in enumerate(node.muc):
            section(child, where + ("muc", k))

    for k, node in enumerate(report.noi_dung):
        section(node, path + ("noi_dung", k))
    for k, node in enumerate(report.phu_luc):
        section(node, path + ("phu_luc", k))
    found += [(path + ("mo_dau",), report.mo_dau), (path + ("ket_thuc",), report.ket_thuc)]
    return found


def _section(node: dict, path: PathKey, cited: dict, layouts: dict) -> dict:
    """A section as the template sees it: cited prose, a list of blocks (text, or {"bang": layout})."""
    out = dict(node)
    if isinstance(node["tieu_de"], str):
        out["tieu_de"] = cited.get(path + ("tieu_de",), node["tieu_de"])
    content = node["noi_dung"]
    if isinstance(content, str):
        out["noi_dung"] = [cited.get(path + ("noi_dung",), content)]
    else:
        out["noi_dung"] = [cited.get(path + ("noi_dung", k), block) if isinstance(block, str)
                           else {"bang": layouts.get(path + ("noi_dung", k, "bang"))}
                           for k, block in enumerate(content)]
    out["muc"] = [_section(child, path + ("muc", k), cited, layouts) for k, child in enumerate(node["muc"])]
    return out


def _appendix(node: dict, k: int, bc: dict, cq: dict, cited: dict, layouts: dict) -> dict:
    """An appendix: its section, and its heading lines "Phụ lục N" / title / "(Số liệu từ … đến …)" /
    "(Kèm theo Báo cáo số … ngày … của …)"; a draft leaves the number and day blank."""
    path = PATH + ("phu_luc", k)
    out = _section(node, path, cited, layouts)
    out["tieu_de"] = [cited.get(path + ("tieu_de", n), line) for n, line in enumerate(node["tieu_de"])]
    if node["nhan"]:
        out["nhan"] = cited.get(path + ("nhan",), node["nhan"])
    heading = [out["nhan"] if out["nhan"] is not None else f"Phụ lục {k + 1}"]
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
