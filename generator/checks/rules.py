"""Rules as data, applied: a table's identities and bounds (its kind's `kiem_tra` in
templates/bang.yaml, its own `kiem_tra`) on every row and on TỔNG CỘNG, and the rules a kind of
document gives its structured figures (kinds/report/rules.py), on the figures the document prints.

One message per root mistake: a rule that reads a cell already reported (refused, or computed from
a failed reference) says nothing; on one row, a rule sharing a cell with a rule that already failed
says nothing; TỔNG CỘNG is checked only where no row broke the rule (its sums would only repeat
the rows' mistake). An identity whose part alone exceeds the whole names that part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Iterator

from ..derive import matching
from ..derive.values import is_number
from ..errors import Location
from ..read.loader import PathKey
from ..text import vi_format as vi
from ..validate.messages import dotted
from ..validate.rules import SUB_ROWS, FigureRule, Rule, Term
from ..validate.table_kinds import derive_inputs
from ..validate.table_rows import Row, Table
from .base import Context, Found, fields


def column_label(col, kind=None) -> str:
    """A column's header without its markup; with `kind`, with the groups above it when its own
    header is not unique in the table (two "Tổng số")."""
    label = col.label
    if kind is not None and sum(leaf.label == col.label for leaf in kind.leaves) > 1:
        label = kind.full_labels[col.key]
    return re.sub(r"\^\[[^\]]*\]|\*", "", label).strip()


@dataclass(frozen=True)
class Broken:
    """A rule that does not hold: the term to blame and what the message says."""

    code: str  # "tong" (an identity) or "thanh_phan" (a part larger than its whole)
    blamed: Term
    message: str
    value: str


def _number(value: Any) -> Decimal:
    return Decimal(str(value)) if value is not None else Decimal(0)


def broken(rule: Rule, values: dict[Term, Any], name: Callable[[Term], str]) -> Broken | None:
    """How `rule` fails on `values` (a number, or None for a blank, per term), or None when it holds
    or cannot be judged (every term blank, or a term not a number)."""
    if any(v is not None and not is_number(v) for v in values.values()) or all(v is None for v in values.values()):
        return None
    left = sum(t.sign * _number(values[t]) for t in rule.left)
    right = sum(t.sign * _number(values[t]) for t in rule.right)
    if (left == right) if rule.op == "=" else (left <= right):
        return None

    def shown(terms: tuple[Term, ...], total: Decimal) -> str:
        named = " + ".join(name(t) if t.sign > 0 else f"(-{name(t)})" for t in terms)
        if len(terms) == 1:
            return f"{named} = {vi.so(total)}"
        figures = " + ".join(vi.so(_number(values[t])) if t.sign > 0 else f"(-{vi.so(_number(values[t]))})"
                             for t in terms)
        return f"{named} = {figures} = {vi.so(total)}"

    if rule.op == "=" and len(rule.left) == 1 and all(t.sign > 0 for t in rule.right):
        whole = rule.left[0]
        part = next((t for t in rule.right if _number(values[t]) > left), None)
        if part is not None:  # a part alone exceeds its whole: that part is the slip to look at
            return Broken("thanh_phan", part, f"{name(part)} = {vi.so(_number(values[part]))} lớn hơn {name(whole)} = "
                          f"{vi.so(left)}", f"{_number(values[part])} > {left}")
    if rule.op == "=":
        return Broken("tong", rule.left[0], f"{shown(rule.left, left)} khác {shown(rule.right, right)}",
                      f"{left} ≠ {right}")
    return Broken("thanh_phan", rule.left[0], f"{shown(rule.left, left)} lớn hơn {shown(rule.right, right)}",
                  f"{left} > {right}")


# --- tables --------------------------------------------------------------------------------------

def _scope(rule: Rule) -> str:
    """"row": every row and TỔNG CỘNG; "sub": rows with sub-rows or "trong đó" rows; "named": rows by code."""
    if any(len(name) == 2 and name[0] in SUB_ROWS for name in rule.names):
        return "sub"
    return "named" if any(len(name) == 2 for name in rule.names) else "row"


def check_table_rules(ctx: Context) -> Iterator[Found]:
    figures = ctx.laid.figures
    for table in ctx.source.tables:
        if not table.rules:
            continue
        numbered = {id(row): n for n, row in enumerate(table.walk(), start=1)}
        blamed: dict[int, set[str]] = {}  # per row: the cells already blamed, and what they are computed from
        unproven: set[Rule] = set()  # rules some row broke or could not be judged on: TỔNG CỘNG would repeat them
        for rule in table.rules:
            scope = _scope(rule)
            if scope == "named":
                yield from _named(ctx, table, rule)
                continue
            keys = {name[-1] for name in rule.names}
            for row in table.walk():
                if keys & blamed.get(id(row), set()):
                    unproven.add(rule)
                    continue
                values = _row_values(figures, table, row, rule)
                if values is None:
                    unproven.add(rule)
                    continue
                fault = broken(rule, values, lambda t: _term_name(table, t))
                if fault is None:
                    continue
                blamed.setdefault(id(row), set()).update(_feeding(table, fault.blamed.name[-1]))
                unproven.add(rule)
                where = row.code or f"dong{numbered[id(row)]}"
                yield _found(ctx, table, rule, fault, _row_words(table, row, numbered[id(row)]),
                             _cell_where(ctx, table, row, fault.blamed), where)
        for rule in table.rules:  # TỔNG CỘNG: only what no row explains
            if _scope(rule) != "row" or not table.kind.total_label or rule in unproven:
                continue
            if any(figures.failed(table, None, term.name[-1]) for term in rule.terms):
                continue
            values = {term: figures.total(table, term.name[-1]) for term in rule.terms}
            fault = broken(rule, values, lambda t: _term_name(table, t))
            if fault is not None:
                sheet = bool(table.rows) and ctx.at(table.rows[0].path).sheet is not None
                yield _found(ctx, table, rule, fault, f"dòng «{table.kind.total_label.rstrip(':').strip()}»",
                             ctx.at(table.path + ("excel" if sheet else "dong",)), "tong")


_TOTAL_ROW = re.compile(r"^(?:tổng cộng|cộng|tổng|tổng số|cộng chung|tổng cộng chung)$")


def _is_total_row(table: Table, row: Row, label: str | None) -> bool:
    text = row.values.get(label) if label else None
    return isinstance(text, str) and bool(_TOTAL_ROW.match(re.sub(r"[\s:.*]+", " ", text).strip().casefold()))


def check_typed_totals(ctx: Context) -> Iterator[Found]:
    """A total row typed among a table's rows, as the seeds print it (TỔNG CỘNG, Tổng cộng). Where the
    kind adds its own TỔNG CỘNG, the typed one would be added in again: an error naming the row.
    Elsewhere it is a total typed after its parts: each typed figure equals the other rows' sum."""
    figures = ctx.laid.figures
    for table in ctx.source.tables:
        label = matching.label_column(table)
        totals = [row for row in table.rows if _is_total_row(table, row, label)]
        for row in totals:
            where = row.path + (label,)
            text = row.values[label]
            if table.kind.total_label:
                yield ctx.found("bang", where, f"bảng {table.name}: dòng «{text}» gõ trong số liệu, nhưng baocao tự cộng "
                                f"dòng «{table.kind.total_label.rstrip(':').strip()}»: các số của dòng này sẽ bị cộng "
                                "thêm một lần vào tổng", "xóa dòng này; baocao in dòng tổng cộng do nó tự cộng.",
                                subject=f"{table.name}.{row.code or 'tong'}.{label}")
                continue
            left_out = {id(r) for t in totals for r in (t, *_descendants(t))}
            parts = [item for item in table.items() if id(item) not in left_out]
            for key in table.kind.typed_keys:
                if table.kind.by_key[key].kind not in ("so", "gia_tri") or figures.failed(table, row, key):
                    continue
                stated = figures.cell(table, row, key)
                cells = [figures.cell(table, item, key) for item in parts]
                numbers = [v for v in cells if is_number(v)]
                if not is_number(stated) or not numbers or len(numbers) != len([v for v in cells if v is not None]):
                    continue
                if any(figures.failed(table, item, key) for item in parts) or _number(stated) == sum(map(_number, numbers)):
                    continue
                total = sum(map(_number, numbers))
                col = column_label(table.kind.by_key[key], table.kind)
                yield ctx.found("tong", row.path + (key,),
                                f"bảng {table.name}: dòng «{text}» ghi «{col}» = {vi.so(stated)}, khác tổng các dòng "
                                f"của bảng = {vi.so(total)}", f"sửa số sai (tổng các dòng là {vi.so(total)}).",
                                subject=f"{table.name}.{row.code or 'tong'}.{key}", value=f"{stated} ≠ {_plain(total)}")


