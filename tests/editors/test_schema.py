"""Editors' JSON Schemas: generated from the model, committed, current, and agreeing
with the validator on real content and on bad values."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from kbtest import REPO

from generator.content.model import TYPES
from generator.editors.schema import editor_schema, schema_files, vscode_settings


def test_committed_schemas_are_current() -> None:
    for name, text in schema_files().items():
        committed = REPO / "schemas" / name
        assert committed.read_text(encoding="utf-8") == text, "run: kb schema"
    assert len(list((REPO / "schemas").glob("*.schema.json"))) == len(TYPES)


def test_vscode_maps_each_folder_to_its_schema() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings == vscode_settings()
    assert settings["yaml.schemas"]["./schemas/orders.schema.json"] == ["content/orders/**/*.yml"]


def test_every_field_has_thai_description_and_example() -> None:
    def walk(props: dict) -> None:
        for name, prop in props.items():
            assert any("\u0e00" <= c <= "\u0e7f" for c in prop["description"]), name
            assert prop.get("examples"), name
            inner = prop.get("items", prop)
            walk(inner.get("properties", {}))

    for rtype in TYPES.values():
        walk(editor_schema(rtype)["properties"])


class Yaml12ishLoader(yaml.SafeLoader):
    """PyYAML without YAML 1.1 timestamps: dates stay strings, as in VS Code's YAML 1.2."""


Yaml12ishLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@pytest.mark.parametrize("type_", list(TYPES))
def test_real_content_conforms(type_: str) -> None:
    validator = jsonschema.Draft7Validator(editor_schema(TYPES[type_]))
    for path in sorted((REPO / "content" / type_).rglob("*.yml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12ishLoader)
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], path


@pytest.mark.parametrize(
    "record",
    [
        {"title": "x", "number": "1/2552", "date": "2552", "issuer": "x", "isuer": "x"},
        {"title": "x", "number": "1-2552", "date": "2552", "issuer": "x"},
        {"title": "x", "number": "1/2552", "date": "19/01/2553", "issuer": "x"},
        {"title": "x", "number": "1/2552", "date": "2552"},
        {"title": "x", "number": "1/2552", "date": "2552", "issuer": "x", "supersedes": "plans/x"},
        {"title": "x", "number": "1/2552", "date": "2552", "issuer": "x",
         "members": [{"position": "ไม่มีชื่อ"}]},
    ],
)  # fmt: skip
def test_schema_flags_what_the_validator_flags(record: dict) -> None:
    validator = jsonschema.Draft7Validator(editor_schema(TYPES["orders"]))
    assert list(validator.iter_errors(record))


def test_kb_schema_writes_files(tmp_path: Path) -> None:
    out = tmp_path / "s"
    result = subprocess.run([sys.executable, "-m", "generator.cli", "schema", "--out", str(out)],
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(schema_files())
