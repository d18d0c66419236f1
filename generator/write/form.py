"""`baocao bieu`: a data form (biểu mẫu) a clerk fills in Excel, one sheet per table.

A first sheet says in Vietnamese how to fill the form and how the data file points to each sheet
(`excel: {tep, trang}`). Each table's sheet has the header tree merged as in the document, a row of
column codes under it (how baocao finds the columns: validate/sheet_rows.py), frozen so the header
stays in sight, then the rows to fill: for a data file's table its rows are laid out already (their
labels, row codes, levels and flags, and with `--kem-so-lieu` their figures), so a clerk only types
the figures. The columns baocao computes (totals, rates, Tăng/giảm, STT, a column carried over from
the previous period's file) are shaded and protected; figure columns carry a number validation (a warning, so that a link
`=bang.dong.cot` typed as text stays possible); the row columns (`cap`, `ma`, `trong_do`…) say what a
typed row says with keys. The sheet is protected without a password, rows may still be inserted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from openpyxl.styles import Alignment, Font, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..derive.table_layout import header
from ..validate.sheet_columns import (PREVIOUS_GROUP, ROW_COLUMNS, ROW_GROUP, STT_CODE, compared_keys, leaf_path,
                                      previous_code)
from ..validate.sheet_rows import MAX_LEVEL
from ..validate.table_kinds import Column, TableKind
from ..validate.table_rows import Row
from . import xlsx

INSTRUCTIONS = "Hướng dẫn"
FIRST_HEADER_ROW = 3  # row 1: the table's caption; row 2: how to fill it
BLANK_ROWS = 30  # rows laid out to fill below the given ones
VALIDATED_ROWS = 1000  # how far down the number validation and the unlocked cells reach
_UNLOCKED = Protection(locked=False)
_CODE_FONT = Font(name=xlsx.FONT, italic=True, size=9, color="808080")


@dataclass(frozen=True)
class FormTable:
    name: str  # what its sheet is named after: the table's code, or its kind
    caption: str  # the sheet's title
    kind: TableKind
    code: str | None = None  # the table's code in the data file (ma), for the pointing snippet
    rows: tuple[Row, ...] = ()  # the data file's rows, laid out in the form; none: a blank form
    figures: bool = False  # the rows' figures are written too, not only their labels and codes


def kind_caption(kind: TableKind) -> str:
    """A title for a blank form of a kind (no section to name it after): what its rows are and the
    headings of its first columns, e.g. "Số liệu theo Lĩnh vực: Số hồ sơ tiếp nhận, Số hồ sơ đã giải
    quyết, Đang giải quyết…"."""
    label = next((leaf for leaf in kind.leaves if leaf.kind == "chu" and leaf.key != "_stt"), None)
    heads = [xlsx.plain(col.label) for col in kind.columns if col is not label and col.key != "ghi_chu"]
    listed = ", ".join(heads[:3]) + ("…" if len(heads) > 3 else "")
    return (f"Số liệu theo {xlsx.plain(label.label)}: " if label is not None else "Số liệu: ") + listed


def sheet_names(tables: list[FormTable]) -> list[str]:
    return xlsx.sheet_names([t.name for t in tables])


def form_workbook(tables: list[FormTable], *, workbook_name: str, data_name: str | None, author: str,
                  created: dt.date) -> bytes:
    """The form's bytes; `workbook_name` is how the data file names it (excel: tep), `data_name`
    the data file it was written for, if any."""
    wb = xlsx.new_workbook()
    names = sheet_names(tables)
    _instructions(wb.create_sheet(INSTRUCTIONS), tables, names, workbook_name, data_name)
    for table, name in zip(tables, names):
        _table_sheet(wb.create_sheet(name), table)
    return xlsx.workbook_bytes(wb, author=author, created=created)


def form_tree(kind: TableKind) -> tuple[Column, ...]:
    """The form's header tree: the kind's, then the row columns, then the previous period's figures."""
    rows = Column(ROW_GROUP, children=tuple(Column(title, code, "chu", 0.8) for code, title in ROW_COLUMNS.items()))
    tree = kind.tree + (rows,)
    compared = compared_keys(kind)
    if compared:
        tree += (Column(PREVIOUS_GROUP, children=tuple(
            Column(" – ".join(leaf_path(kind, key)), previous_code(key), "so") for key in compared)),)
    return tree


def _codes(leaves: list[Column]) -> list[str]:
    return [STT_CODE if leaf.key == "_stt" else leaf.key for leaf in leaves]


