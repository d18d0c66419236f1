"""`baocao template check` and `baocao template vars`: a template's mistakes and vocabulary,
found without rendering a document.

docxtpl-lint, a maintained linter for docxtpl templates, finds the mistakes: unclosed blocks,
stray `{% endfor %}`, Jinja syntax errors, unknown filters, variables the data contract does not
declare, `{%p %}` tags sharing a paragraph with text, and more, all in one run, each located by
part, paragraph and table cell. This module gives it baocao's contract (the JSON schema of what
a report template sees: the data-file models plus the derived values) and baocao's filters, and
turns its findings into Vietnamese a clerk can act on, with "có phải ý bạn là …?" for a
misspelt variable. Given a data file too, the template is also rendered once in memory, so what
only shows with real values (a filter refusing its value) is reported as well.
"""

from __future__ import annotations

import copy
import difflib
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from docxtpl_lint import api as lint_api
from docxtpl_lint import reader as lint_reader
from lxml import etree

from . import kinds, render, schema
from .errors import Finding, Location, UserError
from .loader import load_yaml

# The names the template sees (derive.report_context, and the other kinds' contexts in kinds.py)
# and the model behind each: bc a CCHC report, tb a thông báo kết luận, bcd a Party report.
CONTEXT_ROOTS = {"cq": "CoQuan", "bc": "BaoCao", "nk": "NguoiKy", "tb": "ThongBao", "bcd": "BaoCaoDang",
                 "kt": "BaoCao"}  # kt: the previous period's bc (previous.py)

# Derived values whose shape is more than a description (kinds' contexts reshape some fields).
_SHAPES = {
    ("ThongBao", "noi_nhan"): {"type": "array", "description": "các nơi nhận, mỗi mục có ten và ghi_chu (trống nếu không có)",
                               "items": {"$ref": "#/$defs/NoiNhanGhiChu"}},
    ("BaoCaoDang", "phan"): None,  # the template sees the parts as `khoi`; the data's tree is recursive
    ("BaoCaoDang", "khoi"): {
        "type": "array", "description": "thân báo cáo theo thứ tự đọc, mỗi khối một đề mục, một đoạn văn hoặc một nhiệm vụ",
        "items": {"type": "object", "properties": {
            "loai": {"type": "string", "description": "phan (dòng Phần thứ …), ten_phan, muc, doan hoặc nhiem_vu"},
            "cap": {"type": "integer", "description": "cấp của đề mục: 1 (I -), 2 (1.), 3 (2.1.)"},
            "tieu_de": {"type": "string", "description": "tiêu đề của phần hoặc đề mục"},
            "van_ban": {"type": "string", "description": "đoạn văn (dùng với |doan) hoặc nhiệm vụ (dùng với |cau)"}}}},
}


def context_schema() -> dict[str, Any]:
    """JSON schema of a report template's context: the data models, plus derived values, inlined."""
    source = schema.DuLieu.model_json_schema()
    defs = copy.deepcopy(source["$defs"])
    for model, fields in schema.DERIVED.items():
        for key, text in fields.items():
            defs[model]["properties"][key] = {"description": text}
    for (model, key), shape in _SHAPES.items():
        if shape is None:
            del defs[model]["properties"][key]
        else:
            defs[model]["properties"][key] = copy.deepcopy(shape)
    root = {"type": "object", "additionalProperties": False,
            "properties": {name: {"$ref": f"#/$defs/{model}"} for name, model in CONTEXT_ROOTS.items()}}
    return _inline(root, defs)


# A template's root names and the data-file key of the document that provides each.
_DOCUMENT_OF_ROOT = {"bc": ("bao_cao", "báo cáo"), "tb": ("thong_bao", "thông báo kết luận"),
                     "bcd": ("bao_cao_dang", "báo cáo của cấp ủy đảng")}


