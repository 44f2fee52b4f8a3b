"""Find the files of a content folder and read them into YAML nodes and page texts."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .model import ID_PATTERN, TYPES
from .problems import Msg, Problem, did_you_mean
from .yamlsafe import Node, YamlError, read_yaml

ATTACHMENTS = "attachments"
SYNONYMS = "synonyms.yml"


@dataclass
class Source:
    """One record file, read but not yet checked against its type."""

    type: str
    id: str
    path: Path
    node: Node


def read_sources(content: Path, problems: list[Problem]) -> list[Source]:
    """Every record file under content/<type>/, parsed; unreadable files become problems."""
    sources = []
    for path in content_files(content, problems):
        if _skipped(content, path):
            continue
        type_ = path.relative_to(content).parts[0]
        if path.suffix in (".yaml", ".YML", ".Yml"):
            problems.append(Problem(path, 1, 1, "file", Msg(
                "records end in .yml: rename the file", "ไฟล์ระเบียนต้องลงท้ายด้วย .yml: เปลี่ยนชื่อไฟล์")))
        elif path.suffix == ".yml":
            source = _read_source(content, path, type_, problems)
            if source:
                sources.append(source)
    return sources


def read_source(content: Path, path: Path, problems: list[Problem]) -> Source | None:
    """One record file, parsed (None if it is not a readable record file)."""
    if path.is_symlink():
        problems.append(link_problem(path))
        return None
    if path.is_dir() or _skipped(content, path) or path.suffix not in (".yml", ".yaml"):
        return None
    if path.suffix == ".yaml":
        problems.append(Problem(path, 1, 1, "file", Msg(
            "records end in .yml: rename the file", "ไฟล์ระเบียนต้องลงท้ายด้วย .yml: เปลี่ยนชื่อไฟล์")))
        return None
    return _read_source(content, path, path.relative_to(content).parts[0], problems)


def read_pages(content: Path, problems: list[Problem]) -> dict[str, str]:
    """Narrative Markdown pages outside the type folders: path relative to content → text."""
    pages = {}
    for path in content_files(content):
        if path.suffix != ".md" or _skipped(content, path):
            continue
        if path.relative_to(content).parts[0] in TYPES:
            continue
        text = _read_text(path, problems)
        if text is not None:
            pages[path.relative_to(content).as_posix()] = text
    return pages


def content_files(folder: Path, problems: list[Problem] | None = None) -> list[Path]:
    """Every file under folder, sorted, hidden folders skipped. Symbolic links are never
    followed nor returned: each one is a problem (when `problems` is given), because a link
    would publish whatever file of the builder's machine it points to."""
    found = []
    for parent, dirs, files in os.walk(folder):  # never descends into linked folders
        base = Path(parent)
        for name in sorted(dirs + files):
            path = base / name
            if path.is_symlink():
                if problems is not None:
                    problems.append(link_problem(path))
            elif name in files and not name.startswith("."):
                found.append(path)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (base / d).is_symlink())
    return sorted(found)


def link_problem(path: Path) -> Problem:
    """A symbolic link where content (or a theme) must hold real files and folders."""
    target = os.readlink(path)
    return Problem(path, 1, 1, "file", Msg(
        f"symbolic links are not allowed: this is a link to '{target}'; put the real file "
        "or folder here instead (kb never follows or publishes links)",
        f"ไม่อนุญาตให้ใช้ลิงก์สัญลักษณ์ (symbolic link): รายการนี้ลิงก์ไปยัง '{target}' "
        "ให้วางไฟล์หรือโฟลเดอร์จริงไว้ที่นี่แทน (kb ไม่ตามลิงก์และไม่เผยแพร่ลิงก์)"))  # fmt: skip


def _skipped(content: Path, path: Path) -> bool:
    parts = path.relative_to(content).parts
    if parts == (SYNONYMS,):  # read by search.synonyms
        return True
    return parts[0] == ATTACHMENTS or any(p.startswith(".") for p in parts)


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        problems.append(Problem(path, line, 1, "file", Msg(
            "not UTF-8 text: save the file as UTF-8", "ไม่ใช่ข้อความ UTF-8: บันทึกไฟล์เป็น UTF-8")))
        return None


def _read_source(content: Path, path: Path, type_: str, problems: list[Problem]) -> Source | None:
    if type_ not in TYPES:
        hint, types = did_you_mean(type_, list(TYPES)), ", ".join(TYPES)
        problems.append(Problem(path, 1, 1, "file", Msg(
            f"'{type_}' is not a record folder", f"'{type_}' ไม่ใช่โฟลเดอร์ของระเบียน") + hint + Msg(
            f" (records go in content/<type>/; types: {types})",
            f" (ระเบียนอยู่ใน content/<ประเภท>/; ประเภท: {types})")))  # fmt: skip
        return None
    if not ID_PATTERN.fullmatch(path.stem):
        problems.append(Problem(path, 1, 1, "id", _bad_id(path.stem)))
    text = _read_text(path, problems)
    if text is None:
        return None
    try:
        node = read_yaml(text)
    except YamlError as exc:
        problems.append(Problem(path, exc.line, exc.col, exc.field, exc.message))
        return None
    if node is None or node.kind != "map":
        what = Msg("is empty", "ว่างเปล่า") if node is None else Msg(
            "is not a set of `field: value` lines", "ไม่ได้เขียนเป็นบรรทัด `ฟิลด์: ค่า`")
        problems.append(Problem(path, 1, 1, "file", Msg("the file ", "ไฟล์") + what + Msg(
            ": a record needs at least 'title: …' and its type's required fields",
            ": ระเบียนต้องมีอย่างน้อย 'title: …' และฟิลด์ที่จำเป็นของประเภทนั้น")))  # fmt: skip
        return None
    return Source(type_, path.stem, path, node)


def _bad_id(stem: str) -> Msg:
    suggestion = "".join(c if c.isascii() and c.isalnum() else "-" for c in stem.lower())
    suggestion = "-".join(filter(None, suggestion.split("-")))[:80] or "record-1"
    return Msg(
        f"'{stem}' is not a valid id: rename the file using only a-z, 0-9 and '-' "
        f"(1 to 80 characters), e.g. '{suggestion}.yml'",
        f"'{stem}' ไม่ใช่รหัสที่ใช้ได้: เปลี่ยนชื่อไฟล์ให้มีเฉพาะ a-z, 0-9 และ '-' "
        f"(1 ถึง 80 ตัวอักษร) เช่น '{suggestion}.yml'",
    )
