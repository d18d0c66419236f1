"""Pages that need no hand work, checked on the rendered pages: every sample (and a phường with a
long name) converted to PDF by LibreOffice and its words read back with pdftotext."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn

from conftest import REPO, SAMPLE_002, with_previous_period
from generator.commands import cli
from generator.derive.table_layout import BodyRow, Cell, HeaderCell, TableLayout
from generator.oxml import header_block, table_widths
from generator.text import measure
from pdf_helpers import require_office, words

SAMPLES = sorted((REPO / "data").glob("*.yaml"))
QUOC_HIEU = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM")


def _long_names(folder):
    """Seed 002 as a phường of a province since July 2025: names that wrapped a word alone."""
    data = yaml.safe_load(SAMPLE_002.read_text(encoding="utf-8"))
    data["co_quan"] = {"ten": "Ủy ban nhân dân phường Quy Nhơn Nam", "cap": "phường", "dia_danh": "Quy Nhơn Nam",
                       "cap_tren": {"ten": "Ủy ban nhân dân tỉnh Gia Lai", "cap": "tỉnh", "in_o_dau": True}}
    data["bao_cao"]["ngay"] = "2025-12-12"
    path = folder / "phuong-ten-dai.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with_previous_period(SAMPLE_002, folder)
    return path


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Every sample and the long-name phường, built with --pdf in one command: {docx: [page texts]}."""
    require_office()
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed to read the pages back")
    folder = tmp_path_factory.mktemp("trang")
    data = [*SAMPLES, _long_names(folder)]
    assert cli.main(["build", *map(str, data), "-o", str(folder / "ra"), "--pdf"]) == 0
    out = {}
    for docx in sorted((folder / "ra").glob("*.docx")):
        text = subprocess.run(["pdftotext", "-raw", str(docx.with_suffix(".pdf")), "-"], capture_output=True,
                              text=True, encoding="utf-8", check=True).stdout
        out[docx] = [page.splitlines() for page in text.split("\f")[:-1]]
    assert len(out) == len(data)
    return out


def _text(element) -> str:
    """An element's text as printed: a line break, a paragraph or a cell ends a word."""
    pieces = []
    for el in element.iter(qn("w:t"), qn("w:br"), qn("w:p")):
        pieces.append(el.text or "" if el.tag == qn("w:t") else " ")
    return " ".join("".join(pieces).split())


def _tables(docx):
    return list(Document(docx).element.body.iter(qn("w:tbl")))


def _is_header(tr) -> bool:
    return tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def _flat(lines) -> str:
    return " ".join(" ".join(lines).split())


def test_every_word_of_every_table_header_prints_whole(rendered):
    checked = 0
    for docx, pages in rendered.items():
        lines = [line for page in pages for line in page]
        tokens = set()
        for line in lines:
            tokens.update(words(line))
        header = {w for tbl in _tables(docx) for tr in tbl.findall(qn("w:tr")) if _is_header(tr)
                  for w in words(_text(tr))}
        for word in header:  # whole: as a word of a printed line (a footnote mark may follow it)
            assert word in tokens or any(re.fullmatch(re.escape(word) + r"\d+", t) for t in tokens), (docx.name, word)
        for above, below in zip(lines, lines[1:]):  # never cut at a line's end: "Tổn" / "g số"
            ends, starts = words(above), words(below)
            if ends and starts:
                assert not (ends[-1] + starts[0] in header and ends[-1] not in header), (docx.name, above, below)
        checked += len(header)
    assert checked > 100


def test_header_block_names_fit_no_word_alone_and_quoc_hieu_on_one_line(rendered):
    for docx, pages in rendered.items():
        first = [line.strip() for line in pages[0]]
        national = next(q for q in QUOC_HIEU if q in first)  # on one line of its own
        left_lines = first[:first.index(national)]  # the issuing body's cell is drawn first
        block = Document(docx).element.body.find(qn("w:tbl"))
        left = [_text(p) for p in block.find(qn("w:tr")).find(qn("w:tc")).findall(qn("w:p")) if _text(p)]
        assert _flat(left_lines) == _flat(left), docx.name  # every word whole, in order
        for line in left_lines:
            assert len(line.split()) > 1 or line in left, (docx.name, line)  # no word alone on a line
    long_name = next(pages for docx, pages in rendered.items() if "phuong-ten-dai" in docx.name)[0]
    assert "PHƯỜNG QUY NHƠN NAM" in [line.strip() for line in long_name]
    assert any(line.strip().endswith("/BC-UBND Quy Nhơn Nam, ngày 12 tháng 12 năm 2025") for line in long_name)


