"""Read a record's YAML nodes into values, field by field, as the model declares them."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import model as m
from .dates import DATE_FORMS, impossible, parse_date, thai_to_arabic
from .problems import Msg, Problem, did_you_mean
from .yamlsafe import Node

MAX_MARKDOWN = 100_000  # characters; Python-Markdown is quadratic on some inputs
MAX_TEXT = 10_000
_ORDER_NUMBER = re.compile(r"(\d{1,4})\s*/\s*(\d{4})")


class Invalid(Exception):
    """A value that does not fit its field; the message says how to fix it."""

    def __init__(self, en: str | Msg, th: str = "") -> None:
        self.message = en if isinstance(en, Msg) else Msg(en, th)
        super().__init__(self.message.en)


class FieldReader:
    """Reads one record's nodes; problems go to a shared list, positions to `where`."""

    def __init__(self, path: Path, content: Path, problems: list[Problem]) -> None:
        self.path, self.content, self.problems = path, content, problems
        self.where: dict[str, tuple[int, int]] = {}
        self.refs: list[tuple[str, m.Field, tuple[str, str]]] = []

    def problem(self, node: Node, name: str, message: Msg) -> None:
        self.problems.append(Problem(self.path, node.line, node.col, name, message))

    def mapping(self, fields: tuple[m.Field, ...], node: Node, prefix: str = "") -> dict:
        """The values of a mapping's known fields; reports unknown and missing ones."""
        if node.kind != "map":
            self.problem(node, prefix.rstrip(".") or "file", Msg(
                "expected `field: value` lines", "ต้องเขียนเป็นบรรทัด `ฟิลด์: ค่า`"))
            return {}
        known = {fld.name: fld for fld in fields}
        values: dict[str, Any] = {}
        unknown: list[Node] = []
        for key, value in node.pairs:
            fld = known.get(key.value)
            if fld is None:
                unknown.append(key)
            elif not _empty(value):
                self.where[prefix + fld.name] = (value.line, value.col)
                read = self.value(fld, value, prefix + fld.name)
                if read is not None:
                    values[fld.name] = read
        absent = {f.name for f in fields if f.required and node.get(f.name) is None}
        missing = set(absent)
        for key in unknown:
            meant = _misspelled(key.value, missing)
            missing.discard(meant or "")
            self.problem(key, prefix + key.value, _unknown(key.value, fields, meant))
        for fld in fields:
            if fld.name in missing:
                self.problem(node, prefix + fld.name, _missing(fld))
            elif fld.name in absent:
                continue
            elif fld.required and _empty(node.get(fld.name)):
                self.problem(node.get(fld.name) or node, prefix + fld.name, _missing(fld, True))
        return values

    def value(self, fld: m.Field, node: Node, name: str) -> Any:
        """A field's value, a list when the field has many; None after a problem."""
        if not fld.many:
            return self.one(fld, node, name)
        items = node.items if node.kind == "seq" else [node]
        if node.kind == "map" and fld.kind != m.OBJECT:
            en, th = _KIND_TEXT[fld.kind]
            self.problem(node, name, Msg(f"expected a list of {en} ('- …' lines)",
                                         f"ต้องเป็นรายการของ{th} (บรรทัด '- …')"))
            return None
        if node.kind == "scalar" and fld.kind == m.OBJECT:
            first = fld.fields[0].name
            self.problem(node, name, Msg(
                f"expected a list, each item on lines starting `- {first}: …`",
                f"ต้องเป็นรายการ แต่ละรายการขึ้นต้นบรรทัดด้วย `- {first}: …`"))
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
                self.problem(node, name, Msg(
                    "expected `field: value` lines, one item per '- '",
                    "ต้องเขียนเป็นบรรทัด `ฟิลด์: ค่า` หนึ่งรายการต่อหนึ่ง '- '"))
                return None
            return self.mapping(fld.fields, node, name + ".")
        if node.kind != "scalar":
            found = ("a list", "รายการ") if node.kind == "seq" else (
                "`field: value` lines", "บรรทัด `ฟิลด์: ค่า`")  # fmt: skip
            en, th = _KIND_TEXT[fld.kind]
            self.problem(node, name, Msg(f"expected {en}, found {found[0]}",
                                         f"ต้องเป็น{th} แต่พบ{found[1]}"))
            return None
        try:
            value = READERS[fld.kind](self, fld, node)
        except Invalid as exc:
            self.problem(node, name, exc.message)
            return None
        if fld.kind == m.REF:
            self.refs.append((name, fld, value))
        return value


