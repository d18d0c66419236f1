"""Property-based fuzzing of the data format (Hypothesis): whatever a data file holds, `baocao
build` answers with exit 0 (a document that opens) or exit 2 (Vietnamese findings, each with its
"Cách sửa", no traceback, no library English), and a refused build leaves the earlier output —
the document and its kept version — byte for byte as it was.

Two kinds of data files are generated from the sample: its parsed data with one value replaced by
anything YAML can hold (huge or tiny numbers, hostile texts, invisible characters, nested lists and
groups), a key deleted or an unknown one added; and its text with a few characters inserted
somewhere. The command runs in-process (cli.main), as a clerk's terminal would run it, with its
template filled in the worker. Bounded to about 10 seconds: a fixed number of examples, no deadline.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
import tempfile
from pathlib import Path

import yaml
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile
from conftest import REPO, SAMPLE
from generator.commands.cli import main

# the sample report, a report with tables and an appendix, a Party report, a notice
SAMPLES = {path.name: path.read_text(encoding="utf-8") for path in
           (SAMPLE, REPO / "data" / "kim-thach-2023-6thang.yaml", REPO / "data" / "tay-son-2023-so-ket.yaml",
            REPO / "data" / "tuy-phuoc-2022-tb39.yaml")}
TEXT = SAMPLE.read_text(encoding="utf-8")
# 60 examples each in CI (about 10 seconds); BAOCAO_FUZZ_EXAMPLES=2000 for a longer search
FUZZ = settings(max_examples=int(os.environ.get("BAOCAO_FUZZ_EXAMPLES", "60")), deadline=None, database=None, derandomize=False, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, path + (key,))
    elif isinstance(value, list):
        for k, child in enumerate(value):
            yield from _paths(child, path + (k,))


PATHS = {name: [p for p in _paths(yaml.safe_load(text)) if p] for name, text in SAMPLES.items()}

HOSTILE = ["", "   ", "CON", "nul.txt", "x" * 300, "ả" * 120, "2023-02-30", "31/02/2023", "9.737", "**", "^[", "^[]",
           "[@khong-co]", "[=bang.dong.cot]", "{{ bc.so }}", "{_{", "{%p if %}", "Đì\u200dnh", "\u202eĐình", "a\u200bb",
           "\ue002", "x" * 20000, "*" * 5000, "- " * 2000, "\n\n\n", "<w:p/>", "&amp;", "../../etc/passwd",
           10 ** 40, -7, 0, 1e-300, 1e308, 1e15 + 0.5, 2 ** 63, 12.3456789]
SCALARS = st.one_of(
    st.sampled_from(HOSTILE),
    st.integers(min_value=-10 ** 30, max_value=10 ** 30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.booleans(), st.none(),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(min_size=1, max_size=10), inner, max_size=4), max_leaves=12)


_STATE: dict = {}  # the sample built once into out/ (with a kept version), and its snapshot


def _folder():
    if not _STATE:
        folder = Path(tempfile.mkdtemp(prefix="baocao-fuzz-"))
        built = hostile.good_output(folder)
        _STATE.update(folder=folder, built=built, before=hostile.tree(built))
    return _STATE["folder"], _STATE["built"], _STATE["before"]


def teardown_module(module):
    if _STATE:
        shutil.rmtree(_STATE["folder"], ignore_errors=True)


def _build(data_bytes: bytes) -> None:
    """Build `data_bytes` as bao-cao.yaml into the output folder and judge the answer."""
    folder, built, before = _folder()
    out = folder / "ra"
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(built, out)
    data = folder / hostile.DATA_NAME
    data.write_bytes(data_bytes)
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(["build", str(data), "-o", str(out)])  # an exception here is a traceback: the test fails
    result = hostile.Run(code, stdout.getvalue(), stderr.getvalue())
    assert code in (0, 2), result.text
    if code == 2:
        hostile.assert_refused(result)
        assert hostile.tree(out) == before
    else:
        assert "Traceback" not in result.text and not hostile.english(result.err), result.err
        written = [line for line in result.out.splitlines() if line.endswith(".docx")]
        assert written, result.text
        for path in written:
            Document(path)  # what was written opens


def _set(data, path, value):
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def _delete(data, path):
    for key in path[:-1]:
        data = data[key]
    del data[path[-1]]


@st.composite
def places(draw):
    """A sample and a path of a value in it."""
    name = draw(st.sampled_from(sorted(SAMPLES)))
    return name, draw(st.sampled_from(PATHS[name]))


@FUZZ
@given(place=places(), action=st.sampled_from(["thay", "xoa", "them"]), value=VALUES,
       key=st.text(min_size=1, max_size=12))
def test_any_value_anywhere_is_built_or_refused_in_vietnamese(place, action, value, key):
    name, path = place
    data = yaml.safe_load(SAMPLES[name])
    if action == "thay":
        _set(data, path, value)
    elif action == "xoa":
        _delete(data, path)
    else:
        target = data
        for part in path[:-1]:
            target = target[part]
        if isinstance(target, dict):
            target[key] = value
        else:
            target.append(value)
    _build(yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8"))


@FUZZ
@given(at=st.integers(min_value=0, max_value=len(TEXT)), inserted=st.text(min_size=1, max_size=8),
       removed=st.integers(min_value=0, max_value=3))
def test_any_characters_anywhere_are_built_or_refused_in_vietnamese(at, inserted, removed):
    _build((TEXT[:at] + inserted + TEXT[at + removed:]).encode("utf-8"))
