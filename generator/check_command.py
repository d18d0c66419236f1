"""`baocao check DỮ_LIỆU.yaml [--json]`: every finding of checks.py, without building anything.

The --json output is for tools; its keys are stable (see JSON_HELP).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import checks, schema
from .errors import Finding, UserError
from .loader import load_yaml

JSON_HELP = ("in kết quả dạng JSON cho công cụ khác: {\"tep\", \"loi\" (số lỗi), \"canh_bao\" (số cảnh báo), "
             "\"phat_hien\": [{\"tep\", \"dong\", \"cot\", \"muc_do\" (lỗi|cảnh báo), \"kiem_tra\" (mã phép kiểm tra), "
             "\"o\" (chỗ có lỗi), \"gia_tri\" (các con số của lỗi), \"thong_diep\", \"cach_sua\", \"chap_nhan\" (lý do nếu đã chấp nhận)}]}; "
             "nhiều tệp thì in danh sách các đối tượng đó")


def add_parser(commands) -> None:
    c = commands.add_parser(
        "check", help="kiểm tra số liệu, ngày tháng và trích dẫn văn bản, không tạo văn bản",
        description="Tìm mọi chỗ sai của tệp số liệu trước khi trình ký: tổng khác tổng các thành phần, tỷ lệ, "
                    "ngày tháng, số ký hiệu văn bản được trích dẫn, trích dẫn [@tên] không có trong van_ban, "
                    "đề mục trống. Lỗi đã chấp nhận trong chap_nhan in thành cảnh báo. baocao build cũng chạy "
                    "các phép kiểm tra này: có lỗi thì không tạo văn bản. Mã thoát: 0 không có lỗi, 2 có lỗi.",
        epilog="các phép kiểm tra (kiem_tra): " + "; ".join(f"{code}: {text}" for code, text in checks.CODES.items())
               + ".")
    c.add_argument("du_lieu", metavar="DỮ_LIỆU.yaml", nargs="+", type=Path, help="tệp số liệu cần kiểm tra")
    c.add_argument("--json", action="store_true", help=JSON_HELP)
    c.set_defaults(chay=lambda a: run(a.du_lieu, a.json))


def findings_of(data_file: Path) -> list[Finding]:
    """The findings of one data file; a file that does not load or validate gives the schema's findings."""
    try:
        raw, positions = load_yaml(data_file)
        data = schema.validate(raw, positions)
    except UserError as exc:
        return exc.findings
    found = checks.run(raw, positions, data)
    if data.bao_cao is not None and data.bao_cao.ky_truoc:  # the previous period's file, as build reads it
        from .previous import previous_period
        try:
            previous_period(Path(data_file), data, positions)
        except UserError as exc:
            found += exc.findings
    return found


def _as_json(finding: Finding) -> dict:
    if isinstance(finding, checks.Found):
        return finding.as_json()
    where = finding.location
    return {"tep": str(where.file), "dong": where.line, "cot": where.column, "muc_do": finding.severity,
            "kiem_tra": "du_lieu", "o": None, "gia_tri": None, "thong_diep": finding.message, "cach_sua": finding.hint,
            "chap_nhan": None}


def run(data_files: list[Path], as_json: bool) -> int:
    failed = False
    reports = []
    for data_file in data_files:
        found = findings_of(data_file)
        errors = len(checks.errors(found))
        failed |= bool(errors)
        if as_json:
            reports.append({"tep": str(data_file), "loi": errors, "canh_bao": len(found) - errors,
                            "phat_hien": [_as_json(f) for f in found]})
            continue
        for finding in found:
            print(finding.format())
        print(f"{data_file}: {errors} lỗi, {len(found) - errors} cảnh báo." if found
              else f"{data_file}: không thấy lỗi nào.")
    if as_json:
        json.dump(reports[0] if len(reports) == 1 else reports, sys.stdout, ensure_ascii=False, indent=2)
        print()
    return 2 if failed else 0
