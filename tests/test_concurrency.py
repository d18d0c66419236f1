"""Builds into one folder at once keep an exact history, and a build killed mid-way leaves nothing
the next build does not clean (generator/write/lock.py, history.py).

Each document carries its version in its number (`so`: "Số: 1007/BC-UBND"), so a test can tell
which version each file holds.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

import pytest

import hostile
from conftest import SAMPLE
from generator.commands.build import build
from generator.write import history

ROUNDS = 20
NAME = "BC-bao-cao.docx"


def version_text(number: int) -> str:
    return SAMPLE.read_text(encoding="utf-8").replace("  so:        # dự thảo: để trống", f"  so: {number}")


def version_of(docx: Path) -> int:
    """The number the document carries (which version of the data it was built from)."""
    with zipfile.ZipFile(docx) as z:
        text = re.sub(r"<[^>]+>", "", z.read("word/document.xml").decode("utf-8"))
    return int(re.search(r"Số: (\d+)/BC-UBND", text).group(1))


def _build_when_released(barrier, data: str, out: str) -> None:
    barrier.wait()
    build(Path(data), Path(out))


def test_twenty_concurrent_build_pairs_keep_an_exact_history(tmp_path):
    """In each round two builds of two new versions start together into one folder; afterwards the
    folder holds one of them, .truoc/ the other just before it, then the previous rounds' pairs:
    no version lost, none kept twice, no gap, no failed build."""
    out = tmp_path / "out"
    fork = multiprocessing.get_context("fork")
    written: list[set[int]] = []
    for k in range(ROUNDS):
        pair = {1000 + 2 * k, 1001 + 2 * k}
        barrier = fork.Barrier(2)
        builds = []
        for number in sorted(pair):
            folder = tmp_path / str(number)
            folder.mkdir()
            (folder / "bao-cao.yaml").write_text(version_text(number), encoding="utf-8")
            builds.append(fork.Process(target=_build_when_released, args=(barrier, str(folder / "bao-cao.yaml"), str(out))))
        for process in builds:
            process.start()
        for process in builds:
            process.join(60)
            assert process.exitcode == 0, f"round {k}: a build failed"
        written.append(pair)

        current = out / NAME
        kept = [version_of(p) for p in history.kept(current)]
        newest_first = [version_of(current)] + kept
        assert len(newest_first) == min(2 * (k + 1), history.KEEP + 1)
        assert len(set(newest_first)) == len(newest_first), f"round {k}: a version kept twice: {newest_first}"
        for j, pair_done in enumerate(reversed(written)):  # the pairs, newest round first, two by two
            assert set(newest_first[2 * j:2 * j + 2]) <= pair_done, f"round {k}: {newest_first} vs {written}"
        leftovers = [p.name for p in out.rglob("*") if p.suffix in (".tmp", ".moi") or p.name.startswith(".~")]
        assert leftovers == []


# --- a build killed with kill -9 ---------------------------------------------------------------

def _survivors(mark: str) -> list[int]:
    """Processes (the killed build's worker) still carrying the test's environment mark."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if mark.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _start(data: Path, out: Path, mark: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", "build", str(data), "-o", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=dict(os.environ, BAOCAO_TEST_MARK=mark), **kwargs)


def _debris(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob("*")
                  if p.name.startswith(".~baocao-") or p.suffix == ".moi")


def _intact(out: Path, versions: set[int], killed: bool = False) -> None:
    """The document is a whole .docx of a version that was built, the kept ones too, none kept
    twice; right after a kill, the current version may already be kept as .1 (killed between
    keeping it and replacing it: the next build does not keep it again)."""
    current = out / NAME
    assert current.is_file()
    numbers = [version_of(current)] + [version_of(p) for p in history.kept(current)]
    if killed and len(numbers) > 1 and numbers[0] == numbers[1]:
        numbers = numbers[1:]
    assert set(numbers) <= versions and len(set(numbers)) == len(numbers), numbers


