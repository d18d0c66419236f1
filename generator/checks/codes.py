"""The check codes: stable names of the checks, for `kiem_tra` in chap_nhan and in `baocao check
--json`, listed by `baocao check --help` (which is why they live apart from the checks)."""

from __future__ import annotations

CODES = {
    "tong": "tổng đã ghi khác tổng các thành phần, hoặc một đẳng thức kiem_tra của bảng không đúng ở một dòng",
    "thanh_phan": "một thành phần (trong đó) lớn hơn tổng, hoặc một giới hạn kiem_tra của bảng bị vượt",
    "ty_le": "tỷ lệ ngoài khoảng 0–100%, hoặc tỷ lệ đã ghi khác tỷ lệ tính từ các số đếm",
    "hai_noi": "một số liệu gõ ở hai nơi (đoạn văn, ô bảng) với hai giá trị khác nhau",
    "trich_so": "số gõ lại đúng bằng một ô bảng đã có: nên trích [=…] (cảnh báo)",
    "ngay_so_lieu": "khoảng số liệu kết thúc trước khi bắt đầu, ngoài kỳ báo cáo, hoặc các phụ lục chốt số liệu khác ngày",
    "ngay_bao_cao": "báo cáo ký trước ngày chốt số liệu, hoặc trước khi kỳ báo cáo bắt đầu",
    "ngay_van_ban": "văn bản được trích dẫn ký sau ngày báo cáo (dự thảo: sau hôm nay)",
    "ky_hieu": "mã loại trong ký hiệu không hợp loại văn bản (Quyết định phải là QĐ…)",
    "nam_so_hieu": "văn bản quy phạm pháp luật thiếu năm trong số hiệu, hoặc năm khác năm ký",
    "ngay_trich_dan": "một văn bản được ghi với hai ngày ký khác nhau",
    "trich_dan": "[@tên] không có trong van_ban, hoặc tùy chọn lạ",
    "van_ban_thua": "văn bản trong van_ban không được trích dẫn (cảnh báo)",
    "de_muc": "đề mục trống hoặc không có nội dung; tiêu đề gõ kèm số thứ tự (cảnh báo)",
    "so_thu_tu": "số gõ ở đầu nhiệm vụ hay ô STT mà baocao tự đánh số (cảnh báo; văn bản không in số gõ tay)",
    "phu_luc": "phụ lục mà thân văn bản không nhắc tới (cảnh báo)",
    "bang": "ô bảng sai: cột không có, ô tự tính bị gõ, mục quá ba cấp, tham chiếu =… hay [=…] không tới được một ô",
    "chap_nhan": "mục chap_nhan không khớp với lỗi nào (cảnh báo)",
    "cho_trong": "chỗ tệp bắt đầu để '…' (tên cơ quan, người ký…) chưa điền: văn bản sẽ in '…' (cảnh báo)",
    "du_lieu": "tệp số liệu không đọc được hoặc sai định dạng (chỉ trong --json; không chấp nhận được)",
}
