"""A table's rows from an .xlsx sheet: the round trip through the data form, mistakes located at
their cells (all in one run, exit 2, nothing written), Vietnamese number text, formulas, and the
plan following the workbook (watch, diff).

Workbooks are written here with openpyxl as a clerk's Excel would hold them; the data form is the
one `baocao bieu` writes, filled by this file's own `fill`, which follows the README's rules.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml
from docx import Document

from conftest import SAMPLE_001, SAMPLE_002, convert, with_previous_period
from generator.commands import watch
from generator.commands.build import build
from generator.plan import prepare
from generator.validate.table_kinds import load_kinds
from test_cli_errors import column_of, line_of, run_cli, snapshot

# --- the round trip ------------------------------------------------------------------------------


def table_blocks(node, found=None) -> list[dict]:
    """Every `bang` mapping of a data file's raw YAML, in file order."""
    found = [] if found is None else found
    if isinstance(node, dict):
        if isinstance(node.get("bang"), dict) and "kieu" in node["bang"]:
            found.append(node["bang"])
        for value in node.values():
            table_blocks(value, found)
    elif isinstance(node, list):
        for value in node:
            table_blocks(value, found)
    return found


def code_row(ws) -> tuple[int, dict[str, int]]:
    """The form's row of column codes (it holds 'cap' and 'ma') and each code's column."""
    for row in ws.iter_rows(min_row=1, max_row=12):
        codes = {c.value: c.column for c in row if isinstance(c.value, str)}
        if "cap" in codes and "ma" in codes:
            return row[0].row, codes
    raise AssertionError(f"no code row in sheet {ws.title}")


def put(cell, value) -> None:
    cell.value = value
    if isinstance(value, str) and value.startswith("="):  # a link is text, typed '=bang.dong.cot in Excel
        cell.data_type = "s"


def fill(ws, rows: list[dict]) -> None:
    """Write a table's YAML rows into its form sheet: one sheet row per row, sub-rows (`con`) and
    "trong đó" parts (`trong_do`) by their level in 'cap', flags as x, previous figures in their columns."""
    header, codes = code_row(ws)
    line = header

    def write(rows: list[dict], level: int, part: bool) -> None:
        nonlocal line
        for row in rows:
            line += 1
            for key, value in row.items():
                if key in ("con", "trong_do"):
                    continue
                if key == "so_lieu_ky_truoc":
                    for compared, figure in value.items():
                        put(ws.cell(line, codes[f"so_lieu_ky_truoc.{compared}"]), figure)
                elif key in ("dam", "nghieng", "cong_con"):
                    put(ws.cell(line, codes[key]), "x" if value else None)
                else:
                    put(ws.cell(line, codes[key]), value)
            if level > 1:
                ws.cell(line, codes["cap"]).value = level
            if part:
                ws.cell(line, codes["trong_do"]).value = "x"
            write(row.get("trong_do") or [], level + 1, True)
            write(row.get("con") or [], level + 1, False)

    write(rows, 1, False)


def pointed(sample: Path, folder: Path, workbook: str) -> Path:
    """A copy of `sample` in `folder` whose tables take their rows from `workbook`'s sheets, each
    named after its table's code (or its kind), as `baocao bieu` names them."""
    data = yaml.safe_load(sample.read_text(encoding="utf-8"))
    for block in table_blocks(data):
        del block["dong"]
        block["excel"] = {"tep": workbook, "trang": block.get("ma") or block["kieu"]}
    copy = folder / sample.name
    with_previous_period(sample, folder)
    copy.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return copy


