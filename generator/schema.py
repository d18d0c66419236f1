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


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


class CapTren(Model):
    ten: str
    cap: str  # "tỉnh": the template says "UBND tỉnh"
    in_o_dau: bool = False  # print as tên cơ quan chủ quản above the issuing body


class CoQuan(Model):
    ten: str
    cap: str  # "huyện", "xã", "tỉnh": the template says "UBND huyện", "toàn huyện"
    dia_danh: str
    dia_ban: str | None = None
    dong_tieu_de: list[str] | None = None
    cap_tren: CapTren


class NguoiKy(Model):
    tham_quyen: list[str] = []
    chuc_vu: str
    ho_ten: str


class Ky(Model):
    loai: Literal["quy", "6thang", "6thang_cuoi", "9thang", "nam"]
    nam: Annotated[int, Field(ge=1945, le=2100)]
    so: Annotated[int, Field(ge=1, le=4)] | None = None

    @model_validator(mode="after")
    def _quarter_needs_number(self):
        if self.loai == "quy" and self.so is None:
            raise PydanticCustomError("quarter", "kỳ báo cáo là quý nhưng chưa ghi quý mấy: thêm 'so: 1' (đến 4)")
        if self.loai != "quy" and self.so is not None:
            raise PydanticCustomError("quarter", "chỉ kỳ quý mới ghi 'so' (quý mấy): xóa dòng 'so' hoặc đổi loai thành quy")
        return self


class MucThem(Model):
    tieu_de: str
    noi_dung: VanBan


class MucDo(Model):
    toan_trinh: So
    mot_phan: So
    con_lai: So
    tong: So | None = None


class SoThuTuc(Model):
    cap_minh: MucDo
    cap_duoi: MucDo | None = None


class HoSo(Model):
    den_ngay: Ngay
    tiep_nhan: So
    dung_han: So
    tre_han: So
    chua_den_han: So
    them: VanBan | None = None

    @model_validator(mode="after")
    def _rate_computable(self):
        if self.dung_han + self.tre_han == 0:
            raise PydanticCustomError(
                "rate", "chưa có hồ sơ nào giải quyết xong (đúng hạn + trễ hạn = 0) nên không tính được "
                        "tỷ lệ đúng hạn; kiểm tra lại số liệu hoặc bỏ mục ho_so")
        return self


class CaiCachTTHC(Model):
    ra_soat: VanBan | None = None
    so_thu_tuc: SoThuTuc | None = None
    mot_cua: VanBan | None = None
    ho_so: HoSo | None = None
    khac: VanBan | None = None


class PhanBienChe(Model):
    ten: str
    so: So


class BienCheSuNghiep(Model):
    tong: So | None = None
    chi_tiet: list[PhanBienChe] = []


class BienChe(Model):
    tong: So | None = None
    cong_chuc: So
    su_nghiep: BienCheSuNghiep


class BoMay(Model):
    bien_che: BienChe | None = None
    khac: VanBan | None = None


class VonDauTu(Model):
    truoc: VanBan | None = None
    ke_hoach: Annotated[int | float, Field(gt=0)]  # the disbursement rate divides by it
    giai_ngan: SoTien
    sau: VanBan | None = None


class TaiChinh(Model):
    mo_dau: VanBan | None = None
    von_dau_tu: VonDauTu | None = None
    khac: VanBan | None = None


class ChiDao(Model):
    danh_gia: VanBan | None = None
    ke_hoach: VanBan | None = None
    kiem_tra: VanBan | None = None
    tuyen_truyen: VanBan | None = None
    muc_them: list[MucThem] = []


class KetQua(Model):
    the_che: VanBan | None = None
    tthc: CaiCachTTHC | None = None
    bo_may: BoMay | None = None
    cong_vu: VanBan | None = None
    tai_chinh: TaiChinh | None = None
    chinh_quyen_so: VanBan | None = None
    muc_them: list[MucThem] = []


class DanhGia(Model):
    tich_cuc: VanBan | None = None
    han_che: VanBan | None = None
    muc_them: list[MucThem] = []


class BaoCao(Model):
    mau: str | None = None  # path of a unit's own template, relative to the data file
    ten_tep: Annotated[str, Field(pattern=r"^[^/\\:*?\"<>|]+$")] | None = None  # a file name, no folders
    so: Annotated[int, Field(ge=1)] | None = None
    ky_hieu: Annotated[str, Field(pattern=r"^[^\s/]+$")] = "BC-UBND"  # BC-UBND: no spaces, no number
    ngay: Ngay | None = None
    ky: Ky
    trich_yeu: list[str] | None = None
    kinh_gui: Annotated[list[str], Field(min_length=1)]
    gui_ngan: str | None = None  # how the closing sentence names the addressee ("Sở Nội vụ")
    mo_dau: VanBan
    chi_dao: ChiDao | None = None
    ket_qua: KetQua | None = None
    danh_gia: DanhGia | None = None
    phuong_huong: list[MucVanBan] = []
    ket_thuc: VanBan | None = None
    noi_nhan: Annotated[list[str], Field(min_length=1)]


class DuLieu(Model):
    """A period data file: shared parts, then one key per declared document."""

    co_quan: CoQuan
    nguoi_ky: NguoiKy
    bao_cao: BaoCao


# Values baocao computes (derive.py) and templates may use, by the model they extend. Typing one
# of them in a data file is refused with a hint of its own; `template vars` lists them.
DERIVED: dict[str, dict[str, str]] = {
    "BaoCao": {
        "so_ky_hieu": "số và ký hiệu văn bản, ví dụ 125/BC-UBND; để trống số thì là chỗ trống cho văn thư",
        "dong_ngay": "dòng địa danh, ngày tháng năm, ví dụ An Lão, ngày 05 tháng 02 năm 2023",
    },
    "HoSo": {"ty_le_dung_han": "tỷ lệ (%) hồ sơ đúng hạn = đúng hạn / (đúng hạn + trễ hạn), tính tự động"},
    "VonDauTu": {"ty_le_giai_ngan": "tỷ lệ (%) giải ngân = giải ngân / kế hoạch, tính tự động"},
}
_DERIVED_KEYS = {key: text for fields in DERIVED.values() for key, text in fields.items()}


def validate(data: Any, positions: Positions) -> DuLieu:
    try:
        return DuLieu.model_validate(data)
    except ValidationError as exc:
        raise UserError([_finding(err, positions) for err in _without_typo_twins(_one_per_place(exc.errors()))]) from None


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
        hint = "chỉ ghi tên tệp (không có thư mục, không có các ký tự / \\ : * ? \" < > |); thư mục ghi ra chọn bằng -o."
    elif kind == "finite_number":
        message = f"'{_dotted(path)}' = {raw or value!r} không phải một con số"
    elif kind == "blank":
        message = f"'{_dotted(path)}': mục này đang trống"
        hint = "viết nội dung, hoặc xóa cả dòng '- '."
    elif kind in ("date_text", "quarter", "rate"):
        message = f"'{_dotted(path)}': {err['msg']}"
    else:  # a type baocao has not translated yet: still located, still Vietnamese-led
        message = f"'{_dotted(path)}' không hợp lệ ({err['msg']})"
    return Finding(where, message, hint)


def _is_union_tag(part: str) -> bool:
    return part in {"int", "float", "str", "bool", "list", "dict", "none", "date"} or "[" in part or part.startswith("function-")


def _strip_accents(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
