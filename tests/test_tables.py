"""Tables and appendices of seeds 001 and 002, read back from the generated .docx.

For every seed table: its header rows (count, text, which cells merge across
with w:gridSpan and down with w:vMerge, the w:tblHeader repeat flag), every
data row's cells against the seed's row (numbers compared after Vietnamese
formatting), the derived totals, STT numbers and rates, and the sections the
appendices sit in. The seed's own slips, corrected by derivation, are listed
by name below, so a new difference fails.
"""

from __future__ import annotations

import re

import pytest
from docx import Document
from docx.oxml.ns import qn

from conftest import SAMPLE_001, SAMPLE_002, build, require_seeds, with_previous_period, write_variant

# --- reading tables back ------------------------------------------------------------------------


def tables(docx) -> list:
    return list(Document(docx).element.body.iter(qn("w:tbl")))[1:]  # [0] is the header block


def data_tables(docx) -> list:
    """Tables with a repeated header (the data tables; the signature block has none)."""
    return [t for t in tables(docx) if header_rows(t)]


def header_rows(tbl) -> list:
    rows = []
    for tr in tbl.findall(qn("w:tr")):
        trpr = tr.find(qn("w:trPr"))
        if trpr is None or trpr.find(qn("w:tblHeader")) is None:
            break
        rows.append(tr)
    return rows


def cell_text(tc) -> str:
    return "".join(t.text or "" for t in tc.iter(qn("w:t")))


