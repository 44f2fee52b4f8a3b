"""The validator: every bad file gets its exact message line, and good content none."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bad_corpus import CASES
from kbtest import REPO, Project

from generator.content.validate import load_corpus


def write_case(project: Project, files: dict[str, str]) -> None:
    for rel, text in files.items():
        if rel.endswith("c.yml") and "๑" not in text and not text.isascii() and _is_latin1(text):
            (project.content / rel).parent.mkdir(parents=True, exist_ok=True)
            (project.content / rel).write_bytes(text.encode("latin-1"))  # the not-UTF-8 case
        else:
            project.write(rel, text)


def _is_latin1(text: str) -> bool:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize("name", list(CASES))
def test_bad_file_gets_exact_message(project: Project, name: str) -> None:
    files, expected = CASES[name]
    write_case(project, files)
    started = time.perf_counter()
    _, problems = load_corpus(Path("content"))
    assert [p.format() for p in problems] == expected
    assert time.perf_counter() - started < 5  # bombs and deep nesting fail fast, never hang


def test_corpus_has_enough_cases() -> None:
    assert len(CASES) >= 25
    assert all(expected for _, expected in CASES.values())


def test_base_project_is_valid(project: Project) -> None:
    corpus, problems = load_corpus(Path("content"))
    assert problems == []
    assert sorted(corpus.records["provinces"]) == ["p1", "p2"]


def test_real_content_is_valid() -> None:
    corpus, problems = load_corpus(REPO / "content")
    assert [p.format() for p in problems] == []
    assert len(corpus.records["groups"]) == 18
    assert len(corpus.records["provinces"]) == 75
    assert len(corpus.records["orders"]) == 5


def test_all_problems_of_all_files_in_one_run(project: Project) -> None:
    for name in ("typo-field", "negative-budget", "end-before-start", "bad-id"):
        files, _ = CASES[name]
        for rel, text in files.items():
            project.write(rel.replace("c.yml", f"c-{len(name)}.yml"), text)
    _, problems = load_corpus(Path("content"))
    assert len(problems) == 4
    assert len({p.path for p in problems}) == 4


def test_values_keep_what_was_written(project: Project) -> None:
    project.write("circulars/c.yml", """
        title: NO
        number: 0755
        date: "2553-01-19"
        issuer: on
        to: 10:00
        summary: 1.10
        tags: [yes, 1e3]
        """)
    corpus, problems = load_corpus(Path("content"))
    assert problems == []
    data = corpus.get("circulars", "c").data
    assert (data["title"], data["number"], data["issuer"]) == ("NO", "0755", "on")
    assert (data["to"], data["summary"], data["tags"]) == ("10:00", "1.10", ["yes", "1e3"])
    assert data["date"].iso() == "2010-01-19"


def test_thai_and_arabic_order_numbers_are_equal(project: Project) -> None:
    project.write("orders/o1.yml", 'title: ก\nnumber: "๑/๒๕๕๒"\ndate: 2552\nissuer: ก.น.จ.\n')
    corpus, problems = load_corpus(Path("content"))
    assert problems == []
    assert corpus.get("orders", "o1").data["number"] == "1/2552"


def test_kb_validate_command(project: Project) -> None:
    kb = [sys.executable, "-m", "generator.cli"]
    ok = subprocess.run([*kb, "validate"], capture_output=True, text=True, cwd=project.root)
    assert (ok.returncode, ok.stdout) == (0, "4 files checked: no problems found.\n")
    files, expected = CASES["typo-field"]
    write_case(project, files)
    bad = subprocess.run([*kb, "validate", "--content", "content"], capture_output=True,
                         text=True, cwd=project.root)  # fmt: skip
    assert bad.returncode == 1
    assert bad.stdout.splitlines() == [*expected, "5 files checked: 1 problem in 1 of them."]


def test_kb_validate_missing_folder(tmp_path: Path) -> None:
    for command in ("validate", "build"):
        kb = [sys.executable, "-m", "generator.cli", command, "--content", "nowhere",
              "--lang", "en"]  # fmt: skip
        result = subprocess.run(kb, capture_output=True, text=True, cwd=tmp_path)
        assert result.returncode == 1 and result.stdout == ""
        assert result.stderr.splitlines() == [
            f"kb {command}: the folder 'nowhere' does not exist: run kb in the folder that "
            "holds content/, or give the right one with --content DIR"
        ]
    assert not (tmp_path / "site").exists()


THAI = re.compile("[\u0e01-\u0e4f]")


@pytest.mark.parametrize("name", list(CASES))
def test_thai_message_for_every_bad_file(project: Project, name: str) -> None:
    files, expected = CASES[name]
    write_case(project, files)
    _, problems = load_corpus(Path("content"))
    for problem, english in zip(problems, expected, strict=True):
        thai = problem.format("th")
        where = english.split(": error: ")[0]
        field = english.split(": error: ")[1].split(": ")[0]
        assert thai.startswith(f"{where}: error: {field}: ")  # same place, same field
        message = thai.split(f"{field}: ", 1)[1]
        assert thai != english and THAI.search(message.replace(field, "")), thai


def test_kb_validate_in_thai(project: Project) -> None:
    write_case(project, CASES["typo-field"][0])
    kb = [sys.executable, "-m", "generator.cli", "validate"]
    thai = subprocess.run([*kb, "--lang", "th"], capture_output=True, text=True,
                          cwd=project.root)  # fmt: skip
    assert thai.stdout.splitlines() == [
        "content/circulars/c.yml:4:1: error: isuer: ไม่รู้จักฟิลด์นี้ หมายถึง 'issuer' หรือไม่ "
        "ซึ่ง 'issuer' เป็นฟิลด์ที่จำเป็นและยังไม่มี: เปลี่ยนชื่อนี้เป็น 'issuer'",
        "ตรวจ 5 ไฟล์: พบข้อผิดพลาด 1 รายการ ใน 1 ไฟล์",
    ]
    env = {**os.environ, "LANG": "th_TH.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    by_locale = subprocess.run(kb, capture_output=True, text=True, cwd=project.root, env=env)
    assert by_locale.stdout == thai.stdout
