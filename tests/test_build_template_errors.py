"""`baocao build` with a broken template speaks like `template check`: every mistake, in Vietnamese,
located by part, paragraph and cell, with its suggestion and how to check again; nothing written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import REPO
from generator.commands.cli import main
from test_template_structure import DATA, drop, edited


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def with_template(tmp_path: Path, template: Path, data: Path = DATA) -> Path:
    """A copy of `data` (and the previous period it names) filled into `template`."""
    for name in {data.name, "quy-nhon-nam-2026-quy2.yaml"}:
        shutil.copy(REPO / "data" / name, tmp_path / name)
    shutil.copy(template, tmp_path / "mau.docx")
    text = (tmp_path / data.name).read_text(encoding="utf-8")
    (tmp_path / data.name).write_text(text.replace("bao_cao:\n", "bao_cao:\n  mau: mau.docx\n", 1), encoding="utf-8")
    return tmp_path / data.name


def test_build_reports_every_template_mistake_as_template_check_does(tmp_path, capsys):
    """Before: raw English Jinja text, the first error only, no paragraph. Now every mistake, located
    by part, paragraph and cell, in Vietnamese with its suggestion, and how to check again."""
    def mistakes(root):
        for t in root.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"):
            if "{{ hs.tiep_nhan|so }}" in (t.text or ""):
                t.text = t.text.replace("{{ hs.tiep_nhan|so }}", "{{ hs.tiep_nhan|sô }}")
            elif t.text == "{{ nk.ho_ten }}":
                t.text = "{{ nk.ho_tenn }}"
    broken = edited(tmp_path, "hong.docx", mistakes, drop("{{ bc.ket_qua.cong_vu|doan }}", 1, after=1))
    data = with_template(tmp_path, broken, REPO / "data" / "quy-nhon-nam-2026-quy3.yaml")
    (tmp_path / "ra").mkdir()
    (tmp_path / "ra" / "BC-quy-nhon-nam-2026-quy3.docx").write_bytes(b"ban cu")
    code, out, err = run(capsys, "build", data, "-o", tmp_path / "ra")
    assert code == 2 and out == ""
    assert (tmp_path / "ra" / "BC-quy-nhon-nam-2026-quy3.docx").read_bytes() == b"ban cu"
    errors = [line for line in err.splitlines() if ": lỗi: " in line]
    assert len(errors) == 3, err
    assert "đoạn 68" in errors[0] and "bộ lọc `sô` không có" in errors[0]
    assert re.search(r"mau\.docx \[thân văn bản, đoạn 82, «\{%p if bc\.ket_qua\.cong_vu %\}»\]: lỗi: khối", errors[1])
    assert "bảng 2 hàng 1 ô 2" in errors[2] and "biến `nk.ho_tenn`" in errors[2]
    assert "có phải ý bạn là 'so'?" in err and "có phải ý bạn là 'nk.ho_ten'?" in err
    assert f"baocao template check {tmp_path / 'mau.docx'} --data {data}" in err
    assert not re.search(r"unexpected|Encountered|expected token|is undefined|Traceback", err)


def test_a_template_error_only_the_data_shows_is_located_at_build(tmp_path, capsys):
    def wrong_filter(root):
        for t in root.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"):
            if t.text == "{{ nk.ho_ten }}":
                t.text = "{{ nk.ho_ten|so }}"  # a name is no number: only the filled template shows it
    data = with_template(tmp_path, edited(tmp_path, "loc.docx", wrong_filter))
    code, _, err = run(capsys, "build", data, "-o", tmp_path / "ra")
    assert code == 2 and "bảng 2 hàng 1 ô 2, «{{ nk.ho_ten|so }}»" in err and "template check" in err
