"""Problems found in content: where, which field, what is wrong and how to fix it."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True, order=True)
class Msg:
    """A message in English and in Thai; `+` joins two messages (or a message and text)."""

    en: str
    th: str

    def __add__(self, other: Msg | str) -> Msg:
        other = other if isinstance(other, Msg) else Msg(other, other)
        return Msg(self.en + other.en, self.th + other.th)

    def __radd__(self, other: str) -> Msg:
        return Msg(other, other) + self

    def __str__(self) -> str:
        return self.en

    def text(self, lang: str = "en") -> str:
        return self.th if lang == "th" else self.en


LANGS = ("en", "th")
ERROR, WARNING = "error", "warning"


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
    message: Msg
    """What is wrong and how to fix it, in English and Thai."""
    severity: str = ERROR
    """`error` (the file must be fixed; the build stops) or `warning` (shown, nothing stops)."""

    def format(self, lang: str = "en") -> str:
        where = f"{display_path(self.path)}:{self.line}:{self.col}"
        return f"{where}: {self.severity}: {self.field}: {_text(self.message, lang)}"  # SPEC


def _text(message: Msg | str, lang: str) -> str:
    return message.text(lang) if isinstance(message, Msg) else message


def display_path(path: Path) -> str:
    """The path relative to the current directory when below it, else as given."""
    try:
        return _relative(os.fspath(path), os.getcwd())
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


@lru_cache(maxsize=16_384)
def _relative(path: str, cwd: str) -> str:
    """os.path.relpath, once per file and folder (a plan may carry hundreds of warnings)."""
    return os.path.relpath(path, cwd)


def summary(problems: list[Problem], files: int, lang: str = "en",
            warnings: int = 0) -> str:  # fmt: skip
    """The last line of `kb validate` (with how many warnings, when there are some)."""
    line = _summary(problems, files, lang)
    if not warnings:
        return line
    if lang == "th":
        return f"{line} (คำเตือน {warnings} รายการ)"
    return f"{line[:-1] if line.endswith('.') else line}; {warnings} warning" + (
        "s." if warnings > 1 else ".")  # fmt: skip


def _summary(problems: list[Problem], files: int, lang: str) -> str:
    bad = len({p.path for p in problems})
    if lang == "th":
        if not problems:
            return f"ตรวจ {files} ไฟล์: ไม่พบข้อผิดพลาด"
        return f"ตรวจ {files} ไฟล์: พบข้อผิดพลาด {len(problems)} รายการ ใน {bad} ไฟล์"
    if not problems:
        return f"{files} files checked: no problems found."
    noun = "problem" if len(problems) == 1 else "problems"
    return f"{files} files checked: {len(problems)} {noun} in {bad} of them."


def _order(problem: Problem) -> tuple:
    return (problem.path, problem.line, problem.col, problem.field, str(problem.message))


def report(problems: list[Problem], lang: str = "en") -> str:
    """Every problem on its own line."""
    return "\n".join(p.format(lang) for p in sorted(problems, key=_order))


def did_you_mean(word: str, choices: list[str] | tuple[str, ...], prefix: str = "") -> Msg:
    """`; did you mean 'x'?` for the closest choice, or an empty message when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        return Msg("", "")
    return Msg(f"; did you mean '{prefix}{close[0]}'?", f" หมายถึง '{prefix}{close[0]}' หรือไม่")


def default_lang() -> str:
    """Thai when the locale says so (LC_ALL, LC_MESSAGES or LANG starting with th), else English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "th" if value.lower().startswith("th") else "en"
    return "en"
