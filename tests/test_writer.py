"""Output is deterministic and written atomically: a failed write never loses the good file."""

from __future__ import annotations

import os
import zipfile

import pytest

from conftest import SAMPLE, build
from generator.write import docx as writer
from generator.errors import UserError


def test_every_zip_entry_has_the_fixed_time_and_attributes(sample_docx):
    with zipfile.ZipFile(sample_docx) as z:
        infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {(i.create_system, i.external_attr, i.compress_type) for i in infos} == {(0, 0o644 << 16, zipfile.ZIP_DEFLATED)}


def test_identical_bytes_across_clock_time_zone_and_locale(tmp_path, monkeypatch, sample_docx):
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    monkeypatch.setenv("LC_ALL", "C")
    real_time = writer.zipfile.time.time
    monkeypatch.setattr(writer.zipfile.time, "time", lambda: real_time() + 3 * 86400 + 7)  # another day and second
    assert build(SAMPLE, tmp_path / "khac").read_bytes() == sample_docx.read_bytes()


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
