"""Figures typed in prose and figures typed twice: the slips the seeds carry, written afresh without
chap_nhan, each found at its token with a fix line; and the heuristics' false-positive rate measured
on every sample: no finding beyond the seeds' own slips, which the samples accept."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, SAMPLE_001, SAMPLE_002
from test_checks import coded, edit, line_of, only, run
from test_rules import checked

TEXT_001 = SAMPLE_001.read_text(encoding="utf-8")
TEXT_002 = SAMPLE_002.read_text(encoding="utf-8")
LEAD = "        Triển khai Quyết định số 983/UBND-KSTT"  # a paragraph of seed 001's TTHC section


def with_sentence(sentence: str) -> str:
    return edit(TEXT_001, LEAD, f"        {sentence}\n\n{LEAD}")


def test_a_rate_over_this_periods_figure_where_the_sentence_says_so_voi(tmp_path):
    """Seed 004: "… năm 2023 là 1.563 người, giảm 108 người so với năm 2021, đạt 6,91%" — 108/1.563;
    against 2021 the base is 1.563 + 108 = 1.671, so 6,46%."""
    sentence = ("Số biên chế sự nghiệp hưởng lương từ ngân sách nhà nước năm 2023 là 1.563 người, giảm 108 người "
                "so với năm 2021, đạt 6,91%.")
    text = with_sentence(sentence)
    f = only(checked(tmp_path, text), "ty_le")
    line = line_of(text, "giảm 108 người")
    assert (f.location.line, f.location.column) == (line, text.splitlines()[line - 1].index("6,91%") + 1)
    assert "«6,91%»" in f.message and "số kỳ trước 1.671 (1.563 + 108) là 6,46%" in f.message
    assert "chia cho số kỳ này" in f.message and "chia cho số của kỳ trước" in f.hint
    assert f.value == "6,91 ≠ 6,46"
    assert not coded(checked(tmp_path, with_sentence(sentence.replace("6,91%", "6,46%"))), "ty_le")


@pytest.mark.parametrize("sentence, words", [
    ("Năm 2022 tiếp nhận 979/17.328 hồ sơ trực tuyến, đạt 5,68%.", "979/17.328 = 5,65%"),
    ("Trong kỳ tiếp nhận 1.294 hồ sơ, trong đó đúng hạn 1.265 hồ sơ, đạt tỷ lệ 99,95%.", "1.265/1.294 = 97,76%"),
    ("Số công chức có trình độ đại học là 128/129 người, tỷ lệ 100%.", "128/129 = 99,22%"),  # honest: not 100%
])
def test_a_rate_typed_beside_its_counts(tmp_path, sentence, words):
    f = only(checked(tmp_path, with_sentence(sentence)), "ty_le")
    assert words in f.message and f.location.line == line_of(with_sentence(sentence), sentence[:30])


@pytest.mark.parametrize("sentence", [
    "Tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu 50%.",  # a target
    "Năm 2022 tiếp nhận 979/17.328 hồ sơ trực tuyến, đạt 5,65%.",
    "Toàn huyện có 58 đơn vị (gồm 51 đơn vị giáo dục; 07 đơn vị khác), giảm 07 đơn vị (giảm 10,7%) so với năm 2015.",
    "Cao cấp có 13 người, tỷ lệ 4,5%; Trung cấp có 231 người, tỷ lệ 79,90%.",  # each rate over a total said elsewhere
    "100% cơ quan, đơn vị thực hiện ký số trên 1.200 văn bản.",
])
def test_what_the_rate_heuristic_passes_over(tmp_path, sentence):
    assert not coded(checked(tmp_path, with_sentence(sentence)), "ty_le")


def test_a_total_typed_before_its_parts(tmp_path):
    """Seed 002: "Tổng số TTHC được công bố gồm 134 thủ tục; trong đó TTHC được công khai: 138 thủ tục"."""
    acceptance = TEXT_002[TEXT_002.index("  - kiem_tra: thanh_phan\n    o: \"bao_cao.noi_dung[2]"):]
    text = edit(TEXT_002, acceptance, "")
    f = only(run(tmp_path, text), "thanh_phan")
    assert f.location.line == line_of(text, "gồm 134 thủ tục")
    assert "các phần sau «trong đó» (138) lớn hơn tổng 134 ghi trước đó" in f.message and "sửa số sai" in f.hint
    sentence = "Tổng số TTHC là 360 thủ tục, gồm: mức độ 2: 335 thủ tục; mức độ 3: 19 thủ tục; mức độ 4: 04 thủ tục."
    f = only(checked(tmp_path, with_sentence(sentence)), "tong")
    assert "các phần sau «gồm» (335 + 19 + 04 = 358) khác tổng 360" in f.message


def test_a_total_without_a_unit_and_its_list_of_parts(tmp_path):
    sentence = "Tổng số TTHC cấp huyện hiện nay: 360, trong đó: mức độ 2: 335; mức độ 3: 19; mức độ 4: 16."
    f = only(checked(tmp_path, with_sentence(sentence)), "thanh_phan")
    assert "các phần sau «trong đó» (335 + 19 + 16 = 370) lớn hơn tổng 360" in f.message
    assert not coded(checked(tmp_path, with_sentence(sentence.replace("16.", "06."))), "thanh_phan")


def test_one_figure_typed_in_two_tables_that_disagree(tmp_path):
    """Seed 001: Phụ lục 1 says 32 TTHC offered online at level 3, Phụ lục 2's DVC table 19."""
    acceptance = TEXT_001[TEXT_001.index("  - kiem_tra: hai_noi\n"):]
    text = edit(TEXT_001, acceptance, "")
    f = only(checked(tmp_path, text), "hai_noi")
    assert f.location.line == line_of(text, "Tổng số TTHC cung cấp trực tuyến mức độ 3")
    assert "«Tổng số TTHC cung cấp trực tuyến mức độ 3» ghi 32 ở đây nhưng 19 ở bảng pl2_cntt" in f.message
    assert "ghi =pl2_cntt.md3_tthc thay cho số gõ lại" in f.hint
    cited = edit(text, "mức độ 3, don_vi: TTHC, so_lieu: 32}", "mức độ 3, don_vi: TTHC, so_lieu: =pl2_cntt.md3_tthc}")
    assert not coded(checked(tmp_path, cited), "hai_noi")
    retyped = edit(text, "mức độ 3, don_vi: TTHC, so_lieu: 32}", "mức độ 3, don_vi: TTHC, so_lieu: 19}")
    hint = only(checked(tmp_path, retyped), "trich_so", "cảnh báo")
    assert "= 19 gõ lại số đã có ở bảng pl2_cntt" in hint.message and "=pl2_cntt.md3_tthc" in hint.hint


