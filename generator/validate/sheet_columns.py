"""Which column of a workbook's sheet feeds which column of a table kind (sheet_rows.py reads the rows).

Columns are found by a row of column codes (`linh_vuc`, `moi`…; the data form has one under its
header), or else by their header titles as the document prints them: the merged group titles above a
leaf's title, or a leaf's own title where it ends one column's titles only. Where the header starts
and how many rows it has is found by trying the first rows of the area and keeping what matches
best. A column the kind computes (totals, rates, Tăng/giảm) or the STT column may stand in the
sheet and is left unread. `ROW_COLUMNS` and the previous period's columns say, as columns, what a
typed row says with keys; the data form (write/form.py) writes the same titles and codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import Finding, Location, column_letter
from ..read import workbook
from ..text import markup
from ..text.suggest import did_you_mean
from .row_values import PREVIOUS
from .table_kinds import Column, TableKind

# What a typed row says with its keys, as columns of the sheet: code → title.
ROW_COLUMNS = {
    "ma": "Mã dòng",
    "cap": "Cấp",
    "trong_do": "Trong đó",
    "dam": "In đậm",
    "nghieng": "In nghiêng",
    "cong_con": "Cộng dòng con",
}
ROW_GROUP = "Thông tin dòng (không in)"  # the group title of ROW_COLUMNS in the data form
PREVIOUS_GROUP = "Số liệu kỳ trước (cho cột Tăng/giảm)"
STT_CODE = "stt"
_HEADER_SCAN = 8  # rows at the top of the area where the header may start
_CODE_CELL = re.compile(r"^[a-z_][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)?$")


@dataclass(frozen=True)
class Target:
    """What a sheet column feeds: a kind's column, a row key (ROW_COLUMNS), a previous figure, or
    nothing (a column baocao computes, the STT)."""

    role: str  # "cot" | "dong" | "truoc" | "bo_qua" | "extra" (reported) | "khong_ten" (a group's, untitled)
    key: str
    column: Column | None = None


def previous_code(key: str) -> str:
    return f"{PREVIOUS}.{key}"


def compared_keys(kind: TableKind) -> list[str]:
    """The columns a Tăng/giảm column compares with the previous period."""
    return [leaf.derive[1] for leaf in kind.leaves if leaf.derive and leaf.derive[0] == "so_voi"]


def targets(kind: TableKind) -> dict[str, Target]:
    """Every code a sheet's code row may hold for `kind`."""
    found: dict[str, Target] = {}
    for leaf in kind.leaves:
        if leaf.key == "_stt":
            found[STT_CODE] = Target("bo_qua", STT_CODE)
        else:
            found[leaf.key] = Target("bo_qua" if leaf.derive else "cot", leaf.key, leaf)
    for code in ROW_COLUMNS:
        found.setdefault(code, Target("dong", code))
    for key in compared_keys(kind):
        found[previous_code(key)] = Target("truoc", key, kind.by_key[key])
    return found


def title_paths(kind: TableKind) -> dict[tuple[str, ...], str]:
    """Each code's header titles from the top, as the data form writes them (plain words)."""
    paths = _tree_paths(kind)
    for code, title in ROW_COLUMNS.items():
        paths[(ROW_GROUP, title)] = code
    for key in compared_keys(kind):
        paths[(PREVIOUS_GROUP,) + leaf_path(kind, key)] = previous_code(key)
    return paths


def leaf_path(kind: TableKind, key: str) -> tuple[str, ...]:
    """A column's header titles from the top, e.g. ("Số hồ sơ đã tiếp nhận", "Trong đó", "Số mới tiếp nhận")."""
    return next(path for path, code in _tree_paths(kind).items() if code == key)


def _tree_paths(kind: TableKind) -> dict[tuple[str, ...], str]:
    """Each leaf of the kind's header tree (the STT column's code is STT_CODE) by its titles."""
    paths: dict[tuple[str, ...], str] = {}

    def visit(col: Column, above: tuple[str, ...]) -> None:
        here = above + (plain(col.label),)
        for child in col.children:
            visit(child, here)
        if not col.children:
            paths[here] = STT_CODE if col.key == "_stt" else col.key
    for col in kind.tree:
        visit(col, ())
    return paths


def plain(text: str) -> str:
    """A header title's words: markup and footnotes dropped, spaces collapsed."""
    try:
        words = "".join(r.text for r in markup.parse_inline(text) if isinstance(r, markup.Run))
    except markup.MarkupError:
        words = text
    return " ".join(words.split())


def _same(text: str) -> str:
    return " ".join(str(text).split()).casefold().rstrip(":")


