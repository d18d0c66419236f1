"""`baocao schema`: the data file's JSON Schema, in Vietnamese; every sample and starter holds to it."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import yaml

from conftest import REPO
from generator.commands import cli
from generator.starters import KINDS
from generator.text.levels import STARTER_LEVELS


def _schema(capsys) -> dict:
    assert cli.main(["schema"]) == 0
    return json.loads(capsys.readouterr().out)


def _as_json(value):
    """A data file as an editor's YAML support reads it: dates are text."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def _descriptions(node, path=()):
    """Every property of every object, with its description (or None)."""
    if isinstance(node, dict):
        for key, prop in (node.get("properties") or {}).items():
            yield path + (key,), prop.get("description")
        for key, value in node.items():
            yield from _descriptions(value, path + (key,))
    elif isinstance(node, list):
        for value in node:
            yield from _descriptions(value, path)


def test_schema_is_valid_and_every_key_is_described_in_vietnamese(capsys):
    schema = _schema(capsys)
    jsonschema.Draft202012Validator.check_schema(schema)
    described = list(_descriptions(schema))
    assert len(described) > 150
    assert [path for path, text in described if not text] == []
    english = (" the ", " of ", " and ", "A period data file", "should", "Input")
    assert not [text for _, text in described if any(word in f" {text} " for word in english)]
    assert "title" not in json.dumps(schema["$defs"]["BaoCao"])
    kieu = schema["$defs"]["Bang"]["properties"]["kieu"]["anyOf"]
    assert "ho_so_tthc" in kieu[0]["enum"] and "cot" in kieu[1]["properties"]


def _errors(schema, path):
    data = _as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    return [f"{list(e.path)}: {e.message}" for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]


def test_every_sample_and_starter_holds_to_the_schema(capsys, tmp_path):
    schema = _schema(capsys)
    for sample in sorted((REPO / "data").glob("*.yaml")):
        assert _errors(schema, sample) == [], sample.name
    for kind in KINDS:
        for level in STARTER_LEVELS:
            target = tmp_path / f"{kind}-{level}.yaml"
            assert cli.main(["moi", kind, level, str(target), "--nam", "2026", "--quy", "3"]) == 0
            assert _errors(schema, target) == [], target.name


def test_the_schema_catches_a_misspelt_key_and_a_level_that_does_not_exist(capsys, tmp_path):
    schema = _schema(capsys)
    text = (REPO / "data" / "quy-nhon-nam-2026-quy3.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "sai.yaml"
    bad.write_text(text.replace("  kinh_gui:", "  kinh_guii:").replace("cap: phường", "cap: phuong"), encoding="utf-8")
    errors = _errors(schema, bad)
    assert any("kinh_guii" in e for e in errors) and any("'phuong'" in e for e in errors)
