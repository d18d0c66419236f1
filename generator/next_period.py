"""The next period's data file, written from this period's (`baocao ky-moi`).

The clerk's own text is edited in place (comments, order, prose and layout kept), never dumped anew:
the period is advanced, `ky_truoc` points at this file, the number and date are cleared, the
accepted findings about this period's figures are dropped from `chap_nhan` (those about the prose it
keeps stay), and every figure is left blank for the clerk to fill: counts and amounts of the standard
outline, cut-off dates, the number cells of tables. What the new file takes from this one goes
instead of being blanked: `so_lieu_ky_truoc`, and the cells of carried-over columns (bang.yaml's
`ky_truoc: dang_giai_quyet`), now derived from this file. Building the new file
before it is filled lists every blank figure at once, each at its line and column.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import error
from .plan import Plan
from .read.loader import PathKey
from .read.spans import Span, line_start, next_line, spans
from .text import vi_format as vi
from .text.prose_numbers import SPAN, is_data_note
from .validate.outline import PhuLuc
from .validate.table_rows import PREVIOUS as ROW_PREVIOUS
from .validate.messages import dotted
from .validate.types import parse_date
from .validate.walk import models, texts

REPORT = ("bao_cao",)
_KEPT = {REPORT + ("so",), REPORT + ("ngay",)}  # cleared on their own, not figures
_NUMBER_KINDS = ("so", "ty_le", "gia_tri")
# Checks about a period's own figures: their acceptances do not carry to the next period, nor does an
# acceptance naming a value of the report by its key path (bao_cao.…, a figure or a date).
PERIOD_CHECKS = ("tong", "thanh_phan", "ty_le", "bang", "ngay_so_lieu", "hai_noi", "trich_so")


def about_this_period(code: str, subject: str, prose: frozenset[str] = frozenset()) -> bool:
    """Whether an acceptance is about this period's figures; one about a sentence of the prose the
    new file keeps (`prose`: the dotted paths of its prose texts) stays with that sentence."""
    return subject not in prose and (code in PERIOD_CHECKS or subject.startswith(REPORT[0] + "."))


def prose_subjects(plan: Plan) -> frozenset[str]:
    """The dotted paths of the report's prose texts: what a finding about a sentence is accepted by."""
    return frozenset(dotted(t.path) for t in texts(plan.source.data.bao_cao, REPORT) if t.prose)


@dataclass(frozen=True)
class Mention:
    line: int  # in the new file
    reason: str  # what it names: «quý IV năm 2026», a cited document of the old year


@dataclass(frozen=True)
class NextPeriod:
    text: str
    period: vi.Ky
    blanks: int  # figures left for the clerk to fill
    dropped: int  # acceptances of the old period's figures taken out of chap_nhan
    mentions: list[Mention]  # texts of the new file that still name the old period (or year)


def following(period: vi.Ky, loai: str | None = None) -> vi.Ky:
    """The next period: of the same kind (vi.ky_tiep), or the first period of kind `loai` that ends
    after this one (quý I → 6 tháng, 6 tháng → 9 tháng, 9 tháng → năm)."""
    if loai is None:
        return vi.ky_tiep(period)
    numbers = {"thang": range(1, 13), "quy": range(1, 5)}.get(loai, [None])
    end = vi.khoang_ky(period)[1]
    later = [vi.Ky(loai, year, n) for year in (period.nam, period.nam + 1) for n in numbers]
    return min((k for k in later if vi.khoang_ky(k)[1] > end), key=lambda k: vi.khoang_ky(k)[1])


def slug(period: vi.Ky) -> str:
    """The period as file names write it: 2026-quy3, 2026-thang07, 2023-6thang, 2023-nam."""
    if period.loai in ("quy", "thang"):
        tail = f"quy{period.so}" if period.loai == "quy" else f"thang{period.so:02d}"
    else:
        tail = period.loai.replace("_", "-")
    return f"{period.nam}-{tail}"


def target_name(source: Path, old: vi.Ky, new: vi.Ky) -> Path:
    """The new file beside the old one: the old period's slug in its name replaced by the new one's."""
    stem = source.stem
    if slug(old) in stem:
        return source.with_name(stem.replace(slug(old), slug(new)) + source.suffix)
    return source.with_name(f"{stem}-{slug(new)}{source.suffix}")


