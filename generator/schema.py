"""Step 2 of the flow: validate loaded data against the data-file format.

The models below *are* the data-file format: Vietnamese keys without
diacritics, figures as numbers, prose as text with baocao's small inline
markup. Validation is strict (a count must be a whole number, a date a date)
and reports every problem at once, each at its line and column in the YAML
file, in Vietnamese, with a hint (including "did you mean …?" for typos).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, ValidationError,
                      model_validator)
from pydantic_core import PydanticCustomError

from . import markup
from .errors import Finding, UserError
from .loader import Positions


def _parse_date(value: Any) -> Any:
    """Accept 2023-02-05 (YAML date) and the clerk's habit 05/02/2023."""
    if isinstance(value, str):
        for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return dt.datetime.strptime(value.strip(), fmt).date()
            except ValueError:
                pass
        shape = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", value)
        if shape:  # written the right way, but no such day on the calendar
            day, month, year = map(int, shape.groups())
            reason = (f"không có tháng {month}" if not 1 <= month <= 12
                      else f"tháng {month}/{year} không có ngày {day}")
            raise PydanticCustomError("date_text", "'{value}' không có trên lịch: {reason}",
                                      {"value": value, "reason": reason})
        raise PydanticCustomError(
            "date_text", "'{value}' không đọc được là một ngày: viết 05/02/2023 hoặc 2023-02-05", {"value": value})
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _check_markup(value: Any) -> Any:
    if isinstance(value, str):
        try:
            markup.parse(value)
        except markup.MarkupError as exc:
            raise PydanticCustomError("markup", "{message}", {"message": exc.message, "offset": exc.line_offset}) from None
    return value


Ngay = Annotated[dt.date, BeforeValidator(_parse_date)]
So = Annotated[int, Field(ge=0, le=10**12)]  # a count: whole, non-negative
SoTien = Annotated[int | float, Field(ge=0, le=10**15)]  # an amount (triệu đồng): may carry decimals
VanBan = Annotated[str, BeforeValidator(_check_markup)]  # prose with inline markup


def _not_blank(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        raise PydanticCustomError("blank", "mục này đang trống")
    return value


MucVanBan = Annotated[VanBan, BeforeValidator(_not_blank)]  # an item of a list: empty is a mistake


def _file_name(value: Any) -> Any:
    """A document's file name: no folder, no leading dot, no .docx typed (baocao adds it)."""
    if isinstance(value, str) and (value.startswith(".") or value.lower().endswith(".docx")):
        raise PydanticCustomError("string_pattern_mismatch", "not a file name")
    return value


TenTep = Annotated[str, Field(pattern=r"^[^/\\:*?\"<>|\t\r\n]+$"), BeforeValidator(_file_name)]


class Model(BaseModel):
    # use_attribute_docstrings: the docstring under each field becomes its description in
    # model_json_schema(), the field reference for whoever edits data files and templates.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False,
                              use_attribute_docstrings=True)


class CapTren(Model):
    ten: str
    """Tên đầy đủ của cơ quan cấp trên trực tiếp, ví dụ Ủy ban nhân dân tỉnh Bình Định."""
    cap: str
    """Cấp của cơ quan cấp trên, viết thường (ví dụ tỉnh), để mẫu ghi "UBND tỉnh"."""
    in_o_dau: bool = False
    """Ghi true để in tên cơ quan cấp trên (cơ quan chủ quản) phía trên tên cơ quan ban hành; không ghi dòng này thì là false, không in."""


class CoQuan(Model):
    ten: str
    """Tên đầy đủ của cơ quan ban hành báo cáo, ví dụ Ủy ban nhân dân huyện An Lão."""
    cap: str
    """Cấp của cơ quan ban hành, viết thường (huyện, xã hoặc tỉnh), để mẫu ghi "UBND huyện", "toàn huyện"."""
    dia_danh: str
    """Địa danh đứng đầu dòng ngày tháng, ví dụ An Lão trong "An Lão, ngày 05 tháng 02 năm 2023"."""
    dia_ban: str | None = None
    """Tên địa bàn trong cụm "trên địa bàn …", ví dụ huyện An Lão; để trống thì baocao lấy phần tên cơ quan đứng sau chữ "Ủy ban nhân dân"."""
    dong_tieu_de: list[str] | None = None
    """Các dòng tên cơ quan ban hành ở đầu văn bản, mỗi dòng một mục; để trống thì baocao tự tạo từ tên cơ quan (ỦY BAN NHÂN DÂN, HUYỆN AN LÃO)."""
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
    loai: Literal["quy", "6thang", "6thang_cuoi", "9thang", "nam"]
    """Loại kỳ báo cáo: quy (một quý), 6thang (6 tháng đầu năm), 6thang_cuoi (6 tháng cuối năm), 9thang (9 tháng đầu năm) hoặc nam (cả năm)."""
    nam: Annotated[int, Field(ge=1945, le=2100)]
    """Năm của kỳ báo cáo, ví dụ 2023."""
    so: Annotated[int, Field(ge=1, le=4)] | None = None
    """Quý mấy (từ 1 đến 4), bắt buộc khi loai là quy và phải để trống với các loại kỳ khác."""

    @model_validator(mode="after")
    def _quarter_needs_number(self):
        if self.loai == "quy" and self.so is None:
            raise PydanticCustomError("quarter", "kỳ báo cáo là quý nhưng chưa ghi quý mấy: thêm 'so: 1' (đến 4)")
        if self.loai != "quy" and self.so is not None:
            raise PydanticCustomError("quarter", "chỉ kỳ quý mới ghi 'so' (quý mấy): xóa dòng 'so' hoặc đổi loai thành quy")
        return self


class MucThem(Model):
    tieu_de: str
    """Tiêu đề của mục thêm, in thành đề mục; không gõ số thứ tự vì baocao tự đánh số."""
    noi_dung: VanBan
    """Nội dung của mục thêm, là đoạn văn có thể dùng **đậm**, *nghiêng*, ^[chú thích]."""


