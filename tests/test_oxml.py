"""The oxml layer on its own, on small documents made here: heading numbers, sections (appendices,
keeping one part), the footnotes part (created, or an existing one taken over), Word's child order."""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from generator.oxml import footnotes, numbering, order, sections
from generator.oxml.runs import text_of
from generator.oxml.styles import APPENDIX
from generator.text import markup
from generator.write.docx import docx_bytes


def _document(*paragraphs: tuple[str, str]):
    """A document whose paragraphs are (style name, text); styles are created as needed."""
    doc = Document()
    for p in list(doc.element.body.iterchildren(qn("w:p"))):
        doc.element.body.remove(p)
    names = {s.name for s in doc.styles}
    for style, text in paragraphs:
        if style not in names:
            doc.styles.add_style(style, WD_STYLE_TYPE.PARAGRAPH)
            names.add(style)
        doc.add_paragraph(text, style=style)
    return doc


def _texts(doc) -> list[str]:
    return [text_of(p) for p in doc.element.body.iterchildren(qn("w:p"))]


# --- heading numbers ---------------------------------------------------------------------------

def test_headings_are_numbered_in_order_of_appearance():
    doc = _document(("Muc cap 1", "Chỉ đạo"), ("Muc cap 2", "Kế hoạch"), ("Danh sach so", "Việc một"),
                    ("Danh sach so", "Việc hai"), ("Muc cap 3", "Chi tiết"), ("Muc cap 2", "Kiểm tra"),
                    ("Muc cap 1", "Kết quả"), ("Muc cap 2", "Thể chế"), ("Normal", "Đoạn văn."))
    numbering.number_headings(doc)
    assert _texts(doc) == ["I. Chỉ đạo", "1. Kế hoạch", "1. Việc một", "2. Việc hai", "a) Chi tiết",
                           "2. Kiểm tra", "II. Kết quả", "1. Thể chế", "Đoạn văn."]


def test_an_appendix_numbers_its_items_afresh():
    doc = _document(("Muc cap 1", "Thân"), ("Muc cap 2", "Mục"), (APPENDIX, "Phụ lục 1"),
                    ("Muc cap 2", "Mục phụ lục"), ("Muc cap 3", "Tiểu mục"))
    numbering.number_headings(doc)
    assert _texts(doc) == ["I. Thân", "1. Mục", "Phụ lục 1", "1. Mục phụ lục", "a) Tiểu mục"]


def test_a_style_linked_to_a_word_list_takes_its_format_and_loses_the_link():
    doc = _document(("Muc cap 1", "Thủ trưởng các phòng"), ("Muc cap 2", "Rà soát"), ("Muc cap 2", "Báo cáo"))
    numbering_part = doc.part.numbering_part.element
    numbering_part.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:suff w:val="space"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2-"/><w:suff w:val="nothing"/></w:lvl>'
        '</w:abstractNum>'))
    numbering_part.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for name, level in (("Muc cap 1", 0), ("Muc cap 2", 1)):
        ppr = doc.styles[name].element.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    numbering.number_headings(doc)
    assert _texts(doc) == ["1. Thủ trưởng các phòng", "1.1-Rà soát", "1.2-Báo cáo"]
    assert all(doc.styles[name].element.pPr.find(qn("w:numPr")) is None for name in ("Muc cap 1", "Muc cap 2"))


# --- sections ----------------------------------------------------------------------------------

def test_an_appendix_section_is_landscape_numbered_from_one_in_schema_order():
    doc = Document()
    report = doc.element.body.find(qn("w:sectPr"))
    props = sections.appendix_section(report, "ngang")
    size = props.find(qn("w:pgSz"))
    assert (size.get(qn("w:w")), size.get(qn("w:h")), size.get(qn("w:orient"))) == ("15840", "12240", "landscape")
    assert [child.tag.split("}")[1] for child in props] == ["type", "pgSz", "pgMar", "pgNumType", "cols", "docGrid"]
    assert props.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert props.find(qn("w:type")).get(qn("w:val")) == "nextPage"
    upright = sections.appendix_section(props, "doc")
    assert upright.find(qn("w:pgSz")).get(qn("w:orient")) is None
    assert len(upright.findall(qn("w:type"))) == len(upright.findall(qn("w:pgNumType"))) == 1
    assert sections.text_width(report) == 12240 - 1800 - 1800


