"""What the index holds of a record: its texts, found by walking the model, and its facets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..content.corpus import Corpus, references
from ..content.dates import PartialDate
from ..content.model import (
    BAHT,
    BOOL,
    CHOICE,
    DATE,
    DATETIME,
    FILE,
    MARKDOWN,
    OBJECT,
    ORDER_NUMBER,
    REF,
    TEXT,
    TYPES,
    YEAR,
    Field,
    Record,
)
from .analysis import clean

FACETS = ("type", "year", "group", "province", "issuer", "tag", "ministry", "strategy", "budget")
"""The facets of SPEC.md, then the projects register's (issue 13), in the order the API lists
them."""

SKIPPED_KINDS = (BOOL, FILE, BAHT, DATE, DATETIME)
TITLE, NUMBER, SUMMARY = "title", "number", "summary"
LABEL_FIELDS = frozenset({"tags"})  # searched, never shown in a snippet
PLACES = ("provinces", "groups")


@dataclass
class Document:
    """One record as indexed: cleaned texts (stored, so offsets match) and facet values."""

    key: str
    type: str
    id: str
    url: str
    title: str
    number: str = ""
    text: str = ""
    meta: str = ""
    summary: str = ""
    date: str = ""
    date_th: str = ""
    sortdate: int = 0
    facets: dict[str, list[str]] = field(default_factory=dict)


def document(record: Record, corpus: Corpus) -> Document:
    """The Document of a published record."""
    texts, meta = _texts(record, corpus)
    date = record.date
    return Document(
        key=record.key, type=record.type, id=record.id, url=record.url,
        title=clean(str(record.title)),
        number=clean(str(record.data.get(NUMBER, ""))),
        text="\n".join(clean(t) for t in texts if t.strip()),
        meta=" ".join(clean(t) for t in meta if t.strip()),
        summary=clean(str(record.data.get(SUMMARY, ""))),
        date=date.iso() if date else "",
        date_th=date.thai() if date else "",
        sortdate=_sortdate(record),
        facets=facets(record, corpus),
    )  # fmt: skip


def _sortdate(record: Record) -> int:
    date = record.date
    if date:
        return date.year * 10000 + date.month * 100 + date.day
    years = [y for f in _years_fields(record) for y in f]
    return (max(years) - 543) * 10000 if years else 0


def _texts(record: Record, corpus: Corpus) -> tuple[list[str], list[str]]:
    """(texts shown in snippets, summary first; other searchable words: labels, names)."""
    texts: list[str] = [str(record.data.get(SUMMARY, ""))]
    meta: list[str] = [TYPES[record.type].th]
    skip = {TITLE, NUMBER, SUMMARY}
    for fld, value in _values(TYPES[record.type].all_fields, record.data, skip):
        if fld.name in LABEL_FIELDS:
            meta.append(str(value))
        elif fld.kind in (TEXT, MARKDOWN):
            texts.append(plain(value) if fld.kind == MARKDOWN else str(value))
        elif fld.kind == CHOICE:
            meta.append(dict(fld.choices).get(value, str(value)))
        elif fld.kind == REF and fld.targets:
            target = corpus.lookup(value)
            meta.append(str(target.title) if target else "")
        elif fld.kind in (YEAR, ORDER_NUMBER):
            meta.append(str(value))
    return texts, meta


def _values(fields: tuple[Field, ...], data: dict, skip: set[str] = frozenset()
            ) -> Iterator[tuple[Field, object]]:  # fmt: skip
    """(field, value) of every leaf value, depth first; lists flattened."""
    for fld in fields:
        value = data.get(fld.name)
        if value is None or fld.name in skip or fld.kind in SKIPPED_KINDS:
            continue
        for item in value if fld.many else [value]:
            if fld.kind == OBJECT:
                yield from _values(fld.fields, item if isinstance(item, dict) else {})
            else:
                yield fld, item


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]{0,500}>")
_MARKUP = re.compile(r"^\s{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])\s+|[*_`~]{1,3}", re.MULTILINE)


def plain(markdown: str) -> str:
    """Readable text of Markdown: link texts kept, tags and markup dropped."""
    text = _LINK.sub(r"\1", str(markdown))
    return _MARKUP.sub("", _TAG.sub(" ", text))


def facets(record: Record, corpus: Corpus) -> dict[str, list[str]]:
    """Facet values of a record (each list sorted, without duplicates)."""
    values: dict[str, set[str]] = {name: set() for name in FACETS}
    values["type"].add(record.type)
    if isinstance(record.date, PartialDate):
        values["year"].add(str(record.date.be_year))
    for years in _years_fields(record):
        values["year"].update(str(y) for y in years)
    _places(record, corpus, values)
    issuer = record.data.get("issuer")
    if issuer:
        values["issuer"].add(facet_value(issuer))
    values["tag"].update(facet_value(t) for t in record.data.get("tags") or () if str(t).strip())
    return {name: sorted(v) for name, v in values.items()}


def _years_fields(record: Record) -> Iterator[list[int]]:
    for fld in TYPES[record.type].all_fields:
        value = record.data.get(fld.name)
        if fld.kind == YEAR and value is not None:
            yield [int(v) for v in (value if fld.many else [value])]


def _places(record: Record, corpus: Corpus, values: dict[str, set[str]]) -> None:
    """Provinces and clusters a record is of or refers to; a province brings its cluster."""
    places = [record]
    if record.type not in PLACES:
        places += [corpus.lookup(ref) for _, ref in references(record) if ref[0] in PLACES]
    for place in places:
        if place is None:
            continue
        province = corpus.province_of(place)
        if province is not None:
            values["province"].add(province.id)
        group = corpus.group_of(place)
        if group is not None:
            values["group"].add(group.id)


def facet_value(text: object) -> str:
    """A facet value as indexed: cleaned, spaces collapsed, no commas (the field's separator)."""
    return " ".join(clean(str(text)).replace(",", " ").split())


def project_documents(corpus: Corpus) -> list[Document]:
    """One entry per project of every published plan (see project_document)."""
    from ..projects.register import projects

    once = Once()
    return [project_document(project, once) for project in projects(corpus)]


def project_document(project, once: Once) -> Document:  # noqa: ANN001 - a register Project
    """A project's entry: its title names the plan, it links to the project's row (facets: type
    `projects`, fiscal years, cluster, province, and the agency responsible as `issuer`, its
    ministry's id, its strategy's title, its budget band). `once` remembers the texts a plan's
    ~50 projects share (their plan's, strategy's and agency's), cleaned once."""
    from ..projects.register import budget_band, budget_range

    plan, agency = project.plan, project.agency_name
    place = project.province or project.group
    summary = f"โครงการใน{plan.title} · {project.strategy_title}"
    values = {
        "type": ["projects"], "year": sorted({str(y) for y in project.years}),
        "group": [project.group.id] if project.group else [],
        "province": [project.province.id] if project.province else [],
        "issuer": [once(facet_value, agency)] if agency.strip() else [],
        "tag": [], "ministry": [project.ministry.id] if project.ministry else [],
        "strategy": [v] if (v := once(facet_value, project.strategy_title)) else [],
        "budget": [b] if (b := budget_band(project.budget)) else [],
    }  # fmt: skip
    meta = [agency, project.ministry.title if project.ministry else "",
            place.title if place else "", budget_range(project.budget)]  # fmt: skip
    return Document(
        key=project.key, type="projects", id=f"{plan.id}-{project.anchor}", url=project.url,
        title=clean(f"{project.title} — {plan.title}"),
        text=once(clean, f"{summary}\n{agency}"),
        meta=" ".join(once(clean, m) for m in meta if m), summary=once(clean, summary),
        sortdate=(max(project.years) - 543) * 10000 if project.years else 0,
        facets=values,
    )  # fmt: skip


class Once:
    """Calls of a text function remembered by function and text (texts repeat from project
    to project)."""

    def __init__(self) -> None:
        self.done: dict[tuple, str] = {}

    def __call__(self, function, text: str) -> str:  # noqa: ANN001 - clean or facet_value
        found = self.done.get((function, text))
        if found is None:
            found = self.done[function, text] = function(text)
        return found