class MucDo(Model):
    toan_trinh: So
    """Số thủ tục hành chính thực hiện trực tuyến toàn trình (thủ tục)."""
    mot_phan: So
    """Số thủ tục hành chính thực hiện trực tuyến một phần (thủ tục)."""
    con_lai: So
    """Số thủ tục hành chính ở mức độ còn lại (thủ tục)."""
    tong: So | None = None
    """Tổng số thủ tục hành chính (thủ tục); để trống thì baocao cộng ba mức độ, ghi số thì văn bản in đúng số đã ghi."""


class SoThuTuc(Model):
    cap_minh: MucDo
    """Số thủ tục hành chính thuộc thẩm quyền giải quyết tại bộ phận một cửa cấp mình, chia theo mức độ."""
    cap_duoi: MucDo | None = None
    """Số thủ tục hành chính của cấp xã, chia theo mức độ; để trống thì câu số lượng thủ tục bỏ phần cấp xã."""


class HoSo(Model):
    den_ngay: Ngay
    """Ngày chốt số liệu hồ sơ thủ tục hành chính (ví dụ 2023-06-12)."""
    tiep_nhan: So
    """Tổng số hồ sơ đã tiếp nhận trong kỳ, như báo cáo ghi (không tự cộng)."""
    dung_han: So
    """Số hồ sơ giải quyết đúng hạn và sớm hạn (hồ sơ), dùng để tính tỷ lệ đúng hạn."""
    tre_han: So
    """Số hồ sơ giải quyết trễ hạn (hồ sơ); tỷ lệ đúng hạn do baocao tính bằng đúng hạn chia cho (đúng hạn + trễ hạn)."""
    chua_den_han: So
    """Số hồ sơ chưa đến hạn giải quyết (hồ sơ)."""
    them: VanBan | None = None
    """Đoạn văn nối tiếp ngay sau câu số liệu hồ sơ, có thể dùng **đậm**, *nghiêng*, ^[chú thích]; để trống thì không in thêm gì."""

    @model_validator(mode="after")
    def _rate_computable(self):
        if self.dung_han + self.tre_han == 0:
            raise PydanticCustomError(
                "rate", "chưa có hồ sơ nào giải quyết xong (đúng hạn + trễ hạn = 0) nên không tính được "
                        "tỷ lệ đúng hạn; kiểm tra lại số liệu hoặc bỏ mục ho_so")
        return self


class CaiCachTTHC(Model):
    ra_soat: VanBan | None = None
    """Đoạn văn về kết quả rà soát, cắt giảm, đơn giản hóa thủ tục hành chính, có thể dùng **đậm**, *nghiêng*, ^[chú thích]; để trống thì bỏ đoạn này."""
    so_thu_tuc: SoThuTuc | None = None
    """Số thủ tục hành chính theo mức độ trực tuyến; để trống thì bỏ câu số lượng thủ tục."""
    mot_cua: VanBan | None = None
    """Đoạn văn về kết quả thực hiện cơ chế một cửa, một cửa liên thông, có thể dùng **đậm**, *nghiêng*, ^[chú thích]; để trống thì bỏ đoạn này."""
    ho_so: HoSo | None = None
    """Số liệu giải quyết hồ sơ thủ tục hành chính; để trống thì bỏ câu kết quả giải quyết hồ sơ."""
    khac: VanBan | None = None
    """Đoạn văn về các nội dung cải cách thủ tục hành chính khác, in cuối mục, có thể dùng **đậm**, *nghiêng*, ^[chú thích]; để trống thì bỏ đoạn này."""


class PhanBienChe(Model):
    ten: str
    """Tên phần biên chế sự nghiệp, ví dụ Sự nghiệp GD&ĐT."""
    so: So
    """Số biên chế của phần này (biên chế)."""


class BienCheSuNghiep(Model):
    tong: So | None = None
    """Tổng biên chế sự nghiệp (biên chế); để trống thì baocao cộng các phần trong chi_tiet, ghi số thì văn bản in đúng số đã ghi."""
    chi_tiet: list[PhanBienChe] = []
    """Các phần của biên chế sự nghiệp, mỗi mục gồm ten và so; không ghi dòng này thì văn bản không liệt kê chi tiết."""


class BienChe(Model):
    tong: So | None = None
    """Tổng số biên chế đã phân bổ (biên chế); để trống thì baocao cộng biên chế công chức và biên chế sự nghiệp."""
    cong_chuc: So
    """Số biên chế công chức (biên chế)."""
    su_nghiep: BienCheSuNghiep
    """Biên chế sự nghiệp: tổng và các phần chi tiết."""


class BoMay(Model):
    bien_che: BienChe | None = None
    """Số liệu biên chế công chức, viên chức; để trống thì bỏ đoạn đánh giá quản lý, sử dụng biên chế."""
    khac: VanBan | None = None
    """Đoạn văn về các nội dung cải cách tổ chức bộ máy khác (ví dụ phân cấp quản lý), có thể dùng **đậm**, *nghiêng*, ^[chú thích]; để trống thì bỏ đoạn này."""


class VonDauTu(Model):
    truoc: VanBan | None = None
    """Đoạn văn đứng liền trước câu số liệu vốn đầu tư công trong cùng một câu, có thể dùng **đậm**, *nghiêng*, ^[chú thích]; để trống thì câu bắt đầu ngay bằng "đã thực hiện giao…"."""
    ke_hoach: Annotated[int | float, Field(gt=0)]  # the disbursement rate divides by it
    """Kế hoạch vốn đầu tư công được giao trong năm (triệu đồng), phải lớn hơn 0."""
    giai_ngan: SoTien
    """Vốn đầu tư công đã giải ngân đến thời điểm báo cáo (triệu đồng), có thể có phần thập phân; tỷ lệ giải ngân do baocao tính."""
    sau: VanBan | None = None
    """Đoạn văn nối tiếp ngay sau câu số liệu vốn đầu tư công, có thể dùng **đậm**, *nghiêng*, ^[chú thích]; để trống thì không in thêm gì."""


class TaiChinh(Model):
    mo_dau: VanBan | None = None
    """Đoạn văn mở đầu mục cải cách tài chính công, có thể dùng **đậm**, *nghiêng*, ^[chú thích]; để trống thì bỏ đoạn này."""
    von_dau_tu: VonDauTu | None = None
    """Số liệu kế hoạch và giải ngân vốn đầu tư công; để trống thì bỏ câu về vốn đầu tư công."""
    khac: VanBan | None = None
    """Đoạn văn về các nội dung tài chính công khác (tài sản công, tự chủ tài chính), có thể dùng **đậm**, *nghiêng*, ^[chú thích]; để trống thì bỏ đoạn này."""


