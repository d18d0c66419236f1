"""Steps 4–6 for one planned document: render its template, post-process, serialise.

Every command that needs a document's bytes (build, diff of data files, template check with data,
watch) comes here with a DocumentPlan from plan.prepare; nothing else renders. The rendering runs
in the worker (worker.py), under the time and memory limits of limits.py: what crosses over is the
template's path and the document's context, and what comes back is the finished .docx bytes —
the same bytes, whichever process made them.

Which of the data the document prints (render/trace.py) is known from that one render, so it is
recorded in the worker too: the job is also given the document's data (`Given`), traces it into
the context there, and sends back, with the bytes, the key paths it printed and the parts it left
unprinted, as plain data; the warnings are then located at the data here, where its lines are.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document

from . import postprocess, worker
from .errors import Finding, UserError, error
from .kinds import EXTRA
from .kinds.base import Properties
from .oxml.places import placed
from .oxml.table import written_rows
from .plan import DocumentPlan, Plan
from .read import files
from .read.loader import PathKey
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


@dataclass(frozen=True)
class Given:
    """What the worker needs to know which of a document's data its render prints: the template's
    name for the document (bc, tb, bcd), the document's data as its model dumps it, and where that
    data stands in the data file."""

    root: str
    data: Any
    path: PathKey


def render(plan: Plan, doc: DocumentPlan, template: Path | None = None, *, split: bool = False,
           unprinted: list | None = None, record: Printed | None = None) -> list[bytes]:
    """The finished .docx bytes of `doc` (rendered with `template` instead of its own, for `template
    check --data`); with `split`, the report and then each of its appendices as a file of its own.
    With `unprinted` (or `record`), the same render also records which of the document's data it
    prints: a warning for each part it never printed is added to `unprinted`, located at the data,
    and the key paths it printed are added to `record`."""
    template = Path(template or doc.template)
    job = (template, doc.context, plan.source.data.van_ban, doc.properties, doc.author, doc.appendices if split else 0)
    if unprinted is None and record is None:
        return worker.run(finished, *job, template=template)
    given = Given(doc.kind.root, doc.document.model_dump(), doc.path)
    parts, printed, left = worker.run(finished_tracing, *job, given, template=template)
    if record is not None:
        record.paths |= printed
    if unprinted is not None:
        unprinted += _unprinted(plan, doc, left, template)
    return parts


def document(plan: Plan, doc: DocumentPlan, template: Path | None = None, *, unprinted: list | None = None,
             record: Printed | None = None):
    """The finished python-docx Document of `doc` (for diff, which reads and marks it); `unprinted`
    and `record` as for render."""
    return Document(io.BytesIO(render(plan, doc, template, unprinted=unprinted, record=record)[0]))


def finished(template: Path, context: dict[str, Any], van_ban: Any, properties: Properties, author: str,
             appendices: int) -> list[bytes]:
    """In the worker: render, post-process, fix the core properties, serialise; with `appendices`,
    instead of the whole: the report without its appendices, then each appendix alone."""
    rendered = _rendered(template, context, Prose(citer=Citer(van_ban)))
    return _serialised(rendered, template, properties, author, appendices)


def finished_tracing(template: Path, context: dict[str, Any], van_ban: Any, properties: Properties, author: str,
                     appendices: int, given: Given) -> tuple[list[bytes], frozenset[PathKey],
                                                             tuple[tuple[PathKey, str], ...]]:
    """In the worker: `finished`, with the document's data traced into its context (trace.py), so the
    one render also records what it prints. Returns the bytes, the key paths printed, and each
    largest part of the data left unprinted with what it is ("bảng", "mục", "đoạn văn", "số liệu")."""
    printed = Printed()
    context = {**context,
               given.root: traced(context[given.root], given.data, given.path, printed, IDENTITY),
               EXTRA: traced(context[EXTRA], dict(context[EXTRA]), ("so_lieu_them",), printed)}
    rendered = _rendered(template, context, Prose(citer=Citer(van_ban), printed=printed))
    left = tuple((path, _what(path, value)) for path, value in
                 unprinted(printed, given.data, given.path, lambda: postprocess.shown_text(rendered)))
    return _serialised(rendered, template, properties, author, appendices), frozenset(printed.paths), left


def _rendered(template: Path, context: dict[str, Any], marks: Prose):
    """The template filled and post-processed; a failure named where it failed: the part, the
    paragraph, the cell, the tag."""
    try:
        rendered = render_template(template, context, marks)
    except UserError as exc:
        raise placed(exc, template) from None
    postprocess.finish(rendered, marks, template)
    return rendered


def _serialised(rendered, template: Path, properties: Properties, author: str, appendices: int) -> list[bytes]:
    """The core properties fixed, then the bytes: the whole, or the report and each appendix."""
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


def _what(path: PathKey, value: Any) -> str:
    return ("bảng" if path[-1:] == ("bang",) else "mục" if isinstance(value, (dict, list))
            else "đoạn văn" if isinstance(value, str) else "số liệu")


def _unprinted(plan: Plan, doc: DocumentPlan, left, template: Path) -> list[Finding]:
    """A warning for each largest part of the document's data the render never printed, at its key."""
    return [Finding(plan.source.positions.at(path, key=True),
                    f"{what} {dotted(path)} có trong tệp số liệu nhưng văn bản {doc.name}.docx không in ra (mẫu "
                    f"{template.name} không dùng tới)",
                    "có thể một khối {%p if … %} của mẫu đang bao cả mục này (kiểm tra mẫu: baocao template check), "
                    "hoặc mẫu không có chỗ in khóa này; nếu cố ý không in thì xóa nó khỏi tệp số liệu.", "cảnh báo")
            for path, what in left]


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
        split = split_appendices and bool(doc.appendices)
        names = [f"{doc.name}.docx"] + ([f"{doc.name}-phu-luc-{k}.docx" for k in range(1, doc.appendices + 1)]
                                        if split else [])
        warnings: list[Finding] = []
        records.append(Printed())
        parts = render(plan, doc, split=split, unprinted=warnings, record=records[-1])
        made += [Output(out_dir / name, data, tuple(warnings) if k == 0 else ())  # the warnings with the report
                 for k, (name, data) in enumerate(zip(names, parts))]
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