def _descendants(row: Row) -> list[Row]:
    return [r for child in row.children + row.parts for r in (child, *_descendants(child))]


def check_sheet_totals(ctx: Context) -> Iterator[Found]:
    """A workbook's own figure in a column baocao computes (the clerk's «Tổng số» = SUM(…)): the
    document prints baocao's, so a sheet that says otherwise is told at its cell, not printed over
    silently."""
    figures = ctx.laid.figures
    for table in ctx.source.tables:
        numbered = {id(row): n for n, row in enumerate(table.walk(), start=1)}
        for row in table.walk():
            for key, typed in (row.shown or {}).items():
                if row.refused or figures.failed(table, row, key):
                    continue
                computed = figures.cell(table, row, key)
                if not is_number(computed) or _number(computed) == _number(typed):
                    continue
                col = table.kind.by_key[key]
                parts = " + ".join(f"«{column_label(table.kind.by_key[k], table.kind)}»" for k in derive_inputs(col))
                joined = "+" if col.derive[0] == "tong" else "-"
                parts = parts if joined == "+" else parts.replace(" + ", " - ")
                words = _row_words(table, row, numbered[id(row)])
                yield ctx.found("tong", row.path + (key,),
                                f"bảng {table.name}" + (f", {words}" if words else "") + f": bảng tính ghi "
                                f"«{column_label(col, table.kind)}» = {vi.so(typed)} nhưng {parts} = {vi.so(computed)}; "
                                f"văn bản in {vi.so(computed)}",
                                "sửa số sai trong bảng tính (ô tổng hay các ô thành phần) cho khớp nhau.",
                                subject=f"{table.name}.{row.code or 'dong' + str(numbered[id(row)])}.{key}",
                                value=f"{typed} ≠ {_plain(_number(computed))}")