def _table_sheet(ws, table: FormTable) -> None:
    kind = table.kind
    tree = form_tree(kind)
    leaves = [leaf for col in tree for leaf in col.leaves()]
    codes = _codes(leaves)
    computed = {k for k, leaf in enumerate(leaves) if leaf.key == "_stt" or leaf.derive is not None}
    caption = ws.cell(1, 1, xlsx.plain(table.caption))
    caption.font = Font(name=xlsx.FONT, bold=True, size=13)
    note = ws.cell(2, 1, "Điền mỗi dòng của bảng vào một hàng, dưới hàng mã cột (chữ nhỏ màu xám, không sửa). "
                         "Ô nền xám baocao tự tính: để trống. Xem trang «Hướng dẫn».")
    note.font = Font(name=xlsx.FONT, italic=True)
    rows = header(tree)
    xlsx.write_header(ws, rows, FIRST_HEADER_ROW)
    code_row = FIRST_HEADER_ROW + len(rows)
    for k, code in enumerate(codes):
        cell = ws.cell(code_row, k + 1, code)
        cell.font, cell.border = _CODE_FONT, xlsx.border()
        cell.alignment = Alignment(horizontal="center")
        if k in computed:
            for row in range(FIRST_HEADER_ROW, code_row + 1):
                ws.cell(row, k + 1).fill = xlsx.computed_fill()
    first = code_row + 1
    written = _rows(ws, table, codes, first)
    for row in range(first, first + written + BLANK_ROWS):
        for k in range(len(leaves)):
            cell = ws.cell(row, k + 1)
            cell.border = xlsx.border()
            if k in computed:
                cell.fill = xlsx.computed_fill()
            else:
                cell.protection = _UNLOCKED
                if leaves[k].kind == "so":
                    cell.number_format = xlsx.INTEGER
    for k, leaf in enumerate(leaves):
        letter = get_column_letter(k + 1)
        if k not in computed:  # cells below the laid-out rows stay fillable
            ws.column_dimensions[letter].protection = _UNLOCKED
        _validation(ws, leaf, f"{letter}{first}:{letter}{first + VALIDATED_ROWS - 1}")
    xlsx.set_widths(ws, [leaf.width for leaf in leaves])
    ws.freeze_panes = ws.cell(first, 1)
    protection = ws.protection
    protection.sheet = True  # no password: it guards against typing over a computed cell, nothing more
    protection.formatCells = protection.formatColumns = protection.formatRows = False
    protection.insertRows = protection.deleteRows = protection.sort = protection.autoFilter = False


def _rows(ws, table: FormTable, codes: list[str], first: int) -> int:
    """The data file's rows written in, one per sheet row (their figures only with `figures`); how many."""
    column = {code: k + 1 for k, code in enumerate(codes)}
    count = 0
    for count, row in enumerate(_flat(table.rows), start=1):
        r = first + count - 1
        for key, value in row.values.items():
            if key in ("dam", "nghieng", "cong_con"):
                if value:
                    ws.cell(r, column[key], "x")
            elif key in column and (table.figures or key == "ma" or table.kind.by_key[key].kind == "chu"):
                xlsx.store(ws.cell(r, column[key]), value)
        if row.level > 1:
            ws.cell(r, column["cap"], row.level)
        if row.is_part:
            ws.cell(r, column["trong_do"], "x")
        for key, value in (row.previous or {}).items() if table.figures else ():
            ws.cell(r, column[previous_code(key)], value)
    return count


def _flat(rows: tuple[Row, ...]):
    for row in rows:
        yield row
        yield from _flat(row.parts)
        yield from _flat(row.children)


def _validation(ws, leaf: Column, cells: str) -> None:
    if leaf.derive is not None or leaf.key == "_stt":
        return
    if leaf.kind == "so":
        rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", errorStyle="warning",
                              errorTitle="Số đếm", error="Ô này cần một số nguyên không âm (ví dụ 1297). Lấy giá trị "
                              "từ bảng khác thì gõ '=bang.dong.cot (dấu nháy đơn ở đầu).")
    elif leaf.kind == "ty_le":
        rule = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", errorStyle="warning",
                              errorTitle="Tỷ lệ", error="Ô này cần một tỷ lệ từ 0 đến 100 (ví dụ 99,5).")
    elif leaf.key == "cap":
        rule = DataValidation(type="whole", operator="between", formula1="1", formula2=str(MAX_LEVEL),
                              errorTitle="Cấp", error=f"Cấp của dòng là một số từ 1 đến {MAX_LEVEL}.")
    elif leaf.key in ROW_COLUMNS and leaf.key != "ma":
        rule = DataValidation(type="list", formula1='"x"', errorTitle=ROW_COLUMNS[leaf.key],
                              error="Ghi x cho dòng có tính chất này, để trống cho dòng không có.")
    else:
        return
    rule.showErrorMessage = True
    ws.add_data_validation(rule)
    rule.add(cells)


