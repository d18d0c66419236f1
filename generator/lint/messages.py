"""What a template-check finding says, in Vietnamese: one message and one fix per docxtpl-lint rule,
Jinja's syntax errors, the words of docxtpl-lint's parameters, the names of a .docx's parts."""

from __future__ import annotations

from ..render.messages import jinja_message
from ..oxml.places import PARTS

__all__ = ["HINTS_VI", "MESSAGES_VI", "PARTS", "VI_WORDS", "jinja_message"]

# Words docxtpl-lint puts into its messages' parameters (units, JSON types).
VI_WORDS = {"paragraph": "đoạn", "table row": "hàng bảng", "table cell": "ô bảng", "string": "chữ",
             "number": "số", "integer": "số nguyên", "object": "nhóm khóa", "boolean": "có/không",
             "null": "giá trị trống", "array": "danh sách"}


# One Vietnamese message per docxtpl-lint rule, with the rule's own parameters.
MESSAGES_VI = {
    "DTL001": "thẻ `{open}` không có `{close}` đóng lại",
    "DTL002": "thẻ `{open}` chỉ đóng ở đoạn {end_para}; khi điền sẽ gộp các đoạn này và mất định dạng của chúng",
    "DTL003": "đoạn này có phần bị xóa khi bật theo dõi thay đổi (Track Changes) mà vẫn chứa mã mẫu; khi điền vẫn chạy phần đã xóa",
    "DTL005": "chú thích tắt kiểm tra `{directive}` không khớp lỗi nào ở đây: {rules}",
    "DTL101": "khối `{{% {kw} %}}` không có `{{% end{kw} %}}` đóng lại",
    "DTL102": "thẻ `{raw}` không có khối mở tương ứng",
    "DTL103": "mẫu sai cú pháp: {msg}",
    "DTL104": "bộ lọc `{name}` không có",
    "DTL105": "phép thử `is {name}` không có",
    "DTL106": "`{name}` chỉ có bên trong vòng lặp `for` nhưng được dùng sau vòng lặp",
    "DTL201": "thẻ `{prefix}` chứa `%` hoặc `}}`, baocao không đọc được; tính giá trị trước bằng `{{% set %}}`",
    "DTL202": "viết `{{%{prefix} …` liền, không có dấu cách sau `{{%`",
    "DTL203": "thẻ `{raw}` dùng tiền tố `{prefix}` nhưng không nằm trong ô bảng",
    "DTL204": "thẻ `{close_raw}` đóng thẻ `{open_raw}` ({open_loc}) nhưng khác tiền tố ({open_prefix} và {close_prefix})",
    "DTL205": "thẻ `{open_raw}` ở bảng {t1} nhưng `{close_raw}` ở bảng {t2}; các hàng sẽ mất mà không báo lỗi",
    "DTL206": "thẻ `{open_raw}` và `{close_raw}` cùng một hàng (bảng {table}, hàng {row}); đặt chúng ở hai hàng riêng",
    "DTL207": "thẻ `{open_raw}` và `{close_raw}` ở khác hàng hoặc khác bảng; bảng sẽ bị hỏng",
    "DTL208": "thẻ `{raw}` chỉ dùng được trong ô bảng",
    "DTL209": "thẻ `{raw}` làm baocao thay cả {unit} bằng thẻ, nên chữ «{rest}» bên cạnh sẽ mất mà không báo lỗi",
    "DTL210": "thẻ `{open_raw}` và `{close_raw}` ở cùng một đoạn; đặt chúng ở hai đoạn riêng",
    "DTL301": "`{path}` không có trong tệp số liệu",
    "DTL302": "khóa `{key}` của số liệu không được mẫu dùng",
    "DTL303": "`{{% for … in {path} %}}` nhưng `{path}` trong tệp số liệu là {type}, không phải danh sách",
    "DTL304": "biến `{path}` không có trong số liệu của báo cáo",
    "DTL305": "`{{% for … in {path} %}}` nhưng `{path}` không phải danh sách ({type})",
    "DTL306": "`{path}` là {type} nhưng bộ lọc `|{filter}` cần một danh sách",
    "DTL307": "thẻ `{raw}` cần một đối tượng {object} của trình điền mẫu, nhưng `{path}` là giá trị thường",
    "DTL308": "`{path}` chứa `{char}` («{value}») mà được in ra không qua `|e`",
    "DTL401": "thẻ `{raw}` đã được điền nhưng giá trị không xuất hiện trong văn bản",
    "DTL402": "không điền được mẫu: {error}",
}

HINTS_VI = {
    "DTL001": "thêm phần đóng của thẻ; nếu Word tự đổi dấu, gõ lại thẻ cho liền một mạch.",
    "DTL002": "gõ cả thẻ trong cùng một đoạn (không xuống dòng giữa thẻ).",
    "DTL003": "trong Word chọn Review (Xem lại) → Accept All Changes (Chấp nhận mọi thay đổi), rồi lưu và kiểm tra lại.",
    "DTL101": "thêm thẻ đóng tương ứng ở cuối khối.",
    "DTL105": "các phép thử thường dùng: defined, none, number, string.",
    "DTL106": "dùng tên này bên trong vòng lặp, trước thẻ endfor.",
    "DTL203": "thẻ {%tr … %} chỉ đặt trong một hàng của bảng; ngoài bảng dùng {%p … %}.",
    "DTL204": "thẻ mở và thẻ đóng phải cùng tiền tố: {%p if %} … {%p endif %}, {%tr for %} … {%tr endfor %}.",
    "DTL102": "xóa thẻ này, hoặc thêm thẻ mở tương ứng phía trên.",
    "DTL103": "kiểm tra các cặp {{ … }} và {% … %} của đoạn này.",
    "DTL104": "xem danh sách bộ lọc bằng lệnh: baocao template vars",
    "DTL209": "đặt thẻ {%p … %} một mình trong một đoạn.",
    "DTL210": "đặt thẻ mở và thẻ đóng ở hai đoạn riêng.",
    "DTL304": "xem các biến dùng được bằng lệnh: baocao template vars",
}

