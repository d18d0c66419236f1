"""Mistakes in a table of the data file: located, in Vietnamese, all at once, nothing written.

The broken files are seed 001's data file with one text edit each, so every expected line
number is computed from the edited text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_all, with_previous_period
from generator.errors import UserError
from generator.validate.table_kinds import load_kinds
from test_cli_errors import edit, findings, line_of, run_cli, snapshot

REPO = Path(__file__).resolve().parent.parent
SEED_001 = REPO / "data" / "an-lao-2021-quy1.yaml"
OUTPUT = "BC-bao-cao.docx"


def placed(tmp_path, text: str) -> Path:
    """`text` as a data file in `tmp_path`, beside the previous period's file seed 001 names."""
    data = tmp_path / "bao-cao.yaml"
    with_previous_period(SEED_001, tmp_path)
    data.write_text(text, encoding="utf-8")
    return data


def refused(tmp_path, capsys, text: str):
    """Build a good document first, then the broken data into the same folder: exit 2, located findings,
    the good document unchanged."""
    data = tmp_path / "bao-cao.yaml"
    out = tmp_path / "ra"
    with_previous_period(SEED_001, tmp_path)
    data.write_text(SEED_001.read_text(encoding="utf-8"), encoding="utf-8")
    assert run_cli(capsys, "build", data, "-o", out).code == 0
    before = snapshot(out)
    data.write_text(text, encoding="utf-8")
    result = run_cli(capsys, "build", data, "-o", out)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert snapshot(out) == before
    return findings(result.err, data)


SEED = SEED_001.read_text(encoding="utf-8")
HO_SO = "{linh_vuc: \"Kinh doanh khí\", moi: 1, dung_han: 1}"


def test_unknown_column_names_the_line_and_the_close_code(tmp_path, capsys):
    text = edit(SEED, HO_SO, HO_SO.replace("dung_han", "dung_hn"))
    found = refused(tmp_path, capsys, text)
    assert [(f.line, f.message) for f in found] == [
        (line_of(text, "Kinh doanh khí"), "bảng kiểu 'ho_so_linh_vuc' không có cột 'dung_hn'")]
    assert "có phải ý bạn là 'dung_han'?" in found[0].hint


def test_a_derived_cell_is_never_typed(tmp_path, capsys):
    text = edit(SEED, HO_SO, HO_SO.replace("moi: 1,", "moi: 1, tiep_nhan: 1,"))
    found = refused(tmp_path, capsys, text)
    assert len(found) == 1 and found[0].line == line_of(text, "Kinh doanh khí")
    assert "do baocao tự tính" in found[0].message


def test_counts_are_whole_and_not_negative_and_all_mistakes_come_together(tmp_path, capsys):
    text = edit(SEED, HO_SO, HO_SO.replace("moi: 1,", "moi: -1,"))
    text = edit(text, "{linh_vuc: \"Môi trường\", moi: 1,", "{linh_vuc: \"Môi trường\", moi: 1.5,")
    found = refused(tmp_path, capsys, text)
    assert [f.line for f in found] == [line_of(text, "Kinh doanh khí"), line_of(text, "Môi trường")]
    assert "số đếm không âm, nhưng đang là -1" in found[0].message
    assert "cần một số nguyên" in found[1].message


def test_unknown_table_kind(tmp_path, capsys):
    text = edit(SEED, "kieu: ho_so_linh_vuc", "kieu: ho_so_linh_vu")
    found = refused(tmp_path, capsys, text)
    assert [(f.line, f.message) for f in found] == [(line_of(text, "kieu: ho_so_linh_vu"),
                                                     "không có kiểu bảng 'ho_so_linh_vu'")]
    assert "có phải ý bạn là 'ho_so_linh_vuc'?" in found[0].hint


def test_cells_citing_each_other_in_a_circle_are_refused(tmp_path, capsys):
    text = edit(SEED, "tinh_gian_ke_hoach: 1}", "tinh_gian_ke_hoach: =pl2_bo_may.tinh_gian, tinh_gian: =pl2_bo_may.tinh_gian_ke_hoach}")
    found = refused(tmp_path, capsys, text)
    assert found and all("vòng tròn" in f.message for f in found)


