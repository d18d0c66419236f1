"""LibreOffice opens the report and lays it out as ND30 wants (page numbers, footnotes)."""

from __future__ import annotations

import re

import pytest

from conftest import normalise, to_pdf

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
