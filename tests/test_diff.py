"""`baocao diff`: changes named in the document's own words, and a tracked-changes .docx that
Word / LibreOffice show as revisions and that gives back the NEW text once accepted."""

from __future__ import annotations

import copy
import zipfile

import pytest
from docx import Document
from lxml import etree

from conftest import REPO, SAMPLE, W, build, convert, part_xml, with_previous_period, write_variant
from generator.commands import cli
from generator.oxml import tracked


def _edit_figure_and_paragraphs(data):
    data["bao_cao"]["ket_qua"]["tthc"]["ho_so"]["tiep_nhan"] = 9744
    chi_dao = data["bao_cao"]["chi_dao"]
    chi_dao["tuyen_truyen"] = chi_dao["tuyen_truyen"].replace("phát tờ rơi hướng dẫn", "phát 2.000 tờ rơi hướng dẫn")
    data["bao_cao"]["phuong_huong"].append("Tổng kết công tác cải cách hành chính năm 2023.")


def _run_diff(capsys, *args) -> tuple[int, list[str], str]:
    code = cli.main(["diff", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


@pytest.fixture
def data_pair(tmp_path):
    return write_variant(tmp_path, lambda data: None, "cu.yaml"), write_variant(tmp_path, _edit_figure_and_paragraphs, "moi.yaml")


@pytest.fixture
def seed_pair(tmp_path):
    """Seed 002 (a commune report whose tables are data): one figure in prose, a few words of
    another paragraph, one row of the hồ sơ table."""
    text = (REPO / "data" / "kim-thach-2023-6thang.yaml").read_text(encoding="utf-8")
    old, new = tmp_path / "cu.yaml", tmp_path / "moi.yaml"
    old.write_text(text, encoding="utf-8")
    for before, after in [("giải quyết của xã: 125 thủ tục", "giải quyết của xã: 126 thủ tục"),
                          ("quy định TTHC:* Không có.", "quy định TTHC:* Không có phản ánh, kiến nghị nào."),
                          ("{linh_vuc: Người có công,", "{linh_vuc: Người có công với cách mạng,")]:
        assert before in text
        text = text.replace(before, after)
    new.write_text(text, encoding="utf-8")
    return old, new


def test_a_data_driven_table_row_a_paragraph_and_a_figure(capsys, seed_pair):
    code, lines, err = _run_diff(capsys, *seed_pair)
    assert (code, err) == (0, "")
    assert lines == [  # the row's totals and the tables citing it are unchanged, so not listed
        "II.2, đoạn 4: …của xã: [125 → 126] thủ tục…",
        "II.2, đoạn 11: …Không có [+ phản ánh, kiến nghị nào].",
        "II.2, bảng 1, hàng «Người có công với cách mạng», cột «Lĩnh vực»: …có công [+ với cách mạng]",
        "3 chỗ thay đổi.",
    ]


def test_a_changed_figure_names_its_row_and_its_header_columns(capsys, tmp_path):
    """Rows are named by their field, not their STT; a column by its header rows, top to bottom."""
    text = (REPO / "data" / "kim-thach-2023-6thang.yaml").read_text(encoding="utf-8")
    old, new = tmp_path / "cu.yaml", tmp_path / "moi.yaml"
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace("{linh_vuc: Chứng thực, truc_tuyen: 159", "{linh_vuc: Chứng thực, truc_tuyen: 160"),
                   encoding="utf-8")
    _, lines, _ = _run_diff(capsys, old, new)
    assert lines[:4] == [
        "II.2, bảng 1, hàng «Chứng thực», cột «Số lượng hồ sơ tiếp nhận / Tổng số»: [217 → 218]",
        "II.2, bảng 1, hàng «Chứng thực», cột «Số lượng hồ sơ tiếp nhận / Trong kỳ / Trực tuyến»: [159 → 160]",
        "II.2, bảng 1, hàng «Tổng cộng», cột «Số lượng hồ sơ tiếp nhận / Tổng số»: [692 → 693]",
        "II.2, bảng 1, hàng «Tổng cộng», cột «Số lượng hồ sơ tiếp nhận / Trong kỳ / Trực tuyến»: [319 → 320]",
    ]


@pytest.fixture
def appendix_pair(tmp_path):
    """Seed 001: a figure of an appendix's table (Phụ lục 2, after the signature, numbered on its own)."""
    text = (REPO / "data" / "an-lao-2021-quy1.yaml").read_text(encoding="utf-8")
    old, new = tmp_path / "cu.yaml", tmp_path / "moi.yaml"
    with_previous_period(REPO / "data" / "an-lao-2021-quy1.yaml", tmp_path)  # its ky_truoc file beside it
    old.write_text(text, encoding="utf-8")
    row = '{linh_vuc: "Giáo dục và Đào tạo", moi: 14, dung_han: 14}'
    assert row in text
    new.write_text(text.replace(row, row.replace("14", "15")), encoding="utf-8")
    return old, new


def test_an_appendix_is_named_as_the_reader_sees_it(capsys, appendix_pair):
    _, lines, _ = _run_diff(capsys, *appendix_pair)
    assert lines[0] == ("Phụ lục 2, mục 1.b, bảng 1, hàng «Giáo dục và Đào tạo», cột «Số hồ sơ đã tiếp nhận / Tổng số»: "
                        "[14 → 15]")
    assert lines[-1] == "8 chỗ thay đổi."  # the row's four cells and the TỔNG CỘNG row's four
    assert all(line.startswith("Phụ lục 2, mục 1.b, bảng 1, hàng «") for line in lines[:-1])


@pytest.mark.parametrize("seed, before, after, expected", [
    ("tay-son-2023-so-ket.yaml", "Hiện có 334/362", "Hiện có 335/362",  # a Party report: Phần, I -, 1., 2.1.
     "Phần thứ nhất, mục II.2.3, đoạn 4: Hiện có [334 → 335]/362 thủ…"),
    ("tuy-phuoc-2022-tb39.yaml", "Tiếp tục rà soát, sắp xếp, bố trí cán bộ",  # a notice: 1. and 1.8- directives
     "Khẩn trương tiếp tục rà soát, sắp xếp, bố trí cán bộ", "đề mục 1.8: 1.8- [Tiếp → Khẩn trương tiếp] tục rà…"),
])
def test_other_kinds_of_document_are_named_by_their_own_numbering(capsys, tmp_path, seed, before, after, expected):
    text = (REPO / "data" / seed).read_text(encoding="utf-8")
    assert text.count(before) == 1
    old, new = tmp_path / "cu.yaml", tmp_path / "moi.yaml"
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace(before, after), encoding="utf-8")
    assert _run_diff(capsys, old, new) == (0, [expected, "1 chỗ thay đổi."], "")


