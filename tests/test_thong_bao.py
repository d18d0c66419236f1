"""The TB-UBND conclusion notice of seed 003 (thong_bao), opened and inspected as a .docx, and a
data file declaring several documents."""

from __future__ import annotations

import difflib
import re

import pytest
import yaml
from docx import Document

from conftest import REPO, SAMPLE, W, body_paragraphs, build_all, convert, normalise, require_seeds, texts
from test_seed_text import seed_words

TB_DATA = REPO / "data" / "tuy-phuoc-2022-tb39.yaml"


@pytest.fixture(scope="module")
def tb_docx(tmp_path_factory):
    paths = build_all(TB_DATA, tmp_path_factory.mktemp("tb"))
    assert [p.name for p in paths] == ["TB-tuy-phuoc-2022-tb39.docx"]
    return paths[0]


@pytest.fixture(scope="module")
def tb_doc(tb_docx):
    return Document(tb_docx)


def variant(tmp_path, edit, source=TB_DATA, name="tb-bien-the.yaml"):
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


LABEL = re.compile(r"^(\d+(?:\.\d+)*)(\.|-| -) ")


def labels(doc) -> list[str]:
    return [m.group(0).strip() for t in texts(doc) if (m := LABEL.match(t))]


# --- header, title, opening ---------------------------------------------------------------------

def test_header_block_number_date_and_title(tb_doc):
    header = tb_doc.tables[0]
    left = [normalise(p.text) for p in header.rows[0].cells[0].paragraphs if p.text.strip()]
    assert left == ["ỦY BAN NHÂN DÂN", "HUYỆN TUY PHƯỚC"]
    assert normalise(header.rows[1].cells[0].text) == "Số: 39/TB-UBND"
    date = header.rows[1].cells[1].paragraphs[0]
    assert normalise(date.text) == "Tuy Phước, ngày 23 tháng 3 năm 2022"
    assert all(r.italic for r in date.runs if r.text.strip())
    t = texts(tb_doc)
    k = t.index("THÔNG BÁO")
    assert t[k + 1] == ("Ý kiến kết luận của đồng chí Huỳnh Nam - Chủ tịch UBND huyện tại Hội nghị tổng kết công tác "
                        "cải cách hành chính năm 2021 và triển khai phương hướng, nhiệm vụ năm 2022")


def test_opening_joins_participants_as_the_seed_does(tb_doc):
    opening = next(t for t in texts(tb_doc) if t.startswith("Ngày 18/3/2022"))
    assert opening.startswith("Ngày 18/3/2022, đồng chí Huỳnh Nam – Chủ tịch UBND huyện đã chủ trì Hội nghị tổng kết "
                              "công tác cải cách hành chính năm 2021 và triển khai nhiệm vụ năm 2022. Tham dự Hội nghị có "
                              "đồng chí Nguyễn Hùng Tân – Phó Chủ tịch UBND huyện, lãnh đạo các phòng")
    assert "(gọi tắt là Bộ phận Một cửa) gồm: Tài nguyên và Môi trường, Nội vụ," in opening
    assert opening.endswith("Bưu điện khu vực Tuy Phước – Vân Canh; đơn vị VNPT tỉnh Bình Định và Chủ tịch UBND, "
                            "công chức Văn phòng – Thống kê 13 xã, thị trấn.")


# --- directives -----------------------------------------------------------------------------------

def test_directives_are_numbered_in_the_seed_style(tb_doc):
    got = labels(tb_doc)
    assert got[:3] == ["1.", "1.1-", "1.2-"]
    assert got[got.index("1.12-") + 1:got.index("1.12-") + 4] == ["1.12.1 -", "1.12.2 -", "1.12.3 -"]
    group2 = got[got.index("2."):got.index("3.")]
    assert group2 == ["2.", "2.1-", "2.2-", "2.3-", "2.4-", "2.5-"]  # the seed's second 2.4 is 2.5
    assert [x for x in got if re.fullmatch(r"\d\.", x)] == ["1.", "2.", "3.", "4.", "5.", "6."]
    assert "6. Đề nghị VNPT Bình Định: Thường xuyên theo dõi" in " ".join(texts(tb_doc))


