"""`baocao diff`: what changed between two versions of a document, in the document's own words.

A paragraph is named by the nearest numbered heading before it and its place
under that heading (`II.2, đoạn 4`), a numbered item by its number
(`IV, mục 3`), a table cell by its table, the row's first cell and the
column's header (`II.3, bảng 1, hàng «Công chức», cột «Tăng (+)/giảm (-)»`).
Headings are numbered as text in generated documents (ooxml.number_headings),
so the numbers read here are the ones the reader sees.

Paragraphs are aligned with difflib on their text (a heading's number left
out, so dropping a section does not report every later heading as changed);
a changed paragraph shows only the words that changed, with a little context:
`…giải quyết [9.737 → 9.744] hồ sơ…`. The alignment keeps the elements of
both documents, so `tracked.mark` can write the changes into the new one.
"""

from __future__ import annotations

import difflib
import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import XmlPart
from docx.oxml.ns import qn
from lxml import etree

from . import ooxml
from .errors import error

# The numbered styles and their levels (0 a part, 1–3 headings, 4 a numbered item) are ooxml's;
# the label is read back from the text, whatever format the template's Word list gave it:
# "I. ", "1. ", "a) ", "1.8- ", "2.1. ", "I - ", "Phần thứ nhất".
NUMBERED_STYLES = ooxml.NUMBERED_STYLES
ITEM_LEVEL = 4
APPENDIX_STYLE = ooxml.APPENDIX  # its "Phụ lục 2" line starts an appendix, numbered on its own
_APPENDIX = re.compile(r"Phụ lục(?:\s+\S+)?")
_LABEL = re.compile(r"\s*(?:(Phần thứ \S+)|([IVXLCDM]+|\d+(?:\.\d+)*|[a-zđA-Z])(?:[.)]\s*-?|\s*-))\s*")
_START = "đầu văn bản"  # before the first heading
_WORD = re.compile(r"[^\W\d_]")  # a letter: a row's name, not its STT number
CONTEXT_WORDS = 2
LONG = 80  # characters of a changed part shown before "…"


@dataclass
class Para:
    """A paragraph as the reader sees it."""

    element: object  # w:p
    where: str  # "II.2, đoạn 4"
    text: str  # as printed, number included
    key: str  # compared: the text without a heading's number


@dataclass
class Cell:
    column: int  # the grid column it starts at (w:gridSpan and w:gridBefore counted)
    paras: list[Para]
    element: object  # w:tc


@dataclass
class Row:
    label: str  # "Chứng thực", "Tổng cộng", "hàng tiêu đề"
    cells: list[Cell]
    element: object  # w:tr


@dataclass
class Table:
    element: object  # w:tbl
    where: str  # "II.3, bảng 1"
    rows: list[Row]
    columns: dict[int, str]  # grid column → its header, the header rows' words from top to bottom


@dataclass
class Note:
    """A footnote, numbered by the order of its reference, located where its reference stands."""

    where: str  # "chú thích 2, ở II.1, đoạn 3"
    paras: list[Para]
    element: object  # w:footnote
    ref: object  # its w:footnoteReference in the body


@dataclass
class Footnotes:
    """A document's footnotes part, parsed once; `save` puts changes made to `root` back."""

    part: object
    root: object
    notes: list[Note]

    def save(self) -> None:
        if not isinstance(self.part, XmlPart):  # python-docx keeps footnotes.xml as bytes
            self.part._blob = etree.tostring(self.root, encoding="UTF-8", xml_declaration=True, standalone=True)


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


# --- reading a document ----------------------------------------------------------------------

