"""Step 4 of the flow: render a .docx template with docxtpl, in the sandbox (sandbox.py).

The rendered document still holds the prose markers (prose.py); post-processing expands them.
Every way a template can fail (damaged file, syntax, a misspelt variable, a filter refusing its
value, a limit of the sandbox, of the worker's time or memory, a macro calling itself) becomes one
Vietnamese message naming the template and, where Jinja can tell, the paragraph (places.py).
Rendering runs inside the worker (worker.py, through produce.py): a template is untrusted code.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from typing import Any

import jinja2
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2.sandbox import SecurityError
from lxml import etree

from .. import limits
from ..errors import Finding, Location, UserError
from ..read import files
from .compiled import Codes
from .messages import jinja_message
from .places import failed_at
from .prose import Prose
from .sandbox import MAX_RANGE, MAX_SIZE, make_environment

__all__ = ["DAMAGED", "Prose", "damaged", "make_environment", "render_template", "require_docx"]

DAMAGED = (zipfile.BadZipFile, zlib.error, etree.XMLSyntaxError, EOFError)  # a .docx damaged inside
_DAMAGED_HINT = "mở tệp trong Word hoặc LibreOffice và lưu lại dưới dạng .docx (Word 2007-365)."


def require_docx(template_path: Path) -> None:
    """Refuse what is not a .docx at all, or one whose parts do not inflate within the limits (a zip
    bomb, a corrupted deflate stream): read/files.py checks every part before anything parses it."""
    files.check_package(Path(template_path), "tệp mẫu", _DAMAGED_HINT)


def damaged(template_path: Path) -> UserError:
    return _error(template_path, None, "tệp mẫu không phải tệp Word .docx hợp lệ, hoặc đã bị hỏng.", _DAMAGED_HINT)


def render_template(template_path: Path, context: dict[str, Any], prose: Prose, env=None):
    """Render the template; returns the python-docx Document (not yet post-processed). `env`: the
    sandbox to render in (lint/trial.py's, without data), by default make_environment(prose). A
    failure's UserError keeps what rendering raised as its __context__, and its `spot`."""
    template_path = Path(template_path)
    require_docx(template_path)
    try:
        tpl = DocxTemplate(template_path)
        tpl.init_docx()
    except DAMAGED + (PackageNotFoundError, KeyError, ValueError):
        raise damaged(template_path) from None
    env = env or make_environment(prose)
    env.loader = _NoLoader()
    env.codes = Codes(template_path.read_bytes())  # each part's code compiled once (compiled.py)
    try:
        tpl.render(context, jinja_env=env, autoescape=True)
    except limits.Exceeded:
        raise
    except Exception as exc:  # noqa: BLE001 - a template is untrusted code: whatever it raises is a message
        failed = _explained(template_path, exc)
        failed.spot = failed_at(tpl, exc, template_path, context, env)  # named by oxml.places.placed
        raise failed from None
    env.codes.save()
    return tpl.docx


class _NoLoader(jinja2.BaseLoader):
    """{% include %}, {% extends %} and {% import %} would read another template: a .docx template
    is one file, so each is refused by name rather than failing as a "wrong type" somewhere."""

    def get_source(self, environment, template):
        raise jinja2.TemplateNotFound(template)


def _explained(template: Path, exc: Exception, place: str | None = None) -> UserError:
    """The message for what rendering raised (its place is named by the caller: oxml.places.placed)."""
    kind = limits.describe(exc)
    if kind:
        return limits.exceeded(template, kind, place)
    if isinstance(exc, SecurityError):
        sandbox = {"giá trị quá lớn": f"tạo ra giá trị quá lớn (hơn {MAX_SIZE:,} ký tự hay mục)".replace(",", "."),
                   "lũy thừa quá lớn": "dùng lũy thừa quá lớn",
                   "vòng lặp quá dài": f"lặp quá {MAX_RANGE:,} lần bằng range()".replace(",", ".")}
        what = sandbox.get(str(exc), "dùng một thao tác không được phép (truy cập phần nội bộ của Python)")
        return _error(template, place, f"mẫu {what}.",
                      "mẫu chỉ được đọc số liệu và dùng các bộ lọc của baocao; số liệu lặp theo danh sách "
                      "trong tệp số liệu ({% for muc in … %}).")
    if isinstance(exc, jinja2.TemplateNotFound):  # {% include %}, {% extends %}, {% import %}
        return _error(template, place, "mẫu dùng {% include %}, {% extends %} hoặc {% import %} để lấy một mẫu khác; "
                                       "mẫu .docx của baocao chỉ là một tệp.",
                      "xóa thẻ đó và chép thẳng nội dung cần dùng vào mẫu.")
    if isinstance(exc, jinja2.UndefinedError):
        return _error(template, place, f"mẫu dùng một biến không có trong số liệu ({_undefined_name(exc)}).",
                      "kiểm tra chính tả tên biến trong {{ … }} của mẫu; xem các biến dùng được bằng lệnh: "
                      "baocao template vars.")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        near = "" if place else " ".join(getattr(exc, "docx_context", []) or []).strip()
        return _error(template, place, f"mẫu sai cú pháp: {jinja_message(exc.message or '')}"
                                       + (f" (gần đoạn: «{near[:120]}»)" if near else "") + ".",
                      "kiểm tra các cặp {{ … }} và {% … %}, mỗi {% if %}/{% for %} cần {% endif %}/{% endfor %}.")
    if isinstance(exc, etree.XMLSyntaxError):
        return _error(template, place, "điền mẫu xong nhưng nội dung Word bị hỏng.",
                      "thường do thẻ {%p … %} hoặc {%tr … %} đặt chung đoạn với chữ khác; đặt mỗi thẻ này ở một đoạn "
                      "riêng.")
    if isinstance(exc, (ArithmeticError, TypeError, LookupError)):
        # an expression in the template fails on its values: {{ 1/0 }}, {{ a + 1 }} on a list, …
        return _error(template, place, f"một biểu thức trong mẫu không tính được ({_python_error(exc)}).",
                      "xem lại các phép tính trong {{ … }} của mẫu; số liệu dạng chữ không cộng trừ được.")
    if isinstance(exc, ValueError) and _is_vietnamese(str(exc)):  # a baocao filter refused its value
        return _error(template, place, f"mẫu dùng bộ lọc với giá trị không phù hợp: {exc}.",
                      "kiểm tra bộ lọc trong mẫu: ví dụ |so chỉ dùng cho số, |ngay chỉ dùng cho ngày.")
    if isinstance(exc, ValueError):  # Python's own refusal: a number too long to print, a width too large
        return _error(template, place, "một biểu thức trong mẫu tạo ra giá trị không dùng được (số quá dài, độ rộng "
                                       "quá lớn…).",
                      "xem lại các phép tính và định dạng trong {{ … }} của mẫu.")
    return _error(template, place, "mẫu dùng một thao tác không thực hiện được khi điền.",
                  "xem lại thẻ ở chỗ này: mẫu chỉ nên in số liệu và dùng các bộ lọc của baocao (baocao template vars).")


def _error(template: Path, place: str | None, message: str, hint: str) -> UserError:
    return UserError(Finding(Location(Path(template), place=place), message, hint))


_PYTHON_ERRORS = ((ZeroDivisionError, "chia cho 0"), (OverflowError, "số quá lớn"),
                  (ArithmeticError, "phép tính không thực hiện được"),
                  (TypeError, "phép tính với giá trị không đúng kiểu"),
                  (IndexError, "vị trí không có trong danh sách"), (LookupError, "khóa không có"))


def _python_error(exc: Exception) -> str:
    return next(words for kind, words in _PYTHON_ERRORS if isinstance(exc, kind))


def _is_vietnamese(text: str) -> bool:
    """baocao's filters refuse in Vietnamese (vi_format); Python's own ValueErrors are English."""
    return re.search("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", text.lower()) is not None


def _undefined_name(exc: jinja2.UndefinedError) -> str:
    """Jinja's "'x' is undefined" / "'dict object' has no attribute 'y'", in Vietnamese."""
    text = str(exc.message or exc)
    if m := re.fullmatch(r"'(.{1,80}?)' is undefined", text):
        return f"'{m.group(1)}' chưa được định nghĩa"
    if m := re.search(r"has no attribute '(.{1,80}?)'", text):
        return f"không có khóa '{m.group(1)}'"
    return "một tên không có trong số liệu"
