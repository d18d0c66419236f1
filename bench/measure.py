"""What the benchmark scripts share: the samples copied as many data files, a whole process timed,
and the peak memory of a process with every process it starts (workers, LibreOffice).

Whole-process figures, each a new process, as a clerk runs the command; memory is sampled from /proc
every 20 ms (Linux), the resident memory of the command and all its descendants added up.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = sorted((ROOT / "data").glob("*.yaml"))
BAOCAO = [sys.executable, "-m", "generator"]


def data_files(folder: Path, count: int) -> list[Path]:
    """`count` data files: the samples cycled, each copied under a name of its own (with what the
    samples name beside them: the previous periods' files, the folder of a combination)."""
    for sample in DATA:
        shutil.copy(sample, folder / sample.name)
    for sub in (ROOT / "data").iterdir():
        if sub.is_dir() and not (folder / sub.name).exists():
            shutil.copytree(sub, folder / sub.name)
    files = []
    for k in range(count):
        sample = DATA[k % len(DATA)]
        target = folder / f"vb{k:02d}-{sample.name}"
        shutil.copy(sample, target)
        files.append(target)
    return files


def timed(args: list[str], **kwargs) -> float:
    """Seconds the command takes, as a whole process (it must succeed)."""
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, **kwargs)
    return time.perf_counter() - start


def tree_rss(root_pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants (LibreOffice runs in a session
    of its own, so the tree is followed by parent, not by group)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root_pid}, [root_pid]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(rss.get(pid, 0) for pid in tree)


def peak_memory(args: list[str], *, check: tuple[int, ...] = (0,)) -> tuple[int, float]:
    """(peak resident memory in bytes of the command's process tree, its seconds); its exit code
    must be one of `check`."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.02)
    if proc.returncode not in check:
        raise subprocess.CalledProcessError(proc.returncode, args)
    return peak, time.perf_counter() - start