class ChiDao(Model):
    danh_gia: VanBan | None = None
    """Đoạn văn đánh giá công tác chỉ đạo, điều hành cải cách hành chính, có thể dùng **đậm**, *nghiêng*, ^[chú thích]; để trống thì bỏ cả đề mục này."""
    ke_hoach: VanBan | None = None
    """Đoạn văn về triển khai thực hiện Kế hoạch cải cách hành chính, có thể dùng **đậm**, *nghiêng*, ^[chú thích]; để trống thì bỏ cả đề mục này."""
    kiem_tra: VanBan | None = None
    """Đoạn văn về công tác kiểm tra cải cách hành chính, có thể dùng **đậm**, *nghiêng*, ^[chú thích]; để trống thì bỏ cả đề mục này."""
    tuyen_truyen: VanBan | None = None
    """Đoạn văn về công tác tuyên truyền cải cách hành chính, có thể dùng **đậm**, *nghiêng*, ^[chú thích]; để trống thì bỏ cả đề mục này."""
    muc_them: list[MucThem] = []
    """Các mục thêm vào cuối phần chỉ đạo, điều hành, mỗi mục gồm tieu_de và noi_dung; không ghi dòng này thì không thêm mục nào."""


class KetQua(Model):
    the_che: VanBan | None = None
    """Đoạn văn của mục Cải cách thể chế, có thể dùng **đậm**, *nghiêng*, ^[chú thích]; để trống thì bỏ cả mục này."""
    tthc: CaiCachTTHC | None = None
    """Nội dung mục Cải cách thủ tục hành chính (TTHC); để trống thì bỏ cả mục này."""
    bo_may: BoMay | None = None
    """Nội dung mục Cải cách tổ chức bộ máy; để trống thì bỏ cả mục này."""
    cong_vu: VanBan | None = None
    """Đoạn văn của mục Cải cách chế độ công vụ, có thể dùng **đậm**, *nghiêng*, ^[chú thích]; để trống thì bỏ cả mục này."""
    tai_chinh: TaiChinh | None = None
    """Nội dung mục Cải cách tài chính công; để trống thì bỏ cả mục này."""
    chinh_quyen_so: VanBan | None = None
    """Đoạn văn của mục Xây dựng và phát triển Chính quyền điện tử, Chính quyền số, có thể dùng **đậm**, *nghiêng*, ^[chú thích]; để trống thì bỏ cả mục này."""
    muc_them: list[MucThem] = []
    """Các mục thêm vào cuối phần kết quả thực hiện, mỗi mục gồm tieu_de và noi_dung; không ghi dòng này thì không thêm mục nào."""


class DanhGia(Model):
    tich_cuc: VanBan | None = None
    """Đoạn văn của mục Mặt tích cực, có thể dùng **đậm**, *nghiêng*, ^[chú thích]; để trống thì bỏ cả mục này."""
    han_che: VanBan | None = None
    """Đoạn văn của mục Những tồn tại, hạn chế, nguyên nhân, có thể dùng **đậm**, *nghiêng*, ^[chú thích]; để trống thì bỏ cả mục này."""
    muc_them: list[MucThem] = []
    """Các mục thêm vào cuối phần đánh giá chung, mỗi mục gồm tieu_de và noi_dung; không ghi dòng này thì không thêm mục nào."""


# --- the generic body: sections, prose and tables (reports whose outline is in the data) -------

MaBang = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class Bang(Model):
    kieu: str
    """Kiểu bảng, là một kiểu khai báo trong templates/bang.yaml (ví dụ ho_so_linh_vuc); kiểu bảng quyết định các cột và tiêu đề cột."""
    ma: MaBang | None = None
    """Mã của bảng, viết thường không dấu (ví dụ pl2_ho_so), để đoạn văn và bảng khác trích số liệu của bảng này bằng [=ma.dong.cot]; không cần thì bỏ."""
    dong: Annotated[list[Any], Field(min_length=1)]
    """Các dòng của bảng, mỗi dòng ghi giá trị theo mã cột; dòng có 'con' (các dòng con, tự đánh số) hoặc 'trong_do' (các phần "trong đó"); cột tổng, tỷ lệ, STT và dòng tổng cộng baocao tự tính."""


class KhoiBang(Model):
    bang: Bang
    """Một bảng số liệu đặt giữa các đoạn văn."""


Khoi = VanBan | KhoiBang  # a block of a section: prose, or a table


class Muc(Model):
    tieu_de: MucVanBan
    """Tên mục, không gõ số thứ tự: baocao tự đánh số I., 1., a) theo cấp của mục."""
    noi_dung: VanBan | list[Khoi] = []
    """Nội dung của mục: một đoạn văn, hoặc danh sách các khối, mỗi khối là một đoạn văn hay một bảng (bang: …)."""
    muc: list[Muc] = []
    """Các mục con (cấp dưới), in sau nội dung của mục này; tối đa ba cấp."""


class PhuLuc(Model):
    nhan: VanBan | None = None
    """Dòng nhãn phụ lục; để trống thì là "Phụ lục" kèm số thứ tự (Phụ lục 1, Phụ lục 2…), ghi "" để không in dòng nhãn."""
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
    noi_dung: VanBan | list[Khoi] = []
    """Nội dung đặt trước các mục: đoạn văn hoặc bảng."""
    muc: list[Muc] = []
    """Các mục của phụ lục, tự đánh số 1., a) (phụ lục không dùng số La Mã)."""


