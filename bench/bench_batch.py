"""Many documents at once: `baocao build` over 100 data files in one command against one command per
file, and with one worker against two.

    .venv/bin/python bench/bench_batch.py [--docs 100] [--runs 3] [--json]

Side by side in one run, `--runs` rounds, whole-process times (each a new process, as a clerk runs
it), the same `--docs` data files (the samples cycled, each under its own name):

(a) one command:    `baocao build FILES -o OUT` (workers: every core, the default)
(b) per file:       `baocao build FILE -o OUT`, one process per file, one after the other
(c) one worker:     `baocao build FILES -o OUT -j 1`
(d) two workers:    `baocao build FILES -o OUT -j 2`

Reported: medians, (b)/(a) (what one command saves: Python, the templates and the table kinds
loaded once per worker instead of once per file) and (c)/(d) (what a second worker gains on this
machine), the time per document, and the peak memory (the command and its workers, resident memory
added up, sampled every 20 ms) of (a) for a quarter, half and all of the files: flat, since each
worker holds one file at a time and finished documents are written and let go.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import BAOCAO, data_files, peak_memory, timed  # noqa: E402  (bench/ is not a package)


def bench(folder: Path, docs: int, runs: int) -> dict:
    files = data_files(folder, docs)
    every = [str(f) for f in files]
    times: dict[str, list[float]] = {"one_command": [], "per_file": [], "one_worker": [], "two_workers": []}
    for k in range(runs):
        times["one_command"].append(timed(BAOCAO + ["build", *every, "-o", str(folder / f"a{k}")]))
        start = time.perf_counter()
        for f in every:
            timed(BAOCAO + ["build", f, "-o", str(folder / f"b{k}")])
        times["per_file"].append(time.perf_counter() - start)
        times["one_worker"].append(timed(BAOCAO + ["build", *every, "-o", str(folder / f"c{k}"), "-j", "1"]))
        times["two_workers"].append(timed(BAOCAO + ["build", *every, "-o", str(folder / f"d{k}"), "-j", "2"]))
    medians = {name: statistics.median(values) for name, values in times.items()}
    memory = {}
    for part in sorted({max(1, docs // 4), max(1, docs // 2), docs}):
        peak, _ = peak_memory(BAOCAO + ["build", *every[:part], "-o", str(folder / f"m{part}")])
        memory[part] = round(peak / 2**20, 1)
    return {
        "documents": docs,
        "medians_s": {name: round(value, 2) for name, value in medians.items()},
        "per_document_s": {name: round(value / docs, 3) for name, value in medians.items()},
        "one_command_vs_per_file": round(medians["per_file"] / medians["one_command"], 2),
        "two_workers_vs_one": round(medians["one_worker"] / medians["two_workers"], 2),
        "peak_memory_mib_by_documents": memory,
        "runs": runs,
        "cpus": os.cpu_count(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report = bench(Path(tmp), args.docs, args.runs)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return 0
    m, d = report["medians_s"], report["per_document_s"]
    print(f"baocao build, {report['documents']} data files, {report['cpus']} CPUs, median of {report['runs']} runs:")
    for name in m:
        print(f"  {name:<12} {m[name]:>7.2f} s  ({d[name]:.3f} s per document)")
    print(f"  one command vs a process per file: ×{report['one_command_vs_per_file']} faster")
    print(f"  two workers vs one:                ×{report['two_workers_vs_one']} faster")
    print("  peak memory by documents (MiB): " + ", ".join(f"{n}: {v}" for n, v in report["peak_memory_mib_by_documents"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
