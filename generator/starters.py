"""Starter data files (`baocao moi`): a commented data file for a kind of document and a level.

The starters are YAML texts in templates/moi/ (the Văn phòng may edit them like the .docx
templates); «name» marks where the words of the level go: the issuing body's name and its superior,
the signer, the document symbols, the period. Without a name given, the name is "…", the blank of
a printed form, which the clerk fills. Every starter builds as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from .errors import UserError, error
from .resources import template
from .text import vi_format as vi
from .text.levels import STARTER_LEVELS

KINDS = {"bao-cao": "báo cáo công tác cải cách hành chính (BC)",
         "thong-bao": "thông báo kết luận (TB)",
         "bao-cao-dang": "báo cáo của cấp ủy đảng"}
# Levels as typed on a command line without Vietnamese accents, and their spelling.
UNACCENTED = {"xa": "xã", "phuong": "phường", "dac-khu": "đặc khu", "dac_khu": "đặc khu", "tinh": "tỉnh", "so": "sở"}
_MARK = re.compile(r"«(\w+)»")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML was built with it
PLACEHOLDER = re.compile(r"(?<!\S)…(?=$|[\s.,;:)\]])")  # "…" standing alone, as a printed form's blank


@dataclass(frozen=True)
class Starter:
    kind: str  # a key of KINDS
    level: str  # one of STARTER_LEVELS
    name: str  # the place or the department, "…" when not given
    province: str  # "…" when not given
    period: vi.Ky


def level_of(typed: str) -> str | None:
    """A level as typed (with or without accents, any case), or None."""
    typed = typed.strip().lower()
    return typed if typed in STARTER_LEVELS else UNACCENTED.get(typed)


def text(starter: Starter, file_name: str) -> str:
    """The starter's YAML text, with the words of its kind and level."""
    source = template(f"moi/{starter.kind}.yaml").read_text(encoding="utf-8")
    values = _values(starter) | {"ten_tep": file_name}
    missing = sorted(set(_MARK.findall(source)) - set(values))
    if missing:  # a starter edited with a mark baocao does not know
        raise error(template(f"moi/{starter.kind}.yaml"), f"tệp bắt đầu dùng «{missing[0]}» mà baocao không biết.",
                    hint="các chỗ «…» dùng được: " + ", ".join(f"«{k}»" for k in sorted(values)) + ".")
    return _MARK.sub(lambda m: values[m.group(1)], source)


def default_name(starter: Starter) -> str:
    """bao-cao-phuong-2026-quy3.yaml: kind, level and period, without accents."""
    level = next((k for k, v in UNACCENTED.items() if v == starter.level and "_" not in k), starter.level)
    period = starter.period
    tail = f"quy{period.so}" if period.loai == "quy" else (f"thang{period.so:02d}" if period.loai == "thang" else period.loai)
    return f"{starter.kind}-{level}-{period.nam}-{tail}.yaml"