class BaoCao(Model):
    mau: str | None = None
    """Đường dẫn tới mẫu Word riêng của đơn vị, tính từ thư mục chứa tệp số liệu; để trống thì dùng mẫu chung templates/bao-cao-cchc.docx."""
    ten_tep: TenTep | None = None  # a file name, no folders
    """Tên tệp Word tạo ra, không kèm thư mục và không ghi đuôi .docx; để trống thì tên là BC- và tên tệp số liệu."""
    ky_truoc: Annotated[str, Field(min_length=1)] | None = None  # issue 7: generator/previous.py
    """Tệp số liệu của kỳ báo cáo trước (đường dẫn tính từ thư mục chứa tệp số liệu này), để văn bản tự tính tăng, giảm so với kỳ trước; không ghi dòng này thì không so sánh."""
    so: Annotated[int, Field(ge=1)] | None = None
    """Số của báo cáo, chỉ ghi số (ví dụ 125); để trống khi còn là dự thảo thì văn bản để chỗ trống cho văn thư điền."""
    ky_hieu: Annotated[str, Field(pattern=r"^[^\s/]+$")] = "BC-UBND"  # BC-UBND: no spaces, no number
    """Ký hiệu văn bản in sau số, viết liền không dấu cách và không kèm số; không ghi dòng này thì là BC-UBND."""
    ngay: Ngay | None = None
    """Ngày ban hành báo cáo (ví dụ 2023-02-05 hoặc 05/02/2023); để trống khi còn là dự thảo thì dòng ngày tháng để chỗ trống, chỉ in năm của kỳ báo cáo."""
    ky: Ky
    """Kỳ báo cáo (loại kỳ, năm và quý nếu là báo cáo quý), dùng trong tên báo cáo và câu kết."""
    trich_yeu: Annotated[list[MucVanBan], Field(min_length=1)] | None = None
    """Các dòng trích yếu in dưới chữ BÁO CÁO, mỗi dòng một mục; để trống thì mẫu in "Công tác cải cách hành chính" kèm kỳ báo cáo và địa bàn."""
    kinh_gui: list[str] = []
    """Các nơi kính gửi, mỗi nơi một mục; một nơi thì in trên cùng dòng "Kính gửi:", nhiều nơi thì in thành danh sách; báo cáo theo mẫu chung (noi_dung) có thể không ghi (không in dòng Kính gửi)."""
    gui_ngan: str | None = None
    """Tên gọi ngắn của nơi nhận trong câu kết "báo cáo … theo dõi, tổng hợp", ví dụ Sở Nội vụ; để trống thì dùng các nơi kính gửi nối bằng dấu phẩy."""
    mo_dau: VanBan
    """Đoạn văn mở đầu báo cáo, in ngay sau phần Kính gửi, bắt buộc phải có, có thể dùng **đậm**, *nghiêng*, ^[chú thích]."""
    chi_dao: ChiDao | None = None
    """Nội dung phần Công tác chỉ đạo, điều hành cải cách hành chính; để trống thì bỏ cả phần này."""
    ket_qua: KetQua | None = None
    """Nội dung phần Kết quả thực hiện công tác cải cách hành chính; để trống thì bỏ cả phần này."""
    danh_gia: DanhGia | None = None
    """Nội dung phần Đánh giá chung; để trống thì bỏ cả phần này."""
    phuong_huong: list[MucVanBan] = []
    """Các nhiệm vụ của phần Phương hướng nhiệm vụ trọng tâm, mỗi nhiệm vụ một mục là một đoạn văn có thể dùng **đậm**, *nghiêng*, ^[chú thích] và được baocao tự đánh số; không ghi dòng này thì bỏ cả phần này."""
    ket_thuc: VanBan | None = None
    """Câu kết báo cáo thay cho câu có sẵn trong mẫu, là đoạn văn có thể dùng **đậm**, *nghiêng*, ^[chú thích] và không cần gõ "./." vì mẫu tự thêm; để trống thì in câu "Trên đây là báo cáo … theo dõi, tổng hợp./."."""
    noi_nhan: Annotated[list[str], Field(min_length=1)]
    """Các nơi nhận in ở cuối văn bản, mỗi nơi một mục, cần ít nhất một mục (mục có dấu hai chấm như "Lưu: VT" phải đặt trong dấu nháy)."""
    noi_dung: list[Muc] | None = None
    """Dàn ý và nội dung báo cáo ghi ngay trong tệp số liệu: các mục cấp I, mỗi mục có nội dung (đoạn văn, bảng) và mục con; dùng mẫu chung templates/bao-cao-chung.docx. Khi có khóa này thì không dùng các khóa chi_dao, ket_qua, danh_gia, phuong_huong."""
    phu_luc: list[PhuLuc] = []
    """Các phụ lục in sau chữ ký, mỗi phụ lục một phần riêng (mặc định trang ngang, đánh số trang riêng); chỉ dùng với noi_dung."""

    @model_validator(mode="after")
    def _one_outline(self) -> "BaoCao":
        if self.noi_dung is not None:
            fixed = [name for name in ("chi_dao", "ket_qua", "danh_gia") if getattr(self, name) is not None]
            fixed += ["phuong_huong"] if self.phuong_huong else []
            if fixed:
                raise PydanticCustomError(
                    "two_outlines", "báo cáo có 'noi_dung' (dàn ý tự do) thì không dùng {keys}",
                    {"keys": ", ".join(fixed)})
        else:
            if self.phu_luc:
                raise PydanticCustomError("appendix_outline", "'phu_luc' chỉ dùng cùng 'noi_dung' (mẫu báo cáo chung)", {})
            if not self.kinh_gui:
                raise PydanticCustomError("no_addressee", "cần ít nhất một nơi kính gửi ('kinh_gui')", {})
        return self

# --- Cited documents and accepted findings (issue 5, `baocao check`) -----------------------------
# Top-level, beside the documents: several documents of one data file share the registry. Prose
# cites an entry with [@key] (citations.py); checks.py reads `chap_nhan`.

