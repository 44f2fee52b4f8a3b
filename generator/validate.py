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
from .problems import Msg, Problem, did_you_mean


def load_corpus(content: Path) -> tuple[Corpus, list[Problem]]:
    """Load and check every file under `content`; the corpus holds the records that loaded."""
    problems: list[Problem] = []
    if not content.is_dir():
        problems.append(Problem(content, 1, 1, "content", Msg(
            "no such folder: check --content", "ไม่มีโฟลเดอร์นี้: ตรวจ --content")))
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
        other = same.path.as_posix()
        problems.append(Problem(record.path, 1, 1, "id", Msg(
            f"'{record.id}' is also the id of {other}: ids are unique per "
            f"type, even in sub-folders; rename one of the two files",
            f"'{record.id}' ซ้ำกับรหัสของ {other}: รหัสต้องไม่ซ้ำในประเภทเดียวกัน "
            f"แม้อยู่ต่างโฟลเดอร์ย่อย; เปลี่ยนชื่อไฟล์ใดไฟล์หนึ่ง")))  # fmt: skip
        return False
    corpus.records[record.type][record.id] = record
    return True


def _at(record: Record, name: str, message: Msg) -> Problem:
    line, col = record.where.get(name, (1, 1))
    return Problem(record.path, line, col, name, message)


def check_references(corpus: Corpus, refs: list, problems: list[Problem]) -> None:
    """Every reference names an existing record, and a published one from a published one."""
    for record, name, _fld, (type_, id_) in refs:
        target = corpus.get(type_, id_)
        if target is None:
            ids = list(corpus.records.get(type_, {}))
            hint = did_you_mean(id_, ids, prefix=f"{type_}/")
            problems.append(_at(record, name, Msg(
                f"no record '{type_}/{id_}': check the id (the file name in content/{type_}/ "
                "without .yml)",
                f"ไม่มีระเบียน '{type_}/{id_}': ตรวจรหัส (ชื่อไฟล์ใน content/{type_}/ "
                "โดยไม่มี .yml)") + hint))  # fmt: skip
        elif target.draft and not record.draft:
            problems.append(_at(record, name, Msg(
                f"'{type_}/{id_}' is a draft, which has no page: publish it (remove draft: true) "
                "or remove this reference",
                f"'{type_}/{id_}' เป็นฉบับร่างซึ่งไม่มีหน้าเว็บ: เผยแพร่ (ลบ draft: true) "
                "หรือลบการอ้างอิงนี้")))  # fmt: skip


def check_groups(corpus: Corpus, problems: list[Problem]) -> None:
    """A province's group lists it back, and a group's centre is one of its provinces."""
    for province in corpus.records.get("provinces", {}).values():
        group = corpus.lookup(province.data.get("group", ("", "")))
        if group and ("provinces", province.id) not in group.data.get("provinces", []):
            problems.append(_at(province, "group", Msg(
                f"groups/{group.id} does not list '{province.id}' in its provinces: add it "
                f"there, or correct the group",
                f"groups/{group.id} ไม่มี '{province.id}' ใน provinces: เพิ่มที่นั่น "
                f"หรือแก้ group ให้ถูก")))  # fmt: skip
    for group in corpus.records.get("groups", {}).values():
        members = group.data.get("provinces", [])
        for i, ref in enumerate(members, 1):
            province = corpus.lookup(ref)
            if province and province.data.get("group") not in (None, ("groups", group.id)):
                said = province.data["group"][1]
                problems.append(_at(group, f"provinces[{i}]", Msg(
                    f"provinces/{ref[1]} says its group is '{said}': "
                    f"remove it here, or correct the province's group",
                    f"provinces/{ref[1]} ระบุกลุ่มเป็น '{said}': "
                    f"ลบออกจากที่นี่ หรือแก้ group ของจังหวัด")))  # fmt: skip
        center = group.data.get("center")
        if center and center not in members:
            problems.append(_at(group, "center", Msg(
                f"'{center[1]}' is not one of this group's provinces: add it to provinces or "
                "choose another centre",
                f"'{center[1]}' ไม่ได้อยู่ใน provinces ของกลุ่มนี้: เพิ่มใน provinces "
                "หรือเลือกจังหวัดศูนย์อื่น")))  # fmt: skip


def check_orders(corpus: Corpus, problems: list[Problem]) -> None:
    """An order's number is unique in its year."""
    seen: dict[str, Record] = {}
    for order in sorted(corpus.records.get("orders", {}).values(), key=lambda r: r.path):
        number = order.data.get("number")
        if number in seen:
            other = seen[number].path.as_posix()
            problems.append(_at(order, "number", Msg(
                f"order {number} is also {other}: numbers are unique "
                f"per year; correct one of the two",
                f"คำสั่งที่ {number} ซ้ำกับ {other}: เลขที่คำสั่งต้องไม่ซ้ำในปีเดียวกัน; "
                f"แก้ไฟล์ใดไฟล์หนึ่ง")))  # fmt: skip
        elif number:
            seen[number] = order


def check_events(corpus: Corpus, problems: list[Problem]) -> None:
    """An event does not end before it starts."""
    for event in corpus.records.get("events", {}).values():
        start, end = event.data.get("start"), event.data.get("end")
        if start and end and _latest(end) < _earliest(start):
            problems.append(_at(event, "end", Msg(
                f"ends ({end.thai()}) before it starts ({start.thai()}): correct start or end",
                f"สิ้นสุด ({end.thai()}) ก่อนเริ่ม ({start.thai()}): แก้ start หรือ end")))


def _earliest(date: PartialDate) -> tuple:
    return (date.year, date.month or 1, date.day or 1, max(date.hour, 0), date.minute)


def _latest(date: PartialDate) -> tuple:
    hour, minute = (date.hour, date.minute) if date.hour >= 0 else (23, 59)
    return (date.year, date.month or 12, date.day or 31, hour, minute)
