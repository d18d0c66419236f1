"""Templates compiled once: Jinja's code kept for the process and in the user's cache folder
(render/compiled.py). The documents are the same bytes with and without it; a damaged, planted or
stale entry is never used; a cache that cannot be written costs nothing but speed."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

import jinja2
import pytest
from docx import Document

import hostile
from conftest import REPO, SAMPLE, build_all
from generator import produce
from generator.plan import prepare
from generator.lint import trial
from generator.render import Prose, compiled, make_environment
from generator.text import vi_format as vi

SAMPLES = sorted((REPO / "data").glob("*.yaml"))


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """An empty cache folder of this test's own, and nothing kept in the process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(compiled.OFF, raising=False)
    monkeypatch.setattr(compiled, "_codes", {})
    return tmp_path / "cache" / "baocao" / "mau"


@pytest.fixture
def compiles(monkeypatch) -> list[str]:
    """The sources Jinja really compiles (in this process)."""
    seen: list[str] = []
    original = jinja2.Environment.compile

    def counted(self, source, *args, **kwargs):
        seen.append(source)
        return original(self, source, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return seen


def _job(data: Path = SAMPLE, template: Path | None = None):
    plan = prepare(data)
    (doc,) = plan.documents
    return (Path(template or doc.template), doc.context, plan.source.data.van_ban, doc.properties, doc.author, 0)


def _fill(job) -> bytes:
    """One document filled here, in this process (the worker's job, without the worker)."""
    (data,) = produce.finished(*job)
    return data


def _entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix == ".bin") if folder.exists() else []


def test_every_sample_is_the_same_bytes_without_cache_cold_and_from_the_cache_files(cache, tmp_path, monkeypatch):
    def built(name: str) -> dict[str, bytes]:
        compiled._codes.clear()  # each build's worker starts from this process: from the files, not memory
        out = tmp_path / name
        for sample in SAMPLES:
            build_all(sample, out / sample.stem)
        return hostile.tree(out)

    monkeypatch.setenv(compiled.OFF, "0")
    without = built("khong")
    assert not cache.exists()
    monkeypatch.delenv(compiled.OFF)
    cold = built("lan-dau")
    stored = {p.name: p.read_bytes() for p in _entries(cache)}
    assert len(stored) == len({doc.template.read_bytes() for s in SAMPLES for doc in prepare(s).documents})
    warm = built("lan-sau")
    assert len(without) >= len(SAMPLES)
    assert cold == without and warm == without
    assert {p.name: p.read_bytes() for p in _entries(cache)} == stored  # read back, not written again


