"""Time PDF output: `build --pdf` against LibreOffice run one process per file and one call for all.

    .venv/bin/python bench/bench_pdf.py [--docs 20] [--runs 3] [--saves 7] [--json]

Side by side in one run, `--runs` rounds, whole-process times (each a new process, as a clerk
runs it), the same `--docs` data files (the samples, cycled, each under its own name):

(a) docx:      `baocao build FILES -o OUT` (the .docx only)
(b) build-pdf: `baocao build FILES -o OUT --pdf`
(c) per-file:  `soffice --headless --convert-to pdf FILE.docx`, one process per document, one after
               the other (a profile of its own, warmed once, shared by the calls)
(d) batch:     one `soffice --headless --convert-to pdf` call given all the .docx (same profile)

Reported: medians; the PDF step (b)−(a) against (c) (target: ≥ 5 times faster) and against (d)
(target ≤ 1.2); the whole command (b), which also writes the .docx, against (c); (c)/(d), what
one call for all gains on this machine; peak
memory (RSS of baocao and every process it started, sampled every 20 ms) of `build --pdf` for a
quarter, half and all of the documents (flat: LibreOffice converts one document at a time);
and `build --watch --pdf`: from saving the data file to the new PDF on disk, `--saves` saves
(target: median ≤ 1 s).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import BAOCAO, ROOT, data_files, peak_memory, timed  # noqa: E402  (bench/ is not a package)


def bench_batch(folder: Path, docs: int, runs: int) -> dict:
    files = data_files(folder, docs)
    out = folder / "ra"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    profile = (folder / "ho-so-lo").as_uri()
    office = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run(BAOCAO + ["build", *map(str, files), "-o", str(out)], check=True, capture_output=True, cwd=ROOT)
    documents = sorted(out.glob("*.docx"))
    timed(office + ["--outdir", str(folder / "am"), str(documents[0])])  # the profile warmed once
    times: dict[str, list[float]] = {"docx": [], "build_pdf": [], "per_file": [], "batch": []}
    for _ in range(runs):
        times["docx"].append(timed(BAOCAO + ["build", *map(str, files), "-o", str(folder / "a")]))
        times["build_pdf"].append(timed(BAOCAO + ["build", *map(str, files), "-o", str(folder / "b"), "--pdf"]))
        start = time.perf_counter()
        for doc in documents:
            subprocess.run(office + ["--outdir", str(folder / "c"), str(doc)], check=True, capture_output=True)
        times["per_file"].append(time.perf_counter() - start)
        times["batch"].append(timed(office + ["--outdir", str(folder / "d"), *map(str, documents)]))
    medians = {name: statistics.median(values) for name, values in times.items()}
    pdf_step = medians["build_pdf"] - medians["docx"]
    memory = {}
    for part in sorted({max(1, docs // 4), max(1, docs // 2), docs}):
        memory[part] = round(peak_memory(BAOCAO + ["build", *map(str, files[:part]), "-o", str(folder / f"m{part}"),
                                                   "--pdf"])[0] / 2**20, 1)
    return {
        "documents": len(documents),
        "medians_s": {name: round(value, 2) for name, value in medians.items()},
        "per_document_s": {name: round(value / len(documents), 3) for name, value in medians.items()},
        "speedup_vs_per_file": round(medians["per_file"] / medians["build_pdf"], 2),
        "pdf_step_speedup_vs_per_file": round(medians["per_file"] / pdf_step, 2),
        "batch_speedup_vs_per_file": round(medians["per_file"] / medians["batch"], 2),
        "pdf_step_s": round(pdf_step, 2),
        "pdf_step_vs_batch": round(pdf_step / medians["batch"], 2),
        "peak_memory_mib_by_documents": memory,
        "runs": runs,
    }


def bench_watch(folder: Path, saves: int) -> dict:
    data = folder / "bao-cao.yaml"
    shutil.copy(ROOT / "data" / "an-lao-2023-6thang.yaml", data)  # its figures change at each save
    out = folder / "theo-doi"
    pdf = out / f"BC-{data.stem}.pdf"
    proc = subprocess.Popen(BAOCAO + ["build", "--watch", "--pdf", str(data), "-o", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    text = data.read_text(encoding="utf-8")
    times = []
    try:
        deadline = time.monotonic() + 120
        while not pdf.exists():
            if time.monotonic() > deadline or proc.poll() is not None:
                raise SystemExit("build --watch --pdf wrote no PDF")
            time.sleep(0.02)
        for k in range(saves):
            time.sleep(0.5)
            before = pdf.read_bytes()
            changed = text.replace("tiep_nhan: 9737", f"tiep_nhan: {9744 + k + 1}").replace(
                "chua_den_han: 101", f"chua_den_han: {101 + k + 1}")  # the parts still add up to the total
            start = time.perf_counter()
            data.write_text(changed, encoding="utf-8")
            while True:
                try:
                    if pdf.read_bytes() != before:
                        break
                except OSError:
                    pass
                if time.perf_counter() - start > 60:
                    raise SystemExit("no new PDF within 60 s of a save")
                time.sleep(0.01)
            times.append(time.perf_counter() - start)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(60)
    return {"save_to_pdf_median_s": round(statistics.median(times), 3), "min_s": round(min(times), 3),
            "max_s": round(max(times), 3), "saves": len(times)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--saves", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        (Path(tmp) / "lo").mkdir()
        (Path(tmp) / "w").mkdir()
        result = {"batch": bench_batch(Path(tmp) / "lo", args.docs, args.runs),
                  "watch": bench_watch(Path(tmp) / "w", args.saves), "cpus": os.cpu_count()}
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    b, w = result["batch"], result["watch"]
    print(f"{b['documents']} văn bản, trung vị của {b['runs']} lần (giây):")
    for name, label in (("docx", "(a) baocao build, chỉ .docx"), ("build_pdf", "(b) baocao build --pdf"),
                        ("per_file", "(c) soffice --convert-to, mỗi tệp một tiến trình"),
                        ("batch", "(d) soffice --convert-to, một lần cho mọi tệp")):
        print(f"  {label:52} {b['medians_s'][name]:7.2f}  ({b['per_document_s'][name]:.3f}/văn bản)")
    print(f"  bước PDF (b)−(a) = {b['pdf_step_s']} giây: nhanh hơn (c) {b['pdf_step_speedup_vs_per_file']} lần "
          f"(mục tiêu ≥ 5), bằng {b['pdf_step_vs_batch']} lần (d) (mục tiêu ≤ 1,2)")
    print(f"  cả lệnh (b), gồm tạo .docx, nhanh hơn (c) {b['speedup_vs_per_file']} lần; "
          f"(d) nhanh hơn (c) {b['batch_speedup_vs_per_file']} lần trên máy này")
    print("  bộ nhớ đỉnh của build --pdf (MiB, cả LibreOffice) theo số văn bản: "
          + ", ".join(f"{n}: {m}" for n, m in b["peak_memory_mib_by_documents"].items()))
    print(f"build --watch --pdf, từ lúc lưu tới PDF mới: trung vị {w['save_to_pdf_median_s']} giây "
          f"(nhỏ nhất {w['min_s']}, lớn nhất {w['max_s']}, {w['saves']} lần lưu; mục tiêu ≤ 1 giây)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
