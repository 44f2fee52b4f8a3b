"""content/synonyms.yml: groups of words that mean the same (abbreviations, old names).

    - [ก.พ.ร., สำนักงานคณะกรรมการพัฒนาระบบราชการ]
    - [ก.บ.จ., คณะกรรมการบริหารงานจังหวัดแบบบูรณาการ]

Checked like every content file (PATH:LINE:COL problems), copied into the index folder by
the build as JSON and read when an index is opened: a query holding one word of a group also
finds the records holding another (no record is indexed again).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..content.problems import Msg, Problem
from ..content.yamlsafe import Node, YamlError, read_yaml

SYNONYMS_FILE = "synonyms.yml"
INDEX_FILE = "synonyms.json"
MAX_WORD = 100
MAX_VARIANTS = 4  # queries searched besides the one typed
FIELD = "synonyms"
_DOTS = re.compile(r"(?<=[ก-ฮ])\.")

HOW = Msg(
    " (write one group a line: `- [ก.พ.ร., สำนักงานคณะกรรมการพัฒนาระบบราชการ]`)",
    " (เขียนกลุ่มละบรรทัด: `- [ก.พ.ร., สำนักงานคณะกรรมการพัฒนาระบบราชการ]`)",
)


def fold(text: str) -> str:
    """The form words are compared in: cleaned, no dots after Thai letters, spaces single,
    lower case."""
    from .analysis import clean  # whoosh is imported only where a search needs it

    return " ".join(_DOTS.sub("", clean(text)).split()).lower()


def read_synonyms(content: Path, problems: list[Problem]) -> list[list[str]]:
    """The groups of content/synonyms.yml (none if there is no such file); problems added."""
    path = Path(content) / SYNONYMS_FILE
    if not path.is_file():
        return []
    found: list[Problem] = []
    try:
        node = read_yaml(path.read_text("utf-8"))
    except UnicodeDecodeError:
        found.append(Problem(path, 1, 1, "file", Msg(
            "not UTF-8 text: save the file as UTF-8", "ไม่ใช่ข้อความ UTF-8: บันทึกไฟล์เป็น UTF-8")))
        node = None
    except YamlError as exc:
        found.append(Problem(path, exc.line, exc.col, exc.field, exc.message))
        node = None
    groups = _groups(path, node, found) if node is not None else []
    problems.extend(found)
    return [] if found else groups


def _groups(path: Path, node: Node, problems: list[Problem]) -> list[list[str]]:
    if node.kind != "seq":
        problems.append(Problem(path, node.line, node.col, FIELD, Msg(
            "the file is a list of groups of words that mean the same",
            "ไฟล์นี้เป็นรายการกลุ่มคำที่มีความหมายเดียวกัน") + HOW))  # fmt: skip
        return []
    groups, seen = [], {}
    for n, item in enumerate(node.items, 1):
        name = f"{FIELD}[{n}]"
        if item.kind != "seq" or len(item.items) < 2:
            problems.append(Problem(path, item.line, item.col, name, Msg(
                "a group lists two or more words in [ ]",
                "กลุ่มหนึ่งมีคำตั้งแต่สองคำขึ้นไปในวงเล็บ [ ]") + HOW))  # fmt: skip
            continue
        group = [w for m, word in enumerate(item.items, 1)
                 if (w := _word(path, word, f"{name}[{m}]", seen, problems))]  # fmt: skip
        groups.append(group)
    return groups


def _word(path: Path, node: Node, name: str, seen: dict[str, str],
          problems: list[Problem]) -> str | None:  # fmt: skip
    """One word of a group, checked: text, 1–100 characters, in no other place."""
    def problem(message: Msg) -> None:
        problems.append(Problem(path, node.line, node.col, name, message))

    if node.kind != "scalar" or node.is_null or not node.value.strip():
        problem(Msg("write a word or a name here", "ใส่คำหรือชื่อที่นี่") + HOW)
        return None
    word = node.value.strip()
    if len(word) > MAX_WORD:
        problem(Msg(f"longer than {MAX_WORD} characters: shorten it",
                    f"ยาวเกิน {MAX_WORD} ตัวอักษร: ย่อให้สั้นลง"))  # fmt: skip
        return None
    key = fold(word)
    if key in seen:
        problem(Msg(f"'{word}' is already listed at {seen[key]}: keep it in one group only",
                    f"'{word}' มีอยู่แล้วที่ {seen[key]}: ใส่ไว้ในกลุ่มเดียว"))  # fmt: skip
        return None
    seen[key] = name
    return word


def save(groups: list[list[str]], folder: Path) -> None:
    """Write the groups into an index folder."""
    data = [[fold(w) for w in group] for group in groups]
    (Path(folder) / INDEX_FILE).write_text(json.dumps(data, ensure_ascii=False), "utf-8")


class Synonyms:
    """The groups of an index folder, to widen queries."""

    def __init__(self, folder: Path) -> None:
        try:
            data = json.loads((Path(folder) / INDEX_FILE).read_text("utf-8"))
            self.groups = [[str(w) for w in g] for g in data if isinstance(g, list)]
        except (OSError, ValueError, TypeError):
            self.groups = []

    def variants(self, query: str) -> list[str]:
        """Other queries meaning the same: each word of a group found in the query replaced
        by the others of its group (at most MAX_VARIANTS)."""
        folded, out = fold(query), []
        for group in self.groups:
            for word in group:
                if word and word in folded:
                    out += [folded.replace(word, other) for other in group if other != word]
        return list(dict.fromkeys(v for v in out if v != folded))[:MAX_VARIANTS]
