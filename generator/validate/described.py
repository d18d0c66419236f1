"""The JSON schema of the data-file models with each key's description: the docstring under its field.

The models describe every key in Vietnamese with a docstring under the field, the reference for
whoever edits data files and templates (`baocao schema`, `baocao template vars`). pydantic can read
them when it builds each model (use_attribute_docstrings), but that reads and tokenises the source
of every model class at import — a third of importing the models, paid by every command although
only those two print descriptions. So they are read here, when a schema is asked for: each model's
JSON schema gets, for each key without a description of its own, the docstring under the field in
the class that declares it (a subclass that declares a field again declares its docstring again),
as pydantic would have put it.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from functools import cache

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema


class Described(GenerateJsonSchema):
    def model_schema(self, schema):
        out = super().model_schema(schema)
        docs = field_docstrings(schema["cls"])
        for name, field in out.get("properties", {}).items():
            if "description" not in field and name in docs:
                field["description"] = docs[name]
        return out


def field_docstrings(model: type[BaseModel]) -> dict[str, str]:
    """Field name → the docstring under it, in the class of `model`'s MRO that declares the field."""
    found: dict[str, str] = {}
    declared: set[str] = set()
    for cls in model.__mro__:
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)) or cls is BaseModel:
            continue
        own = _docstrings(cls)
        for name in cls.__dict__.get("__annotations__", {}):
            if name not in declared:
                declared.add(name)
                if name in own:
                    found[name] = own[name]
    return found


@cache
def _docstrings(cls: type) -> dict[str, str]:
    """The string written right under each annotated field of the class body itself."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):  # a model made by create_model: its descriptions are given
        return {}
    body = next((node.body for node in ast.parse(source).body if isinstance(node, ast.ClassDef)), [])
    docs = {}
    for node, after in zip(body, body[1:]):
        if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)):
            docs[node.target.id] = inspect.cleandoc(after.value.value)
    return docs
