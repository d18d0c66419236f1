"""User mistakes reach the clerk as located Vietnamese messages, never as tracebacks.

Every case drives the `baocao` command (in-process through `generator.commands.cli.main`,
and in a few cases through a real subprocess). Broken data files are made by
copying the seed data file and editing its text, so every expected line number
is computed from the edited text rather than typed in by hand.

For each refused build the tests check: exit code 2; a finding located at
`<file>:<line>[:<column>]` on the right line; a Vietnamese message ('lỗi');
no Python traceback; and no new .docx — where a good document was built first
into the same folder, its bytes must be unchanged and no stray file left behind.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from docxtpl_lint import reader as lint_reader

from generator.commands.cli import main

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "data" / "an-lao-2023-6thang.yaml"
TEMPLATE = REPO / "templates" / "bao-cao-cchc.docx"
DATA_NAME = "bao-cao.yaml"
OUTPUT_NAME = "BC-bao-cao.docx"  # build names the document BC-<data file stem>.docx
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# --- helpers -------------------------------------------------------------------

def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def edit(text: str, old: str, new: str) -> str:
    """Replace exactly one occurrence (so an edit can never silently miss)."""
    assert text.count(old) == 1, f"the seed should hold {old!r} exactly once"
    return text.replace(old, new)


def line_of(text: str, needle: str) -> int:
    """1-based number of the only line containing `needle`."""
    hits = [i for i, line in enumerate(text.splitlines()) if needle in line]
    assert len(hits) == 1, f"{needle!r} should stand on exactly one line, found {len(hits)}"
    return hits[0] + 1


def column_of(text: str, line: int, needle: str) -> int:
    """1-based column of `needle` on 1-based `line`."""
    return text.splitlines()[line - 1].index(needle) + 1


@dataclass
class Finding:
    line: int | None
    column: int | None
    message: str
    hint: str = ""

    @property
    def text(self) -> str:
        return f"{self.message}\n{self.hint}"


def findings(stderr: str, file: Path) -> list[Finding]:
    """The findings located in `file`, parsed from `file:line:col: lỗi: message` or, in a template,
    `file [part, paragraph, …]: lỗi: message` (+ 'Cách sửa:' hint)."""
    located = re.compile(re.escape(str(file)) + r"(?::(\d+)(?::(\d+))?)?(?: \[.*?\])?: lỗi: (.*)")
    result: list[Finding] = []
    current: Finding | None = None
    for line in stderr.splitlines():
        m = located.fullmatch(line)
        if m:
            current = Finding(int(m[1]) if m[1] else None, int(m[2]) if m[2] else None, m[3])
            result.append(current)
        elif current is not None and line.startswith("    Cách sửa: "):
            current.hint = line.removeprefix("    Cách sửa: ")
        else:
            current = None
    return result


@dataclass
class Result:
    code: int | None
    out: str
    err: str


def run_cli(capsys, *argv) -> Result:
    """`baocao ARGV…` in-process. argparse ends with SystemExit; that counts as the exit code."""
    capsys.readouterr()  # drop anything printed earlier
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:
        code = exc.code
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def run_subprocess(*argv, cwd: Path, env: dict | None = None) -> Result:
    proc = subprocess.run([sys.executable, "-m", "generator", *map(str, argv)], cwd=cwd,
                          capture_output=True, timeout=120, env=env)
    return Result(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in `folder` (hidden temporaries included) with its bytes."""
    if not folder.exists():
        return {}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def copy_template(dest: Path, old: str, new: str) -> Path:
    """The stock template with one text edit inside word/document.xml."""
    with zipfile.ZipFile(TEMPLATE) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                assert xml.count(old) == 1, f"the template should hold {old!r} exactly once"
                data = xml.replace(old, new).encode("utf-8")
            dst.writestr(info, data)
    return dest


