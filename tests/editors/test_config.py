"""The web forms' configuration is the model's: a collection per type, every field in
`kb new`'s order with its Thai label, hint, widget and required flag, and patterns that
accept exactly what `kb validate` accepts. Where the forms save comes from mkdocs.yml."""

from __future__ import annotations

import copy
import re

import pytest
from kbtest import Project

from generator.content import model as m
from generator.content.model import TYPES
from generator.content.validate import load_corpus
from generator.editors.admin import cms_config
from generator.editors.config import REF_WIDGET, collections
from generator.editors.scaffold import template
from generator.editors.schema import editor_schema
from generator.editors.settings import CmsSettingError, backend, publish_mode

WIDGETS = {m.TEXT: "string", m.MARKDOWN: "markdown", m.BOOL: "boolean", m.DATE: "string",
           m.DATETIME: "string", m.YEAR: "number", m.BAHT: "number", m.CHOICE: "select",
           m.ORDER_NUMBER: "string", m.FILE: "file", m.OBJECT: "object",
           m.REF: REF_WIDGET}  # fmt: skip


def disagreements(config: list[dict]) -> list[str]:
    """Every way the collections differ from the model (empty: they agree)."""
    found = []
    by_name = {c["name"]: c for c in config}
    if list(by_name) != list(TYPES):
        found.append(f"collections {list(by_name)} are not the types {list(TYPES)}")
    for folder, rtype in TYPES.items():
        coll = by_name.get(folder, {"fields": []})
        if coll.get("folder") != f"content/{folder}" or coll.get("extension") != "yml":
            found.append(f"{folder}: not content/{folder}/*.yml")
        new_order = re.findall(r"^([a-z_]+):", template(rtype), re.M)  # `kb new`'s order
        if [w["name"] for w in coll["fields"]] != new_order:
            found.append(f"{folder}: fields {[w['name'] for w in coll['fields']]} "
                         f"are not kb new's {new_order}")  # fmt: skip
        schema = editor_schema(rtype)["properties"]
        for w in coll["fields"]:
            fld = rtype.field(w["name"])
            if fld is not None:
                found += _field(f"{folder}.{fld.name}", fld, w, schema[fld.name])
    return found


def _field(where: str, fld: m.Field, w: dict, schema: dict) -> list[str]:
    found = []
    if w.get("label") != fld.th or fld.doc_th not in w.get("hint", ""):
        found.append(f"{where}: label or hint is not the model's Thai")
    if w.get("required") is not fld.required:
        found.append(f"{where}: required is {w.get('required')}, the model says {fld.required}")
    item = w.get("field", w) if fld.many and fld.kind != m.OBJECT else w
    if fld.many and w.get("widget") not in ("list", "relation"):
        found.append(f"{where}: a list field is a {w.get('widget')}")
    if fld.kind == m.REF and len(fld.targets) == 1:
        if (item.get("widget"), item.get("collection"), item.get("multiple")) != (
                "relation", fld.targets[0], fld.many):  # fmt: skip
            found.append(f"{where}: not a pick list of {fld.targets[0]}")
        return found
    if fld.kind == m.REF:  # several types: a type, then a pick list of that type's titles
        types = [t["value"] for t in item.get("ref_types", [])]
        if item.get("widget") != REF_WIDGET or types != list(fld.targets or TYPES):
            found.append(f"{where}: not a pick list of {fld.targets or 'every type'}")
    want = "list" if fld.many and fld.kind == m.OBJECT else WIDGETS.get(fld.kind, "string")
    if item.get("widget") != want:
        found.append(f"{where}: widget {item.get('widget')}, the kind {fld.kind} needs {want}")
    pattern = (schema.get("items", schema).get("pattern") if fld.kind != m.YEAR else None)
    if pattern and item.get("widget") == "string" and item.get("pattern", [None])[0] != pattern:
        found.append(f"{where}: pattern is not kb's {pattern}")
    if fld.kind == m.CHOICE and [o["value"] for o in item["options"]] != [
            v for v, _ in fld.choices]:  # fmt: skip
        found.append(f"{where}: choices differ")
    if fld.kind == m.BAHT and item.get("min") != 0:
        found.append(f"{where}: an amount in baht is ≥ 0")
    if fld.kind == m.OBJECT:
        inner = {x.name: x for x in fld.fields}
        for sub in w.get("fields", []):
            found += _field(f"{where}.{sub['name']}", inner[sub["name"]], sub,
                            editor_schema_of(schema)["properties"][sub["name"]])
    return found


def editor_schema_of(schema: dict) -> dict:
    return schema.get("items", schema)


