"""What every check shares: the finding it yields, the context it reads, and acceptances.

A check reads the validated, typed data file (and its tables as laid out once by the plan) and
yields `Found` findings located at the YAML line and column of the value they are about. An error
stops `baocao build`; a warning is printed and the build goes on. The data file's `chap_nhan:`
list accepts a known error ({kiem_tra: <code>, o: <subject>, ly_do: …}): it is then printed as a
warning saying it was accepted and why. An acceptance may pin the figures at fault (`gia_tri:
"9737 ≠ 9744"`, printed in the error's hint): when they change, the acceptance no longer matches.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..derive.tables import LaidOut
from ..errors import Finding, Location
from ..kinds import DocumentKind, document_paths
from ..read.loader import PathKey
from ..validate import Source
from ..validate.messages import dotted
from ..validate.types import parse_date
from ..validate.walk import Text, texts

ERROR, WARNING = "lỗi", "cảnh báo"
_FLOW_INDICATORS = re.compile(r"[\[\]{},#]|: ")  # a subject holding these must be quoted in a {…} mapping


@dataclass
class Found(Finding):
    """A Finding of a check: its code and subject let `chap_nhan` accept it."""

    code: str = ""
    subject: str = ""  # a dotted data path, a registry key or a document number
    value: str = ""  # the figures at fault ("9737 ≠ 9744"): an acceptance naming them stops matching when they change
    accepted: str | None = None  # the reason, when chap_nhan accepted it

    def as_json(self) -> dict[str, Any]:
        return {"tep": str(self.location.file), "dong": self.location.line, "cot": self.location.column,
                "muc_do": self.severity, "kiem_tra": self.code or None, "o": self.subject or None,
                "gia_tri": self.value or None,
                "thong_diep": self.message, "cach_sua": self.hint, "chap_nhan": self.accepted}


@dataclass
class Context:
    source: Source
    laid: LaidOut
    _texts: dict = field(default_factory=dict, repr=False)  # texts() by document, read once per run

    @property
    def data(self) -> Any:
        return self.source.data

    def at(self, path: PathKey, *, key: bool = False) -> Location:
        return self.source.positions.at(path, key=key)

    def inside(self, path: PathKey, text: str, offset: int, token: str) -> Location:
        """Where `token`, at character `offset` of the text value at `path`, stands in the file."""
        return self.source.positions.token(path, text, offset, token)

    def documents(self) -> list[tuple[PathKey, DocumentKind, Any]]:
        """The documents the data file declares: (path, kind, model), in registry order."""
        return document_paths(self.data)

    def texts(self, document: Any = None, path: PathKey = ()) -> list[Text]:
        """Every text the file gives in `document` (default: in every document), in file order; the
        text cells of rows read from a workbook at their table's place."""
        memo = (id(document), path)
        if memo not in self._texts:
            self._texts[memo] = self._read_texts(document, path)
        return self._texts[memo]

    def _read_texts(self, document: Any, path: PathKey) -> list[Text]:
        if document is None:
            found = [t for doc_path, _, doc in self.documents() for t in texts(doc, doc_path)]
            within = [doc_path for doc_path, _, _ in self.documents()]
        else:
            found, within = list(texts(document, path)), [path]
        found += [t for t in self._sheet_texts() if any(t.path[:len(p)] == p for p in within)]
        return sorted(found, key=lambda t: self._order(t.path))

    def _sheet_texts(self) -> list[Text]:
        """The text cells of table rows taken from a workbook (the model holds no rows for them)."""
        return [Text(row.path + (key,), value, False) for table in self.source.tables
                if table.rows and self.at(table.rows[0].path).sheet is not None
                for row in table.walk() for key, value in row.values.items() if isinstance(value, str) and key != "ma"]

    def _order(self, path: PathKey) -> tuple[int, ...]:
        """File order; a workbook's cell by its table's place in the data file, then its row and column."""
        where = self.at(path)
        if where.sheet is None:
            return _order(where) + (0, 0)
        return _order(self.at(path[:path.index("dong")])) + _order(where)

    def found(self, code: str, path: PathKey, message: str, hint: str | None = None, *,
              severity: str = ERROR, subject: str | None = None, where: Location | None = None,
              value: str = "") -> Found:
        subject = subject if subject is not None else dotted(path)
        if severity == ERROR and hint is not None:
            pinned = f", gia_tri: \"{value}\"" if value else ""
            written = f'"{subject}"' if _FLOW_INDICATORS.search(subject) else subject  # pasteable YAML
            hint += (f" Nếu văn bản gốc đúng là như vậy, ghi vào chap_nhan: "
                     f"{{kiem_tra: {code}, o: {written}{pinned}, ly_do: …}}.")
        return Found(where or self.at(path), message, hint, severity, code=code, subject=subject, value=value)


def _order(where: Location) -> tuple[int, int]:
    return where.line or 0, where.column or 0


def as_date(value: Any) -> dt.date | None:
    """A date typed in the data or written in prose (05/02/2023), or None when it is not one."""
    if value is None:
        return None
    try:
        parsed = parse_date(value)
    except ValueError:  # not a date (the schema reports what it must; a check just skips it)
        return None
    return parsed if isinstance(parsed, dt.date) else None


def accept(ctx: Context, findings: list[Found]) -> list[Found]:
    """Turn accepted errors into warnings; return a warning for each acceptance that matched nothing."""
    unused = []
    for i, acceptance in enumerate(ctx.data.chap_nhan):
        matched = [f for f in findings if f.code == acceptance.kiem_tra and f.subject == acceptance.o
                   and acceptance.gia_tri in (None, f.value)]
        for f in matched:
            f.severity, f.accepted, f.hint = WARNING, acceptance.ly_do, None
            f.message += f" (đã chấp nhận ở dòng {ctx.at(('chap_nhan', i)).line}: {acceptance.ly_do})"
        if not matched:
            unused.append(Found(ctx.at(("chap_nhan", i)),
                                f"chấp nhận {{kiem_tra: {acceptance.kiem_tra}, o: {acceptance.o}"
                                + (f", gia_tri: {acceptance.gia_tri}" if acceptance.gia_tri is not None else "")
                                + "} không khớp với lỗi nào (đã sửa, hoặc số liệu đã đổi)",
                                "xóa mục này nếu lỗi đã được sửa, hoặc sửa kiem_tra/o cho đúng dòng Cách sửa của lỗi.",
                                WARNING, code="chap_nhan", subject=acceptance.o))
    return unused


def fields(document: Any, *names: str) -> Any:
    """document.a.b.c, or None where a part is absent (another kind of document, an empty section)."""
    for name in names:
        document = getattr(document, name, None)
        if document is None:
            return None
    return document

