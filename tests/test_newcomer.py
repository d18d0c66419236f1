"""What a newcomer stumbled on following README's "Báo cáo kỳ mới" for a phường: a quý IV/2026 report
started with `moi`, then quý I/2027 with `ky-moi` and the Excel form. Their files are in
tests/newcomer/ as they left them; each test runs the CLI on a copy and opens what it produced."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from conftest import REPO, normalise
from generator.commands import cli
from generator.kinds.report import HEADINGS, TEMPLATE

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


# --- 3. the form right after ky-moi ----------------------------------------------------------------

def sheet_rows(ws) -> tuple[dict[str, int], list[dict[str, object]]]:
    """A form sheet's column codes (the grey row holding 'ma') and its filled rows by code."""
    header = next(r for r in range(1, 12) if "ma" in [c.value for c in ws[r]])
    codes = {c.value: c.column for c in ws[header] if c.value}
    rows = [{code: ws.cell(r, col).value for code, col in codes.items()} for r in range(header + 1, ws.max_row + 1)]
    return codes, [row for row in rows if any(v is not None for v in row.values())]


def test_the_form_is_written_while_figures_are_blank_with_rows_codes_and_titles(folder, capsys):
    new = folder / "quy1.yaml"
    assert run(capsys, "ky-moi", folder / Q4, "-o", new)[0] == 0
    assert run(capsys, "check", new)[0] == 2  # every figure blank
    code, out, err = run(capsys, "bieu", new)
    assert code == 0, err
    assert "Tệp số liệu còn" in out and "biểu mẫu vẫn được ghi" in out
    book = openpyxl.load_workbook(folder / "quy1-so-lieu.xlsx")
    assert book.sheetnames == ["Hướng dẫn", "ho_so", "nhiem_vu"]
    ho_so = book["ho_so"]
    assert ho_so["A1"].value == "Cải cách thủ tục hành chính (TTHC)"  # its section's heading, not a kind's code
    codes, rows = sheet_rows(ho_so)
    assert [(r["linh_vuc"], r["ma"]) for r in rows] == [
        ("Hộ tịch", "ho_tich"), ("Chứng thực", "chung_thuc"), ("Đất đai", "dat_dai"), ("Xây dựng", "xay_dung"),
        ("Bảo trợ xã hội", "bao_tro_xa_hoi")]
    assert all(r["truc_tuyen"] is None and r["dung_han"] is None for r in rows)  # the figures are the clerk's
    header = next(r for r in range(1, 12) if ho_so.cell(r, codes["ma"]).value == "ma")
    carried = ho_so.cell(header + 1, codes["tu_ky_truoc"])  # «Từ kỳ trước» comes from the previous file
    assert carried.protection.locked and carried.fill.fgColor.rgb.endswith("D9D9D9")
    nhiem_vu = book["nhiem_vu"]  # the one-off table: its own columns and title
    assert nhiem_vu["A1"].value == "TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026"
    codes, rows = sheet_rows(nhiem_vu)
    assert list(codes)[:6] == ["stt", "linh_vuc", "so_nhiem_vu", "hoan_thanh", "dang_lam", "ty_le"]
    assert [r["linh_vuc"] for r in rows][:2] == ["Cải cách thể chế", "Cải cách thủ tục hành chính"]
    guide = [c.value for c in book["Hướng dẫn"]["A"] if c.value]
    at = guide.index("- bang:")
    assert guide[at:at + 4] == ["- bang:", "    kieu: ho_so_tthc", "    ma: ho_so",
                                '    excel: {tep: "quy1-so-lieu.xlsx", trang: "ho_so"}']
    assert any("«nhiem_vu»" in line and "giữ nguyên 'kieu' và 'ma'" in line for line in guide)


def test_a_kinds_blank_form_has_a_vietnamese_title(folder, capsys):
    assert run(capsys, "bieu", "--kieu", "ho_so_tthc", "-o", folder / "bieu.xlsx")[0] == 0
    title = openpyxl.load_workbook(folder / "bieu.xlsx")["ho_so_tthc"]["A1"].value
    assert title.startswith("Số liệu theo Lĩnh vực: Số hồ sơ tiếp nhận, Số hồ sơ đã giải quyết")
    assert "ho_so_tthc" not in title and "Bảng kiểu" not in title


