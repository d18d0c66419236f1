"""Bootstrap of templates/bao-cao-cchc.docx, the BC-UBND report template (one template for every
report: the standard outline and its recurring sentences, and what the data writes itself —
tables among a section's prose, added sections, sections of its own, appendices).

Run once to create the template; from then on the .docx in templates/ is the
source of truth, edited in Word or LibreOffice by the Văn phòng. Re-running
this script overwrites their edits, so it refuses to unless given --force.

    python tools/make_report_template.py [--force]

Layout follows ../shared/reference/nd30.md: A4, margins 20/20/30/15 mm,
Times New Roman, the two-column header block, page numbers centred at the
top from page 2 on. Headings carry the styles "Muc cap 1/2/3" and numbered
items "Danh sach so": baocao numbers them (I., 1., a), 1.) by the order in
which they appear, so the template never types a heading number.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_UNDERLINE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
OUT = TEMPLATES / "bao-cao-cchc.docx"
FONT = "Times New Roman"


def main() -> int:
    out = OUT
    if out.exists() and "--force" not in sys.argv:
        print(f"{out} đã có; thêm --force để ghi đè (mất các chỉnh sửa trong Word).")
        return 1
    doc = Document()
    setup_page(doc)
    setup_styles(doc)
    setup_block_styles(doc)
    header_block(doc)
    title_block(doc)
    body(doc)
    signature_block(doc)
    para(doc, "{{ bc.phu_luc|phu_luc }}")
    page_numbers(doc)
    drop_unused_parts(doc)
    doc.core_properties.title = "Mẫu báo cáo công tác cải cách hành chính (BC-UBND)"
    doc.core_properties.author = "baocao"
    doc.save(out)
    print(out)
    return 0


def drop_unused_parts(doc) -> None:
    """python-docx's default package carries parts a report does not need (Word 2010's
    stylesWithEffects, a thumbnail of another document, a customXml item): unlink them,
    and python-docx writes only the parts still reachable."""
    unused = ("stylesWithEffects", "/thumbnail", "/customXml")
    for rels in (doc.part.package.rels, doc.part.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype.endswith(unused):
                del rels[r_id]
    # Its docProps/app.xml claims "Microsoft Macintosh Word" and stale counts: keep only neutral facts.
    app = next(rel.target_part for rel in doc.part.package.rels.values() if rel.reltype.endswith("/extended-properties"))
    app._blob = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        b'<Template>Normal.dotm</Template><TotalTime>0</TotalTime><Application>baocao</Application>'
        b'<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>'
        b'<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>')


# --- page and styles -------------------------------------------------------

def setup_page(doc) -> None:
    s = doc.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin = Mm(20), Mm(20)
    s.left_margin, s.right_margin = Mm(30), Mm(15)
    s.header_distance, s.footer_distance = Mm(10), Mm(10)


def setup_styles(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    pf = normal.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.first_line_indent = Cm(1.27)
    pf.space_before, pf.space_after = Pt(6), Pt(0)
    pf.line_spacing = 1.15
    # The document defaults (docDefaults) carry the same font, for text outside styles.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        if child.tag in (qn("w:rFonts"), qn("w:sz"), qn("w:szCs"), qn("w:lang")):
            rpr.remove(child)
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    rpr.append(fonts)
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), "28")
        rpr.append(el)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    rpr.append(lang)

    def para_style(name, *, size=None, bold=None, italic=None, align=None, indent=None,
                   before=None, after=None, keep_next=False, outline=None, base="Normal"):
        st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = styles[base]
        st.quick_style = True
        if size: st.font.size = Pt(size)
        if bold is not None: st.font.bold = bold
        if italic is not None: st.font.italic = italic
        f = st.paragraph_format
        if align is not None: f.alignment = align
        if indent is not None: f.first_line_indent = indent
        if before is not None: f.space_before = Pt(before)
        if after is not None: f.space_after = Pt(after)
        if keep_next: f.keep_with_next = True
        if outline is not None:
            lvl = OxmlElement("w:outlineLvl")
            lvl.set(qn("w:val"), str(outline))
            st.element.get_or_add_pPr().append(lvl)
        return st

    center = WD_ALIGN_PARAGRAPH.CENTER
    # Headings: baocao writes their numbers (I., 1., a)) by order of appearance.
    para_style("Muc cap 1", bold=True, keep_next=True, outline=0)
    para_style("Muc cap 2", bold=True, keep_next=True, outline=1)
    para_style("Muc cap 3", keep_next=True, outline=2)
    para_style("Danh sach so")  # numbered paragraphs 1., 2., … under a heading
    # Header block and title elements (sizes from nd30.md).
    para_style("Dau van ban", size=13, align=center, indent=Cm(0), before=0, after=0)
    doc.styles["Dau van ban"].paragraph_format.line_spacing = 1.0
    para_style("Ten loai", size=14, bold=True, align=center, indent=Cm(0), before=12, after=0, keep_next=True)
    para_style("Trich yeu", size=14, bold=True, align=center, indent=Cm(0), before=0, after=0, keep_next=True)
    para_style("Kinh gui", size=14, align=center, indent=Cm(0), before=12, after=6)
    para_style("Noi nhan", size=11, align=WD_ALIGN_PARAGRAPH.LEFT, indent=Cm(0), before=0, after=0,
               base="Dau van ban")
    para_style("Chu ky", size=14, bold=True, align=center, indent=Cm(0), before=0, after=0, base="Dau van ban")
    # Footnotes: the names Word itself uses, so Word's footnote commands keep working.
    fn_text = para_style("footnote text", size=12, indent=Cm(0), before=0, after=0)
    fn_text.paragraph_format.line_spacing = 1.0
    fn_ref = styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
    fn_ref.font.superscript = True
    for style, style_id in ((fn_text, "FootnoteText"), (fn_ref, "FootnoteReference")):
        style.style_id = style_id  # Word's built-in ids for these two names
        style.element.attrib.pop(qn("w:customStyle"), None)
    header = styles["Header"]  # python-docx's default template has it: adjust, don't add
    header.font.size = Pt(14)
    hf = header.paragraph_format
    hf.alignment, hf.first_line_indent, hf.line_spacing = center, Cm(0), 1.0
    hf.space_before = hf.space_after = Pt(0)


# --- building blocks ---------------------------------------------------------

def para(container, text="", style=None, *, bold=None, italic=None, underline=None, size=None):
    p = container.add_paragraph(style=style)
    if text:
        r = p.add_run(text)
        if bold is not None: r.bold = bold
        if italic is not None: r.italic = italic
        if underline: r.underline = WD_UNDERLINE.SINGLE
        if size: r.font.size = Pt(size)
    return p


def lines(container, expr: str, style: str, **fmt) -> None:
    """One paragraph per entry of the list `expr` (header lines, signer's authority lines, …)."""
    para(container, f"{{%p for dong in {expr} %}}", style)
    para(container, "{{ dong }}", style, **fmt)
    para(container, "{%p endfor %}", style)


def closing(container, root: str, default: str) -> None:
    """The closing sentence: the data's own (`<root>.ket_thuc`, "./." added), else the template's."""
    para(container, f"{{%p if {root}.ket_thuc %}}")
    para(container, f"{{{{ {root}.ket_thuc|cau }}}}./.")
    para(container, "{%p else %}")
    para(container, default)
    para(container, "{%p endif %}")


def dash_list(container, expr: str, style: str) -> None:
    """ND30 list lines: "- item;" each, the last ending with "." (Kính gửi, Nơi nhận)."""
    para(container, f"{{%p for muc in {expr} %}}", style)
    para(container, "- {{ muc }}{{ '.' if loop.last else ';' }}", style)
    para(container, "{%p endfor %}", style)


def short_rule(container, width_mm: float, column_mm: float, style="Dau van ban"):
    """A short centred line: an empty paragraph with a top border, narrowed by indents."""
    p = container.add_paragraph(style=style)
    side = Mm((column_mm - width_mm) / 2)
    p.paragraph_format.left_indent = side
    p.paragraph_format.right_indent = side
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(k), v)
    bdr.append(top)
    ppr.insert(0, bdr) if ppr.find(qn("w:pStyle")) is None else ppr.find(qn("w:pStyle")).addnext(bdr)
    p.paragraph_format.space_before = Pt(2)
    r = p.add_run()
    r.font.size = Pt(4)
    return p


