"""Output is deterministic and written atomically: a failed write never loses the good file."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from conftest import REPO, SAMPLE, build
from generator.write import docx as writer
from generator.errors import UserError


def test_every_zip_entry_has_the_fixed_time_and_attributes(sample_docx):
    with zipfile.ZipFile(sample_docx) as z:
        infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {(i.create_system, i.external_attr, i.compress_type) for i in infos} == {(0, 0o644 << 16, zipfile.ZIP_DEFLATED)}


_OTHER_WORLD = """
import locale, sys, time
locale.setlocale(locale.LC_ALL, "")  # the process's locale, from LC_ALL, as a program that honours it
assert locale.localeconv()["decimal_point"] == sys.argv[2], locale.localeconv()  # the locale took effect
offset = 3 * 86400 + 7  # another day and second
real = time.time
time.time = lambda: real() + offset
assert time.strftime("%z") == sys.argv[1], (time.strftime("%z"), sys.argv[1])  # the time zone took effect
from generator.commands.cli import main
sys.exit(main(sys.argv[3:]))
"""


def _locale_available(name: str) -> bool:
    probe = subprocess.run([sys.executable, "-c", "import locale; locale.setlocale(locale.LC_ALL, '')"],
                           env={**os.environ, "LC_ALL": name}, capture_output=True)
    return probe.returncode == 0


@pytest.mark.parametrize("tz, offset, lc_all, decimal_point", [
    ("America/Los_Angeles", ("-0800", "-0700"), "C", "."),
    ("Asia/Ho_Chi_Minh", ("+0700",), "vi_VN.UTF-8", ","),  # Vietnamese: 9.737,5 (.ci/run generates it)
])
def test_identical_bytes_across_clock_time_zone_and_locale(tmp_path, sample_docx, tz, offset, lc_all, decimal_point):
    """The build runs in a process whose time zone, locale and clock differ from the test's: the
    zip timestamps, properties and every number must follow none of them."""
    if not _locale_available(lc_all):
        if os.environ.get("CI"):
            pytest.fail(f"the locale {lc_all} is missing (.ci/run generates it)")
        pytest.skip(f"chưa có locale {lc_all} trên máy này (localedef -i vi_VN -f UTF-8 vi_VN.UTF-8)")
    env = {**os.environ, "TZ": tz, "LC_ALL": lc_all, "LANG": lc_all}
    probe = subprocess.run([sys.executable, "-c", "import time; print(time.strftime('%z'))"], env=env,
                           capture_output=True, text=True, check=True)
    assert probe.stdout.strip() in offset  # the zone is real in a fresh process
    out = tmp_path / "khac"
    done = subprocess.run([sys.executable, "-c", _OTHER_WORLD, probe.stdout.strip(), decimal_point,
                           "build", str(SAMPLE), "-o", str(out)], env=env, capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert (out / sample_docx.name).read_bytes() == sample_docx.read_bytes()


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_failed_write_keeps_the_previous_file_and_leaves_nothing(tmp_path, monkeypatch, failing):
    out = tmp_path / "out"
    good = build(SAMPLE, out)
    before = good.read_bytes()

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer.os, failing, broken)
    with pytest.raises(UserError) as exc:
        build(SAMPLE, out)
    assert "đĩa đã đầy" in exc.value.format()
    assert good.read_bytes() == before
    assert sorted(os.listdir(out)) == [good.name]  # no temporary file left behind


def test_written_file_is_complete_before_it_takes_the_name(tmp_path, monkeypatch):
    seen = {}
    real_replace = os.replace

    def spy(src, dst):
        seen["size"] = os.path.getsize(src)
        seen["same_folder"] = os.path.dirname(src) == os.path.dirname(dst)
        real_replace(src, dst)

    monkeypatch.setattr(writer.os, "replace", spy)
    path = build(SAMPLE, tmp_path / "out")
    assert seen == {"size": path.stat().st_size, "same_folder": True}
