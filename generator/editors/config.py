"""Decap CMS's configuration, generated from model.py: one collection per record type.

Never written by hand: `kb build` writes it to site/admin/config.yml. Widgets follow the
field's kind, labels and hints are the field's Thai name and description, required fields
and patterns are the ones `kb validate` and the editors' JSON Schemas enforce.
"""

from __future__ import annotations

import os
from typing import Any

from ..content import model as m
from ..content.model import TYPES, Field, RecordType
from .scaffold import field_order
from .schema import kind_pattern

REF_WIDGET = "kb-ref"
"""A reference that may point to several types: a type, then a pick list of its titles
(theme/assets/javascripts/kb-admin.js registers it around Decap's relation widget)."""
BACKEND_PORT = "KB_CMS_BACKEND_PORT"
"""The environment variable `kb edit --backend-port` sets (default 8081, Decap's own)."""
SLUG = "{{year}}-{{month}}-{{day}}-{{hour}}{{minute}}{{second}}"
"""A new record's id: its creation time, which always passes kb's id rule."""
DEPTH = 10
"""How many folders deep the forms list records (content/circulars/2553/x.yml is 2)."""
ID = "{{filename}}"
"""What a pick list stores: a record's id is its file name, even in a sub-folder."""
_HINTS = {
    m.DATE: "เช่น 2553-01-19, 2553-01 หรือ 2553 (ปีตั้งแต่ 2400 คือ พ.ศ.)",
    m.DATETIME: "เขียนแบบ 2553-01-19 หรือ 2553-01-19 09:00 (เวลาประเทศไทย)",
    m.YEAR: "ปี พ.ศ. เช่น 2554",
    m.BAHT: "จำนวนเงินบาท ตัวเลขตั้งแต่ 0 ขึ้นไป",
    m.ORDER_NUMBER: "ลำดับ/ปี พ.ศ. เช่น 1/2552 หรือ ๑/๒๕๕๒",
    m.RANK: "จำนวนเต็มตั้งแต่ 1 (1 = สำคัญที่สุด) ไม่ซ้ำกันในแผนเดียวกัน",
    m.URL: "ที่อยู่เว็บที่ขึ้นต้นด้วย https://",
}  # fmt: skip
_PATTERN_MESSAGES = {
    m.DATE: "ไม่ใช่วันที่: เขียนแบบ 2553-01-19, 2553-01 หรือ 2553",
    m.DATETIME: "ไม่ใช่วันเวลา: เขียนแบบ 2553-01-19 หรือ 2553-01-19 09:00",
    m.ORDER_NUMBER: "ไม่ใช่เลขที่คำสั่ง: เขียนแบบ ลำดับ/ปี พ.ศ. เช่น 1/2552",
    m.REF: "ไม่ใช่การอ้างอิง: เขียนแบบ <ประเภท>/<รหัส> เช่น orders/kor-nor-jor-1-2552",
    m.RANK: "ไม่ใช่ลำดับ: เขียนเป็นจำนวนเต็มตั้งแต่ 1 เช่น 1",
    m.URL: "ไม่ใช่ที่อยู่เว็บ: เขียนแบบ https://www.example.go.th",
}


def local_backend() -> str:
    """Where `kb edit` runs Decap's local backend (decap-server)."""
    return f"http://127.0.0.1:{int(os.environ.get(BACKEND_PORT) or 8081)}/api/v1"


def collection(rtype: RecordType) -> dict[str, Any]:
    """The Decap collection of one record type: folder content/<type>, one YAML file each."""
    return {
        "name": rtype.folder,
        "label": rtype.th,
        "label_singular": rtype.th,
        "description": f"{rtype.th}: หนึ่งไฟล์ต่อหนึ่งเรื่อง ใน content/{rtype.folder}/",
        "folder": f"content/{rtype.folder}",
        "extension": "yml",
        "format": "yaml",
        "create": True,
        "delete": False,
        "slug": SLUG,
        "nested": {"depth": DEPTH, "subfolders": False, "summary": "{{title}}"},
        "identifier_field": "title",
        "summary": "{{title}}",
        "sortable_fields": [name for name in ("title", rtype.date_field) if name],
        "media_folder": f"/content/attachments/{rtype.folder}",
        "public_folder": rtype.folder,
        "editor": {"preview": False},
        "fields": [widget(fld) for fld in field_order(rtype.all_fields)],
    }


def widget(fld: Field) -> dict[str, Any]:
    """The form field of a model field: widget by kind, Thai label and hint, required."""
    hint = " ".join(x for x in (fld.doc_th, _HINTS.get(fld.kind, "")) if x)
    base = {"name": fld.name, "label": fld.th, "hint": hint, "required": fld.required}
    if fld.kind == m.BOOL:
        return {**base, "widget": "boolean", "default": False}
    if fld.kind == m.REF and len(fld.targets) == 1:
        return {**base, **_relation(fld)}
    if fld.many and fld.kind == m.OBJECT:
        first = fld.fields[0].name
        return {**base, "widget": "list", "summary": f"{{{{fields.{first}}}}}",
                "fields": [widget(inner) for inner in field_order(fld.fields)]}
    if fld.kind == m.OBJECT:
        return {**base, "widget": "object",
                "fields": [widget(inner) for inner in field_order(fld.fields)]}  # fmt: skip
    item = _item(fld)
    if fld.many:
        inner = {"name": fld.name, "label": fld.th, **item}
        return {**base, "widget": "list", "field": inner}
    return {**base, **item}


def _item(fld: Field) -> dict[str, Any]:
    """The widget options of one value of a field (not a list, not an object)."""
    if fld.kind == m.MARKDOWN:
        return {"widget": "markdown", "modes": ["raw", "rich_text"], "sanitize_preview": True}
    if fld.kind == m.YEAR:
        return {"widget": "number", "value_type": "int", "min": 2400, "max": 2800}
    if fld.kind == m.BAHT:
        return {"widget": "number", "value_type": "float", "min": 0}
    if fld.kind == m.CHOICE:
        return {"widget": "select",
                "options": [{"label": th, "value": value} for value, th in fld.choices]}
    if fld.kind == m.FILE:
        return {"widget": "file", "choose_url": True}
    if fld.kind == m.REF:
        return _refs(fld)
    if fld.kind in _PATTERN_MESSAGES:
        return {"widget": "string", "pattern": [kind_pattern(fld), _PATTERN_MESSAGES[fld.kind]]}
    return {"widget": "string"}


def _relation(fld: Field) -> dict[str, Any]:
    """A searchable pick list of the titles of the records the reference may point to."""
    return {"widget": "relation", "collection": fld.targets[0], "search_fields": ["title"],
            "value_field": ID, "display_fields": ["title"], "options_length": 50,
            "multiple": fld.many}  # fmt: skip


def _refs(fld: Field) -> dict[str, Any]:
    """A pick list of titles across the types a reference may point to; writes `<type>/<id>`."""
    types = [{"value": t, "label": TYPES[t].th} for t in fld.targets or tuple(TYPES)]
    return {"widget": REF_WIDGET, "ref_types": types, "search_fields": ["title"],
            "value_field": ID, "display_fields": ["title"], "options_length": 50,
            "pattern": [kind_pattern(fld), _PATTERN_MESSAGES[m.REF]]}  # fmt: skip


def collections() -> list[dict[str, Any]]:
    """One collection per record type, in the model's order."""
    return [collection(rtype) for rtype in TYPES.values()]
