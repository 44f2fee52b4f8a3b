"""The editors' guide (content/guide.md): every YAML example in it is a valid record."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from kbtest import REPO, Project

from generator.validate import load_corpus

GUIDE = REPO / "content" / "guide.md"
BLOCK = re.compile(r"```yaml\n# (content/[^\n]+\.yml)\n(.*?)```", re.S)


def examples() -> list[tuple[str, str]]:
    return BLOCK.findall(GUIDE.read_text(encoding="utf-8"))


def test_guide_has_an_example_per_type() -> None:
    folders = {path.split("/")[1] for path, _ in examples()}
    assert folders >= {"circulars", "orders", "plans", "qa", "events", "meetings", "activities",
                       "documents"}  # fmt: skip
    assert GUIDE.read_text(encoding="utf-8").count("```yaml") == len(examples())


@pytest.mark.parametrize("path, text", examples(), ids=[p for p, _ in examples()])
def test_guide_example_is_valid(path: str, text: str, tmp_path: Path) -> None:
    project = Project(tmp_path)
    for rel in ("groups", "provinces", "orders"):  # what the examples refer to
        for source in (REPO / "content" / rel).glob("*.yml"):
            project.write(f"{rel}/{source.name}", source.read_text(encoding="utf-8"))
    project.write(path.removeprefix("content/"), text)
    _, problems = load_corpus(project.content)
    assert [p.format() for p in problems] == []
