"""The previous period (bao_cao.ky_truoc): loaded and validated, its figures compared, never typed."""

from __future__ import annotations

import pytest
from docx import Document

from conftest import REPO, build, write_variant
from generator.commands import cli
from generator.derive.values import chenh_lech, so_voi_ky_truoc
from generator.lint.check import check
from generator.lint.variables import variables


@pytest.mark.parametrize("new, old, expected", [
    (77, 75, "+2"), (74, 75, "-1"), (75, 75, "0"), (10234, 9000, "+1.234"), (1.5, 2, "-0,5"), (0, 1500, "-1.500"),
])
def test_signed_difference(new, old, expected):
    assert chenh_lech(new, old) == expected


@pytest.mark.parametrize("new, old, unit, expected", [
    (9744, 9737, "hồ sơ", "tăng 7 hồ sơ so với kỳ trước"),
    (9730, 9737, "hồ sơ", "giảm 7 hồ sơ so với kỳ trước"),
    (12000, 10500, "", "tăng 1.500 so với kỳ trước"),
    (9737, 9737, "hồ sơ", "không đổi so với kỳ trước"),
    (9737, None, "hồ sơ", ""),
])
def test_sentence_against_the_previous_period(new, old, unit, expected):
    assert so_voi_ky_truoc(new, old, unit) == expected


_SENTENCES = [
    "Tiếp nhận {{ bc.ket_qua.tthc.ho_so.tiep_nhan|so }} hồ sơ"
    "{% if kt %}, {{ bc.ket_qua.tthc.ho_so.tiep_nhan|so_voi_ky_truoc(kt.ket_qua.tthc.ho_so.tiep_nhan, 'hồ sơ') }}"
    "{% endif %}.",
    "Công chức: {{ bc.ket_qua.bo_may.bien_che.cong_chuc }}{% if kt %} "
    "({{ bc.ket_qua.bo_may.bien_che.cong_chuc|chenh_lech(kt.ket_qua.bo_may.bien_che.cong_chuc) }}){% endif %}.",
    "Đúng hạn kỳ trước: {% if kt %}{{ kt.ket_qua.tthc.ho_so.ty_le_dung_han|phan_tram }}{% else %}không có{% endif %}.",
]


@pytest.fixture
def template(tmp_path):
    doc = Document()
    for sentence in _SENTENCES:
        doc.add_paragraph(sentence)
    doc.save(tmp_path / "mau-nho.docx")
    return "mau-nho.docx"


def _period(year: int, received: int, staff: int, **report):
    def edit(data):
        data["bao_cao"]["ky"]["nam"] = year
        data["bao_cao"]["ket_qua"]["tthc"]["ho_so"]["tiep_nhan"] = received
        data["bao_cao"]["ket_qua"]["bo_may"]["bien_che"]["cong_chuc"] = staff
        data["bao_cao"].update(report)
    return edit


def _texts(path) -> list[str]:
    return [p.text for p in Document(path).paragraphs]


def test_figures_against_the_previous_period_are_computed(tmp_path, template):
    write_variant(tmp_path, _period(2022, 9737, 77), "an-lao-2022-6thang.yaml")
    data = write_variant(tmp_path, _period(2023, 9744, 75, mau=template, ky_truoc="an-lao-2022-6thang.yaml"))
    assert _texts(build(data, tmp_path / "out")) == [
        "Tiếp nhận 9.744 hồ sơ, tăng 7 hồ sơ so với kỳ trước.",
        "Công chức: 75 (-2).",
        "Đúng hạn kỳ trước: 99,9%.",  # derived values of the previous period too
    ]


def test_without_a_previous_period_the_sentences_leave_it_out(tmp_path, template):
    data = write_variant(tmp_path, _period(2023, 9744, 75, mau=template))
    assert _texts(build(data, tmp_path / "out")) == ["Tiếp nhận 9.744 hồ sơ.", "Công chức: 75.",
                                                      "Đúng hạn kỳ trước: không có."]


def _build_cli(capsys, data, out):
    code = cli.main(["build", str(data), "-o", str(out)])
    _, err = capsys.readouterr()
    return code, err


def _line_of(path, text: str) -> tuple[int, int]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number, line.index(text) + 1
    raise AssertionError(text)


def test_missing_previous_file_is_located_at_ky_truoc(capsys, tmp_path):
    data = write_variant(tmp_path, _period(2023, 9744, 75, ky_truoc="khong-co.yaml"))
    code, err = _build_cli(capsys, data, tmp_path / "out")
    line, column = _line_of(data, "khong-co.yaml")
    assert code == 2
    assert err.startswith(f"{data}:{line}:{column}: lỗi: không tìm thấy tệp số liệu kỳ trước 'khong-co.yaml'")
    assert "Cách sửa: ghi đường dẫn tính từ thư mục chứa tệp số liệu này" in err
    assert not (tmp_path / "out").exists()