def _feeding(table: Table, key: str) -> set[str]:
    """A column and every column it is computed from."""
    found, todo = set(), [key]
    while todo:
        k = todo.pop()
        if k not in found:
            found.add(k)
            todo += derive_inputs(table.kind.by_key[k])
    return found


def _row_words(table: Table, row: Row, n: int) -> str:
    """How a message names a row: «its label» (its code), or its number; nothing in a table of one row."""
    if len(table.rows) == 1 and row is table.rows[0] and not row.children and not row.parts:
        return ""
    label = matching.row_name(table, row)
    return f"dòng {label}" if label else f"dòng {n}"


def _row_values(figures, table: Table, row: Row, rule: Rule) -> dict[Term, Any] | None:
    """Each term's figure on `row` (a sum over its sub-rows for con./trong_do.), or None when a
    figure it reads was already reported (a row with a refused cell, even of an unknown column, has
    figures missing), or the row has no such sub-rows."""
    if row.refused:
        return None
    values: dict[Term, Any] = {}
    for term in rule.terms:
        key = term.name[-1]
        if len(term.name) == 2:  # con.x / trong_do.x
            rows = row.children if term.name[0] == "con" else row.parts
            if not rows:
                return None
            if any(r.refused or figures.failed(table, r, key) for r in rows):
                return None
            cells = [figures.cell(table, r, key) for r in rows]
            numbers = [c for c in cells if is_number(c)]
            if len(numbers) != len([c for c in cells if c is not None]):
                return None
            values[term] = sum(numbers) if numbers else None
            continue
        if figures.failed(table, row, key):
            return None
        values[term] = figures.cell(table, row, key)
    return values


def _named(ctx: Context, table: Table, rule: Rule) -> Iterator[Found]:
    figures = ctx.laid.figures
    rows = figures.rows(table)
    if any(name[0] not in rows for name in rule.names):  # a kind's rule naming rows this table lacks
        return
    if any(figures.failed(table, rows[name[0]], name[1]) for name in rule.names):
        return
    values = {term: figures.cell(table, rows[term.name[0]], term.name[1]) for term in rule.terms}
    fault = broken(rule, values, lambda t: f"«{_row_label(table, rows[t.name[0]])} › "
                                           f"{column_label(table.kind.by_key[t.name[1]], table.kind)}»")
    if fault is not None:
        blamed = rows[fault.blamed.name[0]]
        yield _found(ctx, table, rule, fault, "", _cell_where(ctx, table, blamed, Term(1, (fault.blamed.name[1],))),
                     fault.blamed.name[0])


def _row_label(table: Table, row: Row) -> str:
    label = matching.label_column(table)
    return str(row.values.get(label) or row.code) if label else str(row.code)


def _term_name(table: Table, term: Term) -> str:
    label = f"«{column_label(table.kind.by_key[term.name[-1]], table.kind)}»"
    if len(term.name) == 2:
        return f"tổng các dòng {'con' if term.name[0] == 'con' else '«trong đó»'} ở cột {label}"
    return label


def _found(ctx: Context, table: Table, rule: Rule, fault: Broken, row: str, where: Location, row_code: str) -> Found:
    hint = ("phần không thể lớn hơn toàn bộ" if fault.code == "thanh_phan" else "các số phải khớp nhau") + \
        f" (quy tắc {rule.text} của bảng): sửa số sai."
    return ctx.found(fault.code, (), f"bảng {table.name}" + (f", {row}" if row else "") + f": {fault.message}", hint,
                     subject=f"{table.name}.{row_code}.{fault.blamed.name[-1]}", where=where, value=fault.value)


