"""Files a user names, read within bounds: a data file, a template, a .docx to compare.

A path is looked at (os.stat, which never blocks) before it is opened, so a folder, a FIFO, a
device or a socket gets a message of its own instead of "không tìm thấy" or a read that never
ends (/dev/zero, a named pipe nobody writes to); a name the file system refuses (over 255 bytes)
or a path through a file is a message too, not pathlib's OSError. A file's size is checked
before a byte is read, and the read stops at the limit anyway (a file that grows meanwhile).

A .docx (and an .xlsx) is a zip. Its central directory is checked first (how many parts, each part's declared
inflated size, their total, each part's compression ratio), then every part is inflated in
bounded chunks, which checks its actual size and its CRC: a zip bomb, a header that lies about a
size, or one corrupted byte in a deflate stream is refused here, before python-docx, docxtpl or
lxml read the file. Everything else baocao reads from a .docx is then known to fit.

The limits fit real documents many times over (README, "Giới hạn"): the largest sample data file
is 62 KB and a report with a 2,000-row table is a 400 KB data file whose document.xml is 4.9 MB,
compressed 64:1.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError, error

MiB = 1024 * 1024
MAX_DATA_BYTES = 4 * MiB  # a data file
MAX_DOCX_BYTES = 50 * MiB  # a .docx on disk (a template, a document to compare)
MAX_PART_BYTES = 64 * MiB  # one part of a .docx, inflated
MAX_INFLATED_BYTES = 128 * MiB  # all the parts of a .docx together, inflated
MAX_PARTS = 1000  # parts in a .docx (a report has about 15)
MAX_RATIO = 250  # inflated / compressed size of a part above RATIO_FROM bytes (real ones: at most ~65)
RATIO_FROM = 1 * MiB
_CHUNK = 1 * MiB

# Why a path cannot be opened, by errno; {what} is "tệp số liệu", "tệp mẫu", …
_OS_PROBLEMS = {
    errno.ENOENT: ("không tìm thấy {what}.", "kiểm tra lại đường dẫn và tên tệp."),
    errno.ENAMETOOLONG: ("không tìm thấy {what}: đường dẫn có tên tệp hoặc tên thư mục quá dài (hệ thống tệp chỉ cho "
                         "mỗi tên tối đa 255 byte).", "đổi tên tệp hoặc thư mục cho ngắn hơn."),
    errno.ENOTDIR: ("một phần của đường dẫn là tệp, không phải thư mục.", "kiểm tra lại đường dẫn."),
    errno.EACCES: ("không có quyền đọc {what}.", "kiểm tra quyền của tệp (hoặc của thư mục chứa nó)."),
    errno.EPERM: ("không có quyền đọc {what}.", "kiểm tra quyền của tệp (hoặc của thư mục chứa nó)."),
    errno.ELOOP: ("đường dẫn có liên kết tượng trưng (symlink) vòng quanh.", "ghi đường dẫn tới chính tệp."),
}


@dataclass(frozen=True)
class Unusable:
    """Why a path cannot be read as a file: what is wrong, its fix, and whether nothing is there."""

    message: str
    hint: str
    missing: bool = False


def problem(path: Path, what: str) -> Unusable | None:
    """Why `path` is not a regular file to read as `what`, or None."""
    try:
        st = os.stat(path)
    except OSError as exc:
        return Unusable(*_os_problem(exc, what), missing=exc.errno == errno.ENOENT)
    except ValueError:  # a NUL byte in the path
        return Unusable("đường dẫn chứa ký tự không hợp lệ.", "gõ lại đường dẫn.")
    kind = _kind_problem(st.st_mode, what)
    return Unusable(*kind) if kind else None


def _kind_problem(mode: int, what: str) -> tuple[str, str] | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return (f"đây là một thư mục, không phải {what}.", "ghi đường dẫn tới tệp trong thư mục đó.")
    if stat.S_ISFIFO(mode):
        return (f"đây là một đường ống (FIFO), không phải {what}: đọc nó có thể chờ mãi.",
                "ghi đường dẫn tới một tệp thường.")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return (f"đây là một thiết bị của hệ thống, không phải {what}.", "ghi đường dẫn tới một tệp thường.")
    if stat.S_ISSOCK(mode):
        return (f"đây là một socket, không phải {what}.", "ghi đường dẫn tới một tệp thường.")
    return (f"đây không phải một tệp thường, không dùng làm {what} được.", "ghi đường dẫn tới một tệp thường.")


def _os_problem(exc: OSError, what: str) -> tuple[str, str]:
    message, hint = _OS_PROBLEMS.get(exc.errno, (f"không đọc được {what} (lỗi hệ thống khi đọc).",
                                                 "kiểm tra đĩa và đường dẫn, rồi chạy lại."))
    return message.format(what=what), hint


def is_file(path: Path) -> bool:
    """Whether `path` is a regular file; False, not OSError, for a name the system cannot look up."""
    return problem(path, "tệp") is None


def exists(path: Path) -> bool:
    """Whether anything is at `path`; False, not OSError, for a name the system cannot look up."""
    found = problem(path, "tệp")
    return found is None or not found.missing


def refuse(path: Path, what: str) -> None:
    """UserError unless `path` is a regular file (see `problem`)."""
    found = problem(path, what)
    if found:
        raise error(path, found.message, hint=found.hint)


def read_bytes(path: Path, what: str, limit: int = MAX_DATA_BYTES, hint: str | None = None) -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them (UserError otherwise). The file
    is opened without blocking and checked again once open (a FIFO put in its place meanwhile)."""
    refuse(path, what)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _unreadable(path, exc, what) from None
    try:
        st = os.fstat(fd)
        kind = _kind_problem(st.st_mode, what)
        if kind:
            raise error(path, kind[0], hint=kind[1])
        if st.st_size > limit:
            raise _too_big(path, what, st.st_size, limit, hint)
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise _unreadable(path, exc, what) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise _too_big(path, what, len(data), limit, hint)
    return data