def _values(s: Starter) -> dict[str, str]:
    level, name, province, period = s.level, s.name, s.province, s.period
    start, end = vi.khoang_so_lieu(period)
    meeting = end  # the last day of the period's data: a date inside the period
    ubnd_tinh = f"Ủy ban nhân dân tỉnh {province}"
    if level == "sở":
        body, short, place = f"Sở {name}", f"Sở {name}", province
        above, above_level, print_above = f"UBND tỉnh {province}", "tỉnh", "true"
        signer, head = ("KT. GIÁM ĐỐC",), ("PHÓ GIÁM ĐỐC", "Giám đốc Sở")
        symbol, addressees = "S…", [f"Sở Nội vụ tỉnh {province}"]
        party, party_header = f"Đảng ủy Sở {name}", f"ĐẢNG ỦY SỞ {name.upper()}"
        party_above, party_above_level, party_symbol = f"Đảng bộ Ủy ban nhân dân tỉnh {province}", "tỉnh", "BC/ĐU"
        receivers = "UBND tỉnh (báo cáo)"
    elif level == "tỉnh":
        body, short, place = ubnd_tinh, f"UBND tỉnh {province}", province
        above, above_level, print_above = "Chính phủ", "trung ương", "false"
        signer, head = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"), ("PHÓ CHỦ TỊCH", "Chủ tịch UBND tỉnh")
        symbol, addressees = "UBND", ["Bộ Nội vụ"]
        party, party_header = f"Tỉnh ủy {province}", f"TỈNH ỦY {province.upper()}"
        party_above, party_above_level, party_symbol = "Ban Chấp hành Trung ương Đảng", "trung ương", "BC/TU"
        receivers = "Thường trực Tỉnh ủy, HĐND tỉnh"
    else:  # xã, phường, đặc khu
        body, short, place = f"Ủy ban nhân dân {level} {name}", f"UBND {level} {name}", name
        above, above_level, print_above = ubnd_tinh, "tỉnh", "false"
        signer, head = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"), ("PHÓ CHỦ TỊCH", f"Chủ tịch UBND {level}")
        symbol, addressees = "UBND", [ubnd_tinh, f"Sở Nội vụ tỉnh {province}"]
        party, party_header = f"Đảng ủy {level} {name}", f"ĐẢNG ỦY {level.upper()} {name.upper()}"
        party_above, party_above_level, party_symbol = f"Đảng bộ tỉnh {province}", "tỉnh", "BC/ĐU"
        receivers = f"Thường trực Đảng ủy, HĐND {level}"
    meeting_name = f"Hội nghị sơ kết công tác cải cách hành chính {vi.ten_ky(period)}"
    return {
        "ten_co_quan": body, "ten_ngan": short, "cap": level, "dia_danh": place,
        "cap_tren_ten": above, "cap_tren_cap": above_level, "in_o_dau": print_above,
        "tham_quyen": "\n".join(f"    - {line}" for line in signer), "chuc_vu": head[0], "ho_ten": "…",
        "tham_quyen_tb": "    - TL. " + ("GIÁM ĐỐC" if level == "sở" else "CHỦ TỊCH"),
        "chuc_vu_tb": "CHÁNH VĂN PHÒNG", "chu_tri": "…", "chuc_vu_chu_tri": head[1],
        "chu_tri_chuc_danh": f"đồng chí {head[1]}",
        "ky_hieu_kh": f"KH-{symbol}", "ky_hieu_bc": f"BC-{symbol}", "ky_hieu_tb": f"TB-{symbol}",
        "nam": str(period.nam), "ten_ky": vi.ten_ky(period),
        "ky": "\n".join(f"    {k}: {v}" for k, v in (("loai", period.loai), ("nam", period.nam), ("so", period.so))
                        if v is not None),
        "kinh_gui": "\n".join(f"    - {a}" for a in addressees),
        "gui_ngan": addressees[-1].split(" tỉnh ")[0] if len(addressees) > 1 or level == "sở" else addressees[0],
        "noi_nhan": f"    - {receivers}", "noi_nhan_tb": receivers, "noi_nhan_dang": receivers,
        "ngay_dau_nam": f"15/01/{period.nam}", "so_lieu_tu": start.strftime("%d/%m/%Y"),
        "so_lieu_den": end.strftime("%d/%m/%Y"), "ngay_hop": meeting.strftime("%d/%m/%Y"), "ten_hoi_nghi": meeting_name,
        "ten_cap_uy": party, "dong_tieu_de_dang": party_header, "dia_ban_dang": place if level == "sở" else f"{level} {place}",
        "cap_tren_dang": party_above, "cap_tren_cap_dang": party_above_level,
        "in_o_dau_dang": "false" if level == "tỉnh" else "true", "ky_hieu_dang": party_symbol,
    }


@lru_cache(maxsize=1)
def placeholder_fields() -> frozenset[tuple[str, ...]]:
    """The fields where a starter leaves "…" for the clerk to fill (a name, the signer, a province),
    as key paths without list positions: found by writing every starter without a name, so an edited
    starter is followed. A starter that cannot be written (its own mistake) adds none."""
    found: set[tuple[str, ...]] = set()

    def visit(value: Any, path: tuple[str, ...]) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                visit(item, path + (str(key),))
        elif isinstance(value, list):
            for item in value:
                visit(item, path)
        elif isinstance(value, str) and PLACEHOLDER.search(value):
            found.add(path)

    for kind in KINDS:
        for level in STARTER_LEVELS:
            try:
                visit(yaml.load(text(Starter(kind, level, "…", "…", vi.Ky("quy", 2000, 1)), "…"), Loader=_LOADER), ())
            except (UserError, yaml.YAMLError, OSError):
                break
    return frozenset(found)
