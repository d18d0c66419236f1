"""Make docs/vi-du/mau-so-lieu-them.docx: the shipped report template with one sentence added, as a
Văn phòng editor adds it in Word, printing a figure the data file declares in so_lieu_them — the
example of the guide's "Thêm một số liệu mới" (docs/huong-dan-sua-mau.md).

    python tools/make_extra_figure_example.py

The sentence goes right after the hồ sơ sentence, inside its {%p if tthc.ho_so %} block, in a
paragraph of the same style; the tag is split over runs as Word stores text typed in two goes.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_broken_example import rewrite  # noqa: E402  (the tools are scripts, run from anywhere)

DEST = ROOT / "docs" / "vi-du" / "mau-so-lieu-them.docx"
SENTENCE = ('<w:p><w:r><w:t xml:space="preserve">- Số hồ sơ nộp trực tuyến toàn trình: {{ sl.</w:t></w:r>'
            '<w:proofErr w:type="spellStart"/><w:r><w:t>ho_so_truc_tuyen_toan_trinh</w:t></w:r>'
            '<w:proofErr w:type="spellEnd"/><w:r><w:t xml:space="preserve">|so }} hồ sơ.</w:t></w:r></w:p>')


def add_sentence(xml: str) -> str:
    at = xml.index("{%p set hs = tthc.ho_so %}")
    end = xml.index("</w:p>", xml.index("</w:p>", at) + 6) + 6  # after the hồ sơ sentence's paragraph
    return xml[:end] + SENTENCE + xml[end:]


def main() -> None:
    rewrite(DEST, add_sentence)


if __name__ == "__main__":
    main()
