"""`baocao tong-hop` on small hand-made units: what a unit's file may hold (a name with a line
break, a table kind written differently, rows split by some units only, an accepted finding) never
corrupts the combination nor makes its sums wrong without saying so. Each test reads the written
combination back and checks it against figures it computes itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import yaml

from conftest import REPO, run_cli as run
from generator.commands import tong_hop
from generator.combine.sums import Combination
from generator.errors import Finding, error
from generator.write import lock

SAMPLE = REPO / "data" / "quang-ngai-2026-quy3"
LISTING = ("ky: {loai: quy, nam: 2026, so: 3}\n"
           "co_quan: {ten: Sở Nội vụ tỉnh Quảng Ngãi, cap: sở, dia_danh: Quảng Ngãi, "
           "cap_tren: {ten: Ủy ban nhân dân tỉnh Quảng Ngãi, cap: tỉnh}}\n"
           "don_vi: [Xã Ba Tơ, Đặc khu Lý Sơn]\n")
KIND = "{dong_tong: TỔNG CỘNG, cot: [{ma: ten, ten: Tên, kieu: chu}, {ma: sl, ten: Số lượng}]}"


def unit(name: str, rows: list[str], *, kind: str = KIND, extra: str = "") -> str:
    """A unit's data file: one table `t` of the given rows (flow mappings)."""
    body = "".join(f"              - {row}\n" for row in rows)
    return (f"co_quan: {{ten: \"{name}\", cap: xã, dia_danh: X, cap_tren: {{ten: Ủy ban nhân dân tỉnh Quảng Ngãi, cap: tỉnh}}}}\n"
            "nguoi_ky: {tham_quyen: [], chuc_vu: CHỦ TỊCH, ho_ten: A B}\n"
            "bao_cao:\n  so:\n  ngay:\n  ky: {loai: quy, nam: 2026, so: 3}\n  kinh_gui: [Sở Nội vụ]\n"
            "  mo_dau: Báo cáo như sau\n  noi_dung:\n    - tieu_de: BẢNG\n      noi_dung:\n        - bang:\n"
            f"            kieu: {kind}\n            ma: t\n            dong:\n{body}{extra}"
            "  noi_nhan: [\"Lưu: VT\"]\n")


def make(tmp_path: Path, files: dict[str, str], listing: str = LISTING) -> Path:
    (tmp_path / "dv").mkdir(parents=True)
    (tmp_path / "ds.yaml").write_text(listing, encoding="utf-8")
    for name, text in files.items():
        (tmp_path / "dv" / name).write_text(text, encoding="utf-8")
    return tmp_path


def combine(capsys, folder: Path, *extra) -> tuple[int, str, str]:
    return run(capsys, "tong-hop", "--danh-sach", folder / "ds.yaml", *sorted((folder / "dv").iterdir()), *extra)


def sums(folder: Path) -> dict[str, dict]:
    """The combined table `t` as written: label → row, sub-rows under `con`."""
    data = yaml.safe_load((folder / "tong-hop.yaml").read_text(encoding="utf-8"))
    appendix = data["bao_cao"]["phu_luc"][0]["noi_dung"][1]["bang"]
    return {row["ten"]: row for row in appendix["dong"]}


INJECTED = "\nchap_nhan: [{kiem_tra: tong, o: t, ly_do: x}]\n#"


def test_a_line_break_in_a_file_name_stays_in_its_comment(tmp_path, capsys):
    for br in ("\n", "\r", "\x85", "\u2028", "\u2029"):
        folder = make(tmp_path / f"f{ord(br)}", {
            f"a{INJECTED.replace(chr(10), br)}.yaml": unit("Ủy ban nhân dân xã Ba Tơ", ["{ma: x, ten: X, sl: 1}"]),
            "b.yaml": unit("Ủy ban nhân dân đặc khu Lý Sơn", ["{ma: x, ten: X, sl: 2}"])})
        code, _, err = combine(capsys, folder)
        assert code == 0, err
        text = (folder / "tong-hop.yaml").read_text(encoding="utf-8")
        assert set(yaml.safe_load(text)) == {"co_quan", "nguoi_ky", "bao_cao"}
        escaped = br.encode("unicode_escape").decode("ascii")
        assert f"dv/a{escaped}chap_nhan: [{{kiem_tra: tong, o: t, ly_do: x}}]{escaped}#.yaml" in text
        assert all(line.startswith("#") for line in text.split("\n\n")[0].splitlines())


