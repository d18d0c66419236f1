"""`baocao tong-hop`: many units' data files combined into one data file, read back from the files it
writes (the combination, its workbook, the documents built from it) and checked against sums the
tests compute on their own from the units' YAML."""

from __future__ import annotations

import re
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
import yaml
from docx import Document

from conftest import REPO, normalise, run_cli as run
from generator.plan import prepare
from generator.validate.table_kinds import load_kinds

SAMPLE = REPO / "data" / "quang-ngai-2026-quy3"
PROVINCE = REPO / "data" / "quang-ngai-2026-quy3.yaml"
COUNTS = ("tu_ky_truoc", "truc_tuyen", "truc_tiep", "dung_han", "qua_han")


@pytest.fixture
def folder(tmp_path) -> Path:
    """A copy of the sample: the list, the units (don-vi/), the combination and the province's report."""
    target = tmp_path / "quang-ngai-2026-quy3"
    shutil.copytree(SAMPLE, target)
    shutil.copy(PROVINCE, tmp_path / PROVINCE.name)
    return target


def units(folder: Path) -> list[Path]:
    return sorted((folder / "don-vi").glob("*.yaml"))


def combine(capsys, folder: Path, *extra) -> tuple[int, str, str]:
    return run(capsys, "tong-hop", "--danh-sach", folder / "danh-sach.yaml", *units(folder), *extra)


def fix_the_slip(folder: Path) -> None:
    path = folder / "don-vi" / "mo-duc.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("truc_tuyen: 1.250", "truc_tuyen: 1250"), encoding="utf-8")


