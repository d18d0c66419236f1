"""`baocao template check MẪU.docx [--du-lieu DỮ_LIỆU.yaml]` and `baocao template vars [--du-lieu …]`.

With a data file, both start from the data file's plan, exactly as build does: the trial render is
the document build would write, the examples are the values build's templates see.
"""

from __future__ import annotations

from pathlib import Path

from .. import limits, worker
from ..errors import Finding, UserError
from ..kinds.report import TEMPLATE
from ..lint.check import check
from ..lint.variables import FILTERS_VI, shortcuts, variables
from ..plan import prepare
from ..render import require_docx


def main(args) -> int:
    if args.lenh_mau == "check":
        # the whole check runs in the worker, within its limits: the template is someone else's file
        # (a .docx of 64 MB of paragraphs, tags nested deep), and the trial fill runs it
        findings, data_errors = worker.run(checked, args.mau, args.du_lieu, template=args.mau, doing=limits.CHECKING)
        return _check(args.mau, args.du_lieu, findings, data_errors)
    plan = prepare(args.du_lieu) if args.du_lieu is not None else None  # a file that does not read stops here
    if plan is not None and plan.errors:  # build would refuse it: so does the listing of its values
        raise UserError(list(plan.findings))
    return _vars(plan)


def checked(template: Path, data_file: Path | None) -> tuple[list[Finding], list[Finding]]:
    """In the worker: the template's own mistakes; with a data file, its trial render, or the data
    file's own mistakes (which build would stop at), kept apart."""
    require_docx(template)
    data_errors: list[Finding] = []
    plan = None
    if data_file is not None:
        try:
            plan = prepare(data_file)
        except UserError as exc:
            data_errors = exc.findings
        else:
            data_errors = plan.errors
    return check(template, plan if not data_errors else None), data_errors


def _check(template: Path, data_file: Path | None, findings: list[Finding], data_errors: list[Finding]) -> int:
    """The template's own mistakes first; the data file's under a summary line of their own."""
    for finding in findings:
        print(finding.format())
    errors = sum(f.severity == "lỗi" for f in findings)
    warnings = len(findings) - errors
    print(f"{template}: {errors} lỗi, {warnings} cảnh báo." if findings else f"{template}: không thấy lỗi nào.")
    if data_errors:
        for finding in data_errors:
            print(finding.format())
        print(f"{data_file}: {len(data_errors)} lỗi trong tệp số liệu; chưa điền thử mẫu bằng tệp này "
              "(sửa các lỗi trên rồi chạy lại).")
    return 2 if errors or data_errors else 0


def _vars(plan) -> int:
    rows = variables(plan)
    print("BIẾN (dùng trong {{ … }} và {% … %}):")
    for name, description, example in rows:
        print(f"  {name}")
        if description:
            print(f"      {description}")
        if example:
            print(f"      ví dụ: {example}")
    print(f"\nTÊN NGẮN MẪU CÓ SẴN ĐẶT RA ({TEMPLATE.name}):")
    for name, meaning in shortcuts(TEMPLATE):
        print(f"  {name} {meaning}")
    print("  loop.index: số thứ tự 1, 2, … của mục đang lặp (trong vòng lặp)")
    print("\nBỘ LỌC CỦA BAOCAO (viết sau dấu |):")
    for name, (description, example) in FILTERS_VI.items():
        print(f"  {name}: {description}. Ví dụ: {example}")
    print("\nCác bộ lọc sẵn có của Jinja cũng dùng được, ví dụ: upper, lower, join, length, default, replace.")
    return 0
