"""Checks of cited documents: each registry entry and each citation typed in prose has a ký hiệu
that fits its type (ND30), a normative document's number carries its year, one document has one
date and is not dated after the document citing it, and every [@key] names a registry entry."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterator

from ..errors import Location
from ..read.loader import PathKey
from ..text import citations
from ..text import vi_format as vi
from ..text.suggest import closest
from ..validate.messages import dotted
from .base import WARNING, Context, Found, as_date

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
    """The registry's entries, then every citation typed in the documents' texts, in file order."""
    found = []
    for key, model in ctx.data.van_ban.items():
        found.append(Cited(model.loai, model.so, model.ky_hieu, model.ngay, key, ("van_ban", key),
                           ctx.at(("van_ban", key), key=True), f"văn bản '{key}' ({citations.short_form(model)})"))
    for text in ctx.texts():
        for m in TYPED_CITATION.finditer(text.value):
            found.append(Cited(m["loai"], m["so"], m["ky_hieu"], m["ngay"], f"{m['so']}/{m['ky_hieu']}", text.path,
                               ctx.inside(text.path, text.value, m.start(), m.group(0)), f"«{m.group(0)}»"))
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
        date = as_date(doc.ngay) if doc.ngay else None
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
    texts = {path: " ".join(t.value for t in ctx.texts(document, path)) for path, _, document in documents}

    def bound(date: dt.date | None) -> tuple[dt.date, str]:
        return (date, f"ngày báo cáo {vi.ngay(date)}") if date else (dt.date.today(), "hôm nay (báo cáo còn là dự thảo)")

    def limit_of(doc: Cited) -> tuple[dt.date, str]:
        """The date a cited document must not be after: that of the document citing it (a registry entry:
        the earliest of the documents that cite it; a draft counts as today)."""
        if doc.path[0] == "van_ban":
            cite = re.compile(r"\[@" + re.escape(str(doc.path[1])) + r"(?=[\s\]])")
            citing = [path for path, _, _ in documents if cite.search(texts[path])] or [path for path, _, _ in documents]
        else:
            citing = [path for path, _, _ in documents if doc.path[:len(path)] == path]
        limits = [bound(getattr(document, "ngay", None)) for path, _, document in documents if path in citing]
        return min(limits, default=bound(None))

    for doc in cited_documents(ctx):
        if doc.ngay is None:
            continue
        date = as_date(doc.ngay)
        where = _field_where(ctx, doc, "ngay")
        limit, limit_text = limit_of(doc)
        if date and date > limit:
            yield ctx.found("ngay_van_ban", doc.path, f"{doc.text}: ngày ký {doc.ngay} sau {limit_text}",
                            "kiểm tra ngày của văn bản được trích dẫn.", subject=doc.subject, where=where,
                            value=doc.ngay)
        first_mention = first.setdefault(doc.number, doc)
        if first_mention is not doc and as_date(first_mention.ngay) != date:
            yield ctx.found("ngay_trich_dan", doc.path,
                            f"{doc.loai} số {doc.number} ghi ngày {doc.ngay} ở đây nhưng ngày {first_mention.ngay} ở dòng "
                            f"{_field_where(ctx, first_mention, 'ngay').line}",
                            "một văn bản chỉ có một ngày ký: sửa cho giống nhau (hoặc dùng [@tên] trong van_ban).",
                            subject=doc.number, where=where, value=f"{doc.ngay} ≠ {first_mention.ngay}")


def check_references(ctx: Context) -> Iterator[Found]:
    """Every [@key] names a registry entry and uses known options; every entry is cited."""
    registry = ctx.data.van_ban
    used: set[str] = set()
    for text in ctx.texts():
        path = text.path
        for ref in citations.references(text.value):
            where = ctx.inside(path, text.value, ref.start, text.value[ref.start:ref.end])
            used.add(ref.key)
            if not text.prose:
                yield ctx.found("trich_dan", path, f"trích dẫn [@{ref.key}] đặt ở '{dotted(path)}', nơi không phải "
                                "đoạn văn: văn bản sẽ in nguyên chữ [@…]",
                                "chỉ dùng [@tên] trong các đoạn văn (mo_dau, noi_dung, các đoạn sau dấu |…); ở đây "
                                "gõ thẳng tên văn bản.", subject=ref.key, where=where)
                continue
            if ref.key not in registry:
                close = closest(ref.key, registry)
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
                            where=ctx.at(("van_ban", key), key=True))
