"""The table layer on its own: a kind's header tree placed on a grid, STT numbers from the nesting,
derived cells and the TỔNG CỘNG row (derive/), and the w:tbl written from a layout (oxml/table.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from generator.derive.tables import lay_out
from generator.oxml import table_widths
from generator.oxml.table import table, written_rows
from generator.postprocess import shown_text
from generator.read.loader import Positions
from generator.validate.table_kinds import load_kinds
from generator.validate.table_rows import read_table

KINDS = """\
ho_so:
  stt: {stt}
  dong_tong: "TỔNG CỘNG:"
  cot:
    - {{ma: linh_vuc, ten: Lĩnh vực, kieu: chu, rong: 3}}
    - ten: Số hồ sơ
      cot:
        - {{ma: moi, ten: Mới}}
        - {{ma: cu, ten: Cũ}}
        - {{ma: tong, ten: Tổng, tong: [moi, cu]}}
    - {{ma: dung_han, ten: Đúng hạn}}
    - {{ma: ty_le, ten: Tỷ lệ, ty_le: [dung_han, tong], so_le: 1, hau_to: "%"}}
"""


def laid_out(tmp_path, rows: list, stt: str = "cham"):
    path = tmp_path / f"bang-{stt}.yaml"
    path.write_text(KINDS.format(stt=stt), encoding="utf-8")
    kinds = load_kinds(path)
    findings: list = []
    block = SimpleNamespace(kieu="ho_so", ma="hs", dong=rows, excel=None)
    tbl = read_table(block, ("bang",), kinds, Positions(path), findings)
    assert findings == []
    laid = lay_out([tbl], [], Positions(path))
    assert laid.findings == []
    return laid.layouts[("bang",)], laid


ROWS = [
    {"linh_vuc": "Đất đai", "moi": 10, "cu": 5, "dung_han": 12},
    {"linh_vuc": "Tư pháp", "con": [{"linh_vuc": "Hộ tịch", "moi": 3, "cu": 1, "dung_han": 4},
                                     {"linh_vuc": "Chứng thực", "moi": 6, "cu": 0, "dung_han": 5}]},
]


def test_header_tree_is_placed_on_a_grid_with_merges(tmp_path):
    layout, _ = laid_out(tmp_path, ROWS)
    (top, bottom) = layout.header
    assert [(c.text, c.columns, c.rows, c.continued) for c in top] == [
        ("STT", 1, 2, False), ("Lĩnh vực", 1, 2, False), ("Số hồ sơ", 3, 1, False),
        ("Đúng hạn", 1, 2, False), ("Tỷ lệ", 1, 2, False)]
    assert [(c.text, c.columns, c.continued) for c in bottom] == [
        ("", 1, True), ("", 1, True), ("Mới", 1, False), ("Cũ", 1, False), ("Tổng", 1, False),
        ("", 1, True), ("", 1, True)]
    assert layout.widths == (0.9, 3.0, 1.0, 1.0, 1.0, 1.0, 1.0)


@pytest.mark.parametrize("stt, numbers", [
    ("cham", ["1.", "2.", "2.1.", "2.2."]),
    ("so", ["1", "2", "2.1", "2.2"]),
    ("nhom", ["I", "II", "1", "2"]),  # groups I, II; the rows of each group 1, 2 afresh
])
def test_stt_numbers_come_from_the_nesting(tmp_path, stt, numbers):
    layout, _ = laid_out(tmp_path, ROWS, stt)
    assert [row.cells[0].text for row in layout.rows[:-1]] == numbers


def test_derived_cells_and_the_total_row(tmp_path):
    layout, laid = laid_out(tmp_path, ROWS)
    texts = [[c.text for c in row.cells] for row in layout.rows]
    assert texts[0] == ["1.", "Đất đai", "10", "5", "15", "12", "80%"]
    assert texts[1][:5] == ["2.", "Tư pháp", "", "", ""]  # a group row without cong_con carries no figures
    # TỔNG CỘNG: sums over the rows with figures of their own; the rate from the sums (21/30)
    assert texts[-1] == ["TỔNG CỘNG:", "19", "6", "25", "21", "84%"]
    assert layout.rows[-1].cells[0].columns == 2 and layout.rows[-1].bold
    assert [c.align for c in layout.rows[0].cells] == ["center", "left", "center", "center", "center", "center", "center"]
    hs = laid.figures.tables["hs"]
    assert laid.figures.total(hs, "tong") == 25


def test_a_group_adding_its_rows(tmp_path):
    rows = [{"linh_vuc": "Tư pháp", "cong_con": True, "con": ROWS[1]["con"]}]
    layout, _ = laid_out(tmp_path, rows)
    assert [c.text for c in layout.rows[0].cells][2:5] == ["9", "1", "10"]


def test_the_table_written_from_a_layout(tmp_path):
    layout, _ = laid_out(tmp_path, ROWS)
    notes: list = []
    tbl = table(layout, notes, "Chutrongbang", table_widths.fit(layout, 9000, 12), 12)
    grid = [int(c.get(qn("w:w"))) for c in tbl.iter(qn("w:gridCol"))]
    assert len(grid) == 7 and abs(sum(grid) - 9000) <= 7  # fills the text width
    rows = tbl.findall(qn("w:tr"))
    assert len(rows) == 2 + 4 + 1
    assert all(r.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for r in rows)
    assert [r.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for r in rows] == [True, True] + [False] * 5
    first = rows[0].findall(qn("w:tc"))
    spans = [tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}") for tc in first]
    assert [int(s.get(qn("w:val"))) if s is not None else 1 for s in spans] == [1, 1, 3, 1, 1]
    restart = [tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}") for tc in first]
    assert [m.get(qn("w:val")) if m is not None else None for m in restart] == ["restart", "restart", None, "restart", "restart"]
    below = [tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}") for tc in rows[1].findall(qn("w:tc"))]
    assert [m is not None and m.get(qn("w:val")) is None for m in below] == [True, True, False, False, False, True, True]
    total = rows[-1].findall(qn("w:tc"))
    assert total[0].find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}").get(qn("w:val")) == "2"
    assert notes == []


def test_a_long_table_written_into_its_document(tmp_path):
    """More rows than are written at a time: the rows kept as text are, once the document is saved,
    exactly the rows parsed (those with footnotes are parsed, their references in the tree, in order)."""
    def name(k: int) -> str:
        return f"Lĩnh vực {k} & <{k}>"  # written escaped

    rows = [{"linh_vuc": name(k) + (f"^[Ghi chú {k}.]" if k % 400 == 7 else ""), "moi": k, "cu": 1, "dung_han": k}
            for k in range(1, 1001)]
    layout, _ = laid_out(tmp_path, rows)
    fitted = table_widths.fit(layout, 9000, 12)
    body = parse_xml(f'<w:body {nsdecls("w")}><w:p/></w:body>')
    anchor = body[0]
    notes: list = []
    tbl = table(layout, notes, "Chutrongbang", fitted, 12, before=anchor)
    assert list(body) == [tbl, anchor]
    assert len(tbl.findall(qn("w:tr"))) < 1003  # most rows kept as text
    assert ["".join(run.text for run in note.paragraphs[0]) for _, note in notes] == [
        "Ghi chú 7.", "Ghi chú 407.", "Ghi chú 807."]
    assert [ref for ref, _ in notes] == list(tbl.iter(qn("w:footnoteReference")))
    saved = written_rows(etree.tostring(body, encoding="UTF-8"))
    every_row_parsed = parse_xml(f'<w:body {nsdecls("w")}><w:p/></w:body>')
    every_row_parsed[0].addprevious(table(layout, [], "Chutrongbang", fitted, 12))
    assert saved == etree.tostring(every_row_parsed, encoding="UTF-8")
    again = parse_xml(saved)
    trs = again[0].findall(qn("w:tr"))
    assert ["".join(t.text or "" for t in tr[2].iter(qn("w:t"))) for tr in trs[2:-1]] == [
        name(k) for k in range(1, 1001)]


def test_the_rows_kept_as_text_are_read_as_shown(tmp_path):
    """What a reader sees of a document (the unprinted-data check compares with it) includes the rows
    a table keeps as text until it is saved."""
    layout, _ = laid_out(tmp_path, [{"linh_vuc": f"Lĩnh vực {k}", "moi": k, "cu": 1, "dung_han": k}
                                    for k in range(1, 601)])
    document = Document()
    anchor = document.add_paragraph("sau bảng")._p
    table(layout, [], "Chutrongbang", table_widths.fit(layout, 9000, 12), 12, before=anchor)
    shown = shown_text(document).splitlines()
    assert shown[0] == "STT" and shown[-1] == "sau bảng"
    assert [line for line in shown if line.startswith("Lĩnh vực ")] == [f"Lĩnh vực {k}" for k in range(1, 601)]
    assert "TỔNG CỘNG:" in shown
