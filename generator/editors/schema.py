"""JSON Schemas of the YAML records, for editors' editors (VS Code's YAML extension).

Generated from model.py, never written by hand: `kb schema` writes them to schemas/.
They follow what editors type in YAML 1.2 (which the editor's extension speaks), so a
bare `date: 2553` is an integer there and `title: NO` a string.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..content import model as m
from ..content.model import TYPES, Field, RecordType

DIGIT = "[0-9๐-๙]"
AGENCY_NOTE_TH = " เขียนรหัสหน่วยงานใน agencies/ ชื่อ หรือชื่ออื่นของหน่วยงานก็ได้"
DATE = rf"{DIGIT}{{4}}(-{DIGIT}{{1,2}}(-{DIGIT}{{1,2}})?)?"
_KINDS: dict[str, dict[str, Any]] = {
    m.TEXT: {"type": ["string", "number", "boolean"]},
    m.MARKDOWN: {"type": "string"},
    m.BOOL: {"type": "boolean"},
    m.DATE: {"type": ["string", "integer"], "pattern": f"^{DATE}$"},
    m.DATETIME: {"type": ["string", "integer"],
                 "pattern": rf"^{DATE}( {DIGIT}{{1,2}}:{DIGIT}{{2}})?$"},
    m.YEAR: {"type": ["integer", "string"], "minimum": 2400, "maximum": 2800,
             "pattern": f"^{DIGIT}{{4}}$"},
    m.BAHT: {"type": ["number", "string"], "minimum": 0,
             "pattern": rf"^{DIGIT}[0-9๐-๙,]*(\.\d+)?$"},
    m.ORDER_NUMBER: {"type": "string", "pattern": rf"^{DIGIT}{{1,4}}\s*/\s*{DIGIT}{{4}}$"},
    m.FILE: {"type": "string", "pattern": r"^(https://.+|[^/\\].*)$"},
    m.URL: {"type": "string", "pattern": r"^https://\S+$"},
    m.RANK: {"type": ["integer", "string"], "minimum": 1, "pattern": f"^{DIGIT}+$"},
}  # fmt: skip


def editor_schema(rtype: RecordType) -> dict[str, Any]:
    """The JSON Schema of one record file of a type."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": f"https://kb.local/schemas/{rtype.folder}.schema.json",
        "title": f"{rtype.th} ({rtype.folder})",
        "description": f"ไฟล์ content/{rtype.folder}/<รหัส>.yml หนึ่งไฟล์ต่อหนึ่งระเบียน. {rtype.doc}",
        **_object(rtype.all_fields),
    }


def _object(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {fld.name: _property(fld) for fld in fields},
        "required": [fld.name for fld in fields if fld.required],
        "additionalProperties": False,
    }


def _property(fld: Field) -> dict[str, Any]:
    item = _item(fld)
    if fld.many:
        schema = {"type": "array", "items": item}
        if fld.kind != m.OBJECT:  # kb also takes a single value for a list
            schema = {"anyOf": [schema, item]}
    else:
        schema = item
    doc = {"title": fld.th, "description": f"{fld.doc_th} ({fld.doc})" + (
        AGENCY_NOTE_TH if fld.agency else "")}  # fmt: skip
    if fld.example is not None:
        doc["examples"] = [fld.example]
    return {**doc, **schema}


def _item(fld: Field) -> dict[str, Any]:
    if fld.kind == m.OBJECT:
        return _object(fld.fields)
    if fld.kind == m.CHOICE:
        return {"enum": [value for value, _ in fld.choices]}
    if fld.kind == m.REF:
        targets = fld.targets or tuple(TYPES)
        prefix = f"({'|'.join(targets)})/"
        return {"type": "string",
                "pattern": f"^({prefix})?[a-z0-9-]{{1,80}}$" if len(targets) == 1
                else f"^{prefix}[a-z0-9-]{{1,80}}$"}  # fmt: skip
    return dict(_KINDS[fld.kind])


def kind_pattern(fld: Field) -> str:
    """The regular expression one value of a field must match (the web forms use it too)."""
    return _item(fld)["pattern"]


def schema_files() -> dict[str, str]:
    """File name → text of every schema (stable formatting, for committing)."""
    return {
        f"{folder}.schema.json": json.dumps(editor_schema(rtype), ensure_ascii=False, indent=2)
        + "\n"
        for folder, rtype in TYPES.items()
    }


def vscode_settings() -> dict[str, Any]:
    """VS Code settings mapping each type folder's files to its schema."""
    return {
        "yaml.schemas": {
            f"./schemas/{folder}.schema.json": [f"content/{folder}/**/*.yml"] for folder in TYPES
        },
        "files.associations": {"*.yml": "yaml"},
        "yaml.validate": True,
        "yaml.completion": True,
    }


def write_schemas(out: Path) -> list[Path]:
    """Write every schema into `out`; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        (out / name).write_text(text, encoding="utf-8")
        written.append(out / name)
    return written
