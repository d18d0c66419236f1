"""What a newcomer stumbled on following README's "Báo cáo kỳ mới" for a phường: a quý IV/2026 report
started with `moi`, then quý I/2027 with `ky-moi` and the Excel form. Their files are in
tests/newcomer/ as they left them; each test runs the CLI on a copy and opens what it produced."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from conftest import REPO, normalise
from generator.commands import cli

NEWCOMER = REPO / "tests" / "newcomer"
Q4, Q1 = "bao-cao-phuong-2026-quy4.yaml", "bao-cao-phuong-2027-quy1.yaml"


@pytest.fixture
def folder(tmp_path) -> Path:
    """A copy of the newcomer's folder."""
    shutil.copytree(NEWCOMER, tmp_path / "baocao")
    return tmp_path / "baocao"


def run(capsys, *args) -> tuple[int, str, str]:
    """The exit code, what was printed, and the messages (check prints them; build writes them to stderr)."""
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err + (out if args[0] == "check" else "")


def edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(k for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def body(docx: Path) -> str:
    return "\n".join(normalise(p.text) for p in Document(str(docx)).paragraphs)


def errors(err: str) -> list[str]:
    return [line for line in err.splitlines() if ": lỗi: " in line]


# --- 1. a thousands dot in an amount -------------------------------------------------------------

def test_a_grouped_amount_is_refused_once_with_both_readings(folder, capsys):
    data = edit(folder / Q4, "giai_ngan: 15320", "giai_ngan: 15.320")
    code, _, err = run(capsys, "check", data)
    assert code == 2
    assert errors(err) == [f"{data}:{line_of(data, 'giai_ngan')}:20: lỗi: "
                           "'bao_cao.ket_qua.tai_chinh.von_dau_tu.giai_ngan' = '15.320': dấu '.' phân cách hàng "
                           "nghìn hay là dấu thập phân? baocao không đoán"], err
    assert "viết 15320 nếu là số nguyên" in err and "hoặc 15.32 nếu là số thập phân" in err
    code, _, err = run(capsys, "build", data, "-o", folder / "ra")
    assert code == 2 and len(errors(err)) == 1 and not (folder / "ra").exists()  # not "chiếm 0,08%"


def test_grouped_amounts_anywhere_and_in_value_cells_are_refused_as_typed(folder, capsys):
    data = edit(folder / Q4, "ke_hoach: 18500", "ke_hoach: 1.234.567")
    edit(data, "{linh_vuc: Cải cách thể chế, so_nhiem_vu: 3, hoan_thanh: 3}",
         "{linh_vuc: Cải cách thể chế, so_nhiem_vu: 3, hoan_thanh: 3, kinh_phi: 2.500}")
    edit(data, "- {ma: hoan_thanh, ten: Đã hoàn thành}",
         "- {ma: hoan_thanh, ten: Đã hoàn thành}\n                - {ma: kinh_phi, ten: Kinh phí, kieu: gia_tri}")
    code, _, err = run(capsys, "check", data)
    assert code == 2
    found = errors(err)
    assert len(found) == 2, err
    assert found[0].startswith(f"{data}:{line_of(data, 'ke_hoach: 1.234.567')}:") and "'1.234.567' viết có dấu" in found[0]
    assert "viết 1234567:" in err  # one reading: two dots are never a decimal
    assert found[1].startswith(f"{data}:{line_of(data, 'kinh_phi: 2.500')}:") and "cột 'kinh_phi': '2.500'" in found[1]
    assert "viết 2500 nếu là số nguyên" in err and "hoặc 2.5 nếu là số thập phân" in err


def test_an_amount_with_decimals_still_reads(folder, capsys):
    data = edit(folder / Q4, "giai_ngan: 15320", "giai_ngan: 15320.5")
    code, _, err = run(capsys, "build", data, "-o", folder / "ra")
    assert code == 0, err
    assert "15.320,5 triệu đồng" in body(folder / "ra" / f"BC-{Path(Q4).stem}.docx")


# --- 2. comparisons from whatever previous figures the plan has ---------------------------------

def test_a_first_report_compares_in_words_from_its_rows_previous_figures(folder, capsys):
    data = edit(folder / Q4, "so với quý III năm 2026: [=ho_so.tong.tang_giam] hồ sơ.",
                "[=ho_so.tong.tiep_nhan|so_voi_ky_truoc hồ sơ] ([=kt.ho_so.tong.tiep_nhan] hồ sơ kỳ trước); "
                "đất đai [=ho_so.dat_dai.tiep_nhan|so_voi_ky_truoc hồ sơ].")
    code, _, err = run(capsys, "build", data, "-o", folder / "ra")
    assert code == 0, err
    text = body(folder / "ra" / f"BC-{Path(Q4).stem}.docx")
    assert "số hồ sơ tiếp nhận tăng 96 hồ sơ so với kỳ trước (1.536 hồ sơ kỳ trước); " \
           "đất đai giảm 3 hồ sơ so với kỳ trước." in text


def test_a_comparison_with_no_previous_figure_quotes_what_was_typed(folder, capsys):
    data = edit(folder / Q4, "[=ho_so.tong.tang_giam] hồ sơ.", "[=ho_so.tong.ty_le_dung_han|so_voi_ky_truoc].")
    code, _, err = run(capsys, "check", data)
    assert code == 2
    assert errors(err) == [f"{data}:{line_of(data, 'so_voi_ky_truoc]')}:"
                           f"{data.read_text(encoding='utf-8').splitlines()[line_of(data, 'so_voi_ky_truoc]') - 1].index('[=ho_so.tong.ty_le_dung_han|') + 1}: "
                           "lỗi: '[=ho_so.tong.ty_le_dung_han|so_voi_ky_truoc]': chưa có số liệu kỳ trước của "
                           "'ho_so.tong.ty_le_dung_han'"], err
    assert "=kt." not in err and "Cách sửa: ghi ky_truoc:" in err


def test_the_starters_comparison_reads_as_vietnamese(tmp_path, capsys):
    data = tmp_path / "moi.yaml"
    assert run(capsys, "moi", "bao-cao", "phuong", data, "--ten", "Ghềnh Ráng", "--tinh", "Gia Lai",
               "--nam", "2026", "--quy", "4")[0] == 0
    code, _, err = run(capsys, "build", data, "-o", tmp_path / "ra")
    assert code == 0, err
    text = body(tmp_path / "ra" / "BC-moi.docx")
    assert "số hồ sơ tiếp nhận tăng 4 hồ sơ so với kỳ trước." in text and "thay đổi" not in text


# --- 6. «Từ kỳ trước» carries over last period's «Đang giải quyết» --------------------------------

def test_ky_moi_leaves_from_the_previous_period_to_the_previous_file(folder, capsys):
    new = folder / "moi.yaml"
    code, out, _ = run(capsys, "ky-moi", folder / Q4, "-o", new, "--giu-so-lieu")
    assert code == 0, out
    rows = [line for line in new.read_text(encoding="utf-8").splitlines() if "linh_vuc:" in line and "ma:" in line]
    assert len(rows) == 5 and not any("tu_ky_truoc" in row for row in rows)
    code, _, err = run(capsys, "build", new, "-o", folder / "ra")
    assert code == 0, err
    table = next(t for t in Document(str(folder / "ra" / "BC-moi.docx")).tables if "TỔNG CỘNG" in t.rows[-1].cells[0].text)
    # quý IV's Đang giải quyết: 257 - 251, 1254 - 1254, 72 - 60, 16 - 15, 33 - 31
    assert [normalise(row.cells[3].text) for row in table.rows[2:]] == ["6", "0", "12", "1", "2", "21"]
