"""Prose set aside while a template renders, and the blocks of a body whose outline is data.

Prose with inline markup (bold, italic, footnotes) cannot be expressed by a Jinja string, so the
filters `doan` (whole paragraphs) and `cau` (inside a sentence) leave a marker in the rendered XML
and keep the parsed prose here; `than` and `phu_luc` do the same with headings, prose and tables.
The post-processing step (postprocess.py, over the oxml layer) replaces each marker with real
paragraphs, runs, tables and footnote references.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..derive.table_layout import TableLayout
from ..text import markup
from ..text.markup import MARK_CLOSE, MARK_OPEN  # private-use characters: the loader refuses them in data


@dataclass
class Prose:
    """Prose set aside during rendering. A marker names its kind (P: whole paragraphs, I: inside a
    sentence) and its index in `items`."""

    items: list[list] = field(default_factory=list)  # paragraphs (P, I), blocks (B) or appendices (A)
    citer: Any = None  # citations.Citer: resolves [@key] in document order (None: left as typed)
    printed: Any = None  # trace.Printed: the data values this render prints (None: not recorded)

    def mark(self, kind: str, paragraphs: list) -> str:
        if self.citer is not None and kind in ("P", "I"):
            paragraphs = self.citer.resolve(paragraphs)
        self.items.append(paragraphs)
        return f"{MARK_OPEN}{kind}{len(self.items) - 1}{MARK_CLOSE}"


# Blocks of a body whose outline is data (filters `than` and `phu_luc`), for the oxml layer to write.
@dataclass(frozen=True)
class Heading:
    level: int  # 1: I., 2: 1., 3: a)
    inlines: markup.Paragraph


@dataclass(frozen=True)
class Text:
    paragraphs: list[markup.Paragraph]


@dataclass(frozen=True)
class TableBlock:
    layout: TableLayout


@dataclass(frozen=True)
class Appendix:
    heading: tuple[str, ...]
    notes: tuple[str, ...]
    orientation: str  # "ngang" | "doc"
    blocks: list


def blocks_of(sections: list, level: int, *, heading: bool = True) -> list:
    """Flatten sections (tieu_de, noi_dung, muc) into headings, prose and tables in reading order.
    An appendix is one untitled section whose sub-sections start at level 2 (1., a))."""
    blocks: list = []
    for section in sections:
        if heading:
            blocks.append(Heading(level, markup.parse_inline(section["tieu_de"])))
        blocks += content_blocks(section["noi_dung"])
        blocks += blocks_of(section["muc"], level + 1 if heading else 2)
    return blocks


def content_blocks(content: str | list | None) -> list:
    """A section's content (one text, or texts and {"bang": layout} blocks) as prose and tables."""
    if isinstance(content, str) or content is None:
        content = [content] if content else []
    return [Text(markup.parse(block)) if isinstance(block, str) else TableBlock(block["bang"])
            for block in content if block]
