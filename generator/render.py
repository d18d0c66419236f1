"""Step 4 of the flow: render a .docx template with docxtpl, in a sandbox.

Templates come from non-programmers, so Jinja runs in a SandboxedEnvironment
with autoescape and StrictUndefined (a misspelt variable is an error, not a
silent blank). Data values are only ever *values*: Jinja never evaluates them.

Prose with inline markup (bold, italic, footnotes) cannot be expressed by a
Jinja string, so the filters `doan` (whole paragraphs) and `cau` (inside a
sentence) leave a marker in the rendered XML and keep the parsed prose aside;
`ooxml.expand_prose` later replaces each marker with real runs, paragraphs
and footnote references.
"""

from __future__ import annotations

import functools
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from lxml import etree

from . import markup, previous
from . import vi_format as vi
from .errors import error
from .markup import MARK_CLOSE, MARK_OPEN  # private-use characters: the loader refuses them in data


@dataclass
class Prose:
    """Prose set aside during rendering. A marker names its kind (P: whole paragraphs, I: inside a
    sentence) and its index in `items`."""

    items: list[list] = field(default_factory=list)  # paragraphs (P, I), blocks (B) or appendices (A)
    citer: Any = None  # citations.Citer: resolves [@key] in document order (None: left as typed)

    def mark(self, kind: str, paragraphs: list) -> str:
        if self.citer is not None and kind in ("P", "I"):
            paragraphs = self.citer.resolve(paragraphs)
        self.items.append(paragraphs)
        return f"{MARK_OPEN}{kind}{len(self.items) - 1}{MARK_CLOSE}"


# Blocks of a body whose outline is data (filters `than` and `phu_luc`), for ooxml to write.
@dataclass(frozen=True)
class Heading:
    level: int  # 1: I., 2: 1., 3: a)
    inlines: markup.Paragraph


@dataclass(frozen=True)
class Text:
    paragraphs: list[markup.Paragraph]


@dataclass(frozen=True)
class TableBlock:
    layout: dict  # tables.layout(): widths, header rows with merges, body rows


@dataclass(frozen=True)
class Appendix:
    heading: tuple[str, ...]
    notes: tuple[str, ...]
    orientation: str  # "ngang" | "doc"
    blocks: list


def _blocks_of(sections: list, level: int, *, heading: bool = True) -> list:
    """Flatten sections (tieu_de, noi_dung, muc) into headings, prose and tables in reading order.
    An appendix is one untitled section whose sub-sections start at level 2 (1., a))."""
    blocks: list = []
    for section in sections:
        if heading:
            blocks.append(Heading(level, markup.parse_inline(section["tieu_de"])))
        for block in section["noi_dung"]:
            if isinstance(block, str):
                blocks.append(Text(markup.parse(block)))
            else:
                blocks.append(TableBlock(block["bang"]))
        blocks += _blocks_of(section["muc"], level + 1 if heading else 2)
    return blocks


# A template is untrusted: besides the sandbox's guard against Python internals, its arithmetic may not
# build huge values ({{ "x" * 100000000 }}) and its loops may not run away (nested range(100000)).
MAX_SIZE = 100_000  # characters or items a template's * or ** may produce
MAX_RANGE = 10_000  # items of one range(); a report has no use for more


