"""Loading YAML: positions, YAML 1.2 numbers, and refusals that would otherwise be tracebacks or silent changes."""

from __future__ import annotations

import time

import pytest

from generator.errors import UserError
from generator.read.loader import load_yaml


def load(tmp_path, text: str | bytes):
    path = tmp_path / "d.yaml"
    (path.write_bytes if isinstance(text, bytes) else lambda t: path.write_text(t, encoding="utf-8"))(text)
    return load_yaml(path)


def refused(tmp_path, text) -> tuple[int | None, int | None, str]:
    with pytest.raises(UserError) as exc:
        load(tmp_path, text)
    (f,) = exc.value.findings
    return f.location.line, f.location.column, f.message


def test_positions_of_keys_and_values(tmp_path):
    data, pos = load(tmp_path, "a:\n  b: 1\n  c:\n    - x\n    - y\n")
    assert data == {"a": {"b": 1, "c": ["x", "y"]}}
    assert (pos.at(("a", "b")).line, pos.at(("a", "b")).column) == (2, 6)
    assert (pos.at(("a", "c", 1)).line, pos.at(("a", "c", 1)).column) == (5, 7)
    assert pos.at(("a", "b"), key=True).column == 3


@pytest.mark.parametrize("typed, read", [("03", 3), ("010", 10), ("9737", 9737), ("1_000", 1000), ("-5", -5),
                                         ("0x1F", "0x1F"), ("12:30", "12:30"), (".inf", ".inf"), ("9.737", 9.737)])
def test_numbers_follow_yaml_1_2(tmp_path, typed, read):
    data, _ = load(tmp_path, f"so: {typed}\n")
    assert data["so"] == read and type(data["so"]) is type(read)


def test_alias_inside_itself_is_refused(tmp_path):
    line, col, message = refused(tmp_path, "x: 1\na: &a\n  - *a\n")
    assert (line, col) == (2, 4) and "bên trong chính nó" in message  # at the anchor


def test_alias_bomb_is_refused_quickly(tmp_path):
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 8)]
    started = time.monotonic()
    _, _, message = refused(tmp_path, "\n".join(levels) + "\n")
    assert "quá nhiều giá trị" in message
    assert time.monotonic() - started < 20  # refused long before 10**8 values are built


@pytest.mark.parametrize("value, code, column", [("A\fB", "000C", 6), ("A\aB", "0007", 6), ("A\ue002B", "E002", 8)])
def test_unprintable_characters_are_refused(tmp_path, value, code, column):
    """Written as an escape, at the value; typed into the file, where it stands."""
    line, col, message = refused(tmp_path, f'x: 1\nten: "{value}"\n'.replace("\f", "\\f").replace("\a", "\\a"))
    assert (line, col) == (2, column) and f"U+{code}" in message


def test_docxtpl_escape_sequences_are_refused(tmp_path):
    line, _, message = refused(tmp_path, "x: 1\nten: A {_{ B }_} C\n")
    assert line == 2 and "{_{" in message


def test_raw_control_character_in_the_file_is_located(tmp_path):
    line, col, message = refused(tmp_path, "a: 1\nb: x\x07y\n")
    assert (line, col) == (2, 5) and "U+0007" in message


def test_non_utf8_file_is_located(tmp_path):
    line, col, message = refused(tmp_path, "a: 1\nten: Ph".encode() + b"\xfa\n")  # "ú" in Windows-1258
    assert (line, col) == (2, 8) and "UTF-8" in message


def test_byte_order_mark_is_accepted(tmp_path):
    data, _ = load(tmp_path, "\ufeffa: 1\n".encode("utf-8"))
    assert data == {"a": 1}


def test_text_is_normalised_to_nfc(tmp_path):
    data, _ = load(tmp_path, "ten: Ủy ban\n".replace("Ủ", "U\u0309"))
    assert data["ten"] == "Ủy ban" and len(data["ten"]) == 6


def test_markup_position_inside_literal_and_folded_blocks(tmp_path):
    _, pos = load(tmp_path, "a: 1\nb: |\n  one\n  two\nc: >\n  one\n  two\n")
    assert pos.inside(("b",), 1).line == 4  # '|' keeps line breaks: exact line
    assert pos.inside(("c",), 1).line == 6  # '>' folded them away: the block's first line
