"""Template structure errors at the tag the editor left, on templates edited the way Word stores
edits (a tag's text spread over runs of different formatting, spell-check marks and bookmarks between
them, whole paragraphs deleted); each advice applied as written and the template checked again: clean,
and filling it prints what the shipped template prints."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from lxml import etree

from conftest import REPO, build, texts
from generator.kinds.report import TEMPLATE
from generator.lint.check import check

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DATA = REPO / "data" / "quy-nhon-nam-2026-quy3.yaml"  # a report with tai_chinh and chinh_quyen_so, no cong_vu
WITH_CONG_VU = REPO / "data" / "an-lao-2023-6thang.yaml"


def _paragraphs(root):
    return list(root.iter(f"{{{W}}}p"))


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))


def edited(tmp_path: Path, name: str, *edits, source: Path = TEMPLATE) -> Path:
    """`source` with its body changed by `edits`, each a function of the body's root element."""
    dest = tmp_path / name
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                root = etree.fromstring(data)
                for edit in edits:
                    edit(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            out.writestr(info, data)
    return dest


def drop(text: str, count: int = 1, *, after: int = 0):
    """Delete `count` paragraphs, starting `after` paragraphs past the one whose text is `text`."""
    def edit(root):
        paras = _paragraphs(root)
        start = next(k for k, p in enumerate(paras) if _text(p) == text) + after
        for p in paras[start:start + count]:
            p.getparent().remove(p)
    return edit


def add_after(text: str, tag: str, *, skip: int = 0):
    """A new paragraph holding `tag` after the paragraph `skip` past the one whose text is `text`."""
    def edit(root):
        paras = _paragraphs(root)
        at = paras[next(k for k, p in enumerate(paras) if _text(p) == text) + skip]
        at.addnext(etree.fromstring(f'<w:p xmlns:w="{W}"><w:r><w:t>{tag}</w:t></w:r></w:p>'))
    return edit


def as_word_stores(tag: str):
    """The paragraph of `tag` as Word keeps it after an edit: its text in three runs, bold and italic
    toggled, a spell-check mark and a bookmark between them."""
    def edit(root):
        p = next(p for p in _paragraphs(root) if _text(p) == tag)
        for r in p.findall(f"{{{W}}}r"):
            p.remove(r)
        cut = [0, 4, len(tag) // 2, len(tag)]
        pieces = [tag[a:b] for a, b in zip(cut, cut[1:])]
        xml = (f'<w:p xmlns:w="{W}"><w:r><w:t xml:space="preserve">{pieces[0]}</w:t></w:r>'
               '<w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="90" w:name="_GoBack"/>'
               f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{pieces[1]}</w:t></w:r>'
               '<w:proofErr w:type="spellEnd"/><w:bookmarkEnd w:id="90"/>'
               f'<w:r><w:rPr><w:i/><w:lang w:val="vi-VN"/></w:rPr><w:t xml:space="preserve">{pieces[2]}</w:t></w:r></w:p>')
        for child in etree.fromstring(xml):
            p.append(child)
    return edit


def follow(template: Path, hint: str, tmp_path: Path, name: str) -> Path:
    """Apply the advice of a "Cách sửa" line as an editor would: delete the tag named at paragraph N,
    or add the end tag right after paragraph N (paragraphs counted as the message counts them)."""
    added = re.search(r"thêm thẻ (\{%p end\w+ %\}), một mình trong một đoạn, ngay sau đoạn (\d+)", hint)
    if added:
        tag, after = added.group(1), int(added.group(2))

        def edit(root):
            _paragraphs(root)[after - 1].addnext(
                etree.fromstring(f'<w:p xmlns:w="{W}"><w:r><w:t>{tag}</w:t></w:r></w:p>'))
        return edited(tmp_path, name, edit, source=template)
    deleted = re.search(r"xóa (?:luôn )?thẻ (\{%.*?%\}) ở đoạn (\d+)", hint)
    assert deleted, hint
    tag, at = deleted.group(1), int(deleted.group(2))

    def edit(root):
        p = _paragraphs(root)[at - 1]
        assert _text(p) == tag, (_text(p), tag)
        p.getparent().remove(p)
    return edited(tmp_path, name, edit, source=template)


def printed(tmp_path: Path, template: Path, data: Path = DATA) -> list[str]:
    """The body text of `data`'s report filled into `template`."""
    folder = tmp_path / f"in-{template.stem}"
    folder.mkdir()
    for name in {data.name, "quy-nhon-nam-2026-quy2.yaml"}:
        shutil.copy(REPO / "data" / name, folder / name)
    shutil.copy(template, folder / "mau.docx")
    text = (folder / data.name).read_text(encoding="utf-8")
    (folder / data.name).write_text(text.replace("bao_cao:\n", "bao_cao:\n  mau: mau.docx\n", 1), encoding="utf-8")
    return texts(Document(build(folder / data.name, folder / "ra")))


def errors(findings) -> list:
    return [f for f in findings if f.severity == "lỗi"]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> list[str]:
    return printed(tmp_path_factory.mktemp("goc"), TEMPLATE)


def test_a_section_deleted_but_its_if_left_is_blamed_on_that_if(tmp_path, shipped):
    """The editor deleted «Cải cách chế độ công vụ» and its text and endif, leaving its
    {%p if bc.ket_qua.cong_vu %}: docxtpl-lint blamed the outer {%p if bc.ket_qua|co_noi_dung %}."""
    broken = edited(tmp_path, "mat-muc.docx", drop("Cải cách chế độ công vụ", 3),
                    as_word_stores("{%p if bc.ket_qua.cong_vu %}"))
    (f,) = check(broken)
    assert f.severity == "lỗi" and "đoạn 82, «{%p if bc.ket_qua.cong_vu %}»" in f.location.place
    assert f.message.startswith("khối `{%p if bc.ket_qua.cong_vu %}` không có `{%p endif %}` đóng lại")
    assert "co_noi_dung" not in f.message
    fixed = follow(broken, f.hint, tmp_path, "sua.docx")  # delete the tag left behind
    assert check(fixed) == []
    assert printed(tmp_path, fixed) == shipped
    kept = edited(tmp_path, "giu.docx", add_after("{%p if bc.ket_qua.cong_vu %}", "{%p endif %}"), source=broken)
    assert check(kept) == [] and printed(tmp_path, kept) == shipped  # the other way the advice offers


def test_the_old_advice_no_longer_checks_clean(tmp_path):
    """Adding the endif at the end of section II, as the old message said, pairs the tags but makes the
    cong_vu block swallow the sections after it: a warning names them."""
    broken = edited(tmp_path, "mat-muc.docx", drop("Cải cách chế độ công vụ", 3))
    wrong = edited(tmp_path, "sai.docx", add_after("{{ bc.ket_qua.muc_them|than(2) }}", "{%p endif %}"), source=broken)
    (f,) = check(wrong)
    assert f.severity == "cảnh báo" and "«{%p if bc.ket_qua.cong_vu %}»" in f.location.place
    assert "`{%p if bc.ket_qua.tai_chinh|co_noi_dung %}`" in f.message and "chinh_quyen_so" in f.message


def test_an_endif_deleted_with_the_section_kept_gets_its_place(tmp_path):
    broken = edited(tmp_path, "mat-endif.docx", drop("{{ bc.ket_qua.cong_vu|doan }}", 1, after=1))
    (f,) = errors(check(broken))
    assert "«{%p if bc.ket_qua.cong_vu %}»" in f.location.place and "ngay sau đoạn 84" in f.hint
    fixed = follow(broken, f.hint, tmp_path, "sua.docx")
    assert check(fixed) == []
    assert printed(tmp_path, fixed, WITH_CONG_VU) == printed(tmp_path, TEMPLATE, WITH_CONG_VU)


def test_a_stray_endif_is_named_with_the_block_it_closes(tmp_path, shipped):
    """A second {%p endif %} after the_che's: docxtpl-lint blamed the correct endif further down, and
    deleting that one paired the tags and closed section II early."""
    broken = edited(tmp_path, "thua.docx", add_after("{{ bc.ket_qua.the_che|doan }}", "{%p endif %}", skip=1))
    broken = edited(tmp_path, "thua-word.docx", as_word_stores("{%p endif %}"), source=broken)
    (f,) = check(broken)
    assert f.severity == "lỗi" and "đoạn 57" in f.location.place
    assert "có vẻ thừa: nó đóng khối `{%p if bc.ket_qua|co_noi_dung %}` (đoạn 51) sớm" in f.message
    fixed = follow(broken, f.hint, tmp_path, "sua.docx")
    assert check(fixed) == [] and printed(tmp_path, fixed) == shipped
    old_advice = edited(tmp_path, "sai.docx", drop("{{ bc.ket_qua.muc_them|than(2) }}", 1, after=1), source=broken)
    (w,) = check(old_advice)
    assert w.severity == "cảnh báo" and "kết thúc trước các khối thuộc nó" in w.message


def test_an_ambiguous_pairing_lists_the_candidates(tmp_path):
    """Two loops over one list, the second left behind right after the first: the one left empty is
    blamed; deleting it restores the template."""
    broken = edited(tmp_path, "hai.docx", add_after("{%p for nhiem_vu in bc.phuong_huong %}",
                                                   "{%p for x in bc.phuong_huong %}"))
    (f,) = errors(check(broken))
    assert "«{%p for x in bc.phuong_huong %}»" in f.location.place
    assert check(follow(broken, f.hint, tmp_path, "sua.docx")) == []


def test_the_endif_of_a_section_before_one_that_prints_text(tmp_path):
    """{%p if bc.phuong_huong %} loses its endif; the next block (bc.ket_thuc) pairs with the endif
    left: the block it would swallow prints ket_thuc, so the phuong_huong block is blamed."""
    broken = edited(tmp_path, "ph.docx", drop("{{ nhiem_vu|cau }}", 1, after=2))
    (f,) = errors(check(broken))
    assert "«{%p if bc.phuong_huong %}»" in f.location.place, f.format()
    fixed = follow(broken, f.hint, tmp_path, "sua.docx")
    assert check(fixed) == [] and printed(tmp_path, fixed, WITH_CONG_VU) == printed(tmp_path, TEMPLATE, WITH_CONG_VU)
