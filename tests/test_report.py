"""The BC-UBND report of seed 000, opened and inspected as a .docx."""

from __future__ import annotations

import re

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from conftest import (SAMPLE, W, body_paragraphs, build, normalise, part_xml, style_chain_value,
                      write_variant)

SEED_FOOTNOTES = [
    "Quyết định số 203/QĐ-UBND ngày 13/02/2023 về việc ban hành Kế hoạch kiểm tra, rà soát, xử lý văn bản "
    "QPPL năm 2023 trên địa bàn huyện An Lão.",
    "Quyết định 356/KH-UBND ngày 01/3/2023 của UBND huyện An Lão về việc ban hành kế hoạch kiểm tra cải cách "
    "hành chính năm 2023",
    "Số 11/KH-UBND ngày 03/02/2023 về việc kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính tại các cơ quan "
    "nhà nước trên địa bàn huyện năm 2023. - CV 477/UBND ngày 10/4/2023 của UBND huyện An Lão về việc tiếp tục "
    "chấp hành kỷ luật, kỷ cương hành chính, văn hóa công vụ của CBCCVC trên địa bàn huyện.",
    "Toàn huyện: 45 cuộc với 4243 lượt người tham dự",
]


def find(doc, text: str):
    matches = [p for p in body_paragraphs(doc) if normalise(p.text) == text]
    assert matches, f"no paragraph reads {text!r}"
    return matches[0]


def size_of(doc, paragraph) -> Pt:
    run = next(r for r in paragraph.runs if r.text.strip())
    return style_chain_value(doc, paragraph, run, lambda f: f.size)


def flag(doc, paragraph, name: str) -> bool:
    run = next(r for r in paragraph.runs if r.text.strip())
    return bool(style_chain_value(doc, paragraph, run, lambda f: getattr(f, name)))


# --- page ----------------------------------------------------------------------

def test_page_is_a4_with_nd30_margins(sample_doc):
    assert len(sample_doc.sections) == 1
    s = sample_doc.sections[0]
    def mm(length):  # Word stores twips: 210 mm is 11906 twips = 210.005 mm
        return round(length.mm, 1)
    assert (mm(s.page_width), mm(s.page_height)) == (210.0, 297.0)
    assert s.orientation == 0  # portrait
    assert tuple(map(mm, (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin))) == (20.0, 20.0, 30.0, 15.0)


def test_default_font_is_times_new_roman_14(sample_doc):
    normal = sample_doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(14)
    fonts = sample_doc.styles.element.find(f"{W}docDefaults").find(f".//{W}rFonts")
    assert fonts.get(f"{W}ascii") == "Times New Roman" and fonts.get(f"{W}hAnsi") == "Times New Roman"


def test_page_number_centred_at_top_from_page_two(sample_docx, sample_doc):
    section = sample_doc.sections[0]
    assert section.different_first_page_header_footer  # w:titlePg
    assert normalise(section.first_page_header.paragraphs[0].text) == ""
    header = section.header.paragraphs[0]
    assert "PAGE" in "".join(t.text for t in header._p.iter(qn("w:instrText")))
    assert header.alignment == 1 or header.style.paragraph_format.alignment == 1  # centred
    assert size_of_style(header) == Pt(14)


def size_of_style(paragraph):
    style = paragraph.style
    while style is not None and style.font.size is None:
        style = style.base_style
    return style.font.size


# --- header block ----------------------------------------------------------------

def test_header_block_texts_and_sizes(sample_doc):
    table = sample_doc.tables[0]
    left = [normalise(p.text) for p in table.cell(0, 0).paragraphs if p.text.strip()]
    right = [normalise(p.text) for p in table.cell(0, 1).paragraphs if p.text.strip()]
    assert left == ["ỦY BAN NHÂN DÂN", "HUYỆN AN LÃO"]
    assert right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    body = [p for p in table.cell(0, 0).paragraphs if p.text.strip()]
    for p in body:
        assert size_of(sample_doc, p) == Pt(13) and flag(sample_doc, p, "bold")
    # the short line under the issuing body: a bordered, narrowed paragraph
    rule = table.cell(0, 0).paragraphs[-1]._p
    assert rule.find(f".//{W}pBdr/{W}top") is not None
    quoc_hieu, tieu_ngu = [p for p in table.cell(0, 1).paragraphs if p.text.strip()]
    assert size_of(sample_doc, quoc_hieu) == Pt(13) and flag(sample_doc, quoc_hieu, "bold")
    assert size_of(sample_doc, tieu_ngu) == Pt(14) and flag(sample_doc, tieu_ngu, "bold")
    assert all(r.underline for r in tieu_ngu.runs if r.text.strip())


