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

from . import build, derive, render, schema
from .errors import Finding, Location, UserError, error
from .loader import load_yaml

# The names the template sees (derive.report_context) and the model behind each.
CONTEXT_ROOTS = {"cq": "CoQuan", "bc": "BaoCao", "nk": "NguoiKy"}


def context_schema() -> dict[str, Any]:
    """JSON schema of a report template's context: the data models, plus derived values, inlined."""
    source = schema.DuLieu.model_json_schema()
    defs = copy.deepcopy(source["$defs"])
    for model, fields in schema.DERIVED.items():
        for key, text in fields.items():
            defs[model]["properties"][key] = {"description": text}
    root = {"type": "object", "additionalProperties": False,
            "properties": {name: {"$ref": f"#/$defs/{model}"} for name, model in CONTEXT_ROOTS.items()}}
    return _inline(root, defs)


def _inline(node: Any, defs: dict) -> Any:
    """Resolve $ref (docxtpl-lint does not follow them) and read `X | None` as X: a template tests
    an optional value with `{% if %}`, so None is no type error."""
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        return _inline(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    if "anyOf" in node and len(options) == 1:
        merged = {k: v for k, v in node.items() if k != "anyOf"}
        return _inline({**options[0], **merged}, defs)
    return {key: _inline(value, defs) for key, value in node.items()}


# --- check -------------------------------------------------------------------------------------

def check(template: Path, data_file: Path | None = None) -> list[Finding]:
    """Every finding in `template` (errors and warnings), in document order."""
    template = Path(template)
    _require_docx(template)
    data = None
    if data_file is not None:
        raw, positions = load_yaml(data_file)
        data = schema.validate(raw, positions)
    env = render.make_environment(render.Prose())
    contract = context_schema()
    # Names are checked against the contract, not against one data file: a value the file leaves
    # empty is guarded by {% if %} in the template, which a static check cannot see.
    issues = lint_api.lint(template, schema=contract, jinja_env=env, autoescape=True).issues
    broken_blocks = any(issue.rule in _STRUCTURE for issue in issues)
    if broken_blocks:
        # a broken block makes every loop or `set` name after it look undeclared: report the cause,
        # and still every misspelt data variable (cq., bc., nk.)
        issues = [issue for issue in issues if not (issue.rule in _CONSEQUENCES and _root(issue) not in CONTEXT_ROOTS)]
    paragraphs = list(lint_reader.iter_paragraphs(template))  # outside the stable API: the version is pinned
    texts = {(p.part, p.index): p.text for p in paragraphs}
    located = [(_order(i.location.part, i.location.paragraph), _finding(template, i, texts, contract)) for i in issues]
    if broken_blocks:
        located += _unknown_filters(template, env, paragraphs, texts)
    findings = [finding for _, finding in sorted(located, key=lambda pair: pair[0])]
    if data is not None and not any(f.severity == "lỗi" for f in findings):
        try:  # what only shows with real values: render once, in memory, exactly as build does
            build.render_report(template, data)
        except UserError as exc:
            findings += exc.findings
    return findings


_STRUCTURE = {"DTL001", "DTL101", "DTL102", "DTL103"}  # unclosed or stray blocks, syntax errors
_CONSEQUENCES = {"DTL304", "DTL305", "DTL106"}  # variable checks, unreliable then


_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_PLAIN_QUOTES = str.maketrans("“”‘’", "\"\"''")  # as docxtpl reads Word's smart quotes inside tags


def _order(part: str, paragraph: int) -> tuple[int, str, int]:
    return (part != "body", part, paragraph)  # the body first, then headers, footers, notes


def _unknown_filters(template: Path, env, paragraphs, texts: dict) -> list[tuple[tuple, Finding]]:
    """docxtpl-lint checks filter names only when every block of a part balances. When one does
    not, each tag is read with Jinja's own lexer, so a misspelt filter is reported all the same."""
    findings = []
    for para in paragraphs:
        for tag in _TAG.findall(para.text):
            try:
                tokens = [t for t in env.lex(tag.translate(_PLAIN_QUOTES)) if t[1] != "whitespace"]
            except jinja2.TemplateSyntaxError:
                continue  # already a syntax finding
            for before, token in zip(tokens, tokens[1:]):
                if before[1:] == ("operator", "|") and token[1] == "name" and token[2] not in env.filters:
                    place = _place_of(para.part, para.index, para.cells, tag, texts)
                    close = difflib.get_close_matches(token[2], list(FILTERS_VI), n=1, cutoff=0.5)
                    findings.append((_order(para.part, para.index), Finding(
                        Location(template, place=place), MESSAGES_VI["DTL104"].format(name=token[2]),
                        f"có phải ý bạn là '{close[0]}'?" if close else HINTS_VI["DTL104"])))
    return findings


def _root(issue) -> str:
    return str(issue.params.get("path") or issue.params.get("name") or "").split(".")[0].split("[")[0]


def _require_docx(template: Path) -> None:
    if not template.is_file():
        raise error(template, "không tìm thấy tệp mẫu.", hint="kiểm tra đường dẫn tới tệp .docx.")
    try:
        with zipfile.ZipFile(template) as z:
            if "word/document.xml" not in z.namelist():
                raise zipfile.BadZipFile
    except zipfile.BadZipFile:
        raise error(template, "tệp mẫu không phải tệp Word .docx hợp lệ.",
                    hint="mở tệp trong Word hoặc LibreOffice và lưu lại dưới dạng .docx (Word 2007-365).") from None


_PARTS = {"body": "thân văn bản", "header": "đầu trang", "footer": "chân trang",
          "footnotes": "chú thích cuối trang", "endnotes": "chú thích cuối văn bản", "comments": "ghi chú"}


def _place(issue, texts: dict) -> str:
    location = issue.location
    return _place_of(location.part, location.paragraph, location.cells, issue.snippet, texts)


def _place_of(part: str, paragraph: int, cells, snippet: str, texts: dict) -> str:
    """Where a clerk finds it in Word: the part, the paragraph, the table cell, and the text around
    the tag (`texts` maps (part, paragraph) to the paragraph's text)."""
    kind = part.rstrip("0123456789")
    name = _PARTS.get(kind, part) + (f" {part[len(kind):]}" if part[len(kind):] else "")
    place = f"{name}, đoạn {paragraph}"
    if cells:
        cell = cells[-1]
        place += f", bảng {cell.table} hàng {cell.row} ô {cell.col}"
    text = " ".join(texts.get((part, paragraph), "").split())
    snippet = " ".join(snippet.split())
    at = text.find(snippet) if snippet else -1
    if at >= 0:  # the tag with some of the words around it, as Word shows them
        start, end = max(0, at - 30), min(len(text), at + len(snippet) + 30)
        snippet = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    if snippet:
        place += f", «{snippet}»"
    return place


def _finding(template: Path, issue, texts: dict, contract: dict) -> Finding:
    params = dict(issue.params)
    if issue.rule == "DTL103":
        params["msg"] = _jinja_message(params.get("msg", ""))
    message = MESSAGES_VI[issue.rule].format(**params)
    hint = HINTS_VI.get(issue.rule)
    if issue.rule == "DTL304":
        hint = _did_you_mean(params.get("path", ""), contract) or hint
    if issue.rule == "DTL104":
        close = difflib.get_close_matches(params.get("name", ""), list(FILTERS_VI), n=1, cutoff=0.5)
        hint = f"có phải ý bạn là '{close[0]}'?" if close else hint
    severity = "lỗi" if issue.severity == "error" else "cảnh báo"
    return Finding(Location(template, place=_place(issue, texts)), message, hint, severity)


def _did_you_mean(path: str, contract: dict) -> str | None:
    """For a misspelt variable: the closest name the contract does declare at that level."""
    parts = path.replace("[*]", "").split(".")
    node = contract
    for part in parts[:-1]:
        node = node.get("properties", {}).get(part) or node.get("items", {}).get("properties", {}).get(part)
        if node is None:
            return None
    known = list(node.get("properties", {}) or node.get("items", {}).get("properties", {}))
    close = difflib.get_close_matches(parts[-1], known, n=1, cutoff=0.6)
    if close:
        return f"có phải ý bạn là '{'.'.join(parts[:-1] + close)}'?"
    return ("các tên dùng được ở đây: " + ", ".join(known) + ".") if known else None


_JINJA_VI = {
    "Encountered unknown tag": "gặp thẻ không biết",
    "unexpected end of template": "mẫu kết thúc khi một khối chưa đóng",
    "unexpected char": "ký tự không dùng được trong thẻ",
    "expected token": "thiếu dấu hoặc tên trong thẻ",
    "unexpected '": "dấu không đúng chỗ",
    "tag name expected": "thiếu tên thẻ sau {%",
}


def _jinja_message(msg: str) -> str:
    for english, vietnamese in _JINJA_VI.items():
        if msg.startswith(english):
            return f"{vietnamese} ({msg})"
    return msg


# One Vietnamese message per docxtpl-lint rule, with the rule's own parameters.
MESSAGES_VI = {
    "DTL001": "thẻ `{open}` không có `{close}` đóng lại",
    "DTL002": "thẻ `{open}` chỉ đóng ở đoạn {end_para}; docxtpl sẽ gộp các đoạn này và mất định dạng của chúng",
    "DTL003": "đoạn này có phần bị xóa khi bật theo dõi thay đổi (Track Changes) mà vẫn chứa mã mẫu; docxtpl vẫn chạy phần đã xóa",
    "DTL005": "chú thích tắt kiểm tra `{directive}` không khớp lỗi nào ở đây: {rules}",
    "DTL101": "khối `{{% {kw} %}}` không có `{{% end{kw} %}}` đóng lại",
    "DTL102": "thẻ `{raw}` không có khối mở tương ứng",
    "DTL103": "mẫu sai cú pháp: {msg}",
    "DTL104": "bộ lọc `{name}` không có",
    "DTL105": "phép thử `is {name}` không có",
    "DTL106": "`{name}` chỉ có bên trong vòng lặp `for` nhưng được dùng sau vòng lặp",
    "DTL201": "thẻ `{prefix}` chứa `%` hoặc `}}`, docxtpl không đọc được; tính giá trị trước bằng `{{% set %}}`",
    "DTL202": "viết `{{%{prefix} …` liền, không có dấu cách sau `{{%`",
    "DTL203": "thẻ `{raw}` dùng tiền tố `{prefix}` nhưng không nằm trong ô bảng",
    "DTL204": "thẻ `{close_raw}` đóng thẻ `{open_raw}` ({open_loc}) nhưng khác tiền tố ({open_prefix} và {close_prefix})",
    "DTL205": "thẻ `{open_raw}` ở bảng {t1} nhưng `{close_raw}` ở bảng {t2}; các hàng sẽ mất mà không báo lỗi",
    "DTL206": "thẻ `{open_raw}` và `{close_raw}` cùng một hàng (bảng {table}, hàng {row}); đặt chúng ở hai hàng riêng",
    "DTL207": "thẻ `{open_raw}` và `{close_raw}` ở khác hàng hoặc khác bảng; bảng sẽ bị hỏng",
    "DTL208": "thẻ `{raw}` chỉ dùng được trong ô bảng",
    "DTL209": "thẻ `{raw}` làm docxtpl thay cả {unit} bằng thẻ, nên chữ «{rest}» bên cạnh sẽ mất mà không báo lỗi",
    "DTL210": "thẻ `{open_raw}` và `{close_raw}` ở cùng một đoạn; đặt chúng ở hai đoạn riêng",
    "DTL301": "`{path}` không có trong tệp số liệu",
    "DTL302": "khóa `{key}` của số liệu không được mẫu dùng",
    "DTL303": "`{{% for … in {path} %}}` nhưng `{path}` trong tệp số liệu là {type}, không phải danh sách",
    "DTL304": "biến `{path}` không có trong số liệu của báo cáo",
    "DTL305": "`{{% for … in {path} %}}` nhưng `{path}` không phải danh sách ({type})",
    "DTL306": "`{path}` là {type} nhưng bộ lọc `|{filter}` cần một danh sách",
    "DTL307": "thẻ `{raw}` cần một đối tượng {object} của docxtpl, nhưng `{path}` là giá trị thường",
    "DTL308": "`{path}` chứa `{char}` («{value}») mà được in ra không qua `|e`",
    "DTL401": "thẻ `{raw}` đã được điền nhưng giá trị không xuất hiện trong văn bản",
    "DTL402": "docxtpl không điền được mẫu: {error}",
}

HINTS_VI = {
    "DTL001": "thêm phần đóng của thẻ; nếu Word tự đổi dấu, gõ lại thẻ cho liền một mạch.",
    "DTL101": "thêm một đoạn chỉ chứa thẻ đóng tương ứng (ví dụ {%p endfor %}) ở cuối khối.",
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
}


def variables(data_file: Path | None = None) -> list[tuple[str, str, str]]:
    """(variable, Vietnamese description, example value) for every variable a report template may
    use; examples come from `data_file` when given."""
    context = None
    if data_file is not None:
        raw, positions = load_yaml(data_file)
        context = derive.report_context(schema.validate(raw, positions))
    rows: list[tuple[str, str, str]] = []

    def walk(node: dict, path: str, value: Any) -> None:
        props = node.get("properties") or node.get("items", {}).get("properties")
        if props is None:
            rows.append((path, node.get("description", ""), _example(value)))
            return
        if node.get("description"):
            rows.append((path, node["description"], ""))
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
