"""Time regenerating after corrections: `baocao diff` and `baocao build --watch`.

    .venv/bin/python bench/bench_regen.py [--runs N] [--json]

(a) diff:    two data files (the sample and the sample with one figure changed) built in memory and
             compared; `diff+docx` also writes the tracked-changes document into memory
(b) watch:   a `baocao build --watch` process; the time from saving the data file to the rebuilt
             document's line on its output (poll interval + one build), N saves
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.compare.changes import compare as compare_documents  # noqa: E402
from generator.compare.sources import pairs  # noqa: E402
from generator.compare.tracked import mark  # noqa: E402
from generator.write.docx import docx_bytes  # noqa: E402

DATA = ROOT / "data" / "an-lao-2023-6thang.yaml"


def _summary(times: list[float]) -> dict:
    return {"median_ms": round(statistics.median(times), 1), "min_ms": round(min(times), 1),
            "max_ms": round(max(times), 1), "runs": len(times)}


def bench_diff(folder: Path, runs: int) -> dict:
    old, new = folder / "cu.yaml", folder / "moi.yaml"
    text = DATA.read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace("tiep_nhan: 9737", "tiep_nhan: 9744"), encoding="utf-8")

    def compare():
        return [compare_documents(o, n) for _, o, n in pairs(old, new)]

    def compare_and_mark():
        for _, o, n in pairs(old, new):
            mark(n, compare_documents(o, n))
            docx_bytes(n)

    times = {"diff": [], "diff+docx": []}
    compare(), compare_and_mark()  # warm-up
    for _ in range(runs):
        for name, fn in (("diff", compare), ("diff+docx", compare_and_mark)):
            start = time.perf_counter()
            fn()
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: _summary(t) for name, t in times.items()}


def bench_watch(folder: Path, runs: int) -> dict:
    data, out = folder / "theo-doi.yaml", folder / "ra"
    text = DATA.read_text(encoding="utf-8")
    data.write_text(text, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", "--watch", str(data), "-o", str(out)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8")
    times = []
    try:
        _wait_for_build(proc)
        for k in range(runs):
            time.sleep(0.35)  # a save at a random point of the poll interval
            start = time.perf_counter()
            data.write_text(text.replace("tiep_nhan: 9737", f"tiep_nhan: {9745 + k}")  # parts still add up
                            .replace("chua_den_han: 101", f"chua_den_han: {102 + k}"), encoding="utf-8")
            _wait_for_build(proc)
            times.append((time.perf_counter() - start) * 1000)
    finally:
        proc.terminate()
        proc.wait()
    return {"watch": _summary(times)}


def _wait_for_build(proc) -> None:
    for line in proc.stdout:
        if line.rstrip().endswith(".docx"):
            return
        if ": lỗi: " in line:  # a build the data refuses would never print its document
            raise RuntimeError(line)
    raise RuntimeError("the watch process stopped")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        result = {**bench_diff(Path(folder), args.runs), **bench_watch(Path(folder), args.runs)}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for name, s in result.items():
        print(f"{name:10} trung vị {s['median_ms']:7.1f} ms  (nhỏ nhất {s['min_ms']}, lớn nhất {s['max_ms']}, "
              f"{s['runs']} lần)")


if __name__ == "__main__":
    main()