def test_no_form_when_a_tables_rows_cannot_be_read(folder, capsys):
    data = edit(folder / Q4, "kieu: ho_so_tthc", "kieu: ho_so_thc")
    code, _, err = run(capsys, "bieu", data)
    assert code == 2 and "không có kiểu bảng 'ho_so_thc'" in err and "có phải ý bạn là 'ho_so_tthc'?" in err
    assert not (folder / f"{data.stem}-so-lieu.xlsx").exists()


# --- 4. a row code kept in the workbook ------------------------------------------------------------

def test_a_cited_row_without_its_code_in_the_workbook_points_at_the_ma_dong_column(folder, capsys):
    book = openpyxl.load_workbook(folder / "so-lieu-2027-quy1.xlsx")
    ws = book["ho_so_tthc"]
    codes, _ = sheet_rows(ws)
    cell = next(ws.cell(r, codes["ma"]) for r in range(1, ws.max_row + 1) if ws.cell(r, codes["ma"]).value == "dat_dai")
    cell.value = None
    book.save(folder / "so-lieu-2027-quy1.xlsx")
    data = folder / Q1
    code, _, err = run(capsys, "check", data)
    assert code == 2
    (line,) = errors(err)
    assert line.startswith(f"{data}:{line_of(data, '[=ho_so.dat_dai.qua_han')}:")
    assert "bảng 'ho_so' không có dòng mã 'dat_dai'" in line and "trang «ho_so_tthc» của tệp so-lieu-2027-quy1.xlsx" in line
    assert "cột «Mã dòng»" in line and "Cách sửa: ghi dat_dai vào ô «Mã dòng»" in err and "khóa 'ma'" not in err


def test_the_standard_sections_headings_are_the_templates():
    """A table in a standard section is named after the heading the template prints there."""
    printed = {normalise(p.text) for p in Document(str(TEMPLATE)).paragraphs if p.style.name.startswith("Muc cap")}
    assert set(HEADINGS.values()) <= printed


# --- 5. every text still naming the old period or year ---------------------------------------------

def test_ky_moi_lists_every_text_naming_the_old_period_or_year(folder, capsys):
    new = folder / Q1
    new.unlink()
    code, out, err = run(capsys, "ky-moi", folder / Q4)
    assert code == 0 and not errors(err)
    assert "6 chỗ còn nhắc kỳ cũ (quý IV năm 2026) hay năm 2026, nên xem lại:" in out
    listed = [line for line in out.splitlines() if line.startswith(f"  {new}:")]
    expected = [
        ("kh-cchc:", "văn bản [@kh-cchc] (Kế hoạch số 12/KH-UBND) ký ngày 20/01/2026, trích yếu nhắc «năm 2026»"),
        ("báo cáo kết quả công tác", "nhắc «quý IV năm 2026»"),
        ("Trong quý IV, UBND", "nhắc «quý IV»"),
        ("so với quý III năm 2026", "nhắc «quý III năm 2026»"),
        ("Kế hoạch cải cách hành chính năm 2026.", "nhắc «năm 2026»"),
        ("TIẾN ĐỘ THỰC HIỆN", "nhắc «NĂM 2026»"),
    ]
    assert len(listed) == len(expected), out
    for line, (needle, reason) in zip(listed, expected):
        assert line.startswith(f"  {new}:{line_of(new, needle)}: {reason}"), line


# --- 7. comments true for the new file --------------------------------------------------------------

