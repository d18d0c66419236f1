"""A template's blocks ({% if %} … {% endif %}, {% for %} … {% endfor %}) as a Văn phòng editor
leaves them in Word, and the tag to blame when they do not pair.

docxtpl-lint pairs each end tag with the nearest open block, so the tag it names is where the
imbalance shows, not where the editor left it: a section deleted but its `{%p if bc.ket_qua.cong_vu %}`
left behind is reported at the outer `{%p if bc.ket_qua|co_noi_dung %}`, and a stray `{%p endif %}` at
the right endif further down; following either advice leaves a template that pairs and is wrong.

Here every tag whose removal would make its part pair is a candidate, and the candidates are ranked
by what the pairing each leaves means, read from the data paths the blocks test (`set` shortcuts and
loop variables resolved): a block on `bc.ket_qua.cong_vu` holding a block on its sibling
`bc.ket_qua.tai_chinh` is wrong (the sibling vanishes with cong_vu), and so is a block on
`bc.ket_qua` closed before blocks on `bc.ket_qua.…` that belong in it. The best candidate is named;
others as good are listed. The advice names a place the editor can find (the paragraph and the tag
there), and following it leaves the template as it was meant: tests/test_template_structure.py
applies each advice and checks again. A template that pairs but holds such a wrong block is warned
about too, so no advice, ours or another's, can leave it checking clean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..kinds import CONTEXT_ROOTS
from .tags import PLAIN_QUOTES, TAG, Where, as_jinja

BLOCKS = ("if", "for")  # the blocks an editor pairs in Word; others are left to docxtpl-lint
_NAME = re.compile(r"[A-Za-z_]\w*(?:\.\w+)*")


@dataclass
class Event:
    kind: str  # "open", "middle", "close", "set"
    word: str  # if, for, elif, else, endif, endfor, set
    raw: str  # the tag as written
    part: str
    paragraph: int
    column: int
    cells: tuple
    prefix: str  # "p", "tr", "" …
    target: str = ""  # a for's loop variable, a set's name
    expression: str = ""  # what an if tests, what a for walks, what a set takes
    path: tuple[str, ...] = ()  # the data path the block reads (resolved), () when none
    alone: bool = False  # the only text of its paragraph


@dataclass
class Block:
    open: Event
    close: Event | None
    children: list["Block"] = field(default_factory=list)
    branched: bool = False  # an else/elif seen: later children print when the test fails
    otherwise: bool = False  # opened in its parent's else/elif branch


def events(paragraphs) -> dict[str, list[Event]]:
    """Every block, middle, end and set tag, by part, in document order."""
    found: dict[str, list[Event]] = {}
    for para in paragraphs:
        text = para.text
        for m in TAG.finditer(text):
            raw = m.group(0)
            if raw.startswith("{{"):  # what a paragraph prints: a section's text belongs in its block
                found.setdefault(para.part, []).append(Event(
                    "expr", "", raw, para.part, para.index, m.start() + 1, para.cells, "",
                    expression=as_jinja(raw)[2:-2].strip(), alone=text.strip() == raw.strip()))
                continue
            inner = as_jinja(raw)[2:-2].strip().strip("-+").strip()
            prefix = re.match(r"\{%-?(p|tr|tc|r)?", raw.translate(PLAIN_QUOTES)).group(1) or ""
            word, _, rest = inner.partition(" ")
            alone = text.strip() == raw.strip()
            base = dict(raw=raw, part=para.part, paragraph=para.index, column=m.start() + 1, cells=para.cells,
                        prefix=prefix, alone=alone)
            if word in BLOCKS:
                event = Event("open", word, **base)
                if word == "for":
                    target, _, walked = rest.partition(" in ")
                    event.target, event.expression = target.strip(), walked.strip()
                else:
                    event.expression = rest.strip()
            elif word in ("elif", "else"):
                event = Event("middle", word, **base, expression=rest.strip())
            elif word in ("endif", "endfor"):
                event = Event("close", word, **base)
            elif word == "set" and "=" in rest:
                name, _, value = rest.partition("=")
                event = Event("set", word, **base, target=name.strip(), expression=value.strip())
            else:
                continue
            found.setdefault(para.part, []).append(event)
    return found


def _path(expression: str, aliases: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The data path an expression reads first: `bc.ket_qua|co_noi_dung` → (bc, ket_qua); a shortcut
    made by `set` or a loop variable stands for its path; `not`, calls and literals read none."""
    text = re.sub(r"^\s*not\s+", "", expression)
    m = _NAME.match(text.strip())
    if not m:
        return ()
    parts = tuple(m.group(0).split("."))
    if parts[0] in aliases:
        return aliases[parts[0]] + parts[1:]
    return parts if parts[0] in CONTEXT_ROOTS else ()


