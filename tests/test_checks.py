"""`baocao check`: every check breaks on a data file made to break it, passes on one that does not,
and names the line (and where it can, the column) of the value at fault.

Data files are the sample with one edit; expected lines are computed from the edited text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import SAMPLE, SAMPLE_001, with_previous_period
from generator.checks import codes, figures
from generator.checks.runner import errors as error_findings
from generator.commands.check import findings_of
from generator.commands.cli import main


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"the sample should hold {old!r} exactly once"
    return text.replace(old, new)


def line_of(text: str, needle: str) -> int:
    hits = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    assert len(hits) == 1, f"{needle!r} should stand on exactly one line, found {len(hits)}"
    return hits[0]


def without_acceptances(text: str) -> str:
    return text[:text.index("\nchap_nhan:\n")] + text[text.index("\nbao_cao:\n"):]


SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
BARE = without_acceptances(SAMPLE_TEXT)  # the sample with seed 000's slips not accepted


def run(tmp_path: Path, text: str, name: str = "du-lieu.yaml") -> list:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return findings_of(path)


def coded(found: list, code: str, severity: str | None = "lỗi") -> list:
    return [f for f in found if getattr(f, "code", None) == code and (severity is None or f.severity == severity)]


def only(found: list, code: str, severity: str | None = "lỗi"):
    hits = coded(found, code, severity)
    assert len(hits) == 1, [f.format() for f in found]
    return hits[0]


# --- the sample --------------------------------------------------------------------------------

def test_sample_has_no_errors_and_its_four_seed_slips_are_accepted_warnings(tmp_path):
    found = run(tmp_path, SAMPLE_TEXT)
    assert error_findings(found) == []
    assert sorted((f.code, f.subject) for f in found) == [
        ("ky_hieu", "356/KH-UBND"),
        ("ngay_trich_dan", "72/2020/QĐ-UBND"),
        ("tong", "bao_cao.ket_qua.bo_may.bien_che.su_nghiep.tong"),
        ("tong", "bao_cao.ket_qua.tthc.ho_so.tiep_nhan"),
    ]
    assert all(f.severity == "cảnh báo" and f.accepted and "đã chấp nhận" in f.message for f in found)


def test_without_acceptances_the_seed_slips_are_errors(tmp_path):
    found = run(tmp_path, BARE)
    assert len(error_findings(found)) == 4 and len(found) == 4


# --- arithmetic ---------------------------------------------------------------------------------

def _tong(found, subject):
    return [f for f in coded(found, "tong") if f.subject == subject]


def test_total_differs_from_the_sum_of_its_parts(tmp_path):
    found = run(tmp_path, BARE)
    f, = _tong(found, "bao_cao.ket_qua.tthc.ho_so.tiep_nhan")
    assert (f.location.line, f.location.column) == (line_of(BARE, "tiep_nhan: 9737"), 20)
    assert "tổng 9.737 khác tổng các thành phần 9.636 + 7 + 101 = 9.744" in f.message
    assert "9.744" in f.hint and "kiem_tra: tong, o: bao_cao.ket_qua.tthc.ho_so.tiep_nhan" in f.hint
    staff, = _tong(found, "bao_cao.ket_qua.bo_may.bien_che.su_nghiep.tong")
    assert staff.location.line == line_of(BARE, "tong: 658")
    assert "tổng 658 khác tổng các thành phần 598 + 21 + 38 = 657" in staff.message


def test_total_that_adds_up_passes(tmp_path):
    text = edit(edit(BARE, "tiep_nhan: 9737", "tiep_nhan: 9744"), "tong: 658", "tong: 657")
    assert coded(run(tmp_path, text), "tong") == []


@pytest.mark.parametrize("stated, ok", [(300, False), (329, True)])
def test_stated_procedure_total(tmp_path, stated, ok):
    text = edit(BARE, "          con_lai: 121\n", f"          con_lai: 121\n          tong: {stated}\n")
    hits = _tong(run(tmp_path, text), "bao_cao.ket_qua.tthc.so_thu_tuc.cap_minh.tong")
    if ok:
        assert hits == []
    else:
        assert hits[0].location.line == line_of(text, f"tong: {stated}")
        assert "tổng 300 khác tổng các thành phần 120 + 88 + 121 = 329" in hits[0].message


def test_stated_staff_total_uses_the_stated_public_total(tmp_path):
    text = edit(BARE, "        cong_chuc: 75\n", "        tong: 700\n        cong_chuc: 75\n")
    f, = _tong(run(tmp_path, text), "bao_cao.ket_qua.bo_may.bien_che.tong")
    assert f.location.line == line_of(text, "tong: 700") and "75 + 658 = 733" in f.message


def test_part_larger_than_its_whole_is_named_once(tmp_path):
    text = edit(BARE, "dung_han: 9636", "dung_han: 19636")
    found = run(tmp_path, text)
    f = only(found, "thanh_phan")
    assert f.location.line == line_of(text, "dung_han: 19636")
    assert "dung_han = 19.636 lớn hơn tổng 9.737" in f.message
    assert _tong(found, "bao_cao.ket_qua.tthc.ho_so.tiep_nhan") == []  # one finding per whole


# --- rates --------------------------------------------------------------------------------------

def test_disbursement_above_plan_is_a_rate_above_100(tmp_path):
    text = edit(BARE, "giai_ngan: 71869", "giai_ngan: 300000")
    f = only(run(tmp_path, text), "ty_le")
    assert f.location.line == line_of(text, "giai_ngan: 300000")
    assert "tỷ lệ giải ngân 106,6% vượt quá 100%" in f.message and "281.318" in f.message
    assert coded(run(tmp_path, BARE), "ty_le") == []


def test_stated_rate_agrees_at_its_shown_precision():
    assert figures.rate_disagrees(99.9, 9636, 9643, 1) is None  # 99,927…% shown as 99,9
    assert str(figures.rate_disagrees(99.8, 9636, 9643, 1)) == "99.9"
    assert figures.rate_disagrees(25.55, 71869, 281318, 2) is None


# --- dates --------------------------------------------------------------------------------------

@pytest.mark.parametrize("cutoff, words", [("2023-07-15", "sau khi kỳ báo cáo 6 tháng đầu năm 2023 kết thúc (30/6/2023)"),
                                           ("2022-12-01", "kết thúc trước khi bắt đầu")])
def test_data_cutoff_outside_the_period(tmp_path, cutoff, words):
    text = edit(BARE, "den_ngay: 2023-06-12", f"den_ngay: {cutoff}")
    f = only(run(tmp_path, text), "ngay_so_lieu")
    assert f.location.line == line_of(text, "den_ngay:") and words in f.message
    assert coded(run(tmp_path, BARE), "ngay_so_lieu") == []


@pytest.mark.parametrize("signed, bad", [("2023-06-01", True), ("2022-11-30", True), ("2023-06-20", False)])
def test_report_dated_before_its_data(tmp_path, signed, bad):
    text = edit(BARE, "  ngay:      # dự thảo: để trống", f"  ngay: {signed}")
    found = coded(run(tmp_path, text), "ngay_bao_cao")
    assert bool(found) == bad
    if bad:
        assert found[0].location.line == line_of(text, f"  ngay: {signed}")


def test_cited_document_dated_after_the_report(tmp_path):
    text = edit(BARE, "  ngay:      # dự thảo: để trống", "  ngay: 2023-06-20")
    text = edit(text, "    ngay: 05/5/2023", "    ngay: 05/7/2023")
    f = only(run(tmp_path, text), "ngay_van_ban")
    assert f.location.line == line_of(text, "ngay: 05/7/2023") and f.subject == "qd-1041"
    assert "ngày ký 05/7/2023 sau ngày báo cáo 20/6/2023" in f.message


def test_cited_document_dated_in_the_future_of_a_draft(tmp_path):
    text = edit(BARE, "    ngay: 05/5/2023", "    ngay: 05/5/2099")
    f = only(run(tmp_path, text), "ngay_van_ban")
    assert f.location.line == line_of(text, "05/5/2099") and "hôm nay" in f.message


def test_cited_document_date_that_is_not_on_the_calendar(tmp_path):
    text = edit(BARE, "    ngay: 05/5/2023", "    ngay: 30/02/2023")
    found = run(tmp_path, text)
    assert len(found) == 1 and found[0].location.line == line_of(text, "30/02/2023")
    assert "không có trên lịch: tháng 2/2023 không có ngày 30" in found[0].message


# --- citations ----------------------------------------------------------------------------------

def test_typed_citation_with_the_wrong_type_code(tmp_path):
    f = only(run(tmp_path, BARE), "ky_hieu")
    line = line_of(BARE, "Quyết định 356/KH-UBND")
    assert (f.location.line, f.location.column) == (line, BARE.splitlines()[line - 1].index("Quyết định 356") + 1)
    assert "Quyết định có mã QĐ trong ký hiệu, nhưng ký hiệu là KH-UBND" in f.message


@pytest.mark.parametrize("entry, ky_hieu, words", [
    ("kh-55", "QĐ-UBND", "Kế hoạch có mã KH"),
    ("cv-126", "QĐ-UBND", "Công văn không có mã loại văn bản"),
])
def test_registry_entry_with_the_wrong_type_code(tmp_path, entry, ky_hieu, words):
    start = BARE.index(f"  {entry}:\n")
    old = re.compile(r"    ky_hieu: \S+").search(BARE, start)
    text = BARE[:old.start()] + f"    ky_hieu: {ky_hieu}" + BARE[old.end():]
    found = [f for f in coded(run(tmp_path, text), "ky_hieu") if f.subject == entry]
    assert len(found) == 1 and words in found[0].message
    assert found[0].location.line == BARE[:old.start()].count("\n") + 1
    if entry == "kh-55":
        assert "ký hiệu thành 55/KH-UBND" in found[0].hint


def test_normative_number_must_carry_the_year_of_its_date(tmp_path):
    text = edit(BARE, "    ky_hieu: 2020/QĐ-UBND", "    ky_hieu: 2021/QĐ-UBND")
    found = coded(run(tmp_path, text), "nam_so_hieu")
    assert [f.subject for f in found] == ["qd-72-2020"]
    assert found[0].location.line == line_of(text, "2021/QĐ-UBND")
    assert "số hiệu mang năm 2021 nhưng văn bản ký ngày 20/11/2020 (năm 2020)" in found[0].message
    text = edit(BARE, "    ky_hieu: 2008/NĐ-CP", "    ky_hieu: NĐ-CP")
    f = only(run(tmp_path, text), "nam_so_hieu")
    assert f.subject == "nd-20-2008" and "phải có năm ký" in f.message
    assert coded(run(tmp_path, BARE), "nam_so_hieu") == []


def test_typed_normative_number_with_another_year(tmp_path):
    text = edit(BARE, "Quyết định số 72/2020/QĐ-UBND ngày 19/11/2020", "Quyết định số 72/2020/QĐ-UBND ngày 19/11/2021")
    f = only(run(tmp_path, text), "nam_so_hieu")
    assert f.subject == "72/2020/QĐ-UBND" and f.location.line == line_of(text, "19/11/2021")


def test_one_document_cited_with_two_dates(tmp_path):
    f = only(run(tmp_path, BARE), "ngay_trich_dan")
    assert f.location.line == line_of(BARE, "ngày 19/11/2020")
    assert f"ngày 20/11/2020 ở dòng {line_of(BARE, 'ngay: 20/11/2020')}" in f.message
    text = edit(BARE, "Quyết định số 72/2020/QĐ-UBND ngày 19/11/2020", "Quyết định số 72/2020/QĐ-UBND ngày 20/11/2020")
    assert coded(run(tmp_path, text), "ngay_trich_dan") == []


def test_reference_to_a_missing_entry_is_an_error_at_its_line_and_column(tmp_path):
    text = edit(BARE, "[@cv-126]", "[@cv-162]")
    f = only(run(tmp_path, text), "trich_dan")
    line = line_of(text, "[@cv-162]")
    assert (f.location.line, f.location.column) == (line, text.splitlines()[line - 1].index("[@cv-162]") + 1)
    assert "[@cv-162] không có trong danh sách van_ban" in f.message and "[@cv-126]" in f.hint
    # the entry it should have named is now unused: a warning, not an error
    unused = only(run(tmp_path, text), "van_ban_thua", "cảnh báo")
    assert unused.location.line == line_of(text, "  cv-126:")


def test_unknown_citation_option(tmp_path):
    text = edit(BARE, "[@cv-126]", "[@cv-126 daydu]")
    f = only(run(tmp_path, text), "trich_dan")
    assert "tùy chọn lạ 'daydu'" in f.message and f.location.line == line_of(text, "[@cv-126 daydu]")


def test_every_entry_cited_gives_no_unused_warning(tmp_path):
    assert coded(run(tmp_path, BARE), "van_ban_thua", None) == []


# --- structure ----------------------------------------------------------------------------------

def _extra_section(title: str, body: str) -> str:
    return edit(BARE, "  danh_gia:\n", f"  danh_gia:\n    muc_them:\n      - tieu_de: {title}\n        noi_dung: {body}\n")


def test_heading_with_nothing_under_it(tmp_path):
    text = _extra_section("Mục thêm", "' '")
    f = only(run(tmp_path, text), "de_muc")
    assert f.location.line == line_of(text, "noi_dung: ' '") and "«Mục thêm» không có nội dung" in f.message
    assert coded(run(tmp_path, _extra_section("Mục thêm", "Có nội dung.")), "de_muc", None) == []


def test_heading_typed_with_its_number_is_a_warning(tmp_path):
    text = _extra_section("'3. Mục thêm'", "Có nội dung.")
    f = only(run(tmp_path, text), "de_muc", "cảnh báo")
    assert f.location.line == line_of(text, "3. Mục thêm") and "tự đánh số" in f.message


def test_appendix_the_body_never_mentions(tmp_path):
    """Two appendices: the body must name each ("Phụ lục 1" or "Phụ lục I")."""
    text = SAMPLE_001.read_text(encoding="utf-8")
    with_previous_period(SAMPLE_001, tmp_path)
    found = coded(run(tmp_path, text), "phu_luc", None)
    assert [f.subject for f in found] == ["Phụ lục 1", "Phụ lục 2"] and all(f.severity == "cảnh báo" for f in found)
    mentioned = edit(text, "trên địa bàn huyện, cụ thể như sau:", "trên địa bàn huyện (chi tiết tại Phụ lục 1 và Phụ lục II):")
    assert coded(run(tmp_path, mentioned), "phu_luc", None) == []


# --- acceptances --------------------------------------------------------------------------------

def test_acceptance_that_matches_nothing_is_a_warning(tmp_path):
    text = edit(SAMPLE_TEXT, "tiep_nhan: 9737", "tiep_nhan: 9744")
    found = run(tmp_path, text)
    f = only(found, "chap_nhan", "cảnh báo")
    stale = text.splitlines().index("    o: bao_cao.ket_qua.tthc.ho_so.tiep_nhan")  # 0-based: the item's line
    assert f.location.line == stale and "không khớp với lỗi nào" in f.message
    assert error_findings(found) == []


def test_acceptance_pinned_to_its_figures_stops_matching_when_they_change(tmp_path):
    text = edit(SAMPLE_TEXT, "tre_han: 7", "tre_han: 8")
    found = run(tmp_path, text)
    f, = error_findings(found)
    assert f.code == "tong" and "9.636 + 8 + 101 = 9.745" in f.message and f.value == "9737 ≠ 9745"
    assert 'gia_tri: "9737 ≠ 9745"' in f.hint
    stale = only(found, "chap_nhan", "cảnh báo")
    assert "gia_tri: 9737 ≠ 9744" in stale.message


def test_acceptance_names_check_and_place_exactly(tmp_path):
    text = edit(SAMPLE_TEXT, "  - kiem_tra: ky_hieu\n", "  - kiem_tra: ngay_trich_dan\n")
    found = run(tmp_path, text)
    assert [f.subject for f in error_findings(found)] == ["356/KH-UBND"]
    assert coded(found, "chap_nhan", "cảnh báo")[0].subject == "356/KH-UBND"


# --- reporting ----------------------------------------------------------------------------------

TEN_SLIPS = [
    ("tiep_nhan: 9744", "tiep_nhan: 9730"),                      # tong (files)
    ("tong: 657", "tong: 650"),                                   # tong (public staff)
    ("giai_ngan: 71869", "giai_ngan: 290000"),                    # ty_le
    ("den_ngay: 2023-06-12", "den_ngay: 2023-08-01"),             # ngay_so_lieu
    ("    ngay: 05/5/2023", "    ngay: 05/5/2099"),               # ngay_van_ban
    ("    ky_hieu: KH-UBND\n    ngay: 20/3/2023", "    ky_hieu: QĐ-UBND\n    ngay: 20/3/2023"),  # ky_hieu
    ("    ky_hieu: 2012/NĐ-CP", "    ky_hieu: 2013/NĐ-CP"),       # nam_so_hieu
    ("[@cv-477]", "[@cv-774]"),                                   # trich_dan (+ cv-477 unused: a warning)
    ("[@nd-59-2012]", "[@nd-59-2012] (Nghị định số 20/2008/NĐ-CP ngày 15/02/2008)"),  # ngay_trich_dan
    ("  danh_gia:\n", "  danh_gia:\n    muc_them:\n      - tieu_de: Trống\n        noi_dung: ' '\n"),  # de_muc
]


def test_ten_independent_slips_give_ten_findings_at_once(tmp_path, capsys):
    text = edit(BARE, "Quyết định 356/KH-UBND", "Quyết định 356/QĐ-UBND")
    text = edit(text, "ngày 19/11/2020", "ngày 20/11/2020")
    text = edit(text, "tiep_nhan: 9737", "tiep_nhan: 9744")
    text = edit(text, "tong: 658", "tong: 657")
    assert error_findings(run(tmp_path, text)) == []  # a clean starting point
    for old, new in TEN_SLIPS:
        text = edit(text, old, new)
    path = tmp_path / "muoi-loi.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 2
    out = capsys.readouterr().out
    errors = re.findall(rf"^{re.escape(str(path))}:(\d+):(\d+): lỗi: ", out, re.M)
    assert len(errors) == 10, out
    assert f"{path}: 10 lỗi, 1 cảnh báo." in out  # the warning: cv-477 is no longer cited
    codes = sorted(f.code for f in error_findings(findings_of(path)))
    assert codes == sorted(["tong", "tong", "ty_le", "ngay_so_lieu", "ngay_van_ban", "ky_hieu", "nam_so_hieu",
                            "trich_dan", "ngay_trich_dan", "de_muc"])


def test_check_json_has_stable_keys(tmp_path, capsys):
    assert main(["check", "--json", str(SAMPLE)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["tep"], report["loi"], report["canh_bao"]) == (str(SAMPLE), 0, 4)
    item = report["phat_hien"][0]
    assert set(item) == {"tep", "dong", "cot", "muc_do", "kiem_tra", "o", "gia_tri", "thong_diep", "cach_sua",
                         "chap_nhan"}
    assert item["muc_do"] == "cảnh báo" and item["chap_nhan"] and isinstance(item["dong"], int)


def test_check_json_on_a_file_the_schema_refuses(tmp_path, capsys):
    path = tmp_path / "x.yaml"
    path.write_text(edit(SAMPLE_TEXT, "tiep_nhan: 9737", "tiep_nhan: 9.737"), encoding="utf-8")
    assert main(["check", "--json", str(path)]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["loi"] == 1 and report["phat_hien"][0]["kiem_tra"] == "du_lieu"


def test_check_prints_every_finding_in_vietnamese(tmp_path, capsys):
    assert main(["check", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert f"{SAMPLE}: 0 lỗi, 4 cảnh báo." in out
    assert re.search(rf"^{re.escape(str(SAMPLE))}:\d+:20: cảnh báo: số hồ sơ tiếp nhận: tổng 9.737 khác", out, re.M)


def test_every_check_code_is_documented_and_every_finding_uses_one(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    shown = capsys.readouterr().out
    assert all(code in shown for code in codes.CODES)
    text = edit(BARE, "[@cv-126]", "[@cv-126 la]")
    assert {f.code for f in run(tmp_path, text)} <= set(codes.CODES)


def test_citation_outside_prose_would_print_as_typed(tmp_path):
    text = edit(BARE, "  gui_ngan: Sở Nội vụ", "  gui_ngan: 'Sở Nội vụ [@cv-126]'")
    f = only(run(tmp_path, text), "trich_dan")
    assert f.location.line == line_of(text, "Sở Nội vụ [@cv-126]") and "không phải đoạn văn" in f.message


def test_an_added_sections_title_is_prose_and_cites(tmp_path):
    """muc_them sections are sections like noi_dung's: their titles may cite documents."""
    text = _extra_section("'Thực hiện [@cv-126]'", "Có nội dung.")
    assert coded(run(tmp_path, text), "trich_dan", None) == []


@pytest.mark.parametrize("typed, words", [("-3", "không được nhỏ hơn 0"), ("2.5", "cần một số nguyên")])
def test_counts_whole_and_non_negative_are_refused_by_the_schema_at_their_line(tmp_path, typed, words):
    """Counts are typed `So` (validate/types.py): a negative or fractional count stops before the checks run."""
    text = edit(BARE, "tre_han: 7", f"tre_han: {typed}")
    found = run(tmp_path, text)
    assert len(found) == 1 and words in found[0].message
    assert found[0].location.line == line_of(text, f"tre_han: {typed}")


def test_second_missing_citation_on_a_line_is_located_at_its_own_column(tmp_path):
    text = edit(BARE, "[@cv-126]", "[@cv-9] và [@cv-9]")
    line = line_of(text, "[@cv-9] và [@cv-9]")
    columns = [f.location.column for f in coded(run(tmp_path, text), "trich_dan")]
    first = text.splitlines()[line - 1].index("[@cv-9]") + 1
    assert columns == [first, first + len("[@cv-9] và ")]