def test_a_template_is_compiled_once_per_process_and_once_for_the_cache(cache, compiles):
    job = _job()
    first = _fill(job)
    sources = len(compiles)
    assert sources >= 5  # body, headers, footers, footnotes, core properties
    assert _fill(job) == first and len(compiles) == sources  # kept for the process
    compiled._codes.clear()  # a new command: only the file remains
    assert _fill(job) == first and len(compiles) == sources
    (entry,) = _entries(cache)
    if hasattr(os, "getuid"):
        assert stat.S_IMODE(cache.stat().st_mode) == 0o700 and stat.S_IMODE(cache.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(entry.stat().st_mode) == 0o600


@pytest.mark.parametrize("damage", ["garbage", "cut short", "one byte changed", "empty"])
def test_a_damaged_entry_is_ignored_and_written_anew(cache, compiles, damage):
    job = _job()
    good = _fill(job)
    (entry,) = _entries(cache)
    sound = entry.read_bytes()
    entry.write_bytes({"garbage": os.urandom(4000), "cut short": sound[:len(sound) // 2], "empty": b"",
                       "one byte changed": sound[:-100] + bytes([sound[-100] ^ 0x5A]) + sound[-99:]}[damage])
    compiled._codes.clear()
    before = len(compiles)
    assert _fill(job) == good
    assert len(compiles) > before  # compiled again, not run from the damaged file
    assert entry.read_bytes() == sound  # and stored again
    compiled._codes.clear()
    before = len(compiles)
    assert _fill(job) == good and len(compiles) == before


def test_a_changed_template_is_compiled_again(cache, tmp_path, compiles):
    original = _fill(_job())
    changed = hostile.template_with(tmp_path / "mau.docx", "{{ nk.chuc_vu }} (đã sửa mẫu)")
    compiled._codes.clear()
    before = len(compiles)
    text = "\n".join(p.text for t in Document(io.BytesIO(_fill(_job(template=changed)))).tables
                     for row in t.rows for c in row.cells for p in c.paragraphs)
    assert "(đã sửa mẫu)" in text
    assert len(compiles) > before
    assert len(_entries(cache)) == 2  # one per template; the first stays valid for the first
    compiled._codes.clear()
    before = len(compiles)
    assert _fill(_job()) == original and len(compiles) == before


def test_a_file_others_may_write_is_not_read(cache, compiles):
    job = _job()
    good = _fill(job)
    (entry,) = _entries(cache)
    os.chmod(entry, 0o666)
    compiled._codes.clear()
    before = len(compiles)
    assert _fill(job) == good
    if hasattr(os, "getuid"):
        assert len(compiles) > before


def test_a_cache_folder_others_could_reach_is_made_private(cache):
    _fill(_job())
    os.chmod(cache.parent, 0o777)
    compiled._codes.clear()
    _fill(_job())
    if hasattr(os, "getuid"):
        assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize("where", ["a file in the way", "an entry that cannot be written", "turned off"])
def test_without_a_usable_cache_the_build_still_succeeds(cache, tmp_path, monkeypatch, where):
    monkeypatch.setenv(compiled.OFF, "0")
    (reference,) = build_all(SAMPLE, tmp_path / "khong")
    monkeypatch.delenv(compiled.OFF)
    if where == "a file in the way":
        cache.parent.parent.mkdir(parents=True)
        cache.parent.write_text("không phải thư mục")
    elif where == "an entry that cannot be written":  # what a read-only disk does, even to root
        _fill(_job())
        (entry,) = _entries(cache)
        entry.unlink()
        (entry / "trong").mkdir(parents=True)
        compiled._codes.clear()
    else:
        monkeypatch.setenv(compiled.OFF, "0")
    (written,) = build_all(SAMPLE, tmp_path / "ra")
    assert written.read_bytes() == reference.read_bytes()
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.is_file() and p.suffix in (".bin", ".tmp")]


def test_prose_of_constants_is_set_aside_for_each_document(cache, tmp_path):
    """Jinja computes filters of constants while compiling; the prose filters must run per document,
    since the code is shared (a marker baked into the code would point into the first document)."""
    template = hostile.template_with(tmp_path / "mau.docx", "{{ 'Văn bản **cố định**'|cau }}")
    job = _job(template=template)
    first = _fill(job)
    second = _fill(job)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(second)) as z:
        body = z.read("word/document.xml").decode()
    assert "Văn bản " in body and "cố định" in body and "\x00" not in body


def test_no_filter_result_is_kept_in_the_code(cache, monkeypatch):
    """A filter of constants is never computed into the shared code: the template check's tolerant
    filters (same names, "" for what the real ones refuse) must not make a later fill accept a
    constant the real filter refuses, and a filter changed since (an upgrade) must be the one used."""
    def environment(env):
        env.codes = compiled.Codes(b"one template")  # both fill the same template: one cache entry
        return env

    source = "{{ 'mười hai'|so }}"
    assert environment(trial.environment()).from_string(source).render() == ""
    with pytest.raises(ValueError, match="không phải là số"):
        environment(make_environment(Prose())).from_string(source).render()
    monkeypatch.setattr(vi, "so", lambda *a, **k: "định dạng mới")
    assert environment(make_environment(Prose())).from_string("{{ 1234567|so }}").render() == "định dạng mới"
