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
from .errors import Finding, error
from .kinds import EXTRA
from .plan import DocumentPlan, Plan
from .render import Prose, render_template
from .render.trace import IDENTITY, Printed, traced, unprinted
from .text.citations import Citer
from .validate.messages import dotted
from .write.docx import docx_bytes


@dataclass(frozen=True)
class Output:
    path: Path
    data: bytes
    warnings: tuple[Finding, ...] = ()  # what the data gives that the document does not print


def document(plan: Plan, doc: DocumentPlan, template: Path | None = None, *, unprinted: list | None = None,
             record: Printed | None = None):
    """The finished python-docx Document of `doc` (rendered with `template` instead of its own, for
    `template check --data`). With `unprinted`, the render also records which of the document's data
    values it prints (render/trace.py, into `record` when given), and a warning for each part of the
    document's data it never printed is added to that list, located at the data."""
    template = template or doc.template
    printed = record if record is not None else (Printed() if unprinted is not None else None)
    context = doc.context
    if printed is not None:
        root = doc.kind.root
        context = {**context, root: traced(context[root], doc.document.model_dump(), doc.path, printed, IDENTITY),
                   EXTRA: traced(context[EXTRA], {name: value for name, value in context[EXTRA].items()},
                                 ("so_lieu_them",), printed)}
    marks = Prose(citer=Citer(plan.source.data.van_ban), printed=printed)
    rendered = render_template(template, context, marks)
    postprocess.finish(rendered, marks, template)
    if unprinted is not None:
        unprinted += _unprinted(plan, doc, printed, rendered, template)
    props = rendered.core_properties  # fixed: the same data always gives the same file
    props.title = doc.properties.title[:255]  # the core properties hold at most 255 characters
    props.author = props.last_modified_by = doc.author
    props.created = props.modified = dt.datetime.combine(doc.properties.created, dt.time())
    props.revision = 1
    return rendered


def _unprinted(plan: Plan, doc: DocumentPlan, printed: Printed, rendered, template: Path) -> list[Finding]:
    """A warning for each largest part of the document's data the render never printed."""
    found = []
    for path, value in unprinted(printed, doc.document.model_dump(), doc.path,
                                  lambda: postprocess.shown_text(rendered)):
        where = plan.source.positions.at(path, key=True)
        what = ("bảng" if path[-1:] == ("bang",) else "mục" if isinstance(value, (dict, list))
                else "đoạn văn" if isinstance(value, str) else "số liệu")
        found.append(Finding(where, f"{what} {dotted(path)} có trong tệp số liệu nhưng văn bản {doc.name}.docx không "
                             f"in ra (mẫu {template.name} không dùng tới)",
                             "có thể một khối {%p if … %} của mẫu đang bao cả mục này (kiểm tra mẫu: baocao template "
                             "check), hoặc mẫu không có chỗ in khóa này; nếu cố ý không in thì xóa nó khỏi tệp số liệu.",
                             "cảnh báo"))
    return found


def unprinted_extra(plan: Plan, records: list[Printed]) -> list[Finding]:
    """A warning for each figure of so_lieu_them that no document printed (a name misspelt in the data
    where a template tests `is defined`, or a figure no template uses yet)."""
    found = []
    for name in plan.source.data.so_lieu_them:
        if not any(("so_lieu_them", name) in r.paths for r in records):
            found.append(Finding(plan.source.positions.at(("so_lieu_them", name), key=True),
                                 f"số liệu thêm {name} (sl.{name}) có trong tệp số liệu nhưng không văn bản nào in ra",
                                 f"dùng nó trong mẫu ({{{{ sl.{name}|so }}}}), hoặc kiểm tra tên (mẫu gọi đúng tên này "
                                 "chưa?); nếu chưa cần thì xóa nó khỏi so_lieu_them.", "cảnh báo"))
    return found


def outputs(plan: Plan, out_dir: Path, *, split_appendices: bool = False) -> list[Output]:
    """Every document of the plan as bytes, named in `out_dir` (each with the warnings of its data
    it does not print); with `split_appendices`, a report's appendices each as a .docx of its own
    after the report."""
    made: list[Output] = []
    records: list[Printed] = []
    for doc in plan.documents:
        warnings: list[Finding] = []
        records.append(Printed())
        whole = docx_bytes(document(plan, doc, unprinted=warnings, record=records[-1]))
        if not (split_appendices and doc.appendices):
            made.append(Output(out_dir / f"{doc.name}.docx", whole, tuple(warnings)))
            continue
        names = [f"{doc.name}.docx"] + [f"{doc.name}-phu-luc-{k}.docx" for k in range(1, doc.appendices + 1)]
        for index, file_name in enumerate(names):
            part = Document(io.BytesIO(whole))
            postprocess.keep_part(part, index, doc.appendices)
            made.append(Output(out_dir / file_name, docx_bytes(part), tuple(warnings) if index == 0 else ()))
    extra = tuple(unprinted_extra(plan, records))
    if extra and made:
        made[0] = Output(made[0].path, made[0].data, made[0].warnings + extra)
    seen: set[Path] = set()
    for out in made:
        if out.path in seen:
            raise error(plan.path, f"hai văn bản cùng ghi ra một tệp {out.path.name}.",
                        hint="đặt ten_tep khác nhau cho các văn bản của tệp số liệu.")
        seen.add(out.path)
    return made
