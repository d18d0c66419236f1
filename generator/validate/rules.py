"""Identities and bounds between figures, written as data: a table kind's `kiem_tra` in
templates/bang.yaml (or in a kind a data file declares for one table), a table block's own
`kiem_tra`, and the rules a kind of document gives its structured figures (kinds/report/rules.py).

One rule is one line a Văn phòng clerk can read and write:

    tiep_nhan = da_giai_quyet + dang_giai_quyet     an identity (every row, and TỔNG CỘNG)
    cong_bo <= hieu_luc                              a bound: a part is no larger than its whole
    den_ky_so + den_khong_ky_so <= den               sides add and subtract; ≤, ≥ and >= also read
    con.so_luong <= so_luong                         a row's sub-rows (con) add up to no more than it
    trong_do.tiep_nhan <= tiep_nhan                  … its "trong đó" rows
    hoan_thanh.so_lieu <= de_ra.so_lieu              two rows of one table, named by their code (ma)

This module reads a rule (its names are checked by whoever knows them: the kind's columns, the
model's fields); checks/rules.py applies rules to the figures the document prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NAME = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*$")
_OPERATORS = {"<=": "<=", "≤": "<=", ">=": ">=", "≥": ">=", "==": "=", "=": "="}
_SPLIT = re.compile(r"(<=|>=|==|≤|≥|=)")
SUB_ROWS = ("con", "trong_do")  # a row's sub-rows, its "trong đó" rows


class RuleError(ValueError):
    """A rule that does not read; the message is Vietnamese."""


@dataclass(frozen=True)
class Term:
    sign: int  # +1 or -1
    name: tuple[str, ...]  # ("tiep_nhan",), ("con", "so_luong"), ("de_ra", "so_lieu"), a model's path

    def __str__(self) -> str:
        return ".".join(self.name)


@dataclass(frozen=True)
class Rule:
    text: str  # as written
    left: tuple[Term, ...]
    op: str  # "=" (identity) or "<=" (a bound): "a >= b" is read as "b <= a"
    right: tuple[Term, ...]

    @property
    def terms(self) -> tuple[Term, ...]:
        return self.left + self.right

    @property
    def names(self) -> list[tuple[str, ...]]:
        return [term.name for term in self.terms]


def parse(text: object) -> Rule:
    """A rule as written (RuleError, in Vietnamese, when it does not read)."""
    if not isinstance(text, str) or not text.strip():
        raise RuleError("một quy tắc là một dòng chữ, ví dụ \"tiep_nhan = da_giai_quyet + dang_giai_quyet\"")
    pieces = _SPLIT.split(text.strip())
    if len(pieces) != 3:
        raise RuleError(f"quy tắc «{text}» cần đúng một dấu so sánh (=, <= hoặc >=) giữa hai vế")
    left_text, operator, right_text = pieces
    left, right = _side(left_text, text), _side(right_text, text)
    op = _OPERATORS[operator]
    if op == ">=":
        left, right, op = right, left, "<="
    return Rule(text.strip(), left, op, right)


def _side(text: str, rule: str) -> tuple[Term, ...]:
    parts = re.split(r"\s*([+-])\s*", text.strip())
    if parts and parts[0] == "":  # a side starting with a sign: "- a + b"
        parts = parts[1:]
    else:
        parts = ["+"] + parts
    terms = []
    for sign, name in zip(parts[::2], parts[1::2]):
        if not NAME.match(name):
            shown = name or "(trống)"
            raise RuleError(f"quy tắc «{rule}»: «{shown}» không phải mã cột (viết thường, không dấu, nối bằng "
                            "dấu chấm, ví dụ tiep_nhan hay con.so_luong)")
        terms.append(Term(1 if sign == "+" else -1, tuple(name.split("."))))
    if not terms or len(parts) % 2:
        raise RuleError(f"quy tắc «{rule}»: mỗi vế cần ít nhất một mã cột")
    return tuple(terms)


@dataclass(frozen=True)
class FigureRule:
    """A rule of a document's structured figures (not a table): the rule over the fields of the
    model at `path` inside the document (a name may go down a field, `su_nghiep.tong`, or add up a
    list, `chi_tiet.so`), what the first figure is called in messages, and how to fix it."""

    path: tuple[str, ...]
    rule: Rule
    label: str
    fix: str


def figure_rule(path: tuple[str, ...], text: str, label: str, fix: str) -> FigureRule:
    return FigureRule(path, parse(text), label, fix)