def test_draft_number_and_date_share_a_row(sample_doc):
    row = sample_doc.tables[0].rows[1]
    number = row.cells[0].paragraphs[0]
    date = row.cells[1].paragraphs[0]
    assert number.text == "Số:      /BC-UBND"  # 6 spaces, as nd30.md shows the draft
    assert date.text == "An Lão, ngày      tháng      năm 2023"
    assert size_of(sample_doc, number) == Pt(13) and not flag(sample_doc, number, "bold")
    assert flag(sample_doc, date, "italic") and size_of(sample_doc, date) == Pt(14)


@pytest.mark.parametrize("so, ngay, number, date", [
    # signed after the data span ends (a report dated before it is refused by `baocao check`)
    (125, "05/02/2024", "Số: 125/BC-UBND", "An Lão, ngày 05 tháng 02 năm 2024"),
    (5, "2023-06-29", "Số: 05/BC-UBND", "An Lão, ngày 29 tháng 6 năm 2023"),  # below 10: a leading zero
])
def test_given_number_and_date(tmp_path, so, ngay, number, date):
    def sign(data):
        data["bao_cao"]["so"] = so
        data["bao_cao"]["ngay"] = ngay
    row = Document(build(write_variant(tmp_path, sign), tmp_path / "out")).tables[0].rows[1]
    assert (row.cells[0].paragraphs[0].text, row.cells[1].paragraphs[0].text) == (number, date)


def test_superior_body_printed_only_when_asked(tmp_path):
    def show(data):
        data["co_quan"]["cap_tren"]["in_o_dau"] = True
    doc = Document(build(write_variant(tmp_path, show), tmp_path / "out"))
    left = [p for p in doc.tables[0].cell(0, 0).paragraphs if p.text.strip()]
    assert [normalise(p.text) for p in left] == ["ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH", "ỦY BAN NHÂN DÂN", "HUYỆN AN LÃO"]
    assert not flag(doc, left[0], "bold") and flag(doc, left[1], "bold")


# --- title, addressee, body ----------------------------------------------------------

def test_title_and_abstract(sample_doc):
    kind = find(sample_doc, "BÁO CÁO")
    assert flag(sample_doc, kind, "bold") and size_of(sample_doc, kind) == Pt(14)
    for line in ("Công tác cải cách hành chính 6 tháng đầu năm 2023", "trên địa bàn huyện An Lão"):
        p = find(sample_doc, line)
        assert flag(sample_doc, p, "bold") and p.style.paragraph_format.alignment == 1
    addressee = find(sample_doc, "Kính gửi: Sở Nội vụ tỉnh Bình Định.")
    assert not flag(sample_doc, addressee, "bold")


def test_several_addressees_each_on_a_line(tmp_path):
    def two(data):
        data["bao_cao"]["kinh_gui"] = ["Sở Nội vụ tỉnh Bình Định", "UBND tỉnh Bình Định"]
    doc = Document(build(write_variant(tmp_path, two), tmp_path / "out"))
    texts = [normalise(p.text) for p in body_paragraphs(doc)]
    k = texts.index("Kính gửi:")
    assert texts[k + 1:k + 3] == ["- Sở Nội vụ tỉnh Bình Định;", "- UBND tỉnh Bình Định."]


HEADINGS = [
    "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
    "1. Đánh giá về công tác chỉ đạo điều hành cải cách hành chính",
    "2. Triển khai thực hiện Kế hoạch cải cách hành chính",
    "3. Về công tác kiểm tra cải cách hành chính",
    "4. Về công tác tuyên truyền cải cách hành chính",
    "II. KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH",
    "1. Cải cách thể chế",
    "2. Cải cách thủ tục hành chính (TTHC)",
    "3. Cải cách tổ chức bộ máy",
    "4. Cải cách chế độ công vụ",
    "5. Cải cách tài chính công",
    "6. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
    "III. ĐÁNH GIÁ CHUNG",
    "1. Mặt tích cực",
    "2. Những tồn tại, hạn chế, nguyên nhân",
    "IV. PHƯƠNG HƯỚNG NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH TRỌNG TÂM",
]


