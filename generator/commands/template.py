"""`baocao template check MẪU.docx [--du-lieu DỮ_LIỆU.yaml]` and `baocao template vars [--du-lieu …]`.

With a data file, both start from the data file's plan, exactly as build does: the trial render is
the document build would write, the examples are the values build's templates see.
"""

from __future__ import annotations

from ..kinds.report import TEMPLATE
from ..lint.check import check
from ..lint.variables import FILTERS_VI, shortcuts, variables
from ..plan import prepare
from ..render import require_docx


def main(args) -> int:
    if args.lenh_mau == "check":
        require_docx(args.mau)  # the template first: it is what the command checks
    plan = prepare(args.du_lieu) if args.du_lieu is not None else None  # a bad data file stops here
    return _check(args.mau, plan) if args.lenh_mau == "check" else _vars(plan)


def _check(template, plan) -> int:
    findings = check(template, plan)
    for finding in findings:
        print(finding.format())
    errors = sum(f.severity == "lỗi" for f in findings)
    warnings = len(findings) - errors
    print(f"{template}: {errors} lỗi, {warnings} cảnh báo." if findings else f"{template}: không thấy lỗi nào.")
    return 2 if errors else 0


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
