"""What the data gives and the document never prints (render/trace.py), found by the one render of
build and of `template check --data`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO
from generator import produce
from generator.plan import prepare
from test_build_template_errors import run, with_template
from test_template_structure import add_after, drop, edited

SAMPLES = sorted((REPO / "data").glob("*.yaml"))


def line_of(path: Path, needle: str) -> int:
    return next(k for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(needle))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_every_sample_prints_all_it_gives(sample):
    plan = prepare(sample)
    warned: list = []
    for doc in plan.documents:
        produce.document(plan, doc, unprinted=warned)
    assert warned == []


def test_a_block_that_swallows_sections_is_caught_through_what_the_data_does_not_print(tmp_path, capsys):
    """The editor left {%p if bc.ket_qua.cong_vu %} and closed it at the end of section II (the old
    advice): for a report without cong_vu, tai_chinh and chinh_quyen_so vanish silently."""
    broken = edited(tmp_path, "mat-muc.docx", drop("Cải cách chế độ công vụ", 3))
    wrong = edited(tmp_path, "sai.docx", add_after("{{ bc.ket_qua.muc_them|than(2) }}", "{%p endif %}"), source=broken)
    data = with_template(tmp_path, wrong)
    code, out, err = run(capsys, "build", data, "-o", tmp_path / "ra")
    assert code == 0 and "BC-quy-nhon-nam-2026-quy3.docx" in out
    warned = [line for line in err.splitlines() if "không in ra" in line]
    assert warned == [
        f"{data}:{line_of(data, '    tai_chinh:')}:5: cảnh báo: mục bao_cao.ket_qua.tai_chinh có trong tệp số liệu "
        "nhưng văn bản BC-quy-nhon-nam-2026-quy3.docx không in ra (mẫu mau.docx không dùng tới)",
        f"{data}:{line_of(data, '    chinh_quyen_so:')}:5: cảnh báo: đoạn văn bao_cao.ket_qua.chinh_quyen_so có trong "
        "tệp số liệu nhưng văn bản BC-quy-nhon-nam-2026-quy3.docx không in ra (mẫu mau.docx không dùng tới)"]
    assert "có thể một khối {%p if … %} của mẫu đang bao cả mục này" in err
    code, out, _ = run(capsys, "template", "check", tmp_path / "mau.docx", "--data", data)
    assert code == 0 and out.count("không in ra") == 2 and "chứa khối của mục khác" in out


def test_a_table_the_template_has_no_place_for(tmp_path, capsys):
    """A unit's template without {{ bc.noi_dung|than }}: the sections written in the data, their
    table included, are reported once, at noi_dung."""
    data_001 = REPO / "data" / "an-lao-2021-quy1.yaml"
    shutil.copy(REPO / "data" / "an-lao-2020-quy4.yaml", tmp_path)
    plain = edited(tmp_path, "khong-than.docx", drop("{{ bc.noi_dung|than }}"))
    shutil.copy(plain, tmp_path / "mau.docx")
    text = data_001.read_text(encoding="utf-8").replace("  ky_hieu: BC-UBND\n", "  ky_hieu: BC-UBND\n  mau: mau.docx\n", 1)
    (tmp_path / "d.yaml").write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "build", tmp_path / "d.yaml", "-o", tmp_path / "ra")
    assert code == 0
    warned = [line for line in err.splitlines() if "không in ra" in line]
    assert len(warned) == 1 and "mục bao_cao.noi_dung có trong tệp số liệu" in warned[0]


def test_a_traced_context_crosses_a_process_boundary_with_its_paths():
    """Rendering may run in a worker process: the traced values pickle with their key paths."""
    import datetime as dt
    import pickle

    from generator.render.trace import Printed, traced
    printed = Printed()
    context = traced({"a": "chữ", "b": [3, 2.5], "c": dt.date(2026, 9, 14)},
                     {"a": "chữ", "b": [3, 2.5], "c": dt.date(2026, 9, 14)}, ("bao_cao",), printed)
    back = pickle.loads(pickle.dumps(context))
    assert back == context and back["c"].path == ("bao_cao", "c") and back["b"][1].path == ("bao_cao", "b", 1)
    printed.record(back)
    assert printed.paths == printed.given
