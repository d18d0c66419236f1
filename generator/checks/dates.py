"""Checks of dates: data spans start before they end and lie within the reporting period, a
report's spans (its appendices', its "(Số liệu … từ … đến …)" notes, its files' cut-off) end on one
day, a report is not dated before its data or its period, a notice not before its meeting. Real
calendar dates are validation's job; here the dates are read as the typed model holds them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Iterator

from ..text import vi_format as vi
from ..errors import Location
from ..text.prose_numbers import SPAN, is_data_note
from ..read.loader import PathKey
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




@dataclass(frozen=True)
class Span:
    start: dt.date | None  # None: a cut-off date only (ho_so.den_ngay)
    end: dt.date
    where: Location
    path: PathKey
    name: str  # how a message names it: "Phụ lục 2", "«(Số liệu lấy từ ngày …)»"
    note: bool  # a data span (an appendix's, a "(Số liệu … từ … đến …)" note, a cut-off): one per report


def _spans(ctx: Context, doc_path: PathKey, doc) -> list[Span]:
    """The report's data spans in file order: its appendices', then those written in its prose."""
    spans = []
    for k, appendix in enumerate(getattr(doc, "phu_luc", None) or []):
        if appendix.so_lieu_tu and appendix.so_lieu_den:
            path = doc_path + ("phu_luc", k, "so_lieu_den")
            spans.append(Span(appendix.so_lieu_tu, appendix.so_lieu_den, ctx.at(path), path,
                              appendix.nhan or f"Phụ lục {k + 1}", True))
    for text in ctx.texts(doc, doc_path):
        for m in SPAN.finditer(text.value):
            start, end = as_date(m.group(1)), as_date(m.group(2))
            if start and end:
                note = is_data_note(text.value, m.start())
                spans.append(Span(start, end, ctx.inside(text.path, text.value, m.start(), m.group(0)), text.path,
                                  f"«{m.group(0)}»", note))
    return spans


def check_spans(ctx: Context) -> Iterator[Found]:
    """Data spans written out: an appendix's so_lieu_tu/so_lieu_den and "từ ngày … đến ngày …" in the
    prose. A span starts before it ends, ends inside the report's period, and not after the report's
    date; it does not start a year early (a year typed wrong). The report's data spans then end on one
    day: its appendices, its "(Số liệu … từ … đến …)" notes and its files' cut-off (den_ngay); one that
    ends elsewhere is named beside the one it disagrees with."""
    for doc_path, _, doc in ctx.documents():
        ky = getattr(doc, "ky", None)
        start_of_period, end_of_period = vi.khoang_ky(ky.as_period()) if ky is not None else (None, None)
        report_date = getattr(doc, "ngay", None)
        agreeing: list[Span] = []
        for span in _spans(ctx, doc_path, doc):
            shown = f"khoảng số liệu từ {vi.ngay(span.start)} đến {vi.ngay(span.end)}"
            subject = f"{vi.ngay(span.start)}-{vi.ngay(span.end)}"
            if span.start > span.end:
                yield ctx.found("ngay_so_lieu", span.path, f"{shown} kết thúc trước khi bắt đầu",
                                "kiểm tra năm của hai ngày (thường gõ nhầm năm).", where=span.where, subject=subject)
            elif end_of_period and span.end > end_of_period:
                yield ctx.found("ngay_so_lieu", span.path, f"{shown} kết thúc sau kỳ báo cáo ({vi.ngay(end_of_period)})",
                                "kiểm tra ngày cuối của khoảng số liệu và kỳ báo cáo (ky).", where=span.where,
                                subject=subject)
            elif start_of_period and span.end < start_of_period:
                yield ctx.found("ngay_so_lieu", span.path, f"{shown} kết thúc trước khi kỳ báo cáo "
                                f"{vi.ten_ky(ky.as_period())} bắt đầu ({vi.ngay(start_of_period)})",
                                "kiểm tra năm của ngày cuối (thường gõ nhầm năm).", where=span.where, subject=subject)
            elif ky is not None and span.start < dt.date(ky.nam - 1, 12, 1):
                yield ctx.found("ngay_so_lieu", span.path, f"{shown} bắt đầu trước năm của kỳ báo cáo "
                                f"{vi.ten_ky(ky.as_period())}", "kiểm tra năm của ngày đầu (thường gõ nhầm năm).",
                                where=span.where, subject=subject)
            elif report_date and span.end > report_date:
                yield ctx.found("ngay_bao_cao", span.path, f"{shown} kết thúc sau ngày báo cáo {vi.ngay(report_date)}",
                                "báo cáo không ký trước khi chốt số liệu: kiểm tra hai ngày.", where=span.where,
                                subject=subject)
            elif span.note:
                agreeing.append(span)
        cutoff = fields(doc, "ket_qua", "tthc", "ho_so", "den_ngay")
        if cutoff is not None and agreeing:
            path = doc_path + ("ket_qua", "tthc", "ho_so", "den_ngay")
            agreeing.append(Span(None, cutoff, ctx.at(path), path, "ngày chốt số liệu hồ sơ (den_ngay)", True))
        yield from _disagreeing(ctx, sorted(agreeing, key=lambda s: (s.where.line or 0, s.where.column or 0)))


def _disagreeing(ctx: Context, spans: list[Span]) -> Iterator[Found]:
    """Spans of one report that do not end on the day most of them end (on a tie, the first's)."""
    if len({span.end for span in spans}) < 2:
        return
    counts = Counter(span.end for span in spans)
    agreed = max(counts, key=lambda end: (counts[end], -min(i for i, s in enumerate(spans) if s.end == end)))
    reference = next(span for span in spans if span.end == agreed)
    for span in spans:
        if span.end == agreed:
            continue
        shown = (f"từ {vi.ngay(span.start)} đến {vi.ngay(span.end)}" if span.start else f"đến {vi.ngay(span.end)}")
        other = (f"từ {vi.ngay(reference.start)} đến {vi.ngay(reference.end)}" if reference.start
                 else f"đến {vi.ngay(reference.end)}")
        yield ctx.found("ngay_so_lieu", span.path,
                        f"số liệu của {span.name} {shown} chốt ngày {vi.ngay(span.end)}, khác {reference.name} "
                        f"({other}, {reference.where.brief()})",
                        "các phụ lục và số liệu của một báo cáo chốt cùng một ngày: sửa ngày sai.",
                        where=span.where, subject=f"{vi.ngay(span.start) if span.start else ''}-{vi.ngay(span.end)}")


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
