"""Rules as data: the identities and bounds a table kind declares (templates/bang.yaml's kiem_tra),
a table's own, and the report's structured figures', each broken the way a clerk breaks it and
reported at the cell typed, with its fix line and what chap_nhan needs."""

from __future__ import annotations

import pytest

from conftest import SAMPLE_001, SAMPLE_002, with_previous_period
from generator.validate.rules import RuleError, parse
from test_checks import coded, edit, line_of, only, run
from test_excel_read import cell, good_build, refused

__all__ = ["good_build"]  # the workbook fixture of test_excel_read, used here too

TEXT_001 = SAMPLE_001.read_text(encoding="utf-8")
TEXT_002 = SAMPLE_002.read_text(encoding="utf-8")
DAT_DAI = '{ma: dat_dai, linh_vuc: "Đất đai", ky_truoc: 70, moi: 103, dung_han: 116, qua_han: 1, chua_den_han: 56}'
GIAO_DUC = '{linh_vuc: "Giáo dục và Đào tạo", moi: 14, dung_han: 14}'
TTHC = "{hieu_luc: 360, dung_thoi_gian: 360, cham: 0, mot_cua: 33, ngang: 1, doc: 32}"


def checked(tmp_path, text: str) -> list:
    with_previous_period(SAMPLE_001, tmp_path)
    return run(tmp_path, text)


def column_of(text: str, needle: str, key: str) -> int:
    """The column of `key`'s value on the line holding `needle`."""
    line = text.splitlines()[line_of(text, needle) - 1]
    return line.index(f"{key}: ") + len(key) + 3


def test_received_must_equal_resolved_plus_pending_row_by_row(tmp_path):
    """Seed 001's Đất đai row with 34 more files on time: 173 received, 151 resolved, 56 pending."""
    text = edit(TEXT_001, DAT_DAI, DAT_DAI.replace("dung_han: 116", "dung_han: 150"))
    f = only(checked(tmp_path, text), "tong")
    assert f.location.line == line_of(text, "Đất đai") and f.location.column == column_of(text, "Đất đai", "ky_truoc")
    assert f.message == ("bảng pl2_ho_so, dòng «Đất đai» (mã 'dat_dai'): «Số hồ sơ đã tiếp nhận › Tổng số» = 173 khác "
                         "«Kết quả giải quyết › Số hồ sơ đã giải quyết › Tổng số» + «Kết quả giải quyết › Số hồ sơ "
                         "đang giải quyết › Tổng số» = 151 + 56 = 207")
    assert "quy tắc tiep_nhan = da_giai_quyet + dang_giai_quyet" in f.hint and "sửa số sai" in f.hint
    assert "{kiem_tra: tong, o: pl2_ho_so.dat_dai.tiep_nhan, gia_tri: \"173 ≠ 207\"" in f.hint
    assert not coded(checked(tmp_path, text), "thanh_phan")  # one message for the one slip, and TỔNG CỘNG says nothing


def test_on_time_above_received_names_the_part(tmp_path):
    """100 received, 150 on time + 5 pending: "không thấy lỗi nào" before; now the part that exceeds."""
    text = edit(TEXT_001, GIAO_DUC, '{linh_vuc: "Giáo dục và Đào tạo", moi: 100, dung_han: 150, chua_den_han: 5}')
    found = checked(tmp_path, text)
    f = only(found, "thanh_phan")
    needle = 'Giáo dục và Đào tạo", moi: 100'
    assert (f.location.line, f.location.column) == (line_of(text, needle), column_of(text, needle, "dung_han"))
    assert "«Kết quả giải quyết › Số hồ sơ đã giải quyết › Tổng số» = 150 lớn hơn «Số hồ sơ đã tiếp nhận › Tổng số» = 100" \
        in f.message and "dòng «Giáo dục và Đào tạo»" in f.message
    assert "phần không thể lớn hơn toàn bộ" in f.hint
    assert not coded(found, "tong")


