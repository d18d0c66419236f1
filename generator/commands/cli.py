"""The `baocao` command. Everything it prints is Vietnamese; subcommands are short words.

Commands: `build` (documents from a data file; `--watch` rebuilds on save; `--excel` also writes
its tables to a workbook; `--pdf`, `--pdfa` also write PDFs; `-j` workers), `pdf` (existing .docx to PDF),
`tong-hop` (many units' figures combined into one data file),
`check` (the data's figures, dates and citations), `diff` (changes between two versions, optionally
as a tracked-changes .docx), `bieu` (a data form to fill in Excel), `moi` (a starter data file),
`ky-moi` (the next period's data file), `schema` (the data file's JSON Schema), `template check` and
`template vars` (for the Văn phòng who maintain the templates). Each is a module of this package
with a `main(args) -> int`, imported only when that
command runs, so that `baocao --help` or a build does not load what another command needs.

Exit codes: 0 success; 2 a user mistake (bad data, bad template, bad arguments), reported as
`file:line:column: lỗi: …` with what to do; 1 `tong-hop` wrote an incomplete combination (a unit
missing), or a bug in baocao (a traceback).
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
from pathlib import Path

from .. import worker
from ..checks.codes import CODES
from ..errors import UserError
from ..write.pdf import LIMIT as PDF_LIMIT

# argparse's own words, in Vietnamese. argparse looks its messages up through the module-level
# gettext function `_` at call time, which is its supported hook for translation; these are the
# messages baocao's parser can produce.
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

JSON_HELP = ("in kết quả dạng JSON cho công cụ khác: {\"tep\", \"loi\" (số lỗi), \"canh_bao\" (số cảnh báo), "
             "\"phat_hien\": [{\"tep\", \"dong\", \"cot\", \"muc_do\" (lỗi|cảnh báo), \"kiem_tra\" (mã phép kiểm tra), "
             "\"o\" (chỗ có lỗi), \"gia_tri\" (các con số của lỗi), \"thong_diep\", \"cach_sua\", \"chap_nhan\" (lý do nếu đã chấp nhận)}]}; "
             "nhiều tệp thì in danh sách các đối tượng đó")


def _command(commands, name: str, module: str, **kwargs) -> argparse.ArgumentParser:
    parser = commands.add_parser(name, **kwargs)
    parser.set_defaults(module=f"{__package__}.{module}")
    return parser


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="baocao",
        description="Soạn văn bản hành chính thành tệp Word từ tệp số liệu YAML: báo cáo cải cách hành chính "
                    "(BC-UBND) với bảng và phụ lục, thông báo kết luận (TB-UBND), báo cáo của cấp ủy đảng.",
    )
    commands = top.add_subparsers(dest="lenh", metavar="LỆNH", title="các lệnh")
    commands.required = True

    b = _command(commands, "build", "build", help="tạo các văn bản mà tệp số liệu khai báo",
                 description="Tạo các văn bản (.docx) mà mỗi tệp số liệu khai báo. Mặc định ghi vào "
                             "build/<tên tệp số liệu>/. Tệp cũ chỉ bị thay khi tệp mới đã tạo xong.")
    b.add_argument("du_lieu", metavar="DỮ_LIỆU.yaml", nargs="+", type=Path, help="tệp số liệu của kỳ báo cáo")
    b.add_argument("-o", "--ra", metavar="THƯ_MỤC", type=Path, default=None,
                   help="thư mục ghi văn bản (mặc định: build/<tên tệp số liệu>/)")
    b.add_argument("--tach-phu-luc", action="store_true",
                   help="ghi mỗi phụ lục thành một tệp .docx riêng (<tên>-phu-luc-1.docx …) thay vì nối sau báo cáo")
    b.add_argument("--excel", action="store_true",
                   help="ghi thêm một tệp bảng tính bang-<tên tệp số liệu>.xlsx cạnh văn bản: mọi bảng như đã tạo (cột tổng, "
                        "tỷ lệ, Tăng/giảm, dòng TỔNG CỘNG), mỗi bảng một trang")
    b.add_argument("--watch", "--theo-doi", dest="theo_doi", action="store_true",
                   help="theo dõi: tạo lại văn bản mỗi khi tệp số liệu, mẫu hoặc tệp số liệu kỳ trước (ky_truoc) được lưu "
                        "(Ctrl+C để dừng)")
    _jobs_option(b, "tệp số liệu")
    _pdf_options(b, "ghi thêm tệp PDF cạnh mỗi văn bản .docx (cần LibreOffice)")

    th = _command(commands, "tong-hop", "tong_hop", help="tổng hợp số liệu báo cáo của nhiều đơn vị (xã, phường…) cùng kỳ",
                  description="Cộng số liệu các bảng mà các đơn vị cùng có (dòng ghép theo mã dòng, hoặc theo chữ ở cột "
                              "chữ đầu tiên; cột tổng, tỷ lệ, Tăng/giảm, STT, TỔNG CỘNG tính lại từ tổng), kèm bảng theo "
                              "từng đơn vị và tình trạng báo cáo của từng đơn vị (chưa báo cáo, kỳ khác, có lỗi). Ghi một "
                              "tệp số liệu mà báo cáo của cơ quan cấp trên lấy bảng (lay_tu) và trích số liệu.",
                  epilog="mã thoát: 0 đã ghi, đủ mọi đơn vị; 1 đã ghi nhưng thiếu đơn vị (chưa báo cáo, kỳ khác, hay có lỗi "
                         "khi có --bo-qua-loi) hay thiếu bảng của đơn vị (khác cột với bảng cùng mã); 2 không ghi gì (tệp của đơn vị có lỗi, danh sách sai, không đơn vị nào "
                         "tổng hợp được, hay tổng có lỗi do số liệu đơn vị đã chấp nhận bằng chap_nhan).")
    th.add_argument("du_lieu", metavar="DỮ_LIỆU.yaml", nargs="+", type=Path, help="tệp số liệu của các đơn vị")
    th.add_argument("--danh-sach", dest="danh_sach", metavar="DANH_SÁCH.yaml", type=Path, required=True,
                    help="tệp danh sách: kỳ báo cáo, cơ quan tổng hợp, các đơn vị phải báo cáo (xem README)")
    th.add_argument("-o", "--ra", metavar="RA.yaml", type=Path, default=None,
                    help="tệp tổng hợp ghi ra (mặc định: tong-hop.yaml cạnh tệp danh sách)")
    th.add_argument("--excel", action="store_true",
                    help="ghi thêm bảng tính .xlsx cùng tên cạnh tệp tổng hợp: mọi bảng tổng hợp như đã tính")
    th.add_argument("--bo-qua-loi", action="store_true",
                    help="vẫn ghi tệp tổng hợp khi tệp của một số đơn vị có lỗi: các đơn vị đó được liệt kê, không cộng")
    _jobs_option(th, "tệp của đơn vị")

    c = _command(commands, "check", "check", help="kiểm tra số liệu, ngày tháng và trích dẫn văn bản, không tạo văn bản",
                 description="Tìm mọi chỗ sai của tệp số liệu trước khi trình ký: tổng khác tổng các thành phần, tỷ lệ, "
                             "ngày tháng, số ký hiệu văn bản được trích dẫn, trích dẫn [@tên] không có trong van_ban, "
                             "đề mục trống. Lỗi đã chấp nhận trong chap_nhan in thành cảnh báo. baocao build cũng chạy "
                             "các phép kiểm tra này: có lỗi thì không tạo văn bản. Mã thoát: 0 không có lỗi, 2 có lỗi.",
                 epilog="các phép kiểm tra (kiem_tra): " + "; ".join(f"{code}: {text}" for code, text in CODES.items())
                        + ".")
    c.add_argument("du_lieu", metavar="DỮ_LIỆU.yaml", nargs="+", type=Path, help="tệp số liệu cần kiểm tra")
    c.add_argument("--json", action="store_true", help=JSON_HELP)

    d = _command(commands, "diff", "diff", help="liệt kê chỗ thay đổi giữa hai tệp số liệu hoặc hai văn bản .docx",
                 description="So sánh hai tệp số liệu (.yaml, tạo văn bản trong bộ nhớ, không ghi tệp) hoặc "
                             "hai văn bản .docx: in các đoạn, ô bảng và chú thích đã thay đổi theo đề mục của văn bản, "
                             "ví dụ «II.2, đoạn 4: …giải quyết [9.737 → 9.744] hồ sơ…».")
    d.add_argument("cu", metavar="CŨ", type=Path, help="tệp số liệu hoặc văn bản .docx bản trước")
    d.add_argument("moi", metavar="MỚI", type=Path, help="tệp số liệu hoặc văn bản .docx bản sau")
    d.add_argument("--docx", dest="ra_docx", metavar="RA.docx", type=Path, default=None,
                   help="ghi văn bản MỚI kèm các thay đổi được theo dõi (Track Changes) để xem trong Word")

    f = _command(commands, "bieu", "form", help="ghi biểu mẫu Excel (.xlsx) để điền số liệu các bảng",
                 description="Ghi biểu mẫu Excel để điền các dòng của bảng: mỗi bảng của tệp số liệu (hoặc mỗi kiểu bảng "
                             "ghi sau --kieu) một trang, tiêu đề cột gộp ô như trong văn bản, hàng mã cột, cột tự tính tô "
                             "xám và khóa; trang đầu hướng dẫn cách điền và cách tệp số liệu trỏ tới từng trang "
                             "(excel: {tep, trang}). Không ghi đè tệp đã có nếu không có --ghi-de.")
    f.add_argument("du_lieu", metavar="DỮ_LIỆU.yaml", nargs="?", type=Path, default=None,
                   help="tệp số liệu có các bảng cần làm biểu mẫu")
    f.add_argument("--kieu", metavar="KIỂU_BẢNG", nargs="+", default=None,
                   help="làm biểu mẫu cho các kiểu bảng này (trong templates/bang.yaml)")
    f.add_argument("-o", "--ra", metavar="RA.xlsx", type=Path, default=None,
                   help="tệp biểu mẫu ghi ra (mặc định: <tên tệp số liệu>-so-lieu.xlsx cạnh tệp số liệu, "
                        "hoặc bieu-mau.xlsx)")
    f.add_argument("--kem-so-lieu", action="store_true",
                   help="ghi sẵn vào biểu mẫu các dòng mà tệp số liệu đang có (chuyển bảng từ YAML sang Excel)")
    f.add_argument("--ghi-de", action="store_true", help="thay tệp biểu mẫu đã có (bản cũ cất vào .truoc/)")

    m = _command(commands, "moi", "moi", help="tạo tệp số liệu bắt đầu (có chú thích) cho một loại văn bản và một cấp",
                 description="Tạo tệp số liệu bắt đầu, có chú thích tiếng Việt cho từng khóa, tạo được văn bản ngay "
                             "(số minh họa, tên để trống …): báo cáo CCHC có bảng hồ sơ chuẩn và một phụ lục, thông "
                             "báo kết luận, hoặc báo cáo của cấp ủy đảng. Không ghi đè tệp đã có.")
    m.add_argument("loai", metavar="LOẠI", choices=("bao-cao", "thong-bao", "bao-cao-dang"),
                   help="bao-cao (báo cáo CCHC), thong-bao (thông báo kết luận) hoặc bao-cao-dang (báo cáo của cấp ủy)")
    m.add_argument("cap", metavar="CẤP", help="cấp của cơ quan ban hành: xã, phường, đặc khu, tỉnh, sở "
                                              "(không dấu: xa, phuong, dac-khu, tinh, so)")
    m.add_argument("tep", metavar="TỆP.yaml", nargs="?", type=Path, default=None,
                   help="tệp sẽ tạo (mặc định: <loại>-<cấp>-<năm>-<kỳ>.yaml); '-' để in ra màn hình")
    m.add_argument("--ten", metavar="TÊN", default=None, help="tên địa phương hoặc tên sở, ví dụ \"Quy Nhơn Nam\", \"Tư pháp\"")
    m.add_argument("--tinh", metavar="TỈNH", default=None, help="tên tỉnh, ví dụ \"Gia Lai\"")
    m.add_argument("--nam", metavar="NĂM", type=int, default=None, help="năm của kỳ báo cáo (mặc định: năm nay)")
    group = m.add_mutually_exclusive_group()
    group.add_argument("--quy", metavar="QUÝ", type=int, choices=range(1, 5), default=None,
                       help="quý của kỳ báo cáo, 1 đến 4 (mặc định: quý hiện tại)")
    group.add_argument("--thang", metavar="THÁNG", type=int, choices=range(1, 13), default=None,
                       help="báo cáo tháng: tháng 1 đến 12")

    k = _command(commands, "ky-moi", "ky_moi", help="tạo tệp số liệu của kỳ báo cáo tiếp theo từ tệp kỳ này",
                 description="Tạo tệp số liệu kỳ mới từ tệp kỳ này: chuyển sang kỳ tiếp theo, ky_truoc trỏ tới tệp "
                             "kỳ này, để trống số và ngày văn bản, bỏ các chap_nhan về số liệu kỳ này, giữ các đoạn văn "
                             "và để trống mọi số liệu cho người soạn điền. Tạo văn bản khi chưa điền thì baocao liệt kê "
                             "mọi số liệu còn trống (tệp:dòng:cột). Không ghi đè tệp đã có.")
    k.add_argument("du_lieu", metavar="DỮ_LIỆU.yaml", type=Path, help="tệp số liệu của kỳ vừa báo cáo")
    k.add_argument("-o", "--ra", metavar="MỚI.yaml", type=Path, default=None,
                   help="tệp kỳ mới (mặc định: tên tệp kỳ này với kỳ mới, ví dụ …-2026-quy3.yaml)")
    k.add_argument("--ky", choices=("thang", "quy", "6thang", "6thang_cuoi", "9thang", "nam"), default=None,
                   help="loại kỳ mới (mặc định: cùng loại, kỳ tiếp theo; ví dụ --ky 9thang sau báo cáo 6 tháng)")
    k.add_argument("--giu-so-lieu", action="store_true", help="giữ nguyên số liệu kỳ này thay vì để trống")

    _command(commands, "schema", "schema", help="in JSON Schema của tệp số liệu (để trình soạn thảo gợi ý khóa và giải thích)",
             description="In JSON Schema của tệp số liệu, mô tả từng khóa bằng tiếng Việt. Lưu thành tệp rồi khai báo "
                         "trong trình soạn thảo (ví dụ VS Code với tiện ích YAML) để được gợi ý khóa, giải thích khi "
                         "trỏ chuột và báo lỗi ngay khi gõ: baocao schema > baocao.schema.json")

    p = _command(commands, "pdf", "pdf", help="chuyển văn bản .docx đã có sang PDF (để ký số, lưu trữ)",
                 description="Chuyển các văn bản Word (.docx) đã có, ví dụ bản đã sửa trong Word trước khi ký, sang PDF "
                             "đặt cạnh mỗi văn bản, qua một LibreOffice cho mọi văn bản. PDF cũ chỉ bị thay khi PDF mới "
                             "đã tạo xong (bản cũ cất vào .truoc/).")
    p.add_argument("van_ban", metavar="VĂN_BẢN.docx", nargs="+", type=Path, help="văn bản cần chuyển")
    _pdf_options(p, None)

    t = commands.add_parser("template", help="kiểm tra mẫu Word, liệt kê biến và bộ lọc dùng được trong mẫu",
                            description="Các lệnh cho người sửa mẫu văn bản (.docx).")
    t_commands = t.add_subparsers(dest="lenh_mau", metavar="LỆNH", title="các lệnh")
    t_commands.required = True
    tc = _command(t_commands, "check", "template", help="tìm mọi lỗi của một mẫu mà không tạo văn bản",
                  description="Tìm mọi lỗi của mẫu: thẻ chưa đóng, cú pháp, bộ lọc không có, biến không "
                              "có trong số liệu (kèm gợi ý tên đúng). Mỗi lỗi chỉ rõ phần, đoạn, ô bảng. "
                              "Có --du-lieu thì điền thử mẫu bằng số liệu đó (không ghi tệp).")
    tc.add_argument("mau", metavar="MẪU.docx", type=Path, help="tệp mẫu cần kiểm tra")
    tc.add_argument("--du-lieu", "--data", dest="du_lieu", metavar="DỮ_LIỆU.yaml", type=Path, default=None,
                    help="tệp số liệu để điền thử")
    tv = _command(t_commands, "vars", "template", help="liệt kê biến và bộ lọc mà mẫu báo cáo dùng được",
                  description="Liệt kê mọi biến và bộ lọc mà mẫu báo cáo dùng được, kèm mô tả; có "
                              "--du-lieu thì kèm giá trị ví dụ lấy từ tệp số liệu đó.")
    tv.add_argument("--du-lieu", "--data", dest="du_lieu", metavar="DỮ_LIỆU.yaml", type=Path, default=None,
                    help="tệp số liệu lấy giá trị ví dụ")
    return top


def _seconds(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = 0
    if not 0 < value <= 86400:
        raise argparse.ArgumentTypeError(f"'{text}' không phải một số giây (từ 1 đến 86400)")
    return value


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 256:
        raise argparse.ArgumentTypeError(f"'{text}' không phải một số tiến trình (từ 1 đến 256)")
    return value


def _jobs_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("-j", "--song-song", dest="jobs", metavar="N", type=_jobs, default=None,
                        help=f"số {what} xử lý cùng lúc, mỗi tệp một tiến trình (mặc định: số nhân CPU; -j 1: lần lượt "
                             "từng tệp)")


def _pdf_options(parser: argparse.ArgumentParser, pdf_help: str | None) -> None:
    """--pdf (build only), --pdfa and the time limit, for build and pdf."""
    if pdf_help:
        parser.add_argument("--pdf", action="store_true", help=pdf_help)
    parser.add_argument("--pdfa", action="store_true",
                        help="ghi PDF/A-2b để lưu trữ (nhúng phông chữ, có nhận dạng PDF/A)"
                             + (" thay cho PDF thường; kéo theo --pdf" if pdf_help else ""))
    parser.add_argument("--gioi-han-pdf", metavar="GIÂY", type=_seconds, default=PDF_LIMIT,
                        help=f"thời gian tối đa LibreOffice được dùng cho mỗi văn bản (mặc định {PDF_LIMIT:g} giây); "
                             "quá thì văn bản đó báo lỗi, PDF cũ giữ nguyên")


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _stop_on_termination() -> None:
    """A closed terminal (SIGHUP) or `kill` (SIGTERM) stops baocao as Ctrl+C does, so that what it
    started (LibreOffice) is ended and nothing half-written is left."""
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _interrupt)


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # Vietnamese must print even where the console is not UTF-8
        if (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = parser().parse_args(argv)
    _stop_on_termination()
    try:
        module = f"{__package__}.watch" if getattr(args, "theo_doi", False) else args.module  # build --watch
        with worker.session():  # one worker fills every template the command renders, within the limits
            return importlib.import_module(module).main(args)
    except UserError as exc:  # the command could not start: a missing file, a broken data file…
        print(exc.format(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl+C: whatever was being written was not finished, so nothing was replaced
        print("\nĐã dừng (Ctrl+C). Tệp chưa tạo xong không được ghi; các tệp đã có vẫn giữ nguyên.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and cut short: not an error of the user's
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
