"""The pre-commit hook and the CI example run the real commands."""

from __future__ import annotations

import yaml
from kbtest import REPO


def test_pre_commit_runs_kb_validate_on_content() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = config["repos"][0]["hooks"][0]
    assert hook["entry"].startswith("kb validate") and hook["files"] == "^content/"


def test_ci_example_validates_every_push_and_publishes_main() -> None:
    ci = yaml.safe_load((REPO / "docs" / "ci-example.yml").read_text(encoding="utf-8"))
    validate = [s.get("run", "") for s in ci["jobs"]["validate"]["steps"]]
    assert any(step.startswith("kb validate") for step in validate)
    assert ci["jobs"]["publish"]["if"] == "github.ref == 'refs/heads/main'"
    assert any(s.get("run", "").startswith("kb build") for s in ci["jobs"]["publish"]["steps"])
