"""Values baocao computes, and how each prints: rates, changes against the previous period, sums.

A rate is always computed from its counts and a change from the two periods' figures, never typed,
so a corrected count corrects every rate and sentence that depends on it. `show` prints any cell
value the Vietnamese way; `chenh_lech` and `so_voi_ky_truoc` are also template filters.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Iterable

from ..text import vi_format as vi


@dataclass(frozen=True)
class Rate:
    value: Any  # Decimal percent
    digits: int

    def __str__(self) -> str:
        return vi.thap_phan(self.value, self.digits)


@dataclass(frozen=True)
class Change:
    value: Any  # int or Decimal: now − before

    def __str__(self) -> str:
        return f"+{vi.so(self.value)}" if self.value > 0 else ("0" if self.value == 0 else f"-{vi.so(-self.value)}")


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def total(values: Iterable[Any]) -> Any:
    """The sum of the numbers among `values` (blanks left out); None when there is none."""
    numbers = [v for v in values if is_number(v)]
    return sum(numbers) if numbers else None


def show(value: Any) -> str:
    """A cell's text: numbers the Vietnamese way (9.737; 99,79), text as typed, blank as blank."""
    if value is None:
        return ""
    if isinstance(value, (Rate, Change)):
        return str(value)
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, (int, float)):
        return vi.so(value)
    return str(value)


def derived_cell(derive: tuple, get: Callable[[str], Any], previous: Callable[[str], Any]) -> Any:
    """A derived cell from its row's other cells (`get`); `previous(key)` is the previous period's
    figure. `derive` is a column's formula: ("tong", keys) | ("hieu", a, b) | ("ty_le", a, b, digits)
    | ("so_voi", key) | ("ky_truoc", key), where a side of a rate may be a tuple of keys to add up."""
    op, *args = derive
    if op == "tong":
        return total(get(k) for k in args[0])
    if op == "hieu":
        a, b = get(args[0]), get(args[1])
        return a - b if is_number(a) and is_number(b) else None
    if op == "ty_le":
        num, den = (total(get(k) for k in side) if isinstance(side, tuple) else get(side) for side in args[:2])
        if not (is_number(num) and is_number(den)) or den == 0:
            return None
        return Rate(vi.ty_le(num, den), args[2])
    if op == "so_voi":
        now, before = get(args[0]), previous(args[0])
        return Change(now - before) if is_number(now) and is_number(before) else None
    if op == "ky_truoc":  # carried over: last period's figure of the same row
        before = previous(args[0])
        return before if is_number(before) else None
    raise AssertionError(op)


def chenh_lech(moi, cu) -> str:
    """+2, -1, 0: the signed difference moi - cu, printed as a table's `so_voi` column prints it."""
    return str(Change(Decimal(str(moi)) - Decimal(str(cu))))


def so_voi_ky_truoc(moi, cu, don_vi: str = "") -> str:
    """tăng 5 hồ sơ / giảm 3 hồ sơ / không đổi, so với kỳ trước; "" without a previous figure."""
    if cu is None:
        return ""
    diff = Decimal(str(moi)) - Decimal(str(cu))
    if diff == 0:
        return "không đổi so với kỳ trước"
    unit = f" {don_vi}" if don_vi else ""
    return f"{'tăng' if diff > 0 else 'giảm'} {vi.so(abs(diff))}{unit} so với kỳ trước"