def test_addressee_group_heading_is_bold_and_its_text_is_not(tb_doc):
    p = next(p for p in body_paragraphs(tb_doc) if p.text.startswith("6. Đề nghị VNPT"))
    assert [r.bold for r in p.runs if r.text.strip()][:2] == [True, True]  # "6. " and the addressee
    assert not p.runs[-1].bold


def test_inserting_a_directive_renumbers_the_following_ones(tmp_path):
    def insert(data):
        data["thong_bao"][0]["chi_dao"][0]["nhiem_vu"].insert(1, {"noi_dung": "Nhiệm vụ chèn thêm để kiểm thử."})
    doc = Document(build_all(variant(tmp_path, insert), tmp_path / "ra")[0])
    t = texts(doc)
    assert "1.2- Nhiệm vụ chèn thêm để kiểm thử." in t
    assert any(x.startswith("1.3- Tập trung rà soát, tham mưu Chủ tịch UBND huyện") for x in t)
    assert any(x.startswith("1.13- Đối với các phòng, ban") for x in t)
    assert any(x.startswith("1.13.1 - Thực hiện nghiêm túc") for x in t)
    assert any(x.startswith("2.1- Phối hợp với các cơ quan có liên quan") for x in t)  # the next group restarts


def test_numbering_styles_lose_their_word_list_in_the_output(tb_docx):
    """The template's list definition gives the format; left on the styles, Word would number twice."""
    def linked(docx) -> dict[str, bool]:
        return {name: Document(docx).styles[name].element.find(f"{W}pPr/{W}numPr") is not None
                for name in ("Muc cap 1", "Muc cap 2", "Muc cap 3")}
    assert linked(REPO / "templates" / "thong-bao-ket-luan.docx") == dict.fromkeys(linked(tb_docx), True)
    assert linked(tb_docx) == dict.fromkeys(linked(tb_docx), False)


# --- closing, Nơi nhận, signature ---------------------------------------------------------------

def test_closing_formula_from_the_issuer(tb_doc):
    assert ("Thừa lệnh Chủ tịch UBND huyện, Văn phòng HĐND và UBND huyện xin thông báo để các cơ quan, đơn vị và "
            "địa phương biết, triển khai thực hiện./.") in texts(tb_doc)


def test_noi_nhan_items_and_their_remark(tb_doc):
    cell = tb_doc.tables[-1].rows[0].cells[0]
    items = [normalise(p.text) for p in cell.paragraphs if p.text.strip()]
    assert items[0] == "Nơi nhận:"
    assert items[1] == "- TT. HU; TT. HĐND huyện; (thay báo cáo)"
    assert items[-1] == "- Lưu: VT. CVVP (K1-K8)."
    assert all(item.endswith(";") for item in items[2:-1])
    first = next(p for p in cell.paragraphs if "thay báo cáo" in p.text)
    italic = "".join(r.text for r in first.runs if r.italic)
    assert italic == "thay báo cáo"  # the remark in italics, its brackets upright


def test_signature_block(tb_doc):
    cell = tb_doc.tables[-1].rows[0].cells[1]
    assert [normalise(p.text) for p in cell.paragraphs if p.text.strip()] == [
        "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Tô Minh Chánh"]


# --- seed text, LibreOffice ---------------------------------------------------------------------

# The seed's own slips, corrected by derivation: its second "2.4" is 2.5, one Nơi nhận item lacks
# its ";" and the last ends with ";" instead of "."; "39 /TB-UBND" is a transcription space.
SEED_003_FIXES = (("39 /TB-UBND", "39/TB-UBND"), ("2.4- Chủ trì, phối hợp", "2.5- Chủ trì, phối hợp"),
                  ("Vân Canh\n- UBND các xã", "Vân Canh;\n- UBND các xã"), ("(K1-K8);", "(K1-K8)."))


