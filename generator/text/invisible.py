"""Characters a clerk cannot see but a document would carry: refused, or (a joiner inside a word)
warned about.

Text pasted from web pages, chat apps or PDFs brings control characters, zero-width spaces
(U+200B) and right-to-left overrides (U+202E, which shows "Nguyễn Văn A" as a reversed string and
hides what is really there). None of them belongs in an official document, and a clerk reading
the data file cannot see them: every Unicode *format* character (category Cf) is refused, with
one exception (the soft hyphen U+00AD, which Word itself inserts and prints as a hyphen at a line
break); a zero-width joiner or non-joiner between two letters, as some keyboards type inside a
word, is only warned about. Control characters (Cc, except tab and line breaks), baocao's own
reserved private-use characters and codes that are no characters (a lone surrogate, U+FFFE, U+FFFF:
XML cannot hold them) are refused too.

One compiled pattern finds them all, so checking a text is a single linear scan in C. The Cf
ranges are listed here (Unicode 15); a test checks them against this Python's unicodedata.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from . import markup

# Unicode category Cf (format characters), without U+00AD (soft hyphen).
_FORMAT = ("\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
           "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
           "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f")
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_RESERVED = "\ue000-\uf8ff"  # markup.is_reserved: baocao's own markers
# Not characters at all, which a YAML escape ("\uFFFE", "\uD800") can still produce: XML refuses them,
# so the .docx could not be written.
_NOT_CHARACTERS = "\ud800-\udfff\ufffe\uffff"
PATTERN = re.compile(f"[{_FORMAT}{_CONTROL}{_RESERVED}{_NOT_CHARACTERS}]")
JOINERS = "\u200c\u200d"  # zero-width non-joiner and joiner: warned inside a word

NAMES = {
    "\u200b": "dấu cách không độ rộng", "\u200c": "ký tự ngăn nối không độ rộng (ZWNJ)",
    "\u200d": "ký tự nối không độ rộng (ZWJ)", "\u200e": "dấu chiều viết trái sang phải",
    "\u200f": "dấu chiều viết phải sang trái", "\u202a": "dấu mở chiều viết trái sang phải",
    "\u202b": "dấu mở chiều viết phải sang trái", "\u202c": "dấu đóng chiều viết",
    "\u202d": "dấu ép chiều viết trái sang phải", "\u202e": "dấu đảo chiều viết (phải sang trái)",
    "\u2060": "dấu nối từ không độ rộng", "\u2066": "dấu cô lập chiều viết", "\u2067": "dấu cô lập chiều viết",
    "\u2068": "dấu cô lập chiều viết", "\u2069": "dấu đóng cô lập chiều viết", "\ufeff": "dấu BOM giữa văn bản",
}


@dataclass(frozen=True)
class Invisible:
    offset: int  # in the text
    char: str
    refused: bool  # False: a joiner inside a word, only warned about

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"

    def describe(self) -> str:
        """"dấu cách không độ rộng (U+200B)", "ký tự điều khiển (U+0007)"."""
        if self.char in NAMES:
            name = NAMES[self.char]
        elif markup.is_reserved(self.char):
            name = "ký tự dành riêng của baocao"
        elif unicodedata.category(self.char) == "Cc":
            name = "ký tự điều khiển"
        elif unicodedata.category(self.char) in ("Cs", "Cn"):
            name = "mã không phải là ký tự"
        else:
            name = "ký tự định dạng vô hình"
        return f"{name} ({self.code})"


def find(text: str, start: int = 0) -> Invisible | None:
    """The first invisible character of `text` from `start`, or None."""
    m = PATTERN.search(text, start)
    if m is None:
        return None
    at, ch = m.start(), m.group()
    inside_word = ch in JOINERS and 0 < at < len(text) - 1 and text[at - 1].isalpha() and text[at + 1].isalpha()
    return Invisible(at, ch, refused=not inside_word)


def every(text: str):
    """Every invisible character of `text`, in order."""
    at = 0
    while (found := find(text, at)) is not None:
        yield found
        at = found.offset + 1
