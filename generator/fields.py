"""Read a record's YAML nodes into values, field by field, as the model declares them."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import model as m
from .dates import DATE_FORMS, parse_date, thai_to_arabic
from .problems import Problem, did_you_mean
from .yamlsafe import Node

MAX_MARKDOWN = 100_000  # characters; Python-Markdown is quadratic on some inputs
MAX_TEXT = 10_000
_ORDER_NUMBER = re.compile(r"(\d{1,4})\s*/\s*(\d{4})")


class Invalid(Exception):
    """A value that does not fit its field; the message says how to fix it."""


class FieldReader:
    """Reads one record's nodes; problems go to a shared list, positions to `where`."""

    def __init__(self, path: Path, content: Path, problems: list[Problem]) -> None:
        self.path, self.content, self.problems = path, content, problems
        self.where: dict[str, tuple[int, int]] = {}
        self.refs: list[tuple[str, m.Field, tuple[str, str]]] = []

    def problem(self, node: Node, name: str, message: str) -> None:
        self.problems.append(Problem(self.path, node.line, node.col, name, message))

    def mapping(self, fields: tuple[m.Field, ...], node: Node, prefix: str = "") -> dict:
        """The values of a mapping's known fields; reports unknown and missing ones."""
        if node.kind != "map":
            self.problem(node, prefix.rstrip(".") or "file", "expected `field: value` lines")
            return {}
        known = {fld.name: fld for fld in fields}
        values: dict[str, Any] = {}
        for key, value in node.pairs:
            fld = known.get(key.value)
            if fld is None:
                self.problem(key, prefix + key.value, _unknown(key.value, fields))
            elif not _empty(value):
                self.where[prefix + fld.name] = (value.line, value.col)
                read = self.value(fld, value, prefix + fld.name)
                if read is not None:
                    values[fld.name] = read
        for fld in fields:
            if fld.required and fld.name not in values and node.get(fld.name) is None:
                self.problem(node, prefix + fld.name, _missing(fld))
            elif fld.required and _empty(node.get(fld.name)):
                self.problem(node.get(fld.name) or node, prefix + fld.name, _missing(fld, True))
        return values

    def value(self, fld: m.Field, node: Node, name: str) -> Any:
        """A field's value, a list when the field has many; None after a problem."""
        if not fld.many:
            return self.one(fld, node, name)
        items = node.items if node.kind == "seq" else [node]
        if node.kind == "map" and fld.kind != m.OBJECT:
            self.problem(node, name, f"expected a list of {_KIND_TEXT[fld.kind]} ('- …' lines)")
            return None
        if node.kind == "scalar" and fld.kind == m.OBJECT:
            first = fld.fields[0].name
            self.problem(node, name, f"expected a list, each item on lines starting `- {first}: …`")
            return None
        values = []
        for i, item in enumerate(items, 1):
            if not _empty(item):
                self.where[f"{name}[{i}]"] = (item.line, item.col)
                read = self.one(fld, item, f"{name}[{i}]")
                if read is not None:
                    values.append(read)
        return values

    def one(self, fld: m.Field, node: Node, name: str) -> Any:
        if fld.kind == m.OBJECT:
            if node.kind != "map":
                self.problem(node, name, "expected `field: value` lines, one item per '- '")
                return None
            return self.mapping(fld.fields, node, name + ".")
        if node.kind != "scalar":
            kind = "a list" if node.kind == "seq" else "`field: value` lines"
            self.problem(node, name, f"expected {_KIND_TEXT[fld.kind]}, found {kind}")
            return None
        try:
            value = READERS[fld.kind](self, fld, node)
        except Invalid as exc:
            self.problem(node, name, str(exc))
            return None
        if fld.kind == m.REF:
            self.refs.append((name, fld, value))
        return value


def _empty(node: Node | None) -> bool:
    return node is None or node.is_null or (node.kind == "scalar" and not node.value.strip())


def _unknown(key: str, fields: tuple[m.Field, ...]) -> str:
    names = [fld.name for fld in fields]
    return "unknown field" + (did_you_mean(key, names) or f"; fields here: {', '.join(names)}")


def _missing(fld: m.Field, empty: bool = False) -> str:
    example = fld.example if fld.example is not None else "…"
    what = "is empty" if empty else "required field is missing"
    return f"{what}; add `{fld.name}: {_show(example)}` ({fld.doc[0].lower()}{fld.doc[1:-1]})"


def _show(example: Any) -> str:
    if isinstance(example, list):
        return "[" + ", ".join(str(x) for x in example) + "]"
    return str(example).lower() if isinstance(example, bool) else str(example)


def _text(reader: FieldReader, fld: m.Field, node: Node) -> str:
    limit = MAX_MARKDOWN if fld.kind == m.MARKDOWN else MAX_TEXT
    if len(node.value) > limit:
        raise Invalid(f"longer than {limit:,} characters: shorten it or split the record")
    return node.value.rstrip() if fld.kind == m.MARKDOWN else node.value.strip()


