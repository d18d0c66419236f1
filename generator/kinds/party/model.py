"""The data-file format of a Party committee's report (BC/HU, seed 004): each item of `bao_cao_dang`."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ...validate.shared import NguoiKy
from ...validate.types import Model, MucVanBan, Ngay, SoDuong, SoHieu, SoTien, TenTep, TyLe, VanBan, document_symbol


KyHieuDang = document_symbol(r"^[^\s/-][^\s]*$")  # the part after the number: no spaces

class SoLieuChiTieu(Model):
    so: SoTien | None = None
    """Số đạt được (ví dụ 28 biên chế tinh giản, 11401 giao dịch); kèm tren thì baocao tính tỷ lệ."""
    tren: SoDuong | None = None
    """Tổng số để tính tỷ lệ (ví dụ 1752 biên chế); tỷ lệ = so / tren."""
    ty_le: TyLe | None = None
    """Tỷ lệ (%) như nguồn số liệu công bố: ghi khi không có so và tren để tính; ghi kèm so và tren thì văn bản in tỷ lệ đã ghi và baocao check so nó với tỷ lệ tính từ so / tren."""
    chu_so: Annotated[int, Field(ge=0, le=4)] = 1
    """Số chữ số thập phân của tỷ lệ in ra; không ghi thì là 1 (1,6%)."""

    @model_validator(mode="after")
    def _one_way(self):
        if (self.so is None) != (self.tren is None) or (self.ty_le is None and self.so is None):
            raise PydanticCustomError("figure", "ghi so và tren (baocao tính tỷ lệ), hoặc ty_le")
        return self


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class ChiTieu(Model):
    noi_dung: VanBan
    """Nội dung chỉ tiêu như nghị quyết, chương trình đề ra, ví dụ Chỉ tiêu 1: …; in sau "- " (chỉ tiêu con: "+ ")."""
    ke_hoach: TyLe | None = None
    """Mức chỉ tiêu đề ra (%); kèm thuc_hien thì baocao kết luận Đạt / Chưa đạt chỉ tiêu đề ra."""
    dat_khi: Literal["khong_duoi", "khong_qua"] = "khong_duoi"
    """khong_duoi: đạt khi số thực hiện không dưới mức đề ra (mặc định); khong_qua: đạt khi không vượt mức đề ra."""
    thuc_hien: list[SoLieuChiTieu] = []
    """Các số liệu thực hiện, mỗi mục so và tren (hoặc ty_le); đạt chỉ tiêu khi mọi số liệu đạt mức ke_hoach."""
    ket_qua: VanBan | None = None
    """Kết quả thực hiện, là đoạn văn; {so}, {tren}, {con_lai}, {ty_le} là số liệu thứ nhất ({so_2}, {ty_le_2} … các số liệu sau), {danh_gia} là câu kết luận Đạt / Chưa đạt chỉ tiêu đề ra. Để trống thì in câu kết luận."""
    doan_rieng: bool = False
    """true: kết quả in thành đoạn riêng dưới chỉ tiêu; false (mặc định): in tiếp sau dấu hai chấm."""
    chi_tieu: list["ChiTieu"] = []
    """Các chỉ tiêu con, in bắt đầu bằng "+ "."""

    @model_validator(mode="after")
    def _verdict_needs_figures(self):
        names = set(_PLACEHOLDER.findall(self.ket_qua or ""))
        known = {"danh_gia"}
        for k, figure in enumerate(self.thuc_hien, start=1):  # each figure offers what it has
            bases = ("ty_le",) + (("so", "tren", "con_lai") if figure.tren is not None else ())
            known |= {f"{base}_{k}" for base in bases} | ({*bases} if k == 1 else set())
        if names - known:
            raise PydanticCustomError("placeholder", "ket_qua dùng {{name}} nhưng không có số liệu này: dùng {so}, {tren}, {con_lai} (số liệu có so và tren), {ty_le} (số liệu thứ nhất), {so_2} … hoặc {danh_gia}",
                                      {"name": sorted(names - known)[0]})
        if ("danh_gia" in names or (self.ke_hoach is not None and self.ket_qua is None)) and (self.ke_hoach is None or not self.thuc_hien):
            raise PydanticCustomError("placeholder", "câu kết luận Đạt / Chưa đạt cần ke_hoach và thuc_hien của chỉ tiêu")
        if self.ke_hoach is not None and self.thuc_hien and self.ket_qua is not None and "danh_gia" not in names:
            raise PydanticCustomError("placeholder", "chỉ tiêu có ke_hoach và thuc_hien: đặt {danh_gia} vào ket_qua để in câu kết luận, hoặc bỏ ket_qua")
        return self


class MucDang(Model):
    tieu_de: str
    """Tiêu đề của mục, không gõ số: baocao đánh số theo cấp (I -, 1., 2.1.)."""
    noi_dung: VanBan | None = None
    """Các đoạn văn của mục, có thể dùng **đậm**, *nghiêng*, ^[chú thích]."""
    chi_tieu: list[ChiTieu] = []
    """Các chỉ tiêu của mục, in sau noi_dung."""
    muc: list["MucDang"] = []
    """Các mục con (tối đa ba cấp), in sau noi_dung và chi_tieu."""


class PhanDang(Model):
    tieu_de: str
    """Tên phần, in dưới dòng Phần thứ nhất, Phần thứ hai … (baocao đánh số)."""
    noi_dung: VanBan | None = None
    """Các đoạn văn ngay dưới tên phần."""
    muc: list[MucDang] = []
    """Các mục của phần (I -, II - …)."""
    nhiem_vu: list[MucVanBan] = []
    """Các nhiệm vụ, giải pháp đánh số 1., 2. … ngay dưới tên phần, mỗi mục một đoạn văn."""


class BaoCaoDang(Model):
    mau: str | None = None
    """Đường dẫn tới mẫu Word riêng, tính từ thư mục chứa tệp số liệu; để trống thì dùng mẫu chung templates/bao-cao-dang.docx."""
    ten_tep: TenTep | None = None
    """Tên tệp Word tạo ra, không kèm thư mục và không ghi đuôi .docx; để trống thì tên là BC-HU- và tên tệp số liệu."""
    so: SoHieu | None = None
    """Số của báo cáo, chỉ ghi số; để trống khi còn là dự thảo."""
    ky_hieu: KyHieuDang = "BC/HU"
    """Ký hiệu văn bản của Đảng in sau số và dấu gạch nối (Số 150-BC/HU); không ghi dòng này thì là BC/HU."""
    ngay: Ngay | None = None
    """Ngày ban hành; để trống khi còn là dự thảo."""
    nam: Annotated[int, Field(ge=1945, le=2100)]
    """Năm ban hành, in ở dòng ngày tháng của dự thảo (phải khớp với ngay nếu có)."""
    trich_yeu: Annotated[list[str], Field(min_length=1)]
    """Các dòng trích yếu in dưới chữ BÁO CÁO, mỗi dòng một mục."""
    phan: Annotated[list[PhanDang], Field(min_length=1)]
    """Các phần của báo cáo (Phần thứ nhất, Phần thứ hai …), baocao tự đánh số."""
    noi_nhan: Annotated[list[str], Field(min_length=1)]
    """Các nơi nhận, mỗi nơi một mục."""
    nguoi_ky: NguoiKy | None = None
    """Người ký nếu khác người ký chung của tệp (ví dụ T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ)."""

    @model_validator(mode="after")
    def _year_matches(self):
        if self.ngay is not None and self.ngay.year != self.nam:
            raise PydanticCustomError("year", "nam ({nam}) không khớp với năm của ngay ({year})",
                                      {"nam": self.nam, "year": self.ngay.year})
        return self
