"""Parts every document of a data file shares: the issuing body, the signer, the reporting period,
the registry of cited documents (`van_ban`) and the accepted findings of `baocao check` (`chap_nhan`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from ..text import vi_format
from ..text.levels import ABOVE, LEVELS
from .types import AMOUNT, Model, SoVanBan, not_blank, document_symbol, parse_date


KyHieuTrichDan = document_symbol(r"^[^\s/][^\s]*$")  # the part after the number: no spaces

def _lowercase(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


# co_quan.cap: one of the levels (text/levels.py), post-2025 first; an unknown one is refused with the list
Cap = Annotated[Literal[tuple(LEVELS)], BeforeValidator(_lowercase)]  # type: ignore[valid-type]
CapTrenCap = Annotated[Literal[tuple(LEVELS) + (ABOVE,)], BeforeValidator(_lowercase)]  # type: ignore[valid-type]


class CapTren(Model):
    ten: str
    """Tên đầy đủ của cơ quan cấp trên trực tiếp, ví dụ Ủy ban nhân dân tỉnh Gia Lai (hoặc UBND tỉnh Gia Lai)."""
    cap: CapTrenCap
    """Cấp của cơ quan cấp trên: tỉnh, thành phố (trực thuộc trung ương), xã, phường, đặc khu, sở, huyện, thị xã, thị trấn, hoặc trung ương (Chính phủ, bộ); mẫu ghi "UBND tỉnh"."""
    in_o_dau: bool = False
    """Ghi true để in tên cơ quan cấp trên (cơ quan chủ quản) phía trên tên cơ quan ban hành; không ghi dòng này thì là false, không in."""


class CoQuan(Model):
    ten: str
    """Tên đầy đủ của cơ quan ban hành báo cáo, ví dụ Ủy ban nhân dân huyện An Lão."""
    cap: Cap
    """Cấp của cơ quan ban hành: xã, phường, đặc khu, tỉnh, thành phố (trực thuộc trung ương), sở (sở, ban, ngành của tỉnh); trước 01/7/2025 còn huyện, thị xã, thị trấn. Văn bản dùng đúng chữ của cấp này: "toàn phường", "UBND phường", "bộ phận một cửa phường"."""
    dia_danh: str
    """Địa danh đứng đầu dòng ngày tháng, ví dụ An Lão trong "An Lão, ngày 05 tháng 02 năm 2023"."""
    dia_ban: str | None = None
    """Tên địa bàn trong cụm "trên địa bàn …", ví dụ huyện An Lão; để trống thì baocao lấy phần tên cơ quan đứng sau chữ "Ủy ban nhân dân"."""
    dong_tieu_de: list[str] | None = None
    """Các dòng tên cơ quan ban hành ở đầu văn bản, mỗi dòng một mục; để trống thì baocao tự tạo từ tên cơ quan (ỦY BAN NHÂN DÂN, HUYỆN AN LÃO)."""
    mot_cua: str | None = None
    """Tên nơi tiếp nhận hồ sơ thủ tục hành chính trong câu số lượng thủ tục, ví dụ Trung tâm Phục vụ hành chính công phường; để trống thì theo cấp: "bộ phận một cửa phường", "Trung tâm Phục vụ hành chính công tỉnh"."""
    cap_tren: CapTren
    """Cơ quan cấp trên trực tiếp: tên, cấp và có in ở đầu văn bản hay không."""


class NguoiKy(Model):
    tham_quyen: list[str] = []
    """Các dòng thẩm quyền ký in phía trên chức vụ, mỗi dòng một mục (ví dụ TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH); không ghi dòng này thì không in dòng nào."""
    chuc_vu: str
    """Chức vụ của người ký, in ở khối chữ ký, ví dụ PHÓ CHỦ TỊCH."""
    ho_ten: str
    """Họ và tên người ký, in dưới chỗ ký, ví dụ Đình Văn Phú."""


class Ky(Model):
    loai: Literal["thang", "quy", "6thang", "6thang_cuoi", "9thang", "nam"]
    """Loại kỳ báo cáo: thang (một tháng), quy (một quý), 6thang (6 tháng đầu năm), 6thang_cuoi (6 tháng cuối năm), 9thang (9 tháng đầu năm) hoặc nam (cả năm)."""
    nam: Annotated[int, Field(ge=1945, le=2100)]
    """Năm của kỳ báo cáo, ví dụ 2023."""
    so: Annotated[int, Field(ge=1, le=12)] | None = None
    """Quý mấy (từ 1 đến 4) khi loai là quy, tháng mấy (từ 1 đến 12) khi loai là thang; để trống với các loại kỳ khác."""

    def as_period(self) -> vi_format.Ky:
        """The period as text/vi_format names and spans it."""
        return vi_format.Ky(self.loai, self.nam, self.so)

    @model_validator(mode="after")
    def _quarter_needs_number(self):
        if self.loai == "quy" and self.so is None:
            raise PydanticCustomError("quarter", "kỳ báo cáo là quý nhưng chưa ghi quý mấy: thêm 'so: 1' (đến 4)")
        if self.loai == "quy" and self.so > 4:
            raise PydanticCustomError("quarter", "quý chỉ từ 1 đến 4, đang là {so}: sửa 'so', hoặc đổi loai thành thang",
                                      {"so": self.so})
        if self.loai == "thang" and self.so is None:
            raise PydanticCustomError("quarter", "kỳ báo cáo là tháng nhưng chưa ghi tháng mấy: thêm 'so: 1' (đến 12)")
        if self.loai not in ("quy", "thang") and self.so is not None:
            raise PydanticCustomError("quarter", "chỉ kỳ tháng và kỳ quý mới ghi 'so': xóa dòng 'so' hoặc đổi loai thành quy hay thang")
        return self


def _citation_date(value: Any) -> Any:
    """A cited document's date as it will print: text typed as 20/3/2023 or 14/03/2022 prints as
    typed (the seeds write both), a YAML date 2023-03-20 prints the ND30 way (20/3/2023)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return vi_format.ngay(value.date() if isinstance(value, dt.datetime) else value)
    parsed = parse_date(value)  # refuses text that is not a real date
    return value.strip() if isinstance(value, str) and isinstance(parsed, dt.date) else value


