"""The data-file format of the CCHC report (BC-UBND, seeds 000–002): `bao_cao`.

One format, no mode to choose: the standard outline (chi_dao, ket_qua, danh_gia, phuong_huong) and
its recurring sentences, which live in templates/bao-cao-cchc.docx, combine freely with what the
data writes itself — tables among the prose of any standard section, sections added under one
(`muc_them`), whole sections of its own (`noi_dung`, printed before phuong_huong) and appendices
(`phu_luc`). Each part is printed when the data gives it.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ...validate.outline import Muc, NoiDung, PhuLuc
from ...validate.shared import Ky
from ...validate.types import KyHieu, Model, MucVanBan, Ngay, So, SoDuong, SoHieu, SoTien, TenTep, VanBan


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
    ra_soat: NoiDung | None = None
    """Đoạn văn về kết quả rà soát, cắt giảm, đơn giản hóa thủ tục hành chính, có thể dùng **đậm**, *nghiêng*, ^[chú thích], hoặc danh sách đoạn văn và bảng (bang: …); để trống thì bỏ đoạn này."""
    so_thu_tuc: SoThuTuc | None = None
    """Số thủ tục hành chính theo mức độ trực tuyến; để trống thì bỏ câu số lượng thủ tục."""
    mot_cua: NoiDung | None = None
    """Đoạn văn về kết quả thực hiện cơ chế một cửa, một cửa liên thông, có thể dùng **đậm**, *nghiêng*, ^[chú thích], hoặc danh sách đoạn văn và bảng (bang: …); để trống thì bỏ đoạn này."""
    ho_so: HoSo | None = None
    """Số liệu giải quyết hồ sơ thủ tục hành chính; để trống thì bỏ câu kết quả giải quyết hồ sơ."""
    khac: NoiDung | None = None
    """Đoạn văn về các nội dung cải cách thủ tục hành chính khác, in cuối mục, có thể dùng **đậm**, *nghiêng*, ^[chú thích], hoặc danh sách đoạn văn và bảng (bang: …); để trống thì bỏ đoạn này."""


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
    khac: NoiDung | None = None
    """Đoạn văn về các nội dung cải cách tổ chức bộ máy khác (ví dụ phân cấp quản lý), có thể dùng **đậm**, *nghiêng*, ^[chú thích], hoặc danh sách đoạn văn và bảng (bang: …); để trống thì bỏ đoạn này."""


class VonDauTu(Model):
    truoc: VanBan | None = None
    """Đoạn văn đứng liền trước câu số liệu vốn đầu tư công trong cùng một câu, có thể dùng **đậm**, *nghiêng*, ^[chú thích]; để trống thì câu bắt đầu bằng "- UBND phường đã thực hiện giao…" (tên cơ quan theo cấp)."""
    ke_hoach: SoDuong  # the disbursement rate divides by it
    """Kế hoạch vốn đầu tư công được giao trong năm (triệu đồng), phải lớn hơn 0."""
    giai_ngan: SoTien
    """Vốn đầu tư công đã giải ngân đến thời điểm báo cáo (triệu đồng), có thể có phần thập phân; tỷ lệ giải ngân do baocao tính."""
    sau: VanBan | None = None
    """Đoạn văn nối tiếp ngay sau câu số liệu vốn đầu tư công, có thể dùng **đậm**, *nghiêng*, ^[chú thích]; để trống thì không in thêm gì."""


class TaiChinh(Model):
    mo_dau: NoiDung | None = None
    """Đoạn văn mở đầu mục cải cách tài chính công, có thể dùng **đậm**, *nghiêng*, ^[chú thích], hoặc danh sách đoạn văn và bảng (bang: …); để trống thì bỏ đoạn này."""
    von_dau_tu: VonDauTu | None = None
    """Số liệu kế hoạch và giải ngân vốn đầu tư công; để trống thì bỏ câu về vốn đầu tư công."""
    khac: NoiDung | None = None
    """Đoạn văn về các nội dung tài chính công khác (tài sản công, tự chủ tài chính), có thể dùng **đậm**, *nghiêng*, ^[chú thích], hoặc danh sách đoạn văn và bảng (bang: …); để trống thì bỏ đoạn này."""


class ChiDao(Model):
    danh_gia: NoiDung | None = None
    """Đoạn văn đánh giá công tác chỉ đạo, điều hành cải cách hành chính, có thể dùng **đậm**, *nghiêng*, ^[chú thích], hoặc danh sách đoạn văn và bảng (bang: …); để trống thì bỏ cả đề mục này."""
    ke_hoach: NoiDung | None = None
    """Đoạn văn về triển khai thực hiện Kế hoạch cải cách hành chính, có thể dùng **đậm**, *nghiêng*, ^[chú thích], hoặc danh sách đoạn văn và bảng (bang: …); để trống thì bỏ cả đề mục này."""
    kiem_tra: NoiDung | None = None
    """Đoạn văn về công tác kiểm tra cải cách hành chính, có thể dùng **đậm**, *nghiêng*, ^[chú thích], hoặc danh sách đoạn văn và bảng (bang: …); để trống thì bỏ cả đề mục này."""
    tuyen_truyen: NoiDung | None = None
    """Đoạn văn về công tác tuyên truyền cải cách hành chính, có thể dùng **đậm**, *nghiêng*, ^[chú thích], hoặc danh sách đoạn văn và bảng (bang: …); để trống thì bỏ cả đề mục này."""
    muc_them: list[Muc] = []
    """Các mục thêm vào cuối phần chỉ đạo, điều hành, mỗi mục gồm tieu_de, noi_dung (đoạn văn và bảng) và có thể có muc (mục con); baocao đánh số tiếp theo các mục có sẵn; không ghi dòng này thì không thêm mục nào."""


class KetQua(Model):
    the_che: NoiDung | None = None
    """Đoạn văn của mục Cải cách thể chế, có thể dùng **đậm**, *nghiêng*, ^[chú thích], hoặc danh sách đoạn văn và bảng (bang: …); để trống thì bỏ cả mục này."""
    tthc: CaiCachTTHC | None = None
    """Nội dung mục Cải cách thủ tục hành chính (TTHC); để trống thì bỏ cả mục này."""
    bo_may: BoMay | None = None
    """Nội dung mục Cải cách tổ chức bộ máy; để trống thì bỏ cả mục này."""
    cong_vu: NoiDung | None = None
    """Đoạn văn của mục Cải cách chế độ công vụ, có thể dùng **đậm**, *nghiêng*, ^[chú thích], hoặc danh sách đoạn văn và bảng (bang: …); để trống thì bỏ cả mục này."""
    tai_chinh: TaiChinh | None = None
    """Nội dung mục Cải cách tài chính công; để trống thì bỏ cả mục này."""
    chinh_quyen_so: NoiDung | None = None
    """Đoạn văn của mục Xây dựng và phát triển Chính quyền điện tử, Chính quyền số, có thể dùng **đậm**, *nghiêng*, ^[chú thích], hoặc danh sách đoạn văn và bảng (bang: …); để trống thì bỏ cả mục này."""
    muc_them: list[Muc] = []
    """Các mục thêm vào cuối phần kết quả thực hiện, mỗi mục gồm tieu_de, noi_dung (đoạn văn và bảng) và có thể có muc (mục con); baocao đánh số tiếp theo các mục có sẵn; không ghi dòng này thì không thêm mục nào."""


class DanhGia(Model):
    tich_cuc: NoiDung | None = None
    """Đoạn văn của mục Mặt tích cực, có thể dùng **đậm**, *nghiêng*, ^[chú thích], hoặc danh sách đoạn văn và bảng (bang: …); để trống thì bỏ cả mục này."""
    han_che: NoiDung | None = None
    """Đoạn văn của mục Những tồn tại, hạn chế, nguyên nhân, có thể dùng **đậm**, *nghiêng*, ^[chú thích], hoặc danh sách đoạn văn và bảng (bang: …); để trống thì bỏ cả mục này."""
    muc_them: list[Muc] = []
    """Các mục thêm vào cuối phần đánh giá chung, mỗi mục gồm tieu_de, noi_dung (đoạn văn và bảng) và có thể có muc (mục con); baocao đánh số tiếp theo các mục có sẵn; không ghi dòng này thì không thêm mục nào."""


class BaoCao(Model):
    mau: str | None = None
    """Đường dẫn tới mẫu Word riêng của đơn vị, tính từ thư mục chứa tệp số liệu; để trống thì dùng mẫu có sẵn templates/bao-cao-cchc.docx."""
    ten_tep: TenTep | None = None  # a file name, no folders
    """Tên tệp Word tạo ra, không kèm thư mục và không ghi đuôi .docx; để trống thì tên là BC- và tên tệp số liệu."""
    ky_truoc: Annotated[str, Field(min_length=1)] | None = None  # the previous period (plan.py)
    """Tệp số liệu của kỳ báo cáo trước (đường dẫn tính từ thư mục chứa tệp số liệu này), để văn bản tự tính tăng, giảm so với kỳ trước; không ghi dòng này thì không so sánh."""
    so: SoHieu | None = None
    """Số của báo cáo, chỉ ghi số (ví dụ 125); để trống khi còn là dự thảo thì văn bản để chỗ trống cho văn thư điền."""
    ky_hieu: KyHieu = "BC-UBND"  # BC-UBND: no spaces, no number
    """Ký hiệu văn bản in sau số, viết liền không dấu cách và không kèm số; không ghi dòng này thì là BC-UBND."""
    ngay: Ngay | None = None
    """Ngày ban hành báo cáo (ví dụ 2023-02-05 hoặc 05/02/2023); để trống khi còn là dự thảo thì dòng ngày tháng để chỗ trống, chỉ in năm của kỳ báo cáo."""
    ky: Ky
    """Kỳ báo cáo (loại kỳ, năm và quý nếu là báo cáo quý), dùng trong tên báo cáo và câu kết."""
    trich_yeu: Annotated[list[MucVanBan], Field(min_length=1)] | None = None
    """Các dòng trích yếu in dưới chữ BÁO CÁO, mỗi dòng một mục; để trống thì mẫu in "Công tác cải cách hành chính" kèm kỳ báo cáo và địa bàn."""
    kinh_gui: list[str] = []
    """Các nơi kính gửi, mỗi nơi một mục; một nơi thì in trên cùng dòng "Kính gửi:", nhiều nơi thì in thành danh sách; không ghi thì không in dòng Kính gửi."""
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
    noi_dung: list[Muc] = []
    """Các mục cấp I tự viết trong tệp số liệu, mỗi mục có tieu_de, noi_dung (đoạn văn và bảng) và muc (mục con); in sau các phần chi_dao, ket_qua, danh_gia có sẵn (nếu có) và trước phần phuong_huong. Một báo cáo có thể chỉ gồm các mục này."""
    phu_luc: list[PhuLuc] = []
    """Các phụ lục in sau chữ ký, mỗi phụ lục một phần riêng (mặc định trang ngang, đánh số trang riêng), gồm đoạn văn, bảng và mục con."""
