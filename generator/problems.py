"""Problems found in content: where, which field, what is wrong and how to fix it."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, printed as `PATH:LINE:COL: error: FIELD: message`."""

    path: Path
    """The file, shown relative to the current directory."""
    line: int
    """1-based line of the offending value (or of the mapping that lacks a field)."""
    col: int
    """1-based column."""
    field: str
    """The field, dotted with 1-based list positions (`strategies[2].projects[1].budget`)."""
    message: str
    """What is wrong and how to fix it."""

    def format(self) -> str:
        where = f"{display_path(self.path)}:{self.line}:{self.col}"
        return f"{where}: error: {self.field}: {self.message}"


class ContentError(Exception):
    """Raised by the build when content has problems; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(report(self.problems))


def display_path(path: Path) -> str:
    """The path relative to the current directory when below it, else as given."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def summary(problems: list[Problem], files: int) -> str:
    """The last line of `kb validate`."""
    if not problems:
        return f"{files} files checked: no problems found."
    bad = len({p.path for p in problems})
    noun = "problem" if len(problems) == 1 else "problems"
    return f"{files} files checked: {len(problems)} {noun} in {bad} of them."


def report(problems: list[Problem]) -> str:
    """Every problem on its own line."""
    return "\n".join(p.format() for p in sorted(problems))


def did_you_mean(word: str, choices: list[str] | tuple[str, ...], quote: str = "'") -> str:
    """`; did you mean 'x'?` for the closest choice, or '' when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {quote}{close[0]}{quote}?" if close else ""