def columns_of(sheet: workbook.Sheet, area, kind: TableKind,
            findings: list[Finding]) -> tuple[int, dict[int, Target]] | None:
    """The header's last row and what each column feeds: by a row of codes when there is one,
    else by titles (the header's first row and height chosen where the titles match best)."""
    top, left, bottom, right = area
    codes = targets(kind)
    scan = range(top, min(bottom, top + _HEADER_SCAN + kind_depth(kind)) + 1)
    for row in scan:  # a row of codes only, at least half of them the kind's
        cells = {c: sheet.value(row, c) for c in range(left, right + 1) if sheet.value(row, c) is not None}
        texts = {c: v.strip() for c, v in cells.items() if isinstance(v, str)}
        if cells and len(texts) == len(cells) and all(_CODE_CELL.match(v) for v in texts.values()) \
                and 2 * sum(v in codes for v in texts.values()) >= len(texts):
            return row, _by_codes(sheet, row, texts, codes, kind, findings)
    best = None
    for start in scan:
        for height in range(1, kind_depth(kind) + 2):
            if start + height - 1 > bottom:
                break
            columns, extra, missing = _by_titles(sheet, area, start, height, kind)
            score = (len(extra) + len(missing), -height)
            if best is None or score < best[0]:
                best = (score, start + height - 1, columns, extra, missing)
    if best is None:
        return None
    _, last, columns, extra, missing = best
    for col, text in extra:
        columns[col] = Target("extra", text)  # reported here, its cells not again
        findings.append(Finding(sheet.at(last, col), f"cột «{text}» không có trong bảng kiểu '{kind.name}'",
                                _known_titles(kind)))
    _report_missing(sheet, last, missing, kind, findings)
    return last, columns


def kind_depth(kind: TableKind) -> int:
    return max(col.depth() for col in kind.tree)


def _by_codes(sheet, row: int, texts: dict[int, str], codes: dict[str, Target], kind: TableKind,
              findings: list[Finding]) -> dict[int, Target]:
    columns: dict[int, Target] = {}
    seen: dict[str, int] = {}
    for col, text in texts.items():
        if text not in codes:
            findings.append(Finding(sheet.at(row, col), f"bảng kiểu '{kind.name}' không có cột mã '{text}'",
                                    did_you_mean(text, [c for c in codes if c != STT_CODE])
                                    or "các mã cột: " + ", ".join(c for c in codes if c != STT_CODE) + "."))
            columns[col] = Target("extra", text)
            continue
        if text in seen:
            findings.append(Finding(sheet.at(row, col), f"cột mã '{text}' có hai lần (cột {column_letter(seen[text])} "
                                                       f"và cột {column_letter(col)})", "xóa một trong hai cột."))
            columns[col] = Target("extra", text)
            continue
        seen[text] = col
        columns[col] = codes[text]
    _report_missing(sheet, row, [k for k in kind.typed_keys if k not in seen], kind, findings)
    return columns


def _by_titles(sheet, area, start: int, height: int, kind: TableKind):
    """Columns matched by their titles in rows start…start+height-1: the full path of titles, or
    the path's end when it ends one column's path only."""
    _, left, _, right = area
    paths = title_paths(kind)
    by_end: dict[tuple[str, ...], list[str]] = {}
    for path, code in paths.items():
        for k in range(len(path)):
            by_end.setdefault(tuple(_same(t) for t in path[k:]), []).append(code)
    full = {tuple(_same(t) for t in path): code for path, code in paths.items()}
    codes = targets(kind)
    columns: dict[int, Target] = {}
    extra: list[tuple[int, str]] = []
    seen: set[str] = set()
    for col in range(left, right + 1):
        titles: list[str] = []
        for row in range(start, start + height):
            value = sheet.value(row, col)
            if value is None:
                continue
            text = " ".join(str(value).split())
            if text and (not titles or titles[-1] != text):
                titles.append(text)
        if not titles:
            continue
        key = tuple(_same(t) for t in titles)
        code = full.get(key)
        if code is None and len(by_end.get(key, [])) == 1:
            code = by_end[key][0]
        if code is None and len(titles) == 1 and titles[0] in codes:
            code = titles[0]
        if code is None and any(path[:len(key)] == key for path in full):  # only group titles: no title of its own
            columns[col] = Target("khong_ten", " / ".join(titles))
            continue
        if code is None or code in seen:
            extra.append((col, " / ".join(titles)))
            continue
        seen.add(code)
        columns[col] = codes[code]
    missing = [k for k in kind.typed_keys if k not in seen]
    return columns, extra, missing


def _report_missing(sheet, row: int, missing: list[str], kind: TableKind, findings: list[Finding]) -> None:
    for key in missing:
        title = " / ".join(leaf_path(kind, key))
        findings.append(Finding(Location(sheet.book, row, sheet=sheet.name),
                                f"thiếu cột «{title}» (mã {key}) của bảng kiểu '{kind.name}'",
                                "thêm cột này vào bảng (để trống nếu không có số liệu), với chữ tiêu đề như trên "
                                f"hoặc mã '{key}' ở hàng mã cột."))


def _known_titles(kind: TableKind) -> str:
    names = [" / ".join(path) for path, code in _tree_paths(kind).items()
             if code != STT_CODE and not kind.by_key[code].derive]
    return ("xóa cột này, hoặc ghi 'vung' để chỉ đọc phần bảng; các cột của kiểu bảng: "
            + "; ".join(f"«{n}»" for n in names) + ".")