def with_template(text: str, name: str) -> str:
    """The data text with `mau: <name>` under bao_cao (a path relative to the data file)."""
    return edit(text, "  ky_hieu: BC-UBND\n", f"  ky_hieu: BC-UBND\n  mau: {name}\n")


def paragraph_texts(xml: bytes) -> list[str]:
    """The visible text of every w:p (body, tables, footnotes), in order."""
    root = ET.fromstring(xml)
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


class Project:
    """A data file in tmp_path whose output folder already holds a good build."""

    def __init__(self, tmp_path: Path, capsys):
        self.dir = tmp_path
        self.capsys = capsys
        self.data = tmp_path / DATA_NAME
        self.out = tmp_path / "out"
        self.text = seed_text()
        self.data.write_text(self.text, encoding="utf-8")
        good = run_cli(capsys, "build", self.data, "-o", self.out)
        assert good.code == 0, good.err
        assert list(snapshot(self.out)) == [OUTPUT_NAME]
        self.before = snapshot(self.out)

    def build(self, text: str) -> Result:
        self.data.write_text(text, encoding="utf-8")
        return run_cli(self.capsys, "build", self.data, "-o", self.out)

    def assert_refused(self, result: Result) -> list[Finding]:
        """Exit 2, Vietnamese, no traceback, the earlier document untouched; returns the findings."""
        assert result.code == 2, result.err
        assert "lỗi" in result.err
        assert "Traceback" not in result.err + result.out
        assert ".docx" not in result.out  # nothing reported as written
        assert snapshot(self.out) == self.before  # same files, same bytes, no leftovers
        return findings(result.err, self.data)


@pytest.fixture
def project(tmp_path, capsys) -> Project:
    return Project(tmp_path, capsys)


def only(found: list[Finding]) -> Finding:
    assert len(found) == 1, found
    return found[0]


# --- 1. YAML syntax ---------------------------------------------------------------

@pytest.mark.parametrize("old, new, line_needle, column_needle, words", [
    ("  chuc_vu: PHÓ CHỦ TỊCH", "   chuc_vu: PHÓ CHỦ TỊCH", "chuc_vu:", "chuc_vu", "cú pháp"),  # bad indent
    ("  chuc_vu: PHÓ CHỦ TỊCH", "\tchuc_vu: PHÓ CHỦ TỊCH", "chuc_vu:", "\t", "Tab"),  # a Tab, at column 1
    ("  ho_ten: Đình Văn Phú", "  ho_ten: Đình: Văn Phú", "ho_ten:", ": Văn", "dấu ':'"),  # unquoted colon
    ('    - "Lưu: VT"', '    - "Lưu: VT', '"Lưu: VT', None, "dấu nháy"),  # unclosed quote: its line
])
def test_yaml_syntax_mistakes_are_located(project, old, new, line_needle, column_needle, words):
    text = edit(project.text, old, new)
    line = line_of(text, line_needle)
    f = only(project.assert_refused(project.build(text)))
    assert words in f.message and f.line == line
    if column_needle is not None:
        assert f.column == column_of(text, line, column_needle)


# --- 2. missing key -----------------------------------------------------------------

def test_missing_required_key_names_it(project):
    text = edit(project.text, "  ho_ten: Đình Văn Phú\n", "")
    f = only(project.assert_refused(project.build(text)))
    assert "'ho_ten'" in f.message and "nguoi_ky" in f.message
    assert (f.line, f.column) == (line_of(text, "nguoi_ky:"), 1)  # the group that lacks it
    assert "ho_ten" in f.hint


# --- 3. wrong types -------------------------------------------------------------------

def test_count_written_with_thousands_dot_suggests_the_whole_number(project):
    text = edit(project.text, "tiep_nhan: 9737", "tiep_nhan: 9.737")
    line = line_of(text, "tiep_nhan:")
    f = only(project.assert_refused(project.build(text)))
    assert (f.line, f.column) == (line, column_of(text, line, "9.737"))
    assert "số nguyên" in f.message and "tiep_nhan" in f.message
    assert "9737" in f.hint