def _citation_date(value: Any) -> Any:
    """A cited document's date as it will print: text typed as 20/3/2023 or 14/03/2022 prints as
    typed (the seeds write both), a YAML date 2023-03-20 prints the ND30 way (20/3/2023)."""
    from . import vi_format  # local: vi_format is a leaf module, imported here only for this field
    if isinstance(value, (dt.date, dt.datetime)):
        return vi_format.ngay(value.date() if isinstance(value, dt.datetime) else value)
    parsed = _parse_date(value)  # refuses text that is not a real date
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
    so: Annotated[str, BeforeValidator(_document_number), Field(pattern=r"^\d+$")]
    """Số của văn bản, chỉ ghi số (ví dụ 6134); số nhỏ hơn 10 in thêm số 0 đằng trước (05)."""
    ky_hieu: Annotated[str, Field(pattern=r"^[^\s/][^\s]*$")]
    """Phần sau số và dấu '/', viết liền: QĐ-UBND, KH-UBND, UBND (công văn), văn bản quy phạm pháp luật ghi cả năm: 2020/QĐ-UBND, 2008/NĐ-CP; văn bản của Đảng ghi phần sau dấu '-': CTr/TU (in 09-CTr/TU), KH/HU."""
    ngay: Annotated[str, BeforeValidator(_citation_date)]
    """Ngày ký văn bản; gõ 20/3/2023 hoặc 14/03/2022 thì in đúng như gõ, gõ 2023-03-20 thì in 20/3/2023."""
    co_quan: str | None = None
    """Cơ quan ban hành, in sau chữ "của" (ví dụ UBND tỉnh, Chính phủ); để trống khi chính cơ quan báo cáo ban hành và câu không nhắc lại tên."""
    trich_yeu: str | None = None
    """Phần trích yếu in sau cơ quan ban hành, viết đúng như muốn in, thường bắt đầu bằng "về việc"."""


class ChapNhan(Model):
    """A finding of `baocao check` the clerk accepts: printed as a warning, it no longer stops the build."""

    kiem_tra: str
    """Mã của phép kiểm tra, in trong dòng "Cách sửa" của lỗi (ví dụ tong, ky_hieu, ngay_trich_dan)."""
    o: str
    """Chỗ có lỗi, in trong dòng "Cách sửa" của lỗi: đường dẫn khóa (bao_cao.ket_qua.tthc.ho_so.tiep_nhan), tên văn bản trong van_ban, hoặc số ký hiệu (356/KH-UBND)."""
    gia_tri: str | None = None
    """Các con số của lỗi, chép từ dòng "Cách sửa" (ví dụ "9737 ≠ 9744"); có ghi thì khi số liệu đổi, lỗi mới không còn được chấp nhận."""
    ly_do: Annotated[str, BeforeValidator(_not_blank)]
    """Lý do chấp nhận, ví dụ: số liệu giữ đúng như báo cáo gốc đã ký."""

# --- end of issue 5 block -----------------------------------------------------------------------


# --- Thông báo kết luận (TB-UBND, seed 003) -------------------------------------------------

class NguoiChuTri(Model):
    ho_ten: str
    """Họ và tên người chủ trì, ví dụ Huỳnh Nam."""
    chuc_vu: str
    """Chức vụ của người chủ trì, ví dụ Chủ tịch UBND huyện."""


class NhomThamDu(Model):
    nhom: str
    """Tên nhóm thành phần tham dự, ví dụ "lãnh đạo các phòng, đơn vị có liên quan … (gọi tắt là Bộ phận Một cửa)"."""
    gom: Annotated[list[str], Field(min_length=1)]
    """Các đơn vị của nhóm, mỗi đơn vị một mục; văn bản in "nhóm gồm: đơn vị, đơn vị, …"."""


class HoiNghi(Model):
    ten: str
    """Tên hội nghị như in trong trích yếu, ví dụ Hội nghị tổng kết công tác cải cách hành chính năm 2021 và …."""
    ten_mo_dau: str | None = None
    """Tên hội nghị như in trong đoạn mở đầu, nếu khác trích yếu; để trống thì dùng ten."""
    ngay: Ngay
    """Ngày họp hội nghị (ví dụ 2022-03-18 hoặc 18/03/2022)."""
    chu_tri: NguoiChuTri
    """Người chủ trì hội nghị và kết luận: họ tên, chức vụ."""
    tham_du: Annotated[list[str | NhomThamDu], Field(min_length=1)]
    """Thành phần tham dự, mỗi thành phần một mục: một dòng chữ, hoặc một nhóm (nhom, gom); baocao nối bằng dấu phẩy (dấu chấm phẩy sau một nhóm) và chữ "và" trước thành phần cuối."""
    bao_cao_vien: str
    """Người trình bày báo cáo tại hội nghị, ví dụ đồng chí Trưởng phòng Phòng Nội vụ huyện."""
    bao_cao: str
    """Báo cáo được trình bày, ví dụ báo cáo tổng kết công tác cải cách hành chính năm 2021 và …."""


class TonTai(Model):
    mo_dau: VanBan
    """Câu dẫn vào các tồn tại, hạn chế, có thể dùng **đậm**, *nghiêng*, ^[chú thích]."""
    cac_muc: Annotated[list[MucVanBan], Field(min_length=1)]
    """Các tồn tại, hạn chế, mỗi mục một đoạn văn, in bắt đầu bằng "- "."""
    nguyen_nhan: VanBan | None = None
    """Đoạn văn về nguyên nhân của các tồn tại, hạn chế; để trống thì bỏ đoạn này."""


class NhiemVuCon(Model):
    noi_dung: MucVanBan
    """Nội dung nhiệm vụ, là đoạn văn có thể dùng **đậm**, *nghiêng*, ^[chú thích]; baocao tự đánh số (1.12.1 - …)."""


class NhiemVu(Model):
    noi_dung: MucVanBan
    """Nội dung nhiệm vụ, là đoạn văn có thể dùng **đậm**, *nghiêng*, ^[chú thích]; baocao tự đánh số (1.1- …)."""
    nhiem_vu: list[NhiemVuCon] = []
    """Các nhiệm vụ con, mỗi mục có noi_dung, được đánh số tiếp theo số của nhiệm vụ (1.12.1 - …); không ghi thì không có."""


class NhomChiDao(Model):
    doi_tuong: MucVanBan
    """Cơ quan, người được giao nhiệm vụ, in thành đề mục có số (1. Thủ trưởng các phòng, ban huyện …:); không gõ số."""
    noi_dung: VanBan | None = None
    """Nội dung giao ngay trên dòng đề mục (ví dụ "6. Đề nghị VNPT Bình Định: Thường xuyên …"), dùng khi nhóm không có danh sách nhiệm vụ."""
    nhiem_vu: list[NhiemVu] = []
    """Các nhiệm vụ của nhóm, mỗi mục có noi_dung và có thể có nhiem_vu con; baocao tự đánh số 1.1-, 1.2- …"""
    sau: VanBan | None = None
    """Đoạn văn tự do in sau các nhiệm vụ của nhóm, ví dụ **Lưu ý:** …; để trống thì không in."""