def test_identical_inputs_report_no_change(capsys, tmp_path):
    docx = build(SAMPLE, tmp_path / "out")
    assert _run_diff(capsys, SAMPLE, SAMPLE) == (0, ["Không có thay đổi nào."], "")
    assert _run_diff(capsys, docx, docx) == (0, ["Không có thay đổi nào."], "")


@pytest.fixture
def issued_pair(tmp_path):
    def issue(data):
        data["bao_cao"].update(so=125, ngay="20/06/2023")
    return write_variant(tmp_path, lambda data: None, "du-thao.yaml"), write_variant(tmp_path, issue, "ban-hanh.yaml")


def test_a_row_whose_label_changed_is_compared_cell_by_cell(capsys, issued_pair):
    """The draft gets its number and date: the header table's `Số:` row is the same row, changed."""
    code, lines, _ = _run_diff(capsys, *issued_pair)
    assert lines == [  # the header block is a layout table: its cells are named by row and column number
        "phần đầu văn bản, hàng 2, cột 1: Số: [+ 125] /BC-UBND",
        "phần đầu văn bản, hàng 2, cột 2: …Lão, ngày [+ 20] tháng 6…; …20 tháng [+ 6] năm 2023",
        "2 chỗ thay đổi.",
    ]


def test_the_signature_block_is_named_as_such(capsys, tmp_path):
    old = write_variant(tmp_path, lambda data: None, "cu.yaml")
    new = write_variant(tmp_path, lambda data: data["nguoi_ky"].update(ho_ten="Đinh Văn Phú"), "moi.yaml")
    _, lines, _ = _run_diff(capsys, old, new)
    assert lines == ["phần ký, nơi nhận, hàng 1, cột 2: [Đình → Đinh] Văn Phú", "1 chỗ thay đổi."]


# --- .docx with a table ----------------------------------------------------------------------

def _with_table(doc, rows):
    """Put a figures table after the first paragraph under heading II.3 of the sample document."""
    anchor = next(p for p in doc.paragraphs if p.text.startswith("- Đánh giá về tình hình quản lý"))
    table = doc.add_table(rows=0, cols=3)
    for cells in rows:
        row = table.add_row()
        for cell, text in zip(row.cells, cells):
            cell.text = text
    anchor._p.addnext(table._tbl)
    return doc


_HEADER = ["Chỉ tiêu", "Kỳ này", "Tăng (+)/giảm (-)"]