def kinds_errors(tmp_path, text: str) -> str:
    """The findings, as printed, of a table-kinds file holding `text`."""
    kinds = tmp_path / "bang.yaml"
    kinds.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_kinds(kinds)
    return caught.value.format()


def test_bad_table_kinds_file_is_located(tmp_path):
    text = kinds_errors(tmp_path, "bang_x:\n  cot:\n    - {ma: a, ten: A}\n    - {ma: b, ten: B, tong: [a, c]}\n"
                                  "bang_y:\n  stt: abc\n  cot:\n    - {ten: Thiếu mã}\n")
    kinds = tmp_path / "bang.yaml"
    assert f"{kinds}:4:7: lỗi: kiểu bảng 'bang_x': cột 'b' tính từ cột 'c' không có" in text
    assert f"{kinds}:6:8: lỗi: kiểu bảng 'bang_y': stt 'abc' không có" in text
    assert f"{kinds}:8:7: lỗi: kiểu bảng 'bang_y': cột cần 'ma'" in text


def test_a_comma_inside_unquoted_text_gets_its_own_hint(tmp_path, capsys):
    text = edit(SEED, '{linh_vuc: "Quy hoạch, kiến trúc",', "{linh_vuc: Quy hoạch, kiến trúc,")
    found = refused(tmp_path, capsys, text)
    assert [(f.line, f.message) for f in found] == [
        (line_of(text, "Quy hoạch, kiến trúc"), "bảng kiểu 'ho_so_linh_vuc' không có cột 'kiến trúc'")]
    assert "dấu phẩy phải đặt trong dấu nháy" in found[0].hint


# --- baocao check on tables: a part larger than its whole --------------------------------------------

SEED_002 = REPO / "data" / "kim-thach-2023-6thang.yaml"


def checked(tmp_path, capsys, text: str):
    data = placed(tmp_path, text)
    result = run_cli(capsys, "check", data)
    assert "Traceback" not in result.err + result.out
    return result, findings(result.out + result.err, data)


def test_samples_have_no_table_findings(tmp_path, capsys):
    for sample in (SEED_001, SEED_002):
        result, found = checked(tmp_path, capsys, sample.read_text(encoding="utf-8"))
        assert result.code == 0 and found == []


@pytest.mark.parametrize("old, new, line_needle, message", [
    ("- chi_tieu: Tổng số đơn vị sự nghiệp công lập trên địa bàn tỉnh\n",
     "- chi_tieu: Tổng số đơn vị sự nghiệp công lập trên địa bàn tỉnh\n                      so_lieu: 3\n",
     "{chi_tieu: Số DVSNCL thuộc UBND tỉnh", "bảng pl1: dòng «trong đó» 5, lớn hơn tổng 3 của dòng trên"),
    (HO_SO, HO_SO.replace("dung_han", "dung_hn"), "Kinh doanh khí",
     "bảng kiểu 'ho_so_linh_vuc' không có cột 'dung_hn'"),
    ("don_vi: Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2, so_lieu: 0}",
     "don_vi: Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2, so_lieu: 3}", "Kết hợp = 2, so_lieu: 3",
     "bảng pl1: 3 không phải một mã trả lời (Trực tuyến = 0, Phát phiếu = 1, Kết hợp = 2)"),
    ("so_lieu_den: 28/01/2021", "so_lieu_den: 28/01/2020", "so_lieu_den: 28/01/2020",
     "khoảng số liệu từ 01/01/2021 đến 28/01/2020 kết thúc trước khi bắt đầu"),
])
def test_check_finds_one_slip_in_a_table_or_span(tmp_path, capsys, old, new, line_needle, message):
    """Each a seed 001 file with one slip: `baocao check` exits 2 with that one finding, on its line
    (the table cell mistake is the same one `build` refuses)."""
    text = edit(SEED, old, new)
    result, found = checked(tmp_path, capsys, text)
    assert result.code == 2
    assert [(f.line, f.message) for f in found] == [(line_of(text, line_needle), message)]


