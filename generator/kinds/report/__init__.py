"""The CCHC report (BC-UBND): `bao_cao` in the data file, `bc` (and `kt`, its previous period) in
the template; one template, templates/bao-cao-cchc.docx, for every report: the standard outline,
sections, tables and appendices written in the data, in any combination."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...resources import template
from ...text import vi_format as vi
from ..base import DocumentKind, Properties
from .context import context, cited_texts
from .model import BaoCao
from .rules import RULES

TEMPLATE = template("bao-cao-cchc.docx")
# Templates an older baocao had, now merged into TEMPLATE: a data file naming one is told so.
# The headings templates/bao-cao-cchc.docx prints for the standard sections (tests keep them in step).
HEADINGS = {
    ("chi_dao", "danh_gia"): "Đánh giá về công tác chỉ đạo điều hành cải cách hành chính",
    ("chi_dao", "ke_hoach"): "Triển khai thực hiện Kế hoạch cải cách hành chính",
    ("chi_dao", "kiem_tra"): "Về công tác kiểm tra cải cách hành chính",
    ("chi_dao", "tuyen_truyen"): "Về công tác tuyên truyền cải cách hành chính",
    ("ket_qua", "the_che"): "Cải cách thể chế",
    ("ket_qua", "tthc"): "Cải cách thủ tục hành chính (TTHC)",
    ("ket_qua", "bo_may"): "Cải cách tổ chức bộ máy",
    ("ket_qua", "cong_vu"): "Cải cách chế độ công vụ",
    ("ket_qua", "tai_chinh"): "Cải cách tài chính công",
    ("ket_qua", "chinh_quyen_so"): "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
    ("danh_gia", "tich_cuc"): "Mặt tích cực",
    ("danh_gia", "han_che"): "Những tồn tại, hạn chế, nguyên nhân",
}
RETIRED = {"bao-cao-chung.docx": "mẫu báo cáo chung bao-cao-chung.docx đã được gộp vào mẫu bao-cao-cchc.docx: "
                                 "một mẫu cho mọi báo cáo (dàn ý có sẵn, mục tự viết, bảng và phụ lục)"}


def _template(report: BaoCao):
    return TEMPLATE


def _properties(report: BaoCao, ctx: dict[str, Any]) -> Properties:
    period = vi.ten_ky(report.ky.as_period())
    title = " ".join(report.trich_yeu) if report.trich_yeu else f"Báo cáo {report.ky_hieu} {period}"
    return Properties(title, report.ngay or dt.date(report.ky.nam, 1, 1))


KIND = DocumentKind(
    key="bao_cao", model=BaoCao, many=False, name="báo cáo", prefix="BC",
    description="Báo cáo công tác cải cách hành chính (BC-UBND): số, ngày, kỳ, nơi gửi và các phần của báo cáo.",
    roots={"bc": "BaoCao", "kt": "BaoCao"},  # kt: the previous period's bc
    template=_template, context=context, properties=_properties, cited_texts=cited_texts,
    previous_key="ky_truoc", appendices=lambda report: len(report.phu_luc), retired_templates=RETIRED,
    rules=RULES,
    headings=HEADINGS,
    derived={
        "BaoCao": {
            "so_ky_hieu": "số và ký hiệu văn bản, ví dụ 125/BC-UBND; để trống số thì là chỗ trống cho văn thư",
            "dong_ngay": "dòng địa danh, ngày tháng năm, ví dụ An Lão, ngày 05 tháng 02 năm 2023",
        },
        "PhuLuc": {"dong_dau": "các dòng đầu phụ lục: nhãn (Phụ lục; Phụ lục 1, 2… khi có nhiều) và tên phụ lục",
                   "ghi_chu_dau": "các dòng (Số liệu từ … đến …) và (Kèm theo Báo cáo số … ngày … của …)"},
        "HoSo": {"ty_le_dung_han": "tỷ lệ (%) hồ sơ đúng hạn = đúng hạn / (đúng hạn + trễ hạn), tính tự động"},
        "VonDauTu": {"ty_le_giai_ngan": "tỷ lệ (%) giải ngân = giải ngân / kế hoạch, tính tự động"},
    },
)
