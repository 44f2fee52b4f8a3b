"""Agencies (content/agencies/): resolving the names content gives them, and their checks.

A field the model marks `agency=True` may give an agency's id, its Thai or English name, its
abbreviation or any alias; names are compared after normalisation (spaces, dots and case
ignored, Thai digits as Arabic), so `สำนักงาน ก.พ.ร.` and `สำนักงานกพร` are one agency.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from .corpus import Corpus
from .dates import thai_to_arabic
from .model import TYPES, Field, Record
from .problems import WARNING, Msg, Problem

NAME_FIELDS = ("title", "name_en", "abbreviation", "aliases")
_DROP = re.compile(r"[\s.\u200b\u200c\u200d\ufeff\u00ad]+")
_PAREN = re.compile(r"(.+?)\s*\(([^()]+)\)\s*")
SUGGESTIONS = 3


def normalize(name: str) -> str:
    """A name as compared: NFC, Thai digits as Arabic, no spaces or dots, lower case."""
    text = unicodedata.normalize("NFC", thai_to_arabic(str(name)))
    return _DROP.sub("", text.replace("\u0e4d\u0e32", "\u0e33")).lower()


def names(agency: Record) -> Iterator[tuple[str, str]]:
    """(field, name) of every name an agency is known by."""
    for name in NAME_FIELDS:
        value = agency.data.get(name)
        for i, text in enumerate(value if isinstance(value, list) else [value], 1):
            if text:
                yield (f"{name}[{i}]" if isinstance(value, list) else name), str(text)


@dataclass
class Agencies:
    """Every agency by each of its normalised names; resolves and suggests names."""

    by_key: dict[str, Record] = field(default_factory=dict)
    """Normalised name or id → agency."""
    clashes: list[tuple[Record, str, Record]] = field(default_factory=list)
    """(agency, its field, the other agency) for a name two agencies share."""
    _suggested: dict[str, list[Record]] = field(default_factory=dict, repr=False)
    _resolved: dict[str, Record | None] = field(default_factory=dict, repr=False)

    def resolve(self, text: str) -> Record | None:
        """The agency a field's text names, or None (each text worked out once: the same
        names come back in thousands of projects)."""
        text = str(text)
        if text not in self._resolved:
            self._resolved[text] = self._resolve(text)
        return self._resolved[text]

    def _resolve(self, text: str) -> Record | None:
        text = text.strip()
        if text.startswith("agencies/"):
            text = text[len("agencies/"):]
        found = self.by_key.get(normalize(text))
        if found is None and (match := _PAREN.fullmatch(text)):  # "name (abbreviation)"
            found = self.by_key.get(normalize(match[1])) or self.by_key.get(normalize(match[2]))
        return found

    def suggest(self, text: str) -> list[Record]:
        """The agencies whose names are closest to `text` (at most three)."""
        key = normalize(text)
        if key not in self._suggested:
            close = difflib.get_close_matches(key, list(self.by_key), n=8, cutoff=0.6)
            found = list({id(a): a for a in (self.by_key[k] for k in close)}.values())
            self._suggested[key] = found[:SUGGESTIONS]
        return self._suggested[key]


def agencies_of(corpus: Corpus) -> Agencies:
    """The agencies of a corpus (drafts included, as references may name them)."""
    found = Agencies()
    for agency in sorted(corpus.records.get("agencies", {}).values(), key=lambda r: r.path):
        found.by_key.setdefault(agency.id, agency)
        for name, text in names(agency):
            other = found.by_key.setdefault(normalize(text), agency)
            if other is not agency:
                found.clashes.append((agency, name, other))
    return found


def known_agencies(corpus: Corpus) -> Agencies:
    """The agencies of a corpus, worked out once per corpus (until its records change)."""
    return corpus.derived("agencies", lambda: agencies_of(corpus))


def agency_texts(record: Record) -> Iterator[tuple[str, str]]:
    """(field path, text) of every value of a record that names an agency."""
    for path, fld, value in walk(TYPES[record.type].all_fields, record.data):
        if fld.agency and str(value).strip():
            yield path, str(value)


def walk(fields: tuple[Field, ...], data: dict, prefix: str = ""
         ) -> Iterator[tuple[str, Field, object]]:  # fmt: skip
    """(path, field, value) of every leaf value, paths as the problems give them."""
    for fld in fields:
        value = data.get(fld.name)
        if value is None:
            continue
        items = enumerate(value, 1) if fld.many else [(0, value)]
        for i, item in items:
            path = f"{prefix}{fld.name}" + (f"[{i}]" if i else "")
            if fld.fields:
                yield from walk(fld.fields, item, path + ".")
            else:
                yield path, fld, item


def check_agencies(corpus: Corpus, errors: list[Problem], warnings: list[Problem]
                   ) -> Agencies:  # fmt: skip
    """Parents neither the agency itself nor a cycle; names unique; unknown names warned."""
    known = known_agencies(corpus)
    for agency, name, other in known.clashes:
        errors.append(_at(agency, name, Msg(
            f"'{_value(agency, name)}' is also a name of agencies/{other.id} ({other.path}): "
            "each name or alias belongs to one agency; remove it from one of the two",
            f"'{_value(agency, name)}' เป็นชื่อของ agencies/{other.id} ({other.path}) ด้วย: "
            "ชื่อหรือชื่ออื่นหนึ่งชื่อใช้ได้กับหน่วยงานเดียว; ลบออกจากหน่วยงานใดหน่วยงานหนึ่ง")))
    for agency in corpus.records.get("agencies", {}).values():
        _check_parent(corpus, agency, errors)
    for record in corpus.all():
        if record.type == "agencies":
            continue
        for path, text in agency_texts(record):
            if known.resolve(text) is None:
                warnings.append(_at(record, path, unknown_agency(text, known), WARNING))
    return known


def _value(record: Record, name: str) -> str:
    base, _, index = name.partition("[")
    value = record.data.get(base)
    return str(value[int(index[:-1]) - 1]) if index else str(value)


def _check_parent(corpus: Corpus, agency: Record, errors: list[Problem]) -> None:
    parent = agency.data.get("parent")
    if parent is None:
        return
    if parent == ("agencies", agency.id):
        errors.append(_at(agency, "parent", Msg(
            "an agency cannot be its own parent: give the ministry or agency it belongs to, "
            "or remove parent",
            "หน่วยงานสังกัดตัวเองไม่ได้: ใส่กระทรวงหรือหน่วยงานที่สังกัด หรือลบ parent")))
        return
    chain, current = [agency.id], corpus.lookup(parent)
    while current is not None and current.id not in chain:
        chain.append(current.id)
        nxt = current.data.get("parent")
        current = corpus.lookup(nxt) if nxt else None
    if current is not None and current.id == agency.id:
        circle = " → ".join([*chain, agency.id])
        errors.append(_at(agency, "parent", Msg(
            f"parents go round in a circle ({circle}): the top of a chain is a ministry with "
            "no parent; remove or correct parent in one of them",
            f"การสังกัดวนเป็นวง ({circle}): หน่วยงานบนสุดต้องเป็นกระทรวงที่ไม่มี parent; "
            "ลบหรือแก้ parent ของหน่วยงานใดหน่วยงานหนึ่ง")))


def unknown_agency(text: str, known: Agencies) -> Msg:
    """The warning for a name that matches no agency, with the closest ones."""
    close = known.suggest(text)
    if close:
        shown = ", ".join(f"'{a.title}' (agencies/{a.id})" for a in close)
        return Msg(f"no agency is named '{text}'; did you mean {shown}? Write one of those, or "
                   "add the name to that agency's aliases",
                   f"ไม่มีหน่วยงานชื่อ '{text}' หมายถึง {shown} หรือไม่? เขียนชื่อนั้น "
                   "หรือเพิ่มชื่อนี้ใน aliases ของหน่วยงาน")  # fmt: skip
    return Msg(f"no agency is named '{text}': add it to an agency's aliases in "
               "content/agencies/, or create the agency with `kb new agencies`",
               f"ไม่มีหน่วยงานชื่อ '{text}': เพิ่มชื่อนี้ใน aliases ของหน่วยงานใน content/agencies/ "
               "หรือสร้างหน่วยงานด้วย `kb new agencies`")  # fmt: skip


def _at(record: Record, name: str, message: Msg, severity: str = "error") -> Problem:
    line, col = record.where.get(name, (1, 1))
    return Problem(record.path, line, col, name, message, severity)


def unmatched(corpus: Corpus) -> dict[str, list[str]]:
    """Names content gives agencies that match none: name → `PATH:LINE` of each use."""
    known = known_agencies(corpus)
    found: dict[str, list[str]] = defaultdict(list)
    for record in sorted(corpus.all(), key=lambda r: r.path):
        for path, text in agency_texts(record):
            if known.resolve(text) is None:
                line = record.where.get(path, (1, 1))[0]
                found[text.strip()].append(f"{record.path.as_posix()}:{line}")
    return dict(sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def ministry_of(corpus: Corpus, agency: Record) -> Record:
    """The top of an agency's chain of parents (itself when it has none)."""
    seen = {agency.id}
    while (parent := agency.data.get("parent")) and (up := corpus.lookup(parent)):
        if up.id in seen:
            break
        seen.add(up.id)
        agency = up
    return agency