def test_trong_do_rows_in_percent_are_not_added_to_counts(tmp_path, capsys):
    text = edit(SEED, "{chi_tieu: Tỷ lệ DVSNCL đã cắt giảm so với năm 2015, don_vi: '%', nghieng: true}",
                "{chi_tieu: Tỷ lệ DVSNCL đã cắt giảm so với năm 2015, don_vi: '%', so_lieu: 40, nghieng: true}")
    text = edit(text, "- chi_tieu: Tổng số đơn vị sự nghiệp công lập trên địa bàn tỉnh\n",
                "- chi_tieu: Tổng số đơn vị sự nghiệp công lập trên địa bàn tỉnh\n"
                "                      so_lieu: 5\n")
    result, found = checked(tmp_path, capsys, text)
    assert result.code == 0 and found == []


def test_a_part_above_its_whole_gives_a_negative_difference_and_a_rate_above_100(tmp_path, capsys):
    text = edit(SEED_002.read_text(encoding="utf-8"), "co_so_hoa: 527,", "co_so_hoa: 700,")
    text = edit(text, "co_so_hoa_kq: 647}", "co_so_hoa_kq: 660}")
    result, found = checked(tmp_path, capsys, text)
    assert result.code == 2
    messages = sorted(f.message for f in found)
    assert messages == sorted([
        "bảng so_hoa: «Số hồ sơ có số hoá thành phần HS» = 700 lớn hơn «Số hồ sơ tiếp nhận» = 673 "
        "(cột «Số hồ sơ chưa số hoá TPHS» ra số âm -27)",
        "bảng so_hoa: «Tỷ lệ số hoá kết quả hồ sơ» tính ra 101,38%, quá 100%",
        "bảng so_hoa: «Số hồ sơ có số hoá kết quả» = 660 lớn hơn «Số hồ sơ đã giải quyết» = 651 "
        "(cột «Số hồ sơ chưa số hoá kết quả TTHC» ra số âm -9)",
    ])
    assert {f.line for f in found} == {line_of(text, "co_so_hoa: 700")} | {line_of(text, "co_so_hoa_kq: 660")}


def test_a_span_in_prose_that_ends_after_the_period(tmp_path, capsys):
    text = edit(SEED, "UBND huyện An Lão báo cáo kết quả công tác Cải cách hành chính quý I/2021",
                "UBND huyện An Lão báo cáo kết quả (số liệu từ ngày 01/01/2021 đến ngày 15/5/2021) công tác "
                "Cải cách hành chính quý I/2021")
    result, found = checked(tmp_path, capsys, text)
    assert result.code == 2
    line = line_of(text, "đến ngày 15/5/2021")
    assert [(f.line, f.column, f.message) for f in found] == [
        (line, text.splitlines()[line - 1].index("từ ngày 01/01/2021") + 1,
         "khoảng số liệu từ 01/01/2021 đến 15/5/2021 kết thúc sau kỳ báo cáo (31/3/2021)")]


def test_the_seed_002_backwards_span_is_found_and_accepted(tmp_path, capsys):
    text = SEED_002.read_text(encoding="utf-8")
    result, _ = checked(tmp_path, capsys, text)
    spans = [line for line in (result.out + result.err).splitlines() if "15/12/2023 đến 12/6/2023" in line]
    assert len(spans) == 2 and all("cảnh báo" in line and "đã chấp nhận" in line for line in spans)


# --- odd input found by review: located errors, never a traceback or a silent wrong figure -----------

BIEN_CHE = "{giao_hc: 76, giao_hd: 4, giao_sn: 649, co_hc: 69, co_hd: 4, co_sn: 624}"
CBX = '{tieu_chi: "Số cán bộ, công chức cấp xã được bồi dưỡng chuyên môn, nghiệp vụ", tong_so: 0}'
BO_MAY = "tinh_gian_ke_hoach: 1}"  # the bộ máy row; a row may still type its previous figures (so_lieu_ky_truoc)


