"""`baocao bieu`: write a data form (.xlsx) for a data file's tables, or for table kinds by name.

With a data file, its tables are prepared (plan.prepare_tables) and the form has one sheet per table
of it, named as the data file will point to it, its rows laid out (labels and row codes) for the
figures to be typed; `--kem-so-lieu` writes the figures the data file has too (moving a table's rows
from the YAML to Excel). The form is written while the file still has mistakes, as long as its
tables' rows could be read: right after `ky-moi`, every figure is blank, and that is when a clerk
wants the form; the mistakes are said after it. With `--kieu`, one blank sheet per kind named. A
form that exists is never written over without `--ghi-de`: it may hold a clerk's figures (with it,
the earlier form is kept in .truoc/).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ..errors import error, os_reason
from ..plan import prepare_tables
from ..text.suggest import did_you_mean
from ..validate.table_kinds import load_kinds
from ..write import history
from ..write.form import FormTable, form_workbook, kind_caption, sheet_names

FIXED_DAY = dt.date(2000, 1, 1)  # a form for table kinds only has no document to date it by


def main(args) -> int:
    data_file, kinds, out, with_rows, overwrite = args.du_lieu, args.kieu or [], args.ra, args.kem_so_lieu, args.ghi_de
    if data_file is None and not kinds:
        raise error(Path("baocao bieu"), "cần một tệp số liệu, hoặc các kiểu bảng sau --kieu.",
                    hint="ví dụ: baocao bieu data/an-lao-2021-quy1.yaml, hoặc baocao bieu --kieu ho_so_linh_vuc -o so-lieu.xlsx.")
    if out is None:
        out = (data_file.parent / f"{data_file.stem}-so-lieu.xlsx") if data_file is not None else Path("bieu-mau.xlsx")
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise error(out, "biểu mẫu ghi ra phải có đuôi .xlsx.", hint="ví dụ -o so-lieu.xlsx.")
    if out.exists() and not overwrite:
        raise error(out, "tệp này đã có và có thể đang giữ số liệu đã điền: không ghi đè.",
                    hint="ghi ra tên khác bằng -o, hoặc thêm --ghi-de để thay (bản cũ được cất vào .truoc/).")
    forms, author, created, mistakes = [], "baocao", FIXED_DAY, ()
    if data_file is not None:
        planned = prepare_tables(Path(data_file))
        forms = [FormTable(t.code or t.kind.name, planned.captions[t.path], t.kind, t.code, t.rows, with_rows)
                 for t in planned.tables]
        author, created, mistakes = planned.author, planned.created or FIXED_DAY, planned.findings
        if not forms and not kinds:
            raise error(Path(data_file), "tệp số liệu không có bảng nào (khóa bang) để làm biểu mẫu.",
                        hint="thêm --kieu KIỂU_BẢNG để làm biểu mẫu cho một kiểu bảng trong templates/bang.yaml.")
    known = load_kinds()
    for name in kinds:
        if name not in known:
            raise error(Path("templates/bang.yaml"), f"không có kiểu bảng '{name}'.",
                        hint=did_you_mean(name, known) or "các kiểu bảng: " + ", ".join(known) + ".")
        forms.append(FormTable(name, kind_caption(known[name]), known[name]))
    base = Path(data_file).parent if data_file is not None else out.parent
    data = form_workbook(forms, workbook_name=Path(os.path.relpath(out.resolve(), base.resolve())).as_posix(),
                         data_name=Path(data_file).name if data_file is not None else None,
                         author=author, created=created)
    try:  # under the folder's lock, as every command writes
        history.write_all(out.parent, [(out, data)])
    except OSError as exc:
        raise error(out, f"không ghi được biểu mẫu: {os_reason(exc)}.",
                    hint="kiểm tra quyền ghi vào thư mục, và đóng tệp nếu đang mở trong Excel.") from None
    print(out)
    print("Các trang: " + ", ".join(f"«{n}»" for n in sheet_names(forms))
          + ". Trang «Hướng dẫn» ghi cách điền và cách tệp số liệu trỏ tới từng trang.")
    if mistakes:  # the form did not need them fixed; the document will
        print(f"Tệp số liệu còn {len(mistakes)} lỗi (số liệu chưa điền…): biểu mẫu vẫn được ghi; "
              f"xem danh sách bằng baocao check {data_file}")
    return 0
