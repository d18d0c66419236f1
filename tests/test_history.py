"""Each build keeps the previous version of a document in <out_dir>/.truoc/, bounded, only on change."""

from __future__ import annotations

import os

import pytest
from docx import Document

from conftest import build, write_variant
from generator.write import docx as writer, history


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


def test_rotation_keeps_the_replaced_versions_newest_first_and_bounded(tmp_path):
    dest = tmp_path / "out" / "BC.docx"
    versions = [f"phiên bản {k}".encode() for k in range(history.KEEP + 3)]
    kept_flags = [history.write_keeping_history(dest, data) for data in versions]
    assert kept_flags == [False] + [True] * (len(versions) - 1)
    kept = history.kept(dest)
    assert [p.name for p in kept] == [f"BC.{k}.docx" for k in range(1, history.KEEP + 1)]
    # newest first: .1 holds the version just replaced; the oldest ones fell off
    assert [p.read_bytes() for p in kept] == list(reversed(versions[-history.KEEP - 1:-1]))
    assert dest.read_bytes() == versions[-1]
    assert sorted(os.listdir(dest.parent / ".truoc")) == sorted(p.name for p in kept)  # no temporary files

    assert history.write_keeping_history(dest, versions[-1]) is False  # identical again: history unchanged
    assert [p.read_bytes() for p in history.kept(dest)] == [p.read_bytes() for p in kept]


def test_a_failed_write_of_the_new_version_loses_nothing(tmp_path, monkeypatch):
    dest = tmp_path / "BC.docx"
    history.write_keeping_history(dest, b"tot")
    real = writer.atomic_write

    def failing_for_the_document(path, data):
        if path == dest:
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(writer, "atomic_write", failing_for_the_document)
    with pytest.raises(OSError):
        history.write_keeping_history(dest, b"moi")
    assert dest.read_bytes() == b"tot"
    assert [p.read_bytes() for p in history.kept(dest)] == [b"tot"]  # the kept copy is the same good file


def test_a_changed_build_keeps_the_document_it_replaced(tmp_path):
    """Through the command: the version a changed rebuild replaces is in .truoc/, and a write that
    fails says so in Vietnamese and leaves the document as it was."""
    out = build(_variant(tmp_path, 9737), tmp_path / "out")
    first = out.read_bytes()
    build(_variant(tmp_path, 9744), tmp_path / "out")
    (kept,) = history.kept(out)
    assert kept.read_bytes() == first and _says(out, "giải quyết 9.744 hồ sơ")
