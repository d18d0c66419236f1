"""The `baocao` command. Everything it prints is Vietnamese; subcommands are short English words.

Commands: `build` (documents from a data file; `--watch` rebuilds on save), `check` (the data's
figures, dates and citations; checks.py), `diff` (changes between two versions, optionally as a
tracked-changes .docx), `template check` and
`template vars` (for the Văn phòng who maintain the templates).

Exit codes: 0 success; 2 a user mistake (bad data, bad template, bad
arguments), reported as `file:line:column: lỗi: …` with what to do.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import build as build_module
from . import check_command, template_check, watch
from . import diff as diff_module
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
        description="Soạn văn bản hành chính thành tệp Word từ tệp số liệu YAML: báo cáo cải cách hành chính "
                    "(BC-UBND) với bảng và phụ lục, thông báo kết luận (TB-UBND), báo cáo của cấp ủy đảng.",
    )
    commands = parser.add_subparsers(dest="lenh", metavar="LỆNH", title="các lệnh")
    commands.required = True
    b = commands.add_parser("build", help="tạo các văn bản mà tệp số liệu khai báo",
                            description="Tạo các văn bản (.docx) mà mỗi tệp số liệu khai báo. Mặc định ghi vào "
                                        "build/<tên tệp số liệu>/. Tệp cũ chỉ bị thay khi tệp mới đã tạo xong.")
    b.add_argument("du_lieu", metavar="DỮ_LIỆU.yaml", nargs="+", type=Path, help="tệp số liệu của kỳ báo cáo")
    b.add_argument("-o", "--ra", metavar="THƯ_MỤC", type=Path, default=None,
                   help="thư mục ghi văn bản (mặc định: build/<tên tệp số liệu>/)")
    b.add_argument("--tach-phu-luc", action="store_true",
                   help="ghi mỗi phụ lục thành một tệp .docx riêng (<tên>-phu-luc-1.docx …) thay vì nối sau báo cáo")
    b.add_argument("--watch", "--theo-doi", dest="theo_doi", action="store_true",  # issue 7
                   help="theo dõi: tạo lại văn bản mỗi khi tệp số liệu, mẫu hoặc tệp số liệu kỳ trước (ky_truoc) được lưu "
                        "(Ctrl+C để dừng)")
    b.set_defaults(chay=lambda a: watch.run(a.du_lieu, a.ra, split_appendices=a.tach_phu_luc) if a.theo_doi
                   else _build(a.du_lieu, a.ra, a.tach_phu_luc))

    check_command.add_parser(commands)  # issue 5: `baocao check`

    # --- issue 7: diff ---
    d = commands.add_parser("diff", help="liệt kê chỗ thay đổi giữa hai tệp số liệu hoặc hai văn bản .docx",
                            description="So sánh hai tệp số liệu (.yaml, tạo văn bản trong bộ nhớ, không ghi tệp) hoặc "
                                        "hai văn bản .docx: in các đoạn, ô bảng và chú thích đã thay đổi theo đề mục của văn bản, "
                                        "ví dụ «II.2, đoạn 4: …giải quyết [9.737 → 9.744] hồ sơ…».")
    d.add_argument("cu", metavar="CŨ", type=Path, help="tệp số liệu hoặc văn bản .docx bản trước")
    d.add_argument("moi", metavar="MỚI", type=Path, help="tệp số liệu hoặc văn bản .docx bản sau")
    d.add_argument("--docx", dest="ra_docx", metavar="RA.docx", type=Path, default=None,
                   help="ghi văn bản MỚI kèm các thay đổi được theo dõi (Track Changes) để xem trong Word")
    d.set_defaults(chay=lambda a: diff_module.run(a.cu, a.moi, a.ra_docx))
    # --- end issue 7 ---

    t = commands.add_parser("template", help="kiểm tra mẫu Word, liệt kê biến và bộ lọc dùng được trong mẫu",
                            description="Các lệnh cho người sửa mẫu văn bản (.docx).")
    t_commands = t.add_subparsers(dest="lenh_mau", metavar="LỆNH", title="các lệnh")
    t_commands.required = True
    tc = t_commands.add_parser("check", help="tìm mọi lỗi của một mẫu mà không tạo văn bản",
                               description="Tìm mọi lỗi của mẫu: thẻ chưa đóng, cú pháp, bộ lọc không có, biến không "
                                           "có trong số liệu (kèm gợi ý tên đúng). Mỗi lỗi chỉ rõ phần, đoạn, ô bảng. "
                                           "Có --du-lieu thì điền thử mẫu bằng số liệu đó (không ghi tệp).")
    tc.add_argument("mau", metavar="MẪU.docx", type=Path, help="tệp mẫu cần kiểm tra")
    tc.add_argument("--du-lieu", "--data", dest="du_lieu", metavar="DỮ_LIỆU.yaml", type=Path, default=None,
                    help="tệp số liệu để điền thử")
    tc.set_defaults(chay=lambda a: _template_check(a.mau, a.du_lieu))
    tv = t_commands.add_parser("vars", help="liệt kê biến và bộ lọc mà mẫu báo cáo dùng được",
                               description="Liệt kê mọi biến và bộ lọc mà mẫu báo cáo dùng được, kèm mô tả; có "
                                           "--du-lieu thì kèm giá trị ví dụ lấy từ tệp số liệu đó.")
    tv.add_argument("--du-lieu", "--data", dest="du_lieu", metavar="DỮ_LIỆU.yaml", type=Path, default=None,
                    help="tệp số liệu lấy giá trị ví dụ")
    tv.set_defaults(chay=lambda a: _template_vars(a.du_lieu))
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # Vietnamese must print even where the console is not UTF-8
        if (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = _parser().parse_args(argv)
    try:
        return args.chay(args)
    except UserError as exc:  # the command could not start: a missing file, a broken data file…
        print(exc.format(), file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and cut short: not an error of the user's
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _build(data_files: list[Path], out_dir: Path | None, split_appendices: bool = False) -> int:
    failed, written, warned, accepted = 0, 0, 0, 0
    taken: set[Path] = set()  # written by this command: a later data file may not write over them
    for data_file in data_files:
        try:
            warnings: list = []
            paths = build_module.build(data_file, out_dir, warnings, split_appendices=split_appendices, taken=taken)
            for finding in warnings:  # the checks' warnings (an error would have stopped the build)
                print(finding.format(), file=sys.stderr)
            for path in paths:
                print(path)
            written += len(paths)
            warned += len(warnings)
            accepted += sum(1 for f in warnings if getattr(f, "accepted", None))
        except UserError as exc:
            failed += 1
            print(exc.format(), file=sys.stderr)
            print(f"{data_file}: không tạo văn bản nào; các tệp đã có vẫn giữ nguyên.", file=sys.stderr)
    if len(data_files) > 1 or warned:  # one line to read after a long output
        note = f" ({accepted} đã chấp nhận trong chap_nhan)" if accepted else ""
        print(f"Tổng cộng: {len(data_files)} tệp số liệu, {written} văn bản đã tạo, {failed} tệp lỗi, "
              f"{warned} cảnh báo{note}.", file=sys.stderr)
    return 2 if failed else 0


def _template_check(template: Path, data_file: Path | None) -> int:
    findings = template_check.check(template, data_file)
    for finding in findings:
        print(finding.format())
    errors = sum(f.severity == "lỗi" for f in findings)
    warnings = len(findings) - errors
    print(f"{template}: {errors} lỗi, {warnings} cảnh báo." if findings else f"{template}: không thấy lỗi nào.")
    return 2 if errors else 0


def _template_vars(data_file: Path | None) -> int:
    rows = template_check.variables(data_file)  # a bad data file is reported before anything is printed
    print("BIẾN (dùng trong {{ … }} và {% … %}):")
    for name, description, example in rows:
        print(f"  {name}")
        if description:
            print(f"      {description}")
        if example:
            print(f"      ví dụ: {example}")
    print(f"\nTÊN NGẮN MẪU CÓ SẴN ĐẶT RA ({build_module.REPORT_TEMPLATE.name}):")
    for name, meaning in template_check.shortcuts(build_module.REPORT_TEMPLATE):
        print(f"  {name} {meaning}")
    print("  loop.index: số thứ tự 1, 2, … của mục đang lặp (trong vòng lặp)")
    print("\nBỘ LỌC CỦA BAOCAO (viết sau dấu |):")
    for name, (description, example) in template_check.FILTERS_VI.items():
        print(f"  {name}: {description}. Ví dụ: {example}")
    print("\nCác bộ lọc sẵn có của Jinja cũng dùng được, ví dụ: upper, lower, join, length, default, replace.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
