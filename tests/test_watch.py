"""`baocao build --watch`: rebuilds on save, survives a broken save, stops cleanly on Ctrl+C."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time

import pypdf
from docx import Document

from conftest import REPO, write_variant
from generator import resources
from generator.commands import watch
from generator.kinds.report import TEMPLATE
from generator.plan import prepare
from generator.resources import TABLE_KINDS_FILE
from pdf_helpers import processes_mentioning, require_office

GENEROUS = 30.0  # seconds: a build on a slow, loaded machine. How fast a save is rebuilt (under a second)
# is measured by bench/bench_regen.py, not asserted here: timings in tests fail on a busy machine.


class _Lines:
    """Lines a process prints, read in the background so the test can wait for one."""

    def __init__(self, stream):
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.reader.start()

    def _read(self, stream):
        for line in stream:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float) -> str:
        end = time.monotonic() + timeout
        while (left := end - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"not printed within {timeout} s: {text!r}; printed: {self.seen}")

    def rest(self, timeout: float) -> list[str]:
        """Everything printed after the lines waited for, once the process has closed the stream."""
        self.reader.join(timeout)
        rest = []
        while not self.lines.empty():
            rest.append(self.lines.get())
        return rest


def _figure(path) -> str:
    return next(p.text for p in Document(path).paragraphs if "giải quyết" in p.text and "hồ sơ (trong đó" in p.text)


def _save(data_file, text: str) -> None:
    """Save as an editor does, and make sure the modification time moves even on a coarse clock."""
    before = data_file.stat().st_mtime_ns
    data_file.write_text(text, encoding="utf-8")
    if data_file.stat().st_mtime_ns == before:
        os.utime(data_file, ns=(before + 10_000_000, before + 10_000_000))


def test_watch_rebuilds_on_save_survives_a_broken_save_and_stops_on_ctrl_c(tmp_path):
    data = write_variant(tmp_path, lambda d: None, "so-lieu.yaml")
    good_text = data.read_text(encoding="utf-8")
    out_dir = tmp_path / "out"
    out = out_dir / "BC-so-lieu.docx"
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", "--watch", str(data), "-o", str(out_dir)],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    stdout, stderr = _Lines(proc.stdout), _Lines(proc.stderr)
    try:
        stdout.wait_for(str(out), GENEROUS)
        assert "9.737 hồ sơ" in _figure(out)

        _save(data, good_text.replace("tiep_nhan: 9737", "tiep_nhan: 9744"))
        stdout.wait_for(str(out), GENEROUS)
        assert "9.744 hồ sơ" in _figure(out)
        good = out.read_bytes()

        _save(data, good_text.replace("tiep_nhan: 9737", "tiep_nhan: chín nghìn"))
        line = stderr.wait_for("lỗi:", GENEROUS)
        assert line.startswith(f"{data}:") and "tiep_nhan" in line  # located, in Vietnamese
        stderr.wait_for("văn bản đã có vẫn giữ nguyên", GENEROUS)
        assert out.read_bytes() == good

        _save(data, good_text.replace("tiep_nhan: 9737", "tiep_nhan: 9750").replace("chua_den_han: 101", "chua_den_han: 107"))
        stdout.wait_for(str(out), GENEROUS)
        assert "9.750 hồ sơ" in _figure(out)

        proc.send_signal(signal.SIGINT)
        stdout.wait_for("Đã dừng theo dõi.", GENEROUS)
        assert proc.wait(GENEROUS) == 0
        rest = stderr.rest(GENEROUS)  # after the error read above: the sample's accepted slips, as warnings
        assert not any("Traceback" in line or "KeyboardInterrupt" in line or " lỗi: " in line for line in rest), rest
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_watched_files_are_the_data_its_template_and_its_previous_period(tmp_path):
    data = write_variant(tmp_path, lambda d: d["bao_cao"].update(mau="mau/rieng.docx", ky_truoc="2022.yaml"))
    assert prepare(data).watched == {data, tmp_path / "mau" / "rieng.docx", tmp_path / "2022.yaml", TABLE_KINDS_FILE}
    plain = write_variant(tmp_path, lambda d: None, "mac-dinh.yaml")
    assert prepare(plain).watched == {plain, TEMPLATE, TABLE_KINDS_FILE}
    plain.write_text("bao_cao: [\n", encoding="utf-8")  # a broken save keeps watching what was watched
    assert watch._rebuild(plain, {plain, TEMPLATE}, tmp_path / "ra", False, False) == \
        {plain, TEMPLATE, TABLE_KINDS_FILE}


def test_watch_follows_the_template_each_document_uses(tmp_path):
    """What a save of which file rebuilds: the template each document of the file renders with (the
    generic report's, a notice's, a Party report's, a unit's own `mau`), the table kinds, and the
    previous period's data: the plan's watched files."""
    data = REPO / "data"
    expected = {
        "tuy-phuoc-2022-tb39.yaml": {resources.template("thong-bao-ket-luan.docx")},
        "tay-son-2023-so-ket.yaml": {resources.template("bao-cao-dang.docx")},
        "kim-thach-2023-6thang.yaml": {TEMPLATE},
        "an-lao-2021-quy1.yaml": {TEMPLATE, data / "an-lao-2020-quy4.yaml"},
        "an-lao-2023-6thang.yaml": {TEMPLATE},
    }
    for name, extra in expected.items():
        assert prepare(data / name).watched == {data / name, TABLE_KINDS_FILE} | extra, name
    own = write_variant(tmp_path, lambda d: d["bao_cao"].update(mau="mau-rieng.docx"))
    assert tmp_path / "mau-rieng.docx" in prepare(own).watched


def _pdf_text(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages).split())


def test_watch_with_pdf_keeps_one_libreoffice_and_leaves_none_after_ctrl_c(tmp_path):
    require_office()
    data = write_variant(tmp_path, lambda d: None, "so-lieu.yaml")
    good_text = data.read_text(encoding="utf-8")
    temp = tmp_path / "tam"
    temp.mkdir()
    out_dir = tmp_path / "out"
    pdf = out_dir / "BC-so-lieu.pdf"
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", "--watch", "--pdf", str(data), "-o", str(out_dir)],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                            env={**os.environ, "TMPDIR": str(temp)})
    stdout, stderr = _Lines(proc.stdout), _Lines(proc.stderr)
    try:
        stdout.wait_for(str(pdf), GENEROUS)
        assert "9.737 hồ sơ" in _pdf_text(pdf)
        offices = {pid for pid, line in processes_mentioning(str(temp)).items() if "soffice.bin" in line}
        assert len(offices) == 1  # kept running between saves
        _save(data, good_text.replace("tiep_nhan: 9737", "tiep_nhan: 9750").replace("chua_den_han: 101", "chua_den_han: 107"))
        stdout.wait_for(str(pdf), GENEROUS)
        assert "9.750 hồ sơ" in _pdf_text(pdf)
        assert {pid for pid, line in processes_mentioning(str(temp)).items() if "soffice.bin" in line} == offices
        proc.send_signal(signal.SIGINT)
        stdout.wait_for("Đã dừng theo dõi.", GENEROUS)
        assert proc.wait(GENEROUS) == 0
        assert not any("Traceback" in line for line in stderr.rest(GENEROUS))
        assert processes_mentioning(str(temp)) == {} and list(temp.iterdir()) == []
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
