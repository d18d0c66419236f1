"""Citations of the van_ban registry in the built .docx, and `baocao build` under the checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from conftest import SAMPLE, W, body_paragraphs, build, normalise, part_xml, write_variant
from generator.commands.check import findings_of
from generator.commands.cli import main
from generator.text import citations

NQ17_FULL = ("Nghị quyết số 17/NQ-HĐND ngày 21/12/2022 của Hội đồng nhân dân huyện "
             "về việc giao dự toán ngân sách và phân bổ chi ngân sách năm 2023")
CV126_TAIL = "ngày 08/02/2023 của UBND huyện về việc thực hiện nhiệm vụ nhằm khắc phục các hạn chế"


def texts(doc) -> list[str]:
    return [normalise(p.text) for p in body_paragraphs(doc)]


def footnotes(docx: Path) -> list[str]:
    notes = part_xml(docx, "word/footnotes.xml").findall(f"{W}footnote")[2:]  # 0 and 1: separators
    return [normalise("".join(t.text for t in n.iter(f"{W}t"))) for n in notes]


def test_sample_first_mention_full_later_short_and_footnote(sample_docx, sample_doc):
    body = " ".join(texts(sample_doc))
    # qd-203 is first cited in a footnote (full form), later in the body (short form)
    assert "Ngày 13/02/2023 UBND huyện ban hành Quyết định số 203/QĐ-UBND về Kế hoạch kiểm tra" in body
    assert any(n.startswith("Quyết định số 203/QĐ-UBND ngày 13/02/2023 về việc ban hành Kế hoạch kiểm tra")
               for n in footnotes(sample_docx))
    # [@qd-6134] then [@qd-6134 day_du]: the full form twice, as the seed writes it
    assert body.count("Quyết định số 6134/QĐ-UBND ngày 29/12/2022 về việc Ban hành kế hoạch") == 2
    assert "[@" not in body and not any("[@" in n or "@" in n for n in footnotes(sample_docx))


def test_first_later_forced_and_footnote_forms(tmp_path):
    def cite(data):
        data["bao_cao"]["mo_dau"] = ("Mở đầu [@nq-17] rồi [@nq-17], chú thích^[@cv-126] và "
                                     "[@cv-126 day_du khong_co_quan]; [@kh-55 ngan].")
    docx = build(write_variant(tmp_path, cite), tmp_path / "out")
    body = texts(Document(docx))
    opening = next(t for t in body if t.startswith("Mở đầu"))
    assert opening == (f"Mở đầu {NQ17_FULL} rồi Nghị quyết số 17/NQ-HĐND, chú thích và "
                       f"Công văn số 126/UBND ngày 08/02/2023 về việc thực hiện nhiệm vụ nhằm khắc phục các hạn chế "
                       "nâng cao của UBND các xã, thị trấn trên địa bàn huyện; Kế hoạch số 55/KH-UBND.")
    # the footnote is the full form, and counts as the first mention of cv-126
    first_note = footnotes(docx)[0]
    assert first_note.startswith(f"Công văn số 126/UBND {CV126_TAIL}")
    # later in the document, the sample's own [@nq-17] (section II.5) is now a later mention: short
    assert "Nghị quyết số 17/NQ-HĐND." in body
    assert not any(t.startswith(NQ17_FULL) for t in body)
    # the sample's own first [@cv-126] (section I) is now a later mention too
    assert any("Công văn số 126/UBND; Kế hoạch số 55/KH-UBND" in t for t in body)


@pytest.mark.parametrize("old, new, at, shown", [
    # a citation of a missing entry: an error at its line and column
    ("[@kh-55]", "[@kh-56]", ("[@kh-56]", "[@kh-56]"), "trích dẫn [@kh-56] không có trong danh sách van_ban"),
    # a total that no longer adds up (its acceptance pins 9.744, so the new slip is not accepted)
    ("chua_den_han: 101", "chua_den_han: 110", ("tiep_nhan: 9737", "9737"),
     "số hồ sơ tiếp nhận: tổng 9.737 khác tổng các thành phần 9.636 + 7 + 110 = 9.753"),
])
def test_build_refuses_data_with_errors_and_keeps_the_earlier_document(tmp_path, capsys, old, new, at, shown):
    text = SAMPLE.read_text(encoding="utf-8")
    data = tmp_path / "bao-cao.yaml"
    data.write_text(text, encoding="utf-8")
    out = tmp_path / "ra"
    assert main(["build", str(data), "-o", str(out)]) == 0
    before = (out / "BC-bao-cao.docx").read_bytes()
    bad = text.replace(old, new, 1)
    data.write_text(bad, encoding="utf-8")
    capsys.readouterr()
    assert main(["build", str(data), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    line, column = next((i + 1, ln.index(at[1]) + 1) for i, ln in enumerate(bad.splitlines()) if at[0] in ln)
    assert f"{data}:{line}:{column}: lỗi: {shown}" in err
    assert "không tạo văn bản nào" in err and "Traceback" not in err
    assert err.count(": cảnh báo: ") >= 3  # every finding at once: the accepted slips print too
    assert (out / "BC-bao-cao.docx").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["BC-bao-cao.docx"]


def test_build_prints_warnings_and_builds(tmp_path, capsys):
    assert main(["build", str(SAMPLE), "-o", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert captured.err.count(": cảnh báo: ") == 4 and "đã chấp nhận" in captured.err
    assert captured.out.strip() == str(tmp_path / "BC-an-lao-2023-6thang.docx")
    assert (tmp_path / "BC-an-lao-2023-6thang.docx").is_file()


# --- Party documents (Hướng dẫn 36-HD/VPTW): number and ký hiệu joined by '-' -----------------------

CTR09 = {"loai": "Chương trình hành động", "so": "09", "ky_hieu": "CTr/TU", "ngay": "14/5/2021",
         "co_quan": "Tỉnh ủy", "trich_yeu": "về cải cách hành chính"}


def test_party_document_is_cited_as_09_ctr_tu(tmp_path):
    """A Party document's number reads 09-CTr/TU (nd30.md, Party documents), in the full and the short
    form; a state document's keeps its '/' (6134/QĐ-UBND, 72/2020/QĐ-UBND)."""
    def cite(data):
        data["van_ban"]["ctr-09"] = dict(CTR09)
        data["bao_cao"]["mo_dau"] = "Thực hiện [@ctr-09] (gọi tắt là [@ctr-09]) và [@qd-72-2020 ngan]."
    body = texts(Document(build(write_variant(tmp_path, cite), tmp_path / "out")))
    assert ("Thực hiện Chương trình hành động số 09-CTr/TU ngày 14/5/2021 của Tỉnh ủy về cải cách hành chính "
            "(gọi tắt là Chương trình hành động số 09-CTr/TU) và Quyết định số 72/2020/QĐ-UBND.") in body
    assert [citations.join("6134", "QĐ-UBND"), citations.join("72", "2020/QĐ-UBND"), citations.join("29", "KH/HU"),
            citations.join("477", "UBND"), citations.join("12", "UBND-VX")] == \
        ["6134/QĐ-UBND", "72/2020/QĐ-UBND", "29-KH/HU", "477/UBND", "12/UBND-VX"]


@pytest.mark.parametrize("loai, ky_hieu, hint", [
    ("Kế hoạch", "KH/HU", None),  # the type code stands before the '/': no finding
    ("Nghị quyết", "NQ/TW", None),
    ("Quyết định", "KH/HU", "ký hiệu thành 29-QĐ/HU"),  # a wrong type code is still found, hint in the Party form
])
def test_party_document_type_code_is_read_before_the_slash(tmp_path, loai, ky_hieu, hint):
    def cite(data):
        data["van_ban"]["dang-29"] = {"loai": loai, "so": 29, "ky_hieu": ky_hieu, "ngay": "23/9/2021"}
        data["bao_cao"]["mo_dau"] += " Theo [@dang-29]."
    found = [f for f in findings_of(write_variant(tmp_path, cite))
             if f.code in ("ky_hieu", "nam_so_hieu") and f.subject == "dang-29"]
    assert [f.hint.split(" Nếu")[0] for f in found] == ([] if hint is None else
                                                        [f"sửa loại văn bản, hoặc {hint}."])
