"""`baocao tong-hop DỮ_LIỆU.yaml… --danh-sach DS.yaml [-o RA.yaml] [--excel] [--bo-qua-loi] [-j N]`.

Every unit's data file goes through plan.prepare in a worker (pool.py) and comes back as figures
(combine/unit.py); the list says who was expected; combine/sums.py adds up; combine/data_file.py
writes the combination, atomically, its earlier version kept in .truoc/; with --excel, its tables as
built go to a workbook beside it. Both are made before either is written, then written together
holding the folder's lock (history.write_all), as every command writes.

Exit codes (the README says them to clerks):
  0  written; every unit of the list combined.
  1  written, but not complete: a unit of the list sent nothing, sent another period, (with
     --bo-qua-loi) was left out for its errors, or had a table left out (another kind under the
     table's code); each is named on stderr and in the combination.
  2  nothing written: a unit's file has errors (each printed at its own file:line:col; --bo-qua-loi
     combines the others), a file names no unit of the list, the list itself is wrong, no unit could
     be combined, the combination made would not build (a unit's accepted finding, chap_nhan,
     carried into a sum: said at that acceptance), or the combination cannot be written.
"""

from __future__ import annotations

import os
import shlex
import sys
import tempfile
from pathlib import Path

from .. import limits
from ..combine import data_file
from ..combine.listing import read_listing
from ..combine.sums import STATES, Combination, combine
from ..combine.unit import UnitFigures, read_unit
from ..errors import Finding, Location, UserError, error, os_reason
from ..plan import Plan, prepare
from ..text import vi_format as vi
from ..write import docx, history
from .build import tables_output
from .pool import Crash, Pool, Progress

DEFAULT_NAME = "tong-hop.yaml"


def main(args) -> int:
    listing = read_listing(args.danh_sach)
    files = list({Path(f).resolve(): Path(f) for f in args.du_lieu}.values())  # a file given twice counts once
    out = Path(args.ra) if args.ra else listing.path.parent / DEFAULT_NAME
    if out.suffix.lower() not in (".yaml", ".yml"):
        raise error(out, "tệp tổng hợp là một tệp số liệu .yaml.", hint="ghi -o <tên>.yaml.")
    for given in files + [listing.path]:
        if given.resolve() == out.resolve():
            raise error(out, "tệp tổng hợp (-o) trùng với một tệp đầu vào của lệnh.",
                        hint="ghi tệp tổng hợp ở chỗ khác bằng -o, hoặc bỏ tệp tổng hợp cũ khỏi danh sách tệp của đơn vị.")
    units = []
    with Pool(read_unit, args.jobs or limits.cores()) as pool:
        for path, unit in pool.map(files, Progress(len(files), verb="đang đọc")):
            units.append(_crashed(path, unit) if isinstance(unit, Crash) else unit)
    combination = combine(listing, units)
    for unit in units:  # every unit's mistakes, each in its own file
        for finding in unit.errors:
            print(finding.format(), file=sys.stderr)
    for note in combination.notes:
        print(note.format(), file=sys.stderr)
    wrong = [s for s in combination.statuses if s.state in ("co_loi", "ngoai_danh_sach")]
    if wrong and not args.bo_qua_loi:
        _summary(combination)
        print(f"Chưa ghi tệp tổng hợp: {len(wrong)} tệp của đơn vị có lỗi (ở trên). Sửa rồi chạy lại, hoặc thêm "
              "--bo-qua-loi để tổng hợp các đơn vị còn lại.", file=sys.stderr)
        return 2
    if not combination.combined:
        _summary(combination)
        raise error(listing.path, "không có đơn vị nào tổng hợp được; chưa ghi tệp tổng hợp.",
                    hint="ghi sau lệnh các tệp số liệu của các đơn vị trong danh sách, cùng kỳ với danh sách.")
    data = data_file.text(combination, out, _command(files, listing.path, out, args)).encode("utf-8")
    plan = _prepared(out, data)
    if plan.errors:
        _summary(combination)
        raise UserError(_unbuildable(plan.errors, combination, out))
    documents = [(out, data)]
    if args.excel:
        documents.append((out.with_suffix(".xlsx"), tables_output(plan, out.parent).data))
    for path in _write(out.parent, documents):
        print(path)
    _summary(combination)
    complete = len(combination.combined) == len(combination.statuses) and not any(
        s.left_out for s in combination.statuses)
    return 0 if complete else 1


def _crashed(path: Path, crash: Crash) -> UnitFigures:
    where = Location(path)
    return UnitFigures(path, None, None, None, None, where,
                       (Finding(where, f"{crash.reason}\n{crash.details}".rstrip(),
                                "các đơn vị khác vẫn được tổng hợp; chạy lại lệnh, lỗi lặp lại thì báo lại kèm tệp này."),))