def test_a_line_break_in_a_units_name_stays_in_its_comment(tmp_path, capsys):
    folder = make(tmp_path, {
        "a.yaml": unit("Ủy ban nhân dân xã Ba Tơ", ["{ma: x, ten: X, sl: 1}"]),
        "b.yaml": unit("Ủy ban nhân dân đặc khu Lý Sơn", ["{ma: x, ten: X, sl: 2}"]),
        "c.yaml": unit("Ủy ban nhân dân xã Z\\nchap_nhan: [{kiem_tra: tong, o: t, ly_do: x}]\\n#", ["{ma: x, ten: X, sl: 4}"])})
    code, _, err = combine(capsys, folder, "--bo-qua-loi")
    assert code == 1, err
    text = (folder / "tong-hop.yaml").read_text(encoding="utf-8")
    assert set(yaml.safe_load(text)) == {"co_quan", "nguoi_ky", "bao_cao"}
    assert "Xã Z\\nchap_nhan: [{kiem_tra: tong, o: t, ly_do: x}]\\n#: không có trong danh sách" in text
    assert sums(folder)["X"]["sl"] == 3


def two_units(tmp_path: Path) -> Path:
    return make(tmp_path, {"a.yaml": unit("Ủy ban nhân dân xã Ba Tơ", ["{ma: x, ten: X, sl: 1}"]),
                           "b.yaml": unit("Ủy ban nhân dân đặc khu Lý Sơn", ["{ma: x, ten: X, sl: 2}"])})


def test_a_workbook_that_cannot_be_made_leaves_nothing_written(tmp_path, capsys, monkeypatch):
    folder = two_units(tmp_path)

    def broken(*_):
        raise error(folder / "tong-hop.xlsx", "hỏng")
    monkeypatch.setattr(tong_hop, "tables_output", broken)
    code, out, err = combine(capsys, folder, "--excel")
    assert code == 2 and "hỏng" in err
    assert sorted(p.name for p in folder.iterdir()) == ["ds.yaml", "dv"]  # no combination, no temporary file
    monkeypatch.undo()
    code, out, err = combine(capsys, folder, "--excel")
    assert code == 0, err
    assert out.split() == [str(folder / "tong-hop.yaml"), str(folder / "tong-hop.xlsx")]
    sheet = openpyxl.load_workbook(folder / "tong-hop.xlsx").worksheets[-1]
    assert 3 in [c.value for row in sheet.iter_rows() for c in row]
    assert sorted(p.name for p in folder.iterdir()) == ["ds.yaml", "dv", "tong-hop.xlsx", "tong-hop.yaml"]


def test_tong_hop_writes_holding_the_folders_lock(tmp_path, capsys, monkeypatch):
    folder = two_units(tmp_path)
    monkeypatch.setattr(lock, "WAIT", 0.05)
    with lock.locked(folder):  # another command writing there
        code, _, err = combine(capsys, folder, "--excel")
    assert code == 2 and "đang được một lệnh baocao khác ghi" in err
    assert not (folder / "tong-hop.yaml").exists() and not (folder / "tong-hop.xlsx").exists()


def test_a_kind_differing_only_in_labels_and_widths_is_summed(tmp_path, capsys):
    cosmetic = "{dong_tong: Cộng, stt: so, cot: [{ma: ten, ten: Lĩnh vực, kieu: chu, rong: 3}, {ma: sl, ten: SL, rong: 1.2}]}"
    folder = make(tmp_path, {"a.yaml": unit("Ủy ban nhân dân xã Ba Tơ", ["{ma: x, ten: X, sl: 1}"]),
                             "b.yaml": unit("Ủy ban nhân dân đặc khu Lý Sơn", ["{ma: x, ten: X, sl: 2}"], kind=cosmetic)})
    code, _, err = combine(capsys, folder)
    assert code == 0, err
    assert sums(folder)["X"]["sl"] == 3
    assert "chưa tổng hợp bảng" not in (folder / "tong-hop.yaml").read_text(encoding="utf-8")


def test_a_table_of_other_columns_is_left_out_and_said_so(tmp_path, capsys):
    other = "{dong_tong: TỔNG CỘNG, cot: [{ma: ten, ten: Tên, kieu: chu}, {ma: so_luong, ten: Số lượng}]}"
    folder = make(tmp_path, {"a.yaml": unit("Ủy ban nhân dân xã Ba Tơ", ["{ma: x, ten: X, sl: 1}"]),
                             "b.yaml": unit("Ủy ban nhân dân đặc khu Lý Sơn", ["{ma: x, ten: X, so_luong: 2}"], kind=other)})
    code, _, err = combine(capsys, folder)
    assert code == 1, err
    assert "b.yaml:13:19: cảnh báo: bảng 't' của «Đặc khu Lý Sơn» khác kiểu" in err
    assert "Đặc khu Lý Sơn (chưa tổng hợp bảng 't')" in err
    assert sums(folder)["X"]["sl"] == 1
    data = yaml.safe_load((folder / "tong-hop.yaml").read_text(encoding="utf-8"))
    status = {row["ma"]: row["tinh_trang"] for row in data["bao_cao"]["noi_dung"][0]["noi_dung"][2]["bang"]["dong"]}
    assert status == {"xa_ba_to": "Đã tổng hợp", "dac_khu_ly_son": "Đã tổng hợp (chưa tổng hợp bảng 't')"}


