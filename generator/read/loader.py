"""Step 1 of the flow: load a YAML data file, remembering where every value stands.

The result is plain Python data (dict, list, str, int, float, bool, date, None)
plus `Positions`, which maps a key path such as ("bao_cao", "ky", "nam") to the
line and column of that value, so that later steps can point a clerk at the
exact place in the file. Loading is safe (SafeLoader): no tags construct Python
objects. Duplicate keys, which YAML would silently collapse, are errors, and so
are characters that cannot be printed. Text is normalised to Unicode NFC.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Location, error
from ..text import markup

PathKey = tuple[str | int, ...]
MAX_NODES = 200_000  # far above any period's data; stops alias "bombs" (&a [*b, *b, …]) early

_INT, _FLOAT = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when PyYAML was built with it
    """SafeLoader with YAML 1.2's number rules. YAML 1.1 reads 010 as 8 (octal), 0x1F as 31 and
    12:30 as 750 (base 60); a clerk padding a count as the seeds do ("03") means 3. Here an
    integer is decimal digits only, leading zeros allowed, and .inf/.nan are not numbers."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_INT, _FLOAT)]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


_Loader.add_implicit_resolver(_INT, re.compile(r"^[-+]?[0-9][0-9_]*$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    _FLOAT, re.compile(r"^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]+(?:[eE][-+]?[0-9]+)?$|^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$"),
    list("-+.0123456789"))
_Loader.add_constructor(_INT, lambda loader, node: int(loader.construct_scalar(node).replace("_", "")))


@dataclass
class Positions:
    file: Path
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)  # value position
    key_marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)  # key position
    block_scalars: dict[PathKey, str] = field(default_factory=dict)  # values written after '|' or '>'
    raw: dict[PathKey, str] = field(default_factory=dict)  # scalars as typed, e.g. "9.737" before YAML reads 9.737
    lines: list[str] = field(default_factory=list)  # the file's text, to find a word's column inside a value
    # values read from elsewhere for this file: a table's rows taken from a workbook (by cell) or another data file
    elsewhere: dict[PathKey, Location] = field(default_factory=dict)

    def at(self, path: PathKey, *, key: bool = False) -> Location:
        """The location of `path`, or of its nearest ancestor that exists."""
        table = self.key_marks if key else self.marks
        probe = tuple(path)
        while probe:
            if probe in self.elsewhere:
                return self.elsewhere[probe]
            if probe in table:
                line, col = table[probe]
                return Location(self.file, line, col)
            if probe in self.marks:
                line, col = self.marks[probe]
                return Location(self.file, line, col)
            probe = probe[:-1]
        line, col = self.marks.get((), (1, 1))
        return Location(self.file, line, col)

    def inside(self, path: PathKey, line_offset: int) -> Location:
        """The location of the `line_offset`-th line inside the text value at `path`."""
        base = self.at(path)
        if base.sheet is not None:  # a workbook's cell: the cell itself
            return base
        style = self.block_scalars.get(path)
        if style == "|":  # the text starts on the line after '|', its line breaks kept
            return Location(self.file, base.line + 1 + line_offset, None)
        if style == ">":  # folding removed the line breaks: name the block's first line
            return Location(self.file, base.line + 1, None)
        return Location(self.file, base.line + line_offset, base.column if line_offset == 0 else None)

    def token(self, path: PathKey, text: str, offset: int, token: str) -> Location:
        """Where `token`, at character `offset` of the text value at `path`, stands in the file: its
        line, and its column when the line shows it (the same token earlier on the line counted)."""
        where = self.inside(path, text.count("\n", 0, offset))
        if where.sheet is not None or where.file != self.file or where.line is None or not 0 < where.line <= len(self.lines):
            return where
        before = text[text.rfind("\n", 0, offset) + 1:offset].count(token)
        column = -1
        for _ in range(before + 1):
            column = self.lines[where.line - 1].find(token, column + 1)
        return Location(where.file, where.line, column + 1) if column >= 0 else where