def _bool(reader: FieldReader, fld: m.Field, node: Node) -> bool:
    word = node.value.strip().lower()
    if node.plain and word in ("true", "false"):
        return word == "true"
    raise Invalid(f"'{node.value}' is not true or false: write true or false")


def _date(reader: FieldReader, fld: m.Field, node: Node) -> Any:
    with_time = fld.kind == m.DATETIME
    date = parse_date(node.value, with_time=with_time)
    if date is None:
        forms = DATE_FORMS.replace(" (", ", or YYYY-MM-DD HH:MM (") if with_time else DATE_FORMS
        raise Invalid(f"'{node.value}' is not a date: write {forms}")
    return date


def _year(reader: FieldReader, fld: m.Field, node: Node) -> int:
    text = thai_to_arabic(node.value.strip())
    if not text.isdigit() or not 2400 <= int(text) <= 2800:
        raise Invalid(f"'{node.value}' is not a year in พ.ศ.: write it like 2554")
    return int(text)


def _baht(reader: FieldReader, fld: m.Field, node: Node) -> int | float:
    text = thai_to_arabic(node.value.strip()).replace(",", "").replace(" ", "")
    try:
        amount = float(text)
    except ValueError:
        raise Invalid(
            f"'{node.value}' is not an amount in baht: write a number, e.g. 1250000"
        ) from None
    if not amount >= 0 or amount == float("inf"):
        raise Invalid(f"'{node.value}' is not 0 or more: write the amount in baht, e.g. 1250000")
    return int(amount) if amount.is_integer() else amount


def _choice(reader: FieldReader, fld: m.Field, node: Node) -> str:
    values = [value for value, _ in fld.choices]
    if node.value.strip() in values:
        return node.value.strip()
    hint = did_you_mean(node.value.strip(), values)
    raise Invalid(f"'{node.value}' is not a {fld.name}{hint} (one of: {', '.join(values)})")


def _ref(reader: FieldReader, fld: m.Field, node: Node) -> tuple[str, str]:
    text = node.value.strip()
    type_, _, id_ = text.rpartition("/")
    targets = fld.targets or tuple(m.TYPES)
    if not type_ and len(targets) == 1:
        type_ = targets[0]
    if type_ not in targets:
        form = "`<type>/<id>`, e.g. `orders/kor-nor-jor-1-2552`"
        if len(targets) < len(m.TYPES):
            form = " or ".join(f"`{t}/<id>`" for t in targets)
        raise Invalid(f"'{text}' is not a reference: write {form}")
    if not m.ID_PATTERN.fullmatch(id_):
        raise Invalid(f"'{id_}' is not an id: ids use only a-z, 0-9 and '-'")
    return (type_, id_)


def _order_number(reader: FieldReader, fld: m.Field, node: Node) -> str:
    match = _ORDER_NUMBER.fullmatch(thai_to_arabic(node.value.strip()))
    if not match or int(match[2]) < 2400:
        raise Invalid(f"'{node.value}' is not an order number: write N/YYYY with the year in "
                      "พ.ศ., e.g. 1/2552 or ๑/๒๕๕๒")  # fmt: skip
    return f"{int(match[1])}/{match[2]}"


def _file(reader: FieldReader, fld: m.Field, node: Node) -> str:
    text = node.value.strip()
    if text.startswith("https://"):
        return text
    if "://" in text or text.startswith(("/", "\\")) or ".." in text.split("/"):
        raise Invalid(f"'{text}' is neither a file under content/attachments/ nor an https:// "
                      "URL: write a path like 2553/circular.pdf, or https://…")  # fmt: skip
    folder = reader.content / "attachments"
    if not (folder / text).is_file():
        names = [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()]
        hint = did_you_mean(text, names)
        raise Invalid(f"no file content/attachments/{text}: put the file there or correct "
                      f"the path{hint}")  # fmt: skip
    return text


READERS: dict[str, Callable[[FieldReader, m.Field, Node], Any]] = {
    m.TEXT: _text, m.MARKDOWN: _text, m.BOOL: _bool, m.DATE: _date, m.DATETIME: _date,
    m.YEAR: _year, m.BAHT: _baht, m.CHOICE: _choice, m.REF: _ref,
    m.ORDER_NUMBER: _order_number, m.FILE: _file,
}  # fmt: skip

_KIND_TEXT = {
    m.TEXT: "text", m.MARKDOWN: "text", m.BOOL: "true or false", m.DATE: "a date",
    m.DATETIME: "a date", m.YEAR: "a year", m.BAHT: "an amount", m.CHOICE: "a value",
    m.REF: "a reference", m.ORDER_NUMBER: "an order number", m.FILE: "a file",
    m.OBJECT: "`field: value` lines",
}  # fmt: skip