def _empty(node: Node | None) -> bool:
    return node is None or node.is_null or (node.kind == "scalar" and not node.value.strip())


def _misspelled(key: str, missing: set[str]) -> str | None:
    """The missing required field that `key` is a misspelling of, if any."""
    close = difflib.get_close_matches(key, sorted(missing), n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown(key: str, fields: tuple[m.Field, ...], meant: str | None = None) -> Msg:
    if meant:
        return Msg(f"unknown field; did you mean '{meant}'? '{meant}' is required and missing: "
                   f"rename this key to '{meant}'",
                   f"ไม่รู้จักฟิลด์นี้ หมายถึง '{meant}' หรือไม่ ซึ่ง '{meant}' เป็นฟิลด์ที่จำเป็นและยังไม่มี: "
                   f"เปลี่ยนชื่อนี้เป็น '{meant}'")  # fmt: skip
    names = ", ".join(fld.name for fld in fields)
    hint = did_you_mean(key, [fld.name for fld in fields])
    if hint.en:
        return Msg("unknown field", "ไม่รู้จักฟิลด์นี้") + hint
    return Msg(f"unknown field; fields here: {names}", f"ไม่รู้จักฟิลด์นี้; ฟิลด์ที่ใช้ได้: {names}")


def _missing(fld: m.Field, empty: bool = False) -> Msg:
    line = f"`{fld.name}: {_show(fld.example if fld.example is not None else '…')}`"
    doc = fld.doc[0].lower() + fld.doc[1:-1]
    if empty:
        return Msg(f"is empty; add {line} ({doc})", f"ว่างอยู่; ใส่ค่า เช่น {line} ({fld.doc_th})")
    return Msg(f"required field is missing; add {line} ({doc})",
               f"ขาดฟิลด์ที่จำเป็น; เพิ่ม {line} ({fld.doc_th})")  # fmt: skip


def _show(example: Any) -> str:
    if isinstance(example, list):
        return "[" + ", ".join(str(x) for x in example) + "]"
    return str(example).lower() if isinstance(example, bool) else str(example)


def _text(reader: FieldReader, fld: m.Field, node: Node) -> str:
    limit = MAX_MARKDOWN if fld.kind == m.MARKDOWN else MAX_TEXT
    if len(node.value) > limit:
        raise Invalid(f"longer than {limit:,} characters: shorten it or split the record",
                      f"ยาวเกิน {limit:,} ตัวอักษร: ตัดให้สั้นลงหรือแยกระเบียน")
    return node.value.rstrip() if fld.kind == m.MARKDOWN else node.value.strip()


def _bool(reader: FieldReader, fld: m.Field, node: Node) -> bool:
    word = node.value.strip().lower()
    if node.plain and word in ("true", "false"):
        return word == "true"
    raise Invalid(f"'{node.value}' is not true or false: write true or false",
                  f"'{node.value}' ไม่ใช่ true หรือ false: เขียน true หรือ false")


def _date(reader: FieldReader, fld: m.Field, node: Node) -> Any:
    with_time = fld.kind == m.DATETIME
    date = parse_date(node.value, with_time=with_time)
    why = impossible(node.value) if date is None else None
    if why:
        raise Invalid(f"'{node.value}' is not a date: {why[0]}; correct it",
                      f"'{node.value}' ไม่ใช่วันที่: {why[1]}; แก้ให้ถูกต้อง")  # fmt: skip
    if date is None:
        forms = DATE_FORMS.replace(" (", ", or YYYY-MM-DD HH:MM (") if with_time else DATE_FORMS
        forms_th = "ปี-เดือน-วัน, ปี-เดือน หรือ ปี" + (" หรือ ปี-เดือน-วัน ชม:นาที" if with_time
                                                     else "")  # fmt: skip
        raise Invalid(f"'{node.value}' is not a date: write {forms}",
                      f"'{node.value}' ไม่ใช่วันที่: เขียนแบบ {forms_th} เช่น 2553-01-19, 2553-01 "
                      "หรือ 2553 (ปีตั้งแต่ 2400 คือ พ.ศ.)")  # fmt: skip
    return date


def _year(reader: FieldReader, fld: m.Field, node: Node) -> int:
    text = thai_to_arabic(node.value.strip())
    if not text.isdigit() or not 2400 <= int(text) <= 2800:
        raise Invalid(f"'{node.value}' is not a year in พ.ศ.: write it like 2554",
                      f"'{node.value}' ไม่ใช่ปี พ.ศ.: เขียนเช่น 2554")
    return int(text)


def _baht(reader: FieldReader, fld: m.Field, node: Node) -> int | float:
    text = thai_to_arabic(node.value.strip()).replace(",", "").replace(" ", "")
    try:
        amount = float(text)
    except ValueError:
        raise Invalid(
            f"'{node.value}' is not an amount in baht: write a number, e.g. 1250000",
            f"'{node.value}' ไม่ใช่จำนวนเงินบาท: เขียนเป็นตัวเลข เช่น 1250000",
        ) from None
    if not amount >= 0 or amount == float("inf"):
        raise Invalid(f"'{node.value}' is not 0 or more: write the amount in baht, e.g. 1250000",
                      f"'{node.value}' ติดลบ: เขียนจำนวนเงินบาทตั้งแต่ 0 ขึ้นไป เช่น 1250000")
    return int(amount) if amount.is_integer() else amount


def _choice(reader: FieldReader, fld: m.Field, node: Node) -> str:
    values = [value for value, _ in fld.choices]
    if node.value.strip() in values:
        return node.value.strip()
    hint = did_you_mean(node.value.strip(), values)
    one_of = ", ".join(values)
    raise Invalid(Msg(f"'{node.value}' is not a {fld.name}", f"'{node.value}' ไม่ใช่ {fld.name} "
                      "ที่ใช้ได้") + hint + Msg(f" (one of: {one_of})", f" (ใช้ได้: {one_of})"))


def _ref(reader: FieldReader, fld: m.Field, node: Node) -> tuple[str, str]:
    text = node.value.strip()
    type_, _, id_ = text.rpartition("/")
    targets = fld.targets or tuple(m.TYPES)
    if not type_ and len(targets) == 1:
        type_ = targets[0]
    if type_ not in targets:
        form = "`<type>/<id>`, e.g. `orders/kor-nor-jor-1-2552`"
        form_th = "`<ประเภท>/<รหัส>` เช่น `orders/kor-nor-jor-1-2552`"
        if len(targets) < len(m.TYPES):
            form = " or ".join(f"`{t}/<id>`" for t in targets)
            form_th = " หรือ ".join(f"`{t}/<รหัส>`" for t in targets)
        raise Invalid(f"'{text}' is not a reference: write {form}",
                      f"'{text}' ไม่ใช่การอ้างอิง: เขียนแบบ {form_th}")
    if not m.ID_PATTERN.fullmatch(id_):
        raise Invalid(f"'{id_}' is not an id: ids use only a-z, 0-9 and '-'",
                      f"'{id_}' ไม่ใช่รหัส: รหัสมีได้เฉพาะ a-z, 0-9 และ '-'")
    return (type_, id_)


def _order_number(reader: FieldReader, fld: m.Field, node: Node) -> str:
    match = _ORDER_NUMBER.fullmatch(thai_to_arabic(node.value.strip()))
    if not match or int(match[2]) < 2400:
        raise Invalid(f"'{node.value}' is not an order number: write N/YYYY with the year in "
                      "พ.ศ., e.g. 1/2552 or ๑/๒๕๕๒",
                      f"'{node.value}' ไม่ใช่เลขที่คำสั่ง: เขียนแบบ ลำดับ/ปี พ.ศ. "
                      "เช่น 1/2552 หรือ ๑/๒๕๕๒")  # fmt: skip
    return f"{int(match[1])}/{match[2]}"


def _file(reader: FieldReader, fld: m.Field, node: Node) -> str:
    text = node.value.strip()
    if text.startswith("https://"):
        return text
    if "://" in text or text.startswith(("/", "\\")) or ".." in text.split("/"):
        raise Invalid(f"'{text}' is neither a file under content/attachments/ nor an https:// "
                      "URL: write a path like 2553/circular.pdf, or https://…",
                      f"'{text}' ไม่ใช่ไฟล์ใน content/attachments/ และไม่ใช่ URL https://: "
                      "เขียนเช่น 2553/circular.pdf หรือ https://…")  # fmt: skip
    folder = reader.content / "attachments"
    if not (folder / text).is_file():
        names = [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()]
        hint = did_you_mean(text, names)
        raise Invalid(Msg(f"no file content/attachments/{text}: put the file there or correct "
                          "the path", f"ไม่มีไฟล์ content/attachments/{text}: วางไฟล์ไว้ที่นั่น "
                          "หรือแก้ที่อยู่ให้ถูก") + hint)  # fmt: skip
    return text


def _url(reader: FieldReader, fld: m.Field, node: Node) -> str:
    text = node.value.strip()
    if not re.fullmatch(r"https://[^\s/]+\.[^\s]+", text):
        raise Invalid(f"'{text}' is not a web address: write it whole, starting https://",
                      f"'{text}' ไม่ใช่ที่อยู่เว็บไซต์: เขียนเต็ม ขึ้นต้นด้วย https://")
    return text


def _rank(reader: FieldReader, fld: m.Field, node: Node) -> int:
    text = thai_to_arabic(node.value.strip())
    if not text.isdigit() or int(text) < 1:
        raise Invalid(f"'{node.value}' is not a positive whole number: write 1 for the first, "
                      "2 for the next …",
                      f"'{node.value}' ไม่ใช่จำนวนเต็มบวก: เขียน 1 สำหรับลำดับแรก 2 สำหรับถัดไป …")
    return int(text)


READERS: dict[str, Callable[[FieldReader, m.Field, Node], Any]] = {
    m.TEXT: _text, m.MARKDOWN: _text, m.BOOL: _bool, m.DATE: _date, m.DATETIME: _date,
    m.YEAR: _year, m.BAHT: _baht, m.CHOICE: _choice, m.REF: _ref,
    m.ORDER_NUMBER: _order_number, m.FILE: _file, m.URL: _url, m.RANK: _rank,
}  # fmt: skip

_KIND_TEXT = {
    m.TEXT: ("text", "ข้อความ"), m.MARKDOWN: ("text", "ข้อความ"),
    m.BOOL: ("true or false", "true หรือ false"), m.DATE: ("a date", "วันที่"),
    m.DATETIME: ("a date", "วันที่"), m.YEAR: ("a year", "ปี"), m.BAHT: ("an amount", "จำนวนเงิน"),
    m.CHOICE: ("a value", "ค่า"), m.REF: ("a reference", "การอ้างอิง"),
    m.ORDER_NUMBER: ("an order number", "เลขที่คำสั่ง"), m.FILE: ("a file", "ไฟล์"),
    m.OBJECT: ("`field: value` lines", "บรรทัด `ฟิลด์: ค่า`"),
    m.URL: ("a web address", "ที่อยู่เว็บไซต์"), m.RANK: ("a whole number", "จำนวนเต็ม"),
}  # fmt: skip
