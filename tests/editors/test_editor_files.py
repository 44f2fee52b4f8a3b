"""The pre-commit hook and the CI example run the real commands."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from kbtest import REPO, Project

BIN = Path(sys.executable).parent


def test_pre_commit_runs_kb_validate_on_content() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = config["repos"][0]["hooks"][0]
    assert hook["entry"] == "scripts/kb-validate" and hook["files"] == "^content/"
    assert hook["language"] == "system"


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(root.parent / "pre-commit-home"),
           "GIT_AUTHOR_NAME": "บรรณาธิการ", "GIT_AUTHOR_EMAIL": "editor@example.go.th",
           "GIT_COMMITTER_NAME": "บรรณาธิการ", "GIT_COMMITTER_EMAIL": "editor@example.go.th",
           "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}  # fmt: skip
    return subprocess.run(["git", *args], cwd=root, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)  # fmt: skip


def test_pre_commit_hook_works_in_a_clone_after_make(tmp_path: Path) -> None:
    """A content repository as `make` leaves it (.venv/bin/kb, no kb on PATH)."""
    project = Project(tmp_path / "repo").base()
    root = project.root
    shutil.copy(REPO / ".pre-commit-config.yaml", root)
    (root / "scripts").mkdir()
    shutil.copy(REPO / "scripts" / "kb-validate", root / "scripts")
    (root / ".venv").symlink_to(BIN.parent)
    (root / ".gitignore").write_text(".venv\n", encoding="utf-8")
    assert _git(root, "init", "-q").returncode == 0
    installed = subprocess.run([str(BIN / "pre-commit"), "install"], cwd=root,
                               capture_output=True, text=True)  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    _git(root, "add", "-A")
    good = _git(root, "commit", "-qm", "เนื้อหาแรก")
    assert good.returncode == 0, good.stdout
    assert "kb validate (ตรวจเนื้อหา)" in good.stdout and "Passed" in good.stdout
    project.write("provinces/p3.yml", "title: แพร่\nname_en: Phrae\n")
    _git(root, "add", "-A")
    bad = _git(root, "commit", "-qm", "จังหวัดใหม่")
    assert bad.returncode == 1 and "Failed" in bad.stdout
    assert "content/provinces/p3.yml:1:1: error: group: required field is missing" in bad.stdout
    (root / ".venv").unlink()
    missing = _git(root, "commit", "-qm", "จังหวัดใหม่")
    assert missing.returncode == 1
    assert "kb is not set up here: run make once in this folder" in missing.stdout


def test_ci_example_validates_every_push_and_publishes_main() -> None:
    ci = yaml.safe_load((REPO / "docs" / "ci-example.yml").read_text(encoding="utf-8"))
    validate = [s.get("run", "") for s in ci["jobs"]["validate"]["steps"]]
    assert any(step.startswith("kb validate") for step in validate)
    assert ci["jobs"]["publish"]["if"] == "github.ref == 'refs/heads/main'"
    assert any(s.get("run", "").startswith("kb build") for s in ci["jobs"]["publish"]["steps"])