class NoiNhanGhiChu(Model):
    ten: str
    """Nơi nhận, ví dụ TT. HU; TT. HĐND huyện."""
    ghi_chu: str
    """Ghi chú in nghiêng trong ngoặc sau nơi nhận, ví dụ thay báo cáo."""


class ThongBao(Model):
    mau: str | None = None
    """Đường dẫn tới mẫu Word riêng, tính từ thư mục chứa tệp số liệu; để trống thì dùng mẫu chung templates/thong-bao-ket-luan.docx."""
    ten_tep: TenTep | None = None
    """Tên tệp Word tạo ra, không kèm thư mục và không ghi đuôi .docx; để trống thì tên là TB- và tên tệp số liệu."""
    so: Annotated[int, Field(ge=1)] | None = None
    """Số của thông báo, chỉ ghi số (ví dụ 39); để trống khi còn là dự thảo."""
    ky_hieu: Annotated[str, Field(pattern=r"^[^\s/]+$")] = "TB-UBND"
    """Ký hiệu văn bản in sau số, viết liền không dấu cách; không ghi dòng này thì là TB-UBND."""
    ngay: Ngay | None = None
    """Ngày ban hành thông báo; để trống khi còn là dự thảo (dòng ngày tháng chỉ in năm của ngày họp)."""
    trich_yeu: Annotated[list[MucVanBan], Field(min_length=1)] | None = None
    """Các dòng trích yếu in dưới chữ THÔNG BÁO; để trống thì baocao viết "Ý kiến kết luận của đồng chí … tại …" từ hội nghị."""
    hoi_nghi: HoiNghi
    """Hội nghị được kết luận: tên, ngày, người chủ trì, thành phần tham dự, báo cáo được trình bày."""
    danh_gia: VanBan
    """Các đoạn văn đánh giá chung của kết luận, có thể dùng **đậm**, *nghiêng*, ^[chú thích]."""
    ton_tai: TonTai | None = None
    """Các tồn tại, hạn chế và nguyên nhân; để trống thì bỏ phần này."""
    yeu_cau: VanBan
    """Câu dẫn vào các nhiệm vụ được giao, ví dụ "… đồng chí Chủ tịch UBND huyện yêu cầu:"."""
    chi_dao: Annotated[list[NhomChiDao], Field(min_length=1)]
    """Các nhóm nhiệm vụ theo nơi được giao, baocao tự đánh số nhóm (1.), nhiệm vụ (1.1-) và nhiệm vụ con (1.12.1 -)."""
    ket_thuc: VanBan | None = None
    """Câu kết thay cho câu có sẵn, không cần gõ "./."; để trống thì in "Thừa lệnh Chủ tịch UBND …, Văn phòng HĐND và UBND … xin thông báo …./."."""
    noi_nhan: Annotated[list[str | NoiNhanGhiChu], Field(min_length=1)]
    """Các nơi nhận, mỗi nơi một mục: một dòng chữ, hoặc ten kèm ghi_chu (in nghiêng trong ngoặc)."""
    nguoi_ky: NguoiKy | None = None
    """Người ký thông báo nếu khác người ký chung của tệp (ví dụ TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG)."""


# --- Báo cáo của cấp ủy đảng (BC/HU, seed 004) ---------------------------------------------

class SoLieuChiTieu(Model):
    so: SoTien | None = None
    """Số đạt được (ví dụ 28 biên chế tinh giản, 11401 giao dịch); kèm tren thì baocao tính tỷ lệ."""
    tren: Annotated[int | float, Field(gt=0)] | None = None
    """Tổng số để tính tỷ lệ (ví dụ 1752 biên chế); tỷ lệ = so / tren."""
    ty_le: SoTien | None = None
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
    ke_hoach: SoTien | None = None
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
    so: Annotated[int, Field(ge=1)] | None = None
    """Số của báo cáo, chỉ ghi số; để trống khi còn là dự thảo."""
    ky_hieu: Annotated[str, Field(pattern=r"^[^\s/-][^\s]*$")] = "BC/HU"
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


class DuLieu(Model):
    """A period data file: shared parts, then one key per kind of document it declares.

    bao_cao is one report (the original form); thong_bao and bao_cao_dang are lists, so that one
    file may declare several documents of a kind, all sharing co_quan, nguoi_ky and van_ban."""

    co_quan: CoQuan
    """Cơ quan ban hành các văn bản của tệp: tên, cấp, địa danh và cơ quan cấp trên."""
    nguoi_ky: NguoiKy
    """Người ký các văn bản của tệp (một văn bản có thể ghi nguoi_ky riêng): thẩm quyền ký, chức vụ và họ tên."""
    bao_cao: BaoCao | None = None
    """Báo cáo công tác cải cách hành chính (BC-UBND): số, ngày, kỳ, nơi gửi và các phần của báo cáo."""
    thong_bao: list[ThongBao] = []
    """Các thông báo kết luận (TB-UBND), mỗi thông báo một mục bắt đầu bằng "- "."""
    bao_cao_dang: list[BaoCaoDang] = []
    """Các báo cáo của cấp ủy đảng (BC/HU), mỗi báo cáo một mục bắt đầu bằng "- "."""
    van_ban: dict[str, VanBanTrichDan] = {}
    """Các văn bản được trích dẫn, mỗi văn bản một tên ngắn (ví dụ qd-6134); trong đoạn văn viết [@qd-6134] để in tên văn bản."""
    chap_nhan: list[ChapNhan] = []
    """Các lỗi của baocao check được chấp nhận (giữ đúng như văn bản gốc): mỗi mục gồm kiem_tra, o và ly_do."""

    @model_validator(mode="after")
    def _declares_a_document(self):
        if self.bao_cao is None and not self.thong_bao and not self.bao_cao_dang:
            raise PydanticCustomError("no_document", "tệp số liệu chưa khai báo văn bản nào: thêm bao_cao, thong_bao hoặc bao_cao_dang")
        return self