def borderless_table(doc, widths_mm):
    table = doc.add_table(rows=1, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # writes <w:tblLayout w:type="fixed"/>
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.find(qn("w:tblLayout")).addprevious(borders)  # schema order: … tblInd, tblBorders, shd, tblLayout …
    for i, w in enumerate(widths_mm):
        table.columns[i].width = Mm(w)
        table.rows[0].cells[i].width = Mm(w)
    return table


def clear(cell):
    for p in list(cell.paragraphs):
        p._p.getparent().remove(p._p)
    return cell


# --- document parts ----------------------------------------------------------

LEFT, RIGHT = 62, 108  # header columns (mm); text width is 165 mm, the table reaches 5 mm into the margin


def header_table(doc):
    """The header's two-row borderless table with the issuing body's lines in the top-left cell;
    returns the cells (left, right, number, date) for the rest of the header."""
    t = borderless_table(doc, [LEFT, RIGHT])
    t.add_row()
    left, right = (clear(c) for c in t.rows[0].cells)
    number, date = (clear(c) for c in t.rows[1].cells)
    para(left, "{%p if cq.cap_tren.in_o_dau %}", "Dau van ban")
    para(left, "{{ cq.cap_tren.ten|upper }}", "Dau van ban")
    para(left, "{%p endif %}", "Dau van ban")
    lines(left, "cq.dong_tieu_de", "Dau van ban", bold=True)
    return left, right, number, date


def header_block(doc, root: str = "bc") -> None:
    """Row 1: issuing body | Quốc hiệu and Tiêu ngữ; row 2: Số | place and date, on one line."""
    left, right, number, date = header_table(doc)
    short_rule(left, 22, LEFT)

    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Dau van ban", bold=True)
    para(right, "Độc lập - Tự do - Hạnh phúc", "Dau van ban", bold=True, underline=True, size=14)

    para(number, f"Số: {{{{ {root}.so_ky_hieu }}}}", "Dau van ban").paragraph_format.space_before = Pt(6)
    para(date, f"{{{{ {root}.dong_ngay }}}}", "Dau van ban", italic=True, size=14).paragraph_format.space_before = Pt(6)


def title_block(doc) -> None:
    para(doc, "BÁO CÁO", "Ten loai").paragraph_format.space_before = Pt(18)
    para(doc, "{%p if bc.trich_yeu %}", "Trich yeu")
    lines(doc, "bc.trich_yeu", "Trich yeu")
    para(doc, "{%p else %}", "Trich yeu")
    para(doc, "Công tác cải cách hành chính {{ bc.ky|ten_ky }}", "Trich yeu")
    para(doc, "{{ cq.pham_vi }}", "Trich yeu")
    para(doc, "{%p endif %}", "Trich yeu")
    short_rule(doc, 40, 165)
    para(doc, "{%p if bc.kinh_gui|length == 1 %}", "Kinh gui")
    para(doc, "Kính gửi: {{ bc.kinh_gui[0] }}.", "Kinh gui")
    para(doc, "{%p elif bc.kinh_gui %}", "Kinh gui")
    para(doc, "Kính gửi:", "Kinh gui")
    dash_list(doc, "bc.kinh_gui", "Kinh gui")
    para(doc, "{%p endif %}", "Kinh gui")


def item(doc, level: int, title: str, prose: str) -> None:
    """A heading shown only when its prose has content, followed by the prose."""
    para(doc, f"{{%p if {prose} %}}")
    para(doc, title, f"Muc cap {level}")
    para(doc, f"{{{{ {prose}|doan }}}}")
    para(doc, "{%p endif %}")


def extra_items(doc, section: str) -> None:
    """Sections the data adds to a standard part (muc_them), numbered after the standard ones: their
    headings from level 2 (1., a)), their prose and tables."""
    para(doc, f"{{{{ {section}.muc_them|than(2) }}}}")


def body(doc) -> None:
    para(doc, "{{ bc.mo_dau|doan }}")

    para(doc, "{%p if bc.chi_dao|co_noi_dung %}")
    para(doc, "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", "Muc cap 1")
    item(doc, 2, "Đánh giá về công tác chỉ đạo điều hành cải cách hành chính", "bc.chi_dao.danh_gia")
    item(doc, 2, "Triển khai thực hiện Kế hoạch cải cách hành chính", "bc.chi_dao.ke_hoach")
    item(doc, 2, "Về công tác kiểm tra cải cách hành chính", "bc.chi_dao.kiem_tra")
    item(doc, 2, "Về công tác tuyên truyền cải cách hành chính", "bc.chi_dao.tuyen_truyen")
    extra_items(doc, "bc.chi_dao")
    para(doc, "{%p endif %}")

    para(doc, "{%p if bc.ket_qua|co_noi_dung %}")
    para(doc, "KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH", "Muc cap 1")
    item(doc, 2, "Cải cách thể chế", "bc.ket_qua.the_che")

    para(doc, "{%p if bc.ket_qua.tthc|co_noi_dung %}")
    para(doc, "{%p set tthc = bc.ket_qua.tthc %}")
    para(doc, "Cải cách thủ tục hành chính (TTHC)", "Muc cap 2")
    para(doc, "{{ tthc.ra_soat|doan }}")
    para(doc, "{%p if tthc.so_thu_tuc %}")
    para(doc, "{%p set tt = tthc.so_thu_tuc %}")
    para(doc, "- Số lượng TTHC thuộc thẩm quyền giải quyết tại {{ cq.mot_cua }} hiện nay là: "
              "{{ tt.cap_minh.tong|so }} thủ tục (trong đó trực tuyến toàn trình: {{ tt.cap_minh.toan_trinh|so }} "
              "thủ tục, trực tuyến một phần {{ tt.cap_minh.mot_phan|so }} thủ tục, mức độ còn lại "
              "{{ tt.cap_minh.con_lai|so }} thủ tục{% if tt.cap_duoi %}; {{ cq.cap_duoi or 'cấp dưới' }}: "
              "{{ tt.cap_duoi.tong|so }} thủ tục "
              "(trong đó trực tuyến toàn trình: {{ tt.cap_duoi.toan_trinh|so }} thủ tục, trực tuyến một phần "
              "{{ tt.cap_duoi.mot_phan|so }} thủ tục, mức độ còn lại {{ tt.cap_duoi.con_lai|so }} thủ tục"
              "{% endif %}).")
    para(doc, "{%p endif %}")
    para(doc, "{{ tthc.mot_cua|doan }}")
    para(doc, "{%p if tthc.ho_so %}")
    para(doc, "{%p set hs = tthc.ho_so %}")
    para(doc, "- Kết quả giải quyết hồ sơ TTHC các cấp: Kết quả đến ngày {{ hs.den_ngay|ngay }} {{ cq.toan }} "
              "đã tiếp nhận và giải quyết {{ hs.tiep_nhan|so }} hồ sơ (trong đó, giải quyết đúng hạn và sớm hạn "
              "{{ hs.dung_han|so }} hồ sơ, trễ hạn {{ hs.tre_han|so }} hồ sơ, chưa đến hạn "
              "{{ hs.chua_den_han|so }} hồ sơ) tỉ lệ hồ sơ giải quyết đúng hạn cho người dân đạt "
              "{{ hs.ty_le_dung_han|phan_tram }}. {{ hs.them|cau }}")
    para(doc, "{%p endif %}")
    para(doc, "{{ tthc.khac|doan }}")
    para(doc, "{%p endif %}")

    para(doc, "{%p if bc.ket_qua.bo_may|co_noi_dung %}")
    para(doc, "{%p set bm = bc.ket_qua.bo_may %}")
    para(doc, "Cải cách tổ chức bộ máy", "Muc cap 2")
    para(doc, "{%p if bm.bien_che %}")
    para(doc, "{%p set bcb = bm.bien_che %}")
    para(doc, "- Đánh giá về tình hình quản lý, sử dụng biên chế công chức, viên chức: Trên cơ sở biên chế được "
              "{{ cq.cap_tren.ten_theo_cap }} phân bổ, {{ cq.ten_theo_cap }} đã phân bổ biên chế cho các cơ quan, "
              "đơn vị trực thuộc {{ cq.ten_loai }} với {{ bcb.tong|so }} biên chế, cụ thể:")
    para(doc, "Biên chế công chức: {{ bcb.cong_chuc|so }} biên chế; Biên chế sự nghiệp: "
              "{{ bcb.su_nghiep.tong|so }} biên chế{% if bcb.su_nghiep.chi_tiet %}, trong đó: "
              "{% for phan in bcb.su_nghiep.chi_tiet %}{{ phan.ten }}: {{ phan.so|so }} biên chế"
              "{% if loop.revindex == 2 %} và {% elif not loop.last %}; {% endif %}{% endfor %}{% endif %}.")
    para(doc, "{%p endif %}")
    para(doc, "{{ bm.khac|doan }}")
    para(doc, "{%p endif %}")

    item(doc, 2, "Cải cách chế độ công vụ", "bc.ket_qua.cong_vu")

    para(doc, "{%p if bc.ket_qua.tai_chinh|co_noi_dung %}")
    para(doc, "{%p set tc = bc.ket_qua.tai_chinh %}")
    para(doc, "Cải cách tài chính công", "Muc cap 2")
    para(doc, "{{ tc.mo_dau|doan }}")
    para(doc, "{%p if tc.von_dau_tu %}")
    para(doc, "{%p set von = tc.von_dau_tu %}")
    para(doc, "{% if von.truoc %}{{ von.truoc|cau }}{% else %}- {{ cq.ten_theo_cap }}{% endif %} đã thực hiện giao và phân bổ chi tiết kế hoạch vốn đầu tư công năm "
              "{{ bc.ky.nam }} là {{ von.ke_hoach|so }} triệu đồng; thực hiện giải ngân vốn đầu tư đến thời điểm "
              "hiện tại là {{ von.giai_ngan|so }} triệu đồng chiếm {{ von.ty_le_giai_ngan|phan_tram(2) }} so với "
              "kế hoạch. {{ von.sau|cau }}")
    para(doc, "{%p endif %}")
    para(doc, "{{ tc.khac|doan }}")
    para(doc, "{%p endif %}")

    item(doc, 2, "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", "bc.ket_qua.chinh_quyen_so")
    extra_items(doc, "bc.ket_qua")
    para(doc, "{%p endif %}")

    para(doc, "{%p if bc.danh_gia|co_noi_dung %}")
    para(doc, "ĐÁNH GIÁ CHUNG", "Muc cap 1")
    item(doc, 2, "Mặt tích cực", "bc.danh_gia.tich_cuc")
    item(doc, 2, "Những tồn tại, hạn chế, nguyên nhân", "bc.danh_gia.han_che")
    extra_items(doc, "bc.danh_gia")
    para(doc, "{%p endif %}")

    para(doc, "{{ bc.noi_dung|than }}")  # sections the data writes, numbered after the standard ones

    para(doc, "{%p if bc.phuong_huong %}")
    para(doc, "PHƯƠNG HƯỚNG NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH TRỌNG TÂM", "Muc cap 1")
    para(doc, "{%p for nhiem_vu in bc.phuong_huong %}")
    para(doc, "{{ nhiem_vu|cau }}", "Danh sach so")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")

    closing(doc, "bc", "Trên đây là báo cáo công tác CCHC {{ bc.ky|ten_ky }} {{ cq.pham_vi }}{% if bc.gui_ngan %}, "
                       "báo cáo {{ bc.gui_ngan }} theo dõi, tổng hợp{% endif %}./.")


def setup_block_styles(doc) -> None:
    """Styles baocao uses for tables and appendices; the Văn phòng restyles them in Word."""
    styles = doc.styles
    table_text = styles.add_style("Chu trong bang", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = styles["Normal"]
    f = table_text.paragraph_format
    f.first_line_indent, f.space_before, f.space_after, f.line_spacing = Cm(0), Pt(2), Pt(2), 1.0
    f.alignment = WD_ALIGN_PARAGRAPH.LEFT
    table_text.font.size = Pt(12)
    for name, bold, italic, before in (("Phu luc", True, None, 0), ("Phu luc ghi chu", None, True, 0)):
        st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = styles["Normal"]
        st.font.bold, st.font.italic = bold, italic
        pf = st.paragraph_format
        pf.alignment, pf.first_line_indent, pf.space_before, pf.space_after = WD_ALIGN_PARAGRAPH.CENTER, Cm(0), Pt(before), Pt(0)
        pf.keep_with_next = True


def signature_block(doc) -> None:
    doc.add_paragraph(style="Dau van ban")  # space before the block
    t = borderless_table(doc, [80, 90])
    left, right = (clear(c) for c in t.rows[0].cells)
    para(left, "Nơi nhận:", "Noi nhan", bold=True, italic=True, size=12)
    dash_list(left, "bc.noi_nhan", "Noi nhan")
    lines(right, "nk.tham_quyen", "Chu ky")
    para(right, "{{ nk.chuc_vu }}", "Chu ky")
    for _ in range(4):
        para(right, "", "Chu ky")
    para(right, "{{ nk.ho_ten }}", "Chu ky")


def page_numbers(doc) -> None:
    """PAGE field centred at the top; page 1 has its own, empty, header (w:titlePg)."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.first_page_header.paragraphs[0].style = doc.styles["Header"]
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.style = doc.styles["Header"]
    run = p.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText" if text == " PAGE " else "w:t")
            if text == " PAGE ":
                el.set(qn("xml:space"), "preserve")
            el.text = text
        if kind == "separate" or text == "2":
            run = p.add_run()
        run._r.append(el)
        if kind == "begin" or text == " PAGE ":
            run = p.add_run()


if __name__ == "__main__":
    sys.exit(main())
