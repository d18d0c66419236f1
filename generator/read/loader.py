"""Step 1 of the flow: load a YAML data file, remembering where every value stands.

The result is plain Python data (dict, list, str, int, float, bool, date, None)
plus `Positions`, which maps a key path such as ("bao_cao", "ky", "nam") to the
line and column of that value, so that later steps can point a clerk at the
exact place in the file. Loading is safe (SafeLoader): no tags construct Python
objects. Duplicate keys, which YAML would silently collapse, are errors, and so
are characters that cannot be printed or cannot be seen (text/invisible.py). Text
is normalised to Unicode NFC.

Reading is bounded whatever the file holds (README, "Giới hạn"): its size (read/files.py),
its nesting depth, the values it builds and their characters, aliases (*name) counted
every time they are used, so an "alias bomb" stops early; each text is checked once however
often it is aliased, so the checks are linear in the file, not in its aliased copies; a
number has a bounded count of digits. Each refusal names its line and column; a file that
does not load is explained by syntax.py.
"""

from __future__ import annotations

import contextlib
import gc
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Finding, Location, error
from ..text import invisible
from . import files, syntax

PathKey = tuple[str | int, ...]
# A report with a 2,000-row table is a 400 KB file of 15,000 values nested 12 deep.
MAX_NODES = 500_000  # values built, an alias counted each time it is used: stops "alias bombs" early
MAX_CHARS = 2 * files.MAX_DATA_BYTES  # characters of all the texts built, aliased copies included
MAX_DEPTH = syntax.MAX_DEPTH  # levels of nesting
MAX_DIGITS = 100  # digits of a number; the format's ranges (validate/types.py) then say what fits

