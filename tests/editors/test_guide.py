"""The editors' guide (content/guide.md): every YAML example in it is a valid record."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from kbtest import REPO, Project

from generator.content.validate import load_corpus

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


def _steps(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def test_guide_and_readme_tell_one_story_that_works_after_make() -> None:
    guide = _steps(GUIDE.read_text(encoding="utf-8"), "## ขั้นตอนทั่วไป", "\n## ")
    readme = _steps((REPO / "README.md").read_text(encoding="utf-8"),
                    "## How an editor adds", "**In VS Code**")  # fmt: skip
    for steps in (guide, readme):
        assert "`make`" in steps and "`.venv/bin/pre-commit install`" in steps
        assert "`.venv/bin/kb serve --watch`" in steps
        assert "`.venv/bin/kb validate" in steps and "`.venv/bin/kb new " in steps
        assert not re.findall(r"`kb \w+", steps), "a command that is not on PATH after make"
    assert (REPO / "scripts" / "kb-validate").stat().st_mode & 0o111