def headings(doc) -> list[str]:
    return [normalise(p.text) for p in body_paragraphs(doc) if p.style.name.startswith("Muc cap")]


def test_headings_numbered_in_order(sample_doc):
    assert headings(sample_doc) == HEADINGS
    for p in body_paragraphs(sample_doc):
        if p.style.name in ("Muc cap 1", "Muc cap 2"):
            assert flag(sample_doc, p, "bold")


def test_orientation_items_numbered_one_to_eight(sample_doc):
    items = [normalise(p.text) for p in body_paragraphs(sample_doc) if p.style.name == "Danh sach so"]
    assert [re.match(r"(\d+)\. ", t).group(1) for t in items] == [str(n) for n in range(1, 9)]
    assert items[4] == ("5. Kiểm tra công tác cải cách hành chính năm 2023 tại một số cơ quan, đơn vị, "
                        "địa phương trên địa bàn huyện.")


def test_left_out_items_leave_no_gap(tmp_path):
    def drop(data):
        del data["bao_cao"]["chi_dao"]["kiem_tra"]
        del data["bao_cao"]["ket_qua"]["the_che"]
        del data["bao_cao"]["danh_gia"]
        data["bao_cao"]["phuong_huong"] = data["bao_cao"]["phuong_huong"][:2]
    doc = Document(build(write_variant(tmp_path, drop), tmp_path / "out"))
    got = headings(doc)
    assert "3. Về công tác tuyên truyền cải cách hành chính" in got
    assert "1. Cải cách thủ tục hành chính (TTHC)" in got
    assert "III. PHƯƠNG HƯỚNG NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH TRỌNG TÂM" in got
    assert not any("ĐÁNH GIÁ CHUNG" in h or "kiểm tra cải cách" in h for h in got)
    items = [normalise(p.text)[:3] for p in body_paragraphs(doc) if p.style.name == "Danh sach so"]
    assert items == ["1. ", "2. "]


def test_added_item_is_numbered_after_the_standard_ones(tmp_path):
    def add(data):
        data["bao_cao"]["ket_qua"]["muc_them"] = [{"tieu_de": "Công tác khác", "noi_dung": "Nội dung **mới**."}]
    doc = Document(build(write_variant(tmp_path, add), tmp_path / "out"))
    got = headings(doc)
    assert got[got.index("6. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số") + 1] == "7. Công tác khác"
    para = find(doc, "Nội dung mới.")
    assert [(r.text, bool(r.bold)) for r in para.runs] == [("Nội dung ", False), ("mới", True), (".", False)]


def test_figures_formatted_and_rates_computed(sample_doc):
    texts = [normalise(p.text) for p in body_paragraphs(sample_doc)]
    files = next(t for t in texts if t.startswith("- Kết quả giải quyết hồ sơ TTHC các cấp"))
    assert "Kết quả đến ngày 12/6/2023 toàn huyện đã tiếp nhận và giải quyết 9.737 hồ sơ" in files
    assert "giải quyết đúng hạn và sớm hạn 9.636 hồ sơ, trễ hạn 7 hồ sơ, chưa đến hạn 101 hồ sơ" in files
    assert "đạt 99,9%. Đồng thời, để chấn chỉnh" in files
    capital = next(t for t in texts if "vốn đầu tư công năm 2023" in t)
    assert capital.startswith("- Kết quả thực hiện các quy định về quản lý tài chính - ngân sách: Ngay từ đầu năm")
    assert "là 281.318 triệu đồng" in capital and "là 71.869 triệu đồng chiếm 25,55% so với kế hoạch." in capital
    assert "329 thủ tục (trong đó trực tuyến toàn trình: 120 thủ tục" in " ".join(texts)  # total derived: 120+88+121
    assert "Biên chế công chức: 75 biên chế; Biên chế sự nghiệp: 658 biên chế, trong đó: Sự nghiệp GD&ĐT: 598 " \
           "biên chế; Sự nghiệp VH-TT: 21 biên chế và sự nghiệp khác: 38 biên chế." in texts