@pytest.mark.parametrize("sample", [SAMPLE_001, SAMPLE_002], ids=["an-lao-2021-quy1", "kim-thach-2023-6thang"])
def test_a_filled_data_form_builds_the_same_document_as_the_yaml_rows(sample, tmp_path, capsys):
    form = tmp_path / "so-lieu.xlsx"
    assert run_cli(capsys, "bieu", sample, "-o", form).code == 0
    book = openpyxl.load_workbook(form)
    raw = yaml.safe_load(sample.read_text(encoding="utf-8"))
    blocks = table_blocks(raw)
    assert book.sheetnames == ["Hướng dẫn"] + [b.get("ma") or b["kieu"] for b in blocks]
    for block in blocks:
        ws = book[block.get("ma") or block["kieu"]]
        header, codes = code_row(ws)
        first = block["dong"][0]  # the rows are laid out (labels, row codes); their figures are not
        kind = load_kinds()[block["kieu"]]
        for key, value in first.items():
            if key == "ma" or key in kind.by_key and key != "_stt":
                shown = ws.cell(header + 1, codes[key]).value
                assert shown == (value if key == "ma" or kind.by_key[key].kind == "chu" else None), key
        fill(ws, block["dong"])
    book.save(form)
    data = pointed(sample, tmp_path, form.name)
    assert run_cli(capsys, "build", data, "-o", tmp_path / "excel").code == 0
    assert run_cli(capsys, "build", sample, "-o", tmp_path / "yaml").code == 0
    built = sorted(p.name for p in (tmp_path / "yaml").glob("*.docx"))
    assert built and built == sorted(p.name for p in (tmp_path / "excel").glob("*.docx"))
    for name in built:
        assert (tmp_path / "excel" / name).read_bytes() == (tmp_path / "yaml" / name).read_bytes(), name


def test_a_form_written_with_the_data_files_rows_builds_the_same_document(tmp_path, capsys):
    form = tmp_path / "so-lieu.xlsx"
    assert run_cli(capsys, "bieu", SAMPLE_001, "-o", form, "--kem-so-lieu").code == 0
    data = pointed(SAMPLE_001, tmp_path, form.name)
    assert run_cli(capsys, "build", data, "-o", tmp_path / "excel").code == 0
    assert run_cli(capsys, "build", SAMPLE_001, "-o", tmp_path / "yaml").code == 0
    name = f"BC-{SAMPLE_001.stem}.docx"
    assert (tmp_path / "excel" / name).read_bytes() == (tmp_path / "yaml" / name).read_bytes()


# --- a small report whose one table is a clerk's sheet --------------------------------------------

REPORT = """\
co_quan:
  ten: Ủy ban nhân dân xã Kim Thạch
  cap: xã
  dia_danh: Kim Thạch
  cap_tren: {ten: Ủy ban nhân dân huyện Vĩnh Linh, cap: huyện}
nguoi_ky:
  tham_quyen: [TM. ỦY BAN NHÂN DÂN]
  chuc_vu: CHỦ TỊCH
  ho_ten: Nguyễn Văn An
bao_cao:
  so:
  ngay:
  ky: {loai: 6thang, nam: 2023}
  trich_yeu: [Kết quả cải cách hành chính 6 tháng đầu năm 2023]
  kinh_gui: [UBND huyện Vĩnh Linh]
  mo_dau: UBND xã báo cáo như sau.
  noi_dung:
    - tieu_de: KẾT QUẢ
      muc:
        - tieu_de: Tình hình giải quyết hồ sơ
          noi_dung:
            - "Tiếp nhận [=ho_so.tong.tiep_nhan] hồ sơ; lĩnh vực đất đai [=ho_so.dat_dai.moi] hồ sơ mới."
            - bang:
                kieu: ho_so_linh_vuc
                ma: ho_so
                excel: {tep: so-lieu.xlsx, trang: Hồ sơ}
  noi_nhan: [Như trên, "Lưu: VT"]
"""

# The document's header of kind ho_so_linh_vuc, as a clerk's sheet repeats it: (cell, text, merged range).
HEADER = [
    ("A2", "Lĩnh vực", "A2:A4"), ("B2", "Số hồ sơ đã tiếp nhận", "B2:D2"), ("E2", "Kết quả giải quyết", "E2:J2"),
    ("K2", "Ghi chú", "K2:K4"), ("B3", "Tổng số", "B3:B4"), ("C3", "Trong đó", "C3:D3"),
    ("E3", "Số hồ sơ đã giải quyết", "E3:G3"), ("H3", "Số hồ sơ đang giải quyết", "H3:J3"),
    ("C4", "Số kỳ trước chuyển qua", None), ("D4", "Số mới tiếp nhận", None), ("E4", "Tổng số", None),
    ("F4", "Trả đúng hạn", None), ("G4", "Trả quá hạn", None), ("H4", "Tổng số", None),
    ("I4", "Chưa đến hạn", None), ("J4", "Quá hạn", None),
]
ROWS = [  # from row 5: A lĩnh vực, C kỳ trước, D mới, F đúng hạn, G quá hạn, I chưa đến hạn
    ["Chứng thực", None, 0, 159, None, 159, 0, None, 0],
    ["Đất đai", None, 17, 221, None, 201, 1, None, 36],
]