def _with_appendices(count: int):
    """Report paragraph (with a footnote), then `count` appendices, each closing its section."""
    doc = _document(("Normal", "Báo cáo."), *[("Normal", f"Phụ lục {k}") for k in range(1, count + 1)])
    body = doc.element.body
    final = body.find(qn("w:sectPr"))
    paragraphs = list(body.iterchildren(qn("w:p")))
    references = []
    for p in paragraphs:
        run = parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference/></w:r>')
        p.append(run)
        references.append((run[0], markup.Footnote(((markup.Run(f"chú thích {text_of(p)}"),),))))
    for p in paragraphs[:-1]:  # each part but the last is closed by a section break
        p.addnext(sections.section_break(final))
    footnotes.write(doc, references)
    return doc


def test_keeping_one_part_keeps_its_content_its_section_and_its_footnotes():
    for index, wanted in ((0, "Báo cáo."), (1, "Phụ lục 1"), (2, "Phụ lục 2")):
        doc = _with_appendices(2)
        sections.keep_section(doc, index, 2)
        assert [t for t in _texts(doc) if t] == [wanted]
        kept = [fn for key, fn in footnotes.by_id(doc).items() if fn.get(qn("w:type")) is None]
        assert [text_of(fn).strip() for fn in kept] == [f"chú thích {wanted}"]
        body = doc.element.body
        assert body[-1].tag == qn("w:sectPr") and body.find(f".//{qn('w:pPr')}/{qn('w:sectPr')}") is None


# --- the footnotes part ------------------------------------------------------------------------

def test_a_new_footnotes_part_with_separators_relationship_content_type_and_settings():
    doc = _document(("Normal", "Câu có chú thích."))
    p = doc.element.body.find(qn("w:p"))
    run = parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference/></w:r>')
    p.append(run)
    footnotes.write(doc, [(run[0], markup.Footnote(((markup.Run("Nghị định số 30/2020/NĐ-CP."),),)))])
    saved = zipfile.ZipFile(io.BytesIO(docx_bytes(doc)))
    assert "word/footnotes.xml" in saved.namelist()
    assert "footnotes+xml" in saved.read("[Content_Types].xml").decode()
    assert "relationships/footnotes" in saved.read("word/_rels/document.xml.rels").decode()
    reopened = Document(io.BytesIO(docx_bytes(doc)))
    notes = footnotes.by_id(reopened)
    assert [fn.get(qn("w:type")) for fn in notes.values()] == ["separator", "continuationSeparator", None]
    assert text_of(notes["1"]).strip() == "Nghị định số 30/2020/NĐ-CP."
    assert run[0].get(qn("w:id")) == "1"
    settings = [child.tag.split("}")[1] for child in doc.settings.element]
    assert settings.index("footnotePr") < settings.index("compat")  # Word's order (CT_Settings)


def test_an_existing_footnotes_part_is_taken_over_and_saved_from_its_xml():
    """python-docx loads a template's footnotes.xml as plain bytes: it becomes an XML part (through the
    public relationship API), template footnotes keep their ids, baocao's follow, edits are saved."""
    first = _document(("Normal", "Chú thích của mẫu."))
    run = parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference/></w:r>')
    first.element.body.find(qn("w:p")).append(run)
    footnotes.write(first, [(run[0], markup.Footnote(((markup.Run("Của mẫu."),),)))])
    template = Document(io.BytesIO(docx_bytes(first)))  # footnotes.xml is now a plain part
    p = template.add_paragraph("Câu mới.")
    new = parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference/></w:r>')
    p._p.append(new)
    footnotes.write(template, [(new[0], markup.Footnote(((markup.Run("Của baocao."),),)))])
    again = Document(io.BytesIO(docx_bytes(template)))
    texts = {key: text_of(fn).strip() for key, fn in footnotes.by_id(again).items() if fn.get(qn("w:type")) is None}
    assert texts == {"1": "Của mẫu.", "2": "Của baocao."}
    rels = [r for r in again.part.rels.values() if r.reltype.endswith("/footnotes")]
    assert len(rels) == 1


def test_insert_places_a_child_where_the_schema_puts_it():
    sect = parse_xml(f'<w:sectPr {nsdecls("w")}><w:pgSz/><w:cols/><w:titlePg/></w:sectPr>')
    order.insert(sect, parse_xml(f'<w:pgMar {nsdecls("w")}/>'), order.SECT_PR)
    order.insert(sect, parse_xml(f'<w:footerReference {nsdecls("w")}/>'), order.SECT_PR)
    order.insert(sect, parse_xml(f'<w:docGrid {nsdecls("w")}/>'), order.SECT_PR)
    assert [c.tag.split("}")[1] for c in sect] == ["footerReference", "pgSz", "pgMar", "cols", "titlePg", "docGrid"]
