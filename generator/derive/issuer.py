"""The issuing body's derived parts, shared by every kind of document."""

from __future__ import annotations

import re
from typing import Any

from ..text.levels import words

_UBND = "Ủy ban nhân dân"
_UBND_PREFIX = re.compile(r"^(?:(?:ủy|uỷ) ban nhân dân|ubnd)\s+", re.I)  # both tone placements are in use


def issuer(co_quan: Any) -> dict[str, Any]:
    """The template's `cq`: the issuing body's fields, with the header lines "ỦY BAN NHÂN DÂN" /
    "HUYỆN AN LÃO", the area "huyện An Lão" of "trên địa bàn …", the short name "UBND huyện An
    Lão" as sentences and appendices cite it, each derived when the data leaves it out, and the
    words of its level (text/levels.py: "toàn phường", "UBND phường", "bộ phận một cửa phường")."""
    cq = co_quan.model_dump()
    name = cq["ten"]
    prefix = _UBND_PREFIX.match(name)
    rest = name[prefix.end():] if prefix else ""
    if cq["dong_tieu_de"] is None:
        cq["dong_tieu_de"] = [_UBND.upper(), rest.upper()] if rest else [name.upper()]
    above = cq["cap_tren"]
    above_prefix = _UBND_PREFIX.match(above["ten"])
    above["ten_theo_cap"] = f"UBND {above['cap']}" if above_prefix else above["ten"]
    if cq["dia_ban"] is None:  # a sở governs no area of its own: its province's
        cq["dia_ban"] = rest or (above["ten"][above_prefix.end():] if cq["cap"] == "sở" and above_prefix else name)
    cq["ten_ngan"] = f"UBND {rest}" if rest else name
    derived = words(cq["cap"], cq["ten_ngan"], cq["dia_ban"])
    if cq["mot_cua"] is None:
        cq["mot_cua"] = derived["mot_cua"]
    cq.update({key: value for key, value in derived.items() if key != "mot_cua"})
    return cq