def clerk_sheet(folder: Path, *, codes: bool = False) -> Path:
    """so-lieu.xlsx with sheet «Hồ sơ»: a title row, the header as the document prints it (or, with
    `codes`, a row of column codes instead), two rows; the second has row code dat_dai (column L)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Hồ sơ"
    ws["A1"] = "Bảng 1. Tình hình giải quyết hồ sơ"
    if codes:
        for k, code in enumerate(["linh_vuc", "tiep_nhan", "ky_truoc", "moi", "da_giai_quyet", "dung_han",
                                  "qua_han", "dang_giai_quyet", "chua_den_han", "dang_qua_han", "ghi_chu", "ma"]):
            ws.cell(4, k + 1, code)
    else:
        for cell, text, merged in HEADER:
            ws[cell] = text
            if merged:
                ws.merge_cells(merged)
        ws["L4"] = "Mã dòng"
    for r, row in enumerate(ROWS, start=5):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c, value)
    ws["L6"] = "dat_dai"
    path = folder / "so-lieu.xlsx"
    book.save(path)
    return path


def report(folder: Path, text: str = REPORT) -> Path:
    data = folder / "bao-cao.yaml"
    data.write_text(text, encoding="utf-8")
    return data


def docx_text(path: Path) -> str:
    doc = Document(path)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.mark.parametrize("codes", [False, True], ids=["header-titles", "code-row"])
def test_columns_are_found_by_their_titles_or_by_a_row_of_codes(tmp_path, capsys, codes):
    clerk_sheet(tmp_path, codes=codes)
    result = run_cli(capsys, "build", report(tmp_path), "-o", tmp_path / "ra")
    assert result.code == 0, result.err
    text = docx_text(tmp_path / "ra" / "BC-bao-cao.docx")
    assert "Tiếp nhận 397 hồ sơ; lĩnh vực đất đai 221 hồ sơ mới." in text  # 159 + 17 + 221, cited from the sheet


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    """A good document built once from the clerk's sheet: each refused build below must leave it as it is."""
    folder = tmp_path_factory.mktemp("tot")
    clerk_sheet(folder)
    build(report(folder), folder / "ra")
    return folder


def refused(good_build, tmp_path, capsys, change, text: str = REPORT) -> list[str]:
    """Break the sheet with `change(worksheet)`, build into a copy of the good output: exit 2, the
    output unchanged; the findings' first lines."""
    shutil.copytree(good_build, tmp_path, dirs_exist_ok=True)
    book = openpyxl.load_workbook(tmp_path / "so-lieu.xlsx")
    change(book)
    book.save(tmp_path / "so-lieu.xlsx")
    before = snapshot(tmp_path / "ra")
    result = run_cli(capsys, "build", report(tmp_path, text), "-o", tmp_path / "ra")
    assert result.code == 2
    assert "Traceback" not in result.err
    assert snapshot(tmp_path / "ra") == before
    return [line.replace(f"{tmp_path}/", "") for line in result.err.splitlines() if ": lỗi: " in line]


def cell(sheet_cell: str) -> str:
    return f"so-lieu.xlsx, trang «Hồ sơ», {sheet_cell}: lỗi: "


def yaml_at(text: str, needle: str) -> str:
    """bao-cao.yaml:LINE:COLUMN of `needle` in `text`."""
    line = line_of(text, needle)
    return f"bao-cao.yaml:{line}:{column_of(text, line, needle)}: lỗi: "


