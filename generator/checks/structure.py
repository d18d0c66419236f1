"""Checks of structure: headings with nothing under them, headings typed with their own number
(baocao numbers them, oxml/numbering.py writes the numbers in order, so duplicated or skipped numbers cannot
arise), an appendix the body never mentions, a Party report deeper than three levels."""

from __future__ import annotations

import re
from typing import Iterator

from ..kinds.notice.model import NhomChiDao
from ..kinds.party.context import MAX_DEPTH
from ..kinds.party.model import MucDang, PhanDang
from ..read.loader import PathKey
from ..text import vi_format as vi
from ..validate.outline import Muc
from ..validate.walk import models
from .base import WARNING, Context, Found

_TYPED_NUMBER = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s")


def check_outline(ctx: Context) -> Iterator[Found]:
    """Sections written in the data (a report's noi_dung, muc_them and appendix sections, a Party
    report's parts and sections, a notice's addressee groups): a heading typed with its own number would be numbered
    twice; a section with nothing under it prints a lone heading."""
    for doc_path, _, doc in ctx.documents():
        for path, section in models(doc, doc_path):
            if isinstance(section, (Muc, MucDang, PhanDang)):
                title = section.tieu_de
                if _TYPED_NUMBER.match(title):
                    yield ctx.found("de_muc", path + ("tieu_de",),
                                    f"tiêu đề «{title}» có gõ số thứ tự; baocao tự đánh số đề mục",
                                    "bỏ số thứ tự ở đầu tiêu đề.", severity=WARNING)
                if not any(_given(getattr(section, k, None)) for k in ("noi_dung", "muc", "chi_tieu", "nhiem_vu")):
                    where = ("noi_dung",) if "noi_dung" in section.model_fields_set else ("tieu_de",)
                    yield ctx.found("de_muc", path + where, f"đề mục «{title}» không có nội dung nào bên dưới",
                                    "viết nội dung hoặc mục con, hoặc xóa cả mục.")
            elif isinstance(section, NhomChiDao) and _TYPED_NUMBER.match(section.doi_tuong):
                yield ctx.found("de_muc", path + ("doi_tuong",),
                                f"«{section.doi_tuong}» có gõ số thứ tự; baocao tự đánh số các nhóm nhiệm vụ",
                                "bỏ số thứ tự ở đầu.", severity=WARNING)


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
