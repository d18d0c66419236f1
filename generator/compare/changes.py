"""What changed between two versions of a document, in the document's own words.

Paragraphs are aligned with difflib on their text (a heading's number left out, so dropping a
section does not report every later heading as changed); a changed paragraph shows only the words
that changed, with a little context: `…giải quyết [9.737 → 9.744] hồ sơ…`. Tables are paired by
their column headers, rows by their name, cells by their grid column; footnotes by their text.
The alignment keeps the elements of both documents, so compare/tracked.py can mark the changes.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from .document import Footnotes, Note, Para, Row, Table, cell_text, read, read_footnotes, short

CONTEXT_WORDS = 2


@dataclass
class Change:
    """One change. `old`/`new` are the paragraphs (w:p) or table rows (w:tr) involved; a removed
    one is put back, marked deleted, before `anchor` (or at the end of `parent` when None)."""

    where: str
    summary: str
    kind: str  # "sửa", "thêm", "bỏ"
    old: object = None
    new: object = None
    anchor: object = None
    parent: object = None
    pieces: list[tuple[str, int, int, int, int]] = field(default_factory=list)  # character opcodes
    footnotes: Footnotes | None = None  # the part the change is in, when not the body


def compare(old_document, new_document) -> list[Change]:
    old_paras, old_tables = read(old_document)
    new_paras, new_tables = read(new_document)
    changes = _compare_paragraphs(old_paras, new_paras, new_document.element.body)
    tables = difflib.SequenceMatcher(None, [_table_key(t) for t in old_tables],
                                     [_table_key(t) for t in new_tables], autojunk=False)
    for tag, i1, i2, j1, j2 in tables.get_opcodes():
        for k in range(max(i2 - i1, j2 - j1)):
            old = old_tables[i1 + k] if i1 + k < i2 else None
            new = new_tables[j1 + k] if j1 + k < j2 else None
            if old and new:
                changes += _compare_table(old, new)
            elif new:
                changes.append(Change(f"{new.where} (bảng mới)", short(" | ".join(new.columns.values())), "thêm",
                                      None, new.element))
            else:
                changes.append(Change(f"{old.where} (bảng bị bỏ)", "", "bỏ"))
    return changes + _compare_footnotes(read_footnotes(old_document, old_paras), read_footnotes(new_document, new_paras))


def _compare_footnotes(old: Footnotes | None, new: Footnotes | None) -> list[Change]:
    """Footnotes aligned on their text; a changed one shows its words, a new one is marked with
    its reference. A removed footnote is listed only: its reference is gone from NEW."""
    olds, news = old.notes if old else [], new.notes if new else []
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(None, [_note_key(n) for n in olds], [_note_key(n) for n in news], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for k in range(max(i2 - i1, j2 - j1) if tag != "equal" else 0):
            o = olds[i1 + k] if i1 + k < i2 else None
            n = news[j1 + k] if j1 + k < j2 else None
            if o and n:
                found = _compare_paragraphs(o.paras, n.paras, n.element, n.where)
            elif n:
                found = [Change(f"{n.where} (chú thích mới)", short(_note_key(n)), "thêm", None, n.element, anchor=n.ref)]
            else:
                found = [Change(f"{o.where} (chú thích bị bỏ)", short(_note_key(o)), "bỏ")]
            for change in found:
                change.footnotes = new
            changes += found
    return changes


def _note_key(note: Note) -> str:
    return " / ".join(p.key for p in note.paras)


def _table_key(table: Table) -> str:
    """Tables are paired by their column headers."""
    return "|".join(table.columns.values())


def _compare_paragraphs(old: list[Para], new: list[Para], parent, where: str = "") -> list[Change]:
    """Changes between two runs of paragraphs; `where` prefixes locations (a table cell's)."""
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(None, [p.key for p in old], [p.key for p in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            o = old[i1 + k] if i1 + k < i2 else None
            n = new[j1 + k] if j1 + k < j2 else None
            if o and n:
                pieces, summary = words_changed(o.text, n.text)
                changes.append(Change(where or n.where, summary, "sửa", o.element, n.element, pieces=pieces))
            elif n:
                changes.append(Change(f"{where or n.where} (đoạn mới)", short(n.text), "thêm", None, n.element))
            else:
                anchor = new[j2].element if j2 < len(new) else None
                changes.append(Change(f"{where or o.where} (đoạn bị bỏ)", short(o.text), "bỏ", o.element, None,
                                      anchor=anchor, parent=parent if anchor is None else None))
    return changes


def _compare_table(old: Table, new: Table) -> list[Change]:
    """Rows are paired by their name; a row whose name changed too (the `Số: …` row of the
    header once the number is given) is paired with the unpaired old row at the same place.
    Cells are paired by their grid column, and named by its header."""
    old_rows, new_rows = _rows_by_label(old), _rows_by_label(new)
    unpaired = {index: key for key, index in old_rows.items() if key not in new_rows}
    changes: list[Change] = []
    for key, index in new_rows.items():
        row = new.rows[index]
        old_key = key if key in old_rows else unpaired.pop(index, None)
        if old_key is None:
            changes.append(Change(f"{new.where}, {row.label} (hàng mới)", _row_text(row), "thêm", None, row.element))
            continue
        old_cells = {cell.column: cell for cell in old.rows[old_rows[old_key]].cells}
        for cell in row.cells:
            old_cell = old_cells.get(cell.column)
            old_paras = old_cell.paras if old_cell else []
            if [p.key for p in old_paras] == [p.key for p in cell.paras]:
                continue
            name = new.columns.get(cell.column)
            column = f"cột «{name}»" if name else f"cột {cell.column + 1}"
            changes += _compare_paragraphs(old_paras, cell.paras, cell.element, f"{new.where}, {row.label}, {column}")
    for index, key in unpaired.items():
        row = old.rows[index]
        changes.append(Change(f"{old.where}, {row.label} (hàng bị bỏ)", _row_text(row), "bỏ", row.element, None,
                              anchor=_row_anchor(new, old_rows, new_rows, key), parent=new.element))
    return changes


def _row_text(row: Row) -> str:
    return short(" | ".join(cell_text(c.paras) for c in row.cells))


def _rows_by_label(table: Table) -> dict[tuple[str, int], int]:
    """Row index by the row's name and its occurrence (for repeated names)."""
    rows: dict[tuple[str, int], int] = {}
    count: dict[str, int] = {}
    for k, row in enumerate(table.rows):
        count[row.label] = count.get(row.label, 0) + 1
        rows[(row.label, count[row.label])] = k
    return rows


def _row_anchor(new: Table, old_rows: dict, new_rows: dict, key):
    """The new table's row a removed row is shown before: the one that followed it, if kept."""
    keys = list(old_rows)
    for later in keys[keys.index(key) + 1:]:
        if later in new_rows:
            return new.rows[new_rows[later]].element
    return None


# --- words -----------------------------------------------------------------------------------

# 9.737, 99,9 and +2 stay one word (a sign only before a number that starts a word); punctuation apart
_TOKEN = re.compile(r"\s+|(?:(?<!\w)[-+])?\d+(?:[.,]\d+)*|\w+|[^\w\s]")


REWRITTEN = 0.5  # below this share of words in common, a paragraph is shown as replaced whole


def words_changed(old: str, new: str) -> tuple[list[tuple[str, int, int, int, int]], str]:
    """Word-level changes as character opcodes (tag, old start, old end, new start, new end) and a
    compact description: `…giải quyết [9.737 → 9.744] hồ sơ…`."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    a_at, b_at = _offsets(a), _offsets(b)
    pieces, parts = [], []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    words = difflib.SequenceMatcher(None, [t for t in a if t.strip()], [t for t in b if t.strip()], autojunk=False)
    if a and b and words.ratio() < REWRITTEN:  # rewritten rather than edited: one replacement reads better
        return [("replace", 0, len(old), 0, len(new))], f"[{short(old.strip())} → {short(new.strip())}]"
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pieces.append((tag, a_at[i1], a_at[i2], b_at[j1], b_at[j2]))
        start, stop = _context(b, j1, -1), _context(b, j2, +1)
        before, after = "".join(b[start:j1]), "".join(b[j2:stop])
        old_part, new_part = "".join(a[i1:i2]), "".join(b[j1:j2])
        removed, added = old_part.strip(), new_part.strip()
        if removed and added:
            change = f"[{short(removed)} → {short(added)}]"
        elif added:
            change = f"[+ {short(added)}]"
        elif removed:
            change = f"[- {short(removed)}]"
        else:
            change = "[khoảng trắng]"
        # a space around the change where the text has one (before, inside or after it)
        space_before = before.strip() and (before[-1:].isspace() or new_part[:1].isspace() or old_part[:1].isspace())
        space_after = after.strip() and (after[:1].isspace() or new_part[-1:].isspace() or old_part[-1:].isspace())
        parts.append(("…" if start > 0 else "") + before.strip() + (" " if space_before else "") + change
                     + (" " if space_after else "") + after.strip() + ("…" if stop < len(b) else ""))
    return pieces, "; ".join(re.sub(r"\s+", " ", part) for part in parts)


def _context(tokens: list[str], at: int, step: int) -> int:
    """Where the context of a change at `at` ends, CONTEXT_WORDS words away (punctuation and
    spaces on the way included)."""
    words, k = 0, at
    while 0 <= (k if step > 0 else k - 1) < len(tokens) and words < CONTEXT_WORDS:
        k += step
        words += bool(re.match(r"\w", tokens[k - 1 if step > 0 else k]))
    return k


def _offsets(tokens: list[str]) -> list[int]:
    at = [0]
    for token in tokens:
        at.append(at[-1] + len(token))
    return at
