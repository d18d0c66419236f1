"""`baocao template vars`: every variable and filter a template may use, with its description and,
given a data file, an example value; and the short names a template makes for itself."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from docxtpl_lint import reader as lint_reader

from ..plan import Plan
from ..text import vi_format as vi
from .contract import context_schema, extra_labels
from .tags import PLAIN_QUOTES, SET, TAG

FILTERS_VI = {
    "so": ("số có dấu chấm phân cách hàng nghìn", "{{ 9737|so }} → 9.737"),
    "thap_phan": ("số thập phân, làm tròn (mặc định 2 chữ số)", "{{ 25.547|thap_phan }} → 25,55"),
    "phan_tram": ("tỷ lệ phần trăm, làm tròn (mặc định 1 chữ số), trung thực: dưới 100 không in thành 100%, "
                  "trên 0 không in thành 0%", "{{ 99.93|phan_tram }} → 99,9%; {{ 99.95|phan_tram }} → 99,95%"),
    "doc_so": ("đọc số thành chữ", "{{ 2021|doc_so }} → hai nghìn không trăm hai mươi mốt"),
    "tien_bang_chu": ("số tiền bằng chữ", "{{ 1250000|tien_bang_chu }} → Một triệu hai trăm năm mươi nghìn đồng"),
    "ngay": ("ngày viết tắt trong câu", "{{ hs.den_ngay|ngay }} → 12/6/2023"),
    "ngay_thang_nam": ("ngày viết đầy đủ", "{{ bc.ngay|ngay_thang_nam }} → ngày 05 tháng 02 năm 2023"),
    "ten_ky": ("tên kỳ báo cáo; thêm ('ngan') cho dạng ngắn", "{{ bc.ky|ten_ky }} → 6 tháng đầu năm 2023"),
    "la_ma": ("số La Mã", "{{ 4|la_ma }} → IV"),
    "so_dem": ("số đếm có số 0 đứng trước", "{{ 3|so_dem }} → 03"),
    "doan": ("đoạn văn của số liệu (đậm, nghiêng, chú thích); đặt một mình trong một đoạn",
             "{{ bc.mo_dau|doan }}"),
    "cau": ("văn bản của số liệu chen trong một câu của mẫu", "… đạt 99,9%. {{ hs.them|cau }}"),
    "co_noi_dung": ("đúng khi một mục có nội dung để in (dùng trong {% if %})",
                    "{%p if bc.chi_dao|co_noi_dung %}"),
    "than": ("các mục, đoạn văn và bảng của báo cáo ghi dàn ý trong số liệu; đặt một mình trong một đoạn",
             "{{ bc.noi_dung|than }}"),
    "phu_luc": ("các phụ lục, mỗi phụ lục một phần trang ngang riêng; đặt một mình trong đoạn cuối, sau chữ ký",
                "{{ bc.phu_luc|phu_luc }}"),
    "chenh_lech": ("chênh lệch so với số kỳ trước, có dấu (+ hoặc -)", "{{ 77|chenh_lech(75) }} → +2"),
    "so_voi_ky_truoc": ("câu tăng, giảm so với kỳ trước; kèm đơn vị",
                        "{{ 9744|so_voi_ky_truoc(9737, 'hồ sơ') }} → tăng 7 hồ sơ so với kỳ trước"),
}


_FOR = re.compile(r"\{%-?[pr]?\s*for\s+(\w+)\s+in\s+([\w.]+)\s*-?%\}")


def shortcuts(template: Path) -> list[tuple[str, str]]:
    """The short names a template makes for itself: `{% set hs = … %}` and `{% for muc in … %}`."""
    found: dict[str, list[str]] = {}
    for para in lint_reader.iter_paragraphs(template):
        for tag in TAG.findall(para.text):
            tag = tag.translate(PLAIN_QUOTES)
            if m := SET.fullmatch(tag):
                meaning = f"= {m.group(2)}"
            elif m := _FOR.fullmatch(tag):
                meaning = f"mỗi mục của {m.group(2)} (trong vòng lặp)"
            else:
                continue
            if meaning not in found.setdefault(m.group(1), []):
                found[m.group(1)].append(meaning)
    return [(name, "; ".join(meanings)) for name, meanings in sorted(found.items())]


def variables(plan: Plan | None = None) -> list[tuple[str, str, str]]:
    """(variable, Vietnamese description, example value) for every variable a template may use;
    examples come from the documents of `plan` (a data file prepared as build prepares it)."""
    context: dict[str, Any] | None = None
    if plan is not None:  # the first document of each kind, its names together (cq, nk, bc, kt, tb, bcd)
        context = {}
        for doc in plan.documents:
            for key, value in doc.context.items():
                context.setdefault(key, value)
    rows: list[tuple[str, str, str]] = []

    def walk(node: dict, path: str, value: Any) -> None:
        if path == "kt":  # the previous period has bc's names: one row, not the whole list again
            rows.append((path, "số liệu kỳ trước (khóa ky_truoc), cùng tên biến như bc, ví dụ "
                               "kt.ket_qua.tthc.ho_so.tiep_nhan; không có kỳ trước thì là None",
                         _previous_example(value)))
            return
        props = node.get("properties") or node.get("items", {}).get("properties")
        if props is None:
            rows.append((path, node.get("description", ""), _example(value)))
            return
        if path:  # the group itself: `{% if bc.ket_qua.tthc %}`, `{% set tthc = … %}`
            rows.append((path, node.get("description", ""), ""))
        is_list = "items" in node
        for key, sub in props.items():
            item = (value[0] if value else None) if is_list else value
            walk(sub, f"{path}[].{key}" if is_list else f"{path}.{key}" if path else key,
                 item.get(key) if isinstance(item, dict) else None)

    walk(context_schema(extra_labels(plan)), "", context)
    return rows


def _example(value: Any) -> str:
    if value is None or value == [] or value == "":
        return ""
    if isinstance(value, list):
        value = value[0]
    if isinstance(value, dict) and "bang" in value:  # a table block: its layout says what it is
        value = value["bang"]
    if isinstance(value, bool):
        return "true" if value else "false"  # as written in the data file
    if isinstance(value, (float, Decimal)):
        return f"{value:.2f}".rstrip("0").rstrip(".")  # a computed rate: its value, not 28 digits
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:57] + "…"


def _previous_example(kt: Any) -> str:
    """The previous period a data file names: its period's name, the example `kt` stands for."""
    if not isinstance(kt, dict) or not isinstance(kt.get("ky"), dict):
        return ""
    ky = kt["ky"]
    return f"số liệu {vi.ten_ky(vi.Ky(ky['loai'], ky['nam'], ky.get('so')))}"
