"""The levels of an issuing body (co_quan.cap) and the words a document uses for each.

Since 1 July 2025 local government has two tiers: cấp tỉnh (tỉnh, thành phố trực thuộc trung ương)
and cấp xã (xã, phường, đặc khu); a sở is a department of the province. The older levels (huyện,
thị xã, thị trấn) stay for the reports written before the reform. Every sentence of a template that
names the body's level takes its words from here, so a phường report never says "toàn xã".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Level:
    tier: str  # "xã", "huyện", "tỉnh" (local government) or "sở" (a provincial department)
    description: str  # for the data-file reference


# Post-2025 levels first: the order a clerk reads in messages, `baocao moi` and the schema.
LEVELS: dict[str, Level] = {
    "xã": Level("xã", "xã (cấp xã)"),
    "phường": Level("xã", "phường (cấp xã)"),
    "đặc khu": Level("xã", "đặc khu (cấp xã)"),
    "tỉnh": Level("tỉnh", "tỉnh (cấp tỉnh)"),
    "thành phố": Level("tỉnh", "thành phố trực thuộc trung ương (cấp tỉnh)"),
    "sở": Level("sở", "sở, ban, ngành thuộc UBND tỉnh"),
    "huyện": Level("huyện", "huyện (trước 01/7/2025)"),
    "thị xã": Level("huyện", "thị xã (trước 01/7/2025)"),
    "thị trấn": Level("xã", "thị trấn (trước 01/7/2025)"),
}
STARTER_LEVELS = ("xã", "phường", "đặc khu", "tỉnh", "sở")  # what `baocao moi` offers
ABOVE = "trung ương"  # the level of a body above a province (Chính phủ, a bộ), for cap_tren only


def listed(levels=None) -> str:
    """The levels as a clerk reads them in a message: xã, phường, đặc khu, …"""
    return ", ".join(levels or LEVELS)


def words(level: str, short_name: str, area: str) -> dict[str, str | None]:
    """The words of a level, for the template's `cq`: `short_name` is the body's short name
    (UBND phường Quy Nhơn Nam, Sở Tư pháp), `area` the area it governs (phường Quy Nhơn Nam)."""
    tier = LEVELS[level].tier if level in LEVELS else "xã"
    if tier == "sở":
        return {
            "ten_theo_cap": short_name, "ten_loai": "Sở", "toan": "toàn ngành",
            "pham_vi": f"của {short_name}", "mot_cua": "Trung tâm Phục vụ hành chính công tỉnh",
            "cap_duoi": None, "van_phong": "Văn phòng Sở", "thu_truong": "Giám đốc Sở",
        }
    office = "Văn phòng UBND" if tier == "tỉnh" else "Văn phòng HĐND và UBND"
    return {
        "ten_theo_cap": f"UBND {level}", "ten_loai": "UBND", "toan": f"toàn {level}",
        "pham_vi": f"trên địa bàn {area}",
        "mot_cua": f"Trung tâm Phục vụ hành chính công {level}" if tier == "tỉnh" else f"bộ phận một cửa {level}",
        "cap_duoi": "cấp xã" if tier in ("tỉnh", "huyện") else None,
        "van_phong": f"{office} {level}", "thu_truong": f"Chủ tịch UBND {level}",
    }
