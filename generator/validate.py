"""Check a whole content folder: every field of every record, then the links between them.

Every problem is collected; the caller fails once with all of them (like mkdocs' config).
"""

from __future__ import annotations

from pathlib import Path

from .corpus import Corpus
from .dates import PartialDate
from .fields import FieldReader
from .load import Source, read_pages, read_sources
from .model import TYPES, Field, Record
from .problems import Problem, did_you_mean


def load_corpus(content: Path) -> tuple[Corpus, list[Problem]]:
    """Load and check every file under `content`; the corpus holds the records that loaded."""
    problems: list[Problem] = []
    if not content.is_dir():
        problems.append(Problem(content, 1, 1, "content", "no such folder: check --content"))
        return Corpus(), problems
    corpus = Corpus(pages=read_pages(content, problems))
    refs: list[tuple[Record, str, Field, tuple[str, str]]] = []
    for source in read_sources(content, problems):
        record, reader = read_record(source, content, problems)
        if _add(corpus, record, problems):
            refs += [(record, name, fld, ref) for name, fld, ref in reader.refs]
    check_references(corpus, refs, problems)
    check_groups(corpus, problems)
    check_orders(corpus, problems)
    check_events(corpus, problems)
    corpus.link()
    return corpus, sorted(set(problems))


def count_files(content: Path) -> int:
    """How many files `kb validate` looked at (records and pages)."""
    return sum(1 for p in content.rglob("*") if p.suffix in (".yml", ".yaml", ".md"))


def read_record(source: Source, content: Path, problems: list[Problem]):
    """The record of one source file, and the reader that holds its references."""
    reader = FieldReader(source.path, content, problems)
    data = reader.mapping(TYPES[source.type].all_fields, source.node)
    record = Record(source.type, source.id, source.path, data, reader.where)
    return record, reader


def _add(corpus: Corpus, record: Record, problems: list[Problem]) -> bool:
    same = corpus.records.setdefault(record.type, {}).get(record.id)
    if same is not None:
        problems.append(Problem(record.path, 1, 1, "id", (
            f"'{record.id}' is also the id of {same.path.as_posix()}: ids are unique per "
            f"type, even in sub-folders; rename one of the two files")))  # fmt: skip
        return False
    corpus.records[record.type][record.id] = record
    return True


def _at(record: Record, name: str, message: str) -> Problem:
    line, col = record.where.get(name, (1, 1))
    return Problem(record.path, line, col, name, message)


def check_references(corpus: Corpus, refs: list, problems: list[Problem]) -> None:
    """Every reference names an existing record, and a published one from a published one."""
    for record, name, _fld, (type_, id_) in refs:
        target = corpus.get(type_, id_)
        if target is None:
            ids = list(corpus.records.get(type_, {}))
            hint = did_you_mean(id_, ids)
            hint = hint.replace("'", f"'{type_}/", 1) if hint else ""
            problems.append(_at(record, name, f"no record '{type_}/{id_}': check the id (the "
                                f"file name in content/{type_}/ without .yml){hint}"))  # fmt: skip
        elif target.draft and not record.draft:
            problems.append(_at(record, name, f"'{type_}/{id_}' is a draft, which has no page: "
                                "publish it (remove draft: true) or remove this reference"))


def check_groups(corpus: Corpus, problems: list[Problem]) -> None:
    """A province's group lists it back, and a group's centre is one of its provinces."""
    for province in corpus.records.get("provinces", {}).values():
        group = corpus.lookup(province.data.get("group", ("", "")))
        if group and ("provinces", province.id) not in group.data.get("provinces", []):
            problems.append(_at(province, "group", (
                f"groups/{group.id} does not list '{province.id}' in its provinces: add it "
                f"there, or correct the group")))  # fmt: skip
    for group in corpus.records.get("groups", {}).values():
        members = group.data.get("provinces", [])
        for i, ref in enumerate(members, 1):
            province = corpus.lookup(ref)
            if province and province.data.get("group") not in (None, ("groups", group.id)):
                problems.append(_at(group, f"provinces[{i}]", (
                    f"provinces/{ref[1]} says its group is '{province.data['group'][1]}': "
                    f"remove it here, or correct the province's group")))  # fmt: skip
        center = group.data.get("center")
        if center and center not in members:
            problems.append(_at(group, "center", f"'{center[1]}' is not one of this group's "
                                "provinces: add it to provinces or choose another centre"))


def check_orders(corpus: Corpus, problems: list[Problem]) -> None:
    """An order's number is unique in its year."""
    seen: dict[str, Record] = {}
    for order in sorted(corpus.records.get("orders", {}).values(), key=lambda r: r.path):
        number = order.data.get("number")
        if number in seen:
            problems.append(_at(order, "number", (
                f"order {number} is also {seen[number].path.as_posix()}: numbers are unique "
                f"per year; correct one of the two")))  # fmt: skip
        elif number:
            seen[number] = order


def check_events(corpus: Corpus, problems: list[Problem]) -> None:
    """An event does not end before it starts."""
    for event in corpus.records.get("events", {}).values():
        start, end = event.data.get("start"), event.data.get("end")
        if start and end and _latest(end) < _earliest(start):
            problems.append(_at(event, "end", f"ends ({end.thai()}) before it starts "
                                f"({start.thai()}): correct start or end"))


def _earliest(date: PartialDate) -> tuple:
    return (date.year, date.month or 1, date.day or 1, max(date.hour, 0), date.minute)


def _latest(date: PartialDate) -> tuple:
    hour, minute = (date.hour, date.minute) if date.hour >= 0 else (23, 59)
    return (date.year, date.month or 12, date.day or 31, hour, minute)
