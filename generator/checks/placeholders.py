"""A blank the starter left: "…" where a name, the signer or a province goes.

`baocao moi` writes "…" (the blank of a printed form) wherever it was not told a name: the issuing
body, its superior, the signer, the chair of a meeting, and the prose naming them. A file built
before they are filled prints "…" under the signature and in the heading, silently; this check
warns at each such text, located at its "…". The fields are the starters' own (starters.py finds
them by writing every starter without a name), and the signer's name and title wherever a signer
is given.
"""

from __future__ import annotations

from typing import Iterator

from ..starters import PLACEHOLDER, placeholder_fields
from ..validate.messages import dotted
from ..validate.walk import texts
from .base import WARNING, Context, Found

SIGNER = (("nguoi_ky", "ho_ten"), ("nguoi_ky", "chuc_vu"))  # a document may name its own signer


def check_placeholders(ctx: Context) -> Iterator[Found]:
    blanks = [(text, blank) for text in texts(ctx.data) if (blank := PLACEHOLDER.search(text.value))]
    if not blanks:  # a finished file: the starters' fields (15 starters written and read) are not needed
        return
    fields = placeholder_fields()
    for text, blank in blanks:
        field = tuple(part for part in text.path if not isinstance(part, int))
        if field not in fields and field[-2:] not in SIGNER:
            continue
        shown = " ".join(text.value.split())
        yield ctx.found("cho_trong", text.path,
                        f"'{dotted(text.path)}' còn để '…' như tệp bắt đầu: văn bản sẽ in "
                        f"«{shown if len(shown) <= 60 else shown[:57] + '…'}»",
                        "điền nội dung thật (tên cơ quan, họ tên, chức vụ người ký…) thay cho '…'.",
                        severity=WARNING, where=ctx.inside(text.path, text.value, blank.start(), "…"))