@pytest.fixture
def docx_pair(tmp_path, sample_docx):
    old = _with_table(Document(sample_docx), [_HEADER, ["Công chức", "75", "+2"], ["Viên chức", "658", "-1"]])
    old.save(tmp_path / "cu.docx")
    new = _with_table(Document(sample_docx), [_HEADER, ["Công chức", "75", "+3"], ["Viên chức", "658", "-1"],
                                              ["Hợp đồng", "12", "0"]])
    p = next(p for p in new.paragraphs if p.text.startswith("Biên chế công chức: 75"))
    t = p._p.find(f"{W}r/{W}t")
    t.text = t.text.replace("Biên chế công chức: 75", "Biên chế công chức: 76")
    new.save(tmp_path / "moi.docx")
    return tmp_path / "cu.docx", tmp_path / "moi.docx"


@pytest.mark.parametrize("inputs, expected", [
    ("data_pair", [  # two data files: a figure, a word in a paragraph, a new numbered item
        "I.4, đoạn 1: …trấn, phát [+ 2.000] tờ rơi…",
        "II.2, đoạn 4: …giải quyết [9.737 → 9.744] hồ sơ…",
        "IV, mục 9 (đoạn mới): 9. Tổng kết công tác cải cách hành chính năm 2023.",
    ]),
    ("docx_pair", [  # two .docx: a figure in a paragraph, a table cell, a new table row
        "II.3, đoạn 2: …công chức: [75 → 76] biên chế…",
        "II.3, bảng 1, hàng «Công chức», cột «Tăng (+)/giảm (-)»: [+2 → +3]",
        "II.3, bảng 1, hàng «Hợp đồng» (hàng mới): Hợp đồng | 12 | 0",
    ]),
])
def test_exactly_the_changes_are_named_in_the_documents_words(request, capsys, inputs, expected):
    code, lines, err = _run_diff(capsys, *request.getfixturevalue(inputs))
    assert (code, err) == (0, "")
    assert lines == [*expected, "3 chỗ thay đổi."]


# --- tracked changes -------------------------------------------------------------------------

def _texts(root) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def _resolve(root, keep: str):
    """The text once every change is accepted (keep="ins") or rejected (keep="del"), done here
    as Word does it, independently of generator/oxml/tracked.py."""
    drop = "del" if keep == "ins" else "ins"
    root = copy.deepcopy(root)
    for el in list(root.iter(f"{W}p", f"{W}tr")):  # a paragraph or row whose own mark is dropped goes
        if el.find(f"{W}pPr/{W}rPr/{W}{drop}") is not None or el.find(f"{W}trPr/{W}{drop}") is not None:
            el.getparent().remove(el)
    for el in list(root.iter(f"{W}ins", f"{W}del")):
        if el.getparent().tag in (f"{W}rPr", f"{W}trPr") or el.tag == f"{W}{drop}":
            el.getparent().remove(el)
            continue
        for t in el.iter(f"{W}delText"):
            t.tag = f"{W}t"
        for child in list(el):
            el.addprevious(child)
        el.getparent().remove(el)
    return root


def _document_xml(docx):
    with zipfile.ZipFile(docx) as z:
        return etree.fromstring(z.read("word/document.xml"))


@pytest.fixture
def rewritten_pair(tmp_path):
    """A task of the outline rewritten entirely: replaced whole in the tracked .docx."""
    def rewrite(data):
        data["bao_cao"]["phuong_huong"][4] = "Xây dựng kho dữ liệu số dùng chung của huyện trong quý IV."
    return write_variant(tmp_path, lambda data: None, "cu.yaml"), write_variant(tmp_path, rewrite, "moi.yaml")


@pytest.mark.parametrize("inputs", ["data_pair", "docx_pair", "issued_pair", "seed_pair", "appendix_pair",
                                    "rewritten_pair"])
def test_tracked_changes_docx_accepts_to_new_and_rejects_to_old(request, capsys, tmp_path, inputs):
    old, new = request.getfixturevalue(inputs)
    out = tmp_path / "thay-doi.docx"
    code, lines, _ = _run_diff(capsys, old, new, "--docx", out)
    assert code == 0 and lines[-1] == f"Đã ghi văn bản có theo dõi thay đổi: {out}"

    root = _document_xml(out)
    revisions = [el for el in root.iter(f"{W}ins", f"{W}del")]
    assert {el.tag for el in revisions} == {f"{W}ins", f"{W}del"}
    assert {(el.get(f"{W}author"), el.get(f"{W}date")) for el in revisions} == {(tracked.AUTHOR, None)}  # no fake date
    assert len({el.get(f"{W}id") for el in revisions}) == len(revisions)

    if inputs != "docx_pair":
        old_docx, new_docx = build(old, tmp_path / "cu"), build(new, tmp_path / "moi")
    else:
        old_docx, new_docx = old, new
    assert _texts(_resolve(root, keep="ins")) == _texts(_document_xml(new_docx))
    assert _texts(_resolve(root, keep="del")) == _texts(_document_xml(old_docx))

    again = tmp_path / "lan-hai.docx"
    _run_diff(capsys, old, new, "--docx", again)
    assert again.read_bytes() == out.read_bytes()  # fixed author, date and ids: deterministic


