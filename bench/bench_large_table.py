"""Time and memory of a report with one large table (the issue's 2,000-row case).

    .venv/bin/python bench/bench_large_table.py [--rows 2000] [--runs 5] [--json]

The data file is seed 001's (data/an-lao-2021-quy1.yaml) with its Phụ lục 2 table
"b) Tình hình giải quyết hồ sơ" (kind ho_so_linh_vuc: 3 header rows with merges, 11
columns, 3 derived total columns and a TỔNG CỘNG row) grown to --rows rows. Reported:
the median of --runs full builds (load → validate → checks → derive → render →
post-process → zip → atomic write), the same for the unchanged seed 001 file as the
baseline, the time of each step for one large build, and peak Python memory
(tracemalloc; libxml2's own allocations inside lxml are not seen, so a lower bound)
plus the process's max RSS.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import postprocess  # noqa: E402
from generator.commands.build import build  # noqa: E402
from generator.plan import prepare, read  # noqa: E402
from generator.render import Prose, render_template  # noqa: E402
from generator.text.citations import Citer  # noqa: E402
from generator.write.docx import atomic_write, docx_bytes  # noqa: E402

SEED_001 = ROOT / "data" / "an-lao-2021-quy1.yaml"


def large_data(rows: int, folder: Path) -> Path:
    data = yaml.safe_load(SEED_001.read_text(encoding="utf-8"))
    table = data["bao_cao"]["phu_luc"][1]["muc"][0]["muc"][1]["noi_dung"][0]["bang"]
    assert table["kieu"] == "ho_so_linh_vuc"
    table["dong"] = [{"linh_vuc": f"Lĩnh vực số {k}", "ky_truoc": k % 7, "moi": 10 + k % 50,
                      "dung_han": 8 + k % 50, "qua_han": k % 2, "chua_den_han": (k % 7) + 2 - k % 2}
                     for k in range(1, rows + 1)]
    path = folder / f"bang-{rows}-dong.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    previous = data["bao_cao"].get("ky_truoc")  # the previous period's file it compares with, beside it
    if previous:
        shutil.copy(SEED_001.parent / previous, folder / previous)
    return path


def timed_builds(path: Path, out: Path, runs: int) -> list[float]:
    build(path, out)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        build(path, out)
        times.append((time.perf_counter() - start) * 1000)
    return times


def steps(path: Path, out: Path) -> dict[str, float]:
    """One build, step by step, as plan.prepare and produce run them."""
    marks: dict[str, float] = {}
    t = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        marks[name] = round((now - t) * 1000, 1)
        t = now

    read(path)
    lap("load YAML + validate")
    plan = prepare(path)  # reads again, then the previous period, tables laid out once, checks
    lap("prepare (read again + previous, tables, checks)")
    (doc,) = plan.documents
    prose = Prose(citer=Citer(plan.source.data.van_ban))
    document = render_template(doc.template, doc.context, prose)
    lap("render (docxtpl)")
    postprocess.finish(document, prose, doc.template)
    lap("post-process (tables written)")
    blob = docx_bytes(document)
    lap("zip")
    atomic_write(out / "BC.docx", blob)
    lap("atomic write")
    return marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = large_data(args.rows, folder)
        large = timed_builds(path, folder / "lon", args.runs)
        base = timed_builds(SEED_001, folder / "goc", args.runs)
        parts = steps(path, folder / "buoc")
        tracemalloc.start()
        build(path, folder / "bo-nho")
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        size = (folder / "bo-nho" / f"BC-{path.stem}.docx").stat().st_size
    result = {
        "rows": args.rows, "runs": args.runs, "python": platform.python_version(),
        "large_build_median_ms": round(statistics.median(large), 1),
        "large_build_min_ms": round(min(large), 1),
        "seed_001_build_median_ms": round(statistics.median(base), 1),
        "steps_ms": parts,
        "peak_python_memory_mib": round(peak, 1),
        "process_max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "docx_bytes": size,
    }
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    print(f"{args.rows}-row table: build median {result['large_build_median_ms']} ms "
          f"(min {result['large_build_min_ms']}) over {args.runs} runs; "
          f"seed 001 as shipped: {result['seed_001_build_median_ms']} ms")
    for name, ms in parts.items():
        print(f"  {name:<32}{ms:>8.1f} ms")
    print(f"peak Python memory {result['peak_python_memory_mib']} MiB; max RSS {result['process_max_rss_mib']} MiB; "
          f".docx {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