def _missing_document(exc: UserError, data_file: Path) -> Finding | None:
    """A template of one kind filled with a data file of another: say that, not "a misspelt variable"."""
    for f in exc.findings:
        m = re.search(r"\('(\w+)' chưa được định nghĩa\)", f.message)
        if m and m.group(1) in _DOCUMENT_OF_ROOT:
            key, name = _DOCUMENT_OF_ROOT[m.group(1)]
            return Finding(Location(Path(data_file)), f"tệp số liệu không có {name} (khóa '{key}'), văn bản mà mẫu "
                           f"{f.location.file.name} điền.",
                           f"chọn tệp số liệu có '{key}', hoặc mẫu của loại văn bản mà tệp số liệu này khai báo.")
    return None


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


# --- check -------------------------------------------------------------------------------------

def check(template: Path, data_file: Path | None = None) -> list[Finding]:
    """Every finding in `template` (errors and warnings), in document order."""
    template = Path(template)
    render.require_docx(template)
    data = positions = None
    if data_file is not None:
        raw, positions = load_yaml(data_file)
        data = schema.validate(raw, positions)
    env = render.make_environment(render.Prose())
    contract = context_schema()
    # Names are checked against the contract, not against one data file: a value the file leaves
    # empty is guarded by {% if %} in the template, which a static check cannot see.
    try:
        issues = lint_api.lint(template, schema=contract, jinja_env=env, autoescape=True).issues
        paragraphs = list(lint_reader.iter_paragraphs(template))  # outside the stable API: the version is pinned
        where = _Where(template, paragraphs)
    except render.DAMAGED:
        raise render.damaged(template) from None
    broken_blocks = any(issue.rule in _STRUCTURE for issue in issues)
    if broken_blocks:
        # a broken block makes every loop or `set` name after it look undeclared: report the cause,
        # and still every misspelt data variable (cq., bc., nk.)
        issues = [issue for issue in issues if not (issue.rule in _CONSEQUENCES and _root(issue) not in CONTEXT_ROOTS)]
    located = [(_order(i.location.part, i.location.paragraph, i.location.column), _finding(template, i, where, contract, env))
               for i in issues]
    made = _first_sets(paragraphs)
    for issue, (_, finding) in zip(issues, located):
        root = _root(issue)
        if issue.rule == "DTL304" and root in made and _order(issue.location.part, issue.location.paragraph, 0)[:3] < made[root]:
            finding.message = f"{finding.message} (tên ngắn «{root}» dùng trước thẻ {{%p set {root} = … %}} tạo ra nó)"
            finding.hint = (f"«{root}» chỉ dùng được sau thẻ {{%p set {root} = … %}} và trong cùng khối {{%p if %}}/"
                            f"{{%p for %}} với thẻ đó: chuyển câu vào sau thẻ set, hoặc viết tên đầy đủ.")
    located += _repeats(template, issues, paragraphs, where, contract, env)
    located += _tag_by_tag(template, paragraphs, where, contract, env, issues, broken_blocks)
    findings = [finding for _, finding in sorted(located, key=lambda pair: pair[0])]
    if data is not None and not any(f.severity == "lỗi" for f in findings):
        _, context, render_document = kinds.for_template(template, data_file, data, positions)
        try:  # what only shows with real values: render once, in memory, exactly as build does
            render_document(template)
        except UserError as exc:
            missing = _missing_document(exc, data_file)
            if missing:
                return findings + [missing]
            place = _first_failing_tag(paragraphs, where, context, env)
            findings += [Finding(Location(f.location.file, f.location.line, f.location.column, place), f.message,
                                 f.hint, f.severity) if place and f.location.file == template and not f.location.place
                         else f for f in exc.findings]
    return findings


def _first_failing_tag(paragraphs, where: _Where, context: dict, env) -> str | None:
    """Where a render with real data fails: each `{{ … }}` evaluated on its own, in order, with the
    template's `set` shortcuts resolved; loop variables cannot be known here and are passed over."""
    aliases: dict[str, Any] = {}
    for para in paragraphs:
        for tag in _TAG.findall(para.text):
            source = _as_jinja(tag)
            shortcut = _SET.fullmatch(source)
            try:
                if shortcut:
                    aliases[shortcut.group(1)] = env.compile_expression(shortcut.group(2))(**context, **aliases)
                elif source.startswith("{{"):
                    env.compile_expression(source[2:-2].strip())(**context, **aliases)
            except jinja2.UndefinedError:
                continue  # a loop variable, most likely: not this tag's fault
            except Exception:  # whatever the render raised, this tag raises it on its own too
                return where.place(para.part, para.index, para.cells, tag)
    return None


