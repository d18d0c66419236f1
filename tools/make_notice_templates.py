"""Bootstrap of templates/thong-bao-ket-luan.docx (TB-UBND, seed 003) and
templates/bao-cao-dang.docx (a Party committee's report, BC/HU, seed 004).

Run once; from then on the .docx files in templates/ are the source of truth, edited in Word or
LibreOffice. Re-running overwrites those edits, so it refuses to unless given --force.

    python tools/make_notice_templates.py [--force]

Page, fonts and building blocks are those of make_report_template.py. The numbered styles are
linked to a Word multilevel list whose number text gives each level's look ("%1." / "%1.%2-" /
"%1.%2.%3 -" for the notice, "Phần thứ %1" / "%2 -" / "%3." / "%3.%4." for the Party report):
baocao writes the numbers in that format by order of appearance (generator/oxml/numbering.py), so the
template, not the code, decides how a level is numbered.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_report_template import (borderless_table, clear, closing, drop_unused_parts, header_block,  # noqa: E402
                                  header_table, lines, page_numbers, para, setup_page, setup_styles, short_rule)

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
NOTICE, PARTY = TEMPLATES / "thong-bao-ket-luan.docx", TEMPLATES / "bao-cao-dang.docx"


def main() -> int:
    for path in (NOTICE, PARTY):
        if path.exists() and "--force" not in sys.argv:
            print(f"{path} đã có; thêm --force để ghi đè (mất các chỉnh sửa trong Word).")
            return 1
    notice()
    party_report()
    return 0


def new_document():
    doc = Document()
    setup_page(doc)
    setup_styles(doc)
    return doc


def finish(doc, path: Path, title: str) -> None:
    page_numbers(doc)
    drop_unused_parts(doc)
    doc.core_properties.title = title
    doc.core_properties.author = "baocao"
    doc.save(path)
    print(path)


def link_list(doc, levels: dict[str, tuple[int, str, str]], num_id: int) -> None:
    """A Word multilevel list whose level `ilvl` has number text `text` and format `fmt`, each level
    linked to its style: Word shows the numbers while the template is edited, baocao writes them."""
    numbering = doc.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:pStyle w:val="{doc.styles[name].style_id}"/>'
        f'<w:suff w:val="space"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for name, (ilvl, fmt, text) in levels.items())
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}">'
                         f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))
    for name, (ilvl, _, _) in levels.items():
        ppr = doc.styles[name].element.get_or_add_pPr()
        num_pr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
        style_ref = ppr.find(qn("w:keepNext"))
        if style_ref is not None:  # schema order: keepNext, keepLines, pageBreakBefore, framePr, widowControl, numPr
            style_ref.addnext(num_pr)
        else:
            ppr.insert(0, num_pr)


def plain_heading(doc, name: str, *, bold=False, italic=False) -> None:
    style = doc.styles[name]
    style.font.bold, style.font.italic = bold, italic
    style.paragraph_format.keep_with_next = name == "Muc cap 1"


# --- TB-UBND -----------------------------------------------------------------------------------

def notice() -> None:
    doc = new_document()
    plain_heading(doc, "Muc cap 1")  # the addressee's words are bold runs; "6. Đề nghị VNPT …: text" shares the line
    plain_heading(doc, "Muc cap 2")
    plain_heading(doc, "Muc cap 3")
    link_list(doc, {"Muc cap 1": (0, "decimal", "%1."), "Muc cap 2": (1, "decimal", "%1.%2-"),
                    "Muc cap 3": (2, "decimal", "%1.%2.%3 -")}, 10)

    header_block(doc, "tb")

    para(doc, "THÔNG BÁO", "Ten loai").paragraph_format.space_before = Pt(18)
    lines(doc, "tb.trich_yeu", "Trich yeu")
    short_rule(doc, 40, 165)

    para(doc, "{%p set hn = tb.hoi_nghi %}")
    para(doc, "Ngày {{ hn.ngay|ngay }}, đồng chí {{ hn.chu_tri.ho_ten }} – {{ hn.chu_tri.chuc_vu }} đã chủ trì "
              "{{ hn.ten_mo_dau }}. Tham dự Hội nghị có {{ hn.thanh_phan }}.")
    para(doc, "Sau khi nghe {{ hn.bao_cao_vien }} thông qua {{ hn.bao_cao }}; ý kiến tham gia thảo luận của các thành "
              "viên tham dự, đồng chí {{ hn.chu_tri.ho_ten }} – {{ hn.chu_tri.chuc_vu }} có ý kiến kết luận như sau:")
    para(doc, "{{ tb.danh_gia|doan }}")
    para(doc, "{%p if tb.ton_tai %}")
    para(doc, "{{ tb.ton_tai.mo_dau|doan }}")
    para(doc, "{%p for muc in tb.ton_tai.cac_muc %}")
    para(doc, "- {{ muc|cau }}")
    para(doc, "{%p endfor %}")
    para(doc, "{{ tb.ton_tai.nguyen_nhan|doan }}")
    para(doc, "{%p endif %}")
    para(doc, "{{ tb.yeu_cau|doan }}")

    para(doc, "{%p for nhom in tb.chi_dao %}")
    heading = para(doc, "{{ nhom.doi_tuong }}", "Muc cap 1", bold=True)
    heading.add_run("{% if nhom.noi_dung %} {{ nhom.noi_dung|cau }}{% endif %}")
    para(doc, "{%p for nv in nhom.nhiem_vu %}")
    para(doc, "{{ nv.noi_dung|cau }}", "Muc cap 2")
    para(doc, "{%p for con in nv.nhiem_vu %}")
    para(doc, "{{ con.noi_dung|cau }}", "Muc cap 3")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endfor %}")
    para(doc, "{{ nhom.sau|doan }}")
    para(doc, "{%p endfor %}")

    closing(doc, "tb", "Thừa lệnh {{ cq.thu_truong }}, {{ cq.van_phong }} xin thông báo để "
                       "các cơ quan, đơn vị và địa phương biết, triển khai thực hiện./.")

    left = closing_table(doc, "tb.noi_nhan")
    item = para(left, "- {{ muc.ten }}{{ '.' if loop.last else ';' }}{% if muc.ghi_chu %} (", "Noi nhan")
    item.add_run("{{ muc.ghi_chu }}").italic = True
    item.add_run("){% endif %}")
    para(left, "{%p endfor %}", "Noi nhan")
    finish(doc, NOTICE, "Mẫu thông báo kết luận (TB-UBND)")


def closing_table(doc, items: str):
    """Nơi nhận | signature block. Returns the left cell, its loop over `items` opened: the caller
    writes the item line and closes the loop."""
    doc.add_paragraph(style="Dau van ban")
    t = borderless_table(doc, [80, 90])
    left, right = (clear(c) for c in t.rows[0].cells)
    para(left, "Nơi nhận:", "Noi nhan", bold=True, italic=True, size=12)
    para(left, f"{{%p for muc in {items} %}}", "Noi nhan")
    signature(right)
    return left


def signature(cell) -> None:
    lines(cell, "nk.tham_quyen", "Chu ky")
    para(cell, "{{ nk.chuc_vu }}", "Chu ky")
    for _ in range(4):
        para(cell, "", "Chu ky")
    para(cell, "{{ nk.ho_ten }}", "Chu ky")


# --- BC/HU -------------------------------------------------------------------------------------

def party_report() -> None:
    doc = new_document()
    styles = doc.styles
    phan = styles.add_style("Phan", 1)
    phan.base_style = styles["Ten loai"]
    phan.quick_style = True
    phan.paragraph_format.space_before = Pt(12)
    ten_phan = styles.add_style("Ten phan", 1)
    ten_phan.base_style = styles["Trich yeu"]
    ten_phan.quick_style = True
    ten_phan.paragraph_format.space_after = Pt(6)
    plain_heading(doc, "Muc cap 1", bold=True)
    plain_heading(doc, "Muc cap 2", bold=True)
    plain_heading(doc, "Muc cap 3", italic=True)
    for name in ("Muc cap 2", "Muc cap 3"):
        styles[name].paragraph_format.keep_with_next = True
    link_list(doc, {"Phan": (0, "ordinalText", "Phần thứ %1"), "Muc cap 1": (1, "upperRoman", "%2 -"),
                    "Muc cap 2": (2, "decimal", "%3."), "Muc cap 3": (3, "decimal", "%3.%4.")}, 20)

    left, right, number, date = header_table(doc)
    para(left, "*", "Dau van ban")
    para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", "Dau van ban", bold=True, underline=True, size=14)
    para(number, "Số {{ bcd.so_ky_hieu }}", "Dau van ban").paragraph_format.space_before = Pt(6)
    para(date, "{{ bcd.dong_ngay }}", "Dau van ban", italic=True, size=14).paragraph_format.space_before = Pt(6)

    para(doc, "BÁO CÁO", "Ten loai").paragraph_format.space_before = Pt(18)
    lines(doc, "bcd.trich_yeu", "Trich yeu")
    rule = para(doc, "-----", "Trich yeu")
    rule.runs[0].bold = False

    para(doc, "{%p for k in bcd.khoi %}")
    para(doc, "{%p if k.loai == 'phan' %}")
    para(doc, "", "Phan")
    para(doc, "{%p elif k.loai == 'ten_phan' %}")
    para(doc, "{{ k.tieu_de|upper }}", "Ten phan")
    para(doc, "{%p elif k.loai == 'muc' and k.cap == 1 %}")
    para(doc, "{{ k.tieu_de|upper }}", "Muc cap 1")
    para(doc, "{%p elif k.loai == 'muc' and k.cap == 2 %}")
    para(doc, "{{ k.tieu_de }}", "Muc cap 2")
    para(doc, "{%p elif k.loai == 'muc' %}")
    para(doc, "{{ k.tieu_de }}", "Muc cap 3")
    para(doc, "{%p elif k.loai == 'nhiem_vu' %}")
    para(doc, "{{ k.van_ban|cau }}", "Danh sach so")
    para(doc, "{%p else %}")
    para(doc, "{{ k.van_ban|doan }}")
    para(doc, "{%p endif %}")
    para(doc, "{%p endfor %}")

    left = closing_table(doc, "bcd.noi_nhan")
    para(left, "- {{ muc }}{{ '.' if loop.last else ',' }}", "Noi nhan")
    para(left, "{%p endfor %}", "Noi nhan")
    finish(doc, PARTY, "Mẫu báo cáo của cấp ủy đảng (BC/HU)")


if __name__ == "__main__":
    sys.exit(main())
