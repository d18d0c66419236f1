"""A YAML data file that does not load, said in Vietnamese at its line and column.

libyaml (the fast loader) words its errors differently from PyYAML, and stops at its own depth
limit without saying where; so when loading fails, the text is read again with PyYAML — first as
events (its parser keeps a stack and does not recurse: a file nested hundreds deep is located
where it passes MAX_DEPTH), then whole, whose messages are translated here. No PyYAML English
reaches the clerk: a problem not known here is still a Vietnamese sentence.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import UserError, error

MAX_DEPTH = 64  # levels of nesting (the loader refuses a deeper file too, where it builds it)


def explain(path: Path, text: str) -> UserError:
    """The located Vietnamese error for `text`, which did not load."""
    return too_deep(path, text) or _syntax_error(path, text)


def too_deep(path: Path, text: str) -> UserError | None:
    """A file nested deeper than MAX_DEPTH, located where it passes the limit; read as events (the
    parser keeps a stack, it does not recurse), and only when loading failed: then libyaml, or the
    re-reading for a message, would stop without saying where."""
    depth = 0
    try:  # PyYAML's own parser: libyaml stops at its depth limit before the 65th level is seen
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH + 1:  # counted as _construct counts: the root is level 0
                    mark = event.start_mark
                    return deep_error(path, mark.line + 1, mark.column + 1)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except (yaml.YAMLError, RecursionError):
        return None
    return None


def deep_error(path: Path, line: int, column: int) -> UserError:
    return error(path, f"tệp số liệu lồng nhau quá sâu (hơn {MAX_DEPTH} cấp) từ chỗ này.", line=line, column=column,
                 hint="kiểm tra các dấu [ ] và { } có đóng đủ không, và thụt lề; một báo cáo thật lồng không quá 20 cấp.")


def _syntax_error(path: Path, text: str) -> UserError:
    """PyYAML's error for `text`, in Vietnamese."""
    try:
        yaml.load(text, Loader=yaml.SafeLoader)
    except RecursionError:
        return deep_error(path, 1, 1)
    except yaml.reader.ReaderError as exc:  # a character YAML refuses (a control character)
        line, column = line_column(text, exc.position)
        return error(path, f"tệp chứa ký tự không in được (mã U+{exc.character:04X}).", line=line, column=column,
                     hint="xóa ký tự này (thường do dán văn bản từ nơi khác) rồi gõ lại.")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem, hint = _translate_yaml_problem(exc.problem or exc.context or "")
        if exc.context == "while scanning a quoted scalar" and exc.context_mark:
            mark = exc.context_mark  # the stream ended inside quotes: point at the opening quote
            problem = "dấu nháy mở ở đây nhưng không có dấu nháy đóng"
        return error(
            path,
            f"tệp YAML sai cú pháp: {problem}.",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint=hint or _SYNTAX_HINT,
        )
    except yaml.YAMLError:
        pass
    return error(path, "tệp YAML sai cú pháp.", hint=_SYNTAX_HINT)


def line_column(text: str | bytes, offset: int) -> tuple[int, int]:
    newline = "\n" if isinstance(text, str) else b"\n"
    before = text[:offset]
    return before.count(newline) + 1, offset - (before.rfind(newline) + 1) + 1


_SYNTAX_HINT = ("kiểm tra thụt lề (dùng dấu cách, không dùng Tab), dấu hai chấm sau mỗi khóa, "
                "và đặt văn bản có dấu ':' hoặc '#' trong dấu nháy hoặc khối '|'.")
_QUOTE_HINT = "đặt cả giá trị trong dấu nháy \"…\"."

# PyYAML's problems, by how they start: what is wrong in Vietnamese, and a fix when the general one
# (_SYNTAX_HINT) does not fit.
_YAML_PROBLEMS = {
    "mapping values are not allowed here": ("không được đặt dấu ':' ở đây (văn bản có ':' cần đặt trong dấu nháy)", None),
    "found character '\\t' that cannot start any token": ("có ký tự Tab (YAML chỉ chấp nhận dấu cách để thụt lề)", None),
    "found character": ("ký tự ở đây không được đứng đầu một giá trị (như @ hay `)", _QUOTE_HINT),
    "could not find expected ':'": ("thiếu dấu ':' sau khóa", None),
    "did not find expected key": ("thụt lề không đúng hoặc thiếu khóa", None),
    "did not find expected '-' indicator": ("thụt lề của danh sách không đúng", None),
    "found unexpected end of stream": ("tệp kết thúc khi dấu nháy hoặc ngoặc chưa đóng", None),
    "found undefined alias": ("dùng bí danh (*) chưa định nghĩa", "định nghĩa nhóm &tên trước khi dùng *tên, "
                                                                   "hoặc đặt văn bản có dấu * ở đầu trong dấu nháy."),
    "found duplicate anchor": ("tên nhóm (&) này đã đặt ở trên", "đặt tên nhóm khác."),
    "expected alphabetic or numeric character": ("tên nhóm hay bí danh (& hoặc *) viết sai", _QUOTE_HINT),
    "found unknown escape character": ("dấu \\ trong dấu nháy kép không hợp lệ",
                                       "dùng dấu nháy đơn '…' cho văn bản có dấu \\, hoặc viết \\\\."),
    "expected ',' or ']'": ("thiếu dấu ',' hoặc ']' trong danh sách [ … ]", "kiểm tra các dấu phẩy và ngoặc vuông; "
                                                                          "chữ có dấu phẩy đặt trong dấu nháy."),
    "expected ',' or '}'": ("thiếu dấu ',' hoặc '}' trong nhóm { … }", "kiểm tra các dấu phẩy và ngoặc nhọn; "
                                                                       "chữ có dấu phẩy đặt trong dấu nháy."),
    "expected the node content": ("thiếu giá trị ở đây", None),
    "expected a comment or a line break": ("có chữ thừa sau giá trị", "xóa phần thừa, hoặc đặt cả giá trị trong dấu nháy."),
    "expected a single document": ("tệp có nhiều phần ngăn bằng dòng '---'", "mỗi tệp số liệu chỉ có một phần: xóa "
                                                                            "dòng '---' và phần sau nó."),
    "could not determine a constructor for the tag": ("thẻ YAML '!…' không dùng được trong tệp số liệu",
                                                      "xóa phần bắt đầu bằng '!' trước giá trị."),
    "found undefined tag handle": ("thẻ YAML '!…' không dùng được trong tệp số liệu",
                                   "xóa phần bắt đầu bằng '!' trước giá trị."),
    "found unhashable key": ("khóa phải là một tên, không phải danh sách hay nhóm", None),
    "expected a mapping or list of mappings for merging": ("'<<' chỉ dùng để gộp một nhóm khóa",
                                                           "viết '<<: *tên_nhóm' với một nhóm khóa."),
    "expected a mapping node": ("'<<' chỉ dùng để gộp một nhóm khóa", "viết '<<: *tên_nhóm' với một nhóm khóa."),
    "expected <document start>, but found '<block mapping start>'": ("thụt lề không đúng", None),
    "expected <block end>, but found": ("cấu trúc không đúng ở đây (thường do thụt lề sai hoặc một dấu nháy "
                                        "ở dòng trên chưa đóng)", None),
    "while scanning a simple key": ("thiếu dấu ':' sau khóa", None),
}


def _translate_yaml_problem(problem: str) -> tuple[str, str | None]:
    """(what is wrong, its fix or None); never PyYAML's English."""
    for english, vietnamese in _YAML_PROBLEMS.items():
        if problem.startswith(english):
            return vietnamese
    return "cấu trúc không đúng ở đây", None