def hoso_rows(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["bao_cao"]["ket_qua"]["tthc"]["mot_cua"][1]["bang"]["dong"]


def independent_sums(folder: Path, *, left_out=("mo-duc.yaml",)) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
    """Per Lĩnh vực (case aside), the sum of every quý III unit's counts, read from the YAML with no
    baocao code; Cẩm Thành's "Từ kỳ trước" (carried over from its quý II file, not typed) computed
    from that file by hand. Also the previous period's tiep_nhan per field."""
    sums: dict[str, dict[str, int]] = {}
    before: dict[str, int] = {}
    for path in units(folder):
        if path.name in left_out or "2026-quy2" in path.name:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        quarter2 = None
        if data["bao_cao"].get("ky_truoc"):
            quarter2 = {row["ma"]: row for row in hoso_rows(path.parent / data["bao_cao"]["ky_truoc"])}
        for row in hoso_rows(path):
            field = row["linh_vuc"].casefold()
            into = sums.setdefault(field, {key: 0 for key in COUNTS})
            for key in COUNTS:
                if key == "tu_ky_truoc" and quarter2 is not None:  # carried over: quý II's dang_giai_quyet
                    old = quarter2[row["ma"]]
                    value = (old["tu_ky_truoc"] + old["truc_tuyen"] + old["truc_tiep"]) - (old["dung_han"] + old["qua_han"])
                else:
                    value = row[key]
                into[key] += value
            if "so_lieu_ky_truoc" in row:
                before[field] = before.get(field, 0) + row["so_lieu_ky_truoc"]["tiep_nhan"]
            else:  # the quý II row's tiep_nhan
                old = quarter2[row["ma"]]
                before[field] = before.get(field, 0) + old["tu_ky_truoc"] + old["truc_tuyen"] + old["truc_tiep"]
    return sums, before


def sheet_rows(workbook: Path, sheet: str, kind: str) -> dict[str, dict]:
    """The body rows of a sheet of the combination's workbook, by their label, cells by column code."""
    leaves = [leaf.key for leaf in load_kinds()[kind].leaves]
    ws = openpyxl.load_workbook(workbook)[sheet]
    rows = {}
    for values in ws.iter_rows(min_row=1, values_only=True):
        if isinstance(values[1], str) and isinstance(values[2], (int, float)):
            rows[values[1].casefold()] = dict(zip(leaves, values))
        elif isinstance(values[0], str) and values[0].startswith("TỔNG CỘNG"):
            rows["tong"] = dict(zip(leaves[1:], values[1:]))
    return rows


def percent(num: int, den: int) -> Decimal:
    return (Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.01"), ROUND_HALF_UP)


# --- acceptance: sums, rates, the slip, the missing unit, exit codes --------------------------------------

def test_sums_equal_an_independent_sum_of_the_unit_files(folder, capsys):
    code, out, err = combine(capsys, folder, "--bo-qua-loi", "--excel")
    assert code == 1, err  # written, but Xã Sơn Tịnh sent nothing and Xã Mộ Đức has a slip
    combined = folder / "tong-hop.yaml"
    assert out.split() == [str(combined), str(combined.with_suffix(".xlsx"))]
    sums, before = independent_sums(folder)
    got = sheet_rows(combined.with_suffix(".xlsx"), "ho_so", "ho_so_tthc")
    assert set(got) - {"tong"} == set(sums)  # Nghĩa Lộ's rows without a code joined the others by their words
    for field, expected in sums.items():
        row = got[field]
        assert {key: row[key] for key in COUNTS} == expected, field
        assert row["tiep_nhan"] == expected["tu_ky_truoc"] + expected["truc_tuyen"] + expected["truc_tiep"]
        assert row["tang_giam"] == row["tiep_nhan"] - before[field]  # against the units' own previous periods
    total = got["tong"]
    for key in COUNTS:
        assert total[key] == sum(expected[key] for expected in sums.values())
    assert total["tang_giam"] == total["tiep_nhan"] - sum(before.values())
    # the per-unit table adds up to the same TỔNG CỘNG, one row per unit combined
    per_unit = openpyxl.load_workbook(combined.with_suffix(".xlsx"))["ho_so_don_vi"]
    names = [r[1] for r in per_unit.iter_rows(values_only=True) if isinstance(r[0], (int, str)) and str(r[0]).isdigit()]
    assert names == ["Phường Cẩm Thành", "Phường Nghĩa Lộ", "Phường Kon Tum", "Xã Bình Sơn", "Xã Ba Tơ", "Đặc khu Lý Sơn"]
    last = [r for r in per_unit.iter_rows(values_only=True) if r[0] == "TỔNG CỘNG"][0]
    assert last[2] == total["tiep_nhan"] and last[-1] == total["tang_giam"]


def test_the_provinces_report_prints_and_cites_the_combined_figures(folder, capsys):
    fix_the_slip(folder)
    code, _, err = combine(capsys, folder)
    assert code == 1, err  # complete but for Xã Sơn Tịnh
    sums, _ = independent_sums(folder, left_out=())
    received = sum(v["tu_ky_truoc"] + v["truc_tuyen"] + v["truc_tiep"] for v in sums.values())
    code, _, err = run(capsys, "build", folder.parent / PROVINCE.name, "-o", folder.parent / "ra")
    assert code == 0, err
    doc = Document(folder.parent / "ra" / "BC-quang-ngai-2026-quy3.docx")
    body = normalise(" ".join(p.text for p in doc.paragraphs))
    shown = f"{received:,}".replace(",", ".")
    assert f"tiếp nhận {shown} hồ sơ" in body  # [=ho_so.tong.tiep_nhan], summed over 7 units
    assert "số liệu của 7 trên 8 đơn vị (87,5%)" in body  # [=tinh_hinh.…]
    appendix = next(t for t in doc.tables if normalise(t.rows[-1].cells[0].text) == "TỔNG CỘNG"
                    and "Lĩnh vực" in normalise(t.rows[0].cells[1].text))
    assert normalise(appendix.rows[-1].cells[2].text) == shown


def test_rates_are_recomputed_from_the_summed_counts_never_averaged(folder, capsys):
    """Two units, a small one at 50% on time and a large one at 99%: the province's rate is that of the
    summed counts (98,04%), not the mean of the units' rates (74,5%)."""
    data = yaml.safe_load((folder / "don-vi" / "ba-to.yaml").read_text(encoding="utf-8"))
    small = data["bao_cao"]["ket_qua"]["tthc"]["mot_cua"][1]["bang"]
    small["dong"] = [{"ma": "ho_tich", "linh_vuc": "Hộ tịch", "tu_ky_truoc": 0, "truc_tuyen": 2, "truc_tiep": 0,
                      "dung_han": 1, "qua_han": 1, "so_lieu_ky_truoc": {"tiep_nhan": 2}}]
    (folder / "don-vi" / "ba-to.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                                 encoding="utf-8")
    data["co_quan"]["ten"], data["co_quan"]["dia_danh"] = "Ủy ban nhân dân xã Bình Sơn", "Bình Sơn"
    small["dong"][0].update(truc_tuyen=100, dung_han=99, qua_han=1)
    (folder / "don-vi" / "binh-son.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                                    encoding="utf-8")
    listing = folder / "danh-sach.yaml"
    listing.write_text(re.sub(r"don_vi:.*", "don_vi:\n  - Xã Ba Tơ\n  - Xã Bình Sơn\n",
                              listing.read_text(encoding="utf-8"), flags=re.S), encoding="utf-8")
    code, _, err = run(capsys, "tong-hop", "--danh-sach", listing, folder / "don-vi" / "ba-to.yaml",
                       folder / "don-vi" / "binh-son.yaml", "--excel")
    assert code == 0, err
    rows = sheet_rows(folder / "tong-hop.xlsx", "ho_so", "ho_so_tthc")
    rate = Decimal(str(rows["hộ tịch"]["ty_le_dung_han"])) * 100
    assert rate.quantize(Decimal("0.01")) == percent(1 + 99, 2 + 100) == Decimal("98.04")
    assert rate.quantize(Decimal("0.01")) != (percent(1, 2) + percent(99, 100)) / 2
    code, _, err = run(capsys, "build", folder / "tong-hop.yaml", "-o", folder / "ra")
    assert code == 0, err
    cells = [normalise(c.text) for t in Document(folder / "ra" / "BC-tong-hop.docx").tables for r in t.rows for c in r.cells]
    assert "98,04" in cells and "74,5" not in cells and "74,50" not in cells


def test_the_unit_with_a_slip_is_named_at_its_own_line_and_nothing_is_written(folder, capsys):
    before = (folder / "tong-hop.yaml").read_bytes()
    code, out, err = combine(capsys, folder)
    assert code == 2 and out == ""
    assert (folder / "tong-hop.yaml").read_bytes() == before
    slip = folder / "don-vi" / "mo-duc.yaml"
    lines = slip.read_text(encoding="utf-8").splitlines()
    line = next(k for k, text in enumerate(lines, 1) if "truc_tuyen: 1.250" in text)
    column = lines[line - 1].index("1.250") + 1
    assert f"{slip}:{line}:{column}: lỗi: cột 'truc_tuyen': số đếm '1.250'" in err
    assert "Cách sửa: viết 1250" in err
    assert "Có lỗi, chưa tổng hợp: Xã Mộ Đức (1 lỗi)." in err and "--bo-qua-loi" in err


def test_the_missing_unit_is_listed(folder, capsys):
    code, _, err = combine(capsys, folder, "--bo-qua-loi")
    assert code == 1
    assert "Chưa báo cáo: Xã Sơn Tịnh." in err
    code, _, err = run(capsys, "build", folder / "tong-hop.yaml", "-o", folder / "ra")
    assert code == 0, err
    doc = Document(folder / "ra" / "BC-tong-hop.docx")
    state = {normalise(r.cells[1].text): normalise(r.cells[3].text) for t in doc.tables for r in t.rows
             if len(r.cells) == 4 and normalise(r.cells[0].text).isdigit()}
    assert state["Xã Sơn Tịnh"] == "Chưa báo cáo"
    assert state["Xã Mộ Đức"] == "Có lỗi, chưa tổng hợp (1 lỗi)"
    assert state["Phường Cẩm Thành"] == "Đã tổng hợp" and len(state) == 8
    body = normalise(" ".join(p.text for p in doc.paragraphs))
    assert "Đã tổng hợp số liệu của 6 trên 8 đơn vị phải báo cáo (75%); 1 đơn vị chưa báo cáo" in body


def test_exit_codes(folder, capsys, tmp_path):
    fix_the_slip(folder)
    listing = folder / "danh-sach.yaml"
    listing.write_text(listing.read_text(encoding="utf-8").replace("  - Xã Sơn Tịnh", "  # - Xã Sơn Tịnh"),
                       encoding="utf-8")
    code, _, err = combine(capsys, folder)
    assert code == 0, err  # every unit of the list combined
    assert "Tổng hợp quý III năm 2026: 7/7 đơn vị tổng hợp được, 2 bảng." in err
    # a file of a unit the list does not have: named at its co_quan.ten, nothing written
    stranger = folder / "don-vi" / "la-ha.yaml"
    text = (folder / "don-vi" / "ba-to.yaml").read_text(encoding="utf-8")
    stranger.write_text(text.replace("xã Ba Tơ", "xã La Hà").replace("dia_danh: Ba Tơ", "dia_danh: La Hà"),
                        encoding="utf-8")
    line = next(k for k, t in enumerate(stranger.read_text(encoding="utf-8").splitlines(), 1) if t.startswith("  ten:"))
    code, out, err = combine(capsys, folder)
    assert code == 2 and out == ""
    assert f"{stranger}:{line}:8: lỗi: đơn vị «Ủy ban nhân dân xã La Hà» không có trong danh sách danh-sach.yaml" in err
    stranger.unlink()
    # a list that is wrong: located in the list
    listing.write_text(listing.read_text(encoding="utf-8").replace("  loai: quy", "  loai: qui"), encoding="utf-8")
    code, _, err = combine(capsys, folder)
    assert code == 2 and re.search(rf"{re.escape(str(listing))}:\d+:\d+: lỗi: .*loai", err)
    # a data file given as the list
    code, _, err = run(capsys, "tong-hop", "--danh-sach", folder / "don-vi" / "ba-to.yaml", *units(folder))
    assert code == 2 and "không phải danh sách đơn vị" in err


def test_a_unit_reporting_another_period_is_listed_not_summed(folder, capsys):
    fix_the_slip(folder)
    ly_son = folder / "don-vi" / "ly-son.yaml"
    ly_son.write_text(ly_son.read_text(encoding="utf-8").replace("    so: 3\n", "    so: 2\n", 1)
                      .replace("14/09/2026", "14/06/2026").replace("15/06/2026", "15/03/2026"), encoding="utf-8")
    code, _, err = combine(capsys, folder, "--excel")
    assert code == 1, err
    assert "Báo cáo kỳ khác, chưa tổng hợp: Đặc khu Lý Sơn (quý II năm 2026)." in err
    got = sheet_rows(folder / "tong-hop.xlsx", "ho_so", "ho_so_tthc")
    assert "nông nghiệp, thủy sản" not in got  # Lý Sơn's own field left out with it
    sums, _ = independent_sums(folder, left_out=("ly-son.yaml",))
    assert got["tong"]["truc_tuyen"] == sum(v["truc_tuyen"] for v in sums.values())
    text = (folder / "tong-hop.yaml").read_text(encoding="utf-8")
    assert "{ma: ly_son, don_vi: Đặc khu Lý Sơn, cap: đặc khu, tinh_trang: 'Báo cáo kỳ khác, chưa tổng hợp (quý II năm 2026)'}" in text


def test_a_unit_without_previous_figures_leaves_the_combined_change_blank(folder, capsys):
    fix_the_slip(folder)
    path = folder / "don-vi" / "ba-to.yaml"
    text = re.sub(r", so_lieu_ky_truoc: \{tiep_nhan: \d+\}", "", path.read_text(encoding="utf-8"))
    path.write_text(text.replace(" (Tăng (+)/giảm (-) [=ho_so.tong.tang_giam] hồ sơ so với kỳ trước)", ""),
                    encoding="utf-8")
    code, _, err = combine(capsys, folder, "--excel")
    assert code == 1
    assert "bảng 'ho_so': Xã Ba Tơ chưa có số liệu kỳ trước" in err and "cảnh báo" in err
    got = sheet_rows(folder / "tong-hop.xlsx", "ho_so", "ho_so_tthc")
    assert got["tong"]["tang_giam"] is None and got["hộ tịch"]["tang_giam"] is None


def test_the_same_units_give_the_same_bytes_in_any_order(folder, capsys, tmp_path):
    """The committed combination is what the command makes now (regenerate it when this fails), and the
    order the files are given in changes nothing."""
    code, _, _ = combine(capsys, folder, "--bo-qua-loi")
    assert code == 1
    assert (folder / "tong-hop.yaml").read_bytes() == (SAMPLE / "tong-hop.yaml").read_bytes()
    (folder / "tong-hop.yaml").unlink()
    code, _, _ = run(capsys, "tong-hop", "--danh-sach", folder / "danh-sach.yaml", *reversed(units(folder)),
                     "--bo-qua-loi", "-j", "1")
    assert code == 1
    assert (folder / "tong-hop.yaml").read_bytes() == (SAMPLE / "tong-hop.yaml").read_bytes()


def test_diff_between_two_combinations_names_the_unit_that_changed(folder, capsys, tmp_path):
    code, _, _ = combine(capsys, folder, "--bo-qua-loi", "-o", tmp_path / "truoc.yaml")
    assert code == 1
    kon_tum = folder / "don-vi" / "kon-tum.yaml"
    kon_tum.write_text(kon_tum.read_text(encoding="utf-8").replace("truc_tuyen: 480,", "truc_tuyen: 495,"),
                       encoding="utf-8")
    fix_the_slip(folder)
    code, _, _ = combine(capsys, folder, "-o", tmp_path / "sau.yaml")
    assert code == 1
    code, out, err = run(capsys, "diff", tmp_path / "truoc.yaml", tmp_path / "sau.yaml")
    assert code == 0, err
    assert re.search(r"hàng «Phường Kon Tum», cột «Số hồ sơ tiếp nhận / Trực tuyến»: \[1\.180 → 1\.195\]", out)
    assert re.search(r"hàng «Xã Mộ Đức», cột «Tình trạng»: \[Có lỗi, chưa tổng hợp \(1 lỗi\) → Đã tổng hợp\]", out)
    assert "(hàng mới)" in out and "Xã Mộ Đức" in out  # its row in the per-unit table


# --- the pieces: list, matching, rows from a combination -----------------------------------------------

def test_units_are_recognised_by_name_whatever_the_spelling(folder, capsys):
    fix_the_slip(folder)
    listing = folder / "danh-sach.yaml"
    text = listing.read_text(encoding="utf-8")
    listing.write_text(text.replace("  - Xã Ba Tơ", "  - UBND xã  BA TƠ").replace("  - Phường Kon Tum",
                                                                                   "  - Ủy ban nhân dân phường Kon Tum"),
                       encoding="utf-8")
    path = folder / "don-vi" / "cam-thanh.yaml"  # the old placement of the tone mark: Uỷ
    path.write_text(path.read_text(encoding="utf-8").replace("ten: Ủy ban nhân dân phường", "ten: Uỷ ban nhân dân phường"),
                    encoding="utf-8")
    code, _, err = combine(capsys, folder)
    assert code == 1 and "Chưa báo cáo: Xã Sơn Tịnh." in err and "Có lỗi" not in err, err


def test_the_list_is_checked_at_its_lines(folder, capsys):
    listing = folder / "danh-sach.yaml"
    text = listing.read_text(encoding="utf-8") + "  - Phường Cẩm Thành\n  - {ten: Xã Khác, ma: ly_son}\n"
    listing.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    code, out, err = combine(capsys, folder)
    assert code == 2 and out == ""
    assert f"{listing}:{len(lines) - 1}:5: lỗi: đơn vị «Phường Cẩm Thành» ghi hai lần" in err
    assert f"{listing}:{len(lines)}:5: lỗi: mã đơn vị 'ly_son' trùng với mã của «Đặc khu Lý Sơn»" in err


def test_a_table_taken_from_another_file_is_located_in_that_file(folder, capsys):
    province = folder.parent / PROVINCE.name
    combined = folder / "tong-hop.yaml"
    text = combined.read_text(encoding="utf-8")
    combined.write_text(text.replace("truc_tuyen: 2035,", "truc_tuyen: 2.035,"), encoding="utf-8")
    line = next(k for k, t in enumerate(combined.read_text(encoding="utf-8").splitlines(), 1) if "2.035" in t)
    code, _, err = run(capsys, "build", province, "-o", folder / "ra")
    assert code == 2
    assert re.search(rf"{re.escape(str(combined))}:{line}:\d+: lỗi: cột 'truc_tuyen': số đếm '2.035'", err)
    combined.write_text(text, encoding="utf-8")
    province.write_text(province.read_text(encoding="utf-8").replace("bang: ho_so_don_vi}", "bang: ho_so_donvi}"),
                        encoding="utf-8")
    code, _, err = run(capsys, "build", province, "-o", folder / "ra")
    assert code == 2
    assert re.search(rf"{re.escape(str(province))}:\d+:\d+: lỗi: tệp quang-ngai-2026-quy3/tong-hop.yaml không có "
                     r"bảng mã 'ho_so_donvi'.*\n    Cách sửa: .*ho_so_don_vi", err)


def test_units_keeping_their_tables_in_excel_forms_are_combined_through_their_data_file(folder, capsys):
    """A unit that fills the Excel data form (`baocao bieu`) is read through its data file (excel: …),
    the same plan.prepare; a slip in the form is named at its workbook, sheet and cell."""
    fix_the_slip(folder)
    code, _, _ = combine(capsys, folder, "--excel", "-o", folder / "yaml.yaml")
    assert code == 1
    unit = folder / "don-vi" / "binh-son.yaml"
    assert run(capsys, "bieu", unit, "--kem-so-lieu", "-o", folder / "don-vi" / "binh-son.xlsx")[0] == 0
    text = unit.read_text(encoding="utf-8")
    start = text.index("            dong:\n", text.index("ma: ho_so"))
    end = text.index("\n\n", start)
    unit.write_text(text[:start] + "            excel: {tep: binh-son.xlsx, trang: ho_so}" + text[end:], encoding="utf-8")
    code, _, err = combine(capsys, folder, "--excel", "-o", folder / "excel.yaml")
    assert code == 1, err
    assert sheet_rows(folder / "excel.xlsx", "ho_so", "ho_so_tthc") == sheet_rows(folder / "yaml.xlsx", "ho_so", "ho_so_tthc")
    book = openpyxl.load_workbook(folder / "don-vi" / "binh-son.xlsx")
    sheet = book["ho_so"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == 210)  # Hộ tịch, trực tuyến
    cell.value = "nhiều"
    book.save(folder / "don-vi" / "binh-son.xlsx")
    code, _, err = combine(capsys, folder)
    assert code == 2
    assert f"binh-son.xlsx, trang «ho_so», ô {cell.coordinate}: lỗi:" in err


def test_the_combination_builds_as_a_document_with_the_sums_and_a_row_per_unit(folder, capsys):
    code, _, err = run(capsys, "build", folder / "tong-hop.yaml", "-o", folder / "ra")
    assert code == 0, err
    doc = Document(folder / "ra" / "BC-tong-hop.docx")
    headings = [normalise(p.text) for p in doc.paragraphs if p.text.isupper() and len(p.text) > 20]
    assert "TỔNG HỢP TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH CỦA CẤP XÃ" in headings
    assert "TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH CỦA CẤP XÃ THEO TỪNG ĐƠN VỊ" in headings
    per_unit = next(t for t in doc.tables if len(t.rows) > 2 and normalise(t.rows[-2].cells[1].text) == "Đặc khu Lý Sơn")
    sums = next(t for t in doc.tables if len(t.rows) > 2 and normalise(t.rows[-2].cells[1].text) == "Nông nghiệp, thủy sản")
    assert [normalise(c.text) for c in per_unit.rows[-1].cells][2:] == [normalise(c.text) for c in sums.rows[-1].cells][2:]


def test_the_reports_plan_watches_the_combination_and_ky_moi_points_it_out(folder, capsys):
    province = folder.parent / PROVINCE.name
    assert (folder / "tong-hop.yaml") in prepare(province).watched  # --watch rebuilds when it is made again
    code, out, err = run(capsys, "ky-moi", province, "-o", folder.parent / "quy4.yaml")
    assert code == 0, err
    assert "Bảng lấy dòng từ tệp số liệu tong-hop.yaml (lay_tu): ky-moi không sửa tệp đó" in out


def test_combinations_combine_again_one_level_up(folder, capsys, tmp_path):
    """What goes past one province: each province's combination is a data file of the same table
    kinds, so a list of provinces combines their combinations as it combines units (sums of sums)."""
    code, _, err = combine(capsys, folder, "--bo-qua-loi", "--excel")
    assert code == 1, err
    provinces = tmp_path / "ca-nuoc"
    provinces.mkdir()
    text = (folder / "tong-hop.yaml").read_text(encoding="utf-8")
    (provinces / "quang-ngai.yaml").write_text(text, encoding="utf-8")
    (provinces / "gia-lai.yaml").write_text(text.replace("tỉnh Quảng Ngãi", "tỉnh Gia Lai"), encoding="utf-8")
    listing = yaml.safe_load((folder / "danh-sach.yaml").read_text(encoding="utf-8"))
    listing["co_quan"] = {"ten": "Vụ Cải cách hành chính", "cap": "sở", "dia_danh": "Hà Nội",
                          "cap_tren": {"ten": "Bộ Nội vụ", "cap": "tỉnh", "in_o_dau": True}}
    listing["don_vi"] = ["Sở Nội vụ tỉnh Quảng Ngãi", "Sở Nội vụ tỉnh Gia Lai"]
    listing["bang"] = [{"ma": "ho_so", "ten": "Tình hình giải quyết hồ sơ thủ tục hành chính cấp xã"}]
    (provinces / "danh-sach.yaml").write_text(yaml.safe_dump(listing, allow_unicode=True), encoding="utf-8")
    code, _, err = run(capsys, "tong-hop", "--danh-sach", provinces / "danh-sach.yaml", provinces / "quang-ngai.yaml",
                       provinces / "gia-lai.yaml", "--excel")
    assert code == 0, err
    one = sheet_rows(folder / "tong-hop.xlsx", "ho_so", "ho_so_tthc")
    both = sheet_rows(provinces / "tong-hop.xlsx", "ho_so", "ho_so_tthc")
    assert set(both) == set(one)
    for field, row in one.items():
        assert {key: both[field][key] for key in COUNTS} == {key: 2 * row[key] for key in COUNTS}, field
        assert both[field]["ty_le_dung_han"] == row["ty_le_dung_han"]  # recomputed: twice the counts, the same rate
