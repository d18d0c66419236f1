"""Vietnamese formatting of numbers, dates, document numbers and periods.

Pure functions, used as Jinja filters by the templates. Numeric filters accept
int, float and decimal.Decimal; anything else (str, bool, None, NaN, ...)
raises ValueError with a short Vietnamese message.

Numbers are formatted here rather than with babel: babel's
``format_decimal(locale="vi")`` agrees on ordinary values but rounds beyond
28 significant digits and prints "-0" for a negative zero, while ``so`` must
print the exact digits.

Number reading (``doc_so``) is written here rather than wrapping num2words
0.5.14 (lang="vi"), which is wrong on:
  - an empty hundreds place after a higher group: 1005 -> "một nghìn lẻ năm",
    2021 -> "hai nghìn lẻ hai mươi mốt", 145001000 -> "một trăm bốn mươi lăm
    triệu một nghìn" (right: "... không trăm lẻ năm", "... không trăm hai mươi
    mốt", "... triệu không trăm lẻ một nghìn");
  - decimals: it rounds to 2 places and reads them as a two-digit number:
    99.9 -> "chín mươi chín phẩy chín mươi", 1.5 -> "một phẩy năm mươi",
    0.05 -> "không phẩy năm";
  - negatives: -5 -> "mười lăm", -21 raises IndexError;
  - large numbers: 5003 * 10**9 -> "năm nghìn tỷ ba tỷ", 2**53 + 1 -> "chín
    trăm nghìn tỷ bảy nghìn tỷ ... chín mươi hai" (wrong scale and, through
    float, wrong last digit), 10**20 -> "một trăm Quintillion";
  - 24 -> "hai mươi bốn" where the house style reads "hai mươi tư".
Its 0-999 readings are otherwise right, but wrapping them would still need our
own hundreds, "lẻ" and "tư" handling, so it does not pay.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Context, Decimal

# 28 significant digits for ty_le and rounding; rounding a figure beyond that
# raises decimal.InvalidOperation (no report figure comes near it).
_CTX = Context(prec=28, rounding=ROUND_HALF_UP)

_CHU_SO = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _so_thuc(value) -> Decimal:
    """Convert an int/float/Decimal to Decimal (floats via their shortest repr)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise ValueError(f"giá trị không phải là số: {value!r}")
    d = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not d.is_finite():
        raise ValueError(f"số không hữu hạn: {value!r}")
    return d


