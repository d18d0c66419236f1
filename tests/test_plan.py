"""One prepared plan for every command: what `template check --data`, `template vars`, `check`, `diff`
and `--watch` see is what `build` writes; and the bugs the old copies of the flow hid."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, SAMPLE, SAMPLE_001, with_previous_period
from generator import produce, worker
from generator.commands import template as template_command
from generator.kinds.report import TEMPLATE
from generator.plan import prepare
from test_cli_errors import edit, findings, run_cli, snapshot


def test_template_check_with_data_renders_the_document_build_writes(tmp_path, capsys, monkeypatch):
    """Seed 001 compares with its previous period (ky_truoc): the trial render of `template check
    --data` must include those Tăng/giảm cells, byte for byte what build writes. (The check runs in
    the worker; here it runs in this process, as the worker runs it, to see what it renders.)"""
    assert run_cli(capsys, "build", SAMPLE_001, "-o", tmp_path / "ra").code == 0
    built = (tmp_path / "ra" / f"BC-{SAMPLE_001.stem}.docx").read_bytes()
    rendered = []
    real = produce.render

    def spy(plan, doc, template=None, **kwargs):
        data = real(plan, doc, template, **kwargs)
        rendered.append(data[0])
        return data

    monkeypatch.setattr(produce, "render", spy)
    monkeypatch.setattr(worker, "_inside", True)  # what the worker does with the job: run it right here
    findings, data_errors = template_command.checked(TEMPLATE, SAMPLE_001)
    assert not [f for f in findings if f.severity == "lỗi"] and not data_errors
    assert rendered == [built]


def test_template_vars_with_data_sees_the_previous_period(capsys):
    result = run_cli(capsys, "template", "vars", "--data", SAMPLE_001)
    lines = result.out.splitlines()
    kt = lines.index("  kt")
    assert result.code == 0 and "ví dụ: số liệu quý IV năm 2020" in lines[kt + 2]
    assert "ví dụ: bảng kiểu chi_tieu, 121 hàng" in result.out  # a table block says what it is, not its data


def test_check_reports_the_previous_period_mistakes_build_reports(tmp_path, capsys):
    """A Tăng/giảm column whose table is missing from the previous period's file: build refused it
    while `check` laid the tables out without the previous period and saw nothing."""
    with_previous_period(SAMPLE_001, tmp_path)
    previous = tmp_path / "an-lao-2020-quy4.yaml"
    previous.write_text(edit(previous.read_text(encoding="utf-8"), "ma: pl2_bo_may", "ma: pl2_bo_may_cu"),
                        encoding="utf-8")
    data = tmp_path / SAMPLE_001.name
    shutil.copy(SAMPLE_001, data)
    built = run_cli(capsys, "build", data, "-o", tmp_path / "ra")
    checked = run_cli(capsys, "check", data)
    wanted = "cột so với kỳ trước không tính được: tệp kỳ trước an-lao-2020-quy4.yaml không có bảng mã 'pl2_bo_may'"
    assert built.code == 2 and checked.code == 2
    assert [f.message for f in findings(built.err, data) if wanted in f.message] == \
        [f.message for f in findings(checked.out, data) if wanted in f.message] != []


def test_one_preparation_serves_every_document_and_the_checks(monkeypatch):
    """The tables are laid out once per file and the previous period read once."""
    from generator import plan as plan_module

    laid, read = [], []
    real_lay_out, real_read = plan_module.lay_out, plan_module.read
    monkeypatch.setattr(plan_module, "lay_out", lambda *a, **k: laid.append(1) or real_lay_out(*a, **k))
    monkeypatch.setattr(plan_module, "read", lambda path: read.append(path.name) or real_read(path))
    plan = prepare(SAMPLE_001)
    assert read == [SAMPLE_001.name, "an-lao-2020-quy4.yaml"] and len(laid) == 2  # this file, its previous
    assert plan.errors == [] and [doc.name for doc in plan.documents] == [f"BC-{SAMPLE_001.stem}"]


# --- bugs the copies of the flow hid ---------------------------------------------------------------

def test_a_table_code_with_a_space_is_named_as_a_table_code(tmp_path, capsys):
    """'Pl 2' used to be refused as an unusable file name, with advice about file names."""
    text = edit(SAMPLE_001.read_text(encoding="utf-8"), "ma: pl2_bo_may", "ma: Pl 2")
    with_previous_period(SAMPLE_001, tmp_path)
    data = tmp_path / "du-lieu.yaml"
    data.write_text(text, encoding="utf-8")
    result = run_cli(capsys, "build", data, "-o", tmp_path / "ra")
    (found,) = findings(result.err, data)
    assert result.code == 2 and "'Pl 2' không dùng được làm mã bảng" in found.message
    assert "tên tệp" not in found.message + found.hint and "pl2_ho_so" in found.hint
    assert not (tmp_path / "ra").exists()


def test_a_cited_document_number_with_letters_is_named_as_a_number(tmp_path, capsys):
    text = edit(SAMPLE.read_text(encoding="utf-8"), "    so: 6134\n", "    so: 6134a\n")
    data = tmp_path / "du-lieu.yaml"
    data.write_text(text, encoding="utf-8")
    result = run_cli(capsys, "check", data)
    (found,) = findings(result.out, data)
    assert result.code == 2 and "'6134a' không phải một số văn bản" in found.message
    assert "tên tệp" not in found.message + found.hint and "ky_hieu" in found.hint


def test_watch_of_a_missing_file_exits_instead_of_waiting(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "generator", "build", str(tmp_path / "khong-co.yaml"), "--watch"],
                          capture_output=True, text=True, timeout=60, cwd=REPO)
    assert proc.returncode == 2 and "không tìm thấy tệp số liệu" in proc.stderr
    assert "Cách sửa" in proc.stderr and "Traceback" not in proc.stderr
    assert "Đang theo dõi" not in proc.stdout


@pytest.mark.parametrize("data", [SAMPLE, SAMPLE_001])
def test_diff_of_a_data_file_compares_what_build_writes(tmp_path, capsys, data):
    """diff renders data files through the same plan: a data file against the .docx build wrote
    from it shows no change."""
    assert run_cli(capsys, "build", data, "-o", tmp_path / "ra").code == 0
    built = next((tmp_path / "ra").glob("*.docx"))
    before = snapshot(tmp_path / "ra")
    result = run_cli(capsys, "diff", data, built)
    assert result.code == 0 and result.out.strip().endswith("Không có thay đổi nào.")
    assert snapshot(tmp_path / "ra") == before


def test_check_prints_the_findings_build_prints(tmp_path, capsys):
    """The same mistakes, seen by check and by build through the CLI, on a sample with an error, a
    warning, an accepted finding and a table mistake."""
    with_previous_period(SAMPLE_001, tmp_path)
    text = edit(SAMPLE_001.read_text(encoding="utf-8"), "[=pl2_cntt.md3_ho_so]", "[=pl2_cntt.md3_hoso]")
    data = tmp_path / "du-lieu.yaml"
    data.write_text(text, encoding="utf-8")
    built = run_cli(capsys, "build", data, "-o", tmp_path / "ra")
    checked = run_cli(capsys, "check", data)
    said = [line for line in built.err.splitlines() if line.startswith(str(data)) or line.startswith("    ")]
    printed = [line for line in checked.out.splitlines()[:-1]]  # the last line is check's summary
    assert built.code == checked.code == 2 and said[:-1] == printed and len(printed) > 4


# --- found in review: one root mistake never hides the others, and is said once ------------------

def test_a_table_row_mistake_does_not_hide_the_other_checks(tmp_path, capsys):
    with_previous_period(SAMPLE_001, tmp_path)
    text = edit(SAMPLE_001.read_text(encoding="utf-8"), "{giao_hc: 76,", "{giao_hc: 76, giao_xx: 1,")
    text = edit(text, "Thực hiện [@qd-56-2020].", "Thực hiện [@qd-56-2021].")
    data = tmp_path / "du-lieu.yaml"
    data.write_text(text, encoding="utf-8")
    result = run_cli(capsys, "check", "--json", data)
    errors = [f for f in json.loads(result.out)["phat_hien"] if f["muc_do"] == "lỗi"]
    assert result.code == 2
    assert [(f["kiem_tra"], f["thong_diep"].split(":")[0]) for f in errors] == [
        ("trich_dan", "trích dẫn [@qd-56-2021] không có trong danh sách van_ban"),
        ("bang", "bảng kiểu 'bien_che' không có cột 'giao_xx'")]


def test_a_refused_cell_is_reported_once_not_again_where_it_is_cited(tmp_path, capsys):
    """giao_hc feeds a link (=bien_che.giao_hc) in another table and is cited in prose: its mistake
    is the only finding (the prose used to add "ô này đang trống")."""
    with_previous_period(SAMPLE_001, tmp_path)
    text = edit(SAMPLE_001.read_text(encoding="utf-8"), "{giao_hc: 76,", "{giao_hc: 7.6,")
    text = edit(text, "Thực hiện [@qd-56-2020].", "Thực hiện [@qd-56-2020] ([=bien_che.giao_hc] biên chế).")
    data = tmp_path / "du-lieu.yaml"
    data.write_text(text, encoding="utf-8")
    result = run_cli(capsys, "build", data, "-o", tmp_path / "ra")
    assert result.code == 2 and [f.message for f in findings(result.err, data)] == [
        "cột 'giao_hc': cần một số nguyên, nhưng đang là 7.6"]


def test_template_check_with_a_broken_data_file_still_checks_the_template(tmp_path, capsys):
    template = tmp_path / "mau.docx"
    shutil.copy(TEMPLATE, template)
    with_previous_period(SAMPLE_001, tmp_path)
    data = tmp_path / "du-lieu.yaml"
    data.write_text(edit(SAMPLE_001.read_text(encoding="utf-8"), "ky_truoc: an-lao-2020-quy4.yaml",
                         "ky_truoc: khong-co.yaml"), encoding="utf-8")
    result = run_cli(capsys, "template", "check", template, "--data", data)
    lines = result.out.splitlines()
    assert result.code == 2
    assert f"{template}: không thấy lỗi nào." in lines  # the template's own verdict, not the data's errors
    assert any(line.startswith(f"{data}:") and "không tìm thấy tệp số liệu kỳ trước" in line for line in lines)
    assert lines[-1].startswith(f"{data}: 1 lỗi trong tệp số liệu; chưa điền thử mẫu")


def test_template_vars_refuses_a_data_file_build_refuses(tmp_path, capsys):
    with_previous_period(SAMPLE_001, tmp_path)
    data = tmp_path / "du-lieu.yaml"
    data.write_text(edit(SAMPLE_001.read_text(encoding="utf-8"), "[=pl2_cntt.md3_ho_so]", "[=pl2_cnt.md3_ho_so]"),
                    encoding="utf-8")
    result = run_cli(capsys, "template", "vars", "--data", data)
    assert result.code == 2 and "không có bảng nào mã 'pl2_cnt'" in result.err and result.out == ""


def test_a_party_report_too_deep_is_one_located_error_that_chap_nhan_accepts(tmp_path, capsys):
    text = (REPO / "data" / "tay-son-2023-so-ket.yaml").read_text(encoding="utf-8")
    deep = ("              - tieu_de: Công tác kiểm tra, giám sát\n"  # I - → 1. → 2.1. → too deep
            "                muc:\n"
            "                  - tieu_de: Cấp ba\n"
            "                    muc:\n"
            "                      - tieu_de: Cấp bốn\n"
            "                        noi_dung: Đoạn văn.\n")
    text = edit(text, "              - tieu_de: Công tác kiểm tra, giám sát\n", deep)
    data = tmp_path / "sau.yaml"
    data.write_text(text, encoding="utf-8")
    result = run_cli(capsys, "build", data, "-o", tmp_path / "ra")
    (found,) = [f for f in findings(result.err, data) if "cấp thứ" in f.message]
    assert result.code == 2 and found.line == text.splitlines().index("                      - tieu_de: Cấp bốn") + 1
    accept = found.hint[found.hint.index("{kiem_tra"):].rstrip(".").replace("ly_do: …", "ly_do: giữ như bản gốc")
    data.write_text(text.replace("\nchap_nhan:\n", f"\nchap_nhan:\n  - {accept}\n", 1), encoding="utf-8")
    assert run_cli(capsys, "build", data, "-o", tmp_path / "ra").code == 0  # the hint's YAML pastes as it is


@pytest.mark.parametrize("key", ["ky_truoc", "mau"])
def test_a_name_too_long_for_the_file_system_is_not_found_not_a_traceback(tmp_path, capsys, key):
    with_previous_period(SAMPLE_001, tmp_path)
    long = "tệp-kỳ-trước-" * 30 + ("yaml" if key == "ky_truoc" else "docx")
    data = tmp_path / "du-lieu.yaml"
    text = SAMPLE_001.read_text(encoding="utf-8")
    text = (edit(text, "ky_truoc: an-lao-2020-quy4.yaml", f"ky_truoc: {long}") if key == "ky_truoc"
            else edit(text, "bao_cao:\n", f"bao_cao:\n  mau: {long}\n"))
    data.write_text(text, encoding="utf-8")
    result = run_cli(capsys, "build", data, "-o", tmp_path / "ra")
    (found,) = findings(result.err, data)
    assert result.code == 2 and "không tìm thấy" in found.message and found.hint