def test_changing_a_count_changes_its_rate(tmp_path):
    def late(data):
        data["bao_cao"]["ket_qua"]["tthc"]["ho_so"]["tre_han"] = 500
        data["bao_cao"]["ket_qua"]["tthc"]["ho_so"]["tiep_nhan"] = 9636 + 500 + 101  # else `check` refuses the total
        data["chap_nhan"] = [a for a in data["chap_nhan"] if a["kiem_tra"] != "tong" or "ho_so" not in a["o"]]
    doc = Document(build(write_variant(tmp_path, late), tmp_path / "out"))
    text = " ".join(p.text for p in body_paragraphs(doc))
    assert "trễ hạn 500 hồ sơ" in text and "đạt 95,1%." in text  # 9636 / (9636 + 500)


def test_closing_sentence_ends_with_the_mark(sample_doc):
    closing = find(sample_doc, "Trên đây là báo cáo công tác CCHC 6 tháng đầu năm 2023 trên địa bàn huyện An Lão, "
                               "báo cáo Sở Nội vụ theo dõi, tổng hợp./.")
    assert closing.style.name == "Normal"


def test_body_paragraph_layout(sample_doc):
    normal = sample_doc.styles["Normal"].paragraph_format
    assert normal.alignment == 3  # justified
    assert round(normal.first_line_indent.cm, 2) == 1.27
    assert normal.space_before >= Pt(6)


# --- footnotes -----------------------------------------------------------------------

def test_footnotes_part_holds_the_four_seed_footnotes_in_order(sample_docx):
    root = part_xml(sample_docx, "word/footnotes.xml")
    notes = root.findall(f"{W}footnote")
    kinds = [(n.get(f"{W}type"), n.get(f"{W}id")) for n in notes]
    assert kinds[:2] == [("separator", "-1"), ("continuationSeparator", "0")]
    texts = [normalise(" ".join("".join(t.text for t in p.iter(f"{W}t")) for p in n.findall(f"{W}p")))
             for n in notes[2:]]
    assert texts == SEED_FOOTNOTES
    for n in notes[2:]:
        first = n.find(f"{W}p")
        assert first.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "FootnoteText"
        assert first.find(f".//{W}footnoteRef") is not None


def test_body_references_match_footnotes(sample_docx):
    body = part_xml(sample_docx, "word/document.xml")
    refs = [r.get(f"{W}id") for r in body.iter(f"{W}footnoteReference")]
    ids = [n.get(f"{W}id") for n in part_xml(sample_docx, "word/footnotes.xml").findall(f"{W}footnote")][2:]
    assert refs == ids == ["1", "2", "3", "4"]
    for ref in body.iter(f"{W}footnoteReference"):
        assert ref.getparent().find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "FootnoteReference"


def test_footnote_part_is_wired_into_the_package(sample_docx):
    types = part_xml(sample_docx, "[Content_Types].xml")
    overrides = {o.get("PartName"): o.get("ContentType") for o in types}
    assert overrides["/word/footnotes.xml"].endswith("wordprocessingml.footnotes+xml")
    rels = part_xml(sample_docx, "word/_rels/document.xml.rels")
    assert any(r.get("Target") == "footnotes.xml" and r.get("Type").endswith("/footnotes") for r in rels)
    styles = {s.get(f"{W}styleId") for s in part_xml(sample_docx, "word/styles.xml").iter(f"{W}style")}
    assert {"FootnoteText", "FootnoteReference"} <= styles
    settings = part_xml(sample_docx, "word/settings.xml")
    assert [f.get(f"{W}id") for f in settings.findall(f"{W}footnotePr/{W}footnote")] == ["-1", "0"]


def test_reference_sits_where_the_data_put_it(sample_doc):
    para = next(p for p in body_paragraphs(sample_doc) if "xử lý văn bản quy phạm pháp luật năm 2023" in p.text)
    runs = list(para._p.iter(qn("w:r")))
    k = next(i for i, r in enumerate(runs) if r.find(qn("w:footnoteReference")) is not None)
    before = "".join(t.text for t in runs[k - 1].iter(qn("w:t")))
    after = "".join(t.text for t in runs[k + 1].iter(qn("w:t")))
    assert before.endswith("xử lý văn bản quy phạm pháp luật năm 2023") and after.startswith(", Kế hoạch đào tạo")


# --- signature and nơi nhận --------------------------------------------------------------