def text_of(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def read(document) -> tuple[list[Para], list[Table]]:
    """Body paragraphs (outside tables, empty ones left out) and tables, located."""
    names = {s.style_id: s.name for s in document.styles}
    heading: dict[int, str] = {}  # level → label of the headings the reader is under (-1: an appendix)
    counts = {"đoạn": 0, "bảng": 0}
    paras: list[Para] = []
    tables: list[Table] = []

    def here() -> str:
        """ "II.2", "Phụ lục 2, mục 1.b", "Phần thứ nhất, mục I.2"; a label that repeats its
        parent's number ("1.8" under "1", "2.1" under "2") stands for both."""
        labels = [heading[level] for level in sorted(heading)]
        words = [label for label in labels if " " in label]
        numbers: list[str] = []
        for label in (label for label in labels if " " not in label):
            if numbers and label.startswith(numbers[-1] + "."):
                numbers[-1] = label
            else:
                numbers.append(label)
        if not numbers:
            return ", ".join(words) or _START
        return ", ".join(words) + (", mục " if words else "") + ".".join(numbers)

    for child in document.element.body.iterchildren():
        if child.tag == qn("w:tbl") and _layout_only(child):  # the header block, the signature block
            tables.append(_table(child, "phần đầu văn bản" if not paras else "phần ký, nơi nhận", layout=True))
            continue
        if child.tag == qn("w:tbl"):
            counts["bảng"] += 1
            tables.append(_table(child, f"{here()}, bảng {counts['bảng']}"))
            continue
        if child.tag != qn("w:p"):
            continue
        text = text_of(child)
        if not text.strip():
            continue
        ppr = child.find(qn("w:pPr"))
        style = names.get(ppr.style if ppr is not None and ppr.style else None, "")
        level = NUMBERED_STYLES.get(style)
        label = _LABEL.match(text) if level is not None else None
        key = text[label.end():] if label else text
        if style == APPENDIX_STYLE and _APPENDIX.fullmatch(text.strip()):  # an appendix starts: "Phụ lục 2"
            heading = {-1: text.strip()}
            counts = {"đoạn": 0, "bảng": 0}
            paras.append(Para(child, f"đề mục {here()}", text, key))
        elif label and level < ITEM_LEVEL:
            heading = {lv: lab for lv, lab in heading.items() if lv < level}
            heading[level] = label.group(1) or label.group(2)
            counts = {"đoạn": 0, "bảng": 0}
            paras.append(Para(child, f"đề mục {here()}", text, key))
        elif label:
            paras.append(Para(child, f"{here()}, mục {label.group(2)}", text, key))
        else:
            counts["đoạn"] += 1
            paras.append(Para(child, f"{here()}, đoạn {counts['đoạn']}", text, key))
    return paras, tables


def read_footnotes(document, paras: list[Para]) -> Footnotes | None:
    """The footnotes referenced from the body paragraphs `paras`, in order of reference."""
    part = next((rel.target_part for rel in document.part.rels.values()
                 if rel.reltype == RT.FOOTNOTES and not rel.is_external), None)
    if part is None:
        return None
    root = part.element if isinstance(part, XmlPart) else etree.fromstring(part.blob)
    by_id = {fn.get(qn("w:id")): fn for fn in root.iterchildren(qn("w:footnote"))}
    notes: list[Note] = []
    for para in paras:
        for ref in para.element.iter(qn("w:footnoteReference")):
            fn = by_id.get(ref.get(qn("w:id")))
            if fn is not None:
                ps = [Para(p, "", t, t.strip()) for p in fn.iterchildren(qn("w:p")) if (t := text_of(p)).strip()]
                notes.append(Note(f"chú thích {len(notes) + 1}, ở {para.where}", ps, fn, ref))
    return Footnotes(part, root, notes)


def _layout_only(tbl) -> bool:
    """A table without borders and without header rows lays out the page (header block, signature)."""
    borders = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    no_lines = borders is not None and all(b.get(qn("w:val")) in ("nil", "none") for b in borders)
    return no_lines and tbl.find(f".//{qn('w:tblHeader')}") is None


def _table(tbl, where: str, *, layout: bool = False) -> Table:
    """Rows with their cells placed on the grid; the header rows (w:tblHeader, repeated on each
    page; else the first row) name the columns. A row is named by its first cell with words in it
    (the field, not the STT number), else by its first cell. A layout table (header block, signature
    block) has no header row: its rows and columns are named by number."""
    trs = list(tbl.iterchildren(qn("w:tr")))
    headers = 0 if layout else sum(1 for _ in itertools.takewhile(
        lambda tr: tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None, trs)) or 1
    rows: list[Row] = []
    columns: dict[int, list[str]] = {}
    for k, tr in enumerate(trs):
        before = tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
        column = int(before.get(qn("w:val"))) if before is not None else 0
        cells = []
        for tc in tr.iterchildren(qn("w:tc")):
            span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            width = int(span.get(qn("w:val"))) if span is not None else 1
            paras = [Para(p, "", t, t.strip()) for p in tc.iterchildren(qn("w:p")) if (t := text_of(p)).strip()]
            cells.append(Cell(column, paras, tc))
            if k < headers and (text := _cell_text(paras)):
                for c in range(column, column + width):
                    columns.setdefault(c, []).append(_short(text, 40))
            column += width
        texts = [_cell_text(c.paras) for c in cells]
        if layout:
            label = f"hàng {k + 1}"
        elif k < headers:
            label = "hàng tiêu đề" + (f" {k + 1}" if headers > 1 else "")
        else:
            name = next((t for t in texts if _WORD.search(t)), texts[0] if texts else "")
            label = f"hàng «{_short(name, 40)}»"
        rows.append(Row(label, cells, tr))
    return Table(tbl, where, rows, {c: " / ".join(dict.fromkeys(names)) for c, names in columns.items()})


def _cell_text(cell: list[Para]) -> str:
    return " / ".join(p.text.strip() for p in cell)


# --- comparing -------------------------------------------------------------------------------

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
                changes.append(Change(f"{new.where} (bảng mới)", _short(" | ".join(new.columns.values())), "thêm",
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
                found = [Change(f"{n.where} (chú thích mới)", _short(_note_key(n)), "thêm", None, n.element, anchor=n.ref)]
            else:
                found = [Change(f"{o.where} (chú thích bị bỏ)", _short(_note_key(o)), "bỏ")]
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
                changes.append(Change(f"{where or n.where} (đoạn mới)", _short(n.text), "thêm", None, n.element))
            else:
                anchor = new[j2].element if j2 < len(new) else None
                changes.append(Change(f"{where or o.where} (đoạn bị bỏ)", _short(o.text), "bỏ", o.element, None,
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
    return _short(" | ".join(_cell_text(c.paras) for c in row.cells))


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
        return [("replace", 0, len(old), 0, len(new))], f"[{_short(old.strip())} → {_short(new.strip())}]"
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pieces.append((tag, a_at[i1], a_at[i2], b_at[j1], b_at[j2]))
        start, stop = _context(b, j1, -1), _context(b, j2, +1)
        before, after = "".join(b[start:j1]), "".join(b[j2:stop])
        old_part, new_part = "".join(a[i1:i2]), "".join(b[j1:j2])
        removed, added = old_part.strip(), new_part.strip()
        if removed and added:
            change = f"[{_short(removed)} → {_short(added)}]"
        elif added:
            change = f"[+ {_short(added)}]"
        elif removed:
            change = f"[- {_short(removed)}]"
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


def _short(text: str, limit: int = LONG) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


# --- inputs ----------------------------------------------------------------------------------

def documents(path: Path) -> list[tuple[str, object]]:
    """(name, python-docx Document) for a .docx, or for every document a data file declares
    (built in memory, nothing written)."""
    path = Path(path)
    if path.suffix.lower() == ".docx":
        try:
            with zipfile.ZipFile(path) as z:
                z.getinfo("word/document.xml")
            return [(path.name, Document(str(path)))]
        except FileNotFoundError:
            raise error(path, "không tìm thấy tệp Word.", hint="kiểm tra lại đường dẫn và tên tệp.") from None
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, etree.XMLSyntaxError):
            raise error(path, "tệp không phải tệp Word .docx hợp lệ, hoặc đã bị hỏng.",
                        hint="so sánh hai tệp .docx do baocao tạo, hoặc hai tệp số liệu .yaml.") from None
    from .build import produce  # build imports the whole flow; diff of two .docx does not need it

    return [(out.path.name, Document(io.BytesIO(out.data))) for out in produce(path, Path("."))]


def pairs(old: Path, new: Path) -> list[tuple[str, object | None, object | None]]:
    """The documents of OLD and NEW to compare, paired by name with each side's own stem taken out
    (a data file names its documents after itself: BC-<stem>.docx, TB-<stem>-2.docx); a document on
    one side only is paired with None. A single document on each side is compared whatever the names."""
    olds, news = documents(old), documents(new)
    if len(olds) == 1 and len(news) == 1:
        return [(news[0][0], olds[0][1], news[0][1])]

    def kind(name: str, stem: str) -> str:  # TB-<stem>.docx is the first TB, as TB-<stem>-1.docx is
        key = name.replace(stem, "…", 1)
        return key[:-len("….docx")] + "…-1.docx" if key.endswith("….docx") else key

    before = {kind(name, Path(old).stem): (name, doc) for name, doc in olds}
    after = {kind(name, Path(new).stem): (name, doc) for name, doc in news}
    keys = list(before) + [k for k in after if k not in before]
    return [((after.get(k) or before[k])[0], before.get(k, (None, None))[1], after.get(k, (None, None))[1])
            for k in keys]


# --- the command -----------------------------------------------------------------------------

def run(old: Path, new: Path, out_docx: Path | None = None) -> int:
    """`baocao diff OLD NEW [--docx OUT]`: print the changes; with OUT, write NEW with tracked changes."""
    from . import history, tracked, writer  # only the --docx output needs them

    if out_docx is not None:
        _refuse_overwriting_inputs(Path(out_docx), old, new)
    compared = pairs(old, new)
    for name, old_doc, new_doc in compared:
        if len(compared) > 1:
            print(f"== {name}")
        if old_doc is None or new_doc is None:
            print("(văn bản mới, chỉ có ở bản MỚI)" if old_doc is None else "(văn bản bị bỏ, chỉ có ở bản CŨ)")
            continue
        changes = compare(old_doc, new_doc)
        for change in changes:
            print(f"{change.where}: {change.summary}" if change.summary else change.where)
        print(f"{len(changes)} chỗ thay đổi." if changes else "Không có thay đổi nào.")
        if out_docx is not None:
            tracked.mark(new_doc, changes)
            dest = Path(out_docx) if len(compared) == 1 else Path(out_docx).with_stem(f"{Path(out_docx).stem}-{Path(name).stem}")
            try:
                history.write_keeping_previous(dest, writer.docx_bytes(new_doc))  # an earlier OUT is kept in .truoc/
            except OSError as exc:
                from .build import _OS_REASONS
                raise error(dest, f"không ghi được văn bản: {_OS_REASONS.get(exc.errno, 'lỗi hệ thống khi ghi tệp')}.",
                            hint="kiểm tra quyền ghi vào thư mục, và đóng tệp nếu đang mở trong Word.") from None
            print(f"Đã ghi văn bản có theo dõi thay đổi: {dest}")
    return 0


def _refuse_overwriting_inputs(dest: Path, old: Path, new: Path) -> None:
    """--docx writes a new .docx: never over one of the two inputs, never under another suffix."""
    if dest.suffix.lower() != ".docx":
        raise error(dest, "tệp ghi ra (--docx) phải có đuôi .docx.",
                    hint="ví dụ --docx thay-doi.docx.")
    for source in (old, new):
        if dest.resolve() == Path(source).resolve():
            raise error(dest, "tệp ghi ra (--docx) trùng với một trong hai tệp đang so sánh; nó sẽ bị ghi đè.",
                        hint="đặt tên khác, ví dụ --docx thay-doi.docx.")
