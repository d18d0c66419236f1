"""Nothing a data file holds, nor a path a clerk types, can crash, hang or exhaust the machine: each
case below — the hostile inputs of issue 18 — ends in a located Vietnamese message with its fix,
exit code 2, within 60 s under a 2 GB address-space limit, the earlier output untouched
(tests/hostile.py runs the command in a process of its own).
"""

from __future__ import annotations

import os
import struct
import zipfile
import zlib

import pytest

import hostile
from conftest import REPO
from hostile import edit, line_of, located, sample_text, under_report


def only(found):
    assert len(found) == 1, found
    return found[0]


# --- reading: size, special files, YAML amplification, nesting --------------------------------

def test_yaml_nested_a_thousand_levels_deep_is_located(folder):
    text = "co_quan: " + "[" * 1000 + "]" * 1000 + "\n"
    line, _ = only(folder.refused(folder.build(text), "lồng nhau quá sâu"))
    assert located(line) == (1, 10 + 64)  # where the 65th level opens


def test_block_nesting_deep_is_located(folder):
    text = "".join("  " * k + f"k{k}:\n" for k in range(100)) + "  " * 100 + "v: 1\n"
    line, _ = only(folder.refused(folder.build(text), "lồng nhau quá sâu"))
    assert located(line)[0] == 66


def test_a_long_text_aliased_many_times_is_refused_quickly(folder):
    """A 1 MB anchored text aliased 150 times: 150 million characters; refused at the alias that
    passes the budget, and each text is checked once, not once per alias."""
    text = "co_quan: &s " + "x" * 1_000_000 + "\nnguoi_ky: [" + ", ".join(["*s"] * 150) + "]\n"
    line, _ = only(folder.refused(folder.build(text), "quá nhiều chữ"))
    assert located(line) == (1, 10)  # the aliased text (an alias is the anchored value itself)


def test_an_alias_bomb_is_refused(folder):
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    folder.refused(folder.build("\n".join(levels) + "\n"), "quá nhiều giá trị")


def test_a_data_file_over_the_size_limit_is_refused_unread(folder):
    folder.data.write_bytes(b"# " + b"x" * (5 * 1024 * 1024) + b"\n")
    folder.refused(folder.build(), "tệp số liệu quá lớn", "tối đa 4 MB")


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_device_as_the_data_file_is_named(folder, command):
    result = hostile.run(command, "/dev/zero", "-o", folder.out, cwd=folder.dir, fresh=True) if command == "build" \
        else hostile.run(command, "/dev/zero", cwd=folder.dir)
    hostile.assert_refused(result, "thiết bị")
    assert hostile.tree(folder.out) == folder.before


def test_a_fifo_and_a_folder_as_the_data_file_are_named(folder):
    fifo = folder.dir / "ong.yaml"
    os.mkfifo(fifo)
    folder.refused(hostile.run("build", fifo, "-o", folder.out, cwd=folder.dir), "đường ống (FIFO)")
    (folder.dir / "thu-muc.yaml").mkdir()
    folder.refused(hostile.run("build", folder.dir / "thu-muc.yaml", "-o", folder.out, cwd=folder.dir), "thư mục")


def test_a_fifo_where_the_document_goes_is_named_not_read(folder):
    """A FIFO in place of the document (or of a kept version) would block a read for ever."""
    (folder.out / hostile.OUTPUT).unlink()
    os.mkfifo(folder.out / hostile.OUTPUT)
    folder.before = hostile.tree(folder.out)
    folder.data.write_text(sample_text(), encoding="utf-8")
    folder.refused(hostile.run("build", folder.data, "-o", folder.out, cwd=folder.dir), "không phải tệp thường")
    marked = folder.dir / "thay-doi.docx"
    os.mkfifo(marked)
    result = hostile.run("diff", hostile.SAMPLE, folder.data, "--docx", marked, cwd=folder.dir)
    assert result.code == 0 and marked.is_file(), result.text