def total_row(workbook: Path, label: str = "TỔNG CỘNG") -> list:
    """The figures of the row labelled `label` in the workbook's sheet of table `t`."""
    for sheet in openpyxl.load_workbook(workbook).worksheets:
        for row in sheet.iter_rows(values_only=True):
            if label in row:
                return [v for v in row if isinstance(v, (int, float))]
    raise AssertionError(f"no row {label} in {workbook}")


def test_rows_split_by_some_units_only_keep_the_total_exact(tmp_path, capsys):
    split = ["{ma: x, ten: Nhóm X, cong_con: true, con: [{ma: x1, ten: X1, sl: 3}, {ma: x2, ten: X2, sl: 4}]}",
             "{ma: y, ten: Y, sl: 1}"]
    whole = ["{ma: x, ten: Nhóm X, sl: 10}", "{ma: y, ten: Y, sl: 2}"]
    for first, second in ((split, whole), (whole, split)):  # the unsplit unit read after, or before
        folder = make(tmp_path / ("split" if first is split else "whole"), {"a.yaml": unit("Ủy ban nhân dân xã Ba Tơ", first),
                                                   "b.yaml": unit("Ủy ban nhân dân đặc khu Lý Sơn", second)})
        code, _, err = combine(capsys, folder, "--excel")
        assert code == 0, err
        assert "dòng con «Chưa chia chi tiết»" in err
        independent = 3 + 4 + 1 + 10 + 2
        assert total_row(folder / "tong-hop.xlsx") == [independent]
        x = sums(folder)["Nhóm X"]
        assert {child["ten"]: child["sl"] for child in x["con"]} == {"X1": 3, "X2": 4, "Chưa chia chi tiết": 10}
        assert [child["ten"] for child in x["con"]][-1] == "Chưa chia chi tiết"


def test_a_units_accepted_slip_that_breaks_the_sums_is_said_there_and_nothing_written(tmp_path, capsys):
    """Ba Tơ accepts (chap_nhan) a Hộ tịch row solving more files than it received; in the sums the
    same check fails. The combination would not build: nothing is written, the acceptance is named."""
    folder = tmp_path / "u"
    (folder / "don-vi").mkdir(parents=True)
    shutil.copy(SAMPLE / "danh-sach.yaml", folder)
    for name in ("ba-to.yaml", "ly-son.yaml"):
        shutil.copy(SAMPLE / "don-vi" / name, folder / "don-vi")
    path = folder / "don-vi" / "ba-to.yaml"
    text = path.read_text(encoding="utf-8")
    assert "truc_tiep: 70, dung_han: 131," in text
    path.write_text(text.replace("truc_tiep: 70, dung_han: 131,", "truc_tiep: 70, dung_han: 200,") +
                    "\nchap_nhan:\n  - {kiem_tra: thanh_phan, o: ho_so.ho_tich.dang_giai_quyet, gia_tri: \"200 > 132\", "
                    "ly_do: đúng như sổ}\n", encoding="utf-8")
    line = 1 + text[:text.index("dung_han: 131,")].count("\n")
    code, out, err = run(capsys, "tong-hop", "--danh-sach", folder / "danh-sach.yaml", *sorted((folder / "don-vi").iterdir()),
                         "--excel")
    assert code == 2 and out == ""
    assert f"ba-to.yaml:{line}:" in err and "số liệu «Xã Ba Tơ» đã chấp nhận (chap_nhan)" in err
    assert "Cách sửa: sửa số liệu của đơn vị cho đúng" in err
    assert sorted(p.name for p in folder.iterdir()) == ["danh-sach.yaml", "don-vi"]  # nothing written, no leftover


def test_a_combination_that_would_not_build_without_an_accepted_unit_slip_is_said_as_findings(tmp_path):
    """No unit accepted the slip (an error of the sums themselves): one finding at the combination,
    of the same kind as every other, with its fix."""
    out = tmp_path / "tong-hop.yaml"
    wrong = error(out, "tổng sai", line=3, column=5).findings
    found = tong_hop._unbuildable(wrong, Combination(listing=None, statuses=[], tables=[], notes=[]), out)
    assert [type(f) for f in found] == [Finding]
    assert found[0].location.file == out and "tệp tổng hợp làm ra có lỗi nên chưa ghi: tổng sai." in found[0].message
    assert "baocao check" in found[0].hint
