"""What `baocao diff` compares: a .docx as it is, or every document a data file declares, prepared
and rendered in memory through the one plan (nothing written); and how the two sides pair up."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document
from lxml import etree

from .. import produce
from ..errors import UserError, error
from ..plan import prepare


def documents_of(path: Path) -> list[tuple[str, object]]:
    """(name, python-docx Document) for a .docx, or for every document a data file declares."""
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
