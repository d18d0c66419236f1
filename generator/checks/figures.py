"""Checks of figures: rates within 0–100 % and a stated rate against its counts, and the cells of
tables (read from the plan's laid-out figures, so they are the values the document prints). A
stated total against its parts, and every identity and bound declared as data, are rules.py's."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Iterator

from ..derive.values import Rate, is_number
from ..text import vi_format as vi
from ..validate.messages import dotted
from ..validate.walk import models
from .base import ERROR, Context, Found, fields
from .rules import column_label


def rate_disagrees(stated: float | int | Decimal, part: float | int, whole: float | int, decimals: int) -> Decimal | None:
    """The computed rate (%) as printed at `decimals` places (honestly: 99,95 is not 100), when
    `stated` (rounded the same way) differs."""
    computed = vi.lam_tron(vi.ty_le(part, whole), decimals)
    shown = Decimal(str(stated)).quantize(Decimal(1).scaleb(-decimals))
    return computed if computed != shown else None


def check_rates(ctx: Context) -> Iterator[Found]:
    """Rates lie in 0–100 %: a disbursement above its plan gives a rate above 100 %."""
    for doc_path, _, doc in ctx.documents():
        capital = fields(doc, "ket_qua", "tai_chinh", "von_dau_tu")
        if capital is not None and capital.giai_ngan > capital.ke_hoach:
            rate = vi.ty_le(capital.giai_ngan, capital.ke_hoach)
            p = doc_path + ("ket_qua", "tai_chinh", "von_dau_tu", "giai_ngan")
            yield ctx.found("ty_le", p,
                            f"tỷ lệ giải ngân {vi.phan_tram(rate)} vượt quá 100% (giải ngân {vi.so(capital.giai_ngan)} "
                            f"lớn hơn kế hoạch {vi.so(capital.ke_hoach)} triệu đồng)",
                            "kiểm tra lại số giải ngân và kế hoạch vốn (cùng đơn vị triệu đồng).",
                            value=f"{capital.giai_ngan} > {capital.ke_hoach}")


def check_targets(ctx: Context) -> Iterator[Found]:
    """A chỉ tiêu's figures: a part (so) not larger than its whole (tren); rates and targets within
    0–100 %; a rate stated next to its counts (ty_le with so and tren) agrees with so / tren at the
    precision the document prints (chu_so)."""
    for doc_path, _, doc in ctx.documents():
        for path, target in models(doc, doc_path):
            if not isinstance(getattr(target, "thuc_hien", None), list):
                continue
            plan = target.ke_hoach
            if is_number(plan) and plan > 100:
                yield ctx.found("ty_le", path + ("ke_hoach",), f"mức chỉ tiêu {vi.so(plan)}% vượt 100%",
                                "ghi mức chỉ tiêu theo phần trăm, từ 0 đến 100.", value=str(plan))
            for k, figure in enumerate(target.thuc_hien):
                where = path + ("thuc_hien", k)
                part, whole, stated, digits = figure.so, figure.tren, figure.ty_le, figure.chu_so
                if is_number(stated) and stated > 100:
                    yield ctx.found("ty_le", where + ("ty_le",), f"tỷ lệ {vi.so(stated)}% vượt 100%",
                                    "tỷ lệ ghi theo phần trăm, từ 0 đến 100.", value=str(stated))
                if not (is_number(part) and is_number(whole) and whole > 0):
                    continue
                if part > whole:
                    yield ctx.found("thanh_phan", where + ("so",),
                                    f"số đạt được {vi.so(part)} lớn hơn tổng {vi.so(whole)} để tính tỷ lệ",
                                    "so là một phần của tren: sửa số sai.", value=f"{part} > {whole}")
                if is_number(stated):
                    computed = rate_disagrees(stated, part, whole, digits)
                    if computed is not None:
                        yield ctx.found(
                            "ty_le", where + ("ty_le",),
                            f"tỷ lệ ghi {vi.thap_phan(stated, digits)}% khác tỷ lệ tính từ số liệu "
                            f"{vi.so(part)}/{vi.so(whole)} = {vi.thap_phan(computed, digits)}%",
                            "bỏ ty_le để baocao tính từ so / tren, hoặc sửa số sai.",
                            value=f"{vi.thap_phan(stated, digits)} ≠ {vi.thap_phan(computed, digits)}")


# --- tables ---------------------------------------------------------------------------------------

def check_tables(ctx: Context) -> Iterator[Found]:
    """Tables of a data-outlined report. Their totals, rates and STT are derived (a total cannot
    disagree with its parts), so what is left to check is what the clerk types: a cell the table's
    kind does not take (found when its rows were read), a link =… or [=…] that reaches no cell
    (found when the plan laid the tables out), and a part larger than its whole: "trong đó" rows adding up to more than their row, a difference column (a − b) below
    zero, a computed rate above 100 %."""
    for f in ctx.source.findings + tuple(ctx.laid.findings):  # rows read, then cells and citations laid out
        yield Found(f.location, f.message, f.hint, ERROR, code="bang", subject=f"{f.location.line}:{f.location.column}")
    figures = ctx.laid.figures
    for table in ctx.source.tables:
        name = table.code or dotted(table.path)
        for n, row in enumerate(table.walk(), start=1):
            where = row.code or f"dong{n}"  # chap_nhan names it bang.dong.cot
            for leaf in table.kind.leaves:
                if leaf.derive is None:
                    continue
                value = figures.cell(table, row, leaf.key)
                op, *args = leaf.derive
                if op == "hieu" and is_number(value) and value < 0:
                    a, b = (table.kind.by_key[k] for k in args)
                    yield ctx.found(
                        "thanh_phan", row.path + (b.key,),
                        f"bảng {name}: «{column_label(b, table.kind)}» = {vi.so(figures.cell(table, row, b.key))} lớn hơn "
                        f"«{column_label(a, table.kind)}» = {vi.so(figures.cell(table, row, a.key))} "
                        f"(cột «{column_label(leaf, table.kind)}» ra số âm {vi.so(value)})",
                        "phần không thể lớn hơn toàn bộ: sửa số sai.", subject=f"{name}.{where}.{leaf.key}",
                        value=f"{figures.cell(table, row, b.key)} > {figures.cell(table, row, a.key)}")
                if op == "ty_le" and isinstance(value, Rate) and value.value > 100:
                    yield ctx.found(
                        "ty_le", row.path, f"bảng {name}: «{column_label(leaf)}» tính ra {value}%, quá 100%",
                        "tử số không thể lớn hơn mẫu số: sửa số sai.", subject=f"{name}.{where}.{leaf.key}",
                        value=str(value))
            yield from _coded_answer(ctx, table, row, name, where)
            yield from _parts_within(ctx, table, row, name, where)


def _parts_within(ctx: Context, table, row, name: str, where: str) -> Iterator[Found]:
    """"Trong đó" rows add up to no more than their row, in every typed column."""
    figures = ctx.laid.figures
    if not row.parts:
        return
    for key in table.kind.typed_keys:
        whole = figures.cell(table, row, key)
        # an indicator table mixes units in one column: a "trong đó" rate (đơn vị %) is no part of a count
        parts = [(part, figures.cell(table, part, key)) for part in row.parts
                 if str(part.values.get("don_vi", "")).strip() != "%"]
        numbers = [v for _, v in parts if is_number(v)]
        if not is_number(whole) or not numbers:
            continue
        if sum(numbers) > whole:
            added = (f"các dòng «trong đó» cộng lại {' + '.join(vi.so(v) for v in numbers)} = {vi.so(sum(numbers))}"
                     if len(numbers) > 1 else f"dòng «trong đó» {vi.so(numbers[0])}")
            yield ctx.found(
                "thanh_phan", parts[0][0].path + (key,),
                f"bảng {name}: {added}, lớn hơn tổng {vi.so(whole)} của dòng trên",
                "phần «trong đó» không thể lớn hơn tổng: sửa số sai.", subject=f"{name}.{where}.{key}",
                value=f"{sum(numbers)} > {whole}")


_CODE_PAIR = re.compile(r"([^=]+?)\s*=\s*(\d+)")


def _coded_answer(ctx: Context, table, row, name: str, where: str) -> Iterator[Found]:
    """An indicator answered with a code ("Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2" in the unit
    column) takes one of those codes."""
    unit = row.values.get("don_vi")
    if not isinstance(unit, str) or "=" not in unit:
        return
    codes = {int(n): label.strip() for label, n in _CODE_PAIR.findall(unit)}
    for key in table.kind.typed_keys:
        value: Any = ctx.laid.figures.cell(table, row, key)
        if key == "don_vi" or not isinstance(value, int) or isinstance(value, bool) or value in codes:
            continue
        listed = ", ".join(f"{label} = {n}" for n, label in codes.items())
        yield ctx.found("bang", row.path + (key,), f"bảng {name}: {vi.so(value)} không phải một mã trả lời ({listed})",
                        "ghi một trong các mã của cột đơn vị tính.", subject=f"{name}.{where}.{key}", value=str(value))
