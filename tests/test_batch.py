"""Many documents at once: `baocao build` over many data files with a pool of workers (commands/pool.py).
Results come in the input order whatever the number of workers, one file's failure (a mistake, a bug,
a worker killed) never stops the others, progress shows on a terminal only, and no process is left."""

from __future__ import annotations

import io
import multiprocessing
import os
import pty
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import hostile
from conftest import REPO
from generator.commands import cli
from generator.commands.pool import Crash, Pool, Progress

SAMPLES = sorted((REPO / "data").glob("*.yaml"))


# --- the pool on its own: module-level work functions, as a worker needs -----------------------------

def slow_square(n: int) -> int:
    time.sleep(random.random() / 50)
    return n * n


def fails_on_three(n: int) -> int:
    if n == 3:
        raise ValueError("ba")
    return n


def dies_on_two(n: int) -> int:
    if n == 2:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel kills a worker that ran out of memory
    return n


@pytest.mark.parametrize("jobs", [1, 2, 3, 8])
def test_results_come_in_the_input_order_with_any_number_of_workers(jobs):
    items = list(range(40))
    with Pool(slow_square, jobs) as pool:
        assert list(pool.map(items)) == [(n, n * n) for n in items]
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_bug_fails_its_own_item_with_its_traceback_and_the_others_go_on(jobs):
    with Pool(fails_on_three, jobs) as pool:
        results = dict(pool.map(range(6)))
    crash = results.pop(3)
    assert isinstance(crash, Crash) and "ValueError" in crash.reason and "raise ValueError" in crash.details
    assert results == {0: 0, 1: 1, 2: 2, 4: 4, 5: 5}


def test_a_worker_that_dies_fails_only_the_file_it_held():
    with Pool(dies_on_two, 2) as pool:
        results = dict(pool.map(range(8)))
    crash = results.pop(2)
    assert isinstance(crash, Crash) and "dừng đột ngột" in crash.reason and "tín hiệu 9" in crash.reason
    assert results == {n: n for n in range(8) if n != 2}
    assert multiprocessing.active_children() == []


def test_progress_shows_on_a_terminal_only():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    with Pool(slow_square, 2) as pool:
        list(pool.map([1, 2, 3], Progress(3, screen, verb="đang tạo")))
    shown = screen.getvalue()
    assert "\r\033[K[1/3] đang tạo: 2" in shown and "\r\033[K[2/3] đang tạo: 3" in shown
    assert shown.endswith("\r\033[K")  # cleared at the end, before the summary line
    pipe = io.StringIO()
    with Pool(slow_square, 2) as pool:
        list(pool.map([1, 2, 3], Progress(3, pipe)))
    assert pipe.getvalue() == ""


def test_workers_end_when_the_command_is_killed_outright(tmp_path):
    """SIGKILL leaves the command no time to end its workers: they notice and leave by themselves."""
    script = tmp_path / "giet.py"
    script.write_text(textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(REPO)!r}); sys.path.insert(0, {str(REPO / 'tests')!r})
        from generator.commands.pool import Pool
        from test_batch import sleepy
        with Pool(sleepy, 2) as pool:
            for item, result in pool.map(range(100)):
                print(item, flush=True)
    """), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "0"
    workers = _children(proc.pid)
    assert len(workers) == 2
    proc.kill()
    proc.wait(timeout=10)
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)


def sleepy(n: int) -> int:
    time.sleep(0.2)
    return n


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command's name (state, parent, group, …); None once gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _processes() -> list[int]:
    return [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()]


def _children(pid: int) -> list[int]:
    return [child for child in _processes() if (fields := _stat(child)) and int(fields[1]) == pid]


def _alive(pid: int) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


# --- baocao build over many files ------------------------------------------------------------------------

def test_build_many_files_gives_the_same_documents_and_lines_with_one_or_two_workers(tmp_path, capsys):
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}"
        code = cli.main(["build", *map(str, SAMPLES), "-o", str(out), "-j", jobs])
        printed, err = capsys.readouterr()
        assert code == 0, err
        outputs[jobs] = (printed, err.replace(str(out), "RA"), {p.name: p.read_bytes() for p in out.glob("*.docx")})
    one, two = outputs["1"], outputs["2"]
    assert two[0].replace("j2", "j1") == one[0]  # the documents' paths, in the input order
    assert two[1] == one[1]  # the same warnings in the same order, the same summary line
    assert two[2] == one[2] and len(one[2]) == len(SAMPLES)  # byte for byte
    assert f"Tổng cộng: {len(SAMPLES)} tệp số liệu, {len(SAMPLES)} văn bản đã tạo, 0 tệp lỗi" in one[1]
    assert "\r" not in one[1]  # no progress when stderr is not a terminal


def test_one_broken_file_never_stops_the_others(tmp_path, capsys):
    broken = tmp_path / "hong.yaml"
    broken.write_text("co_quan: [\n", encoding="utf-8")
    missing = tmp_path / "khong-co.yaml"
    files = [SAMPLES[0], broken, SAMPLES[1], missing, SAMPLES[2]]
    code = cli.main(["build", *map(str, files), "-o", str(tmp_path / "ra"), "-j", "2"])
    out, err = capsys.readouterr()
    assert code == 2
    assert [Path(line).name for line in out.splitlines()] == [f"BC-{f.stem}.docx" for f in (SAMPLES[0], SAMPLES[1], SAMPLES[2])]
    assert f"{broken}:2:1: lỗi: tệp YAML sai cú pháp" in err and f"{missing}: lỗi: không tìm thấy tệp số liệu" in err
    assert err.index(str(broken)) < err.index(str(missing))  # reported in the input order
    assert "Tổng cộng: 5 tệp số liệu, 3 văn bản đã tạo, 2 tệp lỗi" in err
    assert multiprocessing.active_children() == []


def test_two_files_claiming_one_document_the_later_is_refused_whatever_the_timing(tmp_path, capsys):
    twin = tmp_path / "khac" / SAMPLES[0].name
    twin.parent.mkdir()
    twin.write_bytes(SAMPLES[0].read_bytes())
    for previous in ("an-lao-2022-6thang.yaml",):
        if (REPO / "data" / previous).exists():
            (twin.parent / previous).write_bytes((REPO / "data" / previous).read_bytes())
    code = cli.main(["build", str(SAMPLES[0]), str(SAMPLES[1]), str(twin), "-o", str(tmp_path / "ra"), "-j", "3"])
    _, err = capsys.readouterr()
    assert code == 2
    assert f"{twin}: không tạo văn bản nào" in err and "một tệp số liệu khác trong cùng lệnh vừa ghi ra tệp này" in err


def test_a_terminal_sees_the_count_and_the_current_file(tmp_path):
    """The real command on a pseudo-terminal: a count and the file being built, rewritten in place."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", *map(str, SAMPLES[:4]), "-o", str(tmp_path),
                             "-j", "2"], cwd=REPO, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert proc.wait(timeout=120) == 0
    text = seen.decode("utf-8", "replace")
    assert f"[1/4] đang tạo: {SAMPLES[1]}" in text and "\x1b[K" in text
    assert "Tổng cộng: 4 tệp số liệu, 4 văn bản đã tạo" in text


