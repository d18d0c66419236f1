"""The sandbox a template renders in, and the filters it offers.

Templates come from non-programmers, so Jinja runs in a SandboxedEnvironment with autoescape and
StrictUndefined (a misspelt variable is an error, not a silent blank). Data values are only ever
*values*: Jinja never evaluates them. Beyond the sandbox's guard against Python internals, a
template's arithmetic may not build huge values and its loops may not run away.
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from ..derive import values
from ..text import markup
from ..text import vi_format as vi
from .compiled import Codes
from .prose import Appendix, Heading, Prose, Text, blocks_of, content_blocks
from .trace import NOT_PRINTING

# A template is untrusted: besides the sandbox's guard against Python internals, its arithmetic may not
# build huge values ({{ "x" * 100000000 }}) and its loops may not run away (nested range(100000)).
MAX_SIZE = 100_000  # characters or items a template's * or ** may produce
MAX_RANGE = 10_000  # items of one range(); a report has no use for more


class _Sandbox(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})
    codes: Codes | None = None  # the compiled code of the template being filled (compiled.py)

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        """A part's source compiled once: kept in `codes` when the template's fill has them."""
        if self.codes is None or raw or defer_init or name is not None or filename is not None \
                or not isinstance(source, str):
            return super().compile(source, name, filename, raw, defer_init)
        return self.codes.code(self, source, lambda: super(_Sandbox, self).compile(source))

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 100:
            raise SecurityError("lũy thừa quá lớn")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_SIZE:
                    raise SecurityError("giá trị quá lớn")
        return super().call_binop(context, operator, left, right)


def _range(*args):
    items = range(*args)
    if len(items) > MAX_RANGE:
        raise SecurityError("vòng lặp quá dài")
    return items


def make_environment(prose: Prose) -> SandboxedEnvironment:
    env = _Sandbox(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=False)
    env.globals["range"] = _range

    def doan(text: str | list | None) -> str:
        """Paragraphs of prose; an empty value removes its paragraph. A content written as a list
        of texts and tables becomes those paragraphs and tables (ooxml writes them)."""
        if isinstance(text, (list, tuple)):
            return prose.mark("B", cited(content_blocks(list(text))))
        return prose.mark("P", markup.parse(text) if text else [])

    def cau(text: str | None) -> str:
        """Prose inside a sentence of the template (one paragraph)."""
        inline = markup.parse_inline(text) if text else ()
        return prose.mark("I", [inline] if inline else [])

    def ten_ky(ky: dict, kieu: str = "day_du") -> str:
        return vi.ten_ky(vi.Ky(ky["loai"], ky["nam"], ky.get("so")), kieu)

    def co_noi_dung(value: Any) -> bool:
        """True when a section holds anything to print (a heading with nothing under it is dropped)."""
        if isinstance(value, dict):
            return any(co_noi_dung(v) for v in value.values())
        if isinstance(value, (list, tuple)):
            return any(co_noi_dung(v) for v in value)
        return value is not None and value != ""

    def cited(blocks: list) -> list:
        """Citations ([@key]) in headings and prose, resolved in reading order."""
        if prose.citer is None:
            return blocks
        out = []
        for block in blocks:
            if isinstance(block, Heading):
                block = Heading(block.level, prose.citer.resolve([block.inlines])[0])
            elif isinstance(block, Text):
                block = Text(prose.citer.resolve(block.paragraphs))
            out.append(block)
        return out

    def than(sections: list | None, cap: int = 1) -> str:
        """Sections written in the data: headings (from level `cap`: 1 is I., 2 is 1.), prose and
        tables (the oxml layer writes them)."""
        if not isinstance(cap, int) or isinstance(cap, bool) or not 1 <= cap <= 3:
            raise ValueError(f"cấp đề mục của than phải là 1, 2 hoặc 3, đang là {cap!r}")
        return prose.mark("B", cited(blocks_of(sections or [], cap)))

    def phu_luc(appendices: list | None) -> str:
        """The appendices, each in its own section after the signature."""
        return prose.mark("A", [Appendix(tuple(a["dong_dau"]), tuple(a["ghi_chu_dau"]), a["huong"],
                                         cited(blocks_of([a], 1, heading=False)))
                                for a in appendices or []])

    env.filters.update({name: _at_render(_strict(f)) for name, f in dict(
        so=vi.so, thap_phan=vi.thap_phan, phan_tram=vi.phan_tram, doc_so=vi.doc_so,
        tien_bang_chu=vi.tien_bang_chu, ngay=vi.ngay, ngay_thang_nam=vi.ngay_thang_nam,
        la_ma=vi.la_ma, so_dem=vi.so_dem, ten_ky=ten_ky, co_noi_dung=co_noi_dung,
        chenh_lech=_defined_args(values.chenh_lech), so_voi_ky_truoc=_defined_args(values.so_voi_ky_truoc),
    ).items()})
    env.filters.update({name: _at_render(_strict(f)) for name, f in dict(
        doan=doan, cau=cau, than=than, phu_luc=phu_luc).items()})
    if prose.printed is not None:
        _recording(env, prose.printed)
    return env


def _recording(env: SandboxedEnvironment, printed) -> None:
    """Record every data value a filter prints from and every value a {{ … }} prints (trace.py)."""
    def wrap(f):
        def recorded(*args, **kwargs):
            printed.record(args)
            printed.record(list(kwargs.values()))
            return f(*args, **kwargs)
        return functools.update_wrapper(recorded, f)  # keeps Jinja's pass_context marks

    env.filters.update({name: wrap(f) for name, f in env.filters.items() if name not in NOT_PRINTING})

    def finalize(value):
        printed.record(value)
        return value

    env.finalize = finalize


def _defined_args(f):
    """A previous figure misspelt in the template (an Undefined argument) reports its name."""
    def checked(value, *args, **kwargs):
        for arg in args:
            if isinstance(arg, jinja2.Undefined):
                arg._fail_with_undefined_error()
        return f(value, *args, **kwargs)
    return functools.update_wrapper(checked, f)


def _at_render(f):
    """A filter of baocao's, run when a document is filled, never while Jinja compiles the template.
    Jinja computes a filter of constants ({{ 1234567|so }}, {{ "…"|doan }}) while compiling and puts
    the result into the code; that code is shared by every document and every command filled from the
    template (compiled.py), so a result computed early would outlive the filter that made it: the
    template check's tolerant filters of the same names, a prose marker of one document, a number
    format changed by an upgrade. A filter given the context is never computed early."""
    def at_render(context, value, *args, **kwargs):
        return f(value, *args, **kwargs)
    return jinja2.pass_context(functools.update_wrapper(at_render, f))


def _strict(f):
    """A filter given a name the data lacks reports the missing name (StrictUndefined's error),
    not "this value is not a number"."""
    def strict_filter(value, *args, **kwargs):
        if isinstance(value, jinja2.Undefined):
            value._fail_with_undefined_error()
        return f(value, *args, **kwargs)
    return functools.update_wrapper(strict_filter, f)