@pytest.mark.parametrize("old, new, line_needle, words", [
    (BIEN_CHE, BIEN_CHE[:-1] + ", con: 5}", "giao_hc: 76", "'con' cần là danh sách các dòng"),
    (BIEN_CHE, BIEN_CHE[:-1] + ", trong_do: abc}", "giao_hc: 76", "'trong_do' cần là danh sách các dòng"),
    (BO_MAY, "tinh_gian_ke_hoach: 1, so_lieu_ky_truoc: [1, 2]}", "so_lieu_ky_truoc: [1, 2]",
     "cần là nhóm số liệu kỳ trước"),
    (BO_MAY, "tinh_gian_ke_hoach: 1, so_lieu_ky_truoc: {phongg: 13}}", "phongg: 13", "không có cột 'phongg' để so sánh"),
    (BO_MAY, "tinh_gian_ke_hoach: 1, so_lieu_ky_truoc: {lanh_dao: '2'}}", "lanh_dao: '2'", "cần là số nguyên không âm"),
    (CBX, CBX[:-1] + ", ghi_chu: '5*3 và *x'}", "5*3 và *x", "chữ trong ô"),
    (CBX, CBX[:-1] + ", dam: 'no'}", "dam: 'no'", "'dam' cần là true hoặc false"),
    ('{linh_vuc: "Hộ tịch",', '{ma: dat_dai, linh_vuc: "Hộ tịch",', '{ma: dat_dai, linh_vuc: "Hộ tịch"',
     "mã dòng 'dat_dai' đã dùng ở dòng"),
    ('{linh_vuc: "Hộ tịch",', '{ma: tong, linh_vuc: "Hộ tịch",', '{ma: tong, linh_vuc: "Hộ tịch"',
     "mã dòng 'tong' không dùng được"),
])
def test_odd_rows_are_located_errors(tmp_path, capsys, old, new, line_needle, words):
    text = edit(SEED, old, new)
    found = refused(tmp_path, capsys, text)
    assert found and words in found[0].message
    assert found[0].line == line_of(text, line_needle)


def test_a_total_counts_the_rows_of_a_group(tmp_path):
    from test_tables import body_rows, data_tables
    text = edit(SEED, '{linh_vuc: "Kinh doanh khí", moi: 1, dung_han: 1}',
                '{linh_vuc: Nhóm, con: [{linh_vuc: A, moi: 1000, dung_han: 1000}, {linh_vuc: B, moi: 500, dung_han: 500}]}')
    data = placed(tmp_path, text)
    (docx,) = build_all(data, tmp_path / "ra")
    total = body_rows(data_tables(docx)[3])[-1]
    assert total[:4] == ["TỔNG CỘNG:", "3.559", "171", "3.388"]  # 2.060 - 1 + 1.500; 1.889 - 1 + 1.500


def test_a_group_adding_its_rows_takes_no_typed_figure(tmp_path, capsys):
    text = edit(SEED, "cong_con: true", "cong_con: true\n                    so_luong: 7")
    found = refused(tmp_path, capsys, text)
    assert [f.line for f in found] == [line_of(text, "so_luong: 7")]
    assert "không gõ số ở cột 'so_luong'" in found[0].message