@pytest.mark.parametrize("inputs, removed", [("data_pair", ["9.737"]), ("docx_pair", ["+2", "75"])])
def test_libreoffice_reads_the_revisions(request, capsys, tmp_path, inputs, removed):
    out = tmp_path / "thay-doi.docx"
    _run_diff(capsys, *request.getfixturevalue(inputs), "--docx", out)
    odt = convert(out, tmp_path, "odt")
    with zipfile.ZipFile(odt) as z:
        content = etree.fromstring(z.read("content.xml"))
    ns = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
          "dc": "http://purl.org/dc/elements/1.1/"}
    regions = content.findall(".//text:tracked-changes/text:changed-region", ns)
    kinds = sorted({child.tag.split("}")[1] for region in regions for child in region})
    assert kinds == ["deletion", "insertion"]
    assert {c.text for c in content.iterfind(".//text:changed-region//dc:creator", ns)} == {"baocao"}
    deleted = ["".join(p.itertext()) for p in content.iterfind(".//text:deletion/text:p", ns)]
    assert deleted == removed  # an inserted word or row deletes nothing


def test_removed_paragraph_is_shown_deleted_and_accepts_away(capsys, tmp_path):
    old = write_variant(tmp_path, lambda data: None, "cu.yaml")

    def drop_second_task(data):
        del data["bao_cao"]["phuong_huong"][1]
    new = write_variant(tmp_path, drop_second_task, "moi.yaml")
    out = tmp_path / "thay-doi.docx"
    code, lines, _ = _run_diff(capsys, old, new, "--docx", out)
    assert lines[0].startswith("IV, mục 2 (đoạn bị bỏ): 2. Tăng cường công tác kiểm tra")
    assert lines[1] == "1 chỗ thay đổi."  # the later tasks are renumbered, not reported
    root = _document_xml(out)
    assert _texts(_resolve(root, keep="ins")) == _texts(_document_xml(build(new, tmp_path / "moi")))
    rejected = [t for t in _texts(_resolve(root, keep="del")) if t]
    tasks = [t for t in _texts(_document_xml(build(old, tmp_path / "cu"))) if t]
    removed = tasks.index(next(t for t in tasks if t.startswith("2. Tăng cường công tác kiểm tra")))
    assert rejected[removed - 1:removed + 1] == tasks[removed - 1:removed + 1]  # back in its place


def test_removed_table_row_is_listed_and_shown_deleted_in_place(capsys, tmp_path, sample_docx):
    rows = [_HEADER, ["Công chức", "75", "+2"], ["Viên chức", "658", "-1"], ["Hợp đồng", "12", "0"]]
    _with_table(Document(sample_docx), rows).save(tmp_path / "cu.docx")
    _with_table(Document(sample_docx), rows[:2] + rows[3:]).save(tmp_path / "moi.docx")
    out = tmp_path / "thay-doi.docx"
    code, lines, _ = _run_diff(capsys, tmp_path / "cu.docx", tmp_path / "moi.docx", "--docx", out)
    assert lines[:2] == ["II.3, bảng 1, hàng «Viên chức» (hàng bị bỏ): Viên chức | 658 | -1", "1 chỗ thay đổi."]
    root = _document_xml(out)
    assert _texts(_resolve(root, keep="ins")) == _texts(_document_xml(tmp_path / "moi.docx"))
    assert _texts(_resolve(root, keep="del")) == _texts(_document_xml(tmp_path / "cu.docx"))  # back between its neighbours
    convert(out, tmp_path, "odt")  # LibreOffice opens a document with a deleted row


