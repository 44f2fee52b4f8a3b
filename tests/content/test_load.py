"""Finding content files: symbolic links (files, folders, pages, attachments, theme files)
are errors at `kb validate` and `kb build`, never followed, never published."""

from __future__ import annotations

from pathlib import Path

import pytest
from kbtest import REPO, Project

from generator.build import build
from generator.cli import main
from generator.content.validate import load_corpus

CONFIG = REPO / "mkdocs.yml"
CIRCULAR = "title: หนังสือเวียน\nnumber: ว 1\ndate: 2553-01-19\nissuer: ก.พ.ร.\n"


def message(target: str) -> str:
    return (f"file: symbolic links are not allowed: this is a link to '{target}'; put the real "
            "file or folder here instead (kb never follows or publishes links)")  # fmt: skip


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside content/ that a link must never publish."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("SECRET-PASSWORD-42\n")
    (outside / "leak.yml").write_text(CIRCULAR)
    return outside


def validate(project: Project, capsys) -> tuple[int, list[str]]:
    code = main(["validate", "--content", str(project.content), "--lang", "en"])
    return code, capsys.readouterr().out.splitlines()


def published(project: Project, text: str) -> list[str]:
    if not project.site.exists():
        return []
    return [p.name for p in project.site.rglob("*") if p.is_file() and text in
            p.read_bytes().decode("utf-8", "replace")]  # fmt: skip


def test_a_linked_attachment_is_an_error_and_is_not_published(project, secret, capsys):
    project.base()
    (project.content / "attachments").mkdir()
    (project.content / "attachments" / "x.pdf").symlink_to(secret / "secret.txt")
    project.write("circulars/c1.yml", CIRCULAR + "attachments:\n  - title: ไฟล์\n    file: x.pdf\n")
    code, lines = validate(project, capsys)
    assert code == 1
    assert f"content/attachments/x.pdf:1:1: error: {message(str(secret / 'secret.txt'))}" in lines
    assert build(project.content, project.site, project.index, CONFIG)
    assert published(project, "SECRET-PASSWORD-42") == []
    assert not project.site.exists()


def test_a_linked_folder_is_an_error_and_its_records_are_not_read(project, secret, capsys):
    project.base()
    (project.content / "circulars").mkdir()
    (project.content / "circulars" / "more").symlink_to(secret, target_is_directory=True)
    corpus, problems = load_corpus(project.content)
    assert [(p.path, p.line, p.field) for p in problems] == [
        (project.content / "circulars" / "more", 1, "file")]
    assert str(problems[0].message) == message(str(secret)).removeprefix("file: ")
    assert corpus.get("circulars", "leak") is None
    code, lines = validate(project, capsys)
    assert code == 1 and lines[0] == f"content/circulars/more:1:1: error: {message(str(secret))}"


def test_a_linked_page_is_an_error_and_never_becomes_a_page(project, secret, capsys):
    project.base()
    (project.content / "leak.md").symlink_to(secret / "secret.txt")
    code, lines = validate(project, capsys)
    assert code == 1
    assert lines[0] == f"content/leak.md:1:1: error: {message(str(secret / 'secret.txt'))}"
    corpus, _ = load_corpus(project.content)
    assert "leak.md" not in corpus.pages
    assert build(project.content, project.site, project.index, CONFIG)
    assert not project.site.exists()


def test_linked_record_hidden_and_broken_links_are_each_reported(project, secret):
    project.base()
    (project.content / "circulars").mkdir()
    (project.content / "circulars" / "c1.yml").symlink_to(secret / "leak.yml")
    (project.content / ".hidden.pdf").symlink_to(secret / "secret.txt")
    (project.content / "gone.md").symlink_to(secret / "missing.md")
    corpus, problems = load_corpus(project.content)
    assert sorted(p.path.name for p in problems) == [".hidden.pdf", "c1.yml", "gone.md"]
    assert corpus.get("circulars", "c1") is None


def test_a_linked_theme_file_stops_the_build(project, secret, tmp_path):
    project.base()
    theme = tmp_path / "theme"
    (theme / "assets").mkdir(parents=True)
    (theme / "assets" / "kb.css").symlink_to(secret / "secret.txt")
    config = tmp_path / "linked.yml"
    config.write_text(f"INHERIT: {CONFIG}\ntheme:\n  name: material\n  custom_dir: {theme}\n"
                      "  language: th\n  font: false\n", encoding="utf-8")  # fmt: skip
    problems = build(project.content, project.site, project.index, config)
    assert [(p.path, str(p.message)) for p in problems] == [
        (theme / "assets" / "kb.css",
         message(str(secret / "secret.txt")).removeprefix("file: "))]  # fmt: skip
    assert not project.site.exists()