def _in_our_group() -> set[int]:
    """The live processes of this process group (the command's workers and their own workers)."""
    group = os.getpgid(0)
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and _alive(int(entry.name)):
            try:
                if os.getpgid(int(entry.name)) == group:
                    found.add(int(entry.name))
            except OSError:
                continue
    return found


def test_templates_are_filled_within_the_limits_in_every_worker_and_a_file_past_them_fails_alone(
        tmp_path, capsys, monkeypatch):
    """Each pool worker fills its files' templates in a limited worker of its own (worker.py): a
    template past the memory limit and one past the time limit fail their own files, named by the
    template, and the others are built; no process is left once the command returns."""
    monkeypatch.setenv("BAOCAO_GIOI_HAN_MB", "256")
    monkeypatch.setenv("BAOCAO_GIOI_HAN_GIAY", "2")
    files = []
    for name, tag in (("an-lao", None), ("bo-nho", "{{ 'x'|center(10**9) }}"), ("tot", None),
                      ("mai-mai", "{{ lipsum(n=2000000) }}"), ("cuoi", None)):
        folder = tmp_path / name
        folder.mkdir()
        text = hostile.sample_text()
        if tag is not None:
            hostile.template_with(folder / "mau-doc.docx", tag)
            text = hostile.under_report(text, "mau: mau-doc.docx")
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
        files.append(folder / f"{name}.yaml")
    before = _in_our_group()
    code = cli.main(["build", *map(str, files), "-o", str(tmp_path / "ra"), "-j", "2"])
    out, err = capsys.readouterr()
    assert code == 2
    assert sorted(p.name for p in (tmp_path / "ra").glob("*.docx")) == ["BC-an-lao.docx", "BC-cuoi.docx", "BC-tot.docx"]
    assert [Path(line).name for line in out.splitlines()] == ["BC-an-lao.docx", "BC-tot.docx", "BC-cuoi.docx"]
    memory = f"{tmp_path / 'bo-nho' / 'mau-doc.docx'} "
    time_ = f"{tmp_path / 'mai-mai' / 'mau-doc.docx'} "
    assert memory in err and "điền mẫu cần quá 256 MB bộ nhớ nên đã bị dừng" in err
    assert time_ in err and "điền mẫu chạy quá 2 giây nên đã bị dừng" in err
    assert err.index(memory) < err.index(time_)  # in the input order
    assert "Tổng cộng: 5 tệp số liệu, 3 văn bản đã tạo, 2 tệp lỗi" in err
    assert multiprocessing.active_children() == []
    deadline = time.monotonic() + 5
    while _in_our_group() - before and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _in_our_group() - before == set()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_terminal_closed_or_a_kill_ends_every_process_quietly(tmp_path, signum):
    """SIGTERM or SIGHUP to the whole process group (a closed terminal, a service stopped) while two
    pool workers fill templates: the command says it stopped, in Vietnamese, and no process of its
    group prints a traceback or stays behind."""
    files = []
    for k in range(30):  # self-contained samples (no file of their own referred to), each its own output
        files.append(tmp_path / f"t{k:02d}.yaml")
        files[-1].write_bytes((REPO / "data" / ("an-lao-2023-6thang.yaml", "kim-thach-2023-6thang.yaml")[k % 2]).read_bytes())
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", *map(str, files), "-o", str(tmp_path / "ra"),
                             "-j", "2"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", start_new_session=True)
    try:
        assert proc.stdout.readline().endswith(".docx\n")  # in the middle of the batch: templates being filled
        assert len(_descendants(proc.pid)) == 4  # two pool workers, each with its limited worker
        os.killpg(proc.pid, signum)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "Traceback" not in err and "Error" not in err, err
    assert proc.returncode != 0
    time.sleep(0.5)
    assert not any(_alive(pid) for pid in _group(proc.pid)), _group(proc.pid)


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        kids = _children(todo.pop())
        found += kids
        todo += kids
    return found


def _group(pgid: int) -> list[int]:
    return [pid for pid in _processes() if (fields := _stat(pid)) and int(fields[2]) == pgid]
