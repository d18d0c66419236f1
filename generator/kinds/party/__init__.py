"""A Party committee's report (BC/HU): items of `bao_cao_dang` in the data file, `bcd` in the
template, templates/bao-cao-dang.docx."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...resources import template
from ..base import DocumentKind, Properties
from .context import context
from .model import BaoCaoDang


def _properties(report: BaoCaoDang, ctx: dict[str, Any]) -> Properties:
    return Properties("Báo cáo " + " ".join(ctx["bcd"]["trich_yeu"]), report.ngay or dt.date(report.nam, 1, 1))


KIND = DocumentKind(
    key="bao_cao_dang", model=BaoCaoDang, many=True, name="báo cáo của cấp ủy đảng", prefix="BC-HU",
    description="Các báo cáo của cấp ủy đảng (BC/HU), mỗi báo cáo một mục bắt đầu bằng \"- \".",
    roots={"bcd": "BaoCaoDang"}, template=lambda report: template("bao-cao-dang.docx"),
    context=context, properties=_properties,
    derived={
        "BaoCaoDang": {
            "so_ky_hieu": "số và ký hiệu văn bản của Đảng, ví dụ 150-BC/HU; để trống số thì là chỗ trống cho văn thư",
            "dong_ngay": "dòng địa danh, ngày tháng năm, ví dụ Tây Sơn, ngày 15 tháng 8 năm 2023",
            "khoi": "thân báo cáo theo thứ tự đọc: đề mục, đoạn văn, nhiệm vụ",
        },
    },
    shapes={
        ("BaoCaoDang", "phan"): None,  # the template sees the parts as `khoi`; the data's tree is recursive
        ("BaoCaoDang", "khoi"): {
            "type": "array", "description": "thân báo cáo theo thứ tự đọc, mỗi khối một đề mục, một đoạn văn hoặc một nhiệm vụ",
            "items": {"type": "object", "properties": {
                "loai": {"type": "string", "description": "phan (dòng Phần thứ …), ten_phan, muc, doan hoặc nhiem_vu"},
                "cap": {"type": "integer", "description": "cấp của đề mục: 1 (I -), 2 (1.), 3 (2.1.)"},
                "tieu_de": {"type": "string", "description": "tiêu đề của phần hoặc đề mục"},
                "van_ban": {"type": "string", "description": "đoạn văn (dùng với |doan) hoặc nhiệm vụ (dùng với |cau)"}}}},
    },
)
