"""Figures that may carry decimals, typed with a thousands separator: `giai_ngan: 15.320`.

YAML reads 15.320 as fifteen point three two, which a decimal field accepts, so nothing downstream
can tell that the clerk meant fifteen thousand three hundred and twenty: the report would print
"15,32 triệu đồng" and a rate of 0,08%. Only the text as typed (Positions.raw) shows it. Every field
whose type carries the AMOUNT marker (types.SoTien, types.SoDuong) is checked here once, before the
model reads the file, so a grouped amount is one located message offering both readings and never
a figure anything else is computed from. A table's `gia_tri` cells are checked where rows are read
(table_rows.py), with the same wording (types.readings).
"""

from __future__ import annotations

from pydantic import BaseModel

from ..errors import Finding
from ..read.loader import PathKey, Positions
from .messages import dotted, model_at
from .types import AMOUNT, GROUPED_NUMBER, readings
from .walk import marked


def grouped(positions: Positions, root: type[BaseModel]) -> dict[PathKey, Finding]:
    """Every amount field of the file typed as a grouped number, by its key path."""
    found: dict[PathKey, Finding] = {}
    for path, raw in positions.raw.items():
        if not path or isinstance(path[-1], int) or not GROUPED_NUMBER.fullmatch(raw.strip()):
            continue
        model = model_at(root, path[:-1])
        field = model.model_fields.get(path[-1]) if model is not None else None
        if field is not None and marked(field, AMOUNT):
            problem, fix = readings(raw, decimal=True)
            found[path] = Finding(positions.at(path), f"'{dotted(path)}' = {problem}", fix)
    return found
