"""Steps 4–6 for one planned document: render its template, post-process, serialise.

Every command that needs a document's bytes (build, diff of data files, template check with data)
comes here with a DocumentPlan from plan.prepare; nothing else renders.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from docx import Document

from . import postprocess
from .errors import error
from .plan import DocumentPlan, Plan
from .render import Prose, render_template
from .text.citations import Citer
from .write.docx import docx_bytes


@dataclass(frozen=True)
class Output:
    path: Path
    data: bytes


def document(plan: Plan, doc: DocumentPlan, template: Path | None = None):
    """The finished python-docx Document of `doc` (rendered with `template` instead of its own, for
    `template check --data`)."""
    template = template or doc.template
    marks = Prose(citer=Citer(plan.source.data.van_ban))
    rendered = render_template(template, doc.context, marks)
    postprocess.finish(rendered, marks, template)
    props = rendered.core_properties  # fixed: the same data always gives the same file
    props.title = doc.properties.title[:255]  # the core properties hold at most 255 characters
    props.author = props.last_modified_by = doc.author
    props.created = props.modified = dt.datetime.combine(doc.properties.created, dt.time())
    props.revision = 1
    return rendered


def outputs(plan: Plan, out_dir: Path, *, split_appendices: bool = False) -> list[Output]:
    """Every document of the plan as bytes, named in `out_dir`; with `split_appendices`, a report's
    appendices each as a .docx of its own after the report."""
    made: list[Output] = []
    for doc in plan.documents:
        whole = docx_bytes(document(plan, doc))
        if not (split_appendices and doc.appendices):
            made.append(Output(out_dir / f"{doc.name}.docx", whole))
            continue
        names = [f"{doc.name}.docx"] + [f"{doc.name}-phu-luc-{k}.docx" for k in range(1, doc.appendices + 1)]
        for index, file_name in enumerate(names):
            part = Document(io.BytesIO(whole))
            postprocess.keep_part(part, index, doc.appendices)
            made.append(Output(out_dir / file_name, docx_bytes(part)))
    seen: set[Path] = set()
    for out in made:
        if out.path in seen:
            raise error(plan.path, f"hai văn bản cùng ghi ra một tệp {out.path.name}.",
                        hint="đặt ten_tep khác nhau cho các văn bản của tệp số liệu.")
        seen.add(out.path)
    return made