def test_ky_moi_leaves_comments_true_for_the_new_file_and_keeps_the_clerks(folder, capsys):
    edit(folder / Q4, "      mot_cua:", "      # Số liệu lấy từ phần mềm một cửa của tỉnh, ngày 14.\n      mot_cua:")
    new = folder / "quy1.yaml"
    assert run(capsys, "ky-moi", folder / Q4, "-o", new, "--giu-so-lieu")[0] == 0
    text = new.read_text(encoding="utf-8")
    assert text.splitlines()[0] == ("# Báo cáo công tác cải cách hành chính quý I năm 2027 — "
                                    "Ủy ban nhân dân phường Ghềnh Ráng.")
    assert text.splitlines()[1] == ("# Tệp kỳ mới do lệnh `baocao ky-moi` tạo từ bao-cao-phuong-2026-quy4.yaml: "
                                    "sửa số liệu cho kỳ mới, rồi")
    assert "#     baocao build quy1.yaml" in text and "# Kỳ sau: baocao ky-moi quy1.yaml" in text
    for stale in ("baocao moi", "minh họa", "tep-ky-truoc", "# so_lieu_ky_truoc", "Tệp bắt đầu"):
        assert stale not in text, stale
    assert "      # Số liệu lấy từ phần mềm một cửa của tỉnh, ngày 14.\n      mot_cua:" in text  # the clerk's
    assert "    in_o_dau: false         # true: in tên cơ quan cấp trên" in text  # the starter's help stays
    assert run(capsys, "ky-moi", new, "-o", folder / "quy2.yaml")[0] == 0  # and the next period again
    text = (folder / "quy2.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("# Báo cáo công tác cải cách hành chính quý II năm 2027 — ")
    assert text.splitlines()[1] == ("# Tệp kỳ mới do lệnh `baocao ky-moi` tạo từ quy1.yaml: điền các số liệu còn "
                                    "trống (baocao check liệt kê), rồi")


# --- 8. a single appendix, a signer left blank -------------------------------------------------------

def test_a_single_appendix_is_phu_luc_and_several_are_numbered(folder, capsys):
    assert run(capsys, "build", folder / Q4, "-o", folder / "ra")[0] == 0
    labels = [p for p in body(folder / "ra" / f"BC-{Path(Q4).stem}.docx").splitlines() if p.startswith("Phụ lục")]
    assert labels == ["Phụ lục"]  # as the body says: "(chi tiết tại Phụ lục)"
    text = (folder / Q4).read_text(encoding="utf-8")
    appendix = text[text.index("    - tieu_de:\n        - TIẾN ĐỘ"):]
    (folder / "hai.yaml").write_text(text + appendix.replace("TIẾN ĐỘ", "KẾT QUẢ").replace("ma: nhiem_vu", "ma: ket_qua"),
                                     encoding="utf-8")
    assert run(capsys, "build", folder / "hai.yaml", "-o", folder / "ra")[0] == 0
    labels = [p for p in body(folder / "ra" / "BC-hai.docx").splitlines() if p.startswith("Phụ lục")]
    assert labels == ["Phụ lục 1", "Phụ lục 2"]


def test_a_signer_left_as_the_starters_blank_is_warned_at_it(folder, capsys):
    data = edit(folder / Q4, "ho_ten: Nguyễn Văn Bình", "ho_ten: …")
    edit(data, "chuc_vu: PHÓ CHỦ TỊCH", "chuc_vu: …")
    code, out, err = run(capsys, "check", data)
    assert code == 0
    warned = [line for line in err.splitlines() if ": cảnh báo: " in line]
    assert warned == [f"{data}:{line_of(data, 'chuc_vu: …')}:12: cảnh báo: 'nguoi_ky.chuc_vu' còn để '…' như tệp "
                      "bắt đầu: văn bản sẽ in «…»",
                      f"{data}:{line_of(data, 'ho_ten: …')}:11: cảnh báo: 'nguoi_ky.ho_ten' còn để '…' như tệp "
                      "bắt đầu: văn bản sẽ in «…»"], err
    code, _, err = run(capsys, "build", data, "-o", folder / "ra")
    assert code == 0 and err.count("còn để '…'") == 2  # built, and said


# --- the clerk's flow, end to end, as README's "Báo cáo kỳ mới" tells it ----------------------------

def test_the_readme_flow_moi_build_ky_moi_bieu_filled_form_build(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    q4, q1 = Path("bao-cao-phuong-2026-quy4.yaml"), Path("bao-cao-phuong-2027-quy1.yaml")
    # 1. a starter for quý IV/2026, built as written
    assert run(capsys, "moi", "bao-cao", "phuong", "--ten", "Ghềnh Ráng", "--tinh", "Gia Lai",
               "--nam", "2026", "--quy", "4")[1].splitlines()[0] == str(q4)
    edit(q4, "ho_ten: …", "ho_ten: Nguyễn Văn Bình")  # 3. fill what the starter left blank
    code, out, err = run(capsys, "build", q4)
    assert code == 0 and "cảnh báo" not in err, err
    assert "số hồ sơ tiếp nhận tăng 4 hồ sơ so với kỳ trước" in body(Path("build") / q4.stem / f"BC-{q4.stem}.docx")
    # 1. (kỳ sau) the next period's file; 2. building it lists every blank figure at once
    code, out, _ = run(capsys, "ky-moi", q4)
    assert code == 0 and out.splitlines()[0] == str(q1)
    blanks = int(re.search(r"(\d+) số liệu để trống chờ điền", out).group(1))
    code, _, err = run(capsys, "build", q1)
    assert code == 2 and len(errors(err)) == blanks and all("chưa điền" in line for line in errors(err)), err
    # the data form for its tables, while the figures are blank
    assert run(capsys, "bieu", q1)[0] == 0
    form = Path("bao-cao-phuong-2027-quy1-so-lieu.xlsx")
    book = openpyxl.load_workbook(form)
    figures = {"ho_so": {"ho_tich": {"truc_tuyen": 130, "truc_tiep": 25, "dung_han": 150, "qua_han": 0},
                         "chung_thuc": {"truc_tuyen": 210, "truc_tiep": 70, "dung_han": 280, "qua_han": 0},
                         "dat_dai": {"truc_tuyen": 12, "truc_tiep": 20, "dung_han": 30, "qua_han": 2}},
               "nhiem_vu": {"Cải cách thủ tục hành chính": {"so_nhiem_vu": 6, "hoan_thanh": 2},
                            "Chính quyền điện tử, chính quyền số": {"so_nhiem_vu": 5, "hoan_thanh": 1}}}
    for sheet, rows in figures.items():  # a clerk types the figures beside the rows laid out
        ws = book[sheet]
        header = next(r for r in range(1, 12) if "ma" in [c.value for c in ws[r]])
        codes = {c.value: c.column for c in ws[header] if c.value}
        for r in range(header + 1, header + 1 + len(rows)):
            row = rows[ws.cell(r, codes["ma"]).value or ws.cell(r, codes["linh_vuc"]).value]
            for key, value in row.items():
                ws.cell(r, codes[key]).value = value
    book.save(form)
    # the data file points its tables at the form, as its «Hướng dẫn» sheet says: `excel:` for `dong:`
    guide = [c.value for c in book["Hướng dẫn"]["A"] if c.value]
    pointers = [line.strip() for line in guide if line.strip().startswith("excel: ")]
    text = q1.read_text(encoding="utf-8")
    assert len(pointers) == 2
    for pointer, code_line in zip(pointers, ("ma: ho_so ", "ma: nhiem_vu")):
        start = text.index("dong:", text.index(code_line))
        text = text[:start] + pointer + "\n" + text[_block_end(text, start):]
    for key, value in (("toan_trinh", 110), ("mot_phan", 125), ("con_lai", 50), ("ke_hoach", 12000),
                       ("giai_ngan", 3000.5)):
        text = re.sub(rf"(\n\s+{key}:)\n", rf"\g<1> {value}\n", text, count=1)
    q1.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "build", q1)
    assert code == 0 and "lỗi" not in err, err
    docx = Path("build") / q1.stem / f"BC-{q1.stem}.docx"
    paragraphs = body(docx)
    assert "Công tác cải cách hành chính quý I năm 2027" in paragraphs
    assert "trong kỳ tiếp nhận 474 hồ sơ" in paragraphs and "số hồ sơ tiếp nhận tăng 2 hồ sơ so với kỳ trước" in paragraphs
    assert "3.000,5 triệu đồng" in paragraphs and "\nPhụ lục\n" in paragraphs
    table = next(t for t in Document(str(docx)).tables if "TỔNG CỘNG" in t.rows[-1].cells[0].text)
    cells = [[normalise(c.text) for c in row.cells] for row in table.rows[2:]]
    # Lĩnh vực, Tổng số, Từ kỳ trước (quý IV's Đang giải quyết), …, Tăng/giảm against quý IV
    assert [(r[1], r[2], r[3], r[-1]) for r in cells] == [
        ("Hộ tịch", "158", "3", "+6"), ("Chứng thực", "280", "0", "0"), ("Đất đai", "36", "4", "-4"),
        ("TỔNG CỘNG", "474", "7", "+2")]


def _block_end(text: str, start: int) -> int:
    """Where the `dong:` list whose key is at `start` ends: the next line indented no deeper than it."""
    indent = start - text.rindex("\n", 0, start) - 1
    at = text.index("\n", start) + 1
    for line in text[at:].splitlines(keepends=True):
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        at += len(line)
    return at
