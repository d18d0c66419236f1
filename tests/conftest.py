"""Shared helpers: build a data file into a temporary folder and read the result."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from generator.commands import cli
from generator.commands.build import build as run_build

import hostile

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
SAMPLE = REPO / "data" / "an-lao-2023-6thang.yaml"
SAMPLE_001 = REPO / "data" / "an-lao-2021-quy1.yaml"  # seed 001: report, biên chế table, Phụ lục 1 and 2
SAMPLE_002 = REPO / "data" / "kim-thach-2023-6thang.yaml"  # seed 002: commune report and task appendix
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def build(data: Path, out: Path) -> Path:
    paths = build_all(data, out)
    assert len(paths) == 1
    return paths[0]


def build_all(data: Path, out: Path) -> list[Path]:
    """Every document the data file declares, built into `out`."""
    return run_build(data, out)[0]


def texts(doc) -> list[str]:
    """The non-empty body paragraphs' text, whitespace normalised."""
    return [normalise(p.text) for p in body_paragraphs(doc) if p.text.strip()]


def run_cli(capsys, *args) -> tuple[int, str, str]:
    """`baocao ARGS…` run in this process: its exit code, what it printed and what it reported."""
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def write_variant(tmp_path: Path, edit, name: str = "bien-the.yaml", sample: Path = SAMPLE) -> Path:
    """A copy of a sample data file, changed by `edit(dict)`; templates resolve as for the sample."""
    data = yaml.safe_load(sample.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / name
    with_previous_period(sample, tmp_path)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def with_previous_period(sample: Path, folder: Path) -> None:
    """A copy of a sample in `folder` finds the previous period's data file it names (bao_cao.ky_truoc)."""
    previous = ((yaml.safe_load(sample.read_text(encoding="utf-8")) or {}).get("bao_cao") or {}).get("ky_truoc")
    if previous and not (folder / previous).exists():
        shutil.copy(sample.parent / previous, folder / previous)


@pytest.fixture(scope="session", autouse=True)
def _own_cache(tmp_path_factory):
    """The LibreOffice profile seed baocao keeps in the user's cache goes to this run's own folder."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def sample_docx(tmp_path_factory) -> Path:
    return build(SAMPLE, tmp_path_factory.mktemp("mau"))


@pytest.fixture(scope="session")
def sample_doc(sample_docx):
    return Document(sample_docx)


@pytest.fixture(scope="session")
def docx_001(tmp_path_factory) -> Path:
    return build(SAMPLE_001, tmp_path_factory.mktemp("s001"))


@pytest.fixture(scope="session")
def docx_002(tmp_path_factory) -> Path:
    return build(SAMPLE_002, tmp_path_factory.mktemp("s002"))


def part_xml(docx: Path, name: str):
    with zipfile.ZipFile(docx) as z:
        return etree.fromstring(z.read(name))


def body_paragraphs(doc) -> list:
    """Body paragraphs in document order, including those inside tables."""
    from docx.text.paragraph import Paragraph

    return [Paragraph(p, doc.part) for p in doc.element.body.iter(qn("w:p"))]


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def style_chain_value(doc, paragraph, run, getter):
    """The effective value of a run property: run, then paragraph style and its bases, then defaults."""
    value = getter(run.font) if run is not None else None
    style = paragraph.style
    while value is None and style is not None:
        value = getter(style.font)
        style = style.base_style
    return value


def require_seeds() -> Path:
    """The seed documents live in ../shared beside the clone (as in CI); outside CI, skip without them."""
    if not SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the seed documents are missing: {SEEDS}")
        pytest.skip(f"không có thư mục tài liệu mẫu {SEEDS} (../shared đặt cạnh bản sao): bỏ qua so sánh với văn bản gốc")
    return SEEDS


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(document: Path, out_dir: Path, target: str) -> Path:
    """Convert with LibreOffice (skipped where it is not installed, failed where CI requires it);
    the conversion itself must succeed."""
    exe = soffice()
    if exe is None:
        if os.environ.get("BAOCAO_REQUIRE_LIBREOFFICE"):
            pytest.fail("LibreOffice (soffice) is required here but not installed")
        pytest.skip("LibreOffice (soffice) chưa được cài: bỏ qua kiểm tra dùng LibreOffice")
    profile = out_dir / "lo-profile"
    result = subprocess.run(
        [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
         "--outdir", str(out_dir), str(document)],
        capture_output=True, text=True, timeout=180,
    )
    converted = out_dir / f"{document.stem}.{target.split(':')[0]}"
    assert result.returncode == 0, result.stderr
    assert converted.is_file(), f"LibreOffice wrote nothing: {result.stdout} {result.stderr}"
    return converted


def to_pdf(docx: Path, out_dir: Path) -> Path:
    return convert(docx, out_dir, "pdf")


def layout_problems(docx: Path) -> list[str]:
    """What breaks the layout every document keeps (Nghị định 30): A4 portrait first section with its
    margins, Times New Roman 14, page numbers from page 2, the two-column header block, headings of
    one level numbered without a gap, and nothing of the template or data syntax left in the text."""
    doc = Document(docx)
    problems = []
    s = doc.sections[0]
    if (round(s.page_width.mm), round(s.page_height.mm)) != (210, 297):
        problems.append("not A4 portrait")
    if tuple(round(m.mm) for m in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)) != (20, 20, 30, 15):
        problems.append("margins")
    normal = doc.styles["Normal"]
    if normal.font.name != "Times New Roman" or normal.font.size.pt != 14:
        problems.append("font")
    if not s.different_first_page_header_footer or "PAGE" not in "".join(
            t.text for t in s.header.paragraphs[0]._p.iter(qn("w:instrText"))):
        problems.append("page numbers")
    header = [normalise(p.text) for cell in doc.tables[0].rows[0].cells for p in cell.paragraphs if p.text.strip()]
    if len(header) < 3 or not any(t in header for t in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM")):
        problems.append(f"header block {header}")
    text = " ".join(p.text for p in body_paragraphs(doc))
    for leftover in ("{{", "{%", "[=", "[@", "«", "»", "^["):
        if leftover in text:
            problems.append(f"left in the text: {leftover}")
    numbers = [m.group(1) for p in doc.paragraphs if (m := re.match(r"^([IVX]+)[.\s]", p.text))]
    expected = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"][:len(numbers)]
    if numbers != expected:
        problems.append(f"level-I headings {numbers}")
    return problems


@pytest.fixture(scope="session")
def hostile_built(tmp_path_factory) -> Path:
    """An output folder with the sample's document and a kept version (tests/hostile.py)."""
    return hostile.good_output(tmp_path_factory.mktemp("tot"))


@pytest.fixture
def folder(tmp_path, hostile_built):
    """A hostile case's folder: bao-cao.yaml beside a copy of that output folder (tests/hostile.py)."""
    return hostile.Folder(tmp_path, hostile_built)
