"""`baocao ky-moi DỮ_LIỆU.yaml [-o MỚI.yaml] [--ky LOẠI] [--giu-so-lieu]`: the next period's data file.

Starts from the data file's plan (it must read and validate), writes the new file atomically and
never over an existing one, then says what is left to do: the figures to fill, the lines whose
prose still names the old period, and the command that lists every blank figure.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import error
from ..next_period import following, target_name, write_next
from ..plan import prepare
from ..text import vi_format as vi
from ..write.docx import atomic_write


def main(args) -> int:
    plan = prepare(args.du_lieu)
    report = plan.source.data.bao_cao
    old = report.ky.as_period() if report is not None else None
    target = Path(args.ra) if args.ra else (target_name(plan.path, old, following(old, args.ky)) if old else plan.path)
    if target.exists():
        raise error(target, "đã có tệp này; ky-moi không ghi đè tệp đã có.",
                    hint="chọn tên khác bằng -o TÊN.yaml, hoặc đổi tên tệp cũ trước.")
    made = write_next(plan, target, loai=args.ky, keep_figures=args.giu_so_lieu)
    try:
        atomic_write(target, made.text.encode("utf-8"))
    except OSError as exc:
        raise error(target, f"không ghi được tệp số liệu kỳ mới ({exc.strerror}).",
                    hint="kiểm tra thư mục và quyền ghi, hoặc chọn nơi khác bằng -o.") from None
    print(target)
    dropped = f"; bỏ {made.dropped} mục chap_nhan về số liệu kỳ trước" if made.dropped else ""
    print(f"Kỳ mới: {vi.ten_ky(made.period)}; ky_truoc trỏ tới {plan.path.name}; số và ngày văn bản để trống{dropped}.")
    if made.blanks:
        print(f"{made.blanks} số liệu để trống chờ điền. Xem danh sách (tệp:dòng:cột): baocao check {target}")
    for workbook in sorted(plan.source.workbooks):  # ky-moi edits the data file only
        print(f"Bảng lấy số từ bảng tính {workbook.name}: ky-moi không sửa bảng tính; điền số kỳ mới vào một bảng "
              f"tính mới và sửa 'tep' ở dòng excel: của tệp kỳ mới.")
    for linked in sorted(plan.source.row_files):  # a combination's tables: made again for the new period
        print(f"Bảng lấy dòng từ tệp số liệu {linked.name} (lay_tu): ky-moi không sửa tệp đó; tổng hợp kỳ mới "
              f"(baocao tong-hop) rồi sửa 'tep' ở dòng lay_tu: của tệp kỳ mới.")
    if made.mentions:
        print(f"{len(made.mentions)} chỗ còn nhắc kỳ cũ ({vi.ten_ky(old)})"
              + (f" hay năm {old.nam}" if made.period.nam != old.nam else "") + ", nên xem lại:")
        for mention in made.mentions:
            print(f"  {target}:{mention.line}: {mention.reason}")
    return 0

