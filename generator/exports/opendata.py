"""Open data: every published record as JSON and CSV, with a JSON Schema per type."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..content import model as m
from ..content.corpus import Corpus
from ..content.dates import PartialDate
from ..content.model import TYPES, Field, Record
from .spool import Spool

DATA = "/data/"
RECORDS = f"{DATA}records.json"


def make_data(corpus: Corpus, only: set[str] | None = None,
              files: Spool | None = None) -> Spool:
    """Site path → file: data/<type>.json, .csv and .schema.json, and data/records.json
    (with `only`, the per-type files of those types), added to `files` (a Spool keeps
    them on disk). records.json is written a type at a time: the build never holds the
    open data of every record at once."""
    files = Spool() if files is None else files
    files[RECORDS] = b"["
    for type_, rtype in TYPES.items():
        rows = [export(corpus, r) for r in sorted(corpus.published(type_), key=lambda r: r.id)]
        data = _json(rows)
        if rows:
            comma = b"," if files.size(RECORDS) > 1 else b""  # after "[" and earlier rows
            files.append(RECORDS, comma + data[1:-1])
        if only is not None and type_ not in only:
            continue
        files[f"{DATA}{type_}.json"] = data
        files[f"{DATA}{type_}.csv"] = _csv(rtype, rows)
        files[f"{DATA}{type_}.schema.json"] = _json(data_schema(rtype))
    files.append(RECORDS, b"]")
    return files


def export(corpus: Corpus, record: Record) -> dict[str, Any]:
    """A record as plain JSON values, its references resolved to id, title and URL."""
    row: dict[str, Any] = {"type": record.type, "id": record.id, "url": record.url}
    row.update(_values(corpus, TYPES[record.type].all_fields, record.data))
    row.pop("draft", None)
    return row


def _values(corpus: Corpus, fields: tuple[Field, ...], data: dict) -> dict[str, Any]:
    out = {}
    for fld in fields:
        if fld.name in data:
            value = data[fld.name]
            out[fld.name] = [_value(corpus, fld, v) for v in value] if fld.many else _value(
                corpus, fld, value)  # fmt: skip
    return out


def _value(corpus: Corpus, fld: Field, value: Any) -> Any:
    if isinstance(value, PartialDate):
        return value.iso()
    if fld.kind == m.REF:
        target = corpus.lookup(value)
        return {"type": value[0], "id": value[1], "title": target.title if target else None,
                "url": target.url if target else None}  # fmt: skip
    if fld.kind == m.OBJECT:
        return _values(corpus, fld.fields, value)
    return value


def _json(value: Any) -> bytes:
    # compact: with indent, json falls back to its pure-Python encoder (10× slower)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _csv(rtype: m.RecordType, rows: list[dict[str, Any]]) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads Thai); lists joined by '; '."""
    columns = ["id", "url", *[f.name for f in rtype.all_fields if f.name != "draft"]]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return value["id"] if "url" in value and "title" in value else json.dumps(
            value, ensure_ascii=False)  # fmt: skip
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    return str(value)


_JSON_TYPES = {
    m.TEXT: {"type": "string"}, m.MARKDOWN: {"type": "string"}, m.BOOL: {"type": "boolean"},
    m.DATE: {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
    m.DATETIME: {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2})?)?)?$"},
    m.YEAR: {"type": "integer", "minimum": 2400}, m.BAHT: {"type": "number", "minimum": 0},
    m.ORDER_NUMBER: {"type": "string", "pattern": r"^\d+/\d{4}$"}, m.FILE: {"type": "string"},
    m.URL: {"type": "string"}, m.RANK: {"type": "integer", "minimum": 1},
}  # fmt: skip
_REF = {
    "type": "object",
    "properties": {k: {"type": ["string", "null"]} for k in ("type", "id", "title", "url")},
}


def data_schema(rtype: m.RecordType) -> dict[str, Any]:
    """The JSON Schema of data/<type>.json, from the model."""
    head = {"type": {"const": rtype.folder}, "id": {"type": "string"}, "url": {"type": "string"}}
    fields = [f for f in rtype.all_fields if f.name != "draft"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{rtype.th} ({rtype.folder})",
        "description": rtype.doc,
        "type": "array",
        "items": _object(fields, head, ["type", "id", "url"]),
    }


def _object(fields: list[Field], head: dict, required: list[str]) -> dict[str, Any]:
    properties = dict(head)
    for fld in fields:
        properties[fld.name] = _property(fld)
    return {
        "type": "object",
        "properties": properties,
        "required": required + [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def _property(fld: Field) -> dict[str, Any]:
    if fld.kind == m.OBJECT:
        item = _object(list(fld.fields), {}, [])
    elif fld.kind == m.REF:
        item = dict(_REF)
    elif fld.kind == m.CHOICE:
        item = {"enum": [value for value, _ in fld.choices]}
    else:
        item = dict(_JSON_TYPES[fld.kind])
    schema = {"type": "array", "items": item} if fld.many else item
    return {"title": fld.th, "description": fld.doc, **schema}
