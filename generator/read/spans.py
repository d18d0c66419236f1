"""Where each key and value of a YAML text starts and ends, to edit the text in place.

`baocao ky-moi` writes the next period's file by editing the clerk's own text (their comments,
order and layout kept) instead of dumping a new YAML: it needs each value's exact span, which the
loader's Positions (start points only) do not keep. The text has already been read and validated by
the loader, so the plain composer is enough here.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from .loader import PathKey


@dataclass(frozen=True)
class Span:
    start: int  # character offsets into the text
    end: int
    key_start: int | None  # the key's offset, for a mapping value
    flow: bool  # inside a {…} or […]: items are separated by commas, not lines


def spans(text: str) -> dict[PathKey, Span]:
    """Every value's span by its key path (as the loader's paths: ("bao_cao", "ky", "nam"))."""
    found: dict[PathKey, Span] = {}

    def visit(node: yaml.Node, path: PathKey, key_start: int | None, flow: bool) -> None:
        found[path] = Span(node.start_mark.index, node.end_mark.index, key_start, flow)
        if isinstance(node, yaml.MappingNode):
            inner = flow or bool(node.flow_style)
            for key, value in node.value:
                visit(value, path + (key.value,), key.start_mark.index, inner)
        elif isinstance(node, yaml.SequenceNode):
            inner = flow or bool(node.flow_style)
            for k, item in enumerate(node.value):
                visit(item, path + (k,), None, inner)

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is not None:
        visit(root, (), None, False)
    return found


def line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def next_line(text: str, offset: int) -> int:
    """The offset of the line after the one holding `offset` (the text's end on the last line)."""
    end = text.find("\n", offset)
    return len(text) if end < 0 else end + 1
