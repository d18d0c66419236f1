"""The one door: a data file prepared once, for every command.

    read (YAML with positions) → validate (model and table rows) → previous period (read,
    validated and laid out once) → derive (tables laid out once, cited figures) → check (on those
    laid-out tables) → one plan per document (kind, template, context, properties, file name)

`build`, `check`, `diff`, `template check --data`, `template vars` and `--watch` all start from
`prepare`; `bieu`, which needs only the tables, from `prepare_tables`, which starts from `prepare`
and falls back on the tables validation could still read. Rendering a planned document is produce.py's. A file that cannot be read or validated
raises UserError; every later mistake (a check, a table link, the previous period) is a finding of
the plan, so one run reports them all, and a plan with an error-level finding is never built.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .checks.runner import errors as error_findings
from .checks.runner import run as run_checks
from .derive.tables import LaidOut, captions, lay_out
from .errors import Finding, UserError, error
from .kinds import DERIVED_KEYS, EXTRA, DuLieu, document_paths, extra_figures, headings, names_previous
from .kinds.base import DocumentKind, Properties
from .read import files
from .read.loader import PathKey, load_yaml
from .resources import TABLE_KINDS_FILE
from .text import vi_format as vi
from .validate import PartlyRead, Source, validate
from .validate.table_rows import Table
from .validate.walk import models


@dataclass(frozen=True)
class Previous:
    """The previous period's data file, prepared once: its tables' figures (for Tăng/giảm columns)
    and its documents' contexts (for `kt` in templates)."""

    source: Source
    laid: LaidOut
    context: dict[str, Any]  # the context of its document of the same kind: {"bc": …, …}


@dataclass(frozen=True)
class DocumentPlan:
    kind: DocumentKind
    path: PathKey  # in the data file: ("bao_cao",), ("thong_bao", 0)
    document: Any  # its validated model
    template: Path
    context: dict[str, Any]  # what the template sees
    properties: Properties
    author: str
    name: str  # the output file's name, without .docx
    appendices: int  # appendices it ends with (each may be written as a file of its own)


@dataclass(frozen=True)
class Plan:
    source: Source
    previous: Previous | None
    laid: LaidOut
    findings: tuple[Finding, ...]  # the previous period's first (its file, or the line naming it), then this file's
    documents: tuple[DocumentPlan, ...]
    watched: frozenset[Path]  # the files whose change changes the documents (workbooks its tables read too)

    @property
    def path(self) -> Path:
        return self.source.path

    @property
    def errors(self) -> list[Finding]:
        return error_findings(list(self.findings))

    def captions(self) -> dict[PathKey, str]:
        """What each table is called outside the document (its section's title, figures filled in)."""
        sections = dict(models(self.source.data))

        def title_at(path: PathKey) -> Any:
            title = getattr(sections.get(path), "tieu_de", None)
            if isinstance(title, list):
                return [self.laid.cited.get(path + ("tieu_de", k), line) for k, line in enumerate(title)]
            return self.laid.cited.get(path + ("tieu_de",), title) if title else None

        return captions(self.source.tables, title_at, headings(self.source.data))

    def document_for(self, template: Path) -> DocumentPlan | None:
        """The document `template` renders: the one planned with it, or else the first."""
        same = [doc for doc in self.documents if doc.template.resolve() == Path(template).resolve()]
        return (same or list(self.documents) or [None])[0]


@dataclass(frozen=True)
class TablesPlan:
    """A data file's tables, for what needs only them (`baocao bieu`): read even while the rest of
    the file has mistakes, as long as every table's rows could be read."""

    tables: tuple[Table, ...]
    captions: dict[PathKey, str]
    author: str
    created: dt.date | None  # the documents' date, when the file could be planned
    findings: tuple[Finding, ...]  # the file's mistakes: said, but they do not stop a form