_STRUCTURE = {"DTL001", "DTL101", "DTL102", "DTL103"}  # unclosed or stray blocks, syntax errors
_CONSEQUENCES = {"DTL304", "DTL305", "DTL106"}  # variable checks, unreliable then


_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_PLAIN_QUOTES = str.maketrans("“”‘’", "\"\"''")  # as docxtpl reads Word's smart quotes inside tags


def _order(part: str, paragraph: int, column: int = 0) -> tuple[int, str, int, int]:
    return (part != "body", part, paragraph, column)  # the body first, then headers, footers, notes


_SET = re.compile(r"\{%-?p?\s*set\s+(\w+)\s*=\s*(.*?)\s*-?%\}", re.S)
_CHAIN = re.compile(r"\w+(?:\.\w+)*")
_DOCXTPL_PREFIX = re.compile(r"^(\{\{|\{%)[prc]\b|^(\{%)tr\b|^(\{%)tc\b")


def _as_jinja(tag: str) -> str:
    """A tag as Jinja reads it after docxtpl: straight quotes, no docxtpl prefix ({%p, {{r, {%tr …)."""
    return _DOCXTPL_PREFIX.sub(lambda m: m.group(1) or m.group(2) or m.group(3), tag.translate(_PLAIN_QUOTES))


def _tag_by_tag(template, paragraphs, where: _Where, contract, env, issues, broken_blocks) -> list[tuple[tuple, Finding]]:
    """What docxtpl-lint leaves out, read tag by tag with Jinja's own lexer and parser:
    - names reached through a `{% set x = … %}` shortcut (docxtpl-lint cannot know them);
    - every `{{ … }}` with a syntax error, not only the first of a part;
    - misspelt filters and tests, which docxtpl-lint checks only while every block balances."""
    found: list[tuple[tuple, Finding]] = []
    syntax_at = {(i.location.part, i.location.paragraph) for i in issues if i.rule in _STRUCTURE}
    aliases: dict[str, list[str]] = {}
    for para in paragraphs:
        for match in _TAG.finditer(para.text):
            tag = match.group(0).translate(_PLAIN_QUOTES)
            order = _order(para.part, para.index, match.start() + 1)

            def add(message: str, hint: str | None) -> None:
                place = where.place(para.part, para.index, para.cells, match.group(0))
                found.append((order, Finding(Location(template, place=place), message, hint)))

            if tag.startswith("{{") and (para.part, para.index) not in syntax_at:
                try:
                    env.parse(_as_jinja(tag))
                except jinja2.TemplateSyntaxError as exc:
                    add(MESSAGES_VI["DTL103"].format(msg=_jinja_message(exc.message or "")), HINTS_VI["DTL103"])
                    continue
            shortcut = _SET.fullmatch(tag)
            if shortcut:
                value = shortcut.group(2)
                chain = value.split(".") if _CHAIN.fullmatch(value) else None
                if chain and chain[0] in aliases:
                    chain = aliases[chain[0]] + chain[1:]
                if chain and chain[0] in CONTEXT_ROOTS:
                    aliases[shortcut.group(1)] = chain
                else:
                    aliases.pop(shortcut.group(1), None)
            try:
                tokens = [t for t in env.lex(tag) if t[1] != "whitespace"]
            except jinja2.TemplateSyntaxError:
                continue  # reported as a syntax finding
            for k, (_, kind, value) in enumerate(tokens):
                before = tokens[k - 1][1:] if k else None
                if kind != "name" or before == ("operator", "."):
                    continue
                if before == ("operator", "|") and value not in env.filters and broken_blocks:
                    add(MESSAGES_VI["DTL104"].format(name=value), _suggest(value, env.filters, HINTS_VI["DTL104"]))
                elif before == ("name", "is") and value not in env.tests and value != "not" and broken_blocks:
                    add(MESSAGES_VI["DTL105"].format(name=value), _suggest(value, env.tests, None))
                elif value in aliases and before != ("operator", "|"):
                    chain = [value]
                    j = k + 1
                    while j + 1 < len(tokens) and tokens[j][1:] == ("operator", ".") and tokens[j + 1][1] == "name":
                        chain.append(tokens[j + 1][2])
                        j += 2
                    full = aliases[value] + chain[1:]
                    if _node_at(contract, full) is None:
                        known = _names_at(contract, full[:-1])
                        close = difflib.get_close_matches(full[-1], known, n=1, cutoff=0.6)
                        add(MESSAGES_VI["DTL304"].format(path=".".join(chain))
                            + f" ({value} là tên ngắn của {'.'.join(aliases[value])})",
                            f"có phải ý bạn là '{'.'.join(chain[:-1] + close)}'?" if close else HINTS_VI["DTL304"])
    return found


