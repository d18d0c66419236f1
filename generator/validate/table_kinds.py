"""Table kinds: declared once in templates/bang.yaml, which the Văn phòng may edit.

A kind declares its columns as a header tree: a column with sub-columns is a merged group header,
a leaf column is where the data's values go (`ma`, its code). A leaf may be derived, never typed:
`tong` (a sum of columns), `hieu` (a − b), `ty_le` (a rate of two columns or sums), `so_voi` (the
change against the previous period). A leaf may also carry over a column of the previous period
(`ky_truoc: dang_giai_quyet`: «Từ kỳ trước» is last period's «Đang giải quyết» of the same row): in a
report that names its previous period's file it is derived like the others (`TableKind.with_previous`),
in one that does not it is typed. A kind may number its rows (`stt`) and end in a total row
(`dong_tong`), and declares the identities and bounds its figures obey (`kiem_tra`, rules.py:
`tiep_nhan = da_giai_quyet + dang_giai_quyet`, `cong_bo <= hieu_luc`), which the checks apply to
every row and to TỔNG CỘNG. Mistakes in bang.yaml are located in bang.yaml, all at once.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Iterator

from ..errors import Finding, Location, UserError
from ..read.loader import Positions, load_yaml
from ..resources import TABLE_KINDS_FILE
from ..text import markup
from ..text.suggest import did_you_mean
from . import rules as rule_text
from .rules import Rule, RuleError

VALUE_KINDS = ("so", "chu", "gia_tri", "ty_le")
STT_STYLES = ("cham", "so", "nhom")
CODE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Column:
    label: str
    key: str | None = None  # None: a group header
    kind: str = "so"
    width: float = 1.0
    derive: tuple | None = None  # ("tong", keys) | ("hieu", a, b) | ("ty_le", a, b, digits) | ("so_voi", key)
    #                              | ("ky_truoc", key): the previous period's figure of column `key`
    children: tuple[Column, ...] = ()
    suffix: str = ""  # printed after a number, e.g. "%"
    carry: str | None = None  # the previous period's column this one carries over (typed without one)

    def with_previous(self) -> Column:
        """This column where the previous period's figures are known: a carried-over leaf derived."""
        if self.children:
            return replace(self, children=tuple(child.with_previous() for child in self.children))
        return replace(self, derive=("ky_truoc", self.carry)) if self.carry else self

    def leaves(self) -> Iterator[Column]:
        if self.children:
            for child in self.children:
                yield from child.leaves()
        else:
            yield self

    def depth(self) -> int:
        return 1 + max((c.depth() for c in self.children), default=0)


@dataclass(frozen=True)
class TableKind:
    name: str
    columns: tuple[Column, ...]
    stt: str | None = None
    stt_label: str = "STT"
    total_label: str | None = None
    bold_top: bool = False
    rules: tuple[Rule, ...] = ()  # kiem_tra: identities and bounds of its figures
    inline: bool = False  # declared by a data file for one table, not in bang.yaml

    @property
    def tree(self) -> tuple[Column, ...]:
        """The header tree as printed: the STT column first when the kind numbers its rows."""
        if self.stt:
            return (Column(self.stt_label, "_stt", "chu", 0.9),) + self.columns
        return self.columns

    @cached_property
    def leaves(self) -> list[Column]:
        return [leaf for col in self.tree for leaf in col.leaves()]

    @cached_property
    def by_key(self) -> dict[str, Column]:
        return {leaf.key: leaf for leaf in self.leaves}

    @cached_property
    def full_labels(self) -> dict[str, str]:
        """Each leaf's header as a reader finds it: its group headers above it, then its own
        ("Số hồ sơ đã giải quyết › Tổng số"), since a "Tổng số" alone may stand under several groups."""
        labels: dict[str, str] = {}

        def visit(col: Column, above: tuple[str, ...]) -> None:
            if col.children:
                for child in col.children:
                    visit(child, above + (col.label,))
            else:
                labels[col.key] = " › ".join(above + (col.label,))

        for col in self.tree:
            visit(col, ())
        return labels

    @cached_property
    def with_previous(self) -> TableKind:
        """The kind in a report that names its previous period's file: its carried-over columns are
        derived from that file (not typed; `ky-moi` removes them rather than blanking them)."""
        if not any(leaf.carry for leaf in self.leaves):
            return self
        return replace(self, columns=tuple(col.with_previous() for col in self.columns))

    @cached_property
    def typed_keys(self) -> list[str]:
        """The codes a data row may fill: leaves that are neither derived nor the STT."""
        return [leaf.key for leaf in self.leaves if leaf.key != "_stt" and leaf.derive is None]