def prepare_tables(path: Path) -> TablesPlan:
    """The tables of the data file at `path` (UserError when a table block could not be read: its
    kind unknown, its sheet missing, its rows not rows)."""
    try:
        plan = prepare(path)
    except PartlyRead as exc:
        if not exc.complete:
            raise
        raw = exc.raw
        name = (raw.get("co_quan") or {}).get("ten") if isinstance(raw.get("co_quan"), dict) else None
        titles = captions(exc.tables, lambda where: (_raw_at(raw, where) or {}).get("tieu_de")
                          if isinstance(_raw_at(raw, where), dict) else None, headings(raw))
        return TablesPlan(exc.tables, titles, name if isinstance(name, str) else "baocao", None,
                          tuple(exc.findings))
    if not plan.source.all_tables_read:
        raise UserError(plan.errors)
    created = min((doc.properties.created for doc in plan.documents), default=None)
    return TablesPlan(plan.source.tables, plan.captions(), plan.source.data.co_quan.ten, created,
                      tuple(plan.errors))


def _raw_at(raw: Any, path: PathKey) -> Any:
    for part in path:
        if isinstance(raw, dict) and part in raw or isinstance(raw, list) and isinstance(part, int) and part < len(raw):
            raw = raw[part]
        else:
            return None
    return raw


def read(path: Path) -> Source:
    """A data file read and validated (UserError with every mistake otherwise)."""
    raw, positions = load_yaml(path)
    return validate(path, raw, positions, DuLieu, DERIVED_KEYS, previous=names_previous(raw))


def prepare(path: Path) -> Plan:
    """The data file at `path`, prepared for every command. Every figure was checked against its
    range when read; should a computation still overflow, that is a message, not a traceback."""
    source = read(Path(path))
    try:
        return _prepare(source)
    except ArithmeticError:
        raise error(source.path, "không tính được số liệu: có số quá lớn, quá nhỏ hoặc quá nhiều chữ số thập phân "
                                 "để tính tổng, tỷ lệ.",
                    hint="kiểm tra các số liệu rất lớn, rất nhỏ hoặc có nhiều chữ số sau dấu thập phân.") from None


def _prepare(source: Source) -> Plan:
    late: list[Finding] = list(source.positions.notes)  # what the file holds but should not (warnings)
    previous = _previous(source, late)
    laid = lay_out(source.tables, _cited_texts(source), source.positions, unread=source.unread,
                   previous=previous.laid.figures if previous is not None else None)
    found: list[Finding] = list(run_checks(source, laid))
    documents = _documents(source, laid, previous, found)
    watched = ({source.path, TABLE_KINDS_FILE} | {doc.template for doc in documents} | _previous_files(source)
               | source.workbooks | (previous.source.workbooks if previous is not None else frozenset()))
    return Plan(source, previous, laid, tuple(late + found), tuple(documents), frozenset(watched))


def _cited_texts(source: Source) -> list[tuple[PathKey, str | None]]:
    return [text for path, kind, document in document_paths(source.data) for text in kind.cited_texts(document, path)]


def _documents(source: Source, laid: LaidOut, previous: Previous | None, found: list[Finding]) -> list[DocumentPlan]:
    data, stem = source.data, source.path.stem
    planned: list[DocumentPlan] = []
    names: set[str] = set()
    for path, kind, document in document_paths(data):
        count = len(getattr(data, kind.key)) if kind.many else 1
        name = document.ten_tep or f"{kind.prefix}-{stem}" + (f"-{path[-1] + 1}" if count > 1 else "")
        if name in names:
            found.append(Finding(source.positions.at(path + ("ten_tep",)),
                                 f"hai văn bản cùng ghi ra một tệp {name}.docx.",
                                 f"đặt ten_tep khác nhau cho các văn bản trong '{kind.key}'."))
            continue
        names.add(name)
        context = {**kind.context(data, document, laid=laid, previous=previous), EXTRA: extra_figures(data)}
        template = (source.path.parent / document.mau) if document.mau else kind.template(document)
        unusable = files.problem(template, "tệp mẫu") if document.mau else None
        if unusable:  # located here, so `check` sees what build would stop at
            found.append(_missing_template(source, path, kind, document.mau, template) if unusable.missing
                         else Finding(source.positions.at(path + ("mau",)), f"'mau: {document.mau}': {unusable.message}",
                                      unusable.hint + " Hoặc bỏ dòng mau để dùng mẫu có sẵn."))
        planned.append(DocumentPlan(kind, path, document, template, context, kind.properties(document, context),
                                    data.co_quan.ten, name, kind.appendices(document)))
    return planned