def same_label_spacing(words: list[str]) -> list[str]:
    """The seed types "1.1-", "1.2 -", "1.9 –" alike; compare labels as "1.1-" on both sides (the exact
    labels are asserted in test_directives_are_numbered_in_the_seed_style)."""
    text = re.sub(r"(?<!\S)(\d+(?:\.\d+)+) ?[-–] ", r"\1- ", " ".join(words))
    return text.split(" ")


def test_body_text_matches_seed_003(tb_doc):
    seed = (require_seeds() / "003_cbc5646e50cf2488.txt").read_text(encoding="utf-8")
    for slip, fixed in SEED_003_FIXES:
        assert slip in seed
        seed = seed.replace(slip, fixed)
    text = normalise(" ".join(p.text for p in body_paragraphs(tb_doc)))
    got = same_label_spacing(text[text.index("Số:"):].split(" "))
    expected = same_label_spacing(seed_words(seed, []))
    if got != expected:
        diff = "\n".join(list(difflib.unified_diff(expected, got, "seed", "generated", n=6, lineterm=""))[:80])
        raise AssertionError(f"body text differs from seed 003:\n{diff}")


def test_libreoffice_converts_the_notice(tb_docx, tmp_path):
    from pypdf import PdfReader

    pdf = convert(tb_docx, tmp_path, "pdf")
    pages = PdfReader(pdf).pages
    assert 5 <= len(pages) <= 9
    assert "1.12.1 -" in "".join(page.extract_text() for page in pages)


# --- several documents in one data file -----------------------------------------------------------

def test_one_data_file_declares_a_report_and_a_notice(tmp_path):
    tb_data = yaml.safe_load(TB_DATA.read_text(encoding="utf-8"))
    notice = tb_data["thong_bao"][0]
    notice["nguoi_ky"] = {"tham_quyen": ["TL. CHỦ TỊCH"], "chuc_vu": "CHÁNH VĂN PHÒNG", "ho_ten": "Tô Minh Chánh"}
    notice["ngay"], notice["hoi_nghi"]["ngay"] = "2023-07-10", "2023-07-05"  # after what the report cites
    def both(d):  # one registry shared by both documents: the notice's entries join the report's
        d.update(thong_bao=[notice, dict(notice, so=40)], van_ban={**tb_data["van_ban"], **d["van_ban"]})
    data = variant(tmp_path, both, SAMPLE, "ca-hai.yaml")
    paths = build_all(data, tmp_path / "ra")
    assert [p.name for p in paths] == ["BC-ca-hai.docx", "TB-ca-hai-1.docx", "TB-ca-hai-2.docx"]
    report, first, second = (Document(p) for p in paths)
    assert "Đình Văn Phú" in texts(report)  # the file's signer
    assert "Tô Minh Chánh" in texts(first)  # the notice's own signer
    assert normalise(second.tables[0].rows[1].cells[0].text) == "Số: 40/TB-UBND"
    assert texts(first)[0] == "ỦY BAN NHÂN DÂN" and "HUYỆN AN LÃO" in texts(first)  # the shared issuer


def test_a_failing_document_writes_none_of_the_file(tmp_path):
    from generator.errors import UserError

    def edit(d):
        d["thong_bao"] = yaml.safe_load(TB_DATA.read_text(encoding="utf-8"))["thong_bao"]
        d["thong_bao"][0]["mau"] = "khong-co.docx"
    data = variant(tmp_path, edit, SAMPLE, "hong.yaml")
    with pytest.raises(UserError):
        build_all(data, tmp_path / "ra")
    assert not (tmp_path / "ra").exists()


def test_a_file_declaring_no_document_is_refused(tmp_path, capsys):
    from generator.commands.cli import main

    data = variant(tmp_path, lambda d: d.pop("bao_cao"), SAMPLE, "rong.yaml")
    assert main(["build", str(data), "-o", str(tmp_path / "ra")]) == 2
    err = capsys.readouterr().err
    assert "chưa khai báo văn bản nào" in err and "Traceback" not in err


