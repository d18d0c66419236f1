"""Each build keeps the previous version of a document in <out_dir>/.truoc/, bounded, only on change."""

from __future__ import annotations

import os

import pytest
from docx import Document

from conftest import build, write_variant
from generator.write import docx as writer, history
from generator.errors import UserError


def _variant(tmp_path, received: int):
    def edit(data):
        files = data["bao_cao"]["ket_qua"]["tthc"]["ho_so"]
        files["tiep_nhan"], files["chua_den_han"] = received, received - files["dung_han"] - files["tre_han"]
    return write_variant(tmp_path, edit, name="so-lieu.yaml")


def _says(path, text: str) -> bool:
    return any(text in p.text for p in Document(path).paragraphs)


def test_identical_rebuild_keeps_no_history(tmp_path):
    data = _variant(tmp_path, 9737)
    out = build(data, tmp_path / "out")
    build(data, tmp_path / "out")
    assert history.kept(out) == []
    assert not (tmp_path / "out" / ".truoc").exists()


def test_changed_rebuild_keeps_the_replaced_version_newest_first_and_bounded(tmp_path):
    figures = [9700 + k for k in range(history.KEEP + 3)]
    for received in figures:
        out = build(_variant(tmp_path, received), tmp_path / "out")
    kept = history.kept(out)
    assert [p.name for p in kept] == [f"{out.stem}.{k}.docx" for k in range(1, history.KEEP + 1)]
    # newest first: .1 holds the figure just before the current one, the oldest ones fell off
    for path, received in zip(kept, reversed(figures[-history.KEEP - 1:-1])):
        assert _says(path, f"giải quyết {received // 1000}.{received % 1000:03d} hồ sơ"), path
    assert _says(out, "giải quyết 9.707 hồ sơ")
    assert sorted(os.listdir(out.parent / ".truoc")) == sorted(p.name for p in kept)  # no temporary files

    build(_variant(tmp_path, figures[-1]), tmp_path / "out")  # identical again: history unchanged
    assert [p.read_bytes() for p in history.kept(out)] == [p.read_bytes() for p in kept]


def test_failed_write_of_the_new_version_loses_nothing(tmp_path, monkeypatch):
    out = build(_variant(tmp_path, 9737), tmp_path / "out")
    good = out.read_bytes()
    real = writer.atomic_write

    def failing_for_the_document(dest, data):
        if dest == out:
            raise OSError(28, "No space left on device")
        real(dest, data)

    monkeypatch.setattr(writer, "atomic_write", failing_for_the_document)
    with pytest.raises(UserError) as exc:
        build(_variant(tmp_path, 9744), tmp_path / "out")
    assert "đĩa đã đầy" in exc.value.format()
    assert out.read_bytes() == good
    assert [p.read_bytes() for p in history.kept(out)] == [good]  # the kept copy is the same good file