@pytest.mark.parametrize("old, new, words", [
    ("[=pl2_cntt.md3_ho_so]", "[=pl2_cntt.md3_hoso]", "bảng 'pl2_cntt' không có cột 'md3_hoso'"),
    ("[=pl2_cntt.md3_ho_so]", "[=pl2_cnt.md3_ho_so]", "không có bảng nào mã 'pl2_cnt'"),
    ("[=pl2_cntt.md3_ho_so]", "[=pl2_cntt.md3_ho_so|so_chu]", "không có cách in 'so_chu'"),
    ("[=pl2_cntt.md3_ho_so]", "[=PL2_cntt.md3_ho_so]", "viết sai"),
    ("[=pl2_cntt.md3_ho_so]", "[=pl2_cntt.md3_ho_so", "thiếu dấu ']'"),
    ("[=pl2_cntt.md3_ho_so]", "[=pl2_ho_so.dat_dai.dang_qua_han]", "ô này đang trống"),
])
def test_prose_citations_that_cannot_print_are_errors(tmp_path, capsys, old, new, words):
    text = edit(SEED, old, new)
    found = refused(tmp_path, capsys, text)
    assert len(found) == 1 and words in found[0].message
    line = line_of(text, new)
    assert (found[0].line, found[0].column) == (line, text.splitlines()[line - 1].index(new) + 1)


def test_citations_in_appendix_titles_and_text_cells(tmp_path):
    from test_tables import body_rows, data_tables
    text = edit(SEED, "- THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH HUYỆN AN LÃO\n",
                "- THỐNG KÊ [=pl2_tthc.hieu_luc] THỦ TỤC\n")
    text = edit(text, "ghi_chu: Cấp huyện 282/360}", "ghi_chu: \"Cấp huyện 282/[=pl2_tthc.hieu_luc]\"}")
    data = placed(tmp_path, text)
    (docx,) = build_all(data, tmp_path / "ra")
    from docx import Document
    assert "THỐNG KÊ 360 THỦ TỤC" in [p.text for p in Document(docx).paragraphs]
    assert body_rows(data_tables(docx)[-1])[0][-1] == "Cấp huyện 282/360"


def test_a_link_brings_a_value_of_its_columns_kind(tmp_path, capsys):
    text = edit(SEED, BIEN_CHE, BIEN_CHE.replace("giao_hc: 76", "giao_hc: =pl2_tc.tu_bao_dam_tx.noi_dung"))
    found = refused(tmp_path, capsys, text)
    assert found and found[0].line == line_of(text, "giao_hc: =pl2_tc") and "cần một số nguyên" in found[0].message


def test_two_tables_with_one_code(tmp_path, capsys):
    text = edit(SEED, "ma: pl2_cbx", "ma: pl2_vtvl")
    first, second = (i + 1 for i, line in enumerate(text.splitlines()) if line.strip() == "ma: pl2_vtvl")
    found = refused(tmp_path, capsys, text)
    assert [(f.line, f.message) for f in found] == [(second, f"mã bảng 'pl2_vtvl' đã dùng cho bảng ở dòng {first}")]


def test_a_fourth_outline_level_is_refused(tmp_path, capsys):
    text = edit(SEED, "      - tieu_de: Công tác tuyên truyền, phổ biến giáo dục pháp luật\n",
                "      - tieu_de: Công tác tuyên truyền, phổ biến giáo dục pháp luật\n"
                "        muc:\n          - tieu_de: Cấp bốn\n            noi_dung: Đoạn văn.\n")
    found = refused(tmp_path, capsys, text)
    assert [(f.line, f.message[:24]) for f in found] == [(line_of(text, "Cấp bốn"), "mục này ở cấp thứ tư: bá")]


@pytest.mark.parametrize("column, words", [
    ("{ma: a, ten: A, rong: rộng}", "độ rộng 'rong' cần là một số lớn hơn 0"),
    ("{ma: a, ten: A, rong: -5}", "độ rộng 'rong' cần là một số lớn hơn 0"),
    ("{ma: a, ten: A, so_le: hai, ty_le: [b, b]}", "'so_le' cần là số chữ số thập phân"),
    ("{ma: a, ten: A, tong: 5}", "'tong' cần là danh sách mã cột"),
    ("{ma: a, ten: A, ty_le: [b]}", "'ty_le' cần đúng hai phần"),
    ("{ma: a, ten: A, hieu: [b, b, b]}", "'hieu' cần đúng hai mã cột"),
    ("{ma: a, ten: 'Ghi *chú'}", "chữ tiêu đề"),
    ("{ma: a, ten: A, tong: [a, b]}", "các cột tự tính vòng tròn: a → a"),
])
def test_bad_column_declarations_are_located(tmp_path, column, words):
    text = kinds_errors(tmp_path, f"bang_x:\n  cot:\n    - {{ma: b, ten: B}}\n    - {column}\n")
    assert f"{tmp_path / 'bang.yaml'}:4:" in text and words in text, text


