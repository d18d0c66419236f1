"""Which of the data file's values reached the document, known from the one render.

Before a template is filled, each text, figure and date of the document's data in its context is
replaced by a copy that remembers its key path (`Traced`: a str, int, float or date all the same to
Jinja and to the filters). While Jinja renders, every value a filter prints from and every value a
`{{ … }}` prints is recorded (`Printed`, wired into the sandbox by sandbox.py); a value only tested
(`{% if … %}`, `|co_noi_dung`, `|length`) is not. A table block counts as printed when its layout is.

After the render, what the document was given but never printed is what a stray block tag swallowed
or a template leaves out: `unprinted` says which, the largest parts first (a whole section, not each
of its sentences). A value a context turned into another (a notice's participants joined into one
sentence) is recognised by its words in the finished document. Nothing renders twice; the cost is a
copy of the document's part of the context and a set insertion per printed value (bench/bench_build.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..read.loader import PathKey
from ..text import vi_format as vi


def _traced_kind(base: type, name: str) -> type:
    """A subclass of `base` whose values also carry the key path they were given at; module-level
    and named, so a traced context can be pickled like the plain one."""
    def __new__(cls, value, path: PathKey = ()):
        args = (value.year, value.month, value.day) if base is dt.date else (value,)
        obj = base.__new__(cls, *args)
        obj.path = path
        return obj
    def __reduce__(self):  # a worker process gets the path too
        plain = dt.date(self.year, self.month, self.day) if base is dt.date else base(self)
        return type(self), (plain, self.path)

    return type(name, (base,), {"__new__": __new__, "__reduce__": __reduce__, "__module__": __name__,
                                "__qualname__": name, "__doc__": f"A {base.__name__} of the data that knows its key path."})


TracedStr = _traced_kind(str, "TracedStr")
TracedInt = _traced_kind(int, "TracedInt")
TracedFloat = _traced_kind(float, "TracedFloat")
TracedDate = _traced_kind(dt.date, "TracedDate")

_TRACED = (TracedStr, TracedInt, TracedFloat, TracedDate)
# Filters that read a value without printing it.
NOT_PRINTING = frozenset({"co_noi_dung", "length", "count", "wordcount", "list", "sort", "select", "reject",
                          "selectattr", "rejectattr", "unique", "batch", "slice", "groupby", "dictsort", "reverse"})


@dataclass
class Printed:
    """The key paths printed during one render, and the table layouts a block stands for."""

    paths: set[PathKey] = field(default_factory=set)
    layouts: dict[int, PathKey] = field(default_factory=dict)  # id(layout) → the table block's path
    given: set[PathKey] = field(default_factory=set)  # the paths traced into the context

    def record(self, value: Any, depth: int = 0) -> None:
        """Everything traced inside `value` (lists and mappings walked, nothing else consumed)."""
        if isinstance(value, _TRACED):
            self.paths.add(value.path)
        elif id(value) in self.layouts:
            self.paths.add(self.layouts[id(value)])
        elif depth < 40 and isinstance(value, dict):
            for item in value.values():
                self.record(item, depth + 1)
        elif depth < 40 and isinstance(value, (list, tuple)):
            for item in value:
                self.record(item, depth + 1)


def traced(context: Any, data: Any, path: PathKey, printed: Printed, skip: frozenset[str] = frozenset()) -> Any:
    """`context` (a document's part of what the template sees) with each value that stands for a value
    of `data` (the same part of the data file, as the model dumps it) replaced by its traced copy;
    values the context derives itself stay as they are. `skip`: top-level keys not traced (the
    document's number, date, period, template…)."""
    if isinstance(context, dict):
        if "bang" in context and isinstance(data, dict) and "bang" in data and not isinstance(context["bang"], dict):
            printed.layouts[id(context["bang"])] = path + ("bang",)  # a table block: printed with its layout
            printed.given.add(path + ("bang",))
            return context
        if isinstance(data, str):  # an item the context made a mapping of (a Nơi nhận with no remark)
            return {k: (_leaf(v, path, printed) if v == data else v) for k, v in context.items()}
        if not isinstance(data, dict):
            return context
        return {k: (traced(v, data[k], path + (k,), printed) if k in data and k not in skip else v)
                for k, v in context.items()}
    if isinstance(context, list):
        if isinstance(data, str):  # a section's one text, made a list of blocks
            return [traced(item, data, path, printed) for item in context]
        if isinstance(data, list):
            return [traced(item, data[k], path + (k,), printed) if k < len(data) else item
                    for k, item in enumerate(context)]
        return context
    if isinstance(data, (str, int, float, dt.date)) and not isinstance(data, bool) and data != "":
        return _leaf(context, path, printed)
    return context


def _leaf(value: Any, path: PathKey, printed: Printed) -> Any:
    kinds = ((bool, None), (str, TracedStr), (int, TracedInt), (float, TracedFloat), (dt.date, TracedDate))
    for kind, wrapper in kinds:
        if isinstance(value, kind):
            if wrapper is None or (isinstance(value, dt.datetime)):
                return value
            printed.given.add(path)
            return wrapper(value, path)
    return value


def unprinted(printed: Printed, data: Any, path: PathKey, shown) -> list[tuple[PathKey, Any]]:
    """The largest parts of `data` (at `path`) whose every traced value went unprinted, in file
    order: (path, the part). A part most of whose texts the finished document holds anyway (`shown()`
    gives its text, read only when a part is a candidate) counts as printed: a context may have
    turned it into another sentence (a notice's participants joined into one)."""
    read: list[str] = []

    def text() -> str:
        if not read:
            read.append(_words(shown()))
        return read[0]

    def silent(value: Any, where: PathKey) -> bool | None:
        """True: traced, none of it printed; False: some printed; None: nothing traced here."""
        if where in printed.given and where[-1:] == ("bang",):
            return where not in printed.paths
        if isinstance(value, dict):
            found = [silent(v, where + (k,)) for k, v in value.items()]
        elif isinstance(value, list):
            found = [silent(v, where + (k,)) for k, v in enumerate(value)]
        elif where in printed.given:
            return where not in printed.paths
        else:
            return None
        known = [f for f in found if f is not None]
        return all(known) if known else None

    parts: list[tuple[PathKey, Any]] = []

    def collect(value: Any, where: PathKey) -> None:
        verdict = silent(value, where)
        if verdict is None or (verdict is False and not isinstance(value, (dict, list))):
            return
        if verdict:
            if not _shown_anyway(value, where, printed, text()):
                parts.append((where, value))
            return
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for k, v in items:
            collect(v, where + (k,))

    collect(data, path)
    return parts


def _shown_anyway(value: Any, where: PathKey, printed: Printed, text: str) -> bool:
    """Whether most of a part's traced values stand in the document by their words all the same."""
    leaves = [v for p, v in _leaves(value, where) if p in printed.given]
    if not leaves:
        return False
    return sum(_appears(v, text) for v in leaves) * 2 > len(leaves)


def _leaves(value: Any, where: PathKey):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, where + (k,))
    elif isinstance(value, list):
        for k, v in enumerate(value):
            yield from _leaves(v, where + (k,))
    else:
        yield where, value


def _words(text: str) -> str:
    return " ".join(text.casefold().split())


_MARKS = re.compile(r"\^\[[^\]]*\]|\[[@=][^\]]*\]|[*\\]")


def _appears(value: Any, text: str) -> bool:
    """Whether the document shows `value`: a text by a run of its words, a figure or a date as printed."""
    if isinstance(value, str):
        plain = _MARKS.sub("\n", value)
        pieces = [" ".join(p.split()).casefold() for p in re.split(r"[\n]", plain)]
        pieces = [p for p in pieces if len(p) >= 12] or [" ".join(plain.split()).casefold()]
        return any(p[:80] in text for p in pieces if p)
    if isinstance(value, dt.date):
        return vi.ngay(value) in text or value.strftime("%d/%m/%Y") in text
    if isinstance(value, (int, float)):
        return vi.so(value).casefold() in text
    return True


# A document's number, date, period, template and file: printed through lines the context derives
# (so_ky_hieu, dong_ngay), or settings never printed; not traced.
IDENTITY = frozenset({"so", "ky_hieu", "ngay", "ky", "mau", "ten_tep", "ky_truoc", "nguoi_ky", "nam"})