def test_a_build_killed_mid_write_leaves_debris_the_next_build_cleans(tmp_path):
    """kill -9 the moment the build's temporary file appears (its write phase), several times;
    each time the current document stays whole, the worker ends with its command, and the next
    build removes what was left and keeps the history exact."""
    out = tmp_path / "out"
    data = tmp_path / "bao-cao.yaml"
    data.write_text(version_text(1), encoding="utf-8")
    build(data, out)
    versions, caught = {1}, 0
    for trial in range(2, 6):
        data.write_text(version_text(trial), encoding="utf-8")
        versions.add(trial)
        mark = uuid.uuid4().hex
        proc = _start(data, out, mark)
        while proc.poll() is None and not _debris(out):
            time.sleep(0.0002)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            caught += 1
        proc.wait()
        deadline = time.monotonic() + 10
        while _survivors(mark) and time.monotonic() < deadline:  # the worker sees its command's pipe close
            time.sleep(0.05)
        assert _survivors(mark) == []
        _intact(out, versions, killed=True)
        build(data, out)  # the next build
        assert _debris(out) == []
        assert version_of(out / NAME) == trial
        _intact(out, versions)
    assert caught, "no trial caught a build in its write phase"


def _killed_at_write(data: str, out: str, nth: int) -> None:
    """Build, and be killed (SIGKILL) half-way through the `nth` temporary file the build writes."""
    from generator.write import docx

    real, calls = docx.write_temp, []

    def half_then_killed(folder, payload):
        calls.append(folder)
        if len(calls) < nth:
            return real(folder, payload)
        Path(folder).mkdir(exist_ok=True)
        fd, _ = tempfile.mkstemp(dir=folder, prefix=docx.TEMP_PREFIX, suffix=docx.TEMP_SUFFIX)
        os.write(fd, payload[:len(payload) // 2])
        os.kill(os.getpid(), signal.SIGKILL)

    docx.write_temp = half_then_killed
    build(Path(data), Path(out))


@pytest.mark.parametrize("nth, where", [(1, ".truoc/"), (2, "")])
def test_a_build_killed_while_writing_is_cleaned_up_by_the_next(tmp_path, nth, where):
    """Deterministically mid-write: killed half-way through the copy it keeps in .truoc/ (the first
    write), or through the new document (the second)."""
    out = tmp_path / "out"
    data = tmp_path / "bao-cao.yaml"
    data.write_text(version_text(1), encoding="utf-8")
    build(data, out)
    good = (out / NAME).read_bytes()
    data.write_text(version_text(2), encoding="utf-8")
    child = multiprocessing.get_context("fork").Process(target=_killed_at_write, args=(str(data), str(out), nth))
    child.start()
    child.join(60)
    assert child.exitcode == -signal.SIGKILL
    debris = _debris(out)
    assert len(debris) == 1 and debris[0].startswith(where + ".~baocao-"), debris
    assert (out / NAME).read_bytes() == good  # the current document is whole
    build(data, out)
    assert _debris(out) == [] and version_of(out / NAME) == 2
    assert [version_of(p) for p in history.kept(out / NAME)] == [1]


def test_a_build_killed_while_its_template_runs_away_takes_its_worker_with_it(tmp_path):
    """kill -9 the command while its worker fills a template that never ends: the worker does not
    go on filling it alone (the kernel ends it with the command)."""
    template = hostile.template_with(tmp_path / "mau-doc.docx", "{{ lipsum(n=2000000) }}")
    data = tmp_path / "bao-cao.yaml"
    data.write_text(hostile.under_report(version_text(1), f"mau: {template.name}"), encoding="utf-8")
    mark = uuid.uuid4().hex
    proc = _start(data, tmp_path / "out", mark)
    deadline = time.monotonic() + 30
    while len(_survivors(mark)) < 2:  # the command and its worker, filling
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 5
    while _survivors(mark) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _survivors(mark) == []


@pytest.mark.parametrize("leftover", [".BC-bao-cao.k3j_9x0a.tmp", ".truoc/BC-bao-cao.1.docx.moi",
                                      ".truoc/.BC-bao-cao.1.docx.ab12cd34.tmp"])
def test_debris_of_earlier_versions_is_cleaned_too(tmp_path, leftover):
    """What a killed build of an earlier baocao left (its temporary and staging names)."""
    out = tmp_path / "out"
    data = tmp_path / "bao-cao.yaml"
    data.write_text(version_text(1), encoding="utf-8")
    build(data, out)
    (out / leftover).parent.mkdir(exist_ok=True)
    (out / leftover).write_bytes(b"PK half")
    (out / "ghi-chu.tmp").write_text("not ours", encoding="utf-8")
    build(data, out)
    assert not (out / leftover).exists() and (out / "ghi-chu.tmp").exists()
    assert not (out / ".truoc").exists()  # emptied and removed: an identical rebuild keeps nothing