def _document_number(value: Any) -> Any:
    """6134 → "6134"; 5 → "05" (ND30 pads numbers below 10); text of digits is kept as typed."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:02d}"
    return value


class VanBanTrichDan(Model):
    """A document the prose cites ([@key]); the first mention prints the full form, later ones the short form."""

    loai: str
    """Loại văn bản, viết như trong câu: Quyết định, Kế hoạch, Công văn, Nghị định, Thông tư, Nghị quyết, Chỉ thị, Chương trình, Thông báo, Báo cáo, Luật…"""
    so: Annotated[SoVanBan, BeforeValidator(_document_number),
                  WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": r"^\d+$"}]})]
    """Số của văn bản, chỉ ghi số (ví dụ 6134); số nhỏ hơn 10 in thêm số 0 đằng trước (05)."""
    ky_hieu: KyHieuTrichDan
    """Phần sau số và dấu '/', viết liền: QĐ-UBND, KH-UBND, UBND (công văn), văn bản quy phạm pháp luật ghi cả năm: 2020/QĐ-UBND, 2008/NĐ-CP; văn bản của Đảng ghi phần sau dấu '-': CTr/TU (in 09-CTr/TU), KH/HU."""
    ngay: Annotated[str, BeforeValidator(_citation_date)]
    """Ngày ký văn bản; gõ 20/3/2023 hoặc 14/03/2022 thì in đúng như gõ, gõ 2023-03-20 thì in 20/3/2023."""
    co_quan: str | None = None
    """Cơ quan ban hành, in sau chữ "của" (ví dụ UBND tỉnh, Chính phủ); để trống khi chính cơ quan báo cáo ban hành và câu không nhắc lại tên."""
    trich_yeu: str | None = None
    """Phần trích yếu in sau cơ quan ban hành, viết đúng như muốn in, thường bắt đầu bằng "về việc"."""


class SoLieuThem(Model):
    """A figure of the free section `so_lieu_them`: named by its key, printed where a template uses
    `sl.<name>` — a new figure for a sentence of the template, added without changing baocao."""

    ten: Annotated[str, BeforeValidator(not_blank)]
    """Tên gọi của số liệu, nói nó đếm gì (ví dụ Số hồ sơ nộp trực tuyến trong kỳ); baocao template vars in tên này."""
    so: Annotated[int | float, Field(ge=-10**15, le=10**15), AMOUNT]  # 1.612 typed: refused (amounts.py)
    """Giá trị của số liệu, viết bằng số không có dấu chấm phân cách hàng nghìn (1297; số thập phân viết 25.5)."""
    don_vi: str | None = None
    """Đơn vị tính, ví dụ hồ sơ, thủ tục, triệu đồng (để ghi chú; mẫu tự viết đơn vị trong câu)."""


class ChapNhan(Model):
    """A finding of `baocao check` the clerk accepts: printed as a warning, it no longer stops the build."""

    kiem_tra: str
    """Mã của phép kiểm tra, in trong dòng "Cách sửa" của lỗi (ví dụ tong, ky_hieu, ngay_trich_dan)."""
    o: str
    """Chỗ có lỗi, in trong dòng "Cách sửa" của lỗi: đường dẫn khóa (bao_cao.ket_qua.tthc.ho_so.tiep_nhan), tên văn bản trong van_ban, hoặc số ký hiệu (356/KH-UBND)."""
    gia_tri: str | None = None
    """Các con số của lỗi, chép từ dòng "Cách sửa" (ví dụ "9737 ≠ 9744"); có ghi thì khi số liệu đổi, lỗi mới không còn được chấp nhận."""
    ly_do: Annotated[str, BeforeValidator(not_blank)]
    """Lý do chấp nhận, ví dụ: số liệu giữ đúng như báo cáo gốc đã ký."""
