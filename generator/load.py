"""Find the files of a content folder and read them into YAML nodes and page texts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import ID_PATTERN, TYPES
from .problems import Problem, did_you_mean
from .yamlsafe import Node, YamlError, read_yaml

ATTACHMENTS = "attachments"


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
    for path in sorted(content.rglob("*")):
        if path.is_dir() or _skipped(content, path):
            continue
        type_ = path.relative_to(content).parts[0]
        if path.suffix in (".yaml", ".YML", ".Yml"):
            problems.append(Problem(path, 1, 1, "file", "records end in .yml: rename the file"))
        elif path.suffix == ".yml":
            source = _read_source(content, path, type_, problems)
            if source:
                sources.append(source)
    return sources


def read_pages(content: Path, problems: list[Problem]) -> dict[str, str]:
    """Narrative Markdown pages outside the type folders: path relative to content → text."""
    pages = {}
    for path in sorted(content.rglob("*.md")):
        if _skipped(content, path) or path.relative_to(content).parts[0] in TYPES:
            continue
        text = _read_text(path, problems)
        if text is not None:
            pages[path.relative_to(content).as_posix()] = text
    return pages


def _skipped(content: Path, path: Path) -> bool:
    parts = path.relative_to(content).parts
    return parts[0] == ATTACHMENTS or any(p.startswith(".") for p in parts)


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        problems.append(Problem(path, line, 1, "file", "not UTF-8 text: save the file as UTF-8"))
        return None


def _read_source(content: Path, path: Path, type_: str, problems: list[Problem]) -> Source | None:
    if type_ not in TYPES:
        where = "at the top of content/" if len(path.relative_to(content).parts) == 1 else ""
        hint = did_you_mean(type_, list(TYPES))
        problems.append(
            Problem(path, 1, 1, "file", f"'{type_}' is not a record folder{hint} "
                    f"(records go in content/<type>/{where}; types: {', '.join(TYPES)})")
        )  # fmt: skip
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
        what = "is empty" if node is None else "is not a set of `field: value` lines"
        problems.append(Problem(path, 1, 1, "file", f"the file {what}: a record needs at least "
                                f"'title: …' and its type's required fields"))  # fmt: skip
        return None
    return Source(type_, path.stem, path, node)


def _bad_id(stem: str) -> str:
    suggestion = "".join(c if c.isascii() and c.isalnum() else "-" for c in stem.lower())
    suggestion = "-".join(filter(None, suggestion.split("-")))[:80] or "record-1"
    return (
        f"'{stem}' is not a valid id: rename the file using only a-z, 0-9 and '-' "
        f"(1 to 80 characters), e.g. '{suggestion}.yml'"
    )
