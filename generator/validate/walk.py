"""Walking a validated data file: every model and every text in it, each with its key path.

Later steps read the typed model through these walkers instead of walking raw dictionaries, so a
text's role (prose or a plain name, from the `PROSE` marker of its field) is known from the format
itself. Paths are the loader's: ("bao_cao", "noi_dung", 0, "tieu_de").
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Any, Iterator

from pydantic import BaseModel

from ..read.loader import PathKey
from .types import PROSE, Marker


@dataclass(frozen=True)
class Text:
    path: PathKey
    value: str
    prose: bool  # rendered as prose (markup, [@…] citations), not printed as typed


def models(value: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, BaseModel]]:
    """Every model inside `value` (itself included), parents before children, in field order."""
    if isinstance(value, BaseModel):
        yield path, value
        for name in type(value).model_fields:
            yield from models(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for k, item in enumerate(value):
            yield from models(item, path + (k,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from models(item, path + (key,))


def texts(value: Any, path: PathKey = (), prose: bool = False) -> Iterator[Text]:
    """Every text the file gives inside `value` (defaults left out), with whether its field is prose,
    in field order."""
    if isinstance(value, str):
        yield Text(path, value, prose)
    elif isinstance(value, BaseModel):  # what the file gives, not the defaults it leaves out
        fields = type(value).model_fields
        for name in (name for name in fields if name in value.model_fields_set):
            yield from texts(getattr(value, name), path + (name,), _is_prose(fields[name]))
    elif isinstance(value, (list, tuple)):
        for k, item in enumerate(value):
            yield from texts(item, path + (k,), prose)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, path + (key,), prose)


def _is_prose(field: Any) -> bool:
    return marked(field, PROSE)


def marked(field: Any, marker: Marker) -> bool:
    """Whether a model field's type carries `marker` (PROSE, AMOUNT)."""
    # pydantic keeps a top-level Annotated's metadata in field.metadata, nested ones in the annotation
    return marker in field.metadata or _marked(field.annotation, marker)


def _marked(annotation: Any, marker: Marker) -> bool:
    if any(meta is marker for meta in getattr(annotation, "__metadata__", ())):
        return True
    return any(_marked(arg, marker) for arg in typing.get_args(annotation))