def _la_so_nguyen(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _so_nguyen(value, ten: str, nho_nhat: int = 0) -> int:
    if not _la_so_nguyen(value) or value < nho_nhat:
        raise ValueError(f"{ten} phải là số nguyên từ {nho_nhat} trở lên: {value!r}")
    return value


def _chu_so(d: Decimal) -> tuple[str, str]:
    """Integer and fraction digits of |d|, without exponent or trailing zeros."""
    nguyen, _, le = format(d.copy_abs(), "f").partition(".")  # abs() would round to 28 digits
    return nguyen, le.rstrip("0")


def so(value) -> str:
    """9737 -> "9.737", 0.5 -> "0,5": dot groups thousands, comma decimals."""
    d = _so_thuc(value)
    nguyen, le = _chu_so(d)
    dau = "-" if d < 0 else ""  # a negative zero prints as "0"
    return dau + f"{int(nguyen):,}".replace(",", ".") + ("," + le if le else "")


HONEST_EXTRA = 3  # decimals `lam_tron` adds at most before it cuts toward the true side


def lam_tron(value, chu_so: int = 2) -> Decimal:
    """`value` rounded half-up to `chu_so` decimals, honestly: a value strictly between 0 and 100 (a
    rate, in percent) never comes out as 0 or 100. A report must not say "100% đúng hạn" when files
    were late (99.95 at one decimal) nor "0%" when some were (0.04): one more decimal is shown, up to
    HONEST_EXTRA more, and a value that would still round to the bound is cut toward its true side
    (99.99999 at one decimal -> 99.9999)."""
    _so_nguyen(chu_so, "số chữ số thập phân")
    d = _so_thuc(value)
    for extra in range(HONEST_EXTRA + 1):
        step = Decimal(1).scaleb(-(chu_so + extra))
        shown = d.quantize(step, context=_CTX)
        if not 0 < d < 100 or shown not in (0, 100):
            return shown
    return d.quantize(step, rounding=ROUND_DOWN if shown == 100 else ROUND_UP, context=_CTX)


def thap_phan(value, chu_so: int = 2) -> str:
    """25.547 -> "25,55": at most chu_so decimals, trailing zeros trimmed.

    Rounds half-up, i.e. away from zero at .5 (2.5 -> 3, -2.5 -> -3), on the
    float's decimal repr (2.675 -> 2,68); honestly (`lam_tron`): 99.95 at one
    decimal prints "99,95", never "100", and 0.04 prints "0,04", never "0".
    """
    return so(lam_tron(value, chu_so))


def phan_tram(value, chu_so: int = 1) -> str:
    """99.93 -> "99,9%"; value is already in percent."""
    return thap_phan(value, chu_so) + "%"


def ty_le(phan, tong) -> Decimal:
    """phan / tong * 100 as a Decimal."""
    phan, tong = _so_thuc(phan), _so_thuc(tong)
    if tong == 0:
        raise ValueError("không tính được tỷ lệ khi mẫu số bằng 0")
    return _CTX.divide(_CTX.multiply(phan, 100), tong)


def _doc_nhom(n: int, linh: bool, dau: bool) -> list[str]:
    """Read 1-999; dau=False (a higher group precedes) always reads the hundreds."""
    tram, chuc, don_vi = n // 100, n // 10 % 10, n % 10
    chu = [_CHU_SO[tram], "trăm"] if tram or not dau else []
    if chuc == 0:
        if chu and don_vi:
            chu.append("linh" if linh else "lẻ")
    elif chuc == 1:
        chu.append("mười")
    else:
        chu += [_CHU_SO[chuc], "mươi"]
    if don_vi == 1 and chuc >= 2:
        chu.append("mốt")
    elif don_vi == 5 and chuc >= 1:
        chu.append("lăm")
    elif don_vi == 4 and chuc >= 2:
        chu.append("tư")
    elif don_vi:
        chu.append(_CHU_SO[don_vi])
    return chu


def _doc_nguyen(n: int, linh: bool, dau: bool = True) -> list[str]:
    """Read n > 0; groups of zeros are skipped, "tỷ" repeats (10**12 = "nghìn tỷ")."""
    if n >= 10**9:
        cao, thap = divmod(n, 10**9)
        chu = _doc_nguyen(cao, linh, dau) + ["tỷ"]
        return chu + _doc_nguyen(thap, linh, False) if thap else chu
    chu = []
    for don_vi, ten in ((10**6, "triệu"), (10**3, "nghìn"), (1, "")):
        nhom, n = divmod(n, don_vi)
        if nhom:
            chu += _doc_nhom(nhom, linh, dau) + ([ten] if ten else [])
            dau = False
    return chu


def doc_so(value, linh: bool = False) -> str:
    """Read a number in lower-case words: 2021 -> "hai nghìn không trăm hai mươi mốt".

    Digits after the comma are read as the number written, leading zeros one
    by one: 0.05 -> "không phẩy không năm", 2.25 -> "hai phẩy hai mươi lăm".
    linh=True reads a zero tens digit "linh" (northern) instead of "lẻ".
    """
    d = _so_thuc(value)
    nguyen, le = _chu_so(d)
    chu = ["âm"] if d < 0 else []
    chu += _doc_nguyen(int(nguyen), linh) if int(nguyen) else ["không"]
    if le:
        phan_le = le.lstrip("0")
        chu += ["phẩy"] + ["không"] * (len(le) - len(phan_le))
        chu += _doc_nguyen(int(phan_le), linh)
    return " ".join(chu)


def tien_bang_chu(value) -> str:
    """1250000 -> "Một triệu hai trăm năm mươi nghìn đồng" (whole đồng only)."""
    d = _so_thuc(value)
    if d != d.to_integral_value():
        raise ValueError(f"số tiền phải là số nguyên đồng: {value!r}")
    chu = doc_so(d)
    return chu[0].upper() + chu[1:] + " đồng"


def _ngay(d) -> date:
    if not isinstance(d, date):
        raise ValueError(f"giá trị không phải là ngày: {d!r}")
    return d


def _thang(thang: int) -> str:
    """ND30: months 1 and 2 take a leading zero, the others none."""
    return f"{thang:02d}" if thang < 3 else str(thang)


def ngay(d) -> str:
    """Short date in sentences: 08/02/2023, 01/3/2023, 12/6/2023."""
    d = _ngay(d)
    return f"{d.day:02d}/{_thang(d.month)}/{d.year}"


def ngay_thang_nam(d, nam: int | None = None) -> str:
    """Date line: "ngày 05 tháng 02 năm 2023"; d=None gives the blank draft form of year nam.

    When both are given, nam must match d's year.
    """
    if d is None:
        if nam is None:
            raise ValueError("bản dự thảo cần năm ban hành")
        return f"ngày{' ' * 6}tháng{' ' * 6}năm {_so_nguyen(nam, 'năm', 1)}"
    d = _ngay(d)
    if nam is not None and nam != d.year:
        raise ValueError(f"năm {nam!r} không khớp với ngày {ngay(d)}")
    return f"ngày {d.day:02d} tháng {_thang(d.month)} năm {d.year}"


def so_ky_hieu(so: int | None, ky_hieu: str) -> str:
    """125, "BC-UBND" -> "125/BC-UBND"; 5 -> "05/..."; None (draft) -> "     /BC-UBND".

    The draft blank is 5 spaces, so that a template's "Số: " reads "Số:      /BC-UBND",
    the 6-space blank of nd30.md that the văn thư fills by hand."""
    if not isinstance(ky_hieu, str) or not ky_hieu or any(c.isspace() for c in ky_hieu):
        raise ValueError(f"ký hiệu không hợp lệ: {ky_hieu!r}")
    if so is None:
        return " " * 5 + "/" + ky_hieu
    return f"{_so_nguyen(so, 'số văn bản', 1):02d}/{ky_hieu}"


_LA_MA = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)