def resolve(part_events: list[Event]) -> None:
    """Each block's data path, `set` shortcuts and loop variables followed in document order."""
    aliases: dict[str, tuple[str, ...]] = {}
    for event in part_events:
        if event.kind == "set":
            path = _path(event.expression, aliases)
            if path:
                aliases[event.target] = path
        elif event.kind == "expr":
            event.path = _path(event.expression, aliases)
        elif event.kind == "open":
            event.path = _path(event.expression, aliases)
            if event.word == "for" and event.path:
                for name in event.target.split(","):
                    aliases[name.strip()] = event.path + ("[]",)


def pair(sequence: list[Event]) -> tuple[list[Block], list[Event], list[Event]]:
    """Blocks as the stack pairs them; the opens left unclosed and the closes left unmatched."""
    roots: list[Block] = []
    stack: list[Block] = []
    stray: list[Event] = []
    for event in sequence:
        if event.kind == "open":
            block = Block(event, None, otherwise=bool(stack) and stack[-1].branched)
            (stack[-1].children if stack else roots).append(block)
            stack.append(block)
        elif event.kind == "middle":
            if stack:
                stack[-1].branched = True
        elif event.kind == "expr":  # a leaf of the block it stands in (its open and close are itself)
            leaf = Block(event, event, otherwise=bool(stack) and stack[-1].branched)
            (stack[-1].children if stack else roots).append(leaf)
        elif event.kind == "close":
            want = event.word[3:]
            if stack and stack[-1].open.word == want:
                stack.pop().close = event
            elif any(b.open.word == want for b in stack):
                while stack[-1].open.word != want:
                    stack.pop()
                stack.pop().close = event
            else:
                stray.append(event)
    unclosed = [b.open for b in _walk(roots) if b.close is None]
    return roots, unclosed, stray


def _sections(sequence: list[Event]) -> list[Event]:
    return [e for e in sequence if e.kind != "expr"]


def _walk(blocks: list[Block]):
    for block in blocks:
        yield block
        yield from _walk(block.children)


def balanced(sequence: list[Event]) -> bool:
    _, unclosed, stray = pair(_sections(sequence))
    return not unclosed and not stray


def _under(path: tuple[str, ...], inside: tuple[str, ...]) -> bool:
    return len(path) >= len(inside) and path[:len(inside)] == inside


