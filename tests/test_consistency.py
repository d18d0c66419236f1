"""Report-wide consistency: the data spans of one report end on one day and lie in its period; the
same figure typed in two places agrees. Each slip is reported at its line with a fix line."""

from __future__ import annotations

from conftest import SAMPLE_001
from test_checks import coded, edit, line_of, only
from test_rules import checked

TEXT_001 = SAMPLE_001.read_text(encoding="utf-8")
ACCEPTED_SPAN = ("  - kiem_tra: ngay_so_lieu\n    o: 01/01/2021-28/02/2021\n    ly_do: báo cáo gốc ghi số liệu của "
                 "Phụ lục 1 đến 28/01/2021 nhưng của Phụ lục 2 đến 28/02/2021\n")
BARE_001 = edit(TEXT_001, ACCEPTED_SPAN, "")  # seed 001 as a clerk would type it afresh: its slip not accepted


def test_two_appendices_whose_data_end_on_different_days(tmp_path):
    """Seed 001: Phụ lục 1 «Số liệu từ 01/01/2021 đến 28/01/2021», Phụ lục 2 «… đến 28/02/2021»."""
    f = only(checked(tmp_path, BARE_001), "ngay_so_lieu")
    second = [i + 1 for i, line in enumerate(BARE_001.splitlines()) if "so_lieu_den: 28/02/2021" in line]
    assert f.location.line == second[0]
    assert f.message == ("số liệu của Phụ lục 2 từ 01/01/2021 đến 28/02/2021 chốt ngày 28/02/2021, khác Phụ lục 1 "
                         f"(từ 01/01/2021 đến 28/01/2021, dòng {line_of(BARE_001, 'so_lieu_den: 28/01/2021')})")
    assert "chốt cùng một ngày: sửa ngày sai" in f.hint and "o: 01/01/2021-28/02/2021" in f.hint
    agreed = edit(BARE_001, "so_lieu_den: 28/01/2021", "so_lieu_den: 28/02/2021")
    assert not coded(checked(tmp_path, agreed), "ngay_so_lieu")


def test_a_data_note_in_prose_that_ends_elsewhere_is_named(tmp_path):
    agreed = edit(BARE_001, "so_lieu_den: 28/01/2021", "so_lieu_den: 28/02/2021")
    text = edit(agreed, "- tieu_de: Về kế hoạch cải cách hành chính\n      noi_dung: |\n",
                "- tieu_de: Về kế hoạch cải cách hành chính\n      noi_dung: |\n"
                "        (Số liệu tính từ ngày 01/01/2021 đến ngày 15/03/2021)\n\n")
    f = only(checked(tmp_path, text), "ngay_so_lieu")
    assert f.location.line == line_of(text, "(Số liệu tính từ ngày 01/01/2021 đến ngày 15/03/2021)")
    assert "khác Phụ lục 1" in f.message and "15/3/2021" in f.message


def test_a_span_outside_the_reports_year(tmp_path):
    before = edit(BARE_001, "so_lieu_den: 28/01/2021", "so_lieu_den: 28/01/2020")
    f = only(checked(tmp_path, before), "ngay_so_lieu")
    assert "kết thúc trước khi bắt đầu" in f.message  # 01/01/2021 → 28/01/2020: the root, said once
    early = edit(BARE_001, "so_lieu_tu: 01/01/2021\n      so_lieu_den: 28/01/2021",
                 "so_lieu_tu: 01/01/2020\n      so_lieu_den: 28/02/2021")
    f = only(checked(tmp_path, early), "ngay_so_lieu")
    assert "bắt đầu trước năm của kỳ báo cáo quý I năm 2021" in f.message and "gõ nhầm năm" in f.hint