def test_signature_block_and_recipients(sample_doc):
    table = sample_doc.tables[-1]
    left = [p for p in table.cell(0, 0).paragraphs if p.text.strip()]
    right = [p for p in table.cell(0, 1).paragraphs if p.text.strip()]
    assert [p.text for p in left] == ["Nơi nhận:", "- Như trên;", "- CT, các PCT UBND huyện;", "- Lưu: VT."]
    assert flag(sample_doc, left[0], "bold") and flag(sample_doc, left[0], "italic")
    assert size_of(sample_doc, left[0]) == Pt(12)
    assert all(size_of(sample_doc, p) == Pt(11) and not flag(sample_doc, p, "bold") for p in left[1:])
    assert [p.text for p in right] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Đình Văn Phú"]
    assert all(flag(sample_doc, p, "bold") and size_of(sample_doc, p) == Pt(14) for p in right)


def test_signer_as_the_data_says(tmp_path):
    def chair(data):
        data["nguoi_ky"] = {"tham_quyen": ["TM. ỦY BAN NHÂN DÂN"], "chuc_vu": "CHỦ TỊCH", "ho_ten": "Nguyễn Văn A"}
    doc = Document(build(write_variant(tmp_path, chair), tmp_path / "out"))
    right = [p.text for p in doc.tables[-1].cell(0, 1).paragraphs if p.text.strip()]
    assert right == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A"]


# --- determinism and properties ------------------------------------------------------------

def test_same_data_gives_identical_bytes(tmp_path, sample_docx):
    again = build(SAMPLE, tmp_path / "lan-2")
    assert again.read_bytes() == sample_docx.read_bytes()


def test_core_properties_fixed_by_the_data(sample_doc):
    props = sample_doc.core_properties
    assert props.author == "Ủy ban nhân dân huyện An Lão"
    assert props.created.year == 2023 and props.created == props.modified
    assert "6 tháng đầu năm 2023" in props.title


# --- found in review --------------------------------------------------------------------------

def test_old_tone_placement_of_the_body_name(tmp_path):
    def old_spelling(data):
        data["co_quan"]["ten"] = "Uỷ ban nhân dân huyện An Lão"
    doc = Document(build(write_variant(tmp_path, old_spelling), tmp_path / "out"))
    left = [normalise(p.text) for p in doc.tables[0].cell(0, 0).paragraphs if p.text.strip()]
    assert left == ["ỦY BAN NHÂN DÂN", "HUYỆN AN LÃO"]
    assert "báo cáo công tác CCHC 6 tháng đầu năm 2023 trên địa bàn huyện An Lão," in \
        " ".join(p.text for p in body_paragraphs(doc))


def _template_with(tmp_path, edit_xml) -> str:
    import zipfile
    from generator.kinds.report import TEMPLATE as REPORT_TEMPLATE
    dest = tmp_path / "mau-rieng.docx"
    with zipfile.ZipFile(REPORT_TEMPLATE) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, edit_xml(info.filename, data))
    return dest.name


def test_prose_in_a_page_header_is_expanded(tmp_path):
    name = _template_with(tmp_path, lambda part, data: data.replace(
        b"<w:t>2</w:t>", b"<w:t>{{ cq.ten|cau }}</w:t>") if b"<w:t>2</w:t>" in data else data)
    def use(data):
        data["bao_cao"]["mau"] = name
    doc = Document(build(write_variant(tmp_path, use), tmp_path / "out"))
    header_text = "".join(t.text for t in doc.sections[0].header._element.iter(qn("w:t")))
    assert "Ủy ban nhân dân huyện An Lão" in header_text and "\ue002" not in header_text


def test_table_cell_keeps_a_paragraph_when_its_prose_is_empty(tmp_path):
    name = _template_with(tmp_path, lambda part, data: data.replace(
        "Số: {{ bc.so_ky_hieu }}".encode(), b"{{ bc.ket_thuc|doan }}") if part == "word/document.xml" else data)
    def use(data):
        data["bao_cao"]["mau"] = name
    path = build(write_variant(tmp_path, use), tmp_path / "out")
    cell = part_xml(path, "word/document.xml").find(f".//{W}tbl").findall(f"{W}tr")[1].find(f"{W}tc")
    assert cell.find(f"{W}p") is not None  # Word refuses a cell without a paragraph