def test_build_command_writes_the_notice(tmp_path, capsys):
    from generator.commands.cli import main

    assert main(["build", str(TB_DATA), "-o", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "TB-tuy-phuoc-2022-tb39.docx")


def test_the_template_decides_the_label_format(tmp_path):
    """Change the Word list of the template (level 2: "%1.%2-" → "%1.%2)") and the labels follow."""
    import zipfile

    source = REPO / "templates" / "thong-bao-ket-luan.docx"
    template = tmp_path / "mau-rieng.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/numbering.xml":
                assert b'w:val="%1.%2-"' in data
                data = data.replace(b'w:val="%1.%2-"', b'w:val="%1.%2)"')
            zout.writestr(item, data)
    data = variant(tmp_path, lambda d: d["thong_bao"][0].update(mau=template.name))
    t = texts(Document(build_all(data, tmp_path / "ra")[0]))
    assert any(x.startswith("1.1) Tăng cường hơn nữa") for x in t)
    assert any(x.startswith("2.5) Chủ trì, phối hợp") for x in t)
    assert not any(re.match(r"\d+\.\d+- ", x) for x in t)
    assert "1.12.1 -" in labels(Document(build_all(data, tmp_path / "ra2")[0]))  # the other levels unchanged


@pytest.mark.parametrize("template, data", [("thong-bao-ket-luan.docx", TB_DATA),
                                            ("bao-cao-dang.docx", REPO / "data" / "tay-son-2023-so-ket.yaml")])
def test_template_check_passes_on_the_new_templates(template, data, capsys):
    from generator.commands.cli import main

    assert main(["template", "check", str(REPO / "templates" / template)]) == 0
    assert main(["template", "check", str(REPO / "templates" / template), "--data", str(data)]) == 0
    assert "không thấy lỗi nào" in capsys.readouterr().out


def test_template_vars_lists_the_notice_and_party_report(capsys):
    from generator.commands.cli import main

    assert main(["template", "vars", "--data", str(TB_DATA)]) == 0
    out = capsys.readouterr().out
    assert "tb.hoi_nghi.thanh_phan" in out and "bcd.khoi[].loai" in out
    assert "ví dụ: 39/TB-UBND" in out


@pytest.mark.parametrize("edit, expected", [
    (lambda tb: tb["noi_nhan"].__setitem__(0, {"ten": "TT. HU"}),
     "thiếu khóa bắt buộc 'ghi_chu' trong mục 'thong_bao[1].noi_nhan[1]'"),
    (lambda tb: tb["hoi_nghi"]["tham_du"][1].__setitem__("gomm", tb["hoi_nghi"]["tham_du"][1].pop("gom")),
     "khóa lạ 'gomm' trong mục 'thong_bao[1].hoi_nghi.tham_du[2]'"),
    (lambda tb: tb["chi_dao"][0]["nhiem_vu"][0].__setitem__("noi_dung", ""), "'thong_bao[1].chi_dao[1].nhiem_vu[1].noi_dung': mục này đang trống"),
])
def test_a_mistake_in_the_notice_is_reported_once_at_its_place(tmp_path, capsys, edit, expected):
    """A list taking text or a group (noi_nhan, tham_du) reports the group's own mistake, not "not text"."""
    from generator.commands.cli import main

    data = variant(tmp_path, lambda d: edit(d["thong_bao"][0]))
    assert main(["build", str(data), "-o", str(tmp_path / "ra")]) == 2
    err = capsys.readouterr().err
    mistakes = [line for line in err.splitlines() if ": lỗi: " in line]
    assert len(mistakes) == 1 and expected in mistakes[0], err
    assert re.match(rf"{re.escape(str(data))}:\d+:\d+: lỗi: ", mistakes[0])
    assert "cần văn bản" not in err and "Traceback" not in err and not (tmp_path / "ra").exists()


def test_the_checks_cover_the_notice(tmp_path, capsys):
    """baocao's checks read every document of the file: a cited decree without its year, in a
    directive of the notice, stops the build at its line."""
    from generator.commands.cli import main

    text = TB_DATA.read_text(encoding="utf-8")
    directive = "Phối hợp với các cơ quan có liên quan tham mưu cho UBND huyện kế hoạch chi tiết"
    assert text.count(directive) == 1
    data = tmp_path / "tb-trich-dan.yaml"
    data.write_text(text.replace(directive, "Theo Nghị định số 61/NĐ-CP ngày 23/4/2018, p" + directive[1:]), encoding="utf-8")
    assert main(["build", str(data), "-o", str(tmp_path / "ra")]) == 2
    err = capsys.readouterr().err
    assert re.search(rf"{re.escape(str(data))}:\d+:\d+: lỗi: «Nghị định số 61/NĐ-CP", err), err
    assert not (tmp_path / "ra").exists()


def test_a_blocked_document_place_writes_none_of_the_file(tmp_path, capsys):
    """Two documents from one file; the second's place is taken by a folder: nothing is written, the
    first document included, and the message says so."""
    from generator.commands.cli import main

    tb_data = yaml.safe_load(TB_DATA.read_text(encoding="utf-8"))
    notice = tb_data["thong_bao"][0]
    notice = dict(notice, ngay="2023-07-10", hoi_nghi=dict(notice["hoi_nghi"], ngay="2023-07-05"))
    data = variant(tmp_path, lambda d: d.update(thong_bao=[notice], van_ban={**tb_data["van_ban"], **d["van_ban"]}),
                   SAMPLE, "ca-hai.yaml")
    out = tmp_path / "ra"
    assert main(["build", str(data), "-o", str(out)]) == 0
    report = (out / "BC-ca-hai.docx").read_bytes()
    (out / "TB-ca-hai.docx").unlink()
    (out / "TB-ca-hai.docx").mkdir()
    data.write_text(data.read_text(encoding="utf-8").replace("Đình Văn Phú", "Đinh Văn Phú"), encoding="utf-8")
    capsys.readouterr()
    assert main(["build", str(data), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "TB-ca-hai.docx: lỗi: không ghi được văn bản: đã có một thư mục trùng tên với văn bản." in err
    assert (out / "BC-ca-hai.docx").read_bytes() == report and not (out / ".truoc" / "BC-ca-hai.1.docx").exists()


def test_a_notice_dated_before_its_meeting(tmp_path, capsys):
    from generator.commands.cli import main

    data = variant(tmp_path, lambda d: d["thong_bao"][0].update(ngay="2022-03-17"))
    assert main(["check", str(data)]) == 2
    assert "lỗi: thông báo ký ngày 17/3/2022, trước ngày hội nghị 18/3/2022 mà nó kết luận" in capsys.readouterr().out


def test_each_document_bounds_the_dates_of_what_it_cites(tmp_path, capsys):
    """A 2022 notice beside a 2023 report in one file: each cited document is compared with the date of
    the document that cites it, so the report's 2023 citations are no error for the 2022 notice."""
    from generator.commands.cli import main

    tb_data = yaml.safe_load(TB_DATA.read_text(encoding="utf-8"))
    notice = tb_data["thong_bao"][0]  # dated 23/3/2022, as the seed
    data = variant(tmp_path, lambda d: d.update(thong_bao=[notice], van_ban={**tb_data["van_ban"], **d["van_ban"]}),
                   SAMPLE, "ca-hai.yaml")
    assert main(["check", str(data)]) == 0, capsys.readouterr().out
    capsys.readouterr()
    late = dict(notice, danh_gia=notice["danh_gia"] + " Xem [@qd-6134].")  # a 29/12/2022 decision in a 23/3/2022 notice
    data = variant(tmp_path, lambda d: d.update(thong_bao=[late], van_ban={**tb_data["van_ban"], **d["van_ban"]}),
                   SAMPLE, "muon.yaml")
    assert main(["check", str(data)]) == 2
    assert "ngày ký 29/12/2022 sau ngày báo cáo 23/3/2022" in capsys.readouterr().out
