"""One CCHC report format: the standard outline and its recurring sentences, tables among a standard
section's prose, added sections, sections of the data's own and appendices, all in one data file."""

from __future__ import annotations

from docx import Document
from docx.oxml.ns import qn

from conftest import build, normalise, write_variant

HO_SO_ROWS = [{"linh_vuc": "Hộ tịch", "ky_truoc": 2, "moi": 120, "dung_han": 118, "qua_han": 1,
               "chua_den_han": 3},
              {"linh_vuc": "Chứng thực", "ky_truoc": 0, "moi": 300, "dung_han": 300, "qua_han": 0}]


def _mixed(data):
    report = data["bao_cao"]
    report["ket_qua"]["tthc"]["mot_cua"] = [
        "- Kết quả giải quyết hồ sơ theo lĩnh vực: tiếp nhận [=hs_lv.tong.tiep_nhan] hồ sơ.",
        {"bang": {"kieu": "ho_so_linh_vuc", "ma": "hs_lv", "dong": HO_SO_ROWS}},
    ]
    report["danh_gia"]["muc_them"] = [{"tieu_de": "Kết quả chấm điểm", "noi_dung": "Đạt loại khá (chi tiết tại Phụ lục).",
                                       "muc": [{"tieu_de": "Chỉ số thành phần", "noi_dung": "Đoạn văn."}]}]
    report["noi_dung"] = [{"tieu_de": "KIẾN NGHỊ, ĐỀ XUẤT", "noi_dung": "Đề nghị Sở Nội vụ hướng dẫn."}]
    report["phu_luc"] = [{"tieu_de": ["KẾT QUẢ GIẢI QUYẾT HỒ SƠ"], "noi_dung": [
        {"bang": {"kieu": "ho_so_linh_vuc", "ma": "pl_hs", "dong": HO_SO_ROWS}}]}]


def _paragraphs(doc) -> list[str]:
    return [normalise(p.text) for p in doc.paragraphs if p.text.strip()]


def test_standard_outline_tables_sections_and_appendices_combine(tmp_path):
    data = write_variant(tmp_path, _mixed)
    doc = Document(build(data, tmp_path / "ra"))
    text = _paragraphs(doc)
    # the recurring sentences of the standard outline are still there…
    assert any(t.startswith("- Kết quả giải quyết hồ sơ TTHC các cấp: Kết quả đến ngày 12/6/2023 toàn huyện") for t in text)
    # …the data's prose cites its table, and the table stands in section II.2
    assert "- Kết quả giải quyết hồ sơ theo lĩnh vực: tiếp nhận 422 hồ sơ." in text
    body_tables = [t for t in doc.element.body.iter(qn("w:tbl")) if t.find(qn("w:tblPr")) is not None]
    cells = [normalise("".join(x.text or "" for x in tc.iter(qn("w:t")))) for t in body_tables for tc in t.iter(qn("w:tc"))]
    assert "Hộ tịch" in cells and "TỔNG CỘNG:" in cells
    # headings: standard parts I–IV numbered by order, the added and the data's sections after them
    assert "III. ĐÁNH GIÁ CHUNG" in text and "3. Kết quả chấm điểm" in text and "a) Chỉ số thành phần" in text
    assert "IV. KIẾN NGHỊ, ĐỀ XUẤT" in text and "V. PHƯƠNG HƯỚNG NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH TRỌNG TÂM" in text
    assert text.index("IV. KIẾN NGHỊ, ĐỀ XUẤT") < text.index("V. PHƯƠNG HƯỚNG NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH TRỌNG TÂM")
    # the appendix: its own landscape section after the signature
    sections = doc.sections
    assert len(sections) == 2 and sections[1].page_width > sections[1].page_height
    closing = next(k for k, t in enumerate(text) if t.startswith("Trên đây là báo cáo"))
    assert "KẾT QUẢ GIẢI QUYẾT HỒ SƠ" in text and closing < text.index("KẾT QUẢ GIẢI QUYẾT HỒ SƠ")


def test_a_report_without_kinh_gui_prints_no_addressee_line(tmp_path):
    def edit(data):
        del data["bao_cao"]["kinh_gui"]
        del data["bao_cao"]["gui_ngan"]
    doc = Document(build(write_variant(tmp_path, edit), tmp_path / "ra"))
    text = _paragraphs(doc)
    assert not any(t.startswith("Kính gửi") for t in text)
    assert "Trên đây là báo cáo công tác CCHC 6 tháng đầu năm 2023 trên địa bàn huyện An Lão./." in text


ONE_OFF = {"stt": "so", "dong_tong": "Cộng", "cot": [
    {"ma": "don_vi", "ten": "Đơn vị", "kieu": "chu", "rong": 3},
    {"ten": "Số cuộc kiểm tra", "cot": [{"ma": "ke_hoach", "ten": "Kế hoạch"}, {"ma": "thuc_hien", "ten": "Đã thực hiện"}]},
    {"ma": "ty_le", "ten": "Tỷ lệ (%)", "ty_le": ["thuc_hien", "ke_hoach"], "so_le": 1}]}


def _one_off(kind):
    def edit(data):
        data["bao_cao"]["chi_dao"]["kiem_tra"] = [
            "Kết quả kiểm tra: [=kiem_tra.tong.thuc_hien] cuộc, đạt [=kiem_tra.tong.ty_le] kế hoạch.",
            {"bang": {"kieu": kind, "ma": "kiem_tra", "dong": [
                {"don_vi": "Phòng Nội vụ", "ke_hoach": 4, "thuc_hien": 3},
                {"don_vi": "UBND xã An Trung", "ke_hoach": 2, "thuc_hien": 2}]}}]
    return edit


def test_a_one_off_table_declares_its_columns_in_the_data_file(tmp_path):
    doc = Document(build(write_variant(tmp_path, _one_off(ONE_OFF)), tmp_path / "ra"))
    assert "Kết quả kiểm tra: 5 cuộc, đạt 83,3% kế hoạch." in _paragraphs(doc)
    table = next(t for t in doc.tables if any("Số cuộc kiểm tra" in c.text for c in t.rows[0].cells))
    assert [normalise(c.text) for c in table.rows[1].cells] == ["STT", "Đơn vị", "Kế hoạch", "Đã thực hiện", "Tỷ lệ (%)"]
    assert [normalise(c.text) for c in table.rows[-1].cells][-3:] == ["6", "5", "83,3"]


def test_a_mistake_in_a_one_off_table_is_located_in_the_data_file(tmp_path, capsys):
    from generator.commands.cli import main

    bad = dict(ONE_OFF, cot=ONE_OFF["cot"][:2] + [{"ma": "ty_le", "ten": "Tỷ lệ", "ty_le": ["thuc_hien", "ke_hoachh"]}])
    data = write_variant(tmp_path, _one_off(bad))
    assert main(["build", str(data), "-o", str(tmp_path / "ra")]) == 2
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if ": lỗi: " in line]
    assert len(lines) == 1 and lines[0].startswith(f"{data}:")
    assert "kiểu bảng 'kiem_tra': cột 'ty_le' tính từ cột 'ke_hoachh' không có" in lines[0]
