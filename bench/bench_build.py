"""Time `baocao build` against a bare docxtpl render of the same template.

    .venv/bin/python bench/bench_build.py [--runs N] [--process-runs N] [--batch N] [--json]

Whole processes, side by side in one run (processes.py; each a new process, as a clerk runs it):

(c) `baocao build data/an-lao-2023-6thang.yaml` against docxtpl_peer.py `render`: a bare docxtpl
    script filling the same template with the same context (pickled beforehand) and saving it;
(d) start-up: `import generator.commands.cli` (what every command imports first), `import
    generator.commands.cli, generator.commands.build` (what `baocao build` imports before it reads
    anything) against `import docxtpl`, and an empty interpreter;
(e) a batch of --batch data files (the samples cycled) built by one `baocao build -j 1` and by one
    `baocao build -j 2` (skipped, saying so, while `build` has no -j).

In one warm process:

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
import pickle
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import processes  # noqa: E402  (bench/ is not a package)

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


def _stdlib_only(context_file: Path, env: dict[str, str]) -> None:
    """Unpickling the context imports nothing but the standard library (it holds dates and Decimals,
    no class of baocao's), so the bare script's start-up is docxtpl's own: checked in a new process."""
    check = ("import pickle, sys\n"
             f"pickle.load(open({str(context_file)!r}, 'rb'))\n"
             "print(' '.join(sorted({m.split('.')[0] for m in sys.modules} - set(sys.stdlib_module_names) - {'__main__'})))\n")
    proc = subprocess.run([sys.executable, "-I", "-S", "-c", check], capture_output=True, text=True, env=env, check=True)
    if proc.stdout.split():
        raise SystemExit(f"unpickling the context imports {proc.stdout.strip()}: not a bare docxtpl input")


def whole_processes(template: Path, context: dict, runs: int, batch: int) -> dict:
    """(c), (d) and (e): whole processes, side by side."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = processes.environment(folder)
        (folder / "context.pickle").write_bytes(pickle.dumps(context, protocol=pickle.HIGHEST_PROTOCOL))
        _stdlib_only(folder / "context.pickle", env)
        python = [sys.executable, "-c"]
        cases = {
            "build": processes.BAOCAO + ["build", str(DATA), "-o", str(folder / "out")],
            "bare": processes.PEER + ["render", str(template), str(folder / "context.pickle"), str(folder / "bare.docx")],
            "import_cli": python + ["import generator.commands.cli"],
            "import_build": python + ["import generator.commands.cli, generator.commands.build"],
            "import_docxtpl": python + ["import docxtpl"],
            "python": python + ["pass"],
        }
        results = processes.interleaved(cases, runs, env)
        out = {"cases": results,
               "build_over_bare": processes.ratio(results["build"], results["bare"]),
               "import_cli_over_docxtpl": processes.ratio(results["import_cli"], results["import_docxtpl"]),
               "import_build_over_docxtpl": processes.ratio(results["import_build"], results["import_docxtpl"])}
        out["batch"] = _batch(folder, env, batch, runs) if batch else None
    return out


def _has_jobs_option(env: dict[str, str]) -> bool:
    proc = subprocess.run([sys.executable, "-m", "generator", "build", "--help"], capture_output=True, text=True,
                          env=env, cwd=ROOT)
    return " -j" in proc.stdout


def _batch(folder: Path, env: dict[str, str], count: int, runs: int) -> dict:
    """(e): `count` data files (the samples cycled, each under its own name, with what they name beside
    them) built by one command with one worker, then with two."""
    if not _has_jobs_option(env):
        return {"skipped": "baocao build has no -j option yet (issue 15, building with a worker per core): "
                           "the 1-worker / 2-worker batch is measured once it exists"}
    samples = sorted((ROOT / "data").glob("*.yaml"))
    source = folder / "lo"
    source.mkdir()
    for sample in samples:
        shutil.copy(sample, source / sample.name)
    for sub in (ROOT / "data").iterdir():
        if sub.is_dir():
            shutil.copytree(sub, source / sub.name)
    files = []
    for k in range(count):
        target = source / f"vb{k:03d}-{samples[k % len(samples)].name}"
        shutil.copy(samples[k % len(samples)], target)
        files.append(str(target))
    cases = {f"workers_{n}": processes.BAOCAO + ["build", *files, "-o", str(folder / f"lo-{n}"), "-j", str(n)]
             for n in (1, 2)}
    results = processes.interleaved(cases, max(1, min(runs, 5)), env)
    return {"files": count, "cases": results,
            "two_over_one": processes.ratio(results["workers_2"], results["workers_1"])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100, help="timed runs per case (default 100, ~25 s on 2 cores)")
    parser.add_argument("--process-runs", type=int, default=21,
                        help="timed runs of each whole-process case (default 21; 0 leaves (c)-(e) out)")
    parser.add_argument("--batch", type=int, default=100,
                        help="data files in the -j 1 / -j 2 batch (default 100; 0 leaves it out)")
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

    processes_ = whole_processes(template, context, args.process_runs, args.batch) if args.process_runs else None
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
                          "process_max_rss_mib": round(max_rss_mib, 1),
                          "whole_processes": processes_}, indent=2))
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
    if processes_:
        _print_processes(processes_)


def _print_processes(out: dict) -> None:
    labels = {"build": "(c) baocao build (whole process)", "bare": "(c) bare docxtpl script",
              "import_cli": "(d) import generator.commands.cli", "import_build": "(d) … and commands.build",
              "import_docxtpl": "(d) import docxtpl", "python": "(d) empty interpreter",
              "workers_1": "(e) build -j 1", "workers_2": "(e) build -j 2"}
    print()
    print(f"{'whole processes':<38}{'median':>9}{'min':>9}{'max':>9}{'runs':>6}{'peak RSS':>10}   (ms, MiB)")
    for name, r in {**out["cases"], **(out["batch"] or {}).get("cases", {})}.items():
        print(f"{labels[name]:<38}{r['median_s'] * 1000:>9.0f}{r['min_s'] * 1000:>9.0f}{r['max_s'] * 1000:>9.0f}"
              f"{r['runs']:>6}{r['peak_rss_kib'] / 1024:>10.1f}")
    print()
    print(f"median ratio build/bare script: {out['build_over_bare']:.2f}x   import cli/docxtpl: "
          f"{out['import_cli_over_docxtpl']:.2f}x   import cli+build/docxtpl: {out['import_build_over_docxtpl']:.2f}x")
    batch = out["batch"]
    if batch and "skipped" in batch:
        print(f"(e) skipped: {batch['skipped']}")
    elif batch:
        print(f"(e) {batch['files']} files, median ratio -j 2 / -j 1: {batch['two_over_one']:.2f}x")


if __name__ == "__main__":
    main()