@pytest.mark.parametrize("typed, key, words", [  # a computed total is located at its first typed part
    ("cham: 0, mot_cua: 33", "dung_thoi_gian", "«Số TTHC đã được công bố (trong kỳ báo cáo) › Tổng số» = 365 lớn hơn «Số TTHC đang có hiệu lực» = 360"),
    ("cham: 0, mot_cua: 380", "mot_cua", "«Số TTHC được giải quyết theo cơ chế một cửa» = 380 lớn hơn «Số TTHC đang có hiệu lực» = 360"),
])
def test_tthc_published_or_one_stop_above_those_in_force(tmp_path, typed, key, words):
    text = edit(TEXT_001, TTHC, TTHC.replace("cham: 0, mot_cua: 33", typed if key == "mot_cua" else "cham: 5, mot_cua: 33"))
    f = only(checked(tmp_path, text), "thanh_phan")
    assert f.message == f"bảng pl2_tthc: {words}" and f.location.column == column_of(text, "hieu_luc: 360", key)
    assert f.subject == f"pl2_tthc.dong1.{'cong_bo' if key == 'dung_thoi_gian' else 'mot_cua'}"


def test_staff_in_post_above_staff_assigned(tmp_path):
    row = "{giao_hc: 76, giao_hd: 4, giao_sn: 649, co_hc: 69, co_hd: 4, co_sn: 624}"
    text = edit(TEXT_001, row, row.replace("co_hc: 69", "co_hc: 79"))
    f = only(checked(tmp_path, text), "thanh_phan")
    assert f.location.line == line_of(text, "giao_hc: 76") and "= 79 lớn hơn" in f.message and "= 76" in f.message


def test_online_services_above_their_totals_in_a_commune_table(tmp_path):
    text = edit(TEXT_002, "hs4_online: 224, hs4: 284", "hs4_online: 294, hs4: 284")
    f = only(run(tmp_path, text), "thanh_phan")
    assert f.location.line == line_of(text, "hs4_online: 294") and "«Tổng số HS online MĐ 4» = 294 lớn hơn" in f.message


def test_samples_keep_every_rule():
    """The rules the shipped kinds declare hold on every sample (and would flag a slip, above)."""
    from generator.validate.table_kinds import load_kinds
    declared = {name: [r.text for r in kind.rules] for name, kind in load_kinds().items() if kind.rules}
    assert {"ho_so_linh_vuc", "ho_so_xa", "tthc_tham_quyen", "bien_che", "dvc_xa"} <= set(declared)
    assert "tiep_nhan = da_giai_quyet + dang_giai_quyet" in declared["ho_so_linh_vuc"]


def test_a_rule_broken_in_a_workbook_is_located_at_its_cell(good_build, tmp_path, capsys):
    found = refused(good_build, tmp_path, capsys, lambda b: b["Hồ sơ"].__setitem__("F6", 240))
    assert found == [cell("ô F6") + "bảng ho_so, dòng «Đất đai» (mã 'dat_dai'): «Kết quả giải quyết › Số hồ sơ đã giải "
                     "quyết › Tổng số» = 241 lớn hơn «Số hồ sơ đã tiếp nhận › Tổng số» = 238"]


def test_a_tables_own_rule_compares_two_named_rows(tmp_path):
    """`kiem_tra` of one table: the tasks completed are no more than the tasks planned (seed 001's
    indicator table, rows named by code)."""
    text = edit(TEXT_001, "{chi_tieu: Số nhiệm vụ đã hoàn thành, don_vi: Nhiệm vụ, so_lieu: 12}",
                "{ma: hoan_thanh, chi_tieu: Số nhiệm vụ đã hoàn thành, don_vi: Nhiệm vụ, so_lieu: 12}")
    text = edit(text, "{chi_tieu: Số nhiệm vụ đề ra trong kế hoạch", "{ma: de_ra, chi_tieu: Số nhiệm vụ đề ra trong kế hoạch")
    text = edit(text, "            ma: pl1\n", "            ma: pl1\n            kiem_tra: [hoan_thanh.so_lieu <= de_ra.so_lieu]\n")
    assert not coded(checked(tmp_path, text), "thanh_phan")
    broken = edit(text, "don_vi: Nhiệm vụ, so_lieu: 12}", "don_vi: Nhiệm vụ, so_lieu: 40}")
    f = only(checked(tmp_path, broken), "thanh_phan")
    assert f.location.line == line_of(broken, "so_lieu: 40")
    assert "«Số nhiệm vụ đã hoàn thành › Số liệu» = 40 lớn hơn «Số nhiệm vụ đề ra trong kế hoạch › Số liệu» = 34" in f.message


@pytest.mark.parametrize("rule, words", [
    ("tiep_nhan = ", "mỗi vế cần ít nhất một mã cột"),
    ("tiep_nhan da_giai_quyet", "cần đúng một dấu so sánh"),
    ("Tiep_nhan <= x", "không phải mã cột"),
])
def test_a_rule_that_does_not_read_is_refused_in_vietnamese(rule, words):
    with pytest.raises(RuleError, match=words):
        parse(rule)


