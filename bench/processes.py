"""Whole processes timed side by side, for the speed benchmarks (bench_build.py, bench_large_table.py).

Each case is a new process, as a clerk runs a command; the cases run interleaved (a, b, c, a, b, c,
…) so that a slow spell of this shared machine falls on all of them alike, and each is summed up by
its median. Every process runs with Python's bytecode cache on (in a temporary folder, so the
worktree is not littered: the first, untimed, round writes it, as a user's first run does) and with
baocao's cache folder in a temporary folder too (XDG_CACHE_HOME; the first round fills it, as a
user's first build does). `BAOCAO` runs the command exactly as the `baocao` console script does and
then reports its peak resident memory: its own and its worker's (getrusage), added up.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# `baocao …` as its console script runs it (generator.commands.cli:main), then the peak resident
# memory in KiB of the command and of its worker (a child it has waited for), on stderr's last line.
BAOCAO = [sys.executable, "-c",
          "import resource, sys\n"
          "from generator.commands.cli import main\n"
          "code = main(sys.argv[1:])\n"
          "peak = sum(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))\n"
          "print('maxrss', peak, file=sys.stderr)\n"
          "sys.exit(code)\n"]
PEER = [sys.executable, str(ROOT / "bench" / "docxtpl_peer.py")]  # prints its peak RSS on stdout's last line


def environment(folder: Path) -> dict[str, str]:
    """The environment of every measured process: caches on, kept in `folder`."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "BAOCAO_CACHE")}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    env["XDG_CACHE_HOME"] = str(folder / "cache")
    env["PYTHONPATH"] = str(ROOT)
    return env


def run(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """(seconds, peak resident memory in KiB or 0) of one process, which must succeed."""
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args[:6])} … failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return seconds, _peak(proc.stdout, proc.stderr)


def _peak(stdout: str, stderr: str) -> int:
    for text in (stderr, stdout):
        lines = text.strip().splitlines()
        if lines and lines[-1].startswith("maxrss "):
            return int(lines[-1].split()[1])
        if lines and lines[-1].strip().isdigit():
            return int(lines[-1])
    return 0


def interleaved(cases: dict[str, list[str]], runs: int, env: dict[str, str], *, warm_up: bool = True) -> dict:
    """Every case `runs` times, interleaved, after one untimed round; per case the median, min and max
    seconds and the median peak memory (KiB)."""
    if warm_up:
        for args in cases.values():
            run(args, env)
    seconds: dict[str, list[float]] = {name: [] for name in cases}
    memory: dict[str, list[int]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, args in cases.items():
            s, kib = run(args, env)
            seconds[name].append(s)
            memory[name].append(kib)
    return {name: {"median_s": round(statistics.median(seconds[name]), 4),
                   "min_s": round(min(seconds[name]), 4), "max_s": round(max(seconds[name]), 4),
                   "peak_rss_kib": int(statistics.median(memory[name])), "runs": runs} for name in cases}


def ratio(a: dict, b: dict) -> float:
    return round(a["median_s"] / b["median_s"], 3)