def test_generated_config_agrees_with_the_model() -> None:
    assert disagreements(collections()) == []


@pytest.mark.parametrize("tamper", ["required", "order", "pattern", "drop", "widget", "refs"])
def test_a_disagreement_is_caught(tamper: str) -> None:
    config = copy.deepcopy(collections())
    fields = config[0]["fields"]  # circulars: title, number, date, issuer, to …
    if tamper == "required":
        fields[1]["required"] = False
    elif tamper == "order":
        fields[1], fields[2] = fields[2], fields[1]
    elif tamper == "pattern":
        fields[2]["pattern"] = [r"^\d{4}-\d{2}-\d{2}$", "x"]
    elif tamper == "drop":
        del fields[4]
    elif tamper == "refs":  # related may point to any type: the form must offer them all
        related = next(w for w in fields if w["name"] == "related")
        del related["field"]["ref_types"][-1]
    else:
        fields[0]["widget"] = "text"
    assert disagreements(config) != []


def test_a_new_type_in_the_model_gets_its_collection(monkeypatch) -> None:
    agencies = m.RecordType("agencies", "หน่วยงาน", (
        m.f("ministry", m.REF, "Its ministry.", "กระทรวง", targets=("agencies",),
            doc_th="กระทรวงที่สังกัด"),), date_field=None)  # fmt: skip
    monkeypatch.setitem(TYPES, "agencies", agencies)
    coll = collections()[-1]
    assert coll["name"] == "agencies" and coll["folder"] == "content/agencies"
    assert coll["fields"][1]["widget"] == "relation" and disagreements(collections()) == []


DATES = ["2553-01-19", "2553-01", "2553", "๒๕๕๓-๐๑-๑๙", "2553-1-9", "2553/01/19",
         "19-01-2553", "2553-01-19 09:00", "ปี 2553", "25530"]  # fmt: skip
DATETIMES = ["2553-04-01 09:00", "2553-04-01 9:00", "2553-04-01", "2553-04-01T09:00",
             "2553-04-01 0900"]  # fmt: skip
ORDERS = ["1/2552", "๑/๒๕๕๒", "12 / 2552", "1-2552", "1/52", "ที่ 1/2552"]


def kb_accepts(project: Project, rel: str, text: str, name: str) -> bool:
    project.write(rel, text)
    _, problems = load_corpus(project.content)
    return not [p for p in problems if p.field == name]


@pytest.mark.parametrize(("type_", "name", "values", "record"), [
    ("circulars", "date", DATES, "title: ท\nnumber: 1\nissuer: ก\ndate: '{}'\n"),
    ("events", "start", DATETIMES, "title: ท\nstart: '{}'\n"),
    ("orders", "number", ORDERS, "title: ท\nnumber: '{}'\ndate: 2552\nissuer: ก\n"),
])  # fmt: skip
def test_form_patterns_accept_what_kb_validate_accepts(project: Project, type_: str, name: str,
                                                       values: list[str], record: str) -> None:
    coll = next(c for c in collections() if c["name"] == type_)
    pattern = next(w for w in coll["fields"] if w["name"] == name)["pattern"][0]
    for value in values:
        form = re.search(pattern, value) is not None
        assert form == kb_accepts(project, f"{type_}/x.yml", record.format(value), name), value


def test_backends_from_repo_url_and_the_cms_block() -> None:
    assert backend("https://gitlab.example.go.th/kb/content", {"app_id": "abc"}) == {
        "name": "gitlab", "repo": "kb/content", "branch": "main",
        "base_url": "https://gitlab.example.go.th",
        "api_root": "https://gitlab.example.go.th/api/v4", "auth_type": "pkce", "app_id": "abc"}
    assert backend("https://git.example.go.th/kb/content.git", {"backend": "gitea",
                   "branch": "content"})["api_root"] == "https://git.example.go.th/api/v1"
    assert backend("https://github.com/opdc/kb", {})["name"] == "github"
    assert backend(None, {})["name"] == "proxy"
    assert publish_mode({"review": True}) == {"publish_mode": "editorial_workflow"}
    with pytest.raises(CmsSettingError) as error:
        backend("https://gitlab.example.go.th/kb/content", {"client_secret": "x"})
    assert error.value.message.en.startswith("mkdocs.yml: cms: unknown setting 'client_secret'")
    assert "ไม่รู้จัก" in error.value.message.th


def test_the_config_holds_no_secret() -> None:
    config = cms_config("https://gitlab.example.go.th/kb/content", {"app_id": "abc"})
    text = repr(config).lower()
    assert not any(word in text for word in ("secret", "token", "password"))
    assert config["locale"] == "th"
