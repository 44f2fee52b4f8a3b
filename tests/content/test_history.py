"""Record pages show when their file last changed in git, and link to where it is edited."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from bs4 import BeautifulSoup
from kbtest import REPO, Project

from generator.build import build
from generator.content.history import last_changed

GIT_ENV = {"GIT_AUTHOR_NAME": "ผู้ดูแล", "GIT_AUTHOR_EMAIL": "e@example.org",
           "GIT_COMMITTER_NAME": "ผู้ดูแล", "GIT_COMMITTER_EMAIL": "e@example.org"}  # fmt: skip


def commit(root: Path, when: str) -> None:
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    for args in (["add", "-A"], ["commit", "-q", "-m", "edit"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True)


def test_last_changed_from_git(project: Project) -> None:
    subprocess.run(["git", "init", "-q"], cwd=project.root, check=True)
    commit(project.root, "2026-01-05T10:00:00+07:00")
    project.write("provinces/p1.yml", "title: เชียงใหม่\nname_en: Chiang Mai\ngroup: g1\n"
                  "summary: แก้ไข\n")  # fmt: skip
    commit(project.root, "2026-11-20T09:00:00+07:00")
    changed = last_changed(project.content)
    p1 = (project.content / "provinces" / "p1.yml").resolve()
    p2 = (project.content / "provinces" / "p2.yml").resolve()
    assert changed[p1].date().isoformat() == "2026-11-20"
    assert changed[p2].date().isoformat() == "2026-01-05"


def test_outside_git_nothing_is_known(tmp_path: Path) -> None:
    assert last_changed(tmp_path) == {}


def test_record_page_shows_change_date_and_edit_link(project: Project) -> None:
    project.write("about.md", "# ความเป็นมา\n")
    subprocess.run(["git", "init", "-q"], cwd=project.root, check=True)
    commit(project.root, "2026-11-20T09:00:00+07:00")
    config = project.root / "mkdocs.yml"
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("custom_dir: theme", f"custom_dir: {REPO / 'theme'}")
    text += "repo_url: https://git.example.org/kb/content\nedit_uri: -/edit/main/content/\n"
    config.write_text(text, encoding="utf-8")
    assert build(project.content, project.site, project.index, config) == []
    html = (project.site / "provinces" / "p1" / "index.html").read_text(encoding="utf-8")
    history = BeautifulSoup(html, "html.parser").select_one(".kb-history")
    assert history.get_text(" ", strip=True).startswith("ปรับปรุงล่าสุด 20 พฤศจิกายน 2569")
    assert history.select_one("a.kb-edit")["href"] == (
        "https://git.example.org/kb/content/-/edit/main/content/provinces/p1.yml"
    )
