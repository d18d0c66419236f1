"""The CCHC report (BC-UBND): `bao_cao` in the data file, `bc` (and `kt`, its previous period) in
the template; templates/bao-cao-cchc.docx for the standard outline, templates/bao-cao-chung.docx
for an outline written in the data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...resources import template
from ...text import vi_format as vi
from ..base import DocumentKind, Properties
from .context import context, cited_texts
from .model import BaoCao

STANDARD_TEMPLATE = template("bao-cao-cchc.docx")
GENERIC_TEMPLATE = template("bao-cao-chung.docx")  # reports whose outline is in the data (noi_dung)


def _template(report: BaoCao):
    return GENERIC_TEMPLATE if report.noi_dung is not None else STANDARD_TEMPLATE


def _properties(report: BaoCao, ctx: dict[str, Any]) -> Properties:
    period = vi.ten_ky(report.ky.as_period())
    title = " ".join(report.trich_yeu) if report.trich_yeu else f"Báo cáo {report.ky_hieu} {period}"
    return Properties(title, report.ngay or dt.date(report.ky.nam, 1, 1))


KIND = DocumentKind(
    key="bao_cao", model=BaoCao, many=False, name="báo cáo", prefix="BC",
    description="Báo cáo công tác cải cách hành chính (BC-UBND): số, ngày, kỳ, nơi gửi và các phần của báo cáo.",
    roots={"bc": "BaoCao", "kt": "BaoCao"},  # kt: the previous period's bc
    template=_template, context=context, properties=_properties, cited_texts=cited_texts,
    previous_key="ky_truoc", appendices=lambda report: len(report.phu_luc),
    derived={
        "BaoCao": {
            "so_ky_hieu": "số và ký hiệu văn bản, ví dụ 125/BC-UBND; để trống số thì là chỗ trống cho văn thư",
            "dong_ngay": "dòng địa danh, ngày tháng năm, ví dụ An Lão, ngày 05 tháng 02 năm 2023",
        },
        "PhuLuc": {"dong_dau": "các dòng đầu phụ lục: nhãn (Phụ lục 1) và tên phụ lục",
                   "ghi_chu_dau": "các dòng (Số liệu từ … đến …) và (Kèm theo Báo cáo số … ngày … của …)"},
        "HoSo": {"ty_le_dung_han": "tỷ lệ (%) hồ sơ đúng hạn = đúng hạn / (đúng hạn + trễ hạn), tính tự động"},
        "VonDauTu": {"ty_le_giai_ngan": "tỷ lệ (%) giải ngân = giải ngân / kế hoạch, tính tự động"},
    },
)