def _sibling(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    """Two data paths of one parent where neither contains the other: cong_vu and tai_chinh."""
    return bool(outer and inner) and outer[0] == inner[0] and not _under(inner, outer) and not _under(outer, inner)


def _held(block: Block):
    """The blocks that print only when `block`'s test holds: its children before an else, and theirs."""
    for child in block.children:
        if not child.otherwise:
            yield child
            yield from _held(child)


def wrong(blocks: list[Block], flag=lambda path: False, *, printed: bool = False) -> list[tuple[Block, Block, str]]:
    """What a pairing means that a template would not mean: (block, other, why) for a block holding a
    block on a sibling path ("swallows"), for a block on a path closed before a following block on a
    path under it ("splits"), and for a {%p %} block closed in another table cell than it opens in
    ("cells": docxtpl would break the document). With `printed`, a block printing a sibling's value
    ({{ bc.ket_qua.ket_thuc|cau }} inside a block on bc.phuong_huong) swallows it too: telling which tag
    was left behind, not warning about a template that pairs (a sentence may mix figures)."""
    found = []

    def visit(level: list[Block]) -> None:
        for k, block in enumerate(level):
            if block.close is not None and block.open.prefix in ("p", "") and block.open.alone \
                    and block.open.cells != block.close.cells:
                found.append((block, block, "cells"))
            if block.close is not None and block.open.kind == "open" and block.open.prefix != block.close.prefix:
                found.append((block, block, "cells"))  # {%p if %} closed by {% endif %}: docxtpl-lint's DTL204
            if block.open.kind == "expr":
                continue
            for child in _held(block):  # a flag (in_o_dau) may guard its siblings; a section may not
                if (child.open.kind == "open" or printed) and _sibling(block.open.path, child.open.path) \
                        and not flag(block.open.path):
                    found.append((block, child, "swallows"))
            mine = any(_under(c.open.path, block.open.path) and c.open.path != block.open.path
                       for c in _walk(block.children))
            for later in level[k + 1:]:
                if mine and block.open.path and _under(later.open.path, block.open.path) \
                        and later.open.path != block.open.path:
                    found.append((block, later, "splits"))
            visit(block.children)

    visit(blocks)
    return found


@dataclass(frozen=True)
class Problem:
    blamed: Event
    kind: str  # "unclosed" or "stray"
    others: tuple[Event, ...]  # as likely candidates
    closes: Event | None = None  # a stray close: the block it closes now (its open)
    before: Event | None = None  # an unclosed block: the tag its end goes before (None: end of the part)
    after: int | None = None  # … or the paragraph it goes after (the last of its table cell)


def problems(paragraphs, flag=lambda path: False) -> list[Problem]:
    """Each part's imbalance, blamed on the tag the editor most likely left or added; `flag(path)`
    says whether a data path is a yes/no flag (which may guard what it likes)."""
    paragraphs = list(paragraphs)
    found = []
    for part_events in events(paragraphs).values():
        resolve(part_events)
        sequence = [e for e in part_events if e.kind != "set"]
        if balanced(sequence):
            continue
        found += [_in_its_cell(problem, paragraphs, sequence) for problem in _blame(sequence, flag)]
    return found


def _in_its_cell(problem: Problem, paragraphs, sequence: list[Event]) -> Problem:
    """Where an unclosed block's end goes: after the last paragraph, before the tag found to end it
    (and within its table cell), that still uses what the block tests or walks — `{{ bc.ket_qua.cong_vu|doan }}`
    under `{%p if bc.ket_qua.cong_vu %}`, `{{ dong }}` under `{%p for dong in … %}`. None uses it: the
    block's content went, and `after` is the open tag's own paragraph."""
    e = problem.blamed
    if problem.kind != "unclosed":
        return problem
    limit = problem.before.paragraph if problem.before is not None and problem.before.part == e.part else None
    names = {e.target} if e.word == "for" else set()
    chain = _NAME.match(re.sub(r"^\s*not\s+", "", e.expression).strip())
    if chain:
        names.add(chain.group(0))
    last = e.paragraph
    for para in paragraphs:
        if para.part != e.part or para.index <= e.paragraph or (limit is not None and para.index >= limit):
            continue
        if e.cells and para.cells != e.cells:
            break
        for tag in TAG.findall(para.text):
            jinja = as_jinja(tag)
            made = re.match(r"\{%-?\s*set\s+(\w+)\s*=\s*([\w.]+)", jinja)
            if made and any(made.group(2) == n or made.group(2).startswith(n + ".") for n in names):
                names.add(made.group(1))
            if any(re.search(rf"(?<![\w.]){re.escape(n)}(?![\w])", jinja) for n in names if n):
                last = para.index
    depth = 0  # a block opened inside ends inside: past its end tag
    for later in sequence[sequence.index(e) + 1:]:
        if later.paragraph > last and depth == 0:
            break
        if later.kind == "open":
            depth += 1
        elif later.kind == "close" and depth:
            depth -= 1
            last = max(last, later.paragraph)
    return Problem(e, problem.kind, problem.others, before=problem.before, after=last)


MAX_RANKED = 400  # tags of a part whose pairings are ranked; past it (no real template) the stack's reading


def _blame(sequence: list[Event], flag) -> list[Problem]:
    _, unclosed, stray = pair(sequence)
    if len(unclosed) + len(stray) > 1 or len(sequence) > MAX_RANKED:  # the stack's own reading, one per tag
        return [Problem(e, "unclosed", (), before=_end_of(sequence, e)) for e in unclosed] + \
               [Problem(e, "stray", (), closes=None) for e in stray]
    kind = "unclosed" if unclosed else "stray"
    wanted = "open" if unclosed else "close"
    scored = []
    for k, event in enumerate(sequence):
        if event.kind != wanted:
            continue
        rest = sequence[:k] + sequence[k + 1:]
        if not balanced(rest):
            continue
        roots, _, _ = pair(rest)
        scored.append((len(wrong(roots, flag, printed=True)), 1 if kind == "unclosed" and _owns(sequence, k) else 0,
                       -k, event))
    if not scored:
        return [Problem((unclosed or stray)[0], kind, ())]
    scored.sort(key=lambda s: s[:3])
    best = scored[0]
    others = tuple(s[3] for s in scored[1:] if s[0] == best[0] and not _same_place(s[3], best[3])
                   and not _adjacent(sequence, s[3], best[3]))[:3]
    event = best[3]
    if kind == "unclosed":
        return [Problem(event, kind, others, before=_end_of(sequence, event))]
    return [Problem(event, kind, others, closes=_closed_by(sequence, event))]


def _owns(sequence: list[Event], k: int) -> bool:
    """Whether what follows an open tag, up to where its block would end, prints what it tests or
    walks (`{{ nhiem_vu|cau }}` under `{%p for nhiem_vu in … %}`, `{{ bc.ket_qua.cong_vu|doan }}` under
    `{%p if bc.ket_qua.cong_vu %}`): a tag left behind by an editor owns nothing."""
    event = sequence[k]
    end = _end_of(sequence, event)
    stop = sequence.index(end) if end is not None else len(sequence)
    for later in sequence[k + 1:stop]:
        if later.kind != "expr":
            continue
        if event.word == "for":
            if re.search(rf"(?<![\w.]){re.escape(event.target)}(?!\w)", later.expression):
                return True
        elif event.path and _under(later.path, event.path):
            return True
    return False


def _same_place(a: Event, b: Event) -> bool:
    return a.paragraph == b.paragraph and a.part == b.part


def _adjacent(sequence: list[Event], a: Event, b: Event) -> bool:
    """Two end tags one after the other, in paragraphs next to each other: removing either is the same."""
    i, j = sorted((sequence.index(a), sequence.index(b)))
    return j == i + 1 and a.word == b.word and abs(a.paragraph - b.paragraph) <= 1


def _end_of(sequence: list[Event], event: Event) -> Event | None:
    """Where the block `event` opens ends: before the first tag after it, at its own depth, that opens
    a block on a path beside its own or closes the block around it."""
    depth = 0
    for later in sequence[sequence.index(event) + 1:]:
        if later.kind == "open":
            if depth == 0 and _sibling(event.path, later.path):
                return later
            depth += 1
        elif later.kind == "close":
            if depth == 0:
                return later
            depth -= 1
    return None


def _closed_by(sequence: list[Event], event: Event) -> Event | None:
    """The open tag a close pairs with as the template stands."""
    roots, _, _ = pair(sequence)
    return next((b.open for b in _walk(roots) if b.close is event), None)


def describe(problem: Problem, where: Where) -> tuple[str, str, str]:
    """(place, message, fix) in Vietnamese, naming paragraphs the editor finds with Ctrl+F."""
    e = problem.blamed
    place = where.place(e.part, e.paragraph, e.cells, e.raw)
    end = f"{{%{e.prefix} end{e.word} %}}"
    if problem.kind == "unclosed":
        message = f"khối `{e.raw.strip()}` không có `{end}` đóng lại" + (
            " (thẻ mở còn sót lại khi xóa phần nội dung của nó)" if problem.after == e.paragraph else "")
        if problem.after == e.paragraph:  # nothing of its own left after it
            fix = (f"khối này không còn nội dung của nó: xóa thẻ {e.raw.strip()} ở đoạn {e.paragraph} (hoặc, nếu "
                   f"muốn giữ khối, thêm thẻ {end} ngay sau nó rồi viết lại nội dung ở giữa).")
        else:
            fix = (f"thêm thẻ {end}" + (", một mình trong một đoạn," if e.prefix == "p" else "")
                   + f" ngay sau đoạn {problem.after}, đoạn cuối cùng của khối này"
                   + (f" (trước đoạn {problem.before.paragraph}, {problem.before.raw.strip()})"
                      if problem.before is not None and problem.before.paragraph == problem.after + 1 else "")
                   + f"; nếu đã xóa cả phần nội dung của khối thì xóa luôn thẻ {e.raw.strip()} ở đoạn {e.paragraph}.")
    else:
        closes = problem.closes
        message = f"thẻ `{e.raw.strip()}` ở đoạn {e.paragraph} có vẻ thừa" + (
            f": nó đóng khối `{closes.raw.strip()}` (đoạn {closes.paragraph}) sớm hơn nơi khối đó kết thúc"
            if closes is not None else ": không có khối mở nào để đóng")
        fix = f"xóa thẻ {e.raw.strip()} ở đoạn {e.paragraph}."
    if problem.others:
        listed = "; ".join(f"{o.raw.strip()} ở đoạn {o.paragraph}" for o in problem.others)
        fix += f" Nếu không phải thẻ này thì có thể là: {listed}."
    return place, message, fix


def warnings(paragraphs, flag=lambda path: False) -> list[tuple[Event, Event, str]]:
    """In a template whose blocks pair: each block that holds a block on a sibling path, or closes
    before blocks that belong in it — (its open tag, the other block's open tag, why)."""
    found = []
    for part_events in events(paragraphs).values():
        resolve(part_events)
        sequence = [e for e in part_events if e.kind != "set"]
        if not balanced(sequence):
            continue
        roots, _, _ = pair(sequence)
        found += [(block.open, other.open, why) for block, other, why in wrong(roots, flag)
                  if why != "cells" and other.open.kind == "open"]
    return found