def test_a_lead_in_prints_on_the_page_of_its_tables_first_row(rendered):
    checked = 0
    for docx, pages in rendered.items():
        flat = [_flat(page) for page in pages]
        for tbl in _tables(docx):
            before = tbl.getprevious()
            body = [tr for tr in tbl.findall(qn("w:tr")) if not _is_header(tr)]
            if before is None or before.tag != qn("w:p") or not _text(before) or not body or tbl is _tables(docx)[0]:
                continue
            lead = " ".join(_text(before).split()[-6:])
            row = " ".join([_text(tc) for tc in body[0].findall(qn("w:tc")) if _text(tc)][:3])
            lead_pages = [k for k, page in enumerate(flat) if lead in page]
            row_pages = [k for k, page in enumerate(flat) if row in page]
            assert lead_pages and row_pages, (docx.name, lead, row)
            assert lead_pages[-1] == row_pages[0], (docx.name, lead, lead_pages, row, row_pages)
            checked += 1
    assert checked >= 8


def test_group_rows_and_the_row_above_the_total_print_on_the_page_of_the_next_row(rendered):
    checked = 0
    for docx, pages in rendered.items():
        flat = [_flat(page) for page in pages]
        for tbl in _tables(docx):
            rows = tbl.findall(qn("w:tr"))
            for row, after in zip(rows, rows[1:]):
                if _is_header(row) or row.find(f".//{qn('w:keepNext')}") is None:
                    continue
                texts = [" ".join([_text(tc) for tc in r.findall(qn("w:tc")) if _text(tc)][:2]) for r in (row, after)]
                found = [[k for k, page in enumerate(flat) if text in page] for text in texts]
                assert found[0] and found[1] and found[0][0] in found[1], (docx.name, texts, found)
                checked += 1
    assert checked >= 30


def test_page_one_carries_no_number_and_page_two_does(rendered):
    for docx, pages in rendered.items():
        assert not re.fullmatch(r"\d+", pages[0][0].strip()), docx.name
        if len(pages) > 1:
            assert pages[1][0].strip() == "2", docx.name


def test_headings_are_left_aligned_not_justified(rendered):
    for docx in rendered:
        document = Document(docx)
        for name in ("Phan", "Muc cap 1", "Muc cap 2", "Muc cap 3"):
            try:
                style = document.styles[name]
            except KeyError:
                continue
            while style is not None and style.paragraph_format.alignment is None:
                style = style.base_style
            assert style is None or style.paragraph_format.alignment not in (3, 4, 5, 7, 8, 9), (docx.name, name)


def test_balanced_break_never_leaves_a_word_alone_and_prefers_a_level_of_government():
    width = len  # a letter a unit
    assert header_block._balanced("ỦY BAN NHÂN DÂN TỈNH GIA LAI".split(), lambda ws: width(" ".join(ws)), 17) == \
        [["ỦY", "BAN", "NHÂN", "DÂN"], ["TỈNH", "GIA", "LAI"]]
    assert header_block._balanced("PHƯỜNG QUY NHƠN NAM".split(), lambda ws: width(" ".join(ws)), 12) == \
        [["PHƯỜNG", "QUY"], ["NHƠN", "NAM"]]


def _layout(words_per_column: list[str], widths=None) -> TableLayout:
    header = (tuple(HeaderCell(w, 1, 1) for w in words_per_column),)
    row = BodyRow(tuple(Cell("1", "center") for _ in words_per_column), False, False)
    return TableLayout("thu", tuple(widths or [1.0] * len(words_per_column)), header, (row,))


def test_table_columns_from_their_words_smaller_text_only_when_needed():
    width = 9355  # portrait text width, twips
    fits = table_widths.fit(_layout(["STT", "Nội dung", "Số"], [1, 6, 1]), width, 12)
    assert fits == table_widths.Fitted([round(width / 8), round(width * 6 / 8), round(width / 8)], 12, True)
    words = ["Tổng"] * 4 + ["online"] * 3 + ["Chuyển"] * 4
    fitted = table_widths.fit(_layout(words, [3.0] + [1.0] * 10), width, 12)  # the kind gives "Chuyển" 719 twips
    assert fitted.fits and fitted.size == 12 and sum(fitted.widths) == width
    for word, column in zip(words, fitted.widths):
        assert measure.width(word, 12, bold=True) + table_widths.MARGINS <= column  # whole on one line
    too_wide = _layout(["Chuyểnđổisố"] * 20)
    assert table_widths.fit(too_wide, width, 12) == table_widths.fit(too_wide, width, 12)
    smallest = table_widths.fit(too_wide, width, 12)
    assert not smallest.fits and smallest.size == table_widths.SMALLEST and sum(smallest.widths) == width
    narrower = table_widths.fit(_layout(["Chuyển"] * 12), width, 12)
    assert narrower.fits and narrower.size < 12  # twelve "Chuyển" need 11 pt or less
