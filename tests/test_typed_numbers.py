"""Numbers typed where baocao numbers: a warning located at the item, with its fix, and the document
prints the item once numbered (never "2.4- 2.4- …" or "1.2.1. | 1.1.1. …")."""

from __future__ import annotations

from docx import Document

from conftest import REPO, SAMPLE, SAMPLE_001, build, build_all, texts
from test_checks import coded, edit, line_of, run
from test_rules import checked
from test_tables import body_rows, data_tables
from test_thong_bao import TB_DATA

TB_TEXT = TB_DATA.read_text(encoding="utf-8")
TEXT_001 = SAMPLE_001.read_text(encoding="utf-8")
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")


def warned(found, line: int, number: str):
    hits = [f for f in coded(found, "so_thu_tu", "cảnh báo") if f.location.line == line]
    assert len(hits) == 1, [f.format() for f in found]
    assert f"có gõ số «{number}» ở đầu" in hits[0].message and f"xóa «{number}» ở đầu" in hits[0].hint
    return hits[0]


def test_a_directive_typed_with_its_number_prints_it_once(tmp_path):
    """Seed 003's directive 2.4, typed with its number by a clerk copying the signed notice."""
    old = "          - noi_dung: |\n              Phối hợp với các cơ quan có liên quan"
    text = edit(TB_TEXT, old, old.replace("Phối hợp", "2.1- Phối hợp"))
    data = tmp_path / "tb.yaml"
    data.write_text(text, encoding="utf-8")
    warned(run(tmp_path, text, "tb.yaml"), line_of(text, "2.1- Phối hợp") - 1, "2.1-")
    printed = texts(Document(build_all(data, tmp_path / "ra")[0]))
    assert any(t.startswith("2.1- Phối hợp với các cơ quan có liên quan") for t in printed)
    assert not any("2.1- 2.1-" in t for t in printed)


def test_an_indicator_typed_with_its_stt_prints_baocao_s_number_only(tmp_path):
    """Seed 001's Phụ lục 1 types "1.1.1." for the first item of 1.2; baocao numbers it 1.2.1."""
    text = edit(TEXT_001, "{chi_tieu: 'Số sở, ngành đã kiểm tra',", "{chi_tieu: '1.1.1. Số sở, ngành đã kiểm tra',")
    warned(checked(tmp_path, text), line_of(text, "1.1.1. Số sở"), "1.1.1.")
    data = tmp_path / "a.yaml"
    data.write_text(text, encoding="utf-8")
    rows = [r for r in body_rows(data_tables(build(data, tmp_path / "ra"))[1]) if "Số sở, ngành đã kiểm tra" in r[1]]
    assert [r[:2] for r in rows] == [["1.2.1.", "Số sở, ngành đã kiểm tra"]]


def test_a_task_and_a_heading_typed_with_numbers(tmp_path):
    task = "    - Tăng cường công tác kiểm tra, rà soát văn bản QPPL"
    text = edit(SAMPLE_TEXT, task, task.replace("- Tăng", "- 2. Tăng"))
    data = tmp_path / "d.yaml"
    data.write_text(text, encoding="utf-8")
    warned(run(tmp_path, text), line_of(text, "- 2. Tăng cường"), "2.")
    printed = texts(Document(build(data, tmp_path / "ra")))
    assert any(t.startswith("2. Tăng cường công tác kiểm tra, rà soát văn bản QPPL") for t in printed)
    assert not any(t.startswith("2. 2. Tăng cường") for t in printed)
    titled = edit(TEXT_001, "- tieu_de: Về kiểm tra cải cách hành chính", "- tieu_de: 3. Về kiểm tra cải cách hành chính")
    found = checked(tmp_path, titled)
    assert any("không kèm «3.»" in f.message for f in coded(found, "de_muc", "cảnh báo"))
    data.write_text(titled, encoding="utf-8")
    printed = texts(Document(build(data, tmp_path / "ra2")))
    assert "3. Về kiểm tra cải cách hành chính" in printed and not any("3. 3." in t for t in printed)


def test_a_party_part_typed_with_its_label(tmp_path):
    """A Party report prints "Phần thứ nhất" above a part's title: typed into the title, it printed twice."""
    party = REPO / "data" / "tay-son-2023-so-ket.yaml"
    text = edit(party.read_text(encoding="utf-8"), "      - tieu_de: TÌNH HÌNH TRIỂN KHAI THỰC HIỆN",
                "      - tieu_de: 'Phần thứ nhất: TÌNH HÌNH TRIỂN KHAI THỰC HIỆN'")
    found = run(tmp_path, text)
    assert any("không kèm «Phần thứ nhất:»" in f.message for f in coded(found, "de_muc", "cảnh báo"))
    data = tmp_path / "d.yaml"
    data.write_text(text, encoding="utf-8")
    printed = texts(Document(build_all(data, tmp_path / "ra")[0]))
    assert "TÌNH HÌNH TRIỂN KHAI THỰC HIỆN" in printed and not any(t.startswith("Phần thứ nhất:") for t in printed)
