"""The kinds of document a data file may declare, and the data file's root model built from them.

Each kind is a plugin (kinds/base.py) in a package of its own: its model, the context its template
sees, its default template and file prefix, its core properties. The root model `DuLieu` is
composed from the shared parts (co_quan, nguoi_ky, van_ban, chap_nhan) and one key per registered
kind, so adding a kind is its package plus one line in KINDS.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, create_model, model_validator
from pydantic_core import PydanticCustomError

from ..validate.shared import ChapNhan, CoQuan, NguoiKy, SoLieuThem, VanBanTrichDan
from ..validate.types import MaSoLieu, Model
from . import notice, party, report
from .base import DocumentKind

KINDS: tuple[DocumentKind, ...] = (report.KIND, notice.KIND, party.KIND)


def _declares_a_document(data: Any) -> Any:
    if not any(getattr(data, kind.key) for kind in KINDS):
        keys = ", ".join(kind.key for kind in KINDS[:-1]) + f" hoặc {KINDS[-1].key}"
        raise PydanticCustomError("no_document", f"tệp số liệu chưa khai báo văn bản nào: thêm {keys}")
    return data


def _document_field(kind: DocumentKind) -> tuple[Any, Any]:
    if kind.many:
        return list[kind.model], Field(default=[], description=kind.description)
    return kind.model | None, Field(default=None, description=kind.description)


DuLieu = create_model(
    "DuLieu", __base__=Model,
    __doc__="A period data file: shared parts, then one key per kind of document it declares.",
    __validators__={"_declares_a_document": model_validator(mode="after")(_declares_a_document)},
    co_quan=(CoQuan, Field(description="Cơ quan ban hành các văn bản của tệp: tên, cấp, địa danh và cơ quan cấp trên.")),
    nguoi_ky=(NguoiKy, Field(description="Người ký các văn bản của tệp (một văn bản có thể ghi nguoi_ky riêng): "
                                         "thẩm quyền ký, chức vụ và họ tên.")),
    **{kind.key: _document_field(kind) for kind in KINDS},
    van_ban=(dict[str, VanBanTrichDan], Field(default={}, description=(
        "Các văn bản được trích dẫn, mỗi văn bản một tên ngắn (ví dụ qd-6134); trong đoạn văn viết [@qd-6134] "
        "để in tên văn bản."))),
    so_lieu_them=(dict[MaSoLieu, SoLieuThem], Field(default={}, description=(
        "Các số liệu thêm, không có sẵn trong định dạng: mỗi số liệu một tên (viết thường không dấu, ví dụ "
        "ho_so_truc_tuyen) với ten (nói nó đếm gì) và so (giá trị); mẫu in bằng {{ sl.ho_so_truc_tuyen|so }}. "
        "Thêm một câu có số liệu mới vào mẫu không cần sửa baocao: xem docs/huong-dan-sua-mau.md."))),
    chap_nhan=(list[ChapNhan], Field(default=[], description=(
        "Các lỗi của baocao check được chấp nhận (giữ đúng như văn bản gốc): mỗi mục gồm kiem_tra, o và ly_do."))),
)

# Values baocao computes and templates may use, by the model they extend: typing one of them in a
# data file is refused with a hint of its own, and `template vars` lists them.
DERIVED: dict[str, dict[str, str]] = {
    "CoQuan": {
        "ten_ngan": "tên ngắn của cơ quan trong câu văn, ví dụ UBND huyện An Lão",
        "ten_theo_cap": "cơ quan gọi theo cấp, ví dụ UBND phường (sở: tên ngắn của sở)",
        "ten_loai": "loại cơ quan: UBND, hoặc Sở",
        "toan": "cụm \"toàn …\" theo cấp, ví dụ toàn phường (sở: toàn ngành)",
        "pham_vi": "phạm vi báo cáo, ví dụ trên địa bàn phường Quy Nhơn Nam (sở: của Sở Tư pháp)",
        "cap_duoi": "tên cấp dưới, ví dụ cấp xã (cấp tỉnh và huyện); trống với cấp xã và sở",
        "van_phong": "văn phòng của cơ quan, ví dụ Văn phòng HĐND và UBND phường",
        "thu_truong": "người đứng đầu theo cấp, ví dụ Chủ tịch UBND phường, Giám đốc Sở",
    },
    "CapTren": {"ten_theo_cap": "cơ quan cấp trên gọi theo cấp, ví dụ UBND tỉnh (không phải UBND: tên của nó)"},
}
for _kind in KINDS:
    for _model, _fields in _kind.derived.items():
        DERIVED.setdefault(_model, {}).update(_fields)
DERIVED_KEYS = {key: text for fields in DERIVED.values() for key, text in fields.items()}
SHAPES = {field: shape for kind in KINDS for field, shape in kind.shapes.items()}

# The template's names: the shared ones, then each kind's, with the model behind each.
CONTEXT_ROOTS = {"cq": "CoQuan", "nk": "NguoiKy"} | {name: model for kind in KINDS for name, model in kind.roots.items()}
EXTRA = "sl"  # the template's name for the data file's own figures (so_lieu_them): sl.<name> is its value


def extra_figures(data: Any) -> dict[str, Any]:
    """What `sl` holds in every document's context: each figure of so_lieu_them by its name."""
    return {name: figure.so for name, figure in data.so_lieu_them.items()}


def document_paths(data: Any) -> list[tuple[tuple, DocumentKind, Any]]:
    """Every document the data file declares, in registry order: (its key path, kind, model)."""
    found = []
    for kind in KINDS:
        value = getattr(data, kind.key)
        if kind.many:
            found += [((kind.key, k), kind, document) for k, document in enumerate(value)]
        elif value is not None:
            found.append(((kind.key,), kind, value))
    return found


def names_previous(raw: Any) -> bool:
    """Whether a data file, as loaded and before it is validated, names a previous period's file
    (bao_cao.ky_truoc): its tables' carried-over columns are then derived from that file. Read from
    the loaded data so a file the model refuses (ky-moi's, figures still blank) reads its tables the
    same way."""
    for kind in KINDS:
        value = raw.get(kind.key) if kind.previous_key and isinstance(raw, dict) else None
        documents = value if isinstance(value, list) else [value]
        if any(isinstance(document, dict) and document.get(kind.previous_key) for document in documents):
            return True
    return False


def headings(raw: Any) -> dict[tuple, str]:
    """The headings the documents' templates print for standard sections, by full key path, for
    every document the data file declares: `raw` is the validated model, or the data as loaded (so
    a file the model refuses names them too)."""
    found: dict[tuple, str] = {}
    for kind in KINDS:
        value = raw.get(kind.key) if isinstance(raw, dict) else getattr(raw, kind.key, None)
        paths = [(kind.key, k) for k in range(len(value))] if isinstance(value, list) else [(kind.key,)] * (value is not None)
        found |= {path + sub: title for path in paths for sub, title in kind.headings.items()}
    return found
