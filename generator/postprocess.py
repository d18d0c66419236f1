"""Step 5 of the flow: post-process a rendered document, through the oxml layer.

`finish` turns what the render left into a finished Word document: the prose markers into
paragraphs, runs, tables and appendix sections; footnote references into real footnotes; heading
labels into numbers written in order of appearance; the header block's columns fitted to the names;
a paragraph leading into a table kept on the table's page; headings left-aligned, not justified. `keep_part` cuts a finished report down to
the report or one of its appendices. No XML is handled here or above.
"""

from __future__ import annotations

from pathlib import Path

from .errors import error
from .oxml import footnotes, header_block, numbering, prose, reading, sections, styles
from .oxml.blocks import PlacementError, keep_lead_ins
from .render.prose import Prose


def finish(document, marks: Prose, template: Path) -> None:
    """Expand the prose `marks` kept during rendering, write the footnotes, number the headings."""
    try:
        references = prose.expand(document, marks)
    except PlacementError as exc:
        raise error(template, f"{exc}.", hint="sửa mẫu trong Word: ^[…] chỉ dùng trong đoạn văn của thân văn bản; "
                                              "than và phu_luc mỗi thẻ một đoạn riêng.") from None
    footnotes.write(document, references)
    numbering.number_headings(document)
    header_block.fit(document)
    keep_lead_ins(document)
    styles.left_align_headings(document, ("Phan", *styles.HEADING_STYLES.values()))


def keep_part(document, index: int, appendices: int) -> None:
    """Keep the report (index 0) or its appendix `index` (1…) of the `appendices` it ends with."""
    sections.keep_section(document, index, appendices)


def shown_text(document) -> str:
    """Every text a reader sees in the body (tables included) and the footnotes, one paragraph a line."""
    return reading.shown_text(document)
