"""Step 1 of the flow: load a YAML data file, remembering where every value stands.

The result is plain Python data (dict, list, str, int, float, bool, date, None)
plus `Positions`, which maps a key path such as ("bao_cao", "ky", "nam") to the
line and column of that value, so that later steps can point a clerk at the
exact place in the file. Loading is safe (yaml.SafeLoader): no tags construct
Python objects. Duplicate keys, which YAML would silently collapse, are errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Location, error

PathKey = tuple[str | int, ...]
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML was built with it

# Private-use characters baocao uses as markers inside rendered XML; they have
# no place in a clerk's text, and refusing them keeps data from forging markers.
RESERVED_CHARS = ("\ue000", "\ue001")


@dataclass
class Positions:
    file: Path
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)  # value position
    key_marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)  # key position
    block_scalars: set[PathKey] = field(default_factory=set)  # values written after '|' or '>'
    raw: dict[PathKey, str] = field(default_factory=dict)  # scalars as typed, e.g. "9.737" before YAML reads 9.737

    def at(self, path: PathKey, *, key: bool = False) -> Location:
        """The location of `path`, or of its nearest ancestor that exists."""
        table = self.key_marks if key else self.marks
        probe = tuple(path)
        while probe:
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
        if path in self.block_scalars:  # the text starts on the line after '|'
            return Location(self.file, base.line + 1 + line_offset, None)
        return Location(self.file, base.line + line_offset, base.column if line_offset == 0 else None)


def load_yaml(path: Path) -> tuple[Any, Positions]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(path, "không tìm thấy tệp số liệu.",
                    hint="kiểm tra lại đường dẫn và tên tệp (.yaml).") from None
    except UnicodeDecodeError as exc:
        raise error(path, f"tệp không phải văn bản UTF-8 (byte lỗi ở vị trí {exc.start}).",
                    hint="lưu lại tệp với bảng mã UTF-8.") from None
    except OSError as exc:
        raise error(path, f"không đọc được tệp: {exc.strerror}.") from None

    positions = Positions(path)
    loader = _LOADER(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise error(path, "tệp số liệu rỗng.", line=1, column=1, hint="xem mẫu trong thư mục data/.")
        return _construct(loader, root, (), positions), positions
    except yaml.YAMLError:
        raise _syntax_error(path, text) from None
    finally:
        loader.dispose()


def _syntax_error(path: Path, text: str):
    """Describe a YAML error in Vietnamese. libyaml (the fast loader) words its errors differently
    from PyYAML, whose messages are the ones translated here, so the text is read again with PyYAML."""
    try:
        yaml.load(text, Loader=yaml.SafeLoader)
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


def _construct(loader, node: yaml.Node, path: PathKey, positions: Positions) -> Any:
    positions.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # resolve YAML merge keys (<<)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key, str):
                raise error(positions.file, f"khóa '{key}' phải là chữ.", line=where[0], column=where[1],
                            hint="khóa là tên không dấu như 'ho_ten', 'ngay'.")
            if key in result:
                first = positions.key_marks[path + (key,)]
                raise error(positions.file, f"khóa '{key}' bị khai báo hai lần (lần đầu ở dòng {first[0]}).",
                            line=where[0], column=where[1], hint="xóa một trong hai dòng.")
            positions.key_marks[path + (key,)] = where
            result[key] = _construct(loader, value_node, path + (key,), positions)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(loader, item, path + (i,), positions) for i, item in enumerate(node.value)]
    positions.raw[path] = node.value
    if node.style in ("|", ">"):
        positions.block_scalars.add(path)
    try:
        value = loader.construct_object(node, deep=True)
    except ValueError:  # YAML reads 2023-02-30 as a date and the calendar refuses it
        line, col = positions.marks[path]
        raise error(positions.file, f"'{node.value}' không phải một ngày có thật.", line=line, column=col,
                    hint="kiểm tra ngày và tháng (viết 2023-02-05 hoặc 05/02/2023).") from None
    if isinstance(value, str) and any(ch in value for ch in RESERVED_CHARS):
        line, col = positions.marks[path]
        raise error(positions.file, "văn bản chứa ký tự điều khiển không hợp lệ (vùng riêng U+E000).",
                    line=line, column=col, hint="gõ lại đoạn văn bản này, không dán từ nguồn lạ.")
    return value


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
