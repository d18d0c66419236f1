"""The benchmark scripts still run (a smoke test with tiny sizes; the timings themselves are read by
people from the scripts' output, never asserted here)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import REPO


@pytest.mark.parametrize("script, args, keys", [
    ("bench_large_table.py", ["--rows", "30,60", "--runs", "1"], {"sizes", "growth", "memory_per_row_kib"}),
    ("bench_large_table.py", ["--rows", "30", "--steps"], {"steps_ms", "peak_python_memory_mib"}),
    ("bench_build.py", ["--runs", "1", "--process-runs", "1", "--batch", "3"],
     {"results", "ratio_median", "peak_memory_build_mib", "whole_processes"}),
    ("bench_excel_table.py", ["--rows", "30", "--runs", "1"], {"read", "prepare", "xlsx_bytes"}),
    ("bench_unprinted.py", ["--runs", "1"], {"samples", "ratio_median"}),
    ("bench_pdf.py", ["--docs", "2", "--runs", "1", "--saves", "1"], {"batch", "watch"}),
    ("bench_combine.py", ["--units", "3,6", "--runs", "1"], {"sizes", "growth"}),
    ("bench_batch.py", ["--docs", "3", "--runs", "1"], {"one_command_vs_per_file", "two_workers_vs_one"}),
    ("bench_limits.py", ["--rows", "30"], {"limits", "samples", "worker_start_and_empty_job_ms_median"}),
])
def test_benchmark_script_runs(script, args, keys):
    proc = subprocess.run([sys.executable, str(REPO / "bench" / script), *args, "--json"],
                          capture_output=True, text=True, timeout=300, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    assert keys <= set(json.loads(proc.stdout))
