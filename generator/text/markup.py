"""baocao's small inline markup for prose in the data file.

    **đậm**   *nghiêng*   ^[chú thích cuối trang]   \\*  (a literal asterisk)

Emphasis does not nest, and emphasis left open ("**đậm", "*nghiêng") is an
error; an asterisk inside a word or between spaces ("7*7", "5 * 3") is literal.

A blank line starts a new paragraph, and so does a line that begins with
"- " or "+ " (the seeds' list items); other line breaks are folded into a
space, so a clerk may wrap long lines freely. A footnote may hold several
paragraphs and bold/italic text, but not another footnote.

The parser produces plain objects; turning them into WordprocessingML is the
job of the oxml layer. Nothing here is ever evaluated as a template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Unicode's private-use area never occurs in a clerk's text (the loader refuses it), so baocao
# uses four of its characters internally: two while parsing here, two as markers in rendered XML.
_FOOTNOTE_SLOT, _ESCAPED_STAR = "\ue000", "\ue001"
MARK_OPEN, MARK_CLOSE = "\ue002", "\ue003"


def is_reserved(ch: str) -> bool:
    return "\ue000" <= ch <= "\uf8ff"

_STYLED = re.compile(r"\*\*\*(?=\S)([^*]+?)(?<=\S)\*\*\*|\*\*(?=\S)([^*]+?)(?<=\S)\*\*"
                     r"|\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*")
# Emphasis left open: a "**", or a "*" that opens (after a space) or closes (before a space or
# punctuation) without its pair. A "*" inside a word or between spaces ("7*7", "5 * 3") is literal.
_STRAY_STAR = re.compile(r"\*\*|(?<![^\s(\[])\*(?=\S)|(?<=\S)\*(?![^\s.,;:!?)\]])")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Footnote:
    paragraphs: tuple[tuple[Run, ...], ...]


Inline = Run | Footnote
Paragraph = tuple[Inline, ...]


class MarkupError(ValueError):
    def __init__(self, message: str, line_offset: int = 0):
        super().__init__(message)
        self.message = message
        self.line_offset = line_offset


def parse(text: str) -> list[Paragraph]:
    """Prose → paragraphs, each a tuple of runs and footnotes."""
    outer, footnotes = _extract_footnotes(text.replace("\\*", _ESCAPED_STAR))
    slots = iter(footnotes)
    return [p for p in (_inline(chunk, slots) for chunk in _paragraph_texts(outer)) if p]


def parse_inline(text: str) -> Paragraph:
    """Prose that stands inside a template sentence: one paragraph, breaks become spaces."""
    outer, footnotes = _extract_footnotes(text.replace("\\*", _ESCAPED_STAR))
    return _inline(" ".join(line.strip() for line in outer.splitlines() if line.strip()), iter(footnotes))


def plain_text(paragraphs: list[Paragraph]) -> str:
    """The visible text without footnotes (for tests and diagnostics)."""
    return "\n".join("".join(i.text for i in p if isinstance(i, Run)) for p in paragraphs)


def _extract_footnotes(text: str) -> tuple[str, list[Footnote]]:
    out: list[str] = []
    footnotes: list[Footnote] = []
    i = 0
    while i < len(text):
        start = text.find("^[", i)
        if start < 0:
            out.append(text[i:])
            break
        out.append(text[i:start])
        depth, j = 1, start + 2
        while j < len(text) and depth:
            if text.startswith("^[", j):
                raise MarkupError("chú thích (^[…]) không được đặt bên trong một chú thích khác",
                                  text.count("\n", 0, j))
            depth += {"[": 1, "]": -1}.get(text[j], 0)
            j += 1
        if depth:
            raise MarkupError("chú thích mở bằng '^[' nhưng thiếu dấu ']' đóng lại",
                              text.count("\n", 0, start))
        content = text[start + 2:j - 1]
        paragraphs = [tuple(r for r in p if isinstance(r, Run)) for p in
                      (_inline(chunk, iter(())) for chunk in _paragraph_texts(content))]
        paragraphs = [p for p in paragraphs if p]
        if not paragraphs:
            raise MarkupError("chú thích rỗng: viết nội dung giữa '^[' và ']'", text.count("\n", 0, start))
        footnotes.append(Footnote(tuple(paragraphs)))
        out.append(_FOOTNOTE_SLOT)
        i = j
    return "".join(out), footnotes


def _paragraph_texts(text: str) -> list[str]:
    paragraphs: list[list[str]] = [[]]
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            paragraphs.append([])
            continue
        if stripped.startswith(("- ", "+ ")) and paragraphs[-1]:
            paragraphs.append([])
        paragraphs[-1].append(stripped)
    return [" ".join(lines) for lines in paragraphs if lines]


def _inline(text: str, footnotes) -> Paragraph:
    items: list[Inline] = []
    pos = 0
    for m in _STYLED.finditer(text):
        _refuse_stray_stars(text[pos:m.start()])
        _plain(text[pos:m.start()], False, False, footnotes, items)
        if m.group(1) is not None:
            _plain(m.group(1), True, True, footnotes, items)
        elif m.group(2) is not None:
            _plain(m.group(2), True, False, footnotes, items)
        else:
            _plain(m.group(3), False, True, footnotes, items)
        pos = m.end()
    _refuse_stray_stars(text[pos:])
    _plain(text[pos:], False, False, footnotes, items)
    return tuple(items)


def _refuse_stray_stars(text: str) -> None:
    stray = _STRAY_STAR.search(text)
    if stray:
        near = text[max(0, stray.start() - 25):stray.end() + 25].replace(_FOOTNOTE_SLOT, "^[…]")
        raise MarkupError(f"dấu '*' chưa có cặp, gần «{near.strip()}»: viết **đậm**, *nghiêng* (không lồng nhau), "
                          "hoặc \\* để in dấu sao")


def _plain(text: str, bold: bool, italic: bool, footnotes, items: list[Inline]) -> None:
    for k, piece in enumerate(text.split(_FOOTNOTE_SLOT)):
        if k:
            items.append(next(footnotes))
        if piece:
            items.append(Run(piece.replace(_ESCAPED_STAR, "*"), bold, italic))
