"""A template can neither crash, hang nor exhaust the machine: whatever it does, the fill ends in one
Vietnamese message naming the template (and the paragraph where Jinja can tell), within the time
and memory limits (generator/limits.py), the earlier output untouched.

Every case is a hostile tag put in place of `{{ nk.chuc_vu }}` (a table cell of the body) of the
stock template, which a data file names with `mau:`; each runs the command in a process of its
own under a 2 GB address-space limit and a 60-second bound (tests/hostile.py). The cases
that run for ever do so under a 2-second limit (BAOCAO_GIOI_HAN_GIAY).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

import hostile
from generator import limits
from hostile import Folder, template_with, under_report

PLACE = hostile.PLACE
QUICK = {"BAOCAO_GIOI_HAN_GIAY": "2"}


def with_tag(folder: Folder, tag: str) -> str:
    """The sample data naming a copy of the stock template whose tag is replaced by `tag`."""
    template_with(folder.dir / "mau-doc.docx", tag)
    return under_report(hostile.sample_text(), "mau: mau-doc.docx")


MEMORY = "bộ nhớ nên đã bị dừng"
AMPLIFIERS = [  # each builds a value of a gigabyte or more
    "{{ 'x'|center(10**9) }}",
    "{{ '%*d'|format(10**9, 1) }}",
    "{{ '{:>1000000000}'.format(1) }}",
    "{{ ('x' * 100000)|list|join('y' * 100000) }}",
    "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
    "{{ dict.fromkeys(range(10000), 'y' * 100000) }}",
    "{{ 'x\\ny'|indent(10**9) }}",
    "{{ ('a' * 100000)|replace('a', 'b' * 100000) }}",
]


@pytest.mark.parametrize("tag", AMPLIFIERS)
def test_a_template_building_a_huge_value_hits_the_memory_limit(folder, tag):
    """Under a 256 MB limit, to fail sooner; the next test keeps the default (1.024 MB)."""
    found = folder.refused(folder.build(with_tag(folder, tag), env={"BAOCAO_GIOI_HAN_MB": "256"}),
                           "cần quá 256 MB bộ nhớ nên đã bị dừng", "mau-doc.docx")
    assert len(found) == 1


def test_the_memory_message_names_the_paragraph(folder):
    (line, fix), = folder.refused(folder.build(with_tag(folder, "{{ 'x'|center(10**9) }}")), MEMORY)
    assert f"mau-doc.docx {PLACE}, «{{{{ 'x'|center(10**9) }}}}»]: lỗi: điền mẫu cần quá 1.024 MB" in line
    assert "BAOCAO_GIOI_HAN_MB" in fix


@pytest.mark.parametrize("tag", [
    "{{ lipsum(n=2000000) }}",
    "{% set l = ('x' * 100000)|list %}{% for a in l %}{% for b in l %}{% endfor %}{% endfor %}",
])
def test_a_template_running_for_ever_hits_the_time_limit(folder, tag):
    (line, _), = folder.refused(folder.build(with_tag(folder, tag), env=QUICK), "chạy quá 2 giây")
    assert PLACE in line


def test_the_default_limits_end_every_case_within_a_minute():
    """The time cases above run under a 2-second limit to keep the suite short; under the default
    limit a fill is interrupted at 30 s and its worker killed at most GRACE seconds later, which
    leaves the command (start-up, reading, the message) well inside the minute. The memory cases
    and the paragraph test run under the default memory limit itself."""
    assert limits.Limits().seconds + limits.GRACE <= 40
    assert limits.from_environment({}) == limits.Limits()


@pytest.mark.parametrize("tag, words", [
    ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "lồng nhau quá sâu"),
    ("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", "lồng nhau quá sâu"),
    ("{% set ns = namespace(x=10**100) %}{% for i in range(50) %}{% set ns.x = ns.x * 10**100 %}{% endfor %}"
     "{{ ns.x|so }}", "không dùng được"),
    ("{% include 'khac.docx' %}", "{% include %}"),
    ("{% import 'khac.docx' as k %}", "{% import %}"),
    ("{% extends 'khac.docx' %}", "{% extends %}"),
    ("{% if bc.so %}", "không có `{% endif %}` đóng lại"),
    ("{{ nk.chuc_vu|khong_co }}", "bộ lọc `khong_co` không có"),
    ("{{ nk. }}", "thiếu"),
    ("{{ nk.chuc_vu.khong_co }}", "biến `nk.chuc_vu.khong_co` không có trong số liệu"),
])
def test_what_jinja_refuses_is_said_in_vietnamese(folder, tag, words):
    folder.refused(folder.build(with_tag(folder, tag)), words, "mau-doc.docx")


@pytest.mark.parametrize("tag, words", [
    ("{{ 'x'|center(10**9) }}", "cần quá 256 MB bộ nhớ"),
    ("{{ lipsum(n=2000000) }}", "chạy quá 2 giây"),
    ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "lồng nhau quá sâu"),
    ("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", "thẻ lồng nhau quá sâu"),
    ("{{ (nk|list).__class__ }}", "không được phép"),
    ("{% include 'khac.docx' %}", "{% include %}"),
])
def test_template_check_without_data_finds_what_the_template_does_whatever_the_data(folder, tag, words):
    """No data file: the template is filled with nothing, in the worker; what it does on its own shows."""
    template = template_with(folder.dir / "mau-doc.docx", tag)
    result = hostile.run("template", "check", template, cwd=folder.dir, env=dict(QUICK, BAOCAO_GIOI_HAN_MB="256"))
    (line, _), = hostile.assert_refused(result, words)
    assert PLACE in line


def test_template_check_with_data_fills_within_the_limits(folder):
    text = with_tag(folder, "{{ 'x'|center(10**9) }}")
    folder.data.write_text(text, encoding="utf-8")
    result = hostile.run("template", "check", folder.dir / "mau-doc.docx", "--data", folder.data, cwd=folder.dir)
    (line, _), = hostile.assert_refused(result, MEMORY)
    assert PLACE in line


def test_diff_of_data_files_fills_within_the_limits(folder):
    text = with_tag(folder, "{% set l = ('x' * 100000)|list %}{% for a in l %}{% for b in l %}{% endfor %}{% endfor %}")
    folder.data.write_text(text, encoding="utf-8")
    result = hostile.run("diff", hostile.SAMPLE, folder.data, cwd=folder.dir, env=QUICK)
    hostile.assert_refused(result, "chạy quá 2 giây")


def test_watch_survives_a_hostile_template_and_rebuilds_when_it_is_fixed(folder):
    """--watch prints the limit's message, keeps the earlier document, keeps watching; the fixed
    template builds; Ctrl+C ends it."""
    folder.data.write_text(with_tag(folder, "{{ lipsum(n=2000000) }}"), encoding="utf-8")
    env = dict(os.environ, **QUICK)
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", "--watch", str(folder.data), "-o",
                             str(folder.out)], cwd=folder.dir, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, preexec_fn=hostile._limited)
    try:
        deadline = time.monotonic() + hostile.TIMEOUT
        err = b""
        os.set_blocking(proc.stderr.fileno(), False)
        while "chưa tạo lại được".encode() not in err:
            assert time.monotonic() < deadline and proc.poll() is None, err.decode()
            err += proc.stderr.read() or b""
            time.sleep(0.1)
        assert hostile.tree(folder.out) == folder.before
        template_with(folder.dir / "mau-doc.docx", "{{ nk.chuc_vu }}")  # fixed: saved again
        out = b""
        os.set_blocking(proc.stdout.fileno(), False)
        while hostile.OUTPUT.encode() not in out:
            assert time.monotonic() < deadline and proc.poll() is None, (out + err).decode()
            out += proc.stdout.read() or b""
            time.sleep(0.1)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    text = err.decode()
    assert "chạy quá 2 giây" in text and "Traceback" not in text and "Cách sửa" in text
