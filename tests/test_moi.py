"""`baocao moi`: a commented starter for every kind × level that builds as written."""

from __future__ import annotations

import itertools
import re

import pytest
import yaml
from docx import Document

from conftest import layout_problems, normalise
from generator.commands import cli
from generator.starters import KINDS
from generator.text.levels import STARTER_LEVELS


def run(capsys, *args):
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("kind, level", list(itertools.product(KINDS, STARTER_LEVELS)))
def test_every_starter_builds_unedited_and_keeps_the_layout(tmp_path, capsys, kind, level):
    target = tmp_path / "bat-dau.yaml"
    code, out, _ = run(capsys, "moi", kind, level, target, "--nam", 2026, "--quy", 3)
    assert code == 0 and out.splitlines()[0] == str(target)
    text = target.read_text(encoding="utf-8")
    commented = [line for line in text.splitlines() if "#" in line]
    assert len(commented) >= 15  # what each key is, in Vietnamese
    assert yaml.safe_load(text)["co_quan"]["cap"] == level
    code, out, err = run(capsys, "build", target, "-o", tmp_path / "ra")
    found = [line for line in err.splitlines() if ": lỗi: " in line or ": cảnh báo: " in line]
    assert code == 0 and found, err  # no error; a warning for each blank left: the signer, the names
    assert all(": cảnh báo: '" in line and "còn để '…' như tệp bắt đầu" in line for line in found), err
    assert any("'nguoi_ky.ho_ten' còn để '…'" in line for line in found)
    (docx,) = (tmp_path / "ra").glob("*.docx")
    assert layout_problems(docx) == []


def _paragraphs(docx) -> str:
    return " ".join(normalise(p.text) for p in Document(docx).paragraphs)


def test_the_report_starter_has_the_standard_table_and_an_appendix(tmp_path, capsys):
    target = tmp_path / "phuong.yaml"
    run(capsys, "moi", "bao-cao", "phuong", target, "--ten", "Quy Nhơn Nam", "--tinh", "Gia Lai", "--nam", 2026, "--quy", 3)
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["co_quan"]["ten"] == "Ủy ban nhân dân phường Quy Nhơn Nam"
    assert data["co_quan"]["cap_tren"]["ten"] == "Ủy ban nhân dân tỉnh Gia Lai"
    assert data["bao_cao"]["ky"] == {"loai": "quy", "nam": 2026, "so": 3}
    assert run(capsys, "build", target, "-o", tmp_path / "ra")[0] == 0
    docx = tmp_path / "ra" / "BC-phuong.docx"
    doc = Document(docx)
    table = next(t for t in doc.tables if normalise(t.rows[-1].cells[0].text) == "TỔNG CỘNG")
    header = [normalise(c.text) for c in table.rows[0].cells]
    assert "Tỷ lệ đúng hạn (%)" in header and "Tăng (+)/giảm (-) hồ sơ tiếp nhận so với kỳ trước" in header
    assert [normalise(c.text) for c in table.rows[-1].cells][-1] == "+4"  # 472 against 468
    assert len(doc.sections) == 2 and doc.sections[1].page_width > doc.sections[1].page_height  # the appendix
    text = _paragraphs(docx)
    assert "trên địa bàn phường Quy Nhơn Nam" in text and "tại bộ phận một cửa phường hiện nay" in text
    assert not re.search(r"\b(UBND|toàn|một cửa) xã\b", text)


def test_a_departments_starter_prints_its_superior_above_it(tmp_path, capsys):
    target = tmp_path / "so.yaml"
    run(capsys, "moi", "bao-cao", "sở", target, "--ten", "Tư pháp", "--tinh", "Gia Lai", "--nam", 2026, "--quy", 3)
    assert run(capsys, "build", target, "-o", tmp_path / "ra")[0] == 0
    doc = Document(tmp_path / "ra" / "BC-so.docx")
    left = [normalise(p.text) for p in doc.tables[0].cell(0, 0).paragraphs if p.text.strip()]
    assert left == ["UBND TỈNH GIA LAI", "SỞ TƯ PHÁP"]
    assert "của Sở Tư pháp" in _paragraphs(tmp_path / "ra" / "BC-so.docx")


def test_default_name_printing_and_refusals(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "moi", "thong-bao", "dac-khu", "--nam", 2026, "--thang", 7)
    assert code == 0 and out.splitlines()[0] == "thong-bao-dac-khu-2026-thang07.yaml"
    assert "Điền các chỗ còn để …" in out
    before = (tmp_path / "thong-bao-dac-khu-2026-thang07.yaml").read_bytes()
    code, _, err = run(capsys, "moi", "thong-bao", "dac-khu", "--nam", 2026, "--thang", 7)
    assert code == 2 and "không ghi đè" in err and "Cách sửa:" in err
    assert (tmp_path / "thong-bao-dac-khu-2026-thang07.yaml").read_bytes() == before
    code, _, err = run(capsys, "moi", "bao-cao", "huyen")
    assert code == 2 and "không có cấp 'huyen'" in err and "xã, phường, đặc khu, tỉnh, sở" in err
    code, out, _ = run(capsys, "moi", "bao-cao-dang", "xa", "-", "--nam", 2026, "--quy", 1)
    assert code == 0 and out.startswith("# Báo cáo của cấp ủy đảng") and "cap: xã" in out
