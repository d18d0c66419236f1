"""A 2,000-row table read from an .xlsx sheet, against the same rows typed in the YAML data file.

    .venv/bin/python bench/bench_excel_table.py [--rows 2000] [--runs 7] [--json]

The data file is seed 001's with its Phụ lục 2 table "b) Tình hình giải quyết hồ sơ" (kind
ho_so_linh_vuc, 11 columns) grown to --rows rows (bench_large_table.py's data). Its twin points
that table at a sheet of a workbook holding the same rows (the data form `baocao bieu
--kem-so-lieu` writes). Both are measured side by side in one run, alternating, each run from a
cold workbook cache: `read` (load the YAML, validate, read the table's rows: from the YAML or the
sheet) and `prepare` (all of plan.prepare: also the previous period, tables laid out, checks).
Reported: the medians and their ratio (xlsx / yaml).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_large_table import large_data  # noqa: E402
from generator.plan import prepare, read  # noqa: E402
from generator.read import workbook  # noqa: E402
from generator.write.form import FormTable, form_workbook  # noqa: E402


def twin(path: Path, folder: Path) -> Path:
    """`path` with its large table's rows moved to so-lieu.xlsx, sheet «ho_so»."""
    source = read(path)
    (table,) = [t for t in source.tables if t.kind.name == "ho_so_linh_vuc"]
    (folder / "so-lieu.xlsx").write_bytes(form_workbook(
        [FormTable("ho_so", "Tình hình giải quyết hồ sơ", table.kind, table.code, table.rows)],
        workbook_name="so-lieu.xlsx", data_name=path.name, author="bench", created=dt.date(2021, 1, 1)))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    block = data["bao_cao"]["phu_luc"][1]["muc"][0]["muc"][1]["noi_dung"][0]["bang"]
    del block["dong"]
    block["excel"] = {"tep": "so-lieu.xlsx", "trang": "ho_so"}
    out = folder / "bang-tu-excel.yaml"
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def timed(step, path: Path) -> float:
    workbook._load.cache_clear()  # every run reads the workbook from the file, as a new command does
    start = time.perf_counter()
    step(path)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result: dict = {"rows": args.rows, "runs": args.runs, "python": platform.python_version()}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        from_yaml = large_data(args.rows, folder)
        from_xlsx = twin(from_yaml, folder)
        (sheet_table,) = [t for t in read(from_xlsx).tables if t.kind.name == "ho_so_linh_vuc"]
        assert len(sheet_table.rows) == args.rows  # the rows do come from the sheet
        for name, step in (("read", read), ("prepare", prepare)):
            step(from_yaml), step(from_xlsx)  # warm-up
            times: dict[str, list[float]] = {"yaml": [], "xlsx": []}
            for _ in range(args.runs):  # alternating, so both see the same machine
                times["yaml"].append(timed(step, from_yaml))
                times["xlsx"].append(timed(step, from_xlsx))
            yaml_ms, xlsx_ms = statistics.median(times["yaml"]), statistics.median(times["xlsx"])
            result[name] = {"yaml_median_ms": round(yaml_ms, 1), "xlsx_median_ms": round(xlsx_ms, 1),
                            "ratio_median": round(xlsx_ms / yaml_ms, 2)}
        result["xlsx_bytes"] = (folder / "so-lieu.xlsx").stat().st_size
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    print(f"{args.rows}-row table, medians of {args.runs} runs (xlsx {result['xlsx_bytes'] / 1024:.0f} KiB):")
    for name in ("read", "prepare"):
        r = result[name]
        print(f"  {name:<8} YAML {r['yaml_median_ms']:>8.1f} ms   xlsx {r['xlsx_median_ms']:>8.1f} ms   "
              f"xlsx/YAML {r['ratio_median']:.2f}")


if __name__ == "__main__":
    main()