@pytest.mark.parametrize("value", ["chín nghìn", '"9636"'])
def test_text_where_a_count_is_needed(project, value):
    text = edit(project.text, "dung_han: 9636", f"dung_han: {value}")
    line = line_of(text, "dung_han:")
    f = only(project.assert_refused(project.build(text)))
    assert (f.line, f.column) == (line, column_of(text, line, value))
    assert "số nguyên" in f.message and "dung_han" in f.message
    assert value.strip('"') in f.message


def test_text_where_a_year_is_needed(project):
    text = edit(project.text, "    nam: 2023", '    nam: "hai nghìn"')
    line = line_of(text, "nam: ")
    f = only(project.assert_refused(project.build(text)))
    assert (f.line, f.column) == (line, column_of(text, line, '"hai'))
    assert "số nguyên" in f.message and "ky.nam" in f.message


@pytest.mark.parametrize("typed, meant", [("9.730", "9730"), ("2.000", "2000"), ("1.234.567", "1234567")])
def test_every_thousands_separated_count_suggests_the_whole_number(project, typed, meant):
    text = edit(project.text, "tiep_nhan: 9737", f"tiep_nhan: {typed}")
    f = only(project.assert_refused(project.build(text)))
    assert f.line == line_of(text, "tiep_nhan:")
    assert meant in f.hint


def test_text_where_an_amount_is_needed_is_one_finding(project):
    text = edit(project.text, "ke_hoach: 281318", 'ke_hoach: "281.318"')
    line = line_of(text, 'ke_hoach: "281.318"')
    found = project.assert_refused(project.build(text))
    assert [f.line for f in found] == [line]
    assert "số nguyên" not in found[0].message


def test_impossible_date_is_located(project):
    text = edit(project.text, "den_ngay: 2023-06-12", "den_ngay: 2023-02-30")
    line = line_of(text, "den_ngay:")
    f = only(project.assert_refused(project.build(text)))
    assert (f.line, f.column) == (line, column_of(text, line, "2023-02-30"))
    assert "ngày có thật" in f.message


# --- 4. unknown keys -------------------------------------------------------------------

def test_top_level_typo_suggests_the_key(project):
    text = edit(project.text, "\nnguoi_ky:\n", "\nnguoi_kí:\n")
    found = project.assert_refused(project.build(text))
    typo = [f for f in found if "nguoi_kí" in f.message]
    assert len(found) == len(typo) == 1  # not also "thiếu khóa 'nguoi_ky'": the hint already names it
    assert (typo[0].line, typo[0].column) == (line_of(text, "nguoi_kí:"), 1)
    assert "có phải ý bạn là 'nguoi_ky'?" in typo[0].hint


def test_nested_typo_suggests_the_key(project):
    text = edit(project.text, "tiep_nhan: 9737", "tiep_nhann: 9737")
    line = line_of(text, "tiep_nhann:")
    found = project.assert_refused(project.build(text))
    typo = [f for f in found if "tiep_nhann" in f.message]
    assert len(found) == len(typo) == 1
    assert (typo[0].line, typo[0].column) == (line, column_of(text, line, "tiep_nhann"))
    assert "có phải ý bạn là 'tiep_nhan'?" in typo[0].hint


# --- 5. derived keys ---------------------------------------------------------------------

@pytest.mark.parametrize("after, key, value", [
    ("        chua_den_han: 101\n", "ty_le_dung_han", "99.9"),
    ("        giai_ngan: 71869\n", "ty_le_giai_ngan", "25.55"),
], ids=["ty_le_dung_han", "ty_le_giai_ngan"])
def test_derived_key_typed_by_hand_is_refused(project, after, key, value):
    indent = after[: len(after) - len(after.lstrip())]
    text = edit(project.text, after, f"{after}{indent}{key}: {value}\n")
    line = line_of(text, f"{key}:")
    f = only(project.assert_refused(project.build(text)))
    assert (f.line, f.column) == (line, column_of(text, line, key))
    assert f"'{key}'" in f.message
    assert "tính tự động" in f.hint and "xóa dòng này" in f.hint


