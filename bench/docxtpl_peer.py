"""The peer the speed benchmarks compare baocao with: a bare docxtpl script, run as a whole process.

    python bench/docxtpl_peer.py render TEMPLATE.docx CONTEXT.pickle OUT.docx
    python bench/docxtpl_peer.py table TEMPLATE.docx DATA.yaml OUT.docx

`render`: what someone using docxtpl alone would run to fill baocao's template with the context
baocao computed (pickled beforehand by the benchmark; only built-in types, so unpickling imports
nothing of baocao's). The template's filters are given the simplest Python that lets it render
(numbers with a thousands dot, a date as dd/mm/yyyy, prose as its text): no markup, no footnotes,
no numbering, no deterministic zip. docxtpl's render and save, nothing more.

`table`: docxtpl's own table, a `{%tr for %}` row in TEMPLATE (written by bench_large_table.py
with the same 3 header rows and 11 columns as baocao's "Tình hình giải quyết hồ sơ"). It reads the
same data file with PyYAML's fastest loader (libyaml), adds up the three total columns and the TỔNG
CỘNG row in Python, renders and saves.

Imports only docxtpl and the standard library (and yaml for `table`), so that its start-up is
docxtpl's own. It prints its peak resident memory (KiB, getrusage) on its last line.
"""

from __future__ import annotations

import pickle
import resource
import sys

from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment


def _number(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _text(value) -> str:
    if isinstance(value, (list, tuple)):
        return " ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return " ".join(_text(v) for v in value.values())
    return "" if value is None else str(value)


def _filters() -> dict:
    return {"so": _number, "phan_tram": lambda v, *a: _number(v) + "%",
            "ngay": lambda d, *a: d.strftime("%d/%m/%Y") if d else "",
            "ten_ky": lambda k, *a: f"{k.get('loai')} {k.get('so') or ''}/{k.get('nam')}",
            "doan": _text, "cau": _text, "than": lambda v, *a: _text(v), "phu_luc": _text,
            "co_noi_dung": lambda v: bool(_text(v).strip())}


def render(template: str, context_file: str, out: str) -> None:
    with open(context_file, "rb") as f:
        context = pickle.load(f)
    env = SandboxedEnvironment(autoescape=True)
    env.filters.update(_filters())
    tpl = DocxTemplate(template)
    tpl.render(context, jinja_env=env, autoescape=True)
    tpl.save(out)


_SUMS = {"tiep_nhan": ("ky_truoc", "moi"), "da_giai_quyet": ("dung_han", "qua_han"),
         "dang_giai_quyet": ("chua_den_han", "dang_qua_han")}
_NUMBERS = ("tiep_nhan", "ky_truoc", "moi", "da_giai_quyet", "dung_han", "qua_han", "dang_giai_quyet",
            "chua_den_han", "dang_qua_han")


def _rows(data) -> list:
    """The rows of the first table of kind ho_so_linh_vuc, wherever it stands in the file."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("kieu") == "ho_so_linh_vuc" and isinstance(node.get("dong"), list):
                return node["dong"]
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    raise SystemExit("no ho_so_linh_vuc table in the data file")


def table(template: str, data_file: str, out: str) -> None:
    import yaml  # only this case reads YAML

    with open(data_file, encoding="utf-8") as f:
        data = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    rows = []
    for row in _rows(data):
        row = {"linh_vuc": "", "ghi_chu": "", **{key: None for key in _NUMBERS}, **row}
        for total, parts in _SUMS.items():
            row[total] = sum(row.get(p) or 0 for p in parts)
        rows.append(row)
    totals = {key: sum(row.get(key) or 0 for row in rows) for key in _NUMBERS}
    env = SandboxedEnvironment(autoescape=True)
    env.filters["so"] = _number
    tpl = DocxTemplate(template)
    tpl.render({"dong": rows, "tong": totals}, jinja_env=env, autoescape=True)
    tpl.save(out)


def main() -> None:
    case, *args = sys.argv[1:]
    {"render": render, "table": table}[case](*args)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


if __name__ == "__main__":
    main()
