"""Checks of dates: data spans start before they end and lie within the reporting period, a
report is not dated before its data or its period, a notice not before its meeting. Real calendar
dates are validation's job; here the dates are read as the typed model holds them."""

from __future__ import annotations

import re
from typing import Iterator

from ..text import vi_format as vi
from .base import Context, Found, as_date, fields


def check_data_dates(ctx: Context) -> Iterator[Found]:
    """A data cut-off lies inside (or before) the report's period; the report is not dated before
    the end of its data, nor before its period starts."""
    for doc_path, _, doc in ctx.documents():
        ky = getattr(doc, "ky", None)
        if ky is None:  # a thông báo or a Party report has no reporting period
            continue
        start, end = vi.khoang_ky(ky.as_period())
        period = vi.ten_ky(ky.as_period())
        report_date = doc.ngay
        cutoff = fields(doc, "ket_qua", "tthc", "ho_so", "den_ngay")
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
    for doc_path, _, doc in ctx.documents():
        ky = getattr(doc, "ky", None)
        end_of_period = vi.khoang_ky(ky.as_period())[1] if ky is not None else None
        report_date = getattr(doc, "ngay", None)
        spans = []
        for k, appendix in enumerate(getattr(doc, "phu_luc", None) or []):
            if appendix.so_lieu_tu and appendix.so_lieu_den:
                path = doc_path + ("phu_luc", k, "so_lieu_den")
                spans.append((appendix.so_lieu_tu, appendix.so_lieu_den, ctx.at(path), path))
        for text in ctx.texts(doc, doc_path):
            for m in _SPAN.finditer(text.value):
                start, end = as_date(m.group(1)), as_date(m.group(2))
                if start and end:
                    spans.append((start, end, ctx.inside(text.path, text.value, m.start(), m.group(0)), text.path))
        for start, end, where, path in spans:
            shown = f"khoảng số liệu từ {vi.ngay(start)} đến {vi.ngay(end)}"
            subject = f"{vi.ngay(start)}-{vi.ngay(end)}"
            if start > end:
                yield ctx.found("ngay_so_lieu", path, f"{shown} kết thúc trước khi bắt đầu",
                                "kiểm tra năm của hai ngày (thường gõ nhầm năm).", where=where, subject=subject)
            elif end_of_period and end > end_of_period:
                yield ctx.found("ngay_so_lieu", path, f"{shown} kết thúc sau kỳ báo cáo ({vi.ngay(end_of_period)})",
                                "kiểm tra ngày cuối của khoảng số liệu và kỳ báo cáo (ky).", where=where, subject=subject)
            elif report_date and end > report_date:
                yield ctx.found("ngay_bao_cao", path, f"{shown} kết thúc sau ngày báo cáo {vi.ngay(report_date)}",
                                "báo cáo không ký trước khi chốt số liệu: kiểm tra hai ngày.", where=where, subject=subject)


def check_notice_dates(ctx: Context) -> Iterator[Found]:
    """A conclusion notice (thông báo kết luận) is not dated before the meeting it concludes."""
    for doc_path, kind, doc in ctx.documents():
        meeting = getattr(doc, "hoi_nghi", None)
        if meeting is None:
            continue
        held, issued = meeting.ngay, doc.ngay
        if held and issued and issued < held:
            yield ctx.found("ngay_bao_cao", doc_path + ("ngay",),
                            f"thông báo ký ngày {vi.ngay(issued)}, trước ngày hội nghị {vi.ngay(held)} mà nó kết luận",
                            "kiểm tra ngày thông báo (ngay) và ngày hội nghị (hoi_nghi.ngay).")
