"""The problems of one record as JSON, for the web forms: kb's own message beside the field.

`kb edit` and `kb serve --watch` answer `/__kb/problems?path=content/<type>/<id>.yml` with
the problems of that file as the last check found them (errors and warnings), each with its
field and the line kb prints, in Thai and English; /admin/'s kb-admin.js shows them.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs

from ..content.problems import Problem

PROBLEMS_URL = "/__kb/problems"


def repo_path(problem: Problem, root: Path) -> str:
    """The problem's file relative to the repository root (the folder holding content/)."""
    path = problem.path.resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


def as_json(problem: Problem) -> dict[str, str | int]:
    """One problem as the form shows it: its field and kb's printed line in both languages."""
    return {"field": problem.field, "severity": problem.severity, "line": problem.line,
            "col": problem.col, "th": problem.format("th"), "en": problem.format("en")}  # fmt: skip


def problems_body(problems: list[Problem], content: Path, query: str) -> bytes:
    """The JSON answer for `?path=` (a file relative to the repository root)."""
    wanted = (parse_qs(query).get("path") or [""])[0].lstrip("/")
    root = content.resolve().parent
    found = [as_json(p) for p in sorted(problems) if repo_path(p, root) == wanted]
    return json.dumps({"path": wanted, "problems": found}, ensure_ascii=False).encode("utf-8")