def _unreadable(path: Path, exc: OSError, what: str) -> UserError:
    message, hint = _os_problem(exc, what)
    return error(path, message, hint=hint)


def _too_big(path: Path, what: str, size: int, limit: int, hint: str | None) -> UserError:
    return error(path, f"{what} quá lớn ({megabytes(size)}; baocao đọc tối đa {megabytes(limit)}).",
                 hint=hint or "kiểm tra đã chọn đúng tệp chưa.")


def megabytes(size: int) -> str:
    """4194304 → "4 MB", 1500000 → "1,4 MB": a size as a clerk reads it."""
    value = size / MiB
    text = f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}".replace(".", ",")
    return f"{text} MB"


def check_package(path: Path, what: str, damaged_hint: str, damaged_message: str | None = None,
                  needed: str = "word/document.xml") -> None:
    """UserError unless `path` is an Office file (a .docx, or an .xlsx with `needed`
    "xl/workbook.xml") whose parts all inflate, within the limits, to what they declare. `what`
    names the file ("tệp mẫu", "tệp Word", "tệp bảng tính"); `damaged_hint` is the fix for a
    damaged one."""
    path = Path(path)
    refuse(path, what)

    def damaged() -> UserError:
        return error(path, damaged_message or f"{what} không phải tệp Word .docx hợp lệ, hoặc đã bị hỏng.",
                     hint=damaged_hint)

    def bomb(detail: str) -> UserError:
        return error(path, f"{what} có phần nội dung bung ra quá lớn ({detail}): có thể là tệp nén độc hại "
                           "(zip bomb) hoặc tệp hỏng.",
                     hint="mở tệp trong Word, lưu lại thành tệp .docx mới rồi dùng tệp đó; một văn bản thật "
                          f"bung ra không quá {megabytes(MAX_PART_BYTES)} mỗi phần.")

    try:
        size = os.stat(path).st_size
        if size > MAX_DOCX_BYTES:
            raise _too_big(path, what, size, MAX_DOCX_BYTES, "kiểm tra đã chọn đúng tệp chưa; ảnh lớn trong mẫu nên "
                                                           "nén lại (Word: Nén ảnh).")
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > MAX_PARTS:
                raise bomb(f"{len(infos)} phần, tối đa {MAX_PARTS}")
            if needed not in z.NameToInfo:
                raise damaged()
            total = 0
            for info in infos:
                total += info.file_size
                if info.file_size > MAX_PART_BYTES:
                    raise bomb(f"{info.filename}: {megabytes(info.file_size)}")
                if total > MAX_INFLATED_BYTES:
                    raise bomb(f"tổng cộng hơn {megabytes(MAX_INFLATED_BYTES)}")
                if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    raise bomb(f"{info.filename}: nén {info.file_size // max(info.compress_size, 1)} lần")
            for info in infos:  # the actual sizes and CRCs: zipfile stops at the declared size and checks the CRC
                inflated = 0
                with z.open(info) as member:
                    while chunk := member.read(_CHUNK):
                        inflated += len(chunk)
                        if inflated > info.file_size:
                            raise bomb(f"{info.filename}: lớn hơn cỡ ghi trong tệp")
    except UserError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError, ValueError,
            RuntimeError):  # not a zip, a bad CRC, broken deflate, an unknown compression, an encrypted part
        raise damaged() from None
    except OSError as exc:
        raise _unreadable(path, exc, what) from None


def oversized(docx: bytes) -> str | None:
    """Why a .docx baocao has just made would be refused when read back (by `diff`, by Word), or
    None: a part or the whole inflating past the limits above."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        infos = z.infolist()
    total = sum(info.file_size for info in infos)
    big = max(infos, key=lambda info: info.file_size)
    if big.file_size > MAX_PART_BYTES:
        return f"phần {big.filename} {megabytes(big.file_size)}, tối đa {megabytes(MAX_PART_BYTES)}"
    if total > MAX_INFLATED_BYTES:
        return f"tổng cộng {megabytes(total)}, tối đa {megabytes(MAX_INFLATED_BYTES)}"
    return None