def write_next(plan: Plan, target: Path, *, loai: str | None = None, keep_figures: bool = False) -> NextPeriod:
    """The text of the next period's file, to be written at `target`."""
    report = plan.source.data.bao_cao
    if report is None:
        raise error(plan.path, "tệp số liệu không có báo cáo định kỳ (bao_cao) để chuyển sang kỳ mới.",
                    hint="ky-moi dùng cho tệp có bao_cao và ky; thông báo kết luận và báo cáo của cấp ủy không theo kỳ.")
    old = report.ky.as_period()
    new = following(old, loai)
    text = plan.path.read_text(encoding="utf-8-sig")
    where = spans(text)
    edits: list[tuple[int, int, str]] = []
    _period(text, where, old, new, edits)
    for key in ("so", "ngay"):
        _blank(text, where.get(REPORT + (key,)), edits)
    _previous_file(text, where, os.path.relpath(plan.path.resolve(), target.resolve().parent), edits)
    dropped = 0 if keep_figures else _drop_period_acceptances(plan, text, where, edits)  # kept figures keep theirs
    blanks = 0
    if not keep_figures:
        for path, required in _figures(plan):
            if path in where and where[path].start < where[path].end:
                _blank(text, where[path], edits)
                blanks += required
    _appendix_spans(plan, where, new, edits)
    _data_notes(plan, text, where, new, edits)
    for table in plan.source.tables:  # the previous period is now this file: its figures come from there
        carried = [leaf.key for leaf in table.kind.leaves if leaf.carry]
        for row in table.walk():
            for key in [ROW_PREVIOUS] + carried:
                if row.path + (key,) in where:
                    _delete_entry(text, where[row.path + (key,)], edits)
    new_text = _true_comments(_apply(text, edits), plan.path.name, target.name, old, new, keep_figures)
    return NextPeriod(new_text, new, blanks, dropped, _mentions(plan, new_text, old, new))


def _figures(plan: Plan) -> list[tuple[PathKey, bool]]:
    """This period's figures, each with whether it must be filled (a total left blank is added up
    by baocao): numbers and dates of the report's model (not its number, date, period or an
    appendix's data span), and the number cells of its tables."""
    found: list[tuple[PathKey, bool]] = []
    for path, model in models(plan.source.data.bao_cao, REPORT):
        if path[:2] == REPORT + ("ky",) or isinstance(model, PhuLuc):
            continue
        for name, field in type(model).model_fields.items():
            value, where = getattr(model, name), path + (name,)
            if where in _KEPT or isinstance(value, bool):
                continue
            if isinstance(value, (int, float, dt.date)):
                found.append((where, field.is_required()))
    found += [(("so_lieu_them", name, "so"), True) for name in plan.source.data.so_lieu_them]  # the period's too
    for table in plan.source.tables:
        for row in table.walk():
            for key, value in row.values.items():
                column = table.kind.by_key.get(key)
                if column is not None and column.kind in _NUMBER_KINDS and not column.carry \
                        and isinstance(value, (int, float)) and not isinstance(value, bool):
                    found.append((row.path + (key,), True))
    return found


def _appendix_spans(plan: Plan, where: dict[PathKey, Span], new: vi.Ky, edits: list) -> None:
    """An appendix's "(Số liệu từ … đến …)": the new period's usual data span, for the clerk to check."""
    start, end = vi.khoang_so_lieu(new)
    for k, _ in enumerate(plan.source.data.bao_cao.phu_luc):
        for key, day in (("so_lieu_tu", start), ("so_lieu_den", end)):
            span = where.get(REPORT + ("phu_luc", k, key))
            if span is not None and span.start < span.end:
                edits.append((span.start, span.end, day.strftime("%d/%m/%Y")))


def _data_notes(plan: Plan, text: str, where: dict[PathKey, Span], new: vi.Ky, edits: list) -> None:
    """A data span written in the prose it keeps, "(Số liệu lấy từ ngày … đến ngày …)": moved like an
    appendix's, so that the new file's spans still end on one day (checks/dates.py)."""
    start, end = (day.strftime("%d/%m/%Y") for day in vi.khoang_so_lieu(new))
    for t in texts(plan.source.data.bao_cao, REPORT):
        span = where.get(t.path)
        if not t.prose or span is None:
            continue
        for m in SPAN.finditer(text, span.start, span.end):
            if is_data_note(text, m.start()):
                edits.append((m.start(1), m.end(1), start))
                edits.append((m.start(2), m.end(2), end))


def _period(text: str, where: dict[PathKey, Span], old: vi.Ky, new: vi.Ky, edits: list) -> None:
    ky = REPORT + ("ky",)
    edits.append((where[ky + ("loai",)].start, where[ky + ("loai",)].end, new.loai))
    edits.append((where[ky + ("nam",)].start, where[ky + ("nam",)].end, str(new.nam)))
    number = where.get(ky + ("so",))
    if number is not None and new.so is not None:
        edits.append((number.start, number.end, str(new.so)))
    elif number is not None:
        _delete_entry(text, number, edits)
    elif new.so is not None:
        year = where[ky + ("nam",)]
        if year.flow:
            edits.append((year.end, year.end, f", so: {new.so}"))
        else:
            indent = " " * (year.key_start - line_start(text, year.key_start))
            at = next_line(text, year.end)
            edits.append((at, at, f"{indent}so: {new.so}\n"))


