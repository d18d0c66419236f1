"""The data-file format of the thông báo kết luận (TB-UBND, seed 003): each item of `thong_bao`."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ...validate.shared import NguoiKy
from ...validate.types import KyHieu, Model, MucVanBan, Ngay, SoHieu, TenTep, VanBan


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
    so: SoHieu | None = None
    """Số của thông báo, chỉ ghi số (ví dụ 39); để trống khi còn là dự thảo."""
    ky_hieu: KyHieu = "TB-UBND"
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
