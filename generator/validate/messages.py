"""pydantic's validation errors as Vietnamese findings, located at the YAML line and column.

pydantic reports in English, once per union member, and a misspelt key twice (unknown here,
missing there); a clerk should read one message per mistake, in Vietnamese, with what to do.
Custom errors raised by the format's own types and validators (types.py, the kinds' models)
already speak Vietnamese: they are only located and prefixed with the key they concern.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
import unicodedata
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Finding
from ..read.loader import Positions
from ..text.suggest import closest
from .types import GROUPED_NUMBER, SHAPE, Model

# Errors raised by the format's own validators, with a Vietnamese message of their own.
_OWN = {"date_text", "quarter", "rate", "two_outlines", "appendix_outline", "no_addressee", "figure",
        "placeholder", "year", "no_document", "table_rows"}

_TYPE_NAMES = {
    dict: "một nhóm khóa con", list: "một danh sách", str: "văn bản", bool: "có/không (true/false)",
    int: "số nguyên", float: "số thập phân", dt.date: "ngày", type(None): "giá trị trống",
}

# The fix for the format's own errors (types.py, the kinds' models) whose message says what is wrong.
_OWN_HINTS = {
    "date_text": "kiểm tra ngày và tháng; viết ngày dạng 05/02/2023 hoặc 2023-02-05.",
    "quarter": "với kỳ quý ghi 'so: 1' đến 4; với kỳ khác xóa dòng 'so'.",
    "rate": "kiểm tra lại số hồ sơ đúng hạn và trễ hạn.",
    "two_outlines": "dùng noi_dung (mẫu báo cáo chung), hoặc các khóa chi_dao, ket_qua, danh_gia, phuong_huong, "
                    "không dùng cả hai.",
    "appendix_outline": "viết báo cáo bằng noi_dung để có phụ lục, hoặc bỏ phu_luc.",
    "no_addressee": "thêm 'kinh_gui:' với ít nhất một nơi nhận, mỗi nơi một dòng '- '.",
    "figure": "ghi cả so và tren (baocao tính tỷ lệ), hoặc chỉ ghi ty_le.",
    "placeholder": "sửa ket_qua, ke_hoach hay thuc_hien của chỉ tiêu như thông báo trên.",
    "year": "sửa nam hoặc ngay cho cùng một năm.",
    "no_document": "xem tệp mẫu trong thư mục data/.",
}
_GENERAL_HINT = "xem cách viết khóa này trong tệp mẫu ở thư mục data/ và trong README."


def findings(exc: ValidationError, positions: Positions, root: type[BaseModel],
             derived: dict[str, str], said: frozenset = frozenset()) -> list[Finding]:
    """One finding per mistake. `root` is the data file's model (for "did you mean" on keys);
    `derived` describes the values baocao computes, whose key typed in the data gets its own hint;
    `said` are the key paths whose mistake has its own finding already (a grouped amount)."""
    errors = [e for e in exc.errors() if _clean_path(e["loc"]) not in said]
    errors = _without_union_misses(_without_typo_twins(_one_per_place(errors), root))
    return [_finding(err, positions, root, derived) for err in errors]


def error_paths(exc: ValidationError) -> list[tuple]:
    """The key paths pydantic's errors are about (union members' names left out)."""
    return [_clean_path(err["loc"]) for err in exc.errors()]


def dotted(path: tuple) -> str:
    """("bao_cao", "noi_nhan", 0) → "bao_cao.noi_nhan[1]": a key path as a clerk reads it."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def model_at(root: type[BaseModel], path: tuple) -> type[BaseModel] | None:
    """The model class that validates the mapping at `path` (a mapping of named models, as
    so_lieu_them's, is stepped through by its keys)."""
    model: Any = root
    keyed = False
    for part in path:
        if isinstance(part, int) or keyed:
            keyed = False
            continue
        field = model.model_fields.get(part) if isinstance(model, type) and issubclass(model, BaseModel) else None
        if field is None:
            return None
        keyed = typing.get_origin(field.annotation) is dict
        model = _unwrap(field.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """The BaseModel inside Optional[...] / list[...] / Annotated[...], if any."""
    for arg in getattr(annotation, "__args__", ()) or ():
        inner = _unwrap(arg)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return inner
    return annotation


def _without_union_misses(errors: list[dict]) -> list[dict]:
    """A group where a list takes text or a group (noi_nhan, tham_du), or a list where a section's
    content takes text or blocks (noi_dung), is also "not text": when its own errors are reported,
    drop that one."""
    paths = [_clean_path(e["loc"]) for e in errors]
    deeper = {path[:k] for path in paths for k in range(len(path))}
    return [e for e, path in zip(errors, paths) if not (
        e["type"] == "string_type" and isinstance(e.get("input"), (dict, list)) and path in deeper)]


def _one_per_place(errors: list[dict]) -> list[dict]:
    """pydantic reports a value of a union (int | float) once per member: keep one error per place,
    preferring the wording of the widest member (float over int)."""
    kept: dict[tuple, dict] = {}
    for err in errors:
        place = _clean_path(err["loc"])
        if place not in kept or (err["type"] == "float_type" and kept[place]["type"] == "int_type"):
            kept[place] = err
    return list(kept.values())


def _without_typo_twins(errors: list[dict], root) -> list[dict]:
    """A misspelt key ('nguoi_kí') is also a missing one ('nguoi_ky'): report only the misspelling,
    whose message already suggests the right name."""
    suggested = set()
    for e in errors:
        if e["type"] == "extra_forbidden":
            path = _clean_path(e["loc"])
            suggested.add(path[:-1] + (_suggestion(path, root),))
    return [e for e in errors if not (e["type"] == "missing" and _clean_path(e["loc"]) in suggested)]


def _suggestion(path: tuple, root) -> str | None:
    """The known key a misspelt key at `path` most likely means."""
    model = model_at(root, path[:-1])
    return closest(_strip_accents(str(path[-1])), list(model.model_fields) if model else [])


def _clean_path(loc: tuple) -> tuple:
    # pydantic inserts the union member's name (e.g. 'int', 'function-after[...]') into loc
    return tuple(p for p in loc if isinstance(p, int) or not _is_union_tag(p))


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


def _finding(err: dict, positions: Positions, root, derived: dict[str, str]) -> Finding:
    path = _clean_path(err["loc"])
    raw = positions.raw.get(path, "")
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    got = _TYPE_NAMES.get(type(value), type(value).__name__)
    key = _short(path[-1]) if path and isinstance(path[-1], str) else (path[-1] if path else "")
    where = positions.at(path)
    shown = _short(raw or repr(value))
    hint = None
    name = _short(dotted(path), 120)

    if kind == "missing":
        parent = path[:-1]
        where = positions.at(parent, key=True)
        message = f"thiếu khóa bắt buộc '{key}'" + (f" trong mục '{dotted(parent)}'" if parent else "")
        hint = f"thêm dòng '{key}: …' (xem tệp mẫu trong thư mục data/)."
    elif kind == "extra_forbidden":
        where = positions.at(path, key=True)
        message = f"khóa lạ '{key}'" + (f" trong mục '{dotted(path[:-1])}'" if len(path) > 1 else "")
        if key in derived:
            hint = f"đây là {derived[key]}; xóa dòng này."
        elif (close := _suggestion(path, root)) is not None:
            hint = f"có phải ý bạn là '{close}'?"
        elif (model := model_at(root, path[:-1])) is not None:
            hint = "các khóa được dùng ở đây: " + ", ".join(model.model_fields) + "."
    elif kind in ("int_type", "float_type", "date_type") and value is None:  # left blank, as `ky-moi` leaves it
        what = "ngày" if kind == "date_type" else "số liệu"
        message = f"'{name}' chưa điền {what}"
        hint = ("điền ngày của kỳ này, ví dụ 14/09/2026." if kind == "date_type" else
                "điền số liệu của kỳ này, viết liền không dấu chấm (ví dụ 9737).")
    elif kind in ("int_type", "int_from_float", "float_type", "int_parsing", "float_parsing"):
        whole = kind.startswith("int")
        message = f"'{name}' cần {'một số nguyên' if whole else 'một con số'}, nhưng đang là {got} ({shown})"
        if key == "so" and "/" in raw:  # "125/BC-UBND" typed into the number
            hint = f"chỉ ghi số ({raw.split('/')[0].strip()}); ký hiệu sau dấu '/' ghi ở khóa 'ky_hieu'."
        elif GROUPED_NUMBER.fullmatch(raw.strip()):  # typed the Vietnamese way: 9.737 or 1.234.567
            hint = f"viết số không có dấu phân cách hàng nghìn: {re.sub(r'[^0-9]', '', raw)}"
        elif isinstance(value, float):
            hint = "số này phải là số nguyên: bỏ phần thập phân."
        elif isinstance(value, str) and re.fullmatch(r"[\d.,\s]+", value.strip()):
            hint = "viết số không đặt trong dấu nháy."
        else:
            hint = "viết giá trị bằng chữ số, ví dụ 9737" + ("" if whole else " hoặc 281318.5") + "."
    elif kind == "string_type":
        message = f"'{name}' cần văn bản, nhưng đang là {got}"
        if isinstance(value, dict):
            hint = "dòng chữ có dấu ':' phải đặt trong dấu nháy, ví dụ \"Lưu: VT\"."
        elif value is None:
            hint = "điền nội dung, hoặc xóa cả dòng nếu không dùng mục này."
        else:
            hint = "đặt nội dung trong dấu nháy \"…\"."
    elif kind in ("date_type", "date_from_datetime_inexact", "date_parsing"):
        message = f"'{name}' cần một ngày, nhưng đang là {got} ({_short(repr(value))})"
        hint = "viết ngày dạng 2023-02-05 hoặc 05/02/2023."
    elif kind == "list_type":
        message = f"'{name}' cần một danh sách, nhưng đang là {got}"
        hint = "mỗi mục một dòng, bắt đầu bằng '- '."
    elif kind in ("model_type", "dict_type", "model_attributes_type") and not path:
        message = f"tệp số liệu phải là một nhóm khóa (co_quan:, nguoi_ky:, bao_cao: …), nhưng đang là {got}"
        hint = "xem tệp mẫu trong thư mục data/."
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        message = f"'{name}' cần một nhóm khóa con, nhưng đang là {got}"
        hint = "viết các khóa con ở các dòng dưới, thụt vào 2 dấu cách."
    elif kind == "bool_type":
        message = f"'{name}' cần true (có) hoặc false (không), nhưng đang là {_short(repr(value))}"
        hint = "viết true (có) hoặc false (không), không đặt trong dấu nháy."
    elif kind == "literal_error":
        message = f"'{name}' không nhận giá trị {_short(repr(value))}"
        hint = f"dùng một trong các giá trị: {ctx.get('expected', '').replace(' or ', ', ')}."
    elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        words = {"greater_than_equal": "không được nhỏ hơn", "greater_than": "phải lớn hơn",
                 "less_than_equal": "không được lớn hơn", "less_than": "phải nhỏ hơn"}[kind]
        message = f"'{name}' = {shown} {words} {_number(bound)}"
        hint = ("số liệu này không âm: kiểm tra lại, bỏ dấu '-'." if kind.startswith("greater") and bound == 0
                else f"kiểm tra lại số này (gõ thừa chữ số?); giá trị dùng được từ {_number(bound)} trở "
                     f"{'xuống' if kind.startswith('less') else 'lên'}.")
    elif kind == "too_short":
        message = f"'{name}' cần ít nhất {ctx.get('min_length', 1)} mục"
        hint = "mỗi mục một dòng, bắt đầu bằng '- '."
    elif kind == "string_too_short":
        message = f"'{name}' đang trống"
        hint = "ghi nội dung, hoặc xóa cả dòng này."
    elif kind in ("string_too_long", "too_long"):
        message = f"'{name}' dài quá (tối đa {ctx.get('max_length', '')} {'ký tự' if kind.startswith('string') else 'mục'})"
        hint = "rút ngắn lại."
    elif kind == "string_pattern_mismatch":
        message = f"'{name}' = {shown} không đúng dạng"
        hint = _GENERAL_HINT
    elif kind == "markup":
        if ctx.get("offset") is not None:
            where = positions.inside(path, ctx["offset"])
        message = f"'{name}': {ctx.get('message', err['msg'])}"
    elif kind == SHAPE:  # a code, a ký hiệu, a file name, a number: its type says what is wrong and how to fix it
        message = f"'{name}' = {_short(repr(value))} {err['msg']}"
        hint = ctx.get("hint")
    elif kind == "finite_number":
        message = f"'{name}' = {shown} không phải một con số"
        hint = "viết số bằng chữ số, ví dụ 9737 hoặc 281318.5."
    elif kind == "blank":
        message = f"'{name}': mục này đang trống"
        hint = "viết nội dung, hoặc xóa cả dòng '- '." if isinstance(key, int) else "viết nội dung, hoặc xóa cả dòng này."
    elif kind in _OWN:
        message = f"'{name}': {err['msg']}" if path else err["msg"]
        hint = _OWN_HINTS.get(kind)
    else:  # a type baocao has not translated yet: still located, in Vietnamese (pydantic's words are English)
        message = f"'{name}' không hợp lệ" + (f" ({shown})" if value is not None else "")
    if kind == "markup":
        hint = "xem cách viết **đậm**, *nghiêng*, ^[chú thích], [@tên] và [=bảng.dòng.cột] trong README."
    return Finding(where, message, hint or _GENERAL_HINT)


def _short(text: str, limit: int = 60) -> str:
    """A value quoted in a message, on one line: a text of a million characters is shown by its
    start, a line break as \\n."""
    text = text.replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _number(bound: Any) -> str:
    """10**12 → "1.000.000.000.000": a bound as a clerk reads it."""
    if isinstance(bound, (int, float)) and not isinstance(bound, bool):
        return f"{bound:,}".replace(",", "#").replace(".", ",").replace("#", ".")
    return str(bound)


def _strip_accents(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
