"""The data file's JSON Schema (`baocao schema`), for editors' completion and hover help.

The model (kinds.DuLieu) already knows the format and describes every key in Vietnamese (the
docstring under each field). What the schema adds: the table kinds of templates/bang.yaml as the
names `kieu` may take, a one-off kind's keys, rows as mappings, dates as the clerk types them
(2026-09-14 or 14/09/2026). The models' own docstrings (English, for programmers) and pydantic's
titles (key names capitalised) are left out, so everything a clerk reads is Vietnamese.
"""

from __future__ import annotations

from typing import Any

from .kinds import DuLieu
from .validate.described import Described
from .validate.table_kinds import STT_STYLES, VALUE_KINDS, load_kinds

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_DATE = r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})$"


class _Vietnamese(Described):
    def model_schema(self, schema):
        out = super().model_schema(schema)
        out.pop("description", None)  # the class docstring: for programmers, in English
        return out

    def date_schema(self, schema):
        return {"type": "string", "pattern": _DATE}


def schema() -> dict[str, Any]:
    """The JSON Schema of a data file."""
    out = DuLieu.model_json_schema(schema_generator=_Vietnamese)
    _strip_titles(out)
    bang = out["$defs"]["Bang"]["properties"]
    kinds = list(load_kinds())
    out["$defs"]["CotBang"] = _column()
    bang["kieu"] = {"description": bang["kieu"]["description"], "anyOf": [
        {"type": "string", "enum": kinds, "description": "một kiểu bảng khai báo trong templates/bang.yaml"},
        _one_off_kind()]}
    bang["dong"]["items"] = {"type": "object", "description": (
        "một dòng: mã cột: giá trị; thêm ma (mã dòng), con (các dòng con), trong_do (các phần trong đó), "
        "cong_con, dam, nghieng, so_lieu_ky_truoc (số kỳ trước theo mã cột)")}
    return {"$schema": DIALECT, "title": "Tệp số liệu baocao",
            "description": "Tệp số liệu YAML của baocao: cơ quan ban hành, người ký và các văn bản (bao_cao, "
                           "thong_bao, bao_cao_dang). In bằng lệnh: baocao schema > baocao.schema.json"} | out


def _column() -> dict[str, Any]:
    return {"type": "object", "required": ["ten"], "properties": {
        "ten": {"type": "string", "description": "chữ tiêu đề cột (có thể dùng *nghiêng*, ^[chú thích])"},
        "ma": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$", "description": "mã cột dùng trong các dòng"},
        "kieu": {"enum": list(VALUE_KINDS), "description": "so (số đếm, mặc định), chu, gia_tri, ty_le"},
        "rong": {"type": "number", "description": "độ rộng tương đối (mặc định 1)"},
        "cot": {"type": "array", "items": {"$ref": "#/$defs/CotBang"}, "description": "các cột con (ô tiêu đề gộp)"},
        "tong": {"type": "array", "items": {"type": "string"}, "description": "cột tự tính = tổng các cột"},
        "hieu": {"type": "array", "items": {"type": "string"}, "description": "cột tự tính = a - b"},
        "ty_le": {"type": "array", "description": "cột tự tính = tử / mẫu × 100"},
        "so_le": {"type": "integer", "description": "số chữ số thập phân của tỷ lệ (mặc định 2)"},
        "so_voi": {"type": "string", "description": "cột tự tính = cột đó trừ số kỳ trước (Tăng/giảm)"},
        "ky_truoc": {"type": "string", "description": "cột lấy số cột đó của dòng tương ứng ở tệp kỳ trước "
                                                      "(có ky_truoc thì không gõ), ví dụ dang_giai_quyet"},
        "hau_to": {"type": "string", "description": "in sau số, ví dụ %"},
    }, "additionalProperties": False}


def _one_off_kind() -> dict[str, Any]:
    return {"type": "object", "description": "các cột của riêng bảng này, viết như một kiểu trong templates/bang.yaml",
            "required": ["cot"], "additionalProperties": False, "properties": {
                "cot": {"type": "array", "items": {"$ref": "#/$defs/CotBang"}, "description": "các cột từ trái sang phải"},
                "stt": {"enum": list(STT_STYLES), "description": "cột số thứ tự tự đánh"},
                "ten_stt": {"type": "string", "description": "chữ tiêu đề cột STT"},
                "dong_tong": {"type": "string", "description": "chữ của dòng tổng cộng (baocao tự cộng)"},
                "dam_cap_1": {"type": "boolean", "description": "in đậm các dòng cấp 1"},
                "kiem_tra": {"type": "array", "items": {"type": "string"},
                             "description": "quy tắc số liệu của bảng, mỗi quy tắc một dòng, ví dụ "
                                            "tiep_nhan = da_giai_quyet + dang_giai_quyet, cong_bo <= hieu_luc"}}}


def _strip_titles(node: Any) -> None:
    if isinstance(node, dict):
        node.pop("title", None)
        for value in node.values():
            _strip_titles(value)
    elif isinstance(node, list):
        for value in node:
            _strip_titles(value)