def test_broken_previous_file_is_reported_in_its_own_file(capsys, tmp_path):
    previous = write_variant(tmp_path, _period(2022, 9737, 77), "ky-truoc.yaml")
    previous.write_text(previous.read_text(encoding="utf-8").replace("tiep_nhan: 9737", "tiep_nhan: 9.737,5"),
                        encoding="utf-8")
    data = write_variant(tmp_path, _period(2023, 9744, 75, ky_truoc="ky-truoc.yaml"))
    code, err = _build_cli(capsys, data, tmp_path / "out")
    line, column = _line_of(previous, "9.737,5")
    assert code == 2
    assert err.startswith(f"{previous}:{line}:{column}: lỗi: 'bao_cao.ket_qua.tthc.ho_so.tiep_nhan'")
    assert "Traceback" not in err


@pytest.mark.parametrize("year, name", [(2023, "cung-ky.yaml"), (2024, "ky-sau.yaml")])
def test_previous_file_of_a_later_or_the_same_period_is_refused(capsys, tmp_path, year, name):
    write_variant(tmp_path, _period(year, 9737, 77), name)
    data = write_variant(tmp_path, _period(2023, 9744, 75, ky_truoc=name))
    code, err = _build_cli(capsys, data, tmp_path / "out")
    line, column = _line_of(data, name)
    assert code == 2
    assert err.startswith(f"{data}:{line}:{column}: lỗi: tệp kỳ trước '{name}' không phải một kỳ trước kỳ này "
                          f"(6 tháng đầu năm {year} so với 6 tháng đầu năm 2023)")


def test_a_data_file_naming_itself_is_refused(capsys, tmp_path):
    data = write_variant(tmp_path, _period(2023, 9744, 75, ky_truoc="bien-the.yaml"))
    code, err = _build_cli(capsys, data, tmp_path / "out")
    assert code == 2 and "ky_truoc trỏ tới chính tệp số liệu này" in err


def test_template_check_knows_the_previous_period_and_its_filters(tmp_path, template):
    assert check(tmp_path / template) == []
    rows = {name: text for name, text, _ in variables()}
    assert "kt" in rows and not any(name.startswith("kt.") for name in rows)  # one row, not bc's list again


def test_previous_file_with_a_table_mistake_is_reported_in_its_own_file(capsys, tmp_path):
    """Seed 002's tables derive their figures; a bad reference in last period's file is located there."""
    text = (REPO / "data" / "kim-thach-2023-6thang.yaml").read_text(encoding="utf-8")
    previous = tmp_path / "kim-thach-2022-6thang.yaml"
    previous.write_text(text.replace("    nam: 2023", "    nam: 2022")
                        .replace("=ho_so.tong.da_giai_quyet,", "=ho_so.tong.da_giai_quyetx,"), encoding="utf-8")
    data = tmp_path / "kim-thach-2023-6thang.yaml"
    data.write_text(text.replace("bao_cao:\n", "bao_cao:\n  ky_truoc: kim-thach-2022-6thang.yaml\n", 1), encoding="utf-8")
    code, err = _build_cli(capsys, data, tmp_path / "out")
    line, column = _line_of(previous, "=ho_so.tong.da_giai_quyetx")
    assert code == 2
    assert err.startswith(f"{previous}:{line}:{column}: lỗi: tham chiếu '=ho_so.tong.da_giai_quyetx'")


def test_previous_file_without_a_report_is_refused(capsys, tmp_path):
    notice = tmp_path / "thong-bao.yaml"  # a data file holding only a TB-UBND notice
    notice.write_text((REPO / "data" / "tuy-phuoc-2022-tb39.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    data = write_variant(tmp_path, _period(2023, 9744, 75, ky_truoc="thong-bao.yaml"))
    code, err = _build_cli(capsys, data, tmp_path / "out")
    line, column = _line_of(data, "thong-bao.yaml")
    assert code == 2
    assert err.startswith(f"{data}:{line}:{column}: lỗi: tệp kỳ trước 'thong-bao.yaml' không có báo cáo (khóa bao_cao)")


def test_a_period_ending_later_is_not_the_previous_one(tmp_path, capsys):
    """Quý I/2021 cannot compare with 6 tháng cuối năm 2021 (it ends later), whatever the kinds of period."""
    import shutil

    from generator.commands.cli import main

    source = REPO / "data" / "an-lao-2021-quy1.yaml"
    shutil.copy(source, tmp_path / source.name)
    later = (REPO / "data" / "an-lao-2020-quy4.yaml").read_text(encoding="utf-8")
    later = later.replace("    loai: quy\n    nam: 2020\n    so: 4\n", "    loai: 6thang_cuoi\n    nam: 2021\n")
    (tmp_path / "an-lao-2020-quy4.yaml").write_text(later, encoding="utf-8")
    assert main(["build", str(tmp_path / source.name), "-o", str(tmp_path / "ra")]) == 2
    assert "không phải một kỳ trước kỳ này" in capsys.readouterr().err


def test_check_reads_the_previous_period_as_build_does(tmp_path, capsys):
    from generator.commands.cli import main

    data = write_variant(tmp_path, lambda d: d["bao_cao"].update(ky_truoc="khong-co.yaml"))
    assert main(["check", str(data)]) == 2
    assert "không tìm thấy tệp số liệu kỳ trước 'khong-co.yaml'" in capsys.readouterr().out