def la_ma(n: int) -> str:
    """Roman numeral for 1..3999."""
    if _so_nguyen(n, "số La Mã", 1) > 3999:
        raise ValueError(f"số La Mã chỉ từ 1 đến 3999: {n!r}")
    chu = ""
    for gia_tri, ky_tu in _LA_MA:
        lan, n = divmod(n, gia_tri)
        chu += ky_tu * lan
    return chu


def so_dem(n: int, do_dai: int = 2) -> str:
    """Small counts padded as the seeds write them: 3 -> "03", 12 -> "12".

    Zero is written "0", not "00": a padded zero reads oddly in a sentence.
    """
    _so_nguyen(n, "số đếm")
    return str(n).zfill(_so_nguyen(do_dai, "độ dài", 1)) if n else "0"


# Period kinds -> (first month, last month) of the data span within the year;
# first month 0 means the span starts on 15/12 of the previous year.
_THANG_KY = {"6thang": (0, 6), "6thang_cuoi": (6, 12), "9thang": (0, 9), "nam": (0, 12)}
_LOAI_KY = ("thang", "quy", *_THANG_KY)
_TEN_KY = {
    "6thang": "6 tháng đầu năm",
    "6thang_cuoi": "6 tháng cuối năm",
    "9thang": "9 tháng đầu năm",
    "nam": "năm",
}