def _first_sets(paragraphs) -> dict[str, tuple]:
    """Where each `{% set name = … %}` shortcut is first made, as (part, paragraph) order."""
    first: dict[str, tuple] = {}
    for para in paragraphs:
        for tag in _TAG.findall(para.text):
            if m := _SET.fullmatch(tag.translate(_PLAIN_QUOTES)):
                first.setdefault(m.group(1), _order(para.part, para.index, 0)[:3])
    return first


def _repeats(template, issues, paragraphs, where: _Where, contract, env) -> list[tuple[tuple, Finding]]:
    """docxtpl-lint names a misspelt variable once; a clerk must fix every place it stands. A shortcut
    used before its `{% set %}` is wrong there only: its uses after the set are not repeated."""
    found = []
    made = _first_sets(paragraphs)
    for issue in (i for i in issues if i.rule == "DTL304" and i.snippet):
        first = _finding(template, issue, where, contract, env)
        set_at = made.get(_root(issue))
        for para in paragraphs:
            if set_at is not None and _order(para.part, para.index, 0)[:3] > set_at:
                continue
            at = para.text.find(issue.snippet)
            if at >= 0 and (para.part, para.index) != (issue.location.part, issue.location.paragraph):
                place = where.place(para.part, para.index, para.cells, issue.snippet)
                found.append((_order(para.part, para.index, at + 1), Finding(Location(template, place=place),
                                                                             first.message, first.hint)))
    return found


def _suggest(name: str, known, otherwise: str | None) -> str | None:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.5)  # short names: "sô" → "so"
    return f"có phải ý bạn là '{close[0]}'?" if close else otherwise


def _node_at(contract: dict, parts: list[str]) -> dict | None:
    node = contract
    for part in parts:
        props = node.get("properties") or node.get("items", {}).get("properties")
        if not props or part not in props:
            return None
        node = props[part]
    return node


def _names_at(contract: dict, parts: list[str]) -> list[str]:
    node = _node_at(contract, parts) or {}
    return list(node.get("properties") or node.get("items", {}).get("properties") or {})


def _root(issue) -> str:
    return str(issue.params.get("path") or issue.params.get("name") or "").split(".")[0].split("[")[0]


_PARTS = {"body": "thân văn bản", "header": "đầu trang", "footer": "chân trang",
          "footnotes": "chú thích cuối trang", "endnotes": "chú thích cuối văn bản", "comments": "ghi chú"}


class _Where:
    """Where a clerk finds a spot in Word: the part by its role (the first page's header, …), the
    paragraph, the table cell, and the tag with the words around it, cut between words."""

    def __init__(self, template: Path, paragraphs):
        self.texts = {(p.part, p.index): p.text for p in paragraphs}
        self.roles = _header_footer_roles(template)

    def part_name(self, part: str) -> str:
        kind = part.rstrip("0123456789")
        return self.roles.get(part) or _PARTS.get(kind, part) + (f" {part[len(kind):]}" if part[len(kind):] else "")

    def of(self, issue) -> str:
        location = issue.location
        return self.place(location.part, location.paragraph, location.cells, issue.snippet)

    def place(self, part: str, paragraph: int, cells, snippet: str) -> str:
        place = f"{self.part_name(part)}, đoạn {paragraph}"
        if cells:
            cell = cells[-1]
            place += f", bảng {cell.table} hàng {cell.row} ô {cell.col}"
        text = " ".join(self.texts.get((part, paragraph), "").split())
        snippet = " ".join(snippet.split())
        at = text.find(snippet) if snippet else -1
        if at >= 0:
            start, end = max(0, at - 30), min(len(text), at + len(snippet) + 30)
            while 0 < start < at and not text[start - 1].isspace():
                start -= 1
            while at + len(snippet) < end < len(text) and not text[end].isspace():
                end += 1
            snippet = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
        if snippet:
            place += f", «{snippet}»"
        return place


