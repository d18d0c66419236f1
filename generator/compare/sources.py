"""What `baocao diff` compares: a .docx as it is, or every document a data file declares, prepared
and rendered in memory through the one plan (nothing written); and how the two sides pair up."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from docx import Document
from lxml import etree

from .. import produce
from ..errors import UserError, error
from ..plan import prepare
from ..read import files

_DAMAGED = "tệp không phải tệp Word .docx hợp lệ, hoặc đã bị hỏng."
_DAMAGED_HINT = "so sánh hai tệp .docx do baocao tạo, hoặc hai tệp số liệu .yaml."


def documents_of(path: Path) -> list[tuple[str, object]]:
    """(name, python-docx Document) for a .docx, or for every document a data file declares."""
    path = Path(path)
    if path.suffix.lower() == ".docx":
        # every part is inflated within bounds first (a zip bomb, a corrupted deflate stream)
        files.check_package(path, "tệp Word", _DAMAGED_HINT, _DAMAGED)
        try:
            return [(path.name, Document(str(path)))]
        except (zipfile.BadZipFile, zlib.error, KeyError, OSError, ValueError, etree.XMLSyntaxError):
            raise error(path, _DAMAGED, hint=_DAMAGED_HINT) from None
    plan = prepare(path)
    if plan.errors:
        raise UserError(list(plan.findings))
    return [(f"{doc.name}.docx", produce.document(plan, doc)) for doc in plan.documents]


def pairs(old: Path, new: Path) -> list[tuple[str, object | None, object | None]]:
    """The documents of OLD and NEW to compare, paired by name with each side's own stem taken out
    (a data file names its documents after itself: BC-<stem>.docx, TB-<stem>-2.docx); a document on
    one side only is paired with None. A single document on each side is compared whatever the names."""
    olds, news = documents_of(old), documents_of(new)
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