@dataclass(frozen=True)
class Ky:
    """A reporting period: tháng (so 1-12), quý (so 1-4), 6 tháng đầu/cuối năm, 9 tháng, năm."""

    loai: str
    nam: int
    so: int | None = None

    def __post_init__(self):
        if self.loai not in _LOAI_KY:
            raise ValueError(f"loại kỳ phải là một trong {_LOAI_KY}: {self.loai!r}")
        if not (_la_so_nguyen(self.nam) and 1000 <= self.nam <= 9999):
            raise ValueError(f"năm phải là số nguyên có 4 chữ số: {self.nam!r}")
        if self.loai == "quy":
            if not (_la_so_nguyen(self.so) and 1 <= self.so <= 4):
                raise ValueError(f"quý phải từ 1 đến 4: {self.so!r}")
        elif self.loai == "thang":
            if not (_la_so_nguyen(self.so) and 1 <= self.so <= 12):
                raise ValueError(f"tháng phải từ 1 đến 12: {self.so!r}")
        elif self.so is not None:
            raise ValueError(f"chỉ kỳ tháng và kỳ quý mới có số thứ tự: {self.so!r}")


def _ky(ky) -> Ky:
    if not isinstance(ky, Ky):
        raise ValueError(f"giá trị không phải là kỳ báo cáo: {ky!r}")
    return ky


def ten_ky(ky: Ky, kieu: str = "day_du") -> str:
    """quý I năm 2021 / quý I/2021 (kieu="ngan"), tháng 7 năm 2026 / tháng 7/2026, 6 tháng đầu năm
    2023, năm 2022."""
    ky = _ky(ky)
    if kieu not in ("day_du", "ngan"):
        raise ValueError(f"kiểu tên kỳ phải là day_du hoặc ngan: {kieu!r}")
    if ky.loai == "quy":
        return f"quý {la_ma(ky.so)}{'/' if kieu == 'ngan' else ' năm '}{ky.nam}"
    if ky.loai == "thang":
        return f"tháng {ky.so}{'/' if kieu == 'ngan' else ' năm '}{ky.nam}"
    return f"{_TEN_KY[ky.loai]} {ky.nam}"


def ky_tiep(ky: Ky) -> Ky:
    """The next period: tháng 12/2021 -> tháng 1/2022, quý IV/2021 -> quý I/2022, 6 tháng đầu ->
    6 tháng cuối, 9 tháng -> quý IV of the same year."""
    ky = _ky(ky)
    if ky.loai == "thang":
        return Ky("thang", ky.nam + 1, 1) if ky.so == 12 else Ky("thang", ky.nam, ky.so + 1)
    if ky.loai == "quy":
        return Ky("quy", ky.nam + 1, 1) if ky.so == 4 else Ky("quy", ky.nam, ky.so + 1)
    if ky.loai == "6thang":
        return Ky("6thang_cuoi", ky.nam)
    if ky.loai == "9thang":
        return Ky("quy", ky.nam, 4)
    return Ky("nam" if ky.loai == "nam" else "6thang", ky.nam + 1)


def khoang_so_lieu(ky: Ky) -> tuple[date, date]:
    """Data cut-off span: from the 15th after the previous period to the 14th of its last month."""
    ky = _ky(ky)
    if ky.loai == "thang":
        dau, cuoi = ky.so - 1, ky.so
    else:
        dau, cuoi = (3 * ky.so - 3, 3 * ky.so) if ky.loai == "quy" else _THANG_KY[ky.loai]
    tu = date(ky.nam, dau, 15) if dau else date(ky.nam - 1, 12, 15)
    return tu, date(ky.nam, cuoi, 14)


def khoang_ky(ky: Ky) -> tuple[date, date]:
    """The span a report of period `ky` covers: from the start of its data span to the last day of
    its last month (data cut off on the 14th still reports on the whole month)."""
    tu, den = khoang_so_lieu(ky)
    return tu, date(den.year, den.month, calendar.monthrange(den.year, den.month)[1])