_ROLES = {"first": "của trang đầu", "default": "các trang", "even": "các trang chẵn"}


def _header_footer_roles(template: Path) -> dict[str, str]:
    """"header2" → "đầu trang các trang sau": what Word's header/footer file names mean to a clerk."""
    with zipfile.ZipFile(template) as z:
        targets = {r.get("Id"): r.get("Target", "") for r in
                   etree.fromstring(z.read("word/_rels/document.xml.rels"))}
        body = etree.fromstring(z.read("word/document.xml"))
    roles: dict[str, str] = {}
    for sect in body.iter(f"{_W}sectPr"):
        title_page = sect.find(f"{_W}titlePg") is not None
        for ref in sect:
            kind = etree.QName(ref).localname
            if kind in ("headerReference", "footerReference"):
                label = targets.get(ref.get(f"{_R}id"), "").rsplit("/", 1)[-1].removesuffix(".xml")
                role = _ROLES.get(ref.get(f"{_W}type"), "")
                if role == "các trang" and title_page:
                    role = "các trang sau"
                roles.setdefault(label, f"{'đầu trang' if kind == 'headerReference' else 'chân trang'} {role}".strip())
    return roles


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _finding(template: Path, issue, where: _Where, contract: dict, env) -> Finding:
    params = {key: _VI_WORDS.get(value, value) if isinstance(value, str) else value
              for key, value in issue.params.items()}
    if issue.rule == "DTL103":
        params["msg"] = _jinja_message(params.get("msg", ""))
    if issue.rule == "DTL304":  # name it as written: `muc.tieu_dee` in a loop, not its expanded path
        params["path"] = _as_written(params["path"], issue.snippet)
    if "open_loc" in params:  # "body ¶13" → "thân văn bản, đoạn 13"
        params["open_loc"] = re.sub(r"(\w+) ¶(\d+)", lambda m: f"{where.part_name(m.group(1))}, đoạn {m.group(2)}",
                                    params["open_loc"])
    message = MESSAGES_VI[issue.rule].format(**params)
    hint = HINTS_VI.get(issue.rule)
    if issue.rule == "DTL304":
        hint = _did_you_mean(issue.params.get("path", ""), issue.snippet, contract) or hint
    if issue.rule == "DTL101":  # the closing tag this very block needs
        prefix = re.match(r"\{%-?(p|tr|tc|r)?", issue.snippet or "")
        prefix = prefix.group(1) or "" if prefix else ""
        hint = f"thêm thẻ {{%{prefix} end{params.get('kw', '')} %}} ở cuối khối" + (
            ", một mình trong một đoạn." if prefix == "p" else ".")
    if issue.rule == "DTL104":
        hint = _suggest(params.get("name", ""), env.filters, hint)
    if issue.rule == "DTL105":
        hint = _suggest(params.get("name", ""), env.tests, hint)
    severity = "lỗi" if issue.severity == "error" else "cảnh báo"
    return Finding(Location(template, place=where.of(issue)), message, hint, severity)


def _did_you_mean(path: str, snippet: str, contract: dict) -> str | None:
    """For a misspelt variable: the closest name the contract declares at that level, written as
    the clerk wrote it (`muc.tieu_de` in a loop, not the path docxtpl-lint expanded it to)."""
    parts = [p.replace("[*]", "") for p in path.split(".")]
    known = _names_at(contract, parts[:-1])
    close = difflib.get_close_matches(parts[-1], known, n=1, cutoff=0.6)
    if not close:
        return ("các tên dùng được ở đây: " + ", ".join(known) + ".") if known else None
    written = _as_written(".".join(parts), snippet)
    return f"có phải ý bạn là '{'.'.join(written.split('.')[:-1] + close)}'?"


