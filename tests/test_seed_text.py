"""The generated report says, word for word, what seed 000 says.

Both sides are normalised: markdown marks and whitespace go, `<sup>N</sup>`
reference marks go, and the footnote texts (which the transcription prints
where the page broke) are taken out of the seed and compared on their own.
The seed's header block was lost in transcription, so the comparison starts at
"Số:"; the header block is checked in test_report.py.
"""

from __future__ import annotations

import difflib
import re

from conftest import W, body_paragraphs, normalise, part_xml, require_seeds


def seed_words(text: str, footnotes: list[str]) -> list[str]:
    text = re.sub(r"<sup>\d+</sup>", "", text.replace("*", "").replace("\\", ""))
    text = re.sub(r"^#+ ", "", text, flags=re.M)
    text = normalise(text)
    for note in footnotes:
        assert note in text, f"footnote not in the seed: {note[:60]}…"
        text = text.replace(note, " ", 1)
    return normalise(text).split(" ")


def generated_words(doc) -> list[str]:
    text = normalise(" ".join(p.text for p in body_paragraphs(doc)))
    return text[text.index("Số:"):].split(" ")


def footnote_texts(docx) -> list[str]:
    notes = part_xml(docx, "word/footnotes.xml").findall(f"{W}footnote")[2:]
    return [normalise(" ".join("".join(t.text for t in p.iter(f"{W}t")) for p in n.findall(f"{W}p")))
            for n in notes]


def test_body_text_matches_seed_000(sample_docx, sample_doc):
    seed = (require_seeds() / "000_95fee57631fefdd3.txt").read_text(encoding="utf-8")
    notes = footnote_texts(sample_docx)
    assert len(notes) == 4
    expected, got = seed_words(seed, notes), generated_words(sample_doc)
    if got != expected:
        diff = "\n".join(list(difflib.unified_diff(expected, got, "seed", "generated", n=6, lineterm=""))[:80])
        raise AssertionError(f"body text differs from seed 000:\n{diff}")
