"""`baocao template check`: a template's mistakes found without rendering a document, and with a
data file, what only shows when it is filled.

docxtpl-lint, a maintained linter for docxtpl templates, finds the mistakes: unclosed blocks, stray
`{% endfor %}`, Jinja syntax errors, unknown filters, variables the contract does not declare,
`{%p %}` tags sharing a paragraph with text, and more, all in one run, each located by part,
paragraph and table cell. This module gives it baocao's contract (contract.py) and filters, and
turns its findings into Vietnamese a clerk can act on (messages.py), with "có phải ý bạn là …?"
for a misspelt name; it also reads each tag itself for what docxtpl-lint leaves out.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2

from .. import lazy, produce, worker
from ..errors import Finding, Location, UserError
from ..kinds import CONTEXT_ROOTS, EXTRA, KINDS
from ..plan import Plan
from ..render import DAMAGED, Prose, damaged, make_environment, require_docx
from ..render.trace import Printed
from ..text.suggest import closest
from . import structure, tags, trial
from .contract import context_schema, extra_labels, names_at, node_at
from .messages import HINTS_VI, MESSAGES_VI, VI_WORDS, jinja_message

# build imports this module to tell a failed fill as template check tells it; docxtpl-lint itself only then
lint_api = lazy.module("docxtpl_lint.api")
lint_reader = lazy.module("docxtpl_lint.reader")

_STRUCTURE = {"DTL001", "DTL101", "DTL102", "DTL103"}  # unclosed or stray blocks, syntax errors
_CONSEQUENCES = {"DTL304", "DTL305", "DTL106"}  # variable checks, unreliable then


def check(template: Path, plan: Plan | None = None) -> list[Finding]:
    """Every finding in `template` (errors and warnings), in document order; with `plan` (a data
    file prepared as build prepares it, without errors), also what only shows when the template is
    filled with it; without, what filling it shows whatever the data (lint/trial.py: a limit hit,
    the sandbox)."""
    template = Path(template)
    require_docx(template)
    env = make_environment(Prose())
    contract = context_schema(extra_labels(plan))
    # Names are checked against the contract, not against one data file: a value the file leaves
    # empty is guarded by {% if %} in the template, which a static check cannot see.
    try:
        issues = lint_api.lint(template, schema=contract, jinja_env=env, autoescape=True).issues
        paragraphs = list(lint_reader.iter_paragraphs(template))  # outside the stable API: the version is pinned
        where = tags.Where(template, paragraphs)
    except DAMAGED:
        raise damaged(template) from None
    except RecursionError:  # Jinja's parser recurses: a tag nested hundreds deep
        return _too_deep(template, env)
    broken_blocks = any(issue.rule in _STRUCTURE for issue in issues)
    if broken_blocks:
        # a broken block makes every loop or `set` name after it look undeclared: report the cause,
        # and still every misspelt data variable (cq., bc., nk.)
        issues = [issue for issue in issues if not (issue.rule in _CONSEQUENCES and _root(issue) not in CONTEXT_ROOTS)]
    issues = [issue for issue in issues if not _paired_here(issue)]  # blamed on the tag left behind, below
    if plan is None:  # the figures a data file adds (sl.<name>) are known with a data file only
        issues = [issue for issue in issues if not (issue.rule == "DTL304" and _root(issue) == EXTRA)]
    located = [(tags.order(i.location.part, i.location.paragraph, i.location.column), _finding(template, i, where, contract, env))
               for i in issues]
    located += _structure(template, paragraphs, where, contract)
    made = tags.first_sets(paragraphs)
    for issue, (_, finding) in zip(issues, located):
        root = _root(issue)
        if issue.rule == "DTL304" and root in made and tags.order(issue.location.part, issue.location.paragraph, 0)[:3] < made[root]:
            finding.message = f"{finding.message} (tên ngắn «{root}» dùng trước thẻ {{%p set {root} = … %}} tạo ra nó)"
            finding.hint = (f"«{root}» chỉ dùng được sau thẻ {{%p set {root} = … %}} và trong cùng khối {{%p if %}}/"
                            f"{{%p for %}} với thẻ đó: chuyển câu vào sau thẻ set, hoặc viết tên đầy đủ.")
    located += _repeats(template, issues, paragraphs, where, contract, env)
    located += _tag_by_tag(template, paragraphs, where, contract, env, issues, broken_blocks)
    findings = [finding for _, finding in sorted(located, key=lambda pair: pair[0])]
    if not any(f.severity == "lỗi" for f in findings):
        findings += _filled(template, plan) if plan is not None else worker.run(trial.fill, template, template=template)
    return findings


def _too_deep(template: Path, env) -> list[Finding]:
    """Each tag nested too deep for Jinja's parser, at its place (or the template, when the depth
    is in blocks spread over paragraphs)."""
    paragraphs = list(lint_reader.iter_paragraphs(template))
    where = tags.Where(template, paragraphs)
    message = "thẻ lồng nhau quá sâu (quá nhiều ngoặc hay khối lồng vào nhau), không đọc được"
    hint = "bớt các ngoặc ( ) và khối {% if %}/{% for %} lồng vào nhau; tính giá trị từng bước bằng {% set %}."
    found = []
    for para in paragraphs:
        for tag in tags.TAG.findall(para.text):
            try:
                env.parse(tags.as_jinja(tag))
            except RecursionError:
                found.append(Finding(Location(template, place=where.place(para.part, para.index, para.cells, tag)),
                                     message, hint))
            except jinja2.TemplateSyntaxError:
                continue
    return found or [Finding(Location(template), message, hint)]


def explained(plan: Plan, failed: UserError) -> UserError:
    """A build stopped by a template, told as `template check --data` tells it: every mistake of the
    template, each at its part, paragraph and cell with its suggestion, then how to check it again.
    The render stops at its first error, in Jinja's words; this reads the whole template instead.
    Any other failure (the data, a file) is returned as it came."""
    findings: list[Finding] = []
    for template in dict.fromkeys(doc.template for doc in plan.documents):
        if not any(f.location.file is not None and Path(f.location.file).resolve() == Path(template).resolve()
                   and not f.location.line for f in failed.findings):
            continue
        try:
            found = check(template, plan)
        except UserError as exc:  # a damaged template: its own message
            return exc
        if not any(f.severity == "lỗi" for f in found):
            found = [f for f in failed.findings if Path(f.location.file).resolve() == Path(template).resolve()] + found
        last = [f for f in found if f.severity == "lỗi"][-1]
        last.hint = ((last.hint + " ") if last.hint else "") + (
            f"Sửa xong các lỗi của mẫu, kiểm tra lại bằng: baocao template check {template} --data {plan.path}")
        findings += found
    return UserError(findings) if findings else failed


def _filled(template: Path, plan: Plan) -> list[Finding]:
    """What only shows with real values: the template rendered once, in the worker, exactly as build
    renders the data file's document of this template (or its first document). The plan holds no
    error: build would stop at the data's own mistakes, and so does the caller. A failure names its
    paragraph (render/places.py, oxml/places.py), found inside the worker's limits; a fill that
    succeeds reports, as build does, the data it never prints (recorded in the same fill)."""
    doc = plan.document_for(template)
    unprinted: list[Finding] = []  # what the data gives and the filled template leaves out
    record = Printed()
    try:
        produce.render(plan, doc, template, unprinted=unprinted, record=record)
    except UserError as exc:
        missing = _missing_document(exc, plan.path, template)
        return [missing] if missing else exc.findings
    return unprinted + produce.unprinted_extra(plan, [record])


def _missing_document(exc: UserError, data_file: Path, template: Path) -> Finding | None:
    """A template of one kind filled with a data file of another: say that, not "a misspelt variable"."""
    documents = {kind.root: kind for kind in KINDS}
    for f in exc.findings:
        m = re.search(r"\('(\w+)' chưa được định nghĩa\)", f.message)
        if m and m.group(1) in documents:
            kind = documents[m.group(1)]
            return Finding(Location(Path(data_file)), f"tệp số liệu không có {kind.name} (khóa '{kind.key}'), văn bản mà "
                           f"mẫu {template.name} điền.",
                           f"chọn tệp số liệu có '{kind.key}', hoặc mẫu của loại văn bản mà tệp số liệu này khai báo.")
    return None


def _tag_by_tag(template, paragraphs, where: tags.Where, contract, env, issues, broken_blocks) -> list[tuple[tuple, Finding]]:
    """What docxtpl-lint leaves out, read tag by tag with Jinja's own lexer and parser:
    - names reached through a `{% set x = … %}` shortcut (docxtpl-lint cannot know them);
    - every `{{ … }}` with a syntax error, not only the first of a part;
    - misspelt filters and tests, which docxtpl-lint checks only while every block balances."""
    found: list[tuple[tuple, Finding]] = []
    syntax_at = {(i.location.part, i.location.paragraph) for i in issues if i.rule in _STRUCTURE}
    aliases: dict[str, list[str]] = {}
    for para in paragraphs:
        for match in tags.TAG.finditer(para.text):
            tag = match.group(0).translate(tags.PLAIN_QUOTES)
            at = tags.order(para.part, para.index, match.start() + 1)

            def add(message: str, hint: str | None) -> None:
                place = where.place(para.part, para.index, para.cells, match.group(0))
                found.append((at, Finding(Location(template, place=place), message, hint)))

            if tag.startswith("{{") and (para.part, para.index) not in syntax_at:
                try:
                    env.parse(tags.as_jinja(tag))
                except jinja2.TemplateSyntaxError as exc:
                    add(MESSAGES_VI["DTL103"].format(msg=jinja_message(exc.message or "")), HINTS_VI["DTL103"])
                    continue
            shortcut = tags.SET.fullmatch(tag)
            if shortcut:
                value = shortcut.group(2)
                chain = value.split(".") if tags.CHAIN.fullmatch(value) else None
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
                    if node_at(contract, full) is None:
                        known = names_at(contract, full[:-1])
                        close = [name for name in [closest(full[-1], known)] if name]
                        add(MESSAGES_VI["DTL304"].format(path=".".join(chain))
                            + f" ({value} là tên ngắn của {'.'.join(aliases[value])})",
                            f"có phải ý bạn là '{'.'.join(chain[:-1] + close)}'?" if close else HINTS_VI["DTL304"])
    return found


def _repeats(template, issues, paragraphs, where: tags.Where, contract, env) -> list[tuple[tuple, Finding]]:
    """docxtpl-lint names a misspelt variable once; a clerk must fix every place it stands. A shortcut
    used before its `{% set %}` is wrong there only: its uses after the set are not repeated."""
    found = []
    made = tags.first_sets(paragraphs)
    for issue in (i for i in issues if i.rule == "DTL304" and i.snippet):
        first = _finding(template, issue, where, contract, env)
        set_at = made.get(_root(issue))
        for para in paragraphs:
            if set_at is not None and tags.order(para.part, para.index, 0)[:3] > set_at:
                continue
            at = para.text.find(issue.snippet)
            if at >= 0 and (para.part, para.index) != (issue.location.part, issue.location.paragraph):
                place = where.place(para.part, para.index, para.cells, issue.snippet)
                found.append((tags.order(para.part, para.index, at + 1), Finding(Location(template, place=place),
                                                                             first.message, first.hint)))
    return found


def _paired_here(issue) -> bool:
    """An unclosed if/for or a stray endif/endfor: structure.py blames the tag the editor left."""
    if issue.rule == "DTL101":
        return issue.params.get("kw") in structure.BLOCKS
    return issue.rule == "DTL102" and bool(re.search(r"\bend(if|for)\b", issue.snippet or ""))


def _structure(template: Path, paragraphs, where: tags.Where, contract: dict) -> list[tuple[tuple, Finding]]:
    """Blocks that do not pair, at the tag to blame (errors); blocks that pair but hold a sibling's
    block or close before their own (warnings)."""
    def flag(path: tuple[str, ...]) -> bool:  # a yes/no value of the data (in_o_dau) may guard anything
        node = node_at(contract, list(path))
        return node is not None and node.get("type") == "boolean"

    found = []
    for problem in structure.problems(paragraphs, flag):
        place, message, fix = structure.describe(problem, where)
        e = problem.blamed
        found.append((tags.order(e.part, e.paragraph, e.column), Finding(Location(template, place=place), message, fix)))
    grouped: dict[tuple, list] = {}
    for block, other, why in structure.warnings(paragraphs, flag):
        grouped.setdefault((id(block), why), [block, why]).append(other)
    for block, why, *others in grouped.values():  # one warning per block: the sections it holds or leaves out
        others = [o for o in others if not any(o is not q and o.path[:len(q.path)] == q.path for q in others)]
        listed = ", ".join(f"`{o.raw.strip()}` (đoạn {o.paragraph})" for o in others)
        place = where.place(block.part, block.paragraph, block.cells, block.raw)
        if why == "swallows":
            message = (f"khối `{block.raw.strip()}` chứa khối của mục khác: {listed}; khi {'.'.join(block.path)} "
                       "trống, các mục đó cũng mất")
            fix = (f"khối {block.raw.strip()} thường kết thúc trước đoạn {others[0].paragraph}: kiểm tra thẻ "
                   f"{{%{block.prefix} end{block.word} %}} của nó (có thể thẻ mở còn sót lại khi xóa phần của nó).")
        else:
            message = f"khối `{block.raw.strip()}` kết thúc trước các khối thuộc nó: {listed}"
            fix = (f"kiểm tra thẻ {{%{block.prefix} end{block.word} %}} của khối: có thể nó đóng sớm (một thẻ đóng "
                   "thừa ở giữa).")
        found.append((tags.order(block.part, block.paragraph, block.column),
                      Finding(Location(template, place=place), message, fix, "cảnh báo")))
    return found


def _suggest(name: str, known, otherwise: str | None) -> str | None:
    close = closest(name, known, cutoff=0.5)  # short names: "sô" → "so"
    return f"có phải ý bạn là '{close}'?" if close else otherwise


def _root(issue) -> str:
    return str(issue.params.get("path") or issue.params.get("name") or "").split(".")[0].split("[")[0]


def _finding(template: Path, issue, where: tags.Where, contract: dict, env) -> Finding:
    params = {key: VI_WORDS.get(value, value) if isinstance(value, str) else value
              for key, value in issue.params.items()}
    if issue.rule == "DTL103":
        params["msg"] = jinja_message(params.get("msg", ""))
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
    known = names_at(contract, parts[:-1])
    close = [name for name in [closest(parts[-1], known)] if name]
    if not close:
        return ("các tên dùng được ở đây: " + ", ".join(known) + ".") if known else None
    written = _as_written(".".join(parts), snippet)
    return f"có phải ý bạn là '{'.'.join(written.split('.')[:-1] + close)}'?"


def _as_written(path: str, snippet: str) -> str:
    """The dotted name in the tag that ends like `path` (a loop variable's own name)."""
    last = path.replace("[*]", "").split(".")[-1]
    return next((c for c in tags.CHAIN.findall(snippet) if c.split(".")[-1] == last), path)
