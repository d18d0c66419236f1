"""The kinds of document a data file may declare besides the CCHC report (`bao_cao`):
thông báo kết luận (`thong_bao`, TB-UBND) and a Party committee's report (`bao_cao_dang`, BC/HU).

Each kind has its default template, its file-name prefix, and its context function; all share
the issuing body and the signer of the data file (a document may name its own signer).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable

from . import bao_cao_dang, build, schema, thong_bao, writer
from .errors import error


class Kind:
    def __init__(self, key: str, template: str, prefix: str, context: Callable, title: Callable, day: Callable):
        self.key, self.template, self.prefix = key, build.TEMPLATES / template, prefix
        self.context, self.title, self.day = context, title, day


KINDS = (
    Kind("thong_bao", "thong-bao-ket-luan.docx", "TB", thong_bao.context,
         lambda ctx: "Thông báo " + " ".join(ctx["tb"]["trich_yeu"]),
         lambda doc: doc.ngay or doc.hoi_nghi.ngay),
    Kind("bao_cao_dang", "bao-cao-dang.docx", "BC-HU", bao_cao_dang.context,
         lambda ctx: "Báo cáo " + " ".join(ctx["bcd"]["trich_yeu"]),
         lambda doc: doc.ngay or dt.date(doc.nam, 1, 1)),
)


def produce(data_path: Path, data: schema.DuLieu, out_dir: Path, taken: list[Path]) -> list:
    """Render every thong_bao and bao_cao_dang of `data`, in memory; nothing is written here."""
    outputs = []
    taken = list(taken)
    for kind in KINDS:
        documents = getattr(data, kind.key)
        for k, document in enumerate(documents, start=1):
            name = document.ten_tep or f"{kind.prefix}-{data_path.stem}" + (f"-{k}" if len(documents) > 1 else "")
            path = out_dir / f"{name}.docx"
            if path in taken:
                raise error(data_path, f"hai văn bản cùng ghi ra một tệp {path.name}.",
                            hint=f"đặt ten_tep khác nhau cho các văn bản trong '{kind.key}'.")
            taken.append(path)
            template = (data_path.parent / document.mau) if document.mau else kind.template
            try:
                ctx = kind.context(data, document)
            except ValueError as exc:
                raise error(data_path, f"{exc}.") from None
            outputs.append(build.Output(path, render(kind, template, ctx, data, document)))
    return outputs


def render(kind: Kind, template: Path, ctx: dict[str, Any], data: schema.DuLieu, document) -> bytes:
    doc = build.render_document(template, ctx, data)
    props = doc.core_properties
    props.title = kind.title(ctx)[:255]  # the core properties hold at most 255 characters
    props.author = props.last_modified_by = data.co_quan.ten
    props.created = props.modified = dt.datetime.combine(kind.day(document), dt.time())
    props.revision = 1
    return writer.docx_bytes(doc)


def documents(data_path: Path | None, data: schema.DuLieu, positions=None) -> list[tuple[Path, dict[str, Any], Callable[[Path], bytes]]]:
    """Every document of `data` as (its template, context, render(template)): for `template check
    --data` and `template vars`, which need a context without writing anything."""
    base = data_path.parent if data_path is not None else Path(".")
    out = []
    if data.bao_cao is not None:
        default = build.GENERIC_TEMPLATE if data.bao_cao.noi_dung is not None else build.REPORT_TEMPLATE
        template = (base / data.bao_cao.mau) if data.bao_cao.mau else default
        out.append((template, build.derive.report_context(data, positions),
                    lambda t: build.render_report(t, data, positions)))
    for kind in KINDS:
        for document in getattr(data, kind.key):
            template = (base / document.mau) if document.mau else kind.template
            try:
                ctx = kind.context(data, document)
            except ValueError as exc:  # as produce() reports it; baocao check locates it
                raise error(data_path or Path("."), f"{exc}.") from None
            out.append((template, ctx, lambda t, k=kind, c=ctx, d=document: render(k, t, c, data, d)))
    return out


def for_template(template: Path, data_path: Path | None, data: schema.DuLieu, positions=None):
    """The document of `data` that `template` renders (its own template, or else the first one)."""
    docs = documents(data_path, data, positions)
    same = [doc for doc in docs if doc[0].resolve() == Path(template).resolve()]
    return (same or docs)[0]


def merged_context(data_path: Path | None, data: schema.DuLieu, positions=None) -> dict[str, Any]:
    """The first document of each kind, its names together (cq, nk, bc, tb, bcd): examples for `template vars`."""
    merged: dict[str, Any] = {}
    for _, ctx, _ in documents(data_path, data, positions):
        for key, value in ctx.items():
            merged.setdefault(key, value)
    return merged
