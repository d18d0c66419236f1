"""The inline markup clerks write in prose: **đậm**, *nghiêng*, ^[chú thích]."""

from __future__ import annotations

import pytest

from generator.text.markup import Footnote, MarkupError, Run, parse, parse_inline, plain_text


def test_bold_italic_and_plain_runs():
    assert parse("a **b** *c* ***d***") == [(Run("a "), Run("b", bold=True), Run(" "), Run("c", italic=True),
                                             Run(" "), Run("d", bold=True, italic=True))]


def test_blank_line_and_dash_lines_start_paragraphs_other_breaks_fold():
    text = "Đoạn một\ntiếp tục.\n\nĐoạn hai:\n- ý thứ nhất\n  còn tiếp\n+ ý thứ hai"
    assert plain_text(parse(text)).split("\n") == [
        "Đoạn một tiếp tục.", "Đoạn hai:", "- ý thứ nhất còn tiếp", "+ ý thứ hai"]


def test_footnote_in_place_with_several_paragraphs_and_emphasis():
    (para,) = parse("năm 2023^[Quyết định **số 203**.\n\n- CV 477/UBND.], Kế hoạch")
    assert para[0] == Run("năm 2023") and para[2] == Run(", Kế hoạch")
    assert para[1] == Footnote(((Run("Quyết định "), Run("số 203", bold=True), Run(".")), (Run("- CV 477/UBND."),)))


def test_brackets_inside_a_footnote_are_kept():
    (para,) = parse("x^[theo [1] và [2]] y")
    assert para[1] == Footnote(((Run("theo [1] và [2]"),),))


def test_escaped_asterisk_and_lone_asterisks_stay_literal():
    assert plain_text(parse(r"5 \* 3 = 15, và * không đóng")) == "5 * 3 = 15, và * không đóng"


def test_inline_prose_is_one_paragraph():
    assert parse_inline("Đồng thời,\nđã ban hành.\n\nThêm câu.") == (Run("Đồng thời, đã ban hành. Thêm câu."),)


@pytest.mark.parametrize("text, offset, words", [
    ("dòng 1\ndòng 2 ^[chưa đóng", 1, "thiếu dấu ']'"),
    ("^[ngoài ^[trong]]", 0, "bên trong một chú thích khác"),
    ("a\nb\n^[  ]", 2, "chú thích rỗng"),
])
def test_markup_errors_say_where(text, offset, words):
    with pytest.raises(MarkupError) as exc:
        parse(text)
    assert exc.value.line_offset == offset and words in exc.value.message