def signature(tbl) -> list[str]:
    """Header rows as text: 'label ×n' spans n grid columns, '↓' starts a vertical merge, '↑' continues it."""
    out = []
    for tr in header_rows(tbl):
        tokens = []
        for tc in tr.findall(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            span, merge = pr.find(qn("w:gridSpan")), pr.find(qn("w:vMerge"))
            token = cell_text(tc)
            if span is not None:
                token += f" ×{span.get(qn('w:val'))}"
            if merge is not None:
                token += " ↓" if merge.get(qn("w:val")) == "restart" else "↑"
            tokens.append(token)
        out.append(" | ".join(tokens))
    return out


def body_rows(tbl) -> list[list[str]]:
    """Data rows, a cell spanning n columns read as itself plus n-1 empty cells (as the seeds transcribe)."""
    rows = []
    for tr in tbl.findall(qn("w:tr"))[len(header_rows(tbl)):]:
        cells = []
        for tc in tr.findall(qn("w:tc")):
            span = tc.find(qn("w:tcPr")).find(qn("w:gridSpan"))
            cells += [cell_text(tc)] + [""] * (int(span.get(qn("w:val"))) - 1 if span is not None else 0)
        rows.append(cells)
    return rows


def norm_cell(text: str) -> str:
    """Seed and generated cells alike: no markup, one space; 04 → 4, 1.297 → 1297, 77.56 → 77,56."""
    text = re.sub(r"</?[bi]>|<sup>\d+</sup>|\*", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    text = re.sub(r"^(\d+)\.(\d{1,2})$", r"\1,\2", text)
    return re.sub(r"^0(\d)$", r"\1", text)


def norm_row(cells: list[str]) -> tuple[str, ...]:
    cells = [norm_cell(c) for c in cells]
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


def seed_rows(name: str) -> set[tuple[str, ...]]:
    text = (require_seeds() / name).read_text(encoding="utf-8")
    return {norm_row(line.split("\t")) for line in text.splitlines() if "\t" in line}


# --- header structure, as the seeds draw it -----------------------------------------------------

HEADERS_001 = [
    ["Tổng số biên chế, lao động được giao ×3 | Tổng số biên chế, lao động hiện có ×3",
     "Biên chế hành chính ×2 | Biên chế sự nghiệp ↓ | Biên chế hành chính ×2 | Biên chế sự nghiệp ↓",
     "Biên chế | Hợp đồng lao động | ↑ | Biên chế | Hợp đồng lao động | ↑"],
    ["STT ↓ | Chỉ tiêu thống kê (Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm) ↓ | Kết quả thống kê ×2 | Ghi chú ↓",
     "↑ | ↑ | Đơn vị tính | Số liệu | ↑"],
    ["Số TTHC đang có hiệu lực ↓ | Số TTHC đã được công bố (trong kỳ báo cáo) ×3 | Số TTHC được giải quyết theo "
     "cơ chế một cửa ↓ | Số TTHC được giải quyết theo cơ chế một cửa liên thông ×3 | Ghi chú ↓",
     "↑ | Tổng số ↓ | Trong đó ×2 | ↑ | Tổng số ↓ | Trong đó ×2 | ↑",
     "↑ | ↑ | Số TTHC được công bố đúng thời gian quy định | Số TTHC được công bố chậm so với thời gian quy định "
     "| ↑ | ↑ | Số TTHC liên thông ngang | Số TTHC liên thông dọc | ↑"],
    ["Lĩnh vực ↓ | Số hồ sơ đã tiếp nhận ×3 | Kết quả giải quyết ×6 | Ghi chú ↓",
     "↑ | Tổng số ↓ | Trong đó ×2 | Số hồ sơ đã giải quyết ×3 | Số hồ sơ đang giải quyết ×3 | ↑",
     "↑ | ↑ | Số kỳ trước chuyển qua | Số mới tiếp nhận | Tổng số | Trả đúng hạn | Trả quá hạn | Tổng số "
     "| Chưa đến hạn | Quá hạn | ↑"],
    ["Số TTHC đăng ký TN&TKQ qua dịch vụ BCCI ×2 | Số hồ sơ đã tiếp nhận ×3 | Số hồ sơ đã trả kết quả ×3 | Ghi chú ↓",
     "Tổng số ↓ | Số TTHC đã phát sinh hồ sơ ↓ | Tổng số ↓ | Trong đó ×2 | Tổng số ↓ | Trong đó ×2 | ↑",
     "↑ | ↑ | ↑ | Số hồ sơ tiếp nhận tại nơi giải quyết | Số hồ sơ tiếp nhận qua dịch vụ BCCI | ↑ "
     "| Số hồ sơ đã trả kết quả tại nơi giải quyết | Số hồ sơ đã trả kết quả qua dịch vụ BCCI | ↑"],
    ["Số lượng phòng chuyên môn trực thuộc ×2 | Số lượng lãnh đạo UBND cấp huyện ×2 | Số lượng lãnh đạo cấp phòng "
     "và tương đương ×2 | Số lượng biên chế hành chính ×2 | Thực hiện tinh giản biên chế ×2 | Ghi chú ↓",
     " | ".join(["Tổng số | Tăng (+)/giảm (-) so với kỳ báo cáo trước"] * 4)
     + " | Số lượng theo Kế hoạch năm | Đã tinh giản | ↑"],
    ["STT | Nội dung | Số lượng | Ghi chú"],
    ["STT | Tiêu chí | Tổng số | Ghi chú"],
    ["TT | Nội dung | Số lượng | Ghi chú"],
    ["Trao đổi văn bản giữa các cơ quan hành chính nhà nước ×3 | Dịch vụ công trực tuyến mức độ 3 ×4 "
     "| Dịch vụ công trực tuyến mức độ 4 ×4 | Ghi chú ↓",
     "Tổng số văn bản đi ↓ | Trong đó ×2 | Tổng số TTHC đã cung cấp ↓ | Hồ sơ tiếp nhận ×3 "
     "| Tổng số TTHC đã cung cấp ↓ | Hồ sơ tiếp nhận ×3 | ↑",
     "↑ | Số văn bản giấy | Số văn bản điện tử | ↑ | Tổng số | Tiếp nhận tại nơi giải quyết TTHC | Tiếp nhận qua "
     "mạng | ↑ | Tổng số | Tiếp nhận tại nơi giải quyết TTHC | Tiếp nhận qua mạng | ↑"],
    ["TT | Nội dung | Số lượng | Ghi chú"],
]

HEADERS_002 = [
    ["STT ↓ | Lĩnh vực ↓ | Số lượng hồ sơ tiếp nhận ×4 | Số lượng hồ sơ đã giải quyết ×4",
     "↑ | ↑ | Tổng số ↓ | Trong kỳ ×2 | Từ kỳ trước ↓ | Tổng số ↓ | Trước hạn ↓ | Đúng hạn ↓ | Quá hạn ↓",
     "↑ | ↑ | ↑ | Trực tuyến | Trực tiếp, dịch vụ bưu chính | ↑ | ↑ | ↑ | ↑ | ↑"],
    ["STT ↓ | Số hoá hồ sơ TTHC khi Tiếp nhận ×5 | Số hoá kết quả giải quyết TTHC ×4",
     "↑ | Số hồ sơ tiếp nhận | Số hồ sơ có số hoá thành phần HS | Số hồ sơ số hoá đầy đủ thành phần hồ sơ | Tỷ lệ "
     "số hoá đầy đủ thành phần HS khi tiếp nhận | Số hồ sơ chưa số hoá TPHS | Số hồ sơ đã giải quyết | Số hồ sơ có "
     "số hoá kết quả | Tỷ lệ số hoá kết quả hồ sơ | Số hồ sơ chưa số hoá kết quả TTHC"],
    ["Văn bản đến ×5 | Văn bản đi ×5",
     " | ".join(["Tổng số văn bản đến", "Hoàn toàn điện tử", "Song song bản giấy - điện tử", "VB Nội tỉnh - có ký số",
                 "VB Nội tỉnh - không ký số", "Tổng số văn bản đi", "Hoàn toàn điện tử",
                 "Song song bản giấy - điện tử", "VB Nội tỉnh - có ký số", "VB Nội tỉnh - không ký số"])],
    [" | ".join(["Tổng số DVC TT MĐ 3", "Tổng số DVC TT MĐ 4", "Tổng số DVC TT MĐ 3,4", "Số DVC TT MĐ 3 phát sinh hồ sơ",
                 "Số DVC TT MĐ 3 phát sinh online", "Số DVC TT MĐ 4 phát sinh hồ sơ", "Số DVC TT MĐ 4 phát sinh online",
                 "Tỉ lệ DVC TT MĐ 3,4 phát sinh online", "Tổng số HS online MĐ 3",
                 "Tổng HS cả trực tiếp và online MĐ 3", "Tỉ lệ % HS online MĐ 3", "Tổng số HS online MĐ 4",
                 "Tổng HS cả trực tiếp và online MĐ 4", "Tỉ lệ % HS online MĐ 4", "Tổng số HS 1,2,3,4",
                 "Tỉ lệ % HS online"])],
    ["TT | Nội dung | Đơn vị thực hiện | Đơn vị phối hợp | Thời gian hoàn thành | Đã thực hiện | Sản phẩm đầu ra "
     "| Tỷ lệ hoàn thành nhiệm vụ"],
]


@pytest.mark.parametrize("which, expected", [("001", HEADERS_001), ("002", HEADERS_002)])
def test_every_seed_table_has_the_seeds_header_rows_and_merges(which, expected, docx_001, docx_002):
    found = [signature(t) for t in data_tables(docx_001 if which == "001" else docx_002)]
    assert found == expected


def test_header_rows_repeat_and_no_row_splits(docx_001, docx_002):
    for docx in (docx_001, docx_002):
        for tbl in data_tables(docx):
            for k, tr in enumerate(tbl.findall(qn("w:tr"))):
                trpr = tr.find(qn("w:trPr"))
                assert trpr.find(qn("w:cantSplit")) is not None
                assert (trpr.find(qn("w:tblHeader")) is not None) == (k < len(header_rows(tbl)))
            borders = tbl.find(qn("w:tblPr")).find(qn("w:tblBorders"))
            assert {b.get(qn("w:val")) for b in borders} == {"single"} and len(borders) == 6


# --- every cell against the seed ----------------------------------------------------------------

# Rows where the generated table deliberately differs from the seed, with the reason.
SLIPS_001 = {
    # Phụ lục 1 numbers the items of 1.2 as 1.1.1.–1.1.4.: STT is derived from the nesting.
    ("1.2.1.", "Số sở, ngành đã kiểm tra", "Cơ quan, đơn vị"): "seed numbers it 1.1.1.",
    ("1.2.2.", "Số UBND cấp huyện đã kiểm tra", "Cơ quan, đơn vị"): "seed numbers it 1.1.2.",
    ("1.2.3.", "Số vấn đề phát hiện qua kiểm tra", "Vấn đề"): "seed numbers it 1.1.3.",
    ("1.2.4.", "Số vấn đề phát hiện đã xử lý xong", "Vấn đề"): "seed numbers it 1.1.4.",
    # 7.8.4 states 90% while Phụ lục 2 counts 8 of 8 files online: the rate is computed from the counts.
    ("7.8.4.", "Tỷ lệ hồ sơ xử lý trực tuyến mức độ 4", "%", "100"): "seed states 90",
    # TỔNG CỘNG of Phụ lục 2 b): the seed's 183 / 1.877 are not the sums of its rows (171 / 1.889).
    ("TỔNG CỘNG:", "2060", "171", "1889", "1989", "1986", "3", "71", "71"): "seed states 183 and 1.877",
}
SLIPS_002 = {}


def test_every_cell_of_seed_001_matches_the_seed(docx_001):
    _compare_cells(docx_001, "001_fc6e1dad261fe8a1.txt", SLIPS_001, rows_expected=160)  # 1 + 121 (Phụ lục 1) + 38 (Phụ lục 2)


def test_every_cell_of_seed_002_matches_the_seed(docx_002):
    seed = seed_rows("002_468bcf26a9515da6.txt")
    # Task 7 of group III runs over a page break in the seed: its two halves make the one generated row.
    task_7 = [r for r in seed if r[:1] == ("7",) and r[1].startswith("Tổ chức, triển khai số hóa")]
    rest = [r for r in seed if r[:1] == ("",) and r[1].startswith("TTHC có cấp kết quả")]
    assert len(task_7) == len(rest) == 1
    joined = (task_7[0][0], task_7[0][1] + " " + rest[0][1]) + task_7[0][2:]
    _compare_cells(docx_002, "002_468bcf26a9515da6.txt", {joined: "joined across the page break"},
                   rows_expected=48)  # 6 + 1 + 1 + 1 + 39 (7 groups, 32 tasks)


def _compare_cells(docx, seed_name: str, slips: dict, rows_expected: int) -> None:
    seed = seed_rows(seed_name)
    generated = [norm_row(r) for t in data_tables(docx) for r in body_rows(t)]
    assert len(generated) == rows_expected
    missing = [r for r in generated if r not in seed and r not in slips]
    assert not missing, "rows not in the seed:\n" + "\n".join(" | ".join(r) for r in missing)
    assert set(slips) <= set(generated), "a listed seed slip is no longer produced"


# --- derived values -----------------------------------------------------------------------------

def test_totals_stt_and_rates_are_derived(docx_001, docx_002):
    t001, t002 = data_tables(docx_001), data_tables(docx_002)
    ho_so = body_rows(t001[3])
    assert ho_so[-1] == ["TỔNG CỘNG:", "2.060", "171", "1.889", "1.989", "1.986", "3", "71", "71", "", ""]
    assert ho_so[3][:5] == ["Đất đai", "173", "70", "103", "117"]  # 70 + 103; 116 + 1
    stt = [r[0] for r in body_rows(t001[1])]
    assert stt[:8] == ["1.", "1.1.", "1.1.1.", "1.1.2.", "1.1.3.", "1.2.", "1.2.1.", "1.2.2."]
    assert "Trong đó" in stt and stt[stt.index("Trong đó") + 1] == ""
    tai_chinh = body_rows(t001[8])
    assert [r[0] for r in tai_chinh] == ["1", "2", "2.1", "2.2", "2.3", "2.4", "3"]
    assert tai_chinh[1][2] == "30"  # 0 + 0 + 2 + 28, a group row adding up its items
    bo_may = body_rows(t001[5])[0]
    assert bo_may[:8] == ["13", "0", "2", "0", "24", "0", "76", "0"]  # changes against the previous period

    assert body_rows(t002[0])[-1] == ["Tổng cộng", "", "692", "319", "354", "19", "651", "650", "1", "0"]
    assert body_rows(t002[1])[0] == ["1", "673", "527", "522", "77,56", "146", "651", "647", "99,39", "4"]
    assert body_rows(t002[3])[0][7] == "10,7" and body_rows(t002[3])[0][-1] == "84,2"
    tasks = body_rows(t002[4])
    assert [r[0] for r in tasks[:8]] == ["I", "1", "2", "3", "4", "5", "II", "1"]
    assert tasks[-1][0] == "5" and sum(1 for r in tasks if re.fullmatch(r"[IVX]+", r[0])) == 7


def _texts(docx) -> str:
    return " ".join(p.text for p in Document(docx).paragraphs)


def test_one_figure_changes_its_total_its_rate_and_the_sentence(tmp_path, docx_001):
    """Seed 001: 6 more mức độ 3 files received at the desk change the total column of Phụ lục 2 (34 → 40),
    the online rate of Phụ lục 1 (100 → 85) and the report's sentence that states the total."""
    before = _texts(docx_001)
    assert "Tiếp nhận giải quyết 34 hồ sơ phát sinh trên dịch vụ công trực tuyến ở mức độ 3" in before

    def edit(data):
        appendix = data["bao_cao"]["phu_luc"][1]
        cntt = appendix["muc"][4]["noi_dung"][0]["bang"]["dong"][0]
        assert cntt["md3_tai_noi"] == 0
        cntt["md3_tai_noi"] = 6
    docx = build(write_variant(tmp_path, edit, sample=SAMPLE_001), tmp_path / "ra")
    after = _texts(docx)
    assert "Tiếp nhận giải quyết 40 hồ sơ phát sinh trên dịch vụ công trực tuyến ở mức độ 3" in after
    t = data_tables(docx)
    assert body_rows(t[9])[0][4:7] == ["40", "6", "34"]
    rate = next(r for r in body_rows(t[1]) if r[1] == "Tỷ lệ hồ sơ xử lý trực tuyến mức độ 3")
    assert rate[3] == "85"


def test_one_count_changes_the_total_row_and_the_table_citing_it(tmp_path):
    """Seed 002: one more Đất đai file decided ahead of time: the Tổng cộng row, the số hóa table's
    'decided' count (taken from the Tổng cộng row), its rate and its 'not digitised' count follow."""
    def edit(data):
        table = data["bao_cao"]["noi_dung"][1]["muc"][1]["noi_dung"][1]["bang"]
        row = table["dong"][4]
        assert row["linh_vuc"] == "Đất đai" and row["truoc_han"] == 201
        row["truoc_han"] = 202
    docx = build(write_variant(tmp_path, edit, sample=SAMPLE_002), tmp_path / "ra")
    t = data_tables(docx)
    assert body_rows(t[0])[4][6:8] == ["203", "202"]
    assert body_rows(t[0])[-1][6:8] == ["652", "651"]
    assert body_rows(t[1])[0][6:] == ["652", "647", "99,23", "5"]  # was 651, 647, 99,39, 4


# --- sections ------------------------------------------------------------------------------------

def _sections(docx):
    body = Document(docx).element.body
    return [s for s in body.iter(qn("w:sectPr"))]


def test_appendices_are_landscape_sections_numbering_their_own_pages(docx_001, docx_002):
    for docx, count in ((docx_001, 2), (docx_002, 1)):
        sections = _sections(docx)
        assert len(sections) == 1 + count
        report, appendices = sections[0], sections[1:]
        size = report.find(qn("w:pgSz"))
        assert int(size.get(qn("w:w"))) < int(size.get(qn("w:h"))) and report.find(qn("w:pgNumType")) is None
        for s in appendices:
            size = s.find(qn("w:pgSz"))
            assert size.get(qn("w:orient")) == "landscape" and int(size.get(qn("w:w"))) > int(size.get(qn("w:h")))
            assert s.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
            assert s.find(qn("w:titlePg")) is not None  # the appendix's first page, like the report's, has no number


def test_appendix_heading_names_the_parent_report(docx_001, docx_002):
    text = _texts(docx_001)
    assert "Phụ lục 1 THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH HUYỆN AN LÃO " \
           "(Số liệu từ 01/01/2021 đến 28/01/2021) (Kèm theo Báo cáo số:      /BC-UBND ngày     /     /2021 " \
           "của UBND huyện An Lão)" in text
    assert "Phụ lục 2 THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH HUYỆN AN LÃO" in text
    text = _texts(docx_002)
    assert "TIẾN ĐỘ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH TRIỂN KHAI NĂM 2023 (Kèm theo Báo cáo số:      " \
           "/BC-UBND ngày 12/6/2023 của UBND xã Kim Thạch)" in text
    assert "Phụ lục" not in text


def test_appendix_items_are_numbered_afresh(docx_001):
    paragraphs = [p.text for p in Document(docx_001).paragraphs]
    start = paragraphs.index("Phụ lục 2")
    headings = [p for p in paragraphs[start:] if re.match(r"^(\d+\.|[a-z]\)) ", p)]
    assert headings[:4] == ["1. Kết quả thực hiện cơ chế một cửa, một cửa liên thông",
                            "a) Số TTHC thuộc thẩm quyền giải quyết của cơ quan, đơn vị",
                            "b) Tình hình giải quyết hồ sơ",
                            "c) Tiếp nhận và trả kết quả TTHC qua dịch vụ bưu chính công ích (BCCI)"]
    assert "2. Về tổ chức bộ máy, biên chế hành chính" in headings


def test_table_footnotes_are_real_footnotes(docx_001):
    import zipfile

    from lxml import etree
    with zipfile.ZipFile(docx_001) as z:
        notes = etree.fromstring(z.read("word/footnotes.xml"))
        document = etree.fromstring(z.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    texts = ["".join(t.text for t in n.iter(f"{w}t")).strip() for n in notes.findall(f"{w}footnote")[2:]]
    assert texts == ["Liên thông giữa các cơ quan hành chính cùng cấp trong giải quyết TTHC",
                     "Liên thông giữa các cơ quan hành chính các cấp trong giải quyết TTHC"]
    refs = [r for r in document.iter(f"{w}footnoteReference")]
    assert len(refs) == 2 and all(any(a.tag == f"{w}tc" for a in r.iterancestors()) for r in refs)


def test_each_appendix_can_be_its_own_document(tmp_path, capsys):
    from generator.commands.cli import main

    assert main(["build", str(SAMPLE_001), "-o", str(tmp_path), "--tach-phu-luc"]) == 0
    names = sorted(p.name for p in tmp_path.glob("*.docx"))
    assert names == ["BC-an-lao-2021-quy1-phu-luc-1.docx", "BC-an-lao-2021-quy1-phu-luc-2.docx",
                     "BC-an-lao-2021-quy1.docx"]
    report, first, second = (tmp_path / n for n in (names[2], names[0], names[1]))
    assert len(_sections(report)) == len(_sections(first)) == len(_sections(second)) == 1
    assert _sections(report)[0].find(qn("w:pgSz")).get(qn("w:orient")) is None
    assert _sections(first)[0].find(qn("w:pgSz")).get(qn("w:orient")) == "landscape"
    counts = [sum(1 for t in Document(d).element.body.iter(qn("w:tbl")) if header_rows(t)) for d in (report, first, second)]
    assert counts == [1, 1, 9]
    everything = " ".join(t.text or "" for t in Document(report).element.body.iter(qn("w:t")))
    assert "Trương Tú" in everything and "Phụ lục" not in everything
    assert _texts(first).startswith("Phụ lục 1") and _texts(second).startswith("Phụ lục 2")
    import zipfile
    for docx, notes in ((report, 0), (first, 0), (second, 2)):
        with zipfile.ZipFile(docx) as z:
            xml = z.read("word/footnotes.xml").decode() if "word/footnotes.xml" in z.namelist() else ""
        assert xml.count("<w:footnote ") - 2 * bool(xml) == notes


def test_tables_and_appendices_build_byte_identically(tmp_path, docx_001):
    again = build(SAMPLE_001, tmp_path)
    assert again.read_bytes() == docx_001.read_bytes()


def test_split_appendices_with_a_template_of_two_sections(tmp_path, capsys):
    """A unit's template may have its own section break (say, a landscape page inside the report):
    the appendices are still the last sections, and the report keeps all of its own."""
    import copy

    from generator.kinds.report import TEMPLATE
    from generator.commands.cli import main

    doc = Document(TEMPLATE)
    body = doc.element.body
    marker = next(p for p in body.iter(qn("w:p")) if "bc.noi_dung|than" in "".join(t.text or "" for t in p.iter(qn("w:t"))))
    brk = copy.deepcopy(marker)
    for r in brk.findall(qn("w:r")):
        brk.remove(r)
    brk.get_or_add_pPr().append(copy.deepcopy(body.find(qn("w:sectPr"))))
    marker.addnext(brk)
    template = tmp_path / "mau-hai-phan.docx"
    doc.save(template)
    data = tmp_path / "bao-cao.yaml"
    with_previous_period(SAMPLE_001, tmp_path)
    data.write_text(SAMPLE_001.read_text(encoding="utf-8").replace("  ky_hieu: BC-UBND\n",
                                                                      f"  ky_hieu: BC-UBND\n  mau: {template.name}\n", 1),
                    encoding="utf-8")
    assert main(["build", str(data), "-o", str(tmp_path / "ra"), "--tach-phu-luc"]) == 0
    report, first, second = (tmp_path / "ra" / n for n in
                             ("BC-bao-cao.docx", "BC-bao-cao-phu-luc-1.docx", "BC-bao-cao-phu-luc-2.docx"))
    words = " ".join(t.text or "" for t in Document(report).element.body.iter(qn("w:t")))
    assert "Trương Tú" in words and "Phụ lục" not in words and len(_sections(report)) == 2
    assert _texts(first).startswith("Phụ lục 1") and _texts(second).startswith("Phụ lục 2")


def test_a_report_without_footnotes_has_no_footnotes_part(docx_002):
    import zipfile
    with zipfile.ZipFile(docx_002) as z:
        assert "word/footnotes.xml" not in z.namelist()
        assert "footnotes" not in z.read("word/_rels/document.xml.rels").decode()


def test_the_previous_periods_figures_fill_the_increase_decrease_columns(tmp_path, docx_001):
    """Seed 001 names last quarter's data file (bao_cao.ky_truoc): the Tăng (+)/giảm (-) columns of its
    bộ máy table compare with that file's table of the same code, never typed."""
    assert body_rows(data_tables(docx_001)[5])[0][:8] == ["13", "0", "2", "0", "24", "0", "76", "0"]
    import shutil
    shutil.copy(SAMPLE_001, tmp_path / SAMPLE_001.name)
    previous = (SAMPLE_001.parent / "an-lao-2020-quy4.yaml").read_text(encoding="utf-8")
    row = "{phong: 13, lanh_dao: 2, lanh_dao_phong: 24, bien_che: 76, tinh_gian_ke_hoach: 1}"
    assert row in previous
    (tmp_path / "an-lao-2020-quy4.yaml").write_text(
        previous.replace(row, "{phong: 12, lanh_dao: 3, lanh_dao_phong: 24, bien_che: 70}"), encoding="utf-8")
    docx = build(tmp_path / SAMPLE_001.name, tmp_path / "ra")
    assert body_rows(data_tables(docx)[5])[0][:8] == ["13", "+1", "2", "-1", "24", "0", "76", "+6"]


def test_a_previous_period_without_the_table_is_an_error(tmp_path, capsys):
    import shutil

    from generator.commands.cli import main
    shutil.copy(SAMPLE_001, tmp_path / SAMPLE_001.name)
    previous = (SAMPLE_001.parent / "an-lao-2020-quy4.yaml").read_text(encoding="utf-8")
    (tmp_path / "an-lao-2020-quy4.yaml").write_text(previous.replace("ma: pl2_bo_may", "ma: bo_may_cu"), encoding="utf-8")
    assert main(["build", str(tmp_path / SAMPLE_001.name), "-o", str(tmp_path / "ra")]) == 2
    err = capsys.readouterr().err
    assert "lỗi: cột so với kỳ trước không tính được: tệp kỳ trước an-lao-2020-quy4.yaml không có bảng mã 'pl2_bo_may'" in err
    assert not (tmp_path / "ra").exists()


def test_a_heading_with_words_own_numbering_is_numbered_once(tmp_path):
    """A template editor who clicks Word's numbering button on a heading paragraph adds w:numPr to it:
    baocao writes the number as text and drops the link, so the heading is not numbered twice."""
    from generator.kinds.report import TEMPLATE
    from generator.commands.cli import main

    doc = Document(TEMPLATE)
    marker = next(p for p in doc.element.body.iter(qn("w:p")) if "bc.noi_dung|than" in "".join(t.text or "" for t in p.iter(qn("w:t"))))
    import copy
    heading = copy.deepcopy(marker)
    for r in heading.findall(qn("w:r")):
        heading.remove(r)
    ppr = heading.get_or_add_pPr()
    ppr.style = next(s.style_id for s in doc.styles if s.name == "Muc cap 1")
    num = ppr.get_or_add_numPr()
    num.get_or_add_ilvl().val = 0
    num.get_or_add_numId().val = 1
    run = heading.add_r()
    run.text = "TỔNG QUAN"
    marker.addprevious(heading)
    template = tmp_path / "mau-danh-so.docx"
    doc.save(template)
    data = tmp_path / "bao-cao.yaml"
    with_previous_period(SAMPLE_001, tmp_path)
    data.write_text(SAMPLE_001.read_text(encoding="utf-8").replace(
        "  ky_hieu: BC-UBND\n", f"  ky_hieu: BC-UBND\n  mau: {template.name}\n", 1), encoding="utf-8")
    assert main(["build", str(data), "-o", str(tmp_path / "ra")]) == 0
    out = Document(tmp_path / "ra" / "BC-bao-cao.docx")
    first = next(p for p in out.paragraphs if p.text.endswith("TỔNG QUAN"))
    assert first.text == "I. TỔNG QUAN" and first._p.pPr.numPr is None
    assert any(p.text.startswith("II. CÔNG TÁC CHỈ ĐẠO") for p in out.paragraphs)