def _previous_file(text: str, where: dict[PathKey, Span], name: str, edits: list) -> None:
    name = name.replace(os.sep, "/")
    value = name if re.fullmatch(r"[\w./-]+", name) else '"' + name.replace('"', '\\"') + '"'
    current = where.get(REPORT + ("ky_truoc",))
    if current is not None:
        edits.append((current.start, current.end, value))
        return
    period = where[REPORT + ("ky",)]
    at = line_start(text, period.key_start)
    indent = " " * (period.key_start - at)
    edits.append((at, at, f"{indent}ky_truoc: {value}   # tệp số liệu kỳ trước: cột Tăng/giảm, [=kt.…]\n"))


def _blank(text: str, span: Span | None, edits: list) -> None:
    """Empty a value (`tiep_nhan:`); at a line's end, the space before it goes too."""
    if span is not None and span.start < span.end:
        start = span.start - 1 if text[span.start - 1] == " " and text[span.end:span.end + 1] in ("\n", "") \
            and not span.flow else span.start
        edits.append((start, span.end, ""))


def _delete_entry(text: str, span: Span, edits: list) -> None:
    """Remove a key and its value: from the comma before it inside {…}, or its whole lines."""
    if span.flow:
        before = text[:span.key_start].rstrip()
        if before.endswith(","):  # "…, key: value": from that comma
            edits.append((len(before) - 1, span.end, ""))
        else:  # "{key: value, …": up to the next item
            after = re.match(r"\s*,\s*", text[span.end:])
            edits.append((span.key_start, span.end + (after.end() if after else 0), ""))
        return
    end = span.end if span.end == line_start(text, span.end) else next_line(text, span.end - 1)
    edits.append((line_start(text, span.key_start), end, ""))


def _drop_period_acceptances(plan: Plan, text: str, where: dict[PathKey, Span], edits: list) -> int:
    """chap_nhan accepts findings about this period's figures and dates: those go (the figures are
    new); acceptances about the prose and its cited documents, which the new file keeps, stay. With
    none left the whole key goes, with the comment lines right above it."""
    accepted = plan.source.data.chap_nhan
    span = where.get(("chap_nhan",))
    if span is None or not accepted:
        return 0
    later = [s.key_start for path, s in where.items() if len(path) == 1 and s.key_start > span.key_start]
    end = line_start(text, min(later)) if later else len(text)
    prose = prose_subjects(plan)
    dropped = [k for k, item in enumerate(accepted) if about_this_period(item.kiem_tra, item.o, prose)]
    if len(dropped) < len(accepted):
        starts = [line_start(text, where[("chap_nhan", k)].start) for k in range(len(accepted))] + [end]
        for k in dropped:
            edits.append((starts[k], starts[k + 1], ""))
        return len(dropped)
    start = line_start(text, span.key_start)
    while start > 0:
        above = line_start(text, start - 1)
        if not text[above:start].lstrip().startswith("#"):
            break
        start = above
    edits.append((start, end, ""))
    return len(dropped)


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


# Comments that stop being true in the next period's file: the starter's (`baocao moi`) and an
# earlier ky-moi's word on how the file was made, the starter's "# số minh họa" beside figures that
# are now the clerk's, a `ky_truoc` left commented out (the file now has one), and the help on typing
# `so_lieu_ky_truoc` (the previous figures now come from the previous file).
_MADE_BY = re.compile(r"^(\s*# )Tệp (?:bắt đầu do lệnh `baocao moi` tạo|kỳ mới do lệnh `baocao ky-moi` tạo)\b.*?(rồi)?$")
_ILLUSTRATIVE = re.compile(r"\s*# số minh họa\s*$")
_STALE_LINES = re.compile(r"^\s*#\s*(?:ky_truoc:\s*\S+\.ya?ml\b|so_lieu_ky_truoc:)")
_COMMANDS = r"(baocao\s+(?:build|ky-moi|check|bieu|diff)\s+(?:\S*/)?){name}(?!\S)"