def _cell_where(ctx: Context, table: Table, row: Row, term: Term) -> Location:
    """Where the blamed figure was typed: its cell, or for a computed column the first typed cell it
    is computed from (a YAML line or a workbook cell), or else the row."""
    key = term.name[-1]
    rows = (row.children if term.name[0] == "con" else row.parts) if len(term.name) == 2 else (row,)
    for r in rows:
        seen: set[str] = set()
        todo = [key]
        while todo:
            k = todo.pop(0)
            if k in seen:
                continue
            seen.add(k)
            if ctx.source.positions.given(r.path + (k,)):
                return ctx.at(r.path + (k,))
            todo += derive_inputs(table.kind.by_key[k])
    return ctx.at(rows[0].path if rows else row.path)


# --- a document's structured figures ---------------------------------------------------------------

def check_figure_rules(ctx: Context) -> Iterator[Found]:
    """The rules each kind of document gives its structured figures: a stated total equals its parts
    (a total left blank is computed, not checked), and no part is larger than its total."""
    for doc_path, kind, doc in ctx.documents():
        for figure_rule in kind.rules:
            model = fields(doc, *figure_rule.path)
            read = _structured(model, doc_path + figure_rule.path, figure_rule, kind.rules) if model is not None else None
            if read is None:
                continue
            rule, terms = read
            values = {term: value for term, (_, _, value) in terms.items()}
            fault = broken(rule, values, lambda t: terms[t][1])
            if fault is None:
                continue
            whole_path, _, stated = terms[rule.left[0]]
            if fault.code == "thanh_phan" and rule.op == "=":
                part_path, part_label, part_value = terms[fault.blamed]
                yield ctx.found("thanh_phan", part_path,
                                f"{figure_rule.label}: thành phần {part_label} = {vi.so(part_value)} lớn hơn tổng "
                                f"{vi.so(stated)}", f"thành phần không thể lớn hơn tổng; {figure_rule.fix}.",
                                subject=dotted(whole_path), value=f"{part_value} > {stated}")
                continue
            total = sum(t.sign * _number(values[t]) for t in rule.right)
            parts = " + ".join(vi.so(values[t]) for t in rule.right)
            yield ctx.found("tong", whole_path,
                            f"{figure_rule.label}: tổng {vi.so(stated)} khác tổng các thành phần {parts} = {vi.so(total)}",
                            f"{figure_rule.fix} (đúng là {vi.so(total)}).", value=f"{stated} ≠ {_plain(total)}")


def _plain(value: Decimal) -> str:
    return str(int(value)) if value == int(value) else str(value)


def _structured(model: Any, base: PathKey, figure_rule: FigureRule, rules: tuple[FigureRule, ...]
                ) -> tuple[Rule, dict[Term, tuple[PathKey, str, Any]]] | None:
    """The rule with each list name expanded to its items (chi_tiet.so: one term per part, labelled
    with its `ten`), and each term's (path, label, value); a figure left blank on the right is
    computed by the rule that states it. None when the stated figure is blank or a list is empty."""
    found: dict[Term, tuple[PathKey, str, Any]] = {}
    sides: list[list[Term]] = [[], []]
    for side, terms in enumerate((figure_rule.rule.left, figure_rule.rule.right)):
        for term in terms:
            *through, last = term.name
            owner = fields(model, *through) if through else model
            value = getattr(owner, last, None) if owner is not None else None
            if isinstance(owner, list):  # chi_tiet.so: every item's figure
                if not owner:
                    return None
                for k, item in enumerate(owner):
                    item_term = Term(term.sign, term.name + (str(k),))
                    found[item_term] = (base + tuple(through) + (k, last), getattr(item, "ten", None) or last,
                                        getattr(item, last, None))
                    sides[side].append(item_term)
                continue
            if value is None:
                value = _computed(base + tuple(through), last, owner, rules) if side else None
                if value is None:
                    return None
            found[term] = (base + tuple(through) + (last,), through[0] if through else last, value)
            sides[side].append(term)
    rule = figure_rule.rule
    return Rule(rule.text, tuple(sides[0]), rule.op, tuple(sides[1])), found


def _computed(path: PathKey, key: str, owner: Any, rules: tuple[FigureRule, ...]) -> Any:
    """A blank stated figure, computed as the rule stating it says (su_nghiep.tong: its parts)."""
    for other in rules:
        if other.rule.op == "=" and [t.name for t in other.rule.left] == [(key,)] and path[-len(other.path):] == other.path:
            total = Decimal(0)
            for term in other.rule.right:
                value = getattr(owner, term.name[0], None) if len(term.name) == 1 else None
                if len(term.name) == 2:
                    items = getattr(owner, term.name[0], None) or []
                    value = sum(getattr(item, term.name[1]) for item in items)
                if not is_number(value):
                    return None
                total += term.sign * _number(value)
            return int(total) if total == int(total) else total
    return None