def load_yaml(path: Path) -> tuple[Any, Positions]:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise error(path, "không tìm thấy tệp số liệu.",
                    hint="kiểm tra lại đường dẫn và tên tệp (.yaml).") from None
    except IsADirectoryError:
        raise error(path, "đây là một thư mục, không phải tệp số liệu.",
                    hint="ghi đường dẫn tới tệp .yaml trong thư mục đó.") from None
    except PermissionError:
        raise error(path, "không có quyền đọc tệp số liệu.", hint="kiểm tra quyền của tệp.") from None
    except OSError:
        raise error(path, "không đọc được tệp số liệu (lỗi hệ thống khi đọc).",
                    hint="kiểm tra đĩa và đường dẫn, rồi chạy lại.") from None
    if data[:4] == b"PK\x03\x04":  # a zip: a Word document (or a template) given where data belongs
        raise error(path, "đây là một tệp nén hay tệp Word (.docx), không phải tệp số liệu YAML.",
                    hint="lệnh cần tệp số liệu .yaml (trong thư mục data/); mẫu Word dùng với 'baocao template check'.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _line_column(data, exc.start)
        raise error(path, "tệp không phải văn bản UTF-8 (bảng mã Unicode).", line=line, column=column,
                    hint="lưu lại tệp với bảng mã UTF-8 (trong Notepad: Lưu thành… → Mã hóa: UTF-8).") from None

    positions = Positions(path, lines=text.splitlines())
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise error(path, "tệp số liệu rỗng.", line=1, column=1, hint="xem mẫu trong thư mục data/.")
        return _construct(loader, root, (), positions, _Walk()), positions
    except yaml.YAMLError:
        raise _syntax_error(path, text) from None
    except RecursionError:  # hundreds of levels of [ [ [ …: no data file is written like that
        raise error(path, "tệp số liệu lồng nhau quá sâu (hàng trăm cấp), không đọc được.",
                    hint="kiểm tra các dấu [ ] và { } có đóng đủ không.") from None
    finally:
        loader.dispose()


def _syntax_error(path: Path, text: str):
    """Describe a YAML error in Vietnamese. libyaml (the fast loader) words its errors differently
    from PyYAML, whose messages are the ones translated here, so the text is read again with PyYAML."""
    try:
        yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.reader.ReaderError as exc:  # a character YAML refuses (a control character)
        line, column = _line_column(text, exc.position)
        return error(path, f"tệp chứa ký tự không in được (mã U+{exc.character:04X}).", line=line, column=column,
                     hint="xóa ký tự này (thường do dán văn bản từ nơi khác) rồi gõ lại.")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = _translate_yaml_problem(exc.problem or exc.context or "")
        if exc.context == "while scanning a quoted scalar" and exc.context_mark:
            mark = exc.context_mark  # the stream ended inside quotes: point at the opening quote
            problem = "dấu nháy mở ở đây nhưng không có dấu nháy đóng"
        return error(
            path,
            f"tệp YAML sai cú pháp: {problem}.",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint="kiểm tra thụt lề (dùng dấu cách, không dùng Tab), dấu hai chấm sau mỗi khóa, "
                 "và đặt văn bản có dấu ':' hoặc '#' trong dấu nháy hoặc khối '|'.",
        )
    except yaml.YAMLError as exc:
        return error(path, f"tệp YAML sai cú pháp ({exc}).")
    return error(path, "tệp YAML sai cú pháp.")


@dataclass
class _Walk:
    """What the walk has seen: nodes on the current path (a cycle is an alias inside itself) and a count."""

    open: set[int] = field(default_factory=set)
    count: int = 0


def _construct(loader, node: yaml.Node, path: PathKey, positions: Positions, walk: _Walk) -> Any:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    positions.marks[path] = (line, col)
    walk.count += 1
    if id(node) in walk.open:
        raise error(positions.file, "nhóm đặt tên (&) ở đây được dùng lại (*) bên trong chính nó.",
                    line=line, column=col, hint="bỏ bí danh (*) bên trong nhóm, viết thẳng giá trị.")
    if walk.count > MAX_NODES:
        raise error(positions.file, f"tệp có quá nhiều giá trị (trên {MAX_NODES:,}), thường do bí danh (*) lồng nhau.",
                    line=line, column=col, hint="bỏ các bí danh, viết thẳng giá trị.")
    if isinstance(node, yaml.MappingNode):
        walk.open.add(id(node))
        loader.flatten_mapping(node)  # resolve YAML merge keys (<<)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key, str):
                raise error(positions.file, f"khóa '{key}' phải là chữ.", line=where[0], column=where[1],
                            hint="khóa là tên không dấu như 'ho_ten', 'ngay'.")
            key = unicodedata.normalize("NFC", key)
            if key in result:
                first = positions.key_marks[path + (key,)]
                raise error(positions.file, f"khóa '{key}' bị khai báo hai lần (lần đầu ở dòng {first[0]}).",
                            line=where[0], column=where[1], hint="xóa một trong hai dòng.")
            positions.key_marks[path + (key,)] = where
            result[key] = _construct(loader, value_node, path + (key,), positions, walk)
        walk.open.discard(id(node))
        return result
    if isinstance(node, yaml.SequenceNode):
        walk.open.add(id(node))
        items = [_construct(loader, item, path + (i,), positions, walk) for i, item in enumerate(node.value)]
        walk.open.discard(id(node))
        return items
    positions.raw[path] = node.value
    if node.style in ("|", ">"):
        positions.block_scalars[path] = node.style
    try:
        value = loader.construct_object(node, deep=True)
    except ValueError:  # YAML reads 2023-02-30 as a date and the calendar refuses it
        raise error(positions.file, f"'{node.value}' không phải một ngày có thật.", line=line, column=col,
                    hint="kiểm tra ngày và tháng (viết 2023-02-05 hoặc 05/02/2023).") from None
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value)  # one spelling for "ủ" whatever the keyboard typed
        _refuse_unprintable(value, positions.file, line, col)
    return value


