"""The `baocao` command. Everything it prints is Vietnamese; subcommands are short English words.

Exit codes: 0 success; 2 a user mistake (bad data, bad template, bad
arguments), reported as `file:line:column: lỗi: …` with what to do.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import build as build_module
from .errors import UserError

# argparse's own words, in Vietnamese. argparse looks its messages up through
# the module-level gettext function `_` at call time, which is its supported
# hook for translation; these are the messages baocao's parser can produce.
_ARGPARSE_VI = {
    "usage: ": "Cách dùng: ",
    "positional arguments": "đối số",
    "options": "tùy chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "the following arguments are required: %s": "thiếu đối số bắt buộc: %s",
    "unrecognized arguments: %s": "đối số không nhận ra: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "lệnh không có: %(value)r (chọn một trong %(choices)s)",
    "expected one argument": "cần một giá trị",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "đối số %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn mơ hồ: %(option)s có thể là %(matches)s",
}
argparse._ = lambda message: _ARGPARSE_VI.get(message, message)  # type: ignore[attr-defined]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="baocao",
        description="Soạn báo cáo cải cách hành chính (BC-UBND) thành tệp Word từ tệp số liệu YAML.",
    )
    commands = parser.add_subparsers(dest="lenh", metavar="LỆNH", title="các lệnh")
    commands.required = True
    b = commands.add_parser("build", help="tạo các văn bản mà tệp số liệu khai báo",
                            description="Tạo các văn bản (.docx) mà mỗi tệp số liệu khai báo. Mặc định ghi vào "
                                        "build/<tên tệp số liệu>/. Tệp cũ chỉ bị thay khi tệp mới đã tạo xong.")
    b.add_argument("du_lieu", metavar="DỮ_LIỆU.yaml", nargs="+", type=Path, help="tệp số liệu của kỳ báo cáo")
    b.add_argument("-o", "--ra", metavar="THƯ_MỤC", type=Path, default=None,
                   help="thư mục ghi văn bản (mặc định: build/<tên tệp số liệu>/)")
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # Vietnamese must print even where the console is not UTF-8
        if (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = _parser().parse_args(argv)
    return _build(args.du_lieu, args.ra)  # "build" is the only command so far


def _build(data_files: list[Path], out_dir: Path | None) -> int:
    failed = False
    for data_file in data_files:
        try:
            for path in build_module.build(data_file, out_dir):
                print(path)
        except UserError as exc:
            failed = True
            print(exc.format(), file=sys.stderr)
            print(f"{data_file}: không tạo văn bản nào; các tệp đã có vẫn giữ nguyên.", file=sys.stderr)
    return 2 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