# Values baocao computes (derive.py) and templates may use, by the model they extend. Typing one
# of them in a data file is refused with a hint of its own; `template vars` lists them.
DERIVED: dict[str, dict[str, str]] = {
    "BaoCao": {
        "so_ky_hieu": "số và ký hiệu văn bản, ví dụ 125/BC-UBND; để trống số thì là chỗ trống cho văn thư",
        "dong_ngay": "dòng địa danh, ngày tháng năm, ví dụ An Lão, ngày 05 tháng 02 năm 2023",
    },
    "ThongBao": {
        "so_ky_hieu": "số và ký hiệu thông báo, ví dụ 39/TB-UBND; để trống số thì là chỗ trống cho văn thư",
        "dong_ngay": "dòng địa danh, ngày tháng năm, ví dụ Tuy Phước, ngày 23 tháng 3 năm 2022",
    },
    "HoiNghi": {"thanh_phan": "thành phần tham dự đã nối thành câu (dấu phẩy, dấu chấm phẩy sau một nhóm, chữ và)"},
    "BaoCaoDang": {
        "so_ky_hieu": "số và ký hiệu văn bản của Đảng, ví dụ 150-BC/HU; để trống số thì là chỗ trống cho văn thư",
        "dong_ngay": "dòng địa danh, ngày tháng năm, ví dụ Tây Sơn, ngày 15 tháng 8 năm 2023",
        "khoi": "thân báo cáo theo thứ tự đọc: đề mục, đoạn văn, nhiệm vụ",
    },
    "CoQuan": {"ten_ngan": "tên ngắn của cơ quan trong câu văn, ví dụ UBND huyện An Lão"},
    "PhuLuc": {"dong_dau": "các dòng đầu phụ lục: nhãn (Phụ lục 1) và tên phụ lục",
               "ghi_chu_dau": "các dòng (Số liệu từ … đến …) và (Kèm theo Báo cáo số … ngày … của …)"},
    "HoSo": {"ty_le_dung_han": "tỷ lệ (%) hồ sơ đúng hạn = đúng hạn / (đúng hạn + trễ hạn), tính tự động"},
    "VonDauTu": {"ty_le_giai_ngan": "tỷ lệ (%) giải ngân = giải ngân / kế hoạch, tính tự động"},
}
_DERIVED_KEYS = {key: text for fields in DERIVED.values() for key, text in fields.items()}


def validate(data: Any, positions: Positions) -> DuLieu:
    try:
        return DuLieu.model_validate(data)
    except ValidationError as exc:
        errors = _without_union_misses(_without_typo_twins(_one_per_place(exc.errors())))
        raise UserError([_finding(err, positions) for err in errors]) from None


def _without_union_misses(errors: list[dict]) -> list[dict]:
    """A group where a list takes text or a group (noi_nhan, tham_du), or a list where a section's
    content takes text or blocks (noi_dung), is also "not text": when its own errors are reported,
    drop that one."""
    deeper = {_clean_path(e["loc"])[:k] for e in errors for k in range(len(_clean_path(e["loc"])))}
    return [e for e in errors if not (e["type"] == "string_type" and isinstance(e.get("input"), (dict, list))
                                      and _clean_path(e["loc"]) in deeper)]


def _one_per_place(errors: list[dict]) -> list[dict]:
    """pydantic reports a value of a union (int | float) once per member: keep one error per place,
    preferring the wording of the widest member (float over int)."""
    kept: dict[tuple, dict] = {}
    for err in errors:
        place = _clean_path(err["loc"])
        if place not in kept or (err["type"] == "float_type" and kept[place]["type"] == "int_type"):
            kept[place] = err
    return list(kept.values())


def _without_typo_twins(errors: list[dict]) -> list[dict]:
    """A misspelt key ('nguoi_kí') is also a missing one ('nguoi_ky'): report only the misspelling,
    whose message already suggests the right name."""
    suggested = {_clean_path(e["loc"])[:-1] + (_suggestion(_clean_path(e["loc"])),)
                 for e in errors if e["type"] == "extra_forbidden"}
    return [e for e in errors if not (e["type"] == "missing" and _clean_path(e["loc"]) in suggested)]


def _suggestion(path: tuple) -> str | None:
    """The known key a misspelt key at `path` most likely means."""
    model = _model_at(path[:-1])
    close = difflib.get_close_matches(_strip_accents(str(path[-1])), list(model.model_fields) if model else [],
                                      n=1, cutoff=0.6)
    return close[0] if close else None


def _clean_path(loc: tuple) -> tuple:
    # pydantic inserts the union member's name (e.g. 'int', 'function-after[...]') into loc
    return tuple(p for p in loc if isinstance(p, int) or not _is_union_tag(p))


