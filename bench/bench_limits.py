"""What each sample uses of the limits that hold against hostile input (generator/limits.py,
generator/read/files.py, generator/read/loader.py), so that the defaults can be seen to fit a real
report with room to spare.

    .venv/bin/python bench/bench_limits.py [--rows 2000] [--json]

For every data/*.yaml, and for seed 001 with its Phụ lục 2 table grown to --rows rows (as in
bench_large_table.py): the data file's size, the values it builds and their characters, its nesting
depth; then, filling each of its documents in a fresh worker, the time the fill took and how much
the worker's address space grew at its peak (VmPeak − VmSize at the start: what RLIMIT_AS limits),
against the limits. Also the cost of the worker itself: starting one (a fork) and sending it a job
that does nothing, median of 20.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


from generator import limits, produce, worker  # noqa: E402
from generator.plan import prepare  # noqa: E402
from generator.read import files, loader  # noqa: E402


def _status(field: str) -> int:
    """A field of /proc/self/status in bytes (Linux), 0 elsewhere."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def measured(*args):
    """In the worker: produce.finished, with its wall time and its peak address-space growth."""
    start_size = _status("VmSize")
    started = time.perf_counter()
    produce.finished(*args)
    return time.perf_counter() - started, _status("VmPeak") - start_size


def nothing():
    return None


def _depth(value) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


def _chars(value) -> int:
    if isinstance(value, dict):
        return sum(len(k) + _chars(v) for k, v in value.items())
    if isinstance(value, list):
        return sum(_chars(v) for v in value)
    return len(value) if isinstance(value, str) else 0


def sample(path: Path) -> dict:
    raw, positions = loader.load_yaml(path)
    plan = prepare(path)
    fills = []
    for doc in plan.documents:
        with worker.Worker() as own:  # a fresh worker: its peak is this fill's
            seconds, grown = own.call(measured, doc.template, doc.context, plan.source.data.van_ban, doc.properties,
                                      doc.author, 0, template=doc.template)
        fills.append({"document": doc.name, "seconds": round(seconds, 3), "address_space_mib": round(grown / 2**20, 1)})
    return {"file": path.name, "bytes": path.stat().st_size, "values": len(positions.marks), "characters": _chars(raw),
            "depth": _depth(raw), "fills": fills}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    import bench_large_table

    folder = Path(tempfile.mkdtemp())
    try:
        rows = [sample(path) for path in sorted((ROOT / "data").glob("*.yaml"))]
        rows.append(sample(bench_large_table.large_data(args.rows, folder)))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    costs = []
    for _ in range(20):
        started = time.perf_counter()
        with worker.Worker() as own:
            own.call(nothing, template=Path("-"))
        costs.append(time.perf_counter() - started)
    defaults = limits.Limits()
    result = {
        "limits": {"data_bytes": files.MAX_DATA_BYTES, "values": loader.MAX_NODES, "characters": loader.MAX_CHARS,
                   "depth": loader.MAX_DEPTH, "fill_seconds": defaults.seconds, "fill_mib": defaults.megabytes,
                   "docx_bytes": files.MAX_DOCX_BYTES, "docx_part_bytes": files.MAX_PART_BYTES},
        "samples": rows,
        "worker_start_and_empty_job_ms_median": round(statistics.median(costs) * 1000, 1),
    }
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return
    print(f"{'tệp':34} {'byte':>9} {'giá trị':>8} {'ký tự':>9} {'cấp':>4} {'điền (s)':>9} {'bộ nhớ (MiB)':>13}")
    for row in rows:
        for fill in row["fills"]:
            print(f"{row['file'][:34]:34} {row['bytes']:>9} {row['values']:>8} {row['characters']:>9} {row['depth']:>4} "
                  f"{fill['seconds']:>9} {fill['address_space_mib']:>13}")
    lim = result["limits"]
    print(f"{'giới hạn':34} {lim['data_bytes']:>9} {lim['values']:>8} {lim['characters']:>9} {lim['depth']:>4} "
          f"{lim['fill_seconds']:>9} {lim['fill_mib']:>13}")
    print(f"khởi động một tiến trình điền mẫu và gửi một việc rỗng: trung vị {result['worker_start_and_empty_job_ms_median']} ms")


if __name__ == "__main__":
    main()