def _missing_template(source: Source, path: PathKey, kind: DocumentKind, name: str, template: Path) -> Finding:
    """A `mau` that names no file, at its line; a template an older baocao had says where it went."""
    retired = kind.retired_templates.get(Path(name).name)
    if retired:
        return Finding(source.positions.at(path + ("mau",)), f"{retired}.", "xóa dòng mau để dùng mẫu có sẵn.")
    return Finding(source.positions.at(path + ("mau",)), f"không tìm thấy tệp mẫu '{name}' (tìm ở {template}).",
                   "ghi đường dẫn tính từ thư mục chứa tệp số liệu này, hoặc bỏ dòng mau để dùng mẫu có sẵn.")


def _previous_files(source: Source) -> set[Path]:
    """The previous period's data files the documents name, there or not (watch waits for them)."""
    return {source.path.parent / name for _, kind, document in document_paths(source.data)
            if kind.previous_key and (name := getattr(document, kind.previous_key))}


MAX_CHAIN = 24  # previous periods read behind one another (a file citing kt.… needs its own previous)


def _previous(source: Source, found: list[Finding], depth: int = 0) -> Previous | None:
    """The previous period a document names (bao_cao.ky_truoc), prepared once; its mistakes are
    located in its own file, a file that is not there at the line that names it. The previous file
    is laid out against its own previous period, since its cells and prose may cite kt.… too."""
    for path, kind, document in document_paths(source.data):
        name = getattr(document, kind.previous_key) if kind.previous_key else None
        if not name or depth >= MAX_CHAIN:
            continue
        try:
            return _read_previous(source, path, kind, document, name, depth)
        except UserError as exc:
            found.extend(exc.findings)
            return None
    return None


def _read_previous(source: Source, path: PathKey, kind: DocumentKind, document: Any, name: str,
                   depth: int) -> Previous:
    where = source.positions.at(path + (kind.previous_key,))
    file = source.path.parent / name

    def refuse(message: str, hint: str) -> UserError:
        return error(source.path, message, line=where.line, column=where.column, hint=hint)

    unusable = files.problem(file, "tệp số liệu kỳ trước")
    if unusable and unusable.missing:
        raise refuse(f"không tìm thấy tệp số liệu kỳ trước '{name}' (tìm ở {file}).",
                     "ghi đường dẫn tính từ thư mục chứa tệp số liệu này, hoặc bỏ dòng ky_truoc.")
    if unusable:  # a folder, a FIFO, a name too long
        raise refuse(f"ky_truoc '{name}': {unusable.message}", unusable.hint + " Hoặc bỏ dòng ky_truoc.")
    if file.resolve() == source.path.resolve():
        raise refuse("ky_truoc trỏ tới chính tệp số liệu này.", "ghi tên tệp số liệu của kỳ báo cáo trước.")
    before = read(file)
    if before.findings:  # its tables' rows are what this period compares with: they must hold
        raise UserError(list(before.findings))
    counterpart = getattr(before.data, kind.key)  # its document of the same kind
    if not counterpart:
        raise refuse(f"tệp kỳ trước '{name}' không có {kind.name} (khóa {kind.key}) để so sánh.",
                     "ghi tên tệp số liệu báo cáo của kỳ trước.")
    counterpart = counterpart[0] if kind.many else counterpart
    if vi.khoang_ky(counterpart.ky.as_period())[1] >= vi.khoang_ky(document.ky.as_period())[1]:
        raise refuse(f"tệp kỳ trước '{name}' không phải một kỳ trước kỳ này "
                     f"({vi.ten_ky(counterpart.ky.as_period())} so với {vi.ten_ky(document.ky.as_period())}).",
                     "ghi tên tệp số liệu của kỳ báo cáo trước.")
    counterpart_path = (kind.key, 0) if kind.many else (kind.key,)
    chained: list[Finding] = []
    its_previous = _previous(before, chained, depth + 1)
    laid = lay_out(before.tables, kind.cited_texts(counterpart, counterpart_path), before.positions,
                   previous=its_previous.laid.figures if its_previous is not None else None)
    if chained or laid.findings:  # its tables' figures are what this period compares with: they must hold
        raise UserError(chained + laid.findings)
    return Previous(before, laid, kind.context(before.data, counterpart, laid=laid, previous=None))