# --- 6. several problems at once ----------------------------------------------------------

def test_independent_mistakes_are_all_reported_in_one_run(project):
    text = edit(project.text, "tiep_nhan: 9737", "tiep_nhan: 9.737")
    text = edit(text, "in_o_dau: false", 'in_o_dau: "không"')
    text = edit(text, "loai: 6thang\n", "loai: 6thangg\n")
    expected = {line_of(text, "tiep_nhan:"), line_of(text, "in_o_dau:"), line_of(text, "loai: 6thangg")}
    found = project.assert_refused(project.build(text))
    assert len(found) == 3
    assert {f.line for f in found} == expected
    assert all(f.column is not None for f in found)


# --- 7. duplicate keys ------------------------------------------------------------------------

def test_duplicate_key_points_at_the_second_occurrence(project):
    text = edit(project.text, "  chuc_vu: PHÓ CHỦ TỊCH\n", "  chuc_vu: PHÓ CHỦ TỊCH\n  chuc_vu: CHỦ TỊCH\n")
    first = line_of(text, "chuc_vu: PHÓ")
    second = line_of(text, "chuc_vu: CHỦ")
    f = only(project.assert_refused(project.build(text)))
    assert (f.line, f.column) == (second, column_of(text, second, "chuc_vu"))
    assert "'chuc_vu'" in f.message and f"dòng {first}" in f.message


# --- 8. templates that cannot be used -----------------------------------------------------

def test_missing_template_is_named_at_its_line(project):
    text = with_template(project.text, "khong-co.docx")
    result = project.build(text)
    project.assert_refused(result)
    f = only(findings(result.err, project.data))  # located where the data file names it, so check sees it too
    assert "không tìm thấy tệp mẫu 'khong-co.docx'" in f.message and "mau" in f.hint
    assert f.line == next(i for i, line in enumerate(text.splitlines(), 1) if "khong-co.docx" in line)
    checked = run_cli(project.capsys, "check", project.data)
    assert checked.code == 2 and "không tìm thấy tệp mẫu" in checked.out


def test_the_retired_generic_template_is_named_with_its_fix(project):
    """One report format: the generic template of older versions is gone; a file naming it is told why."""
    text = with_template(project.text, "../templates/bao-cao-chung.docx")
    result = project.build(text)
    project.assert_refused(result)
    f = only(findings(result.err, project.data))
    assert "đã được gộp vào mẫu bao-cao-cchc.docx" in f.message and "xóa dòng mau" in f.hint


def test_template_that_is_not_a_docx_is_named(project):
    (project.dir / "x.docx").write_text("Đây là văn bản thường, không phải tệp Word.\n", encoding="utf-8")
    result = project.build(with_template(project.text, "x.docx"))
    project.assert_refused(result)
    f = only(findings(result.err, project.dir / "x.docx"))
    assert ".docx" in f.message and "mẫu" in f.message


# --- 9. inline markup ---------------------------------------------------------------------

def test_unclosed_footnote_is_located_inside_the_block(project):
    needle = "^[Toàn huyện: 45 cuộc"
    text = edit(project.text, "4243 lượt người tham dự]", "4243 lượt người tham dự")
    line = line_of(text, needle)
    assert line > line_of(text, "the_che: |") + 1  # not the block's first line: the offset matters
    f = only(project.assert_refused(project.build(text)))
    assert f.line == line
    assert "^[" in f.message and "the_che" in f.message


def test_unclosed_footnote_on_the_first_line_of_a_block(project):
    text = edit(project.text, "    Thực hiện chế độ báo cáo", "    ^[Thực hiện chế độ báo cáo")
    line = line_of(text, "^[Thực hiện")
    f = only(project.assert_refused(project.build(text)))
    assert "^[" in f.message and "mo_dau" in f.message
    assert f.line == line