def test_empty_or_numberless_total_kinds_file(tmp_path):
    empty = tmp_path / "rong.yaml"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(UserError, match="tệp kiểu bảng rỗng"):
        load_kinds(empty)
    kinds = tmp_path / "bang.yaml"
    kinds.write_text("bang_x:\n  dong_tong: 5\n  cot:\n    - {ma: b, ten: B}\n", encoding="utf-8")
    with pytest.raises(UserError, match="'dong_tong' cần là chữ"):
        load_kinds(kinds)


def test_an_empty_table_is_one_finding(tmp_path, capsys):
    text = edit(SEED, "              dong:\n                - {giao_hc: 76, giao_hd: 4, giao_sn: 649, co_hc: 69, co_hd: 4, co_sn: 624}",
                "              dong: []")
    found = refused(tmp_path, capsys, text)
    assert [(f.line, f.message.split("' ")[-1]) for f in found] == [(line_of(text, "dong: []"), "cần ít nhất 1 mục")]


def test_a_renamed_column_code_is_pointed_back(tmp_path):
    text = kinds_errors(tmp_path, "bang_x:\n  cot:\n    - {ma: tong_so, ten: T, tong: [moi, cu]}\n"
                                  "    - {ma: moii, ten: Mới}\n    - {ma: cu, ten: Cũ}\n")
    assert "nếu mã cột 'moi' vừa bị đổi thành 'moii' (dòng 4), hãy đổi lại thành 'moi'" in text


def test_a_day_not_on_the_calendar_and_a_word_file_given_as_data(tmp_path, capsys):
    text = edit(SEED, "so_lieu_den: 28/01/2021", "so_lieu_den: 31/02/2021")
    found = refused(tmp_path, capsys, text)
    assert [(f.line, f.message.split(": ", 1)[1]) for f in found] == [
        (line_of(text, "31/02/2021"), "'31/02/2021' không có trên lịch: tháng 2/2021 không có ngày 31")]
    docx = tmp_path / "ra" / "BC-bao-cao.docx"
    result = run_cli(capsys, "build", docx)
    assert result.code == 2 and "Traceback" not in result.err
    assert f"{docx}: lỗi: đây là một tệp nén hay tệp Word (.docx), không phải tệp số liệu YAML." in result.err


def test_outline_headings_typed_with_numbers_or_with_nothing_under_them(tmp_path, capsys):
    text = edit(SEED, "  - tieu_de: CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
                "  - tieu_de: I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH")
    text = edit(text, "  - tieu_de: KIẾN NGHỊ, ĐỀ XUẤT\n", "  - tieu_de: MỤC TRỐNG\n  - tieu_de: KIẾN NGHỊ, ĐỀ XUẤT\n")
    data = placed(tmp_path, text)
    result = run_cli(capsys, "check", data)
    assert result.code == 2  # the lone heading is an error, the typed number a warning
    printed = (result.out + result.err).splitlines()
    warnings = [line for line in printed if ": cảnh báo: " in line]
    errors = [line for line in printed if ": lỗi: " in line]
    assert any(f":{line_of(text, 'I. CÔNG TÁC CHỈ ĐẠO')}:" in line and "có gõ số thứ tự" in line for line in warnings)
    assert [line for line in errors if "không có nội dung nào bên dưới" in line and f":{line_of(text, 'MỤC TRỐNG')}:" in line]


# --- found by fuzzing the command: located errors, never a traceback ---------------------------------

