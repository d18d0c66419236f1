"""`baocao schema`: the data file's JSON Schema on standard output, for an editor's completion."""

from __future__ import annotations

import json
import sys

from ..schema import schema


def main(args) -> int:
    json.dump(schema(), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0
