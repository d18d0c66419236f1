"""The previous period: `bao_cao.ky_truoc` names last period's data file, so that sentences and
tables can say how a figure moved (`tăng 5 hồ sơ so với kỳ trước`) computed, never typed.

API (for templates, derive and the tables of other documents):

- `previous_period(data_path, data, positions=None)`: the validated previous data (`DuLieu`), or
  None when the data names no previous period. Its own mistakes (validation, and its tables'
  figures, derived once here) are reported at ITS file:line:column;
  a file that is not there is reported at the `ky_truoc` line of the data file that names it.
- `chenh_lech(moi, cu)`: signed difference as printed in a `Tăng (+)/giảm (-)` column:
  `+2`, `-1`, `0`, `+1.234`, `-0,5`.
- `so_voi_ky_truoc(moi, cu, don_vi="")`: `tăng 5 hồ sơ so với kỳ trước`, `giảm 3 hồ sơ so với kỳ
  trước`, `không đổi so với kỳ trước`; "" when there is no previous figure (cu is None).

In templates the previous period's values are `kt` (shaped like `bc`, derived values included; None
without `ky_truoc`), and the two helpers are the filters `chenh_lech` and `so_voi_ky_truoc`:
`{% if kt %}{{ hs.tiep_nhan|so_voi_ky_truoc(kt.ket_qua.tthc.ho_so.tiep_nhan, "hồ sơ") }}{% endif %}`.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from . import derive, schema, tables
from . import vi_format as vi
from .errors import Location, error
from .loader import Positions, load_yaml

KEY = ("bao_cao", "ky_truoc")


def previous_period(data_path: Path, data: schema.DuLieu, positions: Positions | None = None) -> schema.DuLieu | None:
    name = data.bao_cao.ky_truoc
    if not name:
        return None
    data_path = Path(data_path)
    where = positions.at(KEY) if positions is not None else Location(data_path)
    path = data_path.parent / name
    if not path.is_file():
        raise error(data_path, f"không tìm thấy tệp số liệu kỳ trước '{name}' (tìm ở {path}).",
                    line=where.line, column=where.column,
                    hint="ghi đường dẫn tính từ thư mục chứa tệp số liệu này, hoặc bỏ dòng ky_truoc.")
    if path.resolve() == data_path.resolve():
        raise error(data_path, "ky_truoc trỏ tới chính tệp số liệu này.", line=where.line, column=where.column,
                    hint="ghi tên tệp số liệu của kỳ báo cáo trước.")
    raw, previous_positions = load_yaml(path)  # its mistakes are located in its own file
    previous = schema.validate(raw, previous_positions)
    if previous.bao_cao is None:
        raise error(data_path, f"tệp kỳ trước '{name}' không có báo cáo (khóa bao_cao) để so sánh.",
                    line=where.line, column=where.column, hint="ghi tên tệp số liệu báo cáo của kỳ trước.")
    derive.report_context(previous, previous_positions)  # so are those its tables' figures show
    from .checks import period_span  # the last day of each period: the earlier period ends first
    before_end = period_span(previous.bao_cao.ky.model_dump())[1]
    now_end = period_span(data.bao_cao.ky.model_dump())[1]
    if before_end >= now_end:
        raise error(data_path, f"tệp kỳ trước '{name}' không phải một kỳ trước kỳ này "
                               f"({_period(previous)} so với {_period(data)}).",
                    line=where.line, column=where.column, hint="ghi tên tệp số liệu của kỳ báo cáo trước.")
    return previous


def _period(data: schema.DuLieu) -> str:
    ky = data.bao_cao.ky
    return vi.ten_ky(vi.Ky(ky.loai, ky.nam, ky.so))


def chenh_lech(moi, cu) -> str:
    """+2, -1, 0: the signed difference moi - cu, printed as a table's `so_voi` column prints it."""
    return str(tables.Change(Decimal(str(moi)) - Decimal(str(cu))))


def so_voi_ky_truoc(moi, cu, don_vi: str = "") -> str:
    """tăng 5 hồ sơ / giảm 3 hồ sơ / không đổi, so với kỳ trước; "" without a previous figure."""
    if cu is None:
        return ""
    diff = Decimal(str(moi)) - Decimal(str(cu))
    if diff == 0:
        return "không đổi so với kỳ trước"
    unit = f" {don_vi}" if don_vi else ""
    return f"{'tăng' if diff > 0 else 'giảm'} {vi.so(abs(diff))}{unit} so với kỳ trước"
