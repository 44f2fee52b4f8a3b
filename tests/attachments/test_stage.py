"""The attachments step of a build: the files of published records are read once; a draft's
are not read until it is published; a rebuild with nothing changed reads nothing again."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from kbtest import Project

from generator.attachments import TEXT, Settings, cache_dir, read_attachments
from generator.content.validate import load_corpus

CIRCULAR = """
title: {title}
number: นร 0109/ว {n}
date: 2553-01-19
issuer: สำนักงาน ก.พ.ร.
attachments:
  - title: ฉบับเต็ม
    file: {file}
"""


def step(project: Project) -> tuple[int, list[str]]:
    """Files extracted by the attachments step of a build, and the cache entries after it."""
    corpus, problems = load_corpus(project.content)
    assert problems == []
    library = read_attachments(corpus, project.content, project.index, Settings(), "en",
                               io.StringIO())  # fmt: skip
    entries = sorted(p.name for p in cache_dir(project.index).glob("??/*.json"))
    return library.extracted, entries


def test_published_files_are_read_once_and_a_drafts_when_it_is_published(
        pdfs, tmp_path: Path) -> None:  # fmt: skip
    project = Project(tmp_path).base()
    project.write("circulars/c1.yml", CIRCULAR.format(title="แนวทาง", n=1, file="a.pdf"))
    draft = project.write("circulars/c2.yml", CIRCULAR.format(title="ร่าง", n=2, file="b.pdf")
                          + "draft: true\n")  # fmt: skip
    (project.content / "attachments").mkdir()
    shutil.copy(pdfs["text"], project.content / "attachments/a.pdf")
    shutil.copy(pdfs["order"], project.content / "attachments/b.pdf")
    first, cached = step(project)
    assert (first, len(cached)) == (1, 1)  # a.pdf; the draft's b.pdf is not read
    assert step(project) == (0, cached)  # nothing changed: nothing read again
    draft.write_text(draft.read_text("utf-8").replace("draft: true\n", ""), "utf-8")
    published, after = step(project)
    assert (published, len(after)) == (1, 2)  # b.pdf, read once its record is published
    assert step(project) == (0, after)
    corpus, _ = load_corpus(project.content)
    library = read_attachments(corpus, project.content, project.index, Settings())
    assert library.get("b.pdf").status == TEXT
