"""A report with one large table against docxtpl's own table: whole processes, time and peak memory.

    .venv/bin/python bench/bench_large_table.py [--rows 200,2000,20000] [--runs 5] [--json]
    .venv/bin/python bench/bench_large_table.py --steps [--rows 2000]

The data file is seed 001's (data/an-lao-2021-quy1.yaml) with its Phụ lục 2 table
"b) Tình hình giải quyết hồ sơ" (kind ho_so_linh_vuc: 3 header rows with merges, 11
columns, 3 derived total columns and a TỔNG CỘNG row) grown to each of --rows rows.

For each size, two whole processes run side by side, interleaved (bench/processes.py):
`baocao build` of that file (the whole report: every section, all 11 tables, the grown one
among them) and bench/docxtpl_peer.py `table`, docxtpl's own `{%tr for %}` loop over the same
rows in a template this script writes with the same 3 merged header rows, 11 columns and a
TỔNG CỘNG row. Reported: the median seconds of --runs runs, baocao/docxtpl, how time grows
from one size to the next (×10 rows: linear is ×10), and the peak resident memory (baocao's
command and its worker added up; the peer's process) with what each row adds to it, the slope
between the two largest sizes.

--steps instead times one build of the first size step by step inside this process (load,
prepare, render, post-process, zip, write) with its peak Python memory (tracemalloc), to see
where the time goes.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import yaml
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import processes  # noqa: E402

SEED_001 = ROOT / "data" / "an-lao-2021-quy1.yaml"
# docxtpl's body row and TỔNG CỘNG row: the same 11 columns as kind ho_so_linh_vuc (templates/bang.yaml)
NUMBER_COLUMNS = ("tiep_nhan", "ky_truoc", "moi", "da_giai_quyet", "dung_han", "qua_han", "dang_giai_quyet",
                  "chua_den_han", "dang_qua_han")


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


def peer_template(path: Path) -> Path:
    """docxtpl's template of the table: the header as baocao lays out kind ho_so_linh_vuc (3 rows,
    merged across and down), a `{%tr for %}` loop over the rows, the TỔNG CỘNG row."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    tbl = document.add_table(rows=7, cols=11)
    tbl.style = "Table Grid"

    def put(row: int, col: int, text: str, *, to: tuple[int, int] | None = None, bold: bool = False) -> None:
        cell = tbl.cell(row, col).merge(tbl.cell(*to)) if to else tbl.cell(row, col)
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold

    put(0, 0, "Lĩnh vực", to=(2, 0), bold=True)
    put(0, 1, "Số hồ sơ đã tiếp nhận", to=(0, 3), bold=True)
    put(0, 4, "Kết quả giải quyết", to=(0, 9), bold=True)
    put(0, 10, "Ghi chú", to=(2, 10), bold=True)
    put(1, 1, "Tổng số", to=(2, 1), bold=True)
    put(1, 2, "Trong đó", to=(1, 3), bold=True)
    put(1, 4, "Số hồ sơ đã giải quyết", to=(1, 6), bold=True)
    put(1, 7, "Số hồ sơ đang giải quyết", to=(1, 9), bold=True)
    for col, text in enumerate(("Số kỳ trước chuyển qua", "Số mới tiếp nhận", "Tổng số", "Trả đúng hạn",
                                "Trả quá hạn", "Tổng số", "Chưa đến hạn", "Quá hạn"), start=2):
        put(2, col, text, bold=True)
    tbl.cell(3, 0).text = "{%tr for r in dong %}"
    tbl.cell(4, 0).text = "{{ r.linh_vuc }}"
    for col, key in enumerate(NUMBER_COLUMNS, start=1):
        put(4, col, f"{{{{ r.{key}|so }}}}")
        put(6, col, f"{{{{ tong.{key}|so }}}}", bold=True)
    tbl.cell(4, 10).text = "{{ r.ghi_chu }}"
    tbl.cell(5, 0).text = "{%tr endfor %}"
    put(6, 0, "TỔNG CỘNG:", bold=True)
    document.save(path)
    return path