def load_kinds(path: Path = TABLE_KINDS_FILE) -> dict[str, TableKind]:
    return _load_kinds(Path(path), Path(path).stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _load_kinds(path: Path, _mtime: int) -> dict[str, TableKind]:
    if not path.read_text(encoding="utf-8-sig").strip():
        raise UserError(Finding(Location(path, 1, 1), "tệp kiểu bảng rỗng.",
                                "mỗi kiểu bảng là một khóa, với danh sách 'cot' (xem chú thích đầu tệp templates/bang.yaml)."))
    raw, positions = load_yaml(path)
    findings: list[Finding] = []
    kinds: dict[str, TableKind] = {}
    if not isinstance(raw, dict):
        raise UserError(Finding(positions.at(()), "tệp kiểu bảng phải là các kiểu bảng, mỗi kiểu một khóa.", _HINT))
    for name, spec in raw.items():
        kind = _kind(name, spec, (name,), positions, findings)
        if kind is not None:
            kinds[name] = kind
    if findings:
        raise UserError(findings)
    return kinds


def inline_kind(name: str, spec: Any, path: tuple, positions: Positions, findings: list[Finding]) -> TableKind | None:
    """A kind a data file declares for one table (`bang: {kieu: {cot: …}}`), written as in bang.yaml
    and checked the same way; its mistakes are located in the data file."""
    kind = _kind(name, spec, path, positions, findings)
    return replace(kind, inline=True) if kind is not None else None


_HINT = "xem hướng dẫn ở đầu tệp templates/bang.yaml và viết theo các kiểu bảng có sẵn trong đó."


def markup_problem(text: str) -> str | None:
    try:
        markup.parse_inline(text)
    except markup.MarkupError as exc:
        return exc.message
    return None


def _kind(name: str, spec: Any, path: tuple, positions: Positions, findings: list[Finding]) -> TableKind | None:
    before = len(findings)

    def bad(where: tuple, message: str, hint: str | None = None, key: bool = False) -> None:
        findings.append(Finding(positions.at(where, key=key), f"kiểu bảng '{name}': {message}", hint or _HINT))

    if not isinstance(spec, dict):
        bad(path, "cần các khóa cot, stt, dong_tong…")
        return None
    allowed = ("cot", "stt", "ten_stt", "dong_tong", "dam_cap_1", "kiem_tra")
    for key in spec:
        if key not in allowed:
            bad(path + (key,), f"khóa lạ '{key}'", "các khóa được dùng: " + ", ".join(allowed) + ".", key=True)
    if spec.get("stt") is not None and spec.get("stt") not in STT_STYLES:
        bad(path + ("stt",), f"stt '{spec.get('stt')}' không có", "chọn một trong: " + ", ".join(STT_STYLES) + ".")
    for key in ("ten_stt", "dong_tong"):
        if key in spec and not isinstance(spec[key], str):
            bad(path + (key,), f"'{key}' cần là chữ", "đặt chữ trong dấu nháy nếu cần, ví dụ \"TỔNG CỘNG:\".")
    if "dam_cap_1" in spec and not isinstance(spec["dam_cap_1"], bool):
        bad(path + ("dam_cap_1",), "'dam_cap_1' cần là true hoặc false")
    where: dict[str, tuple] = {}  # column code -> its place in the file
    columns = _columns(spec.get("cot"), path + ("cot",), bad, where)
    if columns is None or len(findings) > before:
        return None
    kind = TableKind(name, columns, spec.get("stt"), str(spec.get("ten_stt") or "STT"),
                spec.get("dong_tong"), bool(spec.get("dam_cap_1")))
    keys = [leaf.key for leaf in kind.leaves]
    for leaf in kind.leaves:
        if keys.count(leaf.key) > 1:
            bad(where.get(leaf.key, path), f"mã cột '{leaf.key}' dùng hai lần")
            return None
        for ref in derive_inputs(leaf) + ((leaf.carry,) if leaf.carry else ()):
            if ref not in keys:
                close = difflib.get_close_matches(ref, [k for k in keys if k != "_stt"], n=1, cutoff=0.6)
                hint = (f"nếu mã cột '{ref}' vừa bị đổi thành '{close[0]}' (dòng {positions.at(where[close[0]]).line}), "
                        f"hãy đổi lại thành '{ref}': các tệp số liệu ghi số theo mã cũ, chỉ đổi chữ 'ten' của cột"
                        if close and close[0] in where else None)
                bad(where.get(leaf.key, path), f"cột '{leaf.key}' tính từ cột '{ref}' không có", hint)
                return None
    cycle = _derive_cycle(kind)
    if cycle:
        bad(where.get(cycle[0], path), "các cột tự tính vòng tròn: " + " → ".join(cycle),
            "một cột không thể tính từ chính nó (trực tiếp hay qua cột khác).")
        return None
    if kind.total_label is not None and kind.leaves[0].key != "_stt" and kind.leaves[0].kind != "chu":
        bad(path + ("dong_tong",), "dòng tổng cần một cột STT hoặc cột chữ ở đầu bảng để ghi chữ tổng cộng",
            "thêm stt, hoặc đặt một cột kieu: chu lên đầu.")
        return None
    declared = read_rules(spec.get("kiem_tra"), kind, path + ("kiem_tra",), bad)
    if declared is None:
        return None
    return replace(kind, rules=declared)


def read_rules(raw: Any, kind: TableKind, path: tuple, bad) -> tuple[Rule, ...] | None:
    """`kiem_tra`: a list of rules over the kind's columns (rules.py); None, and a finding for each
    mistake, when one does not read or names a column the kind lacks or cannot add up."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        bad(path, "'kiem_tra' cần là danh sách các quy tắc, mỗi quy tắc một dòng bắt đầu bằng '- '",
            "ví dụ: - tiep_nhan = da_giai_quyet + dang_giai_quyet")
        return None
    found: list[Rule] = []
    ok = True
    for k, text in enumerate(raw):
        try:
            rule = rule_text.parse(text)
        except RuleError as exc:
            bad(path + (k,), str(exc), "viết mã cột, dấu + hoặc -, và một dấu so sánh =, <= hoặc >=.")
            ok = False
            continue
        problem = rule_problem(rule, kind)
        if problem:
            bad(path + (k,), problem[0], problem[1])
            ok = False
            continue
        found.append(rule)
    return tuple(found) if ok else None


ADDABLE = ("so", "gia_tri")  # columns a rule may add: counts and figures (rates and changes do not add up)


def rule_problem(rule: Rule, kind: TableKind) -> tuple[str, str | None] | None:
    """Why `rule` cannot apply to tables of `kind` (message, hint), or None. A name is a column
    code, `con.`/`trong_do.` and a code (the row's sub-rows, its "trong đó" rows), or a row code and
    a column code (two rows of the table); rows named by code are not mixed with the row's own."""
    columns = [leaf.key for leaf in kind.leaves if leaf.key != "_stt"]
    named_rows = [name for name in rule.names if len(name) == 2 and name[0] not in rule_text.SUB_ROWS]
    for name in rule.names:
        if len(name) > 2:
            return (f"quy tắc «{rule.text}»: «{'.'.join(name)}» có quá nhiều phần",
                    "viết mã cột, hoặc con.mã_cột, trong_do.mã_cột, mã_dòng.mã_cột.")
        key = name[-1]
        if key not in kind.by_key or key == "_stt":
            return (f"quy tắc «{rule.text}»: kiểu bảng không có cột '{key}'",
                    did_you_mean(key, columns) or "các cột: " + ", ".join(columns) + ".")
        col = kind.by_key[key]
        if col.kind not in ADDABLE or (col.derive is not None and col.derive[0] in ("ty_le", "so_voi")):
            return (f"quy tắc «{rule.text}»: cột '{key}' là chữ, tỷ lệ hay tăng/giảm, không cộng so được",
                    "quy tắc chỉ dùng các cột số đếm và cột tổng.")
    if named_rows and len(named_rows) != len(rule.names):
        return (f"quy tắc «{rule.text}» trộn ô của dòng có mã với ô của từng dòng",
                "ghi mã dòng cho mọi ô (de_ra.so_lieu <= ke_hoach.so_lieu), hoặc cho không ô nào.")
    return None


def _derive_cycle(kind: TableKind) -> list[str] | None:
    inputs = {leaf.key: derive_inputs(leaf) for leaf in kind.leaves}

    def visit(key: str, trail: list[str]) -> list[str] | None:
        if key in trail:
            return trail[trail.index(key):] + [key]
        for ref in inputs.get(key, ()):
            found = visit(ref, trail + [key])
            if found:
                return found
        return None

    return next((c for c in (visit(k, []) for k in inputs) if c), None)


def _codes(value: Any, count: int | None = None) -> tuple[str, ...] | None:
    """A list of column codes (or None when it is not one)."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or not value:
        return None
    if count is not None and len(value) != count:
        return None
    return tuple(value)


def _columns(raw: Any, path: tuple, bad, where: dict[str, tuple]) -> tuple[Column, ...] | None:
    if not isinstance(raw, list) or not raw:
        bad(path, "'cot' cần là danh sách các cột")
        return None
    columns = []
    for k, spec in enumerate(raw):
        place = path + (k,)
        if not isinstance(spec, dict) or not isinstance(spec.get("ten"), str):
            bad(place, "mỗi cột cần có 'ten' (chữ tiêu đề)")
            return None
        allowed = ("ten", "ma", "kieu", "rong", "cot", "tong", "hieu", "ty_le", "so_le", "so_voi", "ky_truoc", "hau_to")
        for key in spec:
            if key not in allowed:
                bad(place + (key,), f"khóa lạ '{key}' của cột", "các khóa được dùng: " + ", ".join(allowed) + ".", key=True)
                return None
        problem = markup_problem(spec["ten"])
        if problem:
            bad(place + ("ten",), f"chữ tiêu đề: {problem}", "xem cách viết *nghiêng* và ^[chú thích] ở đầu tệp.")
            return None
        if "cot" in spec:
            children = _columns(spec["cot"], place + ("cot",), bad, where)
            if children is None:
                return None
            columns.append(Column(spec["ten"], children=children))
            continue
        key, kind = spec.get("ma"), spec.get("kieu", "so")
        if not isinstance(key, str) or not CODE.match(key):
            bad(place, "cột cần 'ma' viết thường không dấu, ví dụ tong_so")
            return None
        if kind not in VALUE_KINDS:
            bad(place + ("kieu",), f"kiểu cột '{kind}' không có", "chọn một trong: " + ", ".join(VALUE_KINDS) + ".")
            return None
        width = spec.get("rong", 1)
        if isinstance(width, bool) or not isinstance(width, (int, float)) or not 0 < width <= 100:
            bad(place + ("rong",), f"độ rộng 'rong' cần là một số lớn hơn 0 (tương đối, ví dụ 1 hay 2.5), đang là {width!r}")
            return None
        digits = spec.get("so_le", 2)
        if isinstance(digits, bool) or not isinstance(digits, int) or not 0 <= digits <= 6:
            bad(place + ("so_le",), f"'so_le' cần là số chữ số thập phân từ 0 đến 6, đang là {digits!r}")
            return None
        if not isinstance(spec.get("hau_to", ""), str):
            bad(place + ("hau_to",), "'hau_to' cần là chữ, ví dụ \"%\"")
            return None
        derive, carry = None, spec.get("ky_truoc")
        formulas = [f for f in ("tong", "hieu", "ty_le", "so_voi", "ky_truoc") if f in spec]
        if len(formulas) > 1:
            bad(place, "một cột chỉ tính theo một cách: " + ", ".join(formulas))
            return None
        if "tong" in spec:
            codes = _codes(spec["tong"])
            if codes is None:
                bad(place + ("tong",), "'tong' cần là danh sách mã cột, ví dụ [ky_truoc, moi]")
                return None
            derive = ("tong", codes)
        elif "hieu" in spec:
            codes = _codes(spec["hieu"], 2)
            if codes is None:
                bad(place + ("hieu",), "'hieu' cần đúng hai mã cột [a, b] (a trừ b)")
                return None
            derive = ("hieu", *codes)
        elif "ty_le" in spec:  # each side a column, or a list of columns to add up
            sides = spec["ty_le"]
            ok = isinstance(sides, list) and len(sides) == 2 and all(
                isinstance(side, str) or _codes(side) is not None for side in sides)
            if not ok:
                bad(place + ("ty_le",), "'ty_le' cần đúng hai phần [tử, mẫu], mỗi phần một mã cột hay danh sách mã cột")
                return None
            num, den = (tuple(side) if isinstance(side, list) else side for side in sides)
            derive = ("ty_le", num, den, digits)
        elif "so_voi" in spec:
            if not isinstance(spec["so_voi"], str):
                bad(place + ("so_voi",), "'so_voi' cần là một mã cột")
                return None
            derive = ("so_voi", spec["so_voi"])
        elif carry is not None and (not isinstance(carry, str) or kind not in ("so", "gia_tri")):
            bad(place + ("ky_truoc",), "'ky_truoc' cần là mã một cột của kỳ trước, ở một cột số (kieu: so hoặc gia_tri)",
                "ví dụ ky_truoc: dang_giai_quyet (cột này là số đang giải quyết cuối kỳ trước của cùng dòng).")
            return None
        where[key] = place
        columns.append(Column(spec["ten"], key, kind, float(width), derive, suffix=str(spec.get("hau_to", "")),
                              carry=carry))
    return tuple(columns)


def derive_inputs(col: Column) -> tuple[str, ...]:
    if col.derive is None:
        return ()
    op, *args = col.derive
    if op == "tong":
        return tuple(args[0])
    if op == "ty_le":
        return tuple(k for side in args[:2] for k in (side if isinstance(side, tuple) else (side,)))
    if op == "ky_truoc":  # the previous period's: nothing of this period's row
        return ()
    return tuple(args)