def _true_comments(text: str, old_name: str, new_name: str, old: vi.Ky, new: vi.Ky, keep_figures: bool) -> str:
    """The new file's comments made true for it; the clerk's own comments are kept as they are,
    but for the file's title line, which names the new period, and commands naming this file."""
    where = spans(text)
    parents = {path[:-1] for path in where}
    inside = {n for path, span in where.items() if path not in parents and span.end > span.start
              for n in range(text.count("\n", 0, span.start) + 1, text.count("\n", 0, span.end) + 1)}
    made = (f"Tệp kỳ mới do lệnh `baocao ky-moi` tạo từ {old_name}: "
            + ("sửa số liệu cho kỳ mới" if keep_figures else "điền các số liệu còn trống (baocao check liệt kê)")
            + ", ")
    command = re.compile(_COMMANDS.format(name=re.escape(old_name)))
    lines = []
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        body, end = line.rstrip("\r\n"), line[len(line.rstrip("\r\n")):]
        comment = body.lstrip().startswith("#")
        if number in inside and comment:  # "#" inside a block of prose is prose
            lines.append(line)
            continue
        if comment and _STALE_LINES.match(body):
            continue
        body = _ILLUSTRATIVE.sub("", body)
        if comment:
            body = _MADE_BY.sub(lambda m: m.group(1) + made + (m.group(2) or ""), body)
            body = command.sub(lambda m: m.group(1) + new_name, body)
            if number == 1:  # the title: "Báo cáo … quý IV năm 2026 — …"
                body = body.replace(vi.ten_ky(old), vi.ten_ky(new)).replace(vi.ten_ky(old, "ngan"), vi.ten_ky(new, "ngan"))
        lines.append(body + end)
    return "".join(lines)


def _mentions(plan: Plan, text: str, old: vi.Ky, new: vi.Ky) -> list[Mention]:
    """Every text the new file keeps that names the old period ("Trong quý IV", "quý III năm 2026")
    or, when the year changes, the old year (an appendix's "NĂM 2026", "Kế hoạch … năm 2026"), and
    every cited document of the old year (the year's CCHC plan): for the clerk to review, by line.
    The period itself, ky_truoc, the data spans (ky-moi rewrote them) and chap_nhan are left out."""
    pattern = _old_names(old, new)
    where = spans(text)
    found: dict[int, list[str]] = {}
    for item in texts(plan.source.data):
        path = item.path
        if path[:2] == REPORT + ("ky",) or path == REPORT + ("ky_truoc",) or path[0] in ("chap_nhan", "van_ban") \
                or path[-1] in ("so_lieu_tu", "so_lieu_den") or path not in where:
            continue
        span = where[path]
        for m in pattern.finditer(text, span.start, span.end):
            found.setdefault(text.count("\n", 0, m.start()) + 1, []).append(m.group(0))
    mentions = [Mention(line, "nhắc " + ", ".join(f"«{name}»" for name in dict.fromkeys(names)))
                for line, names in found.items()]
    for key, document in plan.source.data.van_ban.items():
        said = [f"ký ngày {document.ngay}"] if new.nam != old.nam and _year(document.ngay) == old.nam else []
        said += [f"trích yếu nhắc «{m.group(0)}»" for m in pattern.finditer(document.trich_yeu or "")]
        if said and ("van_ban", key) in where:
            line = text.count("\n", 0, where[("van_ban", key)].key_start) + 1
            mentions.append(Mention(line, f"văn bản [@{key}] ({document.loai} số {document.so}/{document.ky_hieu}) "
                                          + ", ".join(said) + ": kỳ mới đã có văn bản thay (như kế hoạch của năm "
                                          f"{new.nam}) thì sửa"))
    return sorted(mentions, key=lambda m: m.line)


def _old_names(old: vi.Ky, new: vi.Ky) -> re.Pattern:
    """The ways prose names the old period (and its year, when the new period is in another year)."""
    year = rf"(?:(?:\s+năm\s+|/){old.nam}(?!\d))?"
    if old.loai == "quy":
        names = [rf"\bquý\s+(?:{vi.la_ma(old.so)}|{old.so})\b{year}"]
    elif old.loai == "thang":
        names = [rf"\btháng\s+0?{old.so}\b{year}"]
    elif old.loai == "nam":
        names = []
    else:
        words = {"6thang": r"6\s+tháng(?:\s+đầu)?", "6thang_cuoi": r"6\s+tháng\s+cuối",
                 "9thang": r"9\s+tháng(?:\s+đầu)?"}[old.loai]  # not "hằng quý, 6 tháng": any half-year
        names = [rf"\b{words}\s+năm(?:\s+{old.nam}(?!\d))?"]
    if new.nam != old.nam:
        names.append(rf"(?:\b(?:quý|tháng)\s+[\wIVX]+(?:\s+năm\s+|/))?(?:\bnăm\s+)?(?<![\d/.-]){old.nam}(?!\d)"
                     rf"|\b\d{{1,2}}/\d{{1,2}}/{old.nam}(?!\d)")
    return re.compile("|".join(names), re.IGNORECASE)


def _year(day: str) -> int:
    return parse_date(day).year  # a cited document's date, validated as a date already
