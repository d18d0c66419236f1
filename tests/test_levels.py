"""Level-aware wording: every sentence that names the issuing body's level says its own level."""

from __future__ import annotations

import pytest
from docx import Document

from conftest import SAMPLE, build, normalise, write_variant
from generator.commands import cli
from generator.text.levels import LEVELS

ABOVE = {"ten": "Ủy ban nhân dân tỉnh Gia Lai", "cap": "tỉnh"}
BODIES = {
    "phường": ("Ủy ban nhân dân phường Quy Nhơn Nam", ABOVE),
    "xã": ("Ủy ban nhân dân xã Tuy Phước", ABOVE),
    "đặc khu": ("Ủy ban nhân dân đặc khu Phú Quý", {"ten": "Ủy ban nhân dân tỉnh Lâm Đồng", "cap": "tỉnh"}),
    "tỉnh": ("Ủy ban nhân dân tỉnh Gia Lai", {"ten": "Chính phủ", "cap": "trung ương"}),
    "sở": ("Sở Tư pháp", {"ten": "UBND tỉnh Gia Lai", "cap": "tỉnh", "in_o_dau": True}),
}


def _standard_sentences(level: str):
    name, above = BODIES[level]

    def edit(data):
        data["co_quan"] = {"ten": name, "cap": level, "dia_danh": "Quy Nhơn Nam", "cap_tren": above}
        report = data["bao_cao"]
        report["chi_dao"] = None
        report["danh_gia"] = None
        tthc = report["ket_qua"]["tthc"]
        report["ket_qua"] = {"tthc": {"so_thu_tuc": {"cap_minh": tthc["so_thu_tuc"]["cap_minh"]}, "ho_so": tthc["ho_so"]},
                             "bo_may": report["ket_qua"]["bo_may"],
                             "tai_chinh": {"von_dau_tu": {"ke_hoach": 38500, "giai_ngan": 24120}}}
        report["ket_qua"]["tthc"]["ho_so"].pop("them")
        report["ket_qua"]["tthc"]["ho_so"]["tiep_nhan"] = 9744
        report["ket_qua"]["bo_may"].pop("khac")
        report["ket_qua"]["bo_may"]["bien_che"]["su_nghiep"].pop("tong")
        report["phuong_huong"] = ["Một nhiệm vụ."]
        del data["chap_nhan"]
        data["van_ban"] = {}
    return edit


@pytest.mark.parametrize("level, words", [
    ("phường", ["tại bộ phận một cửa phường hiện nay", "toàn phường đã tiếp nhận", "được UBND tỉnh phân bổ, UBND phường đã",
                "trực thuộc UBND với", "- UBND phường đã thực hiện giao", "trên địa bàn phường Quy Nhơn Nam"]),
    ("đặc khu", ["toàn đặc khu đã tiếp nhận", "UBND đặc khu đã phân bổ", "trên địa bàn đặc khu Phú Quý"]),
    ("tỉnh", ["tại Trung tâm Phục vụ hành chính công tỉnh hiện nay", "toàn tỉnh đã tiếp nhận",
              "được Chính phủ phân bổ, UBND tỉnh đã", "trên địa bàn tỉnh Gia Lai"]),
    ("sở", ["tại Trung tâm Phục vụ hành chính công tỉnh hiện nay", "toàn ngành đã tiếp nhận",
            "được UBND tỉnh phân bổ, Sở Tư pháp đã", "trực thuộc Sở với", "- Sở Tư pháp đã thực hiện giao",
            "Công tác cải cách hành chính 6 tháng đầu năm 2023 của Sở Tư pháp"]),
])
def test_the_templates_sentences_name_the_bodys_own_level(tmp_path, level, words):
    doc = Document(build(write_variant(tmp_path, _standard_sentences(level)), tmp_path / "ra"))
    text = " ".join(normalise(p.text) for p in doc.paragraphs)
    for expected in words:
        assert expected in text
    other = {"xã", "huyện"} - {level}
    for word in other:  # no other level's words: toàn xã, UBND xã, một cửa huyện…
        assert f"toàn {word}" not in text and f"UBND {word}" not in text and f"một cửa {word}" not in text


def test_an_unknown_level_is_refused_with_the_list(tmp_path, capsys):
    data = write_variant(tmp_path, lambda d: d["co_quan"].update(cap="phuong"))
    assert cli.main(["build", str(data), "-o", str(tmp_path / "ra")]) == 2
    err = capsys.readouterr().err
    assert "'co_quan.cap' không nhận giá trị 'phuong'" in err
    assert "Cách sửa: dùng một trong các giá trị: " + ", ".join(f"'{level}'" for level in LEVELS) in err


def test_post_2025_levels_come_first():
    assert list(LEVELS)[:6] == ["xã", "phường", "đặc khu", "tỉnh", "thành phố", "sở"]


def test_a_phuong_notice_closes_with_the_phuongs_words(tmp_path):
    sample = SAMPLE.parent / "tuy-phuoc-2022-tb39.yaml"
    data = write_variant(tmp_path, lambda d: d["co_quan"].update(ten="Ủy ban nhân dân phường Quy Nhơn Nam", cap="phường"),
                         sample=sample)
    text = " ".join(normalise(p.text) for p in Document(build(data, tmp_path / "ra")).paragraphs)
    assert "Thừa lệnh Chủ tịch UBND phường, Văn phòng HĐND và UBND phường xin thông báo" in text