def _prepared(out: Path, data: bytes) -> Plan:
    """The combination prepared as it will be read back, before anything is written: from a
    temporary file beside `out` (so its kinds and folder resolve as for `out`), removed again; a
    killed command's leftover is one history.clean removes."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=out.parent, prefix=docx.TEMP_PREFIX, suffix=docx.TEMP_SUFFIX)
    except OSError as exc:
        raise _unwritable(out, exc) from None
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        return prepare(temporary)
    except OSError as exc:
        raise _unwritable(out, exc) from None
    finally:
        temporary.unlink(missing_ok=True)


def _unbuildable(errors: list[Finding], combination: Combination, out: Path) -> list[Finding]:
    """Why the combination, made, would not build — a unit's figure its own file accepts (chap_nhan:
    "đúng như sổ") carried into a sum the same check now refuses — said at that unit's acceptance,
    since the combination is never to be edited by hand. Nothing is written."""
    accepted = [(status, f) for status in combination.combined for f in status.figures.findings
                if getattr(f, "accepted", None)]
    codes = {getattr(e, "code", "") for e in errors}
    culprits = [(status, f) for status, f in accepted if f.code in codes] or accepted
    said = "; ".join(f"{e.message}" for e in errors[:3]) + ("; …" if len(errors) > 3 else "")
    if not culprits:
        return error(out, f"tệp tổng hợp làm ra có lỗi nên chưa ghi: {said}.",
                     hint="kiểm tra số liệu của các đơn vị bằng `baocao check`, sửa rồi chạy lại lệnh tổng hợp.").findings
    return [Finding(f.location, f"số liệu «{status.name}» đã chấp nhận (chap_nhan) đưa sai lệch vào tổng, tệp tổng "
                                f"hợp có lỗi nên chưa ghi {out.name}: {f.message}. Lỗi của tổng: {said}",
                    "sửa số liệu của đơn vị cho đúng rồi bỏ mục chap_nhan này, hoặc tổng hợp không có tệp của đơn vị "
                    "(bỏ tệp khỏi lệnh) rồi ghi số của đơn vị riêng trong báo cáo.")
            for status, f in culprits]


def _write(folder: Path, documents: list[tuple[Path, bytes]]) -> list[Path]:
    """The combination and its workbook written together, holding the folder's lock as every
    command writes (history.write_all): a workbook that could not be made left nothing written."""
    try:
        return history.write_all(folder, documents)
    except OSError as exc:
        raise _unwritable(documents[0][0], exc) from None


def _unwritable(path: Path, exc: OSError):
    return error(path, f"không ghi được tệp: {os_reason(exc)}.",
                 hint="kiểm tra quyền ghi vào thư mục và chỗ trống trên đĩa, hoặc chọn nơi khác bằng -o.")


def _summary(combination: Combination) -> None:
    listing = combination.listing
    period = vi.ten_ky(listing.data.ky.as_period())
    lines = [f"Tổng hợp {period}: {len(combination.combined)}/{len(listing.units)} đơn vị tổng hợp được, "
             f"{len(combination.tables)} bảng."]
    for state in ("chua_bao_cao", "ky_khac", "co_loi", "ngoai_danh_sach"):
        named = [s.name + (f" ({s.detail})" if s.detail and state != "chua_bao_cao" else "")
                 for s in combination.statuses if s.state == state]
        if named:
            lines.append(f"{STATES[state]}: " + ", ".join(named) + ".")
    partly = [f"{s.name} ({s.detail})" for s in combination.statuses if s.left_out]
    if partly:
        lines.append("Đã tổng hợp, còn bảng chưa tổng hợp (cảnh báo ở trên): " + ", ".join(partly) + ".")
    print("\n".join(lines), file=sys.stderr)


def _command(files: list[Path], listing: Path, out: Path, args) -> str:
    """The command that makes the combination again, run in its folder: the units' files as a
    pattern when they are every data file of their folders."""
    def rel(path: Path) -> str:  # quoted: a name with a space or a line break is one word of a shell
        return shlex.quote(data_file.relative(path, out))

    folders = sorted({f.resolve().parent for f in files})
    everything = sorted(p.resolve() for folder in folders for p in folder.glob("*.yaml"))
    named = ([_folder(data_file.relative(folder / "x.yaml", out)[:-len("x.yaml")]) + "*.yaml" for folder in folders]
             if sorted(f.resolve() for f in files) == everything else [rel(f) for f in sorted(files)])
    options = " --excel" if args.excel else ""
    options += " --bo-qua-loi" if args.bo_qua_loi else ""
    return f"baocao tong-hop --danh-sach {rel(listing)} {' '.join(named)} -o {shlex.quote(out.name)}{options}"


def _folder(prefix: str) -> str:
    """A folder before a `*.yaml` pattern, quoted so that the pattern still expands."""
    return shlex.quote(prefix) if prefix else ""
