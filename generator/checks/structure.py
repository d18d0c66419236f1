"""Checks of structure: headings with nothing under them, numbers typed where baocao numbers (a
heading, a directive, a task, a table's STT row: oxml/numbering.py and derive/table_layout.py write the
numbers in order, so duplicated or skipped numbers cannot arise, and the typed one is not printed), an
appendix the body never mentions, a Party report deeper than three levels."""

from __future__ import annotations

import re
from typing import Iterator

from ..derive import matching
from ..kinds.notice.model import NhiemVu, NhiemVuCon, NhomChiDao
from ..kinds.party.context import MAX_DEPTH
from ..kinds.party.model import MucDang, PhanDang
from ..read.loader import PathKey
from ..text import vi_format as vi
from ..text.item_numbers import typed_number
from ..validate.outline import Muc
from ..validate.walk import models
from .base import WARNING, Context, Found



def check_outline(ctx: Context) -> Iterator[Found]:
    """Sections written in the data (a report's noi_dung, muc_them and appendix sections, a Party
    report's parts and sections, a notice's addressee groups): a heading typed with its own number would be numbered
    twice; a section with nothing under it prints a lone heading."""
    for doc_path, _, doc in ctx.documents():
        for path, section in models(doc, doc_path):
            if isinstance(section, (Muc, MucDang, PhanDang)):
                title = section.tieu_de
                if typed_number(title):
                    yield ctx.found("de_muc", path + ("tieu_de",),
                                    f"tiêu đề «{title}» có gõ số thứ tự; baocao tự đánh số đề mục (văn bản in "
                                    f"tiêu đề không kèm «{typed_number(title)}»)",
                                    "bỏ số thứ tự ở đầu tiêu đề.", severity=WARNING)
                if not any(_given(getattr(section, k, None)) for k in ("noi_dung", "muc", "chi_tieu", "nhiem_vu")):
                    where = ("noi_dung",) if "noi_dung" in section.model_fields_set else ("tieu_de",)
                    yield ctx.found("de_muc", path + where, f"đề mục «{title}» không có nội dung nào bên dưới",
                                    "viết nội dung hoặc mục con, hoặc xóa cả mục.")
            elif isinstance(section, NhomChiDao) and typed_number(section.doi_tuong):
                yield ctx.found("de_muc", path + ("doi_tuong",),
                                f"«{section.doi_tuong}» có gõ số thứ tự; baocao tự đánh số các nhóm nhiệm vụ (văn "
                                f"bản in không kèm «{typed_number(section.doi_tuong)}»)",
                                "bỏ số thứ tự ở đầu.", severity=WARNING)


def check_typed_numbers(ctx: Context) -> Iterator[Found]:
    """A number typed at the start of an item baocao numbers — a directive and its sub-directives, a
    report's or a Party report's numbered task, the name of a row of a table numbering its rows —
    would print twice ("2.4- 2.4- …", "1.2.1. | 1.1.1. …"): a warning with the fix; the document
    prints the item without it."""
    for doc_path, _, doc in ctx.documents():
        for path, model in models(doc, doc_path):
            if isinstance(model, (NhiemVu, NhiemVuCon)):
                yield from _typed(ctx, path + ("noi_dung",), model.noi_dung, "nhiệm vụ")
            elif isinstance(model, PhanDang):
                for k, task in enumerate(model.nhiem_vu):
                    yield from _typed(ctx, path + ("nhiem_vu", k), task, "nhiệm vụ")
        for k, task in enumerate(getattr(doc, "phuong_huong", None) or []):
            yield from _typed(ctx, doc_path + ("phuong_huong", k), task, "nhiệm vụ")
    for table in ctx.source.tables:
        named = matching.label_column(table) if table.kind.stt else None
        for row in table.walk() if named else ():
            yield from _typed(ctx, row.path + (named,), row.values.get(named), f"dòng của bảng {table.name} (cột STT)")


def _typed(ctx: Context, path: PathKey, text, what: str) -> Iterator[Found]:
    number = typed_number(text)
    if number:
        shown = " ".join(str(text).split())
        yield ctx.found("so_thu_tu", path, f"«{shown[:60]}{'…' if len(shown) > 60 else ''}» có gõ số «{number}» ở đầu; "
                        f"baocao tự đánh số {what} nên không in số gõ tay này",
                        f"xóa «{number}» ở đầu: số do baocao đánh theo thứ tự, thêm hay bớt mục thì số tự đổi.",
                        severity=WARNING)


def _given(value) -> bool:
    """Content that prints: not None, not blank text, not an empty list."""
    if isinstance(value, str):
        return bool(value.strip())
    return bool(value)


def check_appendices(ctx: Context) -> Iterator[Found]:
    """Warn about an appendix the body never mentions. One appendix is "Phụ lục"; several are
    "Phụ lục 1"/"Phụ lục I", and the body must name each."""
    for doc_path, _, doc in ctx.documents():
        items = getattr(doc, "phu_luc", None) or []
        if not items:
            continue
        body = " ".join(t.value for t in ctx.texts(doc, doc_path) if "phu_luc" not in t.path)
        for i, _ in enumerate(items, 1):
            names = ["Phụ lục"] if len(items) == 1 else [f"Phụ lục {i}", f"Phụ lục {vi.la_ma(i)}"]
            pattern = "|".join(re.escape(n) + r"(?![\w])" for n in names)
            if not re.search(pattern, body, re.I):
                yield ctx.found("phu_luc", doc_path + ("phu_luc", i - 1),
                                f"thân văn bản không nhắc tới {names[0]}", f"thêm câu dẫn tới {names[0]} "
                                "(ví dụ: chi tiết tại Phụ lục kèm theo).", severity=WARNING, subject=names[0])


def check_party_depth(ctx: Context) -> Iterator[Found]:
    """A Party report's sections: three levels at most (I -, 1., 2.1.)."""
    def visit(sections: list[MucDang], path: PathKey, depth: int) -> Iterator[Found]:
        for k, section in enumerate(sections):
            where = path + (k,)
            if depth > MAX_DEPTH:
                yield ctx.found("de_muc", where + ("tieu_de",),
                                f"mục «{section.tieu_de}» nằm ở cấp thứ {depth}; báo cáo chỉ có "
                                f"{MAX_DEPTH} cấp mục (I -, 1., 2.1.)",
                                "đưa nội dung lên mục cấp trên, hoặc viết thành đoạn văn.")
            yield from visit(section.muc, where + ("muc",), depth + 1)

    for doc_path, _, doc in ctx.documents():
        for p, part in enumerate(getattr(doc, "phan", None) or []):
            yield from visit(part.muc, doc_path + ("phan", p, "muc"), 1)
