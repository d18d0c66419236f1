"""LibreOffice opens the report and lays it out as ND30 wants (page numbers, footnotes)."""

from __future__ import annotations

import re

import pytest

from conftest import REPO, build, normalise, to_pdf, with_previous_period

pypdf = pytest.importorskip("pypdf")

FOOTNOTE_STARTS = {1: "Quyết định số 203/QĐ-UBND ngày 13/02/2023", 2: "Quyết định 356/KH-UBND ngày 01/3/2023",
                   3: "Số 11/KH-UBND ngày 03/02/2023", 4: "Toàn huyện: 45 cuộc với 4243 lượt"}
REFERENCED_AFTER = {1: "quy phạm pháp luật năm 2023", 2: "cải cách hành chính năm 2023",
                    3: "trên địa bàn huyện năm 2023", 4: "trên địa bàn huyện An Lão"}


@pytest.fixture(scope="module")
def pages(sample_docx, tmp_path_factory) -> list[str]:
    pdf = to_pdf(sample_docx, tmp_path_factory.mktemp("pdf"))
    return [page.extract_text() for page in pypdf.PdfReader(pdf).pages]


def test_converts_to_a_multi_page_pdf(pages):
    assert len(pages) >= 3
    assert "BÁO CÁO" in pages[0] and "Đình Văn Phú" in pages[-1]


def test_page_numbers_from_page_two_at_the_top(pages):
    first_line = [p.strip().splitlines()[0].strip() for p in pages]
    assert not re.fullmatch(r"\d+", first_line[0]), "page 1 must carry no number"
    assert first_line[1] == "2"
    assert first_line[1:] == [str(n) for n in range(2, len(pages) + 1)]


def test_footnotes_printed_on_the_page_that_references_them(pages):
    for number, start in FOOTNOTE_STARTS.items():
        where = [i for i, page in enumerate(pages) if start in normalise(page)]
        assert where, f"footnote {number} not printed"
        referencing = [i for i, page in enumerate(pages)
                       if re.search(re.escape(REFERENCED_AFTER[number]) + r"\s*" + str(number), normalise(page))]
        assert where[0] in referencing, f"footnote {number} printed on page {where[0] + 1}, referenced on {referencing}"


# --- seed 001: tables and appendices ----------------------------------------------------------------

@pytest.fixture(scope="module")
def pdf_001(docx_001, tmp_path_factory):
    return pypdf.PdfReader(to_pdf(docx_001, tmp_path_factory.mktemp("pdf001")))


def test_appendices_print_landscape_and_number_their_own_pages(pdf_001):
    texts = [normalise(page.extract_text()) for page in pdf_001.pages]
    landscape = [float(p.mediabox.width) > float(p.mediabox.height) for p in pdf_001.pages]
    first_1 = next(i for i, t in enumerate(texts) if t.startswith("Phụ lục 1"))
    first_2 = next(i for i, t in enumerate(texts) if t.startswith("Phụ lục 2"))
    assert not any(landscape[:first_1]) and all(landscape[first_1:])
    assert "Trương Tú" in texts[first_1 - 1]  # the report ends, signed, before its appendices
    # each appendix: no number on its first page, then 2, 3, … at the top
    for start, end in ((first_1, first_2), (first_2, len(texts))):
        assert [t.split(" ")[0] for t in texts[start + 1:end]] == [str(n) for n in range(2, end - start + 1)]


def test_a_long_table_repeats_its_header_rows_on_every_page(pdf_001):
    texts = [normalise(page.extract_text()) for page in pdf_001.pages]
    first_1 = next(i for i, t in enumerate(texts) if t.startswith("Phụ lục 1"))
    first_2 = next(i for i, t in enumerate(texts) if t.startswith("Phụ lục 2"))
    assert first_2 - first_1 >= 3, "Phụ lục 1 should run over several pages"
    for t in texts[first_1:first_2]:
        assert "Chỉ tiêu thống kê (Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)" in t
        assert "Đơn vị tính Số liệu" in t


def test_table_footnotes_print_at_the_bottom_of_their_page(pdf_001):
    texts = [normalise(page.extract_text()) for page in pdf_001.pages]
    page = next(t for t in texts if "Số TTHC liên thông ngang1" in t)  # the reference mark after the header
    assert "Số TTHC liên thông dọc2" in page
    tail = page[page.index("Số TTHC liên thông dọc2"):]
    # after the table's last row, the page ends with the two footnotes, in order
    assert re.search(r"360 360 360 0 33 33 1 32 1 Liên thông giữa các cơ quan hành chính cùng cấp trong giải quyết "
                     r"TTHC ?2 Liên thông giữa các cơ quan hành chính các cấp trong giải quyết TTHC$", tail)


def test_seed_002_converts_with_its_appendix_in_landscape(docx_002, tmp_path):
    pdf = pypdf.PdfReader(to_pdf(docx_002, tmp_path))
    texts = [normalise(page.extract_text()) for page in pdf.pages]
    first = next(i for i, t in enumerate(texts) if t.startswith("TIẾN ĐỘ THỰC HIỆN CÁC NHIỆM VỤ"))
    landscape = [float(p.mediabox.width) > float(p.mediabox.height) for p in pdf.pages]
    assert not any(landscape[:first]) and all(landscape[first:]) and len(texts) - first >= 2
    assert "Nguyễn Như Thanh" in texts[first - 1]
    for t in texts[first:]:  # the task table's header row on every page of the appendix
        assert "TT Nội dung Đơn vị thực hiện Đơn vị phối hợp" in t


def test_the_phuong_report_with_its_table_and_appendix_converts(tmp_path):
    """The post-2025 sample (a table inside II.2 with Tăng/giảm against quý II, a landscape appendix)."""
    sample = REPO / "data" / "quy-nhon-nam-2026-quy3.yaml"
    with_previous_period(sample, tmp_path)
    (tmp_path / sample.name).write_bytes(sample.read_bytes())
    pdf = to_pdf(build(tmp_path / sample.name, tmp_path / "ra"), tmp_path)
    reader = pypdf.PdfReader(pdf)
    text = normalise(" ".join(page.extract_text() for page in reader.pages))
    assert "TỔNG CỘNG" in text and "+105" in text and "tăng 105 hồ sơ so với kỳ trước" in text
    last = reader.pages[-1].mediabox
    assert last.width > last.height  # the appendix in landscape
