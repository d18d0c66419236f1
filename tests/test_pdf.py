"""`build --pdf`, `--pdfa`, `baocao pdf`: one LibreOffice per core for a command, clear failures, no process
left behind, deterministic files."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pypdf
import pytest

from conftest import REPO, SAMPLE, SAMPLE_001, SAMPLE_002
from generator.commands import cli
from generator.write import history, office, pdf, pdf_bytes
from generator.write.office_server import KeptOffice
from pdf_helpers import processes_mentioning, require_office

SAMPLES = sorted((REPO / "data").glob("*.yaml"))


@pytest.fixture(autouse=True)
def _office():
    require_office()


@pytest.fixture
def own_tmp(tmp_path, monkeypatch):
    """Temporary files (LibreOffice's profile among them) under this test's folder, to find its processes."""
    folder = tmp_path / "tam"
    folder.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(folder))
    return folder


def _run(*args, env=None, **kwargs):
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], cwd=REPO, capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=300, **kwargs)


def test_build_pdf_shares_the_documents_between_one_libreoffice_per_core_with_the_same_bytes(tmp_path, monkeypatch):
    calls = []
    real = pdf._batch
    monkeypatch.setattr(pdf, "_batch", lambda *a, **k: calls.append(a[2]) or real(*a, **k))
    monkeypatch.setattr(pdf.limits, "cores", lambda: 2)
    assert cli.main(["build", *map(str, SAMPLES), "-o", str(tmp_path), "--pdf"]) == 0
    documents = sorted(tmp_path.glob("*.docx"))
    assert len(documents) == len(SAMPLES) and len(documents) >= 2 * pdf.MIN_PER_OFFICE
    # two LibreOffice, one call each, every document in exactly one of them
    assert len(calls) == 2 and sorted(len(c) for c in calls) == [len(documents) // 2, len(documents) - len(documents) // 2]
    for doc in documents:
        reader = pypdf.PdfReader(doc.with_suffix(".pdf"))
        assert reader.pages[0].extract_text().strip(), doc
    assert not list(tmp_path.glob(".*.tmp")) and not (tmp_path / ".truoc").exists()
    # one LibreOffice for them all gives the same bytes
    alone = tmp_path / "mot"
    alone.mkdir()
    for doc in documents:
        shutil.copy(doc, alone / doc.name)
    result = pdf.convert(sorted(alone.glob("*.docx")), offices=1)
    assert not result.failed and len(calls) == 3
    for doc in documents:
        assert (alone / doc.name).with_suffix(".pdf").read_bytes() == doc.with_suffix(".pdf").read_bytes(), doc


def test_pdf_is_deterministic_and_rebuilding_keeps_no_needless_version(tmp_path):
    assert cli.main(["build", str(SAMPLE), "-o", str(tmp_path), "--pdf"]) == 0
    target = tmp_path / "BC-an-lao-2023-6thang.pdf"
    first = target.read_bytes()
    time.sleep(1.1)  # LibreOffice stamps the time to the second
    assert cli.main(["build", str(SAMPLE), "-o", str(tmp_path), "--pdf"]) == 0
    assert target.read_bytes() == first
    assert history.kept(target) == []
    # the document's own date, not the time of the export
    assert pypdf.PdfReader(target).metadata["/CreationDate"].startswith("D:2023")


def test_pdfa_is_deterministic_carries_its_identification_and_embeds_every_font(tmp_path):
    one, two = tmp_path / "1", tmp_path / "2"
    assert cli.main(["build", str(SAMPLE_002), "-o", str(one), "--pdfa"]) == 0
    time.sleep(1.1)
    assert cli.main(["build", str(SAMPLE_002), "-o", str(two), "--pdfa"]) == 0
    first, second = (d / "BC-kim-thach-2023-6thang.pdf" for d in (one, two))
    assert first.read_bytes() == second.read_bytes()
    reader = pypdf.PdfReader(first, strict=True)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r"<pdfaid:part>2</pdfaid:part>", xmp) and re.search(r"<pdfaid:conformance>B</pdfaid:conformance>", xmp)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described["/FontDescriptor"].get_object()
            fonts[font["/BaseFont"]] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts
    _offsets_are_right(first.read_bytes())


def _offsets_are_right(data: bytes) -> None:
    """Every object is where the cross-reference table says (the colour profile may have moved them)."""
    start = int(re.search(rb"startxref\s*(\d+)\s*%%EOF\s*$", data).group(1))
    assert data[start:start + 4] == b"xref"
    header = re.compile(rb"\s*(\d+) (\d+)\s*?\r?\n").match(data, start + 4)
    first, count, pos = int(header.group(1)), int(header.group(2)), header.end()
    for k in range(count):
        entry = data[pos + 20 * k:pos + 20 * k + 20]
        if entry[17:18] == b"n":
            assert data[int(entry[:10]):].startswith(b"%d 0 obj" % (first + k)), first + k


def test_times_new_roman_missing_is_a_warning_naming_liberation_serif(tmp_path, capsys):
    assert cli.main(["build", str(SAMPLE), "-o", str(tmp_path), "--pdf"]) == 0
    used = pdf_bytes.fonts((tmp_path / "BC-an-lao-2023-6thang.pdf").read_bytes())
    err = capsys.readouterr().err
    if "TimesNewRomanPSMT" in used or "TimesNewRoman" in used:  # a machine that has the font: no warning
        assert "Times New Roman" not in err
    else:
        assert "LiberationSerif" in used
        assert "cảnh báo: máy này không có phông Times New Roman: LibreOffice đã dùng phông Liberation Serif" in err


def test_libreoffice_missing_is_a_vietnamese_error_with_exit_2_and_the_docx_still_written(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != office.ENV_SOFFICE}
    env["PATH"] = str(Path(sys.executable).parent)  # python, no soffice
    result = _run("build", SAMPLE, "-o", tmp_path, "--pdf", env=env)
    assert result.returncode == 2
    assert "không tìm thấy LibreOffice (lệnh soffice) để tạo PDF" in result.stderr
    assert "Cách sửa: cài LibreOffice" in result.stderr and "apt-get install libreoffice-writer-nogui" in result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "BC-an-lao-2023-6thang.docx").is_file() and not list(tmp_path.glob("*.pdf"))


def test_a_conversion_over_the_time_limit_names_the_document_keeps_the_earlier_pdf_and_leaves_no_process(
        tmp_path, own_tmp, monkeypatch):
    docs = [tmp_path / "mot.docx", tmp_path / "hai.docx"]
    for doc, sample in zip(docs, (SAMPLE, SAMPLE_002)):
        assert cli.main(["build", str(sample), "-o", str(tmp_path / "b")]) == 0
        shutil.copy(next((tmp_path / "b").glob(f"*{sample.stem}.docx")), doc)
        doc.with_suffix(".pdf").write_bytes(b"%PDF earlier")
    monkeypatch.setattr(pdf, "START_GRACE", 0.0)
    more = [tmp_path / f"them-{k}.docx" for k in range(2 * pdf.MIN_PER_OFFICE - len(docs))]
    for k, extra in enumerate(more):  # enough for two LibreOffice at once, both timing out
        shutil.copy(docs[k % 2], extra)
    result = pdf.convert(docs + more, limit=0.3, offices=2)  # not even time to start LibreOffice
    assert [f.location.file for f in result.failed] == [d.with_suffix(".pdf") for d in docs + more]  # in order
    assert all("sau 0.3 giây (quá thời gian cho phép)" in f.message and "giữ nguyên" in f.message for f in result.failed)
    assert "mot.docx" in result.failed[0].message and "hai.docx" in result.failed[1].message
    assert all(d.with_suffix(".pdf").read_bytes() == b"%PDF earlier" for d in docs)
    assert processes_mentioning(str(own_tmp)) == {}
    assert list(own_tmp.iterdir()) == []  # the profile and the work folder are gone


def test_ctrl_c_during_conversion_leaves_no_libreoffice_and_no_partial_pdf(tmp_path):
    temp = tmp_path / "tam"
    temp.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", *map(str, SAMPLES), "-o", str(tmp_path / "ra"),
                             "--pdf"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", env={**os.environ, "TMPDIR": str(temp)})
    try:
        deadline = time.monotonic() + 120
        while not any("soffice" in c for c in processes_mentioning(str(temp)).values()):
            assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert "Đã dừng (Ctrl+C)" in err and "Traceback" not in err
    assert processes_mentioning(str(temp)) == {}
    assert list(temp.iterdir()) == []
    assert not list((tmp_path / "ra").glob("*.pdf")) and not list((tmp_path / "ra").glob(".*"))


def test_pdf_command_converts_existing_documents_and_refuses_what_is_not_one(tmp_path):
    assert cli.main(["build", str(SAMPLE_001), "-o", str(tmp_path)]) == 0
    doc = tmp_path / "BC-an-lao-2021-quy1.docx"
    fake = tmp_path / "gia.docx"
    fake.write_text("không phải docx", encoding="utf-8")
    refused = _run("pdf", doc, fake)
    assert refused.returncode == 2 and not doc.with_suffix(".pdf").exists()
    assert f"{fake}: lỗi: tệp này không phải văn bản Word .docx hợp lệ" in refused.stderr
    assert "chưa chuyển văn bản nào sang PDF" in refused.stderr
    done = _run("pdf", doc, "--pdfa")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [str(doc.with_suffix(".pdf"))]
    assert b"pdfaid:part" in doc.with_suffix(".pdf").read_bytes()


def test_kept_libreoffice_restarts_after_a_hang_and_after_dying_and_leaves_nothing_on_close(tmp_path, own_tmp):
    assert cli.main(["build", str(SAMPLE), str(SAMPLE_001), "-o", str(tmp_path)]) == 0
    small, large = tmp_path / "BC-an-lao-2023-6thang.docx", tmp_path / "BC-an-lao-2021-quy1.docx"
    with KeptOffice(limit=60) as kept:
        if not kept.kept:
            if os.environ.get("CI"):
                pytest.fail("no Python with LibreOffice's uno module (python3-uno)")
            pytest.skip("không có Python kèm mô-đun uno (python3-uno): LibreOffice không giữ chạy được")
        assert kept.convert([small]).written == [small.with_suffix(".pdf")]
        earlier = large.with_suffix(".pdf")
        earlier.write_bytes(b"%PDF earlier")
        kept.limit = 0.001  # the large report cannot be done in a millisecond: LibreOffice "hangs"
        hung = kept.convert([large])
        assert len(hung.failed) == 1 and "BC-an-lao-2021-quy1.docx" in hung.failed[0].message
        assert "quá thời gian cho phép" in hung.failed[0].message and earlier.read_bytes() == b"%PDF earlier"
        assert processes_mentioning(str(own_tmp)) == {}  # the hung LibreOffice was ended whole
        kept.limit = 60
        assert kept.convert([large]).written == [earlier] and kept.started == 2
        for pid, line in processes_mentioning(str(own_tmp)).items():  # LibreOffice dies under it…
            if "soffice.bin" in line:
                os.kill(pid, signal.SIGKILL)
        assert kept.convert([small]).written == [small.with_suffix(".pdf")] and kept.started == 3  # …and comes back
    assert processes_mentioning(str(own_tmp)) == {} and list(own_tmp.iterdir()) == []