def _as_written(path: str, snippet: str) -> str:
    """The dotted name in the tag that ends like `path` (a loop variable's own name)."""
    last = path.replace("[*]", "").split(".")[-1]
    return next((c for c in _CHAIN.findall(snippet) if c.split(".")[-1] == last), path)


_JINJA_VI = {
    "Encountered unknown tag": "gặp thẻ không biết",
    "unexpected end of template": "mẫu kết thúc khi một khối chưa đóng",
    "unexpected char": "ký tự không dùng được trong thẻ",
    "expected token": "thiếu dấu hoặc tên trong thẻ",
    "unexpected '": "dấu không đúng chỗ",
    "tag name expected": "thiếu tên thẻ sau {%",
    "Expected an expression": "thiếu biểu thức trong thẻ",
    "expected an expression": "thiếu biểu thức trong thẻ",
}


def _jinja_message(msg: str) -> str:
    for english, vietnamese in _JINJA_VI.items():
        if msg.startswith(english):
            return f"{vietnamese} ({msg})"
    return f"thẻ viết sai (Jinja báo: {msg})"


# Words docxtpl-lint puts into its messages' parameters (units, JSON types).
_VI_WORDS = {"paragraph": "đoạn", "table row": "hàng bảng", "table cell": "ô bảng", "string": "chữ",
             "number": "số", "integer": "số nguyên", "object": "nhóm khóa", "boolean": "có/không",
             "null": "giá trị trống", "array": "danh sách"}


# One Vietnamese message per docxtpl-lint rule, with the rule's own parameters.
MESSAGES_VI = {
    "DTL001": "thẻ `{open}` không có `{close}` đóng lại",
    "DTL002": "thẻ `{open}` chỉ đóng ở đoạn {end_para}; khi điền sẽ gộp các đoạn này và mất định dạng của chúng",
    "DTL003": "đoạn này có phần bị xóa khi bật theo dõi thay đổi (Track Changes) mà vẫn chứa mã mẫu; khi điền vẫn chạy phần đã xóa",
    "DTL005": "chú thích tắt kiểm tra `{directive}` không khớp lỗi nào ở đây: {rules}",
    "DTL101": "khối `{{% {kw} %}}` không có `{{% end{kw} %}}` đóng lại",
    "DTL102": "thẻ `{raw}` không có khối mở tương ứng",
    "DTL103": "mẫu sai cú pháp: {msg}",
    "DTL104": "bộ lọc `{name}` không có",
    "DTL105": "phép thử `is {name}` không có",
    "DTL106": "`{name}` chỉ có bên trong vòng lặp `for` nhưng được dùng sau vòng lặp",
    "DTL201": "thẻ `{prefix}` chứa `%` hoặc `}}`, baocao không đọc được; tính giá trị trước bằng `{{% set %}}`",
    "DTL202": "viết `{{%{prefix} …` liền, không có dấu cách sau `{{%`",
    "DTL203": "thẻ `{raw}` dùng tiền tố `{prefix}` nhưng không nằm trong ô bảng",
    "DTL204": "thẻ `{close_raw}` đóng thẻ `{open_raw}` ({open_loc}) nhưng khác tiền tố ({open_prefix} và {close_prefix})",
    "DTL205": "thẻ `{open_raw}` ở bảng {t1} nhưng `{close_raw}` ở bảng {t2}; các hàng sẽ mất mà không báo lỗi",
    "DTL206": "thẻ `{open_raw}` và `{close_raw}` cùng một hàng (bảng {table}, hàng {row}); đặt chúng ở hai hàng riêng",
    "DTL207": "thẻ `{open_raw}` và `{close_raw}` ở khác hàng hoặc khác bảng; bảng sẽ bị hỏng",
    "DTL208": "thẻ `{raw}` chỉ dùng được trong ô bảng",
    "DTL209": "thẻ `{raw}` làm baocao thay cả {unit} bằng thẻ, nên chữ «{rest}» bên cạnh sẽ mất mà không báo lỗi",
    "DTL210": "thẻ `{open_raw}` và `{close_raw}` ở cùng một đoạn; đặt chúng ở hai đoạn riêng",
    "DTL301": "`{path}` không có trong tệp số liệu",
    "DTL302": "khóa `{key}` của số liệu không được mẫu dùng",
    "DTL303": "`{{% for … in {path} %}}` nhưng `{path}` trong tệp số liệu là {type}, không phải danh sách",
    "DTL304": "biến `{path}` không có trong số liệu của báo cáo",
    "DTL305": "`{{% for … in {path} %}}` nhưng `{path}` không phải danh sách ({type})",
    "DTL306": "`{path}` là {type} nhưng bộ lọc `|{filter}` cần một danh sách",
    "DTL307": "thẻ `{raw}` cần một đối tượng {object} của trình điền mẫu, nhưng `{path}` là giá trị thường",
    "DTL308": "`{path}` chứa `{char}` («{value}») mà được in ra không qua `|e`",
    "DTL401": "thẻ `{raw}` đã được điền nhưng giá trị không xuất hiện trong văn bản",
    "DTL402": "không điền được mẫu: {error}",
}

