"""The cost of knowing which data values a document prints (render/trace.py), on every sample.

    .venv/bin/python bench/bench_unprinted.py [--runs N] [--json]

For each data file in data/, its documents are produced in memory (render → post-process →
bytes, in the worker as build does, one worker for the whole run as for one command, without
writing) two ways, interleaved run by run so a slow spell of the machine falls on both: (a)
recording what the render prints and working out what it left unprinted, as build does (the
document's data sent to the worker, the record and the warnings sent back); (b) the same render
without recording. Prints the median of each (ms) and the ratio a/b per sample, and the median of
the ratios.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import produce, worker  # noqa: E402
from generator.plan import prepare  # noqa: E402


def render_all(plan, traced: bool) -> int:
    warned: list = []
    for doc in plan.documents:
        produce.render(plan, doc, unprinted=warned if traced else None)
    return len(warned)


def measure(data: Path, runs: int) -> dict:
    """Median ms of the traced and the plain render of `data`'s documents, interleaved run by run."""
    plan = prepare(data)
    warnings = render_all(plan, True)  # warm-up, and what build would warn about
    render_all(plan, False)
    times: dict[str, list[float]] = {"traced": [], "plain": []}
    for _ in range(runs):
        for name, traced in (("traced", True), ("plain", False)):
            start = time.perf_counter()
            render_all(plan, traced)
            times[name].append((time.perf_counter() - start) * 1000)
    traced_ms, plain_ms = (statistics.median(times[k]) for k in ("traced", "plain"))
    return {"traced_median_ms": round(traced_ms, 1), "plain_median_ms": round(plain_ms, 1),
            "ratio": round(traced_ms / plain_ms, 3), "warnings": warnings}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = {}
    with worker.session():  # one worker for the whole run, as for one command
        for data in sorted((ROOT / "data").glob("*.yaml")):
            results[data.name] = measure(data, args.runs)
    summary = {"samples": results, "ratio_median": round(statistics.median(r["ratio"] for r in results.values()), 3),
               "runs": args.runs}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    for name, r in results.items():
        print(f"{name:40} ghi nhận {r['traced_median_ms']:8.1f} ms   không ghi nhận {r['plain_median_ms']:8.1f} ms"
              f"   tỉ lệ {r['ratio']:.3f}   cảnh báo {r['warnings']}")
    print(f"trung vị các tỉ lệ: {summary['ratio_median']:.3f} ({args.runs} lần mỗi tệp)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
