"""Check a whole content folder: every field of every record, then the links between them.

Every problem is collected; the caller fails once with all of them (like mkdocs' config).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..projects.duplicates import check_duplicates
from ..search.synonyms import read_synonyms
from .agencies import check_agencies
from .corpus import Corpus
from .dates import PartialDate
from .fields import FieldReader
from .load import SYNONYMS, Source, read_pages, read_source, read_sources
from .model import TYPES, Field, Record
from .problems import Msg, Problem, did_you_mean

Refs = list[tuple[str, Field, tuple[str, str]]]


@dataclass
class Checked:
    """A content folder as last checked, kept so that an edit re-reads only its own file."""

    content: Path
    corpus: Corpus = field(default_factory=Corpus)
    file_problems: dict[Path, list[Problem]] = field(default_factory=dict)
    """Each file's own problems (syntax, fields), by path."""
    refs: dict[str, Refs] = field(default_factory=dict)
    """The references each record makes, by `type/id`."""
    problems: list[Problem] = field(default_factory=list)
    """Every error: the files' own and the cross-checks'."""
    warnings: list[Problem] = field(default_factory=list)
    """What is shown but stops nothing (unknown agency names, possible duplicates)."""


def load_corpus(content: Path) -> tuple[Corpus, list[Problem]]:
    """Load and check every file under `content`; the corpus holds the records that loaded."""
    checked = check_content(content)
    return checked.corpus, checked.problems


def check_content(content: Path) -> Checked:
    """Read and check every file of a content folder."""
    checked = Checked(content)
    if not content.is_dir():
        checked.problems = [Problem(content, 1, 1, "content", no_folder(content))]
        return checked
    problems: list[Problem] = []
    checked.corpus.pages = read_pages(content, problems)
    checked.corpus.synonyms = read_synonyms(content, problems)
    for source in read_sources(content, problems):
        _take(checked, *read_record(source, content, problems), problems)
    _group(checked, problems)
    return cross_check(checked)


def no_folder(content: Path) -> Msg:
    """What to say when the content folder does not exist."""
    return Msg(
        f"the folder '{content}' does not exist: run kb in the folder that holds content/, "
        "or give the right one with --content DIR",
        f"ไม่มีโฟลเดอร์ '{content}': เรียก kb ในโฟลเดอร์ที่มี content/ "
        "หรือระบุโฟลเดอร์ที่ถูกต้องด้วย --content DIR",
    )


def recheck(checked: Checked, paths: list[Path]) -> Checked:
    """Re-read only the files at `paths` (changed, added or deleted), then cross-check all."""
    content = checked.content
    for path in paths:
        checked.file_problems.pop(path, None)
        for by_id in checked.corpus.records.values():
            for record in [r for r in by_id.values() if r.path == path]:
                del by_id[record.id]
                checked.refs.pop(record.key, None)
        problems: list[Problem] = []
        rel = path.relative_to(content).as_posix()
        if rel == SYNONYMS:
            checked.corpus.synonyms = read_synonyms(content, problems)
        elif path.suffix == ".md":
            checked.corpus.pages.pop(rel, None)
            if path.exists():
                checked.corpus.pages.update(_page(content, path, problems))
        elif path.exists():
            source = read_source(content, path, problems)
            if source is not None:
                _take(checked, *read_record(source, content, problems), problems)
        _group(checked, problems)
    return cross_check(checked)


def _page(content: Path, path: Path, problems: list[Problem]) -> dict[str, str]:
    return {k: v for k, v in read_pages(content, problems).items()
            if k == path.relative_to(content).as_posix()}  # fmt: skip


def _take(checked: Checked, record: Record, reader: FieldReader, problems: list) -> None:
    if _add(checked.corpus, record, problems):
        checked.refs[record.key] = reader.refs


def _group(checked: Checked, problems: list[Problem]) -> None:
    for problem in problems:
        checked.file_problems.setdefault(problem.path, []).append(problem)


def cross_check(checked: Checked) -> Checked:
    """The checks across files, on top of each file's own problems."""
    corpus, problems = checked.corpus, [p for ps in checked.file_problems.values() for p in ps]
    refs = [(corpus.get(*key.split("/", 1)), name, fld, ref)
            for key, rs in checked.refs.items() for name, fld, ref in rs]  # fmt: skip
    check_references(corpus, refs, problems)
    check_groups(corpus, problems)
    check_orders(corpus, problems)
    check_events(corpus, problems)
    check_priorities(corpus, problems)
    corpus.link()  # before the checks below, which keep what they work out in the corpus
    warnings: list[Problem] = []
    check_agencies(corpus, problems, warnings)
    check_duplicates(corpus, warnings)
    checked.problems = sorted(set(problems), key=in_order)
    checked.warnings = sorted(set(warnings), key=in_order)
    return checked


def in_order(problem: Problem) -> tuple:
    """A problem's place in sorted order (as Problem's own order, compared as one tuple)."""
    return (problem.path, problem.line, problem.col, problem.field, problem.message,
            problem.severity)


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


def check_priorities(corpus: Corpus, problems: list[Problem]) -> None:
    """A project's priority is unique within its plan."""
    for plan in corpus.records.get("plans", {}).values():
        seen: dict[int, str] = {}
        for i, strategy in enumerate(plan.data.get("strategies", []), 1):
            for j, project in enumerate(strategy.get("projects", []), 1):
                rank, name = project.get("priority"), f"strategies[{i}].projects[{j}]"
                if rank is None:
                    continue
                if rank in seen:
                    line = plan.where.get(seen[rank], (1, 1))[0]
                    problems.append(_at(plan, name + ".priority", Msg(
                        f"priority {rank} is also given on line {line}: each project of a plan "
                        "has its own rank (1, 2, 3 …); renumber one of them",
                        f"ลำดับความสำคัญ {rank} ซ้ำกับบรรทัด {line}: โครงการในแผนเดียวกันต้องมี"
                        "ลำดับไม่ซ้ำกัน (1, 2, 3 …); แก้ลำดับของโครงการใดโครงการหนึ่ง")))
                else:
                    seen[rank] = name + ".priority"


def _earliest(date: PartialDate) -> tuple:
    return (date.year, date.month or 1, date.day or 1, max(date.hour, 0), date.minute)


def _latest(date: PartialDate) -> tuple:
    hour, minute = (date.hour, date.minute) if date.hour >= 0 else (23, 59)
    return (date.year, date.month or 12, date.day or 31, hour, minute)
