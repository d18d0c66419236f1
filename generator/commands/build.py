"""`baocao build`: every document each data file declares, written beside its earlier versions.

Each data file is prepared once (plan.prepare) and all its documents (with --excel, also the
workbook of its tables) are produced in memory first; only when every one of them succeeded, and
every place they go is free, is anything written, each atomically, the version it replaces kept in
.truoc/ (write/history.py). With --pdf or --pdfa, the documents the command wrote then go to PDF
together, through one LibreOffice (write/pdf.py): a PDF failure never takes back a written .docx.

Many data files are prepared and produced by a pool of workers (pool.py, `-j`, every core by
default): a worker returns a file's outputs as bytes with its findings (`Produced`, plain data), and
this process writes them in the order the files were given, so that which of two files claiming one
output path is refused does not depend on timing, and the output reads as with one worker.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import limits, produce
from ..errors import Finding, UserError, error, os_reason
from ..lint.check import explained
from ..plan import Plan, prepare
from ..write import history, lock
from ..write.tables import BuiltTable, tables_workbook
from . import pdf as pdf_command
from .pool import Crash, Pool, Progress

FIXED_DAY = dt.date(2000, 1, 1)  # a workbook's date when the data file declares no document


def build(data_path: Path, out_dir: Path | None = None, *, split_appendices: bool = False,
          taken: set[Path] | None = None, excel: bool = False) -> tuple[list[Path], list[Finding]]:
    """Build every document `data_path` declares into `out_dir` (default build/<stem>/); returns the
    written paths and the checks' warnings. `taken`: paths this command already wrote, which a
    later data file may not write over. `excel`: also write every table to one workbook."""
    plan = prepare(Path(data_path))
    warned: list[Finding] = []
    written = write(plan, out_dir, split_appendices=split_appendices, taken=taken, excel=excel, warned=warned)
    return written, list(plan.findings) + warned


def write(plan: Plan, out_dir: Path | None = None, *, split_appendices: bool = False,
          taken: set[Path] | None = None, excel: bool = False, warned: list | None = None) -> list[Path]:
    """Write the plan's documents, and with `excel` its tables' workbook (UserError, nothing
    written, when it holds an error); `warned` receives what the data gives that a document does
    not print."""
    outputs = produced(plan, out_dir, split_appendices=split_appendices, excel=excel)
    if warned is not None:
        warned += unprinted(outputs)
    return place(outputs, taken)


def produced(plan: Plan, out_dir: Path | None = None, *, split_appendices: bool = False,
             excel: bool = False) -> list[produce.Output]:
    """The plan's documents, and with `excel` its tables' workbook, as bytes named in `out_dir`
    (default build/<stem>/), each with what the data gives that it does not print; UserError when
    the plan or a template holds an error."""
    if plan.errors:  # an error stops the build, with every finding
        raise UserError(list(plan.findings))
    out_dir = Path(out_dir) if out_dir is not None else Path("build") / plan.path.stem
    try:
        outputs = produce.outputs(plan, out_dir, split_appendices=split_appendices)
    except UserError as exc:  # a template's mistakes, all of them, located as `template check` locates them
        raise explained(plan, exc) from None
    if excel and plan.source.tables:
        outputs.append(tables_output(plan, out_dir))
    return outputs


def unprinted(outputs: list[produce.Output]) -> list[Finding]:
    """The warnings of data the documents do not print, in the outputs' order."""
    return [w for out in outputs for w in out.warnings]


def place(outputs: list[produce.Output], taken: set[Path] | None = None) -> list[Path]:
    """Write `outputs`, each atomically beside its earlier versions; nothing is written when one of
    their places is blocked or was written by this command already (`taken`)."""
    for out in outputs:  # what can be seen before writing is refused before anything is written
        _writable(out.path)
        if taken is not None and out.path.resolve() in taken:
            raise error(out.path, "không ghi được văn bản: một tệp số liệu khác trong cùng lệnh vừa ghi ra tệp này.",
                        hint="hai tệp số liệu cùng tên (ở hai thư mục) hay cùng ten_tep: đặt ten_tep khác, hoặc "
                             "chạy riêng từng tệp với -o khác nhau; chưa văn bản nào của tệp này được ghi.")
    if not outputs:
        return []
    out_dir = outputs[0].path.parent  # one data file's outputs share a folder
    written: list[Path] = []
    try:
        with lock.locked(out_dir):  # one command at a time writes here: the kept versions stay exact
            history.clean(out_dir, [out.path.name for out in outputs])  # what a killed build left
            for out in outputs:
                try:
                    history.write_keeping_history(out.path, out.data)
                except OSError as exc:
                    done = ("; đã ghi trước khi lỗi: " + ", ".join(p.name for p in written)) if written else ""
                    raise error(out.path, f"không ghi được văn bản: {os_reason(exc)}{done}.",
                                hint="kiểm tra quyền ghi vào thư mục và chỗ trống trên đĩa, đóng tệp nếu đang mở "
                                     "trong Word, rồi tạo lại.") from None
                written.append(out.path)
                if taken is not None:
                    taken.add(out.path.resolve())
    except OSError as exc:  # the folder itself could not be made or locked
        raise error(out_dir, f"không ghi được vào thư mục: {os_reason(exc)}.",
                    hint="kiểm tra đường dẫn -o và quyền ghi, rồi tạo lại; chưa văn bản nào được ghi.") from None
    return written


def tables_output(plan: Plan, out_dir: Path) -> produce.Output:
    """Every table of the plan, as built, in one workbook `bang-<data file>.xlsx` (write/tables.py)."""
    captions = plan.captions()
    built = [BuiltTable(t.code or t.kind.name, captions[t.path], plan.laid.layouts[t.path]) for t in plan.source.tables]
    created = min((doc.properties.created for doc in plan.documents), default=FIXED_DAY)
    data = tables_workbook(built, author=plan.source.data.co_quan.ten, created=created)
    return produce.Output(out_dir / f"bang-{plan.path.stem}.xlsx", data)


