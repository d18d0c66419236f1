"""What a kind of document supplies, so that adding a kind touches its own module and one registry
line (kinds/__init__.py): its data-file key and model, its default template and file prefix, the
context its template sees, and its core properties.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from ..read.loader import PathKey
from ..validate.rules import FigureRule


@dataclass(frozen=True)
class Properties:
    """Core properties that vary by document; fixed ones (author, revision) are set for all."""

    title: str
    created: dt.date


def _no_appendices(document: Any) -> int:
    return 0


def _no_texts(document: Any, path: PathKey) -> list[tuple[PathKey, str | None]]:
    return []


@dataclass(frozen=True)
class DocumentKind:
    key: str  # its key in the data file: bao_cao, thong_bao, bao_cao_dang
    model: type  # the model of one document
    many: bool  # the key holds a list of documents (else one document, or none)
    description: str  # the key's description in the data-file reference
    name: str  # what a clerk calls it: "báo cáo", "thông báo kết luận"
    roots: Mapping[str, str]  # the template's names for the document (first) and its companions → model names
    prefix: str  # the output file's prefix: BC, TB, BC-HU
    template: Callable[[Any], Path]  # the default template for a document
    context: Callable[..., dict[str, Any]]  # (data, document, laid=, previous=) → the template's context
    properties: Callable[[Any, dict[str, Any]], Properties]  # (document, context) → title and date
    derived: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # model → {derived key: description}
    # Fields whose shape in the context is more than a description (a JSON schema), or that the
    # template does not see (None): for `template check` and `template vars`.
    shapes: Mapping[tuple[str, str], dict | None] = field(default_factory=dict)
    cited_texts: Callable[[Any, PathKey], list[tuple[PathKey, str | None]]] = _no_texts  # prose citing [=…]
    previous_key: str | None = None  # the document's key naming the previous period's data file
    appendices: Callable[[Any], int] = _no_appendices  # appendices a document ends with (--tach-phu-luc)
    retired_templates: Mapping[str, str] = field(default_factory=dict)  # file name → why it is gone
    rules: tuple[FigureRule, ...] = ()  # identities and bounds of its structured figures (checks/rules.py)
    # The headings its template prints for standard sections, by the section's key path in the
    # document: what a table standing there is called outside the document (a sheet's title).
    headings: Mapping[PathKey, str] = field(default_factory=dict)

    @property
    def root(self) -> str:
        """The template's name for the document: bc, tb, bcd."""
        return next(iter(self.roots))
