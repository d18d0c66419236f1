"""The machinery behind the hostile-input limits, piece by piece: the worker (one per command,
replaced after a limit, the same bytes as filling in-process), the limits' settings, the list of
invisible characters, and that every error baocao raises carries its fix."""

from __future__ import annotations

import ast
import unicodedata
from pathlib import Path

import pytest

from conftest import REPO, SAMPLE, SAMPLE_002
from generator import limits, produce, worker
from generator.errors import UserError
from generator.plan import prepare
from generator.text import invisible


def _finished_in_process(plan, doc) -> bytes:
    return produce.finished(doc.template, doc.context, plan.source.data.van_ban, doc.properties, doc.author, 0)[0]


def test_the_worker_makes_the_same_bytes_as_filling_in_process():
    plan = prepare(SAMPLE_002)
    doc = plan.documents[0]
    assert produce.render(plan, doc)[0] == _finished_in_process(plan, doc)


def test_one_worker_serves_a_whole_session_and_a_limit_costs_only_its_own():
    plans = [prepare(SAMPLE), prepare(SAMPLE_002)]
    with worker.session(limits.Limits(seconds=2, megabytes=256)) as session:
        for plan in plans:
            produce.outputs(plan, Path("ra"))
        assert (session.started, session.jobs) == (1, 2)
        with pytest.raises(limits.Exceeded) as exc:
            worker.run(_huge, template=Path("mau.docx"))
        assert "cần quá 256 MB bộ nhớ" in exc.value.format() and "mau.docx" in exc.value.format()
        produce.outputs(plans[0], Path("ra"))
        assert (session.started, session.jobs) == (2, 4)  # a fresh worker after the limit
    assert session._process is None  # closed with the session


def _huge():
    return "x" * (10 ** 9)


def _forever():
    while True:
        pass


def test_a_job_stuck_past_its_time_is_ended():
    with worker.Worker(limits.Limits(seconds=1, megabytes=256)) as own:
        with pytest.raises(limits.Exceeded) as exc:
            own.call(_forever, template=Path("mau.docx"))
    assert "chạy quá 1 giây" in exc.value.format()


@pytest.mark.parametrize("seconds, megabytes, expected", [
    ("", "", limits.Limits()), ("5", "300", limits.Limits(5.0, 300)), ("2,5", "", limits.Limits(2.5, 1024)),
])
def test_the_limits_can_be_set(seconds, megabytes, expected):
    environ = {limits.SECONDS_VARIABLE: seconds, limits.MEGABYTES_VARIABLE: megabytes}
    assert limits.from_environment(environ) == expected


@pytest.mark.parametrize("name, value", [(limits.SECONDS_VARIABLE, "mười"), (limits.SECONDS_VARIABLE, "0"),
                                         (limits.MEGABYTES_VARIABLE, "-1"), (limits.MEGABYTES_VARIABLE, "1.5")])
def test_a_limit_that_is_no_number_is_a_message(name, value):
    with pytest.raises(UserError) as exc:
        limits.from_environment({name: value})
    assert f"biến môi trường {name}" in exc.value.format() and "Cách sửa" in exc.value.format()


def test_the_invisible_characters_are_every_format_and_control_character():
    """The pattern's ranges (written out, Unicode 15) against this Python's own character data; and the
    codes that are no characters (surrogates, U+FFFE, U+FFFF)."""
    for code in range(0x110000):
        ch = chr(code)
        category = unicodedata.category(ch)
        wanted = (category == "Cf" and ch != "\u00ad") or (category == "Cc" and ch not in "\t\n\r") \
            or "\ue000" <= ch <= "\uf8ff" or category == "Cs" or ch in "\ufffe\uffff"  # XML holds none of those
        if category == "Cn" and not wanted:
            continue  # unassigned here, perhaps assigned in a later Unicode
        assert bool(invisible.PATTERN.fullmatch(ch)) == wanted, f"U+{code:04X} {category}"


def test_a_joiner_inside_a_word_is_only_warned():
    found = list(invisible.every("Đì\u200dnh \u200dVăn"))
    assert [(f.offset, f.refused) for f in found] == [(2, False), (6, True)]


def _calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            yield node, func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)


def test_every_error_carries_its_fix():
    """Every error()/Finding() in the package gives a hint ("Cách sửa"): as the `hint` keyword or
    Finding's third argument. (The table validators' `bad` fall back to a general fix.)"""
    missing = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        for node, name in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            keywords = {k.arg for k in node.keywords}
            if name == "error" and "hint" not in keywords or name == "Finding" and len(node.args) < 3 \
                    and "hint" not in keywords:
                missing.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert missing == []