HINTS_VI = {
    "DTL001": "thêm phần đóng của thẻ; nếu Word tự đổi dấu, gõ lại thẻ cho liền một mạch.",
    "DTL002": "gõ cả thẻ trong cùng một đoạn (không xuống dòng giữa thẻ).",
    "DTL003": "trong Word chọn Review (Xem lại) → Accept All Changes (Chấp nhận mọi thay đổi), rồi lưu và kiểm tra lại.",
    "DTL101": "thêm thẻ đóng tương ứng ở cuối khối.",
    "DTL105": "các phép thử thường dùng: defined, none, number, string.",
    "DTL106": "dùng tên này bên trong vòng lặp, trước thẻ endfor.",
    "DTL203": "thẻ {%tr … %} chỉ đặt trong một hàng của bảng; ngoài bảng dùng {%p … %}.",
    "DTL204": "thẻ mở và thẻ đóng phải cùng tiền tố: {%p if %} … {%p endif %}, {%tr for %} … {%tr endfor %}.",
    "DTL102": "xóa thẻ này, hoặc thêm thẻ mở tương ứng phía trên.",
    "DTL103": "kiểm tra các cặp {{ … }} và {% … %} của đoạn này.",
    "DTL104": "xem danh sách bộ lọc bằng lệnh: baocao template vars",
    "DTL209": "đặt thẻ {%p … %} một mình trong một đoạn.",
    "DTL210": "đặt thẻ mở và thẻ đóng ở hai đoạn riêng.",
    "DTL304": "xem các biến dùng được bằng lệnh: baocao template vars",
}


# --- vars --------------------------------------------------------------------------------------

FILTERS_VI = {
    "so": ("số có dấu chấm phân cách hàng nghìn", "{{ 9737|so }} → 9.737"),
    "thap_phan": ("số thập phân, làm tròn (mặc định 2 chữ số)", "{{ 25.547|thap_phan }} → 25,55"),
    "phan_tram": ("tỷ lệ phần trăm, làm tròn (mặc định 1 chữ số)", "{{ 99.93|phan_tram }} → 99,9%"),
    "doc_so": ("đọc số thành chữ", "{{ 2021|doc_so }} → hai nghìn không trăm hai mươi mốt"),
    "tien_bang_chu": ("số tiền bằng chữ", "{{ 1250000|tien_bang_chu }} → Một triệu hai trăm năm mươi nghìn đồng"),
    "ngay": ("ngày viết tắt trong câu", "{{ hs.den_ngay|ngay }} → 12/6/2023"),
    "ngay_thang_nam": ("ngày viết đầy đủ", "{{ bc.ngay|ngay_thang_nam }} → ngày 05 tháng 02 năm 2023"),
    "ten_ky": ("tên kỳ báo cáo; thêm ('ngan') cho dạng ngắn", "{{ bc.ky|ten_ky }} → 6 tháng đầu năm 2023"),
    "la_ma": ("số La Mã", "{{ 4|la_ma }} → IV"),
    "so_dem": ("số đếm có số 0 đứng trước", "{{ 3|so_dem }} → 03"),
    "doan": ("đoạn văn của số liệu (đậm, nghiêng, chú thích); đặt một mình trong một đoạn",
             "{{ bc.mo_dau|doan }}"),
    "cau": ("văn bản của số liệu chen trong một câu của mẫu", "… đạt 99,9%. {{ hs.them|cau }}"),
    "co_noi_dung": ("đúng khi một mục có nội dung để in (dùng trong {% if %})",
                    "{%p if bc.chi_dao|co_noi_dung %}"),
    "than": ("các mục, đoạn văn và bảng của báo cáo ghi dàn ý trong số liệu; đặt một mình trong một đoạn",
             "{{ bc.noi_dung|than }}"),
    "phu_luc": ("các phụ lục, mỗi phụ lục một phần trang ngang riêng; đặt một mình trong đoạn cuối, sau chữ ký",
                "{{ bc.phu_luc|phu_luc }}"),
    "chenh_lech": ("chênh lệch so với số kỳ trước, có dấu (+ hoặc -)", "{{ 77|chenh_lech(75) }} → +2"),
    "so_voi_ky_truoc": ("câu tăng, giảm so với kỳ trước; kèm đơn vị",
                        "{{ 9744|so_voi_ky_truoc(9737, 'hồ sơ') }} → tăng 7 hồ sơ so với kỳ trước"),
}