class _Sandbox(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

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

    def doan(text: str | None) -> str:
        """Paragraphs of prose; an empty value removes its paragraph."""
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

    def than(sections: list | None) -> str:
        """The body whose outline is data: headings, prose and tables (ooxml writes them)."""
        return prose.mark("B", cited(_blocks_of(sections or [], 1)))

    def phu_luc(appendices: list | None) -> str:
        """The appendices, each in its own section after the signature."""
        return prose.mark("A", [Appendix(tuple(a["dong_dau"]), tuple(a["ghi_chu_dau"]), a["huong"],
                                         cited(_blocks_of([a], 1, heading=False)))
                                for a in appendices or []])

    env.filters.update({name: _strict(f) for name, f in dict(
        so=vi.so, thap_phan=vi.thap_phan, phan_tram=vi.phan_tram, doc_so=vi.doc_so,
        tien_bang_chu=vi.tien_bang_chu, ngay=vi.ngay, ngay_thang_nam=vi.ngay_thang_nam,
        la_ma=vi.la_ma, so_dem=vi.so_dem, ten_ky=ten_ky, doan=doan, cau=cau, co_noi_dung=co_noi_dung,
        than=than, phu_luc=phu_luc,
        chenh_lech=_defined_args(previous.chenh_lech), so_voi_ky_truoc=_defined_args(previous.so_voi_ky_truoc),
    ).items()})
    return env


def _defined_args(f):
    """A previous figure misspelt in the template (an Undefined argument) reports its name."""
    def checked(value, *args, **kwargs):
        for arg in args:
            if isinstance(arg, jinja2.Undefined):
                arg._fail_with_undefined_error()
        return f(value, *args, **kwargs)
    return functools.update_wrapper(checked, f)


def _strict(f):
    """A filter given a name the data lacks reports the missing name (StrictUndefined's error),
    not "this value is not a number"."""
    def strict_filter(value, *args, **kwargs):
        if isinstance(value, jinja2.Undefined):
            value._fail_with_undefined_error()
        return f(value, *args, **kwargs)
    return functools.update_wrapper(strict_filter, f)


DAMAGED = (zipfile.BadZipFile, zlib.error, etree.XMLSyntaxError, EOFError)  # a .docx damaged inside


def require_docx(template_path: Path) -> None:
    """Refuse what is not a .docx at all: not a file, not a zip, no document part. Damage inside
    (a bad CRC, broken compression, an XML part that does not parse) shows when the parts are read,
    where the callers catch DAMAGED and call `damaged`: checking it here would read everything twice."""
    template_path = Path(template_path)
    if not template_path.is_file():
        raise error(template_path, "không tìm thấy tệp mẫu (template).",
                    hint="kiểm tra đường dẫn, hoặc khóa 'mau' trong tệp số liệu (bỏ khóa này để dùng mẫu có sẵn).")
    try:
        with zipfile.ZipFile(template_path) as z:
            if "word/document.xml" not in z.namelist():
                raise zipfile.BadZipFile
    except DAMAGED + (OSError,):
        raise damaged(template_path) from None


def damaged(template_path: Path):
    return error(template_path, "tệp mẫu không phải tệp Word .docx hợp lệ, hoặc đã bị hỏng.",
                 hint="mở tệp trong Word hoặc LibreOffice và lưu lại dưới dạng .docx (Word 2007-365).")


def render(template_path: Path, context: dict[str, Any], prose: Prose):
    """Render the template; returns the python-docx Document (not yet post-processed)."""
    template_path = Path(template_path)
    require_docx(template_path)
    try:
        tpl = DocxTemplate(template_path)
        tpl.init_docx()
    except DAMAGED + (PackageNotFoundError, KeyError, ValueError):
        raise damaged(template_path) from None
    try:
        tpl.render(context, jinja_env=make_environment(prose), autoescape=True)
    except SecurityError as exc:
        limits = {"giá trị quá lớn": f"tạo ra giá trị quá lớn (hơn {MAX_SIZE:,} ký tự hay mục)".replace(",", "."),
                  "lũy thừa quá lớn": "dùng lũy thừa quá lớn",
                  "vòng lặp quá dài": f"lặp quá {MAX_RANGE:,} lần bằng range()".replace(",", ".")}
        what = limits.get(str(exc), "dùng một thao tác không được phép (truy cập phần nội bộ của Python)")
        raise error(template_path, f"mẫu {what}.",
                    hint="mẫu chỉ được đọc số liệu và dùng các bộ lọc của baocao; số liệu lặp theo danh sách "
                         "trong tệp số liệu ({% for muc in … %}).") from None
    except jinja2.UndefinedError as exc:
        raise error(template_path, f"mẫu dùng một biến không có trong số liệu ({_undefined_name(exc)}).",
                    hint="kiểm tra chính tả tên biến trong {{ … }} của mẫu.") from None
    except jinja2.TemplateSyntaxError as exc:
        where = " ".join(getattr(exc, "docx_context", []) or []).strip()
        raise error(template_path, f"mẫu sai cú pháp: {exc.message}" + (f" (gần đoạn: «{where[:120]}»)" if where else "") + ".",
                    hint="kiểm tra các cặp {{ … }} và {% … %}, mỗi {% if %}/{% for %} cần {% endif %}/{% endfor %}.") from None
    except jinja2.TemplateError as exc:
        raise error(template_path, f"lỗi khi điền mẫu: {exc}.") from None
    except ValueError as exc:  # a baocao filter refused its value (vi_format raises ValueError in Vietnamese)
        raise error(template_path, f"mẫu dùng bộ lọc với giá trị không phù hợp: {exc}.",
                    hint="kiểm tra bộ lọc trong mẫu: ví dụ |so chỉ dùng cho số, |ngay chỉ dùng cho ngày.") from None
    except (ArithmeticError, TypeError, LookupError) as exc:
        # an expression in the template fails on its values: {{ 1/0 }}, {{ a + 1 }} on a list, …
        raise error(template_path, f"một biểu thức trong mẫu không tính được ({_python_error(exc)}).",
                    hint="xem lại các phép tính trong {{ … }} của mẫu; số liệu dạng chữ không cộng trừ được.") from None
    except etree.XMLSyntaxError as exc:
        raise error(template_path, f"điền mẫu xong nhưng nội dung Word bị hỏng ({exc.msg}).",
                    hint="thường do thẻ {%p … %} hoặc {%tr … %} đặt chung đoạn với chữ khác; đặt mỗi thẻ này ở một đoạn riêng.") from None
    return tpl.docx


_PYTHON_ERRORS = ((ZeroDivisionError, "chia cho 0"), (OverflowError, "số quá lớn"),
                  (ArithmeticError, "phép tính không thực hiện được"),
                  (TypeError, "phép tính với giá trị không đúng kiểu"),
                  (IndexError, "vị trí không có trong danh sách"), (LookupError, "khóa không có"))


def _python_error(exc: Exception) -> str:
    return next(words for kind, words in _PYTHON_ERRORS if isinstance(exc, kind))


def _undefined_name(exc: jinja2.UndefinedError) -> str:
    return str(exc.message or exc).replace("'dict object' has no attribute", "không có khóa").replace(" is undefined", " chưa được định nghĩa")
