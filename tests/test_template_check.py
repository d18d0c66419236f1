"""`baocao template check` / `template vars` on templates broken the way Word breaks them."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docxtpl_lint.messages import RULES

from conftest import SAMPLE, body_paragraphs, convert, normalise
from generator.kinds.report import TEMPLATE as REPORT_TEMPLATE
from generator.commands.cli import main
from generator.lint.check import check
from generator.lint.messages import MESSAGES_VI
from generator.lint.variables import variables
from generator.plan import prepare

W_RUN = '<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def broken(tmp_path: Path, *edits, name: str = "mau.docx") -> Path:
    """The shipped template with its document.xml edited: each edit is (old, new), old there exactly
    once, or a function of the XML text."""
    dest = tmp_path / name
    with zipfile.ZipFile(REPORT_TEMPLATE) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                for edit in edits:
                    if callable(edit):
                        xml = edit(xml)
                        continue
                    old, new = edit
                    assert xml.count(old) == 1, old
                    xml = xml.replace(old, new)
                data = xml.encode("utf-8")
            out.writestr(info, data)
    return dest


def split_into_runs(tag_run_text: str, *pieces: str) -> tuple[str, str]:
    """Word's way: one tag's text spread over runs with their own formatting (a spell-check or bold toggle)."""
    old = f'<w:t>{tag_run_text}</w:t></w:r>'
    props = ["<w:b/>", "<w:i/>", "<w:lang w:val=\"vi-VN\"/>"]
    runs = "".join(W_RUN.format(props=props[k % 3], text=p) for k, p in enumerate(pieces[1:]))
    return old, f'<w:t xml:space="preserve">{pieces[0]}</w:t></w:r>{runs}'


def data_using(tmp_path: Path, template: Path, name: str = "d.yaml") -> Path:
    """The sample data, told to use `template` (mau: is relative to the data file)."""
    data = tmp_path / name
    data.write_text(SAMPLE.read_text(encoding="utf-8").replace(
        "  ky_hieu: BC-UBND\n", f"  ky_hieu: BC-UBND\n  mau: {template.relative_to(tmp_path)}\n"), encoding="utf-8")
    return data


def run(capsys, *argv) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().out


def findings(out: str) -> list[str]:
    return [line for line in out.splitlines() if ": lỗi: " in line]


def test_shipped_template_has_no_finding(capsys):
    code, out = run(capsys, "template", "check", REPORT_TEMPLATE, "--data", SAMPLE)
    assert code == 0 and "không thấy lỗi nào" in out


def test_misspelt_variable_split_across_runs_is_located_with_a_suggestion(tmp_path, capsys):
    template = broken(tmp_path, split_into_runs("{{ nk.ho_ten }}", "{{ nk.", "ho_", "tenn }}"))
    code, out = run(capsys, "template", "check", template)
    assert code == 2
    (line,) = findings(out)
    assert "[thân văn bản, đoạn 139, bảng 2 hàng 1 ô 2, «{{ nk.ho_tenn }}»]" in line and "nk.ho_tenn" in line
    template = broken(tmp_path, ("{{ hs.tiep_nhan|so }}", "{{ hs.tiep_nhan|sô }}"), name="loc.docx")
    (line,) = findings(run(capsys, "template", "check", template)[1])
    assert "«…}} đã tiếp nhận và giải quyết {{ hs.tiep_nhan|sô }} hồ sơ (trong đó, giải quyết đúng…»" in line  # words around
    assert "có phải ý bạn là 'nk.ho_ten'?" in out


def test_curly_quotes_and_split_runs_still_render(tmp_path, capsys):
    template = broken(tmp_path, split_into_runs(
        "Kính gửi: {{ bc.kinh_gui[0] }}.", "Kính gửi: {{ bc.kinh_gui", "|join(“, ”)", " }}."))
    code, out = run(capsys, "template", "check", template, "--data", SAMPLE)
    assert code == 0, out
    data = data_using(tmp_path, template)
    assert run(capsys, "build", data, "-o", tmp_path / "out")[0] == 0
    texts = [normalise(p.text) for p in body_paragraphs(Document(tmp_path / "out" / "BC-d.docx"))]
    assert "Kính gửi: Sở Nội vụ tỉnh Bình Định." in texts


def delete_first_endfor(xml: str) -> str:
    at = xml.index("{%p endfor %}")
    return xml[:at] + xml[at + len("{%p endfor %}"):]


def test_word_damaged_template_all_mistakes_in_one_run(tmp_path, capsys):
    template = broken(
        tmp_path,
        delete_first_endfor,  # the end of the issuing body's header lines
        ("{{ hs.tiep_nhan|so }}", "{{ hs.tiep_nhan|sô }}"),  # unknown filter
        ("{{ bc.mo_dau|doan }}", "{{ bc.mo_dauu|doan }}"),  # unknown variable
        split_into_runs("{{ nk.chuc_vu }}", "{{ nk.", "chuc_vuu", " }}"),  # unknown variable, split by Word
        split_into_runs("Kính gửi: {{ bc.kinh_gui[0] }}.", "Kính gửi: {{ bc.kinh_gui", "|join(“, ”)", " }}."),  # fine
    )
    code, out = run(capsys, "template", "check", template)
    assert code == 2
    lines = findings(out)
    expected = [("đoạn 4, bảng 1 hàng 1 ô 1", "{%p endfor %}"), ("đoạn 30,", "bc.mo_dauu"),
                ("đoạn 68,", "bộ lọc `sô`"), ("đoạn 134, bảng 2 hàng 1 ô 2", "nk.chuc_vuu")]
    assert len(lines) == len(expected), out
    for (place, words), line in zip(expected, lines):
        assert place in line and words in line, line
    assert out.rstrip().endswith("4 lỗi, 0 cảnh báo.")


@pytest.mark.parametrize("damaged, words", [("{{ bc.gui_ngan }", "`{{` không có `}}`"),
                                            ("{{ bc.gui_ngan ) }}", "mẫu sai cú pháp: dấu không đúng chỗ")])
def test_syntax_mistake_is_located_in_vietnamese(tmp_path, capsys, damaged, words):
    template = broken(tmp_path, ("{{ bc.gui_ngan }}", damaged))
    code, out = run(capsys, "template", "check", template)
    (line,) = findings(out)
    assert code == 2 and "đoạn 124," in line and words in line


def test_filter_refusing_a_value_shows_with_data(tmp_path, capsys):
    template = broken(tmp_path, ("{{ nk.chuc_vu }}", "{{ nk.chuc_vu|so }}"))
    assert run(capsys, "template", "check", template)[0] == 0  # statically fine
    code, out = run(capsys, "template", "check", template, "--data", SAMPLE)
    assert code == 2 and "bộ lọc với giá trị không phù hợp" in out


def test_template_cannot_reach_python_internals(tmp_path, capsys):
    template = broken(tmp_path, ("{{ nk.chuc_vu }}", "{{ nk.__class__.__mro__ }}"))
    code, out = run(capsys, "template", "check", template, "--data", SAMPLE)
    assert code == 2 and "nk.__class__" in out  # not data: refused before anything runs
    template = broken(tmp_path, ("{{ nk.chuc_vu }}", "{{ (nk|list).__class__ }}"), name="mau-2.docx")
    code, out = run(capsys, "template", "check", template, "--data", SAMPLE)
    assert code == 2 and "không được phép" in out  # the sandbox refuses it when rendered


def test_not_a_docx_and_missing_file(tmp_path, capsys):
    fake = tmp_path / "gia.docx"
    fake.write_text("không phải Word", encoding="utf-8")
    assert main(["template", "check", str(fake)]) == 2
    assert main(["template", "check", str(tmp_path / "khong-co.docx")]) == 2
    err = capsys.readouterr().err
    assert "không phải tệp Word .docx" in err and "không tìm thấy tệp mẫu" in err


def test_every_linter_rule_speaks_vietnamese():
    assert set(MESSAGES_VI) == set(RULES)
    for rule_id, rule in RULES.items():
        wanted = set(re.findall(r"(?<!\{)\{(\w+)\}(?!\})", rule.en))
        assert set(re.findall(r"(?<!\{)\{(\w+)\}(?!\})", MESSAGES_VI[rule_id])) <= wanted, rule_id


def test_vars_lists_what_the_shipped_template_uses_with_examples(capsys):
    rows = {name: (description, example) for name, description, example in variables(prepare(SAMPLE))}
    used = ["cq.dong_tieu_de", "bc.so_ky_hieu", "bc.dong_ngay", "bc.ket_qua.tthc.ho_so.tiep_nhan",
            "bc.ket_qua.tthc.ho_so.ty_le_dung_han", "bc.ket_qua.tai_chinh.von_dau_tu.ty_le_giai_ngan",
            "bc.chi_dao.muc_them[].tieu_de", "nk.ho_ten"]
    assert set(used) <= set(rows)
    assert rows["bc.ket_qua.tthc.ho_so.tiep_nhan"][1] == "9737"
    assert rows["bc.ket_qua.tthc.ho_so.ty_le_dung_han"][1] == "99.93"
    assert "tự động" in rows["bc.ket_qua.tthc.ho_so.ty_le_dung_han"][0]
    code, out = run(capsys, "template", "vars")
    assert code == 0 and "bc.ket_qua.tthc.ho_so.tiep_nhan" in out and "phan_tram" in out


def test_template_saved_by_libreoffice_still_checks_and_renders_the_same(tmp_path, capsys):
    template = convert(REPORT_TEMPLATE, tmp_path / "lo", "docx:MS Word 2007 XML")
    assert zipfile.ZipFile(template).read("word/document.xml") != zipfile.ZipFile(REPORT_TEMPLATE).read("word/document.xml")
    code, out = run(capsys, "template", "check", template, "--data", SAMPLE)
    assert code == 0, out
    data = data_using(tmp_path, template)
    assert run(capsys, "build", data, "-o", tmp_path / "a")[0] == 0
    assert run(capsys, "build", SAMPLE, "-o", tmp_path / "b")[0] == 0
    texts = [[normalise(p.text) for p in body_paragraphs(Document(path)) if p.text.strip()]
             for path in (tmp_path / "a" / "BC-d.docx", tmp_path / "b" / f"BC-{SAMPLE.stem}.docx")]
    assert texts[0] == texts[1] and len(texts[0]) > 80


def test_a_unit_keeps_its_own_template_and_the_shipped_one_stays_the_default(tmp_path, capsys):
    own = broken(tmp_path, ("Kính gửi: {{ bc.kinh_gui[0] }}.", "Kính trình: {{ bc.kinh_gui[0] }}."), name="mau-rieng.docx")
    data = data_using(tmp_path, own, "don-vi.yaml")
    assert run(capsys, "build", data, "-o", tmp_path / "rieng")[0] == 0
    assert run(capsys, "build", SAMPLE, "-o", tmp_path / "chung")[0] == 0
    own_texts = [normalise(p.text) for p in body_paragraphs(Document(tmp_path / "rieng" / "BC-don-vi.docx"))]
    shipped = [normalise(p.text) for p in body_paragraphs(Document(tmp_path / "chung" / f"BC-{SAMPLE.stem}.docx"))]
    assert "Kính trình: Sở Nội vụ tỉnh Bình Định." in own_texts and "Kính gửi: Sở Nội vụ tỉnh Bình Định." in shipped


# --- found in review ------------------------------------------------------------------------------

def test_misspelt_names_behind_set_shortcuts_are_found(tmp_path, capsys):
    template = broken(tmp_path, ("{{ hs.tiep_nhan|so }}", "{{ hs.tiep_nhann|so }}"),
                      ("{{ tthc.ra_soat|doan }}", "{{ tthc.ra_soatt|doan }}"))
    code, out = run(capsys, "template", "check", template)
    lines = findings(out)
    assert code == 2 and len(lines) == 2
    assert "đoạn 60," in lines[0] and "`tthc.ra_soatt`" in lines[0] and "tên ngắn của bc.ket_qua.tthc" in lines[0]
    assert "đoạn 68," in lines[1] and "`hs.tiep_nhann`" in lines[1]
    assert "có phải ý bạn là 'tthc.ra_soat'?" in out and "có phải ý bạn là 'hs.tiep_nhan'?" in out


def test_loop_variable_named_as_written(tmp_path, capsys):
    template = broken(tmp_path, lambda xml: xml.replace("{{ nhiem_vu|cau }}", "{{ nhiem_vuu|cau }}", 1))
    code, out = run(capsys, "template", "check", template)
    (line,) = findings(out)
    assert code == 2 and "biến `nhiem_vuu` không có" in line and "đoạn 118," in line


def test_every_place_and_every_syntax_error_is_reported(tmp_path, capsys):
    template = broken(tmp_path, lambda xml: xml.replace("{{ bc.ky|ten_ky }}", "{{ bc.kyy|ten_ky }}"),
                      ("{{ bc.so_ky_hieu }}", "{{ bc.so_ky_hieu | }}"), ("{{ bc.dong_ngay }}", "{{ bc.dong_ngay + }}"))
    code, out = run(capsys, "template", "check", template)
    lines = findings(out)
    assert code == 2 and [re.search(r"đoạn (\d+),", l).group(1) for l in lines] == ["10", "11", "18", "124"]
    assert sum("cú pháp" in l for l in lines) == 2 and sum("`bc.kyy`" in l for l in lines) == 2


def test_no_english_in_parameters_of_messages(tmp_path, capsys):
    template = broken(tmp_path, ("{%p if bc.trich_yeu %}", "Trích yếu: {%p if bc.trich_yeu %}"))
    code, out = run(capsys, "template", "check", template)
    assert code == 2 and "thay cả đoạn bằng thẻ" in out and "paragraph" not in out


@pytest.mark.parametrize("damage", ["crc", "xml"])
def test_damaged_docx_is_refused_by_check_and_build(tmp_path, capsys, damage):
    if damage == "xml":
        template = broken(tmp_path, ("<w:t>{{ nk.ho_ten }}</w:t>", "<w:t>{{ nk.ho_ten }}</w:x>"))
    else:
        template = tmp_path / "mau.docx"
        with zipfile.ZipFile(REPORT_TEMPLATE) as a, zipfile.ZipFile(template, "w", zipfile.ZIP_STORED) as b:
            for info in a.infolist():
                b.writestr(info.filename, a.read(info.filename))
        raw = bytearray(template.read_bytes())
        raw[raw.find(b"{{ nk.ho_ten }}") + 3] ^= 1  # one flipped bit: the CRC no longer matches
        template.write_bytes(bytes(raw))
    assert main(["template", "check", str(template)]) == 2
    data = data_using(tmp_path, template)
    assert main(["build", str(data), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("không phải tệp Word .docx hợp lệ, hoặc đã bị hỏng") == 2 and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_error_found_only_with_data_is_located(tmp_path, capsys):
    template = broken(tmp_path, ("{{ nk.chuc_vu }}", "{{ bc.ngay|ngay_thang_nam }}"))  # the sample is a draft
    assert run(capsys, "template", "check", template)[0] == 0
    code, out = run(capsys, "template", "check", template, "--data", SAMPLE)
    (line,) = findings(out)
    assert code == 2 and "[thân văn bản, đoạn 134, bảng 2 hàng 1 ô 2, «{{ bc.ngay|ngay_thang_nam }}»]" in line


def test_filter_on_a_missing_name_reports_the_name(tmp_path, capsys):
    template = broken(tmp_path, ("{{ hs.tiep_nhan|so }}", "{{ hs.tiep_nhann|so }}"))
    code, out = run(capsys, "template", "check", template, "--data", SAMPLE)
    assert code == 2 and "tiep_nhann" in out and "Undefined" not in out


def test_vars_lists_groups_and_the_templates_short_names(capsys):
    code, out = run(capsys, "template", "vars")
    assert code == 0
    assert re.search(r"^  bc\.ket_qua\.tthc\n      Nội dung mục Cải cách thủ tục hành chính", out, re.M)
    assert "  hs = tthc.ho_so\n" in out and "  tthc = bc.ket_qua.tthc\n" in out
    assert re.search(r"^  muc mỗi mục của bc\.kinh_gui", out, re.M)


def test_page_header_is_named_by_its_role(tmp_path, capsys):
    template = tmp_path / "dau-trang.docx"
    with zipfile.ZipFile(REPORT_TEMPLATE) as a, zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as b:
        for info in a.infolist():
            data = a.read(info.filename)
            if b"<w:t>2</w:t>" in data:  # the page-number header, used from page 2 on
                data = data.replace(b"<w:t>2</w:t>", b"<w:t>{{ cq.tenn }}</w:t>")
            b.writestr(info, data)
    code, out = run(capsys, "template", "check", template)
    (line,) = findings(out)
    assert code == 2 and "[đầu trang các trang sau, đoạn 1, «PAGE {{ cq.tenn }}»]" in line


@pytest.mark.parametrize("template, data, key", [
    ("bao-cao-cchc.docx", "tay-son-2023-so-ket.yaml", "bao_cao"),
    ("bao-cao-dang.docx", "an-lao-2023-6thang.yaml", "bao_cao_dang"),
])
def test_a_template_checked_with_data_of_another_kind(capsys, template, data, key):
    from generator.commands.cli import main

    root = Path(__file__).resolve().parent.parent
    code = main(["template", "check", str(root / "templates" / template), "--data", str(root / "data" / data)])
    out = capsys.readouterr().out
    assert code == 2 and "Traceback" not in out
    assert f"{root / 'data' / data}: lỗi: tệp số liệu không có" in out and f"(khóa '{key}')" in out


def test_a_shortcut_used_before_its_set_is_wrong_there_only(tmp_path):
    """`hs` used in a sentence placed before `{%p set hs = … %}`: that sentence is the error, with a hint
    about where a shortcut may stand; the template's own later uses of `hs` are not flagged."""
    def before_set(xml: str) -> str:
        at = xml.index("{%p set hs = tthc.ho_so %}")
        start = xml.rindex("<w:p>", 0, at) if "<w:p>" in xml[:at] else xml.rindex("<w:p ", 0, at)
        sentence = '<w:p><w:r><w:t>Tiếp nhận {{ hs.tiep_nhan|so }} hồ sơ.</w:t></w:r></w:p>'
        return xml[:start] + sentence + xml[start:]
    template = broken(tmp_path, before_set)
    findings = check(template)
    assert [f.severity for f in findings] == ["lỗi"]
    assert "Tiếp nhận {{ hs.tiep_nhan|so }} hồ sơ." in str(findings[0].location)
    assert "tên ngắn «hs» dùng trước thẻ {%p set hs = … %}" in findings[0].message
    assert "chuyển câu vào sau thẻ set" in findings[0].hint
