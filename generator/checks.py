"""`baocao check`: catch wrong figures, dates and citations before anyone signs.

Runs after the schema (schema.py has already refused what is not a number, a count that is negative
or not whole, a date that is not on the calendar, a document number that is not digits), so every
check here reads well-typed values. Each check is a plain function `check(ctx) -> Iterable[Found]`
listed in CHECKS; checks for tables or other document kinds are added the same way. Every finding
is located at the YAML line and column of the value it is about.

An error stops `baocao build`; a warning is printed and the build goes on. The data file's
top-level `chap_nhan:` list accepts a known error ({kiem_tra: <code>, o: <subject>, ly_do: …}): it is
then printed as a warning saying it was accepted and why. An acceptance may pin the figures at
fault (`gia_tri: "9737 ≠ 9744"`, printed in the error's hint): when they change, the acceptance no
longer matches and the new slip is an error again. An acceptance that matches nothing is itself a
warning, so stale ones do not linger.

Check codes (stable; `kiem_tra` in `chap_nhan` and in `baocao check --json`): see CODES.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
import typing
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Iterable, Iterator

from . import citations, schema, tables
from . import vi_format as vi
from .errors import Finding, Location
from .loader import PathKey, Positions
from .schema import DuLieu, _dotted, _parse_date

ERROR, WARNING = "lỗi", "cảnh báo"

# The check codes, stable: `kiem_tra` in chap_nhan and in `baocao check --json`; listed by `baocao check --help`.
CODES = {
    "tong": "tổng đã ghi khác tổng các thành phần",
    "thanh_phan": "một thành phần (trong đó) lớn hơn tổng",
    "ty_le": "tỷ lệ ngoài khoảng 0–100%, hoặc tỷ lệ đã ghi khác tỷ lệ tính từ các số đếm",
    "ngay_so_lieu": "khoảng số liệu kết thúc trước khi bắt đầu, hoặc sau khi kỳ báo cáo kết thúc",
    "ngay_bao_cao": "báo cáo ký trước ngày chốt số liệu, hoặc trước khi kỳ báo cáo bắt đầu",
    "ngay_van_ban": "văn bản được trích dẫn ký sau ngày báo cáo (dự thảo: sau hôm nay)",
    "ky_hieu": "mã loại trong ký hiệu không hợp loại văn bản (Quyết định phải là QĐ…)",
    "nam_so_hieu": "văn bản quy phạm pháp luật thiếu năm trong số hiệu, hoặc năm khác năm ký",
    "ngay_trich_dan": "một văn bản được ghi với hai ngày ký khác nhau",
    "trich_dan": "[@tên] không có trong van_ban, hoặc tùy chọn lạ",
    "van_ban_thua": "văn bản trong van_ban không được trích dẫn (cảnh báo)",
    "de_muc": "đề mục trống hoặc không có nội dung; tiêu đề gõ kèm số thứ tự (cảnh báo)",
    "phu_luc": "phụ lục mà thân văn bản không nhắc tới (cảnh báo)",
    "bang": "ô bảng sai: cột không có, ô tự tính bị gõ, tham chiếu =… hay [=…] không tới được một ô",
    "chap_nhan": "mục chap_nhan không khớp với lỗi nào (cảnh báo)",
    "du_lieu": "tệp số liệu không đọc được hoặc sai định dạng (chỉ trong --json; không chấp nhận được)",
}


@dataclass
class Found(Finding):
    """A Finding of a check: its code and subject let `chap_nhan` accept it."""

    code: str = ""
    subject: str = ""  # a dotted data path, a registry key or a document number
    value: str = ""  # the figures at fault ("9737 ≠ 9744"): an acceptance naming them stops matching when they change
    accepted: str | None = None  # the reason, when chap_nhan accepted it

    def as_json(self) -> dict[str, Any]:
        return {"tep": str(self.location.file), "dong": self.location.line, "cot": self.location.column,
                "muc_do": self.severity, "kiem_tra": self.code or None, "o": self.subject or None,
                "gia_tri": self.value or None,
                "thong_diep": self.message, "cach_sua": self.hint, "chap_nhan": self.accepted}


@dataclass
class Context:
    raw: Any
    positions: Positions
    data: DuLieu

    def at(self, path: PathKey) -> Location:
        return self.positions.at(path)

    def inside(self, path: PathKey, text: str, offset: int, token: str) -> Location:
        """Where `token`, at character `offset` of the text value at `path`, stands in the file."""
        return self.positions.token(path, text, offset, token)

    def documents(self) -> list[tuple[PathKey, dict]]:
        """The documents the data file declares, as (path, raw mapping): the report (bao_cao), then
        each thông báo (thong_bao) and Party report (bao_cao_dang); every check covers them."""
        found = [(("bao_cao",), self.raw["bao_cao"])] if self.raw.get("bao_cao") is not None else []
        for key in ("thong_bao", "bao_cao_dang"):
            found += [((key, k), document) for k, document in enumerate(self.raw.get(key) or [])]
        return found

    def prose(self) -> Iterator[tuple[PathKey, str]]:
        """Every text value of the documents, in file order."""
        for path, document in self.documents():
            yield from _strings(document, path)

    def found(self, code: str, path: PathKey, message: str, hint: str | None = None, *,
              severity: str = ERROR, subject: str | None = None, where: Location | None = None,
              value: str = "") -> Found:
        subject = subject if subject is not None else _dotted(path)
        if severity == ERROR and hint is not None:
            pinned = f", gia_tri: \"{value}\"" if value else ""
            hint += (f" Nếu văn bản gốc đúng là như vậy, ghi vào chap_nhan: "
                     f"{{kiem_tra: {code}, o: {subject}{pinned}, ly_do: …}}.")
        return Found(where or self.at(path), message, hint, severity, code=code, subject=subject, value=value)


Check = Callable[[Context], Iterable[Found]]


def _strings(value: Any, path: PathKey) -> Iterator[tuple[PathKey, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, path + (i,))


def _get(value: Any, *path: str | int) -> Any:
    for part in path:
        if not isinstance(value, (dict, list)):
            return None
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):  # TypeError: a key into a list (a thông báo's chi_dao)
            return None
    return value


# --- arithmetic -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Whole:
    """A stated total and the parts it must equal (the parts' sum is the expected value)."""

    path: PathKey
    label: str
    value: int | float
    parts: list[tuple[PathKey, str, int | float]]  # (path, label, value)
    fix: str  # how to make them agree


def _wholes(ctx: Context) -> Iterator[Whole]:
    for doc_path, doc in ctx.documents():
        tthc = _get(doc, "ket_qua", "tthc") or {}
        base = doc_path + ("ket_qua", "tthc")
        for level, name in (("cap_minh", "cấp mình"), ("cap_duoi", "cấp xã")):
            counts = _get(tthc, "so_thu_tuc", level)
            if counts and counts.get("tong") is not None:
                p = base + ("so_thu_tuc", level)
                yield Whole(p + ("tong",), f"tổng số thủ tục {name}", counts["tong"],
                            [(p + (k,), k, counts[k]) for k in ("toan_trinh", "mot_phan", "con_lai")],
                            "sửa tổng, hoặc xóa dòng tong để baocao tự cộng")
        files = tthc.get("ho_so")
        if files:
            p = base + ("ho_so",)
            yield Whole(p + ("tiep_nhan",), "số hồ sơ tiếp nhận", files["tiep_nhan"],
                        [(p + (k,), k, files[k]) for k in ("dung_han", "tre_han", "chua_den_han")],
                        "hồ sơ tiếp nhận = đúng hạn + trễ hạn + chưa đến hạn: sửa số sai")
        staff = _get(doc, "ket_qua", "bo_may", "bien_che")
        if staff:
            p = doc_path + ("ket_qua", "bo_may", "bien_che")
            public = staff["su_nghiep"]
            details = public.get("chi_tiet") or []
            if public.get("tong") is not None and details:
                yield Whole(p + ("su_nghiep", "tong"), "tổng biên chế sự nghiệp", public["tong"],
                            [(p + ("su_nghiep", "chi_tiet", i, "so"), part["ten"], part["so"])
                             for i, part in enumerate(details)],
                            "sửa tổng, hoặc xóa dòng tong để baocao tự cộng các phần")
            if staff.get("tong") is not None:
                public_total = public.get("tong")
                if public_total is None:
                    public_total = sum(part["so"] for part in details)
                yield Whole(p + ("tong",), "tổng biên chế", staff["tong"],
                            [(p + ("cong_chuc",), "cong_chuc", staff["cong_chuc"]),
                             (p + ("su_nghiep", "tong"), "su_nghiep", public_total)],
                            "sửa tổng, hoặc xóa dòng tong để baocao tự cộng")


def check_totals(ctx: Context) -> Iterator[Found]:
    """A stated total equals the sum of its parts; no part is larger than its whole (one finding
    per whole: the part that exceeds it, else the sum)."""
    for whole in _wholes(ctx):
        big = next(((p, label, v) for p, label, v in whole.parts if v > whole.value), None)
        if big is not None:
            yield ctx.found("thanh_phan", big[0],
                            f"{whole.label}: thành phần {big[1]} = {vi.so(big[2])} lớn hơn tổng {vi.so(whole.value)}",
                            f"thành phần không thể lớn hơn tổng; {whole.fix}.", subject=_dotted(whole.path),
                            value=f"{big[2]} > {whole.value}")
            continue
        total = sum(v for _, _, v in whole.parts)
        if total != whole.value:
            sums = " + ".join(vi.so(v) for _, _, v in whole.parts)
            yield ctx.found("tong", whole.path,
                            f"{whole.label}: tổng {vi.so(whole.value)} khác tổng các thành phần {sums} = {vi.so(total)}",
                            f"{whole.fix} (đúng là {vi.so(total)}).", value=f"{whole.value} ≠ {total}")


def rate_disagrees(stated: float | int | Decimal, part: float | int, whole: float | int, decimals: int) -> Decimal | None:
    """The computed rate (%) shown at `decimals` places, when `stated` (shown the same way) differs."""
    computed = vi.ty_le(part, whole).quantize(Decimal(1).scaleb(-decimals))
    shown = Decimal(str(stated)).quantize(Decimal(1).scaleb(-decimals))
    return computed if computed != shown else None


def check_rates(ctx: Context) -> Iterator[Found]:
    """Rates lie in 0–100 %. The data states no rate today (baocao computes them; tables will state
    them and use `rate_disagrees`); a disbursement above its plan gives a rate above 100 %."""
    for doc_path, doc in ctx.documents():
        capital = _get(doc, "ket_qua", "tai_chinh", "von_dau_tu")
        if capital and capital["giai_ngan"] > capital["ke_hoach"]:
            rate = vi.ty_le(capital["giai_ngan"], capital["ke_hoach"])
            p = doc_path + ("ket_qua", "tai_chinh", "von_dau_tu", "giai_ngan")
            yield ctx.found("ty_le", p,
                            f"tỷ lệ giải ngân {vi.phan_tram(rate)} vượt quá 100% (giải ngân {vi.so(capital['giai_ngan'])} "
                            f"lớn hơn kế hoạch {vi.so(capital['ke_hoach'])} triệu đồng)",
                            "kiểm tra lại số giải ngân và kế hoạch vốn (cùng đơn vị triệu đồng).",
                            value=f"{capital['giai_ngan']} > {capital['ke_hoach']}")


# --- dates ----------------------------------------------------------------------------------------

def period_span(ky: dict) -> tuple[dt.date, dt.date]:
    """The report's period: from the start of its data span (vi.khoang_so_lieu) to the last day of
    its last month."""
    period = vi.Ky(ky["loai"], ky["nam"], ky.get("so"))
    start, cutoff = vi.khoang_so_lieu(period)
    return start, dt.date(cutoff.year, cutoff.month, calendar.monthrange(cutoff.year, cutoff.month)[1])


def check_data_dates(ctx: Context) -> Iterator[Found]:
    """Real calendar dates are the loader's and schema's job. Here: a data span starts before it
    ends and lies inside (or before) the report's period; the report is not dated before the end of
    its data, nor before its period starts."""
    for doc_path, doc in ctx.documents():
        if "ky" not in doc:  # a thông báo or a Party report has no reporting period
            continue
        start, end = period_span(doc["ky"])
        period = vi.ten_ky(vi.Ky(doc["ky"]["loai"], doc["ky"]["nam"], doc["ky"].get("so")))
        report_date = _date(doc.get("ngay"))
        cutoff = _date(_get(doc, "ket_qua", "tthc", "ho_so", "den_ngay"))
        cutoff_path = doc_path + ("ket_qua", "tthc", "ho_so", "den_ngay")
        if cutoff is not None:
            if cutoff > end:
                yield ctx.found("ngay_so_lieu", cutoff_path,
                                f"số liệu hồ sơ chốt đến ngày {vi.ngay(cutoff)}, sau khi kỳ báo cáo {period} "
                                f"kết thúc ({vi.ngay(end)})", "kiểm tra ngày chốt số liệu (den_ngay) và kỳ báo cáo (ky).")
            elif cutoff < start:
                yield ctx.found("ngay_so_lieu", cutoff_path,
                                f"số liệu hồ sơ chốt đến ngày {vi.ngay(cutoff)}, trước khi khoảng số liệu của kỳ "
                                f"{period} bắt đầu ({vi.ngay(start)}): khoảng số liệu kết thúc trước khi bắt đầu",
                                "kiểm tra ngày chốt số liệu (den_ngay) và kỳ báo cáo (ky).")
        if report_date is None:
            continue
        if cutoff is not None and report_date < cutoff:
            yield ctx.found("ngay_bao_cao", doc_path + ("ngay",),
                            f"báo cáo ký ngày {vi.ngay(report_date)}, trước ngày chốt số liệu {vi.ngay(cutoff)} "
                            f"(dòng {ctx.at(cutoff_path).line})", "kiểm tra ngày báo cáo (ngay) và ngày chốt số liệu.")
        elif report_date < start:
            yield ctx.found("ngay_bao_cao", doc_path + ("ngay",),
                            f"báo cáo ký ngày {vi.ngay(report_date)}, trước khi kỳ báo cáo {period} bắt đầu",
                            "kiểm tra ngày báo cáo (ngay) và kỳ báo cáo (ky).")


_SPAN = re.compile(r"từ (?:ngày )?(\d{1,2}/\d{1,2}/\d{4}) (?:đến|tới) (?:ngày )?(\d{1,2}/\d{1,2}/\d{4})", re.I)


def check_spans(ctx: Context) -> Iterator[Found]:
    """Data spans written out: an appendix's so_lieu_tu/so_lieu_den and "từ ngày … đến ngày …" in the
    prose. A span starts before it ends, ends inside the report's period, and not after the report's date."""
    for doc_path, doc in ctx.documents():
        end_of_period = period_span(doc["ky"])[1] if "ky" in doc else None
        report_date = _date(doc.get("ngay"))
        spans = []
        for k, appendix in enumerate(doc.get("phu_luc") or []):
            start, end = _date(appendix.get("so_lieu_tu")), _date(appendix.get("so_lieu_den"))
            if start and end:
                spans.append((start, end, ctx.at(doc_path + ("phu_luc", k, "so_lieu_den")),
                              doc_path + ("phu_luc", k, "so_lieu_den")))
        for path, text in _strings(doc, doc_path):
            for m in _SPAN.finditer(text):
                start, end = _date(m.group(1)), _date(m.group(2))
                if start and end:
                    spans.append((start, end, ctx.inside(path, text, m.start(), m.group(0)), path))
        for start, end, where, path in spans:
            shown = f"khoảng số liệu từ {vi.ngay(start)} đến {vi.ngay(end)}"
            if start > end:
                yield ctx.found("ngay_so_lieu", path, f"{shown} kết thúc trước khi bắt đầu",
                                "kiểm tra năm của hai ngày (thường gõ nhầm năm).", where=where,
                                subject=f"{vi.ngay(start)}-{vi.ngay(end)}")
            elif end_of_period and end > end_of_period:
                yield ctx.found("ngay_so_lieu", path, f"{shown} kết thúc sau kỳ báo cáo ({vi.ngay(end_of_period)})",
                                "kiểm tra ngày cuối của khoảng số liệu và kỳ báo cáo (ky).", where=where,
                                subject=f"{vi.ngay(start)}-{vi.ngay(end)}")
            elif report_date and end > report_date:
                yield ctx.found("ngay_bao_cao", path, f"{shown} kết thúc sau ngày báo cáo {vi.ngay(report_date)}",
                                "báo cáo không ký trước khi chốt số liệu: kiểm tra hai ngày.", where=where,
                                subject=f"{vi.ngay(start)}-{vi.ngay(end)}")


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    try:
        parsed = _parse_date(value)
    except ValueError:  # not a date (the schema reports what it must; a check just skips it)
        return None
    return parsed if isinstance(parsed, dt.date) else None


# --- citations ------------------------------------------------------------------------------------

# Type codes of ND30 (the first part of a ký hiệu). A Công văn has none: its ký hiệu starts with the
# issuer (477/UBND, 12/UBND-VX).
TYPE_CODES = {
    "Quyết định": "QĐ", "Kế hoạch": "KH", "Nghị định": "NĐ", "Thông tư": "TT", "Nghị quyết": "NQ",
    "Chỉ thị": "CT", "Chương trình": "CTr", "Thông báo": "TB", "Báo cáo": "BC", "Hướng dẫn": "HD",
    "Tờ trình": "TTr", "Công văn": None,
}
_CODE_OF = {code: kind for kind, code in TYPE_CODES.items() if code}
# Always legal normatives (văn bản quy phạm pháp luật): the number carries the year.
NORMATIVE = {"Nghị định", "Thông tư", "Luật"}

# A citation typed as plain text: "Quyết định số 72/2020/QĐ-UBND ngày 20/11/2020", "Quyết định 356/KH-UBND".
_KINDS = "|".join(sorted(list(TYPE_CODES) + ["Luật"], key=len, reverse=True))
TYPED_CITATION = re.compile(
    rf"(?P<loai>{_KINDS})(?: số)? (?P<so>\d+)/(?P<ky_hieu>(?:\d{{4}}/)?[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-Za-zĐđ0-9]+)*)"
    r"(?: ngày (?P<ngay>\d{1,2}/\d{1,2}/\d{4}))?")


@dataclass(frozen=True)
class Cited:
    """One cited document: a registry entry or a citation typed in prose."""

    loai: str
    so: str
    ky_hieu: str
    ngay: str | None
    subject: str  # registry key, or the number "356/KH-UBND"
    path: PathKey
    where: Location
    text: str  # how it is named in messages

    @property
    def number(self) -> str:
        return citations.join(self.so, self.ky_hieu)


def cited_documents(ctx: Context) -> list[Cited]:
    found = []
    for key, entry in (ctx.raw.get("van_ban") or {}).items():
        model = ctx.data.van_ban[key]
        found.append(Cited(model.loai, model.so, model.ky_hieu, model.ngay, key, ("van_ban", key),
                           ctx.positions.at(("van_ban", key), key=True), f"văn bản '{key}' ({citations.short_form(model)})"))
    for path, text in ctx.prose():
        for m in TYPED_CITATION.finditer(text):
            found.append(Cited(m["loai"], m["so"], m["ky_hieu"], m["ngay"], f"{m['so']}/{m['ky_hieu']}", path,
                               ctx.inside(path, text, m.start(), m.group(0)), f"«{m.group(0)}»"))
    return found


def _field_where(ctx: Context, doc: Cited, name: str) -> Location:
    return ctx.at(doc.path + (name,)) if doc.path[0] == "van_ban" else doc.where


def check_document_numbers(ctx: Context) -> Iterator[Found]:
    """The ký hiệu's type code fits the document type; a normative document's number carries the
    year of its date."""
    for doc in cited_documents(ctx):
        parts = doc.ky_hieu.split("/")
        year = parts[0] if len(parts) > 1 and parts[0].isdigit() else None
        # 2020/QĐ-UBND → QĐ; UBND-VX → UBND; a Party document's KH/HU → KH
        code = (parts[0] if citations.is_party(doc.ky_hieu) else parts[-1]).split("-")[0]
        where = _field_where(ctx, doc, "ky_hieu")
        if doc.loai in TYPE_CODES:
            expected = TYPE_CODES[doc.loai]
            if expected is None and code in _CODE_OF:
                yield ctx.found("ky_hieu", doc.path, f"{doc.text}: Công văn không có mã loại văn bản, nhưng ký hiệu "
                                f"bắt đầu bằng {code} (mã của {_CODE_OF[code]})",
                                "kiểm tra lại loại văn bản hoặc ký hiệu (Công văn ghi dạng 477/UBND).",
                                subject=doc.subject, where=where, value=f"{doc.loai} {doc.ky_hieu}")
            elif expected is not None and code != expected:
                seen_as = f" ({code} là mã của {_CODE_OF[code]})" if code in _CODE_OF else ""
                yield ctx.found("ky_hieu", doc.path, f"{doc.text}: {doc.loai} có mã {expected} trong ký hiệu, nhưng "
                                f"ký hiệu là {doc.ky_hieu}{seen_as}",
                                f"sửa loại văn bản, hoặc ký hiệu thành {citations.join(doc.so, doc.ky_hieu.replace(code, expected, 1))}.",
                                subject=doc.subject, where=where, value=f"{doc.loai} {doc.ky_hieu}")
        date = _date(doc.ngay) if doc.ngay else None
        if year and date and int(year) != date.year:
            yield ctx.found("nam_so_hieu", doc.path, f"{doc.text}: số hiệu mang năm {year} nhưng văn bản ký ngày "
                            f"{doc.ngay} (năm {date.year})",
                            "số hiệu văn bản quy phạm pháp luật mang năm ký: sửa năm trong số hiệu hoặc ngày ký.",
                            subject=doc.subject, where=where, value=f"{year} ≠ {date.year}")
        elif not year and doc.loai in NORMATIVE:
            yield ctx.found("nam_so_hieu", doc.path, f"{doc.text}: {doc.loai} là văn bản quy phạm pháp luật, số hiệu "
                            f"phải có năm ký (ví dụ {doc.so}/2020/NĐ-CP)",
                            "thêm năm vào ký hiệu, ví dụ 2020/NĐ-CP.", subject=doc.subject, where=where)


def check_citation_dates(ctx: Context) -> Iterator[Found]:
    """One document, one date: every mention of a number gives the same date. A cited document is
    not dated after the report (for a draft, after today)."""
    first: dict[str, Cited] = {}
    documents = ctx.documents()
    texts = {path: " ".join(text for _, text in _strings(document, path)) for path, document in documents}

    def bound(date: dt.date | None) -> tuple[dt.date, str]:
        return (date, f"ngày báo cáo {vi.ngay(date)}") if date else (dt.date.today(), "hôm nay (báo cáo còn là dự thảo)")

    def limit_of(doc: Cited) -> tuple[dt.date, str]:
        """The date a cited document must not be after: that of the document citing it (a registry entry:
        the earliest of the documents that cite it; a draft counts as today)."""
        if doc.path[0] == "van_ban":
            cite = re.compile(r"\[@" + re.escape(str(doc.path[1])) + r"(?=[\s\]])")
            citing = [path for path, _ in documents if cite.search(texts[path])] or [path for path, _ in documents]
        else:
            citing = [path for path, _ in documents if doc.path[:len(path)] == path]
        limits = [bound(_date(document.get("ngay"))) for path, document in documents if path in citing]
        return min(limits, default=bound(None))

    for doc in cited_documents(ctx):
        if doc.ngay is None:
            continue
        date = _date(doc.ngay)
        where = _field_where(ctx, doc, "ngay")
        limit, limit_text = limit_of(doc)
        if date and date > limit:
            yield ctx.found("ngay_van_ban", doc.path, f"{doc.text}: ngày ký {doc.ngay} sau {limit_text}",
                            "kiểm tra ngày của văn bản được trích dẫn.", subject=doc.subject, where=where,
                            value=doc.ngay)
        earlier = first.setdefault(doc.number, doc)
        if earlier is not doc and _date(earlier.ngay) != date:
            yield ctx.found("ngay_trich_dan", doc.path,
                            f"{doc.loai} số {doc.number} ghi ngày {doc.ngay} ở đây nhưng ngày {earlier.ngay} ở dòng "
                            f"{_field_where(ctx, earlier, 'ngay').line}",
                            "một văn bản chỉ có một ngày ký: sửa cho giống nhau (hoặc dùng [@tên] trong van_ban).",
                            subject=doc.number, where=where, value=f"{doc.ngay} ≠ {earlier.ngay}")


def check_references(ctx: Context) -> Iterator[Found]:
    """Every [@key] names a registry entry and uses known options; every entry is cited."""
    registry = ctx.raw.get("van_ban") or {}
    used: set[str] = set()
    for path, text in ctx.prose():
        for ref in citations.references(text):
            where = ctx.inside(path, text, ref.start, text[ref.start:ref.end])
            used.add(ref.key)
            if not _is_prose(path):
                yield ctx.found("trich_dan", path, f"trích dẫn [@{ref.key}] đặt ở '{_dotted(path)}', nơi không phải "
                                "đoạn văn: văn bản sẽ in nguyên chữ [@…]",
                                "chỉ dùng [@tên] trong các đoạn văn (mo_dau, noi_dung, các đoạn sau dấu |…); ở đây "
                                "gõ thẳng tên văn bản.", subject=ref.key, where=where)
                continue
            if ref.key not in registry:
                close = _close(ref.key, registry)
                yield ctx.found("trich_dan", path, f"trích dẫn [@{ref.key}] không có trong danh sách van_ban",
                                (f"có phải ý bạn là [@{close}]? " if close else "") +
                                "thêm văn bản này vào van_ban (loai, so, ky_hieu, ngay, trich_yeu) hoặc sửa tên.",
                                subject=ref.key, where=where)
            for flag in ref.flags:
                if flag not in citations.FLAGS:
                    yield ctx.found("trich_dan", path, f"trích dẫn [@{ref.key}] có tùy chọn lạ '{flag}'",
                                    "các tùy chọn: " + "; ".join(f"{k}: {v}" for k, v in citations.FLAGS.items()) + ".",
                                    subject=ref.key, where=where)
    for key in registry:
        if key not in used:
            yield ctx.found("van_ban_thua", ("van_ban", key),
                            f"văn bản '{key}' có trong van_ban nhưng không đoạn văn nào trích dẫn [@{key}]",
                            "trích dẫn nó, hoặc xóa mục này khỏi van_ban.", severity=WARNING, subject=key,
                            where=ctx.positions.at(("van_ban", key), key=True))


def _is_prose(path: PathKey) -> bool:
    """Whether the text at `path` is prose (a VanBan field), where [@key] is resolved when rendered."""
    last = max((i for i, part in enumerate(path) if isinstance(part, str)), default=None)
    model = schema._model_at(path[:last]) if last is not None else None
    field = model.model_fields.get(path[last]) if model is not None else None
    if field is None:
        return False
    # pydantic keeps a top-level Annotated's validators in field.metadata, nested ones in the annotation
    return (any(getattr(meta, "func", None) is schema._check_markup for meta in field.metadata)
            or _has_validator(field.annotation, schema._check_markup))


def _has_validator(annotation: Any, func: Callable) -> bool:
    if any(getattr(meta, "func", None) is func for meta in getattr(annotation, "__metadata__", ())):
        return True
    return any(_has_validator(arg, func) for arg in typing.get_args(annotation))


def _close(key: str, registry: dict) -> str | None:
    match = difflib.get_close_matches(key, list(registry), n=1, cutoff=0.6)
    return match[0] if match else None


# --- structure ------------------------------------------------------------------------------------

_TYPED_NUMBER = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s")


def check_headings(ctx: Context) -> Iterator[Found]:
    """No heading without content, no heading typed with its own number. Heading numbers are derived
    (ooxml.number_headings numbers them in document order), so duplicated or skipped numbers cannot
    arise and are not checked."""
    for doc_path, doc in ctx.documents():
        for group in (("chi_dao",), ("ket_qua",), ("danh_gia",)):
            for i, item in enumerate(_get(doc, *group, "muc_them") or []):
                p = doc_path + group + ("muc_them", i)
                if not item["tieu_de"].strip():
                    yield ctx.found("de_muc", p + ("tieu_de",), "mục thêm có tiêu đề trống",
                                    "viết tiêu đề, hoặc xóa cả mục.")
                elif not item["noi_dung"].strip():
                    yield ctx.found("de_muc", p + ("noi_dung",),
                                    f"đề mục «{item['tieu_de']}» không có nội dung nào bên dưới",
                                    "viết nội dung, hoặc xóa cả mục.")
                if _TYPED_NUMBER.match(item["tieu_de"]):
                    yield ctx.found("de_muc", p + ("tieu_de",),
                                    f"tiêu đề «{item['tieu_de']}» có gõ số thứ tự; baocao tự đánh số đề mục",
                                    "bỏ số thứ tự ở đầu tiêu đề.", severity=WARNING)


def _outline_sections(value: Any, path: PathKey) -> Iterator[tuple[PathKey, dict]]:
    """Every section of an outline written in the data: a mapping with a text `tieu_de` under a list
    keyed `noi_dung`, `muc` or `phan` (a report's outline, a Party report's sections)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("noi_dung", "muc", "phan") and isinstance(item, list):
                for k, section in enumerate(item):
                    if isinstance(section, dict) and isinstance(section.get("tieu_de"), str):
                        yield path + (key, k), section
            yield from _outline_sections(item, path + (key,))
    elif isinstance(value, list):
        for k, item in enumerate(value):
            yield from _outline_sections(item, path + (k,))


def check_outline(ctx: Context) -> Iterator[Found]:
    """Sections of an outline written in the data (a report's noi_dung, a Party report's sections, a
    notice's addressee groups): a heading typed with its own number would be numbered twice; a
    section with nothing under it prints a lone heading."""
    for doc_path, doc in ctx.documents():
        for path, section in _outline_sections(doc, doc_path):
            title = section["tieu_de"]
            if _TYPED_NUMBER.match(title):
                yield ctx.found("de_muc", path + ("tieu_de",),
                                f"tiêu đề «{title}» có gõ số thứ tự; baocao tự đánh số đề mục",
                                "bỏ số thứ tự ở đầu tiêu đề.", severity=WARNING)
            if not any(section.get(k) for k in ("noi_dung", "muc", "chi_tieu", "nhiem_vu")):
                yield ctx.found("de_muc", path + ("tieu_de",), f"đề mục «{title}» không có nội dung nào bên dưới",
                                "viết nội dung hoặc mục con, hoặc xóa cả mục.", severity=WARNING)
        for k, group in enumerate(doc.get("chi_dao") or [] if isinstance(doc.get("chi_dao"), list) else []):
            if isinstance(group, dict) and isinstance(group.get("doi_tuong"), str) and _TYPED_NUMBER.match(group["doi_tuong"]):
                yield ctx.found("de_muc", doc_path + ("chi_dao", k, "doi_tuong"),
                                f"«{group['doi_tuong']}» có gõ số thứ tự; baocao tự đánh số các nhóm nhiệm vụ",
                                "bỏ số thứ tự ở đầu.", severity=WARNING)


def check_appendices(ctx: Context, appendices: Callable[[dict], list] | None = None) -> Iterator[Found]:
    """Warn about an appendix the body never mentions. The hook: `appendices(document)` returns the
    document's appendices (mappings, in order) from wherever the format keeps them; the default reads
    `phu_luc:` (a list), which the appendix format is to provide. One appendix is "Phụ lục"; several
    are "Phụ lục 1"/"Phụ lục I", and the body must name each."""
    appendices = appendices or (lambda document: document.get("phu_luc") or [])
    for doc_path, doc in ctx.documents():
        items = appendices(doc)
        if not items:
            continue
        body = " ".join(text for path, text in _strings(doc, doc_path) if "phu_luc" not in path)
        for i, _ in enumerate(items, 1):
            names = ["Phụ lục"] if len(items) == 1 else [f"Phụ lục {i}", f"Phụ lục {vi.la_ma(i)}"]
            pattern = "|".join(re.escape(n) + r"(?![\w])" for n in names)
            if not re.search(pattern, body, re.I):
                yield ctx.found("phu_luc", doc_path + ("phu_luc", i - 1),
                                f"thân văn bản không nhắc tới {names[0]}", f"thêm câu dẫn tới {names[0]} "
                                "(ví dụ: chi tiết tại Phụ lục kèm theo).", severity=WARNING, subject=names[0])


# --- tables ---------------------------------------------------------------------------------------

def _label(col) -> str:
    return re.sub(r"\^\[[^\]]*\]|\*", "", col.label).strip()


def check_tables(ctx: Context) -> Iterator[Found]:
    """Tables of a report whose outline is data. Their totals, rates and STT are derived (a total
    cannot disagree with its parts), so what is left to check is what the clerk types: every cell
    mistake the build would refuse (unknown column, a derived cell typed, a link =… or [=…] that
    reaches no cell), and a part larger than its whole: "trong đó" rows adding up to more than their
    row, a difference column (a − b) below zero, a computed rate above 100 %."""
    if ctx.data.bao_cao is None:  # a file of thông báo or Party reports only: no data-outlined tables
        return
    bc = ctx.data.bao_cao.model_dump()
    if bc.get("noi_dung") is None:
        return
    read: list[Finding] = []
    found, figures = tables.lay_out(bc, ctx.positions, read)  # every cell and citation, as build lays them out
    for f in read:
        yield Found(f.location, f.message, f.hint, ERROR, code="bang", subject=f"{f.location.line}:{f.location.column}")
    for _, table in found:
        name = table.code or _dotted(table.path)
        for n, row in enumerate(table.walk(), start=1):
            where = row.values.get("ma") or f"dong{n}"  # chap_nhan names it bang.dong.cot
            for leaf in table.kind.leaves:
                if leaf.derive is None:
                    continue
                value = figures.cell(table, row, leaf.key)
                op, *args = leaf.derive
                if op == "hieu" and isinstance(value, (int, float)) and value < 0:
                    a, b = (table.kind.by_key[k] for k in args)
                    yield ctx.found(
                        "thanh_phan", row.path + (b.key,),
                        f"bảng {name}: «{_label(b)}» = {vi.so(figures.cell(table, row, b.key))} lớn hơn «{_label(a)}» "
                        f"= {vi.so(figures.cell(table, row, a.key))} (cột «{_label(leaf)}» ra số âm {vi.so(value)})",
                        "phần không thể lớn hơn toàn bộ: sửa số sai.", subject=f"{name}.{where}.{leaf.key}",
                        value=f"{figures.cell(table, row, b.key)} > {figures.cell(table, row, a.key)}")
                if op == "ty_le" and isinstance(value, tables.Rate) and value.value > 100:
                    yield ctx.found(
                        "ty_le", row.path, f"bảng {name}: «{_label(leaf)}» tính ra {value}%, quá 100%",
                        "tử số không thể lớn hơn mẫu số: sửa số sai.", subject=f"{name}.{where}.{leaf.key}",
                        value=str(value))
            yield from _coded_answer(ctx, table, row, figures, name, where)
            if not row.parts:
                continue
            for key in table.kind.typed_keys:
                whole = figures.cell(table, row, key)
                # an indicator table mixes units in one column: a "trong đó" rate (đơn vị %) is no part of a count
                parts = [(part, figures.cell(table, part, key)) for part in row.parts
                         if str(part.values.get("don_vi", "")).strip() != "%"]
                numbers = [v for _, v in parts if isinstance(v, (int, float)) and not isinstance(v, bool)]
                if not isinstance(whole, (int, float)) or isinstance(whole, bool) or not numbers:
                    continue
                if sum(numbers) > whole:
                    added = (f"các dòng «trong đó» cộng lại {' + '.join(vi.so(v) for v in numbers)} = {vi.so(sum(numbers))}"
                             if len(numbers) > 1 else f"dòng «trong đó» {vi.so(numbers[0])}")
                    yield ctx.found(
                        "thanh_phan", parts[0][0].path + (key,),
                        f"bảng {name}: {added}, lớn hơn tổng {vi.so(whole)} của dòng trên",
                        "phần «trong đó» không thể lớn hơn tổng: sửa số sai.", subject=f"{name}.{where}.{key}",
                        value=f"{sum(numbers)} > {whole}")


_CODE_PAIR = re.compile(r"([^=]+?)\s*=\s*(\d+)")


def _coded_answer(ctx: Context, table, row, figures, name: str, where: str) -> Iterator[Found]:
    """An indicator answered with a code ("Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2" in the unit
    column) takes one of those codes."""
    unit = row.values.get("don_vi")
    if not isinstance(unit, str) or "=" not in unit:
        return
    codes = {int(n): label.strip() for label, n in _CODE_PAIR.findall(unit)}
    for key in table.kind.typed_keys:
        value = figures.cell(table, row, key)
        if key == "don_vi" or not isinstance(value, int) or isinstance(value, bool) or value in codes:
            continue
        listed = ", ".join(f"{label} = {n}" for n, label in codes.items())
        yield ctx.found("bang", row.path + (key,), f"bảng {name}: {vi.so(value)} không phải một mã trả lời ({listed})",
                        "ghi một trong các mã của cột đơn vị tính.", subject=f"{name}.{where}.{key}", value=str(value))


def check_notice_dates(ctx: Context) -> Iterator[Found]:
    """A conclusion notice (thông báo kết luận) is not dated before the meeting it concludes."""
    for doc_path, doc in ctx.documents():
        meeting = doc.get("hoi_nghi") if doc_path[0] == "thong_bao" else None
        if not isinstance(meeting, dict):
            continue
        held, issued = _date(meeting.get("ngay")), _date(doc.get("ngay"))
        if held and issued and issued < held:
            yield ctx.found("ngay_bao_cao", doc_path + ("ngay",),
                            f"thông báo ký ngày {vi.ngay(issued)}, trước ngày hội nghị {vi.ngay(held)} mà nó kết luận",
                            "kiểm tra ngày thông báo (ngay) và ngày hội nghị (hoi_nghi.ngay).")


def check_party_depth(ctx: Context) -> Iterator[Found]:
    """A Party report's sections: three levels at most (I -, 1., 2.1.)."""
    from .bao_cao_dang import MAX_DEPTH

    def visit(sections: Any, path: PathKey, depth: int) -> Iterator[Found]:
        for k, section in enumerate(sections if isinstance(sections, list) else []):
            if not isinstance(section, dict):
                continue
            where = path + (k,)
            if depth > MAX_DEPTH:
                yield ctx.found("de_muc", where + ("tieu_de",),
                                f"mục «{section.get('tieu_de', '')}» nằm ở cấp thứ {depth}; báo cáo chỉ có "
                                f"{MAX_DEPTH} cấp mục (I -, 1., 2.1.)",
                                "đưa nội dung lên mục cấp trên, hoặc viết thành đoạn văn.")
            yield from visit(section.get("muc"), where + ("muc",), depth + 1)

    for doc_path, doc in ctx.documents():
        if doc_path[0] != "bao_cao_dang":
            continue
        for p, part in enumerate(doc.get("phan") or []):
            if isinstance(part, dict):
                yield from visit(part.get("muc"), doc_path + ("phan", p, "muc"), 1)


# --- chỉ tiêu (targets of a Party report) ---------------------------------------------------------

def _targets(value: Any, path: PathKey) -> Iterator[tuple[PathKey, dict]]:
    if isinstance(value, dict):
        if isinstance(value.get("thuc_hien"), list):
            yield path, value
        for key, item in value.items():
            yield from _targets(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _targets(item, path + (i,))


def check_targets(ctx: Context) -> Iterator[Found]:
    """A chỉ tiêu's figures: a part (so) not larger than its whole (tren); rates and targets within
    0–100 %; a rate stated next to its counts (ty_le with so and tren) agrees with so / tren at the
    precision the document prints (chu_so)."""
    for doc_path, doc in ctx.documents():
        for path, target in _targets(doc, doc_path):
            plan = target.get("ke_hoach")
            if isinstance(plan, (int, float)) and plan > 100:
                yield ctx.found("ty_le", path + ("ke_hoach",), f"mức chỉ tiêu {vi.so(plan)}% vượt 100%",
                                "ghi mức chỉ tiêu theo phần trăm, từ 0 đến 100.", value=str(plan))
            for k, figure in enumerate(target["thuc_hien"]):
                if not isinstance(figure, dict):
                    continue
                where = path + ("thuc_hien", k)
                part, whole, stated = figure.get("so"), figure.get("tren"), figure.get("ty_le")
                digits = figure.get("chu_so", 1)
                if isinstance(stated, (int, float)) and stated > 100:
                    yield ctx.found("ty_le", where + ("ty_le",), f"tỷ lệ {vi.so(stated)}% vượt 100%",
                                    "tỷ lệ ghi theo phần trăm, từ 0 đến 100.", value=str(stated))
                if not (isinstance(part, (int, float)) and isinstance(whole, (int, float)) and whole > 0):
                    continue
                if part > whole:
                    yield ctx.found("thanh_phan", where + ("so",),
                                    f"số đạt được {vi.so(part)} lớn hơn tổng {vi.so(whole)} để tính tỷ lệ",
                                    "so là một phần của tren: sửa số sai.", value=f"{part} > {whole}")
                if isinstance(stated, (int, float)) and isinstance(digits, int):
                    computed = rate_disagrees(stated, part, whole, digits)
                    if computed is not None:
                        yield ctx.found(
                            "ty_le", where + ("ty_le",),
                            f"tỷ lệ ghi {vi.thap_phan(stated, digits)}% khác tỷ lệ tính từ số liệu "
                            f"{vi.so(part)}/{vi.so(whole)} = {vi.thap_phan(computed, digits)}%",
                            "bỏ ty_le để baocao tính từ so / tren, hoặc sửa số sai.",
                            value=f"{vi.thap_phan(stated, digits)} ≠ {vi.thap_phan(computed, digits)}")


# --- the runner -----------------------------------------------------------------------------------

CHECKS: list[Check] = [
    check_totals, check_rates, check_data_dates, check_document_numbers, check_citation_dates,
    check_references, check_headings, check_appendices, check_tables, check_spans, check_targets,
    check_party_depth, check_outline, check_notice_dates,
]


def run(raw: Any, positions: Positions, data: DuLieu, checks: list[Check] | None = None) -> list[Found]:
    """Every finding of every check, acceptances applied, in file order."""
    ctx = Context(raw, positions, data)
    findings = [f for check in (checks or CHECKS) for f in check(ctx)]
    findings += _accept(ctx, findings)
    return sorted(findings, key=lambda f: (f.location.line or 0, f.location.column or 0))


def _accept(ctx: Context, findings: list[Found]) -> list[Found]:
    """Turn accepted errors into warnings; return a warning for each acceptance that matched nothing."""
    unused = []
    for i, acceptance in enumerate(ctx.data.chap_nhan):
        matched = [f for f in findings if f.code == acceptance.kiem_tra and f.subject == acceptance.o
                   and acceptance.gia_tri in (None, f.value)]
        for f in matched:
            f.severity, f.accepted, f.hint = WARNING, acceptance.ly_do, None
            f.message += f" (đã chấp nhận ở dòng {ctx.at(('chap_nhan', i)).line}: {acceptance.ly_do})"
        if not matched:
            unused.append(Found(ctx.at(("chap_nhan", i)),
                                f"chấp nhận {{kiem_tra: {acceptance.kiem_tra}, o: {acceptance.o}"
                                + (f", gia_tri: {acceptance.gia_tri}" if acceptance.gia_tri is not None else "")
                                + "} không khớp với lỗi nào (đã sửa, hoặc số liệu đã đổi)",
                                "xóa mục này nếu lỗi đã được sửa, hoặc sửa kiem_tra/o cho đúng dòng Cách sửa của lỗi.",
                                WARNING, code="chap_nhan", subject=acceptance.o))
    return unused


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == ERROR]
