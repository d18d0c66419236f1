"""The models' descriptions are read when a schema is asked for (validate/described.py), not by
pydantic at import, with the same result pydantic's own reading gives."""

from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict, Field

from generator.validate.described import Described


def _models(config: ConfigDict) -> type[BaseModel]:
    class Goc(BaseModel):
        """Lớp gốc (không phải mô tả của khóa)."""

        model_config = config
        a: int
        """Khóa a của lớp gốc,
        hai dòng."""
        b: str = Field(default="", description="mô tả ghi riêng")
        """không dùng: khóa đã có mô tả"""
        d: int = 0
        e: int = 0
        """Khóa e, lớp con thừa kế."""

    class Con(Goc):
        c: int = 0
        """Khóa c."""
        a: int = 1
        """Khóa a khai báo lại ở lớp con."""

    class Khac(Goc):
        a: int = 2

    class Goc2(BaseModel):
        model_config = config
        con: Con
        """Một lớp con."""
        khac: Khac | None = None
        """Có thể bỏ trống."""
        danh_sach: list[Con] = []
        goc: Goc | None = None

    return Goc2


def test_descriptions_read_on_demand_are_pydantics_own():
    ours = _models(ConfigDict(extra="forbid")).model_json_schema(schema_generator=Described)
    theirs = _models(ConfigDict(extra="forbid", use_attribute_docstrings=True)).model_json_schema()
    assert json.dumps(ours, ensure_ascii=False) == json.dumps(theirs, ensure_ascii=False)
    assert ours["$defs"]["Con"]["properties"]["a"]["description"] == "Khóa a khai báo lại ở lớp con."
    assert ours["$defs"]["Goc"]["properties"]["a"]["description"] == "Khóa a của lớp gốc,\nhai dòng."
    assert ours["$defs"]["Con"]["properties"]["e"]["description"] == "Khóa e, lớp con thừa kế."
    assert "description" not in ours["$defs"]["Khac"]["properties"]["a"]
