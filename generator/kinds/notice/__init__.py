"""The thông báo kết luận (TB-UBND): items of `thong_bao` in the data file, `tb` in the template,
templates/thong-bao-ket-luan.docx."""

from __future__ import annotations

from typing import Any

from ...resources import template
from ..base import DocumentKind, Properties
from .context import context
from .model import ThongBao


def _properties(notice: ThongBao, ctx: dict[str, Any]) -> Properties:
    return Properties("Thông báo " + " ".join(ctx["tb"]["trich_yeu"]), notice.ngay or notice.hoi_nghi.ngay)


KIND = DocumentKind(
    key="thong_bao", model=ThongBao, many=True, name="thông báo kết luận", prefix="TB",
    description="Các thông báo kết luận (TB-UBND), mỗi thông báo một mục bắt đầu bằng \"- \".",
    roots={"tb": "ThongBao"}, template=lambda notice: template("thong-bao-ket-luan.docx"),
    context=context, properties=_properties,
    derived={
        "ThongBao": {
            "so_ky_hieu": "số và ký hiệu thông báo, ví dụ 39/TB-UBND; để trống số thì là chỗ trống cho văn thư",
            "dong_ngay": "dòng địa danh, ngày tháng năm, ví dụ Tuy Phước, ngày 23 tháng 3 năm 2022",
        },
        "HoiNghi": {"thanh_phan": "thành phần tham dự đã nối thành câu (dấu phẩy, dấu chấm phẩy sau một nhóm, chữ và)"},
    },
    shapes={("ThongBao", "noi_nhan"): {
        "type": "array", "description": "các nơi nhận, mỗi mục có ten và ghi_chu (trống nếu không có)",
        "items": {"$ref": "#/$defs/NoiNhanGhiChu"}}},
)