# docxtpl turns these back into Jinja braces after rendering, so data holding them would change.
_DOCXTPL_ESCAPES = ("{_{", "}_}", "{_%", "%_}")


def _refuse_unprintable(text: str, file: Path, line: int, col: int) -> None:
    for ch in text:
        if (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r") or markup.is_reserved(ch):
            raise error(file, f"văn bản chứa ký tự không in được (mã U+{ord(ch):04X}).", line=line, column=col,
                        hint="xóa ký tự này (thường do dán văn bản từ nơi khác) rồi gõ lại.")
    for escape in _DOCXTPL_ESCAPES:
        if escape in text:
            raise error(file, f"văn bản chứa chuỗi '{escape}', chuỗi này dành riêng cho mẫu.", line=line, column=col,
                        hint=f"bỏ dấu '_' trong '{escape}'.")


def _line_column(text: str | bytes, offset: int) -> tuple[int, int]:
    newline = "\n" if isinstance(text, str) else b"\n"
    before = text[:offset]
    return before.count(newline) + 1, offset - (before.rfind(newline) + 1) + 1


_YAML_PROBLEMS = {
    "mapping values are not allowed here": "không được đặt dấu ':' ở đây (văn bản có ':' cần đặt trong dấu nháy)",
    "found character '\\t' that cannot start any token": "có ký tự Tab (YAML chỉ chấp nhận dấu cách để thụt lề)",
    "could not find expected ':'": "thiếu dấu ':' sau khóa",
    "did not find expected key": "thụt lề không đúng hoặc thiếu khóa",
    "did not find expected '-' indicator": "thụt lề của danh sách không đúng",
    "found unexpected end of stream": "tệp kết thúc khi dấu nháy hoặc ngoặc chưa đóng",
    "found undefined alias": "dùng bí danh (*) chưa định nghĩa",
    "expected <document start>, but found '<block mapping start>'": "thụt lề không đúng",
    "expected <block end>, but found": "cấu trúc không đúng ở đây (thường do thụt lề sai hoặc một dấu nháy "
                                      "ở dòng trên chưa đóng)",
    "while scanning a simple key": "thiếu dấu ':' sau khóa",
}


def _translate_yaml_problem(problem: str) -> str:
    for english, vietnamese in _YAML_PROBLEMS.items():
        if problem.startswith(english):
            return vietnamese
    return f"cấu trúc không đúng (YAML: {problem})"
