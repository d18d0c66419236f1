"""`baocao check DỮ_LIỆU.yaml [--json]`: every finding of the data file's plan, without building.

The --json output is for tools; its keys are stable (commands/cli.py, JSON_HELP).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..checks.base import Found
from ..checks.runner import errors
from ..errors import Finding, UserError
from ..plan import prepare


def findings_of(data_file: Path) -> list[Finding]:
    """The findings of one data file, as build sees them; a file that does not load or validate
    gives its validation findings."""
    try:
        return list(prepare(data_file).findings)
    except UserError as exc:
        return exc.findings


def _as_json(finding: Finding) -> dict:
    if isinstance(finding, Found):
        return finding.as_json()
    where = finding.location
    return {"tep": str(where.file), "dong": where.line, "cot": where.column, "muc_do": finding.severity,
            "kiem_tra": "du_lieu", "o": None, "gia_tri": None, "thong_diep": finding.message, "cach_sua": finding.hint,
            "chap_nhan": None}


def main(args) -> int:
    failed = False
    reports = []
    for data_file in args.du_lieu:
        found = findings_of(data_file)
        count = len(errors(found))
        failed |= bool(count)
        if args.json:
            reports.append({"tep": str(data_file), "loi": count, "canh_bao": len(found) - count,
                            "phat_hien": [_as_json(f) for f in found]})
            continue
        for finding in found:
            print(finding.format())
        print(f"{data_file}: {count} lỗi, {len(found) - count} cảnh báo." if found
              else f"{data_file}: không thấy lỗi nào.")
    if args.json:
        json.dump(reports[0] if len(reports) == 1 else reports, sys.stdout, ensure_ascii=False, indent=2)
        print()
    return 2 if failed else 0
