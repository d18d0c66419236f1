"""The previous period everywhere: cited in prose and cells (kt.…), computed cells cited, the TỔNG
CỘNG row's Tăng/giảm, rates cited with %, subtraction, comparisons in words, row matching and its
one message when it fails."""

from __future__ import annotations

import re

import yaml
from docx import Document

from conftest import normalise
from generator.commands import cli

ROWS_Q2 = [
    {"linh_vuc": "Hộ tịch", "tu_ky_truoc": 3, "truc_tuyen": 350, "truc_tiep": 60, "dung_han": 405, "qua_han": 2},
    {"linh_vuc": "Chứng thực", "tu_ky_truoc": 0, "truc_tuyen": 500, "truc_tiep": 120, "dung_han": 620, "qua_han": 0},
    {"linh_vuc": "Đất đai", "tu_ky_truoc": 12, "truc_tuyen": 20, "truc_tiep": 41, "dung_han": 58, "qua_han": 3},
]
ROWS_Q3 = [  # Từ kỳ trước is carried over from quý II's Đang giải quyết: 6, 0, 12
    {"ma": "ho_tich", "linh_vuc": "Hộ tịch", "truc_tuyen": 430, "truc_tiep": 64, "dung_han": 489, "qua_han": 1},
    {"linh_vuc": "Chứng thực", "truc_tuyen": 540, "truc_tiep": 100, "dung_han": 640, "qua_han": 0},
    {"linh_vuc": "Đất đai", "truc_tuyen": 25, "truc_tiep": 40, "dung_han": 60, "qua_han": 2},
]  # Hộ tịch: 500 received against 413 (+87); all: 1.217 against 1.106 (+111)


def report(quarter: int, rows: list, prose: str, **extra) -> dict:
    return {
        "co_quan": {"ten": "Ủy ban nhân dân phường Quy Nhơn Nam", "cap": "phường", "dia_danh": "Quy Nhơn Nam",
                    "cap_tren": {"ten": "Ủy ban nhân dân tỉnh Gia Lai", "cap": "tỉnh"}},
        "nguoi_ky": {"tham_quyen": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "chuc_vu": "", "ho_ten": "Nguyễn Văn A"},
        "bao_cao": {"ky": {"loai": "quy", "nam": 2026, "so": quarter}, "kinh_gui": ["UBND tỉnh Gia Lai"],
                    "mo_dau": "Báo cáo như sau:", **extra,
                    "ket_qua": {"tthc": {"mot_cua": [prose, {"bang": {"kieu": "ho_so_tthc", "ma": "ho_so", "dong": rows}}]}},
                    "noi_nhan": ["Như trên", "Lưu: VT"]},
    }


def write(folder, name: str, data: dict):
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build(tmp_path, capsys, prose: str, previous_rows=ROWS_Q2, **extra):
    write(tmp_path, "quy2.yaml", report(2, previous_rows, "Quý II."))
    data = write(tmp_path, "quy3.yaml", report(3, ROWS_Q3, prose, ky_truoc="quy2.yaml", **extra))
    code = cli.main(["build", str(data), "-o", str(tmp_path / "ra")])
    err = capsys.readouterr().err
    return code, err, data


def paragraphs(tmp_path) -> list[str]:
    return [normalise(p.text) for p in Document(tmp_path / "ra" / "BC-quy3.docx").paragraphs]


def total_row(tmp_path) -> list[str]:
    table = next(t for t in Document(tmp_path / "ra" / "BC-quy3.docx").tables if "TỔNG CỘNG" in t.rows[-1].cells[0].text)
    return [normalise(c.text) for c in table.rows[-1].cells]


