"""The value types of the data-file format: dates, counts, amounts, prose, codes and names.

Each constrained text type carries its own message and its own fix (`shaped`), so a mistake is
explained by the type that refused it: a table code with a space is "không dùng được làm mã bảng",
not a file-name complaint borrowed from another field. Prose fields carry the `PROSE` marker, which
is how later steps (the checks) know which texts are rendered as prose, without reading validators.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Callable

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from ..text import markup

SHAPE = "shape"  # the error type of a text of the wrong shape; its context holds "hint"
GROUPED_NUMBER = re.compile(r"\d{1,3}(?:[., \u00a0]\d{3})+")  # 9.737, 1.234.567: thousands typed the Vietnamese way


class Marker:
    """A tag in a field's Annotated metadata: pydantic ignores it, the format's walkers read it."""

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return f"Marker({self.name!r})"


PROSE = Marker("prose")  # a text rendered as prose: markup, citations [@…] and figures [=…] apply
AMOUNT = Marker("amount")  # a figure that may carry decimals: a thousands dot typed in it is refused


def readings(raw: str, *, decimal: bool) -> tuple[str, str] | None:
    """What is wrong with a number typed with thousands separators (9.737, 1.234.567, 15 320) and
    how to write it, or None when `raw` is not one. YAML reads 15.320 as fifteen point three two, so
    in a field that takes decimals (`decimal`) the typed text is the only sign of the mistake; there,
    one dot or comma may have been either, and both readings are offered rather than one guessed."""
    text = raw.strip()
    if not GROUPED_NUMBER.fullmatch(text):
        return None
    whole = re.sub(r"\D", "", text)
    fix = f"viết {whole} nếu là số nguyên (số viết liền, không dấu chấm; văn bản tự in dấu chấm hàng nghìn)"
    marks = re.findall(r"\D", text)
    if not decimal or len(marks) != 1 or marks[0] not in ".,":
        return f"'{text}' viết có dấu phân cách hàng nghìn", f"viết {whole}: số viết liền, không dấu chấm " \
                                                              "(văn bản tự in dấu chấm hàng nghìn)."
    head, tail = re.split(r"[.,]", text)
    # 15.32 reads back as itself; 15.125 would look grouped again, so a zero is added: 15.1250
    point = f"{head}.{tail.rstrip('0')}" if tail.rstrip("0") else head
    if GROUPED_NUMBER.fullmatch(point):
        point += "0"
    return (f"'{text}': dấu '{marks[0]}' phân cách hàng nghìn hay là dấu thập phân? baocao không đoán",
            fix + f", hoặc {point} nếu là số thập phân (phần thập phân viết sau dấu chấm).")


def parse_date(value: Any) -> Any:
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


def not_blank(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        raise PydanticCustomError("blank", "mục này đang trống")
    return value


def shaped(test: Callable[[str], bool], what: str, hint: str) -> BeforeValidator:
    """A text must pass `test`; otherwise "'<key>' = '<value>' <what>" with `hint` as the fix."""
    def check(value: Any) -> Any:
        if isinstance(value, str) and not test(value):
            raise PydanticCustomError(SHAPE, what, {"hint": hint})
        return value
    return BeforeValidator(check)


def _matches(pattern: str) -> Callable[[str], bool]:
    compiled = re.compile(pattern)
    return lambda text: compiled.fullmatch(text) is not None


_FILE_NAME = r"[^/\\:*?\"<>|\t\r\n]+"
_CODE = r"[a-z][a-z0-9_]*"
# Names Windows keeps for devices, with or without an extension (CON, con.docx, COM1, LPT¹).
_WINDOWS_DEVICE = re.compile(r"(?i)(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?")
# A file name may have 255 bytes; baocao adds at most "-phu-luc-NN" (an appendix), ".N" (a kept
# version in .truoc/) and ".docx": 18 bytes. A Vietnamese letter takes 1 to 3 bytes in UTF-8.
MAX_NAME_BYTES = 200


def _number_shape(decimals: int) -> Callable[[Any], Any]:
    """A float with at most `decimals` decimal places as typed (1e-300 is not a figure: its rate
    would not compute); ints pass."""
    def check(value: Any) -> Any:
        if isinstance(value, float) and Decimal(repr(value)).as_tuple().exponent < -decimals:
            raise PydanticCustomError(SHAPE, f"có quá nhiều chữ số sau dấu thập phân (tối đa {decimals}) hoặc quá nhỏ",
                                      {"hint": f"viết số với tối đa {decimals} chữ số thập phân, ví dụ 281318.5."})
        return value
    return check


Ngay = Annotated[dt.date, BeforeValidator(parse_date)]
# Every figure has a range for its kind; outside it, a located message (validate/messages.py).
So = Annotated[int, Field(ge=0, le=10**12)]  # a count: whole, non-negative
SoTien = Annotated[int | float, Field(ge=0, le=10**15), AMOUNT, AfterValidator(_number_shape(6))]  # an amount (triệu đồng)
SoDuong = Annotated[int | float, Field(gt=0, le=10**15), AMOUNT, AfterValidator(_number_shape(6))]  # a divisor: above 0
TyLe = Annotated[int | float, Field(ge=0, le=1000), AMOUNT, AfterValidator(_number_shape(4))]  # a percentage (may pass 100)
SoHieu = Annotated[int, Field(ge=1, le=999_999)]  # a document's number in its register (Số: 125/BC-UBND)
VanBan = Annotated[str, BeforeValidator(_check_markup), PROSE]  # prose with inline markup
MucVanBan = Annotated[VanBan, BeforeValidator(not_blank)]  # an item of a list: empty is a mistake


def _file_name(name: str) -> bool:
    return (re.fullmatch(_FILE_NAME, name) is not None and name.strip() == name and not name.startswith(".")
            and not name.endswith(".") and not name.lower().endswith(".docx") and not _WINDOWS_DEVICE.fullmatch(name)
            and len(name.encode("utf-8")) <= MAX_NAME_BYTES)


# A document's file name: no folder, no leading dot, no .docx typed (baocao adds it); one Windows
# can write (no device name, no trailing dot or space) and whose derived names fit the file system.
# (Before validators run right to left: a blank name is called blank first.)
TenTep = Annotated[str, Field(pattern=f"^{_FILE_NAME}$"), shaped(
    _file_name,
    "không dùng được làm tên tệp",
    "chỉ ghi tên tệp: không bắt đầu bằng dấu chấm, không kết thúc bằng dấu chấm hay dấu cách, không ghi đuôi .docx, "
    "không có thư mục hay các ký tự / \\ : * ? \" < > |, không dùng tên thiết bị của Windows (CON, PRN, AUX, NUL, "
    f"COM1…, LPT1…), dài tối đa {MAX_NAME_BYTES} byte (chữ có dấu tính 2–3 byte); thư mục ghi ra chọn bằng -o."),
    BeforeValidator(not_blank)]

MaBang = Annotated[str, Field(pattern=f"^{_CODE}$"), shaped(
    _matches(_CODE), "không dùng được làm mã bảng",
    "viết thường, không dấu, không dấu cách, bắt đầu bằng chữ cái, ví dụ pl2_ho_so.")]

MaSoLieu = Annotated[str, Field(pattern=f"^{_CODE}$"), shaped(
    _matches(_CODE), "không dùng được làm tên số liệu",
    "viết thường, không dấu, không dấu cách, bắt đầu bằng chữ cái, ví dụ ho_so_truc_tuyen.")]

_KY_HIEU_HINT = "viết liền, không dấu cách và không kèm số, ví dụ BC-UBND (số văn bản ghi ở khóa 'so')."


def document_symbol(pattern: str) -> Any:
    """A ký hiệu (BC-UBND, QĐ-UBND, CTr/TU): the part after the number, written without spaces."""
    return Annotated[str, Field(pattern=pattern), shaped(_matches(pattern.strip("^$")),
                                                         "không phải một ký hiệu văn bản", _KY_HIEU_HINT)]


KyHieu = document_symbol(r"^[^\s/]+$")  # a state document's: BC-UBND, TB-UBND

SoVanBan = Annotated[str, Field(pattern=r"^\d+$"), shaped(
    _matches(r"\d+"), "không phải một số văn bản",
    "chỉ ghi phần số (ví dụ 6134); phần chữ sau dấu '/' ghi ở khóa 'ky_hieu'.")]


class Model(BaseModel):
    # The docstring under each field is its description in the data file's schema: read when a
    # schema is asked for (described.py), not by pydantic at import (use_attribute_docstrings).
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)