@pytest.mark.parametrize("key, kind, words", [
    ("mau", "folder", "đây là một thư mục, không phải tệp mẫu"),
    ("mau", "fifo", "đường ống (FIFO), không phải tệp mẫu"),
    ("mau", "long", "quá dài"),
    ("ky_truoc", "fifo", "đường ống (FIFO), không phải tệp số liệu kỳ trước"),
    ("ky_truoc", "folder", "đây là một thư mục"),
    ("ky_truoc", "long", "quá dài"),
])
def test_a_template_or_previous_period_that_is_no_file_is_named_at_its_line(folder, key, kind, words):
    name = {"folder": "ten", "fifo": "ten", "long": "x" * 300}[kind] + (".docx" if key == "mau" else ".yaml")
    if kind == "folder":
        (folder.dir / name).mkdir()
    elif kind == "fifo":
        os.mkfifo(folder.dir / name)
    text = under_report(sample_text(), f"{key}: {name}")
    line, fix = only(folder.refused(folder.build(text), words))
    row = line_of(text, f"{key}: ")
    assert located(line)[0] == row and key in fix + line


def test_a_zip_bomb_template_is_refused_before_it_inflates(folder):
    """A template whose document.xml inflates to 70 MB of zeros (a thousand to one)."""
    bomb = folder.dir / "bom.docx"
    with zipfile.ZipFile(hostile.TEMPLATE) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename) if info.filename != "word/document.xml"
                         else b"<" + b"\0" * (70 * 1024 * 1024))
    folder.refused(folder.build(under_report(sample_text(), "mau: bom.docx")), "bung ra quá lớn")
    hostile.assert_refused(hostile.run("template", "check", bomb, cwd=folder.dir), "bung ra quá lớn")
    hostile.assert_refused(hostile.run("diff", bomb, hostile.SAMPLE, cwd=folder.dir), "bung ra quá lớn")


@pytest.mark.parametrize("kind, words", [("bomb", "bung ra quá lớn"), ("lying", "không phải bảng tính .xlsx hợp lệ"),
                                         ("fifo", "đường ống (FIFO)")])