def test_a_rule_naming_a_column_the_kind_lacks_is_located_in_bang_yaml(tmp_path):
    from test_table_errors import kinds_errors
    out = kinds_errors(tmp_path, "ho_so_linh_vuc:\n  kiem_tra:\n    - tiep_nhan = da_giai_quyet + dang_giai_quyett\n"
                                 "  cot:\n    - {ma: linh_vuc, ten: Lĩnh vực, kieu: chu}\n"
                                 "    - {ma: tiep_nhan, ten: Tiếp nhận}\n    - {ma: da_giai_quyet, ten: Đã giải quyết}\n"
                                 "    - {ma: dang_giai_quyet, ten: Đang giải quyết}\n")
    assert ":3:7:" in out and "kiểu bảng không có cột 'dang_giai_quyett'" in out and "dang_giai_quyet" in out


def test_a_total_row_typed_where_baocao_adds_its_own_would_count_twice(tmp_path):
    hoa = '{linh_vuc: "Hộ tịch", ky_truoc: 5, moi: 235, dung_han: 236, chua_den_han: 4}'
    text = edit(TEXT_001, hoa, hoa + '\n                      - {linh_vuc: "TỔNG CỘNG:", ky_truoc: 183, moi: 1877, dung_han: 1986, '
                                     'qua_han: 3, chua_den_han: 71}')
    f = only(checked(tmp_path, text), "bang")
    assert f.location.line == line_of(text, "TỔNG CỘNG:\", ky_truoc")
    assert "dòng «TỔNG CỘNG:» gõ trong số liệu, nhưng baocao tự cộng dòng «TỔNG CỘNG»" in f.message
    assert f.hint.startswith("xóa dòng này")


def test_a_typed_total_row_of_a_one_off_table_equals_its_rows(tmp_path):
    """A table whose kind is declared in the data (no TỔNG CỘNG of its own) types the seed's total row:
    9.917 received where the rows add up to 9.944."""
    table = """
        - bang:
            kieu:
              cot:
                - {ma: linh_vuc, ten: Lĩnh vực, kieu: chu}
                - {ma: tiep_nhan, ten: Tiếp nhận}
                - {ma: da_giai_quyet, ten: Đã giải quyết}
              kiem_tra: [da_giai_quyet <= tiep_nhan]
            dong:
              - {linh_vuc: Chứng thực, tiep_nhan: 9000, da_giai_quyet: 8990}
              - {linh_vuc: Hộ tịch, tiep_nhan: 944, da_giai_quyet: 940}
              - {linh_vuc: Tổng cộng, tiep_nhan: 9917, da_giai_quyet: 9930}
"""
    anchor = "      so_lieu_tu: 01/01/2021\n      so_lieu_den: 28/02/2021\n"
    text = edit(TEXT_001, anchor, anchor + "      noi_dung:" + table)
    found = checked(tmp_path, text)
    total = only(found, "tong")
    assert total.location.line == line_of(text, "Tổng cộng, tiep_nhan: 9917")
    assert "dòng «Tổng cộng» ghi «Tiếp nhận» = 9.917, khác tổng các dòng của bảng = 9.944" in total.message
    bound = only(found, "thanh_phan")  # the typed total row obeys the kind's rules too
    assert "«Đã giải quyết» = 9.930 lớn hơn «Tiếp nhận» = 9.917" in bound.message


def test_a_total_the_clerks_sheet_computes_is_compared_with_its_parts(good_build, tmp_path, capsys):
    """The clerk's sheet keeps its own «Tổng số» columns (=SUM of the parts, or typed): baocao prints
    its own sums, so a sheet saying 203 resolved where on time + late make 202 is told at its cell."""
    def totals(book):
        book["Hồ sơ"]["E6"] = 203  # resolved: 201 on time + 1 late
        book["Hồ sơ"]["E5"] = 159  # agrees: said nothing
    found = refused(good_build, tmp_path, capsys, totals)
    assert found == [cell("ô E6") + "bảng ho_so, dòng «Đất đai» (mã 'dat_dai'): bảng tính ghi «Kết quả giải quyết › "
                     "Số hồ sơ đã giải quyết › Tổng số» = 203 nhưng «Trả đúng hạn» + «Trả quá hạn» = 202; văn bản in 202"]