# --- 10. data file that does not exist ---------------------------------------------------

def test_missing_data_file(tmp_path, capsys):
    missing = tmp_path / "khong-ton-tai.yaml"
    out = tmp_path / "out"
    result = run_cli(capsys, "build", missing, "-o", out)
    assert result.code == 2
    assert "Traceback" not in result.err + result.out
    f = only(findings(result.err, missing))
    assert "không tìm thấy" in f.message
    assert snapshot(out) == {}


# --- 11. data is never evaluated; templates are sandboxed -------------------------------

PAYLOAD = "{{ 7*7 }} {% if true %}x{% endif %} <w:t>&amp;"


def test_template_syntax_in_data_is_printed_literally(project):
    text = edit(project.text, "  ho_ten: Đình Văn Phú", f"  ho_ten: 'Đình Văn Phú {PAYLOAD}'")
    text = edit(text, "    Thực hiện chế độ báo cáo cải cách hành chính định kỳ,",
                f"    Thực hiện chế độ báo cáo^[Chú thích {PAYLOAD}] {PAYLOAD} cải cách hành chính định kỳ,")
    result = project.build(text)
    assert result.code == 0, result.err
    with zipfile.ZipFile(project.out / OUTPUT_NAME) as docx:
        body = paragraph_texts(docx.read("word/document.xml"))
        notes = paragraph_texts(docx.read("word/footnotes.xml"))

    # a plain string field: the signer's name, exactly as typed
    assert f"Đình Văn Phú {PAYLOAD}" in body
    # a prose field: the literal stands where it was typed, nothing evaluated
    prose = [p for p in body if p.startswith("Thực hiện chế độ báo cáo")]
    assert len(prose) == 1
    assert f"Thực hiện chế độ báo cáo {PAYLOAD} cải cách" in prose[0]
    assert "49" not in prose[0] and "báo cáo x " not in prose[0]
    # footnote text, which never passes through Jinja either
    assert any(f"Chú thích {PAYLOAD}" in n for n in notes)


