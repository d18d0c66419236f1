"""Running `baocao` as a careless clerk or an attacker would, and judging what it answers.

Each hostile case runs the command in a process of its own whose address space is capped at 2 GB
(RLIMIT_AS, what `ulimit -v` sets) and which must end within 60 seconds; it must answer with exit
code 2, Vietnamese findings each with its "Cách sửa", no traceback, no library's English, and the
output folder (with the earlier document and its kept versions) exactly as it was.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import resource
import selectors
import shutil
import signal
import subprocess
import sys
import time
import traceback
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docxtpl_lint import reader as lint_reader

from generator.commands.build import build
from generator.commands.cli import main

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "an-lao-2023-6thang.yaml"

ADDRESS_SPACE = 2 * 1024 ** 3  # 2 GB, as `ulimit -v 2097152`
TIMEOUT = 60  # seconds a hostile run may take, whatever it holds
TEMPLATE = REPO / "templates" / "bao-cao-cchc.docx"
DATA_NAME = "bao-cao.yaml"
OUTPUT = "BC-bao-cao.docx"
TAG = "{{ nk.chuc_vu }}"  # a tag of the stock template (in a table cell) that hostile tags replace


def _place_of(tag: str) -> str:
    """"[thân văn bản, đoạn N, bảng T hàng R ô C": where `tag` stands in the stock template, as
    template check and build name it (paragraphs counted as docxtpl-lint counts them)."""
    para = next(p for p in lint_reader.iter_paragraphs(TEMPLATE) if tag in p.text)
    cell = para.cells[-1]
    return f"[thân văn bản, đoạn {para.index}, bảng {cell.table} hàng {cell.row} ô {cell.col}"


PLACE = _place_of(TAG)  # the place of a hostile tag put in TAG's stead

# English a library would put in a message (pydantic, Jinja, YAML, Python); none may reach the clerk.
_ENGLISH = {"the", "and", "should", "expected", "found", "could", "not", "named", "error", "exceeds", "limit",
            "string", "character", "unexpected", "while", "must", "value", "valid", "input", "least", "got",
            "undefined", "object", "attribute", "invalid", "cannot", "constructor", "tag", "template", "end"}


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def run(*argv, cwd: Path, env: dict[str, str] | None = None, fresh: bool = False) -> Run:
    """`baocao ARGV…` in a process of its own under the 2 GB address-space limit, its output
    captured; a run past TIMEOUT fails. The process is forked from this one, which has imported
    baocao already, and calls the command's entry point (generator.commands.cli.main, what the
    `baocao` script calls) — the cost of a fresh interpreter saved; with `fresh`, a new interpreter
    runs `python -m generator`."""
    if fresh:
        try:
            proc = subprocess.run([sys.executable, "-m", "generator", *map(str, argv)], cwd=cwd, capture_output=True,
                                  timeout=TIMEOUT, env=dict(os.environ, **(env or {})), preexec_fn=_limited)
        except subprocess.TimeoutExpired as exc:  # the run did not end: the case failed
            raise AssertionError(f"baocao {' '.join(map(str, argv))} ran past {TIMEOUT} s") from exc
        return Run(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))
    out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the command's process
        code = 1
        try:
            os.dup2(out_write, 1)
            os.dup2(err_write, 2)
            for fd in (out_read, out_write, err_read, err_write):
                os.close(fd)
            sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), encoding="utf-8", write_through=True)
            sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", closefd=False), encoding="utf-8", write_through=True)
            os.chdir(cwd)
            os.environ.update(env or {})
            _limited()
            code = main([str(a) for a in argv])
        except SystemExit as exc:  # argparse's own refusals
            code = exc.code if isinstance(exc.code, int) else 1
        except BaseException:  # noqa: BLE001 - what the clerk would see: a traceback
            traceback.print_exc()
        finally:
            with contextlib.suppress(Exception):
                sys.stdout.flush()
                sys.stderr.flush()
            os._exit(code)
    os.close(out_write)
    os.close(err_write)
    chunks = {out_read: [], err_read: []}
    deadline = time.monotonic() + TIMEOUT
    with selectors.DefaultSelector() as selector:
        for fd in chunks:
            selector.register(fd, selectors.EVENT_READ)
        while selector.get_map():
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                raise AssertionError(f"baocao {' '.join(map(str, argv))} ran past {TIMEOUT} s")
            for key, _ in selector.select(left):
                data = os.read(key.fd, 65536)
                if data:
                    chunks[key.fd].append(data)
                else:
                    selector.unregister(key.fd)
                    os.close(key.fd)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    return Run(code, b"".join(chunks[out_read]).decode("utf-8", "replace"),
               b"".join(chunks[err_read]).decode("utf-8", "replace"))


def english(text: str) -> set[str]:
    """Library English in `text`, leaving out paths, and what is quoted from the user's own file
    («…», '…', `…`: a template's tag, a key, a value)."""
    text = re.sub(r"«[^»]*»|'[^'\n]*'|`[^`\n]*`|\"[^\"\n]*\"|\{\{.*?\}\}|\{%.*?%\}|baocao \w+(?: vars| check)?", " ",
                  text)
    text = " ".join(word for word in text.split() if "/" not in word and "\\" not in word)
    return {word for word in re.findall(r"[A-Za-z_][A-Za-z_0-9]*", text) if word.lower() in _ENGLISH}


def findings(result: Run) -> list[tuple[str, str]]:
    """(the `…: lỗi: …` line, its `Cách sửa: …` line) for every error printed."""
    lines = result.text.splitlines()  # `template check` prints its findings on stdout
    found = []
    for k, line in enumerate(lines):
        if ": lỗi: " in line:
            fix = lines[k + 1].strip() if k + 1 < len(lines) else ""
            found.append((line, fix))
    return found


def assert_refused(result: Run, *words: str) -> list[tuple[str, str]]:
    """Exit 2, a Vietnamese message with its fix for every error, `words` said, no traceback, no English."""
    assert result.code == 2, result.text
    assert "Traceback" not in result.text and "Error" not in result.text, result.text
    found = findings(result)
    assert found, result.text
    for line, fix in found:
        assert fix.startswith("Cách sửa: ") and len(fix) > len("Cách sửa: ") + 5, (line, fix)
        assert not english(line + " " + fix), (english(line + " " + fix), line, fix)
    for word in words:
        assert word in result.text, (word, result.text)
    return found


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (kept versions, hidden temporaries included) with its bytes."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def template_with(dest: Path, new: str, old: str = TAG) -> Path:
    """The stock template with `old` in word/document.xml replaced by `new` (a hostile tag)."""
    with zipfile.ZipFile(TEMPLATE) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                assert xml.count(old) == 1
                data = xml.replace(old, new.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")).encode()
            dst.writestr(info, data)
    return dest


def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def under_report(text: str, line: str) -> str:
    """The sample's text with `line` (e.g. "mau: x.docx") added under bao_cao."""
    return edit(text, "  ky_hieu: BC-UBND\n", f"  ky_hieu: BC-UBND\n  {line}\n")


class Folder:
    """A data file `bao-cao.yaml` in a folder whose output folder `out/` already holds a good
    document and a kept version (copied from one build made for the whole session)."""

    def __init__(self, tmp_path: Path, built: Path):
        self.dir = tmp_path
        self.data = tmp_path / DATA_NAME
        self.out = tmp_path / "out"
        shutil.copytree(built, self.out)
        self.before = tree(self.out)
        assert OUTPUT in self.before and f".truoc/{Path(OUTPUT).stem}.1.docx" in self.before

    def build(self, text: str | None = None, *extra, env: dict[str, str] | None = None, fresh: bool = False) -> Run:
        if text is not None:
            self.data.write_text(text, encoding="utf-8")
        return run("build", self.data, "-o", self.out, *extra, cwd=self.dir, env=env, fresh=fresh)

    def refused(self, result: Run, *words: str) -> list[tuple[str, str]]:
        found = assert_refused(result, *words)
        assert ".docx" not in result.out  # nothing reported as written
        assert tree(self.out) == self.before  # the earlier document and its history, byte for byte
        return found


def good_output(folder: Path) -> Path:
    """An output folder holding the sample's document built from `bao-cao.yaml`, and the version
    it replaced in .truoc/: what every hostile run must leave exactly as it is."""
    data = folder / DATA_NAME
    data.write_text(edit(sample_text(), "ho_ten: Đình Văn Phú", "ho_ten: Đinh Văn Phú"), encoding="utf-8")
    out = folder / "out"
    build(data, out)
    data.write_text(sample_text(), encoding="utf-8")
    build(data, out)
    return out


def located(line: str) -> tuple[int | None, int | None]:
    """(line, column) of a `file:line:column: lỗi: …` line."""
    m = re.search(r":(\d+)(?::(\d+))?(?: \[.*?\])?: (?:lỗi|cảnh báo): ", line)
    return (int(m.group(1)), int(m.group(2)) if m.group(2) else None) if m else (None, None)


def line_of(text: str, needle: str) -> int:
    hits = [k + 1 for k, line in enumerate(text.splitlines()) if needle in line]
    assert len(hits) == 1, (needle, hits)
    return hits[0]