def test_footnotes_are_compared_and_tracked(capsys, tmp_path):
    def edit(data):
        chi_dao = data["bao_cao"]["chi_dao"]
        chi_dao["ke_hoach"] = (chi_dao["ke_hoach"]
                               .replace("^[[@qd-203].]", "^[[@qd-203], đã thực hiện xong.]")
                               .replace("tuyên truyền CCHC,", "tuyên truyền CCHC^[Kế hoạch số 99/KH-UBND.],"))
    old, new = write_variant(tmp_path, lambda data: None, "cu.yaml"), write_variant(tmp_path, edit, "moi.yaml")
    out = tmp_path / "thay-doi.docx"
    code, lines, _ = _run_diff(capsys, old, new, "--docx", out)
    assert lines[:3] == [
        "chú thích 1, ở I.2, đoạn 1: …An Lão[+ , đã thực hiện xong].",
        "chú thích 2, ở I.2, đoạn 1 (chú thích mới): Kế hoạch số 99/KH-UBND.",
        "2 chỗ thay đổi.",  # the later footnotes are renumbered, not reported
    ]
    notes = part_xml(out, "word/footnotes.xml")
    assert _texts(_resolve(notes, keep="ins")) == _texts(part_xml(build(new, tmp_path / "moi"), "word/footnotes.xml"))
    reference = _document_xml(out).find(f".//{W}ins/{W}r/{W}footnoteReference")
    assert reference is not None  # the new footnote's mark in the text is an insertion too
    convert(out, tmp_path, "odt")


# --- mistakes --------------------------------------------------------------------------------

def test_missing_or_broken_input_is_a_located_vietnamese_error(capsys, tmp_path):
    broken = tmp_path / "hong.yaml"
    broken.write_text("bao_cao:\n  so: [\n", encoding="utf-8")
    code, lines, err = _run_diff(capsys, SAMPLE, broken)
    assert code == 2 and lines == []
    assert err.startswith(f"{broken}:3:1: lỗi: tệp YAML sai cú pháp")
    code, _, err = _run_diff(capsys, tmp_path / "khong-co.docx", SAMPLE)
    assert code == 2 and "không tìm thấy tệp Word" in err and "Traceback" not in err
    fake = tmp_path / "gia.docx"
    fake.write_text("không phải Word", encoding="utf-8")
    code, _, err = _run_diff(capsys, fake, SAMPLE)
    assert code == 2 and f"{fake}: lỗi: tệp không phải tệp Word .docx hợp lệ" in err


def test_diff_never_writes_over_its_inputs(capsys, tmp_path):
    old, new = tmp_path / "cu.yaml", tmp_path / "moi.yaml"
    for path in (old, new):
        path.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    before = new.read_bytes()
    for dest in (new, tmp_path / "thay-doi.pdf"):
        assert cli.main(["diff", str(old), str(new), "--docx", str(dest)]) == 2
        assert "--docx" in capsys.readouterr().err
    assert new.read_bytes() == before and not (tmp_path / "thay-doi.pdf").exists()


def test_documents_only_on_one_side_are_named(capsys, tmp_path):
    import yaml
    tb = yaml.safe_load((REPO / "data" / "tuy-phuoc-2022-tb39.yaml").read_text(encoding="utf-8"))
    notice = tb["thong_bao"][0]  # dated after every document the report cites
    notice = dict(notice, ngay="2023-07-10", hoi_nghi=dict(notice["hoi_nghi"], ngay="2023-07-05"))
    one = write_variant(tmp_path, lambda d: d.update(thong_bao=[notice], van_ban={**tb["van_ban"], **d["van_ban"]}),
                        name="mot.yaml")
    two = write_variant(tmp_path, lambda d: d.update(thong_bao=[notice, dict(notice, so=40)],
                                                     van_ban={**tb["van_ban"], **d["van_ban"]}), name="hai.yaml")
    capsys.readouterr()
    assert cli.main(["diff", str(one), str(two)]) == 0
    out = capsys.readouterr().out
    assert out.count("== ") == 3 and "== TB-hai-2.docx\n(văn bản mới, chỉ có ở bản MỚI)" in out
    assert out.count("Không có thay đổi nào.") == 2


def test_a_rewritten_paragraph_is_shown_replaced_whole(tmp_path):
    """Few words in common: one replacement, in the terminal and in the tracked .docx (accepting it gives
    the new text, rejecting it the old), not a soup of word pieces."""
    from generator.compare.changes import words_changed

    old = "Tiến hành xây dựng kế hoạch và kiểm tra tại một số cơ quan."
    new = "Một nhiệm vụ mới hoàn toàn khác về chuyển đổi số năm sau."
    pieces, summary = words_changed(old, new)
    assert pieces == [("replace", 0, len(old), 0, len(new))]
    assert summary.startswith("[Tiến hành") and " → Một nhiệm vụ" in summary
    pieces, summary = words_changed("giải quyết 9.737 hồ sơ", "giải quyết 9.744 hồ sơ")
    assert summary == "giải quyết [9.737 → 9.744] hồ sơ" and len(pieces) == 1
