"""`baocao moi LOẠI CẤP [TỆP.yaml] [--ten …] [--tinh …] [--nam …] [--quy … | --thang …]`: a starter.

The shortest path from nothing to a document: a commented data file for a kind of document and an
issuing level that builds as written. It never overwrites a file; "-" prints it instead.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from ..errors import error
from ..starters import KINDS, Starter, default_name, level_of, text
from ..text import vi_format as vi
from ..text.levels import STARTER_LEVELS, listed
from ..write.docx import atomic_write


def main(args) -> int:
    level = level_of(args.cap)
    if level is None:
        raise error(Path(args.cap), f"không có cấp '{args.cap}'.",
                    hint=f"chọn một trong: {listed(STARTER_LEVELS)} (gõ không dấu cũng được: xa, phuong, dac-khu, tinh, so).")
    today = dt.date.today()
    year = args.nam or today.year
    if args.thang:
        period = vi.Ky("thang", year, args.thang)
    else:
        period = vi.Ky("quy", year, args.quy or (today.month - 1) // 3 + 1)
    starter = Starter(args.loai, level, args.ten or "…", args.tinh or "…", period)
    target = args.tep or Path(default_name(starter))
    content = text(starter, "-" if str(target) == "-" else str(target))
    if str(target) == "-":
        sys.stdout.write(content)
        return 0
    target = Path(target)
    if target.exists():
        raise error(target, "đã có tệp này; baocao moi không ghi đè tệp đã có.",
                    hint="chọn tên khác (đối số TỆP.yaml), hoặc đổi tên tệp cũ trước.")
    try:
        atomic_write(target, content.encode("utf-8"))
    except OSError as exc:
        raise error(target, f"không ghi được tệp ({exc.strerror}).", hint="kiểm tra thư mục và quyền ghi.") from None
    print(target)
    print(f"Đã tạo tệp bắt đầu: {KINDS[args.loai]}, cấp {level}, {vi.ten_ky(period)}. Điền các chỗ còn để … "
          f"(tên, người ký), thay các số minh họa (chú thích trong tệp nói từng khóa là gì), rồi: baocao build {target}")
    return 0