@pytest.mark.parametrize("old, new, words", [
    ("co_quan:\n", "Ghi_chu: x\nco_quan:\n", "khóa lạ 'Ghi_chu'"),  # a capitalised key: no IndexError
    ("  ky_hieu: BC-UBND\n", "  Ky_hieu: BC-UBND\n", "khóa lạ 'Ky_hieu' trong mục 'bao_cao'"),
    ("Nhiệm vụ, so_lieu: 34}", "Nhiệm vụ, so_lieu: 1e400}", "số quá lớn"),
    ("  ky_hieu: BC-UBND\n", "  ky_hieu: BC-UBND\n  ten_tep: ..\n", "không dùng được làm tên tệp"),
    ("  ky_hieu: BC-UBND\n", "  ky_hieu: BC-UBND\n  ten_tep: bao-cao.docx\n", "không dùng được làm tên tệp"),
    ("so_lieu: =pl2_vtvl.bo_tri_cc.so_luong}", "so_lieu: =pl2_vtvl.khong_co.so_luong}", "không chỉ tới một ô"),
])
def test_check_and_build_locate_what_fuzzing_found(tmp_path, capsys, old, new, words):
    text = edit(SEED, old, new)
    result, found = checked(tmp_path, capsys, text)  # check reports what build would refuse
    assert result.code == 2 and any(words in f.message for f in found), result.out + result.err
    found = refused(tmp_path, capsys, text)
    assert any(words in f.message for f in found)


def test_odd_values_that_once_crashed_now_build(tmp_path, capsys):
    long_title = "công tác cải cách hành chính " * 12  # over 255 characters: the core properties' limit
    text = edit(SEED, "    - Công tác cải cách hành chính quý I\n", f"    - {long_title.strip()}\n")
    text = edit(text, "so_lieu: 5, nghieng: true}", "so_lieu: -3, nghieng: true}")  # cited with |so_dem
    data = placed(tmp_path, text)
    result = run_cli(capsys, "build", data, "-o", tmp_path / "ra")
    assert result.code == 0 and "Traceback" not in result.err
    from docx import Document
    doc = Document(tmp_path / "ra" / "BC-bao-cao.docx")
    assert len(doc.core_properties.title) == 255
    assert any("có [=" not in p.text and "; -3 đơn vị" in p.text for p in doc.paragraphs)


def test_two_data_files_never_write_one_document(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        placed(tmp_path / folder, SEED)
    result = run_cli(capsys, "build", tmp_path / "a" / "bao-cao.yaml", tmp_path / "b" / "bao-cao.yaml",
                     "-o", tmp_path / "ra")
    assert result.code == 2
    assert "một tệp số liệu khác trong cùng lệnh vừa ghi ra tệp này" in result.err
    assert not (tmp_path / "ra" / ".truoc").exists()  # the first document was not replaced by the second


def test_deep_nesting_and_a_broken_docx_in_diff(tmp_path, capsys):
    deep = tmp_path / "sau.yaml"
    deep.write_text("co_quan: " + "[" * 600 + "]" * 600 + "\n", encoding="utf-8")
    result = run_cli(capsys, "check", deep)
    assert result.code == 2 and "Traceback" not in result.out + result.err and "lồng nhau quá sâu" in result.out + result.err
    import zipfile
    good = tmp_path / "ra" / "BC-bao-cao.docx"
    data = placed(tmp_path, SEED)
    assert run_cli(capsys, "build", data, "-o", tmp_path / "ra").code == 0
    broken = tmp_path / "hong.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            dst.writestr(info, blob.replace(b"<w:body>", b"<w:body><w:p>") if info.filename == "word/document.xml" else blob)
    result = run_cli(capsys, "diff", good, broken)
    assert result.code == 2 and "Traceback" not in result.err and "không phải tệp Word .docx hợp lệ" in result.err


def test_a_cited_date_before_year_1000_is_no_traceback(tmp_path, capsys):
    text = edit(SEED, "    ngay: 11/08/2020\n", "    ngay: 0202-05-14\n")
    result, _ = checked(tmp_path, capsys, text)
    assert result.code in (0, 2) and "Traceback" not in result.out + result.err
