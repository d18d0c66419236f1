"""The identities of the report's structured figures (the standard outline's counts), written as
the table rules of templates/bang.yaml are (validate/rules.py) and applied by the same check
(checks/rules.py): a stated total equals its parts, and no part is larger than its total."""

from __future__ import annotations

from ...validate.rules import figure_rule

_TOTAL = "sửa tổng, hoặc xóa dòng tong để baocao tự cộng"

RULES = (
    figure_rule(("ket_qua", "tthc", "so_thu_tuc", "cap_minh"), "tong = toan_trinh + mot_phan + con_lai",
                "tổng số thủ tục cấp mình", _TOTAL),
    figure_rule(("ket_qua", "tthc", "so_thu_tuc", "cap_duoi"), "tong = toan_trinh + mot_phan + con_lai",
                "tổng số thủ tục cấp xã", _TOTAL),
    figure_rule(("ket_qua", "tthc", "ho_so"), "tiep_nhan = dung_han + tre_han + chua_den_han",
                "số hồ sơ tiếp nhận", "hồ sơ tiếp nhận = đúng hạn + trễ hạn + chưa đến hạn: sửa số sai"),
    figure_rule(("ket_qua", "bo_may", "bien_che", "su_nghiep"), "tong = chi_tiet.so",
                "tổng biên chế sự nghiệp", _TOTAL + " các phần"),
    figure_rule(("ket_qua", "bo_may", "bien_che"), "tong = cong_chuc + su_nghiep.tong", "tổng biên chế", _TOTAL),
)