def _model_at(path: tuple) -> type[Model] | None:
    """The model class that validates the mapping at `path` (for did-you-mean)."""
    model: Any = DuLieu
    for part in path:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if isinstance(model, type) and issubclass(model, BaseModel) else None
        if field is None:
            return None
        model = _unwrap(field.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """The BaseModel inside Optional[...] / list[...] / Annotated[...], if any."""
    for arg in getattr(annotation, "__args__", ()) or ():
        inner = _unwrap(arg)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return inner
    return annotation


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _dotted(path: tuple) -> str:
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


_TYPE_NAMES = {
    dict: "một nhóm khóa con", list: "một danh sách", str: "văn bản", bool: "có/không (true/false)",
    int: "số nguyên", float: "số thập phân", dt.date: "ngày", type(None): "giá trị trống",
}


_GROUPED_NUMBER = re.compile(r"\d{1,3}(?:[., \u00a0]\d{3})+")


def _finding(err: dict, positions: Positions) -> Finding:
    path = _clean_path(err["loc"])
    raw = positions.raw.get(path, "")
    kind = err["type"]
    value = err.get("input")
    got = _TYPE_NAMES.get(type(value), type(value).__name__)
    key = path[-1] if path else ""
    where = positions.at(path)
    hint = None

    if kind == "missing":
        parent = path[:-1]
        where = positions.at(parent, key=True)
        message = f"thiếu khóa bắt buộc '{key}'" + (f" trong mục '{_dotted(parent)}'" if parent else "")
        hint = f"thêm dòng '{key}: …' (xem tệp mẫu trong thư mục data/)."
    elif kind == "extra_forbidden":
        where = positions.at(path, key=True)
        message = f"khóa lạ '{key}'" + (f" trong mục '{_dotted(path[:-1])}'" if len(path) > 1 else "")
        if key in _DERIVED_KEYS:
            hint = f"đây là {_DERIVED_KEYS[key]}; xóa dòng này."
        elif (close := _suggestion(path)) is not None:
            hint = f"có phải ý bạn là '{close}'?"
        elif (model := _model_at(path[:-1])) is not None:
            hint = "các khóa được dùng ở đây: " + ", ".join(model.model_fields) + "."
    elif kind in ("int_type", "int_from_float", "float_type", "int_parsing", "float_parsing"):
        whole = kind.startswith("int")
        message = f"'{_dotted(path)}' cần {'một số nguyên' if whole else 'một con số'}, nhưng đang là {got} ({raw or value!r})"
        if key == "so" and "/" in raw:  # "125/BC-UBND" typed into the number
            hint = f"chỉ ghi số ({raw.split('/')[0].strip()}); ký hiệu sau dấu '/' ghi ở khóa 'ky_hieu'."
        elif _GROUPED_NUMBER.fullmatch(raw.strip()):  # typed the Vietnamese way: 9.737 or 1.234.567
            digits = re.sub(r"\D", "", raw)
            hint = f"viết số không có dấu phân cách hàng nghìn: {digits}"
        elif isinstance(value, float):
            hint = "số này phải là số nguyên: bỏ phần thập phân."
        elif isinstance(value, str) and re.fullmatch(r"[\d.,\s]+", value.strip()):
            hint = "viết số không đặt trong dấu nháy."
        else:
            hint = "viết giá trị bằng chữ số, ví dụ 9737" + ("" if whole else " hoặc 281318.5") + "."
    elif kind == "string_type":
        message = f"'{_dotted(path)}' cần văn bản, nhưng đang là {got}"
        if isinstance(value, dict):
            hint = "dòng chữ có dấu ':' phải đặt trong dấu nháy, ví dụ \"Lưu: VT\"."
        elif value is None:
            hint = "điền nội dung, hoặc xóa cả dòng nếu không dùng mục này."
        else:
            hint = "đặt nội dung trong dấu nháy \"…\"."
    elif kind in ("date_type", "date_from_datetime_inexact", "date_parsing"):
        message = f"'{_dotted(path)}' cần một ngày, nhưng đang là {got} ({value!r})"
        hint = "viết ngày dạng 2023-02-05 hoặc 05/02/2023."
    elif kind == "list_type":
        message = f"'{_dotted(path)}' cần một danh sách, nhưng đang là {got}"
        hint = "mỗi mục một dòng, bắt đầu bằng '- '."
    elif kind in ("model_type", "dict_type", "model_attributes_type") and not path:
        message = f"tệp số liệu phải là một nhóm khóa (co_quan:, nguoi_ky:, bao_cao: …), nhưng đang là {got}"
        hint = "xem tệp mẫu trong thư mục data/."
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        message = f"'{_dotted(path)}' cần một nhóm khóa con, nhưng đang là {got}"
        hint = "viết các khóa con ở các dòng dưới, thụt vào 2 dấu cách."
    elif kind == "bool_type":
        message = f"'{_dotted(path)}' cần true (có) hoặc false (không), nhưng đang là {value!r}"
    elif kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        message = f"'{_dotted(path)}' không nhận giá trị {value!r}"
        hint = f"dùng một trong các giá trị: {expected.replace(' or ', ', ')}."
    elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(err.get("ctx", {}).values()), "")
        words = {"greater_than_equal": "không được nhỏ hơn", "greater_than": "phải lớn hơn",
                 "less_than_equal": "không được lớn hơn", "less_than": "phải nhỏ hơn"}[kind]
        message = f"'{_dotted(path)}' = {value!r} {words} {bound}"
    elif kind == "too_short":
        message = f"'{_dotted(path)}' cần ít nhất {err.get('ctx', {}).get('min_length', 1)} mục"
        hint = "mỗi mục một dòng, bắt đầu bằng '- '."
    elif kind == "markup":
        ctx = err.get("ctx", {})
        if ctx.get("offset") is not None:
            where = positions.inside(path, ctx["offset"])
        message = f"'{_dotted(path)}': {ctx.get('message', err['msg'])}"
    elif kind == "string_pattern_mismatch" and key == "ky_hieu":
        message = f"'{_dotted(path)}' = {value!r} không phải một ký hiệu văn bản"
        hint = "viết liền, không dấu cách và không kèm số, ví dụ BC-UBND (số văn bản ghi ở khóa 'so')."
    elif kind == "string_pattern_mismatch":
        message = f"'{_dotted(path)}' = {value!r} không dùng được làm tên tệp"
        hint = ("chỉ ghi tên tệp: không bắt đầu bằng dấu chấm, không ghi đuôi .docx, không có thư mục hay các ký tự "
                "/ \\ : * ? \" < > |; thư mục ghi ra chọn bằng -o.")
    elif kind == "finite_number":
        message = f"'{_dotted(path)}' = {raw or value!r} không phải một con số"
    elif kind == "blank":
        message = f"'{_dotted(path)}': mục này đang trống"
        hint = "viết nội dung, hoặc xóa cả dòng '- '."
    elif kind == "string_pattern_mismatch" and key == "ma":
        message = f"'{_dotted(path)}' = {value!r} không dùng được làm mã bảng"
        hint = "viết thường, không dấu, không dấu cách, bắt đầu bằng chữ cái, ví dụ pl2_ho_so."
    elif kind in ("date_text", "quarter", "rate", "two_outlines", "appendix_outline", "no_addressee",
                  "figure", "placeholder", "year", "no_document"):
        message = f"'{_dotted(path)}': {err['msg']}" if path else err["msg"]
    else:  # a type baocao has not translated yet: still located, still Vietnamese-led
        message = f"'{_dotted(path)}' không hợp lệ ({err['msg']})"
    return Finding(where, message, hint)


def _is_union_tag(part: str) -> bool:
    # pydantic names a union member by its type: int, list[...], function-…, or a model's class name
    return (part in {"int", "float", "str", "bool", "list", "dict", "none", "date"} or "[" in part
            or part.startswith("function-") or part in _model_names())


def _model_names() -> set[str]:
    """The class names of every data model (a union member pydantic names in an error's location)."""
    names, todo = set(), [Model]
    while todo:
        for sub in todo.pop().__subclasses__():
            names.add(sub.__name__)
            todo.append(sub)
    return names


def _strip_accents(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
