"""Tags as Jinja reads them after docxtpl, and the spot in a template where a fill failed.

`failed_at` finds the paragraph a fill failed in, whatever failed (a misspelt name, a filter's
refusal, a limit): docxtpl gives Jinja a part's XML with each paragraph on a line of its own, and
Jinja maps the failing frame to that line; the line's tags are looked up among the part's
paragraphs, counted as docxtpl-lint counts them (every w:p of the part, in document order), so
`template check` and `build` name the same paragraph. Of several `{{ … }}` on the line, the one
that fails again on its own is named. oxml/places.py says the spot in a clerk's words.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .. import lazy, limits

lint_reader = lazy.module("docxtpl_lint.reader")  # only to name where a fill failed (lazy.py)

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
PLAIN_QUOTES = str.maketrans("“”‘’", "\"\"''")  # as docxtpl reads Word's smart quotes inside tags
DOCXTPL_PREFIX = re.compile(r"^(\{\{|\{%)[prc]\b|^(\{%)tr\b|^(\{%)tc\b")


def as_jinja(tag: str) -> str:
    """A tag as Jinja reads it after docxtpl: straight quotes, no docxtpl prefix ({%p, {{r, {%tr …)."""
    return DOCXTPL_PREFIX.sub(lambda m: m.group(1) or m.group(2) or m.group(3), tag.translate(PLAIN_QUOTES))


@dataclass(frozen=True)
class Spot:
    """Where a fill failed, as docxtpl-lint counts it: the part's label ("body", "header2"), the
    paragraph, its table cells, and the tag as written in Word. oxml/places.py names it for a clerk."""

    part: str
    index: int
    cells: tuple
    tag: str


def failed_at(tpl, exc: BaseException, template: Path, context: dict[str, Any], env) -> Spot | None:
    """The spot of the paragraph whose fill raised `exc` (docxtpl's DocxTemplate `tpl`, in the
    middle of rendering), or None where it cannot be told (a core property, a broken part)."""
    try:
        part = getattr(tpl, "current_rendering_part", None)
        line = exc.lineno if isinstance(exc, jinja2.TemplateSyntaxError) else _template_line(exc)
        if part is None or not line:
            return None
        source = _source_lines(tpl, part)
        if not 0 < line <= len(source):
            return None
        typed = [as_jinja(t) for t in TAG.findall(html.unescape(re.sub(r"<[^>]+>", "", source[line - 1])))]
        label = _label(str(part.partname))
        paragraphs = [p for p in lint_reader.iter_paragraphs(template) if p.part == label]
        para = _paragraph(paragraphs, typed, line)
        if para is None:
            return None
        written = [(para, tag) for tag in TAG.findall(para.text) if as_jinja(tag) in typed]
        para, tag = _failing(written, context, env)
        return Spot(para.part, para.index, tuple(para.cells), tag)
    except Exception:  # noqa: BLE001 - naming the place is a courtesy: the message stands without it
        return None


def _paragraph(paragraphs: list, typed: list[str], line: int):
    """The paragraph that holds the failing line's tags: docxtpl drops the paragraphs of {%p …%}
    tags, so it is the line-th paragraph or a later one; of those, the one holding most of the
    line's tags ({% endfor %} alone stands in many), the first of equals."""
    best, score = None, 0
    for para in paragraphs:
        if para.index < line - 1:
            continue
        held = sum(as_jinja(tag) in typed for tag in TAG.findall(para.text))
        if held > score:
            best, score = para, held
            if held == len(typed):
                break
    return best


def _template_line(exc: BaseException) -> int | None:
    """The template line of the innermost frame Jinja mapped to the template."""
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _source_lines(tpl, part) -> list[str]:
    """The part's XML as docxtpl handed it to Jinja (template.py: build_xml, render_footnotes,
    build_headers_footers_xml), a paragraph per line."""
    name = str(part.partname)
    if name == "/word/document.xml":
        xml = tpl.get_xml()
    elif name.startswith("/word/footnotes"):
        xml = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
    else:
        xml = tpl.get_part_xml(part)
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(xml)).splitlines()


def _label(partname: str) -> str:
    """"/word/header2.xml" → "header2", "/word/document.xml" → "body": docxtpl-lint's part labels."""
    stem = partname.rsplit("/", 1)[-1].removesuffix(".xml")
    return "body" if stem == "document" else stem


def _failing(written: list, context: dict[str, Any], env) -> tuple[Any, str]:
    """Of the tags on the failing line, the `{{ … }}` that fails on its own (evaluated here, inside
    the worker's limits, a few seconds each at most); else the first `{{ … }}`, else the first tag."""
    printed = [(para, tag) for para, tag in written if tag.startswith("{{")]
    if len(printed) > 1:
        for para, tag in printed:
            limits.extend(min(2.0, limits.active().seconds))
            try:
                env.compile_expression(as_jinja(tag)[2:-2].strip())(**context)
            except jinja2.UndefinedError:
                continue  # a loop variable or a shortcut, most likely: not known here
            except Exception:  # noqa: BLE001 - whatever the fill raised, this tag raises on its own too
                return para, tag
            finally:
                limits.extend(0)
    return (printed or written)[0]