def _writable(path: Path) -> None:
    """A document's place is free for a file: no folder of its name, no file where a folder must be
    (its folder, the history folder .truoc/), its folder writable, every name it needs (itself, its
    kept versions) within the file system's limit. Nothing here raises: a path the system refuses
    (a name too long) is one more problem to name."""
    problem = None
    try:
        if not history.fits(path):
            problem = (f"tên văn bản quá dài ({len(path.name.encode('utf-8'))} byte; hệ thống tệp chỉ cho tên tối đa "
                       f"{history.NAME_BYTES} byte, kể cả tên các bản cũ cất trong {history.FOLDER}/)")
        elif path.is_dir():
            problem = "đã có một thư mục trùng tên với văn bản"
        elif path.exists() and not path.is_file():
            problem = "đã có một thứ không phải tệp thường (đường ống, thiết bị…) trùng tên với văn bản"
        elif path.parent.exists() and not path.parent.is_dir():
            problem = f"'{path.parent}' là một tệp, không phải thư mục"
        elif (path.parent / history.FOLDER).exists() and not (path.parent / history.FOLDER).is_dir():
            problem = f"'{path.parent / history.FOLDER}' (nơi cất bản cũ) là một tệp, không phải thư mục"
        elif path.parent.is_dir() and not os.access(path.parent, os.W_OK | os.X_OK):
            problem = "không có quyền ghi vào thư mục"
    except OSError as exc:  # a name the system refuses: too long, a loop of links …
        problem = os_reason(exc)
    if problem:
        raise error(path, f"không ghi được văn bản: {problem}.",
                    hint="đặt ten_tep ngắn hơn, đổi tên hoặc xóa thứ đang chắn chỗ, hoặc chọn thư mục khác bằng -o; "
                         "chưa văn bản nào được ghi.")


@dataclass(frozen=True)
class Options:
    """How every data file of the command is built (it travels to the workers)."""

    out_dir: Path | None = None
    split_appendices: bool = False
    excel: bool = False


@dataclass(frozen=True)
class Produced:
    """One data file prepared and produced (in a worker): plain data for this process to write."""

    data_file: Path
    outputs: tuple[produce.Output, ...]
    findings: tuple[Finding, ...]  # the checks' warnings, then unprinted data's; the errors when `refused`
    refused: bool = False
    tables: bool = True  # whether it has tables (--excel says so when it has none)


def produce_file(data_file: Path, options: Options) -> Produced:
    """A worker's task: one data file prepared and produced whole, nothing written."""
    try:
        plan = prepare(Path(data_file))
        outputs = produced(plan, options.out_dir, split_appendices=options.split_appendices, excel=options.excel)
    except UserError as exc:
        return Produced(Path(data_file), (), tuple(exc.findings), refused=True)
    return Produced(Path(data_file), tuple(outputs), tuple(plan.findings) + tuple(unprinted(outputs)),
                    tables=bool(plan.source.tables))


def main(args) -> int:
    data_files, excel = args.du_lieu, args.excel
    options = Options(args.ra, args.tach_phu_luc, excel)
    failed, crashed, written, workbooks, warned, accepted = 0, 0, 0, 0, 0, 0
    documents: list[Path] = []  # every .docx this command wrote, converted at the end through one LibreOffice
    taken: set[Path] = set()  # written by this command: a later data file may not write over them
    with Pool(functools.partial(produce_file, options=options), args.jobs or limits.cores()) as pool:
        for data_file, made in pool.map(data_files, Progress(len(data_files), verb="đang tạo")):
            if isinstance(made, Crash):
                crashed += 1
                print(f"{data_file}: lỗi: {made.reason}; các tệp đã có vẫn giữ nguyên.\n{made.details}".rstrip(),
                      file=sys.stderr)
                continue
            try:
                if made.refused:
                    raise UserError(list(made.findings))
                paths = place(list(made.outputs), taken)
            except UserError as exc:
                failed += 1
                print(exc.format(), file=sys.stderr)
                print(f"{data_file}: không tạo văn bản nào; các tệp đã có vẫn giữ nguyên.", file=sys.stderr)
                continue
            warnings = made.findings
            for finding in warnings:  # the checks' warnings (an error would have stopped the build)
                print(finding.format(), file=sys.stderr)
            for path in paths:
                print(path)
            if excel and not made.tables:
                print(f"{data_file}: tệp số liệu không có bảng nào, không ghi bảng tính (--excel).", file=sys.stderr)
            documents += [path for path in paths if path.suffix == ".docx"]
            written += sum(1 for path in paths if path.suffix == ".docx")
            workbooks += sum(1 for path in paths if path.suffix == ".xlsx")
            warned += len(warnings)
            accepted += sum(1 for f in warnings if getattr(f, "accepted", None))
    if len(data_files) > 1 or warned:  # one line to read after a long output
        note = f" ({accepted} đã chấp nhận trong chap_nhan)" if accepted else ""
        tables = f", {workbooks} bảng tính" if workbooks else ""
        print(f"Tổng cộng: {len(data_files)} tệp số liệu, {written} văn bản đã tạo{tables}, {failed + crashed} tệp lỗi, "
              f"{warned} cảnh báo{note}.", file=sys.stderr)
    converted = 0
    if (args.pdf or args.pdfa) and documents:
        converted = pdf_command.convert(documents, pdfa=args.pdfa, limit=args.gioi_han_pdf)
    return 2 if failed or converted else (1 if crashed else 0)
