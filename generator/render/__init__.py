"""Step 4 of the flow: render a .docx template with docxtpl, in the sandbox (sandbox.py).

The rendered document still holds the prose markers (prose.py); post-processing expands them.
Every way a template can fail (damaged file, syntax, a misspelt variable, a filter refusing its
value, a limit of the sandbox) becomes a Vietnamese message naming the template.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import Any

import jinja2
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2.sandbox import SecurityError
from lxml import etree

from ..errors import error
from ..read.files import is_file
from .prose import Prose
from .sandbox import MAX_RANGE, MAX_SIZE, make_environment

__all__ = ["DAMAGED", "Prose", "damaged", "make_environment", "render_template", "require_docx"]

DAMAGED = (zipfile.BadZipFile, zlib.error, etree.XMLSyntaxError, EOFError)  # a .docx damaged inside


def require_docx(template_path: Path) -> None:
    """Refuse what is not a .docx at all: not a file, not a zip, no document part. Damage inside
    (a bad CRC, broken compression, an XML part that does not parse) shows when the parts are read,
    where the callers catch DAMAGED and call `damaged`: checking it here would read everything twice."""
    template_path = Path(template_path)
    if not is_file(template_path):
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


def render_template(template_path: Path, context: dict[str, Any], prose: Prose):
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