def test_previous_figures_computed_cells_and_rates_in_prose(tmp_path, capsys):
    prose = ("Kỳ trước [=kt.ho_so.tong.tiep_nhan], kỳ này [=ho_so.tong.tiep_nhan] hồ sơ "
             "([=ho_so.tong.tiep_nhan - kt.ho_so.tong.tiep_nhan] hồ sơ nhiều hơn, [=ho_so.tong.tiep_nhan|chenh_lech]); "
             "hộ tịch [=ho_so.ho_tich.tang_giam], [=ho_so.ho_tich.tiep_nhan|so_voi_ky_truoc hồ sơ]; "
             "đúng hạn [=ho_so.tong.ty_le_dung_han], tính lại [=ho_so.tong.dung_han / ho_so.tong.da_giai_quyet]; "
             "kỳ trước đúng hạn [=kt.ho_so.tong.ty_le_dung_han].")
    code, err, _ = build(tmp_path, capsys, prose)
    assert code == 0, err
    assert ("Kỳ trước 1.106, kỳ này 1.217 hồ sơ (111 hồ sơ nhiều hơn, +111); hộ tịch +87, tăng 87 hồ sơ so với "
            "kỳ trước; đúng hạn 99,75%, tính lại 99,75%; kỳ trước đúng hạn 99,54%.") in paragraphs(tmp_path)


def test_the_total_row_carries_its_change(tmp_path, capsys):
    code, err, _ = build(tmp_path, capsys, "Kết quả:")
    assert code == 0, err
    row = total_row(tmp_path)
    assert row[0] == "TỔNG CỘNG" and row[-1] == "+111" and row[-2] == "99,75"
    # a row matched by its words (no code in the previous file), and by its code
    table = next(t for t in Document(tmp_path / "ra" / "BC-quy3.docx").tables if "TỔNG CỘNG" in t.rows[-1].cells[0].text)
    changes = [normalise(r.cells[-1].text) for r in table.rows[2:-1]]
    assert changes == ["+87", "+20", "+4"]


def test_a_row_that_matches_nothing_gives_one_message_naming_it_and_the_fix(tmp_path, capsys):
    renamed = [dict(ROWS_Q2[0], linh_vuc="Hộ tịch, chứng thực")] + ROWS_Q2[1:]
    code, err, data = build(tmp_path, capsys, "Hộ tịch [=ho_so.ho_tich.tang_giam], tổng [=ho_so.tong.tang_giam].",
                            previous_rows=renamed)
    assert code == 2
    errors = [line for line in err.splitlines() if ": lỗi: " in line]
    assert len(errors) == 1, err  # not also "ô này đang trống" for the two citations of it
    line = next(k for k, text in enumerate(data.read_text(encoding="utf-8").splitlines(), 1) if "ma: ho_tich" in text)
    assert errors[0].startswith(f"{data}:{line}:") and "dòng «Hộ tịch» (mã 'ho_tich')" in errors[0]
    # «Từ kỳ trước», carried over from the same previous row, is named in the same one message
    assert "cột so với kỳ trước và cột «Từ kỳ trước» không tính được" in errors[0]
    hint = err.split("Cách sửa: ", 1)[1]
    assert "ghép theo mã dòng (ma)" in hint and "cột 'linh_vuc'" in hint and "«Hộ tịch, chứng thực»" in hint
    assert "so_lieu_ky_truoc" in hint
    assert not (tmp_path / "ra").exists()


def test_previous_figure_without_a_previous_period_says_how_to_declare_it(tmp_path, capsys):
    data = write(tmp_path, "quy3.yaml", report(3, ROWS_Q3, "Kỳ trước [=kt.ho_so.tong.tiep_nhan]."))
    assert cli.main(["build", str(data), "-o", str(tmp_path / "ra")]) == 2
    err = capsys.readouterr().err
    assert "'[=kt.ho_so.tong.tiep_nhan]': chưa có số liệu kỳ trước" in err and "Cách sửa: ghi ky_truoc:" in err


