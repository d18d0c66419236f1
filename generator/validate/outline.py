"""An outline written in the data: sections (`muc`) of prose and tables (`bang`), and appendices
(`phu_luc`) printed after the signature. A table block gives its kind and its rows only, typed in
the data (`dong`) or kept in a workbook's sheet (`excel`); the rows are read against the kind
(table_rows.py, sheet_rows.py) when the data file is validated.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .types import MaBang, Model, MucVanBan, Ngay, VanBan


class NguonExcel(Model):
    tep: Annotated[str, Field(min_length=1)]
    """Tệp bảng tính .xlsx giữ các dòng của bảng, đường dẫn tính từ thư mục của tệp số liệu (ví dụ so-lieu.xlsx)."""
    trang: Annotated[str, Field(min_length=1)]
    """Tên trang (sheet) trong tệp bảng tính, đúng như tên ở thẻ trang dưới đáy cửa sổ Excel (ví dụ Hồ sơ)."""
    vung: str | None = None
    """Vùng ô chứa bảng (tiêu đề cột và các dòng), ví dụ A3:L40; để trống thì đọc cả trang."""


class Bang(Model):
    kieu: str | dict[str, Any]
    """Kiểu bảng: tên một kiểu khai báo trong templates/bang.yaml (ví dụ ho_so_tthc), hoặc các cột của riêng bảng này viết ngay tại đây như một kiểu trong bang.yaml (cot, stt, ten_stt, dong_tong, dam_cap_1); kiểu bảng quyết định các cột và tiêu đề cột."""
    ma: MaBang | None = None
    """Mã của bảng, viết thường không dấu (ví dụ pl2_ho_so), để đoạn văn và bảng khác trích số liệu của bảng này bằng [=ma.dong.cot]; không cần thì bỏ."""
    dong: Annotated[list[Any], Field(min_length=1)] | None = None
    """Các dòng của bảng, mỗi dòng ghi giá trị theo mã cột; dòng có 'con' (các dòng con, tự đánh số) hoặc 'trong_do' (các phần "trong đó"); cột tổng, tỷ lệ, STT và dòng tổng cộng baocao tự tính."""
    excel: NguonExcel | None = None
    """Lấy các dòng của bảng từ một trang bảng tính thay cho 'dong': {tep: so-lieu.xlsx, trang: Hồ sơ}; cột nhận theo chữ tiêu đề hoặc hàng mã cột (xem README)."""
    kiem_tra: list[str] = []
    """Các quy tắc riêng của bảng này, thêm vào các quy tắc của kiểu bảng, mỗi quy tắc một dòng: hai dòng có mã so với nhau (hoan_thanh.so_lieu <= de_ra.so_lieu), tổng các cột (tiep_nhan = da_giai_quyet + dang_giai_quyet), phần không lớn hơn toàn bộ (cong_bo <= hieu_luc); baocao check báo dòng sai."""

    @model_validator(mode="after")
    def _one_source(self) -> "Bang":
        if (self.dong is None) == (self.excel is None):
            raise PydanticCustomError(
                "table_rows", "bảng cần đúng một trong hai: các dòng ghi ở 'dong', hoặc 'excel' chỉ tới trang bảng tính"
                + (" (đang có cả hai)" if self.dong is not None else ""), {})
        return self


class KhoiBang(Model):
    bang: Bang
    """Một bảng số liệu đặt giữa các đoạn văn."""


Khoi = VanBan | KhoiBang  # a block of a section: prose, or a table
NoiDung = VanBan | list[Khoi]  # a section's content: one text, or a list of texts and tables


class Muc(Model):
    tieu_de: MucVanBan
    """Tên mục, không gõ số thứ tự: baocao tự đánh số I., 1., a) theo cấp của mục."""
    noi_dung: NoiDung = []
    """Nội dung của mục: một đoạn văn, hoặc danh sách các khối, mỗi khối là một đoạn văn hay một bảng (bang: …)."""
    muc: list[Muc] = []
    """Các mục con (cấp dưới), in sau nội dung của mục này; tối đa ba cấp."""


class PhuLuc(Model):
    nhan: VanBan | None = None
    """Dòng nhãn phụ lục; để trống thì là "Phụ lục" (báo cáo có nhiều phụ lục thì kèm số thứ tự: Phụ lục 1, Phụ lục 2…), ghi "" để không in dòng nhãn."""
    tieu_de: Annotated[list[MucVanBan], Field(min_length=1)]
    """Các dòng tên phụ lục, in đậm giữa trang."""
    so_lieu_tu: Ngay | None = None
    """Ngày đầu của khoảng số liệu, in "(Số liệu từ … đến …)"; để trống thì không in dòng này."""
    so_lieu_den: Ngay | None = None
    """Ngày cuối của khoảng số liệu."""
    kem_theo: bool = True
    """In dòng "(Kèm theo Báo cáo số … ngày … của …)" lấy số, ngày và cơ quan của báo cáo; false để không in."""
    huong: Literal["ngang", "doc"] = "ngang"
    """Hướng trang của phụ lục: ngang (mặc định, cho bảng rộng) hoặc doc."""
    noi_dung: NoiDung = []
    """Nội dung đặt trước các mục: đoạn văn hoặc bảng."""
    muc: list[Muc] = []
    """Các mục của phụ lục, tự đánh số 1., a) (phụ lục không dùng số La Mã)."""
