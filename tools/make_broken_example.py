"""Make docs/vi-du/mau-loi.docx: the shipped report template damaged the way Word damages
templates, for the guide (docs/huong-dan-sua-mau.md) to show what `baocao template check` says.

    python tools/make_broken_example.py

Damage: the end of a loop deleted, a misspelt filter, a misspelt variable typed in three runs
of different formatting (as Word stores a word it spell-checked or half-bolded), and quotes that
Word's autocorrect curled (harmless: docxtpl straightens them inside tags).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "templates" / "bao-cao-cchc.docx"
DEST = ROOT / "docs" / "vi-du" / "mau-loi.docx"


def damage(xml: str) -> str:
    at = xml.index("{%p endfor %}")  # the end of the issuing body's header lines
    xml = xml[:at] + xml[at + len("{%p endfor %}"):]
    xml = xml.replace("{{ hs.tiep_nhan|so }}", "{{ hs.tiep_nhan|sô }}", 1)
    xml = xml.replace("<w:t>{{ nk.chuc_vu }}</w:t></w:r>",
                      '<w:t xml:space="preserve">{{ nk.</w:t></w:r>'
                      '<w:r><w:rPr><w:b/></w:rPr><w:t>chuc_vuu</w:t></w:r>'
                      '<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve"> }}</w:t></w:r>', 1)
    curly = "{{ ‘.’ if loop.last else ‘;’ }}"  # Word's autocorrect, in the Kính gửi list
    assert "{{ '.' if loop.last else ';' }}" in xml
    return xml.replace("{{ '.' if loop.last else ';' }}", curly, 1)


def rewrite(dest: Path, edit) -> None:
    """The shipped template copied to `dest`, its body's XML text changed by `edit`."""
    with zipfile.ZipFile(SOURCE) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            out.writestr(info, data)
    print(dest)


def main() -> None:
    rewrite(DEST, damage)


if __name__ == "__main__":
    main()
