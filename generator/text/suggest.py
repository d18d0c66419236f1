""""Có phải ý bạn là …?": the known name a misspelt one most likely means.

One place for the suggestion every message uses (a data key, a table or column code, a registry
key, a template variable or filter), so they all propose names the same way.
"""

from __future__ import annotations

import difflib
from typing import Iterable


def closest(word: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known name closest to `word`, if any is close enough (difflib's ratio ≥ cutoff). A "name"
    of hundreds of characters is no misspelt name: none is suggested (nor compared at length)."""
    if len(word) > 100:
        return None
    match = difflib.get_close_matches(word, [k for k in known if k], n=1, cutoff=cutoff)
    return match[0] if match else None


def did_you_mean(word: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """"có phải ý bạn là 'x'?" for the closest known name, or None."""
    close = closest(word, known, cutoff)
    return f"có phải ý bạn là '{close}'?" if close else None