_FOR = re.compile(r"\{%-?[pr]?\s*for\s+(\w+)\s+in\s+([\w.]+)\s*-?%\}")


def shortcuts(template: Path) -> list[tuple[str, str]]:
    """The short names a template makes for itself: `{% set hs = … %}` and `{% for muc in … %}`."""
    found: dict[str, list[str]] = {}
    for para in lint_reader.iter_paragraphs(template):
        for tag in _TAG.findall(para.text):
            tag = tag.translate(_PLAIN_QUOTES)
            if m := _SET.fullmatch(tag):
                meaning = f"= {m.group(2)}"
            elif m := _FOR.fullmatch(tag):
                meaning = f"mỗi mục của {m.group(2)} (trong vòng lặp)"
            else:
                continue
            if meaning not in found.setdefault(m.group(1), []):
                found[m.group(1)].append(meaning)
    return [(name, "; ".join(meanings)) for name, meanings in sorted(found.items())]


def variables(data_file: Path | None = None) -> list[tuple[str, str, str]]:
    """(variable, Vietnamese description, example value) for every variable a report template may
    use; examples come from `data_file` when given."""
    context = None
    if data_file is not None:
        raw, positions = load_yaml(data_file)
        context = kinds.merged_context(data_file, schema.validate(raw, positions), positions)
    rows: list[tuple[str, str, str]] = []

    def walk(node: dict, path: str, value: Any) -> None:
        if path == "kt":  # the previous period has bc's names: one row, not the whole list again
            rows.append((path, "số liệu kỳ trước (khóa ky_truoc), cùng tên biến như bc, ví dụ "
                               "kt.ket_qua.tthc.ho_so.tiep_nhan; không có kỳ trước thì là None", ""))
            return
        props = node.get("properties") or node.get("items", {}).get("properties")
        if props is None:
            rows.append((path, node.get("description", ""), _example(value)))
            return
        if path:  # the group itself: `{% if bc.ket_qua.tthc %}`, `{% set tthc = … %}`
            rows.append((path, node.get("description", ""), ""))
        is_list = "items" in node
        for key, sub in props.items():
            item = (value[0] if value else None) if is_list else value
            walk(sub, f"{path}[].{key}" if is_list else f"{path}.{key}" if path else key,
                 item.get(key) if isinstance(item, dict) else None)

    walk(context_schema(), "", context)
    return rows


def _example(value: Any) -> str:
    if value is None or value == [] or value == "":
        return ""
    if isinstance(value, list):
        value = value[0]
    if isinstance(value, bool):
        return "true" if value else "false"  # as written in the data file
    if isinstance(value, (float, Decimal)):
        return f"{value:.2f}".rstrip("0").rstrip(".")  # a computed rate: its value, not 28 digits
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:57] + "…"