CASES = {
    "chữ ở cột số": (lambda b: b["Hồ sơ"].__setitem__("D5", "nhiều"),
                     cell("ô D5") + "ô chứa chữ «nhiều» nhưng cột «Số mới tiếp nhận» cần một số đếm"),
    "trang bị đổi tên": (lambda b: setattr(b["Hồ sơ"], "title", "Ho so"),
                         yaml_at(REPORT, "Hồ sơ}") + "tệp so-lieu.xlsx không có trang «Hồ sơ» (các trang có: «Ho so»)"),
    "thiếu cột": (lambda b: [b["Hồ sơ"].__setitem__(c, None) for c in ("G4", "G5", "G6")],
                  cell("hàng 4") + "thiếu cột «Kết quả giải quyết / Số hồ sơ đã giải quyết / Trả quá hạn» (mã qua_han) "
                  "của bảng kiểu 'ho_so_linh_vuc'"),
    "cột thừa": (lambda b: b["Hồ sơ"].__setitem__("M4", "Ghi chú thêm"),
                 cell("ô M4") + "cột «Ghi chú thêm» không có trong bảng kiểu 'ho_so_linh_vuc'"),
    "ô gộp trong số liệu": (lambda b: b["Hồ sơ"].merge_cells("F5:G5"),
                            cell("ô F5") + "các ô F5:G5 đang gộp (merge) trong vùng số liệu của bảng"),
    "mã dòng trùng": (lambda b: b["Hồ sơ"].__setitem__("L5", "dat_dai"),
                      cell("ô L6") + "mã dòng 'dat_dai' đã dùng ở ô L5"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_mistake_in_the_sheet_is_located_at_its_cell(good_build, tmp_path, capsys, case):
    change, expected = CASES[case]
    assert refused(good_build, tmp_path, capsys, change) == [expected]


def test_every_mistake_of_a_workbook_comes_in_one_run(good_build, tmp_path, capsys):
    def everything(book):
        for change, _ in CASES.values():
            if change is not CASES["trang bị đổi tên"][0]:
                change(book)
        book.copy_worksheet(book["Hồ sơ"]).title = "Hồ sơ 2"
    second = REPORT.replace("  noi_nhan:", """  phu_luc:
    - tieu_de: [SỐ LIỆU]
      noi_dung:
        - bang:
            kieu: ho_so_linh_vuc
            excel: {tep: so-lieu.xlsx, trang: Hồ sơ 3}
  noi_nhan:""")
    found = refused(good_build, tmp_path, capsys, everything, second)
    expected = [e for case, (_, e) in CASES.items() if case != "trang bị đổi tên"]
    assert sorted(found) == sorted(expected + [
        yaml_at(second, "Hồ sơ 3}") + "tệp so-lieu.xlsx không có trang «Hồ sơ 3» (các trang có: «Hồ sơ», «Hồ sơ 2»)"])


def test_vietnamese_number_text_is_read_and_an_open_meaning_refused(good_build, tmp_path, capsys):
    shutil.copytree(good_build, tmp_path, dirs_exist_ok=True)
    book = openpyxl.load_workbook(tmp_path / "so-lieu.xlsx")
    book["Hồ sơ"]["D6"] = "9.737"  # nine thousand seven hundred thirty-seven, the Vietnamese way
    book["Hồ sơ"]["I6"] = "9.552"  # and the files still pending, so that received = resolved + pending
    book.save(tmp_path / "so-lieu.xlsx")
    assert run_cli(capsys, "build", report(tmp_path), "-o", tmp_path / "ra").code == 0
    assert "lĩnh vực đất đai 9.737 hồ sơ mới" in docx_text(tmp_path / "ra" / "BC-bao-cao.docx")

    def open_meanings(book):
        ws = book["Hồ sơ"]
        ws["C5"], ws["D5"], ws["F5"] = "1,234", "1.5", "12/10/2023"
        ws["G5"].value = dt.datetime(2023, 10, 10)  # Excel turned "10/10" into a date
    found = refused(good_build, tmp_path / "2", capsys, open_meanings)
    assert [line.split(": lỗi: ")[0] for line in found] == [
        "so-lieu.xlsx, trang «Hồ sơ», ô C5", "so-lieu.xlsx, trang «Hồ sơ», ô D5", "so-lieu.xlsx, trang «Hồ sơ», ô F5",
        "so-lieu.xlsx, trang «Hồ sơ», ô G5"]
    assert "«1,234» không rõ là số nào" in found[0] and "«1.5» không rõ là số nào" in found[1]
    assert "ô chứa chữ «12/10/2023»" in found[2]
    assert "ô chứa một ngày (10/10/2023)" in found[3]


def test_formulas_without_computed_values_are_refused_until_a_spreadsheet_program_saves_them(good_build, tmp_path, capsys):
    def formula(book):
        book["Hồ sơ"]["D6"] = "=200+21"  # openpyxl stores the formula, never its value
    found = refused(good_build, tmp_path, capsys, formula)
    assert found == [cell("ô D6") + "ô có công thức =200+21 nhưng tệp chưa lưu giá trị đã tính (tệp được tạo bằng "
                     "chương trình và chưa từng được mở trong Excel hay LibreOffice)"]
    saved = convert(tmp_path / "so-lieu.xlsx", tmp_path / "lo", "xlsx")  # LibreOffice computes and stores 221
    shutil.copy(saved, tmp_path / "so-lieu.xlsx")
    assert run_cli(capsys, "build", report(tmp_path), "-o", tmp_path / "ra").code == 0
    assert "lĩnh vực đất đai 221 hồ sơ mới" in docx_text(tmp_path / "ra" / "BC-bao-cao.docx")


def test_a_workbook_that_cannot_be_read_is_a_located_message(good_build, tmp_path, capsys):
    shutil.copytree(good_build, tmp_path, dirs_exist_ok=True)
    (tmp_path / "so-lieu.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    result = run_cli(capsys, "build", report(tmp_path), "-o", tmp_path / "ra")
    assert result.code == 2 and "Traceback" not in result.err
    assert f"{tmp_path}/so-lieu.xlsx: lỗi: tệp không phải bảng tính .xlsx hợp lệ" in result.err
    old = report(tmp_path, REPORT.replace("so-lieu.xlsx", "so-lieu.xls"))
    (tmp_path / "so-lieu.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    result = run_cli(capsys, "build", old, "-o", tmp_path / "ra")
    assert result.code == 2 and f"{tmp_path}/so-lieu.xls: lỗi: tệp là định dạng Excel cũ (.xls)" in result.err


# --- the plan follows the workbook -----------------------------------------------------------------

def test_the_plan_watches_the_workbook_even_while_it_is_wrong(good_build, tmp_path):
    shutil.copytree(good_build, tmp_path, dirs_exist_ok=True)
    data = tmp_path / "bao-cao.yaml"
    assert tmp_path / "so-lieu.xlsx" in prepare(data).watched
    book = openpyxl.load_workbook(tmp_path / "so-lieu.xlsx")
    book["Hồ sơ"]["D5"] = "nhiều"
    book.save(tmp_path / "so-lieu.xlsx")
    assert tmp_path / "so-lieu.xlsx" in watch._rebuild(data, {data}, tmp_path / "ra", False, False)


def test_diff_of_two_data_files_sees_a_change_in_their_workbooks(good_build, tmp_path, capsys):
    for side in ("cu", "moi"):
        shutil.copytree(good_build, tmp_path / side)
    book = openpyxl.load_workbook(tmp_path / "moi" / "so-lieu.xlsx")
    book["Hồ sơ"]["D6"] = 222
    book["Hồ sơ"]["I6"] = 37  # one more file received is one more pending (the table's rule)
    book.save(tmp_path / "moi" / "so-lieu.xlsx")
    result = run_cli(capsys, "diff", tmp_path / "cu" / "bao-cao.yaml", tmp_path / "moi" / "bao-cao.yaml")
    assert result.code == 0
    assert "[221 → 222]" in result.out
    assert "bảng 1, hàng «Đất đai», cột «Số hồ sơ đã tiếp nhận / Trong đó / Số mới tiếp nhận»: [221 → 222]" in result.out


def test_vung_reads_only_the_tables_cells(good_build, tmp_path, capsys):
    shutil.copytree(good_build, tmp_path, dirs_exist_ok=True)
    book = openpyxl.load_workbook(tmp_path / "so-lieu.xlsx")
    book["Hồ sơ"]["N3"] = "Ghi chú của văn thư: số liệu đến ngày 12/6"  # beside the table, not of it
    book.save(tmp_path / "so-lieu.xlsx")
    result = run_cli(capsys, "build", report(tmp_path), "-o", tmp_path / "ra")
    assert result.code == 2 and "cột «Ghi chú của văn thư: số liệu đến ngày 12/6» không có trong bảng kiểu" in result.err
    narrowed = report(tmp_path, REPORT.replace("trang: Hồ sơ}", "trang: Hồ sơ, vung: A1:L6}"))
    assert run_cli(capsys, "build", narrowed, "-o", tmp_path / "ra").code == 0
    result = run_cli(capsys, "build", report(tmp_path, REPORT.replace("trang: Hồ sơ}", "trang: Hồ sơ, vung: L6:A1}")),
                     "-o", tmp_path / "ra")
    assert result.code == 2 and "vùng 'L6:A1' không đọc được" in result.err
