"""Jinja's messages about a template, in Vietnamese: no English reaches the clerk.

Jinja words its syntax errors for programmers ("expected token 'name', got 'end of print
statement'"); each known form is said here in a Văn phòng clerk's words, keeping what helps (the
tag or filter named, the closing tag expected). A form not known here is still a Vietnamese
sentence, never Jinja's text. Used by the render (build, diff, watch) and by `template check`.
"""

from __future__ import annotations

import re

# (how Jinja's message starts, case-insensitive; what it means). The first match wins.
_SYNTAX = (
    ("encountered unknown tag", "gặp thẻ không biết{name}"),
    ("unexpected end of template", "mẫu kết thúc khi một khối chưa đóng{closing}"),
    ("unexpected end of comment", "ghi chú {# … #} chưa đóng"),
    ("missing end of comment tag", "ghi chú {# … #} chưa đóng"),
    ("unexpected end of raw block", "khối raw chưa đóng"),
    ("missing end of raw directive", "khối raw chưa đóng"),
    ("unexpected char", "ký tự không dùng được trong thẻ{char}"),
    ("no filter named", "bộ lọc{name} không có"),
    ("no test named", "phép thử{name} không có"),
    ("block names in jinja", "tên khối viết sai (dùng dấu _ thay dấu -)"),
    ("block", "khối trùng tên"),
    ("expected token", "thiếu dấu hoặc tên trong thẻ"),
    ("expected an expression", "thiếu biểu thức trong thẻ"),
    ("expected subscript expression", "thiếu chỉ số trong [ ]"),
    ("expected name or number", "thiếu tên hay số sau dấu chấm"),
    ("invalid syntax for function call", "lời gọi hàm viết sai"),
    ("can't assign to", "không gán được giá trị vào đây"),
    ("tag name expected", "thiếu tên thẻ sau {%"),
    ("unexpected '", "dấu không đúng chỗ{char}"),
    ("unexpected", "thẻ viết sai ở đây"),
)


def jinja_message(msg: str) -> str:
    """A Jinja syntax message in Vietnamese, with the tag, filter or character it names."""
    lower = (msg or "").strip().lower()
    for english, vietnamese in _SYNTAX:
        if lower.startswith(english):
            return vietnamese.format(name=_named(msg), closing=_closing(msg), char=_char(msg))
    return "thẻ viết sai (kiểm tra cặp {{ … }} hay {% … %}, dấu ngoặc và dấu nháy)"


def _named(msg: str) -> str:
    m = re.search(r"named '([^']{1,40})'|tag '([^']{1,40})'", msg)
    return f" «{m.group(1) or m.group(2)}»" if m else ""


def _closing(msg: str) -> str:
    tags = re.findall(r"'(end\w+)'", msg)
    return f" (cần {' hoặc '.join('{% ' + tag + ' %}' for tag in dict.fromkeys(tags))})" if tags else ""


def _char(msg: str) -> str:
    m = re.search(r"unexpected (?:char )?'(.{1,3}?)'", msg, re.I)
    return f" «{m.group(1)}»" if m else ""
