"""When each content file last changed, from git history (one `git log` for all files)."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

from ..exports.feeds import BANGKOK


def last_changed(content: Path) -> dict[Path, datetime]:
    """Resolved file path → time of the last commit that touched it; {} outside git."""
    try:
        top = _git(content, "rev-parse", "--show-toplevel").strip()
        log = _git(content, "log", "--format=@%ct", "--name-only", "--no-renames", "--", ".")
    except (OSError, subprocess.CalledProcessError):
        return {}
    changed: dict[Path, datetime] = {}
    when = None
    for line in log.splitlines():
        if line.startswith("@"):
            when = datetime.fromtimestamp(int(line[1:]), BANGKOK)
        elif line and when is not None:
            changed.setdefault((Path(top) / line).resolve(), when)
    return changed


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True,
                          timeout=120).stdout  # fmt: skip
