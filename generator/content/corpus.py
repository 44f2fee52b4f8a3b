"""All records of a knowledge base, with the links between them worked out once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .model import REF, TYPES, Field, Record

T = TypeVar("T")


@dataclass
class Corpus:
    """Records by type and id, and who points to whom."""

    records: dict[str, dict[str, Record]] = field(default_factory=dict)
    """type → id → record (drafts included)."""
    pages: dict[str, str] = field(default_factory=dict)
    """Narrative Markdown pages: path relative to content/ → text."""
    synonyms: list[list[str]] = field(default_factory=list)
    """Groups of words that mean the same, from content/synonyms.yml (search/synonyms.py)."""
    backlinks: dict[str, list[tuple[str, Record]]] = field(default_factory=dict)
    """`type/id` → (field name, record) of every published record that refers to it."""
    worked_out: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """Values worked out from the records once (the register, its duplicates): see derived."""

    def get(self, type_: str, id_: str) -> Record | None:
        return self.records.get(type_, {}).get(id_)

    def lookup(self, ref: tuple[str, str]) -> Record | None:
        return self.get(*ref)

    def all(self) -> Iterator[Record]:
        for by_id in self.records.values():
            yield from by_id.values()

    def published(self, type_: str | None = None) -> list[Record]:
        """Published records (no drafts), of one type or all."""
        if type_ is not None:
            return [r for r in self.records.get(type_, {}).values() if not r.draft]
        return [r for r in self.all() if not r.draft]

    def newest(self, type_: str) -> list[Record]:
        """Published records of a type, newest first."""
        return sorted(self.published(type_), key=Record.sort_key, reverse=True)

    def group_of(self, record: Record) -> Record | None:
        """The cluster a province, group or plan belongs to (None if it has none)."""
        if record.type == "groups":
            return record
        if record.type == "provinces":
            return self.lookup(("groups", record.data["group"][1]))
        owner = record.data.get("owner")
        return self.group_of(self.lookup(owner)) if owner and self.lookup(owner) else None

    def province_of(self, record: Record) -> Record | None:
        """The province a province or plan belongs to (None if it has none)."""
        if record.type == "provinces":
            return record
        owner = record.data.get("owner")
        return self.lookup(owner) if owner and owner[0] == "provinces" else None

    def derived(self, name: str, make: Callable[[], T]) -> T:
        """`make()`, worked out once and kept until the records change (link() forgets it):
        validation, exports, pages and the index share one projects register."""
        if name not in self.worked_out:
            self.worked_out[name] = make()
        return self.worked_out[name]

    def link(self) -> None:
        """Work out the backlinks of every published record's references (and forget the
        values derived from the records before)."""
        self.worked_out = {}
        links: dict[str, list[tuple[str, Record]]] = defaultdict(list)
        for record in self.published():
            for name, ref in references(record):
                links[f"{ref[0]}/{ref[1]}"].append((name, record))
        self.backlinks = dict(links)


def references(record: Record) -> Iterator[tuple[str, tuple[str, str]]]:
    """(field name, (type, id)) of every reference a record makes, at any depth."""
    yield from _refs(TYPES[record.type].all_fields, record.data)


def _refs(fields: tuple[Field, ...], data: dict) -> Iterator[tuple[str, tuple[str, str]]]:
    for fld in fields:
        value = data.get(fld.name)
        if value is None:
            continue
        values = value if fld.many else [value]
        if fld.kind == REF:
            for ref in values:
                yield fld.name, ref
        elif fld.fields:
            for item in values:
                yield from _refs(fld.fields, item)