def test_a_cell_may_subtract_and_take_the_previous_periods_figure(tmp_path, capsys):
    rows = [dict(ROWS_Q3[0]), dict(ROWS_Q3[1]), dict(ROWS_Q3[2], ma="dat_dai", truc_tiep="=kt.ho_so.dat_dai.truc_tiep - 2")]
    write(tmp_path, "quy2.yaml", report(2, ROWS_Q2, "Quý II."))
    data = write(tmp_path, "quy3.yaml", report(3, rows, "Trực tiếp: [=ho_so.tong.truc_tiep].", ky_truoc="quy2.yaml"))
    assert cli.main(["build", str(data), "-o", str(tmp_path / "ra")]) == 0, capsys.readouterr().err
    # Đất đai's row of quý II (matched by its words) took 41 directly; 41 - 2 = 39, with 64 and 100
    assert "Trực tiếp: 203." in paragraphs(tmp_path)


def test_from_the_previous_period_is_carried_over_not_typed(tmp_path, capsys):
    """bang.yaml's `ky_truoc: dang_giai_quyet` on «Từ kỳ trước»: with a previous file each row takes
    last period's «Đang giải quyết» of its matched row (TỔNG CỘNG adds them up)."""
    code, err, _ = build(tmp_path, capsys, "Từ kỳ trước: [=ho_so.tong.tu_ky_truoc], hộ tịch [=ho_so.ho_tich.tu_ky_truoc].")
    assert code == 0, err
    assert "Từ kỳ trước: 18, hộ tịch 6." in paragraphs(tmp_path)
    table = next(t for t in Document(tmp_path / "ra" / "BC-quy3.docx").tables if "TỔNG CỘNG" in t.rows[-1].cells[0].text)
    assert [normalise(row.cells[3].text) for row in table.rows[2:]] == ["6", "0", "12", "18"]


def test_a_carried_over_cell_typed_beside_a_previous_file_is_refused_at_it(tmp_path, capsys):
    rows = [dict(ROWS_Q3[0], tu_ky_truoc=6)] + ROWS_Q3[1:]
    write(tmp_path, "quy2.yaml", report(2, ROWS_Q2, "Quý II."))
    data = write(tmp_path, "quy3.yaml", report(3, rows, "Quý III.", ky_truoc="quy2.yaml"))
    assert cli.main(["build", str(data), "-o", str(tmp_path / "ra")]) == 2
    err = capsys.readouterr().err
    (line,) = _errors(err)
    number = next(k for k, text in enumerate(data.read_text(encoding="utf-8").splitlines(), 1) if "tu_ky_truoc: 6" in text)
    assert line.startswith(f"{data}:{number}:") and "cột 'tu_ky_truoc' lấy số 'dang_giai_quyet' của dòng tương ứng" in line
    assert "Cách sửa: xóa 'tu_ky_truoc' ở dòng này" in err


def test_without_a_previous_file_from_the_previous_period_is_typed(tmp_path, capsys):
    rows = [dict(row, tu_ky_truoc=n) for row, n in zip(ROWS_Q3, (6, 0, 12))]
    data = write(tmp_path, "quy3.yaml", report(3, rows, "Từ kỳ trước: [=ho_so.tong.tu_ky_truoc]."))
    assert cli.main(["build", str(data), "-o", str(tmp_path / "ra")]) == 0, capsys.readouterr().err
    assert "Từ kỳ trước: 18." in paragraphs(tmp_path)


def test_a_misspelt_table_in_a_kt_reference_is_located_at_the_citation(tmp_path, capsys):
    code, err, data = build(tmp_path, capsys, "Kỳ trước [=kt.ho_soo.tong.tiep_nhan].")
    assert code == 2
    (line,) = [line for line in err.splitlines() if ": lỗi: " in line]
    number = next(k for k, text in enumerate(data.read_text(encoding="utf-8").splitlines(), 1) if "kt.ho_soo" in text)
    assert re.match(rf"{re.escape(str(data))}:{number}:\d+: lỗi: số liệu kỳ trước \(tệp quy2.yaml\)", line)
    assert "có phải ý bạn là 'ho_so'?" in err