def test_a_figure_typed_in_prose_that_a_table_holds(tmp_path):
    same = with_sentence("Tổng số TTHC đã cung cấp dịch vụ công trực tuyến mức độ 3 là 19 thủ tục.")
    hint = only(checked(tmp_path, same), "trich_so", "cảnh báo")
    assert "[=pl2_cntt.md3_tthc]" in hint.hint and hint.location.line == line_of(same, "là 19 thủ tục")
    other = with_sentence("Tổng số TTHC đã cung cấp dịch vụ công trực tuyến mức độ 3 là 23 thủ tục.")
    f = only(checked(tmp_path, other), "hai_noi")
    assert "ghi 23 ở đây nhưng 19 ở bảng pl2_cntt" in f.message


PROSE_CODES = ("ty_le", "tong", "thanh_phan", "hai_noi", "trich_so", "ngay_so_lieu")
KNOWN = {  # the seeds' own slips these checks find, each accepted in its sample's chap_nhan
    "an-lao-2021-quy1.yaml": ["hai_noi", "ngay_so_lieu"],
    "an-lao-2023-6thang.yaml": ["tong", "tong"],  # the structured totals accepted before
    "kim-thach-2023-6thang.yaml": ["ngay_so_lieu", "ngay_so_lieu", "thanh_phan"],
    "tay-son-2023-so-ket.yaml": ["ty_le", "ty_le", "ty_le"],
}


@pytest.mark.parametrize("sample", sorted(p.name for p in (REPO / "data").glob("*.yaml")))
def test_false_positives_measured_on_every_sample(tmp_path, sample):
    """Every sample: these checks find only the seeds' known slips, every one accepted."""
    found = [f for f in run_sample(sample) if f.code in PROSE_CODES]
    assert all(f.accepted for f in found), [f.format() for f in found if not f.accepted]
    assert sorted(f.code for f in found) == sorted(KNOWN.get(sample, []))


def run_sample(name: str) -> list:
    from generator.commands.check import findings_of
    return findings_of(Path(REPO / "data" / name))
