"""The package's shape, read from its source with `ast`: no import cycle, every import goes down the
flow (or stays inside its own package), no import hidden inside a function, no module over ~500
lines. The layers are the ones generator/__init__.py describes."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# Top-level parts of the package, from the bottom of the flow up. A part may import its own modules,
# any part of a lower rank, and nothing else (two parts of one rank do not know each other).
RANKS = {
    "errors": 0, "resources": 0, "text": 0,
    "lazy": 0,  # libraries only some inputs need, imported when first used
    "read": 1,
    "limits": 1,  # how long and how much memory filling a template may take, enforced in the worker
    "validate": 2,
    "worker": 2,  # the process templates are filled in, under the limits (produce, lint, commands)
    "derive": 3,
    "kinds": 4, "render": 4,
    "starters": 4,  # starter data files (baocao moi), whose blanks the checks warn of
    "checks": 5, "oxml": 5, "write": 5,  # write: bytes, workbooks of laid-out tables, history
    "schema": 5,  # the data file's JSON Schema
    "plan": 6, "postprocess": 6,
    "produce": 7, "next_period": 7,  # next_period: the next period's file from a plan (baocao ky-moi)
    "compare": 8, "lint": 8,
    "commands": 9,
    "__main__": 10,
}
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    """Dotted module name → file, for every module of the package."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ("generator",) + path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> list[tuple[str, int, bool]]:
    """(imported generator module, line, at module level) for each import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    top_level = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            # "from . import x" imports the module x when it is one
            targets = [f"{module}.{alias.name}" if f"{module}.{alias.name}" in MODULES else module
                       for alias in node.names]
        else:
            continue
        for target in targets:
            if target == "generator" or target.startswith("generator."):
                found.append((target, node.lineno, id(node) in top_level))
    return found


GRAPH = {name: {t for t, _, _ in _imports(name, path) if t in MODULES and t != name} for name, path in MODULES.items()}


def _part(module: str) -> str:
    return module.split(".")[1] if "." in module else "__init__"


def test_the_walk_sees_the_package():
    assert len(MODULES) > 40 and GRAPH["generator.plan"] >= {"generator.kinds", "generator.validate"}


def test_no_import_cycle():
    """Any cycle, of any length, among the package's modules (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(GRAPH[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in GRAPH[node]:
                cycles.append(sorted(component))

    for node in sorted(GRAPH):
        if node not in index:
            visit(node)
    assert cycles == []


def test_imports_go_down_the_flow():
    upward = []
    for name in MODULES:
        if name == "generator":
            continue
        source = _part(name)
        for target in GRAPH[name]:
            part = _part(target)
            if part == "__init__":
                upward.append(f"{name} → {target} (the package's __init__ holds no code)")
            elif part != source and RANKS[part] >= RANKS[source]:
                upward.append(f"{name} → {target}")
    assert upward == []


def test_every_part_has_a_rank():
    assert {_part(name) for name in MODULES} - {"__init__"} <= set(RANKS)


def test_no_import_inside_a_function():
    hidden = [f"{path.relative_to(PACKAGE)}:{line} → {target}"
              for name, path in MODULES.items() for target, line, top in _imports(name, path) if not top]
    assert hidden == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_over_the_size_limit(name):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name}: {lines} lines"


def test_every_package_on_disk_is_shipped():
    """pyproject lists the packages by hand (templates/ travels as generator.templates, which
    setuptools' find cannot see): a new package, e.g. a new kind's, must be listed too."""
    listed = set(tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
                 ["tool"]["setuptools"]["packages"])
    on_disk = {".".join(("generator",) + p.parent.relative_to(PACKAGE).parts).rstrip(".")
               for p in PACKAGE.rglob("__init__.py")}
    assert on_disk <= listed and listed - on_disk == {"generator.templates"}