def test_a_hostile_workbook_a_table_reads_is_refused_before_it_inflates(folder, kind, words):
    """A workbook is an input too (excel: {tep: …}): a zip bomb, a part lying about its size, a FIFO."""
    book = folder.dir / "so-lieu.xlsx"
    if kind == "fifo":
        os.mkfifo(book)
    else:
        made = folder.dir / "lam.xlsx"
        with zipfile.ZipFile(made, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("xl/workbook.xml", "<workbook/>")
            z.writestr("xl/worksheets/sheet1.xml", b"<" + b"\0" * (70 * 1024 * 1024) if kind == "bomb" else b"<x/>" * 1000)
        if kind == "lying":
            _declaring(book, "xl/worksheets/sheet1.xml", 10, source=made)
        else:
            made.rename(book)
    text = edit(sample_text(), "  noi_nhan:\n", "  noi_dung:\n    - tieu_de: KẾT QUẢ\n      noi_dung:\n        - bang:\n"
                "            kieu: ho_so_linh_vuc\n            excel: {tep: so-lieu.xlsx, trang: Hồ sơ}\n  noi_nhan:\n")
    folder.refused(folder.build(text), words)


def _declaring(path, name: str, declared: int, source=hostile.TEMPLATE):
    """A copy of `source` whose part `name` declares `declared` bytes inflated (a lying header)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
    with zipfile.ZipFile(path) as z:
        real = z.getinfo(name).file_size
    data = path.read_bytes()
    assert data.count(struct.pack("<I", real)) == 2  # the local header and the central directory
    path.write_bytes(data.replace(struct.pack("<I", real), struct.pack("<I", declared)))
    return path


@pytest.mark.parametrize("declared, words", [(3_000_000_000, "bung ra quá lớn"), (1000, "không phải tệp Word")])
def test_a_template_lying_about_its_size_is_refused(folder, declared, words):
    _declaring(folder.dir / "noi-doi.docx", "word/document.xml", declared)
    folder.refused(folder.build(under_report(sample_text(), "mau: noi-doi.docx")), words)


def test_diff_of_a_docx_with_one_corrupted_byte_in_a_deflate_stream(folder):
    good = folder.out / hostile.OUTPUT
    broken = folder.dir / "hong.docx"
    with zipfile.ZipFile(good) as z:
        info = z.getinfo("word/document.xml")
    data = bytearray(good.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    broken.write_bytes(bytes(data))
    with pytest.raises((zipfile.BadZipFile, zlib.error)):
        zipfile.ZipFile(broken).read("word/document.xml")  # really broken
    hostile.assert_refused(hostile.run("diff", good, broken, cwd=folder.dir), "không phải tệp Word .docx hợp lệ")


# --- numbers ------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, words", [
    ("1e-300", "quá nhiều chữ số sau dấu thập phân"),
    ("1e308", "không được lớn hơn 1.000.000.000.000.000"),
    ("0", "phải lớn hơn 0"),
    ("9" * 5000, "có hơn 100 chữ số"),
])
def test_an_amount_out_of_its_range_is_located(folder, typed, words):
    text = edit(sample_text(), "ke_hoach: 281318", f"ke_hoach: {typed}")
    line, _ = only(folder.refused(folder.build(text), words))
    assert located(line) == (line_of(text, "ke_hoach: " + typed[:10]), 19)


@pytest.mark.parametrize("old, new, words", [
    ("tre_han: 7", "tre_han: -7", "không âm"),
    ("tiep_nhan: 9737", "tiep_nhan: " + "9" * 5000, "có hơn 100 chữ số"),
    ("tiep_nhan: 9737", "tiep_nhan: 10000000000000000000000000000000000000000", "không được lớn hơn"),
])
def test_a_count_out_of_its_range_is_located(folder, old, new, words):
    text = edit(sample_text(), old, new)
    line, _ = only(folder.refused(folder.build(text), words))
    assert located(line)[0] == line_of(text, new[:20])


@pytest.mark.parametrize("cell, words", [("truc_tiep: 56", "số đếm quá lớn"), ("truc_tiep: 56.5", "cần một số nguyên")])
def test_a_table_cell_out_of_its_range_is_located(folder, cell, words):
    text = (REPO / "data" / "kim-thach-2023-6thang.yaml").read_text(encoding="utf-8")
    text = edit(text, "truc_tiep: 56,", cell.replace("56", "10000000000000000000000000000000000000000") + ",")
    line, _ = only(folder.refused(folder.build(text), words))
    assert located(line)[0] == line_of(text, "truc_tiep: 1000")


# --- names --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, words", [
    ("x" * 238, "dài tối đa 200 byte"), ("ả" * 100, "dài tối đa 200 byte"), ("x" * 300, "dài tối đa 200 byte"),
    ('"   "', "đang trống"), ("CON", "tên thiết bị của Windows"), ("nul.txt", "tên thiết bị"),
    ("bao-cao.", "kết thúc bằng dấu chấm"),
])
def test_a_file_name_that_cannot_be_written_everywhere_is_refused_at_its_line(folder, name, words):
    text = under_report(sample_text(), f"ten_tep: {name}")
    line, fix = only(folder.refused(folder.build(text), "ten_tep"))
    assert located(line)[0] == line_of(text, "ten_tep:") and words in line + fix


def test_the_longest_file_name_builds_again_and_again(folder):
    """200 bytes is the limit: the document, its kept versions and temporary files all fit."""
    text = under_report(sample_text(), "ten_tep: " + "x" * 200)
    for signer in ("Đình Văn Phú", "Đinh Văn Phú", "Đình Văn Phú"):
        result = folder.build(edit(text, "ho_ten: Đình Văn Phú", f"ho_ten: {signer}"))
        assert result.code == 0, result.err
    assert len(list((folder.out / ".truoc").glob("x*.docx"))) == 2


def test_an_over_long_path_on_the_command_line_is_a_message(folder):
    long = "y" * 300
    hostile.assert_refused(hostile.run("build", folder.dir / f"{long}.yaml", cwd=folder.dir), "quá dài")
    folder.data.write_text(sample_text(), encoding="utf-8")
    hostile.assert_refused(hostile.run("build", folder.data, "-o", folder.dir / long, cwd=folder.dir), "quá dài")
    hostile.assert_refused(hostile.run("diff", folder.data, folder.data, "--docx", folder.dir / f"{long}.docx",
                                       cwd=folder.dir), "quá dài")
    hostile.assert_refused(hostile.run("template", "check", folder.dir / f"{long}.docx", cwd=folder.dir), "quá dài")
    hostile.assert_refused(hostile.run("build", "--watch", folder.dir / f"{long}.yaml", cwd=folder.dir), "quá dài")
    stem = "z" * 250  # a data file name that fits, a document name (BC-….docx) that does not
    (folder.dir / f"{stem}.yaml").write_text(sample_text(), encoding="utf-8")
    hostile.assert_refused(hostile.run("build", folder.dir / f"{stem}.yaml", "-o", folder.out, cwd=folder.dir),
                           "tên văn bản quá dài", "ten_tep")
    assert hostile.tree(folder.out) == folder.before


# --- messages: Vietnamese, each with its fix ----------------------------------------------------

@pytest.mark.parametrize("old, new, words", [
    ("  ho_ten: Đình Văn Phú", "  ho_ten: !!python/object/apply:os.system [echo]", "thẻ YAML"),
    ("  ky_hieu: BC-UBND\n", "  ky_hieu: BC-UBND\n  ky_truoc: ''\n", "đang trống"),
    ("    ngay: 29/12/2022", "    ngay: 31/02/2023", "không có ngày 31"),
    ("  ho_ten: Đình Văn Phú", "  ho_ten: Đình Văn Phú\n  ho_ten: Lê", "khai báo hai lần"),
    ("  ho_ten: Đình Văn Phú", "  ho_ten: @Đình", "không được đứng đầu"),
    ("  ho_ten: Đình Văn Phú", "  ho_ten: \"Đình \\q\"", "dấu \\"),
    ("  ho_ten: Đình Văn Phú", "  ho_ten: [Đình", "thiếu dấu"),
    ("  ho_ten: Đình Văn Phú", "  ho_ten: *khong_co", "bí danh"),
    ("  ho_ten: Đình Văn Phú", "  ho_ten: !!int 0x1F", "không đọc được thành một số nguyên"),
])
def test_every_message_is_vietnamese_with_its_fix(folder, old, new, words):
    only(folder.refused(folder.build(edit(sample_text(), old, new)), words))


# --- invisible characters -----------------------------------------------------------------------

@pytest.mark.parametrize("name, code", [("Đình\u200b Văn Phú", "U+200B"), ("\u202eĐình Văn Phú", "U+202E"),
                                        ("Đình \u200dVăn Phú", "U+200D"), ("Đình Văn Phú\u2066", "U+2066")])
def test_an_invisible_character_in_the_data_is_refused_where_it_stands(folder, name, code):
    text = edit(sample_text(), "ho_ten: Đình Văn Phú", f"ho_ten: {name}")
    line, _ = only(folder.refused(folder.build(text), code))
    row = line_of(text, "ho_ten: ")
    invisible = next(ch for ch in name if ch in "\u200b\u202e\u200d\u2066")
    assert located(line) == (row, text.splitlines()[row - 1].index(invisible) + 1)


@pytest.mark.parametrize("escape, code", [("\\u202e", "U+202E"), ("\\uFFFE", "U+FFFE"), ("\\uFFFF", "U+FFFF")])
def test_an_invisible_character_written_as_an_escape_is_refused_at_its_value(folder, escape, code):
    """A format character, or a code that is no character at all (XML could not hold it)."""
    text = edit(sample_text(), "ho_ten: Đình Văn Phú", f'ho_ten: "{escape}Đình Văn Phú"')
    line, _ = only(folder.refused(folder.build(text), code))
    assert located(line) == (line_of(text, "ho_ten: "), 11)


def test_a_joiner_inside_a_word_is_a_located_warning(folder):
    text = edit(sample_text(), "ho_ten: Đình Văn Phú", "ho_ten: Đì\u200dnh Văn Phú")
    result = folder.build(text)
    assert result.code == 0, result.err
    warning = next(line for line in result.err.splitlines() if "U+200D" in line)
    assert ": cảnh báo: " in warning and located(warning) == (line_of(text, "ho_ten: "), 13)
