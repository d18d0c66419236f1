"""Steps 4–6 for one planned document: render its template, post-process, serialise.

Every command that needs a document's bytes (build, diff of data files, template check with data,
watch) comes here with a DocumentPlan from plan.prepare; nothing else renders. The rendering runs
in the worker (worker.py), under the time and memory limits of limits.py: what crosses over is the
template's path and the document's context, and what comes back is the finished .docx bytes —
the same bytes, whichever process made them.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document

from . import postprocess, worker
from .errors import UserError, error
from .kinds.base import Properties
from .oxml.places import placed
from .oxml.table import written_rows
from .plan import DocumentPlan, Plan
from .read import files
from .render import Prose, render_template
from .text.citations import Citer
from .write.docx import docx_bytes


@dataclass(frozen=True)
class Output:
    path: Path
    data: bytes


def render(plan: Plan, doc: DocumentPlan, template: Path | None = None, *, split: bool = False) -> list[bytes]:
    """The finished .docx bytes of `doc` (rendered with `template` instead of its own, for `template
    check --data`); with `split`, the report and then each of its appendices as a file of its own."""
    template = Path(template or doc.template)
    return worker.run(finished, template, doc.context, plan.source.data.van_ban, doc.properties, doc.author,
                      doc.appendices if split else 0, template=template)


def document(plan: Plan, doc: DocumentPlan, template: Path | None = None):
    """The finished python-docx Document of `doc` (for diff, which reads and marks it)."""
    return Document(io.BytesIO(render(plan, doc, template)[0]))


def finished(template: Path, context: dict[str, Any], van_ban: Any, properties: Properties, author: str,
             appendices: int) -> list[bytes]:
    """In the worker: render, post-process, fix the core properties, serialise; with `appendices`,
    instead of the whole: the report without its appendices, then each appendix alone."""
    marks = Prose(citer=Citer(van_ban))
    try:
        rendered = render_template(template, context, marks)
    except UserError as exc:  # named where it failed: the part, the paragraph, the cell, the tag
        raise placed(exc, template) from None
    postprocess.finish(rendered, marks, template)
    props = rendered.core_properties  # fixed: the same data always gives the same file
    props.title = properties.title[:255]  # the core properties hold at most 255 characters
    props.author = props.last_modified_by = author
    props.created = props.modified = dt.datetime.combine(properties.created, dt.time())
    props.revision = 1
    whole = docx_bytes(rendered, written_rows)  # long tables' rows were kept as text (oxml/table.py)
    too_big = files.oversized(whole)
    if too_big:  # what the template and the data make must be readable again (diff, Word)
        raise error(template, f"văn bản tạo ra quá lớn ({too_big}).",
                    hint="kiểm tra các vòng lặp của mẫu, hoặc chia số liệu thành nhiều văn bản.")
    if not appendices:
        return [whole]
    parts = []
    for index in range(appendices + 1):
        part = Document(io.BytesIO(whole))
        postprocess.keep_part(part, index, appendices)
        parts.append(docx_bytes(part))
    return parts


def outputs(plan: Plan, out_dir: Path, *, split_appendices: bool = False) -> list[Output]:
    """Every document of the plan as bytes, named in `out_dir`; with `split_appendices`, a report's
    appendices each as a .docx of its own after the report."""
    made: list[Output] = []
    for doc in plan.documents:
        split = split_appendices and bool(doc.appendices)
        names = [f"{doc.name}.docx"] + ([f"{doc.name}-phu-luc-{k}.docx" for k in range(1, doc.appendices + 1)]
                                        if split else [])
        made += [Output(out_dir / name, data) for name, data in zip(names, render(plan, doc, split=split))]
    seen: set[Path] = set()
    for out in made:
        if out.path in seen:
            raise error(plan.path, f"hai văn bản cùng ghi ra một tệp {out.path.name}.",
                        hint="đặt ten_tep khác nhau cho các văn bản của tệp số liệu.")
        seen.add(out.path)
    return made
