"""Time `baocao build` against a bare docxtpl render of the same template.

    .venv/bin/python bench/bench_build.py [--runs N] [--json]

(a) produce: plan.prepare (load YAML → validate → derive → check) → render → post-process → serialise
    build:   the same, plus the atomic write into a temporary folder
(b) bare:    DocxTemplate(path); render(context, sandboxed env with the same
             filters, autoescape=True); save(BytesIO()) — with the context built
             once beforehand exactly as baocao builds it (load + validate + derive)

So (a)/(b) is the cost of what baocao adds around docxtpl: validation,
derivation, prose/footnote/numbering post-processing and the deterministic zip.
Each case gets one warm-up run, then N timed runs interleaved with the other cases'
(time.perf_counter, GC on).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docxtpl import DocxTemplate  # noqa: E402

from generator import produce  # noqa: E402
from generator.commands.build import build  # noqa: E402
from generator.plan import prepare  # noqa: E402
from generator.render import Prose, make_environment  # noqa: E402

DATA = ROOT / "data" / "an-lao-2023-6thang.yaml"


def measure(cases: dict, runs: int) -> dict[str, list[float]]:
    """Time every case `runs` times, interleaved (a, b, c, a, b, c, …) so that a slow spell of
    the machine falls on all cases alike instead of on whichever ran as a block then."""
    for fn in cases.values():
        fn()  # warm-up
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, fn in cases.items():
            start = time.perf_counter()
            fn()
            times[name].append((time.perf_counter() - start) * 1000)
    return times


def summary(times: list[float]) -> dict:
    return {"median_ms": round(statistics.median(times), 2), "min_ms": round(min(times), 2),
            "max_ms": round(max(times), 2), "runs": len(times)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100, help="timed runs per case (default 100, ~25 s on 2 cores)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()

    # Context for the bare render, built once the way baocao builds it.
    (doc,) = prepare(DATA).documents
    assert not doc.document.mau, "the data file names its own template; (b) would render another one"
    context, template = doc.context, doc.template

    def bare() -> None:
        tpl = DocxTemplate(template)
        tpl.render(context, jinja_env=make_environment(Prose()), autoescape=True)
        tpl.save(io.BytesIO())

    with tempfile.TemporaryDirectory() as tmp:
        out_dir = Path(tmp)
        cases = measure({"produce": lambda: produce.outputs(prepare(DATA), out_dir),
                         "build": lambda: build(DATA, out_dir),
                         "bare": bare}, args.runs)
        # Peak memory of one full build (imports and caches already warm). tracemalloc sees
        # only Python's allocator, not libxml2's own mallocs inside lxml, so it is a lower bound.
        tracemalloc.start()
        build(DATA, out_dir)
        peak_mib = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()

    max_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    results = {name: summary(times) for name, times in cases.items()}
    ratio = {"produce_over_bare": round(results["produce"]["median_ms"] / results["bare"]["median_ms"], 2),
             "build_over_bare": round(results["build"]["median_ms"] / results["bare"]["median_ms"], 2)}
    env = {"python": platform.python_version(), "docxtpl": version("docxtpl"),
           "python-docx": version("python-docx"), "cpu_count": os.cpu_count(), "platform": platform.platform()}

    if args.json:
        print(json.dumps({"data": DATA.relative_to(ROOT).as_posix(),
                          "template": template.relative_to(ROOT).as_posix(), "environment": env,
                          "results": results, "ratio_median": ratio,
                          "peak_memory_build_mib": round(peak_mib, 2),
                          "process_max_rss_mib": round(max_rss_mib, 1)}, indent=2))
        return

    print(f"data: {DATA.relative_to(ROOT)}   template: {template.relative_to(ROOT)}")
    print("  ".join(f"{k} {v}" for k, v in env.items()))
    print()
    print(f"{'case':<34}{'median':>9}{'min':>9}{'max':>9}{'runs':>6}   (ms)")
    labels = {"produce": "(a) baocao produce (no write)", "build": "(a) baocao build (atomic write)",
              "bare": "(b) bare docxtpl render+save"}
    for name, r in results.items():
        print(f"{labels[name]:<34}{r['median_ms']:>9.1f}{r['min_ms']:>9.1f}{r['max_ms']:>9.1f}{r['runs']:>6}")
    print()
    print(f"median ratio produce/bare: {ratio['produce_over_bare']:.2f}x   build/bare: {ratio['build_over_bare']:.2f}x")
    print(f"peak memory of one full build (tracemalloc, Python allocations only): {peak_mib:.1f} MiB")
    print(f"max RSS of this whole benchmark process: {max_rss_mib:.0f} MiB")


if __name__ == "__main__":
    main()
