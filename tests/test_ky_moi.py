"""`baocao ky-moi`: the next period's file from this period's; unfilled, build lists every blank
figure at once; filled, it builds."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml
from docx import Document

from conftest import REPO, normalise
from generator.commands import cli
from generator.next_period import about_this_period, prose_subjects
from generator.plan import prepare
from generator.text import vi_format as vi

DATA = REPO / "data"
PERIODIC = sorted(p.name for p in DATA.glob("*.yaml")
                  if (yaml.safe_load(p.read_text(encoding="utf-8")) or {}).get("bao_cao"))
# A sample whose next period is also a sample: its figures fill the new file (same tables, same rows).
NEXT_SAMPLE = {"quy-nhon-nam-2026-quy2.yaml": "quy-nhon-nam-2026-quy3.yaml"}


def run(capsys, *args) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def samples(tmp_path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def fill(blank: dict, values: dict, day=None) -> tuple[dict, int]:
    """`blank` with every None taken from the same place in `values` (a date replaced by `day` when
    given); and how many were filled."""
    count = 0

    def visit(new, old):
        nonlocal count
        if isinstance(new, dict) and isinstance(old, dict):
            for key, value in new.items():
                taken = old.get(key)
                is_date = isinstance(taken, dt.date) or bool(re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", str(taken)))
                if value is None and taken is not None and (not isinstance(taken, (dict, list, str))
                                                            or str(taken).startswith("=") or is_date):
                    new[key] = day if day is not None and is_date else taken
                    count += 1
                elif key in old:
                    visit(value, old[key])
        elif isinstance(new, list) and isinstance(old, list):
            for a, b in zip(new, old):
                visit(a, b)

    visit(blank, values)
    return blank, count


def errors(err: str) -> list[str]:
    return [line for line in err.splitlines() if ": lỗi: " in line]


@pytest.mark.parametrize("name", PERIODIC)
def test_next_period_lists_every_blank_then_builds_once_filled(samples, capsys, name):
    source = samples / name
    target = samples / "ky-moi.yaml"
    code, out, _ = run(capsys, "ky-moi", source, "-o", target)
    assert code == 0 and out.splitlines()[0] == str(target)
    blanks = int(re.search(r"(\d+) số liệu để trống", out).group(1)) if "để trống chờ điền" in out else 0
    new = yaml.safe_load(target.read_text(encoding="utf-8"))
    old = yaml.safe_load(source.read_text(encoding="utf-8"))
    assert new["bao_cao"]["ky_truoc"] == name
    # acceptances of this period's figures go; those of the prose it keeps stay
    prose = prose_subjects(prepare(source))  # a slip typed in a sentence stays accepted with the sentence
    assert [a for a in old.get("chap_nhan", []) if not about_this_period(a["kiem_tra"], a["o"], prose)] == \
        new.get("chap_nhan", [])
    assert new["bao_cao"].get("so") is None and new["bao_cao"].get("ngay") is None
    assert new["bao_cao"]["mo_dau"] == old["bao_cao"]["mo_dau"]  # prose kept
    assert "#" in target.read_text(encoding="utf-8")  # the clerk's comments kept

    # unfilled: one run lists every blank figure, each at file:line:col, nothing written
    code, _, err = run(capsys, "build", target, "-o", samples / "ra")
    assert code == 2 and not (samples / "ra").exists()
    found = errors(err)
    stale = [line for line in found if "kết thúc trước khi kỳ báo cáo" in line]  # a data span kept in the prose
    found = [line for line in found if line not in stale]
    assert blanks > 0 and len(found) == blanks, err
    assert all(re.match(rf"{re.escape(str(target))}:\d+:\d+: lỗi: .*chưa điền", line) for line in found)

    # filled from the next period's sample; without one, with this period's figures (dates moved into
    # the new period, and this period's accepted slips in those figures accepted again): it builds
    if name in NEXT_SAMPLE:
        filled, count = fill(new, yaml.safe_load((samples / NEXT_SAMPLE[name]).read_text(encoding="utf-8")))
    else:
        period = new["bao_cao"]["ky"]
        day = vi.khoang_so_lieu(vi.Ky(period["loai"], period["nam"], period.get("so")))[1]
        filled, count = fill(new, old, day)
        filled["chap_nhan"] = old.get("chap_nhan", [])
    assert count >= blanks  # and the totals left blank for baocao to add up
    target.write_text(yaml.safe_dump(filled, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, _, err = run(capsys, "build", target, "-o", samples / "ra")
    assert code == 0, err


def test_a_file_without_a_periodic_report_is_refused(samples, capsys):
    code, _, err = run(capsys, "ky-moi", samples / "tuy-phuoc-2022-tb39.yaml", "-o", samples / "x.yaml")
    assert code == 2 and "không có báo cáo định kỳ (bao_cao)" in err and "Cách sửa:" in err
    assert not (samples / "x.yaml").exists()


def test_an_existing_file_is_never_overwritten(samples, capsys):
    source = samples / "an-lao-2020-quy4.yaml"  # its next period, quý I/2021, is a sample already
    before = (samples / "an-lao-2021-quy1.yaml").read_bytes()
    code, _, err = run(capsys, "ky-moi", source)
    assert code == 2 and "không ghi đè" in err and "-o" in err
    assert (samples / "an-lao-2021-quy1.yaml").read_bytes() == before


def test_period_kind_name_and_kept_figures(samples, capsys):
    source = samples / "an-lao-2023-6thang.yaml"
    code, out, _ = run(capsys, "ky-moi", source, "--ky", "9thang", "--giu-so-lieu")
    target = samples / "an-lao-2023-9thang.yaml"
    assert code == 0 and out.splitlines()[0] == str(target)
    assert "Kỳ mới: 9 tháng đầu năm 2023" in out and "để trống chờ điền" not in out
    new = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert new["bao_cao"]["ky"] == {"loai": "9thang", "nam": 2023}
    assert new["bao_cao"]["ket_qua"]["tthc"]["ho_so"]["tiep_nhan"] == 9737
    assert re.search(r"\d+ chỗ còn nhắc kỳ cũ \(6 tháng đầu năm 2023\), nên xem lại:", out)
    assert re.search(rf"^  {re.escape(str(target))}:\d+: nhắc «6 tháng năm 2023»$", out, re.M)
    code, _, err = run(capsys, "build", target, "-o", samples / "ra")
    assert code == 0, err
    text = [normalise(p.text) for p in Document(samples / "ra" / "BC-an-lao-2023-9thang.docx").paragraphs]
    assert "Công tác cải cách hành chính 9 tháng đầu năm 2023" in text


def test_quarters_roll_over_the_year_and_monthly_reports_advance(samples, capsys):
    source = samples / "an-lao-2020-quy4.yaml"
    code, out, _ = run(capsys, "ky-moi", source, "-o", samples / "q1.yaml")
    assert code == 0 and "Kỳ mới: quý I năm 2021" in out
    code, out, _ = run(capsys, "ky-moi", source, "--ky", "thang", "-o", samples / "t1.yaml")
    assert code == 0 and "Kỳ mới: tháng 1 năm 2021" in out
    assert yaml.safe_load((samples / "t1.yaml").read_text(encoding="utf-8"))["bao_cao"]["ky"] == \
        {"loai": "thang", "nam": 2021, "so": 1}


def _cells(path: Path) -> list[list[str]]:
    return [[normalise(c.text) for c in row.cells] for table in Document(path).tables[1:] for row in table.rows]


def test_quarter_ii_moved_on_and_filled_gives_quarter_iiis_tables(samples, capsys):
    """The phường pair: ky-moi on quý II, figures filled from the quý III sample: every table of the
    document (hồ sơ with its Tăng/giảm against quý II, the appendix) is the quý III sample's."""
    target = samples / "quy3-tu-ky-moi.yaml"
    assert run(capsys, "ky-moi", samples / "quy-nhon-nam-2026-quy2.yaml", "-o", target)[0] == 0
    quarter3 = yaml.safe_load((samples / "quy-nhon-nam-2026-quy3.yaml").read_text(encoding="utf-8"))
    filled, _ = fill(yaml.safe_load(target.read_text(encoding="utf-8")), quarter3)
    target.write_text(yaml.safe_dump(filled, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert run(capsys, "build", target, "-o", samples / "ra")[0] == 0
    assert run(capsys, "build", samples / "quy-nhon-nam-2026-quy3.yaml", "-o", samples / "ra")[0] == 0
    ours, sample = _cells(samples / "ra" / "BC-quy3-tu-ky-moi.docx"), _cells(samples / "ra" / "BC-quy-nhon-nam-2026-quy3.docx")
    assert ours == sample
    total = next(row for row in sample if row[0] == "TỔNG CỘNG")
    assert total[2:4] == ["1.296", "21"] and total[-1] == "+105"  # 21 carried over from quý II, its own total


def test_a_table_kept_in_a_workbook_is_pointed_out(samples, capsys):
    """ky-moi edits the data file only: a table whose rows are in a workbook is named, with what to do."""
    source = samples / "quy-nhon-nam-2026-quy2.yaml"
    assert run(capsys, "bieu", source, "--kem-so-lieu", "-o", samples / "so-lieu.xlsx")[0] == 0
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    table = data["bao_cao"]["ket_qua"]["tthc"]["mot_cua"][1]["bang"]
    del table["dong"]
    table["excel"] = {"tep": "so-lieu.xlsx", "trang": "ho_so"}
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, out, err = run(capsys, "ky-moi", source, "-o", samples / "q3.yaml")
    assert code == 0, err
    assert "Bảng lấy số từ bảng tính so-lieu.xlsx: ky-moi không sửa bảng tính" in out
