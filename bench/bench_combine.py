"""Time and memory of `baocao tong-hop` as the number of units grows (a province: ~100; the country: ~3,300).

    .venv/bin/python bench/bench_combine.py [--units 100,3300] [--runs 3] [-j N] [--json]

Synthetic units are made from the sample units of data/quang-ngai-2026-quy3/don-vi/ (the slip in
Xã Mộ Đức's file corrected; Phường Cẩm Thành left out, its quarter II file being part of it): the
samples cycled, each renamed (Xã Thử Nghiệm 0001…) and its counts multiplied by 1 to 5, so that
units differ in size as real ones do; the list names every one of them. For each size: the median
of `--runs` whole-process runs of `baocao tong-hop LIST UNITS… -o OUT` (a new process each, as a
clerk runs it), then one more run sampled for peak memory (the command and its workers, resident
memory added up). Reported with how both grow from the smallest size to the largest (units ×k →
time ×?, memory ×?) and the time per unit.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import BAOCAO, ROOT, peak_memory, timed  # noqa: E402  (bench/ is not a package)

UNITS = ROOT / "data" / "quang-ngai-2026-quy3" / "don-vi"
BASES = ("ba-to", "binh-son", "kon-tum", "ly-son", "mo-duc", "nghia-lo")
# the counts of the units' tables (tiep_nhan: the previous period's, in so_lieu_ky_truoc)
COUNT_KEYS = ("tu_ky_truoc", "truc_tuyen", "truc_tiep", "dung_han", "qua_han", "so_nhiem_vu", "hoan_thanh", "tiep_nhan")


def _scaled(value, factor: int):
    """Every count of a unit's tables multiplied by `factor` (so every total and rate still holds)."""
    if isinstance(value, dict):
        return {k: (v * factor if k in COUNT_KEYS and isinstance(v, int) else _scaled(v, factor)) for k, v in value.items()}
    if isinstance(value, list):
        return [_scaled(v, factor) for v in value]
    return value


def make_units(folder: Path, count: int) -> tuple[Path, list[Path]]:
    """`count` synthetic units and their list, written in `folder`."""
    bases = []
    for name in BASES:
        text = (UNITS / f"{name}.yaml").read_text(encoding="utf-8").replace("truc_tuyen: 1.250", "truc_tuyen: 1250")
        bases.append(yaml.safe_load(text))
    units_dir = folder / "don-vi"
    units_dir.mkdir(parents=True)
    names, files = [], []
    for k in range(count):
        data = _scaled(bases[k % len(bases)], 1 + (k * 7) % 5)
        level = data["co_quan"]["cap"]
        place = f"Thử Nghiệm {k + 1:04d}"
        data["co_quan"]["ten"], data["co_quan"]["dia_danh"] = f"Ủy ban nhân dân {level} {place}", place
        path = units_dir / f"don-vi-{k + 1:04d}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        names.append(f"{level[0].upper()}{level[1:]} {place}")
        files.append(path)
    listing = yaml.safe_load((UNITS.parent / "danh-sach.yaml").read_text(encoding="utf-8"))
    listing["don_vi"] = names
    target = folder / "danh-sach.yaml"
    target.write_text(yaml.safe_dump(listing, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target, files


def bench(sizes: list[int], runs: int, jobs: int | None) -> dict:
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            folder = Path(tmp) / f"n{size}"
            listing, files = make_units(folder, size)
            command = BAOCAO + ["tong-hop", "--danh-sach", str(listing), *map(str, files), "-o", str(folder / "th.yaml")]
            command += ["-j", str(jobs)] if jobs else []
            times = [timed(command) for _ in range(runs)]
            peak, _ = peak_memory(command)
            median = statistics.median(times)
            results[size] = {"median_s": round(median, 2), "min_s": round(min(times), 2), "max_s": round(max(times), 2),
                             "per_unit_ms": round(median / size * 1000, 2), "peak_memory_mib": round(peak / 2**20, 1)}
    small, large = min(sizes), max(sizes)
    growth = {}
    if large > small:
        growth = {"units_x": round(large / small, 1),
                  "time_x": round(results[large]["median_s"] / results[small]["median_s"], 2),
                  "memory_x": round(results[large]["peak_memory_mib"] / results[small]["peak_memory_mib"], 2)}
    return {"sizes": results, "growth": growth, "runs": runs, "jobs": jobs or os.cpu_count(), "cpus": os.cpu_count()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", default="100,3300", help="comma-separated numbers of units")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("-j", type=int, default=None, help="workers (default: baocao's, every core)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report = bench([int(n) for n in args.units.split(",")], args.runs, args.j)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return 0
    print(f"baocao tong-hop, {report['jobs']} workers on {report['cpus']} CPUs, median of {report['runs']} runs:")
    for size, row in report["sizes"].items():
        print(f"  {size:>5} units: {row['median_s']:>7.2f} s ({row['per_unit_ms']:.1f} ms/unit), "
              f"peak memory {row['peak_memory_mib']:.0f} MiB")
    if report["growth"]:
        g = report["growth"]
        print(f"  units ×{g['units_x']} → time ×{g['time_x']}, peak memory ×{g['memory_x']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
