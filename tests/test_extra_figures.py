"""New figures without a programmer: the editors' guide's walk-through (docs/huong-dan-sua-mau.md, mục
12) done step by step on copies — a figure added to the data file's so_lieu_them, a sentence using it
added to the template as Word stores it, checked, built — and what goes wrong on the way."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from docx import Document
from lxml import etree

from conftest import REPO, texts
from generator.commands.cli import main
from generator.schema import schema as data_file_schema
from test_schema import _as_json
from test_template_structure import W, _paragraphs, _text, edited

GUIDE = (REPO / "docs" / "huong-dan-sua-mau.md").read_text(encoding="utf-8")
SECTION = GUIDE[GUIDE.index("## 12."):GUIDE.index("## 13.")]
EXAMPLE = REPO / "docs" / "vi-du" / "so-lieu-them.yaml"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def step_1_data(tmp_path: Path, snippet: str | None = None) -> Path:
    """The guide's step 1: its so_lieu_them snippet added to a data file (the example's, without it)."""
    snippet = snippet or re.search(r"```yaml\n(so_lieu_them:.*?)```", SECTION, re.S).group(1)
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index("so_lieu_them:")
    text = text[:start] + text[text.index("bao_cao:"):]  # the example, as it was before step 1
    text = text.replace("bao_cao:\n", snippet + "\nbao_cao:\n", 1).replace("mau-so-lieu-them.docx", "mau.docx")
    path = tmp_path / "so-lieu.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def step_2_template(tmp_path: Path, sentence: str | None = None) -> Path:
    """The guide's step 2: its sentence typed into the shipped template after the hồ sơ sentence, the
    tag in two runs with a spell-check mark between them, as Word keeps it."""
    sentence = sentence or re.search(r"\n    (- Số hồ sơ nộp trực tuyến toàn trình: \{\{.*?\}\} hồ sơ\.)\n", SECTION).group(1)
    head, tail = sentence.split("{{ sl.", 1)

    def add(root):
        paras = _paragraphs(root)
        at = next(k for k, p in enumerate(paras) if _text(p).startswith("- Kết quả giải quyết hồ sơ TTHC"))
        paras[at].addnext(etree.fromstring(
            f'<w:p xmlns:w="{W}"><w:r><w:t xml:space="preserve">{head}{{{{ sl.</w:t></w:r>'
            f'<w:proofErr w:type="spellStart"/><w:r><w:rPr><w:lang w:val="en-US"/></w:rPr>'
            f'<w:t xml:space="preserve">{tail}</w:t></w:r><w:proofErr w:type="spellEnd"/></w:p>'))
    template = edited(tmp_path, "mau.docx", add)
    return template


def test_the_guide_walk_through(tmp_path, capsys):
    data, template = step_1_data(tmp_path), step_2_template(tmp_path)
    code, out, _ = run(capsys, "template", "vars", "--data", data)  # step 3
    assert code == 0
    assert "  sl.ho_so_truc_tuyen_toan_trinh\n      Số hồ sơ nộp trực tuyến toàn trình trong kỳ\n      ví dụ: 412" in out
    code, out, _ = run(capsys, "template", "check", template, "--data", data)
    assert code == 0 and out.strip() == f"{template}: không thấy lỗi nào."
    code, out, err = run(capsys, "template", "check", template)  # without data, any sl.<name> is taken
    assert code == 0, out
    code, out, err = run(capsys, "build", data, "-o", tmp_path / "ra")  # step 4
    assert code == 0 and "không in ra" not in err
    printed = texts(Document(tmp_path / "ra" / "BC-so-lieu.docx"))
    at = next(k for k, t in enumerate(printed) if t.startswith("- Kết quả giải quyết hồ sơ TTHC"))
    assert printed[at + 1] == "- Số hồ sơ nộp trực tuyến toàn trình: 412 hồ sơ."


def test_a_name_misspelt_in_the_template_is_found_with_the_data_and_at_build(tmp_path, capsys):
    data = step_1_data(tmp_path)
    template = step_2_template(tmp_path, "- Số hồ sơ nộp trực tuyến toàn trình: {{ sl.ho_so_truc_tuyen_toan_trin|so }} hồ sơ.")
    code, out, _ = run(capsys, "template", "check", template, "--data", data)
    assert code == 2 and "biến `sl.ho_so_truc_tuyen_toan_trin`" in out
    assert "có phải ý bạn là 'sl.ho_so_truc_tuyen_toan_trinh'?" in out
    code, _, err = run(capsys, "build", data, "-o", tmp_path / "ra")
    assert code == 2 and "có phải ý bạn là 'sl.ho_so_truc_tuyen_toan_trinh'?" in err and "đoạn" in err


def test_a_name_misspelt_in_the_data_where_the_template_tests_it_is_a_warning(tmp_path, capsys):
    """The template prints the sentence only {% if sl.… is defined %}: a name misspelt in the data
    prints nothing, silently — but for the warning at the data's line."""
    data = step_1_data(tmp_path, "so_lieu_them:\n  ho_so_truc_tuyen_toan_trin:\n    ten: Số hồ sơ nộp trực tuyến\n    so: 412\n")
    step_2_template(tmp_path, "{% if sl.ho_so_truc_tuyen_toan_trinh is defined %}- Số hồ sơ nộp trực tuyến "
                                         "toàn trình: {{ sl.ho_so_truc_tuyen_toan_trinh|so }} hồ sơ.{% endif %}")
    code, _, err = run(capsys, "build", data, "-o", tmp_path / "ra")
    assert code == 0
    line = next(k for k, t in enumerate(data.read_text(encoding="utf-8").splitlines(), 1) if "toan_trin:" in t)
    assert f"{data}:{line}:3: cảnh báo: số liệu thêm ho_so_truc_tuyen_toan_trin (sl.ho_so_truc_tuyen_toan_trin) " \
           "có trong tệp số liệu nhưng không văn bản nào in ra" in err