def test_sandbox_escape_in_template_is_refused(project):
    copy_template(project.dir / "doc-hai.docx", "{{ nk.chuc_vu }}",
                  "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    result = project.build(with_template(project.text, "doc-hai.docx"))
    project.assert_refused(result)
    f = only(findings(result.err, project.dir / "doc-hai.docx"))
    assert "không được phép" in f.message
    assert "<class " not in result.err  # nothing of the object graph leaks out


# --- 12. misspelt template variable ------------------------------------------------------

def test_misspelt_template_variable_is_named(project):
    copy_template(project.dir / "sai-ten.docx", "{{ nk.ho_ten }}", "{{ nk.ho_tenn }}")
    result = project.build(with_template(project.text, "sai-ten.docx"))
    project.assert_refused(result)
    f = only(findings(result.err, project.dir / "sai-ten.docx"))
    assert "ho_tenn" in f.message and "biến" in f.message


# --- 13. usage and help ---------------------------------------------------------------------

@pytest.mark.parametrize("argv", [[], ["build"]], ids=["no-command", "build-without-data"])
def test_usage_errors_are_vietnamese(capsys, argv):
    result = run_cli(capsys, *argv)
    assert result.code == 2
    assert "Cách dùng: baocao" in result.err and "lỗi" in result.err and "thiếu đối số" in result.err
    assert "usage:" not in result.err and "error:" not in result.err
    assert "Traceback" not in result.err + result.out


@pytest.mark.parametrize("argv", [["--help"], ["build", "--help"]], ids=["baocao", "build"])
def test_help_is_vietnamese(capsys, argv):
    result = run_cli(capsys, *argv)
    assert result.code == 0
    assert result.out.startswith("Cách dùng: baocao")
    assert "tùy chọn" in result.out and "hiện hướng dẫn này rồi thoát" in result.out
    assert "usage:" not in result.out and "show this help" not in result.out


# --- more than one data file ----------------------------------------------------------------

def test_bad_data_file_does_not_stop_the_good_one(tmp_path, capsys):
    good, bad = tmp_path / "tot.yaml", tmp_path / "hong.yaml"
    text = seed_text()
    good.write_text(text, encoding="utf-8")
    bad_text = edit(text, "tiep_nhan: 9737", "tiep_nhan: 9.737")
    bad.write_text(bad_text, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(capsys, "build", bad, good, "-o", out)
    assert result.code == 2
    assert list(snapshot(out)) == ["BC-tot.docx"]
    assert only(findings(result.err, bad)).line == line_of(bad_text, "tiep_nhan:")


# --- a real process: no traceback ever reaches the clerk -------------------------------------

@pytest.mark.parametrize("breakage", ["yaml", "schema", "template", "missing-file"])
def test_subprocess_reports_without_traceback(tmp_path, breakage):
    data = tmp_path / DATA_NAME
    out = tmp_path / "out"
    text = seed_text()
    data.write_text(text, encoding="utf-8")
    first = run_subprocess("build", data, "-o", out, cwd=tmp_path)
    assert first.code == 0, first.err
    before = snapshot(out)
    assert list(before) == [OUTPUT_NAME]

    where, line = data, None
    if breakage == "yaml":
        text = edit(text, "  chuc_vu: PHÓ CHỦ TỊCH", "   chuc_vu: PHÓ CHỦ TỊCH")
        line = line_of(text, "chuc_vu:")
    elif breakage == "schema":
        text = edit(text, "tiep_nhan: 9737", "tiep_nhan: 9.737")
        line = line_of(text, "tiep_nhan:")
    elif breakage == "template":
        copy_template(tmp_path / "doc-hai.docx", "{{ nk.chuc_vu }}", "{{ ''.__class__.__mro__ }}")
        text = with_template(text, "doc-hai.docx")
        where = tmp_path / "doc-hai.docx"
    else:
        where = data = tmp_path / "khong-ton-tai.yaml"
    if breakage != "missing-file":
        data.write_text(text, encoding="utf-8")

    result = run_subprocess("build", data, "-o", out, cwd=tmp_path)
    assert result.code == 2
    assert "Traceback" not in result.err + result.out
    assert "lỗi" in result.err
    f = only(findings(result.err, where))
    assert f.line == line
    assert snapshot(out) == before


@pytest.mark.parametrize("env_extra", [{}, {"LC_ALL": "C", "LANG": "C"}], ids=["default-locale", "C-locale"])
def test_subprocess_usage_error_without_traceback(tmp_path, env_extra):
    env = {**os.environ, **env_extra}
    env.pop("PYTHONIOENCODING", None)
    result = run_subprocess(cwd=tmp_path, env=env)
    assert result.code == 2
    assert "Cách dùng: baocao" in result.err and "lỗi" in result.err
    assert "Traceback" not in result.err + result.out


@pytest.mark.skipif(shutil.which("baocao", path=str(Path(sys.executable).parent)) is None,
                    reason="the baocao console script is not installed next to this Python")
def test_console_script_without_arguments(tmp_path):
    script = shutil.which("baocao", path=str(Path(sys.executable).parent))
    proc = subprocess.run([script], cwd=tmp_path, capture_output=True, timeout=120)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2
    assert "Cách dùng: baocao" in err and "Traceback" not in err


# --- found in review: values that used to crash or print wrong -------------------------------

@pytest.mark.parametrize("typed, words", [('"BC UBND"', "ký hiệu"), ('"125/BC-UBND"', "ký hiệu"), ('""', "ký hiệu")])
def test_bad_document_symbol_is_located(project, typed, words):
    text = edit(project.text, "  ky_hieu: BC-UBND", f"  ky_hieu: {typed}")
    line = line_of(text, f"ky_hieu: {typed}")  # the cited documents (van_ban) have ky_hieu lines too
    f = only(project.assert_refused(project.build(text)))
    assert f.line == line and words in f.message


@pytest.mark.parametrize("typed", [".inf", ".nan", "1000000000000000000000000000000"])
def test_impossible_amount_is_located(project, typed):
    text = edit(project.text, "giai_ngan: 71869", f"giai_ngan: {typed}")
    f = only(project.assert_refused(project.build(text)))
    assert f.line == line_of(text, "giai_ngan:") and "giai_ngan" in f.message


def test_missing_level_of_the_issuing_body_is_refused(project):
    text = edit(project.text, "  cap: huyện\n", "")
    f = only(project.assert_refused(project.build(text)))
    assert "'cap'" in f.message and f.line == text.splitlines().index("co_quan:") + 1


def test_number_on_a_half_year_period_is_blamed_on_the_data(project):
    text = edit(project.text, "    loai: 6thang\n", "    loai: 6thang\n    so: 2\n")
    f = only(project.assert_refused(project.build(text)))
    assert f.line == line_of(text, "loai: 6thang") and "chỉ kỳ tháng và kỳ quý" in f.message


def test_empty_list_item_is_refused(project):
    text = edit(project.text, "  phuong_huong:\n", "  phuong_huong:\n    - ''\n")
    f = only(project.assert_refused(project.build(text)))
    assert f.line == line_of(text, "    - ''") and "trống" in f.message


def test_data_file_that_is_not_a_mapping(project):
    f = only(project.assert_refused(project.build("- a\n- b\n")))
    assert "nhóm khóa" in f.message and "''" not in f.message


def test_emphasis_left_open_is_located(project):
    text = edit(project.text, "Thực hiện chế độ báo cáo cải cách hành chính định kỳ,",
                "Thực hiện **chế độ báo cáo cải cách hành chính định kỳ,")
    f = only(project.assert_refused(project.build(text)))
    assert f.line == line_of(text, "Thực hiện **chế độ") and "dấu '*'" in f.message


@pytest.mark.parametrize("expression, words", [("{{ 1/0 }}", "chia cho 0"), ("{{ bc.kinh_gui + 1 }}", "không đúng kiểu"),
                                               ("{{ range(10**9)|list }}", "lặp quá 10.000 lần bằng range()")])
def test_failing_template_expression_is_reported(project, expression, words):
    copy_template(project.dir / "bieu-thuc.docx", "{{ nk.chuc_vu }}", expression)
    result = project.build(with_template(project.text, "bieu-thuc.docx"))
    project.assert_refused(result)
    # the template is named, not the data, and the paragraph and cell of the failing tag
    para = next(p for p in lint_reader.iter_paragraphs(TEMPLATE) if "{{ nk.chuc_vu }}" in p.text)
    assert f"bieu-thuc.docx [thân văn bản, đoạn {para.index}, bảng 2 hàng 1 ô 2, «{expression}»]: lỗi:" in result.err
    assert words in result.err


def test_footnote_in_a_page_header_is_refused(project):
    dst = project.dir / "dau-trang-2.docx"
    with zipfile.ZipFile(TEMPLATE) as a, zipfile.ZipFile(dst, "w") as b:
        for info in a.infolist():
            data = a.read(info.filename)
            if b"<w:t>2</w:t>" in data:  # the page-number header: prose with a footnote goes there
                data = data.replace(b"<w:t>2</w:t>", b"<w:t>{{ bc.mo_dau|cau }}</w:t>")
            b.writestr(info, data)
    text = edit(with_template(project.text, "dau-trang-2.docx"), "Thực hiện chế độ báo cáo cải",
                "Thực hiện^[chú thích] chế độ báo cáo cải")
    result = project.build(text)
    assert result.code == 2 and "dau-trang-2.docx: lỗi:" in result.err and "đầu trang" in result.err