def _errors(err: str) -> list[str]:
    return [line for line in err.splitlines() if ": lỗi: " in line]


def test_a_thousands_dot_in_a_cell_gives_one_message_with_the_number_to_write(tmp_path, capsys):
    """1.612 read as a decimal: one message, whatever cites or adds up that cell (no follow-on
    errors quoting totals, rates or changes computed without it)."""
    rows = [dict(ROWS_Q3[0], truc_tuyen=1.612)] + ROWS_Q3[1:]
    write(tmp_path, "quy2.yaml", report(2, ROWS_Q2, "Quý II."))
    data = write(tmp_path, "quy3.yaml", report(
        3, rows, "Tiếp nhận [=ho_so.tong.tiep_nhan] ([=ho_so.ho_tich.tang_giam]), đúng hạn [=ho_so.tong.ty_le_dung_han].",
        ky_truoc="quy2.yaml"))
    assert "truc_tuyen: 1.612" in data.read_text(encoding="utf-8")
    assert cli.main(["build", str(data), "-o", str(tmp_path / "ra")]) == 2
    err = capsys.readouterr().err
    (line,) = _errors(err)
    assert "cột 'truc_tuyen': số đếm '1.612' viết có dấu phân cách hàng nghìn" in line and "Cách sửa: viết 1612" in err


def test_a_thousands_dot_in_a_standard_figure_gives_one_message(tmp_path, capsys):
    data = report(3, ROWS_Q3, "Kết quả:")
    data["bao_cao"]["ket_qua"]["tthc"]["ho_so"] = {"den_ngay": "14/9/2026", "tiep_nhan": 1612, "dung_han": 1600,
                                                   "tre_han": 2, "chua_den_han": 10}
    data = write(tmp_path, "quy3.yaml", data)
    data.write_text(data.read_text(encoding="utf-8").replace("tiep_nhan: 1612", "tiep_nhan: 1.612"), encoding="utf-8")
    assert cli.main(["build", str(data), "-o", str(tmp_path / "ra")]) == 2
    err = capsys.readouterr().err
    (line,) = _errors(err)
    assert "tiep_nhan" in line and "Cách sửa: viết số không có dấu phân cách hàng nghìn: 1612" in err


def test_a_row_without_its_typed_previous_figure_is_named_once(tmp_path, capsys):
    """Rows typing so_lieu_ky_truoc (no previous file yet): the one that does not is the mistake,
    not the TỔNG CỘNG change citing it."""
    rows = [dict(r, so_lieu_ky_truoc={"tiep_nhan": 400}) for r in ROWS_Q3[:2]] + [ROWS_Q3[2]]
    data = write(tmp_path, "quy3.yaml", report(3, rows, "Thay đổi [=ho_so.tong.tang_giam] hồ sơ."))
    assert cli.main(["build", str(data), "-o", str(tmp_path / "ra")]) == 2
    err = capsys.readouterr().err
    (line,) = _errors(err)
    assert "dòng «Đất đai»: cột so với kỳ trước không tính được: dòng chưa ghi số kỳ trước" in line
    assert "Cách sửa: ghi so_lieu_ky_truoc" in err


def test_a_carried_over_column_naming_no_column_is_located_in_its_kind(tmp_path, capsys):
    data = report(3, [{"linh_vuc": "Hộ tịch", "a": 1}], "Quý III.")
    data["bao_cao"]["ket_qua"]["tthc"]["mot_cua"][1]["bang"]["kieu"] = {"cot": [
        {"ma": "linh_vuc", "ten": "Lĩnh vực", "kieu": "chu"}, {"ma": "a", "ten": "A", "ky_truoc": "b"}]}
    path = write(tmp_path, "quy3.yaml", data)
    assert cli.main(["build", str(path), "-o", str(tmp_path / "ra")]) == 2
    (line,) = _errors(capsys.readouterr().err)
    assert "kiểu bảng 'ho_so': cột 'a' tính từ cột 'b' không có" in line
