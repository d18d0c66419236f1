"""Jinja's compiled code for a template's sources, kept for the process and in the user's cache.

Why: compiling is half of filling a template. docxtpl hands Jinja each part of the .docx (body,
headers, footers, footnotes, core properties) as a source of its own, nine for the report, and Jinja
parses, generates and compiles Python for each, every document, every command. The code does not
depend on the document: only on the source and on how the sandbox is configured (its filters and
tests and how they are called, its syntax, autoescape, finalize, the operators it intercepts), which
`_configuration` sums up. So the code is kept by (configuration, source) and re-bound to each
document's own sandbox (Template.from_code), as Jinja's bytecode cache does for loaded templates; a
template's entries are also written to one file in the user's cache folder (resources.cache_folder),
named by the template's bytes and the versions of Python, Jinja and docxtpl, and read back by the
next command that fills the same template.

What is read back is only what baocao's own sandboxed compile wrote: the folder is this user's alone
(0700, refused when another user owns it or others may write into it) and so is each file; each file
carries a SHA-256 of its content, so a damaged one (cut short, changed) is ignored and written anew.
The code itself is Python's `marshal`, as in Python's own __pycache__ and Jinja's bytecode cache.
Files are written whole or not at all (a rename); a folder that cannot be written costs only speed.
BAOCAO_CACHE=0 turns the files off (the code is still kept for the process).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from types import CodeType
from typing import Callable

import docxtpl
import jinja2

from ..resources import cache_folder, own_private

_MAGIC = b"baocao-jinja-1\n"
_VERSIONS = f"{sys.implementation.cache_tag} {sys.version} jinja2 {jinja2.__version__} docxtpl {docxtpl.__version__}"
_KEPT = 256  # sources kept for the process (a watch session editing its template makes new ones)
_codes: dict[bytes, CodeType] = {}  # sha256(configuration, source) → code, for this process
OFF = "BAOCAO_CACHE"  # "0": no cache files (tests compare with and without)


def _configuration(env: jinja2.Environment) -> str:
    """Everything of `env` that the code Jinja generates for a source depends on."""
    def called(functions: dict) -> list:
        return sorted((name, repr(getattr(f, "jinja_pass_arg", None))) for name, f in functions.items())

    return repr((type(env).__module__, type(env).__qualname__, _VERSIONS, env.block_start_string,
                 env.block_end_string, env.variable_start_string, env.variable_end_string,
                 env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
                 env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
                 env.keep_trailing_newline, env.optimized, env.is_async, env.autoescape is True,
                 callable(env.autoescape), sorted(env.extensions),
                 None if env.finalize is None else repr(getattr(env.finalize, "jinja_pass_arg", None)),
                 called(env.filters), called(env.tests), sorted(getattr(env, "intercepted_binops", ())),
                 sorted(getattr(env, "intercepted_unops", ())), env.code_generator_class.__qualname__))


class Codes:
    """The compiled code of one template (`data`: its bytes) for the sandboxes that fill it."""

    def __init__(self, data: bytes):
        self._name = hashlib.sha256(_VERSIONS.encode() + b"\0" + data).hexdigest()[:40] + ".bin"
        self._used: dict[bytes, CodeType] = {}
        self._new = False
        self._stored: dict[bytes, CodeType] | None = None  # read when the process lacks a source's code
        self._configurations: dict[int, bytes] = {}

    def code(self, env: jinja2.Environment, source: str, compile_: Callable[[], CodeType]) -> CodeType:
        """The code of `source` in `env`: kept, stored, or compiled by `compile_` now."""
        if id(env) not in self._configurations:
            self._configurations[id(env)] = _configuration(env).encode()
        key = hashlib.sha256(self._configurations[id(env)] + b"\0" + source.encode("utf-8", "surrogatepass")).digest()
        code = _codes.get(key)
        if code is None:
            if self._stored is None:
                self._stored = _read(self._name)
            code = self._stored.get(key)
        if code is None:
            code = compile_()
            self._new = True
        if key not in _codes and len(_codes) >= _KEPT:
            _codes.pop(next(iter(_codes)))
        _codes[key] = self._used[key] = code
        return code

    def save(self) -> None:
        """Store what this template's fill compiled, for the next command (quietly not, where the
        cache cannot be written)."""
        if self._new and self._used:
            _write(self._name, marshal.dumps(self._used))
            self._new = False


def _folder() -> Path | None:
    if os.environ.get(OFF, "").strip() == "0":
        return None
    base = cache_folder()
    if base is None:
        return None
    folder = base / "mau"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        return folder if own_private(folder) else None
    except OSError:
        return None


def _read(name: str) -> dict[bytes, CodeType]:
    """The stored code of a template, or nothing when there is none, or it is not this user's own, or
    it is damaged."""
    folder = _folder()
    if folder is None:
        return {}
    try:
        path = folder / name
        if not own_private(path):
            return {}
        raw = path.read_bytes()
        head, digest, payload = raw[:len(_MAGIC)], raw[len(_MAGIC):len(_MAGIC) + 32], raw[len(_MAGIC) + 32:]
        if head != _MAGIC or hashlib.sha256(payload).digest() != digest:
            return {}
        stored = marshal.loads(payload)
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if not isinstance(stored, dict):
        return {}
    return {k: v for k, v in stored.items() if isinstance(k, bytes) and isinstance(v, CodeType)}


def _write(name: str, payload: bytes) -> None:
    folder = _folder()
    if folder is None:
        return
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".moi-", suffix=".tmp")  # 0600
        with os.fdopen(fd, "wb") as f:
            f.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, folder / name)
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