@pytest.mark.parametrize("figure, words", [
    ("  ho_so_tt:\n    so: 412\n", "thiếu khóa bắt buộc 'ten'"),
    ("  ho_so_tt:\n    ten: Số hồ sơ\n    so: nhiều\n", "ho_so_tt"),
    ("  Ho_So:\n    ten: Số hồ sơ\n    so: 412\n", "không dùng được làm tên số liệu"),
    ("  ho_so_tt:\n    ten: Số hồ sơ\n    so: 1.412\n", "viết 1412"),
])
def test_a_figure_that_is_not_one_is_refused_at_its_line(tmp_path, capsys, figure, words):
    data = step_1_data(tmp_path, "so_lieu_them:\n" + figure)
    code, out, _ = run(capsys, "check", data)
    assert code == 2 and words in out, out
    assert re.search(rf"{re.escape(str(data))}:\d+:\d+: lỗi: ", out)


def test_the_schema_describes_the_section_and_the_example_holds_to_it():
    schema = data_file_schema()
    assert "sl.ho_so_truc_tuyen" in schema["properties"]["so_lieu_them"]["description"]
    example = _as_json(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))
    jsonschema.validate(example, schema)
    example["so_lieu_them"]["ho_so_truc_tuyen_toan_trinh"].pop("ten")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(example, schema)


def test_a_one_off_table_kind_with_its_rules_holds_to_the_schema():
    example = _as_json(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))
    example["bao_cao"]["ket_qua"]["tthc"]["mot_cua"] = [{"bang": {
        "kieu": {"cot": [{"ma": "a", "ten": "A"}, {"ma": "b", "ten": "B"}], "kiem_tra": ["a <= b"]},
        "dong": [{"a": 1, "b": 2}], "kiem_tra": ["a <= b"]}}]
    jsonschema.validate(example, data_file_schema())


def test_next_period_leaves_the_figures_blank(tmp_path, capsys):
    shutil.copy(EXAMPLE, tmp_path / "so-lieu-them.yaml")
    code, _, _ = run(capsys, "ky-moi", tmp_path / "so-lieu-them.yaml", "-o", tmp_path / "moi.yaml")
    assert code == 0
    code, out, _ = run(capsys, "check", tmp_path / "moi.yaml")
    assert code == 2 and "'so_lieu_them.ho_so_truc_tuyen_toan_trinh.so' chưa điền số liệu" in out