_INT, _FLOAT, _STR = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("map", "seq", "str", "int", "float", "bool", "null",
                                                        "timestamp", "merge")}


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when PyYAML was built with it
    """SafeLoader with YAML 1.2's number rules. YAML 1.1 reads 010 as 8 (octal), 0x1F as 31 and
    12:30 as 750 (base 60); a clerk padding a count as the seeds do ("03") means 3. Here an
    integer is decimal digits only, leading zeros allowed, and .inf/.nan are not numbers."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_INT, _FLOAT)]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _resolved: dict[str, str] = {}  # a plain scalar's text → its tag (a function of the text alone)

    def resolve(self, kind, value, implicit):
        """PyYAML's resolve, remembered for short plain scalars: a long table repeats the same keys
        and small numbers thousands of times, and each time PyYAML tries its regular expressions
        (the date's is slow) in Python, the largest part of loading such a file."""
        if kind is not yaml.ScalarNode or not implicit[0] or len(value) > _REMEMBERED_LENGTH:
            return super().resolve(kind, value, implicit)
        tag = self._resolved.get(value)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(self._resolved) < _REMEMBERED:
                self._resolved[value] = tag
        return tag


_REMEMBERED, _REMEMBERED_LENGTH = 10_000, 40  # bounded, whatever the files hold
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
    notes: list[Finding] = field(default_factory=list)  # warnings: what the file may hold but should not

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

    def given(self, path: PathKey) -> bool:
        """Whether `path` itself was written (in the file, or in a workbook's cell), not only an ancestor."""
        path = tuple(path)
        return path in self.marks or path in self.elsewhere

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
    data = files.read_bytes(path, "tệp số liệu", files.MAX_DATA_BYTES,
                            hint="một tệp số liệu thường chỉ vài chục KB: kiểm tra đã chọn đúng tệp .yaml chưa, "
                                 "hoặc tách số liệu thành nhiều tệp.")
    if data[:4] == b"PK\x03\x04":  # a zip: a Word document (or a template) given where data belongs
        raise error(path, "đây là một tệp nén hay tệp Word (.docx), không phải tệp số liệu YAML.",
                    hint="lệnh cần tệp số liệu .yaml (trong thư mục data/); mẫu Word dùng với 'baocao template check'.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = syntax.line_column(data, exc.start)
        raise error(path, "tệp không phải văn bản UTF-8 (bảng mã Unicode).", line=line, column=column,
                    hint="lưu lại tệp với bảng mã UTF-8 (trong Notepad: Lưu thành… → Mã hóa: UTF-8).") from None

    positions = Positions(path, lines=text.splitlines())
    _refuse_invisible(text, positions)
    loader = _Loader(text)
    try:
        with _collector_paused():
            root = loader.get_single_node()
            if root is None:
                raise error(path, "tệp số liệu rỗng.", line=1, column=1, hint="xem mẫu trong thư mục data/.")
            return _construct(loader, root, (), positions, _Walk()), positions
    except (yaml.YAMLError, RecursionError):  # RecursionError: a YAML library without libyaml, nested deep
        raise syntax.explain(path, text) from None
    finally:
        loader.dispose()


@contextlib.contextmanager
def _collector_paused():
    """Python's cycle collector off while the file's nodes and values are built. Building some
    hundred thousand objects that all stay alive sets it off again and again over everything the
    process holds: two thirds of composing a 20,000-row table (bench/bench_large_table.py). What
    is built here makes no cycles but an alias inside itself, which is refused; whatever garbage
    there is waits for the next collection."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _refuse_invisible(text: str, positions: Positions) -> None:
    """Characters that cannot be seen or printed, where they stand in the file (one linear scan);
    a joiner inside a word is a warning. Written as an escape ("\\u200b") they show in the value."""
    line, line_start, previous = 1, 0, 0  # counted on from one character found to the next: linear
    for found in invisible.every(text):
        breaks = text.count("\n", previous, found.offset)
        if breaks:
            line, line_start = line + breaks, text.rfind("\n", previous, found.offset) + 1
        previous, column = found.offset, found.offset - line_start + 1
        if found.refused:
            raise error(positions.file, f"tệp chứa {found.describe()}, không nhìn thấy được khi đọc.",
                        line=line, column=column, hint=_INVISIBLE_HINT)
        if len(positions.notes) < 20:  # the first few are enough to find them all
            positions.notes.append(Finding(Location(positions.file, line, column),
                                           f"giữa một từ có {found.describe()}, không nhìn thấy được khi đọc.",
                                           _INVISIBLE_HINT, severity="cảnh báo"))


_INVISIBLE_HINT = ("xóa ký tự này (thường do dán văn bản từ trang web, tin nhắn hay PDF): đặt con trỏ ở dòng, cột "
                   "này rồi gõ lại chữ xung quanh.")


@dataclass
class _Walk:
    """What the walk has seen: nodes on the current path (a cycle is an alias inside itself), how
    many values and characters it built (an alias counted each time), the texts already checked."""

    open: set[int] = field(default_factory=set)
    count: int = 0
    chars: int = 0
    checked: dict[int, str] = field(default_factory=dict)  # a scalar node → its text, checked once
    merged: dict[int, int] = field(default_factory=dict)  # a mapping node → the pairs its merge keys make


def _construct(loader, node: yaml.Node, path: PathKey, positions: Positions, walk: _Walk, depth: int = 0) -> Any:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    positions.marks[path] = (line, col)
    walk.count += 1
    if id(node) in walk.open:
        raise error(positions.file, "nhóm đặt tên (&) ở đây được dùng lại (*) bên trong chính nó.",
                    line=line, column=col, hint="bỏ bí danh (*) bên trong nhóm, viết thẳng giá trị.")
    if walk.count > MAX_NODES:
        raise error(positions.file, f"tệp tạo ra quá nhiều giá trị (trên {MAX_NODES:,}), thường do bí danh (*) "
                                    "dùng lồng nhau.".replace(",", "."),
                    line=line, column=col, hint="bỏ các bí danh, viết thẳng giá trị; số liệu quá lớn thì tách thành nhiều tệp.")
    if depth > MAX_DEPTH:
        raise syntax.deep_error(positions.file, line, col)
    if node.tag not in _PLAIN_TAGS:  # !!python/object…, !!set, !foo: the data format has no tags
        raise error(positions.file, f"thẻ YAML '{_short(node.tag.replace('tag:yaml.org,2002:', '!!'))}' không dùng được "
                                    "trong tệp số liệu.", line=line, column=col,
                    hint="xóa phần bắt đầu bằng '!' trước giá trị.")
    if isinstance(node, yaml.MappingNode):
        walk.open.add(id(node))
        if _merge_size(node, positions, walk.merged) > MAX_NODES:
            raise error(positions.file, f"nhóm khóa này gộp (<<) quá nhiều giá trị (trên {MAX_NODES:,}).".replace(",", "."),
                        line=line, column=col, hint="bỏ các khóa gộp '<<', viết thẳng giá trị.")
        loader.flatten_mapping(node)  # resolve YAML merge keys (<<)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            key = _scalar(loader, key_node, positions, walk, *where) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                shown = f"'{_short(key_node.value)}'" if isinstance(key_node, yaml.ScalarNode) else "ở đây"
                raise error(positions.file, f"khóa {shown} phải là chữ.", line=where[0], column=where[1],
                            hint="khóa là tên không dấu như 'ho_ten', 'ngay'.")
            if key in result:
                first = positions.key_marks[path + (key,)]
                raise error(positions.file, f"khóa '{_short(key)}' bị khai báo hai lần (lần đầu ở dòng {first[0]}).",
                            line=where[0], column=where[1], hint="xóa một trong hai dòng.")
            positions.key_marks[path + (key,)] = where
            result[key] = _construct(loader, value_node, path + (key,), positions, walk, depth + 1)
        walk.open.discard(id(node))
        return result
    if isinstance(node, yaml.SequenceNode):
        walk.open.add(id(node))
        items = [_construct(loader, item, path + (i,), positions, walk, depth + 1) for i, item in enumerate(node.value)]
        walk.open.discard(id(node))
        return items
    positions.raw[path] = node.value
    if node.style in ("|", ">"):
        positions.block_scalars[path] = node.style
    return _scalar(loader, node, positions, walk, line, col, path)


def _merge_size(node: yaml.MappingNode, positions: Positions, memo: dict[int, int], depth: int = 0) -> int:
    """How many key-value pairs flattening the merge keys (<<) of `node` makes, counted without
    making them: a PyYAML without its own guard copies every merged pair, and ten merges of ten
    merges … of a mapping is exponential."""
    if id(node) in memo:
        return memo[id(node)]
    if depth > MAX_DEPTH:
        raise syntax.deep_error(positions.file, node.start_mark.line + 1, node.start_mark.column + 1)
    memo[id(node)] = 0  # a mapping merged into itself adds nothing
    total = 0
    for key, value in node.value:
        if key.tag != _MERGE:
            total += 1
            continue
        merged = value.value if isinstance(value, yaml.SequenceNode) else [value]
        total += sum(_merge_size(m, positions, memo, depth + 1) for m in merged if isinstance(m, yaml.MappingNode))
        if total > MAX_NODES:
            break
    memo[id(node)] = total
    return total


def _scalar(loader, node: yaml.ScalarNode, positions: Positions, walk: _Walk, line: int, col: int,
            path: PathKey = ()) -> Any:
    """A scalar's value: a number within MAX_DIGITS, a date that exists, a text checked once
    however often it is aliased, whose characters count towards MAX_CHARS each time."""
    if id(node) in walk.checked:
        value: Any = walk.checked[id(node)]
    else:
        if node.tag == _INT and len(node.value) > MAX_DIGITS and \
                sum(ch.isdigit() for ch in node.value[:MAX_DIGITS * 2]) > MAX_DIGITS:
            raise error(positions.file, f"{_named(path)}{_short(node.value)}: số có hơn {MAX_DIGITS} chữ số, quá lớn.",
                        line=line, column=col, hint="kiểm tra lại số này; nếu là một mã hay số hiệu (không phải số "
                                                    "liệu) thì đặt trong dấu nháy \"…\".")
        try:  # texts and integers, most of a file, made here (as _Loader's own int constructor does)
            value = node.value if node.tag == _STR else int(node.value.replace("_", "")) if node.tag == _INT \
                else loader.construct_object(node, deep=True)
        except ValueError:
            if node.tag == _TIMESTAMP:  # YAML reads 2023-02-30 as a date and the calendar refuses it
                raise error(positions.file, f"'{_short(node.value)}' không phải một ngày có thật.", line=line,
                            column=col, hint="kiểm tra ngày và tháng (viết 2023-02-05 hoặc 05/02/2023).") from None
            kind = {_INT: "một số nguyên", _FLOAT: "một số"}.get(node.tag, "giá trị mà thẻ !! của nó đòi")
            raise error(positions.file, f"{_named(path)}'{_short(node.value)}' không đọc được thành {kind}.",
                        line=line, column=col,
                        hint="viết số bằng chữ số thập phân (ví dụ 9737); nếu là chữ thì đặt trong dấu nháy \"…\" và "
                             "bỏ thẻ !! đứng trước.") from None
        if isinstance(value, float) and not math.isfinite(value):
            raise error(positions.file, f"{_named(path)}{_short(node.value)}: số quá lớn hoặc không phải một con số.",
                        line=line, column=col, hint="viết số bằng chữ số, ví dụ 9737 hoặc 281318.5.")
        if not isinstance(value, str):
            return value
        value = unicodedata.normalize("NFC", value)  # one spelling for "ủ" whatever the keyboard typed
        _refuse_unprintable(value, positions.file, line, col)
        walk.checked[id(node)] = value
    walk.chars += len(value)
    if walk.chars > MAX_CHARS:
        raise error(positions.file, f"tệp tạo ra quá nhiều chữ (trên {MAX_CHARS:,} ký tự), thường do một bí danh (*) "
                                    "của đoạn văn dài được dùng nhiều lần.".replace(",", "."),
                    line=line, column=col, hint="bỏ các bí danh, viết thẳng giá trị; số liệu quá lớn thì tách thành "
                                                "nhiều tệp.")
    return value


# docxtpl turns these back into Jinja braces after rendering, so data holding them would change.
_DOCXTPL_ESCAPES = ("{_{", "}_}", "{_%", "%_}")


def _refuse_unprintable(text: str, file: Path, line: int, col: int) -> None:
    """A value holding a character that cannot be printed or seen: the file's own characters were
    checked where they stand (_refuse_invisible), so this finds those written as escapes ("\\a")."""
    found = invisible.find(text)
    while found is not None and not found.refused:
        found = invisible.find(text, found.offset + 1)
    if found is not None:
        raise error(file, f"văn bản chứa {found.describe()}, không in được hoặc không nhìn thấy được.",
                    line=line, column=col, hint=_INVISIBLE_HINT)
    for escape in _DOCXTPL_ESCAPES:
        if escape in text:
            raise error(file, f"văn bản chứa chuỗi '{escape}', chuỗi này dành riêng cho mẫu.", line=line, column=col,
                        hint=f"bỏ dấu '_' trong '{escape}'.")


def _named(path: PathKey) -> str:
    """"'giai_ngan' = ": the key a value stands under, to start a message about the value."""
    keys = [part for part in path if isinstance(part, str)]
    return f"'{keys[-1]}' = " if keys else ""


def _short(text: Any, limit: int = 60) -> str:
    """A value quoted in a message, on one line and at most `limit` characters."""
    text = str(text).replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= limit else text[:limit - 1] + "…"


