"""The workbooks baocao writes: `build --excel` (every table as built) checked cell by cell against
the document's tables, and the data form of `baocao bieu`; both opened by LibreOffice Calc, both
deterministic."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from docx.oxml.ns import qn

from conftest import SAMPLE_001, SAMPLE_002, convert, soffice
from generator.commands.cli import main
from test_cli_errors import run_cli
from test_tables import cell_text, data_tables, header_rows


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Seed 001 and seed 002 built with --excel in one command: (docx, xlsx) of each."""
    out = tmp_path_factory.mktemp("excel")
    assert main(["build", str(SAMPLE_001), str(SAMPLE_002), "-o", str(out), "--excel"]) == 0
    return {s.stem: (out / f"BC-{s.stem}.docx", out / f"bang-{s.stem}.xlsx") for s in (SAMPLE_001, SAMPLE_002)}


def docx_merges(tbl) -> tuple[list[list[str]], set[tuple[int, int, int, int]]]:
    """A document table's header: its rows of texts on the grid, and its merged ranges (0-based
    first row, first column, last row, last column) from w:gridSpan and w:vMerge."""
    rows = header_rows(tbl)
    grid: list[list[str]] = []
    starts: dict[tuple[int, int], list[int]] = {}
    for r, tr in enumerate(rows):
        line, col = [], 0
        for tc in tr.findall(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            span = int(pr.find(qn("w:gridSpan")).get(qn("w:val"))) if pr.find(qn("w:gridSpan")) is not None else 1
            merge = pr.find(qn("w:vMerge"))
            if merge is not None and merge.get(qn("w:val")) != "restart":
                origin = next(k for k in starts if k[1] == col and starts[k][0] == r - 1 and starts[k][1] == span)
                starts[origin][0] = r
            else:
                starts[(r, col)] = [r, span]
            line += [cell_text(tc)] + [""] * (span - 1)
            col += span
        grid.append(line)
    merges = {(r, c, last, c + span - 1) for (r, c), (last, span) in starts.items() if last > r or span > 1}
    return grid, merges


def shown(value, fmt: str) -> str:
    """A cell as a Vietnamese Calc shows it with its format ([$-42A]#,##0 → 9.737, 0.00% → 99,79%)."""
    if isinstance(value, str) or value is None:
        return value or ""
    percent = fmt.endswith("%")
    decimals = len(re.search(r"(?:\.(0+))?%?$", fmt).group(1) or "")
    number = Decimal(str(value)) * (100 if percent else 1)
    text = f"{abs(number):,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    sign = "-" if number < 0 else ("+" if "+" in fmt and number > 0 else "")
    return sign + text + ("%" if percent else "")


def every_sheet_as_shown(xlsx: Path, out: Path) -> list[Path]:
    """Every sheet of `xlsx` as LibreOffice Calc shows it (formatted text), one CSV file per sheet."""
    exe = soffice()
    if exe is None:
        if os.environ.get("BAOCAO_REQUIRE_LIBREOFFICE"):
            pytest.fail("LibreOffice (soffice) is required here but not installed")
        pytest.skip("LibreOffice (soffice) chưa được cài: bỏ qua kiểm tra dùng LibreOffice")
    options = "44,34,76,1,,0,false,true,true,false,false,-1"  # UTF-8, cells as shown, every sheet
    result = subprocess.run([exe, f"-env:UserInstallation=file://{out / 'lo-profile'}", "--headless", "--convert-to",
                             f"csv:Text - txt - csv (StarCalc):{options}", "--outdir", str(out), str(xlsx)],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    return sorted(out.glob(f"{xlsx.stem}-*.csv"))


@pytest.mark.parametrize("sample", [SAMPLE_001.stem, SAMPLE_002.stem])
def test_every_table_of_the_document_is_a_sheet_with_its_values_formats_and_merged_header(built, sample):
    docx, xlsx = built[sample]
    tables = data_tables(docx)
    book = openpyxl.load_workbook(xlsx)
    assert len(book.sheetnames) == len(tables) > 0
    numbers = 0
    for tbl, ws in zip(tables, book.worksheets):
        grid, merges = docx_merges(tbl)
        first = 3  # the caption in row 1, a blank row 2
        sheet_merges = {(m.min_row - first, m.min_col - 1, m.max_row - first, m.max_col - 1)
                        for m in ws.merged_cells.ranges if m.min_row < first + len(grid)}
        assert sheet_merges == merges, ws.title
        for r, line in enumerate(grid):
            assert [ws.cell(first + r, c + 1).value or "" for c in range(len(line))] == \
                [re.sub(r"\s+", " ", t) for t in line], ws.title
        assert ws.freeze_panes == f"A{first + len(grid)}"
        body = tbl.findall(qn("w:tr"))[len(grid):]
        for r, tr in enumerate(body):
            col = 0
            for tc in tr.findall(qn("w:tc")):
                cell = ws.cell(first + len(grid) + r, col + 1)
                text = cell_text(tc)
                got = shown(cell.value, cell.number_format)
                if isinstance(cell.value, (int, float)):
                    numbers += 1
                    assert cell.number_format.startswith("[$-42A]")
                    if got.endswith("%") and not text.endswith("%"):  # a rate column: the header says %
                        got = got[:-1]
                assert got == re.sub(r"\s+", " ", text.replace("\\*", "*")) or (text and got == text.strip()), \
                    (ws.title, r, col, text, cell.value, cell.number_format)
                span = tc.find(qn("w:tcPr")).find(qn("w:gridSpan"))
                col += int(span.get(qn("w:val"))) if span is not None else 1
    assert numbers > 20


def test_the_tables_workbook_keeps_counts_rates_and_changes_as_numbers(built):
    book = openpyxl.load_workbook(built[SAMPLE_001.stem][1])
    ho_so = book["pl2_ho_so"]
    total = list(ho_so[ho_so.max_row])
    assert total[0].value == "TỔNG CỘNG:" and total[0].font.b
    received, before, new = (c.value for c in total[1:4])  # tiếp nhận = kỳ trước + mới, summed over the rows
    assert isinstance(received, int) and received == before + new > 1000
    assert total[1].number_format == "[$-42A]#,##0"
    bo_may = book["pl2_bo_may"]
    changes = {c.number_format for row in bo_may.iter_rows(min_row=5) for c in row if isinstance(c.value, int)}
    assert "[$-42A]+#,##0;-#,##0;0" in changes
    dvc = openpyxl.load_workbook(built[SAMPLE_002.stem][1])["dvc"]
    rate = dvc.cell(dvc.max_row, 8)
    assert rate.value == pytest.approx(0.107) and rate.number_format == "[$-42A]0.0%"
    assert openpyxl.load_workbook(built[SAMPLE_002.stem][1])["ho_so"]["A1"].value == "Cải cách thủ tục hành chính (TTHC)"


def test_libreoffice_opens_the_tables_workbook_and_shows_what_the_document_prints(built, tmp_path):
    docx, xlsx = built[SAMPLE_002.stem]
    sheets = every_sheet_as_shown(xlsx, tmp_path)
    assert [p.stem.split("-")[-1] for p in sheets] == sorted(openpyxl.load_workbook(xlsx).sheetnames)
    rows = list(csv.reader((tmp_path / f"{xlsx.stem}-ho_so.csv").open(encoding="utf-8")))
    doc_rows = [[cell_text(tc) for tc in tr.findall(qn("w:tc"))] for tr in data_tables(docx)[0].findall(qn("w:tr"))]
    assert rows[-1][:1] + [c for c in rows[-1][2:]] == doc_rows[-1]  # TỔNG CỘNG (its label spans STT and Lĩnh vực)
    assert rows[-2] == doc_rows[-2]  # Đất đai, numbers shown the Vietnamese way by Calc
    dvc = list(csv.reader((tmp_path / f"{xlsx.stem}-dvc.csv").open(encoding="utf-8")))
    assert dvc[-1][7] == "10,7%"


def test_the_tables_workbook_is_deterministic_and_dated_by_the_document(built, tmp_path, capsys):
    xlsx = built[SAMPLE_001.stem][1]
    assert run_cli(capsys, "build", SAMPLE_001, "-o", tmp_path, "--excel").code == 0
    assert (tmp_path / xlsx.name).read_bytes() == xlsx.read_bytes()
    with zipfile.ZipFile(xlsx) as z:
        core = z.read("docProps/core.xml").decode()
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert "<dcterms:modified" in core and core.count("2021-") >= 2


def test_without_tables_build_excel_says_so(tmp_path, capsys):
    result = run_cli(capsys, "build", SAMPLE_001.parent / "an-lao-2023-6thang.yaml", "-o", tmp_path, "--excel")
    assert result.code == 0 and not list(tmp_path.glob("*.xlsx"))
    assert "không có bảng nào, không ghi bảng tính" in result.err


# --- the data form -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def form(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bieu") / "so-lieu.xlsx"
    assert main(["bieu", str(SAMPLE_001), "-o", str(out)]) == 0
    return out


def test_the_data_form_has_the_documents_header_a_code_row_and_protected_computed_columns(form, built):
    book = openpyxl.load_workbook(form)
    guide = book["Hướng dẫn"]
    lines = [c.value for c in guide["A"] if c.value]
    tep = Path(os.path.relpath(form, SAMPLE_001.parent)).as_posix()  # the form as the data file names it
    assert f"    excel: {{tep: \"{tep}\", trang: \"pl2_ho_so\"}}" in lines
    assert any("dấu nháy đơn" in line for line in lines)
    ws = book["pl2_ho_so"]
    grid, merges = next(header for header in map(docx_merges, data_tables(built[SAMPLE_001.stem][0]))
                        if header[0][0][0] == "Lĩnh vực")  # Phụ lục 2, 1.b): the ho_so_linh_vuc table
    first = 3
    kind_columns = len(grid[0])
    form_merges = {(m.min_row - first, m.min_col - 1, m.max_row - first, m.max_col - 1)
                   for m in ws.merged_cells.ranges if m.max_col <= kind_columns}
    assert form_merges == merges
    codes = [c.value for c in ws[first + len(grid)]]
    assert codes == ["linh_vuc", "tiep_nhan", "ky_truoc", "moi", "da_giai_quyet", "dung_han", "qua_han",
                     "dang_giai_quyet", "chua_den_han", "dang_qua_han", "ghi_chu",
                     "ma", "cap", "trong_do", "dam", "nghieng", "cong_con"]
    data_row = first + len(grid) + 1
    assert ws.freeze_panes == f"A{data_row}"
    assert ws.protection.sheet and not ws.protection.insertRows
    computed = ws.cell(data_row, codes.index("tiep_nhan") + 1)
    typed = ws.cell(data_row, codes.index("moi") + 1)
    assert computed.protection.locked and computed.fill.fgColor.rgb.endswith("D9D9D9")
    assert not typed.protection.locked and typed.number_format == "[$-42A]#,##0"
    rules = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
    assert rules[typed.coordinate].type == "whole" and rules[typed.coordinate].errorStyle == "warning"
    bo_may = book["pl2_bo_may"]
    assert "so_lieu_ky_truoc.phong" in [c.value for c in bo_may[first + 2]]


def test_libreoffice_opens_the_data_form(form, tmp_path):
    converted = convert(form, tmp_path, "csv:Text - txt - csv (StarCalc):44,34,76")
    assert "BIỂU MẪU NHẬP SỐ LIỆU" in converted.read_text(encoding="utf-8")


def test_a_form_is_never_written_over_without_ghi_de(form, tmp_path, capsys):
    out = tmp_path / "so-lieu.xlsx"
    out.write_bytes(b"so lieu da dien")
    result = run_cli(capsys, "bieu", "--kieu", "ho_so_xa", "tien_do", "-o", out)
    assert result.code == 2 and "không ghi đè" in result.err and out.read_bytes() == b"so lieu da dien"
    assert run_cli(capsys, "bieu", "--kieu", "ho_so_xa", "tien_do", "-o", out, "--ghi-de").code == 0
    assert openpyxl.load_workbook(out).sheetnames == ["Hướng dẫn", "ho_so_xa", "tien_do"]
    assert (tmp_path / ".truoc" / "so-lieu.1.xlsx").read_bytes() == b"so lieu da dien"
    result = run_cli(capsys, "bieu", "--kieu", "ho_so_xaa", "-o", tmp_path / "khac.xlsx")
    assert result.code == 2 and "có phải ý bạn là 'ho_so_xa'?" in result.err