def side_by_side(sizes: list[int], runs: int, folder: Path) -> dict:
    """Both whole processes for every size, interleaved; medians, ratios, growth, memory."""
    template = peer_template(folder / "docxtpl-bang.docx")
    cases: dict[str, list[str]] = {}
    for rows in sizes:
        where = folder / str(rows)
        where.mkdir()
        data = large_data(rows, where)
        cases[f"baocao {rows}"] = processes.BAOCAO + ["build", str(data), "-o", str(where / "baocao")]
        cases[f"docxtpl {rows}"] = processes.PEER + ["table", str(template), str(data), str(where / "docxtpl.docx")]
    measured = processes.interleaved(cases, runs, processes.environment(folder))
    for rows in sizes:  # both made the table they were timed making
        made = Document(str(folder / str(rows) / "baocao" / f"BC-bang-{rows}-dong.docx")).tables
        assert any(len(t.rows) == rows + 4 and t.rows[3].cells[0].text == "Lĩnh vực số 1" for t in made), rows
        peer = Document(str(folder / str(rows) / "docxtpl.docx")).tables[0]
        assert len(peer.rows) == rows + 4 and peer.rows[3].cells[0].text == "Lĩnh vực số 1", rows
    result: dict = {"sizes": {}, "growth": {}, "memory_per_row_kib": {}}
    for rows in sizes:
        ours, peer = measured[f"baocao {rows}"], measured[f"docxtpl {rows}"]
        result["sizes"][rows] = {"baocao": ours, "docxtpl": peer, "ratio": processes.ratio(ours, peer)}
    for small, large in zip(sizes, sizes[1:]):
        for who in ("baocao", "docxtpl"):
            a, b = result["sizes"][small][who], result["sizes"][large][who]
            result["growth"].setdefault(f"{small}->{large}", {})[who] = round(b["median_s"] / a["median_s"], 2)
    if len(sizes) > 1:
        small, large = sizes[-2], sizes[-1]
        for who in ("baocao", "docxtpl"):
            grown = (result["sizes"][large][who]["peak_rss_kib"] - result["sizes"][small][who]["peak_rss_kib"])
            result["memory_per_row_kib"][who] = round(grown / (large - small), 2)
    return result


def steps(rows: int, folder: Path) -> dict:
    """One build of a `rows`-row file, step by step, as plan.prepare and produce run them."""
    from generator import postprocess
    from generator.oxml.table import written_rows
    from generator.plan import prepare, read
    from generator.render import Prose, render_template
    from generator.text.citations import Citer
    from generator.write.docx import atomic_write, docx_bytes

    path = large_data(rows, folder)
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
    blob = docx_bytes(document, written_rows)  # as produce.py saves it
    lap("zip")
    atomic_write(folder / "BC.docx", blob)
    lap("atomic write")
    tracemalloc.start()  # peak memory of the same steps again, apart: tracing slows them
    plan = prepare(path)
    prose = Prose(citer=Citer(plan.source.data.van_ban))
    document = render_template(plan.documents[0].template, plan.documents[0].context, prose)
    postprocess.finish(document, prose, plan.documents[0].template)
    docx_bytes(document, written_rows)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return {"rows": rows, "steps_ms": marks, "peak_python_memory_mib": round(peak, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="200,2000,20000", help="table sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--steps", action="store_true", help="one build of the first size, step by step")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sizes = sorted(int(n) for n in args.rows.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        result = steps(sizes[0], Path(tmp)) if args.steps else side_by_side(sizes, args.runs, Path(tmp))
    result["python"] = platform.python_version()
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    elif args.steps:
        for name, ms in result["steps_ms"].items():
            print(f"  {name:<50}{ms:>9.1f} ms")
        print(f"peak Python memory {result['peak_python_memory_mib']} MiB")
    else:
        print(f"{'rows':>7} {'baocao s':>9} {'docxtpl s':>10} {'ratio':>6} {'baocao MiB':>11} {'docxtpl MiB':>12}"
              f"   (medians of {args.runs} whole processes)")
        for rows, r in result["sizes"].items():
            print(f"{rows:>7} {r['baocao']['median_s']:>9.3f} {r['docxtpl']['median_s']:>10.3f} {r['ratio']:>6.2f} "
                  f"{r['baocao']['peak_rss_kib'] / 1024:>11.1f} {r['docxtpl']['peak_rss_kib'] / 1024:>12.1f}")
        for step, g in result["growth"].items():
            print(f"time grows {step} rows: baocao ×{g['baocao']}, docxtpl ×{g['docxtpl']}")
        if result["memory_per_row_kib"]:
            m = result["memory_per_row_kib"]
            print(f"peak memory per row ({sizes[-2]}->{sizes[-1]}): baocao {m['baocao']} KiB, docxtpl {m['docxtpl']} KiB")


if __name__ == "__main__":
    main()