def _instructions(ws, tables: list[FormTable], names: list[str], workbook_name: str, data_name: str | None) -> None:
    lines: list[tuple[str, str]] = [  # (style, text)
        ("title", "BIỂU MẪU NHẬP SỐ LIỆU CÁC BẢNG" + (f" — {data_name}" if data_name else "")),
        ("", ""),
        ("head", "Cách điền"),
        ("", "1. Mỗi trang (sheet) sau trang này là một bảng. Điền mỗi dòng của bảng vào một hàng, bắt đầu ngay "
             "dưới hàng mã cột (hàng chữ nhỏ màu xám dưới tiêu đề); không sửa, không xóa hàng mã cột."),
        ("", "2. Ô nền xám (cột tổng, tỷ lệ, Tăng (+)/giảm (-), STT, và cột lấy số của tệp kỳ trước như «Từ kỳ "
             "trước») do baocao tự tính: để trống. Dòng TỔNG CỘNG cũng do baocao tính, không điền."),
        ("", "3. Số gõ vào ô dạng số (9737), hoặc theo cách viết Việt Nam (9.737; 99,9). Số viết kiểu khác "
             "(1,234 hay 1.5) baocao không đoán mà báo lỗi. Ô không có số liệu thì để trống."),
        ("", "4. Thông tin dòng (không in ra văn bản): «Mã dòng» đặt tên cho dòng để đoạn văn trích số liệu "
             "[=mã_bảng.mã_dòng.mã_cột]; «Cấp» để trống (hay 1) cho dòng thường, 2 cho dòng con của dòng cấp 1 "
             "ngay phía trên, 3 cho dòng con của dòng cấp 2…; «Trong đó» ghi x cho các phần \"trong đó\" của dòng "
             "phía trên (cùng ghi cấp lớn hơn một bậc); «In đậm», «In nghiêng» ghi x; «Cộng dòng con» ghi x khi "
             "dòng nhóm lấy tổng các dòng con."),
        ("", "5. Lấy giá trị từ một ô của bảng khác: gõ '=mã_bảng.mã_dòng.mã_cột (dấu nháy đơn ở đầu để Excel "
             "giữ nguyên chữ, không coi là công thức)."),
        ("", "6. Không gộp ô (merge) trong phần số liệu. Có thể chèn thêm hàng. Công thức Excel dùng được: "
             "baocao đọc giá trị đã tính, nên hãy lưu tệp bằng Excel hoặc LibreOffice trước khi tạo văn bản."),
        ("", ""),
        ("head", "Tệp số liệu trỏ tới biểu mẫu này"),
        ("", "Trong tệp số liệu (.yaml), ở mỗi bảng, thay danh sách 'dong:' bằng khóa 'excel:' chỉ tới trang của "
             "bảng (đường dẫn tệp tính từ thư mục chứa tệp số liệu):"),
    ]
    for table, name in zip(tables, names):
        lines.append(("", ""))
        if table.kind.inline:  # its columns are declared in the data file: they stay there
            lines.append(("", f"Bảng «{table.code or name}» (các cột khai báo ngay trong tệp số liệu): giữ nguyên "
                              "'kieu' và 'ma', chỉ thay 'dong:' cùng các dòng của nó bằng dòng:"))
            lines.append(("code", f"    excel: {{tep: \"{workbook_name}\", trang: \"{name}\"}}"))
            continue
        lines.append(("code", "- bang:"))
        lines.append(("code", f"    kieu: {table.kind.name}"))
        if table.code:  # [=ma.dong.cot] citations keep working
            lines.append(("code", f"    ma: {table.code}"))
        lines.append(("code", f"    excel: {{tep: \"{workbook_name}\", trang: \"{name}\"}}"))
    fonts = {"title": Font(name=xlsx.FONT, bold=True, size=14), "head": Font(name=xlsx.FONT, bold=True, size=12),
             "code": Font(name="Courier New", size=11), "": Font(name=xlsx.FONT, size=12)}
    for r, (style, text) in enumerate(lines, start=1):
        cell = ws.cell(r, 1, text or None)
        cell.font = fonts[style]
        cell.alignment = Alignment(wrap_text=style != "code", vertical="top")
    ws.column_dimensions["A"].width = 120
