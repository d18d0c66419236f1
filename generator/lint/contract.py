"""The contract of what a template sees: a JSON schema of the context (the data-file models, plus
the values baocao derives), which docxtpl-lint checks a template's names against and which
`template vars` lists.
"""

from __future__ import annotations

import copy
from typing import Any

from ..kinds import CONTEXT_ROOTS, DERIVED, EXTRA, SHAPES, DuLieu
from ..validate.described import Described

def context_schema(extra: dict[str, str] | None = None) -> dict[str, Any]:
    """JSON schema of a report template's context: the data models, plus derived values, inlined.
    `extra`: the data file's own figures (so_lieu_them: name → its label), known only with a data
    file; without one, `sl` takes any name (a check cannot know what a file will declare)."""
    source = DuLieu.model_json_schema(schema_generator=Described)
    defs = copy.deepcopy(source["$defs"])
    for model, fields in DERIVED.items():
        for key, text in fields.items():
            defs[model]["properties"][key] = {"description": text}
    for (model, key), shape in SHAPES.items():
        if shape is None:
            del defs[model]["properties"][key]
        else:
            defs[model]["properties"][key] = copy.deepcopy(shape)
    root = {"type": "object", "additionalProperties": False,
            "properties": {name: {"$ref": f"#/$defs/{model}"} for name, model in CONTEXT_ROOTS.items()}}
    schema = _inline(root, defs)
    words = "số liệu thêm của tệp số liệu (khóa so_lieu_them), theo tên, ví dụ sl.ho_so_truc_tuyen"
    schema["properties"][EXTRA] = (
        {"type": "object", "description": words,
         "properties": {name: {"type": "number", "description": label} for name, label in extra.items()}}
        if extra is not None else {"type": "object", "description": words, "additionalProperties": {"type": "number"}})
    return schema


def _inline(node: Any, defs: dict, expanding: tuple[str, ...] = ()) -> Any:
    """Resolve $ref (docxtpl-lint does not follow them) and read `X | None` as X: a template tests
    an optional value with `{% if %}`, so None is no type error. A model that contains itself (a
    section's sub-sections) is inlined once; deeper levels are left open."""
    if isinstance(node, list):
        return [_inline(item, defs, expanding) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:  # keep the field's own words (its description) over the model's
        name = node["$ref"].rsplit("/", 1)[-1]
        own = {k: v for k, v in node.items() if k != "$ref"}
        if name in expanding:
            return {"type": "object", **own}
        return _inline({**defs[name], **own}, defs, expanding + (name,))
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    if "anyOf" in node and len(options) == 1:
        merged = {k: v for k, v in node.items() if k != "anyOf"}
        return _inline({**options[0], **merged}, defs, expanding)
    return {key: _inline(value, defs, expanding) for key, value in node.items()}


def node_at(contract: dict, parts: list[str]) -> dict | None:
    node = contract
    for part in parts:
        props = node.get("properties") or node.get("items", {}).get("properties")
        if not props or part not in props:
            return None
        node = props[part]
    return node


def names_at(contract: dict, parts: list[str]) -> list[str]:
    node = node_at(contract, parts) or {}
    return list(node.get("properties") or node.get("items", {}).get("properties") or {})


def extra_labels(plan: Any) -> dict[str, str] | None:
    """The data file's own figures (so_lieu_them) of a plan by name, with their labels; None without one."""
    if plan is None:
        return None
    return {name: figure.ten for name, figure in plan.source.data.so_lieu_them.items()}
