"""The issuing body's derived parts, shared by every kind of document."""

from __future__ import annotations

import re
from typing import Any

_UBND = "Ủy ban nhân dân"
_UBND_PREFIX = re.compile(r"^(?:ủy|uỷ) ban nhân dân\s+", re.I)  # both tone placements are in use


def issuer(co_quan: Any) -> dict[str, Any]:
    """The template's `cq`: the issuing body's fields, with the header lines "ỦY BAN NHÂN DÂN" /
    "HUYỆN AN LÃO", the area "huyện An Lão" of "trên địa bàn …", and the short name "UBND huyện An
    Lão" as sentences and appendices cite it, each derived when the data leaves it out."""
    cq = co_quan.model_dump()
    name = cq["ten"]
    prefix = _UBND_PREFIX.match(name)
    rest = name[prefix.end():] if prefix else ""
    if cq["dong_tieu_de"] is None:
        cq["dong_tieu_de"] = [_UBND.upper(), rest.upper()] if rest else [name.upper()]
    if cq["dia_ban"] is None:
        cq["dia_ban"] = rest or name
    cq["ten_ngan"] = f"UBND {rest}" if rest else name
    return cq
